//! Callbacks: one for a lead or number, or one per lead of a campaign's results, each a
//! MANGO task for an operator.

use app::api::backend::{CallbackBackend, Caller};
use app::api::callbacks::{
    BatchView, BulkCallbackForm, CallbackForm, CallbackOptions, CallbackRow, CallbackSelection, CallbacksView,
};
use app::api::AppError;

use super::{time_zone_names, AppBackend};

#[async_trait::async_trait]
impl CallbackBackend for AppBackend {
    async fn callbacks(&self) -> Result<CallbacksView, AppError> {
        let zone = self.time_zone().await?;
        self.callbacks.list(zone).await
    }

    async fn callback_options(&self) -> Result<CallbackOptions, AppError> {
        let settings = self.load_settings().await?;
        let directory = self.directory_view(settings.time_zone()).await?;
        Ok(CallbackOptions {
            operators: directory.operators,
            default_timezone: settings.timezone.clone(),
            time_zones: time_zone_names(),
            sandbox: directory.sandbox,
        })
    }

    async fn create_callback(&self, caller: &Caller, form: CallbackForm) -> Result<CallbackRow, AppError> {
        let settings = self.load_settings().await?;
        let row = self
            .callbacks
            .create_one(&caller.user, form, &settings.phone_region, settings.time_zone())
            .await?;
        let details = app::i18n::fill(
            app::i18n::t().audit.details.callback,
            &[&row.operator, &row.number, &row.due_at, &row.state.label()],
        );
        self.audit(caller, "callback_created", Some(&format!("callback {}", row.id)), Some(details)).await;
        Ok(row)
    }

    async fn create_callbacks(&self, caller: &Caller, form: BulkCallbackForm) -> Result<BatchView, AppError> {
        let zone = self.time_zone().await?;
        let leads = match &form.selection {
            CallbackSelection::Leads(ids) => ids.clone(),
            CallbackSelection::Matching(filter) => {
                crate::calls::results::matching_leads(&self.db, form.campaign_id, filter, zone).await?
            }
        };
        let campaign = form.campaign_id;
        let view = self.callbacks.create_batch(&caller.user, form, leads, zone).await?;
        // Asking again for a batch already made (the same request retried) is not a new one.
        if !view.repeated {
            let details = app::i18n::fill(
                app::i18n::t().audit.details.callbacks_requested,
                &[&(view.total - view.skipped), &view.skipped],
            );
            self.audit(caller, "callbacks_requested", Some(&format!("campaign {campaign}")), Some(details))
                .await;
        }
        Ok(view)
    }

    async fn callback_batch(&self, batch_id: i64) -> Result<BatchView, AppError> {
        let zone = self.time_zone().await?;
        self.callbacks.batch_view(batch_id, zone).await
    }
}
