//! The server's side of the contract (`app::api::backend`): what each server function does
//! once the gate has checked the caller's role. One module per area, each implementing its
//! area's trait; every method stays thin — check and convert the input, call the service
//! (`crate::campaigns`, `crate::leads`, `crate::callbacks`, `crate::mango`, `crate::db`),
//! write the audit line.

mod account;
mod audit;
mod callbacks;
mod calls;
mod campaigns;
mod directory;
pub mod do_not_call;
mod leads;
mod settings;
mod users;

use std::net::IpAddr;
use std::sync::Arc;

use app::api::backend::Caller;
use app::api::directory::DirectoryView;
use app::api::types::SessionUser;
use app::api::AppError;
use chrono_tz::Tz;

use crate::callbacks::Callbacks;
use crate::campaigns::Campaigns;
use crate::crypto::SecretBox;
use crate::db::{self, audit::NewEntry, Db};
use crate::error::Doing;
use crate::leads::do_not_call::DoNotCallList;
use crate::leads::lists::LeadLists;
use crate::mango::directory::DirectorySync;
use crate::mango::link::MangoLink;
use crate::mango::settings::Settings;

/// The services the contract is carried out with.
pub struct AppBackend {
    pub db: Db,
    pub secrets: Arc<SecretBox>,
    pub public_url: String,
    pub link: Arc<MangoLink>,
    pub directory: Arc<DirectorySync>,
    pub campaigns: Arc<Campaigns>,
    pub leads: Arc<LeadLists>,
    pub callbacks: Arc<Callbacks>,
    pub do_not_call: Arc<DoNotCallList>,
    pub alert_rules: crate::calls::alerts::AlertRules,
}

/// Every zone a campaign or callback may be set in, for the forms' choice.
fn time_zone_names() -> Vec<String> {
    chrono_tz::TZ_VARIANTS.iter().map(|tz| tz.name().to_string()).collect()
}

impl AppBackend {
    /// Writes one line of the audit log for what `caller` did.
    async fn audit(&self, caller: &Caller, action: &str, target: Option<&str>, details: Option<String>) {
        self.audit_from(Some(&caller.user), caller.client_ip, action, target, details).await;
    }

    /// Writes one line of the audit log, also for a request nobody is signed in on (a
    /// refused sign-in).
    async fn audit_from(
        &self,
        actor: Option<&SessionUser>,
        client_ip: Option<IpAddr>,
        action: &str,
        target: Option<&str>,
        details: Option<String>,
    ) {
        let entry = NewEntry {
            actor_id: actor.map(|a| a.id),
            actor: actor.map(|a| a.username.as_str()),
            action,
            target,
            details,
            client_ip: client_ip.map(|ip| ip.to_string()),
        };
        if let Err(error) = db::audit::record(&self.db, entry).await {
            // The action itself already happened; losing its audit line must be loud.
            tracing::error!(%error, action, "could not write to the audit log");
        }
    }

    async fn load_settings(&self) -> Result<Settings, AppError> {
        Settings::load(&self.db, &self.secrets).await.doing("read the settings")
    }

    /// The zone times are shown in (the settings' default zone).
    async fn time_zone(&self) -> Result<Tz, AppError> {
        Ok(self.load_settings().await?.time_zone())
    }

    /// The cached MANGO directory, its times in `zone`.
    async fn directory_view(&self, zone: Tz) -> Result<DirectoryView, AppError> {
        self.directory.view(zone).await.doing("read the directory")
    }
}
