//! Simulated time: runs `factor` times faster than real time from a chosen start, so a day
//! of dialing can pass in minutes (demo) or seconds (tests).

use std::time::Instant;

use chrono::{DateTime, Duration, Utc};

#[derive(Clone, Debug)]
pub struct Clock {
    origin_real: Instant,
    origin_sim: DateTime<Utc>,
    factor: f64,
}

impl Clock {
    pub fn new(start: DateTime<Utc>, factor: f64) -> Clock {
        Clock { origin_real: Instant::now(), origin_sim: start, factor: factor.max(0.0) }
    }

    pub fn now(&self) -> DateTime<Utc> {
        let elapsed = self.origin_real.elapsed().as_secs_f64() * self.factor;
        self.origin_sim + Duration::milliseconds((elapsed * 1000.0) as i64)
    }

    pub fn factor(&self) -> f64 {
        self.factor
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn runs_faster_than_real_time() {
        let start = Utc::now();
        let clock = Clock::new(start, 3600.0);
        std::thread::sleep(std::time::Duration::from_millis(20));
        let passed = clock.now() - start;
        assert!(passed >= Duration::seconds(60), "{passed}");
        let frozen = Clock::new(start, 0.0);
        assert_eq!(frozen.now(), start);
    }
}
