//! Call recordings (manual 3.1.3), their transcripts (3.4.5) and topics (3.4.4).

use app::api::recordings::{AnalysisState, Speaker};
use sqlx::{FromRow, SqliteConnection};

use super::{now_ms, Db, Stored};

super::stored_state!(AnalysisState, "transcript or topics state", AnalysisState::from_key);

/// A recording as stored: what its events said, merged (see `calls::recordings::merge`).
#[derive(Clone, Debug, PartialEq, Eq, FromRow)]
pub struct RecordingRow {
    pub id: i64,
    pub recording_id: String,
    pub entry_id: String,
    pub call_id: Option<String>,
    pub extension: Option<String>,
    /// `started`, `continued` or `completed`.
    pub state: String,
    pub last_seq: i64,
    pub started_at: Option<i64>,
    pub completed_at: Option<i64>,
    pub completion_code: Option<i64>,
    pub recipient: Option<String>,
    #[sqlx(try_from = "Stored<AnalysisState>")]
    pub transcript_state: AnalysisState,
    pub transcript_due_at: Option<i64>,
    #[sqlx(try_from = "Stored<AnalysisState>")]
    pub topics_state: AnalysisState,
    pub topics_due_at: Option<i64>,
}

pub async fn by_mango_id(
    db: &mut SqliteConnection,
    recording_id: &str,
) -> sqlx::Result<Option<RecordingRow>> {
    sqlx::query_as(
        "SELECT id, recording_id, entry_id, call_id, extension, state, last_seq, started_at, completed_at, \
         completion_code, recipient, transcript_state, transcript_due_at, topics_state, topics_due_at \
         FROM recordings WHERE recording_id = $1",
    )
    .bind(recording_id)
    .fetch_optional(db)
    .await
}

/// Stores a recording as merged; `row.id` is ignored (the database gives it).
pub async fn save(db: &mut SqliteConnection, row: &RecordingRow) -> sqlx::Result<()> {
    sqlx::query(
        "INSERT INTO recordings (recording_id, entry_id, call_id, extension, state, last_seq, started_at, completed_at, \
         completion_code, recipient, transcript_state, transcript_due_at, topics_state, topics_due_at, updated_at) \
         VALUES ($1, $2, $3, $4, $5, $6, $7, $8, $9, $10, $11, $12, $13, $14, $15) \
         ON CONFLICT (recording_id) DO UPDATE SET entry_id = excluded.entry_id, call_id = excluded.call_id, \
         extension = excluded.extension, state = excluded.state, last_seq = excluded.last_seq, \
         started_at = excluded.started_at, completed_at = excluded.completed_at, \
         completion_code = excluded.completion_code, recipient = excluded.recipient, \
         transcript_state = excluded.transcript_state, transcript_due_at = excluded.transcript_due_at, \
         topics_state = excluded.topics_state, topics_due_at = excluded.topics_due_at, updated_at = excluded.updated_at",
    )
    .bind(&row.recording_id)
    .bind(&row.entry_id)
    .bind(&row.call_id)
    .bind(&row.extension)
    .bind(&row.state)
    .bind(row.last_seq)
    .bind(row.started_at)
    .bind(row.completed_at)
    .bind(row.completion_code)
    .bind(&row.recipient)
    .bind(row.transcript_state.key())
    .bind(row.transcript_due_at)
    .bind(row.topics_state.key())
    .bind(row.topics_due_at)
    .bind(now_ms())
    .execute(db)
    .await?;
    Ok(())
}

/// What speech analytics is asked for: a recording's transcript or its topics.
#[derive(Clone, Copy, Debug, PartialEq, Eq)]
pub enum Analysis {
    Transcript,
    Topics,
}

impl Analysis {
    fn columns(self) -> (&'static str, &'static str, &'static str) {
        match self {
            Analysis::Transcript => ("transcript_state", "transcript_due_at", "transcript_attempts"),
            Analysis::Topics => ("topics_state", "topics_due_at", "topics_attempts"),
        }
    }
}

/// A recording waiting for its transcript or topics: our id, MANGO's id, how often asked.
#[derive(Clone, Debug, PartialEq, Eq, FromRow)]
pub struct Due {
    pub id: i64,
    pub recording_id: String,
    pub attempts: i64,
}

/// Waiting recordings of talked calls whose turn has come, oldest first. A call without its
/// summary yet (which says whether it was talked) counts as talked once it was connected.
pub async fn due(db: &Db, analysis: Analysis, now: i64, limit: usize) -> sqlx::Result<Vec<Due>> {
    let (state, due_at, attempts) = analysis.columns();
    sqlx::query_as(&format!(
        "SELECT r.id, r.recording_id, r.{attempts} AS attempts FROM recordings r \
         WHERE r.{state} = 'waiting' AND r.{due_at} <= $1 \
         AND EXISTS (SELECT 1 FROM calls c WHERE c.call_key = r.entry_id \
         AND (c.talked OR (c.talked IS NULL AND c.connected_at IS NOT NULL))) \
         ORDER BY r.{due_at}, r.id LIMIT $2"
    ))
    .bind(now)
    .bind(limit as i64)
    .fetch_all(db)
    .await
}

/// A transcript MANGO sent: the phrases replace any stored before, in one transaction.
pub async fn store_transcript(db: &Db, id: i64, phrases: &[(Speaker, String)]) -> sqlx::Result<()> {
    let mut tx = super::begin_write(db).await?;
    sqlx::query("DELETE FROM recording_phrases WHERE recording = $1").bind(id).execute(&mut *tx).await?;
    for (position, (speaker, text)) in phrases.iter().enumerate() {
        sqlx::query(
            "INSERT INTO recording_phrases (recording, position, speaker, text) VALUES ($1, $2, $3, $4)",
        )
        .bind(id)
        .bind(position as i64)
        .bind(speaker.key())
        .bind(text)
        .execute(&mut *tx)
        .await?;
    }
    ready(&mut tx, Analysis::Transcript, id).await?;
    tx.commit().await
}

/// Topics MANGO sent (names once each), replacing any stored before.
pub async fn store_topics(db: &Db, id: i64, topics: &[(String, Option<i64>)]) -> sqlx::Result<()> {
    let mut tx = super::begin_write(db).await?;
    sqlx::query("DELETE FROM recording_topics WHERE recording = $1").bind(id).execute(&mut *tx).await?;
    for (name, topic_id) in topics {
        sqlx::query(
            "INSERT INTO recording_topics (recording, name, topic_id) VALUES ($1, $2, $3) ON CONFLICT DO NOTHING",
        )
        .bind(id)
        .bind(name)
        .bind(topic_id)
        .execute(&mut *tx)
        .await?;
    }
    ready(&mut tx, Analysis::Topics, id).await?;
    tx.commit().await
}

/// Marks what MANGO answered as there, counting the ask.
async fn ready(tx: &mut SqliteConnection, analysis: Analysis, id: i64) -> sqlx::Result<()> {
    let (state, due_at, attempts) = analysis.columns();
    sqlx::query(&format!(
        "UPDATE recordings SET {state} = 'ready', {due_at} = NULL, {attempts} = {attempts} + 1, \
         updated_at = $2 WHERE id = $1"
    ))
    .bind(id)
    .bind(now_ms())
    .execute(tx)
    .await?;
    Ok(())
}

/// MANGO had nothing yet: asked again at `next` (ms), or given up (`None`: unavailable).
pub async fn postpone(db: &Db, analysis: Analysis, id: i64, next: Option<i64>) -> sqlx::Result<()> {
    let (state, due_at, attempts) = analysis.columns();
    let new_state = if next.is_some() { "waiting" } else { "unavailable" };
    sqlx::query(&format!(
        "UPDATE recordings SET {state} = $2, {due_at} = $3, {attempts} = {attempts} + 1, updated_at = $4 WHERE id = $1"
    ))
    .bind(id)
    .bind(new_state)
    .bind(next)
    .bind(now_ms())
    .execute(db)
    .await?;
    Ok(())
}

/// A recording of one of a campaign's calls, for Results and the board.
#[derive(Clone, Debug, PartialEq, Eq, FromRow)]
pub struct Listed {
    pub id: i64,
    pub entry_id: String,
    /// The call's lead (our task).
    pub task_id: Option<i64>,
    pub appeared_at: Option<i64>,
    pub state: String,
    pub completion_code: Option<i64>,
    pub recipient: Option<String>,
    #[sqlx(try_from = "Stored<AnalysisState>")]
    pub transcript_state: AnalysisState,
}

/// Every recording of a MANGO campaign's calls, newest call first.
pub async fn of_campaign(db: &Db, mango_campaign_id: i64) -> sqlx::Result<Vec<Listed>> {
    sqlx::query_as(
        "SELECT r.id, r.entry_id, c.task_id, c.appeared_at, r.state, r.completion_code, r.recipient, \
         r.transcript_state FROM recordings r JOIN calls c ON c.call_key = r.entry_id \
         WHERE c.mango_campaign_id = $1 ORDER BY c.appeared_at DESC, r.id DESC",
    )
    .bind(mango_campaign_id)
    .fetch_all(db)
    .await
}

/// The recordings of these call groups (the board's latest calls), whatever their campaign.
pub async fn of_calls(db: &Db, entries: &[&str]) -> sqlx::Result<Vec<Listed>> {
    if entries.is_empty() {
        return Ok(Vec::new());
    }
    let mut query = sqlx::QueryBuilder::new(
        "SELECT r.id, r.entry_id, c.task_id, c.appeared_at, r.state, r.completion_code, r.recipient, \
         r.transcript_state FROM recordings r JOIN calls c ON c.call_key = r.entry_id WHERE r.entry_id IN (",
    );
    let mut separated = query.separated(", ");
    for entry in entries {
        separated.push_bind(*entry);
    }
    query.push(") ORDER BY r.id");
    query.build_query_as().fetch_all(db).await
}

/// `(recording, topic)` of every recording of a MANGO campaign's calls.
pub async fn topics_of_campaign(db: &Db, mango_campaign_id: i64) -> sqlx::Result<Vec<(i64, String)>> {
    sqlx::query_as(
        "SELECT t.recording, t.name FROM recording_topics t JOIN recordings r ON r.id = t.recording \
         JOIN calls c ON c.call_key = r.entry_id WHERE c.mango_campaign_id = $1 ORDER BY t.recording, t.name",
    )
    .bind(mango_campaign_id)
    .fetch_all(db)
    .await
}

/// The first phrase of each of a campaign's recordings that matches `query` (an FTS5 query,
/// see `calls::recordings::said_query`): `(recording, speaker, text)`.
pub async fn said_in_campaign(
    db: &Db,
    mango_campaign_id: i64,
    query: &str,
) -> sqlx::Result<Vec<(i64, String, String)>> {
    sqlx::query_as(
        // SQLite takes the bare columns of a MIN() group from the row holding the minimum.
        "SELECT recording, speaker, text FROM (SELECT p.recording, p.speaker, p.text, MIN(p.position) \
         FROM recording_phrases_search s JOIN recording_phrases p ON p.id = s.rowid \
         JOIN recordings r ON r.id = p.recording JOIN calls c ON c.call_key = r.entry_id \
         WHERE recording_phrases_search MATCH $2 AND c.mango_campaign_id = $1 GROUP BY p.recording) \
         ORDER BY recording",
    )
    .bind(mango_campaign_id)
    .bind(query)
    .fetch_all(db)
    .await
}

/// `(recording, speaker, text)` of every phrase of a MANGO campaign's recordings, in order.
pub async fn phrases_of_campaign(
    db: &Db,
    mango_campaign_id: i64,
) -> sqlx::Result<Vec<(i64, String, String)>> {
    sqlx::query_as(
        "SELECT p.recording, p.speaker, p.text FROM recording_phrases p JOIN recordings r ON r.id = p.recording \
         JOIN calls c ON c.call_key = r.entry_id WHERE c.mango_campaign_id = $1 ORDER BY p.recording, p.position",
    )
    .bind(mango_campaign_id)
    .fetch_all(db)
    .await
}

/// A recording's transcript state and phrases, in order; `None` when there is no such recording.
pub async fn transcript(db: &Db, id: i64) -> sqlx::Result<Option<(AnalysisState, Vec<(String, String)>)>> {
    let state: Option<Stored<AnalysisState>> =
        sqlx::query_scalar("SELECT transcript_state FROM recordings WHERE id = $1")
            .bind(id)
            .fetch_optional(db)
            .await?;
    let Some(state) = state.map(AnalysisState::from) else { return Ok(None) };
    let phrases =
        sqlx::query_as("SELECT speaker, text FROM recording_phrases WHERE recording = $1 ORDER BY position")
            .bind(id)
            .fetch_all(db)
            .await?;
    Ok(Some((state, phrases)))
}

/// What the listen route needs of a recording: MANGO's id, whether MANGO keeps it, and the
/// call's campaign and number for the audit log.
#[derive(Clone, Debug, PartialEq, Eq, FromRow)]
pub struct ToPlay {
    pub recording_id: String,
    pub state: String,
    pub completion_code: Option<i64>,
    pub recipient: Option<String>,
    pub mango_campaign_id: Option<i64>,
    pub number: Option<String>,
}

pub async fn to_play(db: &Db, id: i64) -> sqlx::Result<Option<ToPlay>> {
    sqlx::query_as(
        "SELECT r.recording_id, r.state, r.completion_code, r.recipient, c.mango_campaign_id, c.number \
         FROM recordings r LEFT JOIN calls c ON c.call_key = r.entry_id WHERE r.id = $1",
    )
    .bind(id)
    .fetch_optional(db)
    .await
}
