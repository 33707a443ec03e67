//! Everything a call to MANGO can end in besides success. Messages name the method and never
//! carry the form fields (they hold the signature; the salt is never at hand here anyway).

use std::time::Duration;

use super::codes;

#[derive(Debug, thiserror::Error)]
pub enum MangoError {
    /// MANGO understood the request and refused it with a result code: `"result": N` in an
    /// HTTP 200 answer, or `{"code": N}` in an HTTP 420 answer (manual 2.1.1).
    #[error("MANGO refused {endpoint}: result {code}, {description}{}", message_suffix(.message))]
    Api {
        endpoint: String,
        code: u32,
        /// English catalog description of the code or its class.
        description: &'static str,
        /// The Russian wording of the seed list.
        description_ru: &'static str,
        /// MANGO's own `message`, when it sends one.
        message: Option<String>,
    },

    /// MANGO kept answering "slow down" (VPBX: HTTP 503 "Rate limit exceeded."; CC: result
    /// 5008; manual 1.4) for longer than the client is configured to wait.
    #[error("MANGO kept asking to slow down on {endpoint}; gave up after waiting {waited:?}")]
    RateLimited {
        endpoint: String,
        waited: Duration,
        /// 5008 for the CC API; `None` for VPBX's 503, which carries no result code.
        code: Option<u32>,
    },

    /// No answer: connection, TLS, timeout, or a body cut off.
    #[error("no answer from MANGO for {endpoint} after {attempts} attempt(s){}: {source}", delivery_note(.maybe_delivered))]
    Transport {
        endpoint: String,
        attempts: u32,
        /// The request may have reached MANGO and been carried out: only a connection that
        /// could not be opened proves it was not.
        maybe_delivered: bool,
        #[source]
        source: reqwest::Error,
    },

    /// An HTTP error status without a MANGO answer in it (manual 2.1.1: "стандартные ошибки
    /// HTTP 4xx или 5xx без дополнительных данных").
    #[error("MANGO answered {endpoint} with HTTP {status}{}", body_suffix(.body))]
    Http {
        endpoint: String,
        status: u16,
        /// The start of the body when it is MANGO's JSON, else only its type and size (see
        /// [`shown_body`]).
        body: String,
    },

    /// An HTTP 3xx. MANGO's API answers its requests itself (manual 2.1.1); the client
    /// follows no redirect, so a base URL cannot be bounced to another host.
    #[error("MANGO answered a redirect to {location} (HTTP {status}) for {endpoint}; check the address")]
    Redirect { endpoint: String, status: u16, location: String },

    /// The base URL leads to an address this server may not call (see `AddressPolicy`).
    #[error("MANGO was not called for {endpoint}: {reason}")]
    AddressRefused { endpoint: String, reason: String },

    /// The answer could not be read as the expected JSON.
    #[error("cannot read MANGO's answer to {endpoint}: {source}; {body}")]
    Decode {
        endpoint: String,
        /// What the answer was (see [`shown_body`]).
        body: String,
        #[source]
        source: serde_json::Error,
    },

    /// The request could not be turned into JSON (a bug on our side).
    #[error("cannot encode the request for {endpoint}: {source}")]
    Encode {
        endpoint: String,
        #[source]
        source: serde_json::Error,
    },

    /// The client's configuration is unusable.
    #[error("MANGO client configuration: {0}")]
    Config(String),
}

fn message_suffix(message: &Option<String>) -> String {
    message.as_deref().map(|m| format!(" ({m})")).unwrap_or_default()
}

fn delivery_note(maybe_delivered: &bool) -> &'static str {
    if *maybe_delivered {
        " (it may have been carried out)"
    } else {
        " (it was not sent)"
    }
}

fn body_suffix(body: &str) -> String {
    if body.is_empty() {
        String::new()
    } else {
        format!("; {body}")
    }
}

/// At most this many characters of a body go into an error.
const BODY_SNIPPET_CHARS: usize = 300;

/// The start of `body`, for an error message.
pub fn snippet(body: &str) -> String {
    let mut chars = body.chars();
    let head: String = chars.by_ref().take(BODY_SNIPPET_CHARS).collect();
    if chars.next().is_some() {
        format!("{head}…")
    } else {
        head
    }
}

/// How an answer's body may appear in a message: the start of it when it is a JSON object
/// (MANGO's shape, manual 2.1.1), else only its content type and size — whatever else
/// answered at that address (a login page, another service) is not MANGO's to show.
pub fn shown_body(body: &str, content_type: Option<&str>) -> String {
    if body.is_empty() {
        return String::new();
    }
    match serde_json::from_str::<serde_json::Value>(body) {
        Ok(serde_json::Value::Object(_)) => format!("the answer began {:?}", snippet(body)),
        _ => format!(
            "the answer was not MANGO's JSON ({}, {} bytes; not shown)",
            content_type.unwrap_or("no content type"),
            body.len()
        ),
    }
}

impl MangoError {
    /// A refusal with result `code`, described from the catalog (with the class fallback).
    pub fn api(endpoint: impl Into<String>, code: u32, message: Option<String>) -> MangoError {
        MangoError::Api {
            endpoint: endpoint.into(),
            code,
            description: codes::describe_en(code),
            description_ru: codes::describe_ru(code),
            message,
        }
    }

    /// MANGO's result code, where there is one.
    pub fn code(&self) -> Option<u32> {
        match self {
            MangoError::Api { code, .. } => Some(*code),
            MangoError::RateLimited { code, .. } => *code,
            _ => None,
        }
    }

    /// MANGO asked us to slow down and we stopped waiting: try again later.
    pub fn is_rate_limited(&self) -> bool {
        matches!(self, MangoError::RateLimited { .. })
    }

    /// The request may have been carried out although no answer says so: re-read the state
    /// before doing it again. That is a lost answer, an HTTP 5xx or 408 (manual 2.1.1: HTTP
    /// errors come "без дополнительных данных", so nothing says the request was not carried
    /// out; the recognised rate-limit 503 never gets here), and a body that cannot be read
    /// (cut off or not MANGO's JSON: whatever it said is unknown).
    pub fn outcome_unknown(&self) -> bool {
        match self {
            MangoError::Transport { maybe_delivered, .. } => *maybe_delivered,
            MangoError::Http { status, .. } => *status >= 500 || *status == 408,
            MangoError::Decode { .. } => true,
            _ => false,
        }
    }

    /// Bad credentials or signature (3102 sign, 3105 key; manual "Список кодов результатов"):
    /// nothing will work until the configuration is fixed.
    pub fn is_bad_credentials(&self) -> bool {
        matches!(self.code(), Some(3102 | 3105))
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn api_errors_carry_the_catalog_description() {
        let error = MangoError::api("vpbx/tasks/push", 5109, None);
        assert_eq!(error.code(), Some(5109));
        assert_eq!(
            error.to_string(),
            "MANGO refused vpbx/tasks/push: result 5109, Repeated numbers among the campaign's tasks"
        );
        let MangoError::Api { description_ru, .. } = &error else { panic!("{error:?}") };
        assert_eq!(*description_ru, "Повторение номеров в заданиях для кампании");
        // An unlisted code is described by its class (manual's class rule).
        let error = MangoError::api("vpbx/campaign", 2219, Some("limit".into()));
        assert_eq!(
            error.to_string(),
            "MANGO refused vpbx/campaign: result 2219, Access restricted by usage period (limit)"
        );
        assert!(!error.is_rate_limited() && !error.outcome_unknown());
        assert!(MangoError::api("x", 3102, None).is_bad_credentials());
        assert!(!MangoError::api("x", 3104, None).is_bad_credentials());
    }

    #[test]
    fn rate_limit_errors() {
        let error = MangoError::RateLimited {
            endpoint: "cc/task/add".into(),
            waited: Duration::from_secs(3),
            code: Some(5008),
        };
        assert!(error.is_rate_limited());
        assert_eq!(error.code(), Some(5008));
        let error = MangoError::Http { endpoint: "vpbx/task".into(), status: 502, body: String::new() };
        assert!(!error.is_rate_limited());
        assert_eq!(error.code(), None);
        assert_eq!(error.to_string(), "MANGO answered vpbx/task with HTTP 502");
    }

    /// Manual 2.1.1: "стандартные ошибки HTTP 4xx или 5xx без дополнительных данных" — such an
    /// answer to a write does not say whether the write was carried out.
    #[test]
    fn http_5xx_and_unreadable_answers_leave_the_outcome_unknown() {
        let http =
            |status| MangoError::Http { endpoint: "vpbx/tasks/push".into(), status, body: String::new() };
        for status in [500, 502, 503, 504, 408] {
            assert!(http(status).outcome_unknown(), "{status}");
        }
        for status in [400, 401, 403, 404] {
            assert!(!http(status).outcome_unknown(), "{status}");
        }
        let cut_off = serde_json::from_str::<serde_json::Value>(r#"{"result":10"#).unwrap_err();
        let decode = MangoError::Decode {
            endpoint: "vpbx/tasks/push".into(),
            body: r#"{"result":10"#.into(),
            source: cut_off,
        };
        assert!(decode.outcome_unknown());
        assert!(!MangoError::api("vpbx/tasks/push", 5109, None).outcome_unknown(), "a refusal is an answer");
    }

    #[test]
    fn bodies_that_are_not_mangos_json_are_not_shown() {
        let page = "<html><title>Router admin</title>secret-token-123</html>";
        let shown = shown_body(page, Some("text/html; charset=utf-8"));
        assert!(!shown.contains("secret-token") && !shown.contains("Router"), "{shown}");
        assert!(shown.contains("text/html") && shown.contains(&page.len().to_string()), "{shown}");
        let error = MangoError::Http { endpoint: "vpbx/account/balance".into(), status: 404, body: shown };
        assert!(!error.to_string().contains("secret-token"), "{error}");
        assert!(!shown_body("[1,2]", None).contains("[1"), "a JSON array is not MANGO's answer");
        assert!(shown_body(r#"{"result":3102}"#, Some("application/json")).contains("3102"));
        assert_eq!(shown_body("", None), "");
    }

    #[test]
    fn snippets_are_bounded() {
        assert_eq!(snippet("short"), "short");
        let long = "я".repeat(1000);
        let cut = snippet(&long);
        assert_eq!(cut.chars().count(), BODY_SNIPPET_CHARS + 1);
        assert!(cut.ends_with('…'));
    }
}
