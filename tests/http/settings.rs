use reqwest::StatusCode;
use serde_json::{json, Value};

use crate::support::*;

fn form(salt: &str) -> Value {
    json!({"form": {
        "vpbx_base_url": "https://app.mango-office.ru/vpbx",
        "cc_base_url": "https://app.mango-office.ru/cc",
        "vpbx_api_key": "api-key-123",
        "new_api_salt": salt,
        "clear_api_salt": false,
        "timezone": "Asia/Vladivostok",
        "phone_region": "RU"}})
}

async fn stored_salt(server: &TestServer) -> Option<String> {
    let pool = sqlx::SqlitePool::connect(&format!("sqlite://{}", server.db_path().display())).await.unwrap();
    let value = sqlx::query_scalar("SELECT value FROM settings WHERE key = 'mango.api_salt'")
        .fetch_optional(&pool)
        .await
        .unwrap();
    pool.close().await;
    value
}

#[tokio::test]
async fn defaults_and_the_write_only_salt() {
    let server = TestServer::start().await;
    let admin = admin(&server).await;
    let (status, view) = call(&admin, &server, "settings/get", json!({})).await;
    assert_eq!(status, StatusCode::OK);
    assert_eq!(view["vpbx_base_url"], "https://app.mango-office.ru/vpbx");
    assert_eq!(view["cc_base_url"], "https://app.mango-office.ru/cc");
    assert_eq!(view["timezone"], "Europe/Moscow");
    assert_eq!(view["phone_region"], "RU");
    assert_eq!(view["api_salt"], "NotSet");
    assert_eq!(view["sandbox"], true);
    assert_eq!(view["webhook_base_url"], server.url);

    let salt = "my-very-secret-salt-7a1c";
    let (status, view) = call(&admin, &server, "settings/save", form(salt)).await;
    assert_eq!(status, StatusCode::OK, "{view}");
    assert_eq!(view["api_salt"], json!({"Set": {"ends_with": "7a1c"}}));
    assert_eq!(view["sandbox"], false);
    assert_eq!(view["timezone"], "Asia/Vladivostok");
    assert!(!view.to_string().contains("my-very-secret"), "the salt is never sent back");

    // In the database it is encrypted, not the plain text.
    let stored = stored_salt(&server).await.unwrap();
    assert!(stored.starts_with("v1:") && !stored.contains("secret"), "{stored}");

    // Saving again with an empty salt keeps it; clearing removes it.
    call(&admin, &server, "settings/save", form("")).await;
    assert!(stored_salt(&server).await.is_some());
    let mut clear = form("");
    clear["form"]["clear_api_salt"] = json!(true);
    let (_, view) = call(&admin, &server, "settings/save", clear).await;
    assert_eq!(view["api_salt"], "NotSet");
    assert_eq!(stored_salt(&server).await, None);

    let actions = audit_actions(&server).await;
    assert_eq!(actions.iter().filter(|(a, _)| a == "settings_changed").count(), 2, "{actions:?}");
    server.stop().await;
}

#[tokio::test]
async fn bad_settings_name_their_fields_and_save_nothing() {
    let server = TestServer::start().await;
    let admin = admin(&server).await;
    let mut bad = form("salt-that-must-not-be-saved");
    bad["form"]["vpbx_base_url"] = json!("ftp://example.com");
    bad["form"]["timezone"] = json!("Mars/Olympus");
    bad["form"]["phone_region"] = json!("QQ");
    let (status, body) = call(&admin, &server, "settings/save", bad).await;
    assert_eq!(status, StatusCode::UNPROCESSABLE_ENTITY);
    let fields: Vec<&str> =
        body["Invalid"].as_array().unwrap().iter().map(|e| e["field"].as_str().unwrap()).collect();
    assert_eq!(fields, ["vpbx_base_url", "timezone", "phone_region"], "{body}");
    assert_eq!(stored_salt(&server).await, None, "nothing half-saved");
    let (_, view) = call(&admin, &server, "settings/get", json!({})).await;
    assert_eq!(view["timezone"], "Europe/Moscow");
    server.stop().await;
}

#[tokio::test]
async fn a_missing_damaged_or_different_key_stops_the_start() {
    let dir = tempfile::tempdir().unwrap();
    let server = TestServer::start_with(config(dir.path())).await.unwrap();
    let key_file = dir.path().join("secret.key");
    #[cfg(unix)]
    {
        use std::os::unix::fs::PermissionsExt;
        let mode = std::fs::metadata(&key_file).unwrap().permissions().mode();
        assert_eq!(mode & 0o777, 0o600, "key file readable by its owner only");
    }
    let client = admin(&server).await;
    call(&client, &server, "settings/save", form("salt-to-protect-1234")).await;
    server.stop().await;
    let original = std::fs::read_to_string(&key_file).unwrap();

    std::fs::remove_file(&key_file).unwrap();
    let error = TestServer::start_with(config(dir.path())).await.err().expect("refuses to start");
    assert!(format!("{error:#}").contains("is missing"), "{error:#}");
    assert!(!key_file.exists(), "no silent new key");

    std::fs::write(&key_file, "not a key").unwrap();
    let error = TestServer::start_with(config(dir.path())).await.err().expect("refuses to start");
    assert!(format!("{error:#}").contains("is damaged"), "{error:#}");

    std::fs::write(&key_file, "ab".repeat(32)).unwrap();
    let error = TestServer::start_with(config(dir.path())).await.err().expect("refuses to start");
    assert!(format!("{error:#}").contains("does not match"), "{error:#}");

    // The key may also come from the environment instead of the file.
    std::fs::remove_file(&key_file).unwrap();
    let mut from_env = config(dir.path());
    from_env.secret_key = Some(original.clone());
    let server = TestServer::start_with(from_env).await.unwrap();
    let admin = admin(&server).await;
    let (_, view) = call(&admin, &server, "settings/get", json!({})).await;
    assert_eq!(view["api_salt"], json!({"Set": {"ends_with": "1234"}}));
    server.stop().await;
}

/// Manual 4.1: while the Contact Center API is unavailable every method answers 5008 (the
/// rate limit's code too). After a run of them Obzvon says so on the Callbacks page and on
/// Settings instead of retrying without end; one CC answer that is not 5008 clears it.
#[tokio::test]
async fn a_contact_center_that_answers_5008_to_everything_is_shown_as_down() {
    use chrono::TimeZone;
    const KEY: &str = "cc-down-key";
    const SALT: &str = "cc-down-salt";
    let sandbox = server::emulator::Sandbox::new(server::emulator::EmulatorConfig {
        api_key: KEY.into(),
        api_salt: SALT.into(),
        start: chrono::Utc.with_ymd_and_hms(2026, 11, 23, 7, 0, 0).unwrap(),
        time_factor: 0.0,
        seed: 9,
        faults: Default::default(),
    });
    let listener = tokio::net::TcpListener::bind("127.0.0.1:0").await.unwrap();
    let base = format!("http://{}", listener.local_addr().unwrap());
    let router = sandbox.router();
    tokio::spawn(async move { axum::serve(listener, router).await });
    let server = TestServer::start().await;
    let admin = admin(&server).await;
    let (status, view) = call(
        &admin,
        &server,
        "settings/save",
        json!({"form": {"vpbx_base_url": format!("{base}/vpbx"), "cc_base_url": format!("{base}/cc"),
            "vpbx_api_key": KEY, "new_api_salt": SALT, "clear_api_salt": false,
            "timezone": "Europe/Moscow", "phone_region": "RU"}}),
    )
    .await;
    assert_eq!(status, StatusCode::OK, "{view}");
    let (status, _) = call(&admin, &server, "directory/refresh", json!({})).await;
    assert_eq!(status, StatusCode::OK);
    let (status, health) = call(&admin, &server, "settings/mango_health", json!({})).await;
    assert_eq!(status, StatusCode::OK, "{health}");
    assert_eq!(health["cc_unavailable"], Value::Null, "{health}");
    assert_eq!(health["campaign_list_paths"], json!(["io/v1/campaign/get_list", "campaign/get_list"]));

    let form = |phone: &str| {
        let start = (chrono::Utc::now() + chrono::Duration::minutes(30))
            .with_timezone(&chrono_tz::Europe::Moscow)
            .format("%Y-%m-%dT%H:%M")
            .to_string();
        json!({"form": {"operator_user_id": 400100102, "start_local": start, "timezone": "Europe/Moscow",
            "duration_minutes": 15, "description": "", "phone": phone, "event": "Call", "auto_call": true}})
    };
    sandbox.take_cc_down(true);
    let started = std::time::Instant::now();
    let (status, created) = call(&admin, &server, "callbacks/create", form("+7 916 555-00-01")).await;
    assert_eq!(status, StatusCode::OK, "{created}");
    assert!(started.elapsed() < std::time::Duration::from_secs(60), "gave up waiting, bounded");
    let created = settled(&admin, &server, created).await;
    assert_eq!(created["state"], "Queued", "kept to send later, not refused: {created}");
    let (_, list) = call(&admin, &server, "callbacks/list", json!({})).await;
    let notice = list["cc_unavailable"].as_str().unwrap_or_else(|| panic!("no notice: {list}"));
    assert!(notice.contains("5008") && notice.contains("4.1"), "{notice}");
    let (_, health) = call(&admin, &server, "settings/mango_health", json!({})).await;
    assert!(health["cc_unavailable"].as_str().is_some_and(|n| n.contains("5008")), "{health}");

    // Back up: the next callback is created, and the notice goes away.
    sandbox.take_cc_down(false);
    let (status, created) = call(&admin, &server, "callbacks/create", form("+7 916 555-00-02")).await;
    assert_eq!(status, StatusCode::OK, "{created}");
    let created = settled(&admin, &server, created).await;
    assert_eq!(created["state"], "Scheduled", "{created}");
    let (_, list) = call(&admin, &server, "callbacks/list", json!({})).await;
    assert_eq!(list["cc_unavailable"], Value::Null, "{list}");
    server.stop().await;
}

/// The callback once nobody is sending it: the background sender may have claimed it before
/// the page's own send (then the answer says "Sending" and the sender records the outcome).
async fn settled(admin: &reqwest::Client, server: &TestServer, created: Value) -> Value {
    let mut row = created;
    for _ in 0..240 {
        if row["state"] != "Sending" {
            return row;
        }
        tokio::time::sleep(std::time::Duration::from_millis(250)).await;
        let (_, list) = call(admin, server, "callbacks/list", json!({})).await;
        row = list["rows"]
            .as_array()
            .and_then(|rows| rows.iter().find(|r| r["id"] == row["id"]).cloned())
            .unwrap_or_else(|| panic!("callback {} not listed: {list}", row["id"]));
    }
    panic!("callback {} still being sent after 60 s: {row}", row["id"]);
}

#[tokio::test]
async fn a_russian_reader_reads_the_settings_problems_in_russian() {
    let server = TestServer::start().await;
    let admin = russian_browser();
    let (status, _) = login(&admin, &server, "admin", ADMIN_PASSWORD).await;
    assert_eq!(status, StatusCode::OK);
    let mut bad = form("");
    bad["form"]["vpbx_base_url"] = json!("ftp://example.com");
    bad["form"]["timezone"] = json!("Mars/Olympus");
    let (status, body) = call(&admin, &server, "settings/save", bad).await;
    assert_eq!(status, StatusCode::UNPROCESSABLE_ENTITY);
    let messages: Vec<&str> =
        body["Invalid"].as_array().unwrap().iter().map(|e| e["message"].as_str().unwrap()).collect();
    assert_eq!(
        messages,
        ["Укажите адрес, начинающийся с http:// или https://.", "Часовой пояс «Mars/Olympus» неизвестен."],
        "{body}"
    );
    server.stop().await;
}
