//! Which calls are a lead's and what they came to: the one place that decides it, for the
//! results, their exports, and a bulk callback request that selects leads by outcome (through
//! the results filter). The board counts calls, not leads, and reads each call's outcome as
//! stored ([`CallRow::outcome`], decided once when its events are folded).

use std::collections::HashMap;

use app::api::board::CallOutcome;

use crate::db::events::CallRow;
use crate::mango::codes;

/// MANGO's end code of a call with the catalog's words (seed 000), as the board, the results
/// and a callback's reason show it: "1121 Remote side answered \"busy\"".
pub fn end_code_words(code: i64) -> String {
    format!("{code} {}", u32::try_from(code).ok().map(codes::describe_en).unwrap_or("unknown code"))
}

/// A campaign's calls by the two ways a call names its lead: MANGO's task id once linked
/// (`db::events::link_task`), and the number (both sides in the form lead lists store; manual
/// 3.8.3 writes `+7…`, the receiver stores it as lead lists do).
pub struct CallsByLead<'a> {
    by_number: HashMap<&'a str, Vec<&'a CallRow>>,
    by_task: HashMap<i64, Vec<&'a CallRow>>,
}

impl<'a> CallsByLead<'a> {
    pub fn new(calls: &'a [CallRow]) -> CallsByLead<'a> {
        let mut by_number: HashMap<&str, Vec<&CallRow>> = HashMap::new();
        let mut by_task: HashMap<i64, Vec<&CallRow>> = HashMap::new();
        for call in calls {
            if let Some(number) = call.number.as_deref() {
                by_number.entry(number).or_default().push(call);
            }
            if let Some(task) = call.mango_task_id {
                by_task.entry(task).or_default().push(call);
            }
        }
        CallsByLead { by_number, by_task }
    }

    /// The calls of the lead with this number and (once linked) MANGO task id.
    pub fn of(&self, number: &str, mango_task_id: Option<i64>) -> LeadCalls<'a> {
        let mut calls: Vec<&CallRow> = self.by_number.get(number).cloned().unwrap_or_default();
        calls.extend(mango_task_id.and_then(|t| self.by_task.get(&t)).into_iter().flatten());
        LeadCalls::new(calls)
    }
}

/// One lead's calls, oldest first (by when they appeared, then by key), each once.
pub struct LeadCalls<'a>(Vec<&'a CallRow>);

impl<'a> LeadCalls<'a> {
    pub fn new(mut calls: Vec<&'a CallRow>) -> LeadCalls<'a> {
        calls.sort_by(|a, b| (a.appeared_at, &a.call_key).cmp(&(b.appeared_at, &b.call_key)));
        calls.dedup_by(|a, b| a.call_key == b.call_key);
        LeadCalls(calls)
    }

    pub fn all(&self) -> &[&'a CallRow] {
        &self.0
    }

    pub fn attempts(&self) -> i64 {
        self.0.len() as i64
    }

    pub fn first(&self) -> Option<&'a CallRow> {
        self.0.first().copied()
    }

    pub fn latest(&self) -> Option<&'a CallRow> {
        self.0.last().copied()
    }

    /// The lead's outcome: what its latest call came to; `None` before its first call.
    pub fn outcome(&self) -> Option<CallOutcome> {
        self.latest().map(|call| call.outcome)
    }

    /// Whether any of its calls became a conversation (an earlier one may have, a later
    /// attempt not).
    pub fn ever_talked(&self) -> bool {
        self.0.iter().any(|call| call.outcome == CallOutcome::Talked)
    }

    pub fn talk_seconds(&self) -> i64 {
        self.0.iter().map(|call| call.talk_seconds.unwrap_or(0)).sum()
    }

    /// The extension of the operator of its latest call that had one.
    pub fn last_operator(&self) -> Option<&'a str> {
        self.0.iter().rev().find_map(|call| call.operator_extension.as_deref())
    }
}

#[cfg(test)]
pub(crate) mod tests {
    use super::*;

    /// A finished call of campaign 7 as the receiver stores it.
    pub(crate) fn call(key: &str, number: &str, appeared_at: i64, outcome: CallOutcome) -> CallRow {
        CallRow {
            call_key: key.into(),
            entry_id: key.into(),
            mango_task_id: None,
            mango_campaign_id: Some(7),
            initiator: None,
            number: Some(number.into()),
            operator_extension: None,
            state: "disconnected".into(),
            last_seq: 1,
            appeared_at: Some(appeared_at),
            connected_at: None,
            ended_at: Some(appeared_at + 30),
            disconnect_reason: None,
            talk_seconds: None,
            talked: None,
            outcome,
            updated_at: 0,
        }
    }

    #[test]
    fn a_leads_outcome_is_its_latest_calls_found_by_number_or_task() {
        let calls = [
            call("b", "79160000001", 200, CallOutcome::Busy),
            // No number in its events, but MANGO's task id of the lead.
            CallRow { number: None, mango_task_id: Some(55), ..call("c", "", 300, CallOutcome::NoAnswer) },
            CallRow { talk_seconds: Some(40), ..call("a", "79160000001", 100, CallOutcome::Talked) },
            call("z", "79160000002", 50, CallOutcome::Talked),
        ];
        let index = CallsByLead::new(&calls);
        let lead = index.of("79160000001", Some(55));
        let keys: Vec<&str> = lead.all().iter().map(|c| c.call_key.as_str()).collect();
        assert_eq!(keys, ["a", "b", "c"], "oldest first, the other lead's call not among them");
        assert_eq!(lead.outcome(), Some(CallOutcome::NoAnswer));
        assert!(lead.ever_talked());
        assert_eq!((lead.attempts(), lead.talk_seconds()), (3, 40));
        // Before the task is linked, only the number finds its calls.
        assert_eq!(index.of("79160000001", None).outcome(), Some(CallOutcome::Busy));
        assert_eq!(index.of("79160000009", None).outcome(), None, "never called");
    }

    #[test]
    fn a_call_found_both_ways_counts_once() {
        let calls = [CallRow { mango_task_id: Some(55), ..call("a", "79160000001", 100, CallOutcome::Busy) }];
        let lead = CallsByLead::new(&calls).of("79160000001", Some(55));
        assert_eq!(lead.attempts(), 1);
    }
}
