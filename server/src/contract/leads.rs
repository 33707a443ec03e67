//! Uploaded lead lists: reading them with a mapping or sheet, saved mappings, fixing a row,
//! and accepting the rows as tasks whose push to MANGO can be paused.

use app::api::backend::{Caller, LeadBackend};
use app::api::leads::{ColumnMapping, LeadsOverview, MappingTemplate, PushControl, PushView, UploadView};
use app::api::AppError;

use super::AppBackend;

/// How an upload is named in the audit log.
fn upload_target(upload_id: i64) -> String {
    format!("upload {upload_id}")
}

#[async_trait::async_trait]
impl LeadBackend for AppBackend {
    async fn leads_overview(&self, campaign_id: i64) -> Result<LeadsOverview, AppError> {
        let zone = self.time_zone().await?;
        self.leads.overview(campaign_id, zone).await
    }

    async fn upload(&self, upload_id: i64) -> Result<UploadView, AppError> {
        let settings = self.load_settings().await?;
        self.leads.view(upload_id, &settings.phone_region, settings.time_zone()).await
    }

    async fn remap_upload(
        &self,
        caller: &Caller,
        upload_id: i64,
        mapping: ColumnMapping,
    ) -> Result<UploadView, AppError> {
        self.leads.remap(upload_id, mapping.clone()).await?;
        let roles = mapping.roles.iter().map(|r| r.key()).collect::<Vec<_>>().join(", ");
        let words = &app::i18n::t().audit.details;
        let header = if mapping.has_header { words.yes } else { words.no };
        let details = app::i18n::fill(words.mapping, &[&header, &roles]);
        self.audit(caller, "lead_list_remapped", Some(&upload_target(upload_id)), Some(details)).await;
        self.upload(upload_id).await
    }

    async fn choose_sheet(
        &self,
        caller: &Caller,
        upload_id: i64,
        sheet: String,
    ) -> Result<UploadView, AppError> {
        self.leads.choose_sheet(upload_id, &sheet).await?;
        self.audit(caller, "lead_list_sheet_chosen", Some(&upload_target(upload_id)), Some(sheet)).await;
        self.upload(upload_id).await
    }

    async fn mapping_templates(&self) -> Result<Vec<MappingTemplate>, AppError> {
        self.leads.templates().await
    }

    async fn save_mapping_template(
        &self,
        caller: &Caller,
        upload_id: i64,
        name: String,
    ) -> Result<Vec<MappingTemplate>, AppError> {
        self.leads.save_template(upload_id, &name, caller.user.id).await?;
        self.audit(caller, "mapping_template_saved", Some(&upload_target(upload_id)), Some(name)).await;
        self.leads.templates().await
    }

    async fn apply_mapping_template(
        &self,
        caller: &Caller,
        upload_id: i64,
        template_id: i64,
    ) -> Result<UploadView, AppError> {
        self.leads.apply_template(upload_id, template_id).await?;
        let details = app::i18n::fill(app::i18n::t().audit.details.template, &[&template_id]);
        self.audit(caller, "mapping_template_applied", Some(&upload_target(upload_id)), Some(details)).await;
        self.upload(upload_id).await
    }

    async fn fix_row(
        &self,
        caller: &Caller,
        upload_id: i64,
        row: usize,
        cells: Vec<String>,
    ) -> Result<UploadView, AppError> {
        self.leads.fix_row(upload_id, row, cells).await?;
        let details = app::i18n::fill(app::i18n::t().audit.details.row, &[&row]);
        self.audit(caller, "lead_row_fixed", Some(&upload_target(upload_id)), Some(details)).await;
        self.upload(upload_id).await
    }

    async fn accept_upload(
        &self,
        caller: &Caller,
        upload_id: i64,
        batch_size: i64,
    ) -> Result<PushView, AppError> {
        let region = self.load_settings().await?.phone_region;
        // The rows were checked once, for the tasks: no second check just to name the campaign.
        let (added, campaign_id) = self.leads.accept(upload_id, &region, batch_size).await?;
        let tasks = app::i18n::t().leads.tasks.count(added.max(0) as u64);
        let details =
            app::i18n::fill(app::i18n::t().audit.details.tasks_added, &[&tasks, &upload_id, &batch_size]);
        self.audit(caller, "tasks_added", Some(&format!("campaign {campaign_id}")), Some(details)).await;
        self.leads.push_view(campaign_id).await
    }

    async fn control_push(
        &self,
        caller: &Caller,
        campaign_id: i64,
        control: PushControl,
    ) -> Result<PushView, AppError> {
        self.leads.control(campaign_id, control).await?;
        let action = match control {
            PushControl::Pause => "push_paused",
            PushControl::Resume => "push_resumed",
        };
        self.audit(caller, action, Some(&format!("campaign {campaign_id}")), None).await;
        self.leads.push_view(campaign_id).await
    }
}
