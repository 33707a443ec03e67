//! Sends stored callbacks to MANGO (`/cc/task/add`, manual 4.2), oldest first, through the
//! shared rate limiter (5 a second, manual 4.2 and 1.4.2). A callback is claimed before it is
//! sent and never sent twice: a repeat would call the client twice, so a lost answer leaves it
//! "unknown" for a person to check. A clean stop never loses an answer: the request in flight
//! is finished and its answer recorded before the sender ends; only a crash can leave one
//! "sending", which the next start marks "unknown".

use std::sync::Arc;
use std::time::Duration;

use app::i18n::fill;
use tokio::sync::Notify;
use tokio_util::sync::CancellationToken;

use crate::db::callbacks::{self as store, CallbackRecord, SendState};
use crate::db::Db;
use crate::mango::link::MangoLink;
use crate::mango::types::{CallbackTaskRequest, EventType};
use crate::mango::{advice, MangoError};

/// How long the sender waits before trying again while the CC API is down.
const CC_DOWN_PAUSE: Duration = Duration::from_secs(30);

/// What the Callbacks page and Settings say while the CC API is down.
/// Stored with a queued callback in English (the sender runs for nobody in particular).
pub fn cc_down_text(lang: app::i18n::Lang, down: Option<crate::mango::client::CcUnavailable>) -> String {
    let t = &lang.texts().callbacks.server;
    let since = down.map(|d| fill(t.cc_down_since, &[&d.answers, &d.for_how_long.as_secs()]));
    fill(t.cc_down, &[&since.unwrap_or_default(), &CC_DOWN_PAUSE.as_secs()])
}

/// How one attempt to send ended.
#[derive(Debug, PartialEq, Eq)]
pub enum Sent {
    Created,
    Refused,
    /// The answer was lost; it may exist in MANGO.
    Unknown,
    /// MANGO never saw it; it is queued again.
    Later(String),
    /// The Contact Center API answers 5008 to everything (manual 4.1); queued again.
    CcDown(String),
    /// Someone else is sending it, or it was sent already.
    NotMine,
}

fn request(record: &CallbackRecord) -> CallbackTaskRequest {
    let event_type = match record.event_type {
        2 => EventType::Write,
        3 => EventType::Meet,
        4 => EventType::Do,
        _ => EventType::Call,
    };
    CallbackTaskRequest {
        event_type,
        start_time: record.due_at,
        duration: u32::try_from(record.duration_minutes).unwrap_or(1),
        contact_id: None,
        source_id: None,
        source_type: None,
        to_user_id: record.operator_user_id,
        description: Some(record.description.clone()).filter(|d| !d.is_empty()),
        is_auto_call: Some(record.auto_call),
        phone: Some(record.number.clone()).filter(|n| !n.is_empty()),
    }
}

/// Claims callback `id` and sends it.
pub async fn send(db: &Db, link: &MangoLink, id: i64) -> anyhow::Result<Sent> {
    if !store::claim(db, id).await? {
        return Ok(Sent::NotMine);
    }
    let Some(record) = store::get(db, id).await? else { return Ok(Sent::NotMine) };
    let client = match link.connect().await {
        Ok(connected) => connected.client,
        Err(error) => {
            tracing::warn!(
                error = format!("{error:#}"),
                callback = id,
                "no MANGO connection to send a callback"
            );
            let why = app::i18n::t().callbacks.server.no_connection.to_string();
            store::requeue(db, id, &why).await?;
            return Ok(Sent::Later(why));
        }
    };
    match client.add_callback_task(&request(&record)).await {
        Ok(added) => {
            store::mark_created(db, id, added.task_id, added.auto_call_task_id).await?;
            Ok(Sent::Created)
        }
        Err(error @ MangoError::RateLimited { .. }) if client.cc_unavailable().is_some() => {
            // Manual 4.1: 5008 to every request means the CC API is down, not busy. Kept
            // queued (nothing was carried out) and shown; sent once a CC call succeeds.
            let why = cc_down_text(app::i18n::current(), client.cc_unavailable());
            store::requeue(db, id, &why).await?;
            Ok(Sent::CcDown(format!("{why} ({error})")))
        }
        Err(error @ MangoError::RateLimited { .. })
        | Err(error @ MangoError::Transport { maybe_delivered: false, .. }) => {
            // Not carried out: MANGO asked to slow down, or the request never left.
            let (_, text, _) = advice::explain(&error);
            store::requeue(db, id, &format!("{text}; waiting to send again")).await?;
            Ok(Sent::Later(error.to_string()))
        }
        Err(error @ MangoError::Api { .. })
        | Err(error @ MangoError::Config(_))
        | Err(error @ MangoError::AddressRefused { .. })
        | Err(error @ MangoError::Redirect { .. })
        | Err(error @ MangoError::Encode { .. }) => {
            let (code, text, next) = advice::explain(&error);
            let reason = match code {
                Some(code) => format!("{code} {text}. {next}"),
                None => format!("{text}. {next}"),
            };
            store::mark_ended(db, id, SendState::Refused, &reason).await?;
            Ok(Sent::Refused)
        }
        Err(error) => {
            tracing::warn!(callback = id, %error, "callback answer lost");
            store::mark_ended(db, id, SendState::Unknown, super::state::LOST_ANSWER).await?;
            Ok(Sent::Unknown)
        }
    }
}

/// The background sender: wakes when callbacks are queued, sends them one after another.
/// After `stop` it takes no new callback; the one being sent is finished and recorded (the
/// server waits for this task before it closes the database).
pub fn spawn(
    db: Db,
    link: Arc<MangoLink>,
    wake: Arc<Notify>,
    stop: CancellationToken,
) -> tokio::task::JoinHandle<()> {
    tokio::spawn(async move {
        match store::sending_to_unknown(&db, super::state::LOST_ANSWER).await {
            Ok(0) => {}
            Ok(n) => tracing::warn!(
                callbacks = n,
                "callbacks were being sent when the server stopped: marked as unknown"
            ),
            Err(error) => tracing::warn!(%error, "cannot check callbacks left in flight"),
        }
        while !stop.is_cancelled() {
            let mut pause = None;
            while !stop.is_cancelled() {
                let next = match store::next_queued(&db).await {
                    Ok(next) => next,
                    Err(error) => {
                        tracing::warn!(%error, "cannot read queued callbacks");
                        pause = Some(Duration::from_secs(5));
                        break;
                    }
                };
                let Some(id) = next else { break };
                match send(&db, &link, id).await {
                    Ok(Sent::Later(why)) => {
                        tracing::info!(callback = id, %why, "callback waits");
                        pause = Some(Duration::from_secs(2));
                        break;
                    }
                    Ok(Sent::CcDown(why)) => {
                        tracing::warn!(callback = id, %why, "the Contact Center API is down; callbacks wait");
                        pause = Some(CC_DOWN_PAUSE);
                        break;
                    }
                    Ok(_) => {}
                    Err(error) => {
                        tracing::warn!(callback = id, error = format!("{error:#}"), "cannot send a callback");
                        pause = Some(Duration::from_secs(5));
                        break;
                    }
                }
            }
            tokio::select! {
                _ = stop.cancelled() => return,
                _ = async {
                    match pause {
                        Some(pause) => tokio::time::sleep(pause).await,
                        None => wake.notified().await,
                    }
                } => {}
            }
        }
    })
}
