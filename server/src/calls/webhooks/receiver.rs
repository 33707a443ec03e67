//! `POST /events/…`: MANGO's notifications (manual 3.1, 4.4). Each is checked like MANGO checks
//! our requests (manual 2.1.1: `vpbx_api_key`, `sign = sha256(key + json + salt)` over the raw
//! `json` field, compared in constant time), stored as received, and folded into its call.
//! Refused requests store nothing. The answer comes once the event is stored and its call
//! folded, by the one writer ([`Writer`]) that does both for many events in one commit.

use std::collections::HashMap;
use std::net::{IpAddr, SocketAddr};
use std::sync::Arc;

use axum::body::Bytes;
use axum::extract::{ConnectInfo, Path, State};
use axum::http::StatusCode;
use axum::response::{IntoResponse, Response};
use axum::routing::{get, post};
use axum::{Extension, Json, Router};
use sha2::{Digest, Sha256};
use subtle::ConstantTimeEq;
use tokio::sync::mpsc;
use tokio_util::sync::CancellationToken;

use super::call_state;
use super::events::Kind;
pub use super::writer::Updates;
use super::writer::{Parsed, WriteError, Writer};
use crate::db::{events as store, Db};
use crate::mango::link::MangoLink;

/// Manual 1.2 and 3.1: the addresses MANGO sends notifications from.
pub const MANGO_SOURCES: [&str; 5] =
    ["81.88.80.132", "81.88.80.133", "81.88.82.36", "81.88.82.44", "81.88.82.45"];

/// Who may post events: anyone (default), MANGO's published addresses, or a list.
#[derive(Clone, Debug, PartialEq, Eq)]
pub enum Sources {
    Any,
    Only(Vec<IpAddr>),
}

impl Sources {
    /// `OBZVON_WEBHOOK_SOURCES`: empty or `any`; `mango` (manual 3.1's list, plus loopback);
    /// or comma-separated addresses.
    pub fn parse(text: Option<&str>) -> anyhow::Result<Sources> {
        let text = text.unwrap_or("").trim();
        if text.is_empty() || text.eq_ignore_ascii_case("any") {
            return Ok(Sources::Any);
        }
        let mut list = Vec::new();
        for item in text.split(',').map(str::trim).filter(|s| !s.is_empty()) {
            if item.eq_ignore_ascii_case("mango") {
                list.extend(
                    MANGO_SOURCES.iter().map(|a| a.parse::<IpAddr>().expect("the manual's addresses parse")),
                );
                list.push(IpAddr::from([127, 0, 0, 1]));
            } else {
                list.push(item.parse().map_err(|_| {
                    anyhow::anyhow!("OBZVON_WEBHOOK_SOURCES: \"{item}\" is not an IP address")
                })?);
            }
        }
        Ok(Sources::Only(list))
    }

    fn allows(&self, ip: Option<IpAddr>) -> bool {
        match self {
            Sources::Any => true,
            Sources::Only(list) => ip.is_some_and(|ip| list.contains(&ip.to_canonical())),
        }
    }
}

/// The account's `vpbx_api_key` and `api_salt`.
type KeyAndSalt = (String, String);

#[derive(Clone)]
pub struct Receiver {
    db: Db,
    link: Arc<MangoLink>,
    sources: Sources,
    /// Stores events and folds their calls, one transaction per batch.
    writer: Writer,
    /// The key and salt last read from Settings (reading them decrypts the salt), with the
    /// settings generation they were read at.
    credentials: Arc<std::sync::Mutex<Option<(u64, KeyAndSalt)>>>,
    pub updates: Updates,
    /// The worker's handle until the server takes it.
    lookups_worker: Arc<std::sync::Mutex<Option<tokio::task::JoinHandle<()>>>>,
}

/// Task ids waiting to be asked about; more are dropped (asked when their next event comes).
const LOOKUP_QUEUE: usize = 256;

impl Receiver {
    /// Needs a Tokio runtime: it starts the worker that asks MANGO about unknown task ids.
    ///
    /// The worker stops at `stop`, after the question in flight has its answer recorded;
    /// [`Receiver::lookups_stopped`] is its handle, for the server's clean stop.
    pub fn new(db: Db, link: Arc<MangoLink>, sources: Sources, stop: CancellationToken) -> Receiver {
        // Task ids to ask MANGO about (manual 3.8.3 `task`), worked through one at a time in
        // the background.
        let (lookups, queue) = mpsc::channel(LOOKUP_QUEUE);
        let updates = tokio::sync::broadcast::channel(1024).0;
        let receiver = Receiver {
            writer: Writer::start(db.clone(), updates.clone(), lookups),
            db,
            link,
            sources,
            credentials: Arc::default(),
            updates,
            lookups_worker: Arc::default(),
        };
        let worker = tokio::spawn(receiver.clone().look_up_tasks(queue, stop));
        *receiver.lookups_worker.lock().unwrap_or_else(|p| p.into_inner()) = Some(worker);
        receiver
    }

    /// The task-lookup worker, once: the server waits for it when it stops.
    pub fn lookups_stopped(&self) -> Option<tokio::task::JoinHandle<()>> {
        self.lookups_worker.lock().unwrap_or_else(|p| p.into_inner()).take()
    }

    /// How sources are checked, in words for Settings: `any`, or `list`.
    pub fn sources_mode(&self) -> &'static str {
        match self.sources {
            Sources::Any => "any",
            Sources::Only(_) => "list",
        }
    }

    /// Asks MANGO which campaign and number each queued task id has (manual 3.8.3: `task`
    /// answers `campaign_id` and `number`), then folds its calls again. One question at a
    /// time, each id once; ends at `stop` (ids still queued are asked about when their next
    /// event comes).
    async fn look_up_tasks(self, mut queue: mpsc::Receiver<i64>, stop: CancellationToken) {
        loop {
            let task_id = tokio::select! {
                _ = stop.cancelled() => return,
                next = queue.recv() => match next {
                    Some(task_id) => task_id,
                    None => return,
                },
            };
            if let Err(error) = self.look_up_task(task_id).await {
                tracing::warn!(task = task_id, error = %format!("{error:#}"), "could not link a call's task");
            }
        }
    }

    async fn look_up_task(&self, task_id: i64) -> anyhow::Result<()> {
        if store::known_campaign_of_task(&self.db, task_id).await?.is_some()
            || !store::claim_task_lookup(&self.db, task_id).await?
        {
            return Ok(());
        }
        let client = match self.link.connect().await {
            Ok(connected) => connected.client,
            Err(error) => {
                store::forget_task_lookup(&self.db, task_id).await?;
                return Err(error);
            }
        };
        match client.task(task_id).await {
            Ok(task) => {
                let number = task.number.as_deref().map(call_state::comparable_number);
                store::finish_task_lookup(
                    &self.db,
                    task_id,
                    "found",
                    task.campaign_id,
                    number.as_deref(),
                    None,
                )
                .await?;
                tracing::info!(task = task_id, campaign = ?task.campaign_id, "MANGO named the campaign of a call's task");
            }
            Err(error) if error.code().is_some() => {
                // MANGO refused: this task id is not a campaign task it knows.
                store::finish_task_lookup(&self.db, task_id, "refused", None, None, Some(&error.to_string()))
                    .await?;
                return Ok(());
            }
            Err(error) => {
                // No answer (network, slow-down): asked again when an event names it.
                store::forget_task_lookup(&self.db, task_id).await?;
                return Err(error.into());
            }
        }
        let entries = store::entries_of_task(&self.db, task_id).await?;
        self.writer.refold(entries).await.map_err(|error| anyhow::anyhow!("{error}"))
    }

    /// The key and salt to check against: remembered until the connection settings change.
    async fn credentials(&self) -> anyhow::Result<(String, String)> {
        let generation = self.link.generation();
        if let Some((known_at, known)) = self.credentials.lock().unwrap_or_else(|p| p.into_inner()).clone() {
            if known_at == generation {
                return Ok(known);
            }
        }
        let read = self.link.credentials().await?;
        *self.credentials.lock().unwrap_or_else(|p| p.into_inner()) = Some((generation, read.clone()));
        Ok(read)
    }

    /// Whether the request carries the account's key and, when signed, the right sign. An
    /// unsigned request passes here only with the key; the caller decides whether it may be.
    async fn verify(
        &self,
        key: &str,
        sign: Option<&str>,
        json: &str,
    ) -> anyhow::Result<Result<(), &'static str>> {
        let (expected_key, salt) = self.credentials().await?;
        // The sandbox's key and salt are public: honoured only while the sandbox is the
        // MANGO in use, i.e. while they are what `credentials` expects.
        let sandbox_in_use = expected_key == crate::SANDBOX_API_KEY && salt == crate::SANDBOX_API_SALT;
        Ok(if key == crate::SANDBOX_API_KEY && !sandbox_in_use {
            Err("the sandbox's key is not honoured while a MANGO account is configured")
        } else if !bool::from(key.as_bytes().ct_eq(expected_key.as_bytes())) {
            Err("unknown vpbx_api_key / api_key")
        } else if sign
            .is_some_and(|sign| !crate::mango::sign::verify_signature(&expected_key, &salt, json, sign))
        {
            Err("sign does not match")
        } else {
            Ok(())
        })
    }

    pub fn router(self) -> Router {
        Router::new()
            // A plain GET answers 200 so the address can be checked from MANGO's cabinet or a browser.
            .route("/events", get(alive).post(ping))
            .route("/events/{*kind}", post(receive).get(alive))
            .layer(axum::extract::DefaultBodyLimit::max(1024 * 1024))
            .with_state(self)
    }
}

async fn alive() -> &'static str {
    "Obzvon receives MANGO events here."
}

/// MANGO's connection check ("Проверить подключение" in the cabinet writes `Mango.ping` in
/// the PBX log, seed 003): its shape is not documented, so a POST to `/events`,
/// `/events/ping` or `/events/Mango.ping` is answered 200, logged and counted for Settings.
async fn ping(
    State(receiver): State<Receiver>,
    connect: Option<Extension<ConnectInfo<SocketAddr>>>,
) -> Response {
    let ip = connect.map(|Extension(c)| c.0.ip());
    if !receiver.sources.allows(ip) {
        return refuse(StatusCode::FORBIDDEN, "this address may not post events");
    }
    tracing::info!(from = ?ip, "MANGO's connection check (Mango.ping) arrived");
    if let Err(error) = store::note(&receiver.db, "ping", ip.map(|ip| ip.to_string()).as_deref()).await {
        tracing::warn!(%error, "could not count a connection check");
    }
    (StatusCode::OK, Json(serde_json::json!({}))).into_response()
}

fn is_ping(path: &str) -> bool {
    let path = path.trim_matches('/');
    path.is_empty() || path.eq_ignore_ascii_case("ping") || path.eq_ignore_ascii_case("mango.ping")
}

/// Counts a refusal for Settings; a database failure here only costs the count.
async fn note(receiver: &Receiver, what: &str, detail: &str) {
    if let Err(error) = store::note(&receiver.db, what, Some(detail)).await {
        tracing::warn!(%error, what, "could not count a webhook happening");
    }
}

fn refuse(status: StatusCode, message: &str) -> Response {
    (status, Json(serde_json::json!({ "error": message }))).into_response()
}

async fn receive(
    State(receiver): State<Receiver>,
    Path(kind): Path<String>,
    connect: Option<Extension<ConnectInfo<SocketAddr>>>,
    body: Bytes,
) -> Response {
    if !receiver.sources.allows(connect.map(|Extension(c)| c.0.ip())) {
        return refuse(StatusCode::FORBIDDEN, "this address may not post events");
    }
    if is_ping(&kind) {
        return ping(State(receiver), connect).await;
    }
    let Some(kind) = Kind::from_path(&kind) else {
        return refuse(StatusCode::NOT_FOUND, "no such event");
    };
    let form: HashMap<String, String> = match serde_urlencoded::from_bytes(&body) {
        Ok(form) => form,
        Err(_) => {
            return refuse(StatusCode::BAD_REQUEST, "the body is not a form (vpbx_api_key, sign, json)")
        }
    };
    let field = |name: &'static str| form.get(name).filter(|v| !v.is_empty());
    // VPBX events carry `vpbx_api_key` (manual 2.1.1); the Contact Center's are shown with
    // `api_key` (manual 4.4's examples).
    let key_field = if kind.is_contact_center() { "api_key" } else { "vpbx_api_key" };
    let Some(key) = field("vpbx_api_key").or_else(|| field("api_key")) else {
        return refuse(StatusCode::BAD_REQUEST, &format!("missing field {key_field}"));
    };
    let Some(json) = field("json") else {
        return refuse(StatusCode::BAD_REQUEST, "missing field json");
    };
    let sign = field("sign");
    if sign.is_none() && !kind.is_contact_center() {
        return refuse(StatusCode::BAD_REQUEST, "missing field sign");
    }
    match receiver.verify(key, sign.map(String::as_str), json).await {
        Ok(Ok(())) => {}
        Ok(Err(reason)) => {
            note(&receiver, "refused", &format!("{}: {reason}", kind.key())).await;
            return refuse(StatusCode::UNAUTHORIZED, reason);
        }
        Err(error) => {
            tracing::error!(error = %format!("{error:#}"), "cannot read the MANGO credentials to check an event");
            return refuse(StatusCode::SERVICE_UNAVAILABLE, "cannot check events right now");
        }
    }
    if sign.is_none() {
        // Manual 4.4's examples carry `api_key` and `json` but no `sign`, while 2.1.1 names
        // all three. Without a sign the key alone proves nothing (it travels with every
        // request), so an unsigned event is taken only from an address the allow-list names
        // (OBZVON_WEBHOOK_SOURCES=mango: manual 1.2's addresses).
        if receiver.sources == Sources::Any {
            tracing::warn!(kind = kind.key(), "refused an unsigned Contact Center event: set OBZVON_WEBHOOK_SOURCES=mango to accept them from MANGO's addresses");
            note(&receiver, "unsigned_refused", kind.key()).await;
            return refuse(
                StatusCode::UNAUTHORIZED,
                "unsigned event refused: accepted only from MANGO's addresses (OBZVON_WEBHOOK_SOURCES=mango)",
            );
        }
        note(&receiver, "unsigned_accepted", kind.key()).await;
    }
    match ingest(&receiver, kind, json).await {
        Ok(()) => (StatusCode::OK, Json(serde_json::json!({}))).into_response(),
        Err(Ingest::Invalid(message)) => refuse(StatusCode::BAD_REQUEST, &message),
        Err(Ingest::Write(error)) => {
            tracing::error!(%error, "cannot store an event");
            // MANGO sends again what was not accepted.
            refuse(StatusCode::SERVICE_UNAVAILABLE, "cannot store the event right now")
        }
    }
}

enum Ingest {
    Invalid(String),
    Write(WriteError),
}

impl From<sqlx::Error> for Ingest {
    fn from(error: sqlx::Error) -> Ingest {
        Ingest::Write(WriteError::Database(error))
    }
}

fn digest(kind: Kind, json: &str) -> String {
    hex::encode(Sha256::digest(format!("{}\n{json}", kind.key()).as_bytes()))
}

/// Stores a verified event and updates what it changes, through the one writer
/// ([`Writer`]): a redelivery (the same bytes) is not stored again but still folds its call.
/// Signed JSON that cannot be read is kept for inspection ([`store::store_malformed`]) and
/// refused.
async fn ingest(receiver: &Receiver, kind: Kind, json: &str) -> Result<(), Ingest> {
    let digest = digest(kind, json);
    let event = match kind {
        Kind::Call => Parsed::Call(parse(receiver, kind, "events/call", &digest, json).await?),
        Kind::Summary => Parsed::Summary(parse(receiver, kind, "events/summary", &digest, json).await?),
        Kind::StatusChanged => {
            Parsed::StatusChanged(parse(receiver, kind, "events/user/status_changed", &digest, json).await?)
        }
        Kind::Recording => Parsed::Recording(parse(receiver, kind, "events/recording", &digest, json).await?),
        Kind::Dtmf | Kind::Sms | Kind::SessionEnd => {
            parse::<serde_json::Value>(receiver, kind, kind.key(), &digest, json).await?;
            Parsed::Other
        }
    };
    receiver.writer.write(kind, digest, json.to_string(), event).await.map_err(Ingest::Write)
}

/// Reads a verified event's JSON. When it cannot be read, the bytes are kept with the reason
/// (counted once however often they are delivered) and the event is refused with that reason.
async fn parse<T: serde::de::DeserializeOwned>(
    receiver: &Receiver,
    kind: Kind,
    what: &str,
    digest: &str,
    json: &str,
) -> Result<T, Ingest> {
    match serde_json::from_str(json) {
        Ok(event) => Ok(event),
        Err(error) => {
            let reason = format!("{what}: {error}");
            store::store_malformed(&receiver.db, kind.key(), digest, json, &reason).await?;
            note(receiver, "malformed", &reason).await;
            tracing::warn!(kind = kind.key(), %reason, "kept a signed event whose JSON cannot be read");
            Err(Ingest::Invalid(reason))
        }
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn sources() {
        assert_eq!(Sources::parse(None).unwrap(), Sources::Any);
        let mango = Sources::parse(Some("mango")).unwrap();
        assert!(mango.allows(Some("81.88.82.44".parse().unwrap())));
        assert!(!mango.allows(Some("10.0.0.1".parse().unwrap())));
        assert!(!mango.allows(None));
        assert!(Sources::parse(Some("nonsense")).is_err());
    }
}
