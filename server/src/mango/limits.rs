//! MANGO's request limits (manual 1.4), enforced on our side before each request so that
//! MANGO rarely has to answer "slow down" (503 / 5008). The limits hold per MANGO account,
//! so every client in the process must share one [`RateLimits`]: use
//! [`RateLimits::process_wide`] outside tests.

use std::fmt;
use std::num::NonZeroU32;
use std::sync::{Arc, OnceLock};
use std::time::Duration;

use governor::{DefaultDirectRateLimiter, Quota, RateLimiter};

/// One row of the manual's limit tables that applies to a method this client calls. The other
/// rows of manual 1.4.1 (callback, call/hangup, recording/start, address book, transfer,
/// stats, routing) cover methods Obzvon does not call.
#[derive(Clone, Copy, Debug, PartialEq, Eq, Hash)]
pub enum LimitClass {
    /// Manual 1.4.1: all VPBX requests, 10 per second.
    VpbxAll,
    /// Manual 1.4.1: `/users/request`, 1 per 2 seconds.
    VpbxUsersRequest,
    /// Manual 1.4.1: `account/balance`, 2 per second.
    VpbxBalance,
    /// Manual 1.4.1: "Доступ к записям разговоров", 10 per second (recordings, their
    /// transcripts and topics).
    VpbxRecordings,
    /// Manual 1.4.2: all Contact Center requests, 10 per second.
    CcAll,
    /// Manual 1.4.2 and 4.2: `/task/add`, 5 per second.
    CcTaskAdd,
}

impl LimitClass {
    pub const ALL: [LimitClass; 6] = [
        LimitClass::VpbxAll,
        LimitClass::VpbxUsersRequest,
        LimitClass::VpbxBalance,
        LimitClass::VpbxRecordings,
        LimitClass::CcAll,
        LimitClass::CcTaskAdd,
    ];

    /// `(requests, per this long)` as the manual's tables give them.
    pub fn manual_rate(self) -> (u32, Duration) {
        let second = Duration::from_secs(1);
        match self {
            // Manual 1.4.1.
            LimitClass::VpbxAll => (10, second),
            LimitClass::VpbxUsersRequest => (1, Duration::from_secs(2)),
            LimitClass::VpbxBalance => (2, second),
            LimitClass::VpbxRecordings => (10, second),
            // Manual 1.4.2.
            LimitClass::CcAll => (10, second),
            LimitClass::CcTaskAdd => (5, second),
        }
    }

    /// The manual's rate as evenly spaced requests (no burst): MANGO does not say how it
    /// counts, and "n per window" spaced evenly can never exceed n in any window it might use.
    pub fn manual_quota(self) -> Quota {
        let (requests, window) = self.manual_rate();
        spaced(window / requests)
    }
}

/// A quota of one request per `period`, without burst.
pub fn spaced(period: Duration) -> Quota {
    // Quota::with_period refuses only a zero period; a nanosecond is "no limit" in practice.
    Quota::with_period(period)
        .or_else(|| Quota::with_period(Duration::from_nanos(1)))
        .unwrap_or_else(|| Quota::per_second(NonZeroU32::MAX))
}

/// One limiter per [`LimitClass`].
pub struct RateLimits {
    vpbx_all: DefaultDirectRateLimiter,
    vpbx_users_request: DefaultDirectRateLimiter,
    vpbx_balance: DefaultDirectRateLimiter,
    vpbx_recordings: DefaultDirectRateLimiter,
    cc_all: DefaultDirectRateLimiter,
    cc_task_add: DefaultDirectRateLimiter,
}

impl RateLimits {
    /// The limits of manual 1.4.
    pub fn per_manual() -> RateLimits {
        RateLimits::with_quotas(LimitClass::manual_quota)
    }

    /// Any quotas, e.g. looser ones for tests.
    pub fn with_quotas(quota: impl Fn(LimitClass) -> Quota) -> RateLimits {
        let limiter = |class| RateLimiter::direct(quota(class));
        RateLimits {
            vpbx_all: limiter(LimitClass::VpbxAll),
            vpbx_users_request: limiter(LimitClass::VpbxUsersRequest),
            vpbx_balance: limiter(LimitClass::VpbxBalance),
            vpbx_recordings: limiter(LimitClass::VpbxRecordings),
            cc_all: limiter(LimitClass::CcAll),
            cc_task_add: limiter(LimitClass::CcTaskAdd),
        }
    }

    /// The manual's limits, shared by every client in this process.
    pub fn process_wide() -> Arc<RateLimits> {
        static SHARED: OnceLock<Arc<RateLimits>> = OnceLock::new();
        SHARED.get_or_init(|| Arc::new(RateLimits::per_manual())).clone()
    }

    fn limiter(&self, class: LimitClass) -> &DefaultDirectRateLimiter {
        match class {
            LimitClass::VpbxAll => &self.vpbx_all,
            LimitClass::VpbxUsersRequest => &self.vpbx_users_request,
            LimitClass::VpbxBalance => &self.vpbx_balance,
            LimitClass::VpbxRecordings => &self.vpbx_recordings,
            LimitClass::CcAll => &self.cc_all,
            LimitClass::CcTaskAdd => &self.cc_task_add,
        }
    }

    /// Waits until a request of all these classes may go. Pass the specific class before the
    /// general one, so no general slot is held while waiting out a slower specific limit.
    pub async fn until_ready(&self, classes: &[LimitClass]) {
        for class in classes {
            self.limiter(*class).until_ready().await;
        }
    }
}

impl fmt::Debug for RateLimits {
    fn fmt(&self, f: &mut fmt::Formatter<'_>) -> fmt::Result {
        f.debug_struct("RateLimits").finish_non_exhaustive()
    }
}

#[cfg(test)]
mod tests {
    use std::time::Instant;

    use super::*;

    #[test]
    fn the_manual_rates() {
        let rates: Vec<(u32, Duration)> = LimitClass::ALL.iter().map(|c| c.manual_rate()).collect();
        let s = Duration::from_secs;
        assert_eq!(rates, [(10, s(1)), (1, s(2)), (2, s(1)), (10, s(1)), (10, s(1)), (5, s(1))]);
    }

    #[tokio::test]
    async fn requests_are_spaced_by_their_class() {
        let limits = RateLimits::per_manual();
        // account/balance: 2 per second, spaced, so the third request goes no earlier than 1 s
        // after the first.
        let started = Instant::now();
        for _ in 0..3 {
            limits.until_ready(&[LimitClass::VpbxBalance, LimitClass::VpbxAll]).await;
        }
        let elapsed = started.elapsed();
        assert!(elapsed >= Duration::from_millis(950), "{elapsed:?}");
        assert!(elapsed < Duration::from_secs(3), "{elapsed:?}");
    }

    #[tokio::test]
    async fn classes_do_not_share_a_budget() {
        let limits = RateLimits::per_manual();
        limits.until_ready(&[LimitClass::VpbxUsersRequest, LimitClass::VpbxAll]).await;
        // A second users request must wait 2 s, but a CC request goes at once.
        let started = Instant::now();
        limits.until_ready(&[LimitClass::CcTaskAdd, LimitClass::CcAll]).await;
        assert!(started.elapsed() < Duration::from_millis(50));
        assert!(limits.limiter(LimitClass::VpbxUsersRequest).check().is_err(), "users request still limited");
        assert!(limits.limiter(LimitClass::VpbxBalance).check().is_ok());
    }

    #[test]
    fn one_set_of_limits_per_process() {
        assert!(Arc::ptr_eq(&RateLimits::process_wide(), &RateLimits::process_wide()));
    }
}
