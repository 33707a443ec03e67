//! How a [`super::MangoClient`] is set up: where MANGO is, the account's credentials,
//! timeouts, how long to wait out "slow down", and the shared rate limiters.

use std::sync::Arc;
use std::time::Duration;

use rand::Rng;

use super::limits::RateLimits;
use super::sign::ApiSalt;

/// Manual 2.1.1: the VPBX API's base address.
pub const PRODUCTION_VPBX_BASE: &str = "https://app.mango-office.ru/vpbx";
/// Manual 2.1.2: the Contact Center API's base address.
pub const PRODUCTION_CC_BASE: &str = "https://app.mango-office.ru/cc";

#[derive(Clone, Debug)]
pub struct MangoConfig {
    /// E.g. [`PRODUCTION_VPBX_BASE`] or the sandbox's `http://127.0.0.1:…/vpbx`.
    pub vpbx_base: String,
    /// E.g. [`PRODUCTION_CC_BASE`]; `task/add` is called under it.
    pub cc_base: String,
    /// `vpbx_api_key` (manual 2.1.1).
    pub api_key: String,
    /// `vpbx_api_salt` (manual 2.1.1); its Debug output is "…".
    pub api_salt: ApiSalt,
    /// Manual 3.8.1 names `campaign/get_list` but its example calls `io/v1/campaign/get_list`:
    /// the paths tried, in order, until one answers (the client then keeps that one).
    pub campaign_list_paths: Vec<String>,
    pub connect_timeout: Duration,
    /// For the whole exchange; a push of 10,000 tasks is a few megabytes.
    pub request_timeout: Duration,
    pub retry: RetryPolicy,
    /// Shared by every client of the account (see [`RateLimits::process_wide`]).
    pub limits: Arc<RateLimits>,
}

impl MangoConfig {
    /// Defaults for everything but where MANGO is and the credentials; the process-wide limiters.
    pub fn new(
        vpbx_base: impl Into<String>,
        cc_base: impl Into<String>,
        api_key: impl Into<String>,
        api_salt: impl Into<ApiSalt>,
    ) -> MangoConfig {
        MangoConfig {
            vpbx_base: vpbx_base.into(),
            cc_base: cc_base.into(),
            api_key: api_key.into(),
            api_salt: api_salt.into(),
            campaign_list_paths: super::endpoint::CAMPAIGN_LIST_PATHS.iter().map(|p| p.to_string()).collect(),
            connect_timeout: Duration::from_secs(10),
            request_timeout: Duration::from_secs(60),
            retry: RetryPolicy::default(),
            limits: RateLimits::process_wide(),
        }
    }

    /// The real MANGO OFFICE.
    pub fn production(api_key: impl Into<String>, api_salt: impl Into<ApiSalt>) -> MangoConfig {
        MangoConfig::new(PRODUCTION_VPBX_BASE, PRODUCTION_CC_BASE, api_key, api_salt)
    }
}

/// Waiting and repeating. Slow-downs (manual 1.4.3: "сделайте паузу") are waited out up to
/// a total; lost answers are repeated only where the method allows (see `endpoint.rs`).
#[derive(Clone, Debug, PartialEq)]
pub struct RetryPolicy {
    /// Repeats after a transport failure (on top of the first attempt).
    pub transport_retries: u32,
    /// The pause before the first repeat after a transport failure; doubles each time.
    pub transport_backoff: Duration,
    /// The pause after the first "slow down"; doubles each time, up to `slow_down_max`.
    pub slow_down_first: Duration,
    pub slow_down_max: Duration,
    /// The most a call waits out "slow down" in total before giving up with `RateLimited`.
    pub slow_down_budget: Duration,
    /// This many 5008 answers in a row from the Contact Center API, spread over at least
    /// `cc_down_after`, and it is taken as down rather than busy: manual 4.1 answers 5008 to
    /// every request while the CC API is unavailable, the same code as its rate limit (1.4.2).
    pub cc_down_answers: u32,
    pub cc_down_after: Duration,
}

impl Default for RetryPolicy {
    fn default() -> RetryPolicy {
        RetryPolicy {
            transport_retries: 2,
            transport_backoff: Duration::from_millis(500),
            slow_down_first: Duration::from_secs(1),
            slow_down_max: Duration::from_secs(16),
            slow_down_budget: Duration::from_secs(90),
            cc_down_answers: 5,
            cc_down_after: Duration::from_secs(10),
        }
    }
}

impl RetryPolicy {
    /// The pause before repeat number `repeat` (0-based) after a transport failure.
    pub fn transport_delay(&self, repeat: u32) -> Duration {
        with_jitter(exponential(self.transport_backoff, repeat, self.slow_down_max))
    }

    /// The pause after slow-down number `count` (0-based).
    pub fn slow_down_delay(&self, count: u32) -> Duration {
        with_jitter(exponential(self.slow_down_first, count, self.slow_down_max))
    }
}

fn exponential(first: Duration, step: u32, max: Duration) -> Duration {
    first.saturating_mul(2u32.saturating_pow(step.min(16))).min(max.max(first))
}

/// Between half and all of `delay`, so that clients told to slow down at the same moment do
/// not come back at the same moment.
fn with_jitter(delay: Duration) -> Duration {
    delay.mul_f64(rand::thread_rng().gen_range(0.5..=1.0))
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn defaults_point_at_production_and_hide_the_salt() {
        let config = MangoConfig::production("key", "salt-that-must-not-show");
        assert_eq!(config.vpbx_base, "https://app.mango-office.ru/vpbx");
        assert_eq!(config.cc_base, "https://app.mango-office.ru/cc");
        assert_eq!(config.campaign_list_paths, ["io/v1/campaign/get_list", "campaign/get_list"]);
        let shown = format!("{config:?}");
        assert!(!shown.contains("salt-that-must-not-show"), "{shown}");
        assert!(shown.contains("api_salt: …"), "{shown}");
        assert!(Arc::ptr_eq(&config.limits, &RateLimits::process_wide()));
    }

    #[test]
    fn delays_grow_with_jitter_and_stay_bounded() {
        let policy = RetryPolicy::default();
        for count in 0..40 {
            let nominal = exponential(policy.slow_down_first, count, policy.slow_down_max);
            let delay = policy.slow_down_delay(count);
            assert!(delay >= nominal / 2 && delay <= nominal, "{count}: {delay:?} vs {nominal:?}");
            assert!(delay <= policy.slow_down_max);
        }
        let s = Duration::from_secs;
        let nominal: Vec<Duration> = (0..6).map(|n| exponential(s(1), n, s(16))).collect();
        assert_eq!(nominal, [s(1), s(2), s(4), s(8), s(16), s(16)]);
        assert_eq!(exponential(s(20), 3, s(16)), s(20), "a first pause longer than the cap is kept");
    }
}
