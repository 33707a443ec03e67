use reqwest::StatusCode;

use crate::support::*;

async fn get_html(
    client: &reqwest::Client,
    server: &TestServer,
    path: &str,
) -> (StatusCode, Option<String>, String) {
    let response =
        client.get(format!("{}{path}", server.url)).header("accept", "text/html").send().await.unwrap();
    let status = response.status();
    let location = response.headers().get("location").map(|v| v.to_str().unwrap().to_string());
    (status, location, response.text().await.unwrap())
}

#[tokio::test]
async fn health_answers_with_the_database_state() {
    let server = TestServer::start().await;
    let response = reqwest::get(format!("{}/healthz", server.url)).await.unwrap();
    assert_eq!(response.status(), StatusCode::OK);
    let body: serde_json::Value = response.json().await.unwrap();
    assert_eq!(body["database"], "reachable");
    server.stop().await;
}

#[tokio::test]
async fn pages_are_server_rendered_and_load_the_wasm_bundle() {
    let server = TestServer::start().await;
    let (status, _, html) = get_html(&browser(), &server, "/login").await;
    assert_eq!(status, StatusCode::OK);
    assert!(html.starts_with("<!DOCTYPE html>"), "{html}");
    // The bundle's address names its content: /v/<16 hex digits>/pkg/….
    let at = html.find(r#"href="/v/"#).expect("the bundle is loaded from its versioned address") + 6;
    let root = &html[at..at + 19];
    assert!(root.starts_with("/v/") && root[3..].bytes().all(|b| b.is_ascii_hexdigit()), "{root}");
    assert!(
        html.contains(&format!(r#"href="{root}/pkg/obzvon.js""#)),
        "the hydration script loads the bundle"
    );
    assert!(html.contains(&format!("{root}/pkg/obzvon_bg.wasm")));
    assert!(html.contains(&format!(r#"href="{root}/pkg/obzvon.css""#)));
    assert!(html.contains("<h1>Sign in</h1>"), "rendered on the server");

    // Kept by the browser for good, and sent precompressed as built.
    let client = browser();
    for (encoding, expected) in [("br", Some("br")), ("gzip", Some("gzip")), ("identity", None)] {
        let response = client
            .get(format!("{}{root}/pkg/obzvon_bg.wasm", server.url))
            .header("accept-encoding", encoding)
            .send()
            .await
            .unwrap();
        assert_eq!(response.status(), StatusCode::OK, "{encoding}");
        assert_eq!(response.headers()["cache-control"], "public, max-age=31536000, immutable");
        let sent = response.headers().get("content-encoding").map(|v| v.to_str().unwrap().to_string());
        assert_eq!(sent.as_deref(), expected, "{encoding}");
        let body = response.bytes().await.unwrap();
        if expected.is_none() {
            assert_eq!(&body[..4], b"\0asm", "the WebAssembly itself");
        }
    }
    // An older page's address gets today's file, to be asked again; nothing outside the bundle.
    let old = client.get(format!("{}/v/0000000000000000/pkg/obzvon.css", server.url)).send().await.unwrap();
    assert_eq!(old.status(), StatusCode::OK);
    assert_eq!(old.headers()["cache-control"], "no-cache");
    for outside in [format!("{root}/pkg/../../../Cargo.toml"), format!("{root}/pkg/%2e%2e/%2e%2e/Cargo.toml")]
    {
        let response = client.get(format!("{}{outside}", server.url)).send().await.unwrap();
        assert_eq!(response.status(), StatusCode::NOT_FOUND, "{outside}");
    }
    server.stop().await;
}

#[tokio::test]
async fn visitors_are_sent_to_the_login_page() {
    let server = TestServer::start().await;
    let (status, location, _) = get_html(&browser(), &server, "/users").await;
    assert_eq!(status, StatusCode::FOUND);
    assert_eq!(location.as_deref(), Some("/login?next=/users"));
    server.stop().await;
}

#[tokio::test]
async fn pages_a_role_may_not_see_answer_403() {
    let server = TestServer::start().await;
    let admin = admin(&server).await;
    create_user(&admin, &server, "mark", "marketer", "marketer-password-1").await;
    let marketer = signed_in(&server, "mark", "marketer-password-1").await;
    for (path, reason) in [
        ("/settings", "Only administrators can change settings."),
        ("/users", "Only administrators can manage users."),
        ("/audit", "Only administrators can view the audit log."),
        ("/callbacks", "Only team leads and administrators can create callbacks."),
    ] {
        let (status, _, html) = get_html(&marketer, &server, path).await;
        assert_eq!(status, StatusCode::FORBIDDEN, "{path}");
        assert!(html.contains(reason), "{path}: {reason}");
    }
    let (status, _, html) = get_html(&marketer, &server, "/campaigns").await;
    assert_eq!(status, StatusCode::OK);
    assert!(html.contains("No campaigns yet"));
    assert!(!html.contains(r#"href="/settings""#), "no Settings link for a marketer");

    let (status, _, html) = get_html(&admin, &server, "/settings").await;
    assert_eq!(status, StatusCode::OK);
    assert!(html.contains(r#"href="/settings""#));
    server.stop().await;
}

#[tokio::test]
async fn unknown_pages_answer_404() {
    let server = TestServer::start().await;
    let (status, _, html) = get_html(&browser(), &server, "/no/such/page").await;
    assert_eq!(status, StatusCode::NOT_FOUND);
    assert!(html.contains("Page not found"));
    server.stop().await;
}

#[tokio::test]
async fn the_built_in_sandbox_answers_under_sandbox() {
    use sha2::{Digest, Sha256};
    let server = TestServer::start().await;
    let json = "{}";
    let sign = hex::encode(Sha256::digest(
        format!("{}{json}{}", server::SANDBOX_API_KEY, server::SANDBOX_API_SALT).as_bytes(),
    ));
    let response = browser()
        .post(format!("{}/sandbox/vpbx/account/balance", server.url))
        .form(&[("vpbx_api_key", server::SANDBOX_API_KEY), ("sign", sign.as_str()), ("json", json)])
        .send()
        .await
        .unwrap();
    assert_eq!(response.status(), StatusCode::OK);
    let body: serde_json::Value = response.json().await.unwrap();
    assert_eq!(body["result"], 1000);
    server.stop().await;
}
