//! How a [`super::MangoClient`] is set up: where MANGO is, the account's credentials,
//! timeouts, how long to wait out "slow down", and the shared rate limiters.

use std::net::{IpAddr, Ipv4Addr, Ipv6Addr};
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
    /// Which addresses the base URLs may lead to, checked on the literal host and on every
    /// address a name resolves to when connecting.
    pub addresses: AddressPolicy,
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
            addresses: AddressPolicy::PublicOnly,
        }
    }

    /// The real MANGO OFFICE.
    pub fn production(api_key: impl Into<String>, api_salt: impl Into<ApiSalt>) -> MangoConfig {
        MangoConfig::new(PRODUCTION_VPBX_BASE, PRODUCTION_CC_BASE, api_key, api_salt)
    }
}

/// Which addresses a MANGO base URL may lead to. MANGO OFFICE is on the public internet
/// (manual 2.1.1); a base URL that leads into the server's own network (a cloud metadata
/// address, a database, the admin port of a router) would let whoever edits Settings make
/// this server call it.
#[derive(Clone, Copy, Debug, Default, PartialEq, Eq)]
pub enum AddressPolicy {
    /// Public addresses only (the default).
    #[default]
    PublicOnly,
    /// Only this machine: tests and demos (`OBZVON_MANGO_LOOPBACK_ONLY`), and the built-in
    /// sandbox.
    LoopbackOnly,
    /// Any address (`OBZVON_MANGO_ALLOW_PRIVATE`): MANGO reached through a private network.
    Any,
}

impl AddressPolicy {
    /// From the server's flags; loopback-only wins over allow-private.
    pub fn from_flags(loopback_only: bool, allow_private: bool) -> AddressPolicy {
        match (loopback_only, allow_private) {
            (true, _) => AddressPolicy::LoopbackOnly,
            (false, true) => AddressPolicy::Any,
            (false, false) => AddressPolicy::PublicOnly,
        }
    }

    pub fn allows(self, ip: IpAddr) -> bool {
        match self {
            AddressPolicy::PublicOnly => is_public(ip),
            AddressPolicy::LoopbackOnly => canonical(ip).is_loopback(),
            AddressPolicy::Any => true,
        }
    }

    /// Why the host of `address` may not be called, judged on what the address itself says:
    /// an IP literal, or a `localhost` name. Other names are judged on what they resolve
    /// to, when connecting.
    pub fn refuses_host(self, address: &str) -> Option<String> {
        let url = url::Url::parse(address).ok()?;
        let ip = match url.host()? {
            url::Host::Ipv4(ip) => IpAddr::V4(ip),
            url::Host::Ipv6(ip) => IpAddr::V6(ip),
            url::Host::Domain(name) => {
                let name = name.trim_end_matches('.').to_ascii_lowercase();
                if name == "localhost" || name.ends_with(".localhost") {
                    IpAddr::V4(Ipv4Addr::LOCALHOST)
                } else {
                    return None;
                }
            }
        };
        (!self.allows(ip)).then(|| format!("{ip} {}", self.rule()))
    }

    /// What the policy allows, for messages.
    pub fn rule(self) -> &'static str {
        let t = &app::i18n::t().settings.server;
        match self {
            AddressPolicy::PublicOnly => t.rule_public,
            AddressPolicy::LoopbackOnly => t.rule_loopback,
            AddressPolicy::Any => t.rule_any,
        }
    }
}

/// An IPv4 address written as IPv6 (`::ffff:10.0.0.1`) is judged as the IPv4 address.
fn canonical(ip: IpAddr) -> IpAddr {
    match ip {
        IpAddr::V6(v6) => v6.to_ipv4_mapped().map(IpAddr::V4).unwrap_or(ip),
        v4 => v4,
    }
}

/// Globally reachable unicast (RFC 6890's special-purpose registries, by hand: `is_global`
/// is not stable).
pub fn is_public(ip: IpAddr) -> bool {
    match canonical(ip) {
        IpAddr::V4(ip) => is_public_v4(ip),
        IpAddr::V6(ip) => is_public_v6(ip),
    }
}

fn is_public_v4(ip: Ipv4Addr) -> bool {
    let [a, b, c, _] = ip.octets();
    !(ip.is_unspecified()
        || ip.is_loopback()
        || ip.is_private()
        || ip.is_link_local()
        || ip.is_broadcast()
        || ip.is_documentation()
        || ip.is_multicast()
        || a == 0
        // 100.64.0.0/10, carrier-grade NAT.
        || (a == 100 && (64..128).contains(&b))
        // 192.0.0.0/24, protocol assignments.
        || (a == 192 && b == 0 && c == 0)
        // 198.18.0.0/15, benchmarking.
        || (a == 198 && (b == 18 || b == 19))
        // 240.0.0.0/4, reserved.
        || a >= 240)
}

fn is_public_v6(ip: Ipv6Addr) -> bool {
    let segments = ip.segments();
    let embedded_v4 = |high: u16, low: u16| Ipv4Addr::from(((high as u32) << 16) | low as u32);
    !(ip.is_unspecified()
        || ip.is_loopback()
        || ip.is_multicast()
        // fc00::/7, unique local.
        || (segments[0] & 0xfe00) == 0xfc00
        // fe80::/10, link-local; fec0::/10, the old site-local.
        || (segments[0] & 0xffc0) == 0xfe80
        || (segments[0] & 0xffc0) == 0xfec0
        // 2001:db8::/32, documentation.
        || (segments[0] == 0x2001 && segments[1] == 0x0db8)
        // 100::/64, discard.
        || (segments[0] == 0x0100 && segments[1..4] == [0, 0, 0])
        // ::/96, the old IPv4-compatible form.
        || segments[..6] == [0, 0, 0, 0, 0, 0]
        // 64:ff9b::/96 (NAT64) and 2002::/16 (6to4) carry an IPv4 address that decides.
        || (segments[..6] == [0x64, 0xff9b, 0, 0, 0, 0] && !is_public_v4(embedded_v4(segments[6], segments[7])))
        || (segments[0] == 0x2002 && !is_public_v4(embedded_v4(segments[1], segments[2]))))
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
    fn private_and_special_addresses_are_not_public() {
        for refused in [
            "127.0.0.1",
            "10.0.0.5",
            "172.16.0.1",
            "172.31.255.255",
            "192.168.1.1",
            "169.254.169.254",
            "0.0.0.0",
            "100.64.0.1",
            "255.255.255.255",
            "224.0.0.1",
            "::1",
            "::",
            "fe80::1",
            "fc00::1",
            "fd12:3456::1",
            "::ffff:10.0.0.1",
            "::ffff:127.0.0.1",
            "64:ff9b::a00:1",
            "2002:a00:1::1",
            "2001:db8::1",
            "::127.0.0.1",
        ] {
            let ip: IpAddr = refused.parse().unwrap();
            assert!(!is_public(ip), "{refused}");
            assert!(!AddressPolicy::PublicOnly.allows(ip), "{refused}");
            assert!(AddressPolicy::Any.allows(ip), "{refused}");
        }
        for allowed in ["81.88.86.1", "8.8.8.8", "172.32.0.1", "2a00:1450:4010::1", "::ffff:81.88.86.1"] {
            assert!(is_public(allowed.parse().unwrap()), "{allowed}");
        }
        assert!(AddressPolicy::LoopbackOnly.allows("127.0.0.1".parse().unwrap()));
        assert!(AddressPolicy::LoopbackOnly.allows("::1".parse().unwrap()));
        assert!(!AddressPolicy::LoopbackOnly.allows("10.0.0.5".parse().unwrap()));
    }

    #[test]
    fn literal_hosts_are_judged_before_any_call() {
        let public = AddressPolicy::from_flags(false, false);
        assert_eq!(public, AddressPolicy::PublicOnly);
        for refused in [
            "http://169.254.169.254/latest",
            "http://10.1.2.3/vpbx",
            "http://[fe80::1]/vpbx",
            "http://localhost:3000/vpbx",
            "http://LOCALHOST./vpbx",
            "http://0x7f000001/vpbx",
            "http://2130706433/vpbx",
        ] {
            let why = public.refuses_host(refused).unwrap_or_else(|| panic!("{refused} passed"));
            assert!(why.contains("OBZVON_MANGO_ALLOW_PRIVATE"), "{why}");
        }
        assert_eq!(
            public.refuses_host("https://app.mango-office.ru/vpbx"),
            None,
            "names are judged when resolved"
        );
        assert_eq!(AddressPolicy::from_flags(false, true).refuses_host("http://10.1.2.3/vpbx"), None);
        let loopback = AddressPolicy::from_flags(true, true);
        assert_eq!(loopback, AddressPolicy::LoopbackOnly);
        assert_eq!(loopback.refuses_host("http://127.0.0.1:9/vpbx"), None);
        assert_eq!(loopback.refuses_host("http://localhost:9/vpbx"), None);
        assert_eq!(loopback.refuses_host("https://app.mango-office.ru/vpbx"), None, "judged when resolved");
        assert!(loopback.refuses_host("http://10.1.2.3/vpbx").is_some());
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
