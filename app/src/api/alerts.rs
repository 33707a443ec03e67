//! What may be wrong with a campaign right now. Alerts are worked out from the state each
//! time they are read — never stored — so each one clears itself when its cause is gone.

use serde::{Deserialize, Serialize};

use crate::i18n::{fill, t};

/// Above this share of unavailable and non-existent numbers among finished calls, the list
/// looks bad.
pub const BAD_LIST_PERCENT: i64 = 30;
/// Finished calls needed before a share means anything.
pub const BAD_LIST_MIN_CALLS: i64 = 20;

/// One thing that needs someone's attention, with what to do about it.
#[derive(Clone, Debug, PartialEq, Eq, Serialize, Deserialize)]
pub enum Alert {
    /// MANGO says the campaign runs and a calling window is open, but no event came for this
    /// many minutes.
    Silent { minutes: i64 },
    /// The campaign runs, and none of its operators is in outbound dialing (manual 4.4, status 5).
    NoOperatorDialing { operators: i64 },
    /// Too many calls end with "unavailable" or "no such number".
    BadList { percent: i64, bad: i64, calls: i64 },
    /// The push of tasks to MANGO stopped with MANGO's reason.
    PushFailed { reason: String },
    /// MANGO refused callbacks of this campaign (in the last day, not made again since).
    CallbacksRefused { count: i64 },
}

impl Alert {
    /// A short key for the page's markup and the tests.
    pub fn key(&self) -> &'static str {
        match self {
            Alert::Silent { .. } => "silent",
            Alert::NoOperatorDialing { .. } => "no_operator_dialing",
            Alert::BadList { .. } => "bad_list",
            Alert::PushFailed { .. } => "push_failed",
            Alert::CallbacksRefused { .. } => "callbacks_refused",
        }
    }

    /// What is wrong, in words.
    pub fn what(&self) -> String {
        let t = &t().alerts;
        match self {
            Alert::Silent { minutes } => fill(t.silent, &[minutes]),
            Alert::NoOperatorDialing { operators } => fill(t.no_operator_dialing, &[operators]),
            Alert::BadList { percent, bad, calls } => fill(t.bad_list, &[percent, bad, calls]),
            Alert::PushFailed { reason } => fill(t.push_failed, &[reason]),
            Alert::CallbacksRefused { count } => fill(t.callbacks_refused, &[count]),
        }
    }

    /// What to do about it.
    pub fn advice(&self) -> &'static str {
        let t = &t().alerts;
        match self {
            Alert::Silent { .. } => t.silent_advice,
            Alert::NoOperatorDialing { .. } => t.no_operator_dialing_advice,
            Alert::BadList { .. } => t.bad_list_advice,
            Alert::PushFailed { .. } => t.push_failed_advice,
            Alert::CallbacksRefused { .. } => t.callbacks_refused_advice,
        }
    }
}

/// A campaign's alerts.
#[derive(Clone, Debug, PartialEq, Eq, Serialize, Deserialize)]
pub struct CampaignAlerts {
    pub campaign_id: i64,
    pub campaign_name: String,
    pub alerts: Vec<Alert>,
}

use leptos::prelude::*;
use leptos::server_fn::codec::Json;

use super::error::AppError;
#[cfg(feature = "ssr")]
use super::{backend::*, roles::Permission};

/// Every campaign with something to look at (for the navigation's count and the list).
#[server(endpoint = "alerts/list", input = Json)]
pub async fn list_alerts() -> Result<Vec<CampaignAlerts>, AppError> {
    respond(async move {
        authorize(Permission::ViewCampaigns)?;
        backend()?.alerts().await
    })
    .await
}
