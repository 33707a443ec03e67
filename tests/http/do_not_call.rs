//! The do-not-call list and "called recently" over HTTP: numbers added by hand, from a file
//! and from Results are refused by the next lead check with their own reason and counted
//! apart; removing one lets it through again; the board names the campaign's tasks that got
//! onto the list; every change is in the audit log.

use reqwest::{Client, StatusCode};
use serde_json::{json, Value};

use crate::support::*;

const LEAD_PASSWORD: &str = "lead-password-1";

/// Uploads `csv` as a lead list of `campaign` and returns the checked view.
async fn checked(client: &Client, server: &TestServer, campaign: i64, csv: &str) -> Value {
    let part = reqwest::multipart::Part::bytes(csv.as_bytes().to_vec()).file_name("leads.csv");
    let response = client
        .post(format!("{}/campaigns/{campaign}/leads/upload", server.url))
        .multipart(reqwest::multipart::Form::new().part("file", part))
        .send()
        .await
        .unwrap();
    let location = response.headers()["location"].to_str().unwrap().to_string();
    let upload: i64 =
        location.split("upload=").nth(1).unwrap_or_else(|| panic!("{location}")).parse().unwrap();
    let (status, view) = call(client, server, "leads/upload", json!({"upload_id": upload})).await;
    assert_eq!(status, StatusCode::OK, "{view}");
    view
}

/// How many rows of a checked view were refused for `kind`.
fn refused_for(view: &Value, kind: &str) -> i64 {
    view["rejected"]
        .as_array()
        .unwrap()
        .iter()
        .find(|r| r["kind"] == kind)
        .map_or(0, |r| r["count"].as_i64().unwrap())
}

/// The refusal text of the checked row with `number` in its phone cell.
fn refusal_of(view: &Value, cell: &str) -> Value {
    view["rejected_rows"]
        .as_array()
        .unwrap()
        .iter()
        .find(|r| r["cells"].as_array().unwrap().iter().any(|c| c == cell))
        .map(|r| r["rejection"].clone())
        .unwrap_or(Value::Null)
}

async fn list(client: &Client, server: &TestServer, removed: bool) -> Value {
    let (status, view) =
        call(client, server, "do_not_call/list", json!({"query": {"search": "", "removed": removed}})).await;
    assert_eq!(status, StatusCode::OK, "{view}");
    view
}

async fn team_lead(server: &TestServer, admin: &Client) -> Client {
    create_user(admin, server, "lena", "lead", LEAD_PASSWORD).await;
    signed_in(server, "lena", LEAD_PASSWORD).await
}

#[tokio::test]
async fn listed_numbers_are_refused_with_their_own_reason_until_removed() {
    let server = TestServer::start().await;
    let admin = admin(&server).await;
    let lead = team_lead(&server, &admin).await;
    create_user(&admin, &server, "mark", "marketer", LEAD_PASSWORD).await;
    let marketer = signed_in(&server, "mark", LEAD_PASSWORD).await;
    let (status, _) = call(&marketer, &server, "do_not_call/list", json!({"query": {}})).await;
    assert_eq!(status, StatusCode::FORBIDDEN, "a marketer does not keep the list");

    // By hand: two spellings of one number and a line that is no number.
    let (status, added) = call(
        &lead,
        &server,
        "do_not_call/add",
        json!({"numbers": "8 916 123-45-67\nне помню\n+7 916 123 45 67", "reason": "  asked  not to call "}),
    )
    .await;
    assert_eq!(status, StatusCode::OK, "{added}");
    assert_eq!(added["added"], json!(["79161234567"]));
    assert_eq!(added["already"], json!([]), "the second spelling is the same number, counted once");
    assert_eq!(added["refused"][0]["line"], 2, "{added}");
    let (_, again) =
        call(&lead, &server, "do_not_call/add", json!({"numbers": "79161234567", "reason": "again"})).await;
    assert_eq!((again["added"].clone(), again["already"].clone()), (json!([]), json!(["79161234567"])));
    let (status, refused) =
        call(&lead, &server, "do_not_call/add", json!({"numbers": "79161234560", "reason": "  "})).await;
    assert_eq!(status, StatusCode::UNPROCESSABLE_ENTITY);
    assert_eq!(refused["Invalid"][0]["field"], "reason", "{refused}");

    // From a file: the comment column is each row's reason; the form's reason the others'.
    let file = "Телефон;Комментарий\n8 916 123-45-68;жалоба в банк\n+7 916 123-45-69;\n12;\n";
    let form = reqwest::multipart::Form::new()
        .part("file", reqwest::multipart::Part::bytes(file.as_bytes().to_vec()).file_name("stop.csv"))
        .text("reason", "list of the call center");
    let response =
        lead.post(format!("{}/do-not-call/upload", server.url)).multipart(form).send().await.unwrap();
    assert_eq!(response.status(), StatusCode::SEE_OTHER);
    let location = response.headers()["location"].to_str().unwrap().to_string();
    let query: Vec<(String, String)> =
        serde_urlencoded::from_str(location.split_once('?').unwrap().1).unwrap();
    let get = |key: &str| query.iter().find(|(k, _)| k == key).map(|(_, v)| v.clone()).unwrap_or_default();
    assert_eq!(
        (get("added"), get("already"), get("refused")),
        ("2".into(), "0".into(), "1".into()),
        "{location}"
    );
    assert!(get("refusals").contains("Line 4"), "the refused row is named: {location}");

    let view = list(&lead, &server, false).await;
    assert_eq!(view["active"], 3, "{view}");
    let reasons: Vec<(&str, &str, &str)> = view["entries"]
        .as_array()
        .unwrap()
        .iter()
        .map(|e| {
            (e["number"].as_str().unwrap(), e["reason"].as_str().unwrap(), e["source"].as_str().unwrap())
        })
        .collect();
    assert!(reasons.contains(&("79161234567", "asked not to call", "by_hand")), "{reasons:?}");
    assert!(reasons.contains(&("79161234568", "жалоба в банк", "file")), "{reasons:?}");
    assert!(reasons.contains(&("79161234569", "list of the call center", "file")), "{reasons:?}");
    assert!(view["entries"].as_array().unwrap().iter().all(|e| e["added_by"] == "lena"), "{view}");

    // The next lead check refuses the three, apart from other refusals, with since and by.
    let (campaign, _) = campaign_with_leads(&admin, &server, "name,phone\nАнна,89160000001\n").await;
    let file =
        "name,phone\nБорис,8 916 123-45-67\nВера,89161234568\nГена,89161234569\nДина,89161234570\nЕва,12\n";
    let view = checked(&lead, &server, campaign, file).await;
    assert_eq!(view["accepted"], 1, "{view}");
    assert_eq!(refused_for(&view, "do_not_call"), 3, "{view}");
    assert_eq!(refused_for(&view, "bad_phone"), 1, "{view}");
    let label = view["rejected"].as_array().unwrap().iter().find(|r| r["kind"] == "do_not_call").unwrap()
        ["label"]
        .clone();
    assert_eq!(label, "on the do-not-call list");
    let rejection = refusal_of(&view, "8 916 123-45-67");
    assert_eq!(rejection["DoNotCall"]["by"], "lena", "{rejection}");
    assert!(rejection["DoNotCall"]["since"].as_str().unwrap().contains(':'), "a time: {rejection}");

    // Removing needs a reason; the removed entry stays in the history and its number passes.
    let id = view_entry_id(&lead, &server, "79161234568").await;
    let (status, _) = call(&lead, &server, "do_not_call/remove", json!({"id": id, "reason": ""})).await;
    assert_eq!(status, StatusCode::UNPROCESSABLE_ENTITY);
    let (status, body) = call(
        &lead,
        &server,
        "do_not_call/remove",
        json!({"id": id, "reason": "the complaint was withdrawn"}),
    )
    .await;
    assert_eq!(status, StatusCode::OK, "{body}");
    let (status, _) = call(&lead, &server, "do_not_call/remove", json!({"id": id, "reason": "twice"})).await;
    assert_eq!(status, StatusCode::NOT_FOUND, "an entry is removed once");
    let removed = list(&lead, &server, true).await;
    assert_eq!((removed["active"].clone(), removed["removed"].clone()), (json!(2), json!(1)));
    assert_eq!(removed["entries"][0]["removal_reason"], "the complaint was withdrawn");
    assert_eq!(removed["entries"][0]["removed_by"], "lena");
    let view = checked(&lead, &server, campaign, file).await;
    assert_eq!((view["accepted"].clone(), refused_for(&view, "do_not_call")), (json!(2), 2), "{view}");

    // The export has the active entries, defused for Excel.
    let response = lead.get(format!("{}/do-not-call.csv", server.url)).send().await.unwrap();
    assert_eq!(response.status(), StatusCode::OK);
    let csv = response.text().await.unwrap();
    assert!(csv.starts_with('\u{feff}'), "Excel reads UTF-8 with a byte-order mark");
    assert!(csv.contains("79161234567;asked not to call;by hand;lena;"), "{csv}");
    assert!(!csv.contains("79161234568"), "a removed entry is not exported: {csv}");
    let response = marketer.get(format!("{}/do-not-call.csv", server.url)).send().await.unwrap();
    assert_eq!(response.status(), StatusCode::FORBIDDEN);

    let actions: Vec<String> = audit_actions(&server).await.into_iter().map(|(a, _)| a).collect();
    for action in ["do_not_call_added", "do_not_call_imported", "do_not_call_removed", "do_not_call_exported"]
    {
        assert!(actions.iter().any(|a| a == action), "{action} in {actions:?}");
    }
    assert_eq!(
        actions.iter().filter(|a| *a == "do_not_call_added").count(),
        1,
        "a repeat adds nothing, audits nothing"
    );
}

async fn view_entry_id(client: &Client, server: &TestServer, number: &str) -> i64 {
    let view = list(client, server, false).await;
    view["entries"].as_array().unwrap().iter().find(|e| e["number"] == number).unwrap()["id"]
        .as_i64()
        .unwrap()
}

#[tokio::test]
async fn a_number_called_in_another_campaign_recently_is_refused_while_the_setting_is_on() {
    let server = TestServer::start().await;
    let admin = admin(&server).await;
    let lead = team_lead(&server, &admin).await;
    let (first, mango_first) = campaign_of_form_with_leads(
        &admin,
        &server,
        &draft_form("Весна"),
        "name,phone\nАнна,89161234567\nБорис,89161234568\n",
    )
    .await;
    // MANGO called Анна an hour ago in the first campaign (manual 3.1.1's shape).
    let at = chrono::Utc::now().timestamp() - 3600;
    for (seq, state) in [(1, "Appeared"), (2, "Disconnected")] {
        let event = json!({"entry_id": "ZW50cnk=", "call_id": "Y2FsbA==", "timestamp": at + seq, "seq": seq,
            "call_state": state, "location": "abonent", "from": {"number": "74951234567"},
            "to": {"number": "79161234567"}, "campaign_id": mango_first, "disconnect_reason": 1110});
        assert_eq!(sandbox_event(&server, "call", &event).await, StatusCode::OK);
    }
    let second = save_draft(&admin, &server, &draft_form("Лето")).await;
    let file = "name,phone\nАнна,8 916 123-45-67\nБорис,89161234568\n";
    let view = checked(&lead, &server, second, file).await;
    assert_eq!(
        (view["accepted"].clone(), refused_for(&view, "called_recently")),
        (json!(2), 0),
        "off by default"
    );

    let (status, body) = call(&lead, &server, "do_not_call/called_recently", json!({"days": 7})).await;
    assert_eq!(status, StatusCode::OK, "{body}");
    let (status, _) = call(&lead, &server, "do_not_call/called_recently", json!({"days": 366})).await;
    assert_eq!(status, StatusCode::UNPROCESSABLE_ENTITY, "at most a year");
    let view = checked(&lead, &server, second, file).await;
    assert_eq!((view["accepted"].clone(), refused_for(&view, "called_recently")), (json!(1), 1), "{view}");
    let rejection = refusal_of(&view, "8 916 123-45-67");
    assert_eq!(rejection["CalledRecently"]["campaign"], "Весна", "{rejection}");
    assert_eq!(rejection["CalledRecently"]["talked"], false, "{rejection}");
    // The campaign's own calls never bar its own numbers.
    let own = checked(&lead, &server, first, "name,phone\nАнна,89161234567\n").await;
    assert_eq!(refused_for(&own, "called_recently"), 0, "{own}");
    assert_eq!(refused_for(&own, "already_in_campaign"), 1, "{own}");

    let (_, body) = call(&lead, &server, "do_not_call/called_recently", json!({"days": 0})).await;
    assert_eq!(body, 0);
    let view = checked(&lead, &server, second, file).await;
    assert_eq!(view["accepted"], 2, "off again: {view}");
    let actions: Vec<String> = audit_actions(&server).await.into_iter().map(|(a, _)| a).collect();
    assert_eq!(actions.iter().filter(|a| *a == "called_recently_changed").count(), 2, "{actions:?}");
}

#[tokio::test]
async fn do_not_call_again_from_results_shows_on_the_board_until_the_number_is_removed() {
    let server = TestServer::start().await;
    let admin = admin(&server).await;
    let lead = team_lead(&server, &admin).await;
    let (campaign, _) =
        campaign_with_leads(&admin, &server, "name,phone\nАнна,89161234567\nБорис,89161234568\n").await;
    let (_, results) =
        call(&lead, &server, "results/get", json!({"campaign_id": campaign, "filter": {}})).await;
    let anna = results["rows"].as_array().unwrap().iter().find(|r| r["name"] == "Анна").unwrap().clone();
    assert_eq!(anna["do_not_call"], Value::Null);
    let task = anna["task_id"].as_i64().unwrap();
    let (status, _) = call(
        &lead,
        &server,
        "do_not_call/add_lead",
        json!({"campaign_id": campaign + 100, "lead": task, "reason": "rude"}),
    )
    .await;
    assert_eq!(status, StatusCode::NOT_FOUND, "the lead is looked up in its campaign");
    let (status, body) = call(
        &lead,
        &server,
        "do_not_call/add_lead",
        json!({"campaign_id": campaign, "lead": task, "reason": "asked on the call"}),
    )
    .await;
    assert_eq!(status, StatusCode::OK, "{body}");
    assert_eq!(body["added"], json!(["79161234567"]));

    let (_, results) =
        call(&lead, &server, "results/get", json!({"campaign_id": campaign, "filter": {}})).await;
    let listed: Vec<(&str, bool)> = results["rows"]
        .as_array()
        .unwrap()
        .iter()
        .map(|r| (r["name"].as_str().unwrap(), !r["do_not_call"].is_null()))
        .collect();
    assert!(listed.contains(&("Анна", true)) && listed.contains(&("Борис", false)), "{listed:?}");
    // Not started: MANGO may still dial the task, and the board says so and what to do.
    let (_, board) = call(&lead, &server, "board/get", json!({"campaign_id": campaign})).await;
    let waiting = board["do_not_call_waiting"].as_array().unwrap();
    assert_eq!(waiting.len(), 1, "{board}");
    assert!(waiting[0].as_str().unwrap().contains("Анна, 79161234567"), "{board}");
    let audit: Vec<(String, Option<String>)> = audit_actions(&server).await;
    assert!(audit.contains(&("do_not_call_added".into(), Some(format!("campaign {campaign}")))), "{audit:?}");

    let id = view_entry_id(&lead, &server, "79161234567").await;
    let (status, _) =
        call(&lead, &server, "do_not_call/remove", json!({"id": id, "reason": "by mistake"})).await;
    assert_eq!(status, StatusCode::OK);
    let (_, board) = call(&lead, &server, "board/get", json!({"campaign_id": campaign})).await;
    assert_eq!(board["do_not_call_waiting"], json!([]), "{board}");
}
