//! A campaign's live board: MANGO's progress, outcomes, operators and the latest calls,
//! as the server sends it whenever something changed (server-sent events carrying the board;
//! the browser reconnects by itself when the connection drops).
//!
//! This module keeps the live channel and reloads the board; `body` lays out the cards and
//! `chart` draws the outcomes over time.

mod body;
mod chart;
mod notices;

use leptos::prelude::*;
use leptos_meta::Title;
use leptos_router::hooks::use_params_map;

use crate::api::board::*;
use crate::api::{AppError, Permission};
use crate::components::auth::Guard;
use crate::components::feedback::ErrorBanner;
use crate::i18n::t;

use body::BoardBody;

#[component]
pub fn CampaignBoardPage() -> impl IntoView {
    let params = use_params_map();
    let id = move || params.with(|p| p.get("id").and_then(|id| id.parse::<i64>().ok()));
    let t = t();
    view! {
        <Title text=format!("{}{}", t.board.title, t.common.title_suffix)/>
        <Guard permission=Permission::ViewCampaigns>
            {move || match id() {
                Some(id) => view! { <Board campaign_id=id/> }.into_any(),
                None => view! { <ErrorBanner error=Some(AppError::NotFound(t.leads.no_such_campaign.into()))/> }.into_any(),
            }}
        </Guard>
    }
}

/// Whether the live channel is open.
#[cfg_attr(not(feature = "hydrate"), allow(dead_code))]
#[derive(Clone, Copy, PartialEq, Eq)]
pub enum Live {
    Connecting,
    Open,
    Reconnecting,
}

#[component]
fn Board(campaign_id: i64) -> impl IntoView {
    let tick = RwSignal::new(0u32);
    let live = RwSignal::new(Live::Connecting);
    let board = Resource::new(move || tick.get(), move |_| get_board(campaign_id));
    // The latest board the live channel sent; shown instead of the fetched one once it comes.
    let pushed = RwSignal::new(None::<BoardView>);
    let loading = t().common.loading;
    // Outside what each event redraws, so a recording keeps playing as calls come in.
    crate::components::recording::NowPlaying::provide();
    #[cfg(feature = "hydrate")]
    {
        use wasm_bindgen::closure::Closure;
        use wasm_bindgen::JsCast;
        if let Ok(source) = web_sys::EventSource::new(&format!("/campaigns/{campaign_id}/board/stream")) {
            let on_board =
                Closure::<dyn FnMut(web_sys::MessageEvent)>::new(move |event: web_sys::MessageEvent| {
                    match event
                        .data()
                        .as_string()
                        .and_then(|json| serde_json::from_str::<BoardView>(&json).ok())
                    {
                        Some(view) => pushed.set(Some(view)),
                        // Unreadable: the server function's board is the same board.
                        None => tick.update(|t| *t += 1),
                    }
                });
            let _ = source.add_event_listener_with_callback("board", on_board.as_ref().unchecked_ref());
            // The server could not lay out the board for the stream: fetch it.
            let on_update = Closure::<dyn FnMut(web_sys::MessageEvent)>::new(move |_| {
                pushed.set(None);
                tick.update(|t| *t += 1)
            });
            let _ = source.add_event_listener_with_callback("update", on_update.as_ref().unchecked_ref());
            // The stream opens with the board as it is, so what happened while it was down shows.
            let on_open = Closure::<dyn FnMut(web_sys::Event)>::new(move |_| live.set(Live::Open));
            source.set_onopen(Some(on_open.as_ref().unchecked_ref()));
            let on_error = Closure::<dyn FnMut(web_sys::Event)>::new(move |_| live.set(Live::Reconnecting));
            source.set_onerror(Some(on_error.as_ref().unchecked_ref()));
            let closures = send_wrapper::SendWrapper::new((source, on_board, on_update, on_open, on_error));
            on_cleanup(move || {
                let (source, ..) = &*closures;
                source.close();
            });
        }
    }
    view! {
        <crate::components::recording::Player/>
        {move || match pushed.get() {
            Some(b) => view! { <BoardBody board=b live/> }.into_any(),
            None => view! {
                <Transition fallback=move || view! { <p class="muted">{loading}</p> }>
                    {move || Suspend::new(async move {
                        match board.await {
                            Err(error) => view! { <ErrorBanner error=Some(error)/> }.into_any(),
                            Ok(b) => view! { <BoardBody board=b live/> }.into_any(),
                        }
                    })}
                </Transition>
            }
            .into_any(),
        }}
    }
}
