//! Campaigns end to end over HTTP against a sandbox MANGO this test holds the handle of: the
//! draft's checks, create/start/stop/delete, and every refusal path with its message.

use reqwest::StatusCode;
use serde_json::{json, Value};
use server::emulator::Sandbox;
use server::mango::{MangoClient, MangoConfig};

use crate::support::*;

const KEY: &str = "campaign-test-key";
const SALT: &str = "campaign-test-salt";

struct Mango {
    sandbox: Sandbox,
    base: String,
}

/// A sandbox on its own port, Monday 2026-11-23 07:00 UTC (17:00 in Vladivostok), time still.
async fn mango() -> Mango {
    let (sandbox, base) = still_sandbox(KEY, SALT, 3).await;
    Mango { sandbox, base }
}

impl Mango {
    fn client(&self) -> MangoClient {
        let mut config =
            MangoConfig::new(format!("{}/vpbx", self.base), format!("{}/cc", self.base), KEY, SALT);
        // The sandbox runs on this machine.
        config.addresses = server::mango::config::AddressPolicy::LoopbackOnly;
        MangoClient::new(config).unwrap()
    }
}

/// Obzvon pointed at `mango` through its settings, and its directory fetched.
async fn connect(admin: &reqwest::Client, server: &TestServer, mango: &Mango) {
    let (status, body) = call(
        admin,
        server,
        "settings/save",
        json!({"form": {
            "vpbx_base_url": format!("{}/vpbx", mango.base), "cc_base_url": format!("{}/cc", mango.base),
            "vpbx_api_key": KEY, "new_api_salt": SALT, "clear_api_salt": false,
            "timezone": "Asia/Vladivostok", "phone_region": "RU"}}),
    )
    .await;
    assert_eq!(status, StatusCode::OK, "{body}");
    let (status, view) = call(admin, server, "directory/refresh", json!({})).await;
    assert_eq!(status, StatusCode::OK, "{view}");
    assert_eq!(view["stale_source"], false, "{view}");
}

/// A valid form: Vladivostok, Monday–Friday 09:00–13:00 and 14:00–18:00, three operators.
fn form(name: &str) -> Value {
    let day = json!([{"start": 540, "end": 780}, {"start": 840, "end": 1080}]);
    json!({
        "name": name, "line_id": 400200001, "author_user_id": 400100101,
        "priority": "Normal", "dial_mode": "Simultaneous", "timezone": "Asia/Vladivostok",
        "start_local": "", "end_local": "",
        "schedule": {"days": [day, day, day, day, day, [], []]},
        "operators": [400100101, 400100102, 400100103],
        "voice_message_id": null, "hold_message_id": 500302,
        "redial_if_busy": 3, "redial_if_no_answer": 3, "redial_if_unavailable": 1,
        "answer_wait_seconds": 30, "call_coefficient_tenths": 15,
        "wait_if_busy_seconds": 300, "wait_if_no_answer_seconds": 3600, "wait_if_unavailable_seconds": 0,
        "after_call_seconds": 30
    })
}

async fn act(client: &reqwest::Client, server: &TestServer, id: i64, action: &str) -> (StatusCode, Value) {
    call(client, server, "campaigns/act", json!({"id": id, "action": action})).await
}

#[tokio::test]
async fn a_draft_is_checked_field_by_field_and_nothing_is_saved() {
    let server = TestServer::start().await;
    let admin = admin(&server).await;
    let mut bad = form(&"я".repeat(71));
    bad["line_id"] = Value::Null;
    bad["redial_if_busy"] = json!(4);
    bad["schedule"] = json!({"days": [[], [], [{"start": 1080, "end": 540}], [], [], [], []]});
    bad["end_local"] = json!("2026-12-01T10:00");
    bad["start_local"] = json!("2026-12-02T10:00");
    let (status, body) = call(&admin, &server, "campaigns/save", json!({"id": null, "form": bad})).await;
    assert_eq!(status, StatusCode::UNPROCESSABLE_ENTITY, "{body}");
    let problems: Vec<(String, String)> = body["Invalid"]
        .as_array()
        .unwrap()
        .iter()
        .map(|p| (p["field"].as_str().unwrap().to_string(), p["message"].as_str().unwrap().to_string()))
        .collect();
    let fields: Vec<&str> = problems.iter().map(|(f, _)| f.as_str()).collect();
    for field in ["name", "line_id", "redial_if_busy", "schedule", "end_local"] {
        assert!(fields.contains(&field), "{field} missing from {problems:?}");
    }
    assert!(problems.iter().any(|(f, m)| f == "name" && m.contains("71 now")), "{problems:?}");
    assert!(
        problems.iter().any(|(f, m)| f == "schedule" && m.starts_with("Wednesday, window 1")),
        "{problems:?}"
    );

    let empty = {
        let mut f = form("Empty schedule");
        f["schedule"] = json!({"days": [[], [], [], [], [], [], []]});
        f
    };
    let (status, body) = call(&admin, &server, "campaigns/save", json!({"id": null, "form": empty})).await;
    assert_eq!(status, StatusCode::UNPROCESSABLE_ENTITY);
    assert!(body.to_string().contains("Add at least one calling window."), "{body}");
    let (_, list) = call(&admin, &server, "campaigns/list", json!({})).await;
    assert_eq!(list, json!([]), "nothing half-saved");
    server.stop().await;
}

#[tokio::test]
async fn create_start_stop_delete_in_mango_with_the_audit_trail() {
    let mango = mango().await;
    let server = TestServer::start().await;
    let admin = admin(&server).await;
    connect(&admin, &server, &mango).await;
    create_user(&admin, &server, "mark", "marketer", "marketer-password-1").await;
    let marketer = signed_in(&server, "mark", "marketer-password-1").await;

    // A draft, with the UTC schedule MANGO will get: 09–13 and 14–18 in UTC+10 is
    // 23:00–24:00 the day before, 00:00–03:00 and 04:00–08:00.
    let (status, draft) =
        call(&marketer, &server, "campaigns/save", json!({"id": null, "form": form("Зимняя акция")})).await;
    assert_eq!(status, StatusCode::OK, "{draft}");
    let id = draft["row"]["id"].as_i64().unwrap();
    assert_eq!(draft["row"]["state"], "Draft");
    assert_eq!(draft["row"]["author"], "mark");
    let windows = draft["mango_schedule"]["windows"].as_array().unwrap();
    assert_eq!(windows.len(), 15, "{windows:?}");
    assert_eq!(windows[0], json!({"weekday": 1, "start": 0, "end": 180}));
    assert_eq!(windows[1], json!({"weekday": 1, "start": 240, "end": 480}));
    assert_eq!(windows.last().unwrap(), &json!({"weekday": 7, "start": 1380, "end": 1440}));

    // Drafts stay editable until created.
    let (status, saved) =
        call(&marketer, &server, "campaigns/save", json!({"id": id, "form": form("Зимняя акция 2026")}))
            .await;
    assert_eq!(status, StatusCode::OK, "{saved}");
    assert_eq!(saved["row"]["name"], "Зимняя акция 2026");

    // Create in MANGO: the sandbox holds it, with our name and operators.
    let (status, created) = act(&marketer, &server, id, "Create").await;
    assert_eq!(status, StatusCode::OK, "{created}");
    assert_eq!(created["row"]["state"], "Ready");
    let mango_id = created["row"]["mango_campaign_id"].as_i64().unwrap();
    let info = mango.client().campaign(mango_id).await.unwrap();
    assert_eq!(info.name.as_deref(), Some("Зимняя акция 2026"));
    assert_eq!(info.members.len(), 3);

    // Now MANGO's rules: no edits, no second creation.
    let (status, body) =
        call(&marketer, &server, "campaigns/save", json!({"id": id, "form": form("Changed")})).await;
    assert_eq!(status, StatusCode::CONFLICT, "{body}");
    assert!(body.to_string().contains("duplicate it"), "{body}");
    let (status, _) = act(&marketer, &server, id, "Create").await;
    assert_eq!(status, StatusCode::CONFLICT);

    // Start: Monday 17:00 in Vladivostok is inside 14:00–18:00, so MANGO runs it.
    let (status, started) = act(&marketer, &server, id, "Start").await;
    assert_eq!(status, StatusCode::OK, "{started}");
    assert_eq!(started["row"]["state"], "Running", "{started}");
    assert!(started["started_at"].is_string());

    // Stopped behind Obzvon's back: Obzvon's stop meets MANGO's 5106, shows it with advice,
    // and re-reads the status.
    mango.client().stop_campaign(mango_id).await.unwrap();
    let (status, refused) = act(&marketer, &server, id, "Stop").await;
    assert_eq!(status, StatusCode::CONFLICT, "{refused}");
    assert_eq!(refused["Mango"]["code"], 5106, "{refused}");
    assert!(refused["Mango"]["advice"].as_str().unwrap().contains("status"), "{refused}");
    let (_, now) = call(&marketer, &server, "campaigns/get", json!({"id": id})).await;
    assert_eq!(now["row"]["state"], "Stopped", "{now}");

    // Start again, stop through Obzvon.
    let (status, _) = act(&marketer, &server, id, "Start").await;
    assert_eq!(status, StatusCode::OK);
    let (status, stopped) = act(&marketer, &server, id, "Stop").await;
    assert_eq!(status, StatusCode::OK, "{stopped}");
    assert_eq!(stopped["row"]["state"], "Stopped");

    // Only administrators delete.
    let (status, body) = act(&marketer, &server, id, "Delete").await;
    assert_eq!(status, StatusCode::FORBIDDEN, "{body}");
    let (status, deleted) = act(&admin, &server, id, "Delete").await;
    assert_eq!(status, StatusCode::OK, "{deleted}");
    assert_eq!(deleted["row"]["state"], "Deleted");
    let (status, _) = act(&admin, &server, id, "Start").await;
    assert_eq!(status, StatusCode::CONFLICT);

    // Duplicate: a new draft with the same settings.
    let (status, copy) = call(&marketer, &server, "campaigns/duplicate", json!({"id": id})).await;
    assert_eq!(status, StatusCode::OK, "{copy}");
    assert_eq!(copy["row"]["state"], "Draft");
    assert_eq!(copy["row"]["name"], "Зимняя акция 2026 (copy)");
    assert_eq!(copy["form"]["operators"], json!([400100101, 400100102, 400100103]));

    let actions = audit_actions(&server).await;
    for action in [
        "campaign_draft_created",
        "campaign_created_in_mango",
        "campaign_started",
        "campaign_stopped_refused",
        "campaign_stopped",
        "campaign_deleted",
        "campaign_duplicated",
    ] {
        assert!(actions.iter().any(|(a, t)| a == action && t.is_some()), "{action} not in {actions:?}");
    }
    server.stop().await;
}

#[tokio::test]
async fn mango_refusals_are_shown_with_their_code_and_advice() {
    let mango = mango().await;
    let server = TestServer::start().await;
    let admin = admin(&server).await;
    connect(&admin, &server, &mango).await;

    // 5105: an author MANGO does not know.
    let mut unknown_author = form("Unknown author");
    unknown_author["author_user_id"] = json!(999);
    let (_, draft) =
        call(&admin, &server, "campaigns/save", json!({"id": null, "form": unknown_author})).await;
    let id = draft["row"]["id"].as_i64().unwrap();
    let (status, body) = act(&admin, &server, id, "Create").await;
    assert_eq!(status, StatusCode::CONFLICT, "{body}");
    assert_eq!(body["Mango"]["code"], 5105, "{body}");
    assert!(body["Mango"]["advice"].as_str().unwrap().contains("author"), "{body}");
    let (_, still) = call(&admin, &server, "campaigns/get", json!({"id": id})).await;
    assert_eq!(still["row"]["state"], "Draft", "a refused creation leaves the draft");

    // 5102: too many active campaigns.
    mango.sandbox.world.lock().unwrap().active_campaign_limit = 1;
    let mut ids = Vec::new();
    for name in ["First", "Second"] {
        let (_, draft) =
            call(&admin, &server, "campaigns/save", json!({"id": null, "form": form(name)})).await;
        let id = draft["row"]["id"].as_i64().unwrap();
        let (status, body) = act(&admin, &server, id, "Create").await;
        assert_eq!(status, StatusCode::OK, "{body}");
        ids.push(id);
    }
    let (status, _) = act(&admin, &server, ids[0], "Start").await;
    assert_eq!(status, StatusCode::OK);
    let (status, body) = act(&admin, &server, ids[1], "Start").await;
    assert_eq!(status, StatusCode::CONFLICT, "{body}");
    assert_eq!(body["Mango"]["code"], 5102, "{body}");
    assert!(body["Mango"]["advice"].as_str().unwrap().contains("stop or finish another"), "{body}");

    // Wrong credentials: 3102 with the way out.
    let (status, _) = call(
        &admin,
        &server,
        "settings/save",
        json!({"form": {
            "vpbx_base_url": format!("{}/vpbx", mango.base), "cc_base_url": format!("{}/cc", mango.base),
            "vpbx_api_key": KEY, "new_api_salt": "not-the-salt", "clear_api_salt": false,
            "timezone": "Asia/Vladivostok", "phone_region": "RU"}}),
    )
    .await;
    assert_eq!(status, StatusCode::OK);
    let (status, body) = act(&admin, &server, ids[0], "Stop").await;
    assert_eq!(status, StatusCode::CONFLICT, "{body}");
    assert_eq!(body["Mango"]["code"], 3102, "{body}");
    assert!(body["Mango"]["advice"].as_str().unwrap().contains("Settings"), "{body}");
    server.stop().await;
}

#[tokio::test]
async fn the_status_follows_mango_by_polling() {
    let mango = mango().await;
    let server = TestServer::start().await;
    let admin = admin(&server).await;
    connect(&admin, &server, &mango).await;
    let (_, draft) =
        call(&admin, &server, "campaigns/save", json!({"id": null, "form": form("Polled")})).await;
    let id = draft["row"]["id"].as_i64().unwrap();
    let (_, created) = act(&admin, &server, id, "Create").await;
    let mango_id = created["row"]["mango_campaign_id"].as_i64().unwrap();
    let (status, started) = act(&admin, &server, id, "Start").await;
    assert_eq!((status, started["row"]["state"].clone()), (StatusCode::OK, json!("Running")), "{started}");

    // MANGO stops it on its own (here: through the API, not through Obzvon); the server's
    // polling (every 10 s) notices without anyone opening the campaign.
    mango.client().stop_campaign(mango_id).await.unwrap();
    let pool = sqlx::SqlitePool::connect(&format!("sqlite://{}", server.db_path().display())).await.unwrap();
    let mut state = String::new();
    for _ in 0..60 {
        state = sqlx::query_scalar("SELECT state FROM campaigns WHERE id = $1")
            .bind(id)
            .fetch_one(&pool)
            .await
            .unwrap();
        if state == "stopped" {
            break;
        }
        tokio::time::sleep(std::time::Duration::from_millis(500)).await;
    }
    pool.close().await;
    assert_eq!(state, "stopped", "polling did not pick up MANGO's status within 30 s");
    let (_, now) = call(&admin, &server, "campaigns/get", json!({"id": id})).await;
    assert_eq!(now["status_reason"], "by a command through the API", "{now}");
    server.stop().await;
}

/// Manual 2.1.1: HTTP errors carry no data, so a 502 or a cut-off answer to `campaign/add`
/// does not say whether MANGO created the campaign. Here it did: Obzvon finds it in MANGO's
/// list and takes its id, and no second campaign is ever added.
#[tokio::test]
async fn a_campaign_add_answered_by_502_or_a_cut_off_body_creates_exactly_one() {
    use server::emulator::AnswerFault;
    let mango = mango().await;
    let server = TestServer::start().await;
    let admin = admin(&server).await;
    connect(&admin, &server, &mango).await;
    for (name, fault) in [("Ответ 502", AnswerFault::BadGateway), ("Ответ обрезан", AnswerFault::Truncated)]
    {
        let (_, draft) =
            call(&admin, &server, "campaigns/save", json!({"id": null, "form": form(name)})).await;
        let id = draft["row"]["id"].as_i64().unwrap();
        mango.sandbox.spoil_next_answer("campaign/add", fault);
        let (status, created) = act(&admin, &server, id, "Create").await;
        assert_eq!(status, StatusCode::OK, "{created}");
        let mango_id = created["row"]["mango_campaign_id"].as_i64().unwrap();
        let in_mango: Vec<i64> = {
            let world = mango.sandbox.world.lock().unwrap();
            world.campaigns.values().filter(|c| c.spec.name == name).map(|c| c.id).collect()
        };
        assert_eq!(in_mango, [mango_id], "{name}: exactly one campaign, and it is ours");
        let (status, _) = act(&admin, &server, id, "Create").await;
        assert_eq!(status, StatusCode::CONFLICT, "already in MANGO");
    }
    server.stop().await;
}

/// When MANGO's list cannot tell which campaign the unanswered add created, Obzvon says so
/// and sends nothing; once the list is clear, it adopts the campaign.
#[tokio::test]
async fn an_unresolvable_campaign_add_is_marked_uncertain_and_never_sent_twice() {
    use server::emulator::AnswerFault;
    let mango = mango().await;
    let server = TestServer::start().await;
    let admin = admin(&server).await;
    connect(&admin, &server, &mango).await;
    let name = "Двойник";
    let (_, draft) = call(&admin, &server, "campaigns/save", json!({"id": null, "form": form(name)})).await;
    let id = draft["row"]["id"].as_i64().unwrap();
    // Someone made a campaign of the same name in MANGO meanwhile.
    let foreign = mango
        .client()
        .add_campaign(&server::mango::types::CampaignAddRequest::new(
            400200001,
            name,
            vec![server::mango::types::ScheduleWindow {
                weekday: chrono::Weekday::Mon,
                start: server::mango::types::ClockTime::new(9, 0).unwrap(),
                end: server::mango::types::ClockTime::new(18, 0).unwrap(),
            }],
        ))
        .await
        .unwrap()
        .campaign_id;
    mango.sandbox.spoil_next_answer("campaign/add", AnswerFault::BadGateway);
    let (status, body) = act(&admin, &server, id, "Create").await;
    assert_eq!(status, StatusCode::CONFLICT, "{body}");
    assert!(body.to_string().contains("does not know whether MANGO created it"), "{body}");
    let count =
        || mango.sandbox.world.lock().unwrap().campaigns.values().filter(|c| c.spec.name == name).count();
    assert_eq!(count(), 2);
    // Pressing Create again sends nothing while the list stays ambiguous.
    let (status, _) = act(&admin, &server, id, "Create").await;
    assert_eq!(status, StatusCode::CONFLICT);
    assert_eq!(count(), 2, "no third campaign");
    let (status, body) =
        call(&admin, &server, "campaigns/save", json!({"id": id, "form": form("Другое имя")})).await;
    assert_eq!(status, StatusCode::CONFLICT, "no edits while uncertain: {body}");
    // The foreign one is deleted in MANGO: the remaining one is ours.
    mango.client().delete_campaign(foreign).await.unwrap();
    let (status, created) = act(&admin, &server, id, "Create").await;
    assert_eq!(status, StatusCode::OK, "{created}");
    assert_ne!(created["row"]["mango_campaign_id"], json!(foreign));
    assert_eq!(count(), 2, "the deleted one is still listed by the sandbox's world, marked deleted");
    server.stop().await;
}

/// Manual 3.8.1 gives two paths for `campaign/get_list`; a MANGO that serves only the
/// heading's is found and kept, and polling works through it.
#[tokio::test]
async fn get_list_falls_back_to_the_headings_path_and_keeps_it() {
    let mango = mango().await;
    mango.sandbox.serve_list_at(server::emulator::ListPaths::Heading);
    let client = mango.client();
    assert_eq!(client.campaign_list_path(), None);
    client.campaigns().await.unwrap();
    assert_eq!(client.campaign_list_path().as_deref(), Some("campaign/get_list"));
    let probes = client.probe_campaign_lists().await;
    let outcomes: Vec<(&str, bool)> = probes.iter().map(|p| (p.path.as_str(), p.outcome.is_ok())).collect();
    assert_eq!(outcomes, [("io/v1/campaign/get_list", false), ("campaign/get_list", true)]);
    mango.sandbox.serve_list_at(server::emulator::ListPaths::Example);
    client.campaigns().await.unwrap();
    assert_eq!(client.campaign_list_path().as_deref(), Some("io/v1/campaign/get_list"), "follows a change");
}

/// The expected attempts of one lead with a redial counter per outcome, worked out here by
/// plain recursion (the server keeps a table): what the forecast is checked against.
fn attempts_per_lead(busy: u32, no_answer: u32, unavailable: u32) -> f64 {
    // The stated default shares: answered 0.45, busy 0.10, no answer 0.30, unavailable 0.10.
    let (b, n, u) = (0.10, 0.30, 0.10);
    if busy == 0 && no_answer == 0 && unavailable == 0 {
        return 1.0;
    }
    let again = |left: u32, p: f64, next: &dyn Fn() -> f64| if left > 0 { p * next() } else { 0.0 };
    1.0 + again(busy, b, &|| attempts_per_lead(busy - 1, no_answer, unavailable))
        + again(no_answer, n, &|| attempts_per_lead(busy, no_answer - 1, unavailable))
        + again(unavailable, u, &|| attempts_per_lead(busy, no_answer, unavailable - 1))
}

/// Before a start, the campaign page says whether the calling fits the schedule before the
/// end date: a Monday–Wednesday 09:00–18:00 campaign has 27 h, a half-hour one does not
/// have what ten leads need at one operator's 20 calls an hour.
#[tokio::test]
async fn the_forecast_compares_the_calling_needed_with_the_schedule_before_the_end_date() {
    let server = TestServer::start().await;
    let admin = admin(&server).await;
    let mut form = draft_form("Прогноз");
    form["start_local"] = json!("2027-01-04T09:00");
    form["end_local"] = json!("2027-01-06T18:00");
    let leads: String = (0..10)
        .map(|i| format!("Клиент {i},8916123450{i}\n"))
        .fold("name,phone\n".to_string(), |a, l| a + &l);
    let (id, _) = campaign_of_form_with_leads(&admin, &server, &form, &leads).await;
    let (status, forecast) = call(&admin, &server, "campaigns/forecast", json!({"id": id})).await;
    assert_eq!(status, StatusCode::OK, "{forecast}");
    assert_eq!(forecast["leads"], 10);
    assert_eq!(forecast["mix"], "Assumed", "a fresh installation has no calls to learn from");
    let per_lead = attempts_per_lead(3, 3, 3);
    assert!(
        (forecast["attempts_per_lead"].as_f64().unwrap() - per_lead).abs() < 1e-9,
        "{forecast} vs {per_lead}"
    );
    assert_eq!(forecast["hours_available"], 27.0, "three days of 09:00–18:00 in Moscow");
    assert_eq!(forecast["rate"], "Assumed");
    let capacity = forecast["capacity_per_hour"].as_f64().unwrap();
    assert_eq!(capacity, forecast["operators"].as_f64().unwrap() * 20.0, "coefficient 1 × 20 an hour");
    let needed = forecast["hours_needed"].as_f64().unwrap();
    assert!((needed - 10.0 * per_lead / capacity).abs() < 1e-9, "{forecast}");

    let mut short = draft_form("Прогноз короткий");
    short["start_local"] = json!("2027-01-04T09:00");
    short["end_local"] = json!("2027-01-04T09:30");
    let (short_id, _) = campaign_of_form_with_leads(&admin, &server, &short, &leads).await;
    let (_, forecast) = call(&admin, &server, "campaigns/forecast", json!({"id": short_id})).await;
    assert_eq!(forecast["hours_available"], 0.5);
    assert!(forecast["hours_needed"].as_f64().unwrap() > 0.5, "{forecast}");

    let draft = save_draft(&admin, &server, &draft_form("Без лидов")).await;
    let (_, forecast) = call(&admin, &server, "campaigns/forecast", json!({"id": draft})).await;
    assert_eq!((forecast["leads"].clone(), forecast["hours_available"].clone()), (json!(0), Value::Null));
    let (status, _) = call(&admin, &server, "campaigns/forecast", json!({"id": 424242})).await;
    assert_eq!(status, StatusCode::NOT_FOUND);
}
