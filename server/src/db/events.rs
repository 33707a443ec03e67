//! MANGO's events as received (append-only) and the calls derived from them.

use app::api::board::CallOutcome;
use sqlx::{FromRow, SqliteConnection, SqliteExecutor};

use super::{now_ms, Db, Stored};

/// Stores an event unless the same one (kind and bytes) is already stored; true when new.
pub async fn store(
    db: impl SqliteExecutor<'_>,
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

/// Keeps a signed event whose JSON cannot be read, with the reason; a redelivery of the same
/// bytes only counts. True when new.
pub async fn store_malformed(
    db: &Db,
    kind: &str,
    digest: &str,
    raw_json: &str,
    parse_error: &str,
) -> sqlx::Result<bool> {
    let now = now_ms();
    let first: bool = sqlx::query_scalar(
        "INSERT INTO webhook_malformed (kind, digest, raw_json, parse_error, received_at, last_at) \
         VALUES ($1, $2, $3, $4, $5, $5) \
         ON CONFLICT (digest) DO UPDATE SET deliveries = deliveries + 1, last_at = excluded.last_at \
         RETURNING deliveries = 1",
    )
    .bind(kind)
    .bind(digest)
    .bind(raw_json)
    .bind(parse_error)
    .bind(now)
    .fetch_one(db)
    .await?;
    Ok(first)
}

/// Every stored call event and summary of one call group, as received, in the order stored:
/// `(kind, raw_json)`.
pub async fn raw_for_entry(
    db: impl SqliteExecutor<'_>,
    entry_id: &str,
) -> sqlx::Result<Vec<(String, String)>> {
    sqlx::query_as(
        "SELECT kind, raw_json FROM webhook_events WHERE entry_id = $1 AND kind IN ('call', 'summary') ORDER BY id",
    )
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
    /// The lead (our task) this call was for: decided by [`save_call`] from the campaign and
    /// MANGO's task id or the number; `None` for calls of no lead of ours.
    #[sqlx(default)]
    pub task_id: Option<i64>,
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
    #[sqlx(try_from = "Stored<CallOutcome>")]
    pub outcome: CallOutcome,
    pub updated_at: i64,
}

super::stored_state!(CallOutcome, "call outcome", CallOutcome::from_key);

/// The lead of a call: the campaign's task with MANGO's task id ($3) or, before that is
/// known, with the number ($6); $4 is MANGO's campaign id.
const LEAD_OF_CALL: &str = "COALESCE(\
     (SELECT t.id FROM tasks t JOIN campaigns c ON c.id = t.campaign_id \
      WHERE c.mango_campaign_id = $4 AND t.mango_task_id = $3), \
     (SELECT t.id FROM tasks t JOIN campaigns c ON c.id = t.campaign_id \
      WHERE c.mango_campaign_id = $4 AND t.number = $6))";

/// Stores a call as folded from its events; its lead ([`CallRow::task_id`]) is decided here,
/// whatever the row says.
pub async fn save_call(db: impl SqliteExecutor<'_>, call: &CallRow) -> sqlx::Result<()> {
    let statement = format!(
        "INSERT INTO calls (call_key, entry_id, mango_task_id, mango_campaign_id, initiator, number, operator_extension, state, last_seq, \
         appeared_at, connected_at, ended_at, disconnect_reason, talk_seconds, talked, outcome, updated_at, task_id) \
         VALUES ($1, $2, $3, $4, $5, $6, $7, $8, $9, $10, $11, $12, $13, $14, $15, $16, $17, {LEAD_OF_CALL}) \
         ON CONFLICT (call_key) DO UPDATE SET entry_id = excluded.entry_id, mango_task_id = excluded.mango_task_id, task_id = excluded.task_id, \
         mango_campaign_id = excluded.mango_campaign_id, initiator = excluded.initiator, number = excluded.number, \
         operator_extension = excluded.operator_extension, state = excluded.state, last_seq = excluded.last_seq, \
         appeared_at = excluded.appeared_at, connected_at = excluded.connected_at, ended_at = excluded.ended_at, \
         disconnect_reason = excluded.disconnect_reason, talk_seconds = excluded.talk_seconds, talked = excluded.talked, \
         outcome = excluded.outcome, updated_at = excluded.updated_at"
    );
    sqlx::query(&statement)
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
        .bind(call.outcome.key())
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
    db: &mut SqliteConnection,
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
    .execute(&mut *db)
    .await?;
    // Calls stored before the link that name only the task id now find their lead too.
    sqlx::query(
        "UPDATE calls SET task_id = (SELECT t.id FROM tasks t JOIN campaigns c ON c.id = t.campaign_id \
         WHERE c.mango_campaign_id = $1 AND t.mango_task_id = $2) \
         WHERE task_id IS NULL AND mango_campaign_id = $1 AND mango_task_id = $2",
    )
    .bind(mango_campaign_id)
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

/// Counts one happening of the receiver (`ping`, `unsigned_refused`, `refused`, …) with its time
/// and detail, for the Settings page.
pub async fn note(db: &Db, what: &str, detail: Option<&str>) -> sqlx::Result<()> {
    sqlx::query(
        "INSERT INTO event_health (what, count, last_at, detail) VALUES ($1, 1, $2, $3) \
         ON CONFLICT (what) DO UPDATE SET count = count + 1, last_at = excluded.last_at, detail = excluded.detail",
    )
    .bind(what)
    .bind(now_ms())
    .bind(detail)
    .execute(db)
    .await?;
    Ok(())
}

/// Remembers a setting of the receiver (how sources are checked) where Settings reads it.
pub async fn set_receiver_mode(db: &Db, sources: &str) -> sqlx::Result<()> {
    sqlx::query(
        "INSERT INTO event_health (what, count, last_at, detail) VALUES ('sources', 0, $1, $2) \
         ON CONFLICT (what) DO UPDATE SET last_at = excluded.last_at, detail = excluded.detail",
    )
    .bind(now_ms())
    .bind(sources)
    .execute(db)
    .await?;
    Ok(())
}

/// One line of [`note`]: what, how often, when last (ms), the last detail.
#[derive(Clone, Debug, FromRow)]
pub struct HealthRow {
    pub what: String,
    pub count: i64,
    pub last_at: i64,
    pub detail: Option<String>,
}

pub async fn health(db: &Db) -> sqlx::Result<Vec<HealthRow>> {
    sqlx::query_as("SELECT what, count, last_at, detail FROM event_health ORDER BY what").fetch_all(db).await
}

/// The MANGO campaign a task id belongs to, as far as we know it without asking: one of our
/// linked tasks, or MANGO's earlier answer to `task` (manual 3.8.3).
pub async fn known_campaign_of_task(
    db: impl SqliteExecutor<'_>,
    mango_task_id: i64,
) -> sqlx::Result<Option<i64>> {
    sqlx::query_scalar(
        "SELECT c.mango_campaign_id FROM tasks t JOIN campaigns c ON c.id = t.campaign_id \
         WHERE t.mango_task_id = $1 AND c.mango_campaign_id IS NOT NULL \
         UNION ALL SELECT mango_campaign_id FROM mango_task_lookups WHERE mango_task_id = $1 \
         AND state = 'found' AND mango_campaign_id IS NOT NULL LIMIT 1",
    )
    .bind(mango_task_id)
    .fetch_optional(db)
    .await
}

/// Whether a task id is a callback's automatic call (manual 4.2 `auto_call_task_id`): such a
/// call is the callback's, not a campaign's, and MANGO is not asked about it.
pub async fn is_callback_task(db: impl SqliteExecutor<'_>, mango_task_id: i64) -> sqlx::Result<bool> {
    sqlx::query_scalar("SELECT EXISTS (SELECT 1 FROM callbacks WHERE auto_call_task_id = $1)")
        .bind(mango_task_id)
        .fetch_one(db)
        .await
}

/// Takes a task id for asking MANGO about it; false when it was asked about before (once per
/// id, whatever the answer).
pub async fn claim_task_lookup(db: &Db, mango_task_id: i64) -> sqlx::Result<bool> {
    let done = sqlx::query(
        "INSERT INTO mango_task_lookups (mango_task_id, state, asked_at) VALUES ($1, 'asking', $2) \
         ON CONFLICT (mango_task_id) DO NOTHING",
    )
    .bind(mango_task_id)
    .bind(now_ms())
    .execute(db)
    .await?;
    Ok(done.rows_affected() == 1)
}

/// MANGO's answer about a task: `found` with its campaign and number, or `refused` with why.
pub async fn finish_task_lookup(
    db: &Db,
    mango_task_id: i64,
    state: &str,
    mango_campaign_id: Option<i64>,
    number: Option<&str>,
    detail: Option<&str>,
) -> sqlx::Result<()> {
    sqlx::query(
        "UPDATE mango_task_lookups SET state = $2, mango_campaign_id = $3, number = $4, detail = $5, asked_at = $6 \
         WHERE mango_task_id = $1",
    )
    .bind(mango_task_id)
    .bind(state)
    .bind(mango_campaign_id)
    .bind(number)
    .bind(detail)
    .bind(now_ms())
    .execute(db)
    .await?;
    Ok(())
}

/// Forgets an unanswered question (no connection, asked to slow down) so it is asked again
/// when the next event names the task.
pub async fn forget_task_lookup(db: &Db, mango_task_id: i64) -> sqlx::Result<()> {
    sqlx::query("DELETE FROM mango_task_lookups WHERE mango_task_id = $1 AND state = 'asking'")
        .bind(mango_task_id)
        .execute(db)
        .await?;
    Ok(())
}

/// The number MANGO gave for a task it was asked about.
pub async fn looked_up_number(
    db: impl SqliteExecutor<'_>,
    mango_task_id: i64,
) -> sqlx::Result<Option<String>> {
    Ok(sqlx::query_scalar::<_, Option<String>>(
        "SELECT number FROM mango_task_lookups WHERE mango_task_id = $1 AND state = 'found'",
    )
    .bind(mango_task_id)
    .fetch_optional(db)
    .await?
    .flatten())
}

/// The call groups whose calls name a task id.
pub async fn entries_of_task(db: &Db, mango_task_id: i64) -> sqlx::Result<Vec<String>> {
    sqlx::query_scalar("SELECT DISTINCT entry_id FROM calls WHERE mango_task_id = $1")
        .bind(mango_task_id)
        .fetch_all(db)
        .await
}

/// When the last event of any kind was stored, and its kind.
pub async fn last_event(db: &Db) -> sqlx::Result<Option<(String, i64)>> {
    sqlx::query_as("SELECT kind, received_at FROM webhook_events ORDER BY id DESC LIMIT 1")
        .fetch_optional(db)
        .await
}

#[cfg(test)]
mod tests {
    use super::*;

    async fn campaign_with_two_leads() -> (tempfile::TempDir, Db) {
        let dir = tempfile::tempdir().unwrap();
        let db =
            super::super::connect(&format!("sqlite://{}", dir.path().join("t.db").display())).await.unwrap();
        sqlx::query("INSERT INTO users (id, username, display_name, role, password_hash, created_at, updated_at) VALUES (1, 'a', 'A', 'admin', 'x', 0, 0)")
            .execute(&db)
            .await
            .unwrap();
        sqlx::query("INSERT INTO campaigns (id, name, state, form, mango_campaign_id, author_id, created_at, updated_at) VALUES (3, 'C', 'running', '{}', 700, 1, 0, 0)")
            .execute(&db)
            .await
            .unwrap();
        for (id, number) in [(11, "79160000001"), (12, "79160000002")] {
            sqlx::query("INSERT INTO tasks (id, campaign_id, number, name, position, organization, additional_info, created_at) VALUES ($1, 3, $2, 'n', '', '', '', 0)")
                .bind(id)
                .bind(number)
                .execute(&db)
                .await
                .unwrap();
        }
        (dir, db)
    }

    fn call(key: &str, number: Option<&str>, mango_task_id: Option<i64>, campaign: Option<i64>) -> CallRow {
        CallRow {
            call_key: key.into(),
            entry_id: key.into(),
            mango_task_id,
            mango_campaign_id: campaign,
            task_id: None,
            initiator: None,
            number: number.map(str::to_string),
            operator_extension: None,
            state: "disconnected".into(),
            last_seq: 1,
            appeared_at: Some(1),
            connected_at: None,
            ended_at: None,
            disconnect_reason: None,
            talk_seconds: None,
            talked: None,
            outcome: CallOutcome::Busy,
            updated_at: 0,
        }
    }

    async fn lead_of(db: &Db, key: &str) -> Option<i64> {
        super::call(db, key).await.unwrap().unwrap().task_id
    }

    #[tokio::test]
    async fn a_call_is_stored_with_the_lead_it_was_for() {
        let (_dir, db) = campaign_with_two_leads().await;
        // By the number, before MANGO's task id is known.
        save_call(&db, &call("a", Some("79160000002"), Some(9002), Some(700))).await.unwrap();
        assert_eq!(lead_of(&db, "a").await, Some(12));
        // Only MANGO's task id, not linked yet: no lead until the link is learnt…
        save_call(&db, &call("b", None, Some(9001), Some(700))).await.unwrap();
        assert_eq!(lead_of(&db, "b").await, None);
        // …then it is, without the call's events arriving again.
        let mut connection = db.acquire().await.unwrap();
        assert!(link_task(&mut connection, 700, "79160000001", 9001).await.unwrap());
        drop(connection);
        assert_eq!(lead_of(&db, "b").await, Some(11));
        // The same number in a campaign that is not ours is nobody's lead.
        save_call(&db, &call("c", Some("79160000001"), None, Some(999))).await.unwrap();
        assert_eq!(lead_of(&db, "c").await, None);
        // A row's own task_id is not trusted: the database decides.
        save_call(&db, &CallRow { task_id: Some(12), ..call("d", Some("79160000001"), None, Some(700)) })
            .await
            .unwrap();
        assert_eq!(lead_of(&db, "d").await, Some(11));
    }
}
