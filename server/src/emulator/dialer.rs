//! Simulated dialing: a discrete-event simulation in simulated time, one-second steps, so a
//! seed always gives the same calls and events however the real clock ticks.
//!
//! While a campaign is running and inside its schedule it keeps about
//! `dialing operators × additional_calls_coefficient` calls going (manual 3.8.4.1), each with
//! an outcome drawn from a seeded mix; redial counts and timers per outcome are obeyed.
//! Every call produces signed-event payloads for `/events/call` (Appeared → Connected →
//! Disconnected, manual 3.1.1) and `/events/summary` (manual 3.1.5); every talked call is
//! also recorded, reported by `/events/recording` (manual 3.1.3, see `recordings`).

use std::collections::BTreeMap;

use chrono::{DateTime, Duration, Utc};
use rand::rngs::StdRng;
use rand::{Rng, SeedableRng};
use serde_json::{json, Value};

use super::campaign::State;
use super::directory;
use super::outcome::{Outcome, RedialClass};
use super::world::{TaskState, World};

/// How many times an operator-side failure is retried before the task is given up.
const OPERATOR_FAILURE_LIMIT: i64 = 3;
/// Chance per simulated minute that some operator changes status.
const STATUS_CHANGE_PER_MINUTE: f64 = 0.02;
/// Operator-side failures are retried after this long.
const OPERATOR_RETRY: Duration = Duration::seconds(60);

/// One event for the webhook receiver: the path under the receiver's base and the payload.
#[derive(Clone, Debug, PartialEq)]
pub struct Event {
    pub path: &'static str,
    pub json: Value,
}

#[derive(Clone, Debug)]
struct Call {
    /// The campaign task's id, or the callback's `auto_call_task_id` (manual 4.2).
    task_id: i64,
    /// 0 for a Contact Center callback.
    campaign_id: i64,
    /// `callback_initiator` (manual 3.1.1): "ObDial" for campaign calls and for the automatic
    /// calls of Contact Center callbacks alike (3.1.1 sends `task_id` with `ObDial`,
    /// `CallbackWidget` and `MissGroupCallCallback` calls; 4.2's `auto_call_task_id` is that
    /// `task_id`), so only the task id tells a callback's call from a campaign's.
    initiator: &'static str,
    entry_id: String,
    call_id: String,
    number: String,
    line_number: String,
    outcome: Outcome,
    started: DateTime<Utc>,
    answered: Option<DateTime<Utc>>,
    ended: DateTime<Utc>,
    client_hung_up: bool,
    connected_sent: bool,
    seq: u32,
    operator: Option<&'static directory::Operator>,
    /// Set when the call's recording started (talked calls only, manual 3.1.3).
    recording_id: Option<String>,
}

pub struct Simulation {
    /// The last simulated second processed.
    pub cursor: DateTime<Utc>,
    rng: StdRng,
    calls: BTreeMap<i64, Call>,
    /// Events waiting to be delivered, in the order they happened.
    pub outbox: Vec<Event>,
    next_entry: u64,
    next_operator: usize,
    /// The world's seed: recordings draw their transcripts from it without touching `rng`,
    /// so adding them did not change which calls a seed gives.
    pub(super) seed: u64,
}

impl Simulation {
    pub fn new(start: DateTime<Utc>, seed: u64) -> Simulation {
        Simulation {
            cursor: start,
            rng: StdRng::seed_from_u64(seed),
            calls: BTreeMap::new(),
            outbox: Vec::new(),
            next_entry: 1,
            next_operator: 0,
            seed,
        }
    }

    pub fn calls_in_progress(&self, campaign_id: i64) -> usize {
        self.calls.values().filter(|c| c.campaign_id == campaign_id).count()
    }
}

fn call_event(call: &mut Call, at: DateTime<Utc>, state: &str, disconnect_reason: Option<i64>) -> Event {
    call.seq += 1;
    let mut to = json!({ "number": call.number });
    let mut from = json!({ "number": call.line_number });
    if let Some(operator) = call.operator {
        from["extension"] = json!(operator.extension);
    }
    if state != "Appeared" {
        to["line_number"] = json!(call.line_number);
    }
    let mut payload = json!({
        "entry_id": call.entry_id,
        "call_id": call.call_id,
        "timestamp": at.timestamp(),
        "seq": call.seq,
        "call_state": state,
        "location": "abonent",
        "from": from,
        "to": to,
        "task_id": call.task_id,
        "callback_initiator": call.initiator,
    });
    if call.campaign_id != 0 {
        payload["campaign_id"] = json!(call.campaign_id);
    }
    if let Some(reason) = disconnect_reason {
        payload["disconnect_reason"] = json!(reason);
    }
    Event { path: "events/call", json: payload }
}

fn summary_event(call: &Call, talk_seconds: i64) -> Event {
    Event {
        path: "events/summary",
        json: json!({
            "entry_id": call.entry_id,
            "call_direction": 2,
            "from": { "extension": call.operator.map(|o| o.extension), "number": call.line_number },
            "to": { "number": call.number },
            "line_number": call.line_number,
            "create_time": call.started.timestamp(),
            "forward_time": call.answered.map(|t| t.timestamp()).unwrap_or(0),
            "talk_time": if talk_seconds > 0 { call.answered.map(|t| t.timestamp()).unwrap_or(0) } else { 0 },
            "end_time": call.ended.timestamp(),
            "entry_result": i32::from(call.outcome.talked()),
            "disconnect_reason": call.outcome.disconnect_reason(call.client_hung_up),
        }),
    }
}

impl World {
    /// Runs the simulation up to `to`, one simulated second at a time.
    pub fn advance(&mut self, to: DateTime<Utc>) {
        while self.sim.cursor + Duration::seconds(1) <= to {
            let t = self.sim.cursor + Duration::seconds(1);
            self.sim.cursor = t;
            self.step(t);
        }
    }

    fn step(&mut self, t: DateTime<Utc>) {
        self.progress_calls(t);
        if t.timestamp() % 60 == 0 {
            self.operators_change_status(t);
        }
        self.refresh_at(t);
        self.dial(t);
        self.dial_callbacks(t);
    }

    /// Now and then an operator takes a break or comes back (manual 4.4 statuses 5 ⇄ 3),
    /// which the Contact Center reports as `/events/user/status_changed`.
    fn operators_change_status(&mut self, t: DateTime<Utc>) {
        if !self.sim.rng.gen_bool(STATUS_CHANGE_PER_MINUTE) {
            return;
        }
        let counted: Vec<i64> =
            directory::OPERATORS.iter().filter(|o| o.use_cc_status).map(|o| o.user_id).collect();
        let who = counted[self.sim.rng.gen_range(0..counted.len())];
        let status = match self.cc_status.get(&who) {
            Some(5) => 3,
            Some(3) => 5,
            _ => return,
        };
        self.cc_status.insert(who, status);
        let ms = t.timestamp_millis();
        self.sim.outbox.push(Event {
            path: "events/user/status_changed",
            json: json!({ "abonent_id": who, "status": status, "when": ms, "timestamp": ms }),
        });
    }

    /// Auto-callbacks are dialled once, at their start time, by their operator (manual 4.2).
    fn dial_callbacks(&mut self, t: DateTime<Utc>) {
        let due: Vec<i64> = self
            .callbacks
            .values()
            .filter(|c| !c.dialled && c.due <= t)
            .map(|c| c.auto_call_task_id)
            .collect();
        for id in due {
            let Some(callback) = self.callbacks.get_mut(&id) else { continue };
            callback.dialled = true;
            let (phone, operator_id) = (callback.phone.clone(), callback.operator_id);
            let rng = &mut self.sim.rng;
            let outcome = Outcome::draw(rng);
            let ring = outcome.ring_seconds(rng, 30);
            let answered = outcome.client_answers().then(|| t + Duration::seconds(ring));
            let talk = if outcome.talked() { rng.gen_range(15..360) } else { rng.gen_range(3..15) };
            let client_hung_up = rng.gen_bool(0.5);
            let entry = self.sim.next_entry;
            self.sim.next_entry += 1;
            let mut call = Call {
                task_id: id,
                campaign_id: 0,
                initiator: "ObDial",
                entry_id: format!("MToxMDAwMDAw{entry:08}"),
                call_id: format!("MTox{entry:08}OjA="),
                number: phone,
                line_number: directory::LINES[0].number.to_string(),
                outcome,
                started: t,
                answered,
                ended: t + Duration::seconds(ring + if answered.is_some() { talk } else { 0 }),
                client_hung_up,
                connected_sent: false,
                seq: 0,
                operator: directory::operator(operator_id),
                recording_id: None,
            };
            let event = call_event(&mut call, t, "Appeared", None);
            self.sim.outbox.push(event);
            self.sim.calls.insert(id, call);
        }
    }

    fn progress_calls(&mut self, t: DateTime<Utc>) {
        let ids: Vec<i64> = self.sim.calls.keys().copied().collect();
        for task_id in ids {
            let Some(mut call) = self.sim.calls.remove(&task_id) else { continue };
            if !call.connected_sent && call.answered.is_some_and(|a| a <= t) {
                call.connected_sent = true;
                if call.operator.is_none() {
                    call.operator = self.pick_operator(call.campaign_id);
                }
                let event = call_event(&mut call, t, "Connected", None);
                self.sim.outbox.push(event);
                // Manual 3.1.3: the recording starts with the conversation (the account
                // records automatically); only a talked call has one.
                if call.outcome.talked() {
                    let extension = call.operator.map(|o| o.extension);
                    call.recording_id =
                        Some(self.start_recording(&call.entry_id, &call.call_id, extension, t));
                }
            }
            if call.ended <= t {
                self.finish_call(call, t);
            } else {
                self.sim.calls.insert(task_id, call);
            }
        }
    }

    fn pick_operator(&mut self, campaign_id: i64) -> Option<&'static directory::Operator> {
        let ids = self.campaigns.get(&campaign_id)?.spec.operators.clone();
        let ready = self.dialing_operators(&ids);
        if ready.is_empty() {
            return None;
        }
        self.sim.next_operator = (self.sim.next_operator + 1) % ready.len();
        Some(ready[self.sim.next_operator])
    }

    fn finish_call(&mut self, mut call: Call, t: DateTime<Utc>) {
        let talk_seconds = match call.answered {
            Some(answered) if call.outcome.talked() => (call.ended - answered).num_seconds(),
            _ => 0,
        };
        let reason = call.outcome.disconnect_reason(call.client_hung_up);
        let event = call_event(&mut call, t, "Disconnected", Some(reason));
        self.sim.outbox.push(event);
        self.sim.outbox.push(summary_event(&call, talk_seconds));
        if let Some(recording_id) = call.recording_id.take() {
            self.complete_recording(&recording_id, talk_seconds, t);
        }
        if call.campaign_id == 0 {
            // A callback is one call; what happened is in its events.
            return;
        }

        let Some(campaign) = self.campaigns.get(&call.campaign_id) else { return };
        let spec = campaign.spec.clone();
        let Some(task) = self.tasks.get_mut(&call.task_id) else { return };
        task.updated = t;
        task.reason = Some(call.outcome.task_reason());
        task.talk_duration += talk_seconds;
        task.operator = call.operator.map(|o| o.extension.to_string());
        // Redial rules, manual 3.8.4.1: at most N attempts per outcome class, after its timer.
        let (count, limit, wait) = match call.outcome.redial_class() {
            RedialClass::Final => (0, 0, None),
            RedialClass::Busy => {
                task.busy_attempts += 1;
                (task.busy_attempts, spec.redial_busy, Some(spec.timer_busy))
            }
            RedialClass::NoAnswer => {
                task.no_answer_attempts += 1;
                (task.no_answer_attempts, spec.redial_no_answer, Some(spec.timer_no_answer))
            }
            RedialClass::NotAvailable => {
                task.not_avail_attempts += 1;
                // A timer of 0 means "do not redial".
                let wait = (spec.timer_not_avail > 0).then_some(spec.timer_not_avail);
                (task.not_avail_attempts, spec.redial_not_avail, wait)
            }
            RedialClass::OperatorSide => {
                task.operator_failures += 1;
                (task.operator_failures, OPERATOR_FAILURE_LIMIT, Some(OPERATOR_RETRY.num_seconds()))
            }
        };
        let redial_at = match wait {
            Some(wait) if count < limit => Some(t + Duration::seconds(wait)),
            _ => None,
        };
        match redial_at {
            Some(at) => {
                task.state = TaskState::Queued;
                task.blocked_until = Some(at);
                if let Some(campaign) = self.campaigns.get_mut(&call.campaign_id) {
                    campaign.queue.insert((at, call.task_id));
                }
            }
            None => {
                task.state = TaskState::Finished;
                task.blocked_until = None;
            }
        }
        self.mark_done(call.campaign_id);
    }

    fn mark_done(&mut self, campaign_id: i64) {
        let in_progress = self.sim.calls_in_progress(campaign_id);
        if let Some(campaign) = self.campaigns.get_mut(&campaign_id) {
            campaign.all_done = in_progress == 0
                && campaign.queue.is_empty()
                && campaign
                    .task_ids
                    .iter()
                    .all(|id| self.tasks.get(id).is_some_and(|t| t.state == TaskState::Finished));
        }
    }

    fn dial(&mut self, t: DateTime<Utc>) {
        let running: Vec<i64> = self
            .campaigns
            .values()
            .filter(|c| c.state == State::Running && !c.queue.is_empty())
            .map(|c| c.id)
            .collect();
        for campaign_id in running {
            let spec = self.campaigns[&campaign_id].spec.clone();
            let operators = self.dialing_operators(&spec.operators).len();
            let capacity = (operators as f64 * spec.additional_calls_coefficient).ceil() as usize;
            let line_number = directory::line(spec.line_id).map(|l| l.number).unwrap_or_default().to_string();
            while self.sim.calls_in_progress(campaign_id) < capacity {
                let Some(campaign) = self.campaigns.get_mut(&campaign_id) else { break };
                let Some(&(due, task_id)) = campaign.queue.first() else { break };
                if due > t {
                    break;
                }
                campaign.queue.remove(&(due, task_id));
                let Some(task) = self.tasks.get_mut(&task_id) else { continue };
                task.state = TaskState::InProgress;
                task.attempts += 1;
                task.updated = t;
                let number = task.number.clone();
                let rng = &mut self.sim.rng;
                let outcome = Outcome::draw(rng);
                let ring = outcome.ring_seconds(rng, spec.answer_wait);
                let answered = outcome.client_answers().then(|| t + Duration::seconds(ring));
                let talk = if outcome.talked() { rng.gen_range(15..360) } else { rng.gen_range(3..15) };
                let ended = t + Duration::seconds(ring + if answered.is_some() { talk } else { 0 });
                let client_hung_up = rng.gen_bool(0.5);
                let entry = self.sim.next_entry;
                self.sim.next_entry += 1;
                let mut call = Call {
                    task_id,
                    campaign_id,
                    initiator: "ObDial",
                    entry_id: format!("MToxMDAwMDAw{entry:08}"),
                    call_id: format!("MTox{entry:08}OjA="),
                    number,
                    line_number: line_number.clone(),
                    outcome,
                    started: t,
                    answered,
                    ended,
                    client_hung_up,
                    connected_sent: false,
                    seq: 0,
                    operator: None,
                    recording_id: None,
                };
                let event = call_event(&mut call, t, "Appeared", None);
                self.sim.outbox.push(event);
                self.sim.calls.insert(task_id, call);
            }
        }
    }
}

#[cfg(test)]
mod tests {
    use super::*;
    use crate::emulator::clock::Clock;
    use crate::emulator::fields::Fields;
    use chrono::TimeZone;

    /// Sunday 2026-11-22 09:00 UTC, a campaign open all Sunday with four dialing operators.
    fn world_with_tasks(seed: u64, tasks: usize, extra: &str) -> (World, i64, DateTime<Utc>) {
        let start = Utc.with_ymd_and_hms(2026, 11, 22, 9, 0, 0).unwrap();
        let mut world = World::new(Clock::new(start, 0.0), seed);
        let added = world
            .add_campaign(&Fields::parse(&format!(
                r#"{{"line_id": 400200001, "name": "sim", "operators": [400100101, 400100102, 400100103, 400100104, 400100105]{extra},
                    "schedule": [{{"weekday": 7, "start": "00:00", "end": "24:00"}}, {{"weekday": 1, "start": "00:00", "end": "24:00"}}]}}"#
            )).unwrap())
            .unwrap();
        let id = added["campaign_id"].as_i64().unwrap();
        let list: Vec<Value> =
            (0..tasks).map(|n| json!({"name": format!("t{n}"), "number": format!("7911{n:07}")})).collect();
        world
            .push_tasks(&Fields::parse(&json!({"campaign_id": id, "tasks": list}).to_string()).unwrap())
            .unwrap();
        world.start(id).unwrap();
        (world, id, start)
    }

    #[test]
    fn the_same_seed_gives_the_same_events() {
        let run = |seed| {
            let (mut world, _, start) = world_with_tasks(seed, 40, "");
            world.advance(start + Duration::hours(6));
            std::mem::take(&mut world.sim.outbox)
        };
        let first = run(42);
        assert!(first.len() > 100, "{} events", first.len());
        assert_eq!(first, run(42));
        assert_ne!(first, run(43));
    }

    #[test]
    fn concurrency_follows_operators_and_coefficient() {
        // Four of the five operators are in "outbound dialing"; coefficient 1.5 → 6 calls.
        let (mut world, id, start) = world_with_tasks(1, 50, r#", "additional_calls_coefficient": 1.5"#);
        let mut most = 0;
        for second in 1..600 {
            world.advance(start + Duration::seconds(second));
            most = most.max(world.sim.calls_in_progress(id));
        }
        assert_eq!(most, 6);
    }

    #[test]
    fn events_are_consistent_per_call() {
        let (mut world, _, start) = world_with_tasks(5, 30, "");
        world.advance(start + Duration::hours(30));
        let mut by_entry: BTreeMap<String, Vec<&Value>> = BTreeMap::new();
        for event in world.sim.outbox.iter().filter(|e| e.path == "events/call") {
            by_entry
                .entry(event.json["entry_id"].as_str().unwrap().to_string())
                .or_default()
                .push(&event.json);
        }
        for (entry, events) in by_entry {
            let states: Vec<&str> = events.iter().map(|e| e["call_state"].as_str().unwrap()).collect();
            let seqs: Vec<i64> = events.iter().map(|e| e["seq"].as_i64().unwrap()).collect();
            assert!(
                states == ["Appeared", "Disconnected"] || states == ["Appeared", "Connected", "Disconnected"],
                "{entry}: {states:?}"
            );
            assert_eq!(seqs, (1..=seqs.len() as i64).collect::<Vec<_>>());
            assert!(events.iter().all(|e| e["callback_initiator"] == "ObDial" && e["task_id"].is_i64()));
            let last = events.last().unwrap();
            let reason = last["disconnect_reason"].as_i64().unwrap();
            let task = &world.tasks[&last["task_id"].as_i64().unwrap()];
            if states.len() == 2 {
                assert!([1111, 1121, 1131, 1133, 1110].contains(&reason), "{reason}");
            }
            if task.state == TaskState::Finished && task.reason == Some(1) {
                assert!(task.talk_duration > 0);
            }
        }
    }

    #[test]
    fn callbacks_are_dialled_once_at_their_time_with_their_id() {
        let start = Utc.with_ymd_and_hms(2026, 11, 22, 9, 0, 0).unwrap();
        let mut world = World::new(Clock::new(start, 0.0), 3);
        let due = start + Duration::minutes(30);
        let answer = world
            .add_cc_task(
                &Fields::parse(
                    &json!({"event_type": 1, "start_time": due.timestamp(), "duration": 10,
                "to_user_id": 400100103, "is_auto_call": 1, "phone": "79001112233"})
                    .to_string(),
                )
                .unwrap(),
            )
            .unwrap();
        let auto_id = answer["auto_call_task_id"].as_i64().unwrap();
        world.advance(due - Duration::seconds(1));
        assert!(world.sim.outbox.iter().all(|e| e.path != "events/call"), "not before its time");
        world.advance(due + Duration::hours(1));
        let calls: Vec<&Value> =
            world.sim.outbox.iter().filter(|e| e.path == "events/call").map(|e| &e.json).collect();
        assert_eq!(calls.first().unwrap()["timestamp"], due.timestamp());
        assert!(calls.iter().all(|c| c["task_id"] == auto_id
            && c["callback_initiator"] == "ObDial"
            && c.get("campaign_id").is_none()));
        assert_eq!(calls.last().unwrap()["call_state"], "Disconnected");
        assert_eq!(calls.iter().filter(|c| c["call_state"] == "Appeared").count(), 1, "dialled once");
    }

    #[test]
    fn redial_counts_and_timers_are_obeyed() {
        let (mut world, id, start) = world_with_tasks(
            9,
            60,
            r#", "max_redial_count_if_busy": 3, "wait_time_if_busy": 900,
            "max_redial_count_if_no_answ": 1, "wait_time_if_number_not_avail": 0"#,
        );
        world.advance(start + Duration::hours(40));
        // Per task: the times its calls started, and their outcomes.
        let mut calls: BTreeMap<i64, Vec<(i64, i64)>> = BTreeMap::new();
        let mut appeared: BTreeMap<String, (i64, i64)> = BTreeMap::new();
        for event in &world.sim.outbox {
            let e = &event.json;
            if event.path == "events/call" && e["call_state"] == "Appeared" {
                appeared.insert(
                    e["entry_id"].as_str().unwrap().into(),
                    (e["task_id"].as_i64().unwrap(), e["timestamp"].as_i64().unwrap()),
                );
            }
            if event.path == "events/call" && e["call_state"] == "Disconnected" {
                let (task, at) = appeared[e["entry_id"].as_str().unwrap()];
                calls.entry(task).or_default().push((at, e["disconnect_reason"].as_i64().unwrap()));
            }
        }
        let mut busy_redials = 0;
        for (task, list) in &calls {
            let busy: Vec<i64> = list.iter().filter(|(_, r)| *r == 1121).map(|(at, _)| *at).collect();
            assert!(busy.len() <= 3, "task {task} called busy {} times", busy.len());
            for pair in list.windows(2) {
                if pair[0].1 == 1121 {
                    busy_redials += 1;
                    assert!(
                        pair[1].0 - pair[0].0 >= 900,
                        "task {task}: busy redial after {} s",
                        pair[1].0 - pair[0].0
                    );
                }
            }
            let unavailable = list.iter().filter(|(_, r)| *r == 1131).count();
            assert!(unavailable <= 1, "timer 0: no redial after 'not available'");
        }
        assert!(busy_redials > 0, "some busy task was redialled");
        // Everything ends: each task finished, and the campaign completed.
        assert!(world.campaigns[&id].task_ids.iter().all(|t| world.tasks[t].state == TaskState::Finished));
        world.refresh_at(start + Duration::hours(40));
        assert_eq!(world.campaigns[&id].state, State::Finished);
    }
}
