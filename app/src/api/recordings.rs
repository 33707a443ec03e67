//! Call recordings and what was said in them: MANGO records talked calls (manual 3.1.3),
//! plays them through one-time links (3.4.1), and its speech analytics gives transcripts
//! (3.4.5) and topics (3.4.4). Obzvon links each recording to its call and lead.

use serde::{Deserialize, Serialize};

/// Where a call's recording stands.
#[derive(Clone, Debug, PartialEq, Eq, Serialize, Deserialize)]
pub enum RecordingStatus {
    /// Started (or continued in another call), not completed yet.
    Recording,
    /// Completed and kept in MANGO's cloud (`recipient` Cloud or CloudAndMail): it can be played.
    Stored,
    /// Completed and only e-mailed (`recipient` Mail): MANGO's API has nothing to play.
    MailedOnly,
    /// Completed without a recording; MANGO's code and its words (4002: too short).
    Failed { code: i64, reason: String },
}

impl RecordingStatus {
    pub fn playable(&self) -> bool {
        matches!(self, RecordingStatus::Stored)
    }
}

/// Whether MANGO's speech analytics has answered for a recording yet.
#[derive(Clone, Copy, Debug, PartialEq, Eq, Serialize, Deserialize)]
pub enum AnalysisState {
    /// Asked for in the background; recognition may lag the call by minutes.
    Waiting,
    Ready,
    /// MANGO did not have it after every retry (speech analytics off, or nothing recognised).
    Unavailable,
    /// Not asked: the recording is not stored in MANGO's cloud.
    NotApplicable,
}

impl AnalysisState {
    pub fn key(self) -> &'static str {
        match self {
            AnalysisState::Waiting => "waiting",
            AnalysisState::Ready => "ready",
            AnalysisState::Unavailable => "unavailable",
            AnalysisState::NotApplicable => "not_applicable",
        }
    }

    pub fn from_key(key: &str) -> Option<AnalysisState> {
        Some(match key {
            "waiting" => AnalysisState::Waiting,
            "ready" => AnalysisState::Ready,
            "unavailable" => AnalysisState::Unavailable,
            "not_applicable" => AnalysisState::NotApplicable,
            _ => return None,
        })
    }
}

/// Who said a phrase (manual 3.4.5 `phrases`: `operator` or `client`).
#[derive(Clone, Copy, Debug, PartialEq, Eq, Serialize, Deserialize)]
pub enum Speaker {
    Operator,
    Client,
    /// A name the manual does not list, kept as a turn of its own.
    Other,
}

impl Speaker {
    pub fn key(self) -> &'static str {
        match self {
            Speaker::Operator => "operator",
            Speaker::Client => "client",
            Speaker::Other => "other",
        }
    }

    pub fn from_key(key: &str) -> Speaker {
        match key {
            "operator" => Speaker::Operator,
            "client" => Speaker::Client,
            _ => Speaker::Other,
        }
    }
}

#[derive(Clone, Debug, PartialEq, Eq, Serialize, Deserialize)]
pub struct Phrase {
    pub speaker: Speaker,
    pub text: String,
}

/// One recording of one of a lead's calls, as Results and the board show it.
#[derive(Clone, Debug, PartialEq, Eq, Serialize, Deserialize)]
pub struct CallRecording {
    /// Obzvon's id: the listen and download routes take it (`/recordings/{id}/play`).
    pub id: i64,
    /// When the call began, in the campaign's time.
    pub call_at: Option<String>,
    pub status: RecordingStatus,
    pub transcript: AnalysisState,
    pub topics: Vec<String>,
    /// The phrase that matched a search in what was said.
    pub said: Option<Phrase>,
}

/// A recording's transcript, loaded when the reader opens it.
#[derive(Clone, Debug, PartialEq, Eq, Serialize, Deserialize)]
pub struct TranscriptView {
    pub recording: i64,
    pub state: AnalysisState,
    pub phrases: Vec<Phrase>,
}

use leptos::prelude::*;
use leptos::server_fn::codec::Json;

use super::error::AppError;
#[cfg(feature = "ssr")]
use super::{backend::*, roles::Permission};

#[server(endpoint = "recordings/transcript", input = Json)]
pub async fn get_transcript(recording: i64) -> Result<TranscriptView, AppError> {
    respond(async move {
        let caller = authorize(Permission::HearCalls)?;
        backend()?.transcript(&caller, recording).await
    })
    .await
}

/// The listen route's address for a recording.
pub fn play_url(recording: i64) -> String {
    format!("/recordings/{recording}/play")
}

/// The download route's address for a recording.
pub fn download_url(recording: i64) -> String {
    format!("/recordings/{recording}/download")
}
