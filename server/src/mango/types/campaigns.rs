//! Outbound-dialing ("ИО") campaigns and their tasks (manual 3.8).

use std::fmt;

use chrono::{DateTime, Utc, Weekday};
use serde::{Deserialize, Serialize, Serializer};

use super::quoted;
use crate::mango::lenient;
use crate::mango::status::{numbering, CampaignStatus, CampaignStatusReason, TaskOutcome, TaskStatus};

/// Manual 3.8.4.1: `name` is at most 70 characters.
pub const CAMPAIGN_NAME_MAX_CHARS: usize = 70;
/// Manual 3.8.4.2 and result 5107: at most 10,000 tasks per campaign.
pub const MAX_TASKS_PER_CAMPAIGN: usize = 10_000;
/// Manual 3.8.4.2: `name`, `position`, `organization` ≤ 255, `number` ≤ 64,
/// `additional_info` ≤ 511 characters.
pub const TASK_TEXT_MAX_CHARS: usize = 255;
pub const TASK_NUMBER_MAX_CHARS: usize = 64;
pub const TASK_ADDITIONAL_INFO_MAX_CHARS: usize = 511;

/// Manual 3.8.4.1 `priority`.
#[derive(Clone, Copy, Debug, PartialEq, Eq)]
pub enum Priority {
    /// 1 "важный".
    Important = 1,
    /// 2 "нормальный", MANGO's default.
    Normal = 2,
    /// 3 "низкий".
    Low = 3,
}

impl Serialize for Priority {
    fn serialize<S: Serializer>(&self, serializer: S) -> Result<S::Ok, S::Error> {
        // Quoted, as in the manual's example (`"priority": "1"`, manual 3.8.4.1).
        serializer.collect_str(&(*self as u8))
    }
}

/// Manual 3.8.4.1 `dial_mode` (1 "automatic" appears only in answers, manual 3.8.2).
#[derive(Clone, Copy, Debug, PartialEq, Eq)]
pub enum DialMode {
    /// 2: operator and client at once, MANGO's default.
    Simultaneous = 2,
    /// 3: the operator first, then the client.
    OperatorFirst = 3,
    /// 4: the client first, then the operator.
    ClientFirst = 4,
}

impl Serialize for DialMode {
    fn serialize<S: Serializer>(&self, serializer: S) -> Result<S::Ok, S::Error> {
        serializer.serialize_u8(*self as u8)
    }
}

/// A time of day `HH:MM` in UTC for a schedule window (manual 3.8.4.1); `24:00` may end one.
#[derive(Clone, Copy, Debug, PartialEq, Eq, PartialOrd, Ord)]
pub struct ClockTime {
    minutes: u16,
}

impl ClockTime {
    pub const MIDNIGHT: ClockTime = ClockTime { minutes: 0 };
    pub const END_OF_DAY: ClockTime = ClockTime { minutes: 24 * 60 };

    /// `None` unless 00:00–23:59 or exactly 24:00.
    pub fn new(hours: u8, minutes: u8) -> Option<ClockTime> {
        let total = u16::from(hours) * 60 + u16::from(minutes);
        (minutes < 60 && total <= 24 * 60).then_some(ClockTime { minutes: total })
    }

    pub fn minutes_since_midnight(self) -> u16 {
        self.minutes
    }

    /// `None` above 24:00.
    pub fn from_minutes(minutes: u16) -> Option<ClockTime> {
        (minutes <= 24 * 60).then_some(ClockTime { minutes })
    }
}

impl fmt::Display for ClockTime {
    fn fmt(&self, f: &mut fmt::Formatter<'_>) -> fmt::Result {
        write!(f, "{:02}:{:02}", self.minutes / 60, self.minutes % 60)
    }
}

impl Serialize for ClockTime {
    fn serialize<S: Serializer>(&self, serializer: S) -> Result<S::Ok, S::Error> {
        serializer.collect_str(self)
    }
}

/// One weekly window of `schedule` (manual 3.8.4.1), all in UTC. A window that crosses
/// midnight UTC must be sent as two windows on two weekdays.
#[derive(Clone, Copy, Debug, PartialEq, Eq, Serialize)]
pub struct ScheduleWindow {
    /// Sent as 1 (Monday) … 7 (Sunday).
    #[serde(serialize_with = "weekday_number")]
    pub weekday: Weekday,
    pub start: ClockTime,
    pub end: ClockTime,
}

fn weekday_number<S: Serializer>(weekday: &Weekday, serializer: S) -> Result<S::Ok, S::Error> {
    serializer.serialize_u32(weekday.number_from_monday())
}

/// `"YYYY-MM-DD HH:MM:SS"` in UTC (manual 3.8.4.1 `start_date`, `end_date`).
fn utc_date_time<S: Serializer>(value: &Option<DateTime<Utc>>, serializer: S) -> Result<S::Ok, S::Error> {
    match value {
        Some(moment) => serializer.collect_str(&moment.format("%Y-%m-%d %H:%M:%S")),
        None => serializer.serialize_none(),
    }
}

/// `campaign/add` (manual 3.8.4.1), with the seed manual's field names. The value sets
/// (e.g. redial counts 1, 3, 5, 10) are checked by MANGO (3104); Obzvon's form checks them
/// first.
#[derive(Clone, Debug, PartialEq, Serialize)]
pub struct CampaignAddRequest {
    /// Required: the outgoing line, from `incominglines`.
    #[serde(serialize_with = "quoted::string")]
    pub line_id: i64,
    /// Required, at most [`CAMPAIGN_NAME_MAX_CHARS`] characters.
    pub name: String,
    /// The author's abonent_id (`general.user_id`); 5105 if it does not exist.
    #[serde(serialize_with = "quoted::optional_string", skip_serializing_if = "Option::is_none")]
    pub created_by: Option<i64>,
    #[serde(skip_serializing_if = "Option::is_none")]
    pub priority: Option<Priority>,
    #[serde(serialize_with = "utc_date_time", skip_serializing_if = "Option::is_none")]
    pub start_date: Option<DateTime<Utc>>,
    #[serde(serialize_with = "utc_date_time", skip_serializing_if = "Option::is_none")]
    pub end_date: Option<DateTime<Utc>>,
    /// Required.
    pub schedule: Vec<ScheduleWindow>,
    /// abonent_ids of the operators; only those with "use status in the Contact Center" on
    /// and in status "outbound dialing" take calls.
    #[serde(serialize_with = "quoted::strings", skip_serializing_if = "Vec::is_empty")]
    pub operators: Vec<i64>,
    #[serde(skip_serializing_if = "Option::is_none")]
    pub dial_mode: Option<DialMode>,
    /// Audio file id (from `audiofiles`) for the autoinformer.
    #[serde(serialize_with = "quoted::optional_string", skip_serializing_if = "Option::is_none")]
    pub voice_message_id: Option<i64>,
    /// Audio file id for the hold music.
    #[serde(serialize_with = "quoted::optional_string", skip_serializing_if = "Option::is_none")]
    pub hold_message_id: Option<i64>,
    /// One of 1, 3, 5, 10.
    #[serde(skip_serializing_if = "Option::is_none")]
    pub max_redial_count_if_busy: Option<u32>,
    /// One of 1, 3, 5, 10.
    #[serde(skip_serializing_if = "Option::is_none")]
    pub max_redial_count_if_no_answ: Option<u32>,
    /// One of 1, 3, 5, 10.
    #[serde(skip_serializing_if = "Option::is_none")]
    pub max_redial_count_if_number_not_avail: Option<u32>,
    /// Seconds to wait for the client to answer: one of 10, 20, 30, 60.
    #[serde(skip_serializing_if = "Option::is_none")]
    pub max_wait_time: Option<u32>,
    /// One of 0.1, 0.5, 0.7, 1, 1.5, 2, 3, 5.
    #[serde(skip_serializing_if = "Option::is_none")]
    pub additional_calls_coefficient: Option<f64>,
    /// Seconds: one of 60, 300, 900, 3600.
    #[serde(skip_serializing_if = "Option::is_none")]
    pub wait_time_if_busy: Option<u32>,
    /// Seconds: one of 3600, 10800, 43200, 86400.
    #[serde(skip_serializing_if = "Option::is_none")]
    pub wait_time_if_no_answ: Option<u32>,
    /// Seconds: one of 3600, 10800, 43200, 86400, or 0 (do not redial).
    #[serde(skip_serializing_if = "Option::is_none")]
    pub wait_time_if_number_not_avail: Option<u32>,
    /// Seconds after a talk without new calls: one of 0, 10, 30, 60, 120, 300, 900.
    #[serde(skip_serializing_if = "Option::is_none")]
    pub after_call_processing: Option<u32>,
}

impl CampaignAddRequest {
    /// The required fields; everything else left to MANGO's defaults.
    pub fn new(line_id: i64, name: impl Into<String>, schedule: Vec<ScheduleWindow>) -> CampaignAddRequest {
        CampaignAddRequest {
            line_id,
            name: name.into(),
            created_by: None,
            priority: None,
            start_date: None,
            end_date: None,
            schedule,
            operators: Vec::new(),
            dial_mode: None,
            voice_message_id: None,
            hold_message_id: None,
            max_redial_count_if_busy: None,
            max_redial_count_if_no_answ: None,
            max_redial_count_if_number_not_avail: None,
            max_wait_time: None,
            additional_calls_coefficient: None,
            wait_time_if_busy: None,
            wait_time_if_no_answ: None,
            wait_time_if_number_not_avail: None,
            after_call_processing: None,
        }
    }
}

/// The answer to `campaign/add` (manual 3.8.4.1).
#[derive(Clone, Copy, Debug, PartialEq, Eq, Deserialize)]
pub struct CampaignAdded {
    #[serde(deserialize_with = "lenient::number")]
    pub campaign_id: i64,
}

/// `tasks/push` (manual 3.8.4.2). The answer is only a result code ([`super::Done`]).
#[derive(Clone, Debug, PartialEq, Eq, Serialize)]
pub struct TasksPushRequest {
    #[serde(serialize_with = "quoted::string")]
    pub campaign_id: i64,
    pub tasks: Vec<PushTask>,
}

/// One contact to call (manual 3.8.4.2).
#[derive(Clone, Debug, PartialEq, Eq, Serialize)]
pub struct PushTask {
    /// Required, ≤ 255 characters.
    pub name: String,
    #[serde(skip_serializing_if = "Option::is_none")]
    pub position: Option<String>,
    #[serde(skip_serializing_if = "Option::is_none")]
    pub organization: Option<String>,
    /// Required, ≤ 64 characters: a phone number (`79001234567`) or `sip:user@domain`.
    pub number: String,
    #[serde(skip_serializing_if = "Option::is_none")]
    pub additional_info: Option<String>,
}

/// `campaign`, `campaign/start`, `campaign/stop`, `campaign/delete` (manual 3.8.2,
/// 3.8.4.3–3.8.4.5).
#[derive(Clone, Copy, Debug, PartialEq, Eq, Serialize)]
pub struct CampaignIdRequest {
    #[serde(serialize_with = "quoted::string")]
    pub campaign_id: i64,
}

/// `task` (manual 3.8.3).
#[derive(Clone, Copy, Debug, PartialEq, Eq, Serialize)]
pub struct TaskIdRequest {
    #[serde(serialize_with = "quoted::string")]
    pub task_id: i64,
}

/// The answer to `campaign/start|stop|delete` (manual 3.8.4.3–3.8.4.5): the campaign's
/// status afterwards, `None` if MANGO leaves it out.
#[derive(Clone, Copy, Debug, PartialEq, Eq, Deserialize)]
pub struct CampaignStatusAnswer {
    #[serde(default, deserialize_with = "numbering::optional_campaign")]
    pub status: Option<CampaignStatus>,
}

/// The answer to `campaign` (manual 3.8.2).
#[derive(Clone, Debug, PartialEq, Deserialize)]
pub struct CampaignAnswer {
    pub campaign: CampaignInfo,
}

#[derive(Clone, Debug, PartialEq, Deserialize)]
pub struct CampaignInfo {
    #[serde(deserialize_with = "lenient::number")]
    pub campaign_id: i64,
    #[serde(default, deserialize_with = "lenient::optional_number")]
    pub line_id: Option<i64>,
    #[serde(default)]
    pub created_by: Option<CampaignAuthor>,
    #[serde(default, deserialize_with = "lenient::optional_text")]
    pub name: Option<String>,
    /// Unix time, UTC.
    #[serde(default, deserialize_with = "lenient::optional_number")]
    pub start: Option<i64>,
    /// Unix time, UTC.
    #[serde(default, deserialize_with = "lenient::optional_number")]
    pub end: Option<i64>,
    #[serde(deserialize_with = "numbering::campaign")]
    pub status: CampaignStatus,
    #[serde(default, deserialize_with = "numbering::optional_campaign_reason")]
    pub status_reason: Option<CampaignStatusReason>,
    #[serde(default, deserialize_with = "lenient::optional_number")]
    pub priority: Option<i64>,
    /// Operators' extensions.
    #[serde(default, deserialize_with = "lenient::text_list")]
    pub members: Vec<String>,
    #[serde(default, deserialize_with = "lenient::optional_number")]
    pub redial_busy: Option<i64>,
    #[serde(default, deserialize_with = "lenient::optional_number")]
    pub redial_no_answer: Option<i64>,
    #[serde(default, deserialize_with = "lenient::optional_number")]
    pub redial_not_avail: Option<i64>,
    #[serde(default, deserialize_with = "lenient::optional_number")]
    pub timer_busy: Option<i64>,
    #[serde(default, deserialize_with = "lenient::optional_number")]
    pub timer_no_answer: Option<i64>,
    #[serde(default, deserialize_with = "lenient::optional_number")]
    pub timer_not_avail: Option<i64>,
    #[serde(default, deserialize_with = "lenient::optional_number")]
    pub answer_wait: Option<i64>,
    #[serde(default, deserialize_with = "lenient::optional_number")]
    pub add_calls_coef: Option<f64>,
    /// 1 automatic, 2 simultaneous, 3 operator first, 4 client first (manual 3.8.2).
    #[serde(default, deserialize_with = "lenient::optional_number")]
    pub dial_mode: Option<i64>,
    #[serde(default, deserialize_with = "lenient::optional_number")]
    pub call_processing: Option<i64>,
    #[serde(default, deserialize_with = "lenient::optional_number")]
    pub schema_id: Option<i64>,
    /// Unix time, UTC.
    #[serde(default, deserialize_with = "lenient::optional_number")]
    pub created: Option<i64>,
    /// Not in manual 3.8.2 (only in `get_list`, 3.8.1), read in case MANGO sends it.
    #[serde(default, deserialize_with = "lenient::optional_number")]
    pub tasks_count: Option<i64>,
    /// Not in manual 3.8.2 (only in `get_list`, 3.8.1), read in case MANGO sends it.
    #[serde(default, deserialize_with = "lenient::optional_number")]
    pub finished_tasks_count: Option<i64>,
}

#[derive(Clone, Debug, PartialEq, Deserialize)]
pub struct CampaignAuthor {
    #[serde(default, deserialize_with = "lenient::optional_number")]
    pub user_id: Option<i64>,
    #[serde(default, deserialize_with = "lenient::optional_text")]
    pub name: Option<String>,
    #[serde(default, deserialize_with = "lenient::optional_text")]
    pub extension: Option<String>,
}

/// The answer to `campaign/get_list` (manual 3.8.1).
#[derive(Clone, Debug, Default, PartialEq, Deserialize)]
pub struct CampaignListAnswer {
    #[serde(default)]
    pub campaigns: Vec<CampaignListItem>,
}

/// One campaign of `campaign/get_list` (manual 3.8.1). Its status numbering differs from
/// `campaign`'s; both land in [`CampaignStatus`].
#[derive(Clone, Debug, PartialEq, Deserialize)]
pub struct CampaignListItem {
    #[serde(deserialize_with = "lenient::number")]
    pub campaign_id: i64,
    /// The author's id.
    #[serde(default, deserialize_with = "lenient::optional_number")]
    pub member_id: Option<i64>,
    #[serde(default, deserialize_with = "lenient::optional_text")]
    pub name: Option<String>,
    #[serde(default, deserialize_with = "lenient::optional_number")]
    pub priority: Option<i64>,
    #[serde(deserialize_with = "numbering::list")]
    pub status: CampaignStatus,
    /// `"yyyy.MM.dd hh:mm:ss"`, as MANGO writes it.
    #[serde(default)]
    pub start: Option<String>,
    /// `"yyyy.MM.dd hh:mm:ss"`, as MANGO writes it.
    #[serde(default)]
    pub end: Option<String>,
    /// The operators' ids.
    #[serde(default, deserialize_with = "lenient::number_list")]
    pub member_ids: Vec<i64>,
    #[serde(default, deserialize_with = "lenient::optional_number")]
    pub dial_mode: Option<i64>,
    #[serde(default, deserialize_with = "lenient::optional_number")]
    pub redial_busy: Option<i64>,
    #[serde(default, deserialize_with = "lenient::optional_number")]
    pub redial_no_answer: Option<i64>,
    #[serde(default, deserialize_with = "lenient::optional_number")]
    pub redial_not_avail: Option<i64>,
    #[serde(default, deserialize_with = "lenient::optional_number")]
    pub answer_wait: Option<i64>,
    /// A string `"1.0"` in the manual's example.
    #[serde(default, deserialize_with = "lenient::optional_number")]
    pub additional_calls_coefficient: Option<f64>,
    #[serde(default, deserialize_with = "lenient::optional_number")]
    pub timer_busy: Option<i64>,
    #[serde(default, deserialize_with = "lenient::optional_number")]
    pub timer_no_answer: Option<i64>,
    #[serde(default, deserialize_with = "lenient::optional_number")]
    pub timer_not_avail: Option<i64>,
    #[serde(default, deserialize_with = "lenient::optional_number")]
    pub service_type: Option<i64>,
    #[serde(default, deserialize_with = "lenient::optional_number")]
    pub tasks_count: Option<i64>,
    #[serde(default, deserialize_with = "lenient::optional_number")]
    pub finished_tasks_count: Option<i64>,
    /// `"yyyy.MM.dd hh:mm:ss"`.
    #[serde(default)]
    pub created: Option<String>,
    /// `"yyyy.MM.dd hh:mm:ss"`; null until the campaign completes.
    #[serde(default)]
    pub completed: Option<String>,
}

/// The answer to `task` (manual 3.8.3).
#[derive(Clone, Debug, PartialEq, Deserialize)]
pub struct TaskAnswer {
    pub task: TaskInfo,
}

#[derive(Clone, Debug, PartialEq, Deserialize)]
pub struct TaskInfo {
    #[serde(deserialize_with = "lenient::number")]
    pub campaign_task_id: i64,
    #[serde(default, deserialize_with = "lenient::optional_number")]
    pub campaign_id: Option<i64>,
    #[serde(default, deserialize_with = "lenient::optional_text")]
    pub name: Option<String>,
    #[serde(default, deserialize_with = "lenient::optional_text")]
    pub position: Option<String>,
    #[serde(default, deserialize_with = "lenient::optional_text")]
    pub organization: Option<String>,
    #[serde(default, deserialize_with = "lenient::optional_text")]
    pub number: Option<String>,
    /// Seconds.
    #[serde(default, deserialize_with = "lenient::optional_number")]
    pub talk_duration: Option<i64>,
    #[serde(deserialize_with = "numbering::task")]
    pub status: TaskStatus,
    #[serde(default, deserialize_with = "numbering::optional_task_outcome")]
    pub status_reason: Option<TaskOutcome>,
    #[serde(default)]
    pub comment: Option<String>,
    /// Unix time, UTC.
    #[serde(default, deserialize_with = "lenient::optional_number")]
    pub blocked_until: Option<i64>,
    /// An extension.
    #[serde(default, deserialize_with = "lenient::optional_text")]
    pub transfer_number: Option<String>,
    /// Unix time, UTC.
    #[serde(default, deserialize_with = "lenient::optional_number")]
    pub updated: Option<i64>,
    /// Unix time, UTC; null for campaign tasks.
    #[serde(default, deserialize_with = "lenient::optional_number")]
    pub end: Option<i64>,
    /// Unix time, UTC.
    #[serde(default, deserialize_with = "lenient::optional_number")]
    pub created: Option<i64>,
}

#[cfg(test)]
mod tests {
    use chrono::TimeZone;

    use super::*;

    fn window(weekday: Weekday, start: (u8, u8), end: (u8, u8)) -> ScheduleWindow {
        ScheduleWindow {
            weekday,
            start: ClockTime::new(start.0, start.1).unwrap(),
            end: ClockTime::new(end.0, end.1).unwrap(),
        }
    }

    #[test]
    fn clock_times() {
        assert_eq!(ClockTime::new(7, 5).unwrap().to_string(), "07:05");
        assert_eq!(ClockTime::new(24, 0), Some(ClockTime::END_OF_DAY));
        assert_eq!(ClockTime::END_OF_DAY.to_string(), "24:00");
        assert_eq!(ClockTime::new(24, 1), None);
        assert_eq!(ClockTime::new(12, 60), None);
        assert_eq!(ClockTime::new(0, 0), Some(ClockTime::MIDNIGHT));
        assert_eq!(ClockTime::new(23, 59).unwrap().minutes_since_midnight(), 1439);
    }

    #[test]
    fn minimal_campaign_add_sends_only_the_required_fields() {
        let request =
            CampaignAddRequest::new(300049196, "07 02", vec![window(Weekday::Mon, (7, 0), (15, 0))]);
        assert_eq!(
            serde_json::to_string(&request).unwrap(),
            r#"{"line_id":"300049196","name":"07 02","schedule":[{"weekday":1,"start":"07:00","end":"15:00"}]}"#
        );
    }

    #[test]
    fn full_campaign_add_follows_the_manual_example() {
        let mut request = CampaignAddRequest::new(
            300049196,
            "Осенняя акция",
            vec![window(Weekday::Thu, (12, 30), (15, 0)), window(Weekday::Sun, (23, 0), (24, 0))],
        );
        request.created_by = Some(300049189);
        request.priority = Some(Priority::Important);
        request.start_date = Some(Utc.with_ymd_and_hms(2019, 2, 7, 12, 25, 0).unwrap());
        request.end_date = Some(Utc.with_ymd_and_hms(2019, 2, 11, 16, 25, 0).unwrap());
        request.operators = vec![300049009, 300049012];
        request.dial_mode = Some(DialMode::ClientFirst);
        request.voice_message_id = Some(23);
        request.hold_message_id = Some(24);
        request.max_redial_count_if_busy = Some(3);
        request.max_redial_count_if_no_answ = Some(5);
        request.max_redial_count_if_number_not_avail = Some(1);
        request.max_wait_time = Some(30);
        request.additional_calls_coefficient = Some(1.5);
        request.wait_time_if_busy = Some(900);
        request.wait_time_if_no_answ = Some(3600);
        request.wait_time_if_number_not_avail = Some(0);
        request.after_call_processing = Some(10);
        assert_eq!(
            serde_json::to_string(&request).unwrap(),
            concat!(
                r#"{"line_id":"300049196","name":"Осенняя акция","created_by":"300049189","priority":"1","#,
                r#""start_date":"2019-02-07 12:25:00","end_date":"2019-02-11 16:25:00","#,
                r#""schedule":[{"weekday":4,"start":"12:30","end":"15:00"},{"weekday":7,"start":"23:00","end":"24:00"}],"#,
                r#""operators":["300049009","300049012"],"dial_mode":4,"voice_message_id":"23","hold_message_id":"24","#,
                r#""max_redial_count_if_busy":3,"max_redial_count_if_no_answ":5,"max_redial_count_if_number_not_avail":1,"#,
                r#""max_wait_time":30,"additional_calls_coefficient":1.5,"wait_time_if_busy":900,"#,
                r#""wait_time_if_no_answ":3600,"wait_time_if_number_not_avail":0,"after_call_processing":10}"#
            )
        );
    }

    #[test]
    fn tasks_push_and_id_requests() {
        let push = TasksPushRequest {
            campaign_id: 17251,
            tasks: vec![
                PushTask {
                    name: "Иван".into(),
                    position: None,
                    organization: Some("ООО «Ромашка»".into()),
                    number: "79001234567".into(),
                    additional_info: None,
                },
                PushTask {
                    name: "17251".into(),
                    position: Some(String::new()),
                    organization: None,
                    number: "sip:test@mangosip.ru".into(),
                    additional_info: Some("x".into()),
                },
            ],
        };
        assert_eq!(
            serde_json::to_string(&push).unwrap(),
            concat!(
                r#"{"campaign_id":"17251","tasks":[{"name":"Иван","organization":"ООО «Ромашка»","number":"79001234567"},"#,
                r#"{"name":"17251","position":"","number":"sip:test@mangosip.ru","additional_info":"x"}]}"#
            )
        );
        // Manual 3.8.4.3 sends exactly {"campaign_id":"16340"}.
        assert_eq!(
            serde_json::to_string(&CampaignIdRequest { campaign_id: 16340 }).unwrap(),
            r#"{"campaign_id":"16340"}"#
        );
        assert_eq!(
            serde_json::to_string(&TaskIdRequest { task_id: 2489649 }).unwrap(),
            r#"{"task_id":"2489649"}"#
        );
    }

    #[test]
    fn lifecycle_answers() {
        let added: CampaignAdded = serde_json::from_str(r#"{"result":1000,"campaign_id":17775}"#).unwrap();
        assert_eq!(added.campaign_id, 17775);
        let started: CampaignStatusAnswer = serde_json::from_str(r#"{"result":1000,"status":1}"#).unwrap();
        assert_eq!(started.status, Some(CampaignStatus::Scheduled));
        let deleted: CampaignStatusAnswer = serde_json::from_str(r#"{"result":1000,"status":"6"}"#).unwrap();
        assert_eq!(deleted.status, Some(CampaignStatus::Deleting));
        let bare: CampaignStatusAnswer = serde_json::from_str(r#"{"result":1000}"#).unwrap();
        assert_eq!(bare.status, None);
    }

    /// Manual 3.8.2 example.
    #[test]
    fn campaign_answer() {
        let answer: CampaignAnswer = serde_json::from_str(
            r#"{"result":1000,"campaign":{"campaign_id":15661,"line_id":300012802,
            "created_by":{"user_id":300012801,"name":"admin","extension":"223"},"name":"1","start":1531256400,
            "end":1531429199,"status":4,"priority":2,"members":["223"],"redial_busy":3,"redial_no_answer":3,
            "redial_not_avail":3,"timer_busy":900,"timer_no_answer":3600,"timer_not_avail":3600,"answer_wait":30,
            "add_calls_coef":1,"dial_mode":4,"call_processing":0,"status_reason":3,"schema_id":null,"created":1531298393}}"#,
        )
        .unwrap();
        let c = answer.campaign;
        assert_eq!(
            (c.campaign_id, c.line_id, c.start, c.end),
            (15661, Some(300012802), Some(1531256400), Some(1531429199))
        );
        assert_eq!(c.status, CampaignStatus::Finished, "4 is finished in this numbering");
        assert_eq!(c.status_reason, Some(CampaignStatusReason::Expired));
        assert_eq!(c.created_by.unwrap().extension.as_deref(), Some("223"));
        assert_eq!(c.members, ["223"]);
        assert_eq!((c.add_calls_coef, c.schema_id, c.tasks_count), (Some(1.0), None, None));
    }

    /// Manual 3.8.1 example (with its missing `]` restored).
    #[test]
    fn campaign_list_answer() {
        let answer: CampaignListAnswer = serde_json::from_str(
            r#"{"result":1000,"cmd_id":"9bc21f7c-98e7-41a6-8588-19fed317bd9a","campaigns":[
            {"campaign_id":16064,"member_id":10014447,"name":"campaignName1","priority":2,"status":3,
             "start":"2018.10.12 00:00:00","end":"2018.10.13 23:59:59","member_ids":[10014447,10014448,10014449],
             "dial_mode":5,"redial_busy":3,"redial_no_answer":3,"redial_not_avail":3,"answer_wait":30,
             "additional_calls_coefficient":"1.0","timer_busy":900,"timer_no_answer":3600,"timer_not_avail":3600,
             "tasks_count":1,"finished_tasks_count":0,"created":"2018.10.12 17:23:28","completed":"2018.10.14 00:00:07"},
            {"campaign_id":"16065","status":4,"completed":null}]}"#,
        )
        .unwrap();
        let [first, second] = &answer.campaigns[..] else { panic!("two campaigns") };
        assert_eq!(first.status, CampaignStatus::Stopping);
        assert_eq!(first.additional_calls_coefficient, Some(1.0));
        assert_eq!(first.member_ids, [10014447, 10014448, 10014449]);
        assert_eq!(first.start.as_deref(), Some("2018.10.12 00:00:00"));
        assert_eq!(
            (second.campaign_id, second.status, second.completed.as_deref()),
            (16065, CampaignStatus::Stopped, None)
        );
    }

    /// Manual 3.8.3 example (which writes `Result` with a capital R).
    #[test]
    fn task_answer() {
        let answer: TaskAnswer = serde_json::from_str(
            r#"{"Result":1000,"task":{"campaign_task_id":2489649,"campaign_id":8327,"name":"0002489649",
            "position":null,"organization":null,"number":"+74995530896","talk_duration":0,"status":4,
            "status_reason":6,"comment":null,"blocked_until":1471590742,"transfer_number":"987",
            "updated":1471590642,"end":null,"created":null}}"#,
        )
        .unwrap();
        let t = answer.task;
        assert_eq!((t.campaign_task_id, t.campaign_id), (2489649, Some(8327)));
        assert_eq!(t.name.as_deref(), Some("0002489649"));
        assert_eq!(t.status, TaskStatus::Finished);
        assert_eq!(t.status_reason, Some(TaskOutcome::OperatorNoAnswer));
        assert_eq!((t.blocked_until, t.end, t.created), (Some(1471590742), None, None));
        assert!(
            serde_json::from_str::<TaskAnswer>(r#"{"task":{"campaign_task_id":1}}"#).is_err(),
            "status is required"
        );
    }
}
