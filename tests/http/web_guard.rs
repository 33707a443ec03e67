//! What a page on another site can make a signed-in browser do (nothing that changes data),
//! where a crafted sign-in link can lead (only our own pages), and the headers every answer
//! carries.

use reqwest::header::{CACHE_CONTROL, CONTENT_SECURITY_POLICY, CONTENT_TYPE, LOCATION, SET_COOKIE};
use reqwest::{Client, StatusCode};
use serde_json::{json, Value};
use server::{SANDBOX_API_KEY, SANDBOX_API_SALT};

use crate::support::*;

const EVIL: &str = "https://evil.example";

/// A saved draft (the directory arrives in the background after start; retried until it has).
async fn draft(admin: &Client, server: &TestServer) -> i64 {
    save_draft(admin, server, &draft_form("Весна")).await
}

async fn count(server: &TestServer, table: &str) -> i64 {
    let pool =
        sqlx::SqlitePool::connect(&format!("sqlite://{}?mode=ro", server.db_path().display())).await.unwrap();
    let n = sqlx::query_scalar(&format!("SELECT COUNT(*) FROM {table}")).fetch_one(&pool).await.unwrap();
    pool.close().await;
    n
}

async fn status_and_text(request: reqwest::RequestBuilder) -> (StatusCode, String) {
    let response = request.send().await.unwrap();
    (response.status(), response.text().await.unwrap())
}

#[tokio::test]
async fn a_page_on_another_site_changes_nothing_and_our_own_pages_still_do() {
    let server = TestServer::start().await;
    let admin = admin(&server).await;
    let id = draft(&admin, &server).await;
    let duplicate = format!("{}/api/campaigns/duplicate", server.url);
    let campaigns = count(&server, "campaigns").await;

    // A fetch from another site's page, with the admin's cookie.
    let (status, text) =
        status_and_text(admin.post(&duplicate).header("origin", EVIL).json(&json!({"id": id}))).await;
    assert_eq!(status, StatusCode::FORBIDDEN, "{text}");
    assert!(text.contains("another site") && text.contains(EVIL), "{text}");
    // Origin left out, but the browser says where the request came from.
    let (status, _) = status_and_text(
        admin.post(&duplicate).header("sec-fetch-site", "cross-site").json(&json!({"id": id})),
    )
    .await;
    assert_eq!(status, StatusCode::FORBIDDEN);
    // An HTML form on another site: `text/plain` is the one form type that can carry JSON
    // (`<input name='{"id":1,"x":"' value='"}'>`), and browsers send Origin with it.
    let forged = format!(r#"{{"id":{id},"x":"="}}"#);
    let (status, _) = status_and_text(
        admin.post(&duplicate).header("origin", EVIL).header(CONTENT_TYPE, "text/plain").body(forged.clone()),
    )
    .await;
    assert_eq!(status, StatusCode::FORBIDDEN);
    // Whatever the origin, no server function reads text/plain.
    let (status, text) =
        status_and_text(admin.post(&duplicate).header(CONTENT_TYPE, "text/plain").body(forged)).await;
    assert_eq!(status, StatusCode::UNSUPPORTED_MEDIA_TYPE, "{text}");
    assert_eq!(count(&server, "campaigns").await, campaigns, "nothing was duplicated");

    // Our own page (the browser names the origin the server is reached at), and a program.
    let (status, copy) = call(&admin, &server, "campaigns/duplicate", json!({"id": id})).await;
    assert_eq!(status, StatusCode::OK, "{copy}");
    let (status, text) = status_and_text(
        admin
            .post(&duplicate)
            .header("origin", &server.url)
            .header("sec-fetch-site", "same-origin")
            .json(&json!({"id": id})),
    )
    .await;
    assert_eq!(status, StatusCode::OK, "{text}");
    // The same server by its other loopback name.
    let by_name = server.url.replace("127.0.0.1", "localhost");
    let (status, text) =
        status_and_text(admin.post(&duplicate).header("origin", by_name).json(&json!({"id": id}))).await;
    assert_eq!(status, StatusCode::OK, "{text}");
    assert_eq!(count(&server, "campaigns").await, campaigns + 3);

    // An upload from another site.
    let uploads = count(&server, "lead_uploads").await;
    let part =
        reqwest::multipart::Part::bytes(b"name,phone\nA,79161234567\n".to_vec()).file_name("leads.csv");
    let response = admin
        .post(format!("{}/campaigns/{id}/leads/upload", server.url))
        .header("origin", EVIL)
        .multipart(reqwest::multipart::Form::new().part("file", part))
        .send()
        .await
        .unwrap();
    assert_eq!(response.status(), StatusCode::FORBIDDEN);
    assert_eq!(count(&server, "lead_uploads").await, uploads, "nothing was uploaded");

    // Signing out from another site.
    let (status, _) = status_and_text(
        admin.post(format!("{}/api/auth/logout", server.url)).header("origin", EVIL).form(&[("", "")]),
    )
    .await;
    assert_eq!(status, StatusCode::FORBIDDEN);
    assert_eq!(me(&admin, &server).await["username"], "admin", "still signed in");
    server.stop().await;
}

#[tokio::test]
async fn sign_in_cannot_be_forged_from_another_site() {
    let server = TestServer::start().await;
    let browser = browser();
    let login = format!("{}/api/auth/login", server.url);
    for (name, value) in [("origin", EVIL), ("origin", "null"), ("sec-fetch-site", "cross-site")] {
        let response = browser
            .post(&login)
            .header(name, value)
            .form(&[("username", "admin"), ("password", ADMIN_PASSWORD)])
            .send()
            .await
            .unwrap();
        assert_eq!(response.status(), StatusCode::FORBIDDEN, "{name}: {value}");
        assert!(response.headers().get(SET_COOKIE).is_none(), "no session for {name}: {value}");
    }
    assert_eq!(me(&browser, &server).await, Value::Null, "not signed in");
    // From the sign-in page itself.
    let response = browser
        .post(&login)
        .header("origin", &server.url)
        .form(&[("username", "admin"), ("password", ADMIN_PASSWORD)])
        .send()
        .await
        .unwrap();
    assert_eq!(response.status(), StatusCode::OK);
    assert_eq!(me(&browser, &server).await["username"], "admin");
    server.stop().await;
}

#[tokio::test]
async fn mango_events_need_no_origin_but_a_browser_cannot_send_them() {
    let server = TestServer::start().await;
    let json = json!({"entry_id": "MToxMDAwOTk5", "call_id": "MToxMDAwOTk5OjE=", "timestamp": 1764000000, "seq": "1",
        "call_state": "Appeared", "location": "abonent", "from": {"number": "74951234567"}, "to": {"number": "79161234567"}})
    .to_string();
    let sign = server::mango::sign::sign(SANDBOX_API_KEY, &json, SANDBOX_API_SALT);
    let fields = [("vpbx_api_key", SANDBOX_API_KEY), ("sign", sign.as_str()), ("json", json.as_str())];
    let events = format!("{}/events/call", server.url);
    let (status, text) = status_and_text(Client::new().post(&events).form(&fields)).await;
    assert_eq!(status, StatusCode::OK, "MANGO sends no Origin: {text}");
    let (status, _) = status_and_text(Client::new().post(&events).header("origin", EVIL).form(&fields)).await;
    assert_eq!(status, StatusCode::FORBIDDEN);
    server.stop().await;
}

/// The address a signed-in visitor of `/login?next=…` is sent on to (Leptos answers the
/// server-side redirect with a `Location` header).
async fn after_sign_in(client: &Client, server: &TestServer, encoded_next: &str) -> String {
    let response = client.get(format!("{}/login?next={encoded_next}", server.url)).send().await.unwrap();
    let location = response.headers().get(LOCATION).map(|value| value.to_str().unwrap().to_string());
    location.unwrap_or_else(|| panic!("{encoded_next}: sent on ({})", response.status()))
}

#[tokio::test]
async fn next_after_sign_in_stays_on_this_site() {
    let server = TestServer::start().await;
    let admin = admin(&server).await;
    assert_eq!(after_sign_in(&admin, &server, "%2Fusers").await, "/users");
    for hostile in [
        "%2F%09%2Fevil.example",
        "/%09/evil.example",
        "/%0A/evil.example",
        "%2F%5Cevil.example",
        "/%5Cevil.example",
        "%2F%2Fevil.example",
        "//evil.example",
        "https%3A%2F%2Fevil.example",
        "/%2509/evil.example",
    ] {
        assert_eq!(after_sign_in(&admin, &server, hostile).await, "/campaigns", "{hostile}");
    }
    server.stop().await;
}

fn header<'a>(response: &'a reqwest::Response, name: &str) -> &'a str {
    response.headers().get(name).map(|v| v.to_str().unwrap()).unwrap_or_else(|| panic!("no {name} header"))
}

/// The nonce the page's Content-Security-Policy names, after checking that every `<script>`
/// of the page carries it.
async fn scripts_carry_the_policys_nonce(page: reqwest::Response) -> String {
    let policy = header(&page, "content-security-policy").to_string();
    let nonce = policy
        .split("'nonce-")
        .nth(1)
        .and_then(|rest| rest.split('\'').next())
        .unwrap_or_else(|| panic!("a nonce in {policy}"))
        .to_string();
    let html = page.text().await.unwrap();
    let scripts: Vec<&str> = html.split("<script").skip(1).map(|s| &s[..s.find('>').unwrap()]).collect();
    assert!(!scripts.is_empty(), "the hydration script");
    for script in &scripts {
        assert!(
            script.contains(&format!("nonce=\"{nonce}\"")),
            "every inline script carries the nonce: {script}"
        );
    }
    nonce
}

#[tokio::test]
async fn pages_api_and_exports_carry_the_security_headers() {
    let server = TestServer::start().await;
    let admin = admin(&server).await;

    let page = admin.get(format!("{}/campaigns", server.url)).send().await.unwrap();
    assert_eq!(page.status(), StatusCode::OK);
    let policy = header(&page, "content-security-policy").to_string();
    for directive in [
        "default-src 'self'",
        "'wasm-unsafe-eval'",
        "object-src 'none'",
        "base-uri 'none'",
        "frame-ancestors 'none'",
        "form-action 'self'",
        "connect-src 'self'",
    ] {
        assert!(policy.contains(directive), "{directive} in {policy}");
    }
    assert_eq!(header(&page, "cache-control"), "no-store", "pages show personal data");
    assert_eq!(
        header(&page, "permissions-policy"),
        "camera=(), microphone=(), geolocation=(), payment=(), usb=()"
    );
    assert_eq!(header(&page, "x-content-type-options"), "nosniff");
    assert_eq!(header(&page, "x-frame-options"), "DENY");
    assert_eq!(header(&page, "referrer-policy"), "same-origin");
    assert!(page.headers().get("strict-transport-security").is_none(), "plain http: no HSTS");
    let nonce = scripts_carry_the_policys_nonce(page).await;
    // The page for an unknown address is rendered by another route.
    let missing = admin.get(format!("{}/no/such/page", server.url)).send().await.unwrap();
    assert_eq!(missing.status(), StatusCode::NOT_FOUND);
    scripts_carry_the_policys_nonce(missing).await;
    // A new nonce for every answer.
    let again = admin.get(format!("{}/campaigns", server.url)).send().await.unwrap();
    assert!(!header(&again, "content-security-policy").contains(&nonce));

    let (status, _) = call_form(&admin, &server, "auth/me", &[]).await;
    assert_eq!(status, StatusCode::OK);
    let api = admin.post(format!("{}/api/auth/me", server.url)).form(&[("", "")]).send().await.unwrap();
    assert_eq!(header(&api, "cache-control"), "no-store");

    let id = draft(&admin, &server).await;
    for export in ["results.csv", "results.xlsx"] {
        let response =
            admin.get(format!("{}/campaigns/{id}/results{}", server.url, &export[7..])).send().await.unwrap();
        assert_eq!(response.status(), StatusCode::OK, "{export}");
        assert_eq!(response.headers()[CACHE_CONTROL], "no-store", "{export}");
    }

    // The bundle stays cacheable.
    let bundle = admin.get(format!("{}/pkg/obzvon.css", server.url)).send().await.unwrap();
    assert_eq!(bundle.status(), StatusCode::OK);
    assert_ne!(bundle.headers().get(CACHE_CONTROL).map(|v| v.to_str().unwrap()), Some("no-store"));
    assert!(bundle.headers().get(CONTENT_SECURITY_POLICY).is_some());
    server.stop().await;

    // Served over https (behind a proxy): HSTS.
    let dir = tempfile::tempdir().unwrap();
    let mut config = config(dir.path());
    config.public_url = Some("https://obzvon.example.ru".into());
    let server = TestServer::start_with(config).await.unwrap();
    let page = browser().get(format!("{}/login", server.url)).send().await.unwrap();
    assert_eq!(header(&page, "strict-transport-security"), "max-age=31536000; includeSubDomains");
    server.stop().await;
}
