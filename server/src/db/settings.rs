use std::collections::HashMap;

use super::{now_ms, Db};

pub async fn get(db: &Db, key: &str) -> sqlx::Result<Option<String>> {
    sqlx::query_scalar("SELECT value FROM settings WHERE key = $1").bind(key).fetch_optional(db).await
}

pub async fn all(db: &Db) -> sqlx::Result<HashMap<String, String>> {
    let rows: Vec<(String, String)> = sqlx::query_as("SELECT key, value FROM settings").fetch_all(db).await?;
    Ok(rows.into_iter().collect())
}

/// Writes several settings at once: all of them or none.
pub async fn apply(
    db: &Db,
    changes: &[(String, Option<String>)],
    updated_by: Option<i64>,
) -> sqlx::Result<()> {
    let mut tx = super::begin_write(db).await?;
    let now = now_ms();
    for (key, value) in changes {
        match value {
            Some(value) => {
                sqlx::query(
                    "INSERT INTO settings (key, value, updated_at, updated_by) VALUES ($1, $2, $3, $4) \
                     ON CONFLICT (key) DO UPDATE SET value = excluded.value, \
                     updated_at = excluded.updated_at, updated_by = excluded.updated_by",
                )
                .bind(key)
                .bind(value)
                .bind(now)
                .bind(updated_by)
                .execute(&mut *tx)
                .await?;
            }
            None => {
                sqlx::query("DELETE FROM settings WHERE key = $1").bind(key).execute(&mut *tx).await?;
            }
        }
    }
    tx.commit().await
}

pub async fn set(db: &Db, key: &str, value: &str) -> sqlx::Result<()> {
    apply(db, &[(key.to_string(), Some(value.to_string()))], None).await
}
