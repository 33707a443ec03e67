//! The server side of the contract. `server` implements the area traits below and provides
//! them as one [`Backend`] through Leptos context; the server functions in this crate pass the
//! gate ([`authorize`]), then delegate with the [`Caller`] it built. This keeps `app` free of
//! the database, HTTP client and session crates, and keeps the raw request out of the
//! contract: a method learns who asks and from where, nothing else.

use std::future::Future;
use std::net::IpAddr;
use std::sync::Arc;

use http::request::Parts;
use http::StatusCode;
use leptos::prelude::*;

use super::callbacks::{
    BatchView, BulkCallbackForm, CallbackForm, CallbackOptions, CallbackRow, CallbacksView,
};
use super::campaigns::{CampaignAction, CampaignDetail, CampaignForm, CampaignFormOptions, CampaignRow};
use super::directory::DirectoryView;
use super::error::AppError;
use super::leads::{ColumnMapping, LeadsOverview, MappingTemplate, PushControl, PushView, UploadView};
use super::results::{ResultsFilter, ResultsView};
use super::roles::{Permission, Role};
use super::settings::{ConnectionReport, EventHealth, MangoHealth};
use super::types::*;

/// Who asks: the signed-in user, and the address the request came from (for the audit log
/// and the throttling of password guesses). Built once by [`authorize`]; the demo builds
/// its own.
#[derive(Clone, Debug, PartialEq, Eq)]
pub struct Caller {
    pub user: SessionUser,
    /// `None` when it is not known (the demo acts from no connection).
    pub client_ip: Option<IpAddr>,
}

/// The browser session of a request: what sign-in starts, a password change keeps and
/// sign-out ends. The server implements it over its session store.
#[async_trait::async_trait]
pub trait BrowserSession: Send + Sync {
    /// Signs this browser in (under a new session id, so an id planted before is worthless).
    async fn sign_in(&self, user_id: i64, auth_version: i64) -> Result<(), AppError>;
    /// Keeps this browser signed in after its user's credentials changed (`auth_version`
    /// went up, which ends every other session).
    async fn keep(&self, user_id: i64, auth_version: i64) -> Result<(), AppError>;
    async fn sign_out(&self) -> Result<(), AppError>;
}

/// A request's [`BrowserSession`], shareable.
#[derive(Clone)]
pub struct SessionHandle(pub Arc<dyn BrowserSession>);

/// What the server knows of a request before any server function runs: where it came from
/// and its browser session. The server's session middleware puts it into the request's
/// extensions; the gates read it from there.
#[derive(Clone)]
pub struct Connection {
    pub client_ip: Option<IpAddr>,
    pub session: SessionHandle,
}

/// Sign-in, sign-out and the own password: the calls that also touch the browser session.
#[async_trait::async_trait]
pub trait AccountBackend: Send + Sync {
    /// Checks the credentials (with throttling), starts a session on success.
    async fn login(
        &self,
        from: &Connection,
        username: String,
        password: String,
    ) -> Result<SessionUser, AppError>;
    async fn logout(&self, caller: &Caller, session: &SessionHandle) -> Result<(), AppError>;
    async fn change_own_password(
        &self,
        caller: &Caller,
        session: &SessionHandle,
        form: PasswordChangeForm,
    ) -> Result<(), AppError>;
    /// Saves the language this user reads Obzvon in (`None`: as the browser says).
    async fn set_own_language(
        &self,
        caller: &Caller,
        lang: Option<crate::i18n::Lang>,
    ) -> Result<(), AppError>;
}

/// The people who may sign in, and what an administrator changes about them.
#[async_trait::async_trait]
pub trait UserBackend: Send + Sync {
    async fn list_users(&self) -> Result<Vec<UserRow>, AppError>;
    async fn create_user(&self, caller: &Caller, form: NewUserForm) -> Result<UserRow, AppError>;
    async fn set_user_role(&self, caller: &Caller, user_id: i64, role: Role) -> Result<UserRow, AppError>;
    async fn set_user_disabled(
        &self,
        caller: &Caller,
        user_id: i64,
        disabled: bool,
    ) -> Result<UserRow, AppError>;
    async fn reset_password(
        &self,
        caller: &Caller,
        user_id: i64,
        new_password: String,
    ) -> Result<(), AppError>;
}

/// Reading the audit log (every other area writes to it).
#[async_trait::async_trait]
pub trait AuditBackend: Send + Sync {
    async fn audit_page(&self, query: AuditQuery) -> Result<AuditPage, AppError>;
}

/// The MANGO connection and its health panels on the Settings page.
#[async_trait::async_trait]
pub trait SettingsBackend: Send + Sync {
    async fn settings(&self) -> Result<SettingsView, AppError>;
    async fn save_settings(&self, caller: &Caller, form: SettingsForm) -> Result<SettingsView, AppError>;
    async fn test_connection(&self, caller: &Caller) -> Result<ConnectionReport, AppError>;
    async fn event_health(&self) -> Result<EventHealth, AppError>;
    async fn mango_health(&self) -> Result<MangoHealth, AppError>;
}

/// MANGO's operators, lines and audio files as cached.
#[async_trait::async_trait]
pub trait DirectoryBackend: Send + Sync {
    async fn directory(&self) -> Result<DirectoryView, AppError>;
    async fn refresh_directory(&self, caller: &Caller) -> Result<DirectoryView, AppError>;
}

/// Drafts and their life in MANGO.
#[async_trait::async_trait]
pub trait CampaignBackend: Send + Sync {
    async fn list_campaigns(&self) -> Result<Vec<CampaignRow>, AppError>;
    async fn campaign(&self, id: i64) -> Result<CampaignDetail, AppError>;
    async fn forecast(&self, id: i64) -> Result<Option<super::forecast::CampaignForecast>, AppError>;
    async fn campaign_form_options(&self) -> Result<CampaignFormOptions, AppError>;
    async fn save_campaign(
        &self,
        caller: &Caller,
        id: Option<i64>,
        form: CampaignForm,
    ) -> Result<CampaignDetail, AppError>;
    async fn duplicate_campaign(&self, caller: &Caller, id: i64) -> Result<CampaignDetail, AppError>;
    async fn act_on_campaign(
        &self,
        caller: &Caller,
        id: i64,
        action: CampaignAction,
    ) -> Result<CampaignDetail, AppError>;
}

/// Uploaded lead lists, their checking and mapping, and the push of their rows to MANGO.
#[async_trait::async_trait]
pub trait LeadBackend: Send + Sync {
    async fn leads_overview(&self, campaign_id: i64) -> Result<LeadsOverview, AppError>;
    async fn upload(&self, upload_id: i64) -> Result<UploadView, AppError>;
    async fn remap_upload(
        &self,
        caller: &Caller,
        upload_id: i64,
        mapping: ColumnMapping,
    ) -> Result<UploadView, AppError>;
    async fn choose_sheet(
        &self,
        caller: &Caller,
        upload_id: i64,
        sheet: String,
    ) -> Result<UploadView, AppError>;
    async fn mapping_templates(&self) -> Result<Vec<MappingTemplate>, AppError>;
    async fn save_mapping_template(
        &self,
        caller: &Caller,
        upload_id: i64,
        name: String,
    ) -> Result<Vec<MappingTemplate>, AppError>;
    async fn apply_mapping_template(
        &self,
        caller: &Caller,
        upload_id: i64,
        template_id: i64,
    ) -> Result<UploadView, AppError>;
    async fn fix_row(
        &self,
        caller: &Caller,
        upload_id: i64,
        row: usize,
        cells: Vec<String>,
    ) -> Result<UploadView, AppError>;
    async fn accept_upload(
        &self,
        caller: &Caller,
        upload_id: i64,
        batch_size: i64,
    ) -> Result<PushView, AppError>;
    async fn control_push(
        &self,
        caller: &Caller,
        campaign_id: i64,
        control: PushControl,
    ) -> Result<PushView, AppError>;
}

/// Callbacks: MANGO tasks for an operator to call a lead back.
#[async_trait::async_trait]
pub trait CallbackBackend: Send + Sync {
    async fn callbacks(&self) -> Result<CallbacksView, AppError>;
    async fn callback_options(&self) -> Result<CallbackOptions, AppError>;
    async fn create_callback(&self, caller: &Caller, form: CallbackForm) -> Result<CallbackRow, AppError>;
    async fn create_callbacks(&self, caller: &Caller, form: BulkCallbackForm) -> Result<BatchView, AppError>;
    async fn callback_batch(&self, batch_id: i64) -> Result<BatchView, AppError>;
}

/// What the calls did: the live board and the results table.
#[async_trait::async_trait]
pub trait CallsBackend: Send + Sync {
    async fn board(&self, campaign_id: i64) -> Result<super::board::BoardView, AppError>;
    async fn alerts(&self) -> Result<Vec<super::alerts::CampaignAlerts>, AppError>;
    async fn results(&self, campaign_id: i64, filter: ResultsFilter) -> Result<ResultsView, AppError>;
    /// A recording's transcript; the reading is audited.
    async fn transcript(
        &self,
        caller: &Caller,
        recording: i64,
    ) -> Result<super::recordings::TranscriptView, AppError>;
}

#[async_trait::async_trait]
pub trait DoNotCallBackend: Send + Sync {
    async fn do_not_call(
        &self,
        query: super::do_not_call::ListQuery,
    ) -> Result<super::do_not_call::DoNotCallView, AppError>;
    async fn add_to_do_not_call(
        &self,
        caller: &Caller,
        numbers: String,
        reason: String,
    ) -> Result<super::do_not_call::ListAddition, AppError>;
    async fn add_lead_to_do_not_call(
        &self,
        caller: &Caller,
        campaign_id: i64,
        lead: i64,
        reason: String,
    ) -> Result<super::do_not_call::ListAddition, AppError>;
    async fn remove_from_do_not_call(&self, caller: &Caller, id: i64, reason: String)
        -> Result<(), AppError>;
    async fn set_called_recently(&self, caller: &Caller, days: u32) -> Result<u32, AppError>;
}

/// Everything the server functions need, one area trait each.
pub trait Backend:
    AccountBackend
    + UserBackend
    + AuditBackend
    + SettingsBackend
    + DirectoryBackend
    + CampaignBackend
    + LeadBackend
    + CallbackBackend
    + CallsBackend
    + DoNotCallBackend
    + 'static
{
}

impl<T> Backend for T where
    T: AccountBackend
        + UserBackend
        + AuditBackend
        + SettingsBackend
        + DirectoryBackend
        + CampaignBackend
        + LeadBackend
        + CallbackBackend
        + CallsBackend
        + DoNotCallBackend
        + 'static
{
}

/// What the server provides as context.
#[derive(Clone)]
pub struct BackendHandle(pub Arc<dyn Backend>);

pub fn backend() -> Result<Arc<dyn Backend>, AppError> {
    use_context::<BackendHandle>()
        .map(|handle| handle.0)
        .ok_or_else(|| AppError::Internal("find its services (no backend in context)".into()))
}

fn request_parts() -> Result<Parts, AppError> {
    use_context::<Parts>()
        .ok_or_else(|| AppError::Internal("read the request (no request in context)".into()))
}

/// The signed-in user of this request, as the session middleware found it.
pub fn current_user() -> Option<SessionUser> {
    use_context::<Parts>().and_then(|parts| parts.extensions.get::<SessionUser>().cloned())
}

/// The gate at the top of every server function: who asks, whether they may, and from where.
pub fn authorize(permission: Permission) -> Result<Caller, AppError> {
    let parts = request_parts()?;
    let user = parts.extensions.get::<SessionUser>().cloned().ok_or(AppError::Unauthenticated)?;
    if !user.role.allows(permission) {
        return Err(AppError::Forbidden(permission.refusal()));
    }
    let client_ip = parts.extensions.get::<Connection>().and_then(|connection| connection.client_ip);
    Ok(Caller { user, client_ip })
}

/// The request's connection, for sign-in (nobody to authorize yet) and for the calls that
/// change the browser session.
pub fn connection() -> Result<Connection, AppError> {
    request_parts()?
        .extensions
        .get::<Connection>()
        .cloned()
        .ok_or_else(|| AppError::Internal("find the session".into()))
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
