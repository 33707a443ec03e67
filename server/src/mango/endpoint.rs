//! The methods this client calls: where each lives, which limits it counts against
//! (manual 1.4), and whether it may be sent again when its answer was lost.

use std::fmt;

use super::limits::LimitClass;

/// Which of MANGO's two APIs, each with its own base URL (manual 2.1.1, 2.1.2).
#[derive(Clone, Copy, Debug, PartialEq, Eq)]
pub enum Api {
    Vpbx,
    Cc,
}

/// Whether repeating a request whose answer was lost (timeout, dropped connection) is
/// harmless. A request that never left (connection refused) may always be repeated, and so
/// may one MANGO refused for the rate limit (503 / 5008): it was not carried out.
#[derive(Clone, Copy, Debug, PartialEq, Eq)]
pub enum RetrySafety {
    /// A read, or otherwise harmless to do twice.
    Safe,
    /// Doing it twice does harm, or the repeat's answer would misreport the first.
    NotSafe,
}

#[derive(Clone, Copy, Debug, PartialEq, Eq)]
pub struct Endpoint<'a> {
    pub api: Api,
    /// Relative to the API's base URL, without a leading slash.
    pub path: &'a str,
    /// Specific classes first, the general one last (see `RateLimits::until_ready`).
    pub limits: &'static [LimitClass],
    pub retry: RetrySafety,
}

impl fmt::Display for Endpoint<'_> {
    fn fmt(&self, f: &mut fmt::Formatter<'_>) -> fmt::Result {
        let api = match self.api {
            Api::Vpbx => "vpbx",
            Api::Cc => "cc",
        };
        write!(f, "{api}/{}", self.path)
    }
}

const VPBX: &[LimitClass] = &[LimitClass::VpbxAll];

const fn vpbx(path: &'static str, retry: RetrySafety) -> Endpoint<'static> {
    Endpoint { api: Api::Vpbx, path, limits: VPBX, retry }
}

/// Manual 3.6.1 `config/users/request`, limited to 1 per 2 s (manual 1.4.1). A read: safe.
pub const USERS: Endpoint<'static> = Endpoint {
    api: Api::Vpbx,
    path: "config/users/request",
    limits: &[LimitClass::VpbxUsersRequest, LimitClass::VpbxAll],
    retry: RetrySafety::Safe,
};

/// Manual 3.6.7 `incominglines`. A read: safe.
pub const INCOMING_LINES: Endpoint<'static> = vpbx("incominglines", RetrySafety::Safe);

/// Manual 3.6.8 `audiofiles`. A read: safe.
pub const AUDIO_FILES: Endpoint<'static> = vpbx("audiofiles", RetrySafety::Safe);

/// Manual 3.6.6 `account/balance`, limited to 2 per second (manual 1.4.1). A read: safe.
pub const BALANCE: Endpoint<'static> = Endpoint {
    api: Api::Vpbx,
    path: "account/balance",
    limits: &[LimitClass::VpbxBalance, LimitClass::VpbxAll],
    retry: RetrySafety::Safe,
};

/// Manual 3.8.4.1 `campaign/add`. Not safe: the request carries no idempotency key, so a
/// repeat after a lost answer creates a second campaign (and counts against 5103, the
/// campaign limit). After a lost answer, look for the campaign in `campaign/get_list`.
pub const CAMPAIGN_ADD: Endpoint<'static> = vpbx("campaign/add", RetrySafety::NotSafe);

/// Manual 3.8.4.2 `tasks/push`. Not safe: if the first push landed, a repeat adds the same
/// numbers again and MANGO refuses with 5109 (repeated numbers) or, worse, accepts a partial
/// duplicate; the answer carries no task ids to tell. After a lost answer, compare the
/// campaign's `tasks_count` before pushing again.
pub const TASKS_PUSH: Endpoint<'static> = vpbx("tasks/push", RetrySafety::NotSafe);

/// Manual 3.8.4.3 `campaign/start`. Not safe: the effect is idempotent, but if the first
/// start landed a repeat is refused with 5106 (the status no longer allows starting), which
/// would report a failure for a campaign that is in fact starting. Read `campaign` instead.
pub const CAMPAIGN_START: Endpoint<'static> = vpbx("campaign/start", RetrySafety::NotSafe);

/// Manual 3.8.4.4 `campaign/stop`. Not safe, for the same reason as start: a repeat after a
/// landed stop answers 5106 for a campaign that did stop. Read `campaign` instead.
pub const CAMPAIGN_STOP: Endpoint<'static> = vpbx("campaign/stop", RetrySafety::NotSafe);

/// Manual 3.8.4.5 `campaign/delete`. Not safe: a repeat after a landed delete is refused
/// (status 6 "deleting" does not allow deletion), misreporting a deletion that happened.
pub const CAMPAIGN_DELETE: Endpoint<'static> = vpbx("campaign/delete", RetrySafety::NotSafe);

/// Manual 3.8.2 `campaign`. A read: safe.
pub const CAMPAIGN: Endpoint<'static> = vpbx("campaign", RetrySafety::Safe);

/// Manual 3.8.1 `campaign/get_list`. A read: safe. The manual's heading says
/// `/vpbx/campaign/get_list` but its example calls `/vpbx/io/v1/campaign/get_list`; the
/// client tries the paths of [`CAMPAIGN_LIST_PATHS`] and keeps the one that answers.
pub const CAMPAIGN_LIST: Endpoint<'static> = vpbx(CAMPAIGN_LIST_EXAMPLE_PATH, RetrySafety::Safe);

/// Manual 3.8.1, its example: `POST https://app.mango-office.ru/vpbx/io/v1/campaign/get_list`.
pub const CAMPAIGN_LIST_EXAMPLE_PATH: &str = "io/v1/campaign/get_list";
/// Manual 3.8.1, its heading: `POST /vpbx /campaign/get_list`.
pub const CAMPAIGN_LIST_HEADING_PATH: &str = "campaign/get_list";
/// The order they are tried in: the example's full address first (it reads as a copied
/// real request; the heading has a stray space), then the heading's.
pub const CAMPAIGN_LIST_PATHS: [&str; 2] = [CAMPAIGN_LIST_EXAMPLE_PATH, CAMPAIGN_LIST_HEADING_PATH];

/// Manual 3.8.3 `task`. A read: safe.
pub const TASK: Endpoint<'static> = vpbx("task", RetrySafety::Safe);

/// Manual 4.2 `POST /cc/task/add`, i.e. `task/add` under the CC base
/// `https://app.mango-office.ru/cc/` (manual 2.1.2); limited to 5 per second (manual 1.4.2,
/// 4.2). Not safe: a repeat creates a second callback task, and the client would be called
/// twice.
pub const CC_TASK_ADD: Endpoint<'static> = Endpoint {
    api: Api::Cc,
    path: "task/add",
    limits: &[LimitClass::CcTaskAdd, LimitClass::CcAll],
    retry: RetrySafety::NotSafe,
};

const RECORDINGS: &[LimitClass] = &[LimitClass::VpbxRecordings, LimitClass::VpbxAll];

/// Manual 3.4.1 `queries/recording/post`: answers 302 to a one-time file link. Safe: asking
/// again only makes another link. The heading writes it with a trailing slash, the example
/// without; the client tries [`RECORDING_POST_PATHS`].
pub const RECORDING_POST: Endpoint<'static> =
    Endpoint { api: Api::Vpbx, path: "queries/recording/post", limits: RECORDINGS, retry: RetrySafety::Safe };
/// Manual 3.4.1: the example's path, then the heading's.
pub const RECORDING_POST_PATHS: [&str; 2] = ["queries/recording/post", "queries/recording/post/"];

/// Manual 3.4.5 `queries/recording_transcripts`. A read: safe. Its heading says
/// `/queries/recording_transcripts/`, its example `/vpbx/queries/recording_transcripts`.
pub const RECORDING_TRANSCRIPTS: Endpoint<'static> = Endpoint {
    api: Api::Vpbx,
    path: "queries/recording_transcripts",
    limits: RECORDINGS,
    retry: RetrySafety::Safe,
};
/// Manual 3.4.5: the example's path, then the heading's.
pub const RECORDING_TRANSCRIPTS_PATHS: [&str; 2] =
    ["queries/recording_transcripts", "queries/recording_transcripts/"];

/// Manual 3.4.4 `queries/recording_categories`. A read: safe.
pub const RECORDING_CATEGORIES: Endpoint<'static> = Endpoint {
    api: Api::Vpbx,
    path: "queries/recording_categories",
    limits: RECORDINGS,
    retry: RetrySafety::Safe,
};
/// Manual 3.4.4: the example's path, then the heading's.
pub const RECORDING_CATEGORIES_PATHS: [&str; 2] =
    ["queries/recording_categories", "queries/recording_categories/"];

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn every_endpoint_counts_against_its_api_wide_limit_last() {
        let all = [
            USERS,
            INCOMING_LINES,
            AUDIO_FILES,
            BALANCE,
            CAMPAIGN_ADD,
            TASKS_PUSH,
            CAMPAIGN_START,
            CAMPAIGN_STOP,
            CAMPAIGN_DELETE,
            CAMPAIGN,
            CAMPAIGN_LIST,
            TASK,
            CC_TASK_ADD,
            RECORDING_POST,
            RECORDING_TRANSCRIPTS,
            RECORDING_CATEGORIES,
        ];
        for endpoint in all {
            let general = match endpoint.api {
                Api::Vpbx => LimitClass::VpbxAll,
                Api::Cc => LimitClass::CcAll,
            };
            assert_eq!(endpoint.limits.last(), Some(&general), "{endpoint}");
            assert!(!endpoint.path.starts_with('/'), "{endpoint}");
        }
    }

    #[test]
    fn specific_limits_and_retry_safety() {
        assert_eq!(USERS.limits, &[LimitClass::VpbxUsersRequest, LimitClass::VpbxAll]);
        assert_eq!(BALANCE.limits, &[LimitClass::VpbxBalance, LimitClass::VpbxAll]);
        assert_eq!(CC_TASK_ADD.limits, &[LimitClass::CcTaskAdd, LimitClass::CcAll]);
        assert_eq!(TASKS_PUSH.limits, &[LimitClass::VpbxAll]);
        for write in [CAMPAIGN_ADD, TASKS_PUSH, CAMPAIGN_START, CAMPAIGN_STOP, CAMPAIGN_DELETE, CC_TASK_ADD] {
            assert_eq!(write.retry, RetrySafety::NotSafe, "{write}");
        }
        for read in [USERS, INCOMING_LINES, AUDIO_FILES, BALANCE, CAMPAIGN, CAMPAIGN_LIST, TASK] {
            assert_eq!(read.retry, RetrySafety::Safe, "{read}");
        }
        assert_eq!(CC_TASK_ADD.to_string(), "cc/task/add");
        assert_eq!(TASKS_PUSH.to_string(), "vpbx/tasks/push");
    }
}
