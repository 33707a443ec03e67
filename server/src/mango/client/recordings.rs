//! Recordings, transcripts and topics (manual 3.4). The manual gives each of these methods
//! two paths (heading and example) and `recording_id` lists in two forms (described as an
//! array, sent in the examples as a string holding one); the client tries the example's way
//! first, the other when MANGO says it does not serve it or cannot read it, and keeps what
//! answered for the next request.

use std::time::Duration;

use reqwest::Url;

use super::{path_is_missing, MangoClient};
use crate::mango::endpoint::{self, Endpoint};
use crate::mango::error::MangoError;
use crate::mango::types::*;

/// How long one recording's audio may take to arrive whole: calls run to an hour, and the
/// browser reads it as it plays.
const FILE_TIMEOUT: Duration = Duration::from_secs(600);
/// Redirects followed from the one-time link (manual 3.4.1 shows one; 3.4.3 two).
const MAX_FILE_REDIRECTS: usize = 3;

/// A refusal that means "this parameter's form is not what I read": 3100 invalid parameters,
/// 3103 missing, 3104 wrong format (manual's result codes).
fn form_refused(error: &MangoError) -> bool {
    matches!(error.code(), Some(3100 | 3103 | 3104))
}

impl MangoClient {
    /// The paths to try for one method: the one that answered last, then the manual's in order.
    fn paths_for(&self, method: &'static str, documented: &[&'static str]) -> Vec<&'static str> {
        let known =
            self.learned.recording_paths.lock().unwrap_or_else(|p| p.into_inner()).get(method).copied();
        let mut paths: Vec<&'static str> = known.into_iter().collect();
        paths.extend(documented.iter().copied().filter(|p| Some(*p) != known));
        paths
    }

    fn remember_path(&self, method: &'static str, path: &'static str) {
        let mut known = self.learned.recording_paths.lock().unwrap_or_else(|p| p.into_inner());
        if known.insert(method, path) != Some(path) {
            tracing::info!(method, path, "MANGO answers this method at this path");
        }
    }

    /// A one-time link to a recording's file (manual 3.4.1 `recording/post`). Not kept: the
    /// manual says it dies on first use and must not be stored.
    async fn recording_link(&self, recording_id: &str, action: RecordingAction) -> Result<Url, MangoError> {
        let request = RecordingPostRequest { recording_id, action };
        let mut last_error = None;
        for path in self.paths_for("recording/post", &endpoint::RECORDING_POST_PATHS) {
            let endpoint = Endpoint { path, ..endpoint::RECORDING_POST };
            match self.call_for_link(&endpoint, &request).await {
                Ok(link) => {
                    self.remember_path("recording/post", path);
                    return Ok(link);
                }
                Err(error) if path_is_missing(&error) => last_error = Some(error),
                Err(error) => return Err(error),
            }
        }
        Err(last_error.unwrap_or_else(|| MangoError::Config("no recording/post path".into())))
    }

    /// A recording's audio as MANGO's file service sends it: a fresh one-time link each time
    /// (manual 3.4.1), followed at once with the reader's `range` (so a player can seek). The
    /// answer is the file service's, status and headers included, for the caller to stream.
    pub async fn recording_file(
        &self,
        recording_id: &str,
        action: RecordingAction,
        range: Option<&str>,
    ) -> Result<reqwest::Response, MangoError> {
        let name = endpoint::RECORDING_POST.to_string();
        let mut link = self.recording_link(recording_id, action).await?;
        for _ in 0..=MAX_FILE_REDIRECTS {
            if let Some(reason) = self.config.addresses.refuses_host(link.as_str()) {
                return Err(MangoError::AddressRefused { endpoint: name, reason });
            }
            let mut request = self.http.get(link.clone()).timeout(FILE_TIMEOUT);
            if let Some(range) = range {
                request = request.header(reqwest::header::RANGE, range);
            }
            let response = request.send().await.map_err(|source| MangoError::Transport {
                endpoint: name.clone(),
                attempts: 1,
                maybe_delivered: true,
                source,
            })?;
            let status = response.status();
            if status.is_redirection() {
                let next = response
                    .headers()
                    .get(reqwest::header::LOCATION)
                    .and_then(|v| v.to_str().ok())
                    .and_then(|location| link.join(location).ok());
                match next {
                    Some(next) => link = next,
                    None => {
                        return Err(MangoError::Http {
                            endpoint: name,
                            status: status.as_u16(),
                            body: "a redirect without a usable Location".into(),
                        })
                    }
                }
                continue;
            }
            if status.is_success() || status == reqwest::StatusCode::RANGE_NOT_SATISFIABLE {
                return Ok(response);
            }
            return Err(MangoError::Http {
                endpoint: name,
                status: status.as_u16(),
                body: "the file service did not send the recording".into(),
            });
        }
        Err(MangoError::Http { endpoint: name, status: 310, body: "too many redirects to the file".into() })
    }

    /// Transcripts of up to 500 recordings (manual 3.4.5). Recordings not recognised yet are
    /// not in the answer.
    pub async fn recording_transcripts(&self, ids: &[String]) -> Result<Vec<Transcript>, MangoError> {
        let ids = &ids[..ids.len().min(TRANSCRIPT_IDS_PER_REQUEST)];
        let answer: TranscriptsAnswer = self
            .with_ids_form(
                endpoint::RECORDING_TRANSCRIPTS,
                &endpoint::RECORDING_TRANSCRIPTS_PATHS,
                ids,
                |recording_id| serde_json::to_value(TranscriptsRequest { recording_id }),
            )
            .await?;
        Ok(answer.data)
    }

    /// Topics of up to 500 recordings (manual 3.4.4), with their names.
    pub async fn recording_categories(&self, ids: &[String]) -> Result<Vec<RecordingCategories>, MangoError> {
        let ids = &ids[..ids.len().min(TRANSCRIPT_IDS_PER_REQUEST)];
        let answer: CategoriesAnswer = self
            .with_ids_form(
                endpoint::RECORDING_CATEGORIES,
                &endpoint::RECORDING_CATEGORIES_PATHS,
                ids,
                |recording_id| serde_json::to_value(CategoriesRequest { recording_id, with_names: true }),
            )
            .await?;
        Ok(answer.data)
    }

    /// Calls a method that takes a list of recording ids, trying its paths and the two forms
    /// of the list (see [`IdsForm`]); what answered is remembered.
    async fn with_ids_form<Resp: serde::de::DeserializeOwned>(
        &self,
        base: Endpoint<'static>,
        paths: &[&'static str],
        ids: &[String],
        request: impl Fn(RecordingIds<'_>) -> serde_json::Result<serde_json::Value>,
    ) -> Result<Resp, MangoError> {
        let known_form = *self.learned.ids_form.lock().unwrap_or_else(|p| p.into_inner());
        let forms = match known_form {
            Some(IdsForm::Array) => [IdsForm::Array, IdsForm::JsonInString],
            _ => [IdsForm::JsonInString, IdsForm::Array],
        };
        let mut last_error = None;
        let method = base.path;
        for path in self.paths_for(method, paths) {
            let endpoint = Endpoint { path, ..base };
            for form in forms {
                let body = request(RecordingIds { ids, form })
                    .map_err(|source| MangoError::Encode { endpoint: endpoint.to_string(), source })?;
                match self.call::<_, Resp>(&endpoint, &body).await {
                    Ok(answer) => {
                        self.remember_path(method, path);
                        let mut known = self.learned.ids_form.lock().unwrap_or_else(|p| p.into_inner());
                        if *known != Some(form) {
                            tracing::info!(?form, "MANGO reads recording_id lists in this form");
                            *known = Some(form);
                        }
                        return Ok(answer);
                    }
                    Err(error) if form_refused(&error) => {
                        tracing::info!(%error, ?form, "MANGO did not read recording_id in this form; trying the other");
                        last_error = Some(error);
                    }
                    Err(error) if path_is_missing(&error) => {
                        last_error = Some(error);
                        break;
                    }
                    Err(error) => return Err(error),
                }
            }
        }
        Err(last_error.unwrap_or_else(|| MangoError::Config(format!("no {method} path"))))
    }
}
