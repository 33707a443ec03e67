//! Where a callback stands, from how sending it went and from its automatic call's events.

use std::collections::HashMap;

use app::api::board::CallOutcome;
use app::api::callbacks::{CallbackEvent, CallbackRow, CallbackState};
use app::i18n::{fill, t};
use chrono_tz::Tz;

use crate::calls::outcome;
use crate::db::callbacks::{CallbackRecord, SendState};
use crate::mango::codes;
use crate::time_format;

/// Stored for a callback whose answer was lost (in English; shown in the reader's language).
pub const LOST_ANSWER: &str =
    "It was sent, but MANGO's answer was lost: it may exist in MANGO. Check the operator's tasks in MANGO before creating it again.";

/// A stored reason as the reader reads it: the texts Obzvon itself stores in English are
/// shown in the reader's language; MANGO's own words stay as they are.
fn shown(reason: &str) -> String {
    if reason == LOST_ANSWER {
        t().callbacks.server.lost_answer.to_string()
    } else {
        reason.to_string()
    }
}

/// The state and, where there is one, the reason.
pub fn derive(record: &CallbackRecord) -> (CallbackState, Option<String>) {
    match record.send_state {
        SendState::Queued => (CallbackState::Queued, record.refusal.clone()),
        SendState::Sending => (CallbackState::Sending, None),
        SendState::Refused => (CallbackState::Refused, record.refusal.clone()),
        SendState::Unknown => {
            (CallbackState::Unknown, Some(shown(record.refusal.as_deref().unwrap_or(LOST_ANSWER))))
        }
        SendState::Created if !record.auto_call => (CallbackState::TaskOnly, None),
        SendState::Created if record.auto_call_task_id.is_none() => {
            (CallbackState::TaskOnly, Some(t().callbacks.server.no_auto_call.into()))
        }
        SendState::Created => from_call(record),
    }
}

fn from_call(record: &CallbackRecord) -> (CallbackState, Option<String>) {
    let Some(outcome) = record.call_outcome else {
        return (CallbackState::Scheduled, None);
    };
    match outcome {
        CallOutcome::InProgress => (CallbackState::Calling, None),
        CallOutcome::Talked => (CallbackState::Talked, None),
        other => {
            let what = other.label();
            let reason = match record.call_reason {
                Some(code) => format!("{what}: {}", end_code_words(code)),
                None => what.to_string(),
            };
            (CallbackState::Failed, Some(reason))
        }
    }
}

/// MANGO's end code with the catalog's words in the reader's language: "1111 Вызов не получил
/// ответа в течение времени ожидания" / "1111 Call not answered within the waiting time".
fn end_code_words(code: i64) -> String {
    match u32::try_from(code) {
        Ok(known) => format!("{code} {}", codes::describe(known)),
        Err(_) => outcome::end_code_words(code),
    }
}

/// The row the pages show; `operators` maps user ids to "Name (ext. 101)".
pub fn row(record: &CallbackRecord, operators: &HashMap<i64, String>, zone: Tz) -> CallbackRow {
    let (state, reason) = derive(record);
    CallbackRow {
        id: record.id,
        campaign_id: record.campaign_id,
        campaign_name: record.campaign_name.clone(),
        batch_id: record.batch_id,
        name: record.name.clone(),
        number: record.number.clone(),
        operator: operators
            .get(&record.operator_user_id)
            .cloned()
            .unwrap_or_else(|| fill(t().callbacks.server.employee, &[&record.operator_user_id])),
        due_at: time_format::for_reader(record.due_at * 1000, zone),
        duration_minutes: u32::try_from(record.duration_minutes).unwrap_or(0),
        event: CallbackEvent::from_mango_number(record.event_type).unwrap_or_default(),
        auto_call: record.auto_call,
        description: record.description.clone(),
        state,
        reason,
        mango_task_id: record.mango_task_id,
        auto_call_task_id: record.auto_call_task_id,
        talk_seconds: record.call_talk_seconds.filter(|_| state == CallbackState::Talked),
        created_by: record.created_by_name.clone().unwrap_or_else(|| "—".into()),
        created_at: time_format::for_reader(record.created_at, zone),
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    fn record() -> CallbackRecord {
        CallbackRecord {
            id: 1,
            batch_id: None,
            campaign_id: None,
            campaign_name: None,
            lead_task_id: None,
            number: "79161234567".into(),
            name: String::new(),
            operator_user_id: 400100101,
            due_at: 1_900_000_000,
            duration_minutes: 15,
            event_type: 1,
            description: String::new(),
            auto_call: true,
            send_state: SendState::Created,
            mango_task_id: Some(402000001),
            auto_call_task_id: Some(90000001),
            refusal: None,
            created_by_name: None,
            created_at: 0,
            call_state: None,
            call_outcome: None,
            call_reason: None,
            call_talk_seconds: None,
        }
    }

    #[test]
    fn the_call_events_move_a_created_callback_on() {
        app::i18n::in_lang(app::i18n::Lang::En, the_call_events_move_a_created_callback_on_in_english);
    }

    fn the_call_events_move_a_created_callback_on_in_english() {
        assert_eq!(derive(&record()).0, CallbackState::Scheduled);
        let calling = CallbackRecord {
            call_state: Some("appeared".into()),
            call_outcome: Some(CallOutcome::InProgress),
            ..record()
        };
        assert_eq!(derive(&calling).0, CallbackState::Calling);
        let talked = CallbackRecord {
            call_state: Some("disconnected".into()),
            call_outcome: Some(CallOutcome::Talked),
            call_talk_seconds: Some(42),
            ..record()
        };
        assert_eq!(derive(&talked), (CallbackState::Talked, None));
        assert_eq!(row(&talked, &HashMap::new(), chrono_tz::UTC).talk_seconds, Some(42));
        let missed =
            CallbackRecord { call_outcome: Some(CallOutcome::NoAnswer), call_reason: Some(1111), ..record() };
        let (state, reason) = app::i18n::in_lang(app::i18n::Lang::En, || derive(&missed));
        assert_eq!(state, CallbackState::Failed);
        let reason = reason.unwrap();
        assert!(reason.starts_with("No answer: 1111 Call not answered"), "{reason}");
    }

    #[test]
    fn a_failed_callback_gives_the_end_code_in_russian_to_a_russian_reader() {
        let missed =
            CallbackRecord { call_outcome: Some(CallOutcome::NoAnswer), call_reason: Some(1111), ..record() };
        let reason = app::i18n::in_lang(app::i18n::Lang::Ru, || derive(&missed).1.unwrap());
        assert!(reason.contains("1111 Вызов не получил ответа"), "{reason}");
    }

    #[test]
    fn sending_states_come_first() {
        app::i18n::in_lang(app::i18n::Lang::En, sending_states_come_first_in_english);
        let lost = CallbackRecord { send_state: SendState::Unknown, ..record() };
        let russian = app::i18n::in_lang(app::i18n::Lang::Ru, || derive(&lost).1.unwrap());
        assert!(russian.starts_with("Автоперезвон отправлен"), "{russian}");
    }

    fn sending_states_come_first_in_english() {
        let refused = CallbackRecord {
            send_state: SendState::Refused,
            refusal: Some("3300 …".into()),
            call_outcome: Some(CallOutcome::Talked),
            ..record()
        };
        assert_eq!(derive(&refused), (CallbackState::Refused, Some("3300 …".into())));
        let lost = CallbackRecord { send_state: SendState::Unknown, ..record() };
        assert_eq!(derive(&lost), (CallbackState::Unknown, Some(LOST_ANSWER.into())));
        let plain = CallbackRecord { auto_call: false, auto_call_task_id: None, ..record() };
        assert_eq!(derive(&plain), (CallbackState::TaskOnly, None));
        let no_id = CallbackRecord { auto_call_task_id: None, ..record() };
        assert_eq!(derive(&no_id).0, CallbackState::TaskOnly);
        assert!(derive(&no_id).1.unwrap().contains("auto_call_task_id"));
    }
}
