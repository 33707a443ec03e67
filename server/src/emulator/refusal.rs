//! How the sandbox says no, in MANGO's two ways.

use axum::http::StatusCode;
use axum::response::{IntoResponse, Response};
use axum::Json;
use serde_json::json;

#[derive(Clone, Debug, PartialEq, Eq)]
pub enum Refusal {
    /// Bad request data or credentials: HTTP 420 `{"code": N}` (manual 2.1.1), for the
    /// 2xxx, 31xx and 33xx classes.
    BadRequest { code: u32, message: String },
    /// Understood but not done: HTTP 200 `{"result": N}` (e.g. 5106 wrong campaign status).
    NotDone { code: u32, message: String },
}

impl Refusal {
    pub fn missing(field: &str) -> Self {
        // 3103: a required parameter is missing.
        Refusal::BadRequest { code: 3103, message: format!("{field} is required") }
    }

    pub fn format(field: &str, why: impl std::fmt::Display) -> Self {
        // 3104: a parameter in the wrong format (or outside its allowed values).
        Refusal::BadRequest { code: 3104, message: format!("{field}: {why}") }
    }

    pub fn bad(code: u32, message: impl Into<String>) -> Self {
        Refusal::BadRequest { code, message: message.into() }
    }

    pub fn not_done(code: u32, message: impl Into<String>) -> Self {
        Refusal::NotDone { code, message: message.into() }
    }

    pub fn code(&self) -> u32 {
        match self {
            Refusal::BadRequest { code, .. } | Refusal::NotDone { code, .. } => *code,
        }
    }
}

impl IntoResponse for Refusal {
    fn into_response(self) -> Response {
        // HTTP 420 "Method Failure" has no constant in `http`.
        let method_failure = StatusCode::from_u16(420).unwrap_or(StatusCode::BAD_REQUEST);
        match self {
            Refusal::BadRequest { code, message } => {
                (method_failure, Json(json!({ "code": code, "message": message }))).into_response()
            }
            Refusal::NotDone { code, message } => {
                (StatusCode::OK, Json(json!({ "result": code, "message": message }))).into_response()
            }
        }
    }
}
