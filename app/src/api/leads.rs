//! Lead lists: what an uploaded file's columns mean, what each row became, and the push of
//! accepted rows to MANGO as tasks (manual 3.8.4.2).

use serde::{Deserialize, Serialize};

use crate::i18n::fill;

/// Manual 3.8.4.2: task field lengths, in characters.
pub const NAME_MAX_CHARS: usize = 255;
pub const POSITION_MAX_CHARS: usize = 255;
pub const ORGANIZATION_MAX_CHARS: usize = 255;
pub const NUMBER_MAX_CHARS: usize = 64;
pub const ADDITIONAL_INFO_MAX_CHARS: usize = 511;
/// Manual 3.8.4.2 and result 5107: at most 10,000 tasks per campaign.
pub const MAX_TASKS_PER_CAMPAIGN: usize = 10_000;
/// What Obzvon reads from one upload.
pub const MAX_FILE_BYTES: usize = 20 * 1024 * 1024;
pub const MAX_ROWS: usize = 100_000;

/// What a column of the file holds.
#[derive(Clone, Copy, Debug, PartialEq, Eq, Hash, Serialize, Deserialize)]
pub enum ColumnRole {
    Phone,
    Name,
    Organization,
    Position,
    /// Goes into `additional_info` as is.
    Comment,
    /// Appended to `additional_info` as "Header: value".
    Extra,
    Ignore,
}

impl ColumnRole {
    pub const ALL: [ColumnRole; 7] = [
        ColumnRole::Phone,
        ColumnRole::Name,
        ColumnRole::Organization,
        ColumnRole::Position,
        ColumnRole::Comment,
        ColumnRole::Extra,
        ColumnRole::Ignore,
    ];

    pub fn label(self) -> &'static str {
        let t = &crate::i18n::t().leads.roles;
        match self {
            ColumnRole::Phone => t.phone,
            ColumnRole::Name => t.name,
            ColumnRole::Organization => t.organization,
            ColumnRole::Position => t.position,
            ColumnRole::Comment => t.comment,
            ColumnRole::Extra => t.extra,
            ColumnRole::Ignore => t.ignore,
        }
    }

    pub fn key(self) -> &'static str {
        match self {
            ColumnRole::Phone => "phone",
            ColumnRole::Name => "name",
            ColumnRole::Organization => "organization",
            ColumnRole::Position => "position",
            ColumnRole::Comment => "comment",
            ColumnRole::Extra => "extra",
            ColumnRole::Ignore => "ignore",
        }
    }

    pub fn from_key(key: &str) -> Option<ColumnRole> {
        ColumnRole::ALL.into_iter().find(|r| r.key() == key)
    }
}

/// How to read the table: one role per column, and whether the first row is a header.
#[derive(Clone, Debug, Default, PartialEq, Eq, Serialize, Deserialize)]
pub struct ColumnMapping {
    pub has_header: bool,
    pub roles: Vec<ColumnRole>,
}

/// One task as MANGO receives it (manual 3.8.4.2), already normalised.
#[derive(Clone, Debug, Default, PartialEq, Eq, Serialize, Deserialize)]
pub struct LeadFields {
    pub name: String,
    /// `7XXXXXXXXXX`, another country's digits, or a `sip:` address.
    pub number: String,
    pub position: String,
    pub organization: String,
    pub additional_info: String,
}

/// Why a row is not sent.
#[derive(Clone, Debug, PartialEq, Eq, Serialize, Deserialize)]
pub enum Rejection {
    /// The phone cell cannot be a number to call; the text says why.
    BadPhone(String),
    MissingPhone,
    /// MANGO requires a name for every task.
    MissingName,
    /// A field longer than the manual allows: (field, limit, length).
    TooLong {
        field: String,
        limit: usize,
        length: usize,
    },
    /// The same number earlier in this file (its row number).
    DuplicateInFile {
        first_row: usize,
    },
    /// The campaign already has a task with this number (MANGO refuses repeats: 5109).
    AlreadyInCampaign,
    /// Beyond the 10,000 tasks a campaign may hold (5107).
    OverCap,
    /// On the installation's do-not-call list: since when (in words) and who put it there.
    DoNotCall {
        since: String,
        by: String,
    },
    /// Called in another campaign within the "called recently" period: when (in words), the
    /// campaign, and whether it was a talk.
    CalledRecently {
        at: String,
        campaign: String,
        talked: bool,
    },
}

impl Rejection {
    /// Why, in words. `BadPhone`'s text and `TooLong`'s field were written by the server in
    /// the language of the request that checked the file.
    pub fn describe(&self) -> String {
        let t = &crate::i18n::t().leads.reasons;
        match self {
            Rejection::BadPhone(why) => fill(t.bad_phone, &[why]),
            Rejection::MissingPhone => t.missing_phone.into(),
            Rejection::MissingName => t.missing_name.into(),
            Rejection::TooLong { field, limit, length } => fill(t.too_long, &[field, length, limit]),
            Rejection::DuplicateInFile { first_row } => fill(t.duplicate_in_file, &[first_row]),
            Rejection::AlreadyInCampaign => t.already_in_campaign.into(),
            Rejection::OverCap => t.over_cap.into(),
            Rejection::DoNotCall { since, by } => fill(t.do_not_call, &[since, by]),
            Rejection::CalledRecently { at, campaign, talked: true } => {
                fill(t.talked_recently, &[at, campaign])
            }
            Rejection::CalledRecently { at, campaign, talked: false } => {
                fill(t.called_recently, &[at, campaign])
            }
        }
    }

    /// A short key for counting and filtering: its [`RejectionKind`]'s.
    pub fn kind(&self) -> &'static str {
        RejectionKind::of(self).key()
    }
}

/// What kind of [`Rejection`] a row has, without its details.
#[derive(Clone, Copy, Debug, PartialEq, Eq, Hash, Serialize, Deserialize)]
#[serde(rename_all = "snake_case")]
pub enum RejectionKind {
    BadPhone,
    MissingPhone,
    MissingName,
    TooLong,
    DuplicateInFile,
    AlreadyInCampaign,
    OverCap,
    DoNotCall,
    CalledRecently,
}

impl RejectionKind {
    pub fn of(rejection: &Rejection) -> Self {
        match rejection {
            Rejection::BadPhone(_) => RejectionKind::BadPhone,
            Rejection::MissingPhone => RejectionKind::MissingPhone,
            Rejection::MissingName => RejectionKind::MissingName,
            Rejection::TooLong { .. } => RejectionKind::TooLong,
            Rejection::DuplicateInFile { .. } => RejectionKind::DuplicateInFile,
            Rejection::AlreadyInCampaign => RejectionKind::AlreadyInCampaign,
            Rejection::OverCap => RejectionKind::OverCap,
            Rejection::DoNotCall { .. } => RejectionKind::DoNotCall,
            Rejection::CalledRecently { .. } => RejectionKind::CalledRecently,
        }
    }

    /// A short key for the page's markup (`data-kind`) and for sorting the counts.
    pub fn key(self) -> &'static str {
        match self {
            RejectionKind::BadPhone => "bad_phone",
            RejectionKind::MissingPhone => "missing_phone",
            RejectionKind::MissingName => "missing_name",
            RejectionKind::TooLong => "too_long",
            RejectionKind::DuplicateInFile => "duplicate_in_file",
            RejectionKind::AlreadyInCampaign => "already_in_campaign",
            RejectionKind::OverCap => "over_cap",
            RejectionKind::DoNotCall => "do_not_call",
            RejectionKind::CalledRecently => "called_recently",
        }
    }

    /// The count's label: "no name".
    pub fn label(self) -> &'static str {
        let t = &crate::i18n::t().leads.reasons;
        match self {
            RejectionKind::BadPhone => t.kind_bad_phone,
            RejectionKind::MissingPhone => t.kind_missing_phone,
            RejectionKind::MissingName => t.kind_missing_name,
            RejectionKind::TooLong => t.kind_too_long,
            RejectionKind::DuplicateInFile => t.kind_duplicate_in_file,
            RejectionKind::AlreadyInCampaign => t.kind_already_in_campaign,
            RejectionKind::OverCap => t.kind_over_cap,
            RejectionKind::DoNotCall => t.kind_do_not_call,
            RejectionKind::CalledRecently => t.kind_called_recently,
        }
    }
}

/// One row of the file after checking: its number in the file (1-based, counting the header
/// line), what it became, and why not if it was rejected.
#[derive(Clone, Debug, PartialEq, Eq, Serialize, Deserialize)]
pub struct CheckedRow {
    pub row: usize,
    /// The cells as read.
    pub cells: Vec<String>,
    pub fields: LeadFields,
    pub rejection: Option<Rejection>,
}

/// A count of rejected rows for one reason.
#[derive(Clone, Debug, PartialEq, Eq, Serialize, Deserialize)]
pub struct RejectionCount {
    pub kind: RejectionKind,
    pub label: String,
    pub count: usize,
}

/// An upload as the preview page shows it.
#[derive(Clone, Debug, PartialEq, Eq, Serialize, Deserialize)]
pub struct UploadView {
    pub upload_id: i64,
    pub campaign_id: i64,
    pub file_name: String,
    /// "CSV, Windows-1251, `;`" or "XLSX, sheet Лист1".
    pub read_as: String,
    pub sheets: Vec<String>,
    /// The first row's cells (the header when there is one), to map columns by.
    pub first_row: Vec<String>,
    pub mapping: ColumnMapping,
    pub total_rows: usize,
    pub accepted: usize,
    pub rejected: Vec<RejectionCount>,
    /// The first accepted rows, normalised.
    pub accepted_preview: Vec<CheckedRow>,
    /// Every rejected row (up to a display limit) with its reason.
    pub rejected_rows: Vec<CheckedRow>,
    pub rejected_rows_shown_of: usize,
    /// Tasks the campaign holds already, and room left under 10,000.
    pub campaign_tasks: usize,
    pub cap_remaining: usize,
    /// Set once its accepted rows were added to the campaign.
    pub accepted_at: Option<String>,
}

/// Where a campaign's push to MANGO stands; its key is what is stored and sent.
#[derive(Clone, Copy, Debug, PartialEq, Eq, Hash, Serialize, Deserialize)]
#[serde(rename_all = "snake_case")]
pub enum PushState {
    /// No push yet (never stored: a campaign without a push job).
    None,
    Running,
    /// Paused by a person; resumable.
    Paused,
    /// Every task is in MANGO.
    Done,
    /// Stopped with a reason a person must act on; resumable.
    Failed,
}

impl PushState {
    pub const ALL: [PushState; 5] =
        [PushState::None, PushState::Running, PushState::Paused, PushState::Done, PushState::Failed];

    pub fn key(self) -> &'static str {
        match self {
            PushState::None => "none",
            PushState::Running => "running",
            PushState::Paused => "paused",
            PushState::Done => "done",
            PushState::Failed => "failed",
        }
    }

    pub fn from_key(key: &str) -> Option<PushState> {
        PushState::ALL.into_iter().find(|s| s.key() == key)
    }

    /// The state in words, as the progress card's heading says it.
    pub fn label(self) -> &'static str {
        let t = &crate::i18n::t().leads.push;
        match self {
            PushState::None => t.none,
            PushState::Running => t.running,
            PushState::Paused => t.paused,
            PushState::Done => t.done,
            PushState::Failed => t.failed,
        }
    }

    /// A paused or failed push can be resumed.
    pub fn can_resume(self) -> bool {
        matches!(self, PushState::Paused | PushState::Failed)
    }

    /// Ended, for good or not: the time it took stops counting.
    pub fn is_finished(self) -> bool {
        matches!(self, PushState::Done | PushState::Failed)
    }
}

/// The campaign's push to MANGO.
#[derive(Clone, Debug, PartialEq, Serialize, Deserialize)]
pub struct PushView {
    pub state: PushState,
    pub total: i64,
    pub sent: i64,
    pub waiting: i64,
    pub batch_size: i64,
    /// Tasks per minute since the push started.
    pub rate_per_minute: Option<f64>,
    pub seconds_left: Option<i64>,
    pub last_error: Option<String>,
}

/// An earlier upload, in the campaign's list.
#[derive(Clone, Debug, PartialEq, Eq, Serialize, Deserialize)]
pub struct UploadSummary {
    pub upload_id: i64,
    pub file_name: String,
    pub uploaded_at: String,
    pub accepted_at: Option<String>,
}

/// The lead-list page of one campaign.
#[derive(Clone, Debug, PartialEq, Serialize, Deserialize)]
pub struct LeadsOverview {
    pub campaign_id: i64,
    pub campaign_name: String,
    /// Whether the campaign exists in MANGO (tasks can only be pushed then).
    pub in_mango: bool,
    pub push: PushView,
    pub uploads: Vec<UploadSummary>,
    pub default_batch_size: i64,
}

/// A column mapping saved under a name, to reuse for the next export from the same CRM.
#[derive(Clone, Debug, PartialEq, Eq, Serialize, Deserialize)]
pub struct MappingTemplate {
    pub id: i64,
    pub name: String,
    /// The header cells it was saved with, in order (empty when the file had no header).
    pub headers: Vec<String>,
    pub mapping: ColumnMapping,
}

/// Longest template name.
pub const TEMPLATE_NAME_MAX_CHARS: usize = 80;

#[derive(Clone, Copy, Debug, PartialEq, Eq, Serialize, Deserialize)]
pub enum PushControl {
    Pause,
    Resume,
}

use leptos::prelude::*;
use leptos::server_fn::codec::Json;

use super::error::AppError;
#[cfg(feature = "ssr")]
use super::{backend::*, roles::Permission};

#[server(endpoint = "leads/overview", input = Json)]
pub async fn get_leads_overview(campaign_id: i64) -> Result<LeadsOverview, AppError> {
    respond(async move {
        authorize(Permission::ViewCampaigns)?;
        backend()?.leads_overview(campaign_id).await
    })
    .await
}

#[server(endpoint = "leads/upload", input = Json)]
pub async fn get_upload(upload_id: i64) -> Result<UploadView, AppError> {
    respond(async move {
        authorize(Permission::UploadLeadLists)?;
        backend()?.upload(upload_id).await
    })
    .await
}

/// Reads the file again with another column mapping (or sheet).
#[server(endpoint = "leads/remap", input = Json)]
pub async fn remap_upload(upload_id: i64, mapping: ColumnMapping) -> Result<UploadView, AppError> {
    respond(async move {
        let caller = authorize(Permission::UploadLeadLists)?;
        backend()?.remap_upload(&caller, upload_id, mapping).await
    })
    .await
}

/// Reads another sheet of the uploaded spreadsheet (its mapping is guessed again).
#[server(endpoint = "leads/sheet", input = Json)]
pub async fn choose_sheet(upload_id: i64, sheet: String) -> Result<UploadView, AppError> {
    respond(async move {
        let caller = authorize(Permission::UploadLeadLists)?;
        backend()?.choose_sheet(&caller, upload_id, sheet).await
    })
    .await
}

#[server(endpoint = "leads/templates", input = Json)]
pub async fn list_mapping_templates() -> Result<Vec<MappingTemplate>, AppError> {
    respond(async move {
        authorize(Permission::UploadLeadLists)?;
        backend()?.mapping_templates().await
    })
    .await
}

/// Saves the upload's current mapping under `name` (replacing a template of that name).
#[server(endpoint = "leads/save_template", input = Json)]
pub async fn save_mapping_template(upload_id: i64, name: String) -> Result<Vec<MappingTemplate>, AppError> {
    respond(async move {
        let caller = authorize(Permission::UploadLeadLists)?;
        backend()?.save_mapping_template(&caller, upload_id, name).await
    })
    .await
}

/// Maps the upload's columns as a saved template says: by header name when both have one,
/// else by position.
#[server(endpoint = "leads/apply_template", input = Json)]
pub async fn apply_mapping_template(upload_id: i64, template_id: i64) -> Result<UploadView, AppError> {
    respond(async move {
        let caller = authorize(Permission::UploadLeadLists)?;
        backend()?.apply_mapping_template(&caller, upload_id, template_id).await
    })
    .await
}

/// Replaces one row's cells (fixing it in place) and checks the file again.
#[server(endpoint = "leads/fix_row", input = Json)]
pub async fn fix_row(upload_id: i64, row: usize, cells: Vec<String>) -> Result<UploadView, AppError> {
    respond(async move {
        let caller = authorize(Permission::UploadLeadLists)?;
        backend()?.fix_row(&caller, upload_id, row, cells).await
    })
    .await
}

/// Adds the accepted rows to the campaign as tasks and starts pushing them to MANGO.
#[server(endpoint = "leads/accept", input = Json)]
pub async fn accept_upload(upload_id: i64, batch_size: i64) -> Result<PushView, AppError> {
    respond(async move {
        let caller = authorize(Permission::PushTasks)?;
        backend()?.accept_upload(&caller, upload_id, batch_size).await
    })
    .await
}

#[server(endpoint = "leads/push_control", input = Json)]
pub async fn control_push(campaign_id: i64, control: PushControl) -> Result<PushView, AppError> {
    respond(async move {
        let caller = authorize(Permission::PushTasks)?;
        backend()?.control_push(&caller, campaign_id, control).await
    })
    .await
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn a_rejection_kind_crosses_as_its_key() {
        let rejections = [
            Rejection::BadPhone("too short".into()),
            Rejection::MissingPhone,
            Rejection::MissingName,
            Rejection::TooLong { field: "name".into(), limit: 255, length: 300 },
            Rejection::DuplicateInFile { first_row: 2 },
            Rejection::AlreadyInCampaign,
            Rejection::OverCap,
        ];
        let keys: Vec<&str> = rejections.iter().map(Rejection::kind).collect();
        assert_eq!(
            keys,
            [
                "bad_phone",
                "missing_phone",
                "missing_name",
                "too_long",
                "duplicate_in_file",
                "already_in_campaign",
                "over_cap"
            ]
        );
        for rejection in &rejections {
            let kind = RejectionKind::of(rejection);
            assert_eq!(serde_json::to_value(kind).unwrap(), kind.key());
        }
    }

    #[test]
    fn rejections_read_in_either_language() {
        use crate::i18n::{in_lang, Lang};
        let long = Rejection::TooLong { field: "Name".into(), limit: 255, length: 300 };
        assert_eq!(in_lang(Lang::En, || long.describe()), "Name is 300 characters; MANGO takes at most 255");
        assert_eq!(
            in_lang(Lang::En, || Rejection::DuplicateInFile { first_row: 2 }.describe()),
            "Same number as row 2"
        );
        assert_eq!(
            in_lang(Lang::Ru, || Rejection::DuplicateInFile { first_row: 2 }.describe()),
            "Тот же номер, что в строке 2"
        );
        assert_eq!(in_lang(Lang::En, || RejectionKind::MissingName.label()), "no name");
        assert_eq!(in_lang(Lang::Ru, || PushState::Done.label()), "Все задания в MANGO");
    }
}
