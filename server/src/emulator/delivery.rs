//! Runs the simulation in real time and posts its events to the webhook receiver, signed
//! like every MANGO request (manual 2.1.1), with optional faults for tests.

use std::time::Duration;

use rand::rngs::StdRng;
use rand::{Rng, SeedableRng};

use super::dialer::Event;
use super::Sandbox;

/// Things real networks and MANGO do to webhooks; all off by default.
#[derive(Clone, Debug, Default, PartialEq)]
pub struct Faults {
    /// Share of events delivered twice.
    pub duplicate: f64,
    /// Share of adjacent event pairs delivered in swapped order (older `seq` arrives later).
    pub reorder: f64,
    /// Share of events never delivered.
    pub drop: f64,
    /// Delay before each delivery.
    pub delay: Duration,
    /// Share of API requests answered with HTTP 503 regardless of rate.
    pub random_503: f64,
}

/// How often the simulation is brought up to the clock.
const TICK: Duration = Duration::from_millis(50);

/// Advances the simulation every tick and delivers what happened, until the task is dropped
/// with the runtime. Without a webhook address events are only counted.
pub fn spawn(sandbox: Sandbox, webhook_url: Option<String>) -> tokio::task::JoinHandle<()> {
    tokio::spawn(async move {
        let client = reqwest::Client::builder()
            .timeout(Duration::from_secs(10))
            .build()
            .expect("a plain HTTP client builds");
        let mut rng = StdRng::seed_from_u64(sandbox.config.seed.wrapping_add(1));
        let mut ticker = tokio::time::interval(TICK);
        loop {
            ticker.tick().await;
            let events = {
                let mut world = sandbox.world.lock().unwrap_or_else(|p| p.into_inner());
                world.refresh();
                std::mem::take(&mut world.sim.outbox)
            };
            let Some(base) = webhook_url.as_deref() else { continue };
            for event in with_faults(events, &sandbox.config.faults, &mut rng) {
                if !sandbox.config.faults.delay.is_zero() {
                    tokio::time::sleep(sandbox.config.faults.delay).await;
                }
                post(&client, base, &sandbox.config.api_key, &sandbox.config.api_salt, &event).await;
            }
        }
    })
}

/// Applies duplication, reordering and drops, deterministically for the seed.
pub fn with_faults(events: Vec<Event>, faults: &Faults, rng: &mut StdRng) -> Vec<Event> {
    let mut out: Vec<Event> = Vec::with_capacity(events.len());
    for event in events {
        if faults.drop > 0.0 && rng.gen_bool(faults.drop.min(1.0)) {
            continue;
        }
        if faults.duplicate > 0.0 && rng.gen_bool(faults.duplicate.min(1.0)) {
            out.push(event.clone());
        }
        out.push(event);
    }
    if faults.reorder > 0.0 {
        let mut i = 0;
        while i + 1 < out.len() {
            if rng.gen_bool(faults.reorder.min(1.0)) {
                out.swap(i, i + 1);
                i += 1;
            }
            i += 1;
        }
    }
    out
}

/// The form an event is posted as. VPBX events: `vpbx_api_key`, `sign`, `json` (manual
/// 2.1.1). Contact Center events (`events/user/…`): `api_key` as manual 4.4's examples show,
/// and signed, as 2.1.1 names "json, api_key и sign" for them (4.4's examples omit the sign;
/// Obzvon takes unsigned ones only from an allow-listed address).
pub fn form(event: &Event, key: &str, salt: &str) -> Vec<(&'static str, String)> {
    let json = event.json.to_string();
    let sign = crate::mango::sign::sign(key, &json, salt);
    let key_field = if event.path.starts_with("events/user/") { "api_key" } else { "vpbx_api_key" };
    vec![(key_field, key.to_string()), ("sign", sign), ("json", json)]
}

async fn post(client: &reqwest::Client, base: &str, key: &str, salt: &str, event: &Event) {
    let url = format!("{}/{}", base.trim_end_matches('/'), event.path);
    let result = client.post(&url).form(&form(event, key, salt)).send().await;
    match result {
        Ok(response) if response.status().is_success() => {}
        Ok(response) => tracing::debug!(%url, status = %response.status(), "webhook refused"),
        Err(error) => tracing::debug!(%url, %error, "webhook not delivered"),
    }
}

#[cfg(test)]
mod tests {
    use super::*;
    use serde_json::json;

    fn events(n: usize) -> Vec<Event> {
        (0..n).map(|i| Event { path: "events/call", json: json!({"seq": i}) }).collect()
    }

    #[test]
    fn contact_center_events_carry_api_key() {
        let status = Event {
            path: "events/user/status_changed",
            json: json!({"abonent_id": 1, "status": 5, "when": 1, "timestamp": 2}),
        };
        let fields: Vec<&str> = form(&status, "k", "s").iter().map(|(name, _)| *name).collect();
        assert_eq!(fields, ["api_key", "sign", "json"]);
        let call = Event { path: "events/call", json: json!({"seq": 1}) };
        let fields: Vec<&str> = form(&call, "k", "s").iter().map(|(name, _)| *name).collect();
        assert_eq!(fields, ["vpbx_api_key", "sign", "json"]);
    }

    #[test]
    fn no_faults_changes_nothing() {
        let mut rng = StdRng::seed_from_u64(1);
        assert_eq!(with_faults(events(50), &Faults::default(), &mut rng), events(50));
    }

    #[test]
    fn faults_duplicate_reorder_and_drop() {
        let faults = Faults { duplicate: 0.2, reorder: 0.2, drop: 0.1, ..Faults::default() };
        let out = with_faults(events(500), &faults, &mut StdRng::seed_from_u64(3));
        let seqs: Vec<i64> = out.iter().map(|e| e.json["seq"].as_i64().unwrap()).collect();
        let mut unique = seqs.clone();
        unique.sort();
        unique.dedup();
        assert!(seqs.len() > unique.len(), "some delivered twice");
        assert!(unique.len() < 500, "some dropped");
        assert!(seqs.windows(2).any(|w| w[0] > w[1]), "some out of order");
        assert_eq!(out, with_faults(events(500), &faults, &mut StdRng::seed_from_u64(3)), "deterministic");
    }
}
