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
pub struct CampaignTexts {}

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
