//! The built-in sandbox is served only to this machine and only while it is the MANGO in
//! use; MANGO addresses off the public internet are refused; Test connection shows nothing
//! of what a host that is not MANGO answers.

use std::net::SocketAddr;

use axum::body::Body;
use axum::extract::ConnectInfo;
use axum::http::Request;
use reqwest::StatusCode;
use serde_json::{json, Value};
use tower::ServiceExt;

use crate::support::*;

/// A signed `account/balance` request of the sandbox (manual 2.1.1), as form fields.
fn signed_balance() -> Vec<(&'static str, String)> {
    let json = "{}".to_string();
    let sign = server::mango::sign::sign(server::SANDBOX_API_KEY, &json, server::SANDBOX_API_SALT);
    vec![("vpbx_api_key", server::SANDBOX_API_KEY.to_string()), ("sign", sign), ("json", json)]
}

async fn sandbox_balance(server: &TestServer) -> StatusCode {
    reqwest::Client::new()
        .post(format!("{}/sandbox/vpbx/account/balance", server.url))
        .form(&signed_balance())
        .send()
        .await
        .unwrap()
        .status()
}

fn settings_form(vpbx: &str, cc: &str, key: &str, salt: &str) -> Value {
    json!({"form": {
        "vpbx_base_url": vpbx,
        "cc_base_url": cc,
        "vpbx_api_key": key,
        "new_api_salt": salt,
        "clear_api_salt": false,
        "timezone": "Europe/Moscow",
        "phone_region": "RU"}})
}

fn invalid_fields(body: &Value) -> Vec<String> {
    body["Invalid"].as_array().unwrap().iter().map(|e| e["field"].as_str().unwrap().to_string()).collect()
}

/// The sandbox's routes behind the guard, against the settings of `server`'s database.
async fn guarded_sandbox(server: &TestServer) -> axum::Router {
    let db = server::db::connect(&format!("sqlite://{}", server.db_path().display())).await.unwrap();
    let secrets = std::sync::Arc::new(server::crypto::init(&db, &server.data_dir, None).await.unwrap());
    let addr: SocketAddr = server.url.trim_start_matches("http://").parse().unwrap();
    let link = std::sync::Arc::new(server::mango::link::MangoLink::new(
        db,
        secrets,
        server::mango::link::SandboxAddress::served_at(addr),
        true,
    ));
    let sandbox = server::emulator::Sandbox::new(server::emulator::EmulatorConfig {
        api_key: server::SANDBOX_API_KEY.into(),
        api_salt: server::SANDBOX_API_SALT.into(),
        start: chrono::Utc::now(),
        time_factor: 0.0,
        seed: 1,
        faults: Default::default(),
    });
    server::mango::link::guard_sandbox(sandbox.router(), link)
}

fn balance_from(peer: &str) -> Request<Body> {
    let body = serde_urlencoded::to_string(signed_balance()).unwrap();
    let mut request = Request::post("/vpbx/account/balance")
        .header("content-type", "application/x-www-form-urlencoded")
        .body(Body::from(body))
        .unwrap();
    request.extensions_mut().insert(ConnectInfo(peer.parse::<SocketAddr>().unwrap()));
    request
}

#[tokio::test]
async fn the_sandbox_refuses_callers_off_this_machine() {
    let server = TestServer::start().await;
    let guarded = guarded_sandbox(&server).await;
    for peer in ["10.0.0.5:40000", "[::ffff:10.0.0.5]:40000", "81.88.86.1:1"] {
        let answer = guarded.clone().oneshot(balance_from(peer)).await.unwrap();
        assert_eq!(answer.status(), StatusCode::FORBIDDEN, "{peer}");
    }
    let answer = guarded.clone().oneshot(balance_from("127.0.0.1:40000")).await.unwrap();
    assert_eq!(answer.status(), StatusCode::OK, "this machine is served");
    // No peer known: refused too.
    let mut unknown = balance_from("127.0.0.1:1");
    unknown.extensions_mut().remove::<ConnectInfo<SocketAddr>>();
    assert_eq!(guarded.oneshot(unknown).await.unwrap().status(), StatusCode::FORBIDDEN);
    server.stop().await;
}

#[tokio::test]
async fn the_sandbox_and_its_key_are_gone_while_an_account_is_configured() {
    let server = TestServer::start().await;
    let admin = admin(&server).await;
    assert_eq!(sandbox_balance(&server).await, StatusCode::OK, "the sandbox is in use");

    let account = settings_form(
        "https://app.mango-office.ru/vpbx",
        "https://app.mango-office.ru/cc",
        "real-account-key",
        "real-account-salt",
    );
    let (status, view) = call(&admin, &server, "settings/save", account).await;
    assert_eq!(status, StatusCode::OK, "{view}");
    assert_eq!(view["sandbox"], false);
    assert_eq!(sandbox_balance(&server).await, StatusCode::NOT_FOUND);
    let cc = reqwest::Client::new()
        .post(format!("{}/sandbox/cc/task/add", server.url))
        .form(&signed_balance())
        .send()
        .await
        .unwrap();
    assert_eq!(cc.status(), StatusCode::NOT_FOUND);

    // An event signed with the sandbox's (public) key and salt is refused.
    let event = json!({"entry_id": "guard-1", "call_id": "guard-call-1", "timestamp": 1_764_000_000,
        "seq": 1, "call_state": "Appeared", "location": "abonent",
        "from": {"number": "79161234567"}, "to": {"extension": "101"}})
    .to_string();
    let sign = server::mango::sign::sign(server::SANDBOX_API_KEY, &event, server::SANDBOX_API_SALT);
    let refused = reqwest::Client::new()
        .post(format!("{}/events/call", server.url))
        .form(&[("vpbx_api_key", server::SANDBOX_API_KEY), ("sign", sign.as_str()), ("json", event.as_str())])
        .send()
        .await
        .unwrap();
    assert_eq!(refused.status(), StatusCode::UNAUTHORIZED);
    assert!(refused.text().await.unwrap().contains("sandbox"));

    // The salt removed: the sandbox is the MANGO in use again.
    let mut back = settings_form(
        "https://app.mango-office.ru/vpbx",
        "https://app.mango-office.ru/cc",
        "real-account-key",
        "",
    );
    back["form"]["clear_api_salt"] = json!(true);
    let (status, view) = call(&admin, &server, "settings/save", back).await;
    assert_eq!((status, &view["sandbox"]), (StatusCode::OK, &json!(true)), "{view}");
    assert_eq!(sandbox_balance(&server).await, StatusCode::OK);
    server.stop().await;
}

#[tokio::test]
async fn private_addresses_and_the_sandbox_key_are_refused_when_saving() {
    let server = TestServer::start().await;
    let admin = admin(&server).await;
    // This server runs loopback-only (as tests do): 10/8 and 169.254/16 are off this machine.
    let private = settings_form("http://10.0.0.5/vpbx", "http://169.254.169.254/cc", "key-1", "salt-1");
    let (status, body) = call(&admin, &server, "settings/save", private).await;
    assert_eq!(status, StatusCode::UNPROCESSABLE_ENTITY, "{body}");
    assert_eq!(invalid_fields(&body), ["vpbx_base_url", "cc_base_url"], "{body}");
    let messages = body.to_string();
    assert!(messages.contains("10.0.0.5") && messages.contains("169.254.169.254"), "{messages}");
    let (_, view) = call(&admin, &server, "settings/get", json!({})).await;
    assert_eq!(view["vpbx_base_url"], "https://app.mango-office.ru/vpbx", "nothing saved");

    // The sandbox's public key is not an account's.
    let sandbox_key = settings_form(
        "https://app.mango-office.ru/vpbx",
        "https://app.mango-office.ru/cc",
        server::SANDBOX_API_KEY,
        server::SANDBOX_API_SALT,
    );
    let (status, body) = call(&admin, &server, "settings/save", sandbox_key).await;
    assert_eq!(status, StatusCode::UNPROCESSABLE_ENTITY, "{body}");
    assert_eq!(invalid_fields(&body), ["vpbx_api_key"], "{body}");
    server.stop().await;
}

/// Something at a MANGO address that is not MANGO: an HTML page with a secret in it.
async fn not_mango() -> String {
    use axum::response::IntoResponse;
    let router = axum::Router::new().fallback(|uri: axum::http::Uri| async move {
        let status = if uri.path().ends_with("account/balance") { 200 } else { 403 };
        (
            StatusCode::from_u16(status).unwrap(),
            [("content-type", "text/html; charset=utf-8")],
            "<html><title>Intranet</title><body>internal-secret-7781</body></html>",
        )
            .into_response()
    });
    let listener = tokio::net::TcpListener::bind("127.0.0.1:0").await.unwrap();
    let base = format!("http://{}", listener.local_addr().unwrap());
    tokio::spawn(async move { axum::serve(listener, router).await });
    base
}

#[tokio::test]
async fn test_connection_shows_nothing_of_a_host_that_is_not_mango() {
    let server = TestServer::start().await;
    let admin = admin(&server).await;
    let base = not_mango().await;
    let form = settings_form(&format!("{base}/vpbx"), &format!("{base}/cc"), "some-key", "some-salt");
    let (status, view) = call(&admin, &server, "settings/save", form).await;
    assert_eq!(status, StatusCode::OK, "{view}");
    let (status, report) = call(&admin, &server, "settings/test_connection", json!({})).await;
    assert_eq!(status, StatusCode::OK, "{report}");
    let text = report.to_string();
    assert!(!text.contains("internal-secret") && !text.contains("Intranet"), "{text}");
    let checks = report["checks"].as_array().unwrap();
    assert!(checks.iter().all(|c| c["ok"] == false), "{report}");
    assert!(checks[0]["detail"].as_str().unwrap().contains("text/html"), "{report}");
    assert!(checks[1]["detail"].as_str().unwrap().contains("HTTP 403"), "{report}");
    // Nor does the directory, which keeps the last error of each part.
    let (_, directory) = call(&admin, &server, "directory/refresh", json!({})).await;
    assert!(!directory.to_string().contains("internal-secret"), "{directory}");
    server.stop().await;
}
