//! `serve --demo` (what `make run` starts): on an empty database the whole story plays by
//! itself against the built-in sandbox; a database with campaigns is never touched.

use std::collections::BTreeSet;
use std::time::Duration;

use reqwest::StatusCode;
use serde_json::{json, Value};

use crate::support::*;

/// How often and how long to look for the demo's end (the sandbox runs a minute a second;
/// the demo takes about 20 s here).
const LOOK_EVERY: Duration = Duration::from_millis(500);
const LOOKS: usize = 360;

async fn campaigns(admin: &reqwest::Client, server: &TestServer) -> Vec<Value> {
    let (status, body) = call(admin, server, "campaigns/list", json!({})).await;
    assert_eq!(status, StatusCode::OK, "{body}");
    body.as_array().unwrap().clone()
}

#[tokio::test]
async fn the_demo_tells_the_story_once_and_leaves_existing_data_alone() {
    let dir = tempfile::tempdir().unwrap().keep();
    let mut demo_config = config(&dir);
    demo_config.demo = true;
    let server = TestServer::start_with(demo_config.clone()).await.unwrap();
    let as_admin = admin(&server).await;

    // The demo ends by asking for callbacks; the audit log says when.
    let mut ended = false;
    for _ in 0..LOOKS {
        if audit_actions(&server).await.iter().any(|(action, _)| action == "callbacks_requested") {
            ended = true;
            break;
        }
        tokio::time::sleep(LOOK_EVERY).await;
    }
    assert!(
        ended,
        "the demo asked for callbacks within {} s: {:?}",
        LOOKS as u64 * LOOK_EVERY.as_millis() as u64 / 1000,
        audit_actions(&server).await
    );

    // Two people with the roles of the story.
    let (_, users) = call(&as_admin, &server, "users/list", json!({})).await;
    let roles: BTreeSet<(String, String)> = users
        .as_array()
        .unwrap()
        .iter()
        .map(|u| (u["username"].as_str().unwrap().to_string(), u["role"].as_str().unwrap().to_string()))
        .collect();
    assert!(roles.contains(&("marina".into(), "marketer".into())), "{users}");
    assert!(roles.contains(&("leonid".into(), "lead".into())), "{users}");

    // One campaign, created in the sandbox, in Yekaterinburg time, by the marketer.
    let listed = campaigns(&as_admin, &server).await;
    assert_eq!(listed.len(), 1, "{listed:?}");
    let campaign = listed[0]["id"].as_i64().unwrap();
    let (_, detail) = call(&as_admin, &server, "campaigns/get", json!({"id": campaign})).await;
    assert!(detail["row"]["mango_campaign_id"].as_i64().is_some(), "created in MANGO: {detail}");
    assert_eq!(detail["form"]["timezone"], "Asia/Yekaterinburg", "{detail}");

    // The sample file's 21 good rows and the one fixed, every one called.
    let (_, results) =
        call(&as_admin, &server, "results/get", json!({"campaign_id": campaign, "filter": {}})).await;
    let rows = results["rows"].as_array().unwrap();
    assert_eq!(rows.len(), 22, "{results}");
    assert!(rows.iter().all(|r| !r["last_outcome"].is_null()), "every lead was called: {results}");
    assert!(
        rows.iter().any(|r| r["name"] == "Игорь Фёдоров" && r["number"] == "79161234510"),
        "the fixed row: {results}"
    );
    assert!(
        !rows.iter().any(|r| r["name"] == "Никита Лебедев"),
        "the row without a number stayed out: {results}"
    );

    // A callback for each lead whose last call missed, and for nobody else.
    let missed: BTreeSet<String> = rows
        .iter()
        .filter(|r| ["NoAnswer", "Busy", "Unavailable"].contains(&r["last_outcome"].as_str().unwrap_or("")))
        .map(|r| r["number"].as_str().unwrap().to_string())
        .collect();
    let (_, callbacks) = call(&as_admin, &server, "callbacks/list", json!({})).await;
    let called_back: BTreeSet<String> = callbacks["rows"]
        .as_array()
        .unwrap()
        .iter()
        .map(|c| c["number"].as_str().unwrap().to_string())
        .collect();
    assert!(!called_back.is_empty(), "{callbacks}");
    assert!(
        called_back.is_subset(&missed),
        "callbacks only for leads who missed the call: {called_back:?} of {missed:?}"
    );
    assert!(
        callbacks["rows"]
            .as_array()
            .unwrap()
            .iter()
            .all(|c| c["campaign_id"] == campaign && c["created_by"] == "Леонид Руководитель"),
        "{callbacks}"
    );

    // Done through the same calls as the pages, so the audit log tells it too.
    let audit = audit_actions(&server).await;
    for action in [
        "user_created",
        "campaign_created_in_mango",
        "lead_list_uploaded",
        "campaign_started",
        "callbacks_requested",
    ] {
        assert!(audit.iter().any(|(a, _)| a == action), "{action} is in the audit log: {audit:?}");
    }
    server.stop().await;

    // Started again on the same data: nothing added.
    let server = TestServer::start_with(demo_config).await.unwrap();
    let as_admin = admin(&server).await;
    let users_before = users.as_array().unwrap().len();
    tokio::time::sleep(Duration::from_secs(2)).await;
    let (_, users) = call(&as_admin, &server, "users/list", json!({})).await;
    assert_eq!(users.as_array().unwrap().len(), users_before, "{users}");
    assert_eq!(campaigns(&as_admin, &server).await.len(), 1);
    server.stop().await;
}

#[tokio::test]
async fn the_demo_leaves_an_installation_with_people_alone() {
    let dir = tempfile::tempdir().unwrap().keep();
    let server = TestServer::start_with(config(&dir)).await.unwrap();
    let as_admin = admin(&server).await;
    create_user(&as_admin, &server, "olga", "marketer", "olga-password-2026").await;
    server.stop().await;

    let mut demo_config = config(&dir);
    demo_config.demo = true;
    let server = TestServer::start_with(demo_config).await.unwrap();
    let as_admin = admin(&server).await;
    // The demo decides at once; give it time to do anything it would do.
    tokio::time::sleep(Duration::from_secs(3)).await;
    assert!(campaigns(&as_admin, &server).await.is_empty());
    let (_, users) = call(&as_admin, &server, "users/list", json!({})).await;
    let names: Vec<&str> =
        users.as_array().unwrap().iter().map(|u| u["username"].as_str().unwrap()).collect();
    assert_eq!(names.len(), 2, "{users}");
    assert!(!names.contains(&"marina"), "{users}");
    server.stop().await;
}
