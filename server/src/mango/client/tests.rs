//! The client against servers on 127.0.0.1: a scripted axum server that checks every form
//! and signature, a raw TCP server that drops connections, and the sandbox itself.

use std::collections::{HashMap, VecDeque};
use std::net::SocketAddr;
use std::sync::atomic::{AtomicUsize, Ordering};
use std::sync::{Arc, Mutex};
use std::time::{Duration, Instant};

use axum::body::Bytes;
use axum::extract::State;
use axum::http::{StatusCode, Uri};
use axum::response::{IntoResponse, Response};
use axum::Router;
use chrono::Weekday;
use tokio::io::{AsyncReadExt, AsyncWriteExt};
use tokio::net::{TcpListener, TcpStream};

use super::*;
use crate::mango::config::RetryPolicy;
use crate::mango::limits::RateLimits;
use crate::mango::sign::{sign, verify_signature};
use crate::mango::status::{CampaignStatus, TaskStatus};

const KEY: &str = "test-api-key";
const SALT: &str = "тестовая-соль";
const RATE_LIMITED: &str =
    r#"{"name":"Service Unavailable","message":"Rate limit exceeded.","code":0,"status":503}"#;

/// What the fake MANGO received, one entry per request.
#[derive(Clone, Debug)]
struct Received {
    path: String,
    api_key: String,
    sign: String,
    json: String,
    signed_correctly: bool,
}

/// A MANGO that answers from a script, in order, and records every request.
#[derive(Clone, Default)]
struct FakeMango {
    script: Arc<Mutex<VecDeque<(u16, String)>>>,
    received: Arc<Mutex<Vec<Received>>>,
}

impl FakeMango {
    async fn start(script: &[(u16, &str)]) -> (SocketAddr, FakeMango) {
        let fake = FakeMango {
            script: Arc::new(Mutex::new(script.iter().map(|(s, b)| (*s, b.to_string())).collect())),
            received: Arc::default(),
        };
        let router = Router::new().fallback(answer).with_state(fake.clone());
        let listener = TcpListener::bind("127.0.0.1:0").await.unwrap();
        let addr = listener.local_addr().unwrap();
        tokio::spawn(async move { axum::serve(listener, router).await });
        (addr, fake)
    }

    fn received(&self) -> Vec<Received> {
        self.received.lock().unwrap().clone()
    }
}

async fn answer(State(fake): State<FakeMango>, uri: Uri, body: Bytes) -> Response {
    let form: HashMap<String, String> = serde_urlencoded::from_bytes(&body).unwrap_or_default();
    let field = |name: &str| form.get(name).cloned().unwrap_or_default();
    let (api_key, sign, json) = (field("vpbx_api_key"), field("sign"), field("json"));
    let signed_correctly = form.len() == 3 && api_key == KEY && verify_signature(KEY, SALT, &json, &sign);
    fake.received.lock().unwrap().push(Received {
        path: uri.path().to_string(),
        api_key,
        sign,
        json,
        signed_correctly,
    });
    let (status, body) = fake.script.lock().unwrap().pop_front().unwrap_or((500, "script exhausted".into()));
    (StatusCode::from_u16(status).unwrap(), [("content-type", "application/json")], body).into_response()
}

fn quick_retries() -> RetryPolicy {
    RetryPolicy {
        transport_retries: 2,
        transport_backoff: Duration::from_millis(5),
        slow_down_first: Duration::from_millis(20),
        slow_down_max: Duration::from_millis(80),
        slow_down_budget: Duration::from_millis(400),
        cc_down_answers: 3,
        cc_down_after: Duration::from_millis(30),
    }
}

fn config_for(addr: SocketAddr) -> MangoConfig {
    let mut config = MangoConfig::new(format!("http://{addr}/vpbx"), format!("http://{addr}/cc/"), KEY, SALT);
    config.retry = quick_retries();
    // Each test its own limiters, so tests running in parallel do not slow each other.
    config.limits = Arc::new(RateLimits::per_manual());
    config.request_timeout = Duration::from_secs(5);
    // The fake MANGO and the sandbox are on this machine.
    config.addresses = crate::mango::config::AddressPolicy::LoopbackOnly;
    config
}

fn client_for(addr: SocketAddr) -> MangoClient {
    MangoClient::new(config_for(addr)).unwrap()
}

fn one_push() -> TasksPushRequest {
    TasksPushRequest {
        campaign_id: 17251,
        tasks: vec![PushTask {
            name: "Иван Петров".into(),
            position: None,
            organization: None,
            number: "79001234567".into(),
            additional_info: None,
        }],
    }
}

#[tokio::test]
async fn a_call_is_signed_over_the_exact_json_sent_and_its_answer_decoded() {
    let (addr, fake) = FakeMango::start(&[(200, r#"{"result":1000,"campaign_id":"17775"}"#)]).await;
    let client = client_for(addr);
    let window = ScheduleWindow {
        weekday: Weekday::Mon,
        start: ClockTime::new(6, 0).unwrap(),
        end: ClockTime::new(15, 0).unwrap(),
    };
    let mut request = CampaignAddRequest::new(400200001, "Осенняя акция «Звонок»", vec![window]);
    request.operators = vec![400100101];

    let added = client.add_campaign(&request).await.unwrap();

    assert_eq!(added.campaign_id, 17775);
    let received = fake.received();
    assert_eq!(received.len(), 1);
    let r = &received[0];
    assert_eq!(r.path, "/vpbx/campaign/add");
    assert_eq!(r.api_key, KEY);
    assert!(r.signed_correctly, "{r:?}");
    assert_eq!(r.json, serde_json::to_string(&request).unwrap());
    assert!(r.json.contains("Осенняя акция «Звонок»"), "raw UTF-8, as signed: {}", r.json);
    assert!(
        !r.json.contains(": ") && !r.json.contains(", ") && !r.json.contains('\n'),
        "compact: {}",
        r.json
    );
    assert_eq!(r.sign, sign(KEY, &r.json, SALT));
}

#[tokio::test]
async fn every_method_goes_to_its_path() {
    let ok = (200, r#"{"result":1000}"#);
    let script = [
        (200, r#"{"users":[]}"#),
        (200, r#"{"result":1000,"lines":[]}"#),
        (200, r#"{"result":1000,"audiofiles":[]}"#),
        (200, r#"{"result":1000,"balance":1}"#),
        ok,
        (200, r#"{"result":1000,"status":1}"#),
        (200, r#"{"result":1000,"status":0}"#),
        (200, r#"{"result":1000,"status":6}"#),
        (200, r#"{"result":1000,"campaign":{"campaign_id":5,"status":2}}"#),
        (200, r#"{"result":1000,"campaigns":[{"campaign_id":5,"status":4}]}"#),
        (200, r#"{"result":1000,"task":{"campaign_task_id":9,"status":"1"}}"#),
        (200, r#"{"result":1000,"task_id":7}"#),
    ];
    let (addr, fake) = FakeMango::start(&script).await;
    let mut config = config_for(addr);
    // Loosened so this test does not wait 2 s for the users-request limit it does not test.
    config.limits =
        Arc::new(RateLimits::with_quotas(|_| crate::mango::limits::spaced(Duration::from_millis(1))));
    let client = MangoClient::new(config).unwrap();

    client.users(&UsersRequest::default()).await.unwrap();
    client.incoming_lines().await.unwrap();
    client.audio_files().await.unwrap();
    client.balance().await.unwrap();
    client.push_tasks(&one_push()).await.unwrap();
    assert_eq!(client.start_campaign(5).await.unwrap().status, Some(CampaignStatus::Scheduled));
    assert_eq!(client.stop_campaign(5).await.unwrap().status, Some(CampaignStatus::Stopped));
    assert_eq!(client.delete_campaign(5).await.unwrap().status, Some(CampaignStatus::Deleting));
    assert_eq!(client.campaign(5).await.unwrap().status, CampaignStatus::Running);
    assert_eq!(client.campaigns().await.unwrap()[0].status, CampaignStatus::Stopped, "get_list numbering");
    assert_eq!(client.task(9).await.unwrap().status, TaskStatus::Queued);
    let callback = CallbackTaskRequest {
        event_type: EventType::Call,
        start_time: 1_700_000_000,
        duration: 15,
        contact_id: None,
        source_id: None,
        source_type: None,
        to_user_id: 400100101,
        description: None,
        is_auto_call: Some(true),
        phone: Some("79001234567".into()),
    };
    assert_eq!(client.add_callback_task(&callback).await.unwrap().task_id, Some(7));

    let received = fake.received();
    let paths: Vec<&str> = received.iter().map(|r| r.path.as_str()).collect();
    assert_eq!(
        paths,
        [
            "/vpbx/config/users/request",
            "/vpbx/incominglines",
            "/vpbx/audiofiles",
            "/vpbx/account/balance",
            "/vpbx/tasks/push",
            "/vpbx/campaign/start",
            "/vpbx/campaign/stop",
            "/vpbx/campaign/delete",
            "/vpbx/campaign",
            "/vpbx/io/v1/campaign/get_list",
            "/vpbx/task",
            "/cc/task/add",
        ]
    );
    assert!(received.iter().all(|r| r.signed_correctly));
    assert_eq!(received[1].json, "{}");
    assert_eq!(received[5].json, r#"{"campaign_id":"5"}"#);
    assert_eq!(received[10].json, r#"{"task_id":"9"}"#);
}

#[tokio::test]
async fn a_result_code_is_a_refusal_with_its_catalog_description() {
    let (addr, fake) = FakeMango::start(&[(200, r#"{"result":5106}"#)]).await;
    let error = client_for(addr).start_campaign(16340).await.unwrap_err();
    let MangoError::Api { code, description, description_ru, .. } = &error else { panic!("{error:?}") };
    assert_eq!(*code, 5106);
    assert_eq!(*description_ru, "Текущий статус кампании не позволяет выполнить данное действие");
    assert_eq!(*description, "The campaign's current status does not allow this action");
    assert_eq!(error.code(), Some(5106));
    assert!(!error.is_rate_limited());
    assert_eq!(fake.received().len(), 1, "a refusal is final");
}

#[tokio::test]
async fn http_420_carries_the_code_and_message() {
    let (addr, fake) =
        FakeMango::start(&[(420, r#"{"code":3104,"message":"task_id: must be an integer"}"#)]).await;
    let error = client_for(addr).task(1).await.unwrap_err();
    let MangoError::Api { code, message, .. } = &error else { panic!("{error:?}") };
    assert_eq!((*code, message.as_deref()), (3104, Some("task_id: must be an integer")));
    assert_eq!(fake.received().len(), 1);
}

#[tokio::test]
async fn vpbx_503_is_waited_out_without_counting_as_a_failure() {
    let script = [(503, RATE_LIMITED), (503, RATE_LIMITED), (200, r#"{"Result":1000}"#)];
    let (addr, fake) = FakeMango::start(&script).await;
    let mut config = config_for(addr);
    // No transport repeats at all: the two slow-downs must not use any up.
    config.retry.transport_retries = 0;
    let client = MangoClient::new(config).unwrap();

    // tasks/push, which is never repeated after a lost answer: a slow-down is not one.
    client.push_tasks(&one_push()).await.unwrap();

    let received = fake.received();
    assert_eq!(received.len(), 3, "retried twice, then succeeded");
    assert!(received.iter().all(|r| r.signed_correctly && r.path == "/vpbx/tasks/push"));
    assert!(
        received.windows(2).all(|w| w[0].json == w[1].json && w[0].sign == w[1].sign),
        "the same request each time"
    );
}

#[tokio::test]
async fn cc_5008_is_waited_out() {
    let script = [
        (200, r#"{"result":5008}"#),
        (200, r#"{"result":1000,"task_id":402052290,"auto_call_task_id":2052290}"#),
    ];
    let (addr, fake) = FakeMango::start(&script).await;
    let request = CallbackTaskRequest {
        event_type: EventType::Call,
        start_time: 1_399_906_980,
        duration: 15,
        contact_id: None,
        source_id: None,
        source_type: None,
        to_user_id: 300052408,
        description: Some("Перезвонить".into()),
        is_auto_call: Some(true),
        phone: Some("79260297870".into()),
    };
    let added = client_for(addr).add_callback_task(&request).await.unwrap();
    assert_eq!((added.task_id, added.auto_call_task_id), (Some(402052290), Some(2052290)));
    let received = fake.received();
    assert_eq!(received.len(), 2);
    assert!(received.iter().all(|r| r.signed_correctly && r.path == "/cc/task/add"));
}

fn one_callback() -> CallbackTaskRequest {
    CallbackTaskRequest {
        event_type: EventType::Call,
        start_time: 1_399_906_980,
        duration: 15,
        contact_id: None,
        source_id: None,
        source_type: None,
        to_user_id: 300052408,
        description: None,
        is_auto_call: Some(true),
        phone: Some("79260297870".into()),
    }
}

/// Manual 4.1: while the CC API is unavailable every method answers this (its example,
/// verbatim) — the code of the rate limit too (1.4.2). A run of them over some time is
/// taken as "down"; then one answer is enough to give up, and any other answer clears it.
#[tokio::test]
async fn cc_5008_to_everything_is_taken_as_down_until_a_call_succeeds() {
    const DOWN: &str = "{\n  \"result\": 5008\n}";
    let mut script = vec![(200, DOWN); 40];
    script.push((200, r#"{"result":1000,"task_id":7,"auto_call_task_id":8}"#));
    let (addr, fake) = FakeMango::start(&script).await;
    let client = client_for(addr);
    assert_eq!(client.cc_unavailable(), None);
    let error = client.add_callback_task(&one_callback()).await.unwrap_err();
    assert!(error.is_rate_limited(), "{error:?}");
    let down = client.cc_unavailable().expect("a run of 5008 over 30 ms is 'down'");
    let answers_so_far = fake.received().len() as u32;
    assert_eq!(down.answers, answers_so_far);
    assert!(answers_so_far >= 3, "{answers_so_far}");
    // Known down: the next call gives up after one answer instead of the whole budget.
    let error = client.add_callback_task(&one_callback()).await.unwrap_err();
    assert!(error.is_rate_limited());
    assert_eq!(fake.received().len() as u32, answers_so_far + 1);
    fake.script.lock().unwrap().retain(|(_, body)| body != DOWN);
    client.add_callback_task(&one_callback()).await.unwrap();
    assert_eq!(client.cc_unavailable(), None, "a CC answer that is not 5008 ends it");
}

#[tokio::test]
async fn endless_slow_down_gives_up_within_the_budget() {
    let script = vec![(503, RATE_LIMITED); 100];
    let (addr, fake) = FakeMango::start(&script).await;
    let client = client_for(addr);
    let started = Instant::now();
    let error = client.campaign(1).await.unwrap_err();
    let elapsed = started.elapsed();
    assert!(error.is_rate_limited(), "{error:?}");
    let MangoError::RateLimited { waited, code, .. } = error else { unreachable!() };
    assert!(waited <= quick_retries().slow_down_budget, "{waited:?}");
    assert_eq!(code, None);
    assert!(elapsed < Duration::from_secs(3), "{elapsed:?}");
    let attempts = fake.received().len();
    // Pauses of at least 10 ms within 400 ms: a bounded number of attempts, more than one.
    assert!((2..=41).contains(&attempts), "{attempts}");
}

#[tokio::test]
async fn other_http_errors_are_not_repeated() {
    let (addr, fake) = FakeMango::start(&[(500, ""), (200, r#"{"result":1000,"balance":1}"#)]).await;
    let error = client_for(addr).balance().await.unwrap_err();
    assert!(matches!(error, MangoError::Http { status: 500, .. }), "{error:?}");
    let (addr, _) = FakeMango::start(&[(503, "")]).await;
    let error = client_for(addr).balance().await.unwrap_err();
    assert!(
        matches!(error, MangoError::Http { status: 503, .. }),
        "a bare 503 is not the rate limit: {error:?}"
    );
    assert_eq!(fake.received().len(), 1);
}

#[tokio::test]
async fn an_undecodable_answer_is_a_decode_error_with_context() {
    let (addr, _) =
        FakeMango::start(&[(200, r#"{"result":1000,"campaign":{"campaign_id":"abc","status":1}}"#)]).await;
    let error = client_for(addr).campaign(1).await.unwrap_err();
    let MangoError::Decode { endpoint, body, .. } = &error else { panic!("{error:?}") };
    assert_eq!(endpoint, "vpbx/campaign");
    assert!(body.contains("abc"));
    let (addr, _) = FakeMango::start(&[(200, "<html>")]).await;
    assert!(matches!(client_for(addr).campaign(1).await, Err(MangoError::Decode { .. })));
}

/// A server that reads each request whole and then, per its script, drops the connection
/// without answering (`None`) or answers 200 with the body. Counts the requests it read.
async fn dropping_server(script: Vec<Option<&'static str>>) -> (SocketAddr, Arc<AtomicUsize>) {
    let listener = TcpListener::bind("127.0.0.1:0").await.unwrap();
    let addr = listener.local_addr().unwrap();
    let seen = Arc::new(AtomicUsize::new(0));
    let counter = seen.clone();
    tokio::spawn(async move {
        for step in script {
            let Ok(Ok((mut stream, _))) =
                tokio::time::timeout(Duration::from_secs(10), listener.accept()).await
            else {
                return;
            };
            if tokio::time::timeout(Duration::from_secs(5), read_request(&mut stream)).await.is_err() {
                return;
            }
            counter.fetch_add(1, Ordering::SeqCst);
            match step {
                None => drop(stream),
                Some(body) => {
                    let head = format!(
                        "HTTP/1.1 200 OK\r\nContent-Type: application/json\r\nContent-Length: {}\r\nConnection: close\r\n\r\n",
                        body.len()
                    );
                    let _ = stream.write_all(head.as_bytes()).await;
                    let _ = stream.write_all(body.as_bytes()).await;
                    let _ = stream.shutdown().await;
                }
            }
        }
    });
    (addr, seen)
}

/// Reads one HTTP/1.1 request with a Content-Length body.
async fn read_request(stream: &mut TcpStream) {
    let mut buffer = Vec::new();
    let mut chunk = [0u8; 4096];
    loop {
        if let Some(end) = buffer.windows(4).position(|w| w == b"\r\n\r\n") {
            let head = String::from_utf8_lossy(&buffer[..end]).to_ascii_lowercase();
            let length: usize = head
                .lines()
                .find_map(|line| line.strip_prefix("content-length:"))
                .and_then(|value| value.trim().parse().ok())
                .unwrap_or(0);
            if buffer.len() >= end + 4 + length {
                return;
            }
        }
        match stream.read(&mut chunk).await {
            Ok(0) | Err(_) => return,
            Ok(n) => buffer.extend_from_slice(&chunk[..n]),
        }
    }
}

#[tokio::test]
async fn a_push_whose_answer_is_lost_is_not_repeated() {
    let (addr, seen) = dropping_server(vec![None, Some(r#"{"result":1000}"#)]).await;
    let error = client_for(addr).push_tasks(&one_push()).await.unwrap_err();
    let MangoError::Transport { attempts, maybe_delivered, .. } = &error else { panic!("{error:?}") };
    assert_eq!((*attempts, *maybe_delivered), (1, true));
    assert!(error.outcome_unknown());
    // Give a wrongly repeated request the time to arrive before counting.
    tokio::time::sleep(Duration::from_millis(100)).await;
    assert_eq!(seen.load(Ordering::SeqCst), 1, "sent exactly once");
}

#[tokio::test]
async fn a_read_whose_answer_is_lost_is_repeated() {
    let answer = r#"{"result":1000,"campaign":{"campaign_id":16340,"status":0}}"#;
    let (addr, seen) = dropping_server(vec![None, None, Some(answer)]).await;
    let campaign = client_for(addr).campaign(16340).await.unwrap();
    assert_eq!(campaign.status, CampaignStatus::Stopped);
    assert_eq!(seen.load(Ordering::SeqCst), 3);
}

#[tokio::test]
async fn a_read_gives_up_after_its_repeats() {
    let (addr, seen) = dropping_server(vec![None; 5]).await;
    let error = client_for(addr).campaign(16340).await.unwrap_err();
    let MangoError::Transport { attempts, .. } = error else { panic!("{error:?}") };
    assert_eq!(attempts, 3, "the first attempt and two repeats");
    assert_eq!(seen.load(Ordering::SeqCst), 3);
}

#[tokio::test]
async fn a_request_that_never_left_may_be_repeated_even_for_a_push() {
    // A port nobody listens on: the connection is refused, so MANGO never saw anything.
    let closed = TcpListener::bind("127.0.0.1:0").await.unwrap();
    let addr = closed.local_addr().unwrap();
    drop(closed);
    let error = client_for(addr).push_tasks(&one_push()).await.unwrap_err();
    let MangoError::Transport { attempts, maybe_delivered, .. } = &error else { panic!("{error:?}") };
    assert_eq!((*attempts, *maybe_delivered), (3, false));
    assert!(!error.outcome_unknown());
}

#[test]
fn configuration_is_checked() {
    let bad = MangoConfig::new("not a url", "http://127.0.0.1:1/cc", KEY, SALT);
    assert!(matches!(MangoClient::new(bad), Err(MangoError::Config(_))));
    let bad = MangoConfig::new("ftp://127.0.0.1/vpbx", "http://127.0.0.1:1/cc", KEY, SALT);
    assert!(matches!(MangoClient::new(bad), Err(MangoError::Config(_))));
    let client = MangoClient::new(MangoConfig::production(KEY, SALT)).unwrap();
    assert_eq!(
        client.url(&endpoint::TASKS_PUSH).unwrap().as_str(),
        "https://app.mango-office.ru/vpbx/tasks/push"
    );
    assert_eq!(
        client.url(&endpoint::CC_TASK_ADD).unwrap().as_str(),
        "https://app.mango-office.ru/cc/task/add"
    );
    assert!(!format!("{client:?}").contains(SALT));
}

/// The whole flow against the sandbox MANGO of this crate, which checks fields, value sets
/// and signatures as the manual describes.
#[tokio::test]
async fn round_trip_through_the_sandbox() {
    let sandbox = crate::emulator::Sandbox::new(crate::emulator::EmulatorConfig {
        api_key: KEY.into(),
        api_salt: SALT.into(),
        start: chrono::Utc::now(),
        time_factor: 1.0,
        seed: 7,
        faults: Default::default(),
    });
    let listener = TcpListener::bind("127.0.0.1:0").await.unwrap();
    let addr = listener.local_addr().unwrap();
    let router = sandbox.router();
    tokio::spawn(async move { axum::serve(listener, router).await });
    let client = client_for(addr);

    let lines = client.incoming_lines().await.unwrap().lines;
    let line = lines.iter().find(|l| l.number.as_deref().is_some_and(|n| !n.starts_with("sip:"))).unwrap();
    let users = client.users(&UsersRequest::operators()).await.unwrap().users;
    let operators: Vec<i64> =
        users.iter().filter(|u| u.general.use_status == Some(1)).filter_map(|u| u.general.user_id).collect();
    assert!(!operators.is_empty());
    let audio = client.audio_files().await.unwrap().audiofiles;
    assert!(client.balance().await.unwrap().balance > 0.0);

    let mut request = CampaignAddRequest::new(
        line.line_id,
        "Проверка клиента",
        vec![ScheduleWindow {
            weekday: Weekday::Mon,
            start: ClockTime::MIDNIGHT,
            end: ClockTime::END_OF_DAY,
        }],
    );
    request.operators = operators.clone();
    request.priority = Some(Priority::Normal);
    request.dial_mode = Some(DialMode::OperatorFirst);
    request.hold_message_id = audio.first().map(|a| a.id);
    request.max_redial_count_if_busy = Some(3);
    request.additional_calls_coefficient = Some(1.5);
    let campaign_id = client.add_campaign(&request).await.unwrap().campaign_id;

    client.push_tasks(&TasksPushRequest { campaign_id, ..one_push() }).await.unwrap();
    let repeated = client.push_tasks(&TasksPushRequest { campaign_id, ..one_push() }).await.unwrap_err();
    assert_eq!(repeated.code(), Some(5109), "the same number twice: {repeated}");

    // The sandbox reads "processing" (5) once after a push, then the campaign's own status.
    let info = client.campaign(campaign_id).await.unwrap();
    assert_eq!((info.status, info.name.as_deref()), (CampaignStatus::Processing, Some("Проверка клиента")));
    let info = client.campaign(campaign_id).await.unwrap();
    assert_eq!((info.status, info.name.as_deref()), (CampaignStatus::Stopped, Some("Проверка клиента")));
    let listed = client.campaigns().await.unwrap();
    assert_eq!(
        listed.iter().find(|c| c.campaign_id == campaign_id).map(|c| c.status),
        Some(CampaignStatus::Stopped)
    );

    let started = client.start_campaign(campaign_id).await.unwrap();
    assert!(started.status.is_some_and(CampaignStatus::is_active), "{started:?}");
    let again = client.start_campaign(campaign_id).await.unwrap_err();
    assert_eq!(again.code(), Some(5106), "{again}");
    // Manual 3.8.4.4: "stopping" (3) first; the sandbox reads it once, then 0.
    assert_eq!(client.stop_campaign(campaign_id).await.unwrap().status, Some(CampaignStatus::Stopping));
    assert_eq!(client.delete_campaign(campaign_id).await.unwrap_err().code(), Some(5106), "not yet stopped");
    assert_eq!(client.campaign(campaign_id).await.unwrap().status, CampaignStatus::Stopping);
    assert_eq!(client.campaign(campaign_id).await.unwrap().status, CampaignStatus::Stopped);
    assert_eq!(client.delete_campaign(campaign_id).await.unwrap().status, Some(CampaignStatus::Deleting));

    let missing = client.task(999_999_999).await.unwrap_err();
    assert_eq!(missing.code(), Some(3300), "{missing}");

    // cc/task/add (manual 4.2): an automatic callback to an operator, and its refusal when the
    // operator does not exist.
    let callback = crate::mango::types::callbacks::CallbackTaskRequest {
        event_type: crate::mango::types::callbacks::EventType::Call,
        start_time: chrono::Utc::now().timestamp() + 3600,
        duration: 15,
        contact_id: None,
        source_id: None,
        source_type: None,
        to_user_id: operators[0],
        description: Some("Перезвонить по заявке".into()),
        is_auto_call: Some(true),
        phone: Some("79161234567".into()),
    };
    let added = client.add_callback_task(&callback).await.unwrap();
    assert!(added.task_id.is_some() && added.auto_call_task_id.is_some(), "{added:?}");
    let nobody = client
        .add_callback_task(&crate::mango::types::callbacks::CallbackTaskRequest { to_user_id: 1, ..callback })
        .await
        .unwrap_err();
    assert!(nobody.code().is_some(), "an unknown operator is refused with a code: {nobody}");

    // The error paths of the transport as the sandbox answers them: wrong salt, wrong key.
    let wrong_salt = MangoConfig { api_salt: "other salt".into(), ..config_for(addr) };
    let refused = MangoClient::new(wrong_salt).unwrap().balance().await.unwrap_err();
    assert_eq!(refused.code(), Some(3102), "{refused}");
    let wrong_key = MangoConfig { api_key: "other key".into(), ..config_for(addr) };
    let refused = MangoClient::new(wrong_key).unwrap().campaigns().await.unwrap_err();
    assert_eq!(refused.code(), Some(3105), "{refused}");
}

/// A server that answers every request with a 302 to another host.
async fn redirecting_server(hits: Arc<AtomicUsize>) -> SocketAddr {
    let router = Router::new().fallback(move || {
        let hits = hits.clone();
        async move {
            hits.fetch_add(1, Ordering::SeqCst);
            (StatusCode::FOUND, [("location", "http://169.254.169.254/latest/meta-data")], "moved")
        }
    });
    let listener = TcpListener::bind("127.0.0.1:0").await.unwrap();
    let addr = listener.local_addr().unwrap();
    tokio::spawn(async move { axum::serve(listener, router).await });
    addr
}

#[tokio::test]
async fn a_redirect_is_reported_not_followed() {
    let hits = Arc::new(AtomicUsize::new(0));
    let addr = redirecting_server(hits.clone()).await;
    let error = client_for(addr).balance().await.unwrap_err();
    let MangoError::Redirect { status, location, .. } = &error else { panic!("{error:?}") };
    assert_eq!((*status, location.as_str()), (302, "http://169.254.169.254/latest/meta-data"));
    let text = error.to_string();
    assert!(text.contains("MANGO answered a redirect to http://169.254.169.254/latest/meta-data"), "{text}");
    assert!(text.contains("check the address"), "{text}");
    assert_eq!(hits.load(Ordering::SeqCst), 1, "asked once, not repeated");
    assert!(!error.outcome_unknown());
}

#[tokio::test]
async fn non_public_addresses_are_refused_unless_allowed() {
    use crate::mango::config::AddressPolicy;
    let (addr, fake) = FakeMango::start(&[(200, r#"{"result":1000,"balance":1,"currency":"RUB"}"#)]).await;
    // An IP literal: refused before anything is sent.
    let public_only = MangoConfig { addresses: AddressPolicy::PublicOnly, ..config_for(addr) };
    let error = MangoClient::new(public_only).unwrap().balance().await.unwrap_err();
    let MangoError::AddressRefused { reason, .. } = &error else { panic!("{error:?}") };
    assert!(reason.contains("127.0.0.1") && reason.contains("OBZVON_MANGO_ALLOW_PRIVATE"), "{reason}");
    let by_name = MangoConfig {
        vpbx_base: format!("http://LocalHost.:{}/vpbx", addr.port()),
        addresses: AddressPolicy::PublicOnly,
        ..config_for(addr)
    };
    let error = MangoClient::new(by_name).unwrap().balance().await.unwrap_err();
    assert!(matches!(error, MangoError::AddressRefused { .. }), "{error:?}");
    assert!(!error.outcome_unknown());
    // A name: judged on what it resolves to, when connecting. (The literal check above
    // catches `localhost` first, so the resolver is driven through a bare client here.)
    let resolving = reqwest::Client::builder()
        .no_proxy()
        .dns_resolver(Arc::new(CheckedResolver { policy: AddressPolicy::PublicOnly }))
        .build()
        .unwrap();
    let error = resolving.get(format!("http://localhost:{}/vpbx", addr.port())).send().await.unwrap_err();
    let reason = address_refusal(&error).unwrap_or_else(|| panic!("not the resolver's refusal: {error:?}"));
    assert!(reason.contains("localhost resolves to 127.0.0.1"), "{reason}");
    assert!(fake.received().is_empty(), "nothing reached the private address");
    let loopback = reqwest::Client::builder()
        .no_proxy()
        .dns_resolver(Arc::new(CheckedResolver { policy: AddressPolicy::LoopbackOnly }))
        .build()
        .unwrap();
    let reached = loopback.post(format!("http://localhost:{}/vpbx", addr.port())).send().await;
    assert!(reached.is_ok(), "{reached:?}");
    fake.script.lock().unwrap().push_front((200, r#"{"result":1000,"balance":1,"currency":"RUB"}"#.into()));
    fake.received.lock().unwrap().clear();
    // Allowed explicitly, the same address answers.
    let allowed = MangoConfig { addresses: AddressPolicy::Any, ..config_for(addr) };
    assert_eq!(MangoClient::new(allowed).unwrap().balance().await.unwrap().balance, 1.0);
    assert_eq!(fake.received().len(), 1);
}
