//! A campaign's live board: MANGO's progress, outcomes, operators and the latest calls,
//! refreshed whenever the server says something changed (server-sent events; the browser
//! reconnects by itself when the connection drops).
//!
//! This module keeps the live channel and reloads the board; `body` lays out the cards and
//! `chart` draws the outcomes over time.

mod body;
mod chart;

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
    let loading = t().common.loading;
    #[cfg(feature = "hydrate")]
    {
        use wasm_bindgen::closure::Closure;
        use wasm_bindgen::JsCast;
        if let Ok(source) = web_sys::EventSource::new(&format!("/campaigns/{campaign_id}/board/stream")) {
            let on_update =
                Closure::<dyn FnMut(web_sys::MessageEvent)>::new(move |_| tick.update(|t| *t += 1));
            let _ = source.add_event_listener_with_callback("update", on_update.as_ref().unchecked_ref());
            let on_open = Closure::<dyn FnMut(web_sys::Event)>::new(move |_| {
                live.set(Live::Open);
                // Whatever happened while the channel was down.
                tick.update(|t| *t += 1);
            });
            source.set_onopen(Some(on_open.as_ref().unchecked_ref()));
            let on_error = Closure::<dyn FnMut(web_sys::Event)>::new(move |_| live.set(Live::Reconnecting));
            source.set_onerror(Some(on_error.as_ref().unchecked_ref()));
            let closures = send_wrapper::SendWrapper::new((source, on_update, on_open, on_error));
            on_cleanup(move || {
                let (source, ..) = &*closures;
                source.close();
            });
        }
    }
    view! {
        <Transition fallback=move || view! { <p class="muted">{loading}</p> }>
            {move || Suspend::new(async move {
                match board.await {
                    Err(error) => view! { <ErrorBanner error=Some(error)/> }.into_any(),
                    Ok(b) => view! { <BoardBody board=b live/> }.into_any(),
                }
            })}
        </Transition>
    }
}
