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
pub mod retention;
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
        // A busy database (another connection writing) is waited for, not an error.
        .busy_timeout(BUSY_TIMEOUT);
    let on_disk = !(url.contains(":memory:") || url.contains("mode=memory"));
    if on_disk {
        owner_only_file(options.get_filename())?;
    }
    let pool = SqlitePoolOptions::new()
        .max_connections(8)
        .connect_with(options.clone())
        .await
        .with_context(|| format!("cannot open the database at {url}"))?;
    sqlx::migrate!("../migrations/sqlite").run(&pool).await.context("cannot apply database migrations")?;
    if on_disk {
        // SQLite gives its -wal and -shm files the database file's mode; an older database
        // may have been created with a wider one.
        for suffix in ["", "-wal", "-shm"] {
            let mut path = options.get_filename().as_os_str().to_owned();
            path.push(suffix);
            restrict_to_owner(std::path::Path::new(&path))?;
        }
    }
    Ok(pool)
}

/// How long a statement waits for another connection's write lock before failing.
pub const BUSY_TIMEOUT: Duration = Duration::from_secs(5);

/// Creates the database file readable and writable by its owner only (0600) before SQLite
/// opens it: it holds password hashes, sessions and the encrypted MANGO salt.
fn owner_only_file(path: &std::path::Path) -> anyhow::Result<()> {
    let mut open = std::fs::OpenOptions::new();
    open.write(true).create(true).truncate(false);
    #[cfg(unix)]
    {
        use std::os::unix::fs::OpenOptionsExt;
        open.mode(0o600);
    }
    open.open(path).with_context(|| format!("cannot create the database file {}", path.display()))?;
    restrict_to_owner(path)
}

/// Sets an existing file's mode to 0600; a missing one is fine.
fn restrict_to_owner(path: &std::path::Path) -> anyhow::Result<()> {
    #[cfg(unix)]
    {
        use std::os::unix::fs::PermissionsExt;
        match std::fs::set_permissions(path, std::fs::Permissions::from_mode(0o600)) {
            Ok(()) => {}
            Err(error) if error.kind() == std::io::ErrorKind::NotFound => {}
            Err(error) => {
                return Err(error).with_context(|| format!("cannot restrict {} to its owner", path.display()))
            }
        }
    }
    #[cfg(not(unix))]
    let _ = path;
    Ok(())
}

/// A transaction that takes SQLite's write lock at `BEGIN`. A deferred transaction that reads
/// first and then writes cannot wait for the lock (SQLite answers `SQLITE_BUSY` at once, the
/// busy timeout does not apply to the upgrade); this one waits up to [`BUSY_TIMEOUT`] instead.
pub async fn begin_write(db: &Db) -> sqlx::Result<sqlx::Transaction<'static, sqlx::Sqlite>> {
    db.begin_with("BEGIN IMMEDIATE").await
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

/// A state's key as a TEXT column holds it. A row struct reads the column into the state's
/// enum with `#[sqlx(try_from = "StoredKey")]` and a `TryFrom<StoredKey>` next to its queries,
/// so the text is mapped once, here; a key no state has is a decode error naming the column
/// and the value, never a silent default.
#[derive(sqlx::Type)]
#[sqlx(transparent)]
pub struct StoredKey(String);

/// [`StoredKey`] of a column that may be NULL (`#[sqlx(try_from = "OptionalKey")]`).
#[derive(sqlx::Type)]
#[sqlx(transparent)]
pub struct OptionalKey(Option<String>);

impl StoredKey {
    /// The state `parse` finds for the key, or why there is none (`what` names the state).
    pub fn parse<T>(self, what: &str, parse: impl FnOnce(&str) -> Option<T>) -> Result<T, String> {
        parse(&self.0).ok_or_else(|| format!("{:?} is not a {what}", self.0))
    }
}

impl OptionalKey {
    /// As [`StoredKey::parse`]; NULL is `None`.
    pub fn parse<T>(self, what: &str, parse: impl FnOnce(&str) -> Option<T>) -> Result<Option<T>, String> {
        self.0.map(|key| StoredKey(key).parse(what, parse)).transpose()
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    /// Read-then-write transactions at the same time: with `BEGIN IMMEDIATE` each waits for
    /// the one before (none fails with "database is locked", no update is lost).
    #[tokio::test]
    async fn write_transactions_wait_for_each_other() {
        let dir = tempfile::tempdir().unwrap();
        let db = connect(&format!("sqlite://{}", dir.path().join("busy.db").display())).await.unwrap();
        sqlx::query("CREATE TABLE counter (n BIGINT NOT NULL)").execute(&db).await.unwrap();
        sqlx::query("INSERT INTO counter (n) VALUES (0)").execute(&db).await.unwrap();
        let rounds: Vec<_> = (0..8)
            .map(|_| {
                let db = db.clone();
                tokio::spawn(async move {
                    let mut tx = begin_write(&db).await?;
                    let n: i64 = sqlx::query_scalar("SELECT n FROM counter").fetch_one(&mut *tx).await?;
                    tokio::time::sleep(Duration::from_millis(20)).await;
                    sqlx::query("UPDATE counter SET n = $1").bind(n + 1).execute(&mut *tx).await?;
                    tx.commit().await
                })
            })
            .collect();
        for round in rounds {
            round.await.unwrap().expect("waited for the lock instead of failing");
        }
        let n: i64 = sqlx::query_scalar("SELECT n FROM counter").fetch_one(&db).await.unwrap();
        assert_eq!(n, 8);
        db.close().await;
    }

    #[cfg(unix)]
    #[tokio::test]
    async fn the_database_files_are_the_owners_only() {
        use std::os::unix::fs::PermissionsExt;
        let dir = tempfile::tempdir().unwrap();
        let path = dir.path().join("modes.db");
        // An older database created with a wider mode is narrowed too.
        std::fs::write(&path, b"").unwrap();
        std::fs::set_permissions(&path, std::fs::Permissions::from_mode(0o644)).unwrap();
        let db = connect(&format!("sqlite://{}", path.display())).await.unwrap();
        for suffix in ["", "-wal", "-shm"] {
            let file = dir.path().join(format!("modes.db{suffix}"));
            let mode = std::fs::metadata(&file).unwrap().permissions().mode() & 0o777;
            assert_eq!(mode, 0o600, "{}", file.display());
        }
        db.close().await;
    }
}
