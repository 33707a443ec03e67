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
    let talked = summary.and_then(|s| s.entry_result).map(|r| r == 1);
    let talk_seconds = match summary {
        Some(s) => Some(match (s.talk_time, s.end_time) {
            (Some(talk), Some(end)) if talk > 0 && end >= talk => end - talk,
            _ => 0,
        }),
        None => None,
    };
    let number = ordered
        .iter()
        .find_map(|e| e.to.number.clone().filter(|_| e.to.extension.is_none()))
        .or_else(|| first_some(&|e| e.to.number.clone()));
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
