//! The sandbox's HTTP surface: the same paths as MANGO's API, signed the same way
//! (manual 2.1.1), refusing what MANGO refuses.

use std::collections::HashMap;

use axum::body::Bytes;
use axum::extract::{OriginalUri, Path, State};
use axum::http::{HeaderMap, Method, StatusCode};
use axum::response::{IntoResponse, Response};
use axum::routing::{any, get};
use axum::{Json, Router};
use serde_json::{json, Value};

use super::fields::Fields;
use super::refusal::Refusal;
use super::{directory, files, AnswerFault, ListPaths, Sandbox};

/// A push of 10,000 tasks (manual 3.8.4.2) is several megabytes once form-encoded.
const BODY_LIMIT: usize = 32 * 1024 * 1024;

pub fn router(sandbox: Sandbox) -> Router {
    Router::new()
        .route("/vpbx/{*method}", any(vpbx))
        .route("/cc/{*method}", any(cc))
        // Manual 3.4.1: the file service behind `queries/recording/post`'s redirects.
        .route("/files/{token}", get(files::serve))
        .layer(axum::extract::DefaultBodyLimit::max(BODY_LIMIT))
        .with_state(sandbox)
}

/// The three form fields every request carries (manual 2.1.1).
struct Signed {
    json: String,
}

fn read_form(sandbox: &Sandbox, method: &Method, body: &Bytes) -> Result<Signed, Refusal> {
    if method != Method::POST {
        // 3101: the request was not a POST.
        return Err(Refusal::bad(3101, "requests must be POST"));
    }
    let form: HashMap<String, String> = serde_urlencoded::from_bytes(body)
        .map_err(|e| Refusal::format("form", format!("is not application/x-www-form-urlencoded ({e})")))?;
    let field = |name: &str| form.get(name).filter(|v| !v.is_empty()).ok_or_else(|| Refusal::missing(name));
    let key = field("vpbx_api_key")?;
    let sign = field("sign")?;
    let json = field("json")?;
    if key != &sandbox.config.api_key {
        // 3105: wrong access key.
        return Err(Refusal::bad(3105, "unknown vpbx_api_key"));
    }
    if !crate::mango::sign::verify_signature(&sandbox.config.api_key, &sandbox.config.api_salt, json, sign) {
        // 3102: the signature does not match.
        return Err(Refusal::bad(3102, "sign does not match"));
    }
    Ok(Signed { json: json.clone() })
}

/// Fault injection: some requests are refused as if over the limit.
fn injected_unavailability(sandbox: &Sandbox) -> bool {
    let share = sandbox.config.faults.random_503;
    share > 0.0 && rand::random::<f64>() < share
}

/// Manual 1.4.1: beyond a limit VPBX stops answering with HTTP 503 and this body.
fn vpbx_rate_limited() -> Response {
    (
        StatusCode::SERVICE_UNAVAILABLE,
        Json(json!({"name": "Service Unavailable", "message": "Rate limit exceeded.", "code": 0, "status": 503})),
    )
        .into_response()
}

/// The recordings API (manual 3.4.1, 3.4.4, 3.4.5): its headings end in a slash, its examples
/// do not, so both are served; the name without the slash is returned.
fn recordings_method(path: &str) -> Option<&'static str> {
    match path.strip_suffix('/').unwrap_or(path) {
        "queries/recording/post" => Some("queries/recording/post"),
        "queries/recording_transcripts" => Some("queries/recording_transcripts"),
        "queries/recording_categories" => Some("queries/recording_categories"),
        _ => None,
    }
}

async fn vpbx(
    State(sandbox): State<Sandbox>,
    Path(path): Path<String>,
    OriginalUri(original): OriginalUri,
    headers: HeaderMap,
    method: Method,
    body: Bytes,
) -> Response {
    let signed = match read_form(&sandbox, &method, &body) {
        Ok(signed) => signed,
        Err(refusal) => return refusal.into_response(),
    };
    let recordings = recordings_method(&path);
    let limits = &sandbox.limits;
    let limited = injected_unavailability(&sandbox)
        || limits.vpbx_all.check().is_err()
        || (path == "config/users/request" && limits.users_request.check().is_err())
        || (path == "account/balance" && limits.balance.check().is_err())
        // Manual 1.4.1: "Доступ к записям разговоров 10/1".
        || (recordings.is_some() && limits.recordings.check().is_err());
    if limited {
        return vpbx_rate_limited();
    }
    let path = recordings.unwrap_or(&path);
    if path == "queries/recording/post" {
        // Manual 3.4.1: answered with a redirect to the file, not with JSON.
        let token = Fields::parse(&signed.json).and_then(|fields| {
            sandbox.world.lock().unwrap_or_else(|poisoned| poisoned.into_inner()).recording_link(&fields)
        });
        return match token {
            Ok(token) => files::redirect(&headers, &original, &token),
            Err(refusal) => refusal.into_response(),
        };
    }
    match answer_vpbx(&sandbox, path, &signed.json) {
        Ok(Some(mut answer)) => {
            if sandbox.hide_task_counts.load(std::sync::atomic::Ordering::SeqCst) {
                without_task_counts(&mut answer);
            }
            spoiled(&sandbox, path, answer)
        }
        // An unknown method is an HTTP error without a body (manual 2.1.1).
        Ok(None) => StatusCode::NOT_FOUND.into_response(),
        Err(refusal) => refusal.into_response(),
    }
}

/// Removes `tasks_count` wherever a campaign carries it.
fn without_task_counts(answer: &mut Value) {
    if let Some(campaign) = answer.get_mut("campaign").and_then(Value::as_object_mut) {
        campaign.remove("tasks_count");
    }
    if let Some(list) = answer.get_mut("campaigns").and_then(Value::as_array_mut) {
        for campaign in list.iter_mut().filter_map(Value::as_object_mut) {
            campaign.remove("tasks_count");
        }
    }
}

/// The answer of a request that was carried out, spoiled if a test queued a fault for it.
fn spoiled(sandbox: &Sandbox, path: &str, answer: Value) -> Response {
    match sandbox.take_answer_fault(path) {
        None => Json(answer).into_response(),
        Some(AnswerFault::BadGateway) => StatusCode::BAD_GATEWAY.into_response(),
        Some(AnswerFault::Truncated) => {
            let text = answer.to_string();
            let half: String = text.chars().take(text.chars().count() / 2).collect();
            (StatusCode::OK, [("content-type", "application/json")], half).into_response()
        }
    }
}

/// The Contact Center API (manual 4): its own limits, answered with result 5008 (manual 1.4.2).
async fn cc(
    State(sandbox): State<Sandbox>,
    Path(path): Path<String>,
    method: Method,
    body: Bytes,
) -> Response {
    let signed = match read_form(&sandbox, &method, &body) {
        Ok(signed) => signed,
        Err(refusal) => return refusal.into_response(),
    };
    // Manual 4.1: "вызов любого метода возвращает ошибку 5008" while the CC API is down.
    if sandbox.cc_down.load(std::sync::atomic::Ordering::SeqCst) {
        return Json(json!({ "result": 5008 })).into_response();
    }
    let limits = &sandbox.limits;
    if injected_unavailability(&sandbox)
        || limits.cc_all.check().is_err()
        || (path == "task/add" && limits.cc_task_add.check().is_err())
    {
        return Json(json!({ "result": 5008 })).into_response();
    }
    let answer = Fields::parse(&signed.json).and_then(|fields| {
        let mut world = sandbox.world.lock().unwrap_or_else(|poisoned| poisoned.into_inner());
        match path.as_str() {
            "task/add" => world.add_cc_task(&fields).map(Some),
            _ => Ok(None),
        }
    });
    match answer {
        Ok(Some(answer)) => Json(answer).into_response(),
        Ok(None) => StatusCode::NOT_FOUND.into_response(),
        Err(refusal) => refusal.into_response(),
    }
}

fn answer_vpbx(sandbox: &Sandbox, path: &str, json: &str) -> Result<Option<Value>, Refusal> {
    let fields = Fields::parse(json)?;
    let mut world = sandbox.world.lock().unwrap_or_else(|poisoned| poisoned.into_inner());
    let answer = match path {
        // Manual 3.6.1.
        "config/users/request" => {
            let extension = fields.optional_str("extension", 16)?;
            let ext_fields = match fields.optional_array("ext_fields")? {
                None => Vec::new(),
                Some(items) => items
                    .iter()
                    .map(|v| {
                        v.as_str()
                            .map(str::to_string)
                            .ok_or_else(|| Refusal::format("ext_fields", "must hold strings"))
                    })
                    .collect::<Result<Vec<_>, _>>()?,
            };
            directory::users_json(extension.as_deref(), &ext_fields)
        }
        "incominglines" => directory::lines_json(),
        "audiofiles" => directory::audio_files_json(),
        "account/balance" => json!({
            "result": 1000,
            "balance": directory::BALANCE_RUB,
            "currency": "RUB",
            "response_at": world.clock.now().timestamp(),
        }),
        // Manual 3.8.
        "campaign/add" => world.add_campaign(&fields)?,
        "tasks/push" => world.push_tasks(&fields)?,
        "campaign/start" => world.start(fields.required_int("campaign_id")?)?,
        "campaign/stop" => world.stop(fields.required_int("campaign_id")?)?,
        "campaign/delete" => world.delete(fields.required_int("campaign_id")?)?,
        "campaign" => world.campaign_json(fields.required_int("campaign_id")?)?,
        "io/v1/campaign/get_list" | "campaign/get_list" => {
            let serves = match *sandbox.list_paths.lock().unwrap_or_else(|p| p.into_inner()) {
                ListPaths::Example => path == "io/v1/campaign/get_list",
                ListPaths::Heading => path == "campaign/get_list",
                ListPaths::Both => true,
            };
            if !serves {
                return Ok(None);
            }
            world.list_json()
        }
        "task" => world.task_json(fields.required_int("task_id")?)?,
        // Manual 3.4.5 and 3.4.4 (`path` without the trailing slash, see `recordings_method`).
        "queries/recording_transcripts" => world.transcripts_json(&fields)?,
        "queries/recording_categories" => world.categories_json(&fields)?,
        _ => return Ok(None),
    };
    Ok(Some(answer))
}
