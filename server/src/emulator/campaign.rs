//! A campaign as the sandbox keeps it: its validated settings (manual 3.8.4.1) and its
//! status, with the two numberings MANGO answers in.

use chrono::{DateTime, Datelike, NaiveDateTime, Timelike, Utc};
use serde_json::Value;

use super::directory;
use super::fields::{as_int, Checked, Fields};
use super::refusal::Refusal;

/// One weekly window, in UTC minutes since midnight (manual 3.8.4.1 `schedule`).
#[derive(Clone, Copy, Debug, PartialEq, Eq)]
pub struct Window {
    /// 1 = Monday … 7 = Sunday.
    pub weekday: u8,
    pub start_minute: u16,
    pub end_minute: u16,
}

#[derive(Clone, Debug, PartialEq)]
pub struct CampaignSpec {
    pub line_id: i64,
    pub name: String,
    pub created_by: Option<i64>,
    pub priority: i64,
    pub start: Option<NaiveDateTime>,
    pub end: Option<NaiveDateTime>,
    pub schedule: Vec<Window>,
    pub operators: Vec<i64>,
    pub dial_mode: i64,
    pub voice_message_id: Option<i64>,
    pub hold_message_id: Option<i64>,
    pub redial_busy: i64,
    pub redial_no_answer: i64,
    pub redial_not_avail: i64,
    pub answer_wait: i64,
    pub additional_calls_coefficient: f64,
    pub timer_busy: i64,
    pub timer_no_answer: i64,
    pub timer_not_avail: i64,
    pub after_call_processing: i64,
}

// Allowed values, manual 3.8.4.1.
const PRIORITIES: &[i64] = &[1, 2, 3];
const DIAL_MODES: &[i64] = &[2, 3, 4];
const REDIAL_COUNTS: &[i64] = &[1, 3, 5, 10];
const ANSWER_WAITS: &[i64] = &[10, 20, 30, 60];
const COEFFICIENTS: &[f64] = &[0.1, 0.5, 0.7, 1.0, 1.5, 2.0, 3.0, 5.0];
const BUSY_TIMERS: &[i64] = &[60, 300, 900, 3600];
const NO_ANSWER_TIMERS: &[i64] = &[3600, 10800, 43200, 86400];
const NOT_AVAIL_TIMERS: &[i64] = &[3600, 10800, 43200, 86400, 0];
const AFTER_CALL: &[i64] = &[0, 10, 30, 60, 120, 300, 900];
pub const NAME_MAX_CHARS: usize = 70;

/// Reads the first of several names that is present: later editions of the manual (v1.9)
/// rename fields (e.g. `redial_busy` for `max_redial_count_if_busy`); MANGO accepts both.
fn pick<'a>(fields: &Fields, names: &[&'a str]) -> &'a str {
    names.iter().copied().find(|name| fields.has(name)).unwrap_or(names[0])
}

fn hh_mm(field: &str, value: &Value, allow_24: bool) -> Checked<u16> {
    let text = value.as_str().ok_or_else(|| Refusal::format(field, "must be \"HH:MM\""))?;
    let (h, m) =
        text.split_once(':').ok_or_else(|| Refusal::format(field, format!("{text:?} is not \"HH:MM\"")))?;
    let (h, m): (u16, u16) = match (h.parse::<u16>(), m.parse::<u16>()) {
        (Ok(hours), Ok(minutes)) if h.len() == 2 && m.len() == 2 => (hours, minutes),
        _ => return Err(Refusal::format(field, format!("{text:?} is not \"HH:MM\""))),
    };
    let minute = h * 60 + m;
    if m > 59 || minute > 24 * 60 || (minute == 24 * 60 && !allow_24) {
        return Err(Refusal::format(field, format!("{text:?} is not a time of day")));
    }
    Ok(minute)
}

fn parse_schedule(items: &[Value]) -> Checked<Vec<Window>> {
    if items.is_empty() {
        return Err(Refusal::missing("schedule"));
    }
    items
        .iter()
        .enumerate()
        .map(|(i, item)| {
            let window = item
                .as_object()
                .ok_or_else(|| Refusal::format(&format!("schedule[{i}]"), "must be an object"))?;
            let fields = Fields::from_object(window.clone());
            let weekday = fields.required_int("weekday").map_err(|e| prefix(e, i))?;
            if !(1..=7).contains(&weekday) {
                return Err(Refusal::format(
                    &format!("schedule[{i}].weekday"),
                    format!("{weekday} is not 1..7"),
                ));
            }
            let start =
                window.get("start").ok_or_else(|| Refusal::missing(&format!("schedule[{i}].start")))?;
            let end = window.get("end").ok_or_else(|| Refusal::missing(&format!("schedule[{i}].end")))?;
            let start_minute = hh_mm(&format!("schedule[{i}].start"), start, false)?;
            let end_minute = hh_mm(&format!("schedule[{i}].end"), end, true)?;
            if start_minute >= end_minute {
                return Err(Refusal::format(&format!("schedule[{i}]"), "start must be before end"));
            }
            Ok(Window { weekday: weekday as u8, start_minute, end_minute })
        })
        .collect()
}

fn prefix(refusal: Refusal, index: usize) -> Refusal {
    match refusal {
        Refusal::BadRequest { code, message } => {
            Refusal::BadRequest { code, message: format!("schedule[{index}].{message}") }
        }
        other => other,
    }
}

impl CampaignSpec {
    /// Validates `campaign/add` exactly as the manual lists it (3.8.4.1).
    pub fn parse(fields: &Fields) -> Checked<CampaignSpec> {
        let line_id = fields.required_int("line_id")?;
        let name = fields.required_str("name", NAME_MAX_CHARS)?;
        let schedule = parse_schedule(fields.required_array("schedule")?)?;
        let created_by = fields.optional_int("created_by")?;
        let priority = fields.optional_int_in("priority", PRIORITIES)?.unwrap_or(2);
        let start = fields.optional_datetime("start_date")?;
        let end = fields.optional_datetime("end_date")?;
        let operators = match fields.optional_array("operators")? {
            None => Vec::new(),
            Some(items) => items
                .iter()
                .enumerate()
                .map(|(i, v)| {
                    as_int(v)
                        .ok_or_else(|| Refusal::format(&format!("operators[{i}]"), "must be an abonent_id"))
                })
                .collect::<Checked<Vec<i64>>>()?,
        };
        let dial_mode = fields.optional_int_in("dial_mode", DIAL_MODES)?.unwrap_or(2);
        let voice_message_id = fields.optional_int("voice_message_id")?;
        let hold_message_id = fields.optional_int("hold_message_id")?;
        let int_in = |names: &[&str], allowed: &[i64], default: i64| -> Checked<i64> {
            Ok(fields.optional_int_in(pick(fields, names), allowed)?.unwrap_or(default))
        };
        let spec = CampaignSpec {
            line_id,
            name,
            created_by,
            priority,
            start,
            end,
            schedule,
            operators,
            dial_mode,
            voice_message_id,
            hold_message_id,
            redial_busy: int_in(&["max_redial_count_if_busy", "redial_busy"], REDIAL_COUNTS, 3)?,
            redial_no_answer: int_in(&["max_redial_count_if_no_answ", "redial_no_answer"], REDIAL_COUNTS, 3)?,
            redial_not_avail: int_in(
                &["max_redial_count_if_number_not_avail", "redial_not_avail"],
                REDIAL_COUNTS,
                3,
            )?,
            answer_wait: int_in(&["max_wait_time", "answer_wait"], ANSWER_WAITS, 30)?,
            additional_calls_coefficient: fields
                .optional_decimal_in(
                    pick(fields, &["additional_calls_coefficient", "add_calls_coef"]),
                    COEFFICIENTS,
                )?
                .unwrap_or(1.0),
            timer_busy: int_in(&["wait_time_if_busy", "timer_busy"], BUSY_TIMERS, 900)?,
            timer_no_answer: int_in(&["wait_time_if_no_answ", "timer_no_answer"], NO_ANSWER_TIMERS, 3600)?,
            timer_not_avail: int_in(
                &["wait_time_if_number_not_avail", "timer_not_avail"],
                NOT_AVAIL_TIMERS,
                3600,
            )?,
            after_call_processing: int_in(&["after_call_processing", "call_processing"], AFTER_CALL, 0)?,
        };
        spec.check_references()?;
        Ok(spec)
    }

    /// Cross-checks against the company's directory.
    fn check_references(&self) -> Checked<()> {
        match directory::line(self.line_id) {
            None => return Err(Refusal::bad(3300, format!("line_id {} does not exist", self.line_id))),
            // 3124: the line cannot be an outgoing number.
            Some(line) if line.sip => {
                return Err(Refusal::bad(
                    3124,
                    format!("line_id {} cannot be an outgoing line", self.line_id),
                ))
            }
            Some(_) => {}
        }
        if let Some(unknown) = self.operators.iter().find(|id| directory::operator(**id).is_none()) {
            return Err(Refusal::format("operators", format!("{unknown} is not an employee")));
        }
        for (field, id) in
            [("voice_message_id", self.voice_message_id), ("hold_message_id", self.hold_message_id)]
        {
            if let Some(id) = id {
                if directory::audio_file(id).is_none() {
                    // 3340: file not found.
                    return Err(Refusal::bad(3340, format!("{field} {id} does not exist")));
                }
            }
        }
        if let (Some(start), Some(end)) = (self.start, self.end) {
            if start >= end {
                // 3111: "from" and "to" dates are wrong.
                return Err(Refusal::bad(3111, "start_date must be before end_date"));
            }
        }
        Ok(())
    }

    /// Whether `now` (UTC) falls inside the dates and one of the weekly windows.
    pub fn in_schedule(&self, now: DateTime<Utc>) -> bool {
        let naive = now.naive_utc();
        if self.start.is_some_and(|s| naive < s) || self.end.is_some_and(|e| naive >= e) {
            return false;
        }
        let weekday = now.weekday().number_from_monday() as u8;
        let minute = (now.hour() * 60 + now.minute()) as u16;
        self.schedule
            .iter()
            .any(|w| w.weekday == weekday && w.start_minute <= minute && minute < w.end_minute)
    }

    pub fn expired(&self, now: DateTime<Utc>) -> bool {
        self.end.is_some_and(|e| now.naive_utc() >= e)
    }
}

/// The sandbox's own view of a campaign's state.
#[derive(Clone, Copy, Debug, PartialEq, Eq)]
pub enum State {
    Stopped,
    Scheduled,
    Running,
    /// Manual 3.8.2/3.8.4.4 list 3 "останавливается": a stop answers it, and the campaign
    /// reads as stopping once before it reads as stopped (0).
    Stopping,
    Finished,
    Deleted,
}

impl State {
    /// The numbering of `campaign`, `campaign/start|stop|delete` (manual 3.8.2, 3.8.4.3–5):
    /// 0 stopped, 1 scheduled, 2 running, 3 stopping, 4 finished, 5 processing, 6 deleting.
    pub fn code(self) -> i64 {
        match self {
            State::Stopped => 0,
            State::Scheduled => 1,
            State::Running => 2,
            State::Stopping => 3,
            State::Finished => 4,
            State::Deleted => 6,
        }
    }

    /// The numbering of `campaign/get_list` (manual 3.8.1): 1 scheduled, 2 running,
    /// 3 stopping, 4 stopped, 5 finished, 7 processing.
    pub fn list_code(self) -> i64 {
        match self {
            State::Scheduled => 1,
            State::Running => 2,
            State::Stopping => 3,
            State::Stopped => 4,
            State::Finished | State::Deleted => 5,
        }
    }

    pub fn active(self) -> bool {
        matches!(self, State::Scheduled | State::Running)
    }
}

/// "Processing" has a number in both numberings (manual 3.8.2 `campaign`: 5; 3.8.1
/// `get_list`: 7) but the manual does not say when it appears. The sandbox shows it on the
/// first status read after `campaign/add` or `tasks/push` of a campaign that is not
/// running, so that clients meet it; it blocks nothing (the manual documents no refusal).
pub const PROCESSING_CODE: i64 = 5;
pub const PROCESSING_LIST_CODE: i64 = 7;

/// Why a campaign is in its state (manual 3.8.2 `status_reason`).
#[derive(Clone, Copy, Debug, PartialEq, Eq)]
pub enum Reason {
    External = 1,
    Completed = 2,
    Expired = 3,
    OutsideSchedule = 4,
}

#[cfg(test)]
mod tests {
    use super::*;
    use chrono::TimeZone;

    fn spec(json: &str) -> Checked<CampaignSpec> {
        CampaignSpec::parse(&Fields::parse(json).unwrap())
    }

    const LINE: i64 = 400200001;

    #[test]
    fn the_manuals_own_example_is_accepted() {
        // Manual 3.8.4.1's example, with the sandbox's ids (it sends numbers as strings and
        // `dial_mode` as an empty string).
        let spec = spec(&format!(r#"{{"line_id": "{LINE}", "name": "07 02", "created_by": "400100101",
            "priority": "1", "start_date": "2019-02-07 12:25:00", "end_date": "2019-02-11 16:25:00",
            "schedule": [{{"weekday": 1, "start": "07:00", "end": "15:00"}}, {{"weekday": 4, "start": "12:30", "end": "15:00"}}],
            "operators": ["400100101", "400100102"], "dial_mode": "", "voice_message_id": "500304"}}"#))
        .unwrap();
        assert_eq!(spec.priority, 1);
        assert_eq!(spec.dial_mode, 2, "default");
        assert_eq!(spec.schedule.len(), 2);
        assert_eq!(spec.schedule[1], Window { weekday: 4, start_minute: 750, end_minute: 900 });
    }

    #[test]
    fn refusals_carry_the_manuals_codes() {
        let base = |extra: &str| {
            format!(
                r#"{{"line_id": {LINE}, "name": "n", "schedule": [{{"weekday": 1, "start": "09:00", "end": "18:00"}}]{extra}}}"#
            )
        };
        assert!(spec(&base("")).is_ok());
        let code = |extra: &str| spec(&base(extra)).unwrap_err().code();
        assert_eq!(code(r#", "priority": 4"#), 3104);
        assert_eq!(code(r#", "dial_mode": 1"#), 3104, "1 = automatic appears only in answers");
        assert_eq!(code(r#", "max_redial_count_if_busy": 2"#), 3104);
        assert_eq!(code(r#", "max_wait_time": 45"#), 3104);
        assert_eq!(code(r#", "additional_calls_coefficient": 4"#), 3104);
        assert_eq!(code(r#", "wait_time_if_number_not_avail": 60"#), 3104);
        assert_eq!(code(r#", "after_call_processing": 15"#), 3104);
        assert_eq!(code(r#", "start_date": "2026-01-02 00:00:00", "end_date": "2026-01-01 00:00:00""#), 3111);
        assert_eq!(code(r#", "operators": [123]"#), 3104);
        assert_eq!(code(r#", "voice_message_id": 1"#), 3340);
        assert_eq!(spec(&format!(r#"{{"line_id": {LINE}, "name": "{}", "schedule": [{{"weekday": 1, "start": "09:00", "end": "18:00"}}]}}"#, "x".repeat(71))).unwrap_err().code(), 3104);
        assert_eq!(spec(r#"{"line_id": 400200003, "name": "n", "schedule": [{"weekday": 1, "start": "09:00", "end": "18:00"}]}"#).unwrap_err().code(), 3124, "SIP line");
        assert_eq!(spec(r#"{"line_id": 1, "name": "n", "schedule": [{"weekday": 1, "start": "09:00", "end": "18:00"}]}"#).unwrap_err().code(), 3300);
        assert_eq!(spec(&format!(r#"{{"line_id": {LINE}, "name": "n"}}"#)).unwrap_err().code(), 3103);
        assert_eq!(
            spec(&format!(r#"{{"line_id": {LINE}, "name": "n", "schedule": []}}"#)).unwrap_err().code(),
            3103
        );
        for window in [
            r#"{"weekday": 8, "start": "09:00", "end": "18:00"}"#,
            r#"{"weekday": 1, "start": "9:00", "end": "18:00"}"#,
            r#"{"weekday": 1, "start": "18:00", "end": "09:00"}"#,
            r#"{"weekday": 1, "start": "24:00", "end": "24:00"}"#,
        ] {
            assert_eq!(
                spec(&format!(r#"{{"line_id": {LINE}, "name": "n", "schedule": [{window}]}}"#))
                    .unwrap_err()
                    .code(),
                3104,
                "{window}"
            );
        }
        // A window may end at 24:00 (a local window split at midnight).
        assert!(spec(&format!(r#"{{"line_id": {LINE}, "name": "n", "schedule": [{{"weekday": 7, "start": "23:00", "end": "24:00"}}]}}"#)).is_ok());
        // Later editions' names are accepted too.
        assert_eq!(spec(&base(r#", "redial_busy": 10"#)).unwrap().redial_busy, 10);
        assert_eq!(code(r#", "redial_busy": 7"#), 3104);
    }

    #[test]
    fn schedule_and_dates_decide_running() {
        let spec = spec(&format!(r#"{{"line_id": {LINE}, "name": "n", "end_date": "2026-11-30 00:00:00",
            "schedule": [{{"weekday": 7, "start": "23:00", "end": "24:00"}}, {{"weekday": 1, "start": "00:00", "end": "08:00"}}]}}"#)).unwrap();
        // 2026-11-22 is a Sunday.
        assert!(spec.in_schedule(Utc.with_ymd_and_hms(2026, 11, 22, 23, 30, 0).unwrap()));
        assert!(spec.in_schedule(Utc.with_ymd_and_hms(2026, 11, 23, 7, 59, 0).unwrap()));
        assert!(!spec.in_schedule(Utc.with_ymd_and_hms(2026, 11, 23, 8, 0, 0).unwrap()));
        assert!(!spec.in_schedule(Utc.with_ymd_and_hms(2026, 11, 22, 22, 59, 0).unwrap()));
        assert!(spec.expired(Utc.with_ymd_and_hms(2026, 11, 30, 0, 0, 0).unwrap()));
    }

    #[test]
    fn both_numberings() {
        assert_eq!(State::Stopped.code(), 0);
        assert_eq!(State::Stopped.list_code(), 4);
        assert_eq!(State::Finished.code(), 4);
        assert_eq!(State::Finished.list_code(), 5);
        assert_eq!(State::Deleted.code(), 6);
        assert_eq!(State::Stopping.code(), 3);
        assert_eq!(State::Stopping.list_code(), 3);
    }
}
