//! The two lead-list routes that are not server functions: the file upload (a plain
//! multipart form, so it works before the page has hydrated and is not held to the 1 MB limit
//! of server functions) and the download of rejected rows as CSV.

use std::net::SocketAddr;
use std::sync::Arc;

use app::api::leads::MAX_FILE_BYTES;
use app::api::types::SessionUser;
use app::api::{AppError, Permission};
use app::i18n::{fill, in_lang, t, Lang};
use axum::extract::{ConnectInfo, DefaultBodyLimit, Multipart, Path, State};
use axum::http::{header, HeaderMap, HeaderValue, StatusCode};
use axum::response::{IntoResponse, Redirect, Response};
use axum::routing::{get, post};
use axum::{Extension, Router};
use tower_http::limit::RequestBodyLimitLayer;

use crate::auth::signed_in::SignedIn;
use crate::crypto::SecretBox;
use crate::db::{self, audit::NewEntry, Db};
use crate::leads::lists::LeadLists;
use crate::mango::settings::Settings;

/// What the route reads at most. Files over `MAX_FILE_BYTES` (but under this) are read and
/// dropped so the answer is a page naming the limit; beyond this the answer is a bare 413.
pub(crate) const UPLOAD_BODY_LIMIT: usize = 4 * MAX_FILE_BYTES;

#[derive(Clone)]
pub struct UploadState {
    pub db: Db,
    pub secrets: Arc<SecretBox>,
    pub leads: Arc<LeadLists>,
}

pub fn router(state: UploadState) -> Router {
    Router::new()
        .route("/campaigns/{id}/leads/upload", post(upload))
        .route("/leads/uploads/{id}/rejected.csv", get(rejected_csv))
        .layer(DefaultBodyLimit::max(UPLOAD_BODY_LIMIT))
        .layer(RequestBodyLimitLayer::new(UPLOAD_BODY_LIMIT))
        .with_state(state)
}

/// The language of a plain route's answer: the user's saved choice, then the browser's
/// (what `app::i18n::request_lang` decides for pages and server functions).
pub(crate) fn lang_of(signed_in: &SignedIn, headers: &HeaderMap) -> Lang {
    let accept = headers.get(header::ACCEPT_LANGUAGE).and_then(|v| v.to_str().ok());
    Lang::of_request(signed_in.0.lang, accept)
}

/// Runs `work` with `lang` as `app::i18n::current()` at every step (a plain route has no
/// Leptos context of its own).
pub(crate) async fn spoken_in<F: std::future::Future>(lang: Lang, work: F) -> F::Output {
    in_lang(lang, || leptos::prelude::ScopedFuture::new_untracked(work)).await
}

fn back_to(campaign_id: i64, query: &str) -> Response {
    Redirect::to(&format!("/campaigns/{campaign_id}/leads?{query}")).into_response()
}

fn with_error(campaign_id: i64, message: &str) -> Response {
    let query = serde_urlencoded::to_string([("error", message)]).unwrap_or_default();
    back_to(campaign_id, &query)
}

async fn upload(
    State(state): State<UploadState>,
    Path(campaign_id): Path<i64>,
    signed_in: SignedIn,
    headers: HeaderMap,
    connect: Option<Extension<ConnectInfo<SocketAddr>>>,
    form: Multipart,
) -> Response {
    let lang = lang_of(&signed_in, &headers);
    spoken_in(lang, upload_in_lang(state, campaign_id, signed_in, connect, form)).await
}

async fn upload_in_lang(
    state: UploadState,
    campaign_id: i64,
    signed_in: SignedIn,
    connect: Option<Extension<ConnectInfo<SocketAddr>>>,
    form: Multipart,
) -> Response {
    let user = match signed_in.may(Permission::UploadLeadLists) {
        Ok(user) => user.clone(),
        Err(refusal) => return refusal.into_response(),
    };
    let (name, bytes) = match read_form(form)
        .await
        .and_then(|form| form.file.ok_or_else(|| t().leads.file.choose_file.to_string()))
    {
        Ok(file) => file,
        Err(message) => return with_error(campaign_id, &message),
    };
    let client_ip = connect.map(|Extension(c)| c.0.ip().to_string());
    match store_and_record(&state.db, &state.leads, &user, campaign_id, &name, &bytes, client_ip).await {
        Ok(upload_id) => back_to(campaign_id, &format!("upload={upload_id}")),
        Err(AppError::NotFound(message)) => (StatusCode::NOT_FOUND, message).into_response(),
        Err(error @ AppError::Invalid(_)) => {
            with_error(campaign_id, &format!("{name}: {}", invalid_text(&error)))
        }
        Err(error) => with_error(campaign_id, &error.to_string()),
    }
}

/// What a text field of an upload form keeps at most.
const TEXT_FIELD_BYTES: usize = 4 * 1024;

/// A multipart form as read: its file (name and bytes) and its text fields.
pub(crate) struct UploadedForm {
    pub file: Option<(String, Vec<u8>)>,
    pub fields: Vec<(String, String)>,
}

impl UploadedForm {
    /// A text field's value, or "".
    pub fn field(&self, name: &str) -> &str {
        self.fields.iter().find(|(n, _)| n == name).map(|(_, v)| v.as_str()).unwrap_or("")
    }
}

/// Reads a form with one `file` field of at most `MAX_FILE_BYTES` and small text fields;
/// the refusal in words. An empty file is no file.
pub(crate) async fn read_form(mut form: Multipart) -> Result<UploadedForm, String> {
    let mut file: Option<(String, Vec<u8>)> = None;
    let mut fields = Vec::new();
    let mut too_large = false;
    loop {
        match form.next_field().await {
            Ok(Some(mut field)) if field.name() == Some("file") => {
                let name = field.file_name().unwrap_or("upload").to_string();
                let mut bytes = Vec::new();
                // Read to the end even past the limit: a browser shown a reset connection
                // instead of our redirect would not learn why.
                loop {
                    match field.chunk().await {
                        Ok(Some(chunk)) if !too_large => {
                            bytes.extend_from_slice(&chunk);
                            if bytes.len() > MAX_FILE_BYTES {
                                too_large = true;
                                bytes = Vec::new();
                            }
                        }
                        Ok(Some(_)) => {}
                        Ok(None) => break,
                        Err(error) => return Err(read_failure(&error, too_large)),
                    }
                }
                file = Some((name, bytes));
            }
            Ok(Some(mut field)) => {
                let name = field.name().unwrap_or_default().to_string();
                // A text field is a few words: what is beyond 4 KB is read past, never kept.
                let mut value = Vec::new();
                loop {
                    match field.chunk().await {
                        Ok(Some(chunk)) => {
                            let room = TEXT_FIELD_BYTES.saturating_sub(value.len());
                            value.extend_from_slice(&chunk[..chunk.len().min(room)]);
                        }
                        Ok(None) => break,
                        Err(error) => return Err(read_failure(&error, too_large)),
                    }
                }
                fields.push((name, String::from_utf8_lossy(&value).into_owned()));
            }
            Ok(None) => break,
            Err(error) => return Err(read_failure(&error, too_large)),
        }
    }
    if too_large {
        return Err(too_large_message());
    }
    Ok(UploadedForm { file: file.filter(|(_, bytes)| !bytes.is_empty()), fields })
}

/// Stores an uploaded file for checking and writes its audit line.
pub async fn store_and_record(
    db: &Db,
    leads: &LeadLists,
    user: &SessionUser,
    campaign_id: i64,
    name: &str,
    bytes: &[u8],
    client_ip: Option<String>,
) -> Result<i64, AppError> {
    let upload_id = leads.store(campaign_id, user.id, name, bytes).await?;
    let entry = NewEntry {
        actor_id: Some(user.id),
        actor: Some(&user.username),
        action: "lead_list_uploaded",
        target: Some(&format!("campaign {campaign_id}")),
        details: Some(fill(
            t().audit.details.uploaded,
            &[&name, &app::i18n::format::number(app::i18n::current(), bytes.len() as u64), &upload_id],
        )),
        client_ip,
    };
    if let Err(error) = db::audit::record(db, entry).await {
        tracing::error!(%error, "could not write to the audit log");
    }
    Ok(upload_id)
}

pub(crate) fn too_large_message() -> String {
    fill(t().leads.file.upload_too_large, &[&(MAX_FILE_BYTES / (1024 * 1024))])
}

fn read_failure(error: &axum::extract::multipart::MultipartError, too_large: bool) -> String {
    if too_large || error.status() == StatusCode::PAYLOAD_TOO_LARGE {
        too_large_message()
    } else {
        fill(t().leads.file.upload_unreadable, &[&error.body_text()])
    }
}

pub(crate) fn invalid_text(error: &AppError) -> String {
    match error {
        AppError::Invalid(problems) => {
            problems.iter().map(|p| p.message.clone()).collect::<Vec<_>>().join("; ")
        }
        other => other.to_string(),
    }
}

async fn rejected_csv(
    State(state): State<UploadState>,
    Path(upload_id): Path<i64>,
    signed_in: SignedIn,
    headers: HeaderMap,
) -> Response {
    let lang = lang_of(&signed_in, &headers);
    spoken_in(lang, rejected_csv_in_lang(state, upload_id, signed_in)).await
}

async fn rejected_csv_in_lang(state: UploadState, upload_id: i64, signed_in: SignedIn) -> Response {
    if let Err(refusal) = signed_in.may(Permission::UploadLeadLists) {
        return refusal.into_response();
    }
    let region = match Settings::load(&state.db, &state.secrets).await {
        Ok(settings) => settings.phone_region,
        Err(_) => {
            return (StatusCode::INTERNAL_SERVER_ERROR, t().leads.file.settings_unreadable).into_response()
        }
    };
    match state.leads.rejected_csv(upload_id, &region).await {
        Ok((_, file_name, bytes)) => {
            let disposition = format!(
                "attachment; filename=\"rejected.csv\"; filename*=UTF-8''{}",
                percent_encode(&file_name)
            );
            (
                [
                    (header::CONTENT_TYPE, HeaderValue::from_static("text/csv; charset=utf-8")),
                    (
                        header::CONTENT_DISPOSITION,
                        HeaderValue::from_str(&disposition).unwrap_or(HeaderValue::from_static("attachment")),
                    ),
                ],
                bytes,
            )
                .into_response()
        }
        Err(AppError::NotFound(message)) => (StatusCode::NOT_FOUND, message).into_response(),
        Err(error) => (StatusCode::INTERNAL_SERVER_ERROR, error.to_string()).into_response(),
    }
}

pub(crate) fn percent_encode(text: &str) -> String {
    text.bytes()
        .map(|b| {
            if b.is_ascii_alphanumeric() || b"-._~".contains(&b) {
                (b as char).to_string()
            } else {
                format!("%{b:02X}")
            }
        })
        .collect()
}
