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
        mango_allow_private: false,
        demo: false,
        retention_days: 180,
        alert_silence_seconds: 600,
        trusted_proxies: None,
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

    /// A server run elsewhere (another process) at `url`: `stop` does nothing.
    pub fn external(url: String, data_dir: PathBuf) -> TestServer {
        TestServer { url, data_dir, shutdown: None, task: None }
    }

    pub fn db_path(&self) -> PathBuf {
        self.data_dir.join("obzvon.db")
    }
}

/// A client with its own cookie jar: one browser, reading English (the tests check English
/// wording; `russian_browser` reads the default).
pub fn browser() -> Client {
    browser_reading("en-US,en;q=0.9")
}

/// A browser that asks for Russian first, as Obzvon's users' browsers do.
pub fn russian_browser() -> Client {
    browser_reading("ru-RU,ru;q=0.9,en;q=0.5")
}

fn browser_reading(accept_language: &str) -> Client {
    let mut headers = reqwest::header::HeaderMap::new();
    headers.insert(reqwest::header::ACCEPT_LANGUAGE, accept_language.parse().unwrap());
    Client::builder()
        .cookie_store(true)
        .redirect(reqwest::redirect::Policy::none())
        .default_headers(headers)
        .build()
        .unwrap()
}

pub async fn login(
    client: &Client,
    server: &TestServer,
    username: &str,
    password: &str,
) -> (StatusCode, Value) {
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
pub async fn call_form(
    client: &Client,
    server: &TestServer,
    endpoint: &str,
    form: &[(&str, &str)],
) -> (StatusCode, Value) {
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
pub async fn create_user(
    admin: &Client,
    server: &TestServer,
    username: &str,
    role: &str,
    password: &str,
) -> i64 {
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
    let pool = sqlx::SqlitePool::connect(&format!("sqlite://{}", server.db_path().display())).await.unwrap();
    let rows: Vec<(String, Option<String>)> =
        sqlx::query_as("SELECT action, target FROM audit_log ORDER BY id").fetch_all(&pool).await.unwrap();
    pool.close().await;
    rows
}

/// A campaign created in the built-in sandbox with the leads of `csv` pushed to it (not
/// started); returns (ours, MANGO's).
pub async fn campaign_with_leads(admin: &Client, server: &TestServer, csv: &str) -> (i64, i64) {
    campaign_of_form_with_leads(admin, server, &draft_form("События"), csv).await
}

/// [`campaign_with_leads`] for a campaign of `form`.
pub async fn campaign_of_form_with_leads(
    admin: &Client,
    server: &TestServer,
    form: &Value,
    csv: &str,
) -> (i64, i64) {
    use serde_json::json;
    let id = save_draft(admin, server, form).await;
    let (status, body) = call(admin, server, "campaigns/act", json!({"id": id, "action": "Create"})).await;
    assert_eq!(status, StatusCode::OK, "{body}");
    let (_, detail) = call(admin, server, "campaigns/get", json!({"id": id})).await;
    let mango_id = detail["row"]["mango_campaign_id"].as_i64().expect("created in MANGO");

    let part = reqwest::multipart::Part::bytes(csv.as_bytes().to_vec()).file_name("leads.csv");
    let response = admin
        .post(format!("{}/campaigns/{id}/leads/upload", server.url))
        .multipart(reqwest::multipart::Form::new().part("file", part))
        .send()
        .await
        .unwrap();
    let location = response.headers()["location"].to_str().unwrap().to_string();
    let upload: i64 = location.split("upload=").nth(1).expect("uploaded").parse().unwrap();
    let (status, body) =
        call(admin, server, "leads/accept", json!({"upload_id": upload, "batch_size": 10})).await;
    assert_eq!(status, StatusCode::OK, "{body}");
    for _ in 0..100 {
        let (_, overview) = call(admin, server, "leads/overview", json!({"campaign_id": id})).await;
        if overview["push"]["state"] == "done" {
            return (id, mango_id);
        }
        tokio::time::sleep(std::time::Duration::from_millis(100)).await;
    }
    panic!("the leads were not pushed");
}

/// The form of a weekday 09:00–18:00 campaign on the sandbox's line with one operator.
pub fn draft_form(name: &str) -> Value {
    use serde_json::json;
    let day = json!([{"start": 540, "end": 1080}]);
    json!({
        "name": name, "line_id": 400200001, "author_user_id": null, "priority": "Normal", "dial_mode": "Simultaneous",
        "timezone": "Europe/Moscow", "start_local": "", "end_local": "",
        "schedule": {"days": [day, day, day, day, day, [], []]}, "operators": [400100101],
        "voice_message_id": null, "hold_message_id": null, "redial_if_busy": 3, "redial_if_no_answer": 3,
        "redial_if_unavailable": 3, "answer_wait_seconds": 30, "call_coefficient_tenths": 10,
        "wait_if_busy_seconds": 300, "wait_if_no_answer_seconds": 3600, "wait_if_unavailable_seconds": 3600,
        "after_call_seconds": 30})
}

/// Saves `form` as a draft and returns its id. The directory arrives in the background after
/// start and the line is known only once it has, so the save is retried for up to 10 s.
pub async fn save_draft(admin: &Client, server: &TestServer, form: &Value) -> i64 {
    use serde_json::json;
    for _ in 0..100 {
        let (status, saved) = call(admin, server, "campaigns/save", json!({"id": null, "form": form})).await;
        if status == StatusCode::OK {
            return saved["row"]["id"].as_i64().expect("a saved draft has an id");
        }
        tokio::time::sleep(std::time::Duration::from_millis(100)).await;
    }
    panic!("the campaign was not saved once the directory arrived");
}

/// Posts `event` to `/events/{kind}` as MANGO would: `key_field` (`vpbx_api_key`, or `api_key`
/// for the Contact Center's), `sign` over the JSON with `key` and `salt`, and the JSON.
pub async fn post_event(
    server: &TestServer,
    kind: &str,
    (key_field, key, salt): (&str, &str, &str),
    event: &Value,
) -> StatusCode {
    let json = event.to_string();
    let sign = server::mango::sign::sign(key, &json, salt);
    reqwest::Client::new()
        .post(format!("{}/events/{kind}", server.url))
        .form(&[(key_field, key), ("sign", sign.as_str()), ("json", json.as_str())])
        .send()
        .await
        .unwrap()
        .status()
}

/// [`post_event`] signed as the built-in sandbox signs.
pub async fn sandbox_event(server: &TestServer, kind: &str, event: &Value) -> StatusCode {
    post_event(server, kind, ("vpbx_api_key", server::SANDBOX_API_KEY, server::SANDBOX_API_SALT), event).await
}

/// A sandbox on its own loopback port with `key` and `salt`, its clock standing still at
/// Monday 2026-11-23 07:00 UTC (so it dials nobody by itself); and its base address.
pub async fn still_sandbox(key: &str, salt: &str, seed: u64) -> (server::emulator::Sandbox, String) {
    use chrono::TimeZone;
    let sandbox = server::emulator::Sandbox::new(server::emulator::EmulatorConfig {
        api_key: key.into(),
        api_salt: salt.into(),
        start: chrono::Utc.with_ymd_and_hms(2026, 11, 23, 7, 0, 0).unwrap(),
        time_factor: 0.0,
        seed,
        faults: Default::default(),
    });
    let listener = tokio::net::TcpListener::bind("127.0.0.1:0").await.unwrap();
    let base = format!("http://{}", listener.local_addr().unwrap());
    let router = sandbox.router();
    tokio::spawn(async move { axum::serve(listener, router).await });
    (sandbox, base)
}
