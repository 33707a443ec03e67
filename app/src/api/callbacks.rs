//! Auto-callback tasks in MANGO's Contact Center (`/cc/task/add`, manual 4.2): the forms, the
//! rules both sides check, and what the callbacks page shows.

use chrono::Utc;
use serde::{Deserialize, Serialize};

use super::directory::OperatorView;
use super::error::FieldError;
use super::results::ResultsFilter;
use super::schedule::{local_to_utc, parse_local};
use super::zone::Zone;
use crate::i18n::{fill, t, CallbackRuleTexts};

fn rules() -> &'static CallbackRuleTexts {
    &t().callbacks.rules
}

/// Manual 4.2: `duration` at most 1440 minutes; `description` at most 1024 characters.
pub const MAX_DURATION_MINUTES: u32 = 1440;
pub const MAX_DESCRIPTION_CHARS: usize = 1024;
/// Manual 4.2: at most 5 `task/add` requests a second.
pub const REQUESTS_PER_SECOND: u32 = 5;
/// A bulk request holds at most this many leads (a campaign holds at most 10,000 tasks).
pub const MAX_BULK: usize = 10_000;

/// What the operator is asked to do (manual 4.2 `event_type`).
#[derive(Clone, Copy, Debug, Default, PartialEq, Eq, Serialize, Deserialize)]
pub enum CallbackEvent {
    #[default]
    Call,
    Write,
    Meet,
    Do,
}

impl CallbackEvent {
    pub const ALL: [CallbackEvent; 4] =
        [CallbackEvent::Call, CallbackEvent::Write, CallbackEvent::Meet, CallbackEvent::Do];

    /// The manual's number (4.2: 1 call, 2 write, 3 meet, 4 do).
    pub fn mango_number(self) -> u8 {
        match self {
            CallbackEvent::Call => 1,
            CallbackEvent::Write => 2,
            CallbackEvent::Meet => 3,
            CallbackEvent::Do => 4,
        }
    }

    pub fn from_mango_number(number: i64) -> Option<CallbackEvent> {
        CallbackEvent::ALL.into_iter().find(|e| i64::from(e.mango_number()) == number)
    }

    pub fn key(self) -> &'static str {
        match self {
            CallbackEvent::Call => "call",
            CallbackEvent::Write => "write",
            CallbackEvent::Meet => "meet",
            CallbackEvent::Do => "do",
        }
    }

    pub fn from_key(key: &str) -> Option<CallbackEvent> {
        CallbackEvent::ALL.into_iter().find(|e| e.key() == key)
    }

    pub fn label(self) -> &'static str {
        let t = &t().callbacks.events;
        match self {
            CallbackEvent::Call => t.call,
            CallbackEvent::Write => t.write,
            CallbackEvent::Meet => t.meet,
            CallbackEvent::Do => t.act,
        }
    }
}

/// One callback, typed in by hand.
#[derive(Clone, Debug, PartialEq, Eq, Serialize, Deserialize)]
pub struct CallbackForm {
    pub operator_user_id: Option<i64>,
    /// `YYYY-MM-DDTHH:MM` in `timezone`.
    pub start_local: String,
    pub timezone: String,
    pub duration_minutes: u32,
    pub description: String,
    pub phone: String,
    pub event: CallbackEvent,
    /// MANGO calls the client automatically at the start time (manual 4.2 `is_auto_call`).
    pub auto_call: bool,
    /// The number already has an open callback and the user means to add another.
    #[serde(default)]
    pub allow_another: bool,
}

impl CallbackForm {
    pub fn new(timezone: &str) -> CallbackForm {
        CallbackForm {
            operator_user_id: None,
            start_local: String::new(),
            timezone: timezone.to_string(),
            duration_minutes: 15,
            description: String::new(),
            phone: String::new(),
            event: CallbackEvent::Call,
            auto_call: true,
            allow_another: false,
        }
    }
}

/// Which leads of a campaign a bulk request is for.
#[derive(Clone, Debug, PartialEq, Eq, Serialize, Deserialize)]
pub enum CallbackSelection {
    /// These leads (our task ids).
    Leads(Vec<i64>),
    /// Every lead the results filter matches, however many the page shows.
    Matching(ResultsFilter),
}

/// Callbacks for many leads of a campaign, spread over a period and operators.
#[derive(Clone, Debug, PartialEq, Eq, Serialize, Deserialize)]
pub struct BulkCallbackForm {
    pub campaign_id: i64,
    pub selection: CallbackSelection,
    /// Round robin in this order.
    pub operators: Vec<i64>,
    pub from_local: String,
    pub until_local: String,
    pub timezone: String,
    pub duration_minutes: u32,
    pub description: String,
    pub event: CallbackEvent,
    pub auto_call: bool,
}

fn problem(field: &str, message: impl Into<String>) -> FieldError {
    FieldError { field: field.into(), message: message.into() }
}

fn zone(timezone: &str, problems: &mut Vec<FieldError>) -> Option<Zone> {
    match Zone::parse(timezone) {
        Some(zone) => Some(zone),
        None => {
            problems.push(problem("timezone", fill(rules().unknown_zone, &[&format!("{timezone:?}")])));
            None
        }
    }
}

/// A local date-time field as a Unix timestamp.
fn moment(field: &str, text: &str, zone: Option<&Zone>, problems: &mut Vec<FieldError>) -> Option<i64> {
    if text.trim().is_empty() {
        problems.push(problem(field, rules().choose_date_time));
        return None;
    }
    let Some(local) = parse_local(text) else {
        problems.push(problem(field, fill(rules().not_date_time, &[&format!("{text:?}")])));
        return None;
    };
    let zone = zone?;
    match local_to_utc(zone, local) {
        Ok(utc) => Some(utc.and_utc().timestamp()),
        Err(message) => {
            problems.push(problem(field, message));
            None
        }
    }
}

fn check_common(duration_minutes: u32, description: &str, problems: &mut Vec<FieldError>) {
    // Manual 4.2: duration in minutes, at most 1440.
    if !(1..=MAX_DURATION_MINUTES).contains(&duration_minutes) {
        problems.push(problem(
            "duration_minutes",
            fill(rules().duration_range, &[&MAX_DURATION_MINUTES, &duration_minutes]),
        ));
    }
    // Manual 4.2: description up to 1024 characters.
    let chars = description.chars().count();
    if chars > MAX_DESCRIPTION_CHARS {
        problems
            .push(problem("description", fill(rules().description_long, &[&MAX_DESCRIPTION_CHARS, &chars])));
    }
}

/// A phone number's shape, as far as the browser can tell: 10 to 15 digits (spaces, brackets,
/// dashes and a leading + allowed) or a `sip:` address. The server then normalises it with the
/// region's numbering plan.
pub fn check_phone_shape(phone: &str) -> Result<(), String> {
    let phone = phone.trim();
    if phone.is_empty() {
        return Err(rules().enter_number.into());
    }
    if let Some(address) = phone.strip_prefix("sip:") {
        return if address.contains('@') { Ok(()) } else { Err(rules().sip_shape.into()) };
    }
    if let Some(bad) =
        phone.chars().find(|c| !(c.is_ascii_digit() || matches!(c, ' ' | '(' | ')' | '-' | '+' | '.')))
    {
        return Err(fill(rules().phone_char, &[&bad]));
    }
    let digits = phone.chars().filter(char::is_ascii_digit).count();
    if !(10..=15).contains(&digits) {
        return Err(fill(rules().phone_digits, &[&digits]));
    }
    Ok(())
}

/// The form checked: the start as a Unix timestamp, or every problem by field.
pub fn check_callback(form: &CallbackForm, now: i64) -> Result<i64, Vec<FieldError>> {
    let mut problems = Vec::new();
    if form.operator_user_id.is_none() {
        problems.push(problem("operator_user_id", rules().choose_operator));
    }
    let zone = zone(&form.timezone, &mut problems);
    let start = moment("start_local", &form.start_local, zone.as_ref(), &mut problems);
    if let Some(start) = start {
        if start < now - 60 {
            problems.push(problem("start_local", rules().time_passed));
        }
    }
    check_common(form.duration_minutes, &form.description, &mut problems);
    let phone = form.phone.trim();
    if form.auto_call || !phone.is_empty() {
        // Without a number there is nothing to call automatically.
        if let Err(message) = check_phone_shape(phone) {
            problems.push(problem("phone", message));
        }
    }
    match (problems.is_empty(), start) {
        (true, Some(start)) => Ok(start),
        _ => Err(problems),
    }
}

/// The bulk form checked: the period as Unix timestamps, or every problem by field.
pub fn check_bulk(form: &BulkCallbackForm, now: i64) -> Result<(i64, i64), Vec<FieldError>> {
    let mut problems = Vec::new();
    if form.operators.is_empty() {
        problems.push(problem("operators", rules().choose_operators));
    }
    if let CallbackSelection::Leads(leads) = &form.selection {
        if leads.is_empty() {
            problems.push(problem("selection", rules().select_lead));
        } else if leads.len() > MAX_BULK {
            problems.push(problem("selection", fill(rules().too_many, &[&MAX_BULK, &leads.len()])));
        }
    }
    let zone = zone(&form.timezone, &mut problems);
    let from = moment("from_local", &form.from_local, zone.as_ref(), &mut problems);
    let until = moment("until_local", &form.until_local, zone.as_ref(), &mut problems);
    if let Some(from) = from {
        if from < now - 60 {
            problems.push(problem("from_local", rules().time_passed));
        }
    }
    if let (Some(from), Some(until)) = (from, until) {
        if until < from {
            problems.push(problem("until_local", rules().ends_before_start));
        }
    }
    check_common(form.duration_minutes, &form.description, &mut problems);
    match (problems.is_empty(), from, until) {
        (true, Some(from), Some(until)) => Ok((from, until)),
        _ => Err(problems),
    }
}

/// Start times for `count` callbacks spread evenly over `[from, until]`, whole minutes, the
/// first at `from`; with a period too short for all of them, several share a minute.
pub fn spread(from: i64, until: i64, count: usize) -> Vec<i64> {
    let span = (until - from).max(0);
    (0..count)
        .map(|i| {
            let offset = if count <= 1 { 0 } else { span * i as i64 / count as i64 };
            let at = from + offset;
            at - at.rem_euclid(60).min(offset)
        })
        .collect()
}

/// The current time as the `datetime-local` value of `timezone`, rounded up to the next
/// quarter hour: a sensible default for "when".
pub fn next_quarter_hour(timezone: &str, plus_minutes: i64) -> String {
    let zone = Zone::parse(timezone).or_else(|| Zone::parse("Europe/Moscow"));
    let now = Utc::now() + chrono::Duration::minutes(plus_minutes);
    let seconds = now.timestamp();
    let rounded = seconds + (900 - seconds.rem_euclid(900)) % 900;
    let utc = chrono::DateTime::from_timestamp(rounded, 0).unwrap_or(now).naive_utc();
    let local = zone.map(|zone| zone.utc_to_local(utc)).unwrap_or(utc);
    local.format("%Y-%m-%dT%H:%M").to_string()
}

/// Where a callback stands: sending it to MANGO, then its automatic call as the call events
/// tell it (their `task_id` is the `auto_call_task_id` MANGO answered, manual 4.2).
#[derive(Clone, Copy, Debug, PartialEq, Eq, Hash, Serialize, Deserialize)]
pub enum CallbackState {
    /// Waiting its turn to be sent (5 a second, manual 4.2).
    Queued,
    Sending,
    /// MANGO refused it; the reason says why.
    Refused,
    /// Sent, but the answer was lost: it may exist in MANGO. Not sent again by itself.
    Unknown,
    /// Created in MANGO; its automatic call has not started.
    Scheduled,
    /// Created in MANGO as a task for the operator, without an automatic call.
    TaskOnly,
    Calling,
    Talked,
    /// The call ended without a conversation; the reason says how.
    Failed,
}

impl CallbackState {
    pub const ALL: [CallbackState; 9] = [
        CallbackState::Queued,
        CallbackState::Sending,
        CallbackState::Refused,
        CallbackState::Unknown,
        CallbackState::Scheduled,
        CallbackState::TaskOnly,
        CallbackState::Calling,
        CallbackState::Talked,
        CallbackState::Failed,
    ];

    pub fn key(self) -> &'static str {
        match self {
            CallbackState::Queued => "queued",
            CallbackState::Sending => "sending",
            CallbackState::Refused => "refused",
            CallbackState::Unknown => "unknown",
            CallbackState::Scheduled => "scheduled",
            CallbackState::TaskOnly => "task_only",
            CallbackState::Calling => "calling",
            CallbackState::Talked => "talked",
            CallbackState::Failed => "failed",
        }
    }

    pub fn from_key(key: &str) -> Option<CallbackState> {
        CallbackState::ALL.into_iter().find(|s| s.key() == key)
    }

    pub fn label(self) -> &'static str {
        let t = &t().callbacks.states;
        match self {
            CallbackState::Queued => t.queued,
            CallbackState::Sending => t.sending,
            CallbackState::Refused => t.refused,
            CallbackState::Unknown => t.unknown,
            CallbackState::Scheduled => t.scheduled,
            CallbackState::TaskOnly => t.task_only,
            CallbackState::Calling => t.calling,
            CallbackState::Talked => t.talked,
            CallbackState::Failed => t.failed,
        }
    }

    /// Still to happen: another callback for the same number would call the client twice.
    pub fn is_open(self) -> bool {
        matches!(
            self,
            CallbackState::Queued
                | CallbackState::Sending
                | CallbackState::Scheduled
                | CallbackState::Calling
                | CallbackState::Unknown
        )
    }
}

#[derive(Clone, Debug, PartialEq, Eq, Serialize, Deserialize)]
pub struct CallbackRow {
    pub id: i64,
    pub campaign_id: Option<i64>,
    pub campaign_name: Option<String>,
    pub batch_id: Option<i64>,
    pub name: String,
    pub number: String,
    pub operator: String,
    /// Local time in the default zone.
    pub due_at: String,
    pub duration_minutes: u32,
    pub event: CallbackEvent,
    pub auto_call: bool,
    pub description: String,
    pub state: CallbackState,
    /// Why it was refused or failed, or what to do about a lost answer.
    pub reason: Option<String>,
    pub mango_task_id: Option<i64>,
    pub auto_call_task_id: Option<i64>,
    pub talk_seconds: Option<i64>,
    pub created_by: String,
    pub created_at: String,
}

#[derive(Clone, Debug, PartialEq, Eq, Serialize, Deserialize)]
pub struct StateCount {
    pub state: CallbackState,
    pub count: i64,
}

#[derive(Clone, Debug, PartialEq, Eq, Serialize, Deserialize)]
pub struct CallbacksView {
    pub rows: Vec<CallbackRow>,
    pub counts: Vec<StateCount>,
    pub timezone: String,
    /// Set while MANGO's Contact Center API answers 5008 to every request (manual 4.1):
    /// what it means for the callbacks, in words.
    #[serde(default)]
    pub cc_unavailable: Option<String>,
}

/// What the callback forms choose from.
#[derive(Clone, Debug, PartialEq, Serialize, Deserialize)]
pub struct CallbackOptions {
    pub operators: Vec<OperatorView>,
    pub default_timezone: String,
    pub time_zones: Vec<String>,
    pub sandbox: bool,
}

/// One lead of a bulk request and what became of it.
#[derive(Clone, Debug, PartialEq, Eq, Serialize, Deserialize)]
pub struct BatchItem {
    pub name: String,
    pub number: String,
    /// None for a lead that was skipped.
    pub callback: Option<CallbackRow>,
    /// Why a lead was skipped.
    pub skipped: Option<String>,
}

#[derive(Clone, Debug, PartialEq, Eq, Serialize, Deserialize)]
pub struct BatchView {
    pub id: i64,
    pub campaign_id: i64,
    pub total: usize,
    /// Sent (created or refused) or skipped.
    pub handled: usize,
    pub created: usize,
    pub refused: usize,
    pub skipped: usize,
    pub finished: bool,
    /// The same request was made before: this is the batch it created then.
    pub repeated: bool,
    pub items: Vec<BatchItem>,
}

use leptos::prelude::*;
use leptos::server_fn::codec::Json;

use super::error::AppError;
#[cfg(feature = "ssr")]
use super::{backend::*, roles::Permission};

#[server(endpoint = "callbacks/list", input = Json)]
pub async fn list_callbacks() -> Result<CallbacksView, AppError> {
    respond(async move {
        authorize(Permission::CreateCallbacks)?;
        backend()?.callbacks().await
    })
    .await
}

#[server(endpoint = "callbacks/options", input = Json)]
pub async fn get_callback_options() -> Result<CallbackOptions, AppError> {
    respond(async move {
        authorize(Permission::CreateCallbacks)?;
        backend()?.callback_options().await
    })
    .await
}

/// One callback; sent to MANGO before the answer comes back.
#[server(endpoint = "callbacks/create", input = Json)]
pub async fn create_callback(form: CallbackForm) -> Result<CallbackRow, AppError> {
    respond(async move {
        let caller = authorize(Permission::CreateCallbacks)?;
        backend()?.create_callback(&caller, form).await
    })
    .await
}

/// Callbacks for many leads: stored at once, then sent 5 a second in the background.
#[server(endpoint = "callbacks/bulk", input = Json)]
pub async fn create_callbacks(form: BulkCallbackForm) -> Result<BatchView, AppError> {
    respond(async move {
        let caller = authorize(Permission::CreateCallbacks)?;
        backend()?.create_callbacks(&caller, form).await
    })
    .await
}

#[server(endpoint = "callbacks/batch", input = Json)]
pub async fn callback_batch(batch_id: i64) -> Result<BatchView, AppError> {
    respond(async move {
        authorize(Permission::CreateCallbacks)?;
        backend()?.callback_batch(batch_id).await
    })
    .await
}

#[cfg(test)]
mod tests {
    use super::*;
    use crate::i18n::{in_lang, Lang};

    fn form() -> CallbackForm {
        CallbackForm {
            operator_user_id: Some(400100101),
            start_local: "2030-03-10T10:00".into(),
            timezone: "Asia/Yekaterinburg".into(),
            duration_minutes: 15,
            description: "Перезвонить".into(),
            phone: "+7 916 123-45-67".into(),
            event: CallbackEvent::Call,
            auto_call: true,
            allow_another: false,
        }
    }

    #[test]
    fn the_start_is_read_in_the_chosen_zone() {
        // 10:00 in Yekaterinburg (UTC+5) is 05:00 UTC.
        let start = check_callback(&form(), 0).unwrap();
        assert_eq!(
            chrono::DateTime::from_timestamp(start, 0).unwrap().to_rfc3339(),
            "2030-03-10T05:00:00+00:00"
        );
    }

    #[test]
    fn every_problem_is_named_by_its_field() {
        in_lang(Lang::En, || {
            let bad = CallbackForm {
                operator_user_id: None,
                start_local: "завтра".into(),
                duration_minutes: 1441,
                description: "я".repeat(1025),
                phone: "12345".into(),
                ..form()
            };
            let problems = check_callback(&bad, 0).unwrap_err();
            let fields: Vec<&str> = problems.iter().map(|p| p.field.as_str()).collect();
            assert_eq!(
                fields,
                ["operator_user_id", "start_local", "duration_minutes", "description", "phone"]
            );
            assert!(problems[3].message.contains("1025"), "{}", problems[3].message);
            assert!(problems[4].message.contains("5 here"), "{}", problems[4].message);
        });
        let russian =
            in_lang(Lang::Ru, || check_callback(&CallbackForm { phone: "12345".into(), ..form() }, 0));
        assert_eq!(russian.unwrap_err()[0].message, "В номере телефона от 10 до 15 цифр (здесь 5).");
    }

    #[test]
    fn limits_are_the_manuals() {
        assert!(check_callback(
            &CallbackForm { duration_minutes: 1440, description: "я".repeat(1024), ..form() },
            0
        )
        .is_ok());
        assert!(check_callback(&CallbackForm { duration_minutes: 0, ..form() }, 0).is_err());
        // A time that passed is refused; a phone is needed only for the automatic call.
        let later = check_callback(&form(), 0).unwrap() + 3600;
        assert_eq!(check_callback(&form(), later).unwrap_err()[0].field, "start_local");
        assert!(check_callback(&CallbackForm { phone: String::new(), auto_call: false, ..form() }, 0).is_ok());
        assert_eq!(
            check_callback(&CallbackForm { phone: String::new(), ..form() }, 0).unwrap_err()[0].field,
            "phone"
        );
        assert!(check_phone_shape("sip:user@example.com").is_ok());
        assert!(check_phone_shape("8 (916) 123-45-67").is_ok());
        assert!(check_phone_shape("8 916 abc").unwrap_err().contains('a'));
    }

    #[test]
    fn a_skipped_hour_is_refused() {
        in_lang(Lang::En, || {
            // Moscow has no DST now, but New York skipped 02:00–03:00 on 2030-03-10.
            let skipped = CallbackForm {
                timezone: "America/New_York".into(),
                start_local: "2030-03-10T02:30".into(),
                ..form()
            };
            let problems = check_callback(&skipped, 0).unwrap_err();
            assert_eq!(problems[0].field, "start_local");
            assert!(problems[0].message.contains("does not exist"), "{}", problems[0].message);
        });
    }

    fn bulk() -> BulkCallbackForm {
        BulkCallbackForm {
            campaign_id: 1,
            selection: CallbackSelection::Leads(vec![1, 2, 3]),
            operators: vec![400100101, 400100102],
            from_local: "2030-03-11T09:00".into(),
            until_local: "2030-03-11T12:00".into(),
            timezone: "Europe/Moscow".into(),
            duration_minutes: 30,
            description: String::new(),
            event: CallbackEvent::Call,
            auto_call: true,
        }
    }

    #[test]
    fn bulk_periods_and_selections_are_checked() {
        in_lang(Lang::En, || {
            let (from, until) = check_bulk(&bulk(), 0).unwrap();
            assert_eq!(until - from, 3 * 3600);
            let backwards = BulkCallbackForm { until_local: "2030-03-11T08:00".into(), ..bulk() };
            assert_eq!(check_bulk(&backwards, 0).unwrap_err()[0].field, "until_local");
            let nobody =
                BulkCallbackForm { operators: vec![], selection: CallbackSelection::Leads(vec![]), ..bulk() };
            let fields: Vec<String> =
                check_bulk(&nobody, 0).unwrap_err().into_iter().map(|p| p.field).collect();
            assert_eq!(fields, ["operators", "selection"]);
            let too_many =
                BulkCallbackForm { selection: CallbackSelection::Leads((0..10_001).collect()), ..bulk() };
            assert!(check_bulk(&too_many, 0).unwrap_err()[0].message.contains("10001 selected"));
        });
    }

    #[test]
    fn spreading_covers_the_period_evenly_in_whole_minutes() {
        let from = 1_900_000_020; // 20 s past a minute
        let times = spread(from, from + 3600, 4);
        assert_eq!(times.len(), 4);
        assert_eq!(times[0], from, "the first one starts when the period does");
        let gaps: Vec<i64> = times.windows(2).map(|w| w[1] - w[0]).collect();
        assert!(gaps.iter().all(|g| (840..=960).contains(g)), "{gaps:?}");
        assert!(times[1..].iter().all(|t| t % 60 == 0), "{times:?}");
        assert!(times.iter().all(|t| (from..=from + 3600).contains(t)));
        assert_eq!(spread(from, from, 3), vec![from; 3]);
        assert!(spread(from, from + 60, 0).is_empty());
    }

    #[test]
    fn states_round_trip_and_open_ones_block_a_second_callback() {
        for state in CallbackState::ALL {
            assert_eq!(CallbackState::from_key(state.key()), Some(state));
        }
        assert!(CallbackState::Scheduled.is_open() && CallbackState::Unknown.is_open());
        assert!(
            !CallbackState::Failed.is_open()
                && !CallbackState::Talked.is_open()
                && !CallbackState::Refused.is_open()
        );
        for event in CallbackEvent::ALL {
            assert_eq!(CallbackEvent::from_mango_number(event.mango_number().into()), Some(event));
        }
    }
}
