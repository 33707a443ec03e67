//! Hostile spreadsheets through the real upload route of the real server binary: each is refused
//! with a message naming the problem, the server keeps answering, and its peak memory (VmHWM,
//! read from /proc) stays under 400 MB.

use std::time::Duration;

use reqwest::StatusCode;
use serde_json::{json, Value};
use server::leads::{fixtures, hostile};

use crate::support::*;

struct Process {
    child: std::process::Child,
    url: String,
}

impl Drop for Process {
    fn drop(&mut self) {
        let _ = self.child.kill();
        let _ = self.child.wait();
    }
}

async fn spawn_server(data_dir: &std::path::Path) -> Process {
    let port = std::net::TcpListener::bind("127.0.0.1:0").unwrap().local_addr().unwrap().port();
    let child = std::process::Command::new(env!("CARGO_BIN_EXE_server"))
        .env("OBZVON_BIND", format!("127.0.0.1:{port}"))
        .env("OBZVON_DATA_DIR", data_dir)
        .env("OBZVON_ADMIN_PASSWORD", ADMIN_PASSWORD)
        .env("OBZVON_MANGO_LOOPBACK_ONLY", "true")
        .env("OBZVON_LOG", "warn")
        .env("OBZVON_SITE_ROOT", concat!(env!("CARGO_MANIFEST_DIR"), "/../target/site"))
        .stdout(std::process::Stdio::null())
        .spawn()
        .expect("start the server binary");
    // Owned at once: killed and waited for on every path, a failed start included.
    let process = Process { child, url: format!("http://127.0.0.1:{port}") };
    for _ in 0..200 {
        if reqwest::get(format!("{}/healthz", process.url)).await.is_ok_and(|r| r.status().is_success()) {
            return process;
        }
        tokio::time::sleep(Duration::from_millis(50)).await;
    }
    panic!("the server binary did not start");
}

/// A draft campaign is enough to upload lists to.
async fn draft_campaign(client: &reqwest::Client, url: &str) -> i64 {
    let form = draft_form("Hostile files");
    let saved: Value = client
        .post(format!("{url}/api/campaigns/save"))
        .json(&json!({"id": null, "form": form}))
        .send()
        .await
        .unwrap()
        .json()
        .await
        .unwrap();
    saved["row"]["id"].as_i64().unwrap_or_else(|| panic!("draft saved: {saved}"))
}

/// The upload route answers with a redirect back to the page: `upload=<id>` or `error=<message>`.
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
        .unwrap_or_else(|e| panic!("{name}: the server did not answer: {e}"));
    assert_eq!(response.status(), StatusCode::SEE_OTHER, "{name}: uploads answer with a redirect");
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
    panic!("{name}: unexpected redirect {location}");
}

/// Peak resident memory of a process, from /proc/<pid>/status.
fn peak_rss_mb(pid: u32) -> f64 {
    let status = std::fs::read_to_string(format!("/proc/{pid}/status")).expect("/proc status");
    let line = status.lines().find(|l| l.starts_with("VmHWM:")).expect("VmHWM line");
    let kb: f64 = line.split_whitespace().nth(1).unwrap().parse().unwrap();
    kb / 1024.0
}

#[tokio::test]
async fn hostile_spreadsheets_are_refused_by_name_and_the_server_stays_up_and_small() {
    let data_dir = tempfile::tempdir().unwrap();
    let process = spawn_server(data_dir.path()).await;
    let client = browser();
    let login = client
        .post(format!("{}/api/auth/login", process.url))
        .form(&[("username", "admin"), ("password", ADMIN_PASSWORD)])
        .send()
        .await
        .unwrap();
    assert_eq!(login.status(), StatusCode::OK);
    let campaign = draft_campaign(&client, &process.url).await;

    use hostile::XlsCell::Number;
    let cases: Vec<(&str, Vec<u8>, &str)> = vec![
        ("far.xlsx", hostile::far_cell_xlsx(), "has a cell at row 1,048,576, column XFD"),
        ("nested.xlsx", hostile::nested_xlsx(1_000_000), "nests elements more than 100 deep"),
        ("random.xlsx", hostile::random_bytes(4096), "not text (CSV) nor a spreadsheet"),
        ("wide.xlsx", hostile::wide_xlsx(10_000), "has a cell at row 1, column GS"),
        ("empty-then-far.xlsx", hostile::empty_cells_xlsx(5_000_000, true), "has a cell at row 4"),
        ("lying.xlsx", hostile::lying_sizes_xlsx(60), "says it unpacks to 1024 bytes but unpacks to more"),
        ("bomb.xlsx", fixtures::zip_bomb(450), "unpacks to more than 400 MB"),
        ("repeated.ods", hostile::ods_repeated_everywhere(), "has a cell at row 1, column XFD"),
        ("dense.ods", hostile::ods_dense(10_000, 150), "span 1,500,000 cells"),
        (
            "huge.xls",
            hostile::xls((0, 4_000_000_000, 0, 256), &[(0, 0, Number(1.0))]),
            "declares 4,000,000,000 rows and 256 columns",
        ),
        (
            "far.xls",
            hostile::xls((0, 60_001, 0, 151), &[(0, 0, Number(1.0)), (60_000, 150, Number(2.0))]),
            "span 9,060,151 cells",
        ),
    ];
    for (name, bytes, expected) in cases {
        assert!(bytes.len() < 1024 * 1024, "{name} is small on disk: {} bytes", bytes.len());
        let error = upload(&client, &process.url, campaign, name, bytes).await.expect_err(name);
        assert!(error.contains(expected), "{name}: {error}");
        let health = reqwest::get(format!("{}/healthz", process.url)).await.expect("the server is up");
        assert!(health.status().is_success(), "{name}: /healthz answers {}", health.status());
    }

    // Millions of trailing empty cells, and LibreOffice's million empty rows, count for nothing.
    upload(&client, &process.url, campaign, "empty.xlsx", hostile::empty_cells_xlsx(5_000_000, false))
        .await
        .expect("a list followed by empty cells is read");
    upload(&client, &process.url, campaign, "libreoffice.ods", hostile::ods_with_empty_rest())
        .await
        .expect("an ODS with its empty rest is read");

    let peak = peak_rss_mb(process.child.id());
    eprintln!("peak resident memory of the server: {peak:.0} MB");
    assert!(peak < 400.0, "the server's peak memory was {peak:.0} MB");
}
