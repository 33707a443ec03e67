//! MANGO's events as received (append-only) and the calls derived from them.

use sqlx::FromRow;

use super::{now_ms, Db};

/// Stores an event unless the same one (kind and bytes) is already stored; true when new.
pub async fn store(
    db: &Db,
    kind: &str,
    digest: &str,
    raw_json: &str,
    call_key: Option<&str>,
    entry_id: Option<&str>,
    seq: Option<i64>,
) -> sqlx::Result<bool> {
    let done = sqlx::query(
        "INSERT INTO webhook_events (kind, digest, raw_json, call_key, entry_id, seq, received_at) VALUES ($1, $2, $3, $4, $5, $6, $7) \
         ON CONFLICT (digest) DO NOTHING",
    )
    .bind(kind)
    .bind(digest)
    .bind(raw_json)
    .bind(call_key)
    .bind(entry_id)
    .bind(seq)
    .bind(now_ms())
    .execute(db)
    .await?;
    Ok(done.rows_affected() == 1)
}

/// Every stored event of one call group, of the given kind, as received.
pub async fn raw_for_entry(db: &Db, kind: &str, entry_id: &str) -> sqlx::Result<Vec<String>> {
    sqlx::query_scalar("SELECT raw_json FROM webhook_events WHERE kind = $1 AND entry_id = $2 ORDER BY id")
        .bind(kind)
        .bind(entry_id)
        .fetch_all(db)
        .await
}

pub async fn count(db: &Db) -> sqlx::Result<i64> {
    sqlx::query_scalar("SELECT COUNT(*) FROM webhook_events").fetch_one(db).await
}

/// A call as the board and results read it.
#[derive(Clone, Debug, FromRow)]
pub struct CallRow {
    pub call_key: String,
    pub entry_id: String,
    pub mango_task_id: Option<i64>,
    pub mango_campaign_id: Option<i64>,
    pub initiator: Option<String>,
    pub number: Option<String>,
    pub operator_extension: Option<String>,
    pub state: String,
    pub last_seq: i64,
    pub appeared_at: Option<i64>,
    pub connected_at: Option<i64>,
    pub ended_at: Option<i64>,
    pub disconnect_reason: Option<i64>,
    pub talk_seconds: Option<i64>,
    pub talked: Option<bool>,
    pub outcome: String,
    pub updated_at: i64,
}

pub async fn save_call(db: &Db, call: &CallRow) -> sqlx::Result<()> {
    sqlx::query(
        "INSERT INTO calls (call_key, entry_id, mango_task_id, mango_campaign_id, initiator, number, operator_extension, state, last_seq, \
         appeared_at, connected_at, ended_at, disconnect_reason, talk_seconds, talked, outcome, updated_at) \
         VALUES ($1, $2, $3, $4, $5, $6, $7, $8, $9, $10, $11, $12, $13, $14, $15, $16, $17) \
         ON CONFLICT (call_key) DO UPDATE SET entry_id = excluded.entry_id, mango_task_id = excluded.mango_task_id, \
         mango_campaign_id = excluded.mango_campaign_id, initiator = excluded.initiator, number = excluded.number, \
         operator_extension = excluded.operator_extension, state = excluded.state, last_seq = excluded.last_seq, \
         appeared_at = excluded.appeared_at, connected_at = excluded.connected_at, ended_at = excluded.ended_at, \
         disconnect_reason = excluded.disconnect_reason, talk_seconds = excluded.talk_seconds, talked = excluded.talked, \
         outcome = excluded.outcome, updated_at = excluded.updated_at",
    )
    .bind(&call.call_key)
    .bind(&call.entry_id)
    .bind(call.mango_task_id)
    .bind(call.mango_campaign_id)
    .bind(&call.initiator)
    .bind(&call.number)
    .bind(&call.operator_extension)
    .bind(&call.state)
    .bind(call.last_seq)
    .bind(call.appeared_at)
    .bind(call.connected_at)
    .bind(call.ended_at)
    .bind(call.disconnect_reason)
    .bind(call.talk_seconds)
    .bind(call.talked)
    .bind(&call.outcome)
    .bind(call.updated_at)
    .execute(db)
    .await?;
    Ok(())
}

pub async fn call(db: &Db, call_key: &str) -> sqlx::Result<Option<CallRow>> {
    sqlx::query_as("SELECT * FROM calls WHERE call_key = $1").bind(call_key).fetch_optional(db).await
}

/// A campaign's calls, newest first.
pub async fn calls_of_campaign(db: &Db, mango_campaign_id: i64) -> sqlx::Result<Vec<CallRow>> {
    sqlx::query_as(
        "SELECT * FROM calls WHERE mango_campaign_id = $1 ORDER BY appeared_at DESC, call_key DESC",
    )
    .bind(mango_campaign_id)
    .fetch_all(db)
    .await
}

/// Remembers MANGO's id for our task (matched by campaign and number) the first time a call
/// event names it: `tasks/push` answers without ids (manual 3.8.4.2).
pub async fn link_task(
    db: &Db,
    mango_campaign_id: i64,
    number: &str,
    mango_task_id: i64,
) -> sqlx::Result<bool> {
    let done = sqlx::query(
        "UPDATE tasks SET mango_task_id = $3 WHERE mango_task_id IS NULL AND number = $2 \
         AND campaign_id IN (SELECT id FROM campaigns WHERE mango_campaign_id = $1)",
    )
    .bind(mango_campaign_id)
    .bind(number)
    .bind(mango_task_id)
    .execute(db)
    .await?;
    Ok(done.rows_affected() > 0)
}

/// Our campaign id for MANGO's, if the campaign is ours.
pub async fn campaign_for_mango_id(db: &Db, mango_campaign_id: i64) -> sqlx::Result<Option<i64>> {
    sqlx::query_scalar("SELECT id FROM campaigns WHERE mango_campaign_id = $1")
        .bind(mango_campaign_id)
        .fetch_optional(db)
        .await
}

/// Lead names by MANGO task id for a campaign's linked tasks.
pub async fn lead_names(db: &Db, campaign_id: i64) -> sqlx::Result<Vec<(i64, String, String)>> {
    sqlx::query_as(
        "SELECT mango_task_id, number, name FROM tasks WHERE campaign_id = $1 AND mango_task_id IS NOT NULL",
    )
    .bind(campaign_id)
    .fetch_all(db)
    .await
}

/// When the last event for a campaign's calls arrived, and how many there were.
pub async fn campaign_event_stats(db: &Db, mango_campaign_id: i64) -> sqlx::Result<(i64, Option<i64>)> {
    sqlx::query_as(
        "SELECT COUNT(*), MAX(received_at) FROM webhook_events WHERE entry_id IN \
         (SELECT entry_id FROM calls WHERE mango_campaign_id = $1)",
    )
    .bind(mango_campaign_id)
    .fetch_one(db)
    .await
}
