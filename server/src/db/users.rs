use app::api::types::SessionUser;
use app::api::Role;
use sqlx::FromRow;

use super::{now_ms, Db};

#[derive(Debug, Clone, FromRow)]
pub struct UserRecord {
    pub id: i64,
    pub username: String,
    pub display_name: String,
    pub role: String,
    pub password_hash: String,
    pub disabled: bool,
    pub auth_version: i64,
    pub created_at: i64,
    pub updated_at: i64,
    pub last_login_at: Option<i64>,
    /// The password is one nobody chose (the generated first one): it must be changed before
    /// anything else.
    pub must_change_password: bool,
    /// The language the user chose ("ru", "en"); NULL follows the browser.
    pub lang: Option<String>,
}

impl UserRecord {
    /// The stored role; the column's CHECK constraint keeps it one of ours.
    pub fn role(&self) -> Role {
        Role::parse(&self.role).unwrap_or(Role::Marketer)
    }

    pub fn session_user(&self) -> SessionUser {
        SessionUser {
            id: self.id,
            username: self.username.clone(),
            display_name: self.display_name.clone(),
            role: self.role(),
            lang: self.lang.as_deref().and_then(app::i18n::Lang::parse),
        }
    }
}

const COLUMNS: &str = "id, username, display_name, role, password_hash, disabled, auth_version, \
                       created_at, updated_at, last_login_at, must_change_password, lang";

pub async fn count(db: &Db) -> sqlx::Result<i64> {
    sqlx::query_scalar("SELECT COUNT(*) FROM users").fetch_one(db).await
}

pub async fn count_active_admins(db: &Db) -> sqlx::Result<i64> {
    sqlx::query_scalar("SELECT COUNT(*) FROM users WHERE role = 'admin' AND disabled = FALSE")
        .fetch_one(db)
        .await
}

pub async fn find_by_id(db: &Db, id: i64) -> sqlx::Result<Option<UserRecord>> {
    sqlx::query_as(&format!("SELECT {COLUMNS} FROM users WHERE id = $1")).bind(id).fetch_optional(db).await
}

pub async fn find_by_username(db: &Db, username: &str) -> sqlx::Result<Option<UserRecord>> {
    sqlx::query_as(&format!("SELECT {COLUMNS} FROM users WHERE username = $1"))
        .bind(username)
        .fetch_optional(db)
        .await
}

pub async fn list(db: &Db) -> sqlx::Result<Vec<UserRecord>> {
    sqlx::query_as(&format!("SELECT {COLUMNS} FROM users ORDER BY username")).fetch_all(db).await
}

pub async fn insert(
    db: &Db,
    username: &str,
    display_name: &str,
    role: Role,
    password_hash: &str,
) -> sqlx::Result<UserRecord> {
    let now = now_ms();
    sqlx::query_as(&format!(
        "INSERT INTO users (username, display_name, role, password_hash, created_at, updated_at) \
         VALUES ($1, $2, $3, $4, $5, $5) RETURNING {COLUMNS}"
    ))
    .bind(username)
    .bind(display_name)
    .bind(role.as_str())
    .bind(password_hash)
    .bind(now)
    .fetch_one(db)
    .await
}

pub async fn set_role(db: &Db, id: i64, role: Role) -> sqlx::Result<Option<UserRecord>> {
    sqlx::query_as(&format!("UPDATE users SET role = $1, updated_at = $2 WHERE id = $3 RETURNING {COLUMNS}"))
        .bind(role.as_str())
        .bind(now_ms())
        .bind(id)
        .fetch_optional(db)
        .await
}

/// Disabling also ends the user's sessions (their `auth_version` no longer matches).
pub async fn set_disabled(db: &Db, id: i64, disabled: bool) -> sqlx::Result<Option<UserRecord>> {
    sqlx::query_as(&format!(
        "UPDATE users SET disabled = $1, auth_version = auth_version + 1, updated_at = $2 \
         WHERE id = $3 RETURNING {COLUMNS}"
    ))
    .bind(disabled)
    .bind(now_ms())
    .bind(id)
    .fetch_optional(db)
    .await
}

/// Marks a password nobody chose, to be changed at first sign-in.
pub async fn require_password_change(db: &Db, id: i64) -> sqlx::Result<()> {
    sqlx::query("UPDATE users SET must_change_password = TRUE, updated_at = $1 WHERE id = $2")
        .bind(now_ms())
        .bind(id)
        .execute(db)
        .await
        .map(|_| ())
}

/// A new password ends every session made with the old one (and settles a pending
/// first-password change).
pub async fn set_password(db: &Db, id: i64, password_hash: &str) -> sqlx::Result<Option<UserRecord>> {
    sqlx::query_as(&format!(
        "UPDATE users SET password_hash = $1, auth_version = auth_version + 1, updated_at = $2, \
         must_change_password = FALSE \
         WHERE id = $3 RETURNING {COLUMNS}"
    ))
    .bind(password_hash)
    .bind(now_ms())
    .bind(id)
    .fetch_optional(db)
    .await
}

pub async fn set_lang(db: &Db, id: i64, lang: Option<&str>) -> sqlx::Result<()> {
    sqlx::query("UPDATE users SET lang = $1, updated_at = $2 WHERE id = $3")
        .bind(lang)
        .bind(now_ms())
        .bind(id)
        .execute(db)
        .await
        .map(|_| ())
}

pub async fn record_login(db: &Db, id: i64) -> sqlx::Result<()> {
    sqlx::query("UPDATE users SET last_login_at = $1 WHERE id = $2")
        .bind(now_ms())
        .bind(id)
        .execute(db)
        .await
        .map(|_| ())
}
