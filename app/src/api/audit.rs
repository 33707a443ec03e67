use leptos::prelude::*;
use leptos::server_fn::codec::Json;

use super::error::AppError;
use super::types::{AuditPage, AuditQuery};
#[cfg(feature = "ssr")]
use super::{backend::*, roles::Permission};

#[server(endpoint = "audit/list", input = Json)]
pub async fn list_audit(query: AuditQuery) -> Result<AuditPage, AppError> {
    respond(async move {
        authorize(Permission::ViewAuditLog)?;
        backend()?.audit_page(query).await
    })
    .await
}

/// An audit action as a person reads it: a phrase in Russian, the stored code in English.
/// An action a MANGO refusal produced (`campaign_started_refused`) reads as its action refused;
/// an unknown code is shown as it is.
pub fn action_label(code: &str) -> String {
    let texts = &crate::i18n::t().audit;
    if let Some(known) = known_action(code) {
        return known.to_string();
    }
    match code.strip_suffix("_refused").and_then(known_action) {
        Some(base) => crate::i18n::fill(texts.refused, &[&base]),
        None => code.to_string(),
    }
}

fn known_action(code: &str) -> Option<&'static str> {
    let t = &crate::i18n::t().audit.actions;
    Some(match code {
        "login" => t.login,
        "login_failed" => t.login_failed,
        "login_refused_disabled" => t.login_refused_disabled,
        "login_throttled" => t.login_throttled,
        "login_throttled_total" => t.login_throttled_total,
        "logout" => t.logout,
        "password_changed" => t.password_changed,
        "language_changed" => t.language_changed,
        "password_reset" => t.password_reset,
        "user_created" => t.user_created,
        "user_role_changed" => t.user_role_changed,
        "user_disabled" => t.user_disabled,
        "user_enabled" => t.user_enabled,
        "settings_changed" => t.settings_changed,
        "connection_tested" => t.connection_tested,
        "directory_refreshed" => t.directory_refreshed,
        "callback_created" => t.callback_created,
        "callbacks_requested" => t.callbacks_requested,
        "campaign_draft_created" => t.campaign_draft_created,
        "campaign_draft_saved" => t.campaign_draft_saved,
        "campaign_duplicated" => t.campaign_duplicated,
        "campaign_created_in_mango" => t.campaign_created_in_mango,
        "campaign_started" => t.campaign_started,
        "campaign_stopped" => t.campaign_stopped,
        "campaign_deleted" => t.campaign_deleted,
        "push_paused" => t.push_paused,
        "push_resumed" => t.push_resumed,
        "tasks_added" => t.tasks_added,
        "lead_list_uploaded" => t.lead_list_uploaded,
        "lead_list_remapped" => t.lead_list_remapped,
        "lead_list_sheet_chosen" => t.lead_list_sheet_chosen,
        "lead_row_fixed" => t.lead_row_fixed,
        "mapping_template_applied" => t.mapping_template_applied,
        "mapping_template_saved" => t.mapping_template_saved,
        "retention_pruned" => t.retention_pruned,
        "campaign_created_in_mango_refused" => t.campaign_created_in_mango_refused,
        "campaign_started_refused" => t.campaign_started_refused,
        "campaign_stopped_refused" => t.campaign_stopped_refused,
        "campaign_deleted_refused" => t.campaign_deleted_refused,
        "recording_played" => t.recording_played,
        "recording_downloaded" => t.recording_downloaded,
        "transcript_read" => t.transcript_read,
        "do_not_call_added" => t.do_not_call_added,
        "do_not_call_imported" => t.do_not_call_imported,
        "do_not_call_removed" => t.do_not_call_removed,
        "do_not_call_exported" => t.do_not_call_exported,
        "called_recently_changed" => t.called_recently_changed,
        _ => return None,
    })
}

#[cfg(test)]
mod tests {
    use super::action_label;
    use crate::i18n::{in_lang, Lang};

    #[test]
    fn actions_read_as_phrases_in_russian_and_as_codes_in_english() {
        in_lang(Lang::Ru, || {
            assert_eq!(action_label("login"), "Вход");
            assert_eq!(action_label("campaign_started_refused"), "MANGO отказал в запуске кампании");
            assert_eq!(action_label("user_created_refused"), "Пользователь создан: отказ MANGO");
            assert_eq!(action_label("something_new"), "something_new");
        });
        in_lang(Lang::En, || {
            for code in ["login", "login_failed", "campaign_started_refused", "something_new"] {
                assert_eq!(action_label(code), code);
            }
        });
    }
}
