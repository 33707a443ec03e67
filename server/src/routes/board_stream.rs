//! The board's live channel: `GET /campaigns/{id}/board/stream`, server-sent events. A
//! `board` event carries the whole board as JSON (a few kilobytes: counts, operators, the
//! latest twenty calls), in the reader's language and the settings' zone: once when the
//! stream opens, at once when an event for the campaign's calls is stored, and every ten
//! seconds in any case (MANGO's counts are polled). The browser shows it as it comes, so a
//! webhook reaches the open board without a second request. Not a diff: the board is a tally of
//! every call, and only the server holds them all. A burst is answered at most four times a
//! second. When the board cannot be read, an `update` event asks the browser to fetch it.
//! Browsers reconnect by themselves when it drops. Every open stream ends when `stop` is
//! cancelled: the server's graceful shutdown waits for open responses, and a stream never
//! ends by itself.

use std::convert::Infallible;
use std::time::{Duration, Instant};

use app::api::Permission;
use axum::extract::{Path, State};
use axum::http::{HeaderMap, StatusCode};
use axum::response::sse::{Event, KeepAlive, Sse};
use axum::response::{IntoResponse, Response};
use axum::Router;
use futures_util::StreamExt;
use tokio::sync::broadcast::error::RecvError;
use tokio_util::sync::CancellationToken;

use crate::auth::signed_in::SignedIn;
use crate::calls::alerts::AlertRules;
use crate::calls::board;
use crate::calls::webhooks::receiver::Updates;
use crate::db::{campaigns as campaign_store, settings as setting_store, Db};
use crate::error::Doing;
use crate::mango::settings::{DEFAULT_TIMEZONE, TIMEZONE};
use crate::routes::uploads::lang_of;

/// Boards sent at least this far apart: the first event of a burst goes at once, the rest of
/// the burst lands in the next board.
const MIN_GAP: Duration = Duration::from_millis(250);
/// An update at least this often: MANGO's own counts are polled, not pushed.
const HEARTBEAT: Duration = Duration::from_secs(10);

#[derive(Clone)]
struct StreamState {
    db: Db,
    updates: Updates,
    stop: CancellationToken,
    rules: AlertRules,
}

pub fn router(db: Db, updates: Updates, stop: CancellationToken, rules: AlertRules) -> Router {
    Router::new().route("/campaigns/{id}/board/stream", axum::routing::get(stream)).with_state(StreamState {
        db,
        updates,
        stop,
        rules,
    })
}

async fn stream(
    State(state): State<StreamState>,
    Path(campaign_id): Path<i64>,
    signed_in: SignedIn,
    headers: HeaderMap,
) -> Response {
    if let Err(refusal) = signed_in.may(Permission::ViewCampaigns) {
        return refusal.into_response();
    }
    let lang = lang_of(&signed_in, &headers);
    match campaign_store::get(&state.db, campaign_id).await.doing("read the board") {
        Ok(Some(_)) => {}
        Ok(None) => {
            let text = app::i18n::fill(lang.texts().leads.file.no_campaign, &[&campaign_id]);
            return (StatusCode::NOT_FOUND, text).into_response();
        }
        Err(error) => {
            let text = app::i18n::in_lang(lang, || error.to_string());
            return (StatusCode::INTERNAL_SERVER_ERROR, text).into_response();
        }
    }
    let receiver = state.updates.subscribe();
    let db = state.db.clone();
    let rules = state.rules;
    let start = Waiting { receiver, db, opened: false, last_for_event: None };
    let events = futures_util::stream::unfold(start, move |mut waiting| async move {
        if waiting.opened {
            match waiting.next_change(campaign_id).await {
                Wake::Event => waiting.last_for_event = Some(Instant::now()),
                Wake::Heartbeat => {}
                Wake::Closed => return None,
            }
        }
        waiting.opened = true;
        let event = match board::read(&waiting.db, campaign_id, rules).await {
            Ok(read) => {
                let zone = zone(&waiting.db).await;
                let view = app::i18n::in_lang(lang, || read.tally(zone));
                match serde_json::to_string(&view) {
                    Ok(json) => Event::default().event("board").data(json),
                    Err(_) => Event::default().event("update").data("board"),
                }
            }
            Err(_) => Event::default().event("update").data("board"),
        };
        Some((Ok::<_, Infallible>(event), waiting))
    });
    let events = events.take_until(state.stop.clone().cancelled_owned());
    Sse::new(events).keep_alive(KeepAlive::default()).into_response()
}

/// One stream between two boards sent.
struct Waiting {
    receiver: tokio::sync::broadcast::Receiver<i64>,
    db: Db,
    /// The first board (sent when the stream opens) is out.
    opened: bool,
    /// When the last board sent for an event went. Heartbeats do not count: an event right
    /// after one is still the first of its burst and goes at once.
    last_for_event: Option<Instant>,
}

/// Why the next board is sent.
enum Wake {
    /// Events for the campaign were stored (or an unknown number of them: the channel lagged).
    Event,
    /// Nothing for a while: MANGO's polled counts may have moved.
    Heartbeat,
    /// No more events will ever come.
    Closed,
}

impl Waiting {
    /// Waits until the board is worth sending again: an event for the campaign (no sooner
    /// than [`MIN_GAP`] after the last board sent for an event), a lost count of events, or
    /// the heartbeat.
    async fn next_change(&mut self, campaign_id: i64) -> Wake {
        // The campaign's MANGO id can appear while the stream is open (created in MANGO later).
        let mango_id =
            campaign_store::get(&self.db, campaign_id).await.ok().flatten().and_then(|c| c.mango_campaign_id);
        let heartbeat = tokio::time::sleep(HEARTBEAT);
        tokio::pin!(heartbeat);
        loop {
            tokio::select! {
                _ = &mut heartbeat => return Wake::Heartbeat,
                message = self.receiver.recv() => match message {
                    Ok(id) if Some(id) == mango_id => {
                        if let Some(last) = self.last_for_event {
                            tokio::time::sleep_until((last + MIN_GAP).into()).await;
                        }
                        // Whatever else landed meanwhile is in the board about to be read.
                        while self.receiver.try_recv().is_ok() {}
                        return Wake::Event;
                    }
                    Ok(_) => continue,
                    Err(RecvError::Lagged(_)) => return Wake::Event,
                    Err(RecvError::Closed) => return Wake::Closed,
                },
            }
        }
    }
}

/// The zone the board's times are in: the settings' (the same as the board page's).
async fn zone(db: &Db) -> chrono_tz::Tz {
    let name = setting_store::get(db, TIMEZONE).await.ok().flatten();
    name.as_deref().unwrap_or(DEFAULT_TIMEZONE).parse().unwrap_or(chrono_tz::Europe::Moscow)
}
