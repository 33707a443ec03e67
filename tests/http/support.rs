use std::path::{Path, PathBuf};

use reqwest::{Client, StatusCode};
use serde_json::Value;
use server::config::ServeConfig;
use tokio::sync::oneshot;

pub const ADMIN_PASSWORD: &str = "test-admin-password-1";

pub struct TestServer {
    pub url: String,
    pub data_dir: PathBuf,
    shutdown: Option<oneshot::Sender<()>>,
    task: Option<tokio::task::JoinHandle<anyhow::Result<()>>>,
}

pub fn config(data_dir: &Path) -> ServeConfig {
    ServeConfig {
        bind: "127.0.0.1:0".parse().unwrap(),
        data_dir: data_dir.to_path_buf(),
        database_url: None,
        log_level: "warn".into(),
        public_url: None,
        site_root: PathBuf::from(concat!(env!("CARGO_MANIFEST_DIR"), "/../target/site")),
        admin_password: Some(ADMIN_PASSWORD.into()),
        secret_key: None,
        webhook_sources: None,
        mango_loopback_only: true,
    }
}

impl TestServer {
    /// A server with a fresh data directory (kept until the test process ends).
    pub async fn start() -> TestServer {
        let dir = tempfile::tempdir().unwrap().keep();
        TestServer::start_with(config(&dir)).await.unwrap()
    }

    pub async fn start_with(config: ServeConfig) -> anyhow::Result<TestServer> {
        let data_dir = config.data_dir.clone();
        let (tx, rx) = oneshot::channel::<()>();
        let running = server::start(config, async {
            let _ = rx.await;
        })
        .await?;
        Ok(TestServer {
            url: format!("http://{}", running.addr),
            data_dir,
            shutdown: Some(tx),
            task: Some(running.task),
        })
    }

    /// Stops gracefully and waits until the database is closed.
    pub async fn stop(mut self) {
        if let Some(tx) = self.shutdown.take() {
            let _ = tx.send(());
        }
        if let Some(task) = self.task.take() {
            task.await.unwrap().unwrap();
        }
    }

    pub fn db_path(&self) -> PathBuf {
        self.data_dir.join("obzvon.db")
    }
}

/// A client with its own cookie jar: one browser.
pub fn browser() -> Client {
    Client::builder()
        .cookie_store(true)
        .redirect(reqwest::redirect::Policy::none())
        .build()
        .unwrap()
}

pub async fn login(client: &Client, server: &TestServer, username: &str, password: &str) -> (StatusCode, Value) {
    let response = client
        .post(format!("{}/api/auth/login", server.url))
        .form(&[("username", username), ("password", password)])
        .send()
        .await
        .unwrap();
    let status = response.status();
    (status, response.json().await.unwrap_or(Value::Null))
}

/// Calls a JSON server function.
pub async fn call(client: &Client, server: &TestServer, endpoint: &str, body: Value) -> (StatusCode, Value) {
    answer(client.post(format!("{}/api/{endpoint}", server.url)).json(&body)).await
}

/// Sends and reads the answer as JSON (or as a JSON string when it is not JSON).
async fn answer(request: reqwest::RequestBuilder) -> (StatusCode, Value) {
    let response = request.send().await.unwrap();
    let status = response.status();
    let text = response.text().await.unwrap();
    (status, serde_json::from_str(&text).unwrap_or(Value::String(text)))
}

/// Calls a form-encoded server function (login, logout, me).
pub async fn call_form(client: &Client, server: &TestServer, endpoint: &str, form: &[(&str, &str)]) -> (StatusCode, Value) {
    answer(client.post(format!("{}/api/{endpoint}", server.url)).form(form)).await
}

pub async fn me(client: &Client, server: &TestServer) -> Value {
    let (status, body) = call_form(client, server, "auth/me", &[]).await;
    assert_eq!(status, StatusCode::OK);
    body
}

pub async fn admin(server: &TestServer) -> Client {
    let client = browser();
    let (status, _) = login(&client, server, "admin", ADMIN_PASSWORD).await;
    assert_eq!(status, StatusCode::OK, "admin signs in");
    client
}

/// Creates a user through the admin API and returns its id.
pub async fn create_user(admin: &Client, server: &TestServer, username: &str, role: &str, password: &str) -> i64 {
    let (status, body) = call(
        admin,
        server,
        "users/create",
        serde_json::json!({"form": {"username": username, "display_name": username, "role": role, "password": password}}),
    )
    .await;
    assert_eq!(status, StatusCode::OK, "create {username}: {body}");
    body["id"].as_i64().unwrap()
}

pub async fn signed_in(server: &TestServer, username: &str, password: &str) -> Client {
    let client = browser();
    let (status, body) = login(&client, server, username, password).await;
    assert_eq!(status, StatusCode::OK, "{username} signs in: {body}");
    client
}

/// The `(action, target)` pairs of the audit log, oldest first.
pub async fn audit_actions(server: &TestServer) -> Vec<(String, Option<String>)> {
    let pool = sqlx::SqlitePool::connect(&format!("sqlite://{}", server.db_path().display()))
        .await
        .unwrap();
    let rows: Vec<(String, Option<String>)> = sqlx::query_as("SELECT action, target FROM audit_log ORDER BY id")
        .fetch_all(&pool)
        .await
        .unwrap();
    pool.close().await;
    rows
}
