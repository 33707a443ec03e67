use leptos::prelude::*;
use leptos::server_fn::codec::Json;

use super::error::AppError;
use super::types::{SettingsForm, SettingsView};
#[cfg(feature = "ssr")]
use super::{backend::*, roles::Permission};

#[server(endpoint = "settings/get", input = Json)]
pub async fn get_settings() -> Result<SettingsView, AppError> {
    respond(async move {
        authorize(Permission::ManageSettings)?;
        backend()?.settings().await
    })
    .await
}

#[server(endpoint = "settings/save", input = Json)]
pub async fn save_settings(form: SettingsForm) -> Result<SettingsView, AppError> {
    respond(async move {
        let caller = authorize(Permission::ManageSettings)?;
        backend()?.save_settings(&caller, form).await
    })
    .await
}

/// The MANGO methods "Test connection" calls: reads that prove the key and salt are
/// accepted without changing anything in the account.
#[derive(Clone, Copy, Debug, PartialEq, Eq, serde::Serialize, serde::Deserialize)]
pub enum CheckedMethod {
    /// API manual 3.6.6.
    #[serde(rename = "account/balance")]
    Balance,
    /// API manual 3.6.1.
    #[serde(rename = "config/users/request")]
    Users,
    /// API manual 3.8.1 (it names two paths; the check tries each).
    #[serde(rename = "campaign/get_list")]
    CampaignList,
}

impl CheckedMethod {
    /// The method as the manual names it.
    pub fn path(self) -> &'static str {
        match self {
            CheckedMethod::Balance => "account/balance",
            CheckedMethod::Users => "config/users/request",
            CheckedMethod::CampaignList => "campaign/get_list",
        }
    }
}

/// One call made by "Test connection" and how it went.
#[derive(Clone, Debug, PartialEq, Eq, serde::Serialize, serde::Deserialize)]
pub struct ConnectionCheck {
    pub method: CheckedMethod,
    pub ok: bool,
    /// What came back: the balance, the number of employees, or the failure in words.
    pub detail: String,
    /// MANGO's result code when it refused.
    pub code: Option<u32>,
}

#[derive(Clone, Debug, PartialEq, Eq, serde::Serialize, serde::Deserialize)]
pub struct ConnectionReport {
    /// The test ran against the built-in sandbox (no credentials are configured).
    pub sandbox: bool,
    /// The VPBX address that was called.
    pub target: String,
    pub checks: Vec<ConnectionCheck>,
}

impl ConnectionReport {
    pub fn ok(&self) -> bool {
        !self.checks.is_empty() && self.checks.iter().all(|check| check.ok)
    }
}

/// Calls `account/balance` and `config/users/request` with the saved settings.
#[server(endpoint = "settings/test_connection", input = Json)]
pub async fn test_connection() -> Result<ConnectionReport, AppError> {
    respond(async move {
        let caller = authorize(Permission::ManageSettings)?;
        backend()?.test_connection(&caller).await
    })
    .await
}

/// What the event receiver has seen, for the admin on Settings: whether MANGO's events and its
/// connection check arrive, and whether operator statuses are being refused for lack of a sign.
#[derive(Clone, Debug, Default, PartialEq, Eq, serde::Serialize, serde::Deserialize)]
pub struct EventHealth {
    /// The address to enter in MANGO's cabinet (`…/events`).
    pub address: String,
    /// When the last event of any kind was stored, and its kind (`call`, `summary`, …).
    pub last_event_at: Option<String>,
    pub last_event_kind: Option<String>,
    /// MANGO's connection check (`Mango.ping`): how many, the last.
    pub pings: i64,
    pub last_ping_at: Option<String>,
    /// Events refused for a wrong key or sign: how many, the last with its reason.
    pub refused: i64,
    pub last_refused_at: Option<String>,
    pub last_refused_reason: Option<String>,
    /// Contact Center events (operator statuses, manual 4.4) that came without `sign`.
    pub unsigned_refused: i64,
    pub last_unsigned_refused_at: Option<String>,
    pub unsigned_accepted: i64,
    /// Whether only listed addresses may post events (`OBZVON_WEBHOOK_SOURCES`).
    pub sources_checked: bool,
}

#[server(endpoint = "settings/event_health", input = Json)]
pub async fn get_event_health() -> Result<EventHealth, AppError> {
    respond(async move {
        authorize(Permission::ManageSettings)?;
        backend()?.event_health().await
    })
    .await
}

/// What Obzvon learned about the connected MANGO by talking to it, for the Settings page.
#[derive(Clone, Debug, PartialEq, Eq, serde::Serialize, serde::Deserialize)]
pub struct MangoHealth {
    pub sandbox: bool,
    /// The `campaign/get_list` path that answered last (manual 3.8.1 names two); `None`
    /// until one has.
    pub campaign_list_path: Option<String>,
    /// The paths tried, in order.
    pub campaign_list_paths: Vec<String>,
    /// Set while the Contact Center API answers 5008 to every request (manual 4.1).
    pub cc_unavailable: Option<String>,
}

#[server(endpoint = "settings/mango_health", input = Json)]
pub async fn get_mango_health() -> Result<MangoHealth, AppError> {
    respond(async move {
        authorize(Permission::ManageSettings)?;
        backend()?.mango_health().await
    })
    .await
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn a_checked_method_crosses_as_its_path() {
        for method in [CheckedMethod::Balance, CheckedMethod::Users, CheckedMethod::CampaignList] {
            let json = serde_json::to_value(method).unwrap();
            assert_eq!(json, method.path());
            assert_eq!(serde_json::from_value::<CheckedMethod>(json).unwrap(), method);
        }
    }
}
