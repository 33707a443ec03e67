//! Callbacks and their bulk requests: stored before they are sent, then what MANGO answered.
//! The automatic call's fate is read from `calls` (events whose task id is the callback's
//! `auto_call_task_id`, manual 4.2).

use app::api::board::CallOutcome;
use sqlx::{FromRow, Sqlite, Transaction};

use super::{now_ms, Db, MaybeStored};

/// How sending a callback to MANGO went (`callbacks.send_state`; the migration's CHECK lists
/// these). What its automatic call did is read from `calls`, not stored here.
#[derive(Clone, Copy, Debug, PartialEq, Eq, sqlx::Type)]
#[sqlx(rename_all = "snake_case")]
pub enum SendState {
    /// Waiting its turn.
    Queued,
    /// Taken by the sender; its answer not stored yet.
    Sending,
    /// MANGO created it.
    Created,
    /// MANGO said no.
    Refused,
    /// Sent, but the answer was lost: it may exist in MANGO.
    Unknown,
}

/// A callback about to be stored (always `queued`).
#[derive(Clone, Debug)]
pub struct NewCallback {
    pub batch_id: Option<i64>,
    pub campaign_id: Option<i64>,
    pub lead_task_id: Option<i64>,
    pub number: String,
    pub name: String,
    pub operator_user_id: i64,
    pub due_at: i64,
    pub duration_minutes: i64,
    pub event_type: i64,
    pub description: String,
    pub auto_call: bool,
    pub created_by: Option<i64>,
}

/// A callback with its campaign, author and latest automatic call.
#[derive(Clone, Debug, FromRow)]
pub struct CallbackRecord {
    pub id: i64,
    pub batch_id: Option<i64>,
    pub campaign_id: Option<i64>,
    pub campaign_name: Option<String>,
    pub lead_task_id: Option<i64>,
    pub number: String,
    pub name: String,
    pub operator_user_id: i64,
    pub due_at: i64,
    pub duration_minutes: i64,
    pub event_type: i64,
    pub description: String,
    pub auto_call: bool,
    pub send_state: SendState,
    pub mango_task_id: Option<i64>,
    pub auto_call_task_id: Option<i64>,
    pub refusal: Option<String>,
    pub created_by_name: Option<String>,
    pub created_at: i64,
    /// The latest call of the automatic call task, if one was heard of.
    pub call_state: Option<String>,
    /// `None` before its automatic call rings.
    #[sqlx(try_from = "MaybeStored<CallOutcome>")]
    pub call_outcome: Option<CallOutcome>,
    pub call_reason: Option<i64>,
    pub call_talk_seconds: Option<i64>,
}

/// The callbacks with everything the pages show. A callback's call is the call whose
/// `task_id` is its `auto_call_task_id` (manual 4.2), whatever `callback_initiator` says
/// (3.1.1: `task_id` comes with `ObDial`, `CallbackWidget` and `MissGroupCallCallback` calls).
/// Campaign tasks share that field, so a call known to be of one of our campaigns (its
/// `campaign_id`, sent or learnt from `task`, 3.8.3) counts for the campaign, never for a
/// callback.
const SELECT: &str = "SELECT c.id, c.batch_id, c.campaign_id, p.name AS campaign_name, c.lead_task_id, c.number, c.name, \
     c.operator_user_id, c.due_at, c.duration_minutes, c.event_type, c.description, c.auto_call, c.send_state, \
     c.mango_task_id, c.auto_call_task_id, c.refusal, u.display_name AS created_by_name, c.created_at, \
     k.state AS call_state, k.outcome AS call_outcome, k.disconnect_reason AS call_reason, k.talk_seconds AS call_talk_seconds \
     FROM callbacks c \
     LEFT JOIN campaigns p ON p.id = c.campaign_id \
     LEFT JOIN users u ON u.id = c.created_by \
     LEFT JOIN calls k ON k.call_key = (SELECT call_key FROM calls WHERE mango_task_id = c.auto_call_task_id \
        AND (mango_campaign_id IS NULL OR mango_campaign_id NOT IN \
            (SELECT mango_campaign_id FROM campaigns WHERE mango_campaign_id IS NOT NULL)) \
        ORDER BY appeared_at DESC, call_key DESC LIMIT 1)";

async fn insert(tx: &mut Transaction<'_, Sqlite>, callback: &NewCallback) -> sqlx::Result<i64> {
    sqlx::query_scalar(
        "INSERT INTO callbacks (batch_id, campaign_id, lead_task_id, number, name, operator_user_id, due_at, duration_minutes, \
         event_type, description, auto_call, send_state, created_by, created_at) \
         VALUES ($1, $2, $3, $4, $5, $6, $7, $8, $9, $10, $11, 'queued', $12, $13) RETURNING id",
    )
    .bind(callback.batch_id)
    .bind(callback.campaign_id)
    .bind(callback.lead_task_id)
    .bind(&callback.number)
    .bind(&callback.name)
    .bind(callback.operator_user_id)
    .bind(callback.due_at)
    .bind(callback.duration_minutes)
    .bind(callback.event_type)
    .bind(&callback.description)
    .bind(callback.auto_call)
    .bind(callback.created_by)
    .bind(now_ms())
    .fetch_one(&mut **tx)
    .await
}

/// Stores one callback on its own; returns its id.
pub async fn insert_one(db: &Db, callback: &NewCallback) -> sqlx::Result<i64> {
    let mut tx = super::begin_write(db).await?;
    let id = insert(&mut tx, callback).await?;
    tx.commit().await?;
    Ok(id)
}

/// Stores a bulk request and all its callbacks in one step (all or none); returns the batch id.
/// Each callback's `batch_id` is set to the new batch.
pub async fn insert_batch_with(
    db: &Db,
    digest: &str,
    campaign_id: i64,
    skipped_json: &str,
    created_by: Option<i64>,
    callbacks: &[NewCallback],
) -> sqlx::Result<i64> {
    let mut tx = super::begin_write(db).await?;
    let batch = insert_batch(&mut tx, digest, campaign_id, skipped_json, created_by).await?;
    for callback in callbacks {
        insert(&mut tx, &NewCallback { batch_id: Some(batch), ..callback.clone() }).await?;
    }
    tx.commit().await?;
    Ok(batch)
}

pub async fn get(db: &Db, id: i64) -> sqlx::Result<Option<CallbackRecord>> {
    sqlx::query_as(&format!("{SELECT} WHERE c.id = $1")).bind(id).fetch_optional(db).await
}

/// Every callback, the next due first among the newest.
pub async fn all(db: &Db, limit: i64) -> sqlx::Result<Vec<CallbackRecord>> {
    sqlx::query_as(&format!("{SELECT} ORDER BY c.due_at DESC, c.id DESC LIMIT $1"))
        .bind(limit)
        .fetch_all(db)
        .await
}

pub async fn of_batch(db: &Db, batch_id: i64) -> sqlx::Result<Vec<CallbackRecord>> {
    sqlx::query_as(&format!("{SELECT} WHERE c.batch_id = $1 ORDER BY c.id"))
        .bind(batch_id)
        .fetch_all(db)
        .await
}

pub async fn of_campaign(db: &Db, campaign_id: i64) -> sqlx::Result<Vec<CallbackRecord>> {
    sqlx::query_as(&format!("{SELECT} WHERE c.campaign_id = $1 ORDER BY c.id"))
        .bind(campaign_id)
        .fetch_all(db)
        .await
}

/// Callbacks for any of these numbers (normalised), to find the ones still open.
pub async fn for_number(db: &Db, number: &str) -> sqlx::Result<Vec<CallbackRecord>> {
    sqlx::query_as(&format!("{SELECT} WHERE c.number = $1 ORDER BY c.id")).bind(number).fetch_all(db).await
}

/// Takes a queued callback for sending; false if someone else took it first.
pub async fn claim(db: &Db, id: i64) -> sqlx::Result<bool> {
    let done =
        sqlx::query("UPDATE callbacks SET send_state = 'sending' WHERE id = $1 AND send_state = 'queued'")
            .bind(id)
            .execute(db)
            .await?;
    Ok(done.rows_affected() == 1)
}

/// The oldest callback waiting to be sent.
pub async fn next_queued(db: &Db) -> sqlx::Result<Option<i64>> {
    sqlx::query_scalar("SELECT id FROM callbacks WHERE send_state = 'queued' ORDER BY id LIMIT 1")
        .fetch_optional(db)
        .await
}

pub async fn mark_created(
    db: &Db,
    id: i64,
    mango_task_id: Option<i64>,
    auto_call_task_id: Option<i64>,
) -> sqlx::Result<()> {
    sqlx::query(
        "UPDATE callbacks SET send_state = 'created', mango_task_id = $2, auto_call_task_id = $3, refusal = NULL, sent_at = $4 \
         WHERE id = $1",
    )
    .bind(id)
    .bind(mango_task_id)
    .bind(auto_call_task_id)
    .bind(now_ms())
    .execute(db)
    .await?;
    Ok(())
}

/// `Refused` (MANGO said no) or `Unknown` (the answer was lost), with the reason.
pub async fn mark_ended(db: &Db, id: i64, state: SendState, reason: &str) -> sqlx::Result<()> {
    sqlx::query("UPDATE callbacks SET send_state = $2, refusal = $3, sent_at = $4 WHERE id = $1")
        .bind(id)
        .bind(state)
        .bind(reason)
        .bind(now_ms())
        .execute(db)
        .await?;
    Ok(())
}

/// Back in the queue: MANGO never saw it (asked to slow down, or no connection).
pub async fn requeue(db: &Db, id: i64, note: &str) -> sqlx::Result<()> {
    sqlx::query(
        "UPDATE callbacks SET send_state = 'queued', refusal = $2 WHERE id = $1 AND send_state = 'sending'",
    )
    .bind(id)
    .bind(note)
    .execute(db)
    .await?;
    Ok(())
}

/// After a restart, callbacks that were being sent may or may not exist in MANGO: they are
/// never sent again by themselves (a repeat would call the client twice).
pub async fn sending_to_unknown(db: &Db, reason: &str) -> sqlx::Result<u64> {
    let done =
        sqlx::query("UPDATE callbacks SET send_state = 'unknown', refusal = $1 WHERE send_state = 'sending'")
            .bind(reason)
            .execute(db)
            .await?;
    Ok(done.rows_affected())
}

#[derive(Clone, Debug, FromRow)]
pub struct BatchRecord {
    pub id: i64,
    pub campaign_id: i64,
    pub skipped_json: String,
}

pub async fn batch_by_digest(db: &Db, digest: &str) -> sqlx::Result<Option<BatchRecord>> {
    sqlx::query_as("SELECT id, campaign_id, skipped_json FROM callback_batches WHERE request_digest = $1")
        .bind(digest)
        .fetch_optional(db)
        .await
}

pub async fn batch(db: &Db, id: i64) -> sqlx::Result<Option<BatchRecord>> {
    sqlx::query_as("SELECT id, campaign_id, skipped_json FROM callback_batches WHERE id = $1")
        .bind(id)
        .fetch_optional(db)
        .await
}

async fn insert_batch(
    tx: &mut Transaction<'_, Sqlite>,
    digest: &str,
    campaign_id: i64,
    skipped_json: &str,
    created_by: Option<i64>,
) -> sqlx::Result<i64> {
    sqlx::query_scalar(
        "INSERT INTO callback_batches (request_digest, campaign_id, skipped_json, created_by, created_at) \
         VALUES ($1, $2, $3, $4, $5) RETURNING id",
    )
    .bind(digest)
    .bind(campaign_id)
    .bind(skipped_json)
    .bind(created_by)
    .bind(now_ms())
    .fetch_one(&mut **tx)
    .await
}

/// A campaign's leads (id, number, name), for a bulk request.
pub async fn leads(db: &Db, campaign_id: i64) -> sqlx::Result<Vec<(i64, String, String)>> {
    sqlx::query_as("SELECT id, number, name FROM tasks WHERE campaign_id = $1 ORDER BY id")
        .bind(campaign_id)
        .fetch_all(db)
        .await
}
