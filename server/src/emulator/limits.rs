//! The sandbox enforces MANGO's request limits (manual 1.4) as MANGO does: VPBX answers
//! HTTP 503 with a JSON body, the Contact Center API answers result 5008.

use std::num::NonZeroU32;
use std::time::Duration;

use governor::{DefaultDirectRateLimiter, Quota, RateLimiter};

pub struct Limits {
    /// Manual 1.4.1: all VPBX requests, 10 per second.
    pub vpbx_all: DefaultDirectRateLimiter,
    /// Manual 1.4.1: `/users/request`, 1 per 2 seconds.
    pub users_request: DefaultDirectRateLimiter,
    /// Manual 1.4.1: `account/balance`, 2 per second.
    pub balance: DefaultDirectRateLimiter,
    /// Manual 1.4.1 "Доступ к записям разговоров": 10 per second, shared by
    /// `queries/recording/post`, `queries/recording_transcripts` and
    /// `queries/recording_categories`, on top of the VPBX-wide limit.
    pub recordings: DefaultDirectRateLimiter,
    /// Manual 1.4.2: all Contact Center requests, 10 per second.
    pub cc_all: DefaultDirectRateLimiter,
    /// Manual 1.4.2: `/task/add`, 5 per second.
    pub cc_task_add: DefaultDirectRateLimiter,
}

fn per_second(n: u32) -> DefaultDirectRateLimiter {
    RateLimiter::direct(Quota::per_second(NonZeroU32::new(n).expect("a positive limit")))
}

impl Limits {
    pub fn new() -> Limits {
        Limits {
            vpbx_all: per_second(10),
            users_request: RateLimiter::direct(
                Quota::with_period(Duration::from_secs(2)).expect("a positive period"),
            ),
            balance: per_second(2),
            recordings: per_second(10),
            cc_all: per_second(10),
            cc_task_add: per_second(5),
        }
    }
}

impl Default for Limits {
    fn default() -> Self {
        Limits::new()
    }
}
