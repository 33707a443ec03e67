//! The database: one pool, migrations at start, and a repository module per aggregate.
//! SQL lives only in these modules and stays portable (`$1` placeholders, `ON CONFLICT`,
//! `RETURNING`, Unix-millisecond BIGINTs) so a PostgreSQL backend can follow.

pub mod audit;
pub mod callbacks;
pub mod campaigns;
pub mod directory;
pub mod events;
pub mod leads;
pub mod login_attempts;
pub mod sessions;
pub mod settings;
pub mod tasks;
pub mod users;

use std::str::FromStr;
use std::time::Duration;

use anyhow::Context;
use sqlx::sqlite::{SqliteConnectOptions, SqliteJournalMode, SqlitePoolOptions, SqliteSynchronous};

pub type Db = sqlx::SqlitePool;

/// Opens (creating if needed) the database in WAL mode and brings its schema up to date.
pub async fn connect(url: &str) -> anyhow::Result<Db> {
    let options = SqliteConnectOptions::from_str(url)
        .with_context(|| format!("DATABASE_URL {url:?} is not a valid SQLite URL"))?
        .create_if_missing(true)
        .journal_mode(SqliteJournalMode::Wal)
        .synchronous(SqliteSynchronous::Normal)
        .foreign_keys(true)
        .busy_timeout(Duration::from_secs(5));
    let pool = SqlitePoolOptions::new()
        .max_connections(8)
        .connect_with(options)
        .await
        .with_context(|| format!("cannot open the database at {url}"))?;
    sqlx::migrate!("../migrations/sqlite").run(&pool).await.context("cannot apply database migrations")?;
    Ok(pool)
}

/// Answers whether the database is reachable.
pub async fn ping(db: &Db) -> bool {
    sqlx::query("SELECT 1").execute(db).await.is_ok()
}

pub fn now_ms() -> i64 {
    chrono::Utc::now().timestamp_millis()
}

pub fn is_unique_violation(error: &sqlx::Error) -> bool {
    error.as_database_error().is_some_and(|e| e.is_unique_violation())
}
