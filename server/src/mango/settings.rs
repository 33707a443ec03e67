//! Obzvon's settings: the MANGO connection and defaults, stored as key/value rows with the
//! api_salt encrypted.

use std::collections::HashMap;
use std::str::FromStr;

use app::api::types::{SecretState, SettingsForm, SettingsView};
use chrono_tz::Tz;

use crate::crypto::SecretBox;
use crate::db::{self, Db};
use crate::mango::config::AddressPolicy;

pub const VPBX_BASE_URL: &str = "mango.vpbx_base_url";
pub const CC_BASE_URL: &str = "mango.cc_base_url";
pub const VPBX_API_KEY: &str = "mango.vpbx_api_key";
pub const API_SALT: &str = "mango.api_salt";
pub const TIMEZONE: &str = "general.timezone";
pub const PHONE_REGION: &str = "general.phone_region";
/// The settings that decide which MANGO Obzvon talks to.
pub const CONNECTION_KEYS: [&str; 4] = [VPBX_BASE_URL, CC_BASE_URL, VPBX_API_KEY, API_SALT];

// API manual 2.1: the VPBX API lives under https://app.mango-office.ru/vpbx/; the Contact
// Center API under …/cc (manual 4).
pub const DEFAULT_VPBX_BASE_URL: &str = "https://app.mango-office.ru/vpbx";
pub const DEFAULT_CC_BASE_URL: &str = "https://app.mango-office.ru/cc";
pub const DEFAULT_TIMEZONE: &str = "Europe/Moscow";
pub const DEFAULT_PHONE_REGION: &str = "RU";

#[derive(Clone, Debug, PartialEq, Eq)]
pub struct Settings {
    pub vpbx_base_url: String,
    pub cc_base_url: String,
    pub vpbx_api_key: String,
    /// Decrypted; never leaves the server.
    pub api_salt: Option<String>,
    pub timezone: String,
    pub phone_region: String,
}

impl Settings {
    pub async fn load(db: &Db, secrets: &SecretBox) -> anyhow::Result<Settings> {
        let stored = db::settings::all(db).await?;
        Settings::from_rows(&stored, secrets)
    }

    fn from_rows(stored: &HashMap<String, String>, secrets: &SecretBox) -> anyhow::Result<Settings> {
        let text = |key: &str, default: &str| stored.get(key).cloned().unwrap_or_else(|| default.to_string());
        let api_salt = match stored.get(API_SALT) {
            Some(sealed) => Some(
                secrets
                    .decrypt(API_SALT, sealed)
                    .map_err(|e| anyhow::anyhow!("the stored api_salt cannot be decrypted: {e}"))?,
            ),
            None => None,
        };
        Ok(Settings {
            vpbx_base_url: text(VPBX_BASE_URL, DEFAULT_VPBX_BASE_URL),
            cc_base_url: text(CC_BASE_URL, DEFAULT_CC_BASE_URL),
            vpbx_api_key: text(VPBX_API_KEY, ""),
            api_salt,
            timezone: text(TIMEZONE, DEFAULT_TIMEZONE),
            phone_region: text(PHONE_REGION, DEFAULT_PHONE_REGION),
        })
    }

    pub fn time_zone(&self) -> Tz {
        Tz::from_str(&self.timezone).unwrap_or(chrono_tz::Europe::Moscow)
    }

    /// Without both key and salt there is no real MANGO account to talk to.
    pub fn sandbox(&self) -> bool {
        self.vpbx_api_key.is_empty() || self.api_salt.is_none()
    }

    pub fn view(&self, public_url: &str) -> SettingsView {
        SettingsView {
            vpbx_base_url: self.vpbx_base_url.clone(),
            cc_base_url: self.cc_base_url.clone(),
            vpbx_api_key: self.vpbx_api_key.clone(),
            api_salt: match &self.api_salt {
                None => SecretState::NotSet,
                Some(salt) => SecretState::Set { ends_with: last_chars(salt, 4) },
            },
            timezone: self.timezone.clone(),
            phone_region: self.phone_region.clone(),
            webhook_base_url: public_url.to_string(),
            sandbox: self.sandbox(),
            time_zones: chrono_tz::TZ_VARIANTS.iter().map(|tz| tz.name().to_string()).collect(),
        }
    }
}

/// At most the last `n` characters, and never more than a quarter of the secret.
fn last_chars(secret: &str, n: usize) -> String {
    let chars: Vec<char> = secret.chars().collect();
    let shown = n.min(chars.len() / 4);
    chars[chars.len() - shown..].iter().collect()
}

/// What is wrong with the MANGO fields of `form`, per field: an address this server may
/// not call under `policy` (IP literals and `localhost`; names are judged on what they
/// resolve to at every call), or the built-in sandbox's public key saved as an account's.
pub fn connection_problems(form: &SettingsForm, policy: AddressPolicy) -> Vec<(&'static str, String)> {
    let mut problems = Vec::new();
    let t = &app::i18n::t().settings.server;
    for (field, label, value) in
        [("vpbx_base_url", t.vpbx_label, &form.vpbx_base_url), ("cc_base_url", t.cc_label, &form.cc_base_url)]
    {
        if let Some(reason) = policy.refuses_host(value) {
            problems.push((field, app::i18n::fill(t.address_refused, &[&label, &reason])));
        }
    }
    if form.vpbx_api_key == crate::SANDBOX_API_KEY {
        problems.push(("vpbx_api_key", t.sandbox_key.to_string()));
    }
    problems
}

/// One setting to write (`stored: None` deletes it).
pub struct Change {
    pub key: &'static str,
    pub stored: Option<String>,
    /// For the audit log: the new value, or a description for secrets.
    pub shown: String,
}

impl Change {
    pub fn describe(&self) -> String {
        format!("{}: {}", self.key, self.shown)
    }
}

pub fn changes(before: &Settings, form: &SettingsForm, secrets: &SecretBox) -> Vec<Change> {
    let mut out = Vec::new();
    let mut plain = |key: &'static str, old: &str, new: &str| {
        if old != new {
            out.push(Change { key, stored: Some(new.to_string()), shown: format!("{old:?} → {new:?}") });
        }
    };
    plain(VPBX_BASE_URL, &before.vpbx_base_url, form.vpbx_base_url.trim_end_matches('/'));
    plain(CC_BASE_URL, &before.cc_base_url, form.cc_base_url.trim_end_matches('/'));
    plain(VPBX_API_KEY, &before.vpbx_api_key, &form.vpbx_api_key);
    plain(TIMEZONE, &before.timezone, &form.timezone);
    plain(PHONE_REGION, &before.phone_region, &form.phone_region);
    if !form.new_api_salt.is_empty() {
        out.push(Change {
            key: API_SALT,
            stored: Some(secrets.encrypt(API_SALT, &form.new_api_salt)),
            shown: app::i18n::t().audit.details.setting_replaced.into(),
        });
    } else if form.clear_api_salt && before.api_salt.is_some() {
        out.push(Change {
            key: API_SALT,
            stored: None,
            shown: app::i18n::t().audit.details.setting_removed.into(),
        });
    }
    out
}

#[cfg(test)]
mod tests {
    use super::*;

    fn form_with(vpbx: &str, cc: &str, key: &str) -> SettingsForm {
        SettingsForm {
            vpbx_base_url: vpbx.into(),
            cc_base_url: cc.into(),
            vpbx_api_key: key.into(),
            new_api_salt: String::new(),
            clear_api_salt: false,
            timezone: DEFAULT_TIMEZONE.into(),
            phone_region: "RU".into(),
        }
    }

    #[test]
    fn private_addresses_and_the_sandbox_key_are_refused_per_field() {
        app::i18n::in_lang(app::i18n::Lang::En, || {
            let public = AddressPolicy::PublicOnly;
            assert!(connection_problems(
                &form_with(DEFAULT_VPBX_BASE_URL, DEFAULT_CC_BASE_URL, "key"),
                public
            )
            .is_empty());
            let problems = connection_problems(
                &form_with("http://169.254.169.254/vpbx", "http://[fd00::1]/cc", "k"),
                public,
            );
            let fields: Vec<&str> = problems.iter().map(|(field, _)| *field).collect();
            assert_eq!(fields, ["vpbx_base_url", "cc_base_url"]);
            assert!(
                problems[0].1.contains("169.254.169.254") && problems[0].1.contains("VPBX"),
                "{problems:?}"
            );
            assert!(
                problems[1].1.contains("fd00::1") && problems[1].1.contains("Contact Center"),
                "{problems:?}"
            );
            assert!(connection_problems(
                &form_with("http://10.0.0.5/vpbx", DEFAULT_CC_BASE_URL, "k"),
                AddressPolicy::Any
            )
            .is_empty());
            let loopback = AddressPolicy::LoopbackOnly;
            assert!(connection_problems(
                &form_with("http://127.0.0.1:9/vpbx", "http://127.0.0.1:9/cc", "k"),
                loopback
            )
            .is_empty());
            assert_eq!(
                connection_problems(
                    &form_with("http://10.0.0.5/vpbx", "http://127.0.0.1:9/cc", "k"),
                    loopback
                )[0]
                .0,
                "vpbx_base_url"
            );
            let sandbox_key = connection_problems(
                &form_with(DEFAULT_VPBX_BASE_URL, DEFAULT_CC_BASE_URL, "sandbox-api-key"),
                public,
            );
            assert_eq!(sandbox_key[0].0, "vpbx_api_key");
        });
    }

    #[test]
    fn only_a_little_of_the_salt_is_ever_shown() {
        assert_eq!(last_chars("0123456789abcdef", 4), "cdef");
        assert_eq!(last_chars("short", 4), "t");
        assert_eq!(last_chars("abc", 4), "");
    }

    #[test]
    fn salt_is_stored_encrypted_and_never_in_the_audit_text() {
        let secrets = SecretBox::new([1; 32]);
        let before = Settings::from_rows(&HashMap::new(), &secrets).unwrap();
        assert!(before.sandbox());
        let form = SettingsForm {
            vpbx_base_url: DEFAULT_VPBX_BASE_URL.into(),
            cc_base_url: DEFAULT_CC_BASE_URL.into(),
            vpbx_api_key: "key".into(),
            new_api_salt: "very-secret-salt".into(),
            clear_api_salt: false,
            timezone: DEFAULT_TIMEZONE.into(),
            phone_region: "RU".into(),
        };
        let changes = changes(&before, &form, &secrets);
        let keys: Vec<_> = changes.iter().map(|c| c.key).collect();
        assert_eq!(keys, [VPBX_API_KEY, API_SALT]);
        let salt = &changes[1];
        assert!(!salt.stored.as_ref().unwrap().contains("very-secret"));
        assert!(!salt.describe().contains("very-secret"));
        let rows: HashMap<String, String> =
            changes.into_iter().map(|c| (c.key.to_string(), c.stored.unwrap())).collect();
        let after = Settings::from_rows(&rows, &secrets).unwrap();
        assert_eq!(after.api_salt.as_deref(), Some("very-secret-salt"));
        assert!(!after.sandbox());
    }
}
