//! Campaigns: drafts built in Obzvon, created in MANGO (manual 3.8.4.1), started, stopped and
//! deleted there; and their status as MANGO reports it.

use leptos::prelude::*;
use leptos::server_fn::codec::Json;
use serde::{Deserialize, Serialize};
use validator::{Validate, ValidationError};

use super::campaign_options::*;
use super::directory::{AudioFileView, LineView, OperatorView};
use super::error::{AppError, FieldError};
use super::schedule::{UtcWindow, WeeklySchedule};
#[cfg(feature = "ssr")]
use super::{backend::*, roles::Permission};

/// Where a campaign is in its life. `Draft` is ours; the others are MANGO's statuses (both of
/// its numberings map here, once, on the server) plus `Deleted` once MANGO confirmed it.
#[derive(Clone, Copy, Debug, PartialEq, Eq, Hash, Serialize, Deserialize)]
pub enum CampaignState {
    /// Only in Obzvon; editable.
    Draft,
    /// Created in MANGO and never started.
    Ready,
    Scheduled,
    Running,
    Stopping,
    Stopped,
    Finished,
    Processing,
    Deleting,
    Deleted,
    /// A status number MANGO's manual does not list.
    Unknown(i64),
}

impl CampaignState {
    pub const FILTERS: [CampaignState; 9] = [
        CampaignState::Draft,
        CampaignState::Ready,
        CampaignState::Scheduled,
        CampaignState::Running,
        CampaignState::Stopping,
        CampaignState::Stopped,
        CampaignState::Finished,
        CampaignState::Processing,
        CampaignState::Deleted,
    ];

    /// In words, MANGO's own in Russian («запланирована», «в работе», …).
    pub fn label(self) -> String {
        let s = &crate::i18n::t().campaigns.state;
        match self {
            CampaignState::Draft => s.draft.into(),
            CampaignState::Ready => s.ready.into(),
            CampaignState::Scheduled => s.scheduled.into(),
            CampaignState::Running => s.running.into(),
            CampaignState::Stopping => s.stopping.into(),
            CampaignState::Stopped => s.stopped.into(),
            CampaignState::Finished => s.finished.into(),
            CampaignState::Processing => s.processing.into(),
            CampaignState::Deleting => s.deleting.into(),
            CampaignState::Deleted => s.deleted.into(),
            CampaignState::Unknown(code) => crate::i18n::fill(s.unknown, &[&code]),
        }
    }

    pub fn key(self) -> String {
        match self {
            CampaignState::Unknown(code) => format!("unknown_{code}"),
            other => format!("{other:?}").to_lowercase(),
        }
    }

    pub fn in_mango(self) -> bool {
        !matches!(self, CampaignState::Draft)
    }

    /// Manual 3.8.4.3: a campaign that is not running or scheduled can be started.
    pub fn can_start(self) -> bool {
        matches!(self, CampaignState::Ready | CampaignState::Stopped)
    }

    /// Manual 3.8.4.4.
    pub fn can_stop(self) -> bool {
        matches!(self, CampaignState::Scheduled | CampaignState::Running)
    }

    /// Manual 3.8.4.5: only stopped or finished campaigns may be deleted (a campaign created
    /// and never started is stopped).
    pub fn can_delete(self) -> bool {
        matches!(self, CampaignState::Ready | CampaignState::Stopped | CampaignState::Finished)
    }

    /// MANGO may change it on its own: worth polling.
    pub fn is_active(self) -> bool {
        matches!(
            self,
            CampaignState::Scheduled
                | CampaignState::Running
                | CampaignState::Stopping
                | CampaignState::Processing
                | CampaignState::Deleting
        )
    }
}

/// Every field of `campaign/add` (manual 3.8.4.1) as the form holds it: times in `timezone`,
/// choices from [`super::campaign_options`].
#[derive(Clone, Debug, PartialEq, Serialize, Deserialize, Validate)]
pub struct CampaignForm {
    #[validate(custom(function = "validate_name"))]
    pub name: String,
    /// Required: the outgoing line (`incominglines`).
    pub line_id: Option<i64>,
    /// `created_by`: the MANGO employee shown as the campaign's author (optional).
    pub author_user_id: Option<i64>,
    pub priority: Priority,
    pub dial_mode: DialMode,
    /// IANA zone the dates and schedule are written in.
    #[validate(length(min = 1, code = "choose_time_zone"))]
    pub timezone: String,
    /// `YYYY-MM-DDTHH:MM` in `timezone` (an HTML datetime-local value); empty: no start date.
    pub start_local: String,
    pub end_local: String,
    pub schedule: WeeklySchedule,
    /// abonent ids (`general.user_id`).
    pub operators: Vec<i64>,
    pub voice_message_id: Option<i64>,
    pub hold_message_id: Option<i64>,
    #[validate(custom(function = "validate_redial"))]
    pub redial_if_busy: u32,
    #[validate(custom(function = "validate_redial"))]
    pub redial_if_no_answer: u32,
    #[validate(custom(function = "validate_redial"))]
    pub redial_if_unavailable: u32,
    #[validate(custom(function = "validate_answer_wait"))]
    pub answer_wait_seconds: u32,
    #[validate(custom(function = "validate_coefficient"))]
    pub call_coefficient_tenths: u32,
    #[validate(custom(function = "validate_wait_busy"))]
    pub wait_if_busy_seconds: u32,
    #[validate(custom(function = "validate_wait_no_answer"))]
    pub wait_if_no_answer_seconds: u32,
    #[validate(custom(function = "validate_wait_unavailable"))]
    pub wait_if_unavailable_seconds: u32,
    #[validate(custom(function = "validate_after_call"))]
    pub after_call_seconds: u32,
}

impl CampaignForm {
    /// A new draft: MANGO's own defaults where the manual names one, sensible ones elsewhere.
    pub fn new_draft(timezone: &str) -> CampaignForm {
        CampaignForm {
            name: String::new(),
            line_id: None,
            author_user_id: None,
            priority: Priority::Normal,
            dial_mode: DialMode::Simultaneous,
            timezone: timezone.to_string(),
            start_local: String::new(),
            end_local: String::new(),
            schedule: WeeklySchedule::office_hours(),
            operators: Vec::new(),
            voice_message_id: None,
            hold_message_id: None,
            redial_if_busy: 3,
            redial_if_no_answer: 3,
            redial_if_unavailable: 3,
            answer_wait_seconds: 30,
            call_coefficient_tenths: 10,
            wait_if_busy_seconds: 300,
            wait_if_no_answer_seconds: 3600,
            wait_if_unavailable_seconds: 3600,
            after_call_seconds: 30,
        }
    }
}

fn rule(code: &'static str, message: String) -> ValidationError {
    ValidationError::new(code).with_message(std::borrow::Cow::Owned(message))
}

pub fn validate_name(name: &str) -> Result<(), ValidationError> {
    let chars = name.trim().chars().count();
    if chars == 0 {
        return Err(rule("name_required", crate::i18n::t().campaigns.options.name_required.into()));
    }
    // Manual 3.8.4.1: the name is at most 70 characters.
    if chars > NAME_MAX_CHARS {
        let text = crate::i18n::t().campaigns.options.name_long;
        return Err(rule("name_long", crate::i18n::fill(text, &[&NAME_MAX_CHARS, &chars])));
    }
    Ok(())
}

fn one_of(choices: &[Choice], value: u32) -> Result<(), ValidationError> {
    if allowed(choices, value) {
        Ok(())
    } else {
        let list = choices.iter().map(|c| c.text()).collect::<Vec<_>>().join(", ");
        Err(rule("not_allowed", crate::i18n::fill(crate::i18n::t().campaigns.options.not_allowed, &[&list])))
    }
}

fn validate_redial(value: u32) -> Result<(), ValidationError> {
    one_of(REDIAL_COUNTS, value)
}
fn validate_answer_wait(value: u32) -> Result<(), ValidationError> {
    one_of(ANSWER_WAITS, value)
}
fn validate_coefficient(value: u32) -> Result<(), ValidationError> {
    one_of(CALL_COEFFICIENTS_TENTHS, value)
}
fn validate_wait_busy(value: u32) -> Result<(), ValidationError> {
    one_of(WAITS_IF_BUSY, value)
}
fn validate_wait_no_answer(value: u32) -> Result<(), ValidationError> {
    one_of(WAITS_IF_NO_ANSWER, value)
}
fn validate_wait_unavailable(value: u32) -> Result<(), ValidationError> {
    one_of(WAITS_IF_UNAVAILABLE, value)
}
fn validate_after_call(value: u32) -> Result<(), ValidationError> {
    one_of(AFTER_CALL_PAUSES, value)
}

/// What MANGO would receive for this form, or every problem with it, field by field: the
/// derive rules above plus the ones that need several fields (line, dates, schedule in the
/// zone). Runs in the browser while typing and on the server before saving or sending.
pub fn check_campaign(form: &CampaignForm) -> Result<MangoSchedule, Vec<FieldError>> {
    let mut problems = super::validation::check(form);
    if form.line_id.is_none() {
        problems.push(FieldError {
            field: "line_id".into(),
            message: crate::i18n::t().campaigns.options.choose_line.into(),
        });
    }
    let mut seen = std::collections::BTreeSet::new();
    if form.operators.iter().any(|id| !seen.insert(*id)) {
        problems.push(FieldError {
            field: "operators".into(),
            message: crate::i18n::t().campaigns.options.operator_twice.into(),
        });
    }
    match super::schedule::campaign_schedule(
        &form.schedule,
        &form.timezone,
        &form.start_local,
        &form.end_local,
    ) {
        Ok(converted) if problems.is_empty() => return Ok(converted),
        Ok(_) => {}
        Err(errors) => problems.extend(errors),
    }
    Err(problems)
}

/// The schedule and dates exactly as `campaign/add` carries them (UTC), with warnings.
#[derive(Clone, Debug, PartialEq, Serialize, Deserialize)]
pub struct MangoSchedule {
    pub windows: Vec<UtcWindow>,
    /// `YYYY-MM-DD HH:MM:SS` UTC (manual 3.8.4.1).
    pub start_date: Option<String>,
    pub end_date: Option<String>,
    /// E.g. a daylight-saving change inside the campaign's dates.
    pub warnings: Vec<String>,
}

/// One row of the campaigns list.
#[derive(Clone, Debug, PartialEq, Serialize, Deserialize)]
pub struct CampaignRow {
    pub id: i64,
    pub name: String,
    pub state: CampaignState,
    pub mango_campaign_id: Option<i64>,
    pub tasks_count: Option<i64>,
    pub finished_tasks_count: Option<i64>,
    /// The Obzvon user who made the draft.
    pub author: String,
    /// Start and end in the campaign's zone, as typed.
    pub start_local: String,
    pub end_local: String,
    pub timezone: String,
    /// Unix ms, for sorting; and the same in words in the settings' zone.
    pub updated_at_ms: i64,
    pub updated_at: String,
    pub created_at: String,
}

/// Everything the campaign page shows.
#[derive(Clone, Debug, PartialEq, Serialize, Deserialize)]
pub struct CampaignDetail {
    pub row: CampaignRow,
    pub form: CampaignForm,
    /// MANGO's `status_reason` in words (manual 3.8.2), when it gave one.
    pub status_reason: Option<String>,
    /// What was (or would be) sent as schedule and dates.
    pub mango_schedule: Option<MangoSchedule>,
    pub created_in_mango_at: Option<String>,
    pub started_at: Option<String>,
    /// When the status was last read from MANGO, and the last failure to read it.
    pub synced_at: Option<String>,
    pub sync_error: Option<String>,
    /// Names from the cached directory for the ids in `form` (the id when it is not there).
    pub names: CampaignNames,
}

/// The directory's names for a campaign's line, author, operators and messages.
#[derive(Clone, Debug, Default, PartialEq, Serialize, Deserialize)]
pub struct CampaignNames {
    pub line: Option<String>,
    pub author: Option<String>,
    pub operators: Vec<String>,
    pub voice_message: Option<String>,
    pub hold_message: Option<String>,
}

/// What the form chooses from.
#[derive(Clone, Debug, PartialEq, Serialize, Deserialize)]
pub struct CampaignFormOptions {
    pub operators: Vec<OperatorView>,
    pub lines: Vec<LineView>,
    pub audio_files: Vec<AudioFileView>,
    pub default_timezone: String,
    pub time_zones: Vec<String>,
    pub sandbox: bool,
    /// When the directory was last fetched (operators), if ever.
    pub directory_fetched_at: Option<String>,
}

#[server(endpoint = "campaigns/list", input = Json)]
pub async fn list_campaigns() -> Result<Vec<CampaignRow>, AppError> {
    respond(async move {
        authorize(Permission::ViewCampaigns)?;
        backend()?.list_campaigns().await
    })
    .await
}

#[server(endpoint = "campaigns/get", input = Json)]
pub async fn get_campaign(id: i64) -> Result<CampaignDetail, AppError> {
    respond(async move {
        authorize(Permission::ViewCampaigns)?;
        backend()?.campaign(id).await
    })
    .await
}

#[server(endpoint = "campaigns/options", input = Json)]
pub async fn get_campaign_form_options() -> Result<CampaignFormOptions, AppError> {
    respond(async move {
        authorize(Permission::EditCampaigns)?;
        backend()?.campaign_form_options().await
    })
    .await
}

/// Saves a draft: a new one when `id` is `None`. Refused once the campaign is in MANGO
/// (the manual has no method to change a campaign).
#[server(endpoint = "campaigns/save", input = Json)]
pub async fn save_campaign(id: Option<i64>, form: CampaignForm) -> Result<CampaignDetail, AppError> {
    respond(async move {
        let caller = authorize(Permission::EditCampaigns)?;
        backend()?.save_campaign(&caller, id, form).await
    })
    .await
}

/// A new draft with the same settings and " (copy)" added to the name.
#[server(endpoint = "campaigns/duplicate", input = Json)]
pub async fn duplicate_campaign(id: i64) -> Result<CampaignDetail, AppError> {
    respond(async move {
        let caller = authorize(Permission::EditCampaigns)?;
        backend()?.duplicate_campaign(&caller, id).await
    })
    .await
}

/// What to do with a campaign in MANGO.
#[derive(Clone, Copy, Debug, PartialEq, Eq, Serialize, Deserialize)]
pub enum CampaignAction {
    /// `campaign/add` (manual 3.8.4.1).
    Create,
    /// `campaign/start` (manual 3.8.4.3).
    Start,
    /// `campaign/stop` (manual 3.8.4.4).
    Stop,
    /// `campaign/delete` (manual 3.8.4.5); for a draft, discards it.
    Delete,
}

#[server(endpoint = "campaigns/act", input = Json)]
pub async fn act_on_campaign(id: i64, action: CampaignAction) -> Result<CampaignDetail, AppError> {
    respond(async move {
        let needs = match action {
            CampaignAction::Create | CampaignAction::Start | CampaignAction::Stop => Permission::RunCampaigns,
            CampaignAction::Delete => Permission::DeleteCampaigns,
        };
        let caller = authorize(needs)?;
        backend()?.act_on_campaign(&caller, id, action).await
    })
    .await
}
