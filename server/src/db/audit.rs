//! The audit log: append-only, written through [`record`] by every part of the server.

use sqlx::FromRow;

use super::{now_ms, Db};

/// One thing somebody did.
#[derive(Debug, Clone, Default)]
pub struct NewEntry<'a> {
    pub actor_id: Option<i64>,
    pub actor: Option<&'a str>,
    pub action: &'a str,
    pub target: Option<&'a str>,
    pub details: Option<String>,
    pub client_ip: Option<String>,
}

#[derive(Debug, Clone, FromRow)]
pub struct EntryRecord {
    pub id: i64,
    pub at: i64,
    pub actor: Option<String>,
    pub action: String,
    pub target: Option<String>,
    pub details: Option<String>,
    pub client_ip: Option<String>,
}

pub async fn record(db: &Db, entry: NewEntry<'_>) -> sqlx::Result<()> {
    sqlx::query(
        "INSERT INTO audit_log (at, actor_id, actor, action, target, details, client_ip) \
         VALUES ($1, $2, $3, $4, $5, $6, $7)",
    )
    .bind(now_ms())
    .bind(entry.actor_id)
    .bind(entry.actor)
    .bind(entry.action)
    .bind(entry.target)
    .bind(entry.details)
    .bind(entry.client_ip)
    .execute(db)
    .await
    .map(|_| ())
}

/// Newest first; at most `limit` entries older than `before_id`.
pub async fn page(
    db: &Db,
    action: Option<&str>,
    before_id: Option<i64>,
    limit: i64,
) -> sqlx::Result<Vec<EntryRecord>> {
    sqlx::query_as(
        "SELECT id, at, actor, action, target, details, client_ip FROM audit_log \
         WHERE ($1 IS NULL OR action = $1) AND ($2 IS NULL OR id < $2) \
         ORDER BY id DESC LIMIT $3",
    )
    .bind(action)
    .bind(before_id)
    .bind(limit)
    .fetch_all(db)
    .await
}

pub async fn actions(db: &Db) -> sqlx::Result<Vec<String>> {
    sqlx::query_scalar("SELECT DISTINCT action FROM audit_log ORDER BY action").fetch_all(db).await
}

pub fn now() -> i64 {
    now_ms()
}
