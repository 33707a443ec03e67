//! The client's address behind a reverse proxy. The TCP peer is the client unless it is one of
//! the proxies named in `OBZVON_TRUSTED_PROXIES`; then the client is the nearest address in its
//! `X-Forwarded-For` that is not itself a trusted proxy. A header from anyone else is ignored,
//! so nobody can choose the address their sign-in attempts are counted under.

use std::net::IpAddr;
use std::str::FromStr;

use axum::http::HeaderMap;

/// One trusted address or network (`10.0.0.0/8`, `::1`).
#[derive(Clone, Copy, Debug, PartialEq, Eq)]
struct Network {
    base: IpAddr,
    prefix: u8,
}

impl Network {
    fn contains(&self, ip: IpAddr) -> bool {
        match (self.base, ip.to_canonical()) {
            (IpAddr::V4(base), IpAddr::V4(ip)) => {
                let mask = u32::MAX.checked_shl(32 - u32::from(self.prefix)).unwrap_or(0);
                u32::from(base) & mask == u32::from(ip) & mask
            }
            (IpAddr::V6(base), IpAddr::V6(ip)) => {
                let mask = u128::MAX.checked_shl(128 - u32::from(self.prefix)).unwrap_or(0);
                u128::from(base) & mask == u128::from(ip) & mask
            }
            _ => false,
        }
    }
}

impl FromStr for Network {
    type Err = String;

    fn from_str(text: &str) -> Result<Network, String> {
        let bad = || format!("{text:?} is not an IP address or a network such as 10.0.0.0/8");
        let (address, prefix) = match text.split_once('/') {
            Some((address, prefix)) => (address, Some(prefix)),
            None => (text, None),
        };
        let base = IpAddr::from_str(address.trim()).map_err(|_| bad())?.to_canonical();
        let longest = if base.is_ipv4() { 32 } else { 128 };
        let prefix = match prefix {
            Some(prefix) => prefix.trim().parse::<u8>().ok().filter(|p| *p <= longest).ok_or_else(bad)?,
            None => longest,
        };
        Ok(Network { base, prefix })
    }
}

/// The proxies whose `X-Forwarded-For` is believed; none by default.
#[derive(Clone, Debug, Default, PartialEq, Eq)]
pub struct TrustedProxies(Vec<Network>);

impl TrustedProxies {
    /// Comma-separated addresses and networks; empty or missing: none.
    pub fn parse(list: Option<&str>) -> Result<TrustedProxies, String> {
        let list = list.unwrap_or_default();
        let networks = list
            .split(',')
            .map(str::trim)
            .filter(|entry| !entry.is_empty())
            .map(Network::from_str)
            .collect::<Result<Vec<_>, _>>()?;
        Ok(TrustedProxies(networks))
    }

    pub fn is_empty(&self) -> bool {
        self.0.is_empty()
    }

    fn trusts(&self, ip: IpAddr) -> bool {
        self.0.iter().any(|network| network.contains(ip))
    }

    /// The client's address: `peer`, or, when `peer` is a trusted proxy, the last address in
    /// `X-Forwarded-For` (read right to left, every header line) that is not a trusted proxy.
    /// A chain of only trusted proxies gives its first address; an entry that is not an
    /// address ends the walk at the last good one (what lies left of it could be anything).
    pub fn client_of(&self, peer: IpAddr, headers: &HeaderMap) -> IpAddr {
        if !self.trusts(peer) {
            return peer;
        }
        let mut client = peer;
        let forwarded = headers
            .get_all("x-forwarded-for")
            .iter()
            .filter_map(|value| value.to_str().ok())
            .flat_map(|value| value.split(','))
            .collect::<Vec<_>>();
        for entry in forwarded.into_iter().rev() {
            match IpAddr::from_str(entry.trim()) {
                Ok(ip) => {
                    client = ip.to_canonical();
                    if !self.trusts(client) {
                        return client;
                    }
                }
                Err(_) => return client,
            }
        }
        client
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    fn headers(values: &[&str]) -> HeaderMap {
        let mut headers = HeaderMap::new();
        for value in values {
            headers.append("x-forwarded-for", value.parse().unwrap());
        }
        headers
    }

    fn ip(text: &str) -> IpAddr {
        text.parse().unwrap()
    }

    #[test]
    fn only_a_trusted_peer_is_believed() {
        let proxies = TrustedProxies::parse(Some("127.0.0.1, 10.0.0.0/8")).unwrap();
        let forged = headers(&["203.0.113.7"]);
        assert_eq!(proxies.client_of(ip("198.51.100.2"), &forged), ip("198.51.100.2"), "a stranger's header");
        assert_eq!(proxies.client_of(ip("127.0.0.1"), &forged), ip("203.0.113.7"));
        assert_eq!(
            TrustedProxies::default().client_of(ip("127.0.0.1"), &forged),
            ip("127.0.0.1"),
            "none trusted"
        );
    }

    #[test]
    fn the_nearest_untrusted_address_is_the_client() {
        let proxies = TrustedProxies::parse(Some("127.0.0.1,10.0.0.0/8")).unwrap();
        // The client wrote its own X-Forwarded-For (1.1.1.1); our proxies appended the rest.
        let chain = headers(&["1.1.1.1, 203.0.113.7", "10.1.2.3"]);
        assert_eq!(proxies.client_of(ip("127.0.0.1"), &chain), ip("203.0.113.7"));
        let only_proxies = headers(&["10.0.0.5, 10.0.0.6"]);
        assert_eq!(proxies.client_of(ip("127.0.0.1"), &only_proxies), ip("10.0.0.5"));
        let garbage = headers(&["evil, 10.0.0.9"]);
        assert_eq!(
            proxies.client_of(ip("127.0.0.1"), &garbage),
            ip("10.0.0.9"),
            "stops at what is no address"
        );
        assert_eq!(proxies.client_of(ip("127.0.0.1"), &HeaderMap::new()), ip("127.0.0.1"), "no header");
    }

    #[test]
    fn networks_of_both_families_and_mapped_addresses() {
        let proxies = TrustedProxies::parse(Some("fd00::/8, 192.168.1.0/24")).unwrap();
        assert!(proxies.trusts(ip("fd12::1")));
        assert!(!proxies.trusts(ip("fe80::1")));
        assert!(proxies.trusts(ip("::ffff:192.168.1.20")), "an IPv4 peer on an IPv6 socket");
        assert!(!proxies.trusts(ip("192.168.2.1")));
        assert!(TrustedProxies::parse(Some("0.0.0.0/0")).unwrap().trusts(ip("8.8.8.8")));
        for bad in ["10.0.0.0/33", "proxy.example", "10.0.0.0/x", "::/129"] {
            assert!(TrustedProxies::parse(Some(bad)).is_err(), "{bad}");
        }
        assert!(TrustedProxies::parse(Some(" , ")).unwrap().is_empty());
    }
}
