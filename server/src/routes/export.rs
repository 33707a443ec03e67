//! Results as a file: `GET /campaigns/{id}/results.csv|xlsx`, with the Results page's filters
//! as the query string, for team leads and admins.

use std::collections::HashMap;
use std::sync::Arc;

use app::api::board::CallOutcome;
use app::api::results::ResultsFilter;
use app::api::{AppError, Permission};
use app::i18n::{fill, t};
use axum::extract::{Path, Query, State};
use axum::http::{header, HeaderMap, HeaderValue, StatusCode};
use axum::response::{IntoResponse, Response};
use axum::Router;

use crate::auth::signed_in::SignedIn;
use crate::calls::results;
use crate::crypto::SecretBox;
use crate::db::Db;
use crate::routes::uploads::{lang_of, spoken_in};

#[derive(Clone)]
struct ExportState {
    db: Db,
    secrets: Arc<SecretBox>,
}

pub fn router(db: Db, secrets: Arc<SecretBox>) -> Router {
    Router::new()
        .route("/campaigns/{id}/results.csv", axum::routing::get(export_csv))
        .route("/campaigns/{id}/results.xlsx", axum::routing::get(export_xlsx))
        .with_state(ExportState { db, secrets })
}

/// The query string of the page's export links.
fn filter_from(query: &HashMap<String, String>) -> Result<ResultsFilter, String> {
    let outcome = match query.get("outcome").filter(|v| !v.is_empty()) {
        Some(key) => {
            Some(CallOutcome::from_key(key).ok_or_else(|| fill(t().results.export.not_an_outcome, &[key]))?)
        }
        None => None,
    };
    let min_attempts = match query.get("min_attempts").filter(|v| !v.is_empty()) {
        Some(text) => Some(text.parse().map_err(|_| fill(t().results.export.not_a_number, &[text]))?),
        None => None,
    };
    Ok(ResultsFilter {
        outcome,
        not_called: query.get("not_called").is_some_and(|v| v == "true"),
        operator: query.get("operator").filter(|v| !v.is_empty()).cloned(),
        min_attempts,
        search: query.get("search").cloned().unwrap_or_default(),
        topic: query.get("topic").filter(|v| !v.is_empty()).cloned(),
        said: query.get("said").cloned().unwrap_or_default(),
    })
}

#[derive(Clone, Copy)]
enum Format {
    Csv,
    Xlsx,
}

async fn export(
    state: ExportState,
    campaign_id: i64,
    signed_in: SignedIn,
    query: HashMap<String, String>,
    format: Format,
) -> Response {
    if let Err(refusal) = signed_in.may(Permission::ExportResults) {
        return refusal.into_response();
    }
    let filter = match filter_from(&query) {
        Ok(filter) => filter,
        Err(message) => return (StatusCode::BAD_REQUEST, message).into_response(),
    };
    // What was said is for those who may hear the calls.
    let with_transcripts = query.get("transcripts").is_some_and(|v| v == "true");
    if with_transcripts || !filter.said.trim().is_empty() {
        if let Err(refusal) = signed_in.may(Permission::HearCalls) {
            return refusal.into_response();
        }
    }
    let zone = match crate::mango::settings::Settings::load(&state.db, &state.secrets).await {
        Ok(settings) => settings.time_zone(),
        Err(_) => chrono_tz::Europe::Moscow,
    };
    let rows = match results::matching_rows(&state.db, campaign_id, &filter, zone).await {
        Ok(rows) => rows,
        Err(AppError::NotFound(message)) => return (StatusCode::NOT_FOUND, message).into_response(),
        Err(error) => return (StatusCode::INTERNAL_SERVER_ERROR, error.to_string()).into_response(),
    };
    let transcripts = if with_transcripts {
        match results::transcripts(&state.db, campaign_id).await {
            Ok(transcripts) => Some(transcripts),
            Err(error) => return (StatusCode::INTERNAL_SERVER_ERROR, error.to_string()).into_response(),
        }
    } else {
        None
    };
    let transcripts = transcripts.as_ref();
    let (bytes, content_type, extension) = match format {
        Format::Xlsx => (
            results::to_xlsx(&rows, transcripts),
            "application/vnd.openxmlformats-officedocument.spreadsheetml.sheet",
            "xlsx",
        ),
        Format::Csv => (results::to_csv(&rows, transcripts), "text/csv; charset=utf-8", "csv"),
    };
    let disposition = format!("attachment; filename=\"campaign-{campaign_id}-results.{extension}\"");
    let mut response = bytes.into_response();
    response.headers_mut().insert(header::CONTENT_TYPE, HeaderValue::from_static(content_type));
    if let Ok(value) = HeaderValue::from_str(&disposition) {
        response.headers_mut().insert(header::CONTENT_DISPOSITION, value);
    }
    response
}

async fn export_csv(
    State(state): State<ExportState>,
    Path(id): Path<i64>,
    signed_in: SignedIn,
    headers: HeaderMap,
    Query(query): Query<HashMap<String, String>>,
) -> Response {
    let lang = lang_of(&signed_in, &headers);
    spoken_in(lang, export(state, id, signed_in, query, Format::Csv)).await
}

async fn export_xlsx(
    State(state): State<ExportState>,
    Path(id): Path<i64>,
    signed_in: SignedIn,
    headers: HeaderMap,
    Query(query): Query<HashMap<String, String>>,
) -> Response {
    let lang = lang_of(&signed_in, &headers);
    spoken_in(lang, export(state, id, signed_in, query, Format::Xlsx)).await
}

#[cfg(test)]
mod tests {
    use super::*;

    fn query(pairs: &[(&str, &str)]) -> HashMap<String, String> {
        pairs.iter().map(|(k, v)| (k.to_string(), v.to_string())).collect()
    }

    #[test]
    fn the_page_filters_come_back_from_the_query_string() {
        let filter =
            filter_from(&query(&[("outcome", "busy"), ("min_attempts", "2"), ("not_called", "true")]))
                .unwrap();
        assert_eq!(filter.outcome, Some(CallOutcome::Busy));
        assert_eq!(filter.min_attempts, Some(2));
        assert!(filter.not_called);
        assert_eq!(filter_from(&query(&[("outcome", "")])).unwrap().outcome, None);
    }

    #[test]
    fn a_bad_filter_names_its_parameter() {
        app::i18n::in_lang(app::i18n::Lang::En, english_refusals);
        assert_eq!(
            app::i18n::in_lang(app::i18n::Lang::Ru, || filter_from(&query(&[("outcome", "won")])))
                .unwrap_err(),
            "outcome: «won» — такого итога нет"
        );
    }

    fn english_refusals() {
        assert_eq!(
            filter_from(&query(&[("outcome", "won")])).unwrap_err(),
            "outcome: \"won\" is not an outcome"
        );
        assert_eq!(
            filter_from(&query(&[("min_attempts", "two")])).unwrap_err(),
            "min_attempts: \"two\" is not a number"
        );
    }
}
