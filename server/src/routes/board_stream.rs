//! The board's live channel: `GET /campaigns/{id}/board/stream`, server-sent events. An
//! `update` event whenever an event for the campaign's calls was stored (at most four a
//! second), and every ten seconds in any case (MANGO's counts are polled). Browsers reconnect
//! by themselves when it drops. Every open stream ends when `stop` is cancelled: the server's
//! graceful shutdown waits for open responses, and a stream never ends by itself.

use std::convert::Infallible;
use std::time::Duration;

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
use crate::calls::webhooks::receiver::Updates;
use crate::db::{campaigns as campaign_store, Db};
use crate::error::Doing;
use crate::routes::uploads::lang_of;

/// A burst of events is let land for this long, then answered with one update.
const COALESCE: Duration = Duration::from_millis(250);
/// An update at least this often: MANGO's own counts are polled, not pushed.
const HEARTBEAT: Duration = Duration::from_secs(10);

#[derive(Clone)]
struct StreamState {
    db: Db,
    updates: Updates,
    stop: CancellationToken,
}

pub fn router(db: Db, updates: Updates, stop: CancellationToken) -> Router {
    Router::new().route("/campaigns/{id}/board/stream", axum::routing::get(stream)).with_state(StreamState {
        db,
        updates,
        stop,
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
    let events = futures_util::stream::unfold((receiver, db), move |(mut receiver, db)| async move {
        // The campaign's MANGO id can appear while the stream is open (created in MANGO later).
        let mango_id =
            campaign_store::get(&db, campaign_id).await.ok().flatten().and_then(|c| c.mango_campaign_id);
        let heartbeat = tokio::time::sleep(HEARTBEAT);
        tokio::pin!(heartbeat);
        loop {
            tokio::select! {
                _ = &mut heartbeat => break,
                message = receiver.recv() => match message {
                    Ok(id) if Some(id) == mango_id => {
                        // Let a burst of events land, then send one update for all of them.
                        tokio::time::sleep(COALESCE).await;
                        while receiver.try_recv().is_ok() {}
                        break;
                    }
                    Ok(_) => continue,
                    Err(RecvError::Lagged(_)) => break,
                    Err(RecvError::Closed) => return None,
                },
            }
        }
        Some((Ok::<_, Infallible>(Event::default().event("update").data("board")), (receiver, db)))
    });
    let events = events.take_until(state.stop.clone().cancelled_owned());
    Sse::new(events).keep_alive(KeepAlive::default()).into_response()
}
