//! Who is signed in, shared by every page, and the gate in front of pages a role may not see.

use leptos::prelude::*;
use leptos_router::components::Redirect;
use leptos_router::hooks::use_location;

use crate::api::auth::{me, Login, Logout};
use crate::api::types::SessionUser;
use crate::api::{AppError, Permission};
use crate::components::feedback::ErrorBanner;

#[derive(Clone, Copy)]
pub struct Auth {
    pub user: Resource<Result<Option<SessionUser>, AppError>>,
    pub login: ServerAction<Login>,
    pub logout: ServerAction<Logout>,
}

pub fn provide_auth() {
    let login = ServerAction::<Login>::new();
    let logout = ServerAction::<Logout>::new();
    // Blocking, so that the server waits for it before sending headers: redirects to the
    // login page and 403 statuses are then real HTTP answers, not just text. Signing in or
    // out loads a fresh page (see `full_page_load`), so this is fetched once per page load.
    let user = Resource::new_blocking(|| (), |_| me());
    provide_context(Auth { user, login, logout });
}

pub fn use_auth() -> Auth {
    expect_context::<Auth>()
}

/// The signed-in user, inside a [`Guard`] (which provides it once known).
pub fn signed_in_user() -> Option<SessionUser> {
    use_context::<SessionUser>()
}

/// Shows its children only to users with `permission`; sends visitors to the login page and
/// tells users without the permission why they cannot see the page.
#[component]
pub fn Guard(permission: Permission, children: ChildrenFn) -> impl IntoView {
    let auth = use_auth();
    let location = use_location();
    let children = StoredValue::new(children);
    // Resources are awaited inside `Suspend`, not read with `.get()`: several boundaries
    // reading shared resources with `.get()` can stall server rendering (leptos #4578).
    view! {
        <Transition fallback=|| view! { <p class="muted">{crate::i18n::t().common.loading}</p> }>
            {move || Suspend::new(async move {
                match auth.user.await {
                    Ok(Some(user)) if user.role.allows(permission) => {
                        provide_context(user);
                        children.read_value()().into_any()
                    }
                    Ok(Some(_)) => view! { <Forbidden message=permission.refusal()/> }.into_any(),
                    Ok(None) => {
                        let here = location.pathname.get_untracked();
                        let path = format!("/login?next={}", encode_path(&here));
                        view! { <Redirect path/> }.into_any()
                    }
                    Err(error) => view! { <ErrorBanner error=Some(error)/> }.into_any(),
                }
            })}
        </Transition>
    }
}

/// The page shown instead of one the user's role may not see (HTTP 403).
#[component]
pub fn Forbidden(message: String) -> impl IntoView {
    #[cfg(feature = "ssr")]
    if let Some(response) = use_context::<leptos_axum::ResponseOptions>() {
        response.set_status(http::StatusCode::FORBIDDEN);
    }
    let t = &crate::i18n::t().common;
    view! {
        <section class="empty-state" data-testid="forbidden">
            <h1>{t.forbidden_heading}</h1>
            <p>{message}</p>
            <p><a href="/campaigns">{t.back_to_campaigns}</a></p>
        </section>
    }
}

/// Loads `path` as a new page. Used when the signed-in user changes, so that nothing the
/// previous user saw stays in the browser's memory.
pub fn full_page_load(path: &str) {
    #[cfg(feature = "hydrate")]
    {
        let _ = window().location().assign(path);
    }
    #[cfg(not(feature = "hydrate"))]
    let _ = path;
}

/// Keeps a local path safe to put into a query string.
fn encode_path(path: &str) -> String {
    path.chars()
        .map(|c| match c {
            'a'..='z' | 'A'..='Z' | '0'..='9' | '/' | '-' | '_' | '.' => c.to_string(),
            other => {
                let mut buf = [0u8; 4];
                other.encode_utf8(&mut buf).bytes().map(|b| format!("%{b:02X}")).collect()
            }
        })
        .collect()
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn paths_are_encoded_for_a_query_string() {
        assert_eq!(encode_path("/a b?c"), "/a%20b%3Fc");
    }
}
