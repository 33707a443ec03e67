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
