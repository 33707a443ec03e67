//! The value sets of `campaign/add` (manual 3.8.4.1), each with words a person understands.
//! The form offers exactly these, the browser and the server both check them, and the
//! server sends the raw values to MANGO.

use serde::{Deserialize, Serialize};

use crate::i18n::{t, Lang};

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
            Priority::Important => t().campaigns.options.priority_important,
            Priority::Normal => t().campaigns.options.priority_normal,
            Priority::Low => t().campaigns.options.priority_low,
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
            DialMode::Simultaneous => t().campaigns.options.dial_simultaneous,
            DialMode::OperatorFirst => t().campaigns.options.dial_operator_first,
            DialMode::ClientFirst => t().campaigns.options.dial_client_first,
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

/// One allowed value of a numeric setting, with its words in English (`label`) and Russian
/// (`ru`). They live here beside the value, not in the text tables: each value set is one
/// manual list, and a value without words in both languages does not compile.
#[derive(Clone, Copy, Debug, PartialEq)]
pub struct Choice {
    pub value: u32,
    pub label: &'static str,
    pub ru: &'static str,
}

impl Choice {
    /// The words in the current language.
    pub fn text(&self) -> &'static str {
        match crate::i18n::current() {
            Lang::Ru => self.ru,
            Lang::En => self.label,
        }
    }
}

const fn c(value: u32, label: &'static str, ru: &'static str) -> Choice {
    Choice { value, label, ru }
}

/// Manual 3.8.4.1 `max_redial_count_if_busy`, `…_if_no_answ`, `…_if_number_not_avail`: [1, 3, 5, 10].
pub const REDIAL_COUNTS: &[Choice] = &[
    c(1, "1 attempt", "1 попытка"),
    c(3, "3 attempts", "3 попытки"),
    c(5, "5 attempts", "5 попыток"),
    c(10, "10 attempts", "10 попыток"),
];

/// Manual 3.8.4.1 `max_wait_time`: [10, 20, 30, 60] seconds.
pub const ANSWER_WAITS: &[Choice] = &[
    c(10, "10 seconds", "10 секунд"),
    c(20, "20 seconds", "20 секунд"),
    c(30, "30 seconds", "30 секунд"),
    c(60, "1 minute", "1 минута"),
];

/// Manual 3.8.4.1 `additional_calls_coefficient`: [0.1, 0.5, 0.7, 1, 1.5, 2, 3, 5], kept
/// here in tenths so the value set compares exactly.
pub const CALL_COEFFICIENTS_TENTHS: &[Choice] = &[
    c(1, "0.1 — one call per ten free operators", "0,1 — один звонок на десять свободных операторов"),
    c(5, "0.5 — one call per two free operators", "0,5 — один звонок на двух свободных операторов"),
    c(7, "0.7", "0,7"),
    c(10, "1 — one call per free operator", "1 — один звонок на свободного оператора"),
    c(15, "1.5", "1,5"),
    c(20, "2 — two calls per free operator", "2 — два звонка на свободного оператора"),
    c(30, "3", "3"),
    c(50, "5 — five calls per free operator", "5 — пять звонков на свободного оператора"),
];

/// Manual 3.8.4.1 `wait_time_if_busy`: [60, 300, 900, 3600] seconds.
pub const WAITS_IF_BUSY: &[Choice] = &[
    c(60, "1 minute", "1 минута"),
    c(300, "5 minutes", "5 минут"),
    c(900, "15 minutes", "15 минут"),
    c(3600, "1 hour", "1 час"),
];

/// Manual 3.8.4.1 `wait_time_if_no_answ`: [3600, 10800, 43200, 86400] seconds.
pub const WAITS_IF_NO_ANSWER: &[Choice] = &[
    c(3600, "1 hour", "1 час"),
    c(10800, "3 hours", "3 часа"),
    c(43200, "12 hours", "12 часов"),
    c(86400, "1 day", "1 день"),
];

/// Manual 3.8.4.1 `wait_time_if_number_not_avail`: [3600, 10800, 43200, 86400, 0 = do not redial].
pub const WAITS_IF_UNAVAILABLE: &[Choice] = &[
    c(0, "Do not call again", "Не перезванивать"),
    c(3600, "1 hour", "1 час"),
    c(10800, "3 hours", "3 часа"),
    c(43200, "12 hours", "12 часов"),
    c(86400, "1 day", "1 день"),
];

/// Manual 3.8.4.1 `after_call_processing`: [0, 10, 30, 60, 120, 300, 900] seconds.
pub const AFTER_CALL_PAUSES: &[Choice] = &[
    c(0, "No pause", "Без паузы"),
    c(10, "10 seconds", "10 секунд"),
    c(30, "30 seconds", "30 секунд"),
    c(60, "1 minute", "1 минута"),
    c(120, "2 minutes", "2 минуты"),
    c(300, "5 minutes", "5 минут"),
    c(900, "15 minutes", "15 минут"),
];

/// The words for `value` in `choices`, or the bare number.
pub fn label_of(choices: &[Choice], value: u32) -> String {
    choices
        .iter()
        .find(|choice| choice.value == value)
        .map(|choice| choice.text().to_string())
        .unwrap_or_else(|| value.to_string())
}

pub fn allowed(choices: &[Choice], value: u32) -> bool {
    choices.iter().any(|choice| choice.value == value)
}

/// "0.1", "1", "1.5" from tenths; Russian writes a decimal comma: "0,1", "1,5".
pub fn coefficient_text(tenths: u32) -> String {
    if tenths.is_multiple_of(10) {
        (tenths / 10).to_string()
    } else {
        let mark = if crate::i18n::current() == Lang::Ru { ',' } else { '.' };
        format!("{}{mark}{}", tenths / 10, tenths % 10)
    }
}
