//! The sandbox MANGO over real HTTP: it must refuse what MANGO refuses.

use std::time::Duration;

use chrono::{TimeZone, Utc};
use reqwest::StatusCode;
use serde_json::{json, Value};
use server::emulator::{EmulatorConfig, Sandbox};
use sha2::{Digest, Sha256};

const KEY: &str = "sandbox-key";
const SALT: &str = "sandbox-salt";
const LINE: i64 = 400200001;

struct Emulator {
    base: String,
    client: reqwest::Client,
}

/// A sandbox starting on Sunday 2026-11-22 10:00 UTC.
fn sandbox(time_factor: f64, seed: u64) -> Sandbox {
    Sandbox::new(EmulatorConfig {
        api_key: KEY.into(),
        api_salt: SALT.into(),
        start: Utc.with_ymd_and_hms(2026, 11, 22, 10, 0, 0).unwrap(),
        time_factor,
        seed,
        faults: Default::default(),
    })
}

async fn serve(sandbox: &Sandbox) -> Emulator {
    let listener = tokio::net::TcpListener::bind("127.0.0.1:0").await.unwrap();
    let addr = listener.local_addr().unwrap();
    let router = sandbox.router();
    tokio::spawn(async move { axum::serve(listener, router).await });
    Emulator { base: format!("http://{addr}"), client: reqwest::Client::new() }
}

/// Time stands still unless a test says otherwise.
async fn emulator() -> Emulator {
    serve(&sandbox(0.0, 7)).await
}

/// The signature, computed here independently of the server's code (manual 2.1.1).
fn sign(key: &str, json: &str, salt: &str) -> String {
    hex::encode(Sha256::digest(format!("{key}{json}{salt}").as_bytes()))
}

impl Emulator {
    async fn raw(&self, path: &str, form: &[(&str, &str)]) -> (StatusCode, Value) {
        let response =
            self.client.post(format!("{}/vpbx/{path}", self.base)).form(form).send().await.unwrap();
        let status = response.status();
        let text = response.text().await.unwrap();
        (status, serde_json::from_str(&text).unwrap_or(Value::Null))
    }

    /// A correctly signed call; waits out the sandbox's rate limits (bounded).
    async fn call(&self, path: &str, body: Value) -> (StatusCode, Value) {
        let json = body.to_string();
        let signature = sign(KEY, &json, SALT);
        for _ in 0..100 {
            let (status, answer) =
                self.raw(path, &[("vpbx_api_key", KEY), ("sign", &signature), ("json", &json)]).await;
            if status != StatusCode::SERVICE_UNAVAILABLE {
                return (status, answer);
            }
            tokio::time::sleep(Duration::from_millis(120)).await;
        }
        panic!("{path} stayed rate-limited");
    }

    async fn add_campaign(&self) -> i64 {
        let (status, answer) = self
            .call("campaign/add", json!({"line_id": LINE, "name": "Осенняя акция", "created_by": 400100101,
                "schedule": [{"weekday": 7, "start": "09:00", "end": "18:00"}], "operators": [400100101, 400100102]}))
            .await;
        assert_eq!((status, answer["result"].clone()), (StatusCode::OK, json!(1000)), "{answer}");
        answer["campaign_id"].as_i64().unwrap()
    }
}

fn method_failure() -> StatusCode {
    StatusCode::from_u16(420).unwrap()
}

#[tokio::test]
async fn the_directory_of_a_realistic_company() {
    let mango = emulator().await;
    let (_, users) = mango.call("config/users/request", json!({"ext_fields": ["general.user_id"]})).await;
    let users = users["users"].as_array().unwrap();
    assert!(users.len() >= 8);
    assert!(users.iter().all(|u| u["general"]["user_id"].as_i64().is_some()));
    assert!(
        users.iter().any(|u| u["general"]["use_status"] == 0),
        "someone not counted by the Contact Center"
    );
    let (_, one) = mango.call("config/users/request", json!({"extension": "103"})).await;
    assert_eq!(one["users"].as_array().unwrap().len(), 1);
    assert!(one["users"][0]["general"].get("user_id").is_none(), "user_id only when asked for");

    let (_, lines) = mango.call("incominglines", json!({})).await;
    let lines = lines["lines"].as_array().unwrap();
    assert_eq!(lines.len(), 3);
    assert_eq!(lines.iter().filter(|l| l["number"].as_str().unwrap().starts_with("sip:")).count(), 1);
    let (_, audio) = mango.call("audiofiles", json!({})).await;
    assert_eq!(audio["audiofiles"].as_array().unwrap().len(), 10);
    let (_, balance) = mango.call("account/balance", json!({})).await;
    assert_eq!(balance["result"], 1000);
    assert_eq!(balance["currency"], "RUB");
}

#[tokio::test]
async fn signatures_keys_and_methods_are_checked() {
    let mango = emulator().await;
    let json = r#"{"campaign_id":1}"#;
    let good = sign(KEY, json, SALT);
    assert_eq!(
        mango
            .raw("campaign", &[("vpbx_api_key", KEY), ("sign", &sign(KEY, json, "other")), ("json", json)])
            .await,
        (method_failure(), json!({"code": 3102, "message": "sign does not match"}))
    );
    assert_eq!(
        mango.raw("campaign", &[("vpbx_api_key", "nobody"), ("sign", &good), ("json", json)]).await.1["code"],
        3105
    );
    assert_eq!(mango.raw("campaign", &[("vpbx_api_key", KEY), ("json", json)]).await.1["code"], 3103);
    assert_eq!(mango.raw("campaign", &[("vpbx_api_key", KEY), ("sign", &good)]).await.1["code"], 3103);
    // A signature over different bytes (here: added spaces) does not match.
    let spaced = r#"{"campaign_id": 1}"#;
    assert_eq!(
        mango.raw("campaign", &[("vpbx_api_key", KEY), ("sign", &good), ("json", spaced)]).await.1["code"],
        3102
    );
    let response = mango.client.get(format!("{}/vpbx/campaign", mango.base)).send().await.unwrap();
    assert_eq!(response.status(), method_failure());
    assert_eq!(response.json::<Value>().await.unwrap()["code"], 3101);
    let (status, answer) = mango.call("campaign", json!([1])).await;
    assert_eq!((status, answer["code"].clone()), (method_failure(), json!(3104)));
    let (status, _) = mango.call("no/such/method", json!({})).await;
    assert_eq!(status, StatusCode::NOT_FOUND);
}

#[tokio::test]
async fn campaign_lifecycle_and_wrong_states() {
    let mango = emulator().await;
    let id = mango.add_campaign().await;
    // Manual 3.8.2 numbers "processing" 5: the first read after campaign/add shows it.
    let (_, got) = mango.call("campaign", json!({"campaign_id": id.to_string()})).await;
    assert_eq!(got["campaign"]["status"], 5, "processing once after campaign/add");
    let (_, got) = mango.call("campaign", json!({"campaign_id": id.to_string()})).await;
    assert_eq!(got["campaign"]["status"], 0, "created stopped");
    assert_eq!(got["campaign"]["name"], "Осенняя акция");

    // Sunday 10:00 UTC is inside the 09:00–18:00 Sunday window: running.
    let (_, started) = mango.call("campaign/start", json!({"campaign_id": id})).await;
    assert_eq!(started, json!({"result": 1000, "status": 2}));
    let (_, again) = mango.call("campaign/start", json!({"campaign_id": id})).await;
    assert_eq!(again["result"], 5106);
    let (_, deleting) = mango.call("campaign/delete", json!({"campaign_id": id})).await;
    assert_eq!(deleting["result"], 5106, "a running campaign cannot be deleted");

    let (_, list) = mango.call("io/v1/campaign/get_list", json!({})).await;
    assert_eq!(list["campaigns"][0]["status"], 2);
    // Manual 3.8.4.4: 3 "stopping" comes before 0 "stopped".
    let (_, stopped) = mango.call("campaign/stop", json!({"campaign_id": id})).await;
    assert_eq!(stopped, json!({"result": 1000, "status": 3}));
    let (_, stopping_delete) = mango.call("campaign/delete", json!({"campaign_id": id})).await;
    assert_eq!(stopping_delete["result"], 5106, "manual 3.8.4.5: only 0 or 4 may be deleted");
    let (_, start_stopping) = mango.call("campaign/start", json!({"campaign_id": id})).await;
    assert_eq!(start_stopping["result"], 5106);
    let (_, list) = mango.call("io/v1/campaign/get_list", json!({})).await;
    assert_eq!(list["campaigns"][0]["status"], 3, "get_list numbers 'stopping' as 3");
    let (_, list) = mango.call("io/v1/campaign/get_list", json!({})).await;
    assert_eq!(list["campaigns"][0]["status"], 4, "get_list numbers 'stopped' as 4");
    let (_, stop_again) = mango.call("campaign/stop", json!({"campaign_id": id})).await;
    assert_eq!(stop_again["result"], 5106);

    let (_, deleted) = mango.call("campaign/delete", json!({"campaign_id": id})).await;
    assert_eq!(deleted, json!({"result": 1000, "status": 6}));
    let (_, list) = mango.call("io/v1/campaign/get_list", json!({})).await;
    assert_eq!(list["campaigns"], json!([]));
    let (_, start_deleted) = mango.call("campaign/start", json!({"campaign_id": id})).await;
    assert_eq!(start_deleted["result"], 5106);

    // Outside its window a started campaign is scheduled, not running.
    let (_, later) = mango
        .call(
            "campaign/add",
            json!({"line_id": LINE, "name": "Понедельник",
            "schedule": [{"weekday": 1, "start": "09:00", "end": "18:00"}]}),
        )
        .await;
    let (_, started) = mango.call("campaign/start", json!({"campaign_id": later["campaign_id"]})).await;
    assert_eq!(started["status"], 1);

    let (status, unknown) = mango.call("campaign/start", json!({"campaign_id": 999})).await;
    assert_eq!((status, unknown["code"].clone()), (method_failure(), json!(3300)));
    let (_, author) = mango
        .call(
            "campaign/add",
            json!({"line_id": LINE, "name": "x", "created_by": 1,
            "schedule": [{"weekday": 1, "start": "09:00", "end": "18:00"}]}),
        )
        .await;
    assert_eq!(author["result"], 5105);
}

#[tokio::test]
async fn tasks_push_limits_and_repeats() {
    let mango = emulator().await;
    let id = mango.add_campaign().await;
    let task = |n: usize| json!({"name": format!("Клиент {n}"), "number": format!("7900{n:07}")});

    let (_, pushed) = mango.call("tasks/push", json!({"campaign_id": id, "tasks": [task(1), task(2)]})).await;
    assert_eq!(pushed["result"], 1000);
    let (_, repeat) = mango.call("tasks/push", json!({"campaign_id": id, "tasks": [task(3), task(1)]})).await;
    assert_eq!(repeat["result"], 5109, "a number already in the campaign");
    let (_, repeat) = mango.call("tasks/push", json!({"campaign_id": id, "tasks": [task(4), task(4)]})).await;
    assert_eq!(repeat["result"], 5109, "a number twice in one push");
    let (_, missing) =
        mango.call("tasks/push", json!({"campaign_id": id, "tasks": [{"number": "79000000009"}]})).await;
    assert_eq!(missing["code"], 3103);
    let (_, long) = mango
        .call("tasks/push", json!({"campaign_id": id, "tasks": [{"name": "x", "number": "7".repeat(65)}]}))
        .await;
    assert_eq!(long["code"], 3104);
    let (_, info) = mango
        .call("tasks/push", json!({"campaign_id": id, "tasks": [{"name": "x", "number": "79000000010", "additional_info": "я".repeat(512)}]}))
        .await;
    assert_eq!(info["code"], 3104);
    // Nothing of the refused pushes was kept.
    let (_, got) = mango.call("campaign", json!({"campaign_id": id})).await;
    assert_eq!(got["campaign"]["tasks_count"], 2);

    // Up to 10,000 tasks per campaign, then 5107.
    let many: Vec<Value> = (10..10_008).map(task).collect();
    let (_, full) = mango.call("tasks/push", json!({"campaign_id": id, "tasks": many})).await;
    assert_eq!(full["result"], 1000);
    let (_, got) = mango.call("campaign", json!({"campaign_id": id})).await;
    assert_eq!(got["campaign"]["tasks_count"], 10_000);
    let (_, over) = mango.call("tasks/push", json!({"campaign_id": id, "tasks": [task(20_000)]})).await;
    assert_eq!(over["result"], 5107);

    // Tasks are remembered, queued, and readable by id.
    let first_id = 2_490_001;
    let (_, read) = mango.call("task", json!({"task_id": first_id})).await;
    assert_eq!(read["task"]["number"], "79000000001");
    assert_eq!(read["task"]["status"], 1);
}

#[tokio::test]
async fn rate_limits_answer_503_with_the_manuals_body() {
    let mango = emulator().await;
    let json = "{}";
    let signature = sign(KEY, json, SALT);
    let form = [("vpbx_api_key", KEY), ("sign", signature.as_str()), ("json", json)];
    // users/request: 1 per 2 seconds.
    assert_eq!(mango.raw("config/users/request", &form).await.0, StatusCode::OK);
    let (status, body) = mango.raw("config/users/request", &form).await;
    assert_eq!(status, StatusCode::SERVICE_UNAVAILABLE);
    assert_eq!(
        body,
        json!({"name": "Service Unavailable", "message": "Rate limit exceeded.", "code": 0, "status": 503})
    );
    // All requests: 10 per second.
    let mut refused = 0;
    for _ in 0..15 {
        if mango.raw("audiofiles", &form).await.0 == StatusCode::SERVICE_UNAVAILABLE {
            refused += 1;
        }
    }
    assert!(refused >= 4, "{refused} of 15 refused");
}

#[tokio::test]
async fn a_running_campaign_is_dialled_and_every_call_is_posted_signed() {
    use std::sync::{Arc, Mutex};

    // A webhook receiver that keeps what it was sent.
    let received: Arc<Mutex<Vec<(String, String, String)>>> = Arc::default();
    let store = received.clone();
    let receiver = axum::Router::new().route(
        "/events/{*kind}",
        axum::routing::post(
            move |axum::extract::Path(kind): axum::extract::Path<String>,
                  axum::Form(form): axum::Form<std::collections::HashMap<String, String>>| {
                let store = store.clone();
                async move {
                    store.lock().unwrap().push((kind, form["sign"].clone(), form["json"].clone()));
                    "ok"
                }
            },
        ),
    );
    let listener = tokio::net::TcpListener::bind("127.0.0.1:0").await.unwrap();
    let receiver_url = format!("http://{}", listener.local_addr().unwrap());
    tokio::spawn(async move { axum::serve(listener, receiver).await });

    // Six simulated hours per real second.
    let sandbox = sandbox(21_600.0, 11);
    let dialer = server::emulator::delivery::spawn(sandbox.clone(), Some(receiver_url));
    let mango = serve(&sandbox).await;

    let all_week: Vec<Value> =
        (1..=7).map(|d| json!({"weekday": d, "start": "00:00", "end": "24:00"})).collect();
    let (_, added) = mango
        .call(
            "campaign/add",
            json!({"line_id": LINE, "name": "Все дни", "schedule": all_week,
            "operators": [400100101, 400100102, 400100103], "max_redial_count_if_busy": 1,
            "max_redial_count_if_no_answ": 1, "max_redial_count_if_number_not_avail": 1}),
        )
        .await;
    let id = added["campaign_id"].as_i64().unwrap();
    let tasks: Vec<Value> =
        (0..12).map(|n| json!({"name": format!("Лид {n}"), "number": format!("7922{n:07}")})).collect();
    mango.call("tasks/push", json!({"campaign_id": id, "tasks": tasks})).await;
    mango.call("campaign/start", json!({"campaign_id": id})).await;

    // Bounded wait: the campaign finishes within a few real seconds.
    let mut finished = Value::Null;
    for _ in 0..100 {
        tokio::time::sleep(Duration::from_millis(200)).await;
        let (_, got) = mango.call("campaign", json!({"campaign_id": id})).await;
        if got["campaign"]["status"] == 4 {
            finished = got;
            break;
        }
    }
    assert_eq!(finished["campaign"]["status"], 4, "finished");
    assert_eq!(finished["campaign"]["status_reason"], 2, "because every task is done");
    assert_eq!(finished["campaign"]["finished_tasks_count"], 12);
    tokio::time::sleep(Duration::from_millis(300)).await;
    dialer.abort();

    let received = received.lock().unwrap().clone();
    assert!(
        received.iter().all(|(_, sign, json)| *sign == self::sign(KEY, json, SALT)),
        "every event signed over its raw json"
    );
    let calls: Vec<Value> = received
        .iter()
        .filter(|(k, ..)| k == "call")
        .map(|(_, _, j)| serde_json::from_str(j).unwrap())
        .collect();
    let summaries = received.iter().filter(|(k, ..)| k == "summary").count();
    let disconnected: Vec<&Value> = calls.iter().filter(|c| c["call_state"] == "Disconnected").collect();
    assert_eq!(disconnected.len(), summaries, "a summary for every finished call");
    let tasks_called: std::collections::BTreeSet<i64> =
        disconnected.iter().map(|c| c["task_id"].as_i64().unwrap()).collect();
    assert_eq!(tasks_called.len(), 12, "every task was called");
    assert!(calls.iter().all(|c| c["campaign_id"] == id && c["callback_initiator"] == "ObDial"));

    // The task method agrees with the events.
    let last = disconnected.last().unwrap();
    let (_, task) = mango.call("task", json!({"task_id": last["task_id"]})).await;
    assert_eq!(task["task"]["status"], 4);
}

#[tokio::test]
async fn callbacks_are_validated_limited_and_dialled_at_their_time() {
    let mango = emulator().await;
    let cc = |body: Value| {
        let json = body.to_string();
        let signature = sign(KEY, &json, SALT);
        let client = mango.client.clone();
        let url = format!("{}/cc/task/add", mango.base);
        async move {
            let response = client
                .post(url)
                .form(&[("vpbx_api_key", KEY), ("sign", signature.as_str()), ("json", json.as_str())])
                .send()
                .await
                .unwrap();
            (response.status(), response.json::<Value>().await.unwrap_or(Value::Null))
        }
    };
    // Manual 4.2's example (with an extra "importance" field, numbers as strings).
    let start = Utc.with_ymd_and_hms(2026, 11, 22, 10, 5, 0).unwrap().timestamp();
    let (status, created) = cc(json!({"event_type": 1, "start_time": start.to_string(), "duration": 15, "importance": 1,
        "to_user_id": 400100101, "description": "Перезвонить по заявке", "is_auto_call": 1, "phone": "79260297870"})).await;
    assert_eq!(status, StatusCode::OK);
    assert_eq!(created["result"], 1000);
    assert!(created["task_id"].is_i64() && created["auto_call_task_id"].is_i64(), "{created}");
    let (_, without) =
        cc(json!({"event_type": 1, "start_time": start, "duration": 15, "to_user_id": 400100101})).await;
    assert!(without.get("auto_call_task_id").is_none(), "no automatic call unless asked");

    for (bad, code) in [
        (json!({"event_type": 5, "start_time": start, "duration": 15, "to_user_id": 400100101}), 3104),
        (json!({"event_type": 1, "start_time": start, "duration": 1441, "to_user_id": 400100101}), 3104),
        (json!({"event_type": 1, "start_time": start, "duration": 15, "to_user_id": 1}), 3300),
        (json!({"event_type": 1, "duration": 15, "to_user_id": 400100101}), 3103),
        (
            json!({"event_type": 1, "start_time": start, "duration": 15, "to_user_id": 400100101, "description": "x".repeat(1025)}),
            3104,
        ),
        (
            json!({"event_type": 1, "start_time": start, "duration": 15, "to_user_id": 400100101, "is_auto_call": 2}),
            3104,
        ),
    ] {
        tokio::time::sleep(Duration::from_millis(250)).await;
        let (status, answer) = cc(bad.clone()).await;
        assert_eq!((status, answer["code"].clone()), (method_failure(), json!(code)), "{bad}");
    }

    // More than 5 per second: result 5008.
    tokio::time::sleep(Duration::from_millis(1100)).await;
    let mut limited = 0;
    for _ in 0..8 {
        let (_, answer) =
            cc(json!({"event_type": 2, "start_time": start, "duration": 5, "to_user_id": 400100102})).await;
        if answer == json!({"result": 5008}) {
            limited += 1;
        }
    }
    assert!(limited >= 2, "{limited} of 8 limited");
}

/// The bytes of a form field, percent-encoded as they are (not necessarily UTF-8).
fn form_body(fields: &[(&str, &[u8])]) -> String {
    fields
        .iter()
        .map(|(name, value)| {
            format!("{name}={}", url::form_urlencoded::byte_serialize(value).collect::<String>())
        })
        .collect::<Vec<_>>()
        .join("&")
}

/// Property (manual 2.1.1): the sandbox takes exactly what the client signs — any payload,
/// Cyrillic and escapes included — and refuses the request if any one byte of `json` or `sign`
/// is changed.
#[test]
fn the_sandbox_accepts_what_the_client_signs_and_refuses_any_changed_byte() {
    use proptest::prelude::*;

    let runtime = tokio::runtime::Builder::new_current_thread().enable_all().build().unwrap();
    let mango = runtime.block_on(emulator());
    let post = |body: String| -> (StatusCode, Value) {
        runtime.block_on(async {
            let response = mango
                .client
                .post(format!("{}/vpbx/campaign", mango.base))
                .header("content-type", "application/x-www-form-urlencoded")
                .body(body)
                .send()
                .await
                .unwrap();
            let status = response.status();
            (status, serde_json::from_str(&response.text().await.unwrap()).unwrap_or(Value::Null))
        })
    };
    let config = ProptestConfig { cases: 96, failure_persistence: None, ..ProptestConfig::default() };
    proptest!(config, |(
        comment in any::<String>().prop_filter("U+FFFD is what a broken byte decodes to", |s| !s.contains('\u{FFFD}')),
        campaign_id in 1u32..,
        escaped in any::<bool>(),
        in_sign in any::<bool>(),
        at in any::<prop::sample::Index>(),
        flip in 1u8..=255,
    )| {
        let value = json!({"campaign_id": campaign_id, "comment": comment});
        // MANGO takes Cyrillic raw or as \u escapes; the signature covers whichever is sent.
        let json = if escaped { value.to_string().chars().map(|c| if c.is_ascii() { c.to_string() } else {
            let mut units = [0u16; 2];
            c.encode_utf16(&mut units).iter().map(|u| format!("\\u{u:04x}")).collect()
        }).collect::<String>() } else { value.to_string() };
        let sign = server::mango::sign::sign(KEY, &json, SALT);

        let (status, answer) = post(form_body(&[("vpbx_api_key", KEY.as_bytes()), ("sign", sign.as_bytes()), ("json", json.as_bytes())]));
        // Accepted: answered as a request for an unknown campaign (3300), or refused by the
        // rate limit (checked only after the signature) — never a refusal of form, key or sign.
        let code = answer["code"].as_i64().or_else(|| answer["result"].as_i64());
        prop_assert!(code == Some(3300) || status == StatusCode::SERVICE_UNAVAILABLE, "{} {}", status, answer);

        let (mut json_bytes, mut sign_bytes) = (json.into_bytes(), sign.into_bytes());
        let target = if in_sign { &mut sign_bytes } else { &mut json_bytes };
        let index = at.index(target.len());
        target[index] ^= flip;
        let (status, answer) = post(form_body(&[("vpbx_api_key", KEY.as_bytes()), ("sign", &sign_bytes), ("json", &json_bytes)]));
        prop_assert_eq!((status, answer["code"].clone()), (method_failure(), json!(3102)), "byte {} of {} changed", index, if in_sign { "sign" } else { "json" });
    });
}

/// Manual 3.8.1: the heading's path and the example's; the sandbox serves the example's by
/// default and either on request.
#[tokio::test]
async fn get_list_is_served_at_the_examples_path() {
    let sandbox = sandbox(0.0, 7);
    let mango = serve(&sandbox).await;
    let id = mango.add_campaign().await;
    let (status, list) = mango.call("io/v1/campaign/get_list", json!({})).await;
    assert_eq!(status, StatusCode::OK);
    assert_eq!(list["campaigns"][0]["campaign_id"], id);
    assert_eq!(list["campaigns"][0]["status"], 7, "get_list numbers 'processing' 7, once after campaign/add");
    let (_, list) = mango.call("io/v1/campaign/get_list", json!({})).await;
    assert_eq!(list["campaigns"][0]["status"], 4);
    let (status, _) = mango.call("campaign/get_list", json!({})).await;
    assert_eq!(status, StatusCode::NOT_FOUND, "the heading's path is not served by default");
    sandbox.serve_list_at(server::emulator::ListPaths::Heading);
    assert_eq!(mango.call("campaign/get_list", json!({})).await.0, StatusCode::OK);
    assert_eq!(mango.call("io/v1/campaign/get_list", json!({})).await.0, StatusCode::NOT_FOUND);
    sandbox.serve_list_at(server::emulator::ListPaths::Both);
    assert_eq!(mango.call("campaign/get_list", json!({})).await.0, StatusCode::OK);
    assert_eq!(mango.call("io/v1/campaign/get_list", json!({})).await.0, StatusCode::OK);
}

/// A spoiled answer does not undo the write: the tasks are in, the answer says nothing.
#[tokio::test]
async fn spoiled_answers_after_a_landed_push() {
    use server::emulator::AnswerFault;
    let sandbox = sandbox(0.0, 7);
    let mango = serve(&sandbox).await;
    let id = mango.add_campaign().await;
    sandbox.spoil_next_answer("tasks/push", AnswerFault::BadGateway);
    sandbox.spoil_next_answer("tasks/push", AnswerFault::Truncated);
    let push = |number: &str| json!({"campaign_id": id, "tasks": [{"name": "n", "number": number}]});
    let (status, body) = mango.call("tasks/push", push("79001234567")).await;
    assert_eq!((status, body), (StatusCode::BAD_GATEWAY, Value::Null));
    let (status, body) = mango.call("tasks/push", push("79001234568")).await;
    assert_eq!((status, body), (StatusCode::OK, Value::Null), "half a JSON object does not parse");
    let (_, ok) = mango.call("tasks/push", push("79001234569")).await;
    assert_eq!(ok["result"], 1000, "faults are used up one per request");
    let (_, list) = mango.call("io/v1/campaign/get_list", json!({})).await;
    assert_eq!(list["campaigns"][0]["tasks_count"], 3, "every push landed");
}
