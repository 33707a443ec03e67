//! What an HTTP answer from MANGO means, before any typed decoding: done, refused with a
//! result code, "slow down", or an HTTP error. Pure, so every rule is tested without a network.

use serde_json::Value;

use super::codes;
use super::endpoint::Api;
use super::lenient;

#[derive(Debug)]
pub enum Reading {
    /// Success: the answer, still to be decoded into its type.
    Answer(Value),
    /// MANGO refused with a result code.
    Refused { code: u32, message: Option<String> },
    /// Over the rate limit (manual 1.4): the request was not carried out; wait and repeat.
    SlowDown { code: Option<u32> },
    /// An HTTP error status without a MANGO answer (manual 2.1.1).
    HttpError { status: u16, body: String },
    /// A success status whose body is not the JSON MANGO promises.
    Malformed { body: String, error: serde_json::Error },
}

/// CC answers this when over its limit (manual 1.4.2) — and when the CC API is unavailable
/// at all (manual 4.1); the two cannot be told apart, so both are waited out, boundedly.
pub const CC_RATE_LIMITED: u32 = 5008;

/// HTTP 420 "Method Failure" carries `{"code": N}` for bad data (manual 2.1.1).
const METHOD_FAILURE: u16 = 420;

pub fn read(api: Api, status: u16, body: &[u8]) -> Reading {
    let text = String::from_utf8_lossy(body);
    match status {
        200..=299 => read_success(api, &text),
        METHOD_FAILURE => match refusal_code(&text) {
            Some((code, message)) => Reading::Refused { code, message },
            None => Reading::HttpError { status, body: text.into_owned() },
        },
        // Manual 1.4.1: {"name":"Service Unavailable","message":"Rate limit exceeded.",
        // "code":0,"status":503}. A 503 without that body is an ordinary HTTP error: nothing
        // says the request was not carried out.
        503 if is_vpbx_rate_limit(&text) => Reading::SlowDown { code: None },
        // Seed 000, code 4290: "HTTP 429 Too Many Requests / Rate Limit" (internal to MANGO,
        // but a proxy in between may answer it).
        429 => Reading::SlowDown { code: None },
        _ => Reading::HttpError { status, body: text.into_owned() },
    }
}

fn read_success(api: Api, text: &str) -> Reading {
    // Asynchronous methods may answer with the status alone (manual 2.1.1).
    if text.trim().is_empty() {
        return Reading::Answer(Value::Object(Default::default()));
    }
    let value: Value = match serde_json::from_str(text) {
        Ok(value) => value,
        Err(error) => return Reading::Malformed { body: text.to_string(), error },
    };
    // The manual's examples write both `result` and `Result` (manual 3.8.3, 3.8.4.2).
    let result = value.get("result").or_else(|| value.get("Result")).unwrap_or(&Value::Null);
    let code: Option<u32> = match lenient::optional_number(result) {
        Ok(code) => code,
        Err(error) => return Reading::Malformed { body: text.to_string(), error },
    };
    match code {
        Some(CC_RATE_LIMITED) if api == Api::Cc => Reading::SlowDown { code },
        Some(code) if !codes::is_success(code) => Reading::Refused { code, message: message(&value) },
        // No result at all: `config/users/request` answers without one (manual 3.6.1).
        _ => Reading::Answer(value),
    }
}

fn refusal_code(text: &str) -> Option<(u32, Option<String>)> {
    let value: Value = serde_json::from_str(text).ok()?;
    let code = value.get("code").or_else(|| value.get("result"))?;
    let code: u32 = lenient::optional_number(code).ok().flatten()?;
    Some((code, message(&value)))
}

fn message(value: &Value) -> Option<String> {
    value.get("message").and_then(Value::as_str).filter(|m| !m.is_empty()).map(str::to_string)
}

fn is_vpbx_rate_limit(text: &str) -> bool {
    serde_json::from_str::<Value>(text)
        .ok()
        .and_then(|value| value.get("message").and_then(Value::as_str).map(|m| m.to_ascii_lowercase()))
        .is_some_and(|message| message.contains("rate limit"))
}

#[cfg(test)]
mod tests {
    use serde_json::json;

    use super::*;

    const RATE_LIMIT_BODY: &str =
        r#"{"name":"Service Unavailable","message":"Rate limit exceeded.","code":0,"status":503}"#;

    fn answer(reading: Reading) -> Value {
        match reading {
            Reading::Answer(value) => value,
            other => panic!("not an answer: {other:?}"),
        }
    }

    #[test]
    fn successes() {
        assert_eq!(
            answer(read(Api::Vpbx, 200, br#"{"result":1000,"campaign_id":5}"#)),
            json!({"result":1000,"campaign_id":5})
        );
        assert_eq!(answer(read(Api::Vpbx, 200, br#"{"Result":"1000"}"#)), json!({"Result":"1000"}));
        assert_eq!(answer(read(Api::Vpbx, 200, br#"{"users":[]}"#)), json!({"users":[]}), "no result at all");
        assert_eq!(answer(read(Api::Vpbx, 200, b"")), json!({}), "status alone");
        assert_eq!(answer(read(Api::Vpbx, 200, br#"{"result":1001}"#)), json!({"result":1001}));
        // An unlisted code of the success class (manual's class rule: 1090 → 1000).
        assert_eq!(answer(read(Api::Cc, 200, br#"{"result":1090}"#)), json!({"result":1090}));
    }

    #[test]
    fn refusals_in_a_200_answer() {
        let Reading::Refused { code, message } =
            read(Api::Vpbx, 200, br#"{"result":5106,"message":"wrong status"}"#)
        else {
            panic!()
        };
        assert_eq!((code, message.as_deref()), (5106, Some("wrong status")));
        let Reading::Refused { code, message } = read(Api::Vpbx, 200, br#"{"Result":"5109"}"#) else {
            panic!()
        };
        assert_eq!((code, message), (5109, None));
        // 5008 from VPBX is not its rate limit (that is HTTP 503): an ordinary refusal.
        assert!(matches!(read(Api::Vpbx, 200, br#"{"result":5008}"#), Reading::Refused { code: 5008, .. }));
        // A call-end code is no success for a command.
        assert!(matches!(read(Api::Vpbx, 200, br#"{"result":1100}"#), Reading::Refused { code: 1100, .. }));
    }

    #[test]
    fn http_420_carries_the_code() {
        let Reading::Refused { code, message } = read(Api::Vpbx, 420, br#"{"code":3104}"#) else { panic!() };
        assert_eq!((code, message), (3104, None));
        let Reading::Refused { code, message } = read(Api::Vpbx, 420, br#"{"code":"3102","message":"sign"}"#)
        else {
            panic!()
        };
        assert_eq!((code, message.as_deref()), (3102, Some("sign")));
        assert!(matches!(read(Api::Vpbx, 420, b"oops"), Reading::HttpError { status: 420, .. }));
        assert!(matches!(read(Api::Vpbx, 420, b"{}"), Reading::HttpError { status: 420, .. }));
    }

    #[test]
    fn slow_down() {
        assert!(matches!(read(Api::Vpbx, 503, RATE_LIMIT_BODY.as_bytes()), Reading::SlowDown { code: None }));
        assert!(matches!(read(Api::Cc, 200, br#"{"result":5008}"#), Reading::SlowDown { code: Some(5008) }));
        assert!(matches!(
            read(Api::Cc, 200, br#"{"result":"5008"}"#),
            Reading::SlowDown { code: Some(5008) }
        ));
        assert!(matches!(read(Api::Vpbx, 429, b""), Reading::SlowDown { code: None }));
        // A bare 503 is not known to be the rate limit.
        assert!(matches!(read(Api::Vpbx, 503, b""), Reading::HttpError { status: 503, .. }));
        assert!(matches!(read(Api::Vpbx, 503, b"<html>down</html>"), Reading::HttpError { status: 503, .. }));
    }

    #[test]
    fn http_errors_and_malformed_answers() {
        assert!(matches!(read(Api::Vpbx, 500, b""), Reading::HttpError { status: 500, .. }));
        assert!(matches!(read(Api::Vpbx, 404, b""), Reading::HttpError { status: 404, .. }));
        assert!(matches!(read(Api::Cc, 400, b"bad"), Reading::HttpError { status: 400, .. }));
        assert!(matches!(read(Api::Vpbx, 200, b"<html>"), Reading::Malformed { .. }));
        assert!(matches!(read(Api::Vpbx, 200, br#"{"result":"ok"}"#), Reading::Malformed { .. }));
    }
}
