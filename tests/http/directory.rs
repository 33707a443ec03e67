//! The MANGO connection inside the app: the directory cached from the sandbox, its refresh,
//! and "Test connection" with its success and refusal paths.

use std::time::Duration;

use reqwest::StatusCode;
use serde_json::{json, Value};

use crate::support::*;

/// The directory once every part has been fetched at least once (the first refresh runs at
/// start, in the background).
async fn fetched_directory(client: &reqwest::Client, server: &TestServer) -> Value {
    for _ in 0..100 {
        let (status, view) = call(client, server, "directory/get", json!({})).await;
        assert_eq!(status, StatusCode::OK, "{view}");
        if view["parts"].as_array().unwrap().iter().all(|p| !p["fetched_at"].is_null()) {
            return view;
        }
        tokio::time::sleep(Duration::from_millis(100)).await;
    }
    panic!("the directory was not fetched within 10 s");
}

/// An account's key and salt, as a MANGO on this machine knows them.
const ACCOUNT_KEY: &str = "account-key-1";
const ACCOUNT_SALT: &str = "account-salt-1";

/// A sandbox of its own on 127.0.0.1 that plays a MANGO account (the built-in one is served
/// only while no account is configured); its base address.
async fn account_mango() -> String {
    let sandbox = server::emulator::Sandbox::new(server::emulator::EmulatorConfig {
        api_key: ACCOUNT_KEY.into(),
        api_salt: ACCOUNT_SALT.into(),
        start: chrono::Utc::now(),
        time_factor: 0.0,
        seed: 5,
        faults: Default::default(),
    });
    let listener = tokio::net::TcpListener::bind("127.0.0.1:0").await.unwrap();
    let base = format!("http://{}", listener.local_addr().unwrap());
    let router = sandbox.router();
    tokio::spawn(async move { axum::serve(listener, router).await });
    base
}

fn connection(base: &str, key: &str, salt: &str) -> Value {
    json!({"form": {
        "vpbx_base_url": format!("{base}/vpbx"),
        "cc_base_url": format!("{base}/cc"),
        "vpbx_api_key": key,
        "new_api_salt": salt,
        "clear_api_salt": false,
        "timezone": "Europe/Moscow",
        "phone_region": "RU"}})
}

#[tokio::test]
async fn the_sandbox_directory_is_cached_and_refreshed() {
    let server = TestServer::start().await;
    let admin = admin(&server).await;
    create_user(&admin, &server, "mark", "marketer", "marketer-password-1").await;
    let marketer = signed_in(&server, "mark", "marketer-password-1").await;

    let view = fetched_directory(&marketer, &server).await;
    assert_eq!(view["sandbox"], true);
    assert_eq!(view["stale_source"], false);
    let operators = view["operators"].as_array().unwrap();
    assert_eq!(operators.len(), 10, "{view}");
    let anna = operators.iter().find(|o| o["extension"] == "101").unwrap();
    assert_eq!(anna["name"], "Анна Смирнова");
    assert_eq!(anna["user_id"], 400100101);
    assert_eq!(anna["uses_cc_status"], true);
    let pavel = operators.iter().find(|o| o["extension"] == "108").unwrap();
    assert_eq!(pavel["uses_cc_status"], false, "the sandbox's employee without Contact Center status");
    assert_eq!(view["lines"].as_array().unwrap().len(), 3);
    assert_eq!(view["audio_files"].as_array().unwrap().len(), 10);
    assert!(view["parts"].as_array().unwrap().iter().all(|p| p["last_error"].is_null()), "{view}");

    // What the database holds is the same, with fetch times.
    let pool = sqlx::SqlitePool::connect(&format!("sqlite://{}", server.db_path().display())).await.unwrap();
    let (operators, lines, audio): (i64, i64, i64) = sqlx::query_as(
        "SELECT (SELECT COUNT(*) FROM directory_operators), (SELECT COUNT(*) FROM directory_lines), \
         (SELECT COUNT(*) FROM directory_audio_files)",
    )
    .fetch_one(&pool)
    .await
    .unwrap();
    assert_eq!((operators, lines, audio), (10, 3, 10));
    let first_fetch: i64 =
        sqlx::query_scalar("SELECT fetched_at FROM directory_sync WHERE part = 'operators'")
            .fetch_one(&pool)
            .await
            .unwrap();

    // A marketer may refresh; it is fetched again and audited.
    let (status, refreshed) = call(&marketer, &server, "directory/refresh", json!({})).await;
    assert_eq!(status, StatusCode::OK, "{refreshed}");
    assert_eq!(refreshed["operators"].as_array().unwrap().len(), 10);
    let second_fetch: i64 =
        sqlx::query_scalar("SELECT fetched_at FROM directory_sync WHERE part = 'operators'")
            .fetch_one(&pool)
            .await
            .unwrap();
    assert!(second_fetch > first_fetch, "{second_fetch} > {first_fetch}");
    pool.close().await;
    let actions = audit_actions(&server).await;
    assert!(actions.iter().any(|(a, _)| a == "directory_refreshed"), "{actions:?}");
    server.stop().await;
}

#[tokio::test]
async fn test_connection_reports_success_and_mango_refusals() {
    let server = TestServer::start().await;
    let admin = admin(&server).await;

    // No credentials: the sandbox answers both reads.
    let (status, report) = call(&admin, &server, "settings/test_connection", json!({})).await;
    assert_eq!(status, StatusCode::OK, "{report}");
    assert_eq!(report["sandbox"], true);
    assert_eq!(report["target"], format!("{}/sandbox/vpbx", server.url));
    let checks = report["checks"].as_array().unwrap();
    assert_eq!(checks.len(), 3);
    assert!(checks.iter().all(|c| c["ok"] == true), "{report}");
    assert!(checks[0]["detail"].as_str().unwrap().starts_with("Balance "), "{report}");
    assert_eq!(checks[1]["detail"], "10 employees");
    // Both paths of manual 3.8.1 are probed and reported; the sandbox serves the example's.
    assert_eq!(checks[2]["method"], "campaign/get_list");
    let detail = checks[2]["detail"].as_str().unwrap();
    assert!(detail.starts_with("/io/v1/campaign/get_list answers (0 campaigns); /campaign/get_list does not answer (MANGO answered vpbx/campaign/get_list with HTTP 404)"), "{detail}");
    assert!(detail.ends_with("; using /io/v1/campaign/get_list"), "{detail}");

    // A key MANGO does not know: 3105 with the catalog's description.
    let account = account_mango().await;
    let (status, view) =
        call(&admin, &server, "settings/save", connection(&account, "not-a-known-key", "some-salt-1")).await;
    assert_eq!(status, StatusCode::OK, "{view}");
    assert_eq!(view["sandbox"], false);
    let (_, report) = call(&admin, &server, "settings/test_connection", json!({})).await;
    assert_eq!(report["sandbox"], false);
    for check in report["checks"].as_array().unwrap() {
        assert_eq!(check["ok"], false, "{report}");
        assert_eq!(check["code"], 3105, "{report}");
    }

    // The right key with a wrong salt: the signature does not match, 3102.
    let (_, _) =
        call(&admin, &server, "settings/save", connection(&account, ACCOUNT_KEY, "wrong-salt-22")).await;
    let (_, report) = call(&admin, &server, "settings/test_connection", json!({})).await;
    let first = &report["checks"][0];
    assert_eq!(first["code"], 3102, "{report}");
    assert!(first["detail"].as_str().unwrap().contains("3102"), "{report}");

    // The directory keeps its last good data and says why the refresh failed, and that the
    // data is from another source.
    let (status, view) = call(&admin, &server, "directory/refresh", json!({})).await;
    assert_eq!(status, StatusCode::OK, "{view}");
    assert_eq!(view["operators"].as_array().unwrap().len(), 10, "last good data kept: {view}");
    assert_eq!(view["stale_source"], true);
    let errors: Vec<&str> =
        view["parts"].as_array().unwrap().iter().filter_map(|p| p["last_error"].as_str()).collect();
    assert_eq!(errors.len(), 3, "{view}");
    assert!(errors.iter().all(|e| e.contains("3102")), "{errors:?}");

    // The right salt: the account answers.
    let (_, _) =
        call(&admin, &server, "settings/save", connection(&account, ACCOUNT_KEY, ACCOUNT_SALT)).await;
    let (_, report) = call(&admin, &server, "settings/test_connection", json!({})).await;
    assert!(report["checks"].as_array().unwrap().iter().all(|c| c["ok"] == true), "{report}");

    let actions = audit_actions(&server).await;
    assert_eq!(actions.iter().filter(|(a, _)| a == "connection_tested").count(), 4, "{actions:?}");
    server.stop().await;
}

#[tokio::test]
async fn a_test_server_never_calls_mango_off_this_machine() {
    let server = TestServer::start().await;
    let admin = admin(&server).await;
    let mut form = connection(&server.url, "real-looking-key", "real-looking-salt");
    form["form"]["vpbx_base_url"] = json!("https://app.mango-office.ru/vpbx");
    form["form"]["cc_base_url"] = json!("https://app.mango-office.ru/cc");
    let (status, _) = call(&admin, &server, "settings/save", form).await;
    assert_eq!(status, StatusCode::OK);
    let (status, body) = call(&admin, &server, "settings/test_connection", json!({})).await;
    assert_eq!(status, StatusCode::INTERNAL_SERVER_ERROR, "{body}");
    server.stop().await;
}
