//! Webhook ingest benchmark (`cargo bench -p server --bench webhooks`): the release server
//! binary on loopback, signed `/events/call` posts in the sandbox's key.
//! 1. Sustained: 20,000 events (5,000 calls × 4 states) from 32 connections as fast as they go.
//! 2. Paced: 1,000 events/s for 5 s; the latency of each (p50, p99, max).
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

        // 1. Sustained.
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

        // 2. Paced at 1,000 events/s for 5 s (new calls, so each event is stored and folded).
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
    });
}
