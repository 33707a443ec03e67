//! MANGO numbers the same statuses differently per endpoint. Each numbering is mapped here,
//! once, into one internal enum; nothing else in Obzvon handles the raw numbers. The answer
//! types read their status fields through the adapters in [`numbering`], so a raw number
//! never leaves deserialisation.

/// A campaign's status, whichever endpoint reported it.
///
/// Two numberings: `campaign` and the `campaign/start|stop|delete` answers (manual 3.8.2,
/// 3.8.4.3–3.8.4.5) use 0–6; `campaign/get_list` (manual 3.8.1) uses 1–5 and 7.
#[derive(Clone, Copy, Debug, PartialEq, Eq, Hash)]
pub enum CampaignStatus {
    /// "остановлена": 0 in `campaign` and start/stop/delete answers (manual 3.8.2, 3.8.4.3),
    /// 4 in `campaign/get_list` (manual 3.8.1).
    Stopped,
    /// "запланирована": 1 in both numberings (manual 3.8.1, 3.8.2).
    Scheduled,
    /// "в работе": 2 in both numberings (manual 3.8.1, 3.8.2).
    Running,
    /// "останавливается": 3 in both numberings (manual 3.8.1, 3.8.2).
    Stopping,
    /// "завершена": 4 in `campaign` (manual 3.8.2), 5 in `campaign/get_list` (manual 3.8.1).
    Finished,
    /// "обрабатывается": 5 in `campaign` (manual 3.8.2), 7 in `campaign/get_list` (3.8.1).
    Processing,
    /// "удаляется": 6 in `campaign` (manual 3.8.2) and in a successful `campaign/delete`
    /// answer (manual 3.8.4.5); `campaign/get_list` has no number for it.
    Deleting,
    /// A number the manual does not list for that endpoint; kept so it can be shown and logged.
    Unknown(i64),
}

impl CampaignStatus {
    /// The numbering of `campaign` and of `campaign/start|stop|delete` answers (manual 3.8.2,
    /// 3.8.4.3–3.8.4.5): 0 stopped, 1 scheduled, 2 running, 3 stopping, 4 finished,
    /// 5 processing, 6 deleting.
    pub fn from_campaign(code: i64) -> CampaignStatus {
        match code {
            0 => CampaignStatus::Stopped,
            1 => CampaignStatus::Scheduled,
            2 => CampaignStatus::Running,
            3 => CampaignStatus::Stopping,
            4 => CampaignStatus::Finished,
            5 => CampaignStatus::Processing,
            6 => CampaignStatus::Deleting,
            other => CampaignStatus::Unknown(other),
        }
    }

    /// The numbering of `campaign/get_list` (manual 3.8.1): 1 scheduled, 2 running,
    /// 3 stopping, 4 stopped, 5 finished, 7 processing.
    pub fn from_list(code: i64) -> CampaignStatus {
        match code {
            1 => CampaignStatus::Scheduled,
            2 => CampaignStatus::Running,
            3 => CampaignStatus::Stopping,
            4 => CampaignStatus::Stopped,
            5 => CampaignStatus::Finished,
            7 => CampaignStatus::Processing,
            other => CampaignStatus::Unknown(other),
        }
    }

    /// Whether MANGO may still change it without us asking (worth polling).
    pub fn is_active(self) -> bool {
        matches!(
            self,
            CampaignStatus::Scheduled
                | CampaignStatus::Running
                | CampaignStatus::Stopping
                | CampaignStatus::Processing
        )
    }

    /// Manual 3.8.4.5: deletion is allowed only when stopped or finished.
    pub fn can_delete(self) -> bool {
        matches!(self, CampaignStatus::Stopped | CampaignStatus::Finished)
    }
}

/// Why a campaign is in its status (manual 3.8.2 `status_reason`).
#[derive(Clone, Copy, Debug, PartialEq, Eq, Hash)]
pub enum CampaignStatusReason {
    /// 1 "команда из вне": a command through the API (manual 3.8.2).
    ExternalCommand,
    /// 2 "выполнена": every task is done (manual 3.8.2).
    Completed,
    /// 3 "expired": past its end date (manual 3.8.2).
    Expired,
    /// 4 "не попадает в расписание": outside its schedule (manual 3.8.2).
    OutsideSchedule,
    /// 5 "пропал «Пинг»": MANGO lost its internal heartbeat (manual 3.8.2).
    PingLost,
    /// 6 "no service" (manual 3.8.2).
    NoService,
    /// 7 "no balance": the account ran out of money (manual 3.8.2).
    NoBalance,
    /// 8 "maintenance" (manual 3.8.2).
    Maintenance,
    /// 9 "остановлен администратором" (manual 3.8.2).
    StoppedByAdministrator,
    /// A number manual 3.8.2 does not list.
    Unknown(i64),
}

impl CampaignStatusReason {
    /// Every reason manual 3.8.2 lists, in its order.
    pub const KNOWN: [CampaignStatusReason; 9] = [
        CampaignStatusReason::ExternalCommand,
        CampaignStatusReason::Completed,
        CampaignStatusReason::Expired,
        CampaignStatusReason::OutsideSchedule,
        CampaignStatusReason::PingLost,
        CampaignStatusReason::NoService,
        CampaignStatusReason::NoBalance,
        CampaignStatusReason::Maintenance,
        CampaignStatusReason::StoppedByAdministrator,
    ];

    /// Manual 3.8.2 `status_reason`.
    pub fn from_code(code: i64) -> CampaignStatusReason {
        use CampaignStatusReason::*;
        match code {
            1 => ExternalCommand,
            2 => Completed,
            3 => Expired,
            4 => OutsideSchedule,
            5 => PingLost,
            6 => NoService,
            7 => NoBalance,
            8 => Maintenance,
            9 => StoppedByAdministrator,
            other => Unknown(other),
        }
    }

    /// MANGO's number for the reason (manual 3.8.2), the form it is stored in.
    pub fn code(self) -> i64 {
        use CampaignStatusReason::*;
        match self {
            ExternalCommand => 1,
            Completed => 2,
            Expired => 3,
            OutsideSchedule => 4,
            PingLost => 5,
            NoService => 6,
            NoBalance => 7,
            Maintenance => 8,
            StoppedByAdministrator => 9,
            Unknown(code) => code,
        }
    }
}

/// A campaign task's status (manual 3.8.3): 0 stopped, 1 queued, 2 in progress, 4 finished,
/// 6 deleted.
#[derive(Clone, Copy, Debug, PartialEq, Eq, Hash)]
pub enum TaskStatus {
    /// 0 "остановлен" (manual 3.8.3).
    Stopped,
    /// 1 "в очереди" (manual 3.8.3).
    Queued,
    /// 2 "в работе" (manual 3.8.3).
    InProgress,
    /// 4 "завершен" (manual 3.8.3).
    Finished,
    /// 6 "удален" (manual 3.8.3).
    Deleted,
    /// A number manual 3.8.3 does not list (it skips 3 and 5).
    Unknown(i64),
}

impl TaskStatus {
    /// A key to store and show ("finished", "in_progress", …).
    pub fn key(self) -> String {
        match self {
            TaskStatus::Stopped => "stopped".into(),
            TaskStatus::Queued => "queued".into(),
            TaskStatus::InProgress => "in_progress".into(),
            TaskStatus::Finished => "finished".into(),
            TaskStatus::Deleted => "deleted".into(),
            TaskStatus::Unknown(code) => format!("unknown_{code}"),
        }
    }

    /// The status a stored key names (the inverse of [`TaskStatus::key`]).
    pub fn from_key(key: &str) -> Option<TaskStatus> {
        if let Some(code) = key.strip_prefix("unknown_") {
            return code.parse().ok().map(TaskStatus::Unknown);
        }
        [
            TaskStatus::Stopped,
            TaskStatus::Queued,
            TaskStatus::InProgress,
            TaskStatus::Finished,
            TaskStatus::Deleted,
        ]
        .into_iter()
        .find(|status| status.key() == key)
    }

    /// Manual 3.8.3 `status`.
    pub fn from_code(code: i64) -> TaskStatus {
        match code {
            0 => TaskStatus::Stopped,
            1 => TaskStatus::Queued,
            2 => TaskStatus::InProgress,
            4 => TaskStatus::Finished,
            6 => TaskStatus::Deleted,
            other => TaskStatus::Unknown(other),
        }
    }
}

/// What happened to a task's last call (manual 3.8.3 `status_reason`).
#[derive(Clone, Copy, Debug, PartialEq, Eq, Hash)]
pub enum TaskOutcome {
    /// 1 "разговор состоялся" (manual 3.8.3).
    Talked,
    /// 2 "абонент занят" (manual 3.8.3).
    Busy,
    /// 3 "абонент не взял трубку" (manual 3.8.3).
    NoAnswer,
    /// 4 "абонент недоступен" (manual 3.8.3).
    Unavailable,
    /// 5 "оператор занят" (manual 3.8.3).
    OperatorBusy,
    /// 6 "оператор не взял трубку" (manual 3.8.3).
    OperatorNoAnswer,
    /// 7 "оператор недоступен" (manual 3.8.3).
    OperatorUnavailable,
    /// 8 "номер внешнего абонента не существует" (manual 3.8.3).
    NumberDoesNotExist,
    /// 10 "Оператор не дождался ответа клиента" (manual 3.8.3).
    OperatorGaveUp,
    /// 11 "Остановлен администратором" (manual 3.8.3).
    StoppedByAdministrator,
    /// A number manual 3.8.3 does not list (it skips 9).
    Unknown(i64),
}

impl TaskOutcome {
    /// MANGO's number for the reason (manual 3.8.3), the form it is stored in.
    pub fn code(self) -> i64 {
        use TaskOutcome::*;
        match self {
            Talked => 1,
            Busy => 2,
            NoAnswer => 3,
            Unavailable => 4,
            OperatorBusy => 5,
            OperatorNoAnswer => 6,
            OperatorUnavailable => 7,
            NumberDoesNotExist => 8,
            OperatorGaveUp => 10,
            StoppedByAdministrator => 11,
            Unknown(code) => code,
        }
    }

    /// Manual 3.8.3 `status_reason`.
    pub fn from_code(code: i64) -> TaskOutcome {
        use TaskOutcome::*;
        match code {
            1 => Talked,
            2 => Busy,
            3 => NoAnswer,
            4 => Unavailable,
            5 => OperatorBusy,
            6 => OperatorNoAnswer,
            7 => OperatorUnavailable,
            8 => NumberDoesNotExist,
            10 => OperatorGaveUp,
            11 => StoppedByAdministrator,
            other => Unknown(other),
        }
    }
}

/// Manual 4.4 (`events/user/status_changed`, `status`): an operator's Contact Center status.
/// `None` for a number the manual does not list.
pub fn cc_status_from_code(code: i64) -> Option<app::api::directory::CcStatus> {
    use app::api::directory::CcStatus::*;
    match code {
        1 => Some(Online),
        2 => Some(DoNotDisturb),
        3 => Some(Break),
        4 => Some(Offline),
        5 => Some(OutboundDialing),
        _ => None,
    }
}

/// A call's outcome from what its events say (manual 3.1.1 `disconnect_reason`, 3.1.5
/// `entry_result`; codes from the result-code seeds). `talked` is the summary's word when it
/// has arrived; `answered` whether a Connected state was seen.
pub fn call_outcome(
    ended: bool,
    talked: Option<bool>,
    answered: bool,
    reason: Option<i64>,
) -> app::api::board::CallOutcome {
    use app::api::board::CallOutcome::*;
    if !ended {
        return InProgress;
    }
    if talked == Some(true) {
        return Talked;
    }
    let Some(reason) = reason else { return if answered && talked.is_none() { Talked } else { Failed } };
    // An unlisted code ends as its class does (an unknown 112x as 1120; seed 000's class rule).
    let reason =
        u32::try_from(reason).map(|code| i64::from(crate::mango::codes::reads_as(code))).unwrap_or(reason);
    match reason {
        // 1100 ended normally, 1110 by the caller, 1120 by the called party: a conversation
        // if the call was answered (and the summary does not say otherwise).
        1100 | 1110 | 1120 if answered && talked.is_none() => Talked,
        // The caller is our side in outbound dialing: it hung up before the client answered.
        1110 => OperatorSide,
        1100 | 1120 => NoAnswer,
        // 1111 no answer within the wait: the client's if nobody answered, else the operator's.
        1111 if answered => OperatorSide,
        1111 => NoAnswer,
        // 1121 busy, 1122 rejected, 1123 do not disturb, 1193 busy with auto-reject.
        1121 | 1122 | 1123 | 1193 => Busy,
        // 1133 the number does not exist; 32xx the number is wrong.
        1133 | 3200..=3299 => NoSuchNumber,
        // 1130–1132 restrictions, unavailable, not in service; 119x inactive; 42xx cannot be reached.
        1130..=1132 | 1190..=1192 | 4200..=4299 => Unavailable,
        // 1124 operator in do-not-disturb, 1125 operator stopped the task, 116x groups and
        // queues, 118x ended by a user command or pickup.
        1124 | 1125 | 1160..=1164 | 1180..=1183 => OperatorSide,
        _ => Failed,
    }
}

/// Serde adapters: each answer field names the numbering it is written in, and the number
/// (JSON number or numeric string) becomes the internal enum right there.
pub mod numbering {
    use serde::Deserializer;

    use super::{CampaignStatus, CampaignStatusReason, TaskOutcome, TaskStatus};
    use crate::mango::lenient;

    /// `status` of `campaign` and of `campaign/start|stop|delete` (manual 3.8.2, 3.8.4.3–5).
    pub fn campaign<'de, D: Deserializer<'de>>(d: D) -> Result<CampaignStatus, D::Error> {
        lenient::number(d).map(CampaignStatus::from_campaign)
    }

    /// The same numbering where the field may be missing or null.
    pub fn optional_campaign<'de, D: Deserializer<'de>>(d: D) -> Result<Option<CampaignStatus>, D::Error> {
        Ok(lenient::optional_number(d)?.map(CampaignStatus::from_campaign))
    }

    /// `status` of `campaign/get_list` (manual 3.8.1).
    pub fn list<'de, D: Deserializer<'de>>(d: D) -> Result<CampaignStatus, D::Error> {
        lenient::number(d).map(CampaignStatus::from_list)
    }

    /// `status_reason` of `campaign` (manual 3.8.2); null while there is none.
    pub fn optional_campaign_reason<'de, D: Deserializer<'de>>(
        d: D,
    ) -> Result<Option<CampaignStatusReason>, D::Error> {
        Ok(lenient::optional_number(d)?.map(CampaignStatusReason::from_code))
    }

    /// `status` of `task` (manual 3.8.3).
    pub fn task<'de, D: Deserializer<'de>>(d: D) -> Result<TaskStatus, D::Error> {
        lenient::number(d).map(TaskStatus::from_code)
    }

    /// `status_reason` of `task` (manual 3.8.3); null before the first call.
    pub fn optional_task_outcome<'de, D: Deserializer<'de>>(d: D) -> Result<Option<TaskOutcome>, D::Error> {
        Ok(lenient::optional_number(d)?.map(TaskOutcome::from_code))
    }
}

#[cfg(test)]
mod call_outcome_tests {
    use super::call_outcome;
    use app::api::board::CallOutcome::*;

    #[test]
    fn each_emulated_outcome_reads_as_itself() {
        assert_eq!(call_outcome(false, None, true, None), InProgress);
        assert_eq!(call_outcome(true, Some(true), true, Some(1110)), Talked);
        assert_eq!(call_outcome(true, None, true, Some(1120)), Talked, "before the summary arrives");
        assert_eq!(call_outcome(true, Some(false), false, Some(1121)), Busy);
        assert_eq!(call_outcome(true, Some(false), false, Some(1111)), NoAnswer);
        assert_eq!(call_outcome(true, Some(false), true, Some(1111)), OperatorSide);
        assert_eq!(call_outcome(true, Some(false), false, Some(1131)), Unavailable);
        assert_eq!(call_outcome(true, Some(false), false, Some(1133)), NoSuchNumber);
        assert_eq!(call_outcome(true, Some(false), false, Some(1110)), OperatorSide);
        assert_eq!(call_outcome(true, Some(false), false, Some(2210)), Failed);
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn stored_reasons_and_task_statuses_read_back_as_they_were() {
        for code in -1..=13 {
            assert_eq!(CampaignStatusReason::from_code(code).code(), code);
            assert_eq!(TaskOutcome::from_code(code).code(), code);
            let status = TaskStatus::from_code(code);
            assert_eq!(TaskStatus::from_key(&status.key()), Some(status), "{status:?}");
        }
        assert_eq!(TaskStatus::from_key("in_progress"), Some(TaskStatus::InProgress));
        assert_eq!(TaskStatus::from_key("in progress"), None);
    }

    #[test]
    fn campaign_numbering_of_campaign_and_lifecycle_answers() {
        use CampaignStatus::*;
        let mapped: Vec<CampaignStatus> = (-1..=7).map(CampaignStatus::from_campaign).collect();
        assert_eq!(
            mapped,
            [Unknown(-1), Stopped, Scheduled, Running, Stopping, Finished, Processing, Deleting, Unknown(7)]
        );
    }

    #[test]
    fn campaign_numbering_of_get_list() {
        use CampaignStatus::*;
        let mapped: Vec<CampaignStatus> = (0..=8).map(CampaignStatus::from_list).collect();
        assert_eq!(
            mapped,
            [Unknown(0), Scheduled, Running, Stopping, Stopped, Finished, Unknown(6), Processing, Unknown(8)]
        );
    }

    #[test]
    fn the_two_campaign_numberings_meet_in_one_enum() {
        // "Stopped" is 0 in one numbering and 4 in the other; 4 means "finished" in the first.
        assert_eq!(CampaignStatus::from_campaign(0), CampaignStatus::from_list(4));
        assert_eq!(CampaignStatus::from_campaign(4), CampaignStatus::from_list(5));
        assert_eq!(CampaignStatus::from_campaign(5), CampaignStatus::from_list(7));
        for code in 1..=3 {
            assert_eq!(CampaignStatus::from_campaign(code), CampaignStatus::from_list(code));
        }
    }

    #[test]
    fn what_the_statuses_allow() {
        assert!(CampaignStatus::Stopped.can_delete() && CampaignStatus::Finished.can_delete());
        assert!(!CampaignStatus::Running.can_delete() && !CampaignStatus::Scheduled.can_delete());
        assert!(!CampaignStatus::Deleting.can_delete() && !CampaignStatus::Unknown(9).can_delete());
        assert!(CampaignStatus::Running.is_active() && CampaignStatus::Processing.is_active());
        assert!(!CampaignStatus::Stopped.is_active() && !CampaignStatus::Finished.is_active());
    }

    #[test]
    fn campaign_reasons() {
        use CampaignStatusReason::*;
        let mapped: Vec<CampaignStatusReason> = (0..=10).map(CampaignStatusReason::from_code).collect();
        assert_eq!(
            mapped,
            [
                Unknown(0),
                ExternalCommand,
                Completed,
                Expired,
                OutsideSchedule,
                PingLost,
                NoService,
                NoBalance,
                Maintenance,
                StoppedByAdministrator,
                Unknown(10)
            ]
        );
    }

    #[test]
    fn task_statuses() {
        use TaskStatus::*;
        let mapped: Vec<TaskStatus> = (0..=7).map(TaskStatus::from_code).collect();
        assert_eq!(
            mapped,
            [Stopped, Queued, InProgress, Unknown(3), Finished, Unknown(5), Deleted, Unknown(7)]
        );
    }

    #[test]
    fn task_outcomes() {
        use TaskOutcome::*;
        let mapped: Vec<TaskOutcome> = (0..=12).map(TaskOutcome::from_code).collect();
        assert_eq!(
            mapped,
            [
                Unknown(0),
                Talked,
                Busy,
                NoAnswer,
                Unavailable,
                OperatorBusy,
                OperatorNoAnswer,
                OperatorUnavailable,
                NumberDoesNotExist,
                Unknown(9),
                OperatorGaveUp,
                StoppedByAdministrator,
                Unknown(12)
            ]
        );
    }

    #[test]
    fn adapters_read_numbers_and_strings_through_their_own_numbering() {
        use serde::Deserialize;
        #[derive(Deserialize)]
        struct Answers {
            #[serde(deserialize_with = "numbering::campaign")]
            one: CampaignStatus,
            #[serde(deserialize_with = "numbering::list")]
            listed: CampaignStatus,
            #[serde(deserialize_with = "numbering::task")]
            task: TaskStatus,
            #[serde(default, deserialize_with = "numbering::optional_task_outcome")]
            outcome: Option<TaskOutcome>,
            #[serde(default, deserialize_with = "numbering::optional_campaign_reason")]
            reason: Option<CampaignStatusReason>,
            #[serde(default, deserialize_with = "numbering::optional_campaign")]
            maybe: Option<CampaignStatus>,
        }
        let a: Answers =
            serde_json::from_str(r#"{"one": "4", "listed": 4, "task": "6", "outcome": 10, "reason": null}"#)
                .unwrap();
        assert_eq!(a.one, CampaignStatus::Finished);
        assert_eq!(a.listed, CampaignStatus::Stopped);
        assert_eq!(a.task, TaskStatus::Deleted);
        assert_eq!(a.outcome, Some(TaskOutcome::OperatorGaveUp));
        assert_eq!((a.reason, a.maybe), (None, None));
        let unknown: Answers =
            serde_json::from_str(r#"{"one": 99, "listed": "0", "task": 3, "maybe": "6"}"#).unwrap();
        assert_eq!(unknown.one, CampaignStatus::Unknown(99));
        assert_eq!(unknown.listed, CampaignStatus::Unknown(0));
        assert_eq!(unknown.task, TaskStatus::Unknown(3));
        assert_eq!(unknown.maybe, Some(CampaignStatus::Deleting));
        assert!(serde_json::from_str::<Answers>(r#"{"one": "x", "listed": 1, "task": 1}"#).is_err());
    }
}
