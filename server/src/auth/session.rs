//! Sessions: the cookie, what is stored in a session, and the middleware that turns a
//! session into the [`SessionUser`] server functions see.

use std::net::SocketAddr;
use std::sync::Arc;

use app::api::backend::{BrowserSession, Connection, SessionHandle};
use app::api::AppError;
use axum::extract::{ConnectInfo, Request, State};
use axum::http::{header, Method, StatusCode};
use axum::middleware::Next;
use axum::response::{IntoResponse, Response};
use serde::{Deserialize, Serialize};
use tower_sessions::cookie::SameSite;
use tower_sessions::{Expiry, Session, SessionManagerLayer};

use crate::db::{self, sessions::SqlSessionStore, Db};
use crate::error::internal;

/// The cookie's name over plain http (development, tests on 127.0.0.1).
pub const COOKIE_NAME: &str = "obzvon_session";
/// The cookie's name over https: the `__Host-` prefix makes browsers refuse it unless it is
/// Secure, has `Path=/` and no `Domain`, so a sibling subdomain cannot plant or shadow it.
pub const SECURE_COOKIE_NAME: &str = "__Host-obzvon_session";
const AUTH_KEY: &str = "auth";
/// A signed-in session ends after this long without a request.
pub const IDLE: time::Duration = time::Duration::hours(12);
/// ...and this long after sign-in however busy it is (then sign in again).
pub const ABSOLUTE: time::Duration = time::Duration::days(30);
/// Use renews the idle timeout, but with a database write at most this often.
const TOUCH_EVERY_MS: i64 = 60_000;

/// The one message a user who must change the first password gets from everything else.
pub const CHANGE_PASSWORD_FIRST: &str = "Change your password first (Account page).";
/// Where such a user is sent (the page itself; the query asks it to explain why).
pub const CHANGE_PASSWORD_PAGE: &str = "/account";
const CHANGE_PASSWORD_REDIRECT: &str = "/account?change=first";

/// What a session remembers about its user. `auth_version` must still match the user's:
/// a password change or disabling raises it, which ends older sessions.
#[derive(Clone, Copy, Debug, Serialize, Deserialize)]
pub struct SessionAuth {
    pub user_id: i64,
    pub auth_version: i64,
    /// When this session was last renewed (Unix ms); drives the once-a-minute renewal.
    #[serde(default)]
    pub last_seen_ms: i64,
}

impl SessionAuth {
    pub fn new(user_id: i64, auth_version: i64) -> Self {
        SessionAuth { user_id, auth_version, last_seen_ms: db::now_ms() }
    }
}

pub fn cookie_name(secure: bool) -> &'static str {
    if secure {
        SECURE_COOKIE_NAME
    } else {
        COOKIE_NAME
    }
}

pub fn layer(db: Db, secure: bool) -> SessionManagerLayer<SqlSessionStore> {
    SessionManagerLayer::new(SqlSessionStore::new(db, ABSOLUTE.whole_milliseconds() as i64))
        .with_name(cookie_name(secure))
        .with_http_only(true)
        .with_same_site(SameSite::Strict)
        .with_secure(secure)
        .with_path("/")
        .with_expiry(Expiry::OnInactivity(IDLE))
}

pub async fn sign_in(session: &Session, auth: SessionAuth) -> Result<(), tower_sessions::session::Error> {
    // A new id on sign-in: a session id planted before login is worthless afterwards.
    session.cycle_id().await?;
    session.insert(AUTH_KEY, auth).await
}

pub async fn update(session: &Session, auth: SessionAuth) -> Result<(), tower_sessions::session::Error> {
    session.insert(AUTH_KEY, auth).await
}

pub async fn sign_out(session: &Session) -> Result<(), tower_sessions::session::Error> {
    session.flush().await
}

/// Every hour: deletes expired sessions and forgets ended sign-in attempt windows (auditing
/// what they refused). Stops at `stop`.
pub fn spawn_cleanup(db: Db, stop: tokio_util::sync::CancellationToken) -> tokio::task::JoinHandle<()> {
    use tower_sessions::session_store::ExpiredDeletion;
    let store = SqlSessionStore::new(db.clone(), ABSOLUTE.whole_milliseconds() as i64);
    tokio::spawn(async move {
        let mut every_hour = tokio::time::interval(std::time::Duration::from_secs(3600));
        loop {
            tokio::select! {
                _ = stop.cancelled() => return,
                _ = every_hour.tick() => {}
            }
            if let Err(error) = store.delete_expired().await {
                tracing::warn!(%error, "could not delete expired sessions");
            }
            if let Err(error) = crate::auth::throttle::prune(&db).await {
                tracing::warn!(%error, "could not prune ended sign-in attempt windows");
            }
        }
    })
}

/// The browser session as the contract sees it: sign-in, keeping it over a password change,
/// sign-out.
struct CookieSession(Session);

#[async_trait::async_trait]
impl BrowserSession for CookieSession {
    async fn sign_in(&self, user_id: i64, auth_version: i64) -> Result<(), AppError> {
        sign_in(&self.0, SessionAuth::new(user_id, auth_version))
            .await
            .map_err(|error| internal("start a session", error.into()))
    }

    async fn keep(&self, user_id: i64, auth_version: i64) -> Result<(), AppError> {
        update(&self.0, SessionAuth::new(user_id, auth_version))
            .await
            .map_err(|error| internal("update the session", error.into()))
    }

    async fn sign_out(&self) -> Result<(), AppError> {
        sign_out(&self.0).await.map_err(|error| internal("end the session", error.into()))
    }
}

/// Gives every request its [`Connection`] (the client's address and the session, for the
/// server functions) and puts the signed-in user into the request's extensions, if the
/// session names a user who
/// is still active and whose credentials have not changed since. Renews the idle timeout
/// (a changed session is saved with a fresh expiry and cookie) at most once a minute, and
/// holds a user who must change the first password to that.
pub async fn resolve_user(
    State(db): State<Db>,
    session: Session,
    mut request: Request,
    next: Next,
) -> Response {
    let client_ip = request.extensions().get::<ConnectInfo<SocketAddr>>().map(|info| info.0.ip());
    let connection =
        Connection { client_ip, session: SessionHandle(Arc::new(CookieSession(session.clone()))) };
    request.extensions_mut().insert(connection);
    let mut must_change_password = false;
    match session.get::<SessionAuth>(AUTH_KEY).await {
        Ok(Some(auth)) => match db::users::find_by_id(&db, auth.user_id).await {
            Ok(Some(user)) if !user.disabled && user.auth_version == auth.auth_version => {
                let now = db::now_ms();
                if now - auth.last_seen_ms >= TOUCH_EVERY_MS {
                    let renewed = SessionAuth { last_seen_ms: now, ..auth };
                    if let Err(error) = session.insert(AUTH_KEY, renewed).await {
                        tracing::warn!(%error, "could not renew the session");
                    }
                }
                must_change_password = user.must_change_password;
                request.extensions_mut().insert(user.session_user());
            }
            Ok(_) => {
                let _ = session.flush().await;
            }
            Err(error) => tracing::error!(%error, "could not load the session's user"),
        },
        Ok(None) => {}
        Err(error) => tracing::warn!(%error, "could not read the session"),
    }
    if must_change_password {
        if let Some(refusal) = first_password_gate(request.method(), request.uri().path()) {
            return refusal;
        }
    }
    next.run(request).await
}

/// What a user who must change the first password may still reach: the change itself,
/// who-am-I, sign-out, the Account page and the browser files. Pages redirect to the
/// Account page; everything else is 403.
fn first_password_gate(method: &Method, path: &str) -> Option<Response> {
    const ALLOWED_API: [&str; 3] = ["/api/auth/password", "/api/auth/logout", "/api/auth/me"];
    if ALLOWED_API.contains(&path)
        || path == CHANGE_PASSWORD_PAGE
        || path == "/login"
        || path == "/healthz"
        || path.starts_with("/pkg/")
        || path.starts_with("/v/")
    {
        return None;
    }
    if path.starts_with("/api/") || method != Method::GET {
        let body = serde_json::to_string(&app::api::AppError::Forbidden(CHANGE_PASSWORD_FIRST.into()))
            .unwrap_or_default();
        return Some(
            (StatusCode::FORBIDDEN, [(header::CONTENT_TYPE, "application/json")], body).into_response(),
        );
    }
    Some((StatusCode::SEE_OTHER, [(header::LOCATION, CHANGE_PASSWORD_REDIRECT)]).into_response())
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn the_first_password_gate_lets_through_only_the_change_and_its_page() {
        for path in ["/api/auth/password", "/api/auth/me", "/api/auth/logout", "/account", "/pkg/obzvon.js"] {
            assert!(first_password_gate(&Method::GET, path).is_none(), "{path}");
        }
        assert!(first_password_gate(&Method::GET, "/campaigns/1/results.xlsx").is_some());
        let refused = first_password_gate(&Method::POST, "/api/campaigns/list").unwrap();
        assert_eq!(refused.status(), StatusCode::FORBIDDEN);
        let redirected = first_password_gate(&Method::GET, "/campaigns").unwrap();
        assert_eq!(redirected.status(), StatusCode::SEE_OTHER);
        assert_eq!(redirected.headers()[header::LOCATION], "/account?change=first");
    }
}
