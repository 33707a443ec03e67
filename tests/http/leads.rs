//! Lead lists over HTTP: a Windows-1251 `;` file with bad rows is uploaded, mapped, fixed in
//! place and pushed; the sandbox MANGO receives every accepted task exactly once — also when
//! the server is killed in the middle of the push and started again.

use std::collections::HashSet;
use std::time::Duration;

use reqwest::StatusCode;
use serde_json::{json, Value};
use server::emulator::Sandbox;

use crate::support::*;

const KEY: &str = "leads-test-key";
const SALT: &str = "leads-test-salt";

async fn sandbox() -> (Sandbox, String) {
    still_sandbox(KEY, SALT, 5).await
}

async fn connect(admin: &reqwest::Client, url: &str, base: &str) {
    let response = admin
        .post(format!("{url}/api/settings/save"))
        .json(&json!({"form": {
            "vpbx_base_url": format!("{base}/vpbx"), "cc_base_url": format!("{base}/cc"),
            "vpbx_api_key": KEY, "new_api_salt": SALT, "clear_api_salt": false,
            "timezone": "Europe/Moscow", "phone_region": "RU"}}))
        .send()
        .await
        .unwrap();
    assert_eq!(response.status(), StatusCode::OK);
}

/// A campaign created in the sandbox; returns Obzvon's id.
async fn campaign_in_mango(client: &reqwest::Client, url: &str, name: &str) -> i64 {
    let form = draft_form(name);
    let saved: Value = client
        .post(format!("{url}/api/campaigns/save"))
        .json(&json!({"id": null, "form": form}))
        .send()
        .await
        .unwrap()
        .json()
        .await
        .unwrap();
    let id = saved["row"]["id"].as_i64().expect("draft saved");
    let created = client
        .post(format!("{url}/api/campaigns/act"))
        .json(&json!({"id": id, "action": "Create"}))
        .send()
        .await
        .unwrap();
    assert_eq!(created.status(), StatusCode::OK, "{}", created.text().await.unwrap());
    id
}

/// Uploads through the multipart form; returns the upload id from the redirect, or the error.
async fn upload(
    client: &reqwest::Client,
    url: &str,
    campaign: i64,
    name: &str,
    bytes: Vec<u8>,
) -> Result<i64, String> {
    let part = reqwest::multipart::Part::bytes(bytes).file_name(name.to_string());
    let response = client
        .post(format!("{url}/campaigns/{campaign}/leads/upload"))
        .multipart(reqwest::multipart::Form::new().part("file", part))
        .send()
        .await
        .unwrap();
    assert_eq!(response.status(), StatusCode::SEE_OTHER, "uploads answer with a redirect");
    let location = response.headers()[reqwest::header::LOCATION].to_str().unwrap().to_string();
    let query: Vec<(String, String)> =
        serde_urlencoded::from_str(location.split_once('?').unwrap().1).unwrap();
    for (key, value) in query {
        match key.as_str() {
            "upload" => return Ok(value.parse().unwrap()),
            "error" => return Err(value),
            _ => {}
        }
    }
    panic!("unexpected redirect {location}");
}

fn windows_1251(text: &str) -> Vec<u8> {
    encoding_rs::WINDOWS_1251.encode(text).0.into_owned()
}

async fn push_state(client: &reqwest::Client, url: &str, campaign: i64) -> Value {
    let overview: Value = client
        .post(format!("{url}/api/leads/overview"))
        .json(&json!({"campaign_id": campaign}))
        .send()
        .await
        .unwrap()
        .json()
        .await
        .unwrap();
    overview["push"].clone()
}

async fn wait_until_done(client: &reqwest::Client, url: &str, campaign: i64) -> Value {
    for _ in 0..600 {
        let push = push_state(client, url, campaign).await;
        if push["state"] == "done" || push["state"] == "failed" {
            return push;
        }
        tokio::time::sleep(Duration::from_millis(100)).await;
    }
    panic!("the push did not finish within 60 s");
}

fn numbers_in_mango(sandbox: &Sandbox) -> Vec<String> {
    sandbox.world.lock().unwrap().tasks.values().map(|t| t.number.clone()).collect()
}

#[tokio::test]
async fn a_russian_excel_list_is_checked_fixed_and_pushed_once() {
    let (sandbox, base) = sandbox().await;
    let server = TestServer::start().await;
    let admin = admin(&server).await;
    connect(&admin, &server.url, &base).await;
    create_user(&admin, &server, "lida", "lead", "lead-password-0001").await;
    let lead = signed_in(&server, "lida", "lead-password-0001").await;
    let campaign = campaign_in_mango(&lead, &server.url, "Лиды ноября").await;

    let file = "ФИО;Телефон;Компания;Должность;Комментарий\r\n\
                Иванов Иван;8 (912) 345-67-89;ООО Ромашка;директор;перезвонить после 15:00\r\n\
                Петров Пётр;+7 912 345-67-89;;;\r\n\
                ;79123450000;ИП Сидоров;;без имени\r\n\
                Сидорова Анна;12345;;;\r\n\
                \"Кузнецов\nАлексей\";7,9123456701E+10;АО \"Вектор\";;\r\n\
                \r\n\
                Смирнова Ольга;9161234567;;;\r\n";
    let upload_id = upload(&lead, &server.url, campaign, "лиды.csv", windows_1251(file)).await.unwrap();
    let (status, view) = call(&lead, &server, "leads/upload", json!({"upload_id": upload_id})).await;
    assert_eq!(status, StatusCode::OK, "{view}");
    assert!(view["read_as"].as_str().unwrap().contains("1251"), "{view}");
    assert_eq!(view["mapping"]["has_header"], true);
    assert_eq!(view["mapping"]["roles"], json!(["Name", "Phone", "Organization", "Position", "Comment"]));
    assert_eq!(view["accepted"], 3, "{view}");
    let numbers: Vec<&str> = view["accepted_preview"]
        .as_array()
        .unwrap()
        .iter()
        .map(|r| r["fields"]["number"].as_str().unwrap())
        .collect();
    assert_eq!(numbers, ["79123456789", "79123456701", "79161234567"]);
    let reasons: Vec<(u64, String)> = view["rejected_rows"]
        .as_array()
        .unwrap()
        .iter()
        .map(|r| (r["row"].as_u64().unwrap(), r["rejection"].to_string()))
        .collect();
    assert_eq!(reasons.len(), 3, "{reasons:?}");
    assert!(reasons[0].1.contains("DuplicateInFile"), "{reasons:?}");
    assert!(reasons[1].1.contains("MissingName"), "{reasons:?}");
    assert!(reasons[2].1.contains("BadPhone"), "{reasons:?}");

    // Fix the row without a name in place; it is accepted now.
    let row = view["rejected_rows"][1]["row"].as_u64().unwrap();
    let (status, view) = call(
        &lead,
        &server,
        "leads/fix_row",
        json!({"upload_id": upload_id, "row": row, "cells": ["Сидоров Игорь", "79123450000", "ИП Сидоров", "", "без имени"]}),
    )
    .await;
    assert_eq!(status, StatusCode::OK, "{view}");
    assert_eq!(view["accepted"], 4);

    // The rejected rows download as CSV with the reason, safe for Excel.
    let csv =
        lead.get(format!("{}/leads/uploads/{upload_id}/rejected.csv", server.url)).send().await.unwrap();
    assert_eq!(csv.status(), StatusCode::OK);
    assert_eq!(csv.headers()["cache-control"], "no-store", "the rejected rows are personal data");
    let text = csv.text().await.unwrap();
    assert!(text.contains("12345") && text.contains("Петров"), "{text}");
    assert!(!text.contains("Сидоров Игорь"), "fixed rows are not rejected any more: {text}");

    // Push: everything accepted reaches MANGO once; a second accept adds nothing.
    let (status, push) =
        call(&lead, &server, "leads/accept", json!({"upload_id": upload_id, "batch_size": 2})).await;
    assert_eq!(status, StatusCode::OK, "{push}");
    let push = wait_until_done(&lead, &server.url, campaign).await;
    assert_eq!(
        (push["state"].clone(), push["sent"].clone(), push["total"].clone()),
        (json!("done"), json!(4), json!(4)),
        "{push}"
    );
    let (status, _) =
        call(&lead, &server, "leads/accept", json!({"upload_id": upload_id, "batch_size": 2})).await;
    assert_eq!(status, StatusCode::CONFLICT);
    let mut in_mango = numbers_in_mango(&sandbox);
    in_mango.sort();
    assert_eq!(in_mango, ["79123450000", "79123456701", "79123456789", "79161234567"]);

    // The same numbers in a second file are recognised as already in the campaign.
    let again = upload(
        &lead,
        &server.url,
        campaign,
        "again.csv",
        "name,phone\nИван,89123456789\nНовый,89990001122\n".as_bytes().to_vec(),
    )
    .await
    .unwrap();
    let (_, view) = call(&lead, &server, "leads/upload", json!({"upload_id": again})).await;
    assert_eq!(view["accepted"], 1, "{view}");
    assert!(view["rejected_rows"][0]["rejection"].to_string().contains("AlreadyInCampaign"), "{view}");
    server.stop().await;
}

/// Manual 2.1.1: an HTTP error carries no data, so a 502 or a cut-off answer to `tasks/push`
/// does not say whether the batch landed. Here both batches landed: the push reads MANGO's
/// task count, takes each for landed, and never sends them again.
#[tokio::test]
async fn a_push_answered_by_502_or_a_cut_off_body_lands_exactly_once() {
    use server::emulator::AnswerFault;
    let (sandbox, base) = sandbox().await;
    let server = TestServer::start().await;
    let admin = admin(&server).await;
    connect(&admin, &server.url, &base).await;
    let campaign = campaign_in_mango(&admin, &server.url, "Плохие ответы").await;
    let file = "name,phone\nАнна,89123450001\nБорис,89123450002\nВера,89123450003\nГлеб,89123450004\nДина,89123450005\n";
    let upload_id =
        upload(&admin, &server.url, campaign, "leads.csv", file.as_bytes().to_vec()).await.unwrap();
    sandbox.spoil_next_answer("tasks/push", AnswerFault::BadGateway);
    sandbox.spoil_next_answer("tasks/push", AnswerFault::Truncated);
    let (status, push) =
        call(&admin, &server, "leads/accept", json!({"upload_id": upload_id, "batch_size": 2})).await;
    assert_eq!(status, StatusCode::OK, "{push}");
    let push = wait_until_done(&admin, &server.url, campaign).await;
    assert_eq!(
        (push["state"].clone(), push["sent"].clone(), push["total"].clone()),
        (json!("done"), json!(5), json!(5)),
        "{push}"
    );
    let mut in_mango = numbers_in_mango(&sandbox);
    in_mango.sort();
    assert_eq!(in_mango, ["79123450001", "79123450002", "79123450003", "79123450004", "79123450005"]);
    assert!(sandbox.answer_faults.lock().unwrap().is_empty(), "both spoiled answers were met");
    server.stop().await;
}

/// A MANGO whose list gives no `tasks_count`: a missing count is not 0, so nothing is pushed
/// and the reason says so.
#[tokio::test]
async fn a_missing_task_count_stops_the_push_with_the_reason() {
    let (sandbox, base) = sandbox().await;
    let server = TestServer::start().await;
    let admin = admin(&server).await;
    connect(&admin, &server.url, &base).await;
    let campaign = campaign_in_mango(&admin, &server.url, "Без счёта").await;
    let upload_id = upload(
        &admin,
        &server.url,
        campaign,
        "leads.csv",
        "name,phone\nАнна,89123450001\n".as_bytes().to_vec(),
    )
    .await
    .unwrap();
    sandbox.hide_task_counts(true);
    let (status, push) =
        call(&admin, &server, "leads/accept", json!({"upload_id": upload_id, "batch_size": 2})).await;
    assert_eq!(status, StatusCode::OK, "{push}");
    let push = wait_until_done(&admin, &server.url, campaign).await;
    assert_eq!(push["state"], "failed", "{push}");
    assert!(push["last_error"].as_str().unwrap_or_default().contains("not 0"), "{push}");
    assert!(numbers_in_mango(&sandbox).is_empty(), "nothing was sent");
    server.stop().await;
}

#[tokio::test]
async fn bad_files_are_refused_with_the_reason() {
    let (_sandbox, base) = sandbox().await;
    let server = TestServer::start().await;
    let admin = admin(&server).await;
    connect(&admin, &server.url, &base).await;
    let campaign = campaign_in_mango(&admin, &server.url, "Refusals").await;
    let too_big = vec![b'7'; 30 * 1024 * 1024];
    let error = upload(&admin, &server.url, campaign, "big.csv", too_big).await.unwrap_err();
    assert!(error.contains("20 MB"), "{error}");
    let error = upload(&admin, &server.url, campaign, "empty.csv", b"\r\n\r\n".to_vec()).await.unwrap_err();
    assert!(error.contains("no rows"), "{error}");
    let (status, _) = call(&admin, &server, "leads/overview", json!({"campaign_id": campaign})).await;
    assert_eq!(status, StatusCode::OK);
    server.stop().await;
}

#[tokio::test]
async fn a_russian_browser_reads_refusals_reasons_and_the_rejected_rows_in_russian() {
    let (_sandbox, base) = sandbox().await;
    let server = TestServer::start().await;
    let admin = admin(&server).await;
    connect(&admin, &server.url, &base).await;
    let campaign = campaign_in_mango(&admin, &server.url, "По-русски").await;
    let russian = russian_browser();
    let (status, _) = login(&russian, &server, "admin", ADMIN_PASSWORD).await;
    assert_eq!(status, StatusCode::OK);
    let error = upload(&russian, &server.url, campaign, "empty.csv", b"\r\n\r\n".to_vec()).await.unwrap_err();
    assert!(error.contains("В файле нет строк."), "{error}");
    let list = "Имя;Телефон\r\nАнна;89161234567\r\n;89161234568\r\nБорис;7,91612346E+10\r\n";
    let upload_id =
        upload(&russian, &server.url, campaign, "лиды.csv", list.as_bytes().to_vec()).await.unwrap();
    let (status, view) = call(&russian, &server, "leads/upload", json!({"upload_id": upload_id})).await;
    assert_eq!(status, StatusCode::OK, "{view}");
    let labels: Vec<&str> =
        view["rejected"].as_array().unwrap().iter().filter_map(|r| r["label"].as_str()).collect();
    assert!(labels.contains(&"нет имени"), "{view}");
    let phone =
        view["rejected_rows"].as_array().unwrap().iter().find_map(|r| r["rejection"]["BadPhone"].as_str());
    assert!(phone.is_some_and(|why| why.contains("Excel округлил этот номер — 2 цифр не хватает")), "{view}");
    assert!(view["read_as"].as_str().unwrap().contains("разделитель ;"), "{view}");
    let csv =
        russian.get(format!("{}/leads/uploads/{upload_id}/rejected.csv", server.url)).send().await.unwrap();
    assert_eq!(csv.status(), StatusCode::OK);
    let text = csv.text().await.unwrap();
    assert!(text.contains("Имя;Телефон;Причина (не отправлено)"), "{text}");
    assert!(text.contains("Строка 3: Нет имени"), "{text}");
    // The same list, asked for in English, reads as it always did.
    let (_, english) = call(&admin, &server, "leads/upload", json!({"upload_id": upload_id})).await;
    let labels: Vec<&str> =
        english["rejected"].as_array().unwrap().iter().filter_map(|r| r["label"].as_str()).collect();
    assert!(labels.contains(&"no name"), "{english}");
    let export =
        russian.get(format!("{}/campaigns/{campaign}/results.csv", server.url)).send().await.unwrap();
    assert_eq!(export.status(), StatusCode::OK);
    assert!(export.text().await.unwrap().starts_with("\u{feff}Номер;Имя;Компания;Попытки;Последний итог;"));
    server.stop().await;
}

#[tokio::test]
async fn a_spreadsheet_sheet_is_chosen_and_a_saved_mapping_reused() {
    use server::leads::fixtures::{xlsx, Cell};
    let (_sandbox, base) = sandbox().await;
    let server = TestServer::start().await;
    let admin = admin(&server).await;
    connect(&admin, &server.url, &base).await;
    let campaign = campaign_in_mango(&admin, &server.url, "Sheets").await;
    let text = |t: &str| Cell::Text(t.to_string());
    let bytes = xlsx(&[
        ("Сводка", vec![vec![text("Всего"), Cell::Number(2.0)]]),
        (
            "Лиды",
            vec![
                vec![text("Кому"), text("Куда"), text("Откуда")],
                vec![text("Анна"), Cell::Number(79161234567.0), text("сайт")],
            ],
        ),
    ]);
    let upload_id = upload(&admin, &server.url, campaign, "crm.xlsx", bytes).await.unwrap();
    let (_, view) = call(&admin, &server, "leads/upload", json!({"upload_id": upload_id})).await;
    assert_eq!(view["read_as"], "XLSX, sheet Сводка (of 2)", "{view}");
    let (status, view) =
        call(&admin, &server, "leads/sheet", json!({"upload_id": upload_id, "sheet": "Лиды"})).await;
    assert_eq!(status, StatusCode::OK, "{view}");
    assert_eq!(view["read_as"], "XLSX, sheet Лиды (of 2)");
    // "Кому" is not a known header word: map it by hand, then save the mapping.
    let (status, view) = call(&admin, &server, "leads/remap", json!({"upload_id": upload_id, "mapping": {"has_header": true, "roles": ["Name", "Phone", "Comment"]}})).await;
    assert_eq!(status, StatusCode::OK, "{view}");
    assert_eq!(view["accepted_preview"][0]["fields"]["additional_info"], "сайт");
    let (status, saved) = call(
        &admin,
        &server,
        "leads/save_template",
        json!({"upload_id": upload_id, "name": "  Выгрузка   CRM "}),
    )
    .await;
    assert_eq!(status, StatusCode::OK, "{saved}");
    assert_eq!(saved[0]["name"], "Выгрузка CRM");
    let template_id = saved[0]["id"].as_i64().unwrap();
    let (status, refused) =
        call(&admin, &server, "leads/save_template", json!({"upload_id": upload_id, "name": "x".repeat(81)}))
            .await;
    assert_eq!(status, StatusCode::UNPROCESSABLE_ENTITY, "{refused}");

    // The next export has the columns in another order and one more: the template still fits.
    let next = "Откуда;Куда;Кому;Менеджер\nвыставка;89161234568;Борис;Ольга\n";
    let next_id = upload(&admin, &server.url, campaign, "next.csv", next.as_bytes().to_vec()).await.unwrap();
    let (status, view) = call(
        &admin,
        &server,
        "leads/apply_template",
        json!({"upload_id": next_id, "template_id": template_id}),
    )
    .await;
    assert_eq!(status, StatusCode::OK, "{view}");
    assert_eq!(view["mapping"]["roles"], json!(["Comment", "Phone", "Name", "Extra"]));
    assert_eq!(view["accepted_preview"][0]["fields"]["additional_info"], "выставка; Менеджер: Ольга");
    // A text file has no sheets to choose.
    let (status, _) =
        call(&admin, &server, "leads/sheet", json!({"upload_id": next_id, "sheet": "Лиды"})).await;
    assert_eq!(status, StatusCode::UNPROCESSABLE_ENTITY);
    server.stop().await;
}

/// The server binary, started on its own so it can be killed with SIGKILL.
struct Process {
    child: std::process::Child,
    url: String,
}

fn free_port() -> u16 {
    std::net::TcpListener::bind("127.0.0.1:0").unwrap().local_addr().unwrap().port()
}

async fn spawn_server(data_dir: &std::path::Path) -> Process {
    let port = free_port();
    let mut child = std::process::Command::new(env!("CARGO_BIN_EXE_server"))
        .env("OBZVON_BIND", format!("127.0.0.1:{port}"))
        .env("OBZVON_DATA_DIR", data_dir)
        .env("OBZVON_ADMIN_PASSWORD", ADMIN_PASSWORD)
        .env("OBZVON_MANGO_LOOPBACK_ONLY", "true")
        .env("OBZVON_LOG", "warn")
        .env("OBZVON_SITE_ROOT", concat!(env!("CARGO_MANIFEST_DIR"), "/../target/site"))
        .stdout(std::process::Stdio::null())
        .spawn()
        .expect("start the server binary");
    let url = format!("http://127.0.0.1:{port}");
    for _ in 0..200 {
        if reqwest::get(format!("{url}/healthz")).await.is_ok_and(|r| r.status().is_success()) {
            return Process { child, url };
        }
        tokio::time::sleep(Duration::from_millis(50)).await;
    }
    let _ = child.kill();
    let _ = child.wait();
    panic!("the server binary did not start");
}

async fn sign_in(url: &str) -> reqwest::Client {
    let client = browser();
    let response = client
        .post(format!("{url}/api/auth/login"))
        .form(&[("username", "admin"), ("password", ADMIN_PASSWORD)])
        .send()
        .await
        .unwrap();
    assert_eq!(response.status(), StatusCode::OK);
    client
}

#[tokio::test]
async fn a_push_killed_in_the_middle_continues_after_restart_and_sends_each_task_once() {
    let (sandbox, base) = sandbox().await;
    let data_dir = tempfile::tempdir().unwrap();
    let mut process = spawn_server(data_dir.path()).await;
    let client = sign_in(&process.url).await;
    connect(&client, &process.url, &base).await;
    let campaign = campaign_in_mango(&client, &process.url, "Crash").await;

    let rows = 3_000;
    let mut file = String::from("name,phone\n");
    for i in 0..rows {
        file.push_str(&format!("Клиент {i},7915{:07}\n", i));
    }
    let upload_id = upload(&client, &process.url, campaign, "big.csv", file.into_bytes()).await.unwrap();
    let accepted: Value = client
        .post(format!("{}/api/leads/accept", process.url))
        .json(&json!({"upload_id": upload_id, "batch_size": 50}))
        .send()
        .await
        .unwrap()
        .json()
        .await
        .unwrap();
    assert_eq!(accepted["total"], rows, "{accepted}");

    // Kill it (SIGKILL: no shutdown, no cleanup) once part of the push is through.
    let mut sent_before_kill = 0;
    for _ in 0..400 {
        sent_before_kill = push_state(&client, &process.url, campaign).await["sent"].as_i64().unwrap_or(0);
        if sent_before_kill >= 500 {
            break;
        }
        tokio::time::sleep(Duration::from_millis(25)).await;
    }
    process.child.kill().unwrap();
    process.child.wait().unwrap();
    assert!(sent_before_kill >= 500 && sent_before_kill < rows, "killed at {sent_before_kill} of {rows}");
    let in_mango_at_kill = numbers_in_mango(&sandbox).len();
    assert!(in_mango_at_kill < rows as usize, "the push was still under way: {in_mango_at_kill}");

    // Restarted on the same data: the push goes on by itself and ends with every task once.
    let mut process = spawn_server(data_dir.path()).await;
    let client = sign_in(&process.url).await;
    let push = wait_until_done(&client, &process.url, campaign).await;
    assert_eq!(push["state"], "done", "{push}");
    assert_eq!(push["sent"], rows, "{push}");
    let numbers = numbers_in_mango(&sandbox);
    let unique: HashSet<&String> = numbers.iter().collect();
    assert_eq!(numbers.len(), rows as usize, "MANGO received {} tasks for {rows} rows", numbers.len());
    assert_eq!(unique.len(), rows as usize, "no task twice");
    process.child.kill().unwrap();
    process.child.wait().unwrap();
}
