//! The do-not-call list of the whole installation, and "called recently": the two reasons a
//! lead check refuses a number that is fine in itself.

use serde::{Deserialize, Serialize};

/// The longest reason kept with an entry or its removal.
pub const REASON_MAX_CHARS: usize = 500;
/// Numbers added by hand in one go.
pub const MAX_NUMBERS_BY_HAND: usize = 1_000;
/// Entries a page shows (the export has them all).
pub const LIST_SHOWN: usize = 500;
/// The longest "called recently" period a setting may name.
pub const MAX_RECENT_DAYS: u32 = 365;

/// How an entry came onto the list.
#[derive(Clone, Copy, Debug, PartialEq, Eq, Serialize, Deserialize)]
#[serde(rename_all = "snake_case")]
pub enum ListSource {
    ByHand,
    File,
    Results,
}

impl ListSource {
    pub fn label(self) -> &'static str {
        let t = &crate::i18n::t().do_not_call;
        match self {
            ListSource::ByHand => t.source_by_hand,
            ListSource::File => t.source_file,
            ListSource::Results => t.source_results,
        }
    }
}

/// One entry as the page shows it; times in the installation's zone.
#[derive(Clone, Debug, PartialEq, Eq, Serialize, Deserialize)]
pub struct ListEntry {
    pub id: i64,
    pub number: String,
    pub reason: String,
    pub source: ListSource,
    pub added_by: String,
    pub added_at: String,
    pub removed_by: Option<String>,
    pub removed_at: Option<String>,
    pub removal_reason: Option<String>,
}

/// Which entries to show.
#[derive(Clone, Debug, Default, PartialEq, Eq, Serialize, Deserialize)]
pub struct ListQuery {
    /// A part of the number or of the reason.
    #[serde(default)]
    pub search: String,
    /// The removed entries instead of the active ones.
    #[serde(default)]
    pub removed: bool,
}

#[derive(Clone, Debug, PartialEq, Eq, Serialize, Deserialize)]
pub struct DoNotCallView {
    pub entries: Vec<ListEntry>,
    /// Entries on the list now, and removed ones kept for the record.
    pub active: i64,
    pub removed: i64,
    /// "Called recently": days, 0 when off.
    pub called_recently_days: u32,
}

/// A line or row that did not become an entry, and why.
#[derive(Clone, Debug, PartialEq, Eq, Serialize, Deserialize)]
pub struct ListRefusal {
    /// The line typed or the file's row, from 1.
    pub line: usize,
    pub text: String,
    pub reason: String,
}

/// What adding numbers did.
#[derive(Clone, Debug, Default, PartialEq, Eq, Serialize, Deserialize)]
pub struct ListAddition {
    /// Numbers put on the list, normalised.
    pub added: Vec<String>,
    /// Numbers that were on it already.
    pub already: Vec<String>,
    pub refused: Vec<ListRefusal>,
}

use leptos::prelude::*;
use leptos::server_fn::codec::Json;

use super::error::AppError;
#[cfg(feature = "ssr")]
use super::{backend::*, roles::Permission};

#[server(endpoint = "do_not_call/list", input = Json)]
pub async fn list_do_not_call(query: ListQuery) -> Result<DoNotCallView, AppError> {
    respond(async move {
        authorize(Permission::ManageDoNotCall)?;
        backend()?.do_not_call(query).await
    })
    .await
}

/// Numbers typed by hand: one per line (or separated by `,` or `;`), all with one reason.
#[server(endpoint = "do_not_call/add", input = Json)]
pub async fn add_to_do_not_call(numbers: String, reason: String) -> Result<ListAddition, AppError> {
    respond(async move {
        let caller = authorize(Permission::ManageDoNotCall)?;
        backend()?.add_to_do_not_call(&caller, numbers, reason).await
    })
    .await
}

/// "Do not call again" on a lead in Results.
#[server(endpoint = "do_not_call/add_lead", input = Json)]
pub async fn add_lead_to_do_not_call(
    campaign_id: i64,
    lead: i64,
    reason: String,
) -> Result<ListAddition, AppError> {
    respond(async move {
        let caller = authorize(Permission::ManageDoNotCall)?;
        backend()?.add_lead_to_do_not_call(&caller, campaign_id, lead, reason).await
    })
    .await
}

#[server(endpoint = "do_not_call/remove", input = Json)]
pub async fn remove_from_do_not_call(id: i64, reason: String) -> Result<(), AppError> {
    respond(async move {
        let caller = authorize(Permission::ManageDoNotCall)?;
        backend()?.remove_from_do_not_call(&caller, id, reason).await
    })
    .await
}

/// Sets "called recently" in days (0 turns it off).
#[server(endpoint = "do_not_call/called_recently", input = Json)]
pub async fn set_called_recently(days: u32) -> Result<u32, AppError> {
    respond(async move {
        let caller = authorize(Permission::ManageDoNotCall)?;
        backend()?.set_called_recently(&caller, days).await
    })
    .await
}

/// Where the list's file upload goes (a plain multipart form: `file`, `reason`).
pub const UPLOAD_PATH: &str = "/do-not-call/upload";
/// The list as CSV.
pub const EXPORT_PATH: &str = "/do-not-call.csv";
