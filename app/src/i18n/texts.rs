//! The keys: every text a person reads, named by what it means and grouped by where it is
//! shown. `ru.rs` and `en.rs` fill these in; `{0}`, `{1}` are filled by [`super::fill`].
//! Each area owns one section below; keep a section's keys together.

use serde::Serialize;

use super::Plural;

#[derive(Debug, Serialize)]
pub struct Texts {
    pub common: Common,
    pub nav: NavTexts,
    pub login: LoginTexts,
    pub account: AccountTexts,
    pub errors: ErrorTexts,
    pub validation: ValidationTexts,
    pub roles: RoleTexts,

    pub campaigns: CampaignTexts,

    pub leads: LeadTexts,

    pub board: BoardTexts,

    pub results: ResultTexts,

    pub callbacks: CallbackTexts,

    pub directory: DirectoryTexts,

    pub settings: SettingsTexts,

    pub users: UserTexts,

    pub audit: AuditTexts,
}

// ── common: words used on many pages ─────────────────────────────────────────────────────
#[derive(Debug, Serialize)]
pub struct Common {
    /// After every page title: "Кампании · Obzvon".
    pub title_suffix: &'static str,
    pub loading: &'static str,
    pub yes: &'static str,
    pub cancel: &'static str,
    pub could_not: &'static str,
    pub back_to_campaigns: &'static str,
    pub not_found_title: &'static str,
    pub not_found_heading: &'static str,
    pub not_found_text: &'static str,
    pub go_to_campaigns: &'static str,
    pub forbidden_heading: &'static str,
    pub calls: Plural,
    pub leads: Plural,
}

// ── nav ──────────────────────────────────────────────────────────────────────────────────
#[derive(Debug, Serialize)]
pub struct NavTexts {
    pub main_menu: &'static str,
    pub campaigns: &'static str,
    pub callbacks: &'static str,
    pub directory: &'static str,
    pub settings: &'static str,
    pub users: &'static str,
    pub audit: &'static str,
    pub sign_out: &'static str,
}

// ── login ────────────────────────────────────────────────────────────────────────────────
#[derive(Debug, Serialize)]
pub struct LoginTexts {
    pub title: &'static str,
    pub heading: &'static str,
    pub username: &'static str,
    pub password: &'static str,
    pub submit: &'static str,
    pub submitting: &'static str,
    pub enter_username_and_password: &'static str,
    pub username_too_long: &'static str,
    pub username_shape: &'static str,
    pub enter_password: &'static str,
    pub account_disabled: &'static str,
    /// {0}: minutes.
    pub throttled_overflow: &'static str,
    /// {0}: minutes.
    pub throttled_address: &'static str,
    /// {0}: minutes.
    pub throttled_account_address: &'static str,
    /// {0}: minutes.
    pub throttled_account: &'static str,
}

// ── account ──────────────────────────────────────────────────────────────────────────────
#[derive(Debug, Serialize)]
pub struct AccountTexts {
    pub title: &'static str,
    pub heading: &'static str,
    pub change_password: &'static str,
    pub first_password_notice: &'static str,
    pub passwords_differ: &'static str,
    pub password_changed: &'static str,
    pub current_password: &'static str,
    pub new_password: &'static str,
    pub new_password_again: &'static str,
    pub language_heading: &'static str,
    pub language_label: &'static str,
    pub language_browser: &'static str,
    pub language_hint: &'static str,
    pub language_save: &'static str,
    /// {0}: the limit in bytes.
    pub password_too_long: &'static str,
    pub not_current_password: &'static str,
    pub account_gone: &'static str,
}

// ── errors: what `AppError` says ─────────────────────────────────────────────────────────
#[derive(Debug, Serialize)]
pub struct ErrorTexts {
    pub unauthenticated: &'static str,
    pub bad_credentials: &'static str,
    /// {0}: what the server was doing (English, for the log); Russian leaves it out.
    pub internal: &'static str,
    /// {0}: what the transport said.
    pub transport: &'static str,
    /// {0}: MANGO's result code, {1}: its description, {2}: what to do.
    pub mango_with_code: &'static str,
    /// {0}: description, {1}: what to do.
    pub mango_without_code: &'static str,
    pub unknown_language: &'static str,
}

// ── validation: the shared rules of `api::validation` and the forms ─────────────────────
#[derive(Debug, Serialize)]
pub struct ValidationTexts {
    /// {0}: the minimum, {1}: how many so far.
    pub password_short: &'static str,
    /// {0}: the maximum.
    pub password_long: &'static str,
    pub password_repetitive: &'static str,
    pub username_length: &'static str,
    /// {0}: the character.
    pub username_chars: &'static str,
    pub phone_region: &'static str,
    /// {0}: validator's code.
    pub not_valid: &'static str,
    pub display_name_length: &'static str,
    pub choose_time_zone: &'static str,
    pub vpbx_url: &'static str,
    pub cc_url: &'static str,
    pub api_key_length: &'static str,
    pub api_salt_length: &'static str,
}

// ── roles and permissions ────────────────────────────────────────────────────────────────
#[derive(Debug, Serialize)]
pub struct RoleTexts {
    pub marketer: &'static str,
    pub lead: &'static str,
    pub admin: &'static str,
    /// {0}: who may ("team leads and administrators"), {1}: what ("push tasks to MANGO").
    pub only_who_can: &'static str,
    pub who_signed_in: &'static str,
    pub who_leads_and_admins: &'static str,
    pub who_admins: &'static str,
    pub view_campaigns: &'static str,
    pub edit_campaigns: &'static str,
    pub run_campaigns: &'static str,
    pub upload_lead_lists: &'static str,
    pub push_tasks: &'static str,
    pub create_callbacks: &'static str,
    pub export_results: &'static str,
    pub delete_campaigns: &'static str,
    pub manage_settings: &'static str,
    pub manage_users: &'static str,
    pub view_audit_log: &'static str,
}

// ── campaigns: list, form, schedule, campaign page ──────────────────────────────────────
#[derive(Debug, Serialize)]
pub struct CampaignTexts {
    pub list_title: &'static str,
    pub list_heading: &'static str,
    pub list_intro: &'static str,
    pub new_campaign: &'static str,
    pub loading_list: &'static str,
    pub empty_heading: &'static str,
    pub empty_text: &'static str,
    pub search_by_name: &'static str,
    pub filter_by_status: &'static str,
    pub every_status: &'static str,
    pub sort_by: &'static str,
    pub sort_updated: &'static str,
    pub sort_name: &'static str,
    pub sort_status: &'static str,
    pub sort_progress: &'static str,
    pub col_name: &'static str,
    pub col_status: &'static str,
    pub col_progress: &'static str,
    pub col_author: &'static str,
    pub col_dates: &'static str,
    pub col_updated: &'static str,
    pub no_match: &'static str,
    pub no_dates: &'static str,
    pub page_title: &'static str,
    pub no_such_campaign: &'static str,
    /// {0}: the new status.
    pub done_status: &'static str,
    pub loading_campaign: &'static str,
    pub actions: CampaignActionTexts,
    pub facts: CampaignFactTexts,
    pub form: CampaignFormTexts,
    pub schedule: CampaignScheduleTexts,
    pub state: CampaignStateTexts,
    pub options: CampaignOptionTexts,
    pub server: CampaignServerTexts,
}

/// The campaign page's buttons and confirmations.
#[derive(Debug, Serialize)]
pub struct CampaignActionTexts {
    pub edit: &'static str,
    pub create: &'static str,
    pub create_question: &'static str,
    pub start: &'static str,
    pub start_question: &'static str,
    pub stop: &'static str,
    pub stop_question: &'static str,
    pub delete: &'static str,
    pub delete_question: &'static str,
    pub discard: &'static str,
    pub discard_question: &'static str,
    pub duplicate: &'static str,
    pub board: &'static str,
    pub results: &'static str,
    pub lead_list: &'static str,
}

/// The campaign page's status and settings in words.
#[derive(Debug, Serialize)]
pub struct CampaignFactTexts {
    pub status_heading: &'static str,
    pub settings_heading: &'static str,
    pub not_set: &'static str,
    /// {0}: finished tasks, {1}: all tasks.
    pub progress: &'static str,
    pub no_tasks: &'static str,
    pub mango_id: &'static str,
    pub not_in_mango: &'static str,
    pub progress_label: &'static str,
    pub author_obzvon: &'static str,
    pub created: &'static str,
    pub created_in_mango: &'static str,
    pub started: &'static str,
    pub synced: &'static str,
    pub sync_failed: &'static str,
    pub line: &'static str,
    pub author_mango: &'static str,
    pub priority: &'static str,
    pub dial_mode: &'static str,
    pub time_zone: &'static str,
    pub start: &'static str,
    pub end: &'static str,
    pub schedule_local: &'static str,
    pub schedule_utc: &'static str,
    pub operators: &'static str,
    pub no_operators: &'static str,
    pub voice_message: &'static str,
    pub hold_music: &'static str,
    pub mango_default: &'static str,
    pub attempts_busy: &'static str,
    pub wait_busy: &'static str,
    pub attempts_no_answer: &'static str,
    pub wait_no_answer: &'static str,
    pub attempts_unavailable: &'static str,
    pub wait_unavailable: &'static str,
    pub answer_wait: &'static str,
    pub coefficient: &'static str,
    pub after_call: &'static str,
}

/// The new/edit campaign form.
#[derive(Debug, Serialize)]
pub struct CampaignFormTexts {
    pub new_title: &'static str,
    pub edit_title: &'static str,
    pub in_mango_already: &'static str,
    pub open_it: &'static str,
    pub use_duplicate: &'static str,
    pub sandbox: &'static str,
    pub operators_heading: &'static str,
    pub save_draft: &'static str,
    pub save_as_draft: &'static str,
    /// {0}: how many problems.
    pub problems: &'static str,
    pub campaign_heading: &'static str,
    pub name: &'static str,
    pub line: &'static str,
    pub choose_line: &'static str,
    pub author: &'static str,
    pub not_set: &'static str,
    pub priority: &'static str,
    pub dial_mode: &'static str,
    pub when_heading: &'static str,
    pub time_zone: &'static str,
    pub start: &'static str,
    pub end: &'static str,
    pub rules_heading: &'static str,
    pub attempts_busy: &'static str,
    pub wait_busy: &'static str,
    pub attempts_no_answer: &'static str,
    pub wait_no_answer: &'static str,
    pub attempts_unavailable: &'static str,
    pub wait_unavailable: &'static str,
    pub answer_wait: &'static str,
    pub coefficient: &'static str,
    pub coefficient_hint: &'static str,
    pub after_call: &'static str,
    pub messages_heading: &'static str,
    pub voice_message: &'static str,
    pub hold_music: &'static str,
    pub mango_default: &'static str,
    pub search_operators_placeholder: &'static str,
    pub search_operators: &'static str,
    /// {0}: how many operators are chosen.
    pub operators_chosen: &'static str,
}

/// The schedule editor, its preview and its checks.
#[derive(Debug, Serialize)]
pub struct CampaignScheduleTexts {
    pub monday: &'static str,
    pub tuesday: &'static str,
    pub wednesday: &'static str,
    pub thursday: &'static str,
    pub friday: &'static str,
    pub saturday: &'static str,
    pub sunday: &'static str,
    /// Short weekday names (English keeps the full ones).
    pub mon: &'static str,
    pub tue: &'static str,
    pub wed: &'static str,
    pub thu: &'static str,
    pub fri: &'static str,
    pub sat: &'static str,
    pub sun: &'static str,
    pub heading: &'static str,
    pub no_calls: &'static str,
    /// {0}: weekday.
    pub add_window_on: &'static str,
    pub add_window: &'static str,
    /// {0}: weekday.
    pub copy_day: &'static str,
    pub copy_to_weekdays: &'static str,
    /// {0}: weekday, {1}: window number.
    pub window_from: &'static str,
    /// {0}: weekday, {1}: window number.
    pub window_to: &'static str,
    /// {0}: weekday, {1}: window number.
    pub remove_window: &'static str,
    pub time_placeholder: &'static str,
    pub time_format: &'static str,
    pub preview_heading: &'static str,
    pub preview_not_set: &'static str,
    pub preview_blocked: &'static str,
    pub add_a_window: &'static str,
    /// {0}: weekday, {1}: window number.
    pub outside_day: &'static str,
    /// {0}: weekday, {1}: window number, {2}: start, {3}: end.
    pub ends_before_start: &'static str,
    /// {0}: local date and time, {1}: zone.
    pub time_skipped: &'static str,
    /// {0}: zone.
    pub unknown_zone: &'static str,
    pub enter_date_time: &'static str,
    pub end_after_start: &'static str,
    /// {0}: zone, {1}: date, {2}: weekday, {3}: `earlier`/`later`.
    pub clock_change: &'static str,
    pub hour_earlier: &'static str,
    pub hour_later: &'static str,
}

/// Campaign statuses (MANGO's where it has them).
#[derive(Debug, Serialize)]
pub struct CampaignStateTexts {
    pub draft: &'static str,
    pub ready: &'static str,
    pub scheduled: &'static str,
    pub running: &'static str,
    pub stopping: &'static str,
    pub stopped: &'static str,
    pub finished: &'static str,
    pub processing: &'static str,
    pub deleting: &'static str,
    pub deleted: &'static str,
    /// {0}: MANGO's status number.
    pub unknown: &'static str,
}

/// Priority and dial mode choices, and the form's own validation.
#[derive(Debug, Serialize)]
pub struct CampaignOptionTexts {
    pub priority_important: &'static str,
    pub priority_normal: &'static str,
    pub priority_low: &'static str,
    pub dial_simultaneous: &'static str,
    pub dial_operator_first: &'static str,
    pub dial_client_first: &'static str,
    pub name_required: &'static str,
    /// {0}: the limit, {1}: how many now.
    pub name_long: &'static str,
    /// {0}: the allowed values.
    pub not_allowed: &'static str,
    pub choose_line: &'static str,
    pub operator_twice: &'static str,
}

/// What the server says about campaigns.
#[derive(Debug, Serialize)]
pub struct CampaignServerTexts {
    /// {0}: the campaign's id.
    pub no_campaign: &'static str,
    pub sent_meanwhile: &'static str,
    /// {0}: MANGO's campaign id.
    pub already_in_mango: &'static str,
    pub create_first: &'static str,
    pub draft_discarded: &'static str,
    pub cannot_change: &'static str,
    /// Added to a duplicate's name.
    pub copy_suffix: &'static str,
    /// {0}: why (MANGO's or the database's error).
    pub uncertain: &'static str,
    /// {0}: the error.
    pub list_unreadable: &'static str,
    /// {0}: the error.
    pub db_unreadable: &'static str,
    /// {0}: how many, {1}: the name, {2}: their MANGO ids.
    pub several_named: &'static str,
    /// {0}: MANGO's result code, {1}: its description.
    pub mango_answered: &'static str,
    pub reason_external_command: &'static str,
    pub reason_completed: &'static str,
    pub reason_expired: &'static str,
    pub reason_outside_schedule: &'static str,
    pub reason_ping_lost: &'static str,
    pub reason_no_service: &'static str,
    pub reason_no_balance: &'static str,
    pub reason_maintenance: &'static str,
    pub reason_stopped_by_admin: &'static str,
    /// {0}: the reason's number.
    pub reason_unknown: &'static str,
    /// {0}: the audio file's id.
    pub audio_file: &'static str,
    /// {0}: the employee's id.
    pub employee: &'static str,
    /// {0}: the line's id.
    pub line: &'static str,
}

// ── leads: upload, mapping, rejected rows, push ──────────────────────────────────────────
#[derive(Debug, Serialize)]
pub struct LeadTexts {}

// ── board: the live board ────────────────────────────────────────────────────────────────
#[derive(Debug, Serialize)]
pub struct BoardTexts {}

// ── results: the results table and its exports ──────────────────────────────────────────
#[derive(Debug, Serialize)]
pub struct ResultTexts {}

// ── callbacks ────────────────────────────────────────────────────────────────────────────
#[derive(Debug, Serialize)]
pub struct CallbackTexts {}

// ── directory ────────────────────────────────────────────────────────────────────────────
#[derive(Debug, Serialize)]
pub struct DirectoryTexts {}

// ── settings ─────────────────────────────────────────────────────────────────────────────
#[derive(Debug, Serialize)]
pub struct SettingsTexts {}

// ── users ────────────────────────────────────────────────────────────────────────────────
#[derive(Debug, Serialize)]
pub struct UserTexts {}

// ── audit ────────────────────────────────────────────────────────────────────────────────
#[derive(Debug, Serialize)]
pub struct AuditTexts {}
