//! The sandbox MANGO: the same endpoints, signatures, value sets, limits and result codes as
//! the real API (manual sections cited where each rule comes from), with a seeded company
//! directory. Obzvon runs against it when no MANGO credentials are configured, and every
//! test of MANGO-facing behaviour runs against it.

pub mod callbacks;
pub mod campaign;
pub mod clock;
pub mod delivery;
pub mod dialer;
pub mod directory;
pub mod fields;
pub mod files;
pub mod http;
pub mod limits;
pub mod outcome;
pub mod recordings;
pub mod refusal;
pub mod world;

use std::sync::atomic::{AtomicBool, Ordering};
use std::sync::{Arc, Mutex};

use chrono::{DateTime, Utc};

use self::clock::Clock;
use self::limits::Limits;
use self::world::World;

#[derive(Clone, Debug)]
pub struct EmulatorConfig {
    pub api_key: String,
    pub api_salt: String,
    /// Where simulated time starts.
    pub start: DateTime<Utc>,
    /// Simulated seconds per real second.
    pub time_factor: f64,
    pub seed: u64,
    /// Off by default; tests switch faults on.
    pub faults: delivery::Faults,
}

#[derive(Clone)]
pub struct Sandbox {
    pub config: Arc<EmulatorConfig>,
    pub world: Arc<Mutex<World>>,
    pub limits: Arc<Limits>,
    /// Where `campaign/get_list` is served; switched at run time by tests.
    pub list_paths: Arc<Mutex<ListPaths>>,
    /// Faults of the API's answers (not of event delivery, see `delivery::Faults`), queued
    /// per method by tests.
    pub answer_faults: Arc<Mutex<Vec<(String, AnswerFault)>>>,
    /// Leave `tasks_count` out of `campaign/get_list` and `campaign` (manual 3.8.2 does not
    /// list it at all), as a MANGO might; switched by tests.
    pub hide_task_counts: Arc<AtomicBool>,
    /// Answer 5008 to every Contact Center request, as MANGO does while the CC API is
    /// unavailable (manual 4.1); switched by tests.
    pub cc_down: Arc<AtomicBool>,
    /// Serve recording files whole (HTTP 200) whatever `Range` a request asks for: real file
    /// services differ on ranges, and the client must cope with both; switched by tests.
    pub ignore_ranges: Arc<AtomicBool>,
}

/// Manual 3.8.1's heading says `/vpbx/campaign/get_list`, its example calls
/// `/vpbx/io/v1/campaign/get_list`. The sandbox serves the example's path by default (it is
/// the only full address the manual gives), so a client that tries the heading's path first
/// must fall back; tests switch to the other cases.
#[derive(Clone, Copy, Debug, Default, PartialEq, Eq)]
pub enum ListPaths {
    #[default]
    Example,
    Heading,
    Both,
}

/// What happens to the answer of a request that was carried out.
#[derive(Clone, Copy, Debug, PartialEq, Eq)]
pub enum AnswerFault {
    /// HTTP 502 with an empty body, as a proxy in front of MANGO answers when it lost
    /// MANGO's answer (manual 2.1.1: HTTP errors carry no data).
    BadGateway,
    /// HTTP 200 with the first half of the JSON: the connection was cut mid-answer.
    Truncated,
}

impl Sandbox {
    pub fn new(config: EmulatorConfig) -> Sandbox {
        let clock = Clock::new(config.start, config.time_factor);
        let seed = config.seed;
        Sandbox {
            config: Arc::new(config),
            world: Arc::new(Mutex::new(World::new(clock, seed))),
            limits: Arc::new(Limits::new()),
            list_paths: Arc::default(),
            answer_faults: Arc::default(),
            hide_task_counts: Arc::default(),
            cc_down: Arc::default(),
            ignore_ranges: Arc::default(),
        }
    }

    /// The next request to `method` (e.g. `tasks/push`) is carried out, and its answer
    /// spoiled by `fault`. Queued faults are used in order, one per request.
    pub fn spoil_next_answer(&self, method: &str, fault: AnswerFault) {
        self.answer_faults.lock().unwrap_or_else(|p| p.into_inner()).push((method.to_string(), fault));
    }

    pub fn take_cc_down(&self, down: bool) {
        self.cc_down.store(down, Ordering::SeqCst);
    }

    pub fn hide_task_counts(&self, hide: bool) {
        self.hide_task_counts.store(hide, Ordering::SeqCst);
    }

    pub fn ignore_ranges(&self, ignore: bool) {
        self.ignore_ranges.store(ignore, Ordering::SeqCst);
    }

    pub fn serve_list_at(&self, paths: ListPaths) {
        *self.list_paths.lock().unwrap_or_else(|p| p.into_inner()) = paths;
    }

    /// Takes the first fault queued for `method`.
    fn take_answer_fault(&self, method: &str) -> Option<AnswerFault> {
        let mut faults = self.answer_faults.lock().unwrap_or_else(|p| p.into_inner());
        let at = faults.iter().position(|(m, _)| m == method)?;
        Some(faults.remove(at).1)
    }

    pub fn router(&self) -> axum::Router {
        http::router(self.clone())
    }
}
