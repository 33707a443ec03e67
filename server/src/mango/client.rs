//! The MANGO API client: one generic [`MangoClient::call`] that signs, sends, waits out
//! "slow down", repeats what may be repeated, and reads the answer; plus one typed method per
//! MANGO method Obzvon uses.

use std::sync::{Arc, Mutex};
use std::time::{Duration, Instant};

use reqwest::Url;
use serde::de::DeserializeOwned;
use serde::Serialize;

use super::config::{AddressPolicy, MangoConfig};
use super::endpoint::{self, Api, Endpoint, RetrySafety};
use super::error::{shown_body, snippet, MangoError};
use super::interpret::{self, Reading};
use super::sign;
use super::types::*;

#[derive(Clone, Debug)]
pub struct MangoClient {
    http: reqwest::Client,
    config: Arc<MangoConfig>,
    vpbx_base: Url,
    cc_base: Url,
    /// Shared by the clones of this client, i.e. by everything that talks to this MANGO
    /// under the same connection settings.
    learned: Arc<Learned>,
}

/// What the client learned about this MANGO by talking to it.
#[derive(Debug, Default)]
struct Learned {
    /// The `campaign/get_list` path that answered last (manual 3.8.1 gives two).
    list_path: Mutex<Option<String>>,
    /// The current run of 5008 answers from the Contact Center API.
    cc_slow_downs: Mutex<SlowDownRun>,
    /// The path each recordings method answered at last (manual 3.4 gives two each).
    recording_paths: Mutex<std::collections::HashMap<&'static str, &'static str>>,
    /// The form of `recording_id` lists MANGO read last (manual 3.4.4, 3.4.5 show two).
    ids_form: Mutex<Option<IdsForm>>,
}

#[derive(Clone, Copy, Debug, Default)]
struct SlowDownRun {
    answers: u32,
    first: Option<Instant>,
    last: Option<Instant>,
}

/// The Contact Center API answers 5008 to everything (manual 4.1).
#[derive(Clone, Copy, Debug, PartialEq, Eq)]
pub struct CcUnavailable {
    /// 5008 answers in a row.
    pub answers: u32,
    /// Since the first of them.
    pub for_how_long: Duration,
}

/// How one `campaign/get_list` path answered a probe.
#[derive(Clone, Debug)]
pub struct ListPathProbe {
    pub path: String,
    /// The number of campaigns listed, or why the path did not answer.
    pub outcome: Result<usize, String>,
    /// MANGO's result code when it refused.
    pub code: Option<u32>,
}

/// A method's answer: MANGO's JSON, or a redirect (kept whole only by `call_for_link`).
enum Sent {
    Answer(serde_json::Value),
    Redirect { status: u16, location: String, from: Url },
}

/// How one attempt ended, before deciding whether to try again.
enum Attempt {
    /// A complete answer, with its content type.
    Read(Reading, Option<String>),
    /// No complete answer. `sent` is false only when no connection could be opened, which
    /// proves MANGO never saw the request.
    Lost { error: reqwest::Error, sent: bool },
    /// An HTTP 3xx, not followed.
    Redirect { status: u16, location: String },
    /// Every address the host resolved to is one the policy refuses; nothing was sent.
    Refused(String),
}

/// Resolves MANGO's host names and keeps only the addresses [`AddressPolicy`] allows. The
/// connection is made to exactly the addresses checked here, so a name that resolves to a
/// public address when checked and a private one a moment later (DNS rebinding) gains
/// nothing: there is no second lookup.
struct CheckedResolver {
    policy: AddressPolicy,
}

/// The resolver's refusal, recognised in the error chain of a failed request.
#[derive(Debug)]
struct AddressRefused(String);

impl std::fmt::Display for AddressRefused {
    fn fmt(&self, f: &mut std::fmt::Formatter<'_>) -> std::fmt::Result {
        f.write_str(&self.0)
    }
}

impl std::error::Error for AddressRefused {}

impl reqwest::dns::Resolve for CheckedResolver {
    fn resolve(&self, name: reqwest::dns::Name) -> reqwest::dns::Resolving {
        let policy = self.policy;
        let host = name.as_str().to_string();
        Box::pin(async move {
            let found: Vec<std::net::SocketAddr> =
                tokio::net::lookup_host((host.as_str(), 0)).await?.collect();
            let allowed: Vec<std::net::SocketAddr> =
                found.iter().copied().filter(|address| policy.allows(address.ip())).collect();
            if allowed.is_empty() {
                let listed: Vec<String> = found.iter().map(|address| address.ip().to_string()).collect();
                let refusal = AddressRefused(format!(
                    "{host} resolves to {}, which {}",
                    listed.join(", "),
                    policy.rule()
                ));
                return Err(Box::new(refusal) as Box<dyn std::error::Error + Send + Sync>);
            }
            Ok(Box::new(allowed.into_iter()) as reqwest::dns::Addrs)
        })
    }
}

/// The resolver's refusal, if that is why `error` happened.
fn address_refusal(error: &reqwest::Error) -> Option<String> {
    let mut cause: Option<&(dyn std::error::Error + 'static)> = std::error::Error::source(error);
    // Bounded: error chains are a handful of links.
    for _ in 0..16 {
        let current = cause?;
        if let Some(refused) = current.downcast_ref::<AddressRefused>() {
            return Some(refused.0.clone());
        }
        cause = current.source();
    }
    None
}

impl MangoClient {
    pub fn new(config: MangoConfig) -> Result<MangoClient, MangoError> {
        let vpbx_base = base_url("vpbx_base", &config.vpbx_base)?;
        let cc_base = base_url("cc_base", &config.cc_base)?;
        let mut builder = reqwest::Client::builder()
            .connect_timeout(config.connect_timeout)
            .timeout(config.request_timeout)
            .user_agent(concat!("obzvon/", env!("CARGO_PKG_VERSION")))
            // MANGO answers at its own address (manual 2.1.1); a redirect is reported, not
            // followed, so a base URL cannot bounce requests (and the signed form) elsewhere.
            .redirect(reqwest::redirect::Policy::none());
        if config.addresses != AddressPolicy::Any {
            builder = builder.dns_resolver(Arc::new(CheckedResolver { policy: config.addresses }));
        }
        if is_loopback(&vpbx_base) && is_loopback(&cc_base) {
            // The sandbox on this machine must never be reached through a proxy from the
            // environment.
            builder = builder.no_proxy();
        }
        let http =
            builder.build().map_err(|e| MangoError::Config(format!("cannot build the HTTP client: {e}")))?;
        Ok(MangoClient { http, config: Arc::new(config), vpbx_base, cc_base, learned: Arc::default() })
    }

    pub fn config(&self) -> &MangoConfig {
        &self.config
    }

    fn url(&self, endpoint: &Endpoint<'_>) -> Result<Url, MangoError> {
        let base = match endpoint.api {
            Api::Vpbx => &self.vpbx_base,
            Api::Cc => &self.cc_base,
        };
        base.join(endpoint.path.trim_start_matches('/'))
            .map_err(|e| MangoError::Config(format!("cannot put {:?} under {base}: {e}", endpoint.path)))
    }

    /// Calls one MANGO method: `request` becomes compact JSON, signed and POSTed as the form
    /// fields `vpbx_api_key`, `sign`, `json` (manual 2.1.1). Before every attempt it waits for
    /// the method's rate limiters (manual 1.4). "Slow down" (VPBX HTTP 503, CC result 5008) is
    /// waited out with growing, jittered pauses, up to `retry.slow_down_budget` in total, and
    /// never counts as a failure: MANGO did not carry the request out. A lost answer is
    /// repeated only if the request never left, or if `endpoint.retry` is `Safe`.
    pub async fn call<Req, Resp>(&self, endpoint: &Endpoint<'_>, request: &Req) -> Result<Resp, MangoError>
    where
        Req: Serialize + ?Sized,
        Resp: DeserializeOwned,
    {
        match self.send(endpoint, request).await? {
            Sent::Answer(value) => Resp::deserialize(&value).map_err(|source| MangoError::Decode {
                endpoint: endpoint.to_string(),
                body: format!("the answer began {:?}", snippet(&value.to_string())),
                source,
            }),
            Sent::Redirect { status, location, .. } => Err(MangoError::Redirect {
                endpoint: endpoint.to_string(),
                status,
                location: snippet(&location),
            }),
        }
    }

    /// [`MangoClient::call`] for the methods MANGO answers with a redirect (manual 3.4.1:
    /// `recording/post` answers 302 to a one-time file link). The link is returned whole,
    /// resolved against the request's address, and is never logged or kept.
    pub async fn call_for_link<Req>(&self, endpoint: &Endpoint<'_>, request: &Req) -> Result<Url, MangoError>
    where
        Req: Serialize + ?Sized,
    {
        match self.send(endpoint, request).await? {
            Sent::Redirect { location, from, .. } => from.join(&location).map_err(|e| {
                MangoError::Config(format!("{endpoint} redirected to an address that is not a URL: {e}"))
            }),
            Sent::Answer(value) => Err(MangoError::Decode {
                endpoint: endpoint.to_string(),
                body: format!("an answer without a link began {:?}", snippet(&value.to_string())),
                source: serde::de::Error::custom("expected a redirect (HTTP 302) to the file"),
            }),
        }
    }

    /// Signs, sends and reads one method's answer: the loop behind [`MangoClient::call`].
    async fn send<Req>(&self, endpoint: &Endpoint<'_>, request: &Req) -> Result<Sent, MangoError>
    where
        Req: Serialize + ?Sized,
    {
        let name = endpoint.to_string();
        // serde_json writes compact JSON with non-ASCII as raw UTF-8; the signature covers
        // exactly these bytes, which are what goes into the form.
        let json = serde_json::to_string(request)
            .map_err(|source| MangoError::Encode { endpoint: name.clone(), source })?;
        let signature = sign::sign(&self.config.api_key, &json, self.config.api_salt.expose());
        let form = [
            ("vpbx_api_key", self.config.api_key.as_str()),
            ("sign", signature.as_str()),
            ("json", json.as_str()),
        ];
        let url = self.url(endpoint)?;
        if let Some(reason) = self.config.addresses.refuses_host(url.as_str()) {
            return Err(MangoError::AddressRefused { endpoint: name, reason });
        }
        let policy = &self.config.retry;

        let mut attempts: u32 = 0;
        let mut transport_repeats: u32 = 0;
        let mut slow_downs: u32 = 0;
        let mut waited = Duration::ZERO;
        loop {
            self.config.limits.until_ready(endpoint.limits).await;
            attempts += 1;
            tracing::debug!(endpoint = %name, attempt = attempts, "calling MANGO");
            let attempt = self.attempt(&url, &form, endpoint.api).await;
            if endpoint.api == Api::Cc {
                if let Attempt::Read(reading, _) = &attempt {
                    self.note_cc_answer(reading);
                }
            }
            match attempt {
                Attempt::Read(Reading::Answer(value), _) => return Ok(Sent::Answer(value)),
                Attempt::Read(Reading::Refused { code, message }, _) => {
                    tracing::info!(endpoint = %name, code, "MANGO refused");
                    return Err(MangoError::api(name, code, message));
                }
                Attempt::Read(Reading::HttpError { status, body }, content_type) => {
                    let body = shown_body(&body, content_type.as_deref());
                    return Err(MangoError::Http { endpoint: name, status, body });
                }
                Attempt::Read(Reading::Malformed { body, error }, content_type) => {
                    let body = shown_body(&body, content_type.as_deref());
                    return Err(MangoError::Decode { endpoint: name, body, source: error });
                }
                Attempt::Redirect { status, location } => {
                    return Ok(Sent::Redirect { status, location, from: url });
                }
                Attempt::Refused(reason) => {
                    return Err(MangoError::AddressRefused { endpoint: name, reason });
                }
                Attempt::Read(Reading::SlowDown { code }, _) => {
                    let pause = policy.slow_down_delay(slow_downs);
                    // Once the CC API is known to be down, one 5008 is enough: waiting out
                    // the whole budget on every call would only keep MANGO busy.
                    let known_down = endpoint.api == Api::Cc && self.cc_unavailable().is_some();
                    if known_down || waited + pause > policy.slow_down_budget {
                        tracing::warn!(endpoint = %name, ?waited, "MANGO keeps asking to slow down; giving up");
                        return Err(MangoError::RateLimited { endpoint: name, waited, code });
                    }
                    tracing::warn!(endpoint = %name, ?pause, "MANGO asks to slow down");
                    tokio::time::sleep(pause).await;
                    waited += pause;
                    slow_downs += 1;
                }
                Attempt::Lost { error, sent } => {
                    let may_repeat = !sent || endpoint.retry == RetrySafety::Safe;
                    if !may_repeat || transport_repeats >= policy.transport_retries {
                        return Err(MangoError::Transport {
                            endpoint: name,
                            attempts,
                            maybe_delivered: sent,
                            source: error,
                        });
                    }
                    let pause = policy.transport_delay(transport_repeats);
                    tracing::warn!(endpoint = %name, %error, ?pause, "no answer from MANGO; repeating");
                    tokio::time::sleep(pause).await;
                    transport_repeats += 1;
                }
            }
        }
    }

    async fn attempt(&self, url: &Url, form: &[(&str, &str); 3], api: Api) -> Attempt {
        let response = match self.http.post(url.clone()).form(form).send().await {
            Ok(response) => response,
            Err(error) => {
                if let Some(reason) = address_refusal(&error) {
                    return Attempt::Refused(reason);
                }
                let sent = !error.is_connect();
                return Attempt::Lost { error, sent };
            }
        };
        let status = response.status().as_u16();
        if response.status().is_redirection() {
            let location = response
                .headers()
                .get(reqwest::header::LOCATION)
                .and_then(|value| value.to_str().ok())
                .map(str::to_string)
                .unwrap_or_else(|| "nowhere (no Location)".to_string());
            return Attempt::Redirect { status, location };
        }
        let content_type = response
            .headers()
            .get(reqwest::header::CONTENT_TYPE)
            .and_then(|value| value.to_str().ok())
            .map(snippet);
        match response.bytes().await {
            Ok(body) => Attempt::Read(interpret::read(api, status, &body), content_type),
            Err(error) => Attempt::Lost { error, sent: true },
        }
    }

    /// Employees (manual 3.6.1). A read: repeated after a lost answer.
    pub async fn users(&self, request: &UsersRequest) -> Result<UsersAnswer, MangoError> {
        self.call(&endpoint::USERS, request).await
    }

    /// The account's numbers, i.e. outgoing lines (manual 3.6.7). A read: repeated after a
    /// lost answer.
    pub async fn incoming_lines(&self) -> Result<LinesAnswer, MangoError> {
        self.call(&endpoint::INCOMING_LINES, &NoParameters {}).await
    }

    /// Melodies and voice messages (manual 3.6.8). A read: repeated after a lost answer.
    pub async fn audio_files(&self) -> Result<AudioFilesAnswer, MangoError> {
        self.call(&endpoint::AUDIO_FILES, &NoParameters {}).await
    }

    /// The account balance (manual 3.6.6). A read: repeated after a lost answer.
    pub async fn balance(&self) -> Result<BalanceAnswer, MangoError> {
        self.call(&endpoint::BALANCE, &NoParameters {}).await
    }

    /// Creates a campaign (manual 3.8.4.1). Not repeated after a lost answer: a repeat would
    /// create a second campaign. On `outcome_unknown()`, look for it in [`Self::campaigns`].
    pub async fn add_campaign(&self, request: &CampaignAddRequest) -> Result<CampaignAdded, MangoError> {
        self.call(&endpoint::CAMPAIGN_ADD, request).await
    }

    /// Adds tasks to a campaign (manual 3.8.4.2). Not repeated after a lost answer: if the
    /// first push landed, a repeat doubles the tasks or is refused with 5109 (repeated numbers).
    /// On `outcome_unknown()`, compare the campaign's task count before pushing again.
    pub async fn push_tasks(&self, request: &TasksPushRequest) -> Result<(), MangoError> {
        self.call::<_, Done>(&endpoint::TASKS_PUSH, request).await.map(|_| ())
    }

    /// Starts a campaign (manual 3.8.4.3); answers its status afterwards. Not repeated after
    /// a lost answer: a repeat of a landed start is refused with 5106. Read [`Self::campaign`].
    pub async fn start_campaign(&self, campaign_id: i64) -> Result<CampaignStatusAnswer, MangoError> {
        self.call(&endpoint::CAMPAIGN_START, &CampaignIdRequest { campaign_id }).await
    }

    /// Stops a campaign (manual 3.8.4.4). Not repeated after a lost answer: a repeat of a
    /// landed stop is refused with 5106. Read [`Self::campaign`].
    pub async fn stop_campaign(&self, campaign_id: i64) -> Result<CampaignStatusAnswer, MangoError> {
        self.call(&endpoint::CAMPAIGN_STOP, &CampaignIdRequest { campaign_id }).await
    }

    /// Deletes a stopped or finished campaign (manual 3.8.4.5). Not repeated after a lost
    /// answer: a repeat of a landed delete is refused. Read [`Self::campaign`].
    pub async fn delete_campaign(&self, campaign_id: i64) -> Result<CampaignStatusAnswer, MangoError> {
        self.call(&endpoint::CAMPAIGN_DELETE, &CampaignIdRequest { campaign_id }).await
    }

    /// One campaign (manual 3.8.2). A read: repeated after a lost answer.
    pub async fn campaign(&self, campaign_id: i64) -> Result<CampaignInfo, MangoError> {
        let answer: CampaignAnswer =
            self.call(&endpoint::CAMPAIGN, &CampaignIdRequest { campaign_id }).await?;
        Ok(answer.campaign)
    }

    /// All campaigns (manual 3.8.1). A read: repeated after a lost answer. The manual gives
    /// two paths (heading and example); the one that answered last is tried first, the
    /// others only when it does not exist there (see [`path_is_missing`]), and the one
    /// that answers is kept.
    pub async fn campaigns(&self) -> Result<Vec<CampaignListItem>, MangoError> {
        let remembered = self.campaign_list_path();
        let mut paths: Vec<String> = remembered.iter().cloned().collect();
        paths.extend(
            self.config.campaign_list_paths.iter().filter(|p| Some(*p) != remembered.as_ref()).cloned(),
        );
        let mut last_error = None;
        for path in &paths {
            match self.list_at(path).await {
                Ok(campaigns) => {
                    self.remember_list_path(path);
                    return Ok(campaigns);
                }
                Err(error) if path_is_missing(&error) => {
                    tracing::info!(path, %error, "campaign/get_list does not answer here; trying the other path");
                    last_error = Some(error);
                }
                Err(error) => return Err(error),
            }
        }
        Err(last_error
            .unwrap_or_else(|| MangoError::Config("no campaign/get_list path is configured".into())))
    }

    async fn list_at(&self, path: &str) -> Result<Vec<CampaignListItem>, MangoError> {
        let endpoint = Endpoint { path, ..endpoint::CAMPAIGN_LIST };
        let answer: CampaignListAnswer = self.call(&endpoint, &NoParameters {}).await?;
        Ok(answer.campaigns)
    }

    /// Calls every `campaign/get_list` path (for Test connection) and keeps the first that
    /// answers.
    pub async fn probe_campaign_lists(&self) -> Vec<ListPathProbe> {
        let mut probes = Vec::new();
        for path in &self.config.campaign_list_paths {
            let (outcome, code) = match self.list_at(path).await {
                Ok(list) => (Ok(list.len()), None),
                Err(error) => (Err(error.to_string()), error.code()),
            };
            probes.push(ListPathProbe { path: path.clone(), outcome, code });
        }
        let current = self.campaign_list_path();
        let current_answers = probes.iter().any(|p| Some(&p.path) == current.as_ref() && p.outcome.is_ok());
        if !current_answers {
            match probes.iter().find(|p| p.outcome.is_ok()) {
                Some(answering) => self.remember_list_path(&answering.path),
                None => *self.learned.list_path.lock().unwrap_or_else(|p| p.into_inner()) = None,
            }
        }
        probes
    }

    /// The `campaign/get_list` path that answered last, if any did yet.
    pub fn campaign_list_path(&self) -> Option<String> {
        self.learned.list_path.lock().unwrap_or_else(|p| p.into_inner()).clone()
    }

    fn remember_list_path(&self, path: &str) {
        let mut known = self.learned.list_path.lock().unwrap_or_else(|p| p.into_inner());
        if known.as_deref() != Some(path) {
            tracing::info!(path, "campaign/get_list answers at this path");
            *known = Some(path.to_string());
        }
    }

    /// Counts 5008 answers in a row from the CC API; any other answer ends the run.
    fn note_cc_answer(&self, reading: &Reading) {
        let mut run = self.learned.cc_slow_downs.lock().unwrap_or_else(|p| p.into_inner());
        match reading {
            Reading::SlowDown { code: Some(interpret::CC_RATE_LIMITED) } => {
                let now = Instant::now();
                run.answers += 1;
                run.first.get_or_insert(now);
                run.last = Some(now);
            }
            _ => {
                if run.answers >= self.config.retry.cc_down_answers {
                    tracing::info!("the Contact Center API answers again");
                }
                *run = SlowDownRun::default();
            }
        }
    }

    /// Whether the Contact Center API looks down (manual 4.1): `retry.cc_down_answers` 5008
    /// answers in a row over at least `retry.cc_down_after`. Cleared by the next other answer.
    pub fn cc_unavailable(&self) -> Option<CcUnavailable> {
        let run = *self.learned.cc_slow_downs.lock().unwrap_or_else(|p| p.into_inner());
        let (first, last) = (run.first?, run.last?);
        let span = last.duration_since(first);
        let policy = &self.config.retry;
        (run.answers >= policy.cc_down_answers && span >= policy.cc_down_after)
            .then(|| CcUnavailable { answers: run.answers, for_how_long: first.elapsed() })
    }

    /// One campaign task (manual 3.8.3). A read: repeated after a lost answer.
    pub async fn task(&self, task_id: i64) -> Result<TaskInfo, MangoError> {
        let answer: TaskAnswer = self.call(&endpoint::TASK, &TaskIdRequest { task_id }).await?;
        Ok(answer.task)
    }

    /// Creates an auto-callback task in the Contact Center (manual 4.2). Not repeated after a
    /// lost answer: a repeat creates a second task and the client is called twice.
    pub async fn add_callback_task(
        &self,
        request: &CallbackTaskRequest,
    ) -> Result<CallbackTaskAdded, MangoError> {
        self.call(&endpoint::CC_TASK_ADD, request).await
    }
}

/// The path does not serve this method: an HTTP 404/405/501, or a page that is not
/// MANGO's JSON. A refusal with a result code means the path answers.
fn path_is_missing(error: &MangoError) -> bool {
    match error {
        MangoError::Http { status, .. } => matches!(status, 404 | 405 | 501),
        MangoError::Decode { .. } => true,
        _ => false,
    }
}

/// A base URL that paths join under: `…/vpbx` and `…/vpbx/` both mean the folder `vpbx/`.
fn base_url(field: &str, text: &str) -> Result<Url, MangoError> {
    let with_slash = if text.ends_with('/') { text.to_string() } else { format!("{text}/") };
    let url = Url::parse(&with_slash)
        .map_err(|e| MangoError::Config(format!("{field} {text:?} is not a URL: {e}")))?;
    if !matches!(url.scheme(), "http" | "https") {
        return Err(MangoError::Config(format!("{field} {text:?} is not an http(s) URL")));
    }
    Ok(url)
}

fn is_loopback(url: &Url) -> bool {
    match url.host() {
        Some(url::Host::Ipv4(ip)) => ip.is_loopback(),
        Some(url::Host::Ipv6(ip)) => ip.is_loopback(),
        Some(url::Host::Domain(name)) => name.eq_ignore_ascii_case("localhost"),
        None => false,
    }
}

mod recordings;
#[cfg(test)]
mod tests;
