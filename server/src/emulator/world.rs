//! Everything the sandbox remembers: campaigns and their tasks, and the clock they run on.

use std::collections::{BTreeMap, BTreeSet, HashMap, HashSet, VecDeque};

use chrono::{DateTime, Utc};
use serde_json::{json, Value};

use super::campaign::{CampaignSpec, Reason, State, PROCESSING_CODE, PROCESSING_LIST_CODE};
use super::clock::Clock;
use super::directory;
use super::fields::{Checked, Fields};
use super::refusal::Refusal;

/// At most this many tasks per campaign (manual 3.8.4.2, code 5107).
pub const MAX_TASKS_PER_CAMPAIGN: usize = 10_000;

/// The sandbox keeps everything in memory, and its key is public: whatever it is sent, it
/// holds at most these. Beyond them it refuses as MANGO refuses over its own limits.
#[derive(Clone, Copy, Debug, PartialEq, Eq)]
pub struct Caps {
    /// Campaigns kept, deleted ones included (they stay readable with status 6): 5103
    /// "Превышен лимит кампаний" (manual, list of result codes).
    pub campaigns: usize,
    /// Tasks of all campaigns together: 5113 "limit of active tasks across all campaigns"
    /// (the result code list of the campaign methods, manual 3.8.4.2).
    pub tasks: usize,
    /// Contact Center callback tasks kept (manual 4.2 names no limit; see `add_cc_task`).
    pub callbacks: usize,
    /// Events waiting to be delivered; beyond it the oldest are dropped, as events lost in
    /// the network are (MANGO does not promise delivery either, manual 3.1).
    pub queued_events: usize,
    /// Call recordings kept; beyond it the oldest are forgotten, as a real account's cloud
    /// storage drops old recordings (manual 3.4: a recording removed from storage cannot be
    /// fetched through the API).
    pub recordings: usize,
}

impl Default for Caps {
    fn default() -> Caps {
        Caps {
            campaigns: 1_000,
            tasks: 200_000,
            callbacks: 10_000,
            queued_events: 50_000,
            recordings: 100_000,
        }
    }
}

#[derive(Clone, Debug)]
pub struct Campaign {
    pub id: i64,
    pub spec: CampaignSpec,
    pub state: State,
    pub reason: Option<Reason>,
    pub created: DateTime<Utc>,
    pub completed: Option<DateTime<Utc>>,
    pub task_ids: Vec<i64>,
    pub numbers: HashSet<String>,
    /// Tasks waiting to be dialled, by the time they may be dialled.
    pub queue: BTreeSet<(DateTime<Utc>, i64)>,
    /// Every task finished and no call in progress (set by the simulation).
    pub all_done: bool,
    /// The next status read shows "processing" (see [`PROCESSING_CODE`]).
    pub processing: bool,
}

impl Campaign {
    /// The status a read shows now, in `campaign`'s numbering (manual 3.8.2).
    fn shown_code(&self) -> i64 {
        if self.processing {
            PROCESSING_CODE
        } else {
            self.state.code()
        }
    }

    /// The same in `get_list`'s numbering (manual 3.8.1).
    fn shown_list_code(&self) -> i64 {
        if self.processing {
            PROCESSING_LIST_CODE
        } else {
            self.state.list_code()
        }
    }

    /// After a read has shown them, "processing" is over and "stopping" becomes "stopped".
    fn settle_after_read(&mut self) {
        self.processing = false;
        if self.state == State::Stopping {
            self.state = State::Stopped;
        }
    }
}

/// Task status (manual 3.8.3): 0 stopped, 1 queued, 2 in progress, 4 finished, 6 deleted.
#[derive(Clone, Copy, Debug, PartialEq, Eq)]
pub enum TaskState {
    Queued,
    InProgress,
    Finished,
}

impl TaskState {
    pub fn code(self) -> i64 {
        match self {
            TaskState::Queued => 1,
            TaskState::InProgress => 2,
            TaskState::Finished => 4,
        }
    }
}

#[derive(Clone, Debug)]
pub struct Task {
    pub id: i64,
    pub campaign_id: i64,
    pub name: String,
    pub position: Option<String>,
    pub organization: Option<String>,
    pub number: String,
    pub additional_info: Option<String>,
    pub state: TaskState,
    /// Manual 3.8.3 `status_reason`, once a call ended.
    pub reason: Option<i64>,
    pub talk_duration: i64,
    pub attempts: u32,
    /// Attempts per redial class (busy, no answer, not available, operator side).
    pub busy_attempts: i64,
    pub no_answer_attempts: i64,
    pub not_avail_attempts: i64,
    pub operator_failures: i64,
    /// The operator of the last call, by extension.
    pub operator: Option<String>,
    pub blocked_until: Option<DateTime<Utc>>,
    pub created: DateTime<Utc>,
    pub updated: DateTime<Utc>,
}

pub struct World {
    pub clock: Clock,
    /// The simulation: calls in progress, events to deliver, randomness.
    pub sim: super::dialer::Simulation,
    pub campaigns: BTreeMap<i64, Campaign>,
    pub tasks: BTreeMap<i64, Task>,
    next_campaign_id: i64,
    next_task_id: i64,
    /// Scheduled or running campaigns allowed at once (5102 beyond it).
    pub active_campaign_limit: usize,
    /// Auto-callbacks by `auto_call_task_id`.
    pub callbacks: BTreeMap<i64, super::callbacks::Callback>,
    next_cc_task: i64,
    /// Contact Center status of each operator (manual 4.4), changing as the day goes.
    pub cc_status: BTreeMap<i64, u8>,
    pub caps: Caps,
    /// Events dropped because the delivery queue was full.
    pub events_dropped: u64,
    /// Call recordings by `recording_id` (manual 3.1.3, 3.4).
    pub recordings: HashMap<String, super::recordings::Recording>,
    /// The same ids in the order the recordings started, oldest first.
    pub(super) recording_order: VecDeque<String>,
    /// One-time file links handed out by `queries/recording/post` (manual 3.4.1), by token.
    pub file_links: HashMap<String, super::files::FileLink>,
}

fn unknown_campaign(id: i64) -> Refusal {
    // 3300: the object does not exist.
    Refusal::bad(3300, format!("campaign {id} does not exist"))
}

fn wrong_status(action: &str, state: State) -> Refusal {
    // 5106: the campaign's status does not allow this action.
    Refusal::not_done(5106, format!("cannot {action} a campaign in status {}", state.code()))
}

impl World {
    pub fn new(clock: Clock, seed: u64) -> World {
        World {
            sim: super::dialer::Simulation::new(clock.now(), seed),
            clock,
            campaigns: BTreeMap::new(),
            tasks: BTreeMap::new(),
            next_campaign_id: 17_001,
            next_task_id: 2_490_001,
            active_campaign_limit: 10,
            callbacks: BTreeMap::new(),
            next_cc_task: 1,
            cc_status: directory::OPERATORS.iter().map(|o| (o.user_id, o.cc_status)).collect(),
            caps: Caps::default(),
            events_dropped: 0,
            recordings: HashMap::new(),
            recording_order: VecDeque::new(),
            file_links: HashMap::new(),
        }
    }

    pub(super) fn next_cc_task(&mut self) -> i64 {
        let n = self.next_cc_task;
        self.next_cc_task += 1;
        n
    }

    /// Operators of `ids` who take campaign calls now (manual 3.8.4.1: the Contact Center
    /// status switch on; manual 4.4: status 5, outbound dialing).
    pub fn dialing_operators(&self, ids: &[i64]) -> Vec<&'static directory::Operator> {
        ids.iter()
            .filter_map(|id| directory::operator(*id))
            .filter(|o| o.use_cc_status && self.cc_status.get(&o.user_id) == Some(&5))
            .collect()
    }

    fn campaign_mut(&mut self, id: i64) -> Checked<&mut Campaign> {
        self.campaigns.get_mut(&id).ok_or_else(|| unknown_campaign(id))
    }

    /// Brings the world up to the clock: runs the simulation, then campaign states.
    pub fn refresh(&mut self) {
        let now = self.clock.now();
        self.advance(now);
        self.refresh_at(now);
        self.bound_outbox();
    }

    /// Keeps at most `caps.queued_events` events waiting, dropping the oldest.
    fn bound_outbox(&mut self) {
        let excess = self.sim.outbox.len().saturating_sub(self.caps.queued_events);
        if excess > 0 {
            self.sim.outbox.drain(..excess);
            self.events_dropped += excess as u64;
            tracing::warn!(dropped = excess, "the sandbox's event queue is full; dropped the oldest events");
        }
    }

    /// Brings scheduled/running campaigns in line with their dates and schedule at `now`.
    pub fn refresh_at(&mut self, now: DateTime<Utc>) {
        for campaign in self.campaigns.values_mut() {
            if !campaign.state.active() {
                continue;
            }
            if campaign.spec.expired(now) {
                campaign.state = State::Finished;
                campaign.reason = Some(Reason::Expired);
                campaign.completed = Some(now);
            } else if campaign.state == State::Running && campaign.all_done {
                campaign.state = State::Finished;
                campaign.reason = Some(Reason::Completed);
                campaign.completed = Some(now);
            } else if campaign.spec.in_schedule(now) {
                campaign.state = State::Running;
                campaign.reason = Some(Reason::External);
            } else {
                campaign.state = State::Scheduled;
                campaign.reason = Some(Reason::OutsideSchedule);
            }
        }
    }

    /// `campaign/add` (manual 3.8.4.1): a new campaign, stopped until started.
    pub fn add_campaign(&mut self, fields: &Fields) -> Checked<Value> {
        let spec = CampaignSpec::parse(fields)?;
        if let Some(author) = spec.created_by {
            if directory::operator(author).is_none() {
                return Err(Refusal::not_done(5105, format!("created_by {author} does not exist")));
            }
        }
        if self.campaigns.len() >= self.caps.campaigns {
            return Err(Refusal::not_done(
                5103,
                format!("the sandbox keeps at most {} campaigns", self.caps.campaigns),
            ));
        }
        let id = self.next_campaign_id;
        self.next_campaign_id += 1;
        let now = self.clock.now();
        self.campaigns.insert(
            id,
            Campaign {
                id,
                spec,
                state: State::Stopped,
                reason: None,
                created: now,
                completed: None,
                task_ids: Vec::new(),
                numbers: HashSet::new(),
                queue: BTreeSet::new(),
                all_done: false,
                processing: true,
            },
        );
        Ok(json!({ "result": 1000, "campaign_id": id }))
    }

    /// `campaign/start` (manual 3.8.4.3).
    pub fn start(&mut self, id: i64) -> Checked<Value> {
        self.refresh();
        let active = self.campaigns.values().filter(|c| c.state.active()).count();
        let limit = self.active_campaign_limit;
        let campaign = self.campaign_mut(id)?;
        if campaign.state != State::Stopped {
            return Err(wrong_status("start", campaign.state));
        }
        if active >= limit {
            return Err(Refusal::not_done(5102, format!("at most {limit} active campaigns")));
        }
        campaign.state = State::Scheduled;
        campaign.completed = None;
        campaign.processing = false;
        self.refresh();
        let state = self.campaigns[&id].state;
        Ok(json!({ "result": 1000, "status": state.code() }))
    }

    /// `campaign/stop` (manual 3.8.4.4).
    pub fn stop(&mut self, id: i64) -> Checked<Value> {
        self.refresh();
        let campaign = self.campaign_mut(id)?;
        // 5106 for a campaign that is not scheduled or running (stopping included): the
        // manual documents no code for it; 5106 is its "status does not allow" code.
        if !campaign.state.active() {
            return Err(wrong_status("stop", campaign.state));
        }
        // Manual 3.8.4.4 lists 3 "останавливается" among the answers (its example answers 0):
        // the sandbox goes through 3, read once, before 0.
        campaign.state = State::Stopping;
        campaign.reason = Some(Reason::External);
        Ok(json!({ "result": 1000, "status": State::Stopping.code() }))
    }

    /// `campaign/delete` (manual 3.8.4.5): only stopped (0) or finished (4) campaigns; any
    /// other status (stopping included) is refused with 5106, the code of "the status does
    /// not allow this action" (the manual names no code for this case).
    pub fn delete(&mut self, id: i64) -> Checked<Value> {
        self.refresh();
        let campaign = self.campaign_mut(id)?;
        if !matches!(campaign.state, State::Stopped | State::Finished) {
            return Err(wrong_status("delete", campaign.state));
        }
        campaign.state = State::Deleted;
        Ok(json!({ "result": 1000, "status": State::Deleted.code() }))
    }

    /// `tasks/push` (manual 3.8.4.2): all tasks are checked before any is kept.
    pub fn push_tasks(&mut self, fields: &Fields) -> Checked<Value> {
        let id = fields.required_int("campaign_id")?;
        let items = fields.required_array("tasks")?;
        let mut parsed = Vec::with_capacity(items.len());
        for (i, item) in items.iter().enumerate() {
            let object = item
                .as_object()
                .ok_or_else(|| Refusal::format(&format!("tasks[{i}]"), "must be an object"))?;
            let task = Fields::from_object(object.clone());
            let at = |r: Refusal| match r {
                Refusal::BadRequest { code, message } => {
                    Refusal::BadRequest { code, message: format!("tasks[{i}].{message}") }
                }
                other => other,
            };
            parsed.push((
                task.required_str("name", 255).map_err(at)?,
                task.optional_str("position", 255).map_err(at)?,
                task.optional_str("organization", 255).map_err(at)?,
                task.required_str("number", 64).map_err(at)?,
                task.optional_str("additional_info", 511).map_err(at)?,
            ));
        }
        let now = self.clock.now();
        let campaign = self.campaign_mut(id)?;
        if campaign.state == State::Deleted {
            return Err(wrong_status("add tasks to", campaign.state));
        }
        if campaign.task_ids.len() + parsed.len() > MAX_TASKS_PER_CAMPAIGN {
            return Err(Refusal::not_done(
                5107,
                format!(
                    "{} tasks would exceed {MAX_TASKS_PER_CAMPAIGN}",
                    campaign.task_ids.len() + parsed.len()
                ),
            ));
        }
        if self.tasks.len() + parsed.len() > self.caps.tasks {
            return Err(Refusal::not_done(
                5113,
                format!(
                    "{} tasks in all campaigns would exceed the sandbox's {}",
                    self.tasks.len() + parsed.len(),
                    self.caps.tasks
                ),
            ));
        }
        let campaign = self.campaign_mut(id)?;
        let mut seen = HashSet::new();
        if let Some((_, _, _, number, _)) = parsed
            .iter()
            .find(|(_, _, _, number, _)| campaign.numbers.contains(number) || !seen.insert(number.clone()))
        {
            return Err(Refusal::not_done(5109, format!("number {number} repeats in the campaign")));
        }
        let mut new_tasks = Vec::with_capacity(parsed.len());
        for (name, position, organization, number, additional_info) in parsed {
            let task_id = self.next_task_id;
            self.next_task_id += 1;
            new_tasks.push(Task {
                id: task_id,
                campaign_id: id,
                name,
                position,
                organization,
                number,
                additional_info,
                state: TaskState::Queued,
                reason: None,
                talk_duration: 0,
                attempts: 0,
                busy_attempts: 0,
                no_answer_attempts: 0,
                not_avail_attempts: 0,
                operator_failures: 0,
                operator: None,
                blocked_until: None,
                created: now,
                updated: now,
            });
        }
        let campaign = self.campaign_mut(id)?;
        for task in &new_tasks {
            campaign.task_ids.push(task.id);
            campaign.numbers.insert(task.number.clone());
            campaign.queue.insert((now, task.id));
        }
        if !new_tasks.is_empty() {
            campaign.all_done = false;
            campaign.processing = !campaign.state.active();
        }
        for task in new_tasks {
            self.tasks.insert(task.id, task);
        }
        Ok(json!({ "result": 1000 }))
    }

    fn finished_tasks(&self, campaign: &Campaign) -> usize {
        campaign
            .task_ids
            .iter()
            .filter(|id| self.tasks.get(id).is_some_and(|t| t.state == TaskState::Finished))
            .count()
    }

    /// `campaign` (manual 3.8.2), with its numbering.
    pub fn campaign_json(&mut self, id: i64) -> Checked<Value> {
        self.refresh();
        let campaign = self.campaigns.get(&id).ok_or_else(|| unknown_campaign(id))?;
        let spec = &campaign.spec;
        let author = spec.created_by.and_then(directory::operator);
        let members: Vec<&str> =
            spec.operators.iter().filter_map(|id| directory::operator(*id)).map(|o| o.extension).collect();
        let answer = json!({
            "result": 1000,
            "campaign": {
                "campaign_id": campaign.id,
                "line_id": spec.line_id,
                "created_by": author.map(|a| json!({"user_id": a.user_id, "name": a.name, "extension": a.extension})),
                "name": spec.name,
                "start": spec.start.map(|s| s.and_utc().timestamp()),
                "end": spec.end.map(|e| e.and_utc().timestamp()),
                "status": campaign.shown_code(),
                "priority": spec.priority,
                "members": members,
                "redial_busy": spec.redial_busy,
                "redial_no_answer": spec.redial_no_answer,
                "redial_not_avail": spec.redial_not_avail,
                "timer_busy": spec.timer_busy,
                "timer_no_answer": spec.timer_no_answer,
                "timer_not_avail": spec.timer_not_avail,
                "answer_wait": spec.answer_wait,
                "add_calls_coef": spec.additional_calls_coefficient,
                "dial_mode": spec.dial_mode,
                "call_processing": spec.after_call_processing,
                "status_reason": campaign.reason.map(|r| r as i64),
                "schema_id": null,
                "created": campaign.created.timestamp(),
                "tasks_count": campaign.task_ids.len(),
                "finished_tasks_count": self.finished_tasks(campaign),
            }
        });
        self.campaign_mut(id)?.settle_after_read();
        Ok(answer)
    }

    /// `campaign/get_list` (manual 3.8.1), with its own numbering and date format.
    pub fn list_json(&mut self) -> Value {
        self.refresh();
        let format = |t: DateTime<Utc>| t.format("%Y.%m.%d %H:%M:%S").to_string();
        let campaigns: Vec<Value> = self
            .campaigns
            .values()
            .filter(|c| c.state != State::Deleted)
            .map(|c| {
                let s = &c.spec;
                json!({
                    "campaign_id": c.id,
                    "member_id": s.created_by,
                    "name": s.name,
                    "priority": s.priority,
                    "status": c.shown_list_code(),
                    "start": s.start.map(|t| format(t.and_utc())),
                    "end": s.end.map(|t| format(t.and_utc())),
                    "member_ids": s.operators,
                    "dial_mode": s.dial_mode,
                    "redial_busy": s.redial_busy,
                    "redial_no_answer": s.redial_no_answer,
                    "redial_not_avail": s.redial_not_avail,
                    "answer_wait": s.answer_wait,
                    "additional_calls_coefficient": format!("{:.1}", s.additional_calls_coefficient),
                    "timer_busy": s.timer_busy,
                    "timer_no_answer": s.timer_no_answer,
                    "timer_not_avail": s.timer_not_avail,
                    "tasks_count": c.task_ids.len(),
                    "finished_tasks_count": self.finished_tasks(c),
                    "created": format(c.created),
                    "completed": c.completed.map(format),
                })
            })
            .collect();
        for campaign in self.campaigns.values_mut() {
            campaign.settle_after_read();
        }
        json!({ "result": 1000, "campaigns": campaigns })
    }

    /// `task` (manual 3.8.3).
    pub fn task_json(&self, id: i64) -> Checked<Value> {
        let task =
            self.tasks.get(&id).ok_or_else(|| Refusal::bad(3300, format!("task {id} does not exist")))?;
        Ok(json!({
            "result": 1000,
            "task": {
                "campaign_task_id": task.id,
                "campaign_id": task.campaign_id,
                "name": task.name,
                "position": task.position,
                "organization": task.organization,
                "number": task.number,
                "talk_duration": task.talk_duration,
                "status": task.state.code(),
                "status_reason": task.reason,
                "comment": null,
                "blocked_until": task.blocked_until.map(|t| t.timestamp()),
                "transfer_number": task.operator,
                "updated": task.updated.timestamp(),
                "end": null,
                "created": task.created.timestamp(),
            }
        }))
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    fn world() -> World {
        World::new(Clock::new(Utc::now(), 0.0), 1)
    }

    fn fields(value: Value) -> Fields {
        Fields::parse(&value.to_string()).unwrap()
    }

    fn add(world: &mut World) -> Checked<Value> {
        world.add_campaign(&fields(json!({"line_id": 400200001, "name": "cap", "operators": [400100101],
            "schedule": [{"weekday": 1, "start": "00:00", "end": "24:00"}]})))
    }

    fn push(world: &mut World, id: i64, from: usize, count: usize) -> Checked<Value> {
        let tasks: Vec<Value> = (from..from + count)
            .map(|n| json!({"name": format!("t{n}"), "number": format!("7911{n:07}")}))
            .collect();
        world.push_tasks(&fields(json!({"campaign_id": id, "tasks": tasks})))
    }

    #[test]
    fn campaigns_stop_at_the_cap_with_5103() {
        let mut world = world();
        for _ in 0..Caps::default().campaigns {
            add(&mut world).unwrap();
        }
        let refused = add(&mut world).unwrap_err();
        assert_eq!(refused.code(), 5103, "{refused:?}");
        assert_eq!(world.campaigns.len(), 1_000, "nothing kept beyond the cap");
    }

    #[test]
    fn tasks_of_all_campaigns_stop_at_the_cap_with_5113() {
        let mut world = world();
        world.caps.tasks = 25;
        let first = add(&mut world).unwrap()["campaign_id"].as_i64().unwrap();
        let second = add(&mut world).unwrap()["campaign_id"].as_i64().unwrap();
        push(&mut world, first, 0, 20).unwrap();
        let refused = push(&mut world, second, 100, 6).unwrap_err();
        assert_eq!(refused.code(), 5113, "{refused:?}");
        assert_eq!(world.tasks.len(), 20, "a refused push keeps none of its tasks");
        assert!(world.campaigns[&second].task_ids.is_empty() && world.campaigns[&second].queue.is_empty());
        push(&mut world, second, 100, 5).unwrap();
        assert_eq!(world.tasks.len(), 25);
        assert_eq!(Caps::default().tasks, 200_000);
    }

    #[test]
    fn callbacks_and_queued_events_are_bounded() {
        let mut world = world();
        world.caps.callbacks = 3;
        let callback = |n: i64| {
            fields(json!({"event_type": 1, "start_time": 1_900_000_000 + n, "duration": 15,
                "to_user_id": 400100101, "is_auto_call": 1, "phone": format!("7916{n:07}")}))
        };
        for n in 0..3 {
            world.add_cc_task(&callback(n)).unwrap();
        }
        assert!(world.add_cc_task(&callback(3)).is_err());
        assert_eq!(world.callbacks.len(), 3);

        world.caps.queued_events = 10;
        for seq in 0..25 {
            world
                .sim
                .outbox
                .push(super::super::dialer::Event { path: "events/call", json: json!({"seq": seq}) });
        }
        world.refresh();
        assert_eq!(world.sim.outbox.len(), 10);
        assert_eq!(world.sim.outbox[0].json["seq"], 15, "the oldest are dropped");
        assert_eq!(world.events_dropped, 15);
    }
}
