//! Which MANGO Obzvon talks to: the account configured in Settings, or — while no api key and
//! salt are set — the built-in sandbox served by this same process under `/sandbox`.

use std::net::{IpAddr, Ipv4Addr, SocketAddr};
use std::sync::{Arc, Mutex};

use anyhow::Context;

use crate::crypto::SecretBox;
use crate::db::Db;
use crate::mango::config::AddressPolicy;
use crate::mango::settings::Settings;
use crate::mango::{MangoClient, MangoConfig, RateLimits};
use crate::{SANDBOX_API_KEY, SANDBOX_API_SALT};

/// A client for the MANGO configured right now.
#[derive(Clone, Debug)]
pub struct Connected {
    pub client: MangoClient,
    pub sandbox: bool,
    /// Names where data came from: `sandbox`, or `account:<api key>`. Cached MANGO data
    /// from another source than the current one is stale.
    pub source: String,
}

/// The built-in sandbox's addresses, as this process serves them.
#[derive(Clone, Debug, PartialEq, Eq)]
pub struct SandboxAddress {
    pub vpbx_base: String,
    pub cc_base: String,
}

impl SandboxAddress {
    /// Under `/sandbox` of the server bound at `bound`, reached over loopback when the server
    /// listens on every interface.
    pub fn served_at(bound: SocketAddr) -> SandboxAddress {
        let ip = match bound.ip() {
            IpAddr::V4(ip) if ip.is_unspecified() => IpAddr::V4(Ipv4Addr::LOCALHOST),
            IpAddr::V6(ip) if ip.is_unspecified() => IpAddr::V4(Ipv4Addr::LOCALHOST),
            ip => ip,
        };
        let root = format!("http://{}/sandbox", SocketAddr::new(ip, bound.port()));
        SandboxAddress { vpbx_base: format!("{root}/vpbx"), cc_base: format!("{root}/cc") }
    }
}

/// What a client was built from; a different one means a new client. (No Debug: it holds
/// the salt.)
#[derive(Clone, PartialEq, Eq)]
struct Target {
    vpbx_base: String,
    cc_base: String,
    api_key: String,
    api_salt: String,
}

pub struct MangoLink {
    db: Db,
    secrets: Arc<SecretBox>,
    sandbox: SandboxAddress,
    /// Refuse targets that are not loopback (`OBZVON_MANGO_LOOPBACK_ONLY`).
    loopback_only: bool,
    /// Allow private and other non-public targets (`OBZVON_MANGO_ALLOW_PRIVATE`).
    allow_private: bool,
    /// Manual 1.4's limits hold per account; every client this server builds shares them
    /// (one server per account, so this is the process-wide set in production, while
    /// servers started side by side in tests do not slow each other down).
    limits: Arc<RateLimits>,
    cached: Mutex<Option<(Target, MangoClient)>>,
    /// Bumped whenever the connection settings change; caches of credentials compare it.
    generation: std::sync::atomic::AtomicU64,
}

impl MangoLink {
    pub fn new(db: Db, secrets: Arc<SecretBox>, sandbox: SandboxAddress, loopback_only: bool) -> MangoLink {
        MangoLink {
            db,
            secrets,
            sandbox,
            loopback_only,
            allow_private: false,
            limits: Arc::new(RateLimits::per_manual()),
            cached: Mutex::new(None),
            generation: std::sync::atomic::AtomicU64::new(0),
        }
    }

    /// Lets the configured MANGO be at a private or other non-public address.
    pub fn allowing_private(mut self, allow: bool) -> MangoLink {
        self.allow_private = allow;
        self
    }

    /// Which addresses a configured (not the built-in) MANGO may be at.
    pub fn address_policy(&self) -> AddressPolicy {
        AddressPolicy::from_flags(self.loopback_only, self.allow_private)
    }

    /// Whether the built-in sandbox is the MANGO in use: no account key and salt saved.
    /// Only then is `/sandbox` served and its key honoured.
    pub async fn sandbox_in_use(&self) -> anyhow::Result<bool> {
        Ok(Settings::load(&self.db, &self.secrets).await?.sandbox())
    }

    /// A client for the MANGO the current settings point at.
    pub async fn connect(&self) -> anyhow::Result<Connected> {
        let settings = Settings::load(&self.db, &self.secrets).await?;
        self.connect_with(&settings)
    }

    /// Called after the connection settings were saved.
    pub fn settings_changed(&self) {
        self.generation.fetch_add(1, std::sync::atomic::Ordering::SeqCst);
    }

    /// Changes with every save of the connection settings.
    pub fn generation(&self) -> u64 {
        self.generation.load(std::sync::atomic::Ordering::SeqCst)
    }

    /// The key and salt MANGO's events are signed with: the account's, or the sandbox's —
    /// the sandbox's only while it is the MANGO in use.
    pub async fn credentials(&self) -> anyhow::Result<(String, String)> {
        let settings = Settings::load(&self.db, &self.secrets).await?;
        Ok(match (&settings.api_salt, settings.sandbox()) {
            (Some(salt), false) => (settings.vpbx_api_key.clone(), salt.clone()),
            _ => (SANDBOX_API_KEY.to_string(), SANDBOX_API_SALT.to_string()),
        })
    }

    /// Whether the settings name the sandbox, and where MANGO data comes from under them —
    /// without being able to reach it: cached data can be shown while MANGO cannot be called.
    pub async fn source(&self) -> anyhow::Result<(bool, String)> {
        let settings = Settings::load(&self.db, &self.secrets).await?;
        Ok((settings.sandbox(), source_name(&settings)))
    }

    pub fn connect_with(&self, settings: &Settings) -> anyhow::Result<Connected> {
        let sandbox = settings.sandbox();
        let target = match (&settings.api_salt, sandbox) {
            (Some(salt), false) => Target {
                vpbx_base: settings.vpbx_base_url.clone(),
                cc_base: settings.cc_base_url.clone(),
                api_key: settings.vpbx_api_key.clone(),
                api_salt: salt.clone(),
            },
            _ => Target {
                vpbx_base: self.sandbox.vpbx_base.clone(),
                cc_base: self.sandbox.cc_base.clone(),
                api_key: SANDBOX_API_KEY.into(),
                api_salt: SANDBOX_API_SALT.into(),
            },
        };
        if self.loopback_only {
            for address in [&target.vpbx_base, &target.cc_base] {
                if !is_loopback_url(address) {
                    anyhow::bail!(
                        "{address} is not on this machine, and this server may only call MANGO on loopback \
                         (OBZVON_MANGO_LOOPBACK_ONLY is set)"
                    );
                }
            }
        }
        // The built-in sandbox is on this machine by construction; a configured MANGO is held
        // to the address policy, on every call.
        let addresses = if sandbox { AddressPolicy::LoopbackOnly } else { self.address_policy() };
        let source = source_name(settings);
        let mut cached = self.cached.lock().unwrap_or_else(|poisoned| poisoned.into_inner());
        if let Some((known, client)) = cached.as_ref() {
            if *known == target {
                return Ok(Connected { client: client.clone(), sandbox, source });
            }
        }
        let mut config =
            MangoConfig::new(&target.vpbx_base, &target.cc_base, &target.api_key, target.api_salt.as_str());
        config.limits = self.limits.clone();
        config.addresses = addresses;
        let client = MangoClient::new(config).context("cannot set up the MANGO client from the settings")?;
        *cached = Some((target, client.clone()));
        Ok(Connected { client, sandbox, source })
    }
}

/// Serves `sandbox` (the built-in sandbox's routes) only while it is the MANGO in use and
/// only to callers on this machine: its key and salt are public, so anyone else reaching it
/// could run campaigns in it or flood its memory. While an account is configured it answers
/// 404 (there is nothing there); to another address, 403.
pub fn guard_sandbox(sandbox: axum::Router, link: Arc<MangoLink>) -> axum::Router {
    sandbox.layer(axum::middleware::from_fn_with_state(link, sandbox_gate))
}

async fn sandbox_gate(
    axum::extract::State(link): axum::extract::State<Arc<MangoLink>>,
    request: axum::extract::Request,
    next: axum::middleware::Next,
) -> axum::response::Response {
    use axum::response::IntoResponse;
    let peer = request.extensions().get::<axum::extract::ConnectInfo<SocketAddr>>().map(|info| info.0.ip());
    // Without a known peer (the server is always served with connect info) it is refused.
    if !peer.is_some_and(is_loopback_peer) {
        return (axum::http::StatusCode::FORBIDDEN, "the built-in sandbox answers only this machine")
            .into_response();
    }
    match link.sandbox_in_use().await {
        Ok(true) => next.run(request).await,
        Ok(false) => axum::http::StatusCode::NOT_FOUND.into_response(),
        Err(error) => {
            tracing::error!(error = %format!("{error:#}"), "cannot read the settings to serve the sandbox");
            axum::http::StatusCode::SERVICE_UNAVAILABLE.into_response()
        }
    }
}

/// Loopback, also when written as IPv6 (`::ffff:127.0.0.1`, as a dual-stack socket reports it).
fn is_loopback_peer(ip: IpAddr) -> bool {
    match ip {
        IpAddr::V4(v4) => v4.is_loopback(),
        IpAddr::V6(v6) => v6.is_loopback() || v6.to_ipv4_mapped().is_some_and(|v4| v4.is_loopback()),
    }
}

/// See [`Connected::source`].
fn source_name(settings: &Settings) -> String {
    if settings.sandbox() {
        "sandbox".to_string()
    } else {
        format!("account:{}", settings.vpbx_api_key)
    }
}

fn is_loopback_url(address: &str) -> bool {
    match url::Url::parse(address).ok().as_ref().and_then(|url| url.host()) {
        Some(url::Host::Ipv4(ip)) => ip.is_loopback(),
        Some(url::Host::Ipv6(ip)) => ip.is_loopback(),
        Some(url::Host::Domain(name)) => name.eq_ignore_ascii_case("localhost"),
        None => false,
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn the_sandbox_is_reached_over_loopback() {
        let any: SocketAddr = "0.0.0.0:3000".parse().unwrap();
        assert_eq!(SandboxAddress::served_at(any).vpbx_base, "http://127.0.0.1:3000/sandbox/vpbx");
        let own: SocketAddr = "127.0.0.1:41234".parse().unwrap();
        assert_eq!(SandboxAddress::served_at(own).cc_base, "http://127.0.0.1:41234/sandbox/cc");
        let v6: SocketAddr = "[::1]:8080".parse().unwrap();
        assert_eq!(SandboxAddress::served_at(v6).vpbx_base, "http://[::1]:8080/sandbox/vpbx");
    }

    #[test]
    fn only_loopback_peers_reach_the_sandbox() {
        for peer in ["127.0.0.1", "127.5.6.7", "::1", "::ffff:127.0.0.1"] {
            assert!(is_loopback_peer(peer.parse().unwrap()), "{peer}");
        }
        for peer in ["10.0.0.5", "192.168.0.2", "81.88.86.1", "::ffff:10.0.0.5", "fe80::1", "0.0.0.0"] {
            assert!(!is_loopback_peer(peer.parse().unwrap()), "{peer}");
        }
    }

    #[test]
    fn loopback_is_told_apart() {
        assert!(is_loopback_url("http://127.0.0.1:3000/sandbox/vpbx"));
        assert!(is_loopback_url("http://localhost/vpbx"));
        assert!(is_loopback_url("http://[::1]:1/cc"));
        assert!(!is_loopback_url("https://app.mango-office.ru/vpbx"));
        assert!(!is_loopback_url("http://10.0.0.1/vpbx"));
        assert!(!is_loopback_url("not a url"));
    }
}
