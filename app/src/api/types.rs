//! Data that crosses between browser and server.

use serde::{Deserialize, Serialize};
use validator::Validate;

use super::roles::Role;
use super::validation::{validate_password, validate_phone_region, validate_username};

/// The person behind the current request. The server puts it into the request's extensions
/// after checking the session; server functions read it from there.
#[derive(Clone, Debug, PartialEq, Eq, Serialize, Deserialize)]
pub struct SessionUser {
    pub id: i64,
    pub username: String,
    pub display_name: String,
    pub role: Role,
    /// The language this user chose on the Account page; `None` follows the browser.
    #[serde(default)]
    pub lang: Option<crate::i18n::Lang>,
}

#[derive(Clone, Debug, PartialEq, Eq, Serialize, Deserialize)]
pub struct UserRow {
    pub id: i64,
    pub username: String,
    pub display_name: String,
    pub role: Role,
    pub disabled: bool,
    /// When the account was created, in the default time zone of the settings.
    pub created: String,
    pub last_login: Option<String>,
}

#[derive(Clone, Debug, Default, PartialEq, Eq, Serialize, Deserialize, Validate)]
pub struct NewUserForm {
    #[validate(custom(function = "validate_username"))]
    pub username: String,
    #[validate(length(min = 1, max = 100, code = "display_name_length"))]
    pub display_name: String,
    pub role: Option<Role>,
    #[validate(custom(function = "validate_password"))]
    pub password: String,
}

#[derive(Clone, Debug, Default, PartialEq, Eq, Serialize, Deserialize, Validate)]
pub struct PasswordChangeForm {
    pub current_password: String,
    #[validate(custom(function = "validate_password"))]
    pub new_password: String,
}

#[derive(Clone, Debug, PartialEq, Eq, Serialize, Deserialize)]
pub struct AuditEntry {
    pub id: i64,
    /// When it happened, in the default time zone of the settings.
    pub at: String,
    pub actor: Option<String>,
    pub action: String,
    pub target: Option<String>,
    pub details: Option<String>,
    pub client_ip: Option<String>,
}

#[derive(Clone, Debug, Default, PartialEq, Eq, Serialize, Deserialize)]
pub struct AuditQuery {
    /// Only entries with this action (e.g. `login_failed`).
    pub action: Option<String>,
    /// Only entries older than this id (paging backwards).
    pub before_id: Option<i64>,
}

#[derive(Clone, Debug, PartialEq, Eq, Serialize, Deserialize)]
pub struct AuditPage {
    pub entries: Vec<AuditEntry>,
    pub actions: Vec<String>,
    pub has_more: bool,
}

/// Whether a write-only secret is set, and at most its last characters.
#[derive(Clone, Debug, PartialEq, Eq, Serialize, Deserialize)]
pub enum SecretState {
    NotSet,
    Set { ends_with: String },
}

#[derive(Clone, Debug, PartialEq, Eq, Serialize, Deserialize)]
pub struct SettingsView {
    pub vpbx_base_url: String,
    pub cc_base_url: String,
    pub vpbx_api_key: String,
    pub api_salt: SecretState,
    pub timezone: String,
    pub phone_region: String,
    /// The base address to enter in MANGO's cabinet; MANGO appends `/events/call` etc.
    pub webhook_base_url: String,
    /// True while no MANGO credentials are configured: Obzvon works against its sandbox.
    pub sandbox: bool,
    pub time_zones: Vec<String>,
}

#[derive(Clone, Debug, Default, PartialEq, Eq, Serialize, Deserialize, Validate)]
pub struct SettingsForm {
    #[validate(url(code = "vpbx_url"))]
    pub vpbx_base_url: String,
    #[validate(url(code = "cc_url"))]
    pub cc_base_url: String,
    #[validate(length(max = 128, code = "api_key_length"))]
    pub vpbx_api_key: String,
    /// A new salt; empty keeps the stored one.
    #[validate(length(max = 128, code = "api_salt_length"))]
    pub new_api_salt: String,
    /// Remove the stored salt (and so return to the sandbox).
    pub clear_api_salt: bool,
    #[validate(length(min = 1, code = "choose_time_zone"))]
    pub timezone: String,
    #[validate(custom(function = "validate_phone_region"))]
    pub phone_region: String,
}

impl SettingsForm {
    pub fn from_view(view: &SettingsView) -> Self {
        SettingsForm {
            vpbx_base_url: view.vpbx_base_url.clone(),
            cc_base_url: view.cc_base_url.clone(),
            vpbx_api_key: view.vpbx_api_key.clone(),
            new_api_salt: String::new(),
            clear_api_salt: false,
            timezone: view.timezone.clone(),
            phone_region: view.phone_region.clone(),
        }
    }
}
