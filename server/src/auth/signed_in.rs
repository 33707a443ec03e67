//! Sign-in for the plain axum routes (uploads, downloads, the board's event stream), as an
//! extractor: the session middleware has already put the user into the request, so a
//! handler that takes [`SignedIn`] only runs for a signed-in user, and every signed-out
//! request to such a route gets the same answer.

use app::api::types::SessionUser;
use app::api::Permission;
use app::i18n::Lang;
use axum::extract::FromRequestParts;
use axum::http::request::Parts;
use axum::http::{header, Method, StatusCode};
use axum::response::{IntoResponse, Response};

/// The signed-in user of a plain route.
#[derive(Clone, Debug)]
pub struct SignedIn(pub SessionUser);

impl SignedIn {
    /// The user, if their role allows `permission`; otherwise the 403 that names it.
    pub fn may(&self, permission: Permission) -> Result<&SessionUser, Forbidden> {
        if self.0.role.allows(permission) {
            Ok(&self.0)
        } else {
            Err(Forbidden { permission, lang: self.0.lang.unwrap_or_default() })
        }
    }
}

/// The one answer to a signed-out request: to the sign-in page, which brings a page or a
/// download (GET) back to where it was asked for. A form post cannot be replayed after
/// sign-in, so it goes to sign-in only.
#[derive(Debug)]
pub struct SignedOut {
    next: Option<String>,
}

impl SignedOut {
    pub fn location(&self) -> String {
        match &self.next {
            Some(next) => {
                format!("/login?{}", serde_urlencoded::to_string([("next", next)]).unwrap_or_default())
            }
            None => "/login".into(),
        }
    }
}

impl IntoResponse for SignedOut {
    fn into_response(self) -> Response {
        (StatusCode::SEE_OTHER, [(header::LOCATION, self.location())], "Sign in first.").into_response()
    }
}

/// A signed-in user whose role does not allow what the route does; told so in the language
/// they chose (a plain route has no page to take the browser's from).
#[derive(Debug)]
pub struct Forbidden {
    pub permission: Permission,
    pub lang: Lang,
}

impl IntoResponse for Forbidden {
    fn into_response(self) -> Response {
        let refusal = app::i18n::in_lang(self.lang, || self.permission.refusal());
        (StatusCode::FORBIDDEN, refusal).into_response()
    }
}

impl<S: Send + Sync> FromRequestParts<S> for SignedIn {
    type Rejection = SignedOut;

    async fn from_request_parts(parts: &mut Parts, _state: &S) -> Result<Self, Self::Rejection> {
        match parts.extensions.get::<SessionUser>() {
            Some(user) => Ok(SignedIn(user.clone())),
            None => Err(SignedOut {
                next: (parts.method == Method::GET)
                    .then(|| parts.uri.path_and_query().map(|p| p.as_str().to_string()))
                    .flatten(),
            }),
        }
    }
}

#[cfg(test)]
mod tests {
    use super::*;
    use app::api::Role;

    fn parts(method: Method, uri: &str, user: Option<SessionUser>) -> Parts {
        let (mut parts, ()) =
            axum::http::Request::builder().method(method).uri(uri).body(()).unwrap().into_parts();
        if let Some(user) = user {
            parts.extensions.insert(user);
        }
        parts
    }

    fn user(role: Role) -> SessionUser {
        SessionUser { id: 7, username: "lead".into(), display_name: "Lead".into(), role, lang: None }
    }

    #[tokio::test]
    async fn a_signed_out_download_is_sent_to_sign_in_and_back() {
        let mut asked = parts(Method::GET, "/campaigns/3/results.csv?status=talked", None);
        let refused = SignedIn::from_request_parts(&mut asked, &()).await.unwrap_err();
        assert_eq!(refused.location(), "/login?next=%2Fcampaigns%2F3%2Fresults.csv%3Fstatus%3Dtalked");
        assert_eq!(refused.into_response().status(), StatusCode::SEE_OTHER);
    }

    #[tokio::test]
    async fn a_signed_out_post_is_sent_to_sign_in_only() {
        let mut asked = parts(Method::POST, "/campaigns/3/leads/upload", None);
        let refused = SignedIn::from_request_parts(&mut asked, &()).await.unwrap_err();
        assert_eq!(refused.location(), "/login");
    }

    #[tokio::test]
    async fn the_role_decides_what_a_signed_in_user_may_do() {
        let mut asked = parts(Method::GET, "/x", Some(user(Role::Marketer)));
        let signed_in = SignedIn::from_request_parts(&mut asked, &()).await.unwrap();
        assert!(signed_in.may(Permission::ViewCampaigns).is_ok());
        let refused = signed_in.may(Permission::ManageUsers).unwrap_err();
        assert_eq!(refused.into_response().status(), StatusCode::FORBIDDEN);
    }
}
