//! Which calls are a lead's and what they came to: the one place that decides it, for the
//! results, their exports, and a bulk callback request that selects leads by outcome (through
//! the results filter). The board counts calls, not leads, and reads each call's outcome as
//! stored ([`CallRow::outcome`], decided once when its events are folded).

use std::collections::HashMap;

use app::api::board::CallOutcome;

use crate::db::events::CallRow;
use crate::mango::codes;

/// MANGO's end code of a call with the catalog's words (seed 000) in the reader's language,
/// as the board, the results and a callback's reason show it: "1121 Remote side answered
/// \"busy\"", «1121 Получен ответ "занято" от удаленной стороны».
pub fn end_code_words(code: i64) -> String {
    let words = u32::try_from(code).ok().map(codes::describe).unwrap_or(app::i18n::t().board.unknown_code);
    format!("{code} {words}")
}

/// A campaign's calls by the lead they were for ([`CallRow::task_id`], decided once when
/// each call is stored: by MANGO's task id, or by the number before that is known).
pub struct CallsByLead<'a> {
    by_lead: HashMap<i64, Vec<&'a CallRow>>,
}

impl<'a> CallsByLead<'a> {
    pub fn new(calls: &'a [CallRow]) -> CallsByLead<'a> {
        let mut by_lead: HashMap<i64, Vec<&CallRow>> = HashMap::new();
        for call in calls {
            if let Some(lead) = call.task_id {
                by_lead.entry(lead).or_default().push(call);
            }
        }
        CallsByLead { by_lead }
    }

    /// The calls of the lead with our task id `lead`.
    pub fn of(&self, lead: i64) -> LeadCalls<'a> {
        LeadCalls::new(self.by_lead.get(&lead).cloned().unwrap_or_default())
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
            task_id: None,
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
    fn a_leads_outcome_is_its_latest_call() {
        let calls = [
            CallRow { task_id: Some(1), ..call("b", "79160000001", 200, CallOutcome::Busy) },
            // No number in its events: stored with its lead found by MANGO's task id.
            CallRow {
                task_id: Some(1),
                number: None,
                mango_task_id: Some(55),
                ..call("c", "", 300, CallOutcome::NoAnswer)
            },
            CallRow {
                task_id: Some(1),
                talk_seconds: Some(40),
                ..call("a", "79160000001", 100, CallOutcome::Talked)
            },
            CallRow { task_id: Some(2), ..call("z", "79160000002", 50, CallOutcome::Talked) },
            // A call of no lead of ours (another campaign's number) belongs to nobody.
            call("x", "79160000001", 400, CallOutcome::Failed),
        ];
        let index = CallsByLead::new(&calls);
        let lead = index.of(1);
        let keys: Vec<&str> = lead.all().iter().map(|c| c.call_key.as_str()).collect();
        assert_eq!(keys, ["a", "b", "c"], "oldest first, the other leads' calls not among them");
        assert_eq!(lead.outcome(), Some(CallOutcome::NoAnswer));
        assert!(lead.ever_talked());
        assert_eq!((lead.attempts(), lead.talk_seconds()), (3, 40));
        assert_eq!(index.of(9).outcome(), None, "never called");
    }

    #[test]
    fn a_call_stored_twice_counts_once() {
        let once = CallRow { task_id: Some(1), ..call("a", "79160000001", 100, CallOutcome::Busy) };
        let calls = [once.clone(), once];
        assert_eq!(CallsByLead::new(&calls).of(1).attempts(), 1);
    }
}
