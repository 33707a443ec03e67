//! The one error type every server function returns. It travels to the browser as JSON and
//! always carries a message a person can act on — never raw database or library text.

use leptos::server_fn::codec::JsonEncoding;
use leptos::server_fn::error::{FromServerFnError, ServerFnErrorErr};
use serde::{Deserialize, Serialize};

use crate::i18n::fill;

/// A problem with one field of a form, shown next to that field.
#[derive(Clone, Debug, PartialEq, Eq, Serialize, Deserialize)]
pub struct FieldError {
    pub field: String,
    pub message: String,
}

/// Each variant's message is written in the language of the one who reads it
/// ([`crate::i18n::current`]): the server fills the texts of its variants in the request's
/// language; the fixed ones below are worded where they are shown.
#[derive(Clone, Debug, PartialEq, Eq, Serialize, Deserialize)]
pub enum AppError {
    Unauthenticated,
    BadCredentials,
    Forbidden(String),
    Invalid(Vec<FieldError>),
    NotFound(String),
    Conflict(String),
    TooManyAttempts(String),
    /// Something broke on the server. The text says what was being done (in English, as in
    /// the server log); details stay in the server log.
    Internal(String),
    /// The request never got a proper answer (network, decoding).
    Transport(String),
    /// MANGO refused or could not be reached: its result code and description, and what the
    /// user can do about it.
    Mango {
        code: Option<u32>,
        description: String,
        advice: String,
    },
}

impl std::fmt::Display for AppError {
    fn fmt(&self, f: &mut std::fmt::Formatter<'_>) -> std::fmt::Result {
        let t = &crate::i18n::t().errors;
        match self {
            AppError::Unauthenticated => f.write_str(t.unauthenticated),
            AppError::BadCredentials => f.write_str(t.bad_credentials),
            AppError::Forbidden(text)
            | AppError::NotFound(text)
            | AppError::Conflict(text)
            | AppError::TooManyAttempts(text) => f.write_str(text),
            AppError::Invalid(errors) => f.write_str(&join_field_errors(errors)),
            AppError::Internal(doing) => f.write_str(&fill(t.internal, &[doing])),
            AppError::Transport(what) => f.write_str(&fill(t.transport, &[what])),
            AppError::Mango { code: Some(code), description, advice } => {
                f.write_str(&fill(t.mango_with_code, &[code, description, advice]))
            }
            AppError::Mango { code: None, description, advice } => {
                f.write_str(&fill(t.mango_without_code, &[description, advice]))
            }
        }
    }
}

impl std::error::Error for AppError {}

fn join_field_errors(errors: &[FieldError]) -> String {
    errors.iter().map(|e| format!("{}: {}", e.field, e.message)).collect::<Vec<_>>().join("; ")
}

impl AppError {
    pub fn invalid(field: impl Into<String>, message: impl Into<String>) -> Self {
        AppError::Invalid(vec![FieldError { field: field.into(), message: message.into() }])
    }

    /// The HTTP status this error is answered with.
    pub fn status(&self) -> u16 {
        match self {
            AppError::Unauthenticated | AppError::BadCredentials => 401,
            AppError::Forbidden(_) => 403,
            AppError::Invalid(_) => 422,
            AppError::NotFound(_) => 404,
            AppError::Conflict(_) => 409,
            AppError::TooManyAttempts(_) => 429,
            AppError::Internal(_) => 500,
            AppError::Transport(_) => 502,
            // A refusal with a code is MANGO saying no (409); without one it did not answer.
            AppError::Mango { code: Some(_), .. } => 409,
            AppError::Mango { code: None, .. } => 502,
        }
    }

    /// The message for one field, if this error names it.
    pub fn field(&self, field: &str) -> Option<String> {
        match self {
            AppError::Invalid(errors) => errors.iter().find(|e| e.field == field).map(|e| e.message.clone()),
            _ => None,
        }
    }
}

impl From<validator::ValidationErrors> for AppError {
    fn from(errors: validator::ValidationErrors) -> Self {
        AppError::Invalid(crate::api::validation::field_errors(&errors))
    }
}

impl FromServerFnError for AppError {
    type Encoder = JsonEncoding;

    fn from_server_fn_error(value: ServerFnErrorErr) -> Self {
        AppError::Transport(value.to_string())
    }
}
