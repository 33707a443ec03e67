//! One call (an `entry_id` group, manual 3.1.1) as its events describe it. The record is a pure
//! function of the *set* of events received: they are ordered by `seq` per leg (manual 3.1.1:
//! "order them, or ignore a new event with a smaller seq"), so any arrival order and any
//! redelivery give the same record.

use std::collections::BTreeMap;

use app::api::board::CallOutcome;

use super::events::{CallEvent, CallState, SummaryEvent};
use crate::mango::status::call_outcome;

#[derive(Clone, Debug, PartialEq, Eq)]
pub struct CallRecord {
    pub entry_id: String,
    pub mango_task_id: Option<i64>,
    pub mango_campaign_id: Option<i64>,
    pub initiator: Option<String>,
    /// The client's number: the called side of the leg no operator is on.
    pub number: Option<String>,
    pub operator_extension: Option<String>,
    /// Disconnected once every leg is; Connected while any leg talks; else Appeared.
    pub state: CallState,
    pub last_seq: i64,
    pub appeared_at: Option<i64>,
    pub connected_at: Option<i64>,
    pub ended_at: Option<i64>,
    pub disconnect_reason: Option<i64>,
    pub talk_seconds: Option<i64>,
    pub talked: Option<bool>,
    pub outcome: CallOutcome,
}

/// Builds the record from every event of the group (in any order, duplicates allowed) and its
/// summary if it arrived. None without any call event.
pub fn derive(events: &[CallEvent], summary: Option<&SummaryEvent>) -> Option<CallRecord> {
    let first = events.first()?;
    // Per leg, its events in seq order (ties by state, then by time: deterministic).
    let mut legs: BTreeMap<&str, Vec<&CallEvent>> = BTreeMap::new();
    for event in events {
        legs.entry(event.call_id.as_str()).or_default().push(event);
    }
    for leg in legs.values_mut() {
        leg.sort_by(|a, b| {
            (a.seq, a.state(), a.timestamp, &a.call_state).cmp(&(
                b.seq,
                b.state(),
                b.timestamp,
                &b.call_state,
            ))
        });
        leg.dedup();
    }
    let ordered: Vec<&CallEvent> = legs.values().flat_map(|leg| leg.iter().copied()).collect();
    let first_some = |f: &dyn Fn(&CallEvent) -> Option<String>| ordered.iter().find_map(|e| f(e));
    let last_states: Vec<CallState> =
        legs.values().map(|leg| leg.last().map(|e| e.state()).unwrap_or(CallState::Other)).collect();
    let state = if last_states.iter().all(|s| *s == CallState::Disconnected) {
        CallState::Disconnected
    } else if last_states.iter().any(|s| matches!(s, CallState::Connected | CallState::OnHold)) {
        CallState::Connected
    } else {
        CallState::Appeared
    };
    let connected_at =
        ordered.iter().filter(|e| e.state() == CallState::Connected).map(|e| e.timestamp).min();
    let leg_ends: Vec<&CallEvent> = legs
        .values()
        .filter_map(|leg| leg.iter().rev().find(|e| e.state() == CallState::Disconnected).copied())
        .collect();
    let last_end = leg_ends.iter().max_by_key(|e| (e.timestamp, e.seq, e.call_id.clone())).copied();
    let ended = state == CallState::Disconnected || summary.is_some();
    let disconnect_reason =
        summary.and_then(|s| s.disconnect_reason).or_else(|| last_end.and_then(|e| e.disconnect_reason));
    let ended_at = summary
        .and_then(|s| s.end_time)
        .filter(|t| *t > 0)
        .or_else(|| ended.then(|| last_end.map(|e| e.timestamp)).flatten());
    // A conversation took place when the summary shows talk time, or an operator (a `to` with
    // an extension) answered a leg. `entry_result` alone is not enough: manual 3.1.5's second
    // example has `"entry_result": 1` with `"talk_time": 0`.
    let operator_answered =
        ordered.iter().any(|e| e.state() == CallState::Connected && e.to.extension.is_some());
    let talked = summary.map(|s| s.talk_time.is_some_and(|t| t > 0) || operator_answered);
    let talk_seconds = summary.map(|s| match (s.talk_time, s.end_time) {
        (Some(talk), Some(end)) if talk > 0 && end >= talk => end - talk,
        _ => 0,
    });
    let number = ordered
        .iter()
        .find_map(|e| e.to.number.clone().filter(|_| e.to.extension.is_none()))
        .or_else(|| first_some(&|e| e.to.number.clone()))
        .map(|n| comparable_number(&n));
    Some(CallRecord {
        entry_id: first.entry_id.clone(),
        mango_task_id: ordered.iter().find_map(|e| e.task_id),
        mango_campaign_id: ordered.iter().find_map(|e| e.campaign_id),
        initiator: first_some(&|e| e.callback_initiator.clone()),
        number,
        operator_extension: first_some(&|e| e.from.extension.clone().or_else(|| e.to.extension.clone())),
        state,
        last_seq: ordered.iter().map(|e| e.seq).max().unwrap_or(0),
        appeared_at: ordered.iter().map(|e| e.timestamp).min(),
        connected_at,
        ended_at,
        disconnect_reason,
        talk_seconds,
        talked,
        outcome: call_outcome(ended, talked, connected_at.is_some(), disconnect_reason),
    })
}

/// A number as MANGO writes it (`"+74995530896"` in manual 3.8.3, `8…`, spaces) in the form
/// lead lists store (`74995530896`), so the two compare equal. SIP addresses stay as written;
/// what the phone rules cannot read keeps its digits, with a Russian trunk `8` as `7`.
pub fn comparable_number(raw: &str) -> String {
    let text = raw.trim();
    if text.len() >= 4 && text[..4].eq_ignore_ascii_case("sip:") {
        return text.to_string();
    }
    if let Ok(number) = crate::leads::phone::normalize(text, phonenumber::country::Id::RU) {
        return number;
    }
    let digits: String = text.chars().filter(char::is_ascii_digit).collect();
    match digits.strip_prefix('8') {
        Some(rest) if digits.len() == 11 && !text.starts_with('+') => format!("7{rest}"),
        _ if digits.is_empty() => text.to_string(),
        _ => digits,
    }
}

#[cfg(test)]
mod tests {
    use super::*;
    use proptest::prelude::*;
    use serde_json::json;

    fn event(seq: i64, state: &str, at: i64, reason: Option<i64>) -> CallEvent {
        let mut value = json!({
            "entry_id": "MToxMDAw", "call_id": "leg-1", "timestamp": at.to_string(), "seq": seq, "call_state": state,
            "from": {"number": "74951234567", "extension": "101"}, "to": {"number": "79161234567"},
            "task_id": "5001", "campaign_id": 17, "callback_initiator": "ObDial"
        });
        if let Some(reason) = reason {
            value["disconnect_reason"] = json!(reason.to_string());
        }
        serde_json::from_value(value).unwrap()
    }

    fn talked_call() -> (Vec<CallEvent>, SummaryEvent) {
        let events = vec![
            event(1, "Appeared", 1000, None),
            event(2, "Connected", 1010, None),
            event(3, "OnHold", 1050, None),
            event(4, "Connected", 1060, None),
            event(5, "Disconnected", 1100, Some(1110)),
        ];
        let summary = serde_json::from_value(json!({
            "entry_id": "MToxMDAw", "call_direction": "2", "create_time": 1000, "talk_time": 1010, "end_time": 1100,
            "entry_result": 1, "disconnect_reason": 1110
        }))
        .unwrap();
        (events, summary)
    }

    #[test]
    fn a_talked_call_in_order() {
        let (events, summary) = talked_call();
        let record = derive(&events, Some(&summary)).unwrap();
        assert_eq!(record.state, CallState::Disconnected);
        assert_eq!(record.outcome, CallOutcome::Talked);
        assert_eq!(
            (record.talk_seconds, record.appeared_at, record.connected_at, record.ended_at),
            (Some(90), Some(1000), Some(1010), Some(1100))
        );
        assert_eq!((record.mango_task_id, record.mango_campaign_id), (Some(5001), Some(17)));
        assert_eq!(record.number.as_deref(), Some("79161234567"));
        assert_eq!(record.operator_extension.as_deref(), Some("101"));
        let live = derive(&events[..2], None).unwrap();
        assert_eq!((live.state, live.outcome), (CallState::Connected, CallOutcome::InProgress));
    }

    #[test]
    fn an_older_seq_never_overwrites_a_newer_state() {
        let (events, _) = talked_call();
        let late_appeared = vec![events[4].clone(), events[0].clone()];
        let record = derive(&late_appeared, None).unwrap();
        assert_eq!(record.state, CallState::Disconnected);
    }

    fn manual_summary(line: u64) -> SummaryEvent {
        let fixture: serde_json::Value =
            serde_json::from_str(include_str!("../../../../tests/fixtures/manual-events.json")).unwrap();
        let example = fixture["examples"]
            .as_array()
            .unwrap()
            .iter()
            .find(|e| e["manual_line"] == line)
            .unwrap()
            .clone();
        serde_json::from_str(example["json"].as_str().unwrap()).unwrap()
    }

    /// Manual 3.1.5, second example: `"talk_time": 0` with `"entry_result": 1` is no talk.
    #[test]
    fn entry_result_alone_is_not_a_conversation() {
        let summary = manual_summary(782);
        assert_eq!((summary.entry_result, summary.talk_time), (Some(1), Some(0)));
        let (events, _) = talked_call();
        let record = derive(&events, Some(&summary)).unwrap();
        assert_eq!(record.talked, Some(false));
        assert_ne!(record.outcome, CallOutcome::Talked, "{record:?}");
        // The first example talked (talk_time set).
        let talked = derive(&events, Some(&manual_summary(756))).unwrap();
        assert_eq!((talked.talked, talked.outcome), (Some(true), CallOutcome::Talked));
        // No talk time, but an operator answered a leg: a conversation.
        let mut to_operator = events.clone();
        to_operator[1].to.extension = Some("29".into());
        let record = derive(&to_operator, Some(&summary)).unwrap();
        assert_eq!(record.outcome, CallOutcome::Talked);
    }

    /// An unlisted end code ends like its class (seed 000's rule): an unknown 112x as 1120,
    /// 113x as 1130, while a flat class's unlisted code does not borrow a neighbour's meaning.
    #[test]
    fn an_unknown_end_code_ends_like_its_class() {
        let ended = |reason: i64, connected: bool| {
            let mut events = vec![event(1, "Appeared", 1000, None)];
            if connected {
                events.push(event(2, "Connected", 1005, None));
            }
            events.push(event(3, "Disconnected", 1010, Some(reason)));
            derive(&events, None).unwrap().outcome
        };
        for connected in [false, true] {
            assert_eq!(ended(1126, connected), ended(1120, connected), "112x, connected {connected}");
            assert_eq!(ended(1137, connected), ended(1130, connected), "113x");
            assert_eq!(ended(1199, connected), ended(1190, connected), "119x");
        }
        assert_eq!(ended(1126, true), CallOutcome::Talked);
        assert_eq!(ended(1137, false), CallOutcome::Unavailable);
        assert_eq!(ended(1168, false), CallOutcome::OperatorSide);
    }

    #[test]
    fn mango_numbers_compare_with_ours() {
        // Manual 3.8.3's example number, and the spellings events use.
        assert_eq!(comparable_number("+74995530896"), "74995530896");
        assert_eq!(comparable_number("74995530896"), "74995530896");
        assert_eq!(comparable_number("84995530896"), "74995530896");
        assert_eq!(comparable_number("8 (916) 123-45-67"), "79161234567");
        assert_eq!(comparable_number("sip:user00000@tech.mangosip.ru"), "sip:user00000@tech.mangosip.ru");
        assert_eq!(comparable_number("12345678"), "12345678", "a short internal number keeps its digits");
        let record = derive(
            &[serde_json::from_value(json!({
                "entry_id": "e", "call_id": "c", "timestamp": 1, "seq": 1, "call_state": "Appeared",
                "to": {"number": "+79161234567"}
            }))
            .unwrap()],
            None,
        )
        .unwrap();
        assert_eq!(record.number.as_deref(), Some("79161234567"));
    }

    proptest! {
        /// Any permutation and duplication of a call's events (and the summary arriving or
        /// not) gives the record of the events in order.
        #[test]
        fn order_and_repeats_do_not_matter(
            order in Just((0..5usize).collect::<Vec<_>>()).prop_shuffle(),
            repeats in prop::collection::vec(0..5usize, 0..6),
            with_summary in any::<bool>(),
        ) {
            let (events, summary) = talked_call();
            let summary = with_summary.then_some(&summary);
            let expected = derive(&events, summary);
            let mut delivered: Vec<CallEvent> = order.iter().map(|i| events[*i].clone()).collect();
            for i in repeats {
                let at = i % (delivered.len() + 1);
                delivered.insert(at, events[i].clone());
            }
            prop_assert_eq!(derive(&delivered, summary), expected);
        }
    }
}
