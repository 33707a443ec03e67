//! Stopping: a stop (the test's shutdown signal, or SIGTERM to the binary) ends open board
//! streams, lets work in flight finish within ten seconds, and closes the database.

use std::process::Stdio;
use std::time::{Duration, Instant};

use reqwest::StatusCode;
use serde_json::json;

use crate::support::*;

/// A campaign saved (not created in MANGO): enough for its board.
async fn saved_campaign(admin: &reqwest::Client, server: &TestServer) -> i64 {
    save_draft(admin, server, &draft_form("Stop")).await
}

/// Opens the board's event stream and waits until the server has answered it.
async fn open_stream(admin: &reqwest::Client, server: &TestServer, campaign: i64) -> reqwest::Response {
    let stream = admin.get(format!("{}/campaigns/{campaign}/board/stream", server.url)).send().await.unwrap();
    assert_eq!(stream.status(), StatusCode::OK);
    assert!(stream.headers()["content-type"].to_str().unwrap().starts_with("text/event-stream"));
    stream
}

#[tokio::test]
async fn a_stop_with_an_open_board_stream_ends_within_ten_seconds() {
    let server = TestServer::start().await;
    let admin = admin(&server).await;
    let campaign = saved_campaign(&admin, &server).await;
    let stream = open_stream(&admin, &server, campaign).await;
    let db_path = server.db_path();
    let started = Instant::now();
    // Well inside the 10 s bound (server::STOP_WITHIN): the stream is ended, not cut off.
    tokio::time::timeout(Duration::from_secs(5), server.stop())
        .await
        .expect("the server stopped within 5 s with a board stream open");
    // The stream was ended, not left hanging.
    tokio::time::timeout(Duration::from_secs(2), stream.bytes())
        .await
        .expect("the stream ended with the server")
        .ok();
    assert!(started.elapsed() < server::STOP_WITHIN);
    // The database was closed cleanly: the WAL is checkpointed and gone.
    assert!(!db_path.with_file_name("obzvon.db-wal").exists(), "the database was closed");
}

/// Ends the child process when the test fails before it has exited.
struct KillOnDrop(std::process::Child);

impl Drop for KillOnDrop {
    fn drop(&mut self) {
        let _ = self.0.kill();
        let _ = self.0.wait();
    }
}

#[cfg(unix)]
#[tokio::test]
async fn sigterm_with_an_open_board_stream_exits_within_ten_seconds() {
    use std::io::BufRead;

    let dir = tempfile::tempdir().unwrap();
    let child = std::process::Command::new(env!("CARGO_BIN_EXE_server"))
        .args(["serve", "--bind", "127.0.0.1:0", "--mango-loopback-only", "--data-dir"])
        .arg(dir.path())
        .args(["--admin-password", ADMIN_PASSWORD, "--site-root"])
        .arg(concat!(env!("CARGO_MANIFEST_DIR"), "/../target/site"))
        .env("OBZVON_LOG", "info")
        .env("NO_COLOR", "1")
        .env_remove("DATABASE_URL")
        .stdout(Stdio::piped())
        .stderr(Stdio::null())
        .spawn()
        .unwrap();
    let mut child = KillOnDrop(child);
    let stdout = child.0.stdout.take().unwrap();
    let (address_tx, address_rx) = tokio::sync::oneshot::channel::<String>();
    // Reads the log (to the end, so the server never blocks on a full pipe) for its address.
    std::thread::spawn(move || {
        let mut address_tx = Some(address_tx);
        for line in std::io::BufReader::new(stdout).lines().map_while(Result::ok) {
            if let Some((_, rest)) = line.split_once("is listening on http://") {
                let address =
                    rest.chars().take_while(|c| c.is_ascii_digit() || matches!(c, '.' | ':')).collect();
                if let Some(tx) = address_tx.take() {
                    let _ = tx.send(address);
                }
            }
        }
    });
    let address = tokio::time::timeout(Duration::from_secs(60), address_rx)
        .await
        .expect("the server listened within 60 s")
        .expect("the server logged its address");
    let server = TestServer::external(format!("http://{address}"), dir.path().to_path_buf());
    let admin = admin(&server).await;
    let campaign = saved_campaign(&admin, &server).await;
    let _stream = open_stream(&admin, &server, campaign).await;

    let pid = child.0.id().to_string();
    let killed = std::process::Command::new("kill").args(["-TERM", &pid]).status().unwrap();
    assert!(killed.success());
    // Well inside the 10 s bound (server::STOP_WITHIN): the stream is ended, not cut off.
    let deadline = Instant::now() + Duration::from_secs(5);
    let status = loop {
        if let Some(status) = child.0.try_wait().unwrap() {
            break status;
        }
        assert!(
            Instant::now() < deadline,
            "the server still runs 5 s after SIGTERM with a board stream open"
        );
        tokio::time::sleep(Duration::from_millis(100)).await;
    };
    assert!(status.success(), "a clean exit: {status}");
}

/// The data directory is its owner's only (0700), and so are the database files (0600).
#[cfg(unix)]
#[tokio::test]
async fn the_data_directory_and_database_are_the_owners_only() {
    use std::os::unix::fs::PermissionsExt;
    let parent = tempfile::tempdir().unwrap();
    let data_dir = parent.path().join("fresh").join("data");
    let server = TestServer::start_with(config(&data_dir)).await.unwrap();
    let mode = |path: &std::path::Path| std::fs::metadata(path).unwrap().permissions().mode() & 0o777;
    assert_eq!(mode(&data_dir), 0o700, "the data directory");
    for file in ["obzvon.db", "obzvon.db-wal", "obzvon.db-shm", "secret.key"] {
        let path = data_dir.join(file);
        if path.exists() {
            assert_eq!(mode(&path), 0o600, "{file}");
        } else {
            assert_ne!(file, "obzvon.db", "the database exists");
        }
    }
    server.stop().await;
}

/// A callback whose `task/add` (manual 4.2) is in flight when the server stops is finished and
/// recorded as MANGO answered it, never left "sending" (which the next start turns "unknown").
#[tokio::test]
async fn a_callback_in_flight_at_a_stop_is_recorded_not_lost() {
    use chrono::TimeZone;
    const KEY: &str = "slow-cc-key";
    const SALT: &str = "slow-cc-salt";
    let sandbox = server::emulator::Sandbox::new(server::emulator::EmulatorConfig {
        api_key: KEY.into(),
        api_salt: SALT.into(),
        start: chrono::Utc.with_ymd_and_hms(2026, 11, 23, 7, 0, 0).unwrap(),
        time_factor: 0.0,
        seed: 9,
        faults: Default::default(),
    });
    // MANGO takes two seconds to answer `task/add`; the test hears when a request arrives.
    let (arrived_tx, mut arrived) = tokio::sync::mpsc::unbounded_channel::<()>();
    let router = sandbox.router().layer(axum::middleware::from_fn(
        move |request: axum::extract::Request, next: axum::middleware::Next| {
            let arrived_tx = arrived_tx.clone();
            async move {
                if request.uri().path().ends_with("task/add") {
                    let _ = arrived_tx.send(());
                    tokio::time::sleep(Duration::from_secs(2)).await;
                }
                next.run(request).await
            }
        },
    ));
    let listener = tokio::net::TcpListener::bind("127.0.0.1:0").await.unwrap();
    let base = format!("http://{}", listener.local_addr().unwrap());
    tokio::spawn(async move { axum::serve(listener, router).await });

    let dir = tempfile::tempdir().unwrap().keep();
    let server = TestServer::start_with(config(&dir)).await.unwrap();
    let (status, view) = call(
        &admin(&server).await,
        &server,
        "settings/save",
        json!({"form": {"vpbx_base_url": format!("{base}/vpbx"), "cc_base_url": format!("{base}/cc"),
            "vpbx_api_key": KEY, "new_api_salt": SALT, "clear_api_salt": false,
            "timezone": "Europe/Moscow", "phone_region": "RU"}}),
    )
    .await;
    assert_eq!(status, StatusCode::OK, "{view}");
    server.stop().await;
    // A queued callback: the sender takes it as soon as the server starts.
    let db_url = format!("sqlite://{}", dir.join("obzvon.db").display());
    let db = sqlx::SqlitePool::connect(&db_url).await.unwrap();
    sqlx::query(
        "INSERT INTO callbacks (number, operator_user_id, due_at, duration_minutes, event_type, auto_call, send_state, created_at) \
         VALUES ('79160000001', 400100101, 1900000000, 15, 1, 1, 'queued', 0)",
    )
    .execute(&db)
    .await
    .unwrap();
    db.close().await;

    let server = TestServer::start_with(config(&dir)).await.unwrap();
    tokio::time::timeout(Duration::from_secs(20), arrived.recv())
        .await
        .expect("the sender sent the callback")
        .unwrap();
    tokio::time::timeout(Duration::from_secs(10), server.stop()).await.expect("stopped within 10 s");
    let db = sqlx::SqlitePool::connect(&db_url).await.unwrap();
    let (state, task): (String, Option<i64>) =
        sqlx::query_as("SELECT send_state, mango_task_id FROM callbacks").fetch_one(&db).await.unwrap();
    db.close().await;
    assert_eq!(state, "created", "MANGO's answer was recorded before the stop");
    assert!(task.is_some(), "with MANGO's task id");
}
