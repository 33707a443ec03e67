//! Campaign drafts and their life in MANGO (create, start, stop, delete), with the names
//! the campaign page shows for the directory ids in a draft.

use app::api::backend::{Caller, CampaignBackend};
use app::api::campaigns::{
    CampaignAction, CampaignDetail, CampaignForm, CampaignFormOptions, CampaignNames, CampaignRow,
};
use app::api::directory::DirectoryView;
use app::api::{AppError, Permission};

use super::{time_zone_names, AppBackend};

/// The audit action of a campaign action (a refusal by MANGO adds `_refused`).
fn audit_action(action: CampaignAction) -> &'static str {
    match action {
        CampaignAction::Create => "campaign_created_in_mango",
        CampaignAction::Start => "campaign_started",
        CampaignAction::Stop => "campaign_stopped",
        CampaignAction::Delete => "campaign_deleted",
    }
}

/// The directory's names for the ids in a draft; an id the directory does not have is
/// shown as such ("line 7").
fn names(form: &CampaignForm, directory: &DirectoryView) -> CampaignNames {
    let audio = |id: Option<i64>| {
        id.map(|id| {
            directory
                .audio_files
                .iter()
                .find(|a| a.audio_id == id)
                .map(|a| a.name.clone())
                .unwrap_or_else(|| app::i18n::fill(app::i18n::t().campaigns.server.audio_file, &[&id]))
        })
    };
    let operator = |id: i64| {
        directory
            .operators
            .iter()
            .find(|o| o.user_id == id)
            .map(|o| o.title())
            .unwrap_or_else(|| app::i18n::fill(app::i18n::t().campaigns.server.employee, &[&id]))
    };
    CampaignNames {
        line: form.line_id.map(|id| {
            directory
                .lines
                .iter()
                .find(|l| l.line_id == id)
                .map(|l| l.title())
                .unwrap_or_else(|| app::i18n::fill(app::i18n::t().campaigns.server.line, &[&id]))
        }),
        author: form.author_user_id.map(operator),
        operators: form.operators.iter().map(|id| operator(*id)).collect(),
        voice_message: audio(form.voice_message_id),
        hold_message: audio(form.hold_message_id),
    }
}

#[async_trait::async_trait]
impl CampaignBackend for AppBackend {
    async fn list_campaigns(&self) -> Result<Vec<CampaignRow>, AppError> {
        let zone = self.time_zone().await?;
        self.campaigns.list(zone).await
    }

    async fn campaign(&self, id: i64) -> Result<CampaignDetail, AppError> {
        let zone = self.time_zone().await?;
        let mut detail = self.campaigns.detail(id, zone).await?;
        let directory = self.directory_view(zone).await?;
        detail.names = names(&detail.form, &directory);
        Ok(detail)
    }

    async fn forecast(&self, id: i64) -> Result<Option<app::api::forecast::CampaignForecast>, AppError> {
        use crate::error::Doing;
        let record =
            crate::db::campaigns::get(&self.db, id).await.doing("read the campaign")?.ok_or_else(|| {
                AppError::NotFound(app::i18n::fill(app::i18n::t().leads.file.no_campaign, &[&id]))
            })?;
        let Ok(form) = serde_json::from_str::<app::api::campaigns::CampaignForm>(&record.form) else {
            return Ok(None);
        };
        crate::campaigns::outlook::campaign_forecast(&self.db, &record, &form, chrono::Utc::now()).await
    }

    async fn campaign_form_options(&self) -> Result<CampaignFormOptions, AppError> {
        let settings = self.load_settings().await?;
        let directory = self.directory_view(settings.time_zone()).await?;
        let directory_fetched_at = directory.parts.first().and_then(|p| p.fetched_at.clone());
        Ok(CampaignFormOptions {
            operators: directory.operators,
            lines: directory.lines,
            audio_files: directory.audio_files,
            default_timezone: settings.timezone.clone(),
            time_zones: time_zone_names(),
            sandbox: directory.sandbox,
            directory_fetched_at,
        })
    }

    async fn save_campaign(
        &self,
        caller: &Caller,
        id: Option<i64>,
        form: CampaignForm,
    ) -> Result<CampaignDetail, AppError> {
        let name = form.name.trim().to_string();
        let saved = self.campaigns.save(caller.user.id, id, form).await?;
        let action = if id.is_some() { "campaign_draft_saved" } else { "campaign_draft_created" };
        self.audit(caller, action, Some(&format!("campaign {saved}")), Some(name)).await;
        self.campaign(saved).await
    }

    async fn duplicate_campaign(&self, caller: &Caller, id: i64) -> Result<CampaignDetail, AppError> {
        let copy = self.campaigns.duplicate(caller.user.id, id).await?;
        let details = app::i18n::fill(app::i18n::t().audit.details.duplicated_from, &[&id]);
        self.audit(caller, "campaign_duplicated", Some(&format!("campaign {copy}")), Some(details)).await;
        self.campaign(copy).await
    }

    async fn act_on_campaign(
        &self,
        caller: &Caller,
        id: i64,
        action: CampaignAction,
    ) -> Result<CampaignDetail, AppError> {
        let may_delete = caller.user.role.allows(Permission::DeleteCampaigns);
        let name = audit_action(action);
        let target = format!("campaign {id}");
        match self.campaigns.act(id, action, may_delete).await {
            Ok(details) => {
                self.audit(caller, name, Some(&target), Some(details)).await;
                match self.campaign(id).await {
                    // A discarded draft is gone; the page goes back to the list.
                    Err(AppError::NotFound(_)) if action == CampaignAction::Delete => {
                        Err(AppError::NotFound(app::i18n::t().campaigns.server.draft_discarded.into()))
                    }
                    other => other,
                }
            }
            Err(error) => {
                if matches!(error, AppError::Mango { .. }) {
                    let refused = format!("{name}_refused");
                    self.audit(caller, &refused, Some(&target), Some(error.to_string())).await;
                }
                Err(error)
            }
        }
    }
}

#[cfg(test)]
mod tests {
    use app::api::directory::{LineView, OperatorView};

    use super::*;

    fn form(line_id: i64, operators: &[i64], voice_message_id: Option<i64>) -> CampaignForm {
        let whole_day = serde_json::json!([{"start": 0, "end": 1440}]);
        serde_json::from_value(serde_json::json!({
            "name": "Test", "line_id": line_id, "author_user_id": null, "priority": "Normal",
            "dial_mode": "Simultaneous", "timezone": "Europe/Moscow", "start_local": "", "end_local": "",
            "schedule": {"days": [whole_day, whole_day, whole_day, whole_day, whole_day, whole_day, whole_day]},
            "operators": operators, "voice_message_id": voice_message_id, "hold_message_id": null,
            "redial_if_busy": 1, "redial_if_no_answer": 1, "redial_if_unavailable": 1, "answer_wait_seconds": 10,
            "call_coefficient_tenths": 10, "wait_if_busy_seconds": 60, "wait_if_no_answer_seconds": 3600,
            "wait_if_unavailable_seconds": 0, "after_call_seconds": 0
        }))
        .unwrap()
    }

    #[test]
    fn names_come_from_the_directory_and_missing_ids_say_what_they_are() {
        app::i18n::in_lang(app::i18n::Lang::En, names_in_english);
    }

    fn names_in_english() {
        let directory = DirectoryView {
            sandbox: true,
            stale_source: false,
            operators: vec![OperatorView {
                user_id: 101,
                name: "Анна".into(),
                extension: Some("11".into()),
                department: None,
                position: None,
                uses_cc_status: true,
                cc_status: None,
                cc_status_at: None,
            }],
            lines: vec![LineView {
                line_id: 7,
                number: "74951234567".into(),
                name: Some("Sales".into()),
                comment: None,
                region: None,
            }],
            audio_files: Vec::new(),
            parts: Vec::new(),
            refresh_every_minutes: 60,
        };
        // The operator's title is the directory area's text: English here, as the test reads.
        let named =
            app::i18n::in_lang(app::i18n::Lang::En, || names(&form(7, &[101, 102], Some(5)), &directory));
        assert_eq!(named.line.as_deref(), Some("74951234567 — Sales"));
        assert_eq!(named.operators, ["Анна (ext. 11)", "employee 102"]);
        assert_eq!(named.voice_message.as_deref(), Some("audio file 5"));
        assert_eq!(named.hold_message, None);
        assert_eq!(named.author, None);
        assert_eq!(names(&form(8, &[], None), &directory).line.as_deref(), Some("line 8"));
    }

    #[test]
    fn each_campaign_action_has_its_audit_name() {
        assert_eq!(audit_action(CampaignAction::Create), "campaign_created_in_mango");
        assert_eq!(audit_action(CampaignAction::Delete), "campaign_deleted");
    }
}
