//! A campaign's live board: progress from MANGO's counts, and what happened to each call from
//! MANGO's events (manual 3.1.1, 3.1.5, 4.4).

use serde::{Deserialize, Serialize};

/// What became of one call, in words a person reads on the board.
#[derive(Clone, Copy, Debug, PartialEq, Eq, Hash, PartialOrd, Ord, Serialize, Deserialize)]
pub enum CallOutcome {
    InProgress,
    Talked,
    Busy,
    NoAnswer,
    Unavailable,
    NoSuchNumber,
    /// Our side: no operator answered, an operator hung up before the client answered, …
    OperatorSide,
    /// Billing, technical or other failures.
    Failed,
}

impl CallOutcome {
    pub const ALL: [CallOutcome; 8] = [
        CallOutcome::Talked,
        CallOutcome::Busy,
        CallOutcome::NoAnswer,
        CallOutcome::Unavailable,
        CallOutcome::NoSuchNumber,
        CallOutcome::OperatorSide,
        CallOutcome::Failed,
        CallOutcome::InProgress,
    ];

    pub fn key(self) -> &'static str {
        match self {
            CallOutcome::InProgress => "in_progress",
            CallOutcome::Talked => "talked",
            CallOutcome::Busy => "busy",
            CallOutcome::NoAnswer => "no_answer",
            CallOutcome::Unavailable => "unavailable",
            CallOutcome::NoSuchNumber => "no_such_number",
            CallOutcome::OperatorSide => "operator_side",
            CallOutcome::Failed => "failed",
        }
    }

    pub fn from_key(key: &str) -> Option<CallOutcome> {
        CallOutcome::ALL.into_iter().find(|o| o.key() == key)
    }

    pub fn label(self) -> &'static str {
        let t = &crate::i18n::t().board;
        match self {
            CallOutcome::InProgress => t.outcome_in_progress,
            CallOutcome::Talked => t.outcome_talked,
            CallOutcome::Busy => t.outcome_busy,
            CallOutcome::NoAnswer => t.outcome_no_answer,
            CallOutcome::Unavailable => t.outcome_unavailable,
            CallOutcome::NoSuchNumber => t.outcome_no_such_number,
            CallOutcome::OperatorSide => t.outcome_operator_side,
            CallOutcome::Failed => t.outcome_failed,
        }
    }
}

#[derive(Clone, Debug, PartialEq, Eq, Serialize, Deserialize)]
pub struct OutcomeCount {
    pub outcome: CallOutcome,
    pub label: String,
    pub count: i64,
    /// MANGO's end codes behind the count, with the catalog's words: "1121 Remote side
    /// answered \"busy\" (3)".
    pub reasons: Vec<String>,
}

/// One call in the live feed.
#[derive(Clone, Debug, PartialEq, Eq, Serialize, Deserialize)]
pub struct FeedCall {
    pub call_key: String,
    pub number: String,
    pub lead_name: Option<String>,
    pub operator: Option<String>,
    pub outcome: CallOutcome,
    /// MANGO's reason code and the catalog's words for it.
    pub reason: Option<String>,
    pub talk_seconds: i64,
    pub at: String,
    /// The call's recording, when MANGO keeps one that can be played (Obzvon's id).
    #[serde(default)]
    pub recording: Option<i64>,
}

/// An operator's part in the campaign.
#[derive(Clone, Debug, PartialEq, Eq, Serialize, Deserialize)]
pub struct OperatorRow {
    pub name: String,
    pub extension: String,
    pub calls: i64,
    pub talks: i64,
    pub talk_seconds: i64,
    /// The Contact Center status from the latest event or directory refresh, in words.
    pub status: Option<String>,
}

/// Finished calls in one stretch of time, by outcome (for the chart).
#[derive(Clone, Debug, PartialEq, Eq, Serialize, Deserialize)]
pub struct TimeBucket {
    /// Local time the stretch starts ("14:05").
    pub label: String,
    pub counts: Vec<(CallOutcome, i64)>,
}

#[derive(Clone, Debug, PartialEq, Serialize, Deserialize)]
pub struct BoardView {
    pub campaign_id: i64,
    pub campaign_name: String,
    pub state_label: String,
    /// MANGO's own counts (campaign/get_list, polled).
    pub tasks_total: Option<i64>,
    pub tasks_finished: Option<i64>,
    /// Calls seen through events.
    pub calls: i64,
    /// Our tasks with no call seen yet.
    pub queued: i64,
    pub outcomes: Vec<OutcomeCount>,
    pub operators: Vec<OperatorRow>,
    pub feed: Vec<FeedCall>,
    /// Finished calls over time, oldest first (at most [`TIME_BUCKETS`] stretches).
    pub timeline: Vec<TimeBucket>,
    /// Events received for this campaign, and when the last one arrived.
    pub events_received: i64,
    pub last_event_at: Option<String>,
    /// Tasks whose numbers got onto the do-not-call list while MANGO may still dial them, in
    /// words ("Анна, 79161234567: on the list since …").
    #[serde(default)]
    pub do_not_call_waiting: Vec<String>,
    /// What needs attention now (each clears itself when its cause is gone).
    #[serde(default)]
    pub alerts: Vec<super::alerts::Alert>,
    /// When it will be done at the pace so far; `None` while there is no basis for it.
    #[serde(default)]
    pub pace: Option<super::forecast::PaceForecast>,
}

/// Stretches of the outcomes chart.
pub const TIME_BUCKETS: i64 = 12;

use leptos::prelude::*;
use leptos::server_fn::codec::Json;

use super::error::AppError;
#[cfg(feature = "ssr")]
use super::{backend::*, roles::Permission};

#[server(endpoint = "board/get", input = Json)]
pub async fn get_board(campaign_id: i64) -> Result<BoardView, AppError> {
    respond(async move {
        authorize(Permission::ViewCampaigns)?;
        backend()?.board(campaign_id).await
    })
    .await
}
