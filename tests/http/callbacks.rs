//! Auto-callback tasks over HTTP against the built-in sandbox (manual 4.2): checked field by
//! field before MANGO sees them, created there, followed through their call's events; bulk
//! requests spread over operators and time, never doubled.

use std::time::Duration;

use chrono::Utc;
use reqwest::StatusCode;
use serde_json::{json, Value};

use crate::support::*;

/// `minutes` from now as a Moscow `datetime-local` value.
fn moscow_in(minutes: i64) -> String {
    (Utc::now() + chrono::Duration::minutes(minutes))
        .with_timezone(&chrono_tz::Europe::Moscow)
        .format("%Y-%m-%dT%H:%M")
        .to_string()
}

fn form(phone: &str, minutes: i64) -> Value {
    json!({"operator_user_id": 400100102, "start_local": moscow_in(minutes), "timezone": "Europe/Moscow",
        "duration_minutes": 15, "description": "Просил перезвонить", "phone": phone, "event": "Call", "auto_call": true})
}

async fn database(server: &TestServer) -> sqlx::SqlitePool {
    sqlx::SqlitePool::connect(&format!("sqlite://{}", server.db_path().display())).await.unwrap()
}

async fn stored_callbacks(server: &TestServer) -> i64 {
    let db = database(server).await;
    let n = sqlx::query_scalar("SELECT COUNT(*) FROM callbacks").fetch_one(&db).await.unwrap();
    db.close().await;
    n
}

/// The directory (operators) arrives in the background after start.
async fn wait_for_operators(client: &reqwest::Client, server: &TestServer) {
    for _ in 0..100 {
        let (status, options) = call(client, server, "callbacks/options", json!({})).await;
        assert_eq!(status, StatusCode::OK, "{options}");
        if options["operators"].as_array().is_some_and(|o| !o.is_empty()) {
            return;
        }
        tokio::time::sleep(Duration::from_millis(100)).await;
    }
    panic!("the directory never arrived");
}

async fn listed(client: &reqwest::Client, server: &TestServer) -> Vec<Value> {
    let (status, list) = call(client, server, "callbacks/list", json!({})).await;
    assert_eq!(status, StatusCode::OK, "{list}");
    list["rows"].as_array().unwrap().clone()
}

#[tokio::test]
async fn a_callback_is_checked_created_in_mango_and_followed_to_its_end() {
    let server = TestServer::start().await;
    let admin = admin(&server).await;
    create_user(&admin, &server, "lida", "lead", "lead-password-0001").await;
    let lead = signed_in(&server, "lida", "lead-password-0001").await;
    wait_for_operators(&lead, &server).await;

    // Every problem at once, by field; nothing stored, nothing sent.
    let mut bad = form("12345", 30);
    bad["duration_minutes"] = json!(1441);
    bad["description"] = json!("я".repeat(1025));
    let (status, body) = call(&lead, &server, "callbacks/create", json!({"form": bad})).await;
    assert_eq!(status, StatusCode::UNPROCESSABLE_ENTITY, "{body}");
    let fields: Vec<&str> =
        body["Invalid"].as_array().unwrap().iter().map(|e| e["field"].as_str().unwrap()).collect();
    assert_eq!(fields, ["duration_minutes", "description", "phone"], "{body}");
    let mut unknown_operator = form("+7 916 555-00-01", 30);
    unknown_operator["operator_user_id"] = json!(123);
    let (status, body) = call(&lead, &server, "callbacks/create", json!({"form": unknown_operator})).await;
    assert_eq!(status, StatusCode::UNPROCESSABLE_ENTITY, "{body}");
    assert!(body.to_string().contains("employee 123"), "{body}");
    assert_eq!(stored_callbacks(&server).await, 0);

    // Two simulated minutes ahead: the sandbox (a minute per second) calls it in about 2 s.
    let (status, created) =
        call(&lead, &server, "callbacks/create", json!({"form": form("+7 916 555-00-01", 2)})).await;
    assert_eq!(status, StatusCode::OK, "{created}");
    assert_eq!(created["number"], "79165550001");
    assert_eq!(created["state"], "Scheduled", "{created}");
    let auto_call_task_id =
        created["auto_call_task_id"].as_i64().expect("MANGO answered the automatic call's task");
    assert!(created["mango_task_id"].as_i64().is_some());
    assert!(created["operator"].as_str().unwrap().contains("102"), "{created}");

    // The same number again is refused unless meant.
    let (status, body) =
        call(&lead, &server, "callbacks/create", json!({"form": form("8 916 555 00 01", 30)})).await;
    assert_eq!(status, StatusCode::CONFLICT, "{body}");
    assert!(body.to_string().contains("already has a callback"), "{body}");
    assert_eq!(stored_callbacks(&server).await, 1);

    // The automatic call's events move it on: calling, then talked or failed with the reason.
    let mut row = Value::Null;
    for _ in 0..150 {
        row = listed(&lead, &server).await.into_iter().find(|r| r["id"] == created["id"]).unwrap();
        // "Talked" comes with the hang-up; its talk time with MANGO's summary a moment later.
        if (row["state"] == "Talked" && !row["talk_seconds"].is_null()) || row["state"] == "Failed" {
            break;
        }
        tokio::time::sleep(Duration::from_millis(200)).await;
    }
    match row["state"].as_str().unwrap() {
        "Talked" => {
            assert!(row["talk_seconds"].as_i64().is_some_and(|s| s > 0), "the talk time is given: {row}")
        }
        "Failed" => {
            assert!(row["reason"].as_str().is_some_and(|r| r.contains(": 1")), "the end code is given: {row}")
        }
        other => panic!("the callback was not called: {other}: {row}"),
    }
    let db = database(&server).await;
    let (initiator, number): (String, String) =
        sqlx::query_as("SELECT initiator, number FROM calls WHERE mango_task_id = $1")
            .bind(auto_call_task_id)
            .fetch_one(&db)
            .await
            .unwrap();
    // The sandbox says `ObDial` like MANGO (manual 3.1.1): the task id alone links the call.
    assert_eq!((initiator.as_str(), number.as_str()), ("ObDial", "79165550001"));
    db.close().await;

    // Once it is over, a new callback for the same number is fine.
    let (status, body) =
        call(&lead, &server, "callbacks/create", json!({"form": form("+7 916 555-00-01", 60)})).await;
    assert_eq!(status, StatusCode::OK, "{body}");
    assert!(audit_actions(&server).await.iter().filter(|(a, _)| a == "callback_created").count() == 2);
    server.stop().await;
}

fn bulk(campaign: i64, selection: Value, from: i64, until: i64) -> Value {
    json!({"form": {"campaign_id": campaign, "selection": selection, "operators": [400100101, 400100102],
        "from_local": moscow_in(from), "until_local": moscow_in(until), "timezone": "Europe/Moscow",
        "duration_minutes": 30, "description": "Не дозвонились", "event": "Call", "auto_call": true}})
}

async fn finished_batch(client: &reqwest::Client, server: &TestServer, batch: &Value) -> Value {
    let mut view = batch.clone();
    for _ in 0..100 {
        if view["finished"] == true {
            return view;
        }
        tokio::time::sleep(Duration::from_millis(100)).await;
        view = call(client, server, "callbacks/batch", json!({"batch_id": batch["id"]})).await.1;
    }
    panic!("the batch never finished: {view}");
}

#[tokio::test]
async fn bulk_callbacks_go_round_the_operators_over_the_period_and_are_never_doubled() {
    let server = TestServer::start().await;
    let admin = admin(&server).await;
    let csv = "name,phone\nОдин,89161110001\nДва,89161110002\nТри,89161110003\nЧетыре,89161110004\nПять,89161110005\nШесть,89161110006\n";
    let (campaign, _) = campaign_with_leads(&admin, &server, csv).await;
    let (_, results) =
        call(&admin, &server, "results/get", json!({"campaign_id": campaign, "filter": {}})).await;
    let ids: Vec<i64> =
        results["rows"].as_array().unwrap().iter().map(|r| r["task_id"].as_i64().unwrap()).collect();
    assert_eq!(ids.len(), 6);

    // Four leads over an hour from 2 hours on.
    let request = bulk(campaign, json!({"Leads": ids[..4]}), 120, 180);
    let (status, batch) = call(&admin, &server, "callbacks/bulk", request.clone()).await;
    assert_eq!(status, StatusCode::OK, "{batch}");
    assert_eq!(
        (batch["total"].as_u64(), batch["skipped"].as_u64(), batch["repeated"].as_bool()),
        (Some(4), Some(0), Some(false))
    );
    let batch = finished_batch(&admin, &server, &batch).await;
    assert_eq!(batch["created"], 4, "{batch}");
    let rows: Vec<&Value> = batch["items"].as_array().unwrap().iter().map(|i| &i["callback"]).collect();
    let operators: Vec<bool> = rows.iter().map(|r| r["operator"].as_str().unwrap().contains("101")).collect();
    assert_eq!(operators, [true, false, true, false], "round robin: {batch}");
    let db = database(&server).await;
    let due: Vec<i64> =
        sqlx::query_scalar("SELECT due_at FROM callbacks ORDER BY id").fetch_all(&db).await.unwrap();
    let gaps: Vec<i64> = due.windows(2).map(|w| w[1] - w[0]).collect();
    assert!(gaps.iter().all(|g| (840..=960).contains(g)), "a quarter of an hour apart: {gaps:?}");
    assert!(rows.iter().all(|r| r["state"] == "Scheduled" && r["auto_call_task_id"].is_i64()), "{batch}");

    // The same request again (a double click, a retry): the same batch, nothing new.
    let (status, again) = call(&admin, &server, "callbacks/bulk", request).await;
    assert_eq!(status, StatusCode::OK, "{again}");
    assert_eq!((again["id"].clone(), again["repeated"].clone()), (batch["id"].clone(), json!(true)));
    assert_eq!(stored_callbacks(&server).await, 4);

    // Every lead of the campaign, another period: the four with open callbacks are skipped.
    let (status, more) =
        call(&admin, &server, "callbacks/bulk", bulk(campaign, json!({"Matching": {}}), 240, 300)).await;
    assert_eq!(status, StatusCode::OK, "{more}");
    assert_eq!((more["total"].as_u64(), more["skipped"].as_u64()), (Some(6), Some(4)), "{more}");
    let skipped: Vec<&Value> =
        more["items"].as_array().unwrap().iter().filter(|i| i["skipped"].is_string()).collect();
    assert!(
        skipped.iter().all(|i| i["skipped"].as_str().unwrap().starts_with("Already has a callback")),
        "{more}"
    );
    finished_batch(&admin, &server, &more).await;
    assert_eq!(stored_callbacks(&server).await, 6);

    // Results show each lead's callback.
    let (_, results) =
        call(&admin, &server, "results/get", json!({"campaign_id": campaign, "filter": {}})).await;
    assert!(
        results["rows"]
            .as_array()
            .unwrap()
            .iter()
            .all(|r| r["callback"].as_str().is_some_and(|c| c.starts_with("Scheduled"))),
        "{results}"
    );

    // A lead of no such campaign is refused as a whole: nothing stored.
    let (status, body) = call(
        &admin,
        &server,
        "callbacks/bulk",
        bulk(campaign, json!({"Leads": [ids[0], 999_999]}), 400, 460),
    )
    .await;
    assert_eq!(status, StatusCode::UNPROCESSABLE_ENTITY, "{body}");
    assert!(body.to_string().contains("999999"), "{body}");
    assert_eq!(stored_callbacks(&server).await, 6);
    db.close().await;
    server.stop().await;
}

#[tokio::test]
async fn a_callback_in_flight_when_the_server_stopped_is_never_sent_again() {
    let dir = tempfile::tempdir().unwrap().keep();
    let server = TestServer::start_with(config(&dir)).await.unwrap();
    server.stop().await;
    // As if the server died after sending and before MANGO's answer was stored.
    let db =
        sqlx::SqlitePool::connect(&format!("sqlite://{}", dir.join("obzvon.db").display())).await.unwrap();
    sqlx::query(
        "INSERT INTO callbacks (number, operator_user_id, due_at, duration_minutes, event_type, auto_call, send_state, created_at) \
         VALUES ('79160000001', 400100101, 1900000000, 15, 1, 1, 'sending', 0)",
    )
    .execute(&db)
    .await
    .unwrap();
    db.close().await;

    let server = TestServer::start_with(config(&dir)).await.unwrap();
    let admin = admin(&server).await;
    let mut row = Value::Null;
    for _ in 0..50 {
        row = listed(&admin, &server).await.into_iter().next().unwrap();
        if row["state"] != "Sending" {
            break;
        }
        tokio::time::sleep(Duration::from_millis(100)).await;
    }
    assert_eq!(row["state"], "Unknown", "{row}");
    assert!(row["reason"].as_str().unwrap().contains("Check the operator's tasks in MANGO"), "{row}");
    assert!(row["mango_task_id"].is_null(), "not sent again: {row}");
    server.stop().await;
}

/// A callback's call is the call with its `auto_call_task_id` as `task_id` (manual 4.2),
/// whatever `callback_initiator` says; a call that names one of our campaigns counts for the
/// campaign and never moves a callback, even with the same task id.
#[tokio::test]
async fn a_callback_is_followed_by_task_id_and_campaign_calls_stay_the_campaigns() {
    let server = TestServer::start().await;
    let admin = admin(&server).await;
    let (campaign, mango_id) = campaign_with_leads(&admin, &server, "name,phone\nОльга,89165550002\n").await;
    wait_for_operators(&admin, &server).await;
    // Far ahead: the sandbox does not call it during the test.
    let (status, created) =
        call(&admin, &server, "callbacks/create", json!({"form": form("+7 916 555-00-02", 600)})).await;
    assert_eq!(status, StatusCode::OK, "{created}");
    let task_id = created["auto_call_task_id"].as_i64().unwrap();
    let post = |event: Value| {
        let url = format!("{}/events/call", server.url);
        async move {
            let json = event.to_string();
            let sign = server::mango::sign::sign(server::SANDBOX_API_KEY, &json, server::SANDBOX_API_SALT);
            let response = reqwest::Client::new()
                .post(url)
                .form(&[
                    ("vpbx_api_key", server::SANDBOX_API_KEY),
                    ("sign", sign.as_str()),
                    ("json", json.as_str()),
                ])
                .send()
                .await
                .unwrap();
            assert_eq!(response.status(), StatusCode::OK);
        }
    };
    let appeared = |entry: &str, campaign_id: Option<i64>| {
        let mut event = json!({
            "entry_id": entry, "call_id": format!("{entry}:1"), "timestamp": 1_800_000_000, "seq": 1,
            "call_state": "Appeared", "location": "abonent", "from": {"number": "74951234567", "extension": "102"},
            "to": {"number": "79165550002"}, "task_id": task_id, "callback_initiator": "ObDial"
        });
        if let Some(id) = campaign_id {
            event["campaign_id"] = json!(id);
        }
        event
    };
    let state = || async {
        listed(&admin, &server).await.into_iter().find(|r| r["id"] == created["id"]).unwrap()["state"].clone()
    };
    post(appeared("MToxMDAwODAx", Some(mango_id))).await;
    assert_eq!(state().await, "Scheduled", "a call of our campaign is the campaign's");
    let (_, board) = call(&admin, &server, "board/get", json!({"campaign_id": campaign})).await;
    assert_eq!(board["calls"], 1, "{board}");
    post(appeared("MToxMDAwODAy", None)).await;
    assert_eq!(state().await, "Calling", "ObDial with the callback's task id is its call");
    let (_, board) = call(&admin, &server, "board/get", json!({"campaign_id": campaign})).await;
    assert_eq!(board["calls"], 1, "the callback's call is not the campaign's: {board}");
    server.stop().await;
}
