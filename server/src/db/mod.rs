//! The database: one pool, migrations at start, and a repository module per aggregate.
//! SQL lives only in these modules and stays portable (`$1` placeholders, `ON CONFLICT`,
//! `RETURNING`, Unix-millisecond BIGINTs) so a PostgreSQL backend can follow.

pub mod alerts;
pub mod audit;
pub mod callbacks;
pub mod campaigns;
pub mod directory;
pub mod do_not_call;
pub mod events;
pub mod forecast;
pub mod leads;
pub mod login_attempts;
pub mod recordings;
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
        .busy_timeout(BUSY_TIMEOUT)
        // No commit copies the log back into the database (and syncs it): `checkpoints`
        // does, beside the writers. Left to SQLite, the commit that fills 1,000 pages pays for
        // it, and that webhook waited 10–30 ms instead of 1.
        .pragma("wal_autocheckpoint", "0");
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
    tokio::spawn(checkpoints(pool.clone(), CHECKPOINT_EVERY));
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

/// How often the write-ahead log is copied back into the database.
const CHECKPOINT_EVERY: Duration = Duration::from_secs(5);

/// Copies the write-ahead log into the database file `every` so often until the pool is
/// closed. Passive: it waits for no reader and blocks no writer, so commits never wait for it;
/// what a long read holds back is copied on a later turn. Each checkpoint syncs the database
/// file, and commits made meanwhile are slower; how often matters less than that it is not the
/// commit's (webhook p99 at 1,000 events/s: 12.7 ms inside the commits, 8.4 ms every 500 ms,
/// 4.7 and 10.2 ms in two runs every 5 s). SQLite also checkpoints when the last connection
/// closes.
async fn checkpoints(db: Db, every: Duration) {
    let mut every = tokio::time::interval(every);
    every.set_missed_tick_behavior(tokio::time::MissedTickBehavior::Delay);
    while !db.is_closed() {
        every.tick().await;
        if db.is_closed() {
            break;
        }
        if let Err(error) = sqlx::query("PRAGMA wal_checkpoint(PASSIVE)").execute(&db).await {
            if !db.is_closed() {
                tracing::warn!(%error, "could not checkpoint the database's write-ahead log");
            }
        }
    }
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

/// A state whose key a TEXT column holds (`StateKey::key` of the enums, written with
/// `.bind(state.key())`).
pub trait StateKey: Sized {
    /// What the state is, for the error about a key none has ("push state").
    const WHAT: &'static str;
    fn from_key(key: &str) -> Option<Self>;
}

/// A state read from its TEXT column: a row struct reads it with
/// `#[sqlx(try_from = "Stored<PushState>")]` (see [`stored_state!`]), so the text is mapped
/// once, here. A key no state has is a decode error naming the column and the value, never a
/// silent default.
pub struct Stored<T>(T);

/// [`Stored`] of a column that may be NULL.
pub struct MaybeStored<T>(Option<T>);

impl<T> sqlx::Type<sqlx::Sqlite> for Stored<T> {
    fn type_info() -> sqlx::sqlite::SqliteTypeInfo {
        <str as sqlx::Type<sqlx::Sqlite>>::type_info()
    }

    fn compatible(ty: &sqlx::sqlite::SqliteTypeInfo) -> bool {
        <str as sqlx::Type<sqlx::Sqlite>>::compatible(ty)
    }
}

impl<'r, T: StateKey> sqlx::Decode<'r, sqlx::Sqlite> for Stored<T> {
    fn decode(value: sqlx::sqlite::SqliteValueRef<'r>) -> Result<Self, sqlx::error::BoxDynError> {
        let key = <&str as sqlx::Decode<sqlx::Sqlite>>::decode(value)?;
        T::from_key(key).map(Stored).ok_or_else(|| format!("{key:?} is not a {}", T::WHAT).into())
    }
}

impl<T> sqlx::Type<sqlx::Sqlite> for MaybeStored<T> {
    fn type_info() -> sqlx::sqlite::SqliteTypeInfo {
        <str as sqlx::Type<sqlx::Sqlite>>::type_info()
    }

    fn compatible(ty: &sqlx::sqlite::SqliteTypeInfo) -> bool {
        <str as sqlx::Type<sqlx::Sqlite>>::compatible(ty)
    }
}

impl<'r, T: StateKey> sqlx::Decode<'r, sqlx::Sqlite> for MaybeStored<T> {
    fn decode(value: sqlx::sqlite::SqliteValueRef<'r>) -> Result<Self, sqlx::error::BoxDynError> {
        let stored = <Option<Stored<T>> as sqlx::Decode<sqlx::Sqlite>>::decode(value)?;
        Ok(MaybeStored(stored.map(|Stored(state)| state)))
    }
}

/// Makes a state readable from its TEXT column:
/// `stored_state!(PushState, "push state", PushState::from_key)`.
macro_rules! stored_state {
    ($state:ty, $what:literal, $from_key:path) => {
        impl $crate::db::StateKey for $state {
            const WHAT: &'static str = $what;
            fn from_key(key: &str) -> Option<Self> {
                $from_key(key)
            }
        }

        impl From<$crate::db::Stored<$state>> for $state {
            fn from(stored: $crate::db::Stored<$state>) -> $state {
                stored.0
            }
        }

        impl From<$crate::db::MaybeStored<$state>> for Option<$state> {
            fn from(stored: $crate::db::MaybeStored<$state>) -> Option<$state> {
                stored.0
            }
        }
    };
}
pub(crate) use stored_state;

#[cfg(test)]
mod tests {
    use super::*;

    /// No commit checkpoints (autocheckpoint is off), so without `checkpoints` the log would
    /// grow by every megabyte written; with it, the log is reused and stays near one write's
    /// size.
    #[tokio::test]
    async fn the_write_ahead_log_is_checkpointed_beside_the_writers() {
        let dir = tempfile::tempdir().unwrap();
        let path = dir.path().join("wal.db");
        let db = connect(&format!("sqlite://{}", path.display())).await.unwrap();
        let off: i64 = sqlx::query_scalar("PRAGMA wal_autocheckpoint").fetch_one(&db).await.unwrap();
        assert_eq!(off, 0, "commits must not checkpoint");
        sqlx::query("CREATE TABLE filler (bytes BLOB)").execute(&db).await.unwrap();
        // The same task as `connect` starts, more often, so the test is short.
        tokio::spawn(checkpoints(db.clone(), Duration::from_millis(200)));
        let megabyte = vec![7u8; 1 << 20];
        for _ in 0..12 {
            sqlx::query("INSERT INTO filler VALUES ($1)").bind(&megabyte).execute(&db).await.unwrap();
            tokio::time::sleep(Duration::from_millis(350)).await;
        }
        let wal = std::fs::metadata(dir.path().join("wal.db-wal")).unwrap().len();
        assert!(wal < 5 << 20, "12 MB written, the log holds {wal} bytes: not checkpointed");
        db.close().await;
    }

    /// An installation made before migration 0013 keeps what MANGO said: the English reasons it
    /// stored become MANGO's numbers, whatever the words were (also one the manual lacks).
    #[tokio::test]
    async fn an_older_database_keeps_its_reasons_as_numbers() {
        let dir = tempfile::tempdir().unwrap();
        let url = format!("sqlite://{}", dir.path().join("old.db").display());
        let options = SqliteConnectOptions::from_str(&url).unwrap().create_if_missing(true);
        let pool = SqlitePoolOptions::new().connect_with(options).await.unwrap();
        let mut before = sqlx::migrate!("../migrations/sqlite");
        let upto = before.migrations.iter().position(|m| m.version == 13).expect("migration 13");
        before.migrations = std::borrow::Cow::Owned(before.migrations[..upto].to_vec());
        before.run(&pool).await.unwrap();
        sqlx::query(
            "INSERT INTO users (id, username, display_name, role, password_hash, created_at, updated_at) \
             VALUES (1, 'admin', 'Admin', 'admin', 'x', 0, 0)",
        )
        .execute(&pool)
        .await
        .unwrap();
        let campaigns = [
            (1, Some("every task is done")),
            (2, Some("the account's balance ran out")),
            (3, Some("reason 12 (not in the manual)")),
            (4, None),
        ];
        for (id, reason) in campaigns {
            sqlx::query(
                "INSERT INTO campaigns (id, name, state, form, author_id, created_at, updated_at, status_reason) \
                 VALUES ($1, 'c', 'finished', '{}', 1, 0, 0, $2)",
            )
            .bind(id)
            .bind(reason)
            .execute(&pool)
            .await
            .unwrap();
        }
        let tasks = [
            (1, Some("client busy")),
            (2, Some("operator gave up waiting for the client")),
            (3, Some("reason 9")),
            (4, None),
        ];
        for (id, reason) in tasks {
            sqlx::query(
                "INSERT INTO tasks (id, campaign_id, number, name, position, organization, additional_info, \
                 created_at, mango_status, mango_status_reason) VALUES ($1, 1, $1, '', '', '', '', 0, 'finished', $2)",
            )
            .bind(id)
            .bind(reason)
            .execute(&pool)
            .await
            .unwrap();
        }
        pool.close().await;

        let db = connect(&url).await.unwrap();
        let campaign_codes: Vec<Option<i64>> =
            sqlx::query_scalar("SELECT status_reason_code FROM campaigns ORDER BY id")
                .fetch_all(&db)
                .await
                .unwrap();
        assert_eq!(campaign_codes, [Some(2), Some(7), Some(12), None]);
        let task_codes: Vec<Option<i64>> =
            sqlx::query_scalar("SELECT mango_reason_code FROM tasks ORDER BY id")
                .fetch_all(&db)
                .await
                .unwrap();
        assert_eq!(task_codes, [Some(2), Some(10), Some(9), None]);
        let statuses: Vec<String> =
            sqlx::query_scalar("SELECT mango_status FROM tasks ORDER BY id").fetch_all(&db).await.unwrap();
        assert!(statuses.iter().all(|s| s == "finished"), "the status keys stay: {statuses:?}");
    }

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

    /// A stored key is read into its state; one no state has is an error naming the column
    /// and the value.
    #[tokio::test]
    async fn stored_keys_become_states_or_a_clear_error() {
        use app::api::board::CallOutcome;
        use app::api::leads::PushState;

        #[derive(Debug, sqlx::FromRow)]
        struct Row {
            #[sqlx(try_from = "Stored<PushState>")]
            state: PushState,
            #[sqlx(try_from = "MaybeStored<CallOutcome>")]
            outcome: Option<CallOutcome>,
        }
        let db = connect("sqlite::memory:").await.unwrap();
        let read = |sql: &'static str| sqlx::query_as::<_, Row>(sql).fetch_one(&db);
        let row = read("SELECT 'paused' AS state, 'no_answer' AS outcome").await.unwrap();
        assert_eq!((row.state, row.outcome), (PushState::Paused, Some(CallOutcome::NoAnswer)));
        assert_eq!(read("SELECT 'done' AS state, NULL AS outcome").await.unwrap().outcome, None);
        let error = read("SELECT 'sleeping' AS state, NULL AS outcome").await.unwrap_err().to_string();
        assert!(error.contains("state") && error.contains("\"sleeping\" is not a push state"), "{error}");
        let error = read("SELECT 'done' AS state, 'won' AS outcome").await.unwrap_err().to_string();
        assert!(error.contains("outcome") && error.contains("\"won\" is not a call outcome"), "{error}");
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
