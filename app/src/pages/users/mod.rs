//! Users: add a user, change a role, disable and enable, reset a password. Only an
//! administrator sees this page; nobody can change or disable their own account here.
//!
//! This module holds the page and reports the last action's outcome; `new_user` is the form
//! that adds one, `table` lists everyone with their actions.

mod new_user;
mod table;

use leptos::prelude::*;
use leptos_meta::Title;

use crate::api::users::*;
use crate::api::{AppError, Permission};
use crate::components::auth::Guard;
use crate::components::feedback::{ErrorBanner, Notice};
use crate::i18n::{fill, t};

use new_user::NewUser;
use table::UserTable;

#[component]
pub fn UsersPage() -> impl IntoView {
    let t = t();
    view! {
        <Title text=format!("{}{}", t.users.title, t.common.title_suffix)/>
        <Guard permission=Permission::ManageUsers>
            <UsersAdmin/>
        </Guard>
    }
}

/// Outcome of the last action on this page, shown in one place at the top.
#[derive(Clone, Copy)]
struct Feedback {
    error: RwSignal<Option<AppError>>,
    notice: RwSignal<Option<String>>,
}

impl Feedback {
    fn report<T>(&self, result: Option<Result<T, AppError>>, success: impl FnOnce(T) -> String) {
        match result {
            Some(Ok(value)) => {
                self.error.set(None);
                self.notice.set(Some(success(value)));
            }
            Some(Err(error)) => {
                self.notice.set(None);
                self.error.set(Some(error));
            }
            None => {}
        }
    }
}

#[component]
fn UsersAdmin() -> impl IntoView {
    let create = ServerAction::<CreateUser>::new();
    let set_role = ServerAction::<SetUserRole>::new();
    let set_disabled = ServerAction::<SetUserDisabled>::new();
    let reset = ServerAction::<ResetPassword>::new();
    let users = Resource::new(
        move || (create.version().get(), set_role.version().get(), set_disabled.version().get()),
        |_| list_users(),
    );
    let feedback = Feedback { error: RwSignal::new(None), notice: RwSignal::new(None) };
    let t = &t().users;
    Effect::new(move |_| {
        feedback.report(set_role.value().get(), |user| {
            fill(t.role_changed, &[&user.username, &user.role.label().to_lowercase()])
        })
    });
    Effect::new(move |_| {
        feedback.report(set_disabled.value().get(), |user| {
            if user.disabled {
                fill(t.disabled_notice, &[&user.username])
            } else {
                fill(t.enabled_notice, &[&user.username])
            }
        })
    });
    Effect::new(move |_| feedback.report(reset.value().get(), |()| t.password_reset.to_string()));

    view! {
        <header class="page-head">
            <h1>{t.title}</h1>
        </header>
        <ErrorBanner error=feedback.error/>
        <Notice message=feedback.notice/>
        <NewUser create/>
        <section class="card">
            <h2>{t.everyone}</h2>
            <Transition fallback=move || view! { <p class="muted">{t.loading}</p> }>
                {move || Suspend::new(async move {
                    match users.await {
                        Ok(list) => view! { <UserTable list set_role set_disabled reset/> }.into_any(),
                        Err(error) => view! { <ErrorBanner error=Some(error)/> }.into_any(),
                    }
                })}
            </Transition>
        </section>
    }
}
