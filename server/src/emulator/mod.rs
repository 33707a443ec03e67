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
pub mod http;
pub mod limits;
pub mod outcome;
pub mod refusal;
pub mod world;

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
}

impl Sandbox {
    pub fn new(config: EmulatorConfig) -> Sandbox {
        let clock = Clock::new(config.start, config.time_factor);
        let seed = config.seed;
        Sandbox {
            config: Arc::new(config),
            world: Arc::new(Mutex::new(World::new(clock, seed))),
            limits: Arc::new(Limits::new()),
        }
    }

    pub fn router(&self) -> axum::Router {
        http::router(self.clone())
    }
}
