//! Alerts over HTTP, against a sandbox on its own port whose clock stands still (so it dials
//! nobody and sends nothing by itself): each alert appears on the board and in `alerts/list`
//! when its cause is there and is gone once the cause is.

use std::time::Duration;

use reqwest::{Client, StatusCode};
use serde_json::{json, Value};

use crate::support::*;

const KEY: &str = "alerts-key";
const SALT: &str = "alerts-salt";

async fn connect(admin: &Client, server: &TestServer, base: &str) {
    let (status, body) = call(
        admin,
        server,
        "settings/save",
        json!({"form": {
        "vpbx_base_url": format!("{base}/vpbx"), "cc_base_url": format!("{base}/cc"),
        "vpbx_api_key": KEY, "new_api_salt": SALT, "clear_api_salt": false,
        "timezone": "Europe/Moscow", "phone_region": "RU"}}),
    )
    .await;
    assert_eq!(status, StatusCode::OK, "{body}");
    let (status, view) = call(admin, server, "directory/refresh", json!({})).await;
    assert_eq!(status, StatusCode::OK, "{view}");
}

async fn post_signed(server: &TestServer, kind: &str, key_field: &str, event: &Value) {
    assert_eq!(
        post_event(server, kind, (key_field, KEY, SALT), event).await,
        StatusCode::OK,
        "{kind}: {event}"
    );
}

/// A finished call of the campaign to `number` that ended with `reason` (manual 3.1.1).
async fn finished_call(server: &TestServer, mango_campaign: i64, entry: &str, number: &str, reason: i64) {
    let at = chrono::Utc::now().timestamp();
    for (seq, state) in [(1, "Appeared"), (2, "Disconnected")] {
        let event = json!({"entry_id": entry, "call_id": format!("{entry}-1"), "timestamp": at, "seq": seq,
            "call_state": state, "location": "abonent", "from": {"number": "74951234567"},
            "to": {"number": number}, "campaign_id": mango_campaign, "disconnect_reason": reason});
        post_signed(server, "call", "vpbx_api_key", &event).await;
    }
}

async fn board_alerts(client: &Client, server: &TestServer, campaign: i64) -> Vec<String> {
    let (status, board) = call(client, server, "board/get", json!({"campaign_id": campaign})).await;
    assert_eq!(status, StatusCode::OK, "{board}");
    keys(&board["alerts"])
}

fn keys(alerts: &Value) -> Vec<String> {
    alerts.as_array().unwrap().iter().map(|a| a.as_object().unwrap().keys().next().unwrap().clone()).collect()
}

/// The alerts `alerts/list` gives for `campaign`.
async fn listed_alerts(client: &Client, server: &TestServer, campaign: i64) -> Vec<String> {
    let (status, all) = call(client, server, "alerts/list", json!({})).await;
    assert_eq!(status, StatusCode::OK, "{all}");
    all.as_array()
        .unwrap()
        .iter()
        .find(|c| c["campaign_id"] == campaign)
        .map(|c| keys(&c["alerts"]))
        .unwrap_or_default()
}

/// A round-the-clock campaign in MANGO with two leads pushed; (ours, MANGO's).
async fn campaign(admin: &Client, server: &TestServer, name: &str) -> (i64, i64) {
    let mut form = draft_form(name);
    let day = json!([{"start": 0, "end": 1440}]);
    form["schedule"] = json!({"days": [day, day, day, day, day, day, day]});
    campaign_of_form_with_leads(admin, server, &form, "name,phone\nАнна,89161234567\nБорис,89161234568\n")
        .await
}

#[tokio::test]
async fn each_alert_appears_with_its_cause_and_clears_itself() {
    let (sandbox, base) = still_sandbox(KEY, SALT, 7).await;
    let dir = tempfile::tempdir().unwrap().keep();
    let config = server::config::ServeConfig { alert_silence_seconds: 2, ..config(&dir) };
    let server = TestServer::start_with(config).await.unwrap();
    let admin = admin(&server).await;
    connect(&admin, &server, &base).await;
    let (id, mango_id) = campaign(&admin, &server, "Тревоги").await;
    assert!(board_alerts(&admin, &server, id).await.is_empty(), "not started: nothing to say");

    let (status, started) =
        call(&admin, &server, "campaigns/act", json!({"id": id, "action": "Start"})).await;
    assert_eq!(status, StatusCode::OK, "{started}");
    assert_eq!(started["row"]["state"], "Running", "{started}");
    // Running, inside its window, and silent for longer than 2 s.
    tokio::time::sleep(Duration::from_millis(2_500)).await;
    assert!(board_alerts(&admin, &server, id).await.contains(&"Silent".to_string()));
    assert!(listed_alerts(&admin, &server, id).await.contains(&"Silent".to_string()));
    // An event: heard from again.
    finished_call(&server, mango_id, "c2lsZW50", "79161234567", 1121).await;
    assert!(!board_alerts(&admin, &server, id).await.contains(&"Silent".to_string()), "the event clears it");

    // Its one operator goes on a break (manual 4.4 status 3), then back to outbound dialing (5).
    let now = chrono::Utc::now().timestamp_millis();
    let status = |status: i64, at: i64| json!({"abonent_id": 400100101, "status": status, "when": at, "timestamp": at});
    post_signed(&server, "user/status_changed", "api_key", &status(3, now)).await;
    assert!(board_alerts(&admin, &server, id).await.contains(&"NoOperatorDialing".to_string()));
    post_signed(&server, "user/status_changed", "api_key", &status(5, now + 1)).await;
    assert!(!board_alerts(&admin, &server, id).await.contains(&"NoOperatorDialing".to_string()));

    // A bad list: 8 of 20 finished calls reached no such number (manual code 1133), then more
    // good ones bring the share under 30 %.
    for n in 0..7 {
        finished_call(&server, mango_id, &format!("YmFk{n}"), "79161234568", 1133).await;
    }
    for n in 0..12 {
        finished_call(&server, mango_id, &format!("Z29vZA{n}"), "79161234567", 1121).await;
    }
    let (_, board) = call(&admin, &server, "board/get", json!({"campaign_id": id})).await;
    let bad = board["alerts"].as_array().unwrap().iter().find(|a| a.get("BadList").is_some()).cloned();
    assert_eq!(bad, Some(json!({"BadList": {"percent": 35, "bad": 7, "calls": 20}})), "{board}");
    for n in 12..20 {
        finished_call(&server, mango_id, &format!("Z29vZA{n}"), "79161234567", 1121).await;
    }
    assert!(!board_alerts(&admin, &server, id).await.contains(&"BadList".to_string()), "7 of 28 is 25 %");

    // A push MANGO's answers stop (no task count to count on), then resumed once they are whole.
    let (second, _) = {
        let (status, body) =
            call(&admin, &server, "campaigns/save", json!({"id": null, "form": draft_form("Второй")})).await;
        assert_eq!(status, StatusCode::OK, "{body}");
        let second = body["row"]["id"].as_i64().unwrap();
        let (status, body) =
            call(&admin, &server, "campaigns/act", json!({"id": second, "action": "Create"})).await;
        assert_eq!(status, StatusCode::OK, "{body}");
        (second, ())
    };
    let part = reqwest::multipart::Part::bytes("name,phone\nВера,89161234569\n".as_bytes().to_vec())
        .file_name("l.csv");
    let response = admin
        .post(format!("{}/campaigns/{second}/leads/upload", server.url))
        .multipart(reqwest::multipart::Form::new().part("file", part))
        .send()
        .await
        .unwrap();
    let location = response.headers()["location"].to_str().unwrap().to_string();
    let upload: i64 = location.split("upload=").nth(1).unwrap().parse().unwrap();
    sandbox.hide_task_counts(true);
    let (status, body) =
        call(&admin, &server, "leads/accept", json!({"upload_id": upload, "batch_size": 10})).await;
    assert_eq!(status, StatusCode::OK, "{body}");
    let push_state = |client: Client| {
        let server_url = server.url.clone();
        async move {
            let (_, overview) =
                answer_json(&client, &server_url, "leads/overview", json!({"campaign_id": second})).await;
            overview["push"]["state"].as_str().unwrap_or_default().to_string()
        }
    };
    let mut state = String::new();
    for _ in 0..100 {
        state = push_state(admin.clone()).await;
        if state == "failed" {
            break;
        }
        tokio::time::sleep(Duration::from_millis(100)).await;
    }
    assert_eq!(state, "failed");
    assert_eq!(listed_alerts(&admin, &server, second).await, ["PushFailed"]);
    sandbox.hide_task_counts(false);
    let (status, body) =
        call(&admin, &server, "leads/push_control", json!({"campaign_id": second, "control": "Resume"}))
            .await;
    assert_eq!(status, StatusCode::OK, "{body}");
    for _ in 0..100 {
        state = push_state(admin.clone()).await;
        if state == "done" {
            break;
        }
        tokio::time::sleep(Duration::from_millis(100)).await;
    }
    assert_eq!(state, "done");
    assert!(listed_alerts(&admin, &server, second).await.is_empty(), "pushed: cleared");

    // A refused callback counts until one to the same number is made again.
    let db = sqlx::SqlitePool::connect(&format!("sqlite://{}", server.db_path().display())).await.unwrap();
    let insert = |state: &'static str, at: i64| {
        sqlx::query(
            "INSERT INTO callbacks (campaign_id, number, operator_user_id, due_at, duration_minutes, event_type, \
             auto_call, send_state, refusal, created_at) VALUES ($1, '79161234567', 400100101, 0, 30, 1, TRUE, $2, $3, $4)",
        )
        .bind(id)
        .bind(state)
        .bind((state == "refused").then_some("3300 to_user_id does not exist"))
        .bind(at)
    };
    let now = chrono::Utc::now().timestamp_millis();
    insert("refused", now).execute(&db).await.unwrap();
    assert!(board_alerts(&admin, &server, id).await.contains(&"CallbacksRefused".to_string()));
    insert("created", now + 1).execute(&db).await.unwrap();
    assert!(!board_alerts(&admin, &server, id).await.contains(&"CallbacksRefused".to_string()));
    db.close().await;
    server.stop().await;
}

async fn answer_json(client: &Client, url: &str, endpoint: &str, body: Value) -> (StatusCode, Value) {
    let response = client.post(format!("{url}/api/{endpoint}")).json(&body).send().await.unwrap();
    let status = response.status();
    (status, response.json().await.unwrap_or(Value::Null))
}
