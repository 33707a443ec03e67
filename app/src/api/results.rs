//! A campaign's results: what happened to every lead, from its calls' events.

use serde::{Deserialize, Serialize};

use super::board::CallOutcome;
use super::recordings::CallRecording;

/// Filters of the results table (also the export's query string).
#[derive(Clone, Debug, Default, PartialEq, Eq, Serialize, Deserialize)]
pub struct ResultsFilter {
    /// The last call's outcome; `None`: any. "not_called" is not an outcome: use `not_called`.
    #[serde(default)]
    pub outcome: Option<CallOutcome>,
    #[serde(default)]
    pub not_called: bool,
    /// An operator's extension.
    #[serde(default)]
    pub operator: Option<String>,
    #[serde(default)]
    pub min_attempts: Option<i64>,
    /// Part of the number or the name.
    #[serde(default)]
    pub search: String,
    /// A topic MANGO's speech analytics found in one of the lead's calls (manual 3.4.4).
    #[serde(default)]
    pub topic: Option<String>,
    /// Words said in one of the lead's calls (its transcript, manual 3.4.5); team leads and
    /// administrators only.
    #[serde(default)]
    pub said: String,
}

impl ResultsFilter {
    /// The filter as a query string for the export links.
    pub fn to_query(&self) -> String {
        let mut parts: Vec<(String, String)> = Vec::new();
        if let Some(outcome) = self.outcome {
            parts.push(("outcome".into(), outcome.key().into()));
        }
        if self.not_called {
            parts.push(("not_called".into(), "true".into()));
        }
        if let Some(operator) = &self.operator {
            parts.push(("operator".into(), operator.clone()));
        }
        if let Some(min) = self.min_attempts {
            parts.push(("min_attempts".into(), min.to_string()));
        }
        if !self.search.trim().is_empty() {
            parts.push(("search".into(), self.search.trim().to_string()));
        }
        if let Some(topic) = &self.topic {
            parts.push(("topic".into(), topic.clone()));
        }
        if !self.said.trim().is_empty() {
            parts.push(("said".into(), self.said.trim().to_string()));
        }
        parts.into_iter().map(|(k, v)| format!("{k}={}", js_free_encode(&v))).collect::<Vec<_>>().join("&")
    }
}

/// Percent-encodes a query value (no dependency on the browser for it).
fn js_free_encode(value: &str) -> String {
    let mut out = String::new();
    for byte in value.bytes() {
        match byte {
            b'A'..=b'Z' | b'a'..=b'z' | b'0'..=b'9' | b'-' | b'_' | b'.' | b'~' => out.push(byte as char),
            _ => out.push_str(&format!("%{byte:02X}")),
        }
    }
    out
}

/// One lead and what became of it.
#[derive(Clone, Debug, PartialEq, Eq, Serialize, Deserialize)]
pub struct TaskResult {
    /// Our id of the lead (its task).
    pub task_id: i64,
    pub number: String,
    pub name: String,
    pub organization: String,
    pub attempts: i64,
    /// `None` while it has not been called.
    pub last_outcome: Option<CallOutcome>,
    /// MANGO's code for the last call's end, with the catalog's words.
    pub last_reason: Option<String>,
    pub talk_seconds: i64,
    /// The operator of the last call that reached one.
    pub operator: Option<String>,
    pub first_call_at: Option<String>,
    pub last_call_at: Option<String>,
    /// What MANGO itself last said of the task when asked (manual 3.8.3), e.g. "finished: talked".
    pub mango_status: Option<String>,
    /// The lead's latest callback: its state and when it is due.
    pub callback: Option<String>,
    /// The recordings of its talked calls, newest first.
    #[serde(default)]
    pub recordings: Vec<CallRecording>,
    /// Since when its number is on the do-not-call list, if it is.
    #[serde(default)]
    pub do_not_call: Option<String>,
}

impl TaskResult {
    /// Every topic of the lead's recordings, once each.
    pub fn topics(&self) -> Vec<String> {
        let mut topics: Vec<String> = Vec::new();
        for topic in self.recordings.iter().flat_map(|r| r.topics.iter()) {
            if !topics.contains(topic) {
                topics.push(topic.clone());
            }
        }
        topics
    }
}

#[derive(Clone, Debug, PartialEq, Eq, Serialize, Deserialize)]
pub struct ResultsSummary {
    pub tasks: i64,
    pub called: i64,
    pub talked: i64,
    pub calls: i64,
    pub talk_seconds: i64,
}

/// An operator who took calls in this campaign, for the filter.
#[derive(Clone, Debug, PartialEq, Eq, Serialize, Deserialize)]
pub struct OperatorChoice {
    pub extension: String,
    pub name: String,
}

#[derive(Clone, Debug, PartialEq, Eq, Serialize, Deserialize)]
pub struct ResultsView {
    pub campaign_id: i64,
    pub campaign_name: String,
    pub summary: ResultsSummary,
    pub operators: Vec<OperatorChoice>,
    /// The topics found in this campaign's calls, for the filter.
    #[serde(default)]
    pub topics: Vec<String>,
    /// Matching rows (up to a display limit; the export has all of them).
    pub rows: Vec<TaskResult>,
    pub matching: i64,
}

/// Rows the page shows; exports carry every matching row.
pub const RESULTS_SHOWN: usize = 500;

use leptos::prelude::*;
use leptos::server_fn::codec::Json;

use super::error::AppError;
#[cfg(feature = "ssr")]
use super::{backend::*, roles::Permission};

#[server(endpoint = "results/get", input = Json)]
pub async fn get_results(campaign_id: i64, filter: ResultsFilter) -> Result<ResultsView, AppError> {
    respond(async move {
        // What was said is heard only by those who may listen to the calls.
        let permission =
            if filter.said.trim().is_empty() { Permission::ViewCampaigns } else { Permission::HearCalls };
        authorize(permission)?;
        backend()?.results(campaign_id, filter).await
    })
    .await
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn the_filter_becomes_a_query_string() {
        let filter = ResultsFilter {
            outcome: Some(CallOutcome::Busy),
            operator: Some("101".into()),
            search: " Анна ".into(),
            topic: Some("Цена".into()),
            said: " доставка ".into(),
            ..Default::default()
        };
        assert_eq!(
            filter.to_query(),
            "outcome=busy&operator=101&search=%D0%90%D0%BD%D0%BD%D0%B0&topic=%D0%A6%D0%B5%D0%BD%D0%B0\
             &said=%D0%B4%D0%BE%D1%81%D1%82%D0%B0%D0%B2%D0%BA%D0%B0"
        );
        assert_eq!(ResultsFilter::default().to_query(), "");
    }
}
