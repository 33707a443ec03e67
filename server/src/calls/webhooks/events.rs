//! MANGO's events as Obzvon reads them (manual 3.1.1, 3.1.5, 4.4). Numbers may arrive as JSON
//! numbers or strings (the manual's own examples do both), so every number is read leniently.

use serde::Deserialize;

use crate::mango::lenient;

/// One side of a call (`from` / `to`).
#[derive(Clone, Debug, Default, PartialEq, Eq, Deserialize)]
pub struct Party {
    #[serde(default, deserialize_with = "lenient::optional_text")]
    pub extension: Option<String>,
    #[serde(default, deserialize_with = "lenient::optional_text")]
    pub number: Option<String>,
    #[serde(default, deserialize_with = "lenient::optional_text")]
    pub line_number: Option<String>,
}

/// Manual 3.1.1 `call_state`.
#[derive(Clone, Copy, Debug, PartialEq, Eq, Hash, PartialOrd, Ord)]
pub enum CallState {
    Appeared,
    Connected,
    OnHold,
    Disconnected,
    /// A state this version does not know; kept so the event is not lost.
    Other,
}

impl CallState {
    pub fn parse(text: &str) -> CallState {
        match text {
            "Appeared" => CallState::Appeared,
            "Connected" => CallState::Connected,
            "OnHold" => CallState::OnHold,
            "Disconnected" => CallState::Disconnected,
            _ => CallState::Other,
        }
    }

    pub fn key(self) -> &'static str {
        match self {
            CallState::Appeared => "appeared",
            CallState::Connected => "connected",
            CallState::OnHold => "on_hold",
            CallState::Disconnected => "disconnected",
            CallState::Other => "other",
        }
    }
}

/// `/events/call` (manual 3.1.1).
#[derive(Clone, Debug, PartialEq, Eq, Deserialize)]
pub struct CallEvent {
    pub entry_id: String,
    pub call_id: String,
    /// Seconds since the epoch ("UTC+3" in the manual; a Unix time has no zone).
    #[serde(deserialize_with = "lenient::number")]
    pub timestamp: i64,
    #[serde(deserialize_with = "lenient::number")]
    pub seq: i64,
    pub call_state: String,
    #[serde(default)]
    pub location: Option<String>,
    #[serde(default)]
    pub from: Party,
    #[serde(default)]
    pub to: Party,
    #[serde(default, deserialize_with = "lenient::optional_number")]
    pub disconnect_reason: Option<i64>,
    #[serde(default, deserialize_with = "lenient::optional_number")]
    pub task_id: Option<i64>,
    /// Sent with campaign calls although manual 3.1.1 does not list it (manual 3.8.4.1 says
    /// "this same value arrives in events/call in the campaign_id field").
    #[serde(default, deserialize_with = "lenient::optional_number")]
    pub campaign_id: Option<i64>,
    #[serde(default, deserialize_with = "lenient::optional_text")]
    pub callback_initiator: Option<String>,
}

impl CallEvent {
    pub fn state(&self) -> CallState {
        CallState::parse(&self.call_state)
    }
}

/// `/events/summary` (manual 3.1.5): the final record of a call group.
#[derive(Clone, Debug, PartialEq, Eq, Deserialize)]
pub struct SummaryEvent {
    pub entry_id: String,
    #[serde(default, deserialize_with = "lenient::optional_number")]
    pub call_direction: Option<i64>,
    #[serde(default)]
    pub from: Party,
    #[serde(default)]
    pub to: Party,
    #[serde(default, deserialize_with = "lenient::optional_number")]
    pub create_time: Option<i64>,
    /// When the call was answered; 0 when nobody talked.
    #[serde(default, deserialize_with = "lenient::optional_number")]
    pub talk_time: Option<i64>,
    #[serde(default, deserialize_with = "lenient::optional_number")]
    pub end_time: Option<i64>,
    /// 1: a conversation took place; 0: missed.
    #[serde(default, deserialize_with = "lenient::optional_number")]
    pub entry_result: Option<i64>,
    #[serde(default, deserialize_with = "lenient::optional_number")]
    pub disconnect_reason: Option<i64>,
}

/// `/events/recording` (manual 3.1.3): a call recording started, continued in another call,
/// or completed. Only `recording_id` and `recording_state` are needed to keep it; the rest is
/// optional so that an event missing a field is still stored and linked when it can be.
#[derive(Clone, Debug, PartialEq, Eq, Deserialize)]
pub struct RecordingEvent {
    #[serde(deserialize_with = "lenient::number_or_text")]
    pub recording_id: String,
    pub recording_state: String,
    #[serde(default, deserialize_with = "lenient::optional_number")]
    pub seq: Option<i64>,
    #[serde(default, deserialize_with = "lenient::optional_text")]
    pub entry_id: Option<String>,
    #[serde(default, deserialize_with = "lenient::optional_text")]
    pub call_id: Option<String>,
    #[serde(default, deserialize_with = "lenient::optional_text")]
    pub extension: Option<String>,
    /// Seconds since the epoch ("UTC+3" in the manual; a Unix time has no zone).
    #[serde(default, deserialize_with = "lenient::optional_number")]
    pub timestamp: Option<i64>,
    /// Sent with `Completed` (manual 3.1.3): 1000 done, 22xx account restricted, 4002 too short.
    #[serde(default, deserialize_with = "lenient::optional_number")]
    pub completion_code: Option<i64>,
    /// Sent with a successful `Completed`: `Cloud`, `Mail` or `CloudAndMail`.
    #[serde(default, deserialize_with = "lenient::optional_text")]
    pub recipient: Option<String>,
}

/// Manual 3.1.3 `recording_state`.
#[derive(Clone, Copy, Debug, PartialEq, Eq)]
pub enum RecordingState {
    Started,
    Continued,
    Completed,
    /// A state this version does not know: the recording is kept, its state unchanged.
    Other,
}

impl RecordingState {
    pub fn parse(text: &str) -> RecordingState {
        match text {
            "Started" => RecordingState::Started,
            "Continued" => RecordingState::Continued,
            "Completed" => RecordingState::Completed,
            _ => RecordingState::Other,
        }
    }

    pub fn key(self) -> &'static str {
        match self {
            RecordingState::Started => "started",
            RecordingState::Continued => "continued",
            RecordingState::Completed => "completed",
            RecordingState::Other => "other",
        }
    }
}

/// `/events/user/status_changed` (manual 4.4): an operator's Contact Center status.
#[derive(Clone, Debug, PartialEq, Eq, Deserialize)]
pub struct StatusChanged {
    #[serde(deserialize_with = "lenient::number")]
    pub abonent_id: i64,
    #[serde(deserialize_with = "lenient::number")]
    pub status: i64,
    /// When the status changed, milliseconds since the epoch (manual 4.4 `when`).
    #[serde(default, deserialize_with = "lenient::optional_number")]
    pub when: Option<i64>,
    /// When the notification was sent, milliseconds since the epoch (manual 4.4 `timestamp`).
    #[serde(default, deserialize_with = "lenient::optional_number")]
    pub timestamp: Option<i64>,
}

impl StatusChanged {
    /// The moment statuses are ordered by: the change (`when`), not the sending (`timestamp`):
    /// a late notification of an older change must not overwrite a newer one (manual 4.4).
    pub fn changed_at(&self) -> Option<i64> {
        self.when.or(self.timestamp)
    }
}

/// The event kinds MANGO posts, by path under `/events/`.
#[derive(Clone, Copy, Debug, PartialEq, Eq)]
pub enum Kind {
    Call,
    Summary,
    Recording,
    Dtmf,
    Sms,
    StatusChanged,
    SessionEnd,
}

impl Kind {
    pub fn from_path(path: &str) -> Option<Kind> {
        Some(match path.trim_matches('/') {
            "call" => Kind::Call,
            "summary" => Kind::Summary,
            "recording" => Kind::Recording,
            "dtmf" => Kind::Dtmf,
            "sms" => Kind::Sms,
            "user/status_changed" => Kind::StatusChanged,
            "user/session_end" => Kind::SessionEnd,
            _ => return None,
        })
    }

    /// Sent by the Contact Center (manual 4.4), whose examples carry `api_key` and no `sign`.
    pub fn is_contact_center(self) -> bool {
        matches!(self, Kind::StatusChanged | Kind::SessionEnd)
    }

    pub fn key(self) -> &'static str {
        match self {
            Kind::Call => "call",
            Kind::Summary => "summary",
            Kind::Recording => "recording",
            Kind::Dtmf => "dtmf",
            Kind::Sms => "sms",
            Kind::StatusChanged => "user/status_changed",
            Kind::SessionEnd => "user/session_end",
        }
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    /// Every example notification of the manual (seed 002), as printed or with the typo repairs
    /// the fixture lists, reads into our types; the examples the manual leaves incomplete are
    /// named there with the reason.
    #[test]
    fn the_manuals_own_examples_parse() {
        let fixture: serde_json::Value =
            serde_json::from_str(include_str!("../../../../tests/fixtures/manual-events.json")).unwrap();
        let mut parsed = 0;
        for example in fixture["examples"].as_array().unwrap() {
            let line = &example["manual_line"];
            let Some(json) = example["json"].as_str() else {
                assert!(
                    example["skipped"].as_str().is_some_and(|why| !why.is_empty()),
                    "line {line}: skipped without a reason"
                );
                continue;
            };
            let kind = example["kind"].as_str().unwrap();
            let result =
                match Kind::from_path(kind).unwrap_or_else(|| panic!("line {line}: unknown kind {kind}")) {
                    Kind::Call => serde_json::from_str::<CallEvent>(json)
                        .map(|e| assert_ne!(e.state(), CallState::Other, "line {line}")),
                    Kind::Summary => serde_json::from_str::<SummaryEvent>(json)
                        .map(|e| assert!(e.end_time.is_some(), "line {line}")),
                    Kind::StatusChanged => serde_json::from_str::<StatusChanged>(json).map(|_| ()),
                    Kind::Recording => serde_json::from_str::<RecordingEvent>(json).map(|e| {
                        assert_ne!(
                            RecordingState::parse(&e.recording_state),
                            RecordingState::Other,
                            "line {line}"
                        )
                    }),
                    _ => serde_json::from_str::<serde_json::Value>(json).map(|_| ()),
                };
            assert!(result.is_ok(), "manual line {line} ({kind}): {result:?}\n{json}");
            parsed += 1;
        }
        assert!(parsed >= 30, "only {parsed} examples parsed");
    }

    /// Manual 4.4's example (line 7802): `when` is the change, `timestamp` the sending.
    #[test]
    fn a_status_change_is_dated_by_when() {
        let event: StatusChanged = serde_json::from_str(
            "{\n  \"abonent_id\": 787585,\n  \"status\": 1,\n  \"when\": 109822219823,\n  \"timestamp\": 109822219877\n}",
        )
        .unwrap();
        assert_eq!(event.changed_at(), Some(109822219823));
        let without_when: StatusChanged =
            serde_json::from_str(r#"{"abonent_id": 1, "status": 5, "timestamp": 7}"#).unwrap();
        assert_eq!(without_when.changed_at(), Some(7));
    }

    #[test]
    fn numbers_arrive_as_numbers_or_strings() {
        let a: CallEvent = serde_json::from_str(r#"{"entry_id":"e","call_id":"c","timestamp":"1399906976","seq":"1","call_state":"Appeared","task_id":"77","disconnect_reason":""}"#).unwrap();
        let b: CallEvent = serde_json::from_str(r#"{"entry_id":"e","call_id":"c","timestamp":1399906976,"seq":1,"call_state":"Appeared","task_id":77}"#).unwrap();
        assert_eq!(a, b);
        assert!(serde_json::from_str::<CallEvent>(
            r#"{"entry_id":"e","call_id":"c","timestamp":1,"call_state":"Appeared"}"#
        )
        .unwrap_err()
        .to_string()
        .contains("seq"));
    }
}
