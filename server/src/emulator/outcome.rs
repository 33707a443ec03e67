//! What can happen to one campaign call, and how MANGO reports each outcome.

use rand::Rng;

#[derive(Clone, Copy, Debug, PartialEq, Eq, Hash)]
pub enum Outcome {
    Talked,
    Busy,
    NoAnswer,
    Unavailable,
    NumberDoesNotExist,
    OperatorNoAnswer,
    OperatorGaveUp,
}

/// A realistic mix for cold outbound calling in Russia (per 1000 calls).
const WEIGHTS: &[(Outcome, u32)] = &[
    (Outcome::Talked, 420),
    (Outcome::Busy, 140),
    (Outcome::NoAnswer, 230),
    (Outcome::Unavailable, 90),
    (Outcome::NumberDoesNotExist, 50),
    (Outcome::OperatorNoAnswer, 40),
    (Outcome::OperatorGaveUp, 30),
];

impl Outcome {
    pub fn draw(rng: &mut impl Rng) -> Outcome {
        let total: u32 = WEIGHTS.iter().map(|(_, w)| w).sum();
        let mut pick = rng.gen_range(0..total);
        for (outcome, weight) in WEIGHTS {
            if pick < *weight {
                return *outcome;
            }
            pick -= weight;
        }
        Outcome::NoAnswer
    }

    /// The task's `status_reason` (manual 3.8.3).
    pub fn task_reason(self) -> i64 {
        match self {
            Outcome::Talked => 1,
            Outcome::Busy => 2,
            Outcome::NoAnswer => 3,
            Outcome::Unavailable => 4,
            Outcome::OperatorNoAnswer => 6,
            Outcome::NumberDoesNotExist => 8,
            Outcome::OperatorGaveUp => 10,
        }
    }

    /// The call's `disconnect_reason` (result codes, seed 000).
    pub fn disconnect_reason(self, client_hung_up: bool) -> i64 {
        match self {
            // 1120 ended by the called party, 1110 by the caller.
            Outcome::Talked if client_hung_up => 1120,
            Outcome::Talked => 1110,
            Outcome::Busy => 1121,
            Outcome::NoAnswer | Outcome::OperatorNoAnswer => 1111,
            Outcome::Unavailable => 1131,
            Outcome::NumberDoesNotExist => 1133,
            Outcome::OperatorGaveUp => 1110,
        }
    }

    pub fn client_answers(self) -> bool {
        matches!(self, Outcome::Talked | Outcome::OperatorNoAnswer)
    }

    pub fn talked(self) -> bool {
        self == Outcome::Talked
    }

    /// Seconds of ringing before the outcome is known.
    pub fn ring_seconds(self, rng: &mut impl Rng, answer_wait: i64) -> i64 {
        match self {
            Outcome::NoAnswer | Outcome::OperatorGaveUp => answer_wait,
            Outcome::Busy | Outcome::NumberDoesNotExist | Outcome::Unavailable => rng.gen_range(2..6),
            Outcome::Talked | Outcome::OperatorNoAnswer => rng.gen_range(4..(answer_wait.max(6))),
        }
    }
}

/// How the redial rules (manual 3.8.4.1) treat an outcome.
#[derive(Clone, Copy, Debug, PartialEq, Eq)]
pub enum RedialClass {
    /// The task is done.
    Final,
    Busy,
    NoAnswer,
    NotAvailable,
    /// Not the client's fault: tried again soon, a bounded number of times.
    OperatorSide,
}

impl Outcome {
    pub fn redial_class(self) -> RedialClass {
        match self {
            Outcome::Talked | Outcome::NumberDoesNotExist => RedialClass::Final,
            Outcome::Busy => RedialClass::Busy,
            Outcome::NoAnswer => RedialClass::NoAnswer,
            Outcome::Unavailable => RedialClass::NotAvailable,
            Outcome::OperatorNoAnswer | Outcome::OperatorGaveUp => RedialClass::OperatorSide,
        }
    }
}

#[cfg(test)]
mod tests {
    use super::*;
    use rand::SeedableRng;

    #[test]
    fn the_mix_is_realistic_and_complete() {
        let mut rng = rand::rngs::StdRng::seed_from_u64(1);
        let mut counts = std::collections::HashMap::new();
        for _ in 0..10_000 {
            *counts.entry(Outcome::draw(&mut rng)).or_insert(0) += 1;
        }
        assert_eq!(counts.len(), WEIGHTS.len(), "every outcome happens");
        let talked = counts[&Outcome::Talked] as f64 / 10_000.0;
        assert!((0.38..0.46).contains(&talked), "{talked}");
    }
}
