//! The cached MANGO directory: each part (operators, lines, audio files) is replaced as a
//! whole in one transaction, so a reader never sees half of one fetch and half of another.

use super::{now_ms, Db};

#[derive(Clone, Debug, PartialEq, Eq, sqlx::FromRow)]
pub struct OperatorRecord {
    pub user_id: i64,
    pub name: String,
    pub extension: Option<String>,
    pub department: Option<String>,
    pub position: Option<String>,
    pub uses_cc_status: bool,
    pub cc_status: Option<i64>,
    pub cc_status_at: Option<i64>,
    pub fetched_at: i64,
}

#[derive(Clone, Debug, PartialEq, Eq, sqlx::FromRow)]
pub struct LineRecord {
    pub line_id: i64,
    pub number: String,
    pub name: Option<String>,
    pub comment: Option<String>,
    pub region: Option<String>,
    pub fetched_at: i64,
}

#[derive(Clone, Debug, PartialEq, Eq, sqlx::FromRow)]
pub struct AudioFileRecord {
    pub audio_id: i64,
    pub name: String,
    pub fetched_at: i64,
}

#[derive(Clone, Debug, PartialEq, Eq, sqlx::FromRow)]
pub struct SyncRecord {
    pub part: String,
    pub fetched_at: Option<i64>,
    pub source: Option<String>,
    pub last_attempt_at: i64,
    pub last_error: Option<String>,
}

/// The directory parts, named as stored in `directory_sync.part`.
#[derive(Clone, Copy, Debug, PartialEq, Eq)]
pub enum Part {
    Operators,
    Lines,
    AudioFiles,
}

impl Part {
    pub const ALL: [Part; 3] = [Part::Operators, Part::Lines, Part::AudioFiles];

    pub fn as_str(self) -> &'static str {
        match self {
            Part::Operators => "operators",
            Part::Lines => "lines",
            Part::AudioFiles => "audio_files",
        }
    }
}

/// An operator as fetched, without the Contact Center status (that comes from events).
pub struct FetchedOperator {
    pub user_id: i64,
    pub name: String,
    pub extension: Option<String>,
    pub department: Option<String>,
    pub position: Option<String>,
    pub uses_cc_status: bool,
}

/// Replaces the operators, keeping the last known Contact Center status of those still there.
pub async fn replace_operators(db: &Db, source: &str, operators: &[FetchedOperator]) -> sqlx::Result<()> {
    let now = now_ms();
    let mut tx = super::begin_write(db).await?;
    let kept: std::collections::HashMap<i64, (Option<i64>, Option<i64>)> =
        sqlx::query_as::<_, (i64, Option<i64>, Option<i64>)>(
            "SELECT user_id, cc_status, cc_status_at FROM directory_operators",
        )
        .fetch_all(&mut *tx)
        .await?
        .into_iter()
        .map(|(id, status, at)| (id, (status, at)))
        .collect();
    sqlx::query("DELETE FROM directory_operators").execute(&mut *tx).await?;
    for operator in operators {
        sqlx::query(
            "INSERT INTO directory_operators \
             (user_id, name, extension, department, position, uses_cc_status, cc_status, cc_status_at, fetched_at) \
             VALUES ($1, $2, $3, $4, $5, $6, $7, $8, $9)",
        )
        .bind(operator.user_id)
        .bind(&operator.name)
        .bind(&operator.extension)
        .bind(&operator.department)
        .bind(&operator.position)
        .bind(operator.uses_cc_status)
        .bind(kept.get(&operator.user_id).and_then(|k| k.0))
        .bind(kept.get(&operator.user_id).and_then(|k| k.1))
        .bind(now)
        .execute(&mut *tx)
        .await?;
    }
    mark_fetched(&mut tx, Part::Operators, source, now).await?;
    tx.commit().await
}

pub async fn replace_lines(db: &Db, source: &str, lines: &[LineRecord]) -> sqlx::Result<()> {
    let now = now_ms();
    let mut tx = super::begin_write(db).await?;
    sqlx::query("DELETE FROM directory_lines").execute(&mut *tx).await?;
    for line in lines {
        sqlx::query(
            "INSERT INTO directory_lines (line_id, number, name, comment, region, fetched_at) \
             VALUES ($1, $2, $3, $4, $5, $6)",
        )
        .bind(line.line_id)
        .bind(&line.number)
        .bind(&line.name)
        .bind(&line.comment)
        .bind(&line.region)
        .bind(now)
        .execute(&mut *tx)
        .await?;
    }
    mark_fetched(&mut tx, Part::Lines, source, now).await?;
    tx.commit().await
}

pub async fn replace_audio_files(db: &Db, source: &str, files: &[(i64, String)]) -> sqlx::Result<()> {
    let now = now_ms();
    let mut tx = super::begin_write(db).await?;
    sqlx::query("DELETE FROM directory_audio_files").execute(&mut *tx).await?;
    for (audio_id, name) in files {
        sqlx::query("INSERT INTO directory_audio_files (audio_id, name, fetched_at) VALUES ($1, $2, $3)")
            .bind(audio_id)
            .bind(name)
            .bind(now)
            .execute(&mut *tx)
            .await?;
    }
    mark_fetched(&mut tx, Part::AudioFiles, source, now).await?;
    tx.commit().await
}

async fn mark_fetched(
    tx: &mut sqlx::SqliteConnection,
    part: Part,
    source: &str,
    now: i64,
) -> sqlx::Result<()> {
    sqlx::query(
        "INSERT INTO directory_sync (part, fetched_at, source, last_attempt_at, last_error) VALUES ($1, $2, $3, $2, NULL) \
         ON CONFLICT (part) DO UPDATE SET fetched_at = excluded.fetched_at, source = excluded.source, \
         last_attempt_at = excluded.last_attempt_at, last_error = NULL",
    )
    .bind(part.as_str())
    .bind(now)
    .bind(source)
    .execute(tx)
    .await?;
    Ok(())
}

/// Records a failed fetch; the data of the last good one stays.
pub async fn mark_failed(db: &Db, part: Part, error: &str) -> sqlx::Result<()> {
    sqlx::query(
        "INSERT INTO directory_sync (part, last_attempt_at, last_error) VALUES ($1, $2, $3) \
         ON CONFLICT (part) DO UPDATE SET last_attempt_at = excluded.last_attempt_at, last_error = excluded.last_error",
    )
    .bind(part.as_str())
    .bind(now_ms())
    .bind(error)
    .execute(db)
    .await?;
    Ok(())
}

/// Stores an operator's Contact Center status if it is newer than the one known.
pub async fn set_cc_status(
    db: impl sqlx::SqliteExecutor<'_>,
    user_id: i64,
    status: i64,
    at_ms: i64,
) -> sqlx::Result<bool> {
    let done = sqlx::query(
        "UPDATE directory_operators SET cc_status = $2, cc_status_at = $3 \
         WHERE user_id = $1 AND (cc_status_at IS NULL OR cc_status_at <= $3)",
    )
    .bind(user_id)
    .bind(status)
    .bind(at_ms)
    .execute(db)
    .await?;
    Ok(done.rows_affected() > 0)
}

pub async fn operators(db: &Db) -> sqlx::Result<Vec<OperatorRecord>> {
    sqlx::query_as("SELECT * FROM directory_operators ORDER BY name, user_id").fetch_all(db).await
}

pub async fn lines(db: &Db) -> sqlx::Result<Vec<LineRecord>> {
    sqlx::query_as("SELECT * FROM directory_lines ORDER BY number, line_id").fetch_all(db).await
}

pub async fn audio_files(db: &Db) -> sqlx::Result<Vec<AudioFileRecord>> {
    sqlx::query_as("SELECT * FROM directory_audio_files ORDER BY name, audio_id").fetch_all(db).await
}

pub async fn sync_state(db: &Db) -> sqlx::Result<Vec<SyncRecord>> {
    sqlx::query_as("SELECT * FROM directory_sync ORDER BY part").fetch_all(db).await
}
