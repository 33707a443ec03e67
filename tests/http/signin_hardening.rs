//! Sign-in under hostile load, session lifetimes and the first-password rule.

use std::time::{Duration, Instant};

use reqwest::StatusCode;
use serde_json::{json, Value};
use sha2::{Digest, Sha256};

use crate::support::*;

async fn pool(server: &TestServer) -> sqlx::SqlitePool {
    sqlx::SqlitePool::connect(&format!("sqlite://{}", server.db_path().display())).await.unwrap()
}

/// The database file and its write-ahead log together.
fn database_bytes(server: &TestServer) -> u64 {
    ["obzvon.db", "obzvon.db-wal"]
        .iter()
        .filter_map(|name| std::fs::metadata(server.data_dir.join(name)).ok())
        .map(|m| m.len())
        .sum()
}

fn now_ms() -> i64 {
    std::time::SystemTime::now().duration_since(std::time::UNIX_EPOCH).unwrap().as_millis() as i64
}

/// The session cookie `name` a sign-in answer sets, whole (`name=value; attributes`).
async fn sign_in_cookie(server: &TestServer, name: &str) -> String {
    let response = browser()
        .post(format!("{}/api/auth/login", server.url))
        .form(&[("username", "admin"), ("password", ADMIN_PASSWORD)])
        .send()
        .await
        .unwrap();
    assert_eq!(response.status(), StatusCode::OK);
    response
        .headers()
        .get_all("set-cookie")
        .iter()
        .map(|v| v.to_str().unwrap().to_string())
        .find(|c| c.starts_with(&format!("{name}=")))
        .unwrap_or_else(|| panic!("a {name} cookie"))
}

#[tokio::test]
async fn a_flood_of_huge_user_names_is_refused_quickly_and_leaves_no_rows() {
    let server = TestServer::start().await;
    let before = database_bytes(&server);
    let huge = "a".repeat(200 * 1024);
    let started = Instant::now();
    for n in 0..150 {
        let name = format!("{n}{huge}");
        let (status, body) = login(&browser(), &server, &name, "wrong-password-x").await;
        assert_eq!(status, StatusCode::UNPROCESSABLE_ENTITY, "attempt {n}: {body}");
        assert_eq!(body["Invalid"][0]["field"], "username", "{body}");
    }
    // No password was hashed for any of them (argon2 takes far longer than this each).
    assert!(started.elapsed() < Duration::from_secs(60), "{:?}", started.elapsed());
    // An over-long password is refused before hashing as well.
    let (status, body) = login(&browser(), &server, "admin", &"p".repeat(2000)).await;
    assert_eq!(status, StatusCode::UNPROCESSABLE_ENTITY, "{body}");
    assert_eq!(body["Invalid"][0]["field"], "password", "{body}");

    let pool = pool(&server).await;
    let audited: i64 = sqlx::query_scalar("SELECT COUNT(*) FROM audit_log WHERE action LIKE 'login%'")
        .fetch_one(&pool)
        .await
        .unwrap();
    assert_eq!(audited, 0, "malformed sign-ins write no audit rows");
    pool.close().await;
    let grown = database_bytes(&server).saturating_sub(before);
    assert!(grown < 1024 * 1024, "the database grew by {grown} bytes");
    server.stop().await;
}

#[tokio::test]
async fn many_unknown_names_from_one_address_add_one_counter_row() {
    let server = TestServer::start().await;
    let mut refused = 0;
    for n in 0..60 {
        let (status, _) = login(&browser(), &server, &format!("nobody{n}"), "wrong-password-x").await;
        match status {
            StatusCode::UNAUTHORIZED => {}
            StatusCode::TOO_MANY_REQUESTS => refused += 1,
            other => panic!("attempt {n}: {other}"),
        }
    }
    assert_eq!(refused, 40, "20 are checked, the rest refused");
    let pool = pool(&server).await;
    let counters: i64 =
        sqlx::query_scalar("SELECT COUNT(*) FROM login_attempts").fetch_one(&pool).await.unwrap();
    assert_eq!(counters, 1, "one row for the address, none per name");
    let (attempts, refused_counted): (i64, i64) =
        sqlx::query_as("SELECT attempts, refused FROM login_attempts").fetch_one(&pool).await.unwrap();
    assert_eq!((attempts, refused_counted), (60, 40));
    let throttled: i64 =
        sqlx::query_scalar("SELECT COUNT(*) FROM audit_log WHERE action = 'login_throttled'")
            .fetch_one(&pool)
            .await
            .unwrap();
    assert_eq!(throttled, 1, "refusals are counted, not audited one by one");
    pool.close().await;
    server.stop().await;
}

#[tokio::test]
async fn a_parallel_burst_gets_no_more_password_checks_than_the_limit() {
    let server = std::sync::Arc::new(TestServer::start().await);
    let admin = admin(&server).await;
    create_user(&admin, &server, "vera", "marketer", "vera-password-0001").await;
    let mut burst = tokio::task::JoinSet::new();
    for n in 0..20 {
        let server = server.clone();
        burst.spawn(
            async move { login(&browser(), &server, "vera", &format!("wrong-password-{n:03}")).await.0 },
        );
    }
    let mut statuses = Vec::new();
    while let Some(status) = burst.join_next().await {
        statuses.push(status.unwrap());
    }
    let checked = statuses.iter().filter(|s| **s == StatusCode::UNAUTHORIZED).count();
    let refused = statuses.iter().filter(|s| **s == StatusCode::TOO_MANY_REQUESTS).count();
    assert_eq!((checked, refused), (5, 15), "{statuses:?}");
    let verified = audit_actions(&server)
        .await
        .iter()
        .filter(|(action, target)| action == "login_failed" && target.as_deref() == Some("vera"))
        .count();
    assert_eq!(verified, 5, "each check is audited; no more than the limit ran");
    let server = std::sync::Arc::into_inner(server).unwrap();
    server.stop().await;
}

#[tokio::test]
async fn a_throttled_address_does_not_lock_the_admin_out_elsewhere() {
    let dir = tempfile::tempdir().unwrap();
    let db = server::db::connect(&format!("sqlite://{}", dir.path().join("t.db").display())).await.unwrap();
    server::bootstrap::ensure_admin(&db, Some(ADMIN_PASSWORD)).await.unwrap();
    let admin = server::db::users::find_by_username(&db, "admin").await.unwrap().unwrap();
    let account = Some((admin.id, "admin"));
    use server::auth::throttle;
    for n in 1..=throttle::PER_ACCOUNT_ADDRESS {
        assert!(throttle::begin(&db, account, Some("203.0.113.5")).await.unwrap().is_ok(), "attempt {n}");
    }
    let refusal = throttle::begin(&db, account, Some("203.0.113.5")).await.unwrap().unwrap_err();
    assert!(refusal.message.contains("в эту учётную запись с вашего адреса"), "{}", refusal.message);
    // The administrator, elsewhere, still gets to try — and a success resets nothing of the stranger's.
    let attempt =
        throttle::begin(&db, account, Some("198.51.100.7")).await.unwrap().expect("another address");
    throttle::succeeded(&db, attempt).await.unwrap();
    assert!(throttle::begin(&db, account, Some("203.0.113.5")).await.unwrap().is_err());
    // A spread-out attack: each address adds at most its own limit to the account's total.
    for host in 1..=throttle::PER_ACCOUNT / throttle::PER_ACCOUNT_ADDRESS {
        for _ in 0..throttle::PER_ACCOUNT_ADDRESS + 3 {
            let _ = throttle::begin(&db, account, Some(&format!("192.0.2.{host}"))).await.unwrap();
        }
    }
    let refusal = throttle::begin(&db, account, Some("198.51.100.8")).await.unwrap().unwrap_err();
    assert!(refusal.message.contains("с разных адресов"), "{}", refusal.message);
    db.close().await;
}

#[tokio::test]
async fn current_password_checks_are_throttled_too() {
    let server = TestServer::start().await;
    let admin = admin(&server).await;
    for n in 1..=5 {
        let (status, body) = call(
            &admin,
            &server,
            "auth/password",
            json!({"form": {"current_password": format!("not-it-{n:05}"), "new_password": "brand-new-password-1"}}),
        )
        .await;
        assert_eq!(status, StatusCode::UNPROCESSABLE_ENTITY, "{body}");
    }
    let (status, body) = call(
        &admin,
        &server,
        "auth/password",
        json!({"form": {"current_password": ADMIN_PASSWORD, "new_password": "brand-new-password-1"}}),
    )
    .await;
    assert_eq!(status, StatusCode::TOO_MANY_REQUESTS, "{body}");
    server.stop().await;
}

#[tokio::test]
async fn the_database_holds_only_hashes_of_session_ids() {
    let server = TestServer::start().await;
    let cookie = sign_in_cookie(&server, "obzvon_session").await;
    let id = cookie.split(';').next().unwrap().trim_start_matches("obzvon_session=").to_string();
    let pool = pool(&server).await;
    let stored: Vec<String> = sqlx::query_scalar("SELECT id FROM sessions").fetch_all(&pool).await.unwrap();
    assert!(!stored.is_empty());
    assert!(!stored.iter().any(|s| s.contains(&id)), "raw id {id} stored: {stored:?}");
    assert!(stored.contains(&hex::encode(Sha256::digest(id.as_bytes()))), "{stored:?}");
    let data: Vec<String> = sqlx::query_scalar("SELECT data FROM sessions").fetch_all(&pool).await.unwrap();
    assert!(!data.iter().any(|d| d.contains(&id)));
    pool.close().await;
    server.stop().await;
}

#[tokio::test]
async fn use_renews_the_idle_timeout_and_idleness_ends_the_session() {
    let server = TestServer::start().await;
    let client = admin(&server).await;
    let pool = pool(&server).await;
    // As if the last request had been long ago and the session were about to expire.
    let soon = now_ms() + 60_000;
    sqlx::query("UPDATE sessions SET expires_at = $1, data = json_set(data, '$.auth.last_seen_ms', 0)")
        .bind(soon)
        .execute(&pool)
        .await
        .unwrap();
    let response = client.post(format!("{}/api/auth/me", server.url)).json(&json!({})).send().await.unwrap();
    assert!(
        response.headers().get_all("set-cookie").iter().any(|c| c.to_str().unwrap().contains("Max-Age")),
        "the renewed cookie is sent again"
    );
    assert_eq!(response.json::<Value>().await.unwrap()["username"], "admin");
    let expires: i64 =
        sqlx::query_scalar("SELECT MAX(expires_at) FROM sessions").fetch_one(&pool).await.unwrap();
    assert!(expires > now_ms() + 11 * 3600 * 1000, "renewed to the full idle timeout: {expires}");

    // Idle past the timeout: signed out.
    sqlx::query("UPDATE sessions SET expires_at = $1").bind(now_ms() - 1).execute(&pool).await.unwrap();
    assert_eq!(me(&client, &server).await, Value::Null);
    pool.close().await;
    server.stop().await;
}

#[tokio::test]
async fn a_session_ends_thirty_days_after_sign_in_however_busy() {
    let server = TestServer::start().await;
    let client = admin(&server).await;
    let pool = pool(&server).await;
    let thirty_one_days_ago = now_ms() - 31 * 24 * 3600 * 1000;
    sqlx::query("UPDATE sessions SET created_at = $1")
        .bind(thirty_one_days_ago)
        .execute(&pool)
        .await
        .unwrap();
    assert_eq!(me(&client, &server).await, Value::Null, "signed out although recently used");
    pool.close().await;
    server.stop().await;
}

#[tokio::test]
async fn over_https_the_cookie_is_host_prefixed() {
    let dir = tempfile::tempdir().unwrap();
    let mut config = config(dir.path());
    config.public_url = Some("https://obzvon.example.ru".into());
    let server = TestServer::start_with(config).await.unwrap();
    let cookie = sign_in_cookie(&server, "__Host-obzvon_session").await;
    assert!(cookie.contains("Secure"), "{cookie}");
    assert!(cookie.contains("Path=/"), "{cookie}");
    assert!(!cookie.to_lowercase().contains("domain="), "{cookie}");
    server.stop().await;
}

#[tokio::test]
async fn a_generated_first_password_must_be_changed_before_anything_else() {
    let dir = tempfile::tempdir().unwrap().keep();
    let db = server::db::connect(&format!("sqlite://{}", dir.join("obzvon.db").display())).await.unwrap();
    let generated = server::bootstrap::ensure_admin(&db, None).await.unwrap().expect("a generated password");
    db.close().await;
    let mut config = config(&dir);
    config.admin_password = None;
    let server = TestServer::start_with(config).await.unwrap();

    let client = browser();
    let (status, body) = login(&client, &server, "admin", &generated).await;
    assert_eq!(status, StatusCode::OK, "{body}");
    assert_eq!(me(&client, &server).await["username"], "admin");
    let (status, body) = call(&client, &server, "campaigns/list", json!({})).await;
    assert_eq!(status, StatusCode::FORBIDDEN, "{body}");
    assert!(body["Forbidden"].as_str().unwrap().contains("Change your password first"), "{body}");
    let page = client.get(format!("{}/campaigns", server.url)).send().await.unwrap();
    assert_eq!(page.status(), StatusCode::SEE_OTHER);
    assert!(page.headers()["location"].to_str().unwrap().starts_with("/account"));
    let page = client.get(format!("{}/account", server.url)).send().await.unwrap();
    assert_eq!(page.status(), StatusCode::OK);

    let (status, body) = call(
        &client,
        &server,
        "auth/password",
        json!({"form": {"current_password": generated, "new_password": "chosen-admin-password-1"}}),
    )
    .await;
    assert_eq!(status, StatusCode::OK, "{body}");
    let (status, body) = call(&client, &server, "campaigns/list", json!({})).await;
    assert_eq!(status, StatusCode::OK, "{body}");
    let page = client.get(format!("{}/campaigns", server.url)).send().await.unwrap();
    assert_eq!(page.status(), StatusCode::OK);
    server.stop().await;
}

#[tokio::test]
async fn a_configured_first_password_is_kept() {
    let server = TestServer::start().await;
    let client = admin(&server).await;
    let (status, body) = call(&client, &server, "campaigns/list", json!({})).await;
    assert_eq!(status, StatusCode::OK, "{body}");
    server.stop().await;
}

/// Fails a sign-in as admin, claiming to come from `forwarded` (an `X-Forwarded-For`).
async fn fail_from(server: &TestServer, forwarded: &str) -> StatusCode {
    browser()
        .post(format!("{}/api/auth/login", server.url))
        .header("x-forwarded-for", forwarded)
        .form(&[("username", "admin"), ("password", "not-the-password")])
        .send()
        .await
        .unwrap()
        .status()
}

/// Behind a trusted proxy, attempts are counted and audited under the address it forwards;
/// from anyone else the header is ignored, so nobody picks the address they are counted under.
#[tokio::test]
async fn only_a_trusted_proxy_says_who_the_client_is() {
    use server::auth::throttle::PER_ACCOUNT_ADDRESS;
    let dir = tempfile::tempdir().unwrap().keep();
    let behind = TestServer::start_with(server::config::ServeConfig {
        trusted_proxies: Some("127.0.0.1, 10.0.0.0/8".into()),
        ..config(&dir)
    })
    .await
    .unwrap();
    for _ in 0..PER_ACCOUNT_ADDRESS {
        assert_eq!(fail_from(&behind, "203.0.113.7").await, StatusCode::UNAUTHORIZED);
    }
    assert_eq!(fail_from(&behind, "203.0.113.7").await, StatusCode::TOO_MANY_REQUESTS, "that client's limit");
    assert_eq!(
        fail_from(&behind, "198.51.100.9, 10.1.1.1").await,
        StatusCode::UNAUTHORIZED,
        "another client"
    );
    let db = pool(&behind).await;
    let addresses: Vec<Option<String>> = sqlx::query_scalar(
        "SELECT DISTINCT client_ip FROM audit_log WHERE action = 'login_failed' ORDER BY 1",
    )
    .fetch_all(&db)
    .await
    .unwrap();
    assert_eq!(addresses, [Some("198.51.100.9".to_string()), Some("203.0.113.7".to_string())]);
    db.close().await;

    // Without the setting, the same header changes nothing: every attempt is loopback's.
    let direct = TestServer::start().await;
    for n in 0..PER_ACCOUNT_ADDRESS {
        assert_eq!(fail_from(&direct, &format!("203.0.113.{n}")).await, StatusCode::UNAUTHORIZED);
    }
    assert_eq!(fail_from(&direct, "203.0.113.200").await, StatusCode::TOO_MANY_REQUESTS, "one address");
}
