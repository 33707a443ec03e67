//! The do-not-call list's two plain routes: a file of numbers to add (a multipart form, as
//! lead lists are uploaded, so it works before the page has hydrated) and the list as CSV.

use std::net::SocketAddr;
use std::sync::Arc;

use app::api::do_not_call::{ListAddition, EXPORT_PATH, UPLOAD_PATH};
use app::api::{AppError, Permission};
use app::i18n::{fill, t};
use axum::extract::{ConnectInfo, DefaultBodyLimit, Multipart, State};
use axum::http::{header, HeaderMap, HeaderValue, StatusCode};
use axum::response::{IntoResponse, Redirect, Response};
use axum::routing::{get, post};
use axum::{Extension, Router};
use tower_http::limit::RequestBodyLimitLayer;

use super::uploads::{invalid_text, lang_of, read_form, spoken_in, UPLOAD_BODY_LIMIT};
use crate::auth::signed_in::SignedIn;
use crate::contract::do_not_call::some_numbers;
use crate::crypto::SecretBox;
use crate::db::{self, audit::NewEntry, Db};
use crate::leads::do_not_call::DoNotCallList;
use crate::mango::settings::Settings;

/// The refusals a redirect carries back to the page (all are counted).
const REFUSALS_SHOWN: usize = 10;

#[derive(Clone)]
pub struct DoNotCallState {
    pub db: Db,
    pub secrets: Arc<SecretBox>,
    pub list: Arc<DoNotCallList>,
}

pub fn router(state: DoNotCallState) -> Router {
    Router::new()
        .route(UPLOAD_PATH, post(upload))
        .route(EXPORT_PATH, get(export))
        .layer(DefaultBodyLimit::max(UPLOAD_BODY_LIMIT))
        .layer(RequestBodyLimitLayer::new(UPLOAD_BODY_LIMIT))
        .with_state(state)
}

fn back(query: &[(&str, String)]) -> Response {
    let query = serde_urlencoded::to_string(query).unwrap_or_default();
    Redirect::to(&format!("/do-not-call?{query}")).into_response()
}

async fn upload(
    State(state): State<DoNotCallState>,
    signed_in: SignedIn,
    headers: HeaderMap,
    connect: Option<Extension<ConnectInfo<SocketAddr>>>,
    form: Multipart,
) -> Response {
    let lang = lang_of(&signed_in, &headers);
    spoken_in(lang, upload_in_lang(state, signed_in, connect, form)).await
}

async fn upload_in_lang(
    state: DoNotCallState,
    signed_in: SignedIn,
    connect: Option<Extension<ConnectInfo<SocketAddr>>>,
    form: Multipart,
) -> Response {
    let user = match signed_in.may(Permission::ManageDoNotCall) {
        Ok(user) => user.clone(),
        Err(refusal) => return refusal.into_response(),
    };
    let form = match read_form(form).await {
        Ok(form) => form,
        Err(message) => return back(&[("error", message)]),
    };
    let reason = form.field("reason").to_string();
    let Some((name, bytes)) = form.file else {
        return back(&[("error", t().leads.file.choose_file.to_string())]);
    };
    let region = match Settings::load(&state.db, &state.secrets).await {
        Ok(settings) => settings.phone_region,
        Err(_) => return back(&[("error", t().leads.file.settings_unreadable.to_string())]),
    };
    let addition = match state.list.import(user.id, &name, bytes, &reason, &region).await {
        Ok(addition) => addition,
        Err(error @ AppError::Invalid(_)) => {
            return back(&[(
                "error",
                fill(t().do_not_call.upload_failed, &[&format!("{name}: {}", invalid_text(&error))]),
            )])
        }
        Err(error) => return back(&[("error", error.to_string())]),
    };
    let reason = reason.split_whitespace().collect::<Vec<_>>().join(" ");
    let details = fill(
        t().audit.details.listed_file,
        &[
            &name,
            &addition.added.len(),
            &some_numbers(&addition.added),
            &addition.already.len(),
            &addition.refused.len(),
            &reason,
        ],
    );
    let entry = NewEntry {
        actor_id: Some(user.id),
        actor: Some(&user.username),
        action: "do_not_call_imported",
        target: None,
        details: Some(details),
        client_ip: connect.map(|Extension(c)| c.0.ip().to_string()),
    };
    if let Err(error) = db::audit::record(&state.db, entry).await {
        tracing::error!(%error, "could not write to the audit log");
    }
    back(&summary(&addition))
}

/// What the page shows of an addition, as the redirect's query.
fn summary(addition: &ListAddition) -> Vec<(&'static str, String)> {
    let words = &t().do_not_call;
    let mut refusals: Vec<String> = addition
        .refused
        .iter()
        .take(REFUSALS_SHOWN)
        .map(|r| fill(words.refusal_line, &[&r.line, &r.text, &r.reason]))
        .collect();
    if addition.refused.len() > REFUSALS_SHOWN {
        refusals.push(fill(words.more_refusals, &[&(addition.refused.len() - REFUSALS_SHOWN)]));
    }
    vec![
        ("added", addition.added.len().to_string()),
        ("already", addition.already.len().to_string()),
        ("refused", addition.refused.len().to_string()),
        ("refusals", refusals.join("\n")),
    ]
}

async fn export(
    State(state): State<DoNotCallState>,
    signed_in: SignedIn,
    headers: HeaderMap,
    connect: Option<Extension<ConnectInfo<SocketAddr>>>,
) -> Response {
    let lang = lang_of(&signed_in, &headers);
    spoken_in(lang, export_in_lang(state, signed_in, connect)).await
}

async fn export_in_lang(
    state: DoNotCallState,
    signed_in: SignedIn,
    connect: Option<Extension<ConnectInfo<SocketAddr>>>,
) -> Response {
    let user = match signed_in.may(Permission::ManageDoNotCall) {
        Ok(user) => user.clone(),
        Err(refusal) => return refusal.into_response(),
    };
    let zone = match Settings::load(&state.db, &state.secrets).await {
        Ok(settings) => settings.time_zone(),
        Err(_) => {
            return (StatusCode::INTERNAL_SERVER_ERROR, t().leads.file.settings_unreadable).into_response()
        }
    };
    let (bytes, entries) = match state.list.export_csv(zone).await {
        Ok(done) => done,
        Err(error) => return (StatusCode::INTERNAL_SERVER_ERROR, error.to_string()).into_response(),
    };
    let entry = NewEntry {
        actor_id: Some(user.id),
        actor: Some(&user.username),
        action: "do_not_call_exported",
        target: None,
        details: Some(fill(t().audit.details.exported, &[&entries])),
        client_ip: connect.map(|Extension(c)| c.0.ip().to_string()),
    };
    if let Err(error) = db::audit::record(&state.db, entry).await {
        tracing::error!(%error, "could not write to the audit log");
    }
    (
        [
            (header::CONTENT_TYPE, HeaderValue::from_static("text/csv; charset=utf-8")),
            (
                header::CONTENT_DISPOSITION,
                HeaderValue::from_static("attachment; filename=\"do-not-call.csv\""),
            ),
        ],
        bytes,
    )
        .into_response()
}
