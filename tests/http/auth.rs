use reqwest::StatusCode;
use serde_json::{json, Value};

use crate::support::*;

#[tokio::test]
async fn session_cookie_is_http_only_and_strict() {
    let server = TestServer::start().await;
    let response = browser()
        .post(format!("{}/api/auth/login", server.url))
        .form(&[("username", "admin"), ("password", ADMIN_PASSWORD)])
        .send()
        .await
        .unwrap();
    assert_eq!(response.status(), StatusCode::OK);
    let cookie = response
        .headers()
        .get_all("set-cookie")
        .iter()
        .map(|v| v.to_str().unwrap().to_string())
        .find(|c| c.starts_with("obzvon_session="))
        .expect("a session cookie");
    assert!(cookie.contains("HttpOnly"), "{cookie}");
    assert!(cookie.contains("SameSite=Strict"), "{cookie}");
    assert!(!cookie.contains("Secure"), "plain http: not Secure ({cookie})");
    server.stop().await;

    // Served over https (behind a proxy): Secure.
    let dir = tempfile::tempdir().unwrap();
    let mut config = config(dir.path());
    config.public_url = Some("https://obzvon.example.ru".into());
    let server = TestServer::start_with(config).await.unwrap();
    let response = browser()
        .post(format!("{}/api/auth/login", server.url))
        .form(&[("username", "admin"), ("password", ADMIN_PASSWORD)])
        .send()
        .await
        .unwrap();
    let cookie = response.headers().get("set-cookie").unwrap().to_str().unwrap().to_string();
    assert!(cookie.starts_with("__Host-obzvon_session="), "{cookie}");
    assert!(cookie.contains("Secure"), "{cookie}");
    server.stop().await;
}

#[tokio::test]
async fn sessions_survive_a_restart() {
    let dir = tempfile::tempdir().unwrap();
    let server = TestServer::start_with(config(dir.path())).await.unwrap();
    let client = admin(&server).await;
    assert_eq!(me(&client, &server).await["username"], "admin");
    let port = server.url.rsplit(':').next().unwrap().to_string();
    server.stop().await;

    // Same data directory, same port (the cookie jar is per host and port).
    let mut again = config(dir.path());
    again.bind = format!("127.0.0.1:{port}").parse().unwrap();
    let server = TestServer::start_with(again).await.unwrap();
    assert_eq!(me(&client, &server).await["username"], "admin", "still signed in");
    server.stop().await;
}

#[tokio::test]
async fn failed_logins_are_throttled_per_account_and_recorded() {
    let server = TestServer::start().await;
    let admin = admin(&server).await;
    create_user(&admin, &server, "olga", "marketer", "olga-password-001").await;

    let client = browser();
    for attempt in 1..=5 {
        let (status, body) = login(&client, &server, "olga", "wrong-password-x").await;
        assert_eq!(status, StatusCode::UNAUTHORIZED, "attempt {attempt}");
        assert_eq!(body, json!("BadCredentials"));
    }
    // Now even the right password is refused for a while, with a reason.
    let (status, body) = login(&client, &server, "olga", "olga-password-001").await;
    assert_eq!(status, StatusCode::TOO_MANY_REQUESTS);
    assert!(body["TooManyAttempts"].as_str().unwrap().contains("this account"), "{body}");
    // Other accounts are not affected by olga's failures.
    let (status, _) = login(&browser(), &server, "admin", ADMIN_PASSWORD).await;
    assert_eq!(status, StatusCode::OK);

    let actions = audit_actions(&server).await;
    let failed = actions
        .iter()
        .filter(|(action, target)| action == "login_failed" && target.as_deref() == Some("olga"))
        .count();
    assert_eq!(failed, 5);
    assert!(actions.contains(&("login_throttled".into(), Some("olga".into()))));
    server.stop().await;
}

#[tokio::test]
async fn failed_logins_are_throttled_per_address() {
    let server = TestServer::start().await;
    // Guessing across many accounts from one address.
    for n in 0..20 {
        let (status, _) = login(&browser(), &server, &format!("nobody{n}"), "wrong-password-x").await;
        assert_eq!(status, StatusCode::UNAUTHORIZED);
    }
    let (status, body) = login(&browser(), &server, "admin", ADMIN_PASSWORD).await;
    assert_eq!(status, StatusCode::TOO_MANY_REQUESTS);
    assert!(body["TooManyAttempts"].as_str().unwrap().contains("network address"), "{body}");
    server.stop().await;
}

#[tokio::test]
async fn disabling_a_user_ends_their_sessions_and_refuses_login() {
    let server = TestServer::start().await;
    let admin = admin(&server).await;
    let id = create_user(&admin, &server, "pavel", "lead", "pavel-password-01").await;
    let pavel = signed_in(&server, "pavel", "pavel-password-01").await;
    assert_eq!(me(&pavel, &server).await["role"], "lead");

    let (status, body) =
        call(&admin, &server, "users/disabled", json!({"user_id": id, "disabled": true})).await;
    assert_eq!(status, StatusCode::OK, "{body}");
    assert_eq!(body["disabled"], true);
    assert_eq!(me(&pavel, &server).await, Value::Null, "signed out at once");
    let (status, body) = login(&browser(), &server, "pavel", "pavel-password-01").await;
    assert_eq!(status, StatusCode::FORBIDDEN);
    assert!(body["Forbidden"].as_str().unwrap().contains("disabled"), "{body}");

    // A wrong password for a disabled account says nothing about the account.
    let (status, body) = login(&browser(), &server, "pavel", "not-his-password").await;
    assert_eq!((status, body), (StatusCode::UNAUTHORIZED, json!("BadCredentials")));
    server.stop().await;
}

#[tokio::test]
async fn the_last_admin_cannot_be_removed() {
    let server = TestServer::start().await;
    let admin = admin(&server).await;
    let (_, users) = call(&admin, &server, "users/list", json!({})).await;
    let admin_id = users[0]["id"].as_i64().unwrap();
    let (status, body) =
        call(&admin, &server, "users/disabled", json!({"user_id": admin_id, "disabled": true})).await;
    assert_eq!(status, StatusCode::CONFLICT, "{body}");
    let (status, body) =
        call(&admin, &server, "users/role", json!({"user_id": admin_id, "role": "lead"})).await;
    assert_eq!(status, StatusCode::CONFLICT, "{body}");

    // A second admin may demote the first… but not the last remaining one.
    let second = create_user(&admin, &server, "boss", "admin", "boss-password-0001").await;
    let boss = signed_in(&server, "boss", "boss-password-0001").await;
    let (status, _) = call(&boss, &server, "users/role", json!({"user_id": admin_id, "role": "lead"})).await;
    assert_eq!(status, StatusCode::OK);
    let (status, body) =
        call(&boss, &server, "users/disabled", json!({"user_id": second, "disabled": true})).await;
    assert_eq!(status, StatusCode::CONFLICT, "cannot disable yourself: {body}");
    server.stop().await;
}

#[tokio::test]
async fn password_reset_and_change_end_other_sessions() {
    let server = TestServer::start().await;
    let admin = admin(&server).await;
    let id = create_user(&admin, &server, "vera", "marketer", "vera-password-0001").await;
    let laptop = signed_in(&server, "vera", "vera-password-0001").await;
    let phone = signed_in(&server, "vera", "vera-password-0001").await;

    // Vera changes her own password on the laptop: the phone is signed out, the laptop not.
    let (status, body) = call(
        &laptop,
        &server,
        "auth/password",
        json!({"form": {"current_password": "vera-password-0001", "new_password": "vera-password-0002"}}),
    )
    .await;
    assert_eq!(status, StatusCode::OK, "{body}");
    assert_eq!(me(&laptop, &server).await["username"], "vera");
    assert_eq!(me(&phone, &server).await, Value::Null);

    // Too short a new password names the field.
    let (status, body) = call(
        &laptop,
        &server,
        "auth/password",
        json!({"form": {"current_password": "vera-password-0002", "new_password": "short"}}),
    )
    .await;
    assert_eq!(status, StatusCode::UNPROCESSABLE_ENTITY);
    assert_eq!(body["Invalid"][0]["field"], "new_password", "{body}");

    // An admin reset signs her out everywhere; the new password works.
    let (status, _) = call(
        &admin,
        &server,
        "users/reset_password",
        json!({"user_id": id, "new_password": "vera-password-0003"}),
    )
    .await;
    assert_eq!(status, StatusCode::OK);
    assert_eq!(me(&laptop, &server).await, Value::Null);
    signed_in(&server, "vera", "vera-password-0003").await;
    server.stop().await;
}

#[tokio::test]
async fn user_creation_validates_every_field_and_refuses_duplicates() {
    let server = TestServer::start().await;
    let admin = admin(&server).await;
    let (status, body) = call(
        &admin,
        &server,
        "users/create",
        json!({"form": {"username": "Bad Name", "display_name": "", "role": null, "password": "short"}}),
    )
    .await;
    assert_eq!(status, StatusCode::UNPROCESSABLE_ENTITY);
    let fields: Vec<&str> =
        body["Invalid"].as_array().unwrap().iter().map(|e| e["field"].as_str().unwrap()).collect();
    assert_eq!(fields, ["display_name", "password", "username"], "{body}");

    create_user(&admin, &server, "ivan", "lead", "ivan-password-0001").await;
    let (status, body) = call(
        &admin,
        &server,
        "users/create",
        json!({"form": {"username": "ivan", "display_name": "Ivan 2", "role": "lead", "password": "ivan-password-0002"}}),
    )
    .await;
    assert_eq!(status, StatusCode::UNPROCESSABLE_ENTITY);
    assert_eq!(body["Invalid"][0]["message"], "The username ivan is taken.");

    let (status, body) = call(
        &admin,
        &server,
        "users/create",
        json!({"form": {"username": "nora", "display_name": "Nora", "role": null, "password": "nora-password-0001"}}),
    )
    .await;
    assert_eq!(status, StatusCode::UNPROCESSABLE_ENTITY);
    assert_eq!(body["Invalid"][0]["field"], "role", "{body}");

    let actions = audit_actions(&server).await;
    assert!(actions.contains(&("user_created".into(), Some("ivan".into()))));
    assert!(!actions.contains(&("user_created".into(), Some("nora".into()))));
    server.stop().await;
}
