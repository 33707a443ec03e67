//! The one bridge from a failure inside the server to the [`AppError`] a person reads.
//!
//! Database, encoding and I/O errors carry text that means nothing to a user and may say
//! too much to a stranger. `.doing("read the board")?` logs the real cause once, with what
//! was being done, and answers "The server could not read the board…". Errors that are
//! already meant for the user (`AppError`, MANGO's refusals) do not implement [`Cause`], so
//! they cannot be flattened into "could not" by accident.

use app::api::AppError;

/// A failure whose text is for the server log, not for the user.
pub trait Cause: Into<anyhow::Error> {}

impl Cause for anyhow::Error {}
impl Cause for sqlx::Error {}
impl Cause for serde_json::Error {}
impl Cause for std::io::Error {}
impl Cause for tokio::task::JoinError {}

/// `.doing("what")` on a result whose error is a [`Cause`].
pub trait Doing<T> {
    /// Logs the cause and turns it into `AppError::Internal(what)`; `what` completes
    /// "The server could not …".
    fn doing(self, what: &str) -> Result<T, AppError>;
}

impl<T, E: Cause> Doing<T> for Result<T, E> {
    fn doing(self, what: &str) -> Result<T, AppError> {
        self.map_err(|error| internal(what, error.into()))
    }
}

/// The same as [`Doing::doing`] for a cause that is not in a `Result`.
pub fn internal(what: &str, error: anyhow::Error) -> AppError {
    tracing::error!(error = format!("{error:#}"), "could not {what}");
    AppError::Internal(what.to_string())
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn a_cause_becomes_what_was_being_done_without_its_text() {
        let failed: Result<(), sqlx::Error> = Err(sqlx::Error::RowNotFound);
        let error = failed.doing("read the board").unwrap_err();
        assert_eq!(error, AppError::Internal("read the board".into()));
        assert!(!error.to_string().contains("no rows"), "{error}");
    }

    #[test]
    fn success_passes_through() {
        let read: Result<i64, serde_json::Error> = serde_json::from_str("42");
        assert_eq!(read.doing("read a number"), Ok(42));
    }
}
