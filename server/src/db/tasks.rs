//! Campaign tasks and their durable push: every task is pending, then in exactly one batch
//! being sent, then sent. A batch's membership is written before it is sent, so after a crash
//! the same tasks are either confirmed or sent again — never split, never doubled.

use std::collections::HashSet;

use app::api::campaigns::CampaignState;
use app::api::leads::{LeadFields, PushState};
use sqlx::FromRow;

use super::{now_ms, Db, Stored};

#[derive(Clone, Debug, FromRow)]
pub struct PushJob {
    pub campaign_id: i64,
    /// Never [`PushState::None`]: a campaign without a push has no job.
    #[sqlx(try_from = "Stored<PushState>")]
    pub state: PushState,
    pub batch_size: i64,
    pub inflight_batch: Option<i64>,
    pub inflight_before: Option<i64>,
    pub next_batch: i64,
    pub last_error: Option<String>,
    pub started_at: i64,
    pub updated_at: i64,
    pub finished_at: Option<i64>,
}

#[derive(Clone, Debug, FromRow)]
pub struct TaskRow {
    pub id: i64,
    pub number: String,
    pub name: String,
    pub position: String,
    pub organization: String,
    pub additional_info: String,
}

super::stored_state!(PushState, "push state", PushState::from_key);

/// Where one task is in the push: `tasks.push_state` (the migration's CHECK lists the three).
#[derive(Clone, Copy, Debug, PartialEq, Eq, sqlx::Type)]
#[sqlx(rename_all = "snake_case")]
enum TaskPushState {
    Pending,
    /// In the batch in flight.
    Sending,
    Sent,
}

/// Counts of a campaign's tasks by push state.
#[derive(Clone, Copy, Debug, Default, PartialEq, Eq)]
pub struct TaskCounts {
    pub pending: i64,
    pub sending: i64,
    pub sent: i64,
}

impl TaskCounts {
    pub fn total(&self) -> i64 {
        self.pending + self.sending + self.sent
    }
}

pub async fn numbers(db: &Db, campaign_id: i64) -> sqlx::Result<HashSet<String>> {
    let rows: Vec<String> = sqlx::query_scalar("SELECT number FROM tasks WHERE campaign_id = $1")
        .bind(campaign_id)
        .fetch_all(db)
        .await?;
    Ok(rows.into_iter().collect())
}

pub async fn counts(db: &Db, campaign_id: i64) -> sqlx::Result<TaskCounts> {
    let rows: Vec<(TaskPushState, i64)> =
        sqlx::query_as("SELECT push_state, COUNT(*) FROM tasks WHERE campaign_id = $1 GROUP BY push_state")
            .bind(campaign_id)
            .fetch_all(db)
            .await?;
    let mut counts = TaskCounts::default();
    for (state, n) in rows {
        match state {
            TaskPushState::Pending => counts.pending = n,
            TaskPushState::Sending => counts.sending = n,
            TaskPushState::Sent => counts.sent = n,
        }
    }
    Ok(counts)
}

/// How many of the campaign's tasks were confirmed in MANGO since `since_ms` (a push's rate).
pub async fn sent_since(db: &Db, campaign_id: i64, since_ms: i64) -> sqlx::Result<i64> {
    sqlx::query_scalar("SELECT COUNT(*) FROM tasks WHERE campaign_id = $1 AND sent_at >= $2")
        .bind(campaign_id)
        .bind(since_ms)
        .fetch_one(db)
        .await
}

/// How many of the campaign's tasks no call of its MANGO campaign has dialled yet (by number,
/// both sides as lead lists store it); all of them before the campaign is in MANGO.
pub async fn count_not_called(
    db: &Db,
    campaign_id: i64,
    mango_campaign_id: Option<i64>,
) -> sqlx::Result<i64> {
    sqlx::query_scalar(
        "SELECT COUNT(*) FROM tasks t WHERE t.campaign_id = $1 AND NOT EXISTS \
         (SELECT 1 FROM calls k WHERE k.mango_campaign_id = $2 AND k.task_id = t.id)",
    )
    .bind(campaign_id)
    .bind(mango_campaign_id.unwrap_or(-1))
    .fetch_one(db)
    .await
}

/// Adds accepted rows as pending tasks and marks the upload accepted, all at once. Returns
/// how many were added; a number already in the campaign is refused as a whole (the caller
/// checked against the same numbers, so this means someone else added it meanwhile).
/// Tasks inserted by one statement when an upload is accepted.
const INSERT_ROWS_PER_STATEMENT: usize = 1_000;

pub async fn add_from_upload(
    db: &Db,
    campaign_id: i64,
    upload_id: i64,
    rows: &[(usize, LeadFields)],
) -> sqlx::Result<usize> {
    let mut tx = super::begin_write(db).await?;
    let now = now_ms();
    let accepted =
        sqlx::query("UPDATE lead_uploads SET accepted_at = $2 WHERE id = $1 AND accepted_at IS NULL")
            .bind(upload_id)
            .bind(now)
            .execute(&mut *tx)
            .await?;
    if accepted.rows_affected() != 1 {
        // Accepted before (a double click): nothing more to add.
        return Ok(0);
    }
    // Many rows per statement: one statement per row made accepting 10,000 leads take a third
    // of a second. Nine values a row stays far below SQLite's 32,766 bound variables.
    for chunk in rows.chunks(INSERT_ROWS_PER_STATEMENT) {
        let mut insert = sqlx::QueryBuilder::new(
            "INSERT INTO tasks (campaign_id, number, name, position, organization, additional_info, upload_id, source_row, created_at) ",
        );
        insert.push_values(chunk, |mut values, (row, fields)| {
            values
                .push_bind(campaign_id)
                .push_bind(&fields.number)
                .push_bind(&fields.name)
                .push_bind(&fields.position)
                .push_bind(&fields.organization)
                .push_bind(&fields.additional_info)
                .push_bind(upload_id)
                .push_bind(*row as i64)
                .push_bind(now);
        });
        insert.build().execute(&mut *tx).await?;
    }
    tx.commit().await?;
    Ok(rows.len())
}

pub async fn job(db: &Db, campaign_id: i64) -> sqlx::Result<Option<PushJob>> {
    sqlx::query_as("SELECT * FROM push_jobs WHERE campaign_id = $1")
        .bind(campaign_id)
        .fetch_optional(db)
        .await
}

pub async fn running_jobs(db: &Db) -> sqlx::Result<Vec<PushJob>> {
    sqlx::query_as("SELECT * FROM push_jobs WHERE state = $1 ORDER BY updated_at")
        .bind(PushState::Running.key())
        .fetch_all(db)
        .await
}

/// Starts (or restarts after done/failed/paused) the campaign's push.
pub async fn start_job(db: &Db, campaign_id: i64, batch_size: i64) -> sqlx::Result<()> {
    let now = now_ms();
    sqlx::query(
        "INSERT INTO push_jobs (campaign_id, state, batch_size, started_at, updated_at) VALUES ($1, 'running', $2, $3, $3) \
         ON CONFLICT (campaign_id) DO UPDATE SET state = 'running', batch_size = excluded.batch_size, last_error = NULL, \
         updated_at = excluded.updated_at, finished_at = NULL",
    )
    .bind(campaign_id)
    .bind(batch_size)
    .bind(now)
    .execute(db)
    .await?;
    Ok(())
}

/// Moves the push on (`Running`, `Paused`, `Done`, `Failed`; `None` is refused by the table's
/// CHECK), with the reason a failed one stopped.
pub async fn set_job_state(
    db: &Db,
    campaign_id: i64,
    state: PushState,
    error: Option<&str>,
) -> sqlx::Result<()> {
    let now = now_ms();
    let finished = state.is_finished().then_some(now);
    sqlx::query("UPDATE push_jobs SET state = $2, last_error = $3, updated_at = $4, finished_at = $5 WHERE campaign_id = $1")
        .bind(campaign_id)
        .bind(state.key())
        .bind(error)
        .bind(now)
        .bind(finished)
        .execute(db)
        .await?;
    Ok(())
}

/// Notes why a running push waits (slow down, network), leaving it running.
pub async fn note_push_wait(db: &Db, campaign_id: i64, note: &str) -> sqlx::Result<()> {
    sqlx::query("UPDATE push_jobs SET last_error = $2 WHERE campaign_id = $1 AND state = $3")
        .bind(campaign_id)
        .bind(note)
        .bind(PushState::Running.key())
        .execute(db)
        .await?;
    Ok(())
}

/// Puts the next `size` pending tasks into a new batch and records it as in flight, with how
/// many tasks MANGO holds before it. Returns the batch number and its tasks.
pub async fn take_batch(
    db: &Db,
    campaign_id: i64,
    size: i64,
    mango_count_before: i64,
) -> sqlx::Result<Option<(i64, Vec<TaskRow>)>> {
    let mut tx = super::begin_write(db).await?;
    let batch: i64 = sqlx::query_scalar("SELECT next_batch FROM push_jobs WHERE campaign_id = $1")
        .bind(campaign_id)
        .fetch_one(&mut *tx)
        .await?;
    let ids: Vec<i64> = sqlx::query_scalar(
        "SELECT id FROM tasks WHERE campaign_id = $1 AND push_state = 'pending' ORDER BY id LIMIT $2",
    )
    .bind(campaign_id)
    .bind(size)
    .fetch_all(&mut *tx)
    .await?;
    if ids.is_empty() {
        return Ok(None);
    }
    let (first, last) = (ids[0], ids[ids.len() - 1]);
    sqlx::query(
        "UPDATE tasks SET push_state = 'sending', batch = $2 \
         WHERE campaign_id = $1 AND push_state = 'pending' AND id BETWEEN $3 AND $4",
    )
    .bind(campaign_id)
    .bind(batch)
    .bind(first)
    .bind(last)
    .execute(&mut *tx)
    .await?;
    sqlx::query(
        "UPDATE push_jobs SET inflight_batch = $2, inflight_before = $3, next_batch = next_batch + 1, updated_at = $4 \
         WHERE campaign_id = $1",
    )
    .bind(campaign_id)
    .bind(batch)
    .bind(mango_count_before)
    .bind(now_ms())
    .execute(&mut *tx)
    .await?;
    let tasks: Vec<TaskRow> = sqlx::query_as(
        "SELECT id, number, name, position, organization, additional_info FROM tasks \
         WHERE campaign_id = $1 AND batch = $2 ORDER BY id",
    )
    .bind(campaign_id)
    .bind(batch)
    .fetch_all(&mut *tx)
    .await?;
    tx.commit().await?;
    Ok(Some((batch, tasks)))
}

/// The batch in flight, if any (after a crash or a lost answer).
pub async fn inflight(db: &Db, campaign_id: i64) -> sqlx::Result<Option<(i64, i64, Vec<TaskRow>)>> {
    let Some(job) = job(db, campaign_id).await? else { return Ok(None) };
    let (Some(batch), Some(before)) = (job.inflight_batch, job.inflight_before) else { return Ok(None) };
    let tasks: Vec<TaskRow> = sqlx::query_as(
        "SELECT id, number, name, position, organization, additional_info FROM tasks \
         WHERE campaign_id = $1 AND batch = $2 ORDER BY id",
    )
    .bind(campaign_id)
    .bind(batch)
    .fetch_all(db)
    .await?;
    Ok(Some((batch, before, tasks)))
}

/// MANGO has the batch: its tasks are sent.
pub async fn confirm_batch(db: &Db, campaign_id: i64, batch: i64) -> sqlx::Result<()> {
    let mut tx = super::begin_write(db).await?;
    let now = now_ms();
    sqlx::query("UPDATE tasks SET push_state = 'sent', sent_at = $3 WHERE campaign_id = $1 AND batch = $2")
        .bind(campaign_id)
        .bind(batch)
        .bind(now)
        .execute(&mut *tx)
        .await?;
    sqlx::query("UPDATE push_jobs SET inflight_batch = NULL, inflight_before = NULL, updated_at = $2 WHERE campaign_id = $1")
        .bind(campaign_id)
        .bind(now)
        .execute(&mut *tx)
        .await?;
    tx.commit().await
}

/// MANGO certainly does not have the batch: its tasks go back to pending.
pub async fn release_batch(db: &Db, campaign_id: i64, batch: i64) -> sqlx::Result<()> {
    let mut tx = super::begin_write(db).await?;
    sqlx::query(
        "UPDATE tasks SET push_state = 'pending', batch = NULL WHERE campaign_id = $1 AND batch = $2",
    )
    .bind(campaign_id)
    .bind(batch)
    .execute(&mut *tx)
    .await?;
    sqlx::query("UPDATE push_jobs SET inflight_batch = NULL, inflight_before = NULL, updated_at = $2 WHERE campaign_id = $1")
        .bind(campaign_id)
        .bind(now_ms())
        .execute(&mut *tx)
        .await?;
    tx.commit().await
}

/// A lead as the results page reads it, with what MANGO said about its task and the task id
/// its calls carry once linked.
#[derive(Clone, Debug, FromRow)]
pub struct ResultTask {
    pub id: i64,
    pub number: String,
    pub name: String,
    pub organization: String,
    pub mango_status: Option<String>,
    /// Manual 3.8.3 `status_reason`, MANGO's number.
    pub mango_reason_code: Option<i64>,
}

pub async fn for_results(db: &Db, campaign_id: i64) -> sqlx::Result<Vec<ResultTask>> {
    sqlx::query_as(
        "SELECT id, number, name, organization, mango_status, mango_reason_code \
         FROM tasks WHERE campaign_id = $1 ORDER BY id",
    )
    .bind(campaign_id)
    .fetch_all(db)
    .await
}

/// Linked tasks MANGO may still change and no event told about since `quiet_since` (ms): the
/// ones [`crate::calls::task_poll`] asks MANGO about, least recently asked first, at most
/// `limit`. A task MANGO finished or deleted is never asked again, and one of a finished
/// campaign only once. Returns (our task id, MANGO's task id).
pub async fn due_for_polling(
    db: &Db,
    campaign_states: &[CampaignState],
    quiet_since: i64,
    limit: i64,
) -> sqlx::Result<Vec<(i64, i64)>> {
    // The keys are our own (`CampaignState::key`), never user text: safe to write inline.
    let states = campaign_states.iter().map(|s| format!("'{}'", s.key())).collect::<Vec<_>>().join(", ");
    sqlx::query_as(&format!(
        "SELECT t.id, t.mango_task_id FROM tasks t JOIN campaigns c ON c.id = t.campaign_id \
         WHERE t.mango_task_id IS NOT NULL AND c.state IN ({states}) \
         AND COALESCE(t.mango_status, '') NOT IN ('finished', 'deleted') \
         AND (c.state <> 'finished' OR t.polled_at IS NULL) \
         AND (t.polled_at IS NULL OR t.polled_at <= $1) \
         AND NOT EXISTS (SELECT 1 FROM calls k WHERE k.mango_task_id = t.mango_task_id AND k.updated_at > $1) \
         ORDER BY COALESCE(t.polled_at, 0), t.id LIMIT $2"
    ))
    .bind(quiet_since)
    .bind(limit)
    .fetch_all(db)
    .await
}

/// What MANGO answered about a task (manual 3.8.3 `task`): its status key, the reason's
/// number, and the talk time; remembered as asked now.
pub async fn record_polled_status(
    db: &Db,
    id: i64,
    status: &str,
    reason_code: Option<i64>,
    talk_seconds: Option<i64>,
) -> sqlx::Result<()> {
    sqlx::query(
        "UPDATE tasks SET mango_status = $2, mango_reason_code = $3, mango_talk_seconds = $4, polled_at = $5 WHERE id = $1",
    )
    .bind(id)
    .bind(status)
    .bind(reason_code)
    .bind(talk_seconds)
    .bind(now_ms())
    .execute(db)
    .await?;
    Ok(())
}

/// Remembers a task as asked about now although MANGO did not answer, so one bad task does
/// not take every round.
pub async fn mark_polled(db: &Db, id: i64) -> sqlx::Result<()> {
    sqlx::query("UPDATE tasks SET polled_at = $2 WHERE id = $1").bind(id).bind(now_ms()).execute(db).await?;
    Ok(())
}
