//! Webhook ingest benchmark (`cargo bench -p server --bench webhooks`): the release server
//! binary on loopback, signed `/events/call` posts in the sandbox's key.
//! 1. Against the peer: `wrk` (Debian's; `scripts/setup.sh --bench` installs it), 2 threads and
//!    32 connections for 6 s, posting pre-signed distinct events to our server and to a minimal
//!    Python stdlib receiver (`benches/peers/webhook_receiver.py`: sign check, JSON parse, one
//!    SQLite insert), one after the other in the same run.
//! 2. Sustained without wrk: 20,000 events (5,000 calls × 4 states) from 32 connections.
//! 3. Paced: 1,000 events/s for 5 s; the latency of each (p50, p99, max).
//!
//! Each loop is bounded; nothing leaves 127.0.0.1.

use std::sync::Arc;
use std::time::{Duration, Instant};

use serde_json::json;
use server::{SANDBOX_API_KEY, SANDBOX_API_SALT};

struct Process(std::process::Child);

impl Drop for Process {
    fn drop(&mut self) {
        let _ = self.0.kill();
        let _ = self.0.wait();
    }
}

fn form(call: usize, seq: usize) -> String {
    let state = ["Appeared", "Connected", "Disconnected", "Disconnected"][seq.min(3)];
    let mut event = json!({
        "entry_id": format!("bench-{call}"), "call_id": format!("bench-{call}-leg"), "timestamp": 1_800_000_000 + call as i64,
        "seq": seq + 1, "call_state": state, "location": "abonent",
        "from": {"extension": "101"}, "to": {"number": format!("7916{call:07}")}, "task_id": 10_000_000 + call,
        "campaign_id": 999_999, "callback_initiator": "ObDial"
    });
    if state == "Disconnected" {
        event["disconnect_reason"] = json!(1110 + seq);
    }
    let json = event.to_string();
    let sign = server::mango::sign::sign(SANDBOX_API_KEY, &json, SANDBOX_API_SALT);
    serde_urlencoded::to_string([
        ("vpbx_api_key", SANDBOX_API_KEY),
        ("sign", sign.as_str()),
        ("json", json.as_str()),
    ])
    .unwrap()
}

async fn post(client: &reqwest::Client, url: &str, body: String) -> Duration {
    let started = Instant::now();
    let response = client
        .post(url)
        .header("content-type", "application/x-www-form-urlencoded")
        .body(body)
        .send()
        .await
        .expect("post");
    assert!(response.status().is_success(), "{}", response.status());
    started.elapsed()
}

/// Starts the Python peer receiver on `port`; None when python3 is missing.
fn start_peer(port: u16, database: &std::path::Path) -> Option<Process> {
    let script = concat!(env!("CARGO_MANIFEST_DIR"), "/benches/peers/webhook_receiver.py");
    std::process::Command::new("python3")
        .arg(script)
        .arg(port.to_string())
        .arg(database)
        .arg(SANDBOX_API_KEY)
        .arg(SANDBOX_API_SALT)
        .spawn()
        .ok()
        .map(Process)
}

/// Writes the pre-signed bodies for `wrk`, one file per wrk thread, each call's four events in
/// order in one file; `first_call` keeps them apart from the other runs' calls.
fn write_bodies(dir: &std::path::Path, first_call: usize, calls: usize, threads: usize) {
    use std::io::Write;
    let mut files: Vec<_> = (0..threads)
        .map(|t| std::io::BufWriter::new(std::fs::File::create(dir.join(format!("bodies-{t}.txt"))).unwrap()))
        .collect();
    for call in first_call..first_call + calls {
        for seq in 0..4 {
            writeln!(files[call % threads], "{}", form(call, seq)).unwrap();
        }
    }
    for mut file in files {
        file.flush().unwrap();
    }
}

/// One wrk run: requests per second, and how many answers were not 2xx.
fn wrk(url: &str, bodies: &std::path::Path, threads: usize) -> Option<(f64, u64)> {
    let script = concat!(env!("CARGO_MANIFEST_DIR"), "/benches/peers/post_bodies.lua");
    let output = std::process::Command::new("wrk")
        .args(["-t", &threads.to_string(), "-c", "32", "-d", "6s", "-s", script, url, "--"])
        .arg(bodies)
        .output()
        .ok()?;
    let text = String::from_utf8_lossy(&output.stdout);
    let rate = text.lines().find_map(|l| l.strip_prefix("Requests/sec:"))?.trim().parse().ok()?;
    let failed = text
        .lines()
        .find_map(|l| l.trim().strip_prefix("Non-2xx or 3xx responses:"))
        .and_then(|n| n.trim().parse().ok())
        .unwrap_or(0);
    Some((rate, failed))
}

fn percentile(sorted: &[Duration], p: f64) -> Duration {
    sorted[((sorted.len() as f64 - 1.0) * p).round() as usize]
}

fn main() {
    let runtime = tokio::runtime::Builder::new_multi_thread().enable_all().build().unwrap();
    runtime.block_on(async {
        let data = tempfile::tempdir().unwrap();
        let port = std::net::TcpListener::bind("127.0.0.1:0").unwrap().local_addr().unwrap().port();
        let _server = Process(
            std::process::Command::new(env!("CARGO_BIN_EXE_server"))
                .env("OBZVON_BIND", format!("127.0.0.1:{port}"))
                .env("OBZVON_DATA_DIR", data.path())
                .env("OBZVON_ADMIN_PASSWORD", "bench-admin-password-1")
                .env("OBZVON_MANGO_LOOPBACK_ONLY", "true")
                .env("OBZVON_LOG", "error")
                .stdout(std::process::Stdio::null())
                .spawn()
                .expect("start the server binary"),
        );
        let base = format!("http://127.0.0.1:{port}");
        let client = reqwest::Client::new();
        for _ in 0..200 {
            if client.get(format!("{base}/healthz")).send().await.is_ok_and(|r| r.status().is_success()) {
                break;
            }
            tokio::time::sleep(Duration::from_millis(50)).await;
        }
        let url = Arc::new(format!("{base}/events/call"));

        // 1. Against the peer, both loaded by wrk with the same bodies.
        let threads = 2;
        let wrk_calls = 60_000;
        if std::process::Command::new("wrk").arg("--version").output().is_err() {
            println!("wrk is not installed (scripts/setup.sh --bench installs it): no comparison with the peer");
        } else {
            let bodies = tempfile::tempdir().unwrap();
            write_bodies(bodies.path(), 1_000_000, wrk_calls, threads);
            let ours = wrk(&url, bodies.path(), threads);
            let peer_port = std::net::TcpListener::bind("127.0.0.1:0").unwrap().local_addr().unwrap().port();
            let peer_db = data.path().join("peer.db");
            let peer = start_peer(peer_port, &peer_db);
            let peer_url = format!("http://127.0.0.1:{peer_port}/events/call");
            for _ in 0..200 {
                if client.get(&peer_url).send().await.is_ok() {
                    break;
                }
                tokio::time::sleep(Duration::from_millis(50)).await;
            }
            let theirs = if peer.is_some() { wrk(&peer_url, bodies.path(), threads) } else { None };
            drop(peer);
            match (ours, theirs) {
                (Some((ours, our_failures)), Some((theirs, their_failures))) => {
                    println!(
                        "wrk, {threads} threads, 32 connections, 6 s: ours {ours:.0} events/s ({our_failures} not 2xx), \
                         Python stdlib receiver {theirs:.0} events/s ({their_failures} not 2xx)"
                    );
                    println!(
                        "BENCH|Webhook ingest (wrk, 32 connections)|{ours:.0} events/s|{theirs:.0} events/s (Python stdlib)|{:.1}× (goal ≥ 5×)",
                        ours / theirs
                    );
                }
                _ => println!("wrk did not report a rate"),
            }
        }

        // 2. Sustained.
        let calls = 5_000;
        let bodies: Vec<String> = (0..calls).flat_map(|c| (0..4).map(move |s| form(c, s))).collect();
        let total = bodies.len();
        let queue = Arc::new(std::sync::Mutex::new(bodies));
        let started = Instant::now();
        let mut workers = Vec::new();
        for _ in 0..32 {
            let (queue, client, url) = (queue.clone(), client.clone(), url.clone());
            workers.push(tokio::spawn(async move {
                loop {
                    let Some(body) = queue.lock().unwrap().pop() else { break };
                    post(&client, &url, body).await;
                }
            }));
        }
        for worker in workers {
            worker.await.unwrap();
        }
        let took = started.elapsed();
        println!(
            "sustained: {total} events in {:.2} s = {:.0} events/s (32 connections)",
            took.as_secs_f64(),
            total as f64 / took.as_secs_f64()
        );

        // 3. Paced at 1,000 events/s for 5 s (new calls, so each event is stored and folded).
        let rate = 1_000;
        let seconds = 5;
        let mut ticker = tokio::time::interval(Duration::from_micros(1_000_000 / rate));
        let mut handles = Vec::with_capacity((rate * seconds) as usize);
        for i in 0..(rate * seconds) as usize {
            ticker.tick().await;
            let (client, url) = (client.clone(), url.clone());
            let body = form(calls + i / 4, i % 4);
            handles.push(tokio::spawn(async move { post(&client, &url, body).await }));
        }
        let mut latencies = Vec::with_capacity(handles.len());
        for handle in handles {
            latencies.push(handle.await.unwrap());
        }
        latencies.sort();
        println!(
            "paced {rate}/s for {seconds} s: p50 {:.1} ms, p99 {:.1} ms, max {:.1} ms",
            percentile(&latencies, 0.5).as_secs_f64() * 1e3,
            percentile(&latencies, 0.99).as_secs_f64() * 1e3,
            latencies.last().unwrap().as_secs_f64() * 1e3
        );
        let p99 = percentile(&latencies, 0.99).as_secs_f64() * 1e3;
        println!("BENCH|Webhook p99 at {rate} events/s|{p99:.1} ms|5 ms goal|{:.2}", p99 / 5.0);
    });
}
