//! Pruning by age: raw events, audit rows and uploaded files older than the retention age go,
//! except what something still needs.

use super::{now_ms, Db};

/// What one pruning run removed.
#[derive(Clone, Copy, Debug, Default, PartialEq, Eq)]
pub struct Pruned {
    pub events: u64,
    pub malformed_events: u64,
    pub audit_rows: u64,
    pub uploads: u64,
}

impl Pruned {
    pub fn total(&self) -> u64 {
        self.events + self.malformed_events + self.audit_rows + self.uploads
    }
}

/// Removes what is older than `before_ms` (Unix ms), in one write transaction:
/// - events: those without a call (operator statuses, recordings, …) and those of calls whose
///   fold is final (not `in_progress`); a call still in progress keeps all its events, since
///   it is rebuilt from them when its next event comes;
/// - malformed events kept for inspection;
/// - audit rows;
/// - uploads: their cells and file bytes (the row and the tasks made from it stay), unless the
///   campaign's push job is still running or paused (it may read them again).
pub async fn prune(db: &Db, before_ms: i64) -> sqlx::Result<Pruned> {
    let mut tx = super::begin_write(db).await?;
    let events = sqlx::query(
        "DELETE FROM webhook_events WHERE received_at < $1 AND (entry_id IS NULL OR entry_id IN \
         (SELECT entry_id FROM calls GROUP BY entry_id HAVING SUM(outcome = 'in_progress') = 0))",
    )
    .bind(before_ms)
    .execute(&mut *tx)
    .await?
    .rows_affected();
    let malformed_events = sqlx::query("DELETE FROM webhook_malformed WHERE last_at < $1")
        .bind(before_ms)
        .execute(&mut *tx)
        .await?
        .rows_affected();
    let audit_rows = sqlx::query("DELETE FROM audit_log WHERE at < $1")
        .bind(before_ms)
        .execute(&mut *tx)
        .await?
        .rows_affected();
    let uploads = sqlx::query(
        "UPDATE lead_uploads SET cells = '[]', original = NULL, pruned_at = $2 \
         WHERE created_at < $1 AND pruned_at IS NULL AND campaign_id NOT IN \
         (SELECT campaign_id FROM push_jobs WHERE state IN ('running', 'paused'))",
    )
    .bind(before_ms)
    .bind(now_ms())
    .execute(&mut *tx)
    .await?
    .rows_affected();
    tx.commit().await?;
    Ok(Pruned { events, malformed_events, audit_rows, uploads })
}
