//! Call recordings: each `/events/recording` (manual 3.1.3) merged into one record per
//! recording and linked to its call by the call group (`entry_id`); transcripts and topics
//! asked of MANGO in the background (`analysis`); the audio fetched through a fresh one-time
//! link on every listen (`crate::routes::recordings`).

pub mod analysis;

use std::collections::HashMap;

use app::api::recordings::{AnalysisState, CallRecording, Phrase, RecordingStatus, Speaker};

use crate::calls::outcome;
use crate::calls::webhooks::events::{RecordingEvent, RecordingState};
use crate::db::recordings::{Listed, RecordingRow};

/// Manual 3.1.3 `completion_code`: the recording was made.
const RECORDED: i64 = 1000;

/// Whether MANGO keeps the recording where the API can fetch it (manual 3.1.3 `recipient`:
/// Cloud or CloudAndMail; Mail only sends it by e-mail). A completion without a recipient is
/// taken as kept: MANGO answers 3320 when asked for one it does not have.
fn kept_in_cloud(completion_code: Option<i64>, recipient: Option<&str>) -> bool {
    completion_code.is_none_or(|code| code == RECORDED)
        && !recipient.is_some_and(|r| r.eq_ignore_ascii_case("mail"))
}

/// A recording's record after one more of its events, whatever order they came in: a
/// completion is final; the call id follows the newest event (a transfer moves the
/// recording to another call, manual 3.1.3 `Continued`); completion details come from the
/// `Completed` event. Transcript and topics become due `analysis::FIRST_ASK` after the
/// completion of a recording MANGO keeps. `now` is in ms.
pub fn merge(stored: Option<RecordingRow>, event: &RecordingEvent, now: i64) -> RecordingRow {
    let state = RecordingState::parse(&event.recording_state);
    let seq = event.seq.unwrap_or(0);
    let mut row = stored.unwrap_or_else(|| RecordingRow {
        id: 0,
        recording_id: event.recording_id.clone(),
        entry_id: String::new(),
        call_id: None,
        extension: None,
        state: RecordingState::Started.key().to_string(),
        last_seq: i64::MIN,
        started_at: None,
        completed_at: None,
        completion_code: None,
        recipient: None,
        transcript_state: AnalysisState::NotApplicable,
        transcript_due_at: None,
        topics_state: AnalysisState::NotApplicable,
        topics_due_at: None,
    });
    let newest = seq >= row.last_seq;
    if row.entry_id.is_empty() || newest {
        if let Some(entry) = event.entry_id.as_ref().filter(|e| !e.is_empty()) {
            row.entry_id = entry.clone();
        }
    }
    if newest || row.call_id.is_none() {
        row.call_id = event.call_id.clone().or(row.call_id);
        row.extension = event.extension.clone().or(row.extension);
    }
    let completed = row.state == RecordingState::Completed.key();
    match state {
        RecordingState::Completed => {
            row.state = state.key().to_string();
            row.completed_at = event.timestamp.or(row.completed_at);
            row.completion_code = event.completion_code.or(row.completion_code);
            row.recipient = event.recipient.clone().or(row.recipient);
        }
        RecordingState::Started | RecordingState::Continued if !completed && newest => {
            row.state = state.key().to_string();
        }
        _ => {}
    }
    if state == RecordingState::Started {
        row.started_at = match (row.started_at, event.timestamp) {
            (Some(a), Some(b)) => Some(a.min(b)),
            (a, b) => a.or(b),
        };
    }
    row.last_seq = row.last_seq.max(seq);
    if row.state == RecordingState::Completed.key() {
        let due = now + analysis::FIRST_ASK.as_millis() as i64;
        let applicable = kept_in_cloud(row.completion_code, row.recipient.as_deref());
        for (analysis, due_at) in [
            (&mut row.transcript_state, &mut row.transcript_due_at),
            (&mut row.topics_state, &mut row.topics_due_at),
        ] {
            match (*analysis, applicable) {
                (AnalysisState::NotApplicable, true) => {
                    *analysis = AnalysisState::Waiting;
                    *due_at = Some(due);
                }
                (AnalysisState::Waiting, false) => {
                    *analysis = AnalysisState::NotApplicable;
                    *due_at = None;
                }
                _ => {}
            }
        }
    }
    row
}

/// Where a recording stands, from its stored state (manual 3.1.3).
pub fn status(state: &str, completion_code: Option<i64>, recipient: Option<&str>) -> RecordingStatus {
    if state != RecordingState::Completed.key() {
        return RecordingStatus::Recording;
    }
    match completion_code {
        Some(code) if code != RECORDED => {
            RecordingStatus::Failed { code, reason: outcome::end_code_words(code) }
        }
        _ if !kept_in_cloud(completion_code, recipient) => RecordingStatus::MailedOnly,
        _ => RecordingStatus::Stored,
    }
}

/// Words of a search "in what was said" as an FTS5 query: each word a prefix (Russian words
/// change their endings: "доставк" finds "доставка" and "доставки"), all of them required.
/// Quotes keep the reader's text from being read as FTS5 syntax. `None` when no word is left.
pub fn said_query(text: &str) -> Option<String> {
    let words: Vec<String> = text
        .split(|c: char| !c.is_alphanumeric())
        .filter(|w| !w.is_empty())
        .take(16)
        .map(|w| format!("\"{}\"*", w.to_lowercase()))
        .collect();
    (!words.is_empty()).then(|| words.join(" "))
}

/// A campaign's recordings by lead, as Results shows them.
pub struct ByLead {
    by_lead: HashMap<i64, Vec<CallRecording>>,
}

impl ByLead {
    /// `topics` are `(recording, name)`; `said` the matching phrase of each recording a
    /// search found. `at` formats a call's start in the campaign's time.
    pub fn new(
        listed: Vec<Listed>,
        topics: Vec<(i64, String)>,
        said: Vec<(i64, String, String)>,
        at: impl Fn(i64) -> String,
    ) -> ByLead {
        let mut topics_of: HashMap<i64, Vec<String>> = HashMap::new();
        for (recording, name) in topics {
            topics_of.entry(recording).or_default().push(name);
        }
        let mut said_of: HashMap<i64, Phrase> = said
            .into_iter()
            .map(|(recording, speaker, text)| {
                (recording, Phrase { speaker: Speaker::from_key(&speaker), text })
            })
            .collect();
        let mut by_lead: HashMap<i64, Vec<CallRecording>> = HashMap::new();
        for row in listed {
            let Some(lead) = row.task_id else { continue };
            by_lead.entry(lead).or_default().push(CallRecording {
                id: row.id,
                call_at: row.appeared_at.map(&at),
                status: status(&row.state, row.completion_code, row.recipient.as_deref()),
                transcript: row.transcript_state,
                topics: topics_of.remove(&row.id).unwrap_or_default(),
                said: said_of.remove(&row.id),
            });
        }
        ByLead { by_lead }
    }

    pub fn take(&mut self, lead: i64) -> Vec<CallRecording> {
        self.by_lead.remove(&lead).unwrap_or_default()
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    fn event(state: &str, seq: i64) -> RecordingEvent {
        RecordingEvent {
            recording_id: "r1".into(),
            recording_state: state.into(),
            seq: Some(seq),
            entry_id: Some("e1".into()),
            call_id: Some(format!("c{seq}")),
            extension: Some("101".into()),
            timestamp: Some(1_700_000_000 + seq),
            completion_code: None,
            recipient: None,
        }
    }

    fn completed(code: i64, recipient: Option<&str>) -> RecordingEvent {
        RecordingEvent {
            completion_code: Some(code),
            recipient: recipient.map(str::to_string),
            ..event("Completed", 3)
        }
    }

    #[test]
    fn events_merge_in_any_order() {
        let in_order = [event("Started", 1), event("Continued", 2), completed(1000, Some("Cloud"))];
        let mut forward = None;
        for e in &in_order {
            forward = Some(merge(forward, e, 5_000));
        }
        let mut backward = None;
        for e in in_order.iter().rev() {
            backward = Some(merge(backward, e, 5_000));
        }
        let (forward, backward) = (forward.unwrap(), backward.unwrap());
        assert_eq!(forward, backward);
        assert_eq!(forward.state, "completed", "a completion is final, also when Started comes after it");
        assert_eq!(forward.call_id.as_deref(), Some("c3"), "the newest event's call");
        assert_eq!((forward.started_at, forward.completed_at), (Some(1_700_000_001), Some(1_700_000_003)));
        assert_eq!(forward.transcript_state, AnalysisState::Waiting);
        assert_eq!(forward.topics_due_at, Some(5_000 + analysis::FIRST_ASK.as_millis() as i64));
        let running = merge(None, &event("Started", 1), 0);
        assert_eq!(
            (running.state.as_str(), running.transcript_state),
            ("started", AnalysisState::NotApplicable)
        );
    }

    #[test]
    fn only_recordings_mango_keeps_are_analysed_and_played() {
        let short = merge(None, &completed(4002, None), 0);
        assert_eq!(short.transcript_state, AnalysisState::NotApplicable);
        let failed = app::i18n::in_lang(app::i18n::Lang::En, || {
            status(&short.state, short.completion_code, short.recipient.as_deref())
        });
        let RecordingStatus::Failed { code: 4002, reason } = failed else { panic!("{failed:?}") };
        assert!(reason.contains("shorter"), "{reason}");
        let mailed = merge(None, &completed(1000, Some("Mail")), 0);
        assert_eq!(mailed.transcript_state, AnalysisState::NotApplicable);
        assert_eq!(status("completed", Some(1000), Some("Mail")), RecordingStatus::MailedOnly);
        assert_eq!(status("completed", Some(1000), Some("CloudAndMail")), RecordingStatus::Stored);
        assert_eq!(status("started", None, None), RecordingStatus::Recording);
    }

    #[test]
    fn a_search_in_what_was_said_is_words_as_prefixes() {
        assert_eq!(said_query("  Доставк, ЦЕНА!").as_deref(), Some("\"доставк\"* \"цена\"*"));
        assert_eq!(said_query("\" OR * NEAR(").as_deref(), Some("\"or\"* \"near\"*"));
        assert_eq!(said_query(" ,. "), None);
    }
}
