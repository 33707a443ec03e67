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

    pub do_not_call: DoNotCallTexts,

    pub alerts: AlertTexts,

    pub forecast: ForecastTexts,
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
    pub do_not_call: &'static str,
    /// {0}: how many alerts.
    pub alerts: &'static str,
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
    pub hear_calls: &'static str,
    pub manage_do_not_call: &'static str,
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
    /// {0}: characters typed, {1}: the limit.
    pub name_length: &'static str,
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
    pub add_unknown_save: &'static str,
    pub add_unknown_delete: &'static str,
    /// {0}: the campaign's state.
    pub cannot_start: &'static str,
    /// {0}: the campaign's state.
    pub cannot_stop: &'static str,
    /// {0}: the campaign's state.
    pub cannot_delete: &'static str,
    /// {0}: what went wrong, {1}: the campaign's name.
    pub add_not_listed: &'static str,
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
pub struct LeadTexts {
    pub title: &'static str,
    pub no_such_campaign: &'static str,
    pub not_in_mango: &'static str,
    pub upload_heading: &'static str,
    pub dropzone: &'static str,
    pub dropzone_hint: &'static str,
    pub upload_submit: &'static str,
    pub choose_file: &'static str,
    pub no_file: &'static str,
    pub checking: &'static str,
    pub mapping_saved: &'static str,
    /// {0}: "12 tasks" ([`LeadTexts::tasks`]).
    pub tasks_added: &'static str,
    /// The count word of tasks; English says "tasks" for every count, as it always did.
    pub tasks: Plural,
    /// {0}: "24 rows".
    pub rows_read: &'static str,
    pub rows: Plural,
    /// {0}: how many.
    pub accepted_count: &'static str,
    /// {0}: tasks held, {1}: room left (both grouped numbers).
    pub campaign_holds: &'static str,
    pub name_required_hint: &'static str,
    pub download_rejected: &'static str,
    pub accepted_heading: &'static str,
    pub col_row: &'static str,
    pub col_number: &'static str,
    pub col_name: &'static str,
    pub col_company: &'static str,
    pub col_position: &'static str,
    pub col_additional_info: &'static str,
    /// {0}: rows shown, {1}: rows accepted.
    pub first_of_shown: &'static str,
    /// {0}: when.
    pub added_at: &'static str,
    pub tasks_per_request: &'static str,
    /// {0}: how many.
    pub add_and_send: &'static str,
    pub roles: LeadRoleTexts,
    pub mapping: LeadMappingTexts,
    pub rejected: LeadRejectedTexts,
    pub push: LeadPushTexts,
    pub reasons: LeadReasonTexts,
    pub phone: LeadPhoneTexts,
    pub file: LeadFileTexts,
}

/// What a column holds (`ColumnRole::label`).
#[derive(Debug, Serialize)]
pub struct LeadRoleTexts {
    pub phone: &'static str,
    pub name: &'static str,
    pub organization: &'static str,
    pub position: &'static str,
    pub comment: &'static str,
    pub extra: &'static str,
    pub ignore: &'static str,
}

#[derive(Debug, Serialize)]
pub struct LeadMappingTexts {
    pub heading: &'static str,
    /// {0}: the column's number, {1}: a cell of it.
    pub column_example: &'static str,
    /// {0}: the column's number.
    pub column_holds: &'static str,
    pub first_row_header: &'static str,
    pub sheet: &'static str,
    pub use_saved: &'static str,
    pub choose: &'static str,
    pub save_as: &'static str,
    pub mapping_name: &'static str,
    pub mapping_placeholder: &'static str,
    pub save_mapping: &'static str,
}

#[derive(Debug, Serialize)]
pub struct LeadRejectedTexts {
    /// {0}: how many.
    pub heading: &'static str,
    pub col_cells: &'static str,
    pub col_why: &'static str,
    /// {0}: how many are shown.
    pub first_shown: &'static str,
    /// {0}: the row, {1}: the cell's number.
    pub cell_label: &'static str,
    pub save_row: &'static str,
    pub fix: &'static str,
}

/// The push of tasks to MANGO (`PushState::label`, the progress card).
#[derive(Debug, Serialize)]
pub struct LeadPushTexts {
    pub none: &'static str,
    pub running: &'static str,
    pub paused: &'static str,
    pub done: &'static str,
    pub failed: &'static str,
    /// {0}: tasks per minute, counted ("6 256 заданий"), {1}: the time left.
    pub rate_and_left: &'static str,
    /// {0}: tasks per minute, counted.
    pub rate: &'static str,
    /// {0}: sent, {1}: total, {2}: percent.
    pub counts: &'static str,
    pub pause: &'static str,
    pub resume: &'static str,
    /// {0}: seconds.
    pub seconds: &'static str,
    /// {0}: minutes.
    pub minutes: &'static str,
    /// {0}: hours, {1}: minutes.
    pub hours_minutes: &'static str,
    pub create_in_mango_first: &'static str,
    pub campaign_gone: &'static str,
    /// {0}: MANGO's count, {1}: the count before the batch, {2}: the batch, {3}: the count after it.
    pub count_mismatch: &'static str,
}

/// Why a row is not sent (`Rejection::describe`) and the counts' labels (by kind).
#[derive(Debug, Serialize)]
pub struct LeadReasonTexts {
    /// {0}: what the phone check said.
    pub bad_phone: &'static str,
    pub missing_phone: &'static str,
    pub missing_name: &'static str,
    /// {0}: the field, {1}: its length, {2}: the limit.
    pub too_long: &'static str,
    /// {0}: the earlier row.
    pub duplicate_in_file: &'static str,
    pub already_in_campaign: &'static str,
    pub over_cap: &'static str,
    /// {0}: since when, {1}: who put it on the list.
    pub do_not_call: &'static str,
    /// {0}: when, {1}: the other campaign.
    pub called_recently: &'static str,
    /// {0}: when, {1}: the other campaign.
    pub talked_recently: &'static str,
    pub kind_bad_phone: &'static str,
    pub kind_missing_phone: &'static str,
    pub kind_missing_name: &'static str,
    pub kind_too_long: &'static str,
    pub kind_duplicate_in_file: &'static str,
    pub kind_already_in_campaign: &'static str,
    pub kind_over_cap: &'static str,
    pub kind_do_not_call: &'static str,
    pub kind_called_recently: &'static str,
    /// The column the rejected-rows CSV adds.
    pub reason_header: &'static str,
    /// {0}: the row, {1}: the reason.
    pub row_reason: &'static str,
    /// {0}: the column's number (a header for a file without one, and in additional info).
    pub column: &'static str,
}

/// What the phone check says of a cell it cannot call. {0} is the cell as written.
#[derive(Debug, Serialize)]
pub struct LeadPhoneTexts {
    pub empty: &'static str,
    /// {0}: the cell.
    pub not_sip: &'static str,
    /// {0}: the cell, {1}: "2 digits are missing".
    pub excel_rounded: &'static str,
    pub digits_missing: Plural,
    /// {0}: the cell.
    pub no_digits: &'static str,
    /// {0}: the cell, {1}: the extension's marker.
    pub extension: &'static str,
    /// {0}: the cell, {1}: the character.
    pub bad_character: &'static str,
    /// {0}: the cell, {1}: "11 digits".
    pub wrong_length: &'static str,
    pub digits: Plural,
    /// {0}: the cell, {1}: the country code, {2}: the national number, {3}: the region.
    pub not_valid: &'static str,
}

/// Reading an uploaded file and changing an upload.
#[derive(Debug, Serialize)]
pub struct LeadFileTexts {
    /// {0}: the delimiter.
    pub read_as_csv: &'static str,
    pub delimiter_tab: &'static str,
    pub delimiter_none: &'static str,
    /// {0}: the format, {1}: the sheet.
    pub read_as_sheet: &'static str,
    /// {0}: the format, {1}: the sheet, {2}: how many sheets.
    pub read_as_sheet_of: &'static str,
    /// {0}: the campaign's id.
    pub no_campaign: &'static str,
    /// {0}: the upload's id.
    pub no_upload: &'static str,
    /// {0}: the template's id.
    pub no_template: &'static str,
    /// {0}: the template's name.
    pub template_mismatch: &'static str,
    pub no_rows: &'static str,
    pub only_spreadsheets_have_sheets: &'static str,
    /// {0}: the sheet.
    pub sheet_empty: &'static str,
    pub added_meanwhile: &'static str,
    pub already_added: &'static str,
    pub name_the_mapping: &'static str,
    /// {0}: the limit, {1}: the length now.
    pub template_name_long: &'static str,
    /// {0}: how many columns.
    pub map_every_column: &'static str,
    pub one_phone_column: &'static str,
    /// {0}: the row.
    pub no_such_row: &'static str,
    /// {0}: the row, {1}: its cells, {2}: cells sent.
    pub row_width: &'static str,
    /// {0}: the largest batch.
    pub batch_size: &'static str,
    pub create_campaign_first: &'static str,
    pub nothing_accepted: &'static str,
    pub numbers_added_meanwhile: &'static str,
    pub no_push: &'static str,
    /// {0}: the push's state.
    pub push_not_possible: &'static str,
    pub choose_file: &'static str,
    /// {0}: the limit in MB.
    pub upload_too_large: &'static str,
    /// {0}: what the reader said.
    pub upload_unreadable: &'static str,
    pub settings_unreadable: &'static str,
    /// {0}: megabytes.
    pub too_large: &'static str,
    /// {0}: the limit.
    pub too_many_rows: &'static str,
    /// {0}: the row, {1}: the limit.
    pub too_many_columns: &'static str,
    /// {0}: what the reader said.
    pub spreadsheet: &'static str,
    pub unpacks: &'static str,
    /// {0}: what is wrong.
    pub hostile: &'static str,
    /// {0}: the sheet, {1}: the row, {2}: the column, {3}: rows read, {4}: leads, {5}: columns.
    pub out_of_bounds: &'static str,
    /// {0}: the sheet, {1}: rows, {2}: columns, {3}: rows read, {4}: columns read.
    pub declares: &'static str,
    /// {0}: cells, {1}: the limit.
    pub grid: &'static str,
    /// {0}: rows, {1}: columns, {2}: cells, {3}: the limit, {4}: rows of 20 columns.
    pub too_many_cells: &'static str,
    /// {0}: the sheet, {1}: the limit.
    pub too_many_filled: &'static str,
    pub binary: &'static str,
    /// {0}: the sheet.
    pub no_such_sheet: &'static str,
    /// {0}: the line, {1}: what is wrong.
    pub csv_line: &'static str,
}

// ── board: the live board ────────────────────────────────────────────────────────────────
#[derive(Debug, Serialize)]
pub struct BoardTexts {
    pub title: &'static str,
    pub connecting: &'static str,
    pub live: &'static str,
    pub reconnecting: &'static str,
    pub results_link: &'static str,
    /// {0}: finished, {1}: total, {2}: percent.
    pub progress: &'static str,
    pub counts_hint: &'static str,
    /// {0}: "12 events".
    pub events_received: &'static str,
    pub events: Plural,
    /// {0}: when.
    pub last_event: &'static str,
    /// {0}: "12 calls".
    pub calls_heading: &'static str,
    pub calls: Plural,
    /// {0}: "8 leads".
    pub not_called: &'static str,
    pub leads: Plural,
    pub end_codes: &'static str,
    pub operators: &'static str,
    pub no_operator_calls: &'static str,
    pub col_operator: &'static str,
    pub col_calls: &'static str,
    pub col_talks: &'static str,
    pub col_talk_time: &'static str,
    pub col_status: &'static str,
    /// {0}: the operator's name, {1}: the extension.
    pub operator_ext: &'static str,
    /// {0}: the extension.
    pub ext: &'static str,
    pub latest_calls: &'static str,
    pub no_calls: &'static str,
    pub col_when: &'static str,
    pub col_number: &'static str,
    pub col_lead: &'static str,
    pub col_outcome: &'static str,
    pub col_talk: &'static str,
    pub chart_heading: &'static str,
    pub chart_label: &'static str,
    pub unknown_code: &'static str,
    pub outcome_in_progress: &'static str,
    pub outcome_talked: &'static str,
    pub outcome_busy: &'static str,
    pub outcome_no_answer: &'static str,
    pub outcome_unavailable: &'static str,
    pub outcome_no_such_number: &'static str,
    pub outcome_operator_side: &'static str,
    pub outcome_failed: &'static str,
}

// ── results: the results table and its exports ──────────────────────────────────────────
#[derive(Debug, Serialize)]
pub struct ResultTexts {
    pub title: &'static str,
    pub back_to_campaign: &'static str,
    pub export_csv: &'static str,
    pub export_xlsx: &'static str,
    pub last_outcome: &'static str,
    pub filter_outcome: &'static str,
    pub any: &'static str,
    pub not_called: &'static str,
    pub operator: &'static str,
    pub filter_operator: &'static str,
    pub min_attempts: &'static str,
    pub min_attempts_label: &'static str,
    pub search: &'static str,
    pub search_placeholder: &'static str,
    pub search_label: &'static str,
    pub leads: Plural,
    /// {0}: how many.
    pub summary_called: &'static str,
    /// {0}: how many.
    pub summary_talked: &'static str,
    pub calls: Plural,
    /// {0}: minutes:seconds.
    pub summary_talk_time: &'static str,
    /// {0}: how many.
    pub matching: &'static str,
    pub no_match: &'static str,
    /// {0}: shown, {1}: matching.
    pub first_shown: &'static str,
    pub select_all: &'static str,
    /// {0}: the number.
    pub select_one: &'static str,
    pub col_number: &'static str,
    pub col_name: &'static str,
    pub col_attempts: &'static str,
    pub col_talk: &'static str,
    pub col_last_call: &'static str,
    pub col_mango_says: &'static str,
    pub col_callback: &'static str,
    pub export: ResultExportTexts,
    pub mango: ResultMangoTexts,
    pub recordings: RecordingTexts,
}

/// Call recordings, transcripts and topics (manual 3.1.3, 3.4).
#[derive(Debug, Serialize)]
pub struct RecordingTexts {
    pub col_recording: &'static str,
    pub listen: &'static str,
    /// {0}: the number called.
    pub listen_label: &'static str,
    pub download: &'static str,
    pub being_recorded: &'static str,
    pub mailed_only: &'static str,
    /// {0}: MANGO's code and its words.
    pub failed: &'static str,
    /// {0}: when the call began.
    pub call_at: &'static str,
    pub show_transcript: &'static str,
    pub hide_transcript: &'static str,
    pub transcript_waiting: &'static str,
    pub transcript_unavailable: &'static str,
    pub transcript_not_applicable: &'static str,
    pub transcript_empty: &'static str,
    pub operator: &'static str,
    pub client: &'static str,
    pub other_speaker: &'static str,
    pub topics: &'static str,
    pub filter_topic: &'static str,
    pub any_topic: &'static str,
    pub said_placeholder: &'static str,
    pub said_label: &'static str,
    /// {0}: who, {1}: the phrase.
    pub said_match: &'static str,
    pub export_with_transcripts: &'static str,
    pub export_topics: &'static str,
    pub export_transcript: &'static str,
    /// {0}: our id of the recording.
    pub no_such_recording: &'static str,
    /// {0}: why.
    pub cannot_play: &'static str,
    /// {0}: MANGO's answer.
    pub mango_did_not_give: &'static str,
}

/// What MANGO itself says of a task (manual 3.8.3 `task`): its status and the reason for it,
/// in the manual's words.
#[derive(Debug, Serialize)]
pub struct ResultMangoTexts {
    pub status_stopped: &'static str,
    pub status_queued: &'static str,
    pub status_in_progress: &'static str,
    pub status_finished: &'static str,
    pub status_deleted: &'static str,
    /// {0}: MANGO's number.
    pub status_unknown: &'static str,
    pub reason_talked: &'static str,
    pub reason_busy: &'static str,
    pub reason_no_answer: &'static str,
    pub reason_unavailable: &'static str,
    pub reason_operator_busy: &'static str,
    pub reason_operator_no_answer: &'static str,
    pub reason_operator_unavailable: &'static str,
    pub reason_number_does_not_exist: &'static str,
    pub reason_operator_gave_up: &'static str,
    pub reason_stopped_by_admin: &'static str,
    /// {0}: MANGO's number.
    pub reason_unknown: &'static str,
    /// {0}: the status, {1}: the reason.
    pub status_with_reason: &'static str,
}

/// The columns and sheet of the CSV/XLSX export, and its refusals.
#[derive(Debug, Serialize)]
pub struct ResultExportTexts {
    pub number: &'static str,
    pub name: &'static str,
    pub company: &'static str,
    pub attempts: &'static str,
    pub last_outcome: &'static str,
    pub mango_reason: &'static str,
    pub talk_seconds: &'static str,
    pub operator: &'static str,
    pub first_call: &'static str,
    pub last_call: &'static str,
    pub mango_task_status: &'static str,
    pub callback: &'static str,
    pub sheet: &'static str,
    /// {0}: the value.
    pub not_an_outcome: &'static str,
    /// {0}: the value.
    pub not_a_number: &'static str,
}

// ── callbacks ────────────────────────────────────────────────────────────────────────────
#[derive(Debug, Serialize)]
pub struct CallbackTexts {
    pub title: &'static str,
    pub intro_one: &'static str,
    pub intro_many: &'static str,
    pub every_callback: &'static str,
    pub state_label: &'static str,
    pub state_filter: &'static str,
    pub any_state: &'static str,
    pub empty_heading: &'static str,
    pub empty_text: &'static str,
    /// {0}: how many, {1}: the state's label in lower case.
    pub state_count: &'static str,
    /// {0}: the time zone.
    pub times_in: &'static str,
    pub cc_unavailable: &'static str,
    pub col_due: &'static str,
    pub col_lead: &'static str,
    pub col_campaign: &'static str,
    pub col_operator: &'static str,
    pub col_state: &'static str,
    pub col_details: &'static str,
    pub col_result: &'static str,
    /// {0}: the talk's length, m:ss.
    pub talk: &'static str,
    /// {0}: what the operator is to do, {1}: minutes.
    pub scheduled_for: &'static str,
    /// {0}: the number, {1}: when, {2}: the state in lower case.
    pub created_notice: &'static str,
    pub new_heading: &'static str,
    pub sandbox_note: &'static str,
    pub add_another: &'static str,
    pub sending: &'static str,
    pub create: &'static str,
    pub operator: &'static str,
    pub phone: &'static str,
    pub when: &'static str,
    pub date: &'static str,
    pub hour: &'static str,
    pub minute: &'static str,
    pub time_zone: &'static str,
    pub duration: &'static str,
    pub operator_is_to: &'static str,
    pub description: &'static str,
    pub auto_call: &'static str,
    pub bulk_heading: &'static str,
    pub batch_repeated: &'static str,
    /// {0}: percent, {1}: handled, {2}: total, {3}: created, {4}: refused, {5}: skipped.
    pub batch_summary: &'static str,
    pub follow_them: &'static str,
    /// {0}: why.
    pub skipped: &'static str,
    pub from: &'static str,
    pub until: &'static str,
    pub create_many: &'static str,
    pub whom: &'static str,
    /// {0}: how many.
    pub selected_leads: &'static str,
    /// {0}: how many.
    pub matching_leads: &'static str,
    pub operators_in_turn: &'static str,
    /// {0}: how many leads with the word, {1}: requests a second, {2}: seconds.
    pub pace: &'static str,
    pub pace_leads: Plural,
    /// {0}: the name, {1}: the extension.
    pub operator_title: &'static str,
    pub events: CallbackEventTexts,
    pub states: CallbackStateTexts,
    pub rules: CallbackRuleTexts,
    pub server: CallbackServerTexts,
}

#[derive(Debug, Serialize)]
pub struct CallbackEventTexts {
    pub call: &'static str,
    pub write: &'static str,
    pub meet: &'static str,
    pub act: &'static str,
}

#[derive(Debug, Serialize)]
pub struct CallbackStateTexts {
    pub queued: &'static str,
    pub sending: &'static str,
    pub refused: &'static str,
    pub unknown: &'static str,
    pub scheduled: &'static str,
    pub task_only: &'static str,
    pub calling: &'static str,
    pub talked: &'static str,
    pub failed: &'static str,
}

/// The rules both sides check.
#[derive(Debug, Serialize)]
pub struct CallbackRuleTexts {
    /// {0}: what was given.
    pub unknown_zone: &'static str,
    pub choose_date_time: &'static str,
    /// {0}: what was given.
    pub not_date_time: &'static str,
    /// {0}: the maximum, {1}: what was given.
    pub duration_range: &'static str,
    /// {0}: the maximum, {1}: how many now.
    pub description_long: &'static str,
    pub enter_number: &'static str,
    pub sip_shape: &'static str,
    /// {0}: the character.
    pub phone_char: &'static str,
    /// {0}: how many digits.
    pub phone_digits: &'static str,
    pub choose_operator: &'static str,
    pub time_passed: &'static str,
    pub choose_operators: &'static str,
    pub select_lead: &'static str,
    /// {0}: the maximum, {1}: how many selected.
    pub too_many: &'static str,
    pub ends_before_start: &'static str,
}

/// What the server says about callbacks.
#[derive(Debug, Serialize)]
pub struct CallbackServerTexts {
    /// Kept queued: no MANGO connection could be set up (Settings).
    pub no_connection: &'static str,
    /// {0}: the employee's MANGO id.
    pub employee: &'static str,
    /// {0}: the employees' ids.
    pub not_in_directory: &'static str,
    /// {0}: the number, {1}: the open callback's state, {2}: when it is due.
    pub already_has: &'static str,
    /// {0}: the open callback's state, {1}: when it is due.
    pub already_has_skip: &'static str,
    pub no_lead_matches: &'static str,
    /// {0}: the lead, {1}: the campaign.
    pub lead_not_in_campaign: &'static str,
    pub same_number_twice: &'static str,
    /// {0}: the request's id.
    pub no_batch: &'static str,
    pub no_auto_call: &'static str,
    pub lost_answer: &'static str,
    /// {0}: the `cc_down_since` part or nothing, {1}: seconds between attempts.
    pub cc_down: &'static str,
    /// {0}: answers, {1}: seconds.
    pub cc_down_since: &'static str,
}

// ── directory ────────────────────────────────────────────────────────────────────────────
#[derive(Debug, Serialize)]
pub struct DirectoryTexts {
    pub title: &'static str,
    /// An operator MANGO lists without a name; {0}: the extension.
    pub unnamed_extension: &'static str,
    /// An operator MANGO lists without a name or extension; {0}: MANGO's user id.
    pub unnamed_employee: &'static str,
    /// An audio file MANGO lists without a name; {0}: its id.
    pub unnamed_audio: &'static str,
    pub intro: &'static str,
    pub refreshing: &'static str,
    pub refresh: &'static str,
    pub refreshed: &'static str,
    /// {0}: how many parts failed.
    pub refreshed_failed: &'static str,
    pub loading: &'static str,
    pub sandbox: &'static str,
    pub stale: &'static str,
    pub never_fetched: &'static str,
    pub fetched: &'static str,
    pub last_failed: &'static str,
    pub last_fetched: &'static str,
    /// {0}: minutes.
    pub auto_refresh: &'static str,
    pub operators: &'static str,
    /// {0}: operators, {1}: in outbound dialing.
    pub operators_count: &'static str,
    pub col_name: &'static str,
    pub col_ext: &'static str,
    pub col_department: &'static str,
    pub col_position: &'static str,
    pub col_campaign_calls: &'static str,
    pub lines: &'static str,
    pub col_number: &'static str,
    pub col_line_name: &'static str,
    pub col_region: &'static str,
    pub audio: &'static str,
    pub col_audio_name: &'static str,
    pub cc_off: &'static str,
    pub outbound: &'static str,
    /// {0}: the status.
    pub not_outbound: &'static str,
    pub not_reported: &'static str,
    pub online: &'static str,
    pub do_not_disturb: &'static str,
    pub on_break: &'static str,
    pub offline: &'static str,
    pub part_operators: &'static str,
    pub part_lines: &'static str,
    pub part_audio: &'static str,
    pub all_parts_fetched: &'static str,
}

// ── settings ─────────────────────────────────────────────────────────────────────────────
#[derive(Debug, Serialize)]
pub struct SettingsTexts {
    pub title: &'static str,
    pub loading: &'static str,
    pub saved: &'static str,
    pub sandbox_one: &'static str,
    pub sandbox_two: &'static str,
    pub save: &'static str,
    pub salt_not_set: &'static str,
    /// {0}: the salt's last characters.
    pub salt_set: &'static str,
    pub connection: &'static str,
    pub vpbx_url: &'static str,
    pub cc_url: &'static str,
    pub api_key: &'static str,
    pub api_salt: &'static str,
    pub salt_currently: &'static str,
    pub salt_hint: &'static str,
    pub new_salt: &'static str,
    pub clear_salt: &'static str,
    pub webhook: &'static str,
    pub webhook_hint_one: &'static str,
    pub webhook_hint_two: &'static str,
    pub copied: &'static str,
    pub copy: &'static str,
    pub defaults: &'static str,
    pub time_zone: &'static str,
    pub phone_region: &'static str,
    pub test_heading: &'static str,
    pub test_hint_one: &'static str,
    pub test_hint_two: &'static str,
    pub testing: &'static str,
    pub test: &'static str,
    pub connected_sandbox: &'static str,
    /// {0}: the address.
    pub connected: &'static str,
    /// {0}: the address.
    pub connection_failed: &'static str,
    /// {0}: MANGO's result code.
    pub result_code: &'static str,
    pub check_ok: &'static str,
    pub check_failed: &'static str,
    pub events: SettingsEventTexts,
    pub mango: SettingsMangoTexts,
    pub server: SettingsServerTexts,
}

/// The events panel.
#[derive(Debug, Serialize)]
pub struct SettingsEventTexts {
    pub title: &'static str,
    pub loading: &'static str,
    pub address: &'static str,
    pub last_event: &'static str,
    pub no_event: &'static str,
    pub last_ping: &'static str,
    pub no_ping: &'static str,
    pub refused: &'static str,
    pub unsigned_refused: &'static str,
    /// {0}: the warning, {1}: how many, {2}: when last.
    pub unsigned_line: &'static str,
    pub unsigned_how: &'static str,
    pub unsigned_accepted: &'static str,
    pub refresh: &'static str,
}

/// What MANGO answers.
#[derive(Debug, Serialize)]
pub struct SettingsMangoTexts {
    pub title: &'static str,
    pub refresh: &'static str,
    pub list_path: &'static str,
    pub list_path_hint: &'static str,
    pub not_called: &'static str,
    pub cc_ok: &'static str,
    pub cc_down: &'static str,
    pub sandbox: &'static str,
}

/// What the server says about settings and the connection test.
#[derive(Debug, Serialize)]
pub struct SettingsServerTexts {
    /// {0}: the path, {1}: how many campaigns.
    pub list_answers: &'static str,
    /// {0}: the path, {1}: why.
    pub list_no_answer: &'static str,
    /// {0}: the path.
    pub list_using: &'static str,
    pub list_none: &'static str,
    /// {0}: the amount and currency.
    pub balance: &'static str,
    /// {0}: how many.
    pub employees: &'static str,
    pub http_only: &'static str,
    /// {0}: the zone.
    pub unknown_zone: &'static str,
    /// {0}: the code.
    pub unknown_region: &'static str,
    pub vpbx_label: &'static str,
    pub cc_label: &'static str,
    /// {0}: which address, {1}: why it is refused.
    pub address_refused: &'static str,
    pub sandbox_key: &'static str,
    pub rule_public: &'static str,
    pub rule_loopback: &'static str,
    pub rule_any: &'static str,
}

// ── users ────────────────────────────────────────────────────────────────────────────────
#[derive(Debug, Serialize)]
pub struct UserTexts {
    pub title: &'static str,
    /// {0}: the username, {1}: the role in lower case.
    pub role_changed: &'static str,
    /// {0}: the username.
    pub disabled_notice: &'static str,
    /// {0}: the username.
    pub enabled_notice: &'static str,
    pub password_reset: &'static str,
    pub everyone: &'static str,
    pub loading: &'static str,
    /// {0}: the username, {1}: the role.
    pub created_notice: &'static str,
    pub add_heading: &'static str,
    pub username: &'static str,
    pub full_name: &'static str,
    pub role: &'static str,
    pub password: &'static str,
    pub create: &'static str,
    pub col_username: &'static str,
    pub col_name: &'static str,
    pub col_role: &'static str,
    pub col_status: &'static str,
    pub col_created: &'static str,
    pub col_last_login: &'static str,
    pub col_actions: &'static str,
    pub enable: &'static str,
    pub disable: &'static str,
    /// {0}: the username.
    pub enable_question: &'static str,
    /// {0}: the username.
    pub disable_question: &'static str,
    pub disabled: &'static str,
    pub active: &'static str,
    pub never: &'static str,
    pub reset: &'static str,
    pub new_password: &'static str,
    pub new_password_placeholder: &'static str,
    pub set_password: &'static str,
    pub set_password_question: &'static str,
    /// {0}: the id.
    pub no_user: &'static str,
    /// {0}: the username.
    pub only_admin: &'static str,
    pub choose_role: &'static str,
    /// {0}: the username.
    pub username_taken: &'static str,
    pub own_role: &'static str,
    pub own_account: &'static str,
    pub password_not_allowed: &'static str,
}

// ── audit ────────────────────────────────────────────────────────────────────────────────
#[derive(Debug, Serialize)]
pub struct AuditTexts {
    pub title: &'static str,
    pub intro: &'static str,
    pub action: &'static str,
    pub filter: &'static str,
    pub all_actions: &'static str,
    pub empty: &'static str,
    pub newest: &'static str,
    pub older: &'static str,
    pub col_when: &'static str,
    pub col_who: &'static str,
    pub col_action: &'static str,
    pub col_on: &'static str,
    pub col_details: &'static str,
    pub col_address: &'static str,
    /// {0}: the action MANGO refused.
    pub refused: &'static str,
    /// {0}: our campaign number.
    pub target_campaign: &'static str,
    /// {0}: our callback number.
    pub target_callback: &'static str,
    /// {0}: our upload number.
    pub target_upload: &'static str,
    pub actions: AuditActionTexts,
    pub details: AuditDetailTexts,
}

/// The details an audit line is written with, in the language of whoever acted.
#[derive(Debug, Serialize)]
pub struct AuditDetailTexts {
    /// {0}: the campaign copied.
    pub duplicated_from: &'static str,
    /// {0}: MANGO's campaign id.
    pub created_in_mango: &'static str,
    /// {0}: MANGO's campaign id.
    pub adopted_from_list: &'static str,
    /// {0}: MANGO's campaign id, {1}: its state.
    pub mango_campaign_state: &'static str,
    /// {0}: the draft's name.
    pub draft_discarded: &'static str,
    pub current_password: &'static str,
    pub language_browser: &'static str,
    pub language_ru: &'static str,
    pub language_en: &'static str,
    /// {0}: the role.
    pub role: &'static str,
    /// {0}: the role before, {1}: after.
    pub role_changed: &'static str,
    /// {0}: operator, {1}: number, {2}: when, {3}: state.
    pub callback: &'static str,
    /// {0}: callbacks queued, {1}: leads skipped.
    pub callbacks_requested: &'static str,
    /// {0}: yes/no, {1}: the columns' roles.
    pub mapping: &'static str,
    pub yes: &'static str,
    pub no: &'static str,
    /// {0}: the template's number.
    pub template: &'static str,
    /// {0}: the row.
    pub row: &'static str,
    /// {0}: the tasks, counted, {1}: the upload, {2}: tasks per request.
    pub tasks_added: &'static str,
    /// {0}: the address.
    pub connection_ok: &'static str,
    /// {0}: the address.
    pub connection_failed: &'static str,
    pub setting_replaced: &'static str,
    pub setting_removed: &'static str,
    /// {0}: days, {1}: events, {2}: malformed events, {3}: audit rows, {4}: uploads.
    pub pruned: &'static str,
    /// {0}: what is counted, {1}: the limit, {2}: minutes.
    pub throttled: &'static str,
    /// {0}: the window's start (ms), {1}: attempts, {2}: refused.
    pub throttled_total: &'static str,
    pub first_admin: &'static str,
    /// {0}: the file's name, {1}: its size in bytes, {2}: the upload's number.
    pub uploaded: &'static str,
    /// {0}: our id of the recording, {1}: the number called, {2}: MANGO's campaign.
    pub recording: &'static str,
    /// {0}: how many added, {1}: the numbers (the first few), {2}: already listed, {3}: refused, {4}: the reason.
    pub listed: &'static str,
    /// {0}: the file, then as `listed`.
    pub listed_file: &'static str,
    /// {0}: the number, {1}: the lead, {2}: the campaign, {3}: the reason.
    pub listed_lead: &'static str,
    /// {0}: the number, {1}: the reason.
    pub unlisted: &'static str,
    /// {0}: days before, {1}: after (0: off).
    pub recent_days: &'static str,
    /// {0}: entries.
    pub exported: &'static str,
}

/// The audit log's actions as phrases; in English, the stored code itself.
#[derive(Debug, Serialize)]
pub struct AuditActionTexts {
    pub login: &'static str,
    pub login_failed: &'static str,
    pub login_refused_disabled: &'static str,
    pub login_throttled: &'static str,
    pub login_throttled_total: &'static str,
    pub logout: &'static str,
    pub password_changed: &'static str,
    pub language_changed: &'static str,
    pub password_reset: &'static str,
    pub user_created: &'static str,
    pub user_role_changed: &'static str,
    pub user_disabled: &'static str,
    pub user_enabled: &'static str,
    pub settings_changed: &'static str,
    pub connection_tested: &'static str,
    pub directory_refreshed: &'static str,
    pub callback_created: &'static str,
    pub callbacks_requested: &'static str,
    pub campaign_draft_created: &'static str,
    pub campaign_draft_saved: &'static str,
    pub campaign_duplicated: &'static str,
    pub campaign_created_in_mango: &'static str,
    pub campaign_started: &'static str,
    pub campaign_stopped: &'static str,
    pub campaign_deleted: &'static str,
    pub push_paused: &'static str,
    pub push_resumed: &'static str,
    pub tasks_added: &'static str,
    pub lead_list_uploaded: &'static str,
    pub lead_list_remapped: &'static str,
    pub lead_list_sheet_chosen: &'static str,
    pub lead_row_fixed: &'static str,
    pub mapping_template_applied: &'static str,
    pub mapping_template_saved: &'static str,
    pub retention_pruned: &'static str,
    pub campaign_created_in_mango_refused: &'static str,
    pub campaign_started_refused: &'static str,
    pub campaign_stopped_refused: &'static str,
    pub campaign_deleted_refused: &'static str,
    pub recording_played: &'static str,
    pub recording_downloaded: &'static str,
    pub transcript_read: &'static str,
    pub do_not_call_added: &'static str,
    pub do_not_call_imported: &'static str,
    pub do_not_call_removed: &'static str,
    pub do_not_call_exported: &'static str,
    pub called_recently_changed: &'static str,
}

#[derive(Debug, Serialize)]
pub struct DoNotCallTexts {
    pub title: &'static str,
    pub intro: &'static str,
    pub add_heading: &'static str,
    pub numbers_label: &'static str,
    pub numbers_hint: &'static str,
    pub reason_label: &'static str,
    pub reason_placeholder: &'static str,
    pub add_button: &'static str,
    pub adding: &'static str,
    pub file_heading: &'static str,
    pub file_hint: &'static str,
    pub file_label: &'static str,
    pub upload_button: &'static str,
    pub recent_heading: &'static str,
    pub recent_intro: &'static str,
    pub recent_days_label: &'static str,
    pub recent_off: &'static str,
    /// {0}: days.
    pub recent_on: &'static str,
    pub save: &'static str,
    pub saved: &'static str,
    /// {0}: the largest.
    pub days_range: &'static str,
    pub search_label: &'static str,
    pub show_active: &'static str,
    pub show_removed: &'static str,
    pub export: &'static str,
    /// {0}: on the list, {1}: removed.
    pub counts: &'static str,
    pub empty: &'static str,
    /// {0}: how many are shown.
    pub first_shown: &'static str,
    pub col_number: &'static str,
    pub col_reason: &'static str,
    pub col_source: &'static str,
    pub col_added_by: &'static str,
    pub col_added_at: &'static str,
    pub col_removed: &'static str,
    /// {0}: when, {1}: who, {2}: why.
    pub removed_line: &'static str,
    pub remove: &'static str,
    pub remove_reason_label: &'static str,
    pub remove_confirm: &'static str,
    /// {0}: the number.
    pub removed_notice: &'static str,
    pub source_by_hand: &'static str,
    pub source_file: &'static str,
    pub source_results: &'static str,
    pub nobody: &'static str,
    /// {0}: added, {1}: already on the list, {2}: not numbers.
    pub added_summary: &'static str,
    /// {0}: the line, {1}: the text, {2}: why.
    pub refusal_line: &'static str,
    /// {0}: how many more.
    pub more_refusals: &'static str,
    pub reason_required: &'static str,
    /// {0}: the limit, {1}: the length.
    pub reason_too_long: &'static str,
    pub type_numbers: &'static str,
    /// {0}: the limit, {1}: how many.
    pub too_many_typed: &'static str,
    pub no_phone_column: &'static str,
    pub reason_for_rows: &'static str,
    /// {0}: the lead, {1}: the campaign.
    pub no_lead: &'static str,
    /// {0}: the entry.
    pub no_entry: &'static str,
    pub results_action: &'static str,
    pub results_reason: &'static str,
    pub results_listed: &'static str,
    /// {0}: how many.
    pub board_heading: &'static str,
    pub board_what_to_do: &'static str,
    /// {0}: name, {1}: number, {2}: since, {3}: by.
    pub board_item: &'static str,
    /// {0}: why.
    pub upload_failed: &'static str,
}

#[derive(Debug, Serialize)]
pub struct AlertTexts {
    /// {0}: how many.
    pub heading: &'static str,
    /// {0}: minutes.
    pub silent: &'static str,
    pub silent_advice: &'static str,
    /// {0}: the campaign’s operators.
    pub no_operator_dialing: &'static str,
    pub no_operator_dialing_advice: &'static str,
    /// {0}: percent, {1}: such calls, {2}: finished calls.
    pub bad_list: &'static str,
    pub bad_list_advice: &'static str,
    /// {0}: MANGO’s reason.
    pub push_failed: &'static str,
    pub push_failed_advice: &'static str,
    /// {0}: how many.
    pub callbacks_refused: &'static str,
    pub callbacks_refused_advice: &'static str,
}

#[derive(Debug, Serialize)]
pub struct ForecastTexts {
    pub heading: &'static str,
    pub no_leads: &'static str,
    /// {0}: leads, {1}: attempts, {2}: attempts per lead.
    pub attempts: &'static str,
    /// {0}: calls.
    pub mix_history: &'static str,
    pub mix_assumed: &'static str,
    /// {0}: operators, {1}: coefficient, {2}: calls an hour, {3}: attempts an hour.
    pub capacity: &'static str,
    pub operators_dialing: &'static str,
    pub operators_all: &'static str,
    /// {0}: calls.
    pub rate_history: &'static str,
    pub rate_assumed: &'static str,
    pub no_capacity: &'static str,
    /// {0}: hours.
    pub needs: &'static str,
    /// {0}: hours needed, {1}: hours available.
    pub fits: &'static str,
    /// {0}: hours needed, {1}: hours available.
    pub short: &'static str,
    /// {0}: attempts an hour, {1}: when.
    pub pace: &'static str,
}
