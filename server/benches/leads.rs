//! Lead-list benchmarks (`cargo bench -p server --bench leads`):
//! 1. read + map + check (normalise, validate, de-duplicate) 10,000 and 100,000 rows, as a
//!    Windows-1251 CSV and as an XLSX;
//! 2. the same check against python-phonenumbers (benches/peers/check_leads.py) over one
//!    100,000-row CSV, in-process and end to end, as `measure | ours | peer | ratio` rows;
//! 3. push 10,000 tasks through the real server binary to the sandbox MANGO with its real rate
//!    limits (manual 1.4: VPBX 10 requests/s), against the floor those limits allow.
//!
//! Everything runs on 127.0.0.1; each loop is bounded.

use std::collections::HashSet;
use std::time::{Duration, Instant};

use app::api::leads::MAX_TASKS_PER_CAMPAIGN;
use chrono::Utc;
use serde_json::{json, Value};
use server::emulator::{EmulatorConfig, Sandbox};
use server::leads::{columns, fixtures, rows, table};

const KEY: &str = "bench-key";
const SALT: &str = "bench-salt";
const ADMIN_PASSWORD: &str = "bench-admin-password-1";

/// Best of three for each phase of reading an upload: read the file, guess the mapping, check
/// every row (normalise, validate, de-duplicate).
fn parse_bench(label: &str, bytes: &[u8], file_name: &str, expected_rows: usize) {
    let mut phases: [Vec<Duration>; 4] = Default::default();
    for _ in 0..3 {
        let started = Instant::now();
        let table = table::read(bytes, file_name, None).expect("fixture reads");
        let read = started.elapsed();
        let mapping = columns::guess(&table.rows);
        let mapped = started.elapsed();
        let checked = rows::check(&table, &mapping, "RU", &HashSet::new(), &rows::nothing_barred, usize::MAX);
        let total = started.elapsed();
        for (phase, took) in phases.iter_mut().zip([read, mapped - read, total - mapped, total]) {
            phase.push(took);
        }
        assert_eq!(checked.rows.len(), expected_rows, "{label}: every row checked");
        assert!(checked.rows.iter().all(|r| r.rejection.is_none()), "{label}: every generated row is valid");
    }
    for phase in &mut phases {
        phase.sort();
    }
    let ms = |d: Duration| d.as_secs_f64() * 1e3;
    println!(
        "{label:<28} {:>5.1} MB  best {:>7.1} ms (read {:>6.1}, map {:>5.1}, check {:>6.1})  median {:>7.1} ms  {:>8.0} rows/s",
        bytes.len() as f64 / 1_048_576.0,
        ms(phases[3][0]),
        ms(phases[0][0]),
        ms(phases[1][0]),
        ms(phases[2][0]),
        ms(phases[3][1]),
        expected_rows as f64 / phases[3][0].as_secs_f64()
    );
}

async fn sandbox() -> String {
    let sandbox = Sandbox::new(EmulatorConfig {
        api_key: KEY.into(),
        api_salt: SALT.into(),
        start: Utc::now(),
        time_factor: 0.0,
        seed: 1,
        faults: Default::default(),
    });
    let listener = tokio::net::TcpListener::bind("127.0.0.1:0").await.unwrap();
    let base = format!("http://{}", listener.local_addr().unwrap());
    let router = sandbox.router();
    tokio::spawn(async move { axum::serve(listener, router).await });
    base
}

struct Process(std::process::Child);

impl Drop for Process {
    fn drop(&mut self) {
        let _ = self.0.kill();
        let _ = self.0.wait();
    }
}

async fn post(client: &reqwest::Client, url: &str, body: Value) -> Value {
    let response = client.post(url).json(&body).send().await.expect("request");
    let status = response.status();
    let text = response.text().await.unwrap();
    assert!(status.is_success(), "{url}: {status} {text}");
    serde_json::from_str(&text).unwrap_or(Value::Null)
}

/// The release server binary on loopback with its own data folder, signed in as the admin, its
/// MANGO settings pointed at the sandbox at `base`.
struct Server {
    url: String,
    client: reqwest::Client,
    _process: Process,
    _data: tempfile::TempDir,
}

async fn server(base: &str) -> Server {
    let data = tempfile::tempdir().unwrap();
    let port = std::net::TcpListener::bind("127.0.0.1:0").unwrap().local_addr().unwrap().port();
    let process = Process(
        std::process::Command::new(env!("CARGO_BIN_EXE_server"))
            .env("OBZVON_BIND", format!("127.0.0.1:{port}"))
            .env("OBZVON_DATA_DIR", data.path())
            .env("OBZVON_ADMIN_PASSWORD", ADMIN_PASSWORD)
            .env("OBZVON_MANGO_LOOPBACK_ONLY", "true")
            .env("OBZVON_LOG", "error")
            .stdout(std::process::Stdio::null())
            .spawn()
            .expect("start the server binary"),
    );
    let url = format!("http://127.0.0.1:{port}");
    let client = reqwest::Client::builder()
        .cookie_store(true)
        .redirect(reqwest::redirect::Policy::none())
        .build()
        .unwrap();
    for _ in 0..200 {
        if client.get(format!("{url}/healthz")).send().await.is_ok_and(|r| r.status().is_success()) {
            break;
        }
        tokio::time::sleep(Duration::from_millis(50)).await;
    }
    let login = client
        .post(format!("{url}/api/auth/login"))
        .form(&[("username", "admin"), ("password", ADMIN_PASSWORD)])
        .send()
        .await
        .unwrap();
    assert!(login.status().is_success());
    post(
        &client,
        &format!("{url}/api/settings/save"),
        json!({"form": {
        "vpbx_base_url": format!("{base}/vpbx"), "cc_base_url": format!("{base}/cc"),
        "vpbx_api_key": KEY, "new_api_salt": SALT, "clear_api_salt": false,
        "timezone": "Europe/Moscow", "phone_region": "RU"}}),
    )
    .await;
    Server { url, client, _process: process, _data: data }
}

impl Server {
    /// The server process's resident memory now and its peak so far, in MB (Linux
    /// `/proc/<pid>/status`: VmRSS, VmHWM); `None` where that is not there.
    fn memory(&self) -> Option<(f64, f64)> {
        let status = std::fs::read_to_string(format!("/proc/{}/status", self._process.0.id())).ok()?;
        let field = |name: &str| {
            status
                .lines()
                .find_map(|line| line.strip_prefix(name))
                .and_then(|rest| rest.trim().trim_end_matches("kB").trim().parse::<f64>().ok())
                .map(|kb| kb / 1024.0)
        };
        Some((field("VmRSS:")?, field("VmHWM:")?))
    }

    /// A new campaign in our database (not yet in MANGO).
    async fn campaign(&self, name: &str) -> i64 {
        let day = json!([{"start": 540, "end": 1080}]);
        let form = json!({
            "name": name, "line_id": 400200001, "author_user_id": null, "priority": "Normal", "dial_mode": "Simultaneous",
            "timezone": "Europe/Moscow", "start_local": "", "end_local": "",
            "schedule": {"days": [day, day, day, day, day, [], []]}, "operators": [400100101],
            "voice_message_id": null, "hold_message_id": null, "redial_if_busy": 3, "redial_if_no_answer": 3,
            "redial_if_unavailable": 3, "answer_wait_seconds": 30, "call_coefficient_tenths": 10,
            "wait_if_busy_seconds": 300, "wait_if_no_answer_seconds": 3600, "wait_if_unavailable_seconds": 3600,
            "after_call_seconds": 30});
        let saved = post(
            &self.client,
            &format!("{}/api/campaigns/save", self.url),
            json!({"id": null, "form": form}),
        )
        .await;
        saved["row"]["id"].as_i64().unwrap()
    }

    /// Uploads a file through the page's form route; the upload's id.
    async fn upload(&self, campaign: i64, file_name: &str, bytes: Vec<u8>) -> i64 {
        let part = reqwest::multipart::Part::bytes(bytes).file_name(file_name.to_string());
        let uploaded = self
            .client
            .post(format!("{}/campaigns/{campaign}/leads/upload", self.url))
            .multipart(reqwest::multipart::Form::new().part("file", part))
            .send()
            .await
            .unwrap();
        let location = uploaded.headers()["location"].to_str().unwrap().to_string();
        location.split("upload=").nth(1).expect("upload accepted").parse().unwrap()
    }
}

async fn push_bench(batch_size: i64) {
    let base = sandbox().await;
    let server = server(&base).await;
    let (url, client) = (&server.url, &server.client);
    // Saving the settings refreshes the directory in the background (three requests, one of
    // them limited to one per 2 s); it shares MANGO's limit with the push. Refreshes run one at
    // a time, so asking for one returns after that one is done too: the push is measured alone.
    post(client, &format!("{url}/api/directory/refresh"), json!({})).await;
    let campaign = server.campaign(&format!("Bench {batch_size}")).await;
    post(client, &format!("{url}/api/campaigns/act"), json!({"id": campaign, "action": "Create"})).await;

    let tasks = 10_000;
    let upload_id = server.upload(campaign, "bench.csv", fixtures::leads_csv_1251(tasks)).await;

    let started = Instant::now();
    post(
        client,
        &format!("{url}/api/leads/accept"),
        json!({"upload_id": upload_id, "batch_size": batch_size}),
    )
    .await;
    // Accepting checks the upload once more and stores its tasks; the push starts then.
    let accepted = started.elapsed();
    let mut push = Value::Null;
    for _ in 0..6_000 {
        push = post(client, &format!("{url}/api/leads/overview"), json!({"campaign_id": campaign})).await
            ["push"]
            .clone();
        if push["state"] == "done" || push["state"] == "failed" {
            break;
        }
        tokio::time::sleep(Duration::from_millis(20)).await;
    }
    let took = started.elapsed();
    assert_eq!(push["state"], "done", "{push}");
    assert_eq!(push["sent"], tasks, "{push}");
    let pushes = (tasks as i64 + batch_size - 1) / batch_size;
    // The requests really needed: every tasks/push, and one read of MANGO's task count before
    // the first (the count each batch is checked against after a lost answer).
    let requests = pushes + 1;
    // Manual 1.4: VPBX takes 10 requests/s; the first request goes at once.
    let floor = Duration::from_millis(100 * (requests as u64 - 1));
    let pushing = took - accepted;
    println!(
        "push 10,000 tasks, batch {batch_size:>4}: {:>7.2} s in all ({:.2} s accepting, {:.2} s pushing) for {pushes} tasks/push requests and one count; floor at 10 requests/s {:>5.2} s",
        took.as_secs_f64(),
        accepted.as_secs_f64(),
        pushing.as_secs_f64(),
        floor.as_secs_f64()
    );
    println!(
        "BENCH|Push 10,000 tasks, batches of {batch_size} (accept + push)|{:.2} s|{:.2} s floor ({requests} requests at 10/s)|{:.2}× the floor (goal ≤ 1.10×)",
        took.as_secs_f64(),
        floor.as_secs_f64(),
        took.as_secs_f64() / floor.as_secs_f64().max(0.001)
    );
}

/// python-phonenumbers in tests/phones/.venv (scripts/phones-venv.sh makes it when missing).
fn peer_python() -> Option<String> {
    let script = concat!(env!("CARGO_MANIFEST_DIR"), "/../scripts/phones-venv.sh");
    let output = std::process::Command::new("bash")
        .arg(script)
        .stderr(std::process::Stdio::inherit())
        .output()
        .ok()?;
    let python = String::from_utf8(output.stdout).ok()?.trim().to_string();
    (output.status.success() && !python.is_empty()).then_some(python)
}

/// One run of the peer over `file`: its whole run as a process, the check alone as it timed
/// it, and the count of numbers it printed.
fn peer_run(python: &str, file: &std::path::Path) -> Option<(Duration, Duration, usize)> {
    let script = concat!(env!("CARGO_MANIFEST_DIR"), "/benches/peers/check_leads.py");
    let started = Instant::now();
    let output = std::process::Command::new(python).arg(script).arg(file).output().ok()?;
    let whole = started.elapsed();
    if !output.status.success() {
        eprintln!("peer failed: {}", String::from_utf8_lossy(&output.stderr));
        return None;
    }
    let count = String::from_utf8_lossy(&output.stdout).trim().parse().ok()?;
    let stderr = String::from_utf8_lossy(&output.stderr);
    let check: f64 = stderr.split_whitespace().skip_while(|w| *w != "check").nth(1)?.parse().ok()?;
    Some((whole, Duration::from_secs_f64(check), count))
}

/// One row of `make bench`'s table (`BENCH|measure|ours|peer|ratio`, collected by
/// scripts/bench-table.sh); `goal` is how many times faster than the peer we mean to be.
fn table_row(measure: &str, ours: Duration, peer: Option<Duration>, goal: f64) {
    let ms = |d: Duration| format!("{:.1} ms", d.as_secs_f64() * 1e3);
    match peer {
        Some(peer) => println!(
            "BENCH|{measure}|{}|{} (python-phonenumbers)|{:.1}× faster (goal ≥ {goal}×)",
            ms(ours),
            ms(peer),
            peer.as_secs_f64() / ours.as_secs_f64()
        ),
        None => println!("BENCH|{measure}|{}|peer not available|—", ms(ours)),
    }
}

/// Our lead check against python-phonenumbers over one 100,000-row Windows-1251 CSV on disk,
/// best of three each: in-process (the file read, mapped, checked and its numbers counted) and
/// end to end (our release server's upload route and the page's view of the checked upload;
/// the peer's whole run, interpreter start included).
fn peer_bench(runtime: &tokio::runtime::Runtime) {
    let count = 100_000;
    let dir = tempfile::tempdir().unwrap();
    let file = dir.path().join("leads.csv");
    std::fs::write(&file, fixtures::leads_csv_1251(count)).unwrap();

    let mut in_process = Vec::new();
    for _ in 0..3 {
        let started = Instant::now();
        let bytes = std::fs::read(&file).unwrap();
        let table = table::read(&bytes, "leads.csv", None).expect("fixture reads");
        let mapping = columns::guess(&table.rows);
        let checked = rows::check(&table, &mapping, "RU", &HashSet::new(), &rows::nothing_barred, usize::MAX);
        let numbers = checked.rows.iter().filter(|r| r.rejection.is_none()).count();
        in_process.push(started.elapsed());
        assert_eq!(numbers, count, "every generated number is valid and different");
    }
    in_process.sort();

    let through_server = runtime.block_on(async {
        let base = sandbox().await;
        let server = server(&base).await;
        let campaign = server.campaign("Peer bench").await;
        // Signed in, settings saved, nothing uploaded yet: what an idle server holds.
        tokio::time::sleep(Duration::from_secs(1)).await;
        let idle = server.memory();
        let mut times = Vec::new();
        for _ in 0..3 {
            let bytes = std::fs::read(&file).unwrap();
            let started = Instant::now();
            let upload_id = server.upload(campaign, "leads.csv", bytes).await;
            let uploaded = started.elapsed();
            let view = post(
                &server.client,
                &format!("{}/api/leads/upload", server.url),
                json!({"upload_id": upload_id}),
            )
            .await;
            times.push((started.elapsed(), uploaded));
            // A campaign takes 10,000 tasks; the other rows are checked all the same, and listed
            // over the cap last, after the number is read and found new.
            assert_eq!(view["total_rows"], count, "{}", view["rejected"]);
            assert_eq!(view["accepted"], MAX_TASKS_PER_CAMPAIGN, "{}", view["rejected"]);
        }
        times.sort();
        match (idle, server.memory()) {
            (Some((idle, _)), Some((_, peak))) => {
                println!(
                    "memory of the release server: idle RSS {idle:.1} MB (goal < 30 MB); peak RSS over three \
                     {count}-row uploads and their views {peak:.1} MB (goal < 200 MB)"
                );
                println!("BENCH|Memory: idle RSS of the release server|{idle:.1} MB|30 MB goal|{:.2} of the goal", idle / 30.0);
                println!(
                    "BENCH|Memory: peak RSS, three {count}-row uploads|{peak:.1} MB|200 MB goal|{:.2} of the goal",
                    peak / 200.0
                );
            }
            _ => println!("memory: /proc not available"),
        }
        times[0]
    });
    let (through_server, uploaded) = through_server;

    let mut peer_whole = Vec::new();
    let mut peer_check = Vec::new();
    match peer_python() {
        None => println!("peer: not available"),
        Some(python) => {
            for _ in 0..3 {
                let Some((whole, check, numbers)) = peer_run(&python, &file) else {
                    println!("peer: not available");
                    break;
                };
                if numbers != count {
                    println!("peer: counted {numbers} numbers, we {count}");
                }
                peer_whole.push(whole);
                peer_check.push(check);
            }
        }
    }
    let best = |times: &mut Vec<Duration>| times.iter().min().copied();
    println!("lead check against python-phonenumbers, {count} rows, CSV windows-1251 (best of 3):");
    table_row(
        "Lead check, 100,000 rows in-process (read, map, check)",
        in_process[0],
        best(&mut peer_check),
        10.0,
    );
    table_row(
        "Lead check, 100,000 rows end to end (our release server's upload + view; the peer's whole run)",
        through_server,
        best(&mut peer_whole),
        10.0,
    );
    println!(
        "BENCH|Lead check, 100,000 rows in-process|{:.1} ms|300 ms goal|{:.2} of the goal",
        in_process[0].as_secs_f64() * 1e3,
        in_process[0].as_secs_f64() / 0.3
    );
    println!(
        "(ours end to end: upload, read and stored {:.1} ms; the view's check {:.1} ms)",
        uploaded.as_secs_f64() * 1e3,
        (through_server - uploaded).as_secs_f64() * 1e3
    );
}

/// `cargo bench -p server --bench leads -- check` runs only the groups whose names contain one
/// of the words (`check`, `peer`, `push`); no word runs them all.
fn wanted(group: &str) -> bool {
    let words: Vec<String> = std::env::args().skip(1).filter(|a| !a.starts_with('-')).collect();
    words.is_empty() || words.iter().any(|w| group.contains(w.as_str()))
}

fn main() {
    if wanted("check") {
        println!("read + map + check (best of 3 for each phase, median of the whole):");
        for count in [10_000, 100_000] {
            parse_bench(
                &format!("CSV windows-1251, {count} rows"),
                &fixtures::leads_csv_1251(count),
                "leads.csv",
                count,
            );
            parse_bench(&format!("XLSX, {count} rows"), &fixtures::leads_xlsx(count), "leads.xlsx", count);
        }
    }
    let runtime = tokio::runtime::Builder::new_multi_thread().enable_all().build().unwrap();
    if wanted("peer") {
        peer_bench(&runtime);
    }
    if wanted("push") {
        runtime.block_on(async {
            for batch in [500, 2_000] {
                push_bench(batch).await;
            }
        });
    }
}
