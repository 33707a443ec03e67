//! MANGO numbers the same statuses differently per endpoint. Each numbering is mapped here,
//! once, into one internal enum; nothing else in Obzvon handles the raw numbers.

/// A campaign's status, whichever endpoint reported it.
#[derive(Clone, Copy, Debug, PartialEq, Eq, Hash)]
pub enum CampaignStatus {
    Stopped,
    Scheduled,
    Running,
    Stopping,
    Finished,
    Processing,
    Deleting,
    /// A number the manual does not list; kept so it can be shown and logged.
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
            CampaignStatus::Scheduled | CampaignStatus::Running | CampaignStatus::Stopping | CampaignStatus::Processing
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
    ExternalCommand,
    Completed,
    Expired,
    OutsideSchedule,
    PingLost,
    NoService,
    NoBalance,
    Maintenance,
    StoppedByAdministrator,
    Unknown(i64),
}

impl CampaignStatusReason {
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
}

/// A campaign task's status (manual 3.8.3): 0 stopped, 1 queued, 2 in progress, 4 finished,
/// 6 deleted.
#[derive(Clone, Copy, Debug, PartialEq, Eq, Hash)]
pub enum TaskStatus {
    Stopped,
    Queued,
    InProgress,
    Finished,
    Deleted,
    Unknown(i64),
}

impl TaskStatus {
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
    Talked,
    Busy,
    NoAnswer,
    Unavailable,
    OperatorBusy,
    OperatorNoAnswer,
    OperatorUnavailable,
    NumberDoesNotExist,
    OperatorGaveUp,
    StoppedByAdministrator,
    Unknown(i64),
}

impl TaskOutcome {
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

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn the_two_campaign_numberings_meet_in_one_enum() {
        // "Stopped" is 0 in one numbering and 4 in the other; 4 means "finished" in the first.
        assert_eq!(CampaignStatus::from_campaign(0), CampaignStatus::from_list(4));
        assert_eq!(CampaignStatus::from_campaign(4), CampaignStatus::from_list(5));
        assert_eq!(CampaignStatus::from_campaign(4), CampaignStatus::Finished);
        assert_eq!(CampaignStatus::from_list(4), CampaignStatus::Stopped);
        assert_eq!(CampaignStatus::from_campaign(5), CampaignStatus::from_list(7));
        for code in 1..=3 {
            assert_eq!(CampaignStatus::from_campaign(code), CampaignStatus::from_list(code));
        }
        assert_eq!(CampaignStatus::from_campaign(6), CampaignStatus::Deleting);
        assert_eq!(CampaignStatus::from_list(0), CampaignStatus::Unknown(0));
        assert_eq!(CampaignStatus::from_campaign(9), CampaignStatus::Unknown(9));
    }

    #[test]
    fn what_the_statuses_allow() {
        assert!(CampaignStatus::Stopped.can_delete() && CampaignStatus::Finished.can_delete());
        assert!(!CampaignStatus::Running.can_delete() && !CampaignStatus::Scheduled.can_delete());
        assert!(CampaignStatus::Running.is_active() && !CampaignStatus::Stopped.is_active());
    }

    #[test]
    fn task_numberings() {
        let statuses: Vec<TaskStatus> = [0, 1, 2, 3, 4, 5, 6].into_iter().map(TaskStatus::from_code).collect();
        assert_eq!(
            statuses,
            [
                TaskStatus::Stopped,
                TaskStatus::Queued,
                TaskStatus::InProgress,
                TaskStatus::Unknown(3),
                TaskStatus::Finished,
                TaskStatus::Unknown(5),
                TaskStatus::Deleted
            ]
        );
        assert_eq!(TaskOutcome::from_code(8), TaskOutcome::NumberDoesNotExist);
        assert_eq!(TaskOutcome::from_code(9), TaskOutcome::Unknown(9), "the manual skips 9");
        assert_eq!(TaskOutcome::from_code(10), TaskOutcome::OperatorGaveUp);
        assert_eq!(CampaignStatusReason::from_code(3), CampaignStatusReason::Expired);
        assert_eq!(CampaignStatusReason::from_code(10), CampaignStatusReason::Unknown(10));
    }
}
