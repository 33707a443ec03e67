//! Counters of sign-in and current-password attempts per fixed window (see
//! `auth::throttle`). Each counter is changed by one statement, so parallel attempts never
//! read the same count.

use super::Db;

/// Counts one more attempt under `scope_key` and answers the count in the current window.
/// A window that began at or before `stale_before` starts over at 1.
pub async fn bump(db: &Db, scope_key: &str, now_ms: i64, stale_before: i64) -> sqlx::Result<i64> {
    // SQLite evaluates every SET expression against the row as it was before the update.
    sqlx::query_scalar(
        "INSERT INTO login_attempts (scope_key, window_start, attempts, refused) VALUES ($1, $2, 1, 0) \
         ON CONFLICT (scope_key) DO UPDATE SET \
           attempts = CASE WHEN login_attempts.window_start <= $3 THEN 1 ELSE login_attempts.attempts + 1 END, \
           refused = CASE WHEN login_attempts.window_start <= $3 THEN 0 ELSE login_attempts.refused END, \
           window_start = CASE WHEN login_attempts.window_start <= $3 THEN $2 ELSE login_attempts.window_start END \
         RETURNING attempts",
    )
    .bind(scope_key)
    .bind(now_ms)
    .bind(stale_before)
    .fetch_one(db)
    .await
}

/// Counts a refused attempt; answers how many were refused in this window so far.
pub async fn add_refused(db: &Db, scope_key: &str) -> sqlx::Result<i64> {
    sqlx::query_scalar(
        "UPDATE login_attempts SET refused = refused + 1 WHERE scope_key = $1 RETURNING refused",
    )
    .bind(scope_key)
    .fetch_optional(db)
    .await
    .map(|refused| refused.unwrap_or(0))
}

/// Takes back one counted attempt (it turned out to be a successful one).
pub async fn undo(db: &Db, scope_key: &str) -> sqlx::Result<()> {
    sqlx::query("UPDATE login_attempts SET attempts = attempts - 1 WHERE scope_key = $1 AND attempts > 0")
        .bind(scope_key)
        .execute(db)
        .await
        .map(|_| ())
}

pub async fn clear(db: &Db, scope_key: &str) -> sqlx::Result<()> {
    sqlx::query("DELETE FROM login_attempts WHERE scope_key = $1")
        .bind(scope_key)
        .execute(db)
        .await
        .map(|_| ())
}

/// A window that ended, with how many attempts it refused.
#[derive(Debug, Clone, sqlx::FromRow)]
pub struct EndedWindow {
    pub scope_key: String,
    pub window_start: i64,
    pub attempts: i64,
    pub refused: i64,
}

/// Deletes the windows that began at or before `stale_before` and answers them.
pub async fn prune(db: &Db, stale_before: i64) -> sqlx::Result<Vec<EndedWindow>> {
    sqlx::query_as(
        "DELETE FROM login_attempts WHERE window_start <= $1 \
         RETURNING scope_key, window_start, attempts, refused",
    )
    .bind(stale_before)
    .fetch_all(db)
    .await
}

pub async fn exists(db: &Db, scope_key: &str) -> sqlx::Result<bool> {
    sqlx::query_scalar("SELECT EXISTS (SELECT 1 FROM login_attempts WHERE scope_key = $1)")
        .bind(scope_key)
        .fetch_one(db)
        .await
}

pub async fn count(db: &Db) -> sqlx::Result<i64> {
    sqlx::query_scalar("SELECT COUNT(*) FROM login_attempts").fetch_one(db).await
}
