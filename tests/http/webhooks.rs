//! MANGO's events over HTTP (manual 3.1, 2.1.1): refused unless signed with the account's key
//! and salt (here the built-in sandbox's), stored once however often they arrive, and folded
//! into one call per entry whatever their order — linked to the lead it dialled.

use std::time::Duration;

use reqwest::StatusCode;
use serde_json::{json, Value};
use server::{SANDBOX_API_KEY, SANDBOX_API_SALT};

use crate::support::*;

async fn post_event(
    server: &TestServer,
    kind: &str,
    key: &str,
    salt: &str,
    json: &str,
) -> (StatusCode, String) {
    let sign = server::mango::sign::sign(key, json, salt);
    let response = reqwest::Client::new()
        .post(format!("{}/events/{kind}", server.url))
        .form(&[("vpbx_api_key", key), ("sign", sign.as_str()), ("json", json)])
        .send()
        .await
        .unwrap();
    (response.status(), response.text().await.unwrap())
}

async fn signed(server: &TestServer, kind: &str, event: &Value) -> StatusCode {
    post_event(server, kind, SANDBOX_API_KEY, SANDBOX_API_SALT, &event.to_string()).await.0
}

async fn database(server: &TestServer) -> sqlx::SqlitePool {
    let path = server.data_dir.join("obzvon.db");
    sqlx::SqlitePool::connect(&format!("sqlite://{}?mode=ro", path.display())).await.unwrap()
}

async fn stored_events(server: &TestServer) -> i64 {
    let db = database(server).await;
    let count = sqlx::query_scalar("SELECT COUNT(*) FROM webhook_events").fetch_one(&db).await.unwrap();
    db.close().await;
    count
}

fn call_event(seq: i64, state: &str, at: i64, mango_campaign: i64) -> Value {
    let mut event = json!({
        "entry_id": "MToxMDAwOTk5", "call_id": "MToxMDAwOTk5OjE=", "timestamp": at, "seq": seq.to_string(),
        "call_state": state, "location": "abonent",
        "from": {"extension": "101", "number": "74951234567"}, "to": {"number": "79161234567"},
        "task_id": "900001", "campaign_id": mango_campaign.to_string(), "callback_initiator": "ObDial"
    });
    if state == "Disconnected" {
        event["disconnect_reason"] = json!(1110);
    }
    event
}

#[tokio::test]
async fn forged_unsigned_or_broken_events_are_refused_and_nothing_is_stored() {
    let server = TestServer::start().await;
    let json = call_event(1, "Appeared", 1_800_000_000, 1).to_string();
    let (status, body) = post_event(&server, "call", SANDBOX_API_KEY, "not the salt", &json).await;
    assert_eq!(status, StatusCode::UNAUTHORIZED, "{body}");
    assert!(body.contains("sign does not match"), "{body}");
    let (status, body) = post_event(&server, "call", "someone-else", SANDBOX_API_SALT, &json).await;
    assert_eq!((status, body.contains("vpbx_api_key")), (StatusCode::UNAUTHORIZED, true), "{body}");
    let unsigned = reqwest::Client::new()
        .post(format!("{}/events/call", server.url))
        .form(&[("vpbx_api_key", SANDBOX_API_KEY), ("json", json.as_str())])
        .send()
        .await
        .unwrap();
    assert_eq!(unsigned.status(), StatusCode::BAD_REQUEST);
    assert!(unsigned.text().await.unwrap().contains("missing field sign"));
    let (status, body) = post_event(
        &server,
        "call",
        SANDBOX_API_KEY,
        SANDBOX_API_SALT,
        r#"{"entry_id":"x","call_id":"y","timestamp":1,"call_state":"Appeared"}"#,
    )
    .await;
    assert_eq!(status, StatusCode::BAD_REQUEST, "a call event without seq");
    assert!(body.contains("seq"), "{body}");
    let (status, _) = post_event(&server, "nonsense", SANDBOX_API_KEY, SANDBOX_API_SALT, &json).await;
    assert_eq!(status, StatusCode::NOT_FOUND);
    assert_eq!(stored_events(&server).await, 0, "refused events leave nothing behind");

    // A correct one is stored once, however often it is delivered.
    for _ in 0..3 {
        let (status, body) = post_event(&server, "call", SANDBOX_API_KEY, SANDBOX_API_SALT, &json).await;
        assert_eq!(status, StatusCode::OK, "{body}");
    }
    assert_eq!(stored_events(&server).await, 1);
    let alive = reqwest::get(format!("{}/events", server.url)).await.unwrap();
    assert_eq!(alive.status(), StatusCode::OK, "the address answers a plain GET");

    // Once an account is configured, its key and salt count — at once, not after a cache expires.
    let admin = admin(&server).await;
    let (status, body) = call(
        &admin,
        &server,
        "settings/save",
        json!({"form": {
        "vpbx_base_url": "http://127.0.0.1:9/vpbx", "cc_base_url": "http://127.0.0.1:9/cc",
        "vpbx_api_key": "account-key", "new_api_salt": "account-salt", "clear_api_salt": false,
        "timezone": "Europe/Moscow", "phone_region": "RU"}}),
    )
    .await;
    assert_eq!(status, StatusCode::OK, "{body}");
    let next = call_event(2, "Connected", 1_800_000_010, 1).to_string();
    assert_eq!(
        post_event(&server, "call", SANDBOX_API_KEY, SANDBOX_API_SALT, &next).await.0,
        StatusCode::UNAUTHORIZED
    );
    assert_eq!(post_event(&server, "call", "account-key", "account-salt", &next).await.0, StatusCode::OK);
    assert_eq!(stored_events(&server).await, 2);
    server.stop().await;
}

/// A campaign created in the built-in sandbox, with one lead pushed; returns (ours, MANGO's).
async fn campaign_with_one_lead(admin: &reqwest::Client, server: &TestServer) -> (i64, i64) {
    campaign_with_leads(admin, server, "name,phone\nАнна Смирнова,8 916 123-45-67\n").await
}

#[tokio::test]
async fn events_in_any_order_and_repeated_make_one_call_linked_to_its_lead() {
    let server = TestServer::start().await;
    let admin = admin(&server).await;
    let (campaign, mango_id) = campaign_with_one_lead(&admin, &server).await;
    let start = 1_800_000_000;
    let appeared = call_event(1, "Appeared", start, mango_id);
    let connected = call_event(2, "Connected", start + 8, mango_id);
    let disconnected = call_event(3, "Disconnected", start + 98, mango_id);
    let summary = json!({
        "entry_id": "MToxMDAwOTk5", "call_direction": 2, "from": {"extension": "101", "number": "74951234567"},
        "to": {"number": "79161234567"}, "line_number": "74951234567", "create_time": start, "forward_time": start,
        "talk_time": start + 8, "end_time": start + 98, "entry_result": 1, "disconnect_reason": 1110});

    // The end first, then the start, the summary, a repeat, the middle, another repeat.
    for (kind, event) in [
        ("call", &disconnected),
        ("call", &appeared),
        ("summary", &summary),
        ("call", &disconnected),
        ("call", &connected),
        ("call", &appeared),
    ] {
        assert_eq!(signed(&server, kind, event).await, StatusCode::OK);
    }
    assert_eq!(stored_events(&server).await, 4, "repeats are recognised");

    let (status, board) = call(&admin, &server, "board/get", json!({"campaign_id": campaign})).await;
    assert_eq!(status, StatusCode::OK, "{board}");
    assert_eq!(board["calls"], 1, "{board}");
    assert_eq!(board["queued"], 0, "the one lead was called");
    let talked = board["outcomes"].as_array().unwrap().iter().find(|o| o["outcome"] == "Talked").unwrap();
    assert_eq!(talked["count"], 1);
    assert_eq!(
        talked["reasons"],
        json!(["1110 Call ended by the caller (1)"]),
        "the catalog's words for the code"
    );
    let feed = &board["feed"][0];
    assert_eq!(
        feed["lead_name"], "Анна Смирнова",
        "linked to the pushed task by campaign and number: {feed}"
    );
    assert_eq!(feed["talk_seconds"], 90);
    assert_eq!(feed["outcome"], "Talked");
    assert!(feed["reason"].as_str().unwrap().starts_with("1110 "), "{feed}");
    assert_eq!(board["operators"][0]["talks"], 1);
    assert_eq!(board["operators"][0]["talk_seconds"], 90);
    assert_eq!(board["events_received"], 4);

    // Results: the lead with its talk; exports need the export right and keep the filter.
    let (status, results) = call(
        &admin,
        &server,
        "results/get",
        json!({"campaign_id": campaign, "filter": {"outcome": "Talked"}}),
    )
    .await;
    assert_eq!(status, StatusCode::OK, "{results}");
    assert_eq!(
        (results["matching"].clone(), results["summary"]["talked"].clone()),
        (json!(1), json!(1)),
        "{results}"
    );
    assert_eq!(results["rows"][0]["name"], "Анна Смирнова");
    assert_eq!(results["rows"][0]["attempts"], 1);
    let (_, none) =
        call(&admin, &server, "results/get", json!({"campaign_id": campaign, "filter": {"outcome": "Busy"}}))
            .await;
    assert_eq!(none["matching"], 0);
    let csv = admin
        .get(format!(
            "{}/campaigns/{campaign}/results.csv?outcome=talked&search=%D0%B0%D0%BD%D0%BD%D0%B0",
            server.url
        ))
        .send()
        .await
        .unwrap();
    assert_eq!(csv.status(), StatusCode::OK);
    let text = csv.text().await.unwrap();
    assert!(text.contains("79161234567;Анна Смирнова") && text.contains("Talked"), "{text}");
    let xlsx = admin.get(format!("{}/campaigns/{campaign}/results.xlsx", server.url)).send().await.unwrap();
    assert_eq!(xlsx.status(), StatusCode::OK);
    let table = server::leads::table::read(&xlsx.bytes().await.unwrap(), "results.xlsx", None).unwrap();
    assert_eq!(table.rows[1][0], "79161234567");
    let refused = admin
        .get(format!("{}/campaigns/{campaign}/results.csv?outcome=nonsense", server.url))
        .send()
        .await
        .unwrap();
    assert_eq!(refused.status(), StatusCode::BAD_REQUEST);
    create_user(&admin, &server, "mira", "marketer", "marketer-password-1").await;
    let marketer = signed_in(&server, "mira", "marketer-password-1").await;
    let forbidden =
        marketer.get(format!("{}/campaigns/{campaign}/results.csv", server.url)).send().await.unwrap();
    assert_eq!(forbidden.status(), StatusCode::FORBIDDEN, "marketers do not export results");

    let db = database(&server).await;
    let linked: Option<i64> =
        sqlx::query_scalar("SELECT mango_task_id FROM tasks WHERE number = '79161234567'")
            .fetch_one(&db)
            .await
            .unwrap();
    assert_eq!(linked, Some(900001));
    let (state, last_seq): (String, i64) =
        sqlx::query_as("SELECT state, last_seq FROM calls").fetch_one(&db).await.unwrap();
    assert_eq!(
        (state.as_str(), last_seq),
        ("disconnected", 3),
        "an older seq never overwrote the newer state"
    );
    db.close().await;
    server.stop().await;
}

/// A campaign of three leads runs in the built-in sandbox; then MANGO is asked about its quiet
/// tasks (manual 3.8.3) and what it says agrees with what the events said.
#[tokio::test]
async fn quiet_tasks_are_polled_and_mango_agrees_with_the_events() {
    let server = TestServer::start().await;
    let admin = admin(&server).await;
    let day = json!([{"start": 0, "end": 1440}]);
    let form = json!({
        "name": "Опрос задач", "line_id": 400200001, "author_user_id": null, "priority": "Normal", "dial_mode": "Simultaneous",
        "timezone": "Europe/Moscow", "start_local": "", "end_local": "",
        "schedule": {"days": [day, day, day, day, day, day, day]}, "operators": [400100101, 400100102, 400100103],
        "voice_message_id": null, "hold_message_id": null, "redial_if_busy": 1, "redial_if_no_answer": 1,
        "redial_if_unavailable": 1, "answer_wait_seconds": 10, "call_coefficient_tenths": 10,
        "wait_if_busy_seconds": 60, "wait_if_no_answer_seconds": 3600, "wait_if_unavailable_seconds": 0,
        "after_call_seconds": 0});
    let mut id = None;
    for _ in 0..100 {
        let (status, saved) =
            call(&admin, &server, "campaigns/save", json!({"id": null, "form": form})).await;
        if status == StatusCode::OK {
            id = saved["row"]["id"].as_i64();
            break;
        }
        tokio::time::sleep(Duration::from_millis(100)).await;
    }
    let id = id.expect("saved once the directory arrived");
    assert_eq!(
        call(&admin, &server, "campaigns/act", json!({"id": id, "action": "Create"})).await.0,
        StatusCode::OK
    );
    let part = reqwest::multipart::Part::bytes(
        "name,phone\nОдин,89161110001\nДва,89161110002\nТри,89161110003\n".as_bytes().to_vec(),
    )
    .file_name("three.csv");
    let response = admin
        .post(format!("{}/campaigns/{id}/leads/upload", server.url))
        .multipart(reqwest::multipart::Form::new().part("file", part))
        .send()
        .await
        .unwrap();
    let upload: i64 =
        response.headers()["location"].to_str().unwrap().split("upload=").nth(1).unwrap().parse().unwrap();
    assert_eq!(
        call(&admin, &server, "leads/accept", json!({"upload_id": upload, "batch_size": 10})).await.0,
        StatusCode::OK
    );
    for _ in 0..100 {
        if call(&admin, &server, "leads/overview", json!({"campaign_id": id})).await.1["push"]["state"]
            == "done"
        {
            break;
        }
        tokio::time::sleep(Duration::from_millis(100)).await;
    }
    assert_eq!(
        call(&admin, &server, "campaigns/act", json!({"id": id, "action": "Start"})).await.0,
        StatusCode::OK
    );

    // Every lead called and its call over (a simulated minute per second).
    let mut results = Value::Null;
    for _ in 0..300 {
        results = call(&admin, &server, "results/get", json!({"campaign_id": id, "filter": {}})).await.1;
        let rows = results["rows"].as_array().unwrap();
        if rows.len() == 3
            && rows.iter().all(|r| r["attempts"].as_i64() >= Some(1) && r["last_outcome"] != "InProgress")
        {
            break;
        }
        tokio::time::sleep(Duration::from_millis(200)).await;
    }
    assert_eq!(results["summary"]["called"], 3, "{results}");

    // Ask MANGO now (the server's own round waits for a minute of quiet).
    let url = format!("sqlite://{}", server.data_dir.join("obzvon.db").display());
    let db = server::db::connect(&url).await.unwrap();
    let secrets = std::sync::Arc::new(server::crypto::init(&db, &server.data_dir, None).await.unwrap());
    let addr: std::net::SocketAddr = server.url.trim_start_matches("http://").parse().unwrap();
    let link = std::sync::Arc::new(server::mango::link::MangoLink::new(
        db.clone(),
        secrets,
        server::mango::link::SandboxAddress::served_at(addr),
        true,
    ));
    let poller = server::calls::task_poll::TaskPoller::new(db.clone(), link);
    let mut polled = 0;
    for _ in 0..50 {
        polled += poller.poll_once(Duration::ZERO).await.unwrap();
        let rows = call(&admin, &server, "results/get", json!({"campaign_id": id, "filter": {}})).await.1
            ["rows"]
            .clone();
        if rows
            .as_array()
            .unwrap()
            .iter()
            .all(|r| r["mango_status"].as_str().is_some_and(|s| s.starts_with("finished")))
        {
            results["rows"] = rows;
            break;
        }
        tokio::time::sleep(Duration::from_millis(200)).await;
    }
    assert!(polled >= 3, "each task was asked about: {polled}");
    for row in results["rows"].as_array().unwrap() {
        let mango = row["mango_status"].as_str().unwrap_or_default();
        assert!(mango.starts_with("finished"), "{row}");
        assert_eq!(
            row["last_outcome"] == "Talked",
            mango == "finished: talked",
            "events and MANGO agree: {row}"
        );
    }
    // Finished tasks are not asked about again.
    assert_eq!(poller.poll_once(Duration::ZERO).await.unwrap(), 0);
    db.close().await;
    server.stop().await;
}

/// Posts a form as MANGO would, fields as given (no sign added).
async fn post_form(server: &TestServer, path: &str, fields: &[(&str, &str)]) -> (StatusCode, String) {
    let response =
        reqwest::Client::new().post(format!("{}/{path}", server.url)).form(fields).send().await.unwrap();
    (response.status(), response.text().await.unwrap())
}

async fn event_health(admin: &reqwest::Client, server: &TestServer) -> Value {
    let (status, health) = call(admin, server, "settings/event_health", json!({})).await;
    assert_eq!(status, StatusCode::OK, "{health}");
    health
}

/// Manual 4.4's example notification, verbatim (seed 002, line 7802).
const MANUAL_STATUS_CHANGED: &str =
    "{\n  \"abonent_id\": 787585,\n  \"status\": 1,\n  \"when\": 109822219823,\n  \"timestamp\": 109822219877\n}";

/// Contact Center events come as manual 4.4 shows them — `api_key` and `json`, no `sign`.
/// Signed they are checked like any event; unsigned they are refused unless only listed
/// addresses may post, and Settings says so.
#[tokio::test]
async fn contact_center_events_carry_api_key_and_unsigned_ones_need_the_allow_list() {
    let server = TestServer::start().await;
    let signed_in_admin = admin(&server).await;
    let (status, body) = post_form(
        &server,
        "events/user/status_changed",
        &[("api_key", SANDBOX_API_KEY), ("json", MANUAL_STATUS_CHANGED)],
    )
    .await;
    assert_eq!(status, StatusCode::UNAUTHORIZED, "{body}");
    assert!(body.contains("OBZVON_WEBHOOK_SOURCES=mango"), "{body}");
    assert_eq!(stored_events(&server).await, 0);
    let health = event_health(&signed_in_admin, &server).await;
    assert_eq!(health["unsigned_refused"], 1, "{health}");
    assert_eq!(health["sources_checked"], false);
    assert!(health["last_unsigned_refused_at"].is_string(), "{health}");

    // Signed, with `api_key` as the key field: taken.
    let sign = server::mango::sign::sign(SANDBOX_API_KEY, MANUAL_STATUS_CHANGED, SANDBOX_API_SALT);
    let (status, body) = post_form(
        &server,
        "events/user/status_changed",
        &[("api_key", SANDBOX_API_KEY), ("sign", &sign), ("json", MANUAL_STATUS_CHANGED)],
    )
    .await;
    assert_eq!(status, StatusCode::OK, "{body}");
    assert_eq!(stored_events(&server).await, 1);
    // A wrong key is refused signed or not.
    let (status, _) = post_form(
        &server,
        "events/user/status_changed",
        &[("api_key", "someone-else"), ("json", MANUAL_STATUS_CHANGED)],
    )
    .await;
    assert_eq!(status, StatusCode::UNAUTHORIZED);
    // VPBX events still need their sign.
    let call = call_event(1, "Appeared", 1_800_000_000, 1).to_string();
    let (status, body) =
        post_form(&server, "events/call", &[("vpbx_api_key", SANDBOX_API_KEY), ("json", &call)]).await;
    assert_eq!(status, StatusCode::BAD_REQUEST, "{body}");
    assert!(body.contains("missing field sign"), "{body}");
    server.stop().await;

    // With the allow-list on (MANGO's addresses, manual 1.2; loopback for this test), the
    // unsigned example is taken and operator statuses follow the change time (`when`).
    let dir = tempfile::tempdir().unwrap().keep();
    let mut config = config(&dir);
    config.webhook_sources = Some("mango".into());
    let server = TestServer::start_with(config).await.unwrap();
    let admin = crate::support::admin(&server).await;
    let (status, body) = post_form(
        &server,
        "events/user/status_changed",
        &[("api_key", SANDBOX_API_KEY), ("json", MANUAL_STATUS_CHANGED)],
    )
    .await;
    assert_eq!(status, StatusCode::OK, "{body}");
    let health = event_health(&admin, &server).await;
    assert_eq!(
        (health["unsigned_accepted"].clone(), health["sources_checked"].clone()),
        (json!(1), json!(true))
    );
    assert_eq!(health["last_event_kind"], "user/status_changed", "{health}");

    // Operator 400100101 once the directory has arrived.
    let db = database(&server).await;
    for _ in 0..100 {
        let known: i64 =
            sqlx::query_scalar("SELECT COUNT(*) FROM directory_operators WHERE user_id = 400100101")
                .fetch_one(&db)
                .await
                .unwrap();
        if known == 1 {
            break;
        }
        tokio::time::sleep(Duration::from_millis(100)).await;
    }
    let now = chrono::Utc::now().timestamp_millis();
    // A break taken later, then the older change "back to dialing" sent after it.
    let newer =
        json!({"abonent_id": 400100101, "status": 3, "when": now + 60_000, "timestamp": now + 60_100});
    let older =
        json!({"abonent_id": 400100101, "status": 5, "when": now + 30_000, "timestamp": now + 90_000});
    for event in [&newer, &older] {
        let json = event.to_string();
        let (status, body) = post_form(
            &server,
            "events/user/status_changed",
            &[("api_key", SANDBOX_API_KEY), ("json", &json)],
        )
        .await;
        assert_eq!(status, StatusCode::OK, "{body}");
    }
    let (status, at): (Option<i64>, Option<i64>) =
        sqlx::query_as("SELECT cc_status, cc_status_at FROM directory_operators WHERE user_id = 400100101")
            .fetch_one(&db)
            .await
            .unwrap();
    assert_eq!((status, at), (Some(3), Some(now + 60_000)), "the newer change stays");
    db.close().await;
    server.stop().await;
}

/// MANGO's connection check (`Mango.ping`, seed 003) is answered 200 and shown on Settings with
/// the last event of any kind.
#[tokio::test]
async fn the_connection_check_is_answered_and_settings_shows_what_arrived() {
    let server = TestServer::start().await;
    let admin = admin(&server).await;
    let health = event_health(&admin, &server).await;
    assert_eq!((health["last_event_at"].clone(), health["last_ping_at"].clone()), (Value::Null, Value::Null));
    assert!(health["address"].as_str().unwrap().ends_with("/events"), "{health}");
    for path in ["events", "events/ping", "events/Mango.ping"] {
        let (status, body) = post_form(&server, path, &[("json", "{}")]).await;
        assert_eq!(status, StatusCode::OK, "{path}: {body}");
    }
    let health = event_health(&admin, &server).await;
    assert_eq!(health["pings"], 3, "{health}");
    assert!(health["last_ping_at"].is_string());
    assert_eq!(health["last_event_at"], Value::Null, "a ping is not an event");
    assert_eq!(stored_events(&server).await, 0);
    assert_eq!(signed(&server, "call", &call_event(1, "Appeared", 1_800_000_000, 1)).await, StatusCode::OK);
    let health = event_health(&admin, &server).await;
    assert_eq!(health["last_event_kind"], "call", "{health}");
    assert!(health["last_event_at"].is_string());
    // A forged event is counted with its reason.
    post_event(
        &server,
        "call",
        SANDBOX_API_KEY,
        "not the salt",
        &call_event(2, "Connected", 1_800_000_001, 1).to_string(),
    )
    .await;
    let health = event_health(&admin, &server).await;
    assert_eq!(health["refused"], 1, "{health}");
    assert!(health["last_refused_reason"].as_str().unwrap().contains("sign does not match"), "{health}");
    server.stop().await;
}

/// Numbers from MANGO carry `+` (`"+74995530896"` in manual 3.8.3) and calls may come without
/// `campaign_id` (manual 3.1.1 does not list it): the call is matched to its lead after
/// normalising, and its task's campaign is asked of MANGO (`task`, 3.8.3) once.
#[tokio::test]
async fn calls_are_linked_by_normalised_number_and_by_asking_mango_about_their_task() {
    let server = TestServer::start().await;
    let admin = admin(&server).await;
    let (campaign, mango_id) = campaign_with_leads(
        &admin,
        &server,
        "name,phone\nАнна Смирнова,8 916 123-45-67\nОфис,+7 499 553-08-96\n",
    )
    .await;
    // A plus-number with the campaign named.
    let office = json!({
        "entry_id": "MToxMDAwOTk4", "call_id": "MToxMDAwOTk4OjE=", "timestamp": 1_800_000_000, "seq": 1,
        "call_state": "Appeared", "location": "abonent", "from": {"number": "74951234567"},
        "to": {"number": "+74995530896"}, "task_id": 5_550_001, "campaign_id": mango_id, "callback_initiator": "ObDial"
    });
    assert_eq!(signed(&server, "call", &office).await, StatusCode::OK);
    // No campaign_id: the sandbox's first pushed task (ids start at 2490001 there).
    let mut anna = call_event(1, "Appeared", 1_800_000_100, mango_id);
    anna["entry_id"] = json!("MToxMDAwOTk3");
    anna["task_id"] = json!(2_490_001);
    anna["to"] = json!({"number": "+7 916 123-45-67"});
    anna.as_object_mut().unwrap().remove("campaign_id");
    assert_eq!(signed(&server, "call", &anna).await, StatusCode::OK);

    let mut board = Value::Null;
    for _ in 0..100 {
        board = call(&admin, &server, "board/get", json!({"campaign_id": campaign})).await.1;
        if board["calls"] == 2 {
            break;
        }
        tokio::time::sleep(Duration::from_millis(100)).await;
    }
    assert_eq!(board["calls"], 2, "{board}");
    let names: std::collections::BTreeSet<String> = board["feed"]
        .as_array()
        .unwrap()
        .iter()
        .map(|f| f["lead_name"].as_str().unwrap_or("?").to_string())
        .collect();
    assert_eq!(names, ["Анна Смирнова", "Офис"].into_iter().map(String::from).collect(), "{board}");
    assert_eq!(board["queued"], 0, "both leads were called: {board}");

    // Asked once however many events name the task.
    let mut next = anna.clone();
    next["seq"] = json!("2");
    next["call_state"] = json!("Connected");
    assert_eq!(signed(&server, "call", &next).await, StatusCode::OK);
    let db = database(&server).await;
    let lookups: Vec<(i64, String, Option<i64>)> =
        sqlx::query_as("SELECT mango_task_id, state, mango_campaign_id FROM mango_task_lookups")
            .fetch_all(&db)
            .await
            .unwrap();
    assert_eq!(lookups, [(2_490_001, "found".to_string(), Some(mango_id))]);
    db.close().await;
    server.stop().await;
}

async fn writable_database(server: &TestServer) -> sqlx::SqlitePool {
    sqlx::SqlitePool::connect(&format!("sqlite://{}", server.db_path().display())).await.unwrap()
}

/// A fold that failed once (here: its call row lost after the event was stored) is redone when
/// MANGO delivers the same event again, instead of the call staying as it was forever.
#[tokio::test]
async fn a_redelivered_event_refolds_its_call_after_a_failed_fold() {
    let server = TestServer::start().await;
    let appeared = call_event(1, "Appeared", 1_800_000_000, 7);
    let ended = call_event(2, "Disconnected", 1_800_000_090, 7);
    assert_eq!(signed(&server, "call", &appeared).await, StatusCode::OK);
    assert_eq!(signed(&server, "call", &ended).await, StatusCode::OK);
    let db = writable_database(&server).await;
    let state = || async {
        sqlx::query_scalar::<_, String>("SELECT state FROM calls WHERE entry_id = 'MToxMDAwOTk5'")
            .fetch_optional(&db)
            .await
            .unwrap()
    };
    assert_eq!(state().await.as_deref(), Some("disconnected"));
    // As if the fold of the last event had not been written: the call is still "in progress".
    sqlx::query("UPDATE calls SET state = 'appeared', outcome = 'in_progress', ended_at = NULL")
        .execute(&db)
        .await
        .unwrap();
    assert_eq!(signed(&server, "call", &ended).await, StatusCode::OK);
    assert_eq!(state().await.as_deref(), Some("disconnected"), "the redelivery refolded the call");
    // And with the row gone altogether.
    sqlx::query("DELETE FROM calls").execute(&db).await.unwrap();
    assert_eq!(signed(&server, "call", &appeared).await, StatusCode::OK);
    assert_eq!(state().await.as_deref(), Some("disconnected"), "rebuilt from every stored event");
    assert_eq!(stored_events(&server).await, 2, "nothing stored twice");
    db.close().await;
    server.stop().await;
}

/// Signed events whose JSON cannot be read are refused (400, with the reason) but kept as
/// received for inspection, once however often they come.
#[tokio::test]
async fn signed_malformed_json_is_kept_for_inspection_once() {
    let server = TestServer::start().await;
    let truncated = r#"{"entry_id": "MToxMDAw", "call_id": "#;
    let wrong_shape = r#"{"entry_id":"x","call_id":"y","timestamp":1,"call_state":"Appeared"}"#;
    for json in [truncated, wrong_shape, truncated] {
        let (status, body) = post_event(&server, "call", SANDBOX_API_KEY, SANDBOX_API_SALT, json).await;
        assert_eq!(status, StatusCode::BAD_REQUEST, "{body}");
        assert!(body.contains("events/call"), "{body}");
    }
    // Forged ones are still refused before anything is kept.
    let (status, _) = post_event(&server, "summary", SANDBOX_API_KEY, "not the salt", truncated).await;
    assert_eq!(status, StatusCode::UNAUTHORIZED);
    let db = database(&server).await;
    let kept: Vec<(String, String, String, i64)> =
        sqlx::query_as("SELECT kind, raw_json, parse_error, deliveries FROM webhook_malformed ORDER BY id")
            .fetch_all(&db)
            .await
            .unwrap();
    db.close().await;
    assert_eq!(kept.len(), 2, "{kept:?}");
    assert_eq!((kept[0].0.as_str(), kept[0].1.as_str(), kept[0].3), ("call", truncated, 2));
    assert!(kept[0].2.contains("EOF"), "{kept:?}");
    assert_eq!((kept[1].1.as_str(), kept[1].3), (wrong_shape, 1));
    assert!(kept[1].2.contains("seq"), "{kept:?}");
    assert_eq!(stored_events(&server).await, 0, "never folded");
    server.stop().await;
}

/// Timestamps at the ends of i64 (MANGO's fields are taken as sent) neither crash the receiver
/// nor the board, the results or the export that show them.
#[tokio::test]
async fn extreme_event_timestamps_overflow_nothing() {
    let server = TestServer::start().await;
    let admin = admin(&server).await;
    let (campaign, mango_id) = campaign_with_one_lead(&admin, &server).await;
    let mut other = call_event(1, "Appeared", i64::MIN + 1, mango_id);
    other["entry_id"] = json!("MToyMDAw");
    other["call_id"] = json!("MToyMDAwOjE=");
    let mut other_end = call_event(2, "Disconnected", i64::MIN + 1, mango_id);
    other_end["entry_id"] = other["entry_id"].clone();
    other_end["call_id"] = other["call_id"].clone();
    for event in [
        call_event(1, "Appeared", i64::MAX, mango_id),
        call_event(2, "Disconnected", i64::MAX, mango_id),
        other,
        other_end,
    ] {
        assert_eq!(signed(&server, "call", &event).await, StatusCode::OK);
    }
    let summary = json!({"entry_id": "MToxMDAwOTk5", "create_time": i64::MIN, "talk_time": i64::MIN + 1,
        "end_time": i64::MAX, "entry_result": 1, "disconnect_reason": 1110});
    assert_eq!(signed(&server, "summary", &summary).await, StatusCode::OK);
    let (status, board) = call(&admin, &server, "board/get", json!({"campaign_id": campaign})).await;
    assert_eq!(status, StatusCode::OK, "{board}");
    assert_eq!(board["calls"], 2, "{board}");
    let (status, results) =
        call(&admin, &server, "results/get", json!({"campaign_id": campaign, "filter": {}})).await;
    assert_eq!(status, StatusCode::OK, "{results}");
    let csv = admin.get(format!("{}/campaigns/{campaign}/results.csv", server.url)).send().await.unwrap();
    assert_eq!(csv.status(), StatusCode::OK);
    server.stop().await;
}
