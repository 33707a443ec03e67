//! The server side of the contract. `server` implements [`Backend`] and provides it through
//! Leptos context; the server functions in this crate check who is asking, then delegate.
//! This keeps `app` free of the database and HTTP client crates.

use std::future::Future;
use std::sync::Arc;

use http::request::Parts;
use http::StatusCode;
use leptos::prelude::*;

use super::error::AppError;
use super::roles::Permission;
use super::types::*;

#[async_trait::async_trait]
pub trait Backend: Send + Sync + 'static {
    /// Checks the credentials (with throttling), starts a session on success.
    async fn login(&self, req: &Parts, username: String, password: String) -> Result<SessionUser, AppError>;
    async fn logout(&self, req: &Parts, user: &SessionUser) -> Result<(), AppError>;
    async fn change_own_password(
        &self,
        req: &Parts,
        user: &SessionUser,
        form: PasswordChangeForm,
    ) -> Result<(), AppError>;

    async fn list_users(&self) -> Result<Vec<UserRow>, AppError>;
    async fn create_user(
        &self,
        req: &Parts,
        actor: &SessionUser,
        form: NewUserForm,
    ) -> Result<UserRow, AppError>;
    async fn set_user_role(
        &self,
        req: &Parts,
        actor: &SessionUser,
        user_id: i64,
        role: super::roles::Role,
    ) -> Result<UserRow, AppError>;
    async fn set_user_disabled(
        &self,
        req: &Parts,
        actor: &SessionUser,
        user_id: i64,
        disabled: bool,
    ) -> Result<UserRow, AppError>;
    async fn reset_password(
        &self,
        req: &Parts,
        actor: &SessionUser,
        user_id: i64,
        new_password: String,
    ) -> Result<(), AppError>;

    async fn audit_page(&self, query: AuditQuery) -> Result<AuditPage, AppError>;

    async fn settings(&self) -> Result<SettingsView, AppError>;
    async fn save_settings(
        &self,
        req: &Parts,
        actor: &SessionUser,
        form: SettingsForm,
    ) -> Result<SettingsView, AppError>;
    async fn test_connection(
        &self,
        req: &Parts,
        actor: &SessionUser,
    ) -> Result<super::settings::ConnectionReport, AppError>;
    async fn event_health(&self) -> Result<super::settings::EventHealth, AppError>;
    async fn mango_health(&self) -> Result<super::settings::MangoHealth, AppError>;

    async fn directory(&self) -> Result<super::directory::DirectoryView, AppError>;

    async fn results(
        &self,
        campaign_id: i64,
        filter: super::results::ResultsFilter,
    ) -> Result<super::results::ResultsView, AppError>;
    async fn board(&self, campaign_id: i64) -> Result<super::board::BoardView, AppError>;
    async fn leads_overview(&self, campaign_id: i64) -> Result<super::leads::LeadsOverview, AppError>;
    async fn upload(&self, upload_id: i64) -> Result<super::leads::UploadView, AppError>;
    async fn remap_upload(
        &self,
        req: &Parts,
        actor: &SessionUser,
        upload_id: i64,
        mapping: super::leads::ColumnMapping,
    ) -> Result<super::leads::UploadView, AppError>;
    async fn choose_sheet(
        &self,
        req: &Parts,
        actor: &SessionUser,
        upload_id: i64,
        sheet: String,
    ) -> Result<super::leads::UploadView, AppError>;
    async fn mapping_templates(&self) -> Result<Vec<super::leads::MappingTemplate>, AppError>;
    async fn save_mapping_template(
        &self,
        req: &Parts,
        actor: &SessionUser,
        upload_id: i64,
        name: String,
    ) -> Result<Vec<super::leads::MappingTemplate>, AppError>;
    async fn apply_mapping_template(
        &self,
        req: &Parts,
        actor: &SessionUser,
        upload_id: i64,
        template_id: i64,
    ) -> Result<super::leads::UploadView, AppError>;
    async fn fix_row(
        &self,
        req: &Parts,
        actor: &SessionUser,
        upload_id: i64,
        row: usize,
        cells: Vec<String>,
    ) -> Result<super::leads::UploadView, AppError>;
    async fn accept_upload(
        &self,
        req: &Parts,
        actor: &SessionUser,
        upload_id: i64,
        batch_size: i64,
    ) -> Result<super::leads::PushView, AppError>;
    async fn control_push(
        &self,
        req: &Parts,
        actor: &SessionUser,
        campaign_id: i64,
        control: super::leads::PushControl,
    ) -> Result<super::leads::PushView, AppError>;

    async fn list_campaigns(&self) -> Result<Vec<super::campaigns::CampaignRow>, AppError>;
    async fn campaign(&self, id: i64) -> Result<super::campaigns::CampaignDetail, AppError>;
    async fn campaign_form_options(&self) -> Result<super::campaigns::CampaignFormOptions, AppError>;
    async fn save_campaign(
        &self,
        req: &Parts,
        actor: &SessionUser,
        id: Option<i64>,
        form: super::campaigns::CampaignForm,
    ) -> Result<super::campaigns::CampaignDetail, AppError>;
    async fn duplicate_campaign(
        &self,
        req: &Parts,
        actor: &SessionUser,
        id: i64,
    ) -> Result<super::campaigns::CampaignDetail, AppError>;
    async fn act_on_campaign(
        &self,
        req: &Parts,
        actor: &SessionUser,
        id: i64,
        action: super::campaigns::CampaignAction,
    ) -> Result<super::campaigns::CampaignDetail, AppError>;
    async fn refresh_directory(
        &self,
        req: &Parts,
        actor: &SessionUser,
    ) -> Result<super::directory::DirectoryView, AppError>;

    async fn callbacks(&self) -> Result<super::callbacks::CallbacksView, AppError>;
    async fn callback_options(&self) -> Result<super::callbacks::CallbackOptions, AppError>;
    async fn create_callback(
        &self,
        req: &Parts,
        actor: &SessionUser,
        form: super::callbacks::CallbackForm,
    ) -> Result<super::callbacks::CallbackRow, AppError>;
    async fn create_callbacks(
        &self,
        req: &Parts,
        actor: &SessionUser,
        form: super::callbacks::BulkCallbackForm,
    ) -> Result<super::callbacks::BatchView, AppError>;
    async fn callback_batch(&self, batch_id: i64) -> Result<super::callbacks::BatchView, AppError>;
}

/// What the server provides as context.
#[derive(Clone)]
pub struct BackendHandle(pub Arc<dyn Backend>);

pub fn backend() -> Result<Arc<dyn Backend>, AppError> {
    use_context::<BackendHandle>()
        .map(|handle| handle.0)
        .ok_or_else(|| AppError::Internal("find its services (no backend in context)".into()))
}

pub fn request_parts() -> Result<Parts, AppError> {
    use_context::<Parts>()
        .ok_or_else(|| AppError::Internal("read the request (no request in context)".into()))
}

/// The signed-in user of this request, as the session middleware found it.
pub fn current_user() -> Option<SessionUser> {
    use_context::<Parts>().and_then(|parts| parts.extensions.get::<SessionUser>().cloned())
}

/// The gate at the top of every server function.
pub fn authorize(permission: Permission) -> Result<(SessionUser, Parts), AppError> {
    let parts = request_parts()?;
    let user = parts.extensions.get::<SessionUser>().cloned().ok_or(AppError::Unauthenticated)?;
    if !user.role.allows(permission) {
        return Err(AppError::Forbidden(permission.refusal()));
    }
    Ok((user, parts))
}

/// Runs a server function's body and answers errors with their HTTP status (401, 403, 422…).
pub async fn respond<T>(body: impl Future<Output = Result<T, AppError>>) -> Result<T, AppError> {
    let result = body.await;
    if let Err(error) = &result {
        if let Some(response) = use_context::<leptos_axum::ResponseOptions>() {
            response.set_status(
                StatusCode::from_u16(error.status()).unwrap_or(StatusCode::INTERNAL_SERVER_ERROR),
            );
        }
    }
    result
}
