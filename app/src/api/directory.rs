//! The MANGO directory as Obzvon has cached it: operators, lines and audio files, with when
//! each was fetched; and the refresh that fetches them again.

use leptos::prelude::*;
use leptos::server_fn::codec::Json;
use serde::{Deserialize, Serialize};

use super::error::AppError;
#[cfg(feature = "ssr")]
use super::{backend::*, roles::Permission};

/// An operator's Contact Center status (manual 4.4, `events/user/status_changed`). The
/// server maps MANGO's numbers onto it at the edge (`server::mango::status`).
#[derive(Clone, Copy, Debug, PartialEq, Eq, Hash, Serialize, Deserialize)]
pub enum CcStatus {
    Online,
    DoNotDisturb,
    Break,
    Offline,
    /// The only status in which MANGO gives the operator campaign calls.
    OutboundDialing,
}

impl CcStatus {
    pub fn label(self) -> &'static str {
        let t = &crate::i18n::t().directory;
        match self {
            CcStatus::Online => t.online,
            CcStatus::DoNotDisturb => t.do_not_disturb,
            CcStatus::Break => t.on_break,
            CcStatus::Offline => t.offline,
            CcStatus::OutboundDialing => t.outbound,
        }
    }
}

#[derive(Clone, Debug, PartialEq, Eq, Serialize, Deserialize)]
pub struct OperatorView {
    pub user_id: i64,
    pub name: String,
    pub extension: Option<String>,
    pub department: Option<String>,
    pub position: Option<String>,
    /// "Use Contact Center status" is on for this employee.
    pub uses_cc_status: bool,
    /// The last status MANGO reported; `None` until an event arrives.
    pub cc_status: Option<CcStatus>,
    pub cc_status_at: Option<String>,
}

impl OperatorView {
    /// Whether MANGO would give this operator campaign calls right now, as far as we know.
    pub fn in_outbound(&self) -> Option<bool> {
        if !self.uses_cc_status {
            return Some(false);
        }
        self.cc_status.map(|status| status == CcStatus::OutboundDialing)
    }

    /// What to say about the operator's availability for campaign calls.
    pub fn availability(&self) -> String {
        let t = &crate::i18n::t().directory;
        match (self.uses_cc_status, self.cc_status) {
            (false, _) => t.cc_off.into(),
            (true, Some(CcStatus::OutboundDialing)) => t.outbound.into(),
            (true, Some(status)) => crate::i18n::fill(t.not_outbound, &[&status.label()]),
            (true, None) => t.not_reported.into(),
        }
    }

    /// "Name (ext. 101)" for choosers.
    pub fn title(&self) -> String {
        match &self.extension {
            Some(extension) => {
                crate::i18n::fill(crate::i18n::t().callbacks.operator_title, &[&self.name, extension])
            }
            None => self.name.clone(),
        }
    }
}

#[derive(Clone, Debug, PartialEq, Eq, Serialize, Deserialize)]
pub struct LineView {
    pub line_id: i64,
    pub number: String,
    pub name: Option<String>,
    pub comment: Option<String>,
    pub region: Option<String>,
}

impl LineView {
    pub fn title(&self) -> String {
        match self.name.as_deref().or(self.comment.as_deref()).filter(|s| !s.is_empty()) {
            Some(name) => format!("{} — {name}", self.number),
            None => self.number.clone(),
        }
    }
}

#[derive(Clone, Debug, PartialEq, Eq, Serialize, Deserialize)]
pub struct AudioFileView {
    pub audio_id: i64,
    pub name: String,
}

/// When one part of the directory was fetched, and the last failure if the latest attempt
/// failed (the data shown is then from the last good fetch).
#[derive(Clone, Debug, PartialEq, Eq, Serialize, Deserialize)]
pub struct DirectoryPartState {
    pub label: String,
    pub fetched_at: Option<String>,
    pub last_error: Option<String>,
}

#[derive(Clone, Debug, PartialEq, Eq, Serialize, Deserialize)]
pub struct DirectoryView {
    /// True while Obzvon talks to its built-in sandbox rather than a MANGO account.
    pub sandbox: bool,
    /// True when the cached data came from another MANGO than the one configured now.
    pub stale_source: bool,
    pub operators: Vec<OperatorView>,
    pub lines: Vec<LineView>,
    pub audio_files: Vec<AudioFileView>,
    pub parts: Vec<DirectoryPartState>,
    /// How often the server refreshes on its own.
    pub refresh_every_minutes: u32,
}

#[server(endpoint = "directory/get", input = Json)]
pub async fn get_directory() -> Result<DirectoryView, AppError> {
    respond(async move {
        authorize(Permission::ViewCampaigns)?;
        backend()?.directory().await
    })
    .await
}

/// Fetches operators, lines and audio files from MANGO now (within its rate limits).
#[server(endpoint = "directory/refresh", input = Json)]
pub async fn refresh_directory() -> Result<DirectoryView, AppError> {
    respond(async move {
        let caller = authorize(Permission::EditCampaigns)?;
        backend()?.refresh_directory(&caller).await
    })
    .await
}
