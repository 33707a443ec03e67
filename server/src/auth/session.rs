//! Sessions: the cookie, what is stored in a session, and the middleware that turns a
//! session into the [`SessionUser`] server functions see.

use axum::extract::{Request, State};
use axum::middleware::Next;
use axum::response::Response;
use serde::{Deserialize, Serialize};
use tower_sessions::cookie::SameSite;
use tower_sessions::{Expiry, Session, SessionManagerLayer};

use crate::db::{self, sessions::SqlSessionStore, Db};

pub const COOKIE_NAME: &str = "obzvon_session";
const AUTH_KEY: &str = "auth";
/// Signed-in sessions end after a week without use.
const IDLE_DAYS: i64 = 7;

/// What a session remembers about its user. `auth_version` must still match the user's:
/// a password change or disabling raises it, which ends older sessions.
#[derive(Clone, Copy, Debug, Serialize, Deserialize)]
pub struct SessionAuth {
    pub user_id: i64,
    pub auth_version: i64,
}

pub fn layer(db: Db, secure: bool) -> SessionManagerLayer<SqlSessionStore> {
    SessionManagerLayer::new(SqlSessionStore::new(db))
        .with_name(COOKIE_NAME)
        .with_http_only(true)
        .with_same_site(SameSite::Strict)
        .with_secure(secure)
        .with_path("/")
        .with_expiry(Expiry::OnInactivity(time::Duration::days(IDLE_DAYS)))
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

/// Puts the signed-in user into the request's extensions, if the session names a user who
/// is still active and whose credentials have not changed since.
pub async fn resolve_user(
    State(db): State<Db>,
    session: Session,
    mut request: Request,
    next: Next,
) -> Response {
    match session.get::<SessionAuth>(AUTH_KEY).await {
        Ok(Some(auth)) => match db::users::find_by_id(&db, auth.user_id).await {
            Ok(Some(user)) if !user.disabled && user.auth_version == auth.auth_version => {
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
    next.run(request).await
}
