//! The Settings page: the MANGO connection and its test, and the two health panels (what
//! the event receiver has seen, what was learnt of MANGO).

use std::str::FromStr;

use app::api::backend::{Caller, SettingsBackend};
use app::api::settings::{CheckedMethod, ConnectionCheck, ConnectionReport, EventHealth, MangoHealth};
use app::api::types::{SettingsForm, SettingsView};
use app::api::{AppError, FieldError};
use app::i18n::{fill, t};
use validator::Validate;

use super::AppBackend;
use crate::db;
use crate::error::Doing;
use crate::mango::client::ListPathProbe;
use crate::mango::config::AddressPolicy;
use crate::mango::settings as mango_settings;
use crate::mango::types::UsersRequest;
use crate::mango::MangoError;

/// A check of "Test connection" that failed, with MANGO's code and its description.
fn failed_check(method: CheckedMethod, error: &MangoError) -> ConnectionCheck {
    ConnectionCheck { method, ok: false, detail: error.to_string(), code: error.code() }
}

/// Manual 3.8.1 names two paths for `campaign/get_list`: one check reports each, and passes
/// when one answers.
fn list_paths_check(probes: &[ListPathProbe]) -> ConnectionCheck {
    let each: Vec<String> = probes
        .iter()
        .map(|p| match &p.outcome {
            Ok(count) => fill(t().settings.server.list_answers, &[&p.path, count]),
            Err(why) => fill(t().settings.server.list_no_answer, &[&p.path, why]),
        })
        .collect();
    let answering = probes.iter().find(|p| p.outcome.is_ok());
    let verdict = match answering {
        Some(p) => fill(t().settings.server.list_using, &[&p.path]),
        None => t().settings.server.list_none.into(),
    };
    ConnectionCheck {
        method: CheckedMethod::CampaignList,
        ok: answering.is_some(),
        detail: format!("{}{verdict}", each.join("; ")),
        code: if answering.is_some() { None } else { probes.iter().find_map(|p| p.code) },
    }
}

/// What is wrong with a settings form beyond its own validation: addresses that are not
/// http(s), a MANGO address the address policy refuses, an unknown zone or country.
fn form_problems(form: &SettingsForm, policy: AddressPolicy) -> Vec<FieldError> {
    let mut problems = Vec::new();
    for (field, value) in [("vpbx_base_url", &form.vpbx_base_url), ("cc_base_url", &form.cc_base_url)] {
        if !matches!(
            url::Url::parse(value).map(|u| u.scheme().to_string()).as_deref(),
            Ok("https") | Ok("http")
        ) {
            problems.push(FieldError { field: field.into(), message: t().settings.server.http_only.into() });
        }
    }
    for (field, message) in mango_settings::connection_problems(form, policy) {
        problems.push(FieldError { field: field.into(), message });
    }
    if chrono_tz::Tz::from_str(&form.timezone).is_err() {
        problems.push(FieldError {
            field: "timezone".into(),
            message: fill(t().settings.server.unknown_zone, &[&form.timezone]),
        });
    }
    if phonenumber::country::Id::from_str(&form.phone_region).is_err() {
        problems.push(FieldError {
            field: "phone_region".into(),
            message: fill(t().settings.server.unknown_region, &[&form.phone_region]),
        });
    }
    problems
}

#[async_trait::async_trait]
impl SettingsBackend for AppBackend {
    async fn settings(&self) -> Result<SettingsView, AppError> {
        Ok(self.load_settings().await?.view(&self.public_url))
    }

    async fn save_settings(&self, caller: &Caller, form: SettingsForm) -> Result<SettingsView, AppError> {
        form.validate()?;
        let problems = form_problems(&form, self.link.address_policy());
        if !problems.is_empty() {
            return Err(AppError::Invalid(problems));
        }
        let before = self.load_settings().await?;
        let changes = mango_settings::changes(&before, &form, &self.secrets);
        if !changes.is_empty() {
            db::settings::apply(
                &self.db,
                &changes.iter().map(|c| (c.key.to_string(), c.stored.clone())).collect::<Vec<_>>(),
                Some(caller.user.id),
            )
            .await
            .doing("save the settings")?;
            let details = changes.iter().map(|c| c.describe()).collect::<Vec<_>>().join("; ");
            self.audit(caller, "settings_changed", None, Some(details)).await;
            if changes.iter().any(|c| mango_settings::CONNECTION_KEYS.contains(&c.key)) {
                // Events are checked against the new key and salt from now on.
                self.link.settings_changed();
                // Another MANGO: its directory replaces the cached one, in the background.
                let directory = self.directory.clone();
                tokio::spawn(async move {
                    if let Err(error) = directory.refresh().await {
                        tracing::warn!(
                            error = format!("{error:#}"),
                            "directory refresh after a settings change failed"
                        );
                    }
                });
            }
        }
        Ok(self.load_settings().await?.view(&self.public_url))
    }

    async fn test_connection(&self, caller: &Caller) -> Result<ConnectionReport, AppError> {
        let settings = self.load_settings().await?;
        let connected = self.link.connect_with(&settings).doing("set up the MANGO client")?;
        let mut checks = Vec::new();
        // Manual 3.6.6 (balance) and 3.6.1 (employees): two reads that prove the key and
        // salt are accepted without changing anything in the account.
        checks.push(match connected.client.balance().await {
            Ok(answer) => ConnectionCheck {
                method: CheckedMethod::Balance,
                ok: true,
                detail: fill(
                    t().settings.server.balance,
                    &[&format!("{:.2} {}", answer.balance, answer.currency.as_deref().unwrap_or(""))
                        .trim_end()],
                ),
                code: None,
            },
            Err(error) => failed_check(CheckedMethod::Balance, &error),
        });
        checks.push(match connected.client.users(&UsersRequest::default()).await {
            Ok(answer) => ConnectionCheck {
                method: CheckedMethod::Users,
                ok: true,
                detail: fill(t().settings.server.employees, &[&answer.users.len()]),
                code: None,
            },
            Err(error) => failed_check(CheckedMethod::Users, &error),
        });
        checks.push(list_paths_check(&connected.client.probe_campaign_lists().await));
        let report = ConnectionReport {
            sandbox: connected.sandbox,
            target: connected.client.config().vpbx_base.clone(),
            checks,
        };
        let words = &app::i18n::t().audit.details;
        let outcome = if report.ok() { words.connection_ok } else { words.connection_failed };
        let details = app::i18n::fill(outcome, &[&report.target]);
        self.audit(caller, "connection_tested", None, Some(details)).await;
        Ok(report)
    }

    async fn event_health(&self) -> Result<EventHealth, AppError> {
        let zone = self.time_zone().await?;
        crate::calls::webhooks::health::view(&self.db, &self.public_url, zone)
            .await
            .doing("read the event receiver's state")
    }

    async fn mango_health(&self) -> Result<MangoHealth, AppError> {
        // What was learnt needs no connection: a MANGO that cannot be called (e.g. not on
        // loopback under OBZVON_MANGO_LOOPBACK_ONLY) still gets its panel, with nothing learnt.
        let Ok(connected) = self.link.connect().await else {
            let (sandbox, _) = self.link.source().await.doing("read the MANGO settings")?;
            return Ok(MangoHealth {
                sandbox,
                campaign_list_path: None,
                campaign_list_paths: crate::mango::endpoint::CAMPAIGN_LIST_PATHS
                    .iter()
                    .map(|p| p.to_string())
                    .collect(),
                cc_unavailable: None,
            });
        };
        Ok(MangoHealth {
            sandbox: connected.sandbox,
            campaign_list_path: connected.client.campaign_list_path(),
            campaign_list_paths: connected.client.config().campaign_list_paths.clone(),
            cc_unavailable: self.callbacks.cc_unavailable().await,
        })
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    fn probe(path: &str, outcome: Result<usize, String>, code: Option<u32>) -> ListPathProbe {
        ListPathProbe { path: path.into(), outcome, code }
    }

    #[test]
    fn one_answering_list_path_passes_the_check() {
        app::i18n::in_lang(app::i18n::Lang::En, || {
            let check = list_paths_check(&[
                probe("vpbx/campaign/get_list", Err("404".into()), None),
                probe("campaign/get_list", Ok(3), None),
            ]);
            assert!(check.ok);
            assert_eq!(check.method, CheckedMethod::CampaignList);
            assert_eq!(
                check.detail,
                "/vpbx/campaign/get_list does not answer (404); /campaign/get_list answers (3 campaigns); \
                 using /campaign/get_list"
            );
            assert_eq!(check.code, None);
        });
    }

    #[test]
    fn no_answering_list_path_fails_with_mangos_code() {
        app::i18n::in_lang(app::i18n::Lang::En, || {
            let check = list_paths_check(&[
                probe("vpbx/campaign/get_list", Err("refused".into()), Some(3102)),
                probe("campaign/get_list", Err("refused".into()), Some(3103)),
            ]);
            assert!(!check.ok);
            assert_eq!(check.code, Some(3102));
            assert!(
                check.detail.ends_with("; campaign status and push checks cannot work"),
                "{}",
                check.detail
            );
        });
    }

    #[test]
    fn a_settings_form_names_each_bad_field() {
        let form = SettingsForm {
            vpbx_base_url: "ftp://example.org/vpbx".into(),
            cc_base_url: "https://example.org/cc".into(),
            timezone: "Mars/Olympus".into(),
            phone_region: "XX".into(),
            ..Default::default()
        };
        let fields: Vec<String> =
            form_problems(&form, AddressPolicy::Any).into_iter().map(|p| p.field).collect();
        assert_eq!(fields, ["vpbx_base_url", "timezone", "phone_region"]);
        let good = SettingsForm {
            vpbx_base_url: "https://example.org/vpbx".into(),
            timezone: "Europe/Moscow".into(),
            phone_region: "RU".into(),
            ..form
        };
        assert_eq!(form_problems(&good, AddressPolicy::Any), []);
    }
}
