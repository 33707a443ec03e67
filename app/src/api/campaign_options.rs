//! The value sets of `campaign/add` (manual 3.8.4.1), each with words a person understands.
//! The form offers exactly these, the browser and the server both check them, and the
//! server sends the raw values to MANGO.

use serde::{Deserialize, Serialize};

/// Manual 3.8.4.1 `name`: at most 70 characters.
pub const NAME_MAX_CHARS: usize = 70;

/// Manual 3.8.4.1 `priority`: 1 important, 2 normal (MANGO's default), 3 low.
#[derive(Clone, Copy, Debug, Default, PartialEq, Eq, Hash, Serialize, Deserialize)]
pub enum Priority {
    Important,
    #[default]
    Normal,
    Low,
}

impl Priority {
    pub const ALL: [Priority; 3] = [Priority::Important, Priority::Normal, Priority::Low];

    pub fn label(self) -> &'static str {
        match self {
            Priority::Important => "Important — dialled before other campaigns",
            Priority::Normal => "Normal",
            Priority::Low => "Low — dialled when nothing more important waits",
        }
    }

    pub fn key(self) -> &'static str {
        match self {
            Priority::Important => "important",
            Priority::Normal => "normal",
            Priority::Low => "low",
        }
    }

    pub fn from_key(key: &str) -> Option<Priority> {
        Priority::ALL.into_iter().find(|p| p.key() == key)
    }
}

/// Manual 3.8.4.1 `dial_mode`: 2 both at once (MANGO's default), 3 operator first, 4 client first.
#[derive(Clone, Copy, Debug, Default, PartialEq, Eq, Hash, Serialize, Deserialize)]
pub enum DialMode {
    #[default]
    Simultaneous,
    OperatorFirst,
    ClientFirst,
}

impl DialMode {
    pub const ALL: [DialMode; 3] = [DialMode::Simultaneous, DialMode::OperatorFirst, DialMode::ClientFirst];

    pub fn label(self) -> &'static str {
        match self {
            DialMode::Simultaneous => "Operator and client at the same time",
            DialMode::OperatorFirst => "Operator first, then the client",
            DialMode::ClientFirst => "Client first, then a free operator",
        }
    }

    pub fn key(self) -> &'static str {
        match self {
            DialMode::Simultaneous => "simultaneous",
            DialMode::OperatorFirst => "operator_first",
            DialMode::ClientFirst => "client_first",
        }
    }

    pub fn from_key(key: &str) -> Option<DialMode> {
        DialMode::ALL.into_iter().find(|m| m.key() == key)
    }
}

/// One allowed value of a numeric setting, with its words.
#[derive(Clone, Copy, Debug, PartialEq)]
pub struct Choice {
    pub value: u32,
    pub label: &'static str,
}

const fn c(value: u32, label: &'static str) -> Choice {
    Choice { value, label }
}

/// Manual 3.8.4.1 `max_redial_count_if_busy`, `…_if_no_answ`, `…_if_number_not_avail`: [1, 3, 5, 10].
pub const REDIAL_COUNTS: &[Choice] =
    &[c(1, "1 attempt"), c(3, "3 attempts"), c(5, "5 attempts"), c(10, "10 attempts")];

/// Manual 3.8.4.1 `max_wait_time`: [10, 20, 30, 60] seconds.
pub const ANSWER_WAITS: &[Choice] =
    &[c(10, "10 seconds"), c(20, "20 seconds"), c(30, "30 seconds"), c(60, "1 minute")];

/// Manual 3.8.4.1 `additional_calls_coefficient`: [0.1, 0.5, 0.7, 1, 1.5, 2, 3, 5], kept
/// here in tenths so the value set compares exactly.
pub const CALL_COEFFICIENTS_TENTHS: &[Choice] = &[
    c(1, "0.1 — one call per ten free operators"),
    c(5, "0.5 — one call per two free operators"),
    c(7, "0.7"),
    c(10, "1 — one call per free operator"),
    c(15, "1.5"),
    c(20, "2 — two calls per free operator"),
    c(30, "3"),
    c(50, "5 — five calls per free operator"),
];

/// Manual 3.8.4.1 `wait_time_if_busy`: [60, 300, 900, 3600] seconds.
pub const WAITS_IF_BUSY: &[Choice] =
    &[c(60, "1 minute"), c(300, "5 minutes"), c(900, "15 minutes"), c(3600, "1 hour")];

/// Manual 3.8.4.1 `wait_time_if_no_answ`: [3600, 10800, 43200, 86400] seconds.
pub const WAITS_IF_NO_ANSWER: &[Choice] =
    &[c(3600, "1 hour"), c(10800, "3 hours"), c(43200, "12 hours"), c(86400, "1 day")];

/// Manual 3.8.4.1 `wait_time_if_number_not_avail`: [3600, 10800, 43200, 86400, 0 = do not redial].
pub const WAITS_IF_UNAVAILABLE: &[Choice] = &[
    c(0, "Do not call again"),
    c(3600, "1 hour"),
    c(10800, "3 hours"),
    c(43200, "12 hours"),
    c(86400, "1 day"),
];

/// Manual 3.8.4.1 `after_call_processing`: [0, 10, 30, 60, 120, 300, 900] seconds.
pub const AFTER_CALL_PAUSES: &[Choice] = &[
    c(0, "No pause"),
    c(10, "10 seconds"),
    c(30, "30 seconds"),
    c(60, "1 minute"),
    c(120, "2 minutes"),
    c(300, "5 minutes"),
    c(900, "15 minutes"),
];

/// The words for `value` in `choices`, or the bare number.
pub fn label_of(choices: &[Choice], value: u32) -> String {
    choices
        .iter()
        .find(|choice| choice.value == value)
        .map(|choice| choice.label.to_string())
        .unwrap_or_else(|| value.to_string())
}

pub fn allowed(choices: &[Choice], value: u32) -> bool {
    choices.iter().any(|choice| choice.value == value)
}

/// "0.1", "1", "1.5" from tenths.
pub fn coefficient_text(tenths: u32) -> String {
    if tenths.is_multiple_of(10) {
        (tenths / 10).to_string()
    } else {
        format!("{}.{}", tenths / 10, tenths % 10)
    }
}
