//! The one error type every server function returns. It travels to the browser as JSON and
//! always carries a message a person can act on — never raw database or library text.

use leptos::server_fn::codec::JsonEncoding;
use leptos::server_fn::error::{FromServerFnError, ServerFnErrorErr};
use serde::{Deserialize, Serialize};

/// A problem with one field of a form, shown next to that field.
#[derive(Clone, Debug, PartialEq, Eq, Serialize, Deserialize)]
pub struct FieldError {
    pub field: String,
    pub message: String,
}

#[derive(Clone, Debug, PartialEq, Eq, Serialize, Deserialize, thiserror::Error)]
pub enum AppError {
    #[error("Please sign in to continue.")]
    Unauthenticated,
    #[error("Wrong username or password.")]
    BadCredentials,
    #[error("{0}")]
    Forbidden(String),
    #[error("{}", join_field_errors(.0))]
    Invalid(Vec<FieldError>),
    #[error("{0}")]
    NotFound(String),
    #[error("{0}")]
    Conflict(String),
    #[error("{0}")]
    TooManyAttempts(String),
    /// Something broke on the server. The text says what was being done; details stay in
    /// the server log.
    #[error("The server could not {0}. Try again; if it keeps failing, tell an administrator.")]
    Internal(String),
    /// The request never got a proper answer (network, decoding).
    #[error("Could not reach the server: {0}")]
    Transport(String),
    /// MANGO refused or could not be reached: its result code and description, and what the
    /// user can do about it.
    #[error("{}", describe_mango(.code, .description, .advice))]
    Mango { code: Option<u32>, description: String, advice: String },
}

fn describe_mango(code: &Option<u32>, description: &str, advice: &str) -> String {
    match code {
        Some(code) => format!("MANGO answered {code}: {description}. {advice}"),
        None => format!("{description}. {advice}"),
    }
}

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
