//! A campaign's live board: MANGO's progress, outcomes, operators and the latest calls,
//! refreshed whenever the server says something changed (server-sent events; the browser
//! reconnects by itself when the connection drops).

use leptos::prelude::*;
use leptos_meta::Title;
use leptos_router::components::A;
use leptos_router::hooks::use_params_map;

use crate::api::board::*;
use crate::api::{AppError, Permission};
use crate::components::auth::Guard;
use crate::components::feedback::ErrorBanner;

#[component]
pub fn CampaignBoardPage() -> impl IntoView {
    let params = use_params_map();
    let id = move || params.with(|p| p.get("id").and_then(|id| id.parse::<i64>().ok()));
    view! {
        <Title text="Board · Obzvon"/>
        <Guard permission=Permission::ViewCampaigns>
            {move || match id() {
                Some(id) => view! { <Board campaign_id=id/> }.into_any(),
                None => view! { <ErrorBanner error=Some(AppError::NotFound("There is no such campaign.".into()))/> }.into_any(),
            }}
        </Guard>
    }
}

/// Whether the live channel is open.
#[cfg_attr(not(feature = "hydrate"), allow(dead_code))]
#[derive(Clone, Copy, PartialEq, Eq)]
enum Live {
    Connecting,
    Open,
    Reconnecting,
}

#[component]
fn Board(campaign_id: i64) -> impl IntoView {
    let tick = RwSignal::new(0u32);
    let live = RwSignal::new(Live::Connecting);
    let board = Resource::new(move || tick.get(), move |_| get_board(campaign_id));
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
        <Transition fallback=|| view! { <p class="muted">"Loading…"</p> }>
            {move || Suspend::new(async move {
                match board.await {
                    Err(error) => view! { <ErrorBanner error=Some(error)/> }.into_any(),
                    Ok(b) => view! { <BoardBody board=b live/> }.into_any(),
                }
            })}
        </Transition>
    }
}

fn minutes_and_seconds(seconds: i64) -> String {
    format!("{}:{:02}", seconds / 60, seconds % 60)
}

#[component]
fn BoardBody(board: BoardView, live: RwSignal<Live>) -> impl IntoView {
    let campaign_id = board.campaign_id;
    let (finished, total) = (board.tasks_finished.unwrap_or(0), board.tasks_total.unwrap_or(0));
    let percent = if total > 0 { finished * 100 / total } else { 0 };
    let live_text = move || match live.get() {
        Live::Connecting => "Connecting…",
        Live::Open => "Live",
        Live::Reconnecting => "Reconnecting…",
    };
    view! {
        <header class="page-head page-head-row">
            <div>
                <h1>"Board"</h1>
                <p class="muted">
                    <A href=format!("/campaigns/{campaign_id}")>{board.campaign_name.clone()}</A>
                    " · " <span data-testid="board-state">{board.state_label.clone()}</span>
                    " · " <A href=format!("/campaigns/{campaign_id}/results")>"Results for every lead"</A>
                </p>
            </div>
            <span class="badge" data-testid="board-live" data-live=move || (live.get() == Live::Open).to_string()>{live_text}</span>
        </header>
        <section class="card" data-testid="board-progress" data-finished=finished data-total=total>
            <h2>{format!("{finished} of {total} tasks finished ({percent} %)")}</h2>
            <div class="progress" role="progressbar" aria-valuemin="0" aria-valuemax=total aria-valuenow=finished>
                <div class="progress-bar" style=format!("width: {percent}%")></div>
            </div>
            <p class="field-hint">
                "Task counts are MANGO's own (checked every 10 seconds); calls below come from MANGO's events as they happen. "
                {format!("{} events received", board.events_received)}
                {board.last_event_at.clone().map(|at| format!(", the last at {at}."))}
            </p>
        </section>
        <section class="card">
            <h2>{format!("Calls ({})", board.calls)}</h2>
            <p class="field-hint" data-testid="board-queued">{format!("{} leads not called yet.", board.queued)}</p>
            <ul class="counts" data-testid="board-outcomes">
                {board.outcomes.iter().map(|o| view! {
                    <li data-outcome=o.outcome.key() class=if o.outcome == CallOutcome::Talked { "check-ok" } else { "" }
                        title=o.reasons.join("\n")>
                        {format!("{} — {}", o.count, o.label)}
                    </li>
                }).collect_view()}
            </ul>
            {
                let reasons: Vec<String> = board.outcomes.iter().filter(|o| !o.reasons.is_empty())
                    .map(|o| format!("{}: {}", o.label, o.reasons.join(", "))).collect();
                (!reasons.is_empty()).then(|| view! {
                    <details data-testid="board-reasons">
                        <summary>"MANGO's end codes"</summary>
                        <ul class="plain">{reasons.into_iter().map(|r| view! { <li>{r}</li> }).collect_view()}</ul>
                    </details>
                })
            }
        </section>
        <OutcomeChart timeline=board.timeline.clone()/>
        <section class="card">
            <h2>"Operators"</h2>
            {if board.operators.is_empty() {
                view! { <p class="muted">"No calls have reached an operator yet."</p> }.into_any()
            } else {
                view! {
                    <div class="table-wrap">
                        <table class="table" data-testid="board-operators">
                            <thead><tr><th>"Operator"</th><th>"Calls"</th><th>"Talks"</th><th>"Talk time"</th><th>"Status"</th></tr></thead>
                            <tbody>
                                {board.operators.iter().map(|o| view! {
                                    <tr>
                                        <td>{format!("{} (ext. {})", o.name, o.extension)}</td>
                                        <td>{o.calls}</td>
                                        <td>{o.talks}</td>
                                        <td>{minutes_and_seconds(o.talk_seconds)}</td>
                                        <td>{o.status.clone().unwrap_or_else(|| "—".into())}</td>
                                    </tr>
                                }).collect_view()}
                            </tbody>
                        </table>
                    </div>
                }.into_any()
            }}
        </section>
        <section class="card">
            <h2>"Latest calls"</h2>
            {if board.feed.is_empty() {
                view! { <p class="muted">"No calls yet. They appear here as MANGO reports them."</p> }.into_any()
            } else {
                view! {
                    <div class="table-wrap">
                        <table class="table" data-testid="board-feed">
                            <thead><tr><th>"When"</th><th>"Number"</th><th>"Lead"</th><th>"Operator"</th><th>"Outcome"</th><th>"Talk"</th></tr></thead>
                            <tbody>
                                {board.feed.iter().map(|c| view! {
                                    <tr data-outcome=c.outcome.key()>
                                        <td class="nowrap">{c.at.clone()}</td>
                                        <td class="nowrap">{c.number.clone()}</td>
                                        <td>{c.lead_name.clone().unwrap_or_default()}</td>
                                        <td>{c.operator.clone().unwrap_or_default()}</td>
                                        <td title=c.reason.clone().unwrap_or_default()>{c.outcome.label()}</td>
                                        <td>{minutes_and_seconds(c.talk_seconds)}</td>
                                    </tr>
                                }).collect_view()}
                            </tbody>
                        </table>
                    </div>
                }.into_any()
            }}
        </section>
    }
}

/// Finished calls over time as stacked bars, one colour per outcome.
#[component]
fn OutcomeChart(timeline: Vec<TimeBucket>) -> impl IntoView {
    if timeline.is_empty() {
        return ().into_any();
    }
    const WIDTH: f64 = 720.0;
    const HEIGHT: f64 = 160.0;
    const LABELS: f64 = 18.0;
    let most = timeline.iter().map(|b| b.counts.iter().map(|(_, n)| n).sum::<i64>()).max().unwrap_or(1).max(1)
        as f64;
    let slot = WIDTH / timeline.len() as f64;
    let bar = (slot * 0.7).max(2.0);
    let bars = timeline
        .iter()
        .enumerate()
        .map(|(i, bucket)| {
            let x = i as f64 * slot + (slot - bar) / 2.0;
            let mut top = HEIGHT;
            let segments = bucket
                .counts
                .iter()
                .map(|(outcome, count)| {
                    let h = *count as f64 / most * (HEIGHT - 4.0);
                    top -= h;
                    view! {
                        <rect x=format!("{x:.1}") y=format!("{top:.1}") width=format!("{bar:.1}") height=format!("{h:.1}") class=format!("outcome-{}", outcome.key())>
                            <title>{format!("{} {}: {count}", bucket.label, outcome.label())}</title>
                        </rect>
                    }
                })
                .collect_view();
            let label_x = i as f64 * slot + slot / 2.0;
            let show_label = timeline.len() <= 6 || i % 2 == 0;
            view! {
                <g data-testid="chart-bar">
                    {segments}
                    {show_label.then(|| view! { <text x=format!("{label_x:.1}") y=format!("{:.1}", HEIGHT + 14.0) text-anchor="middle">{bucket.label.clone()}</text> })}
                </g>
            }
        })
        .collect_view();
    view! {
        <section class="card">
            <h2>"Outcomes over time"</h2>
            <svg class="chart" viewBox=format!("0 0 {WIDTH} {}", HEIGHT + LABELS) role="img" aria-label="Finished calls over time by outcome" data-testid="outcome-chart">
                {bars}
            </svg>
            <ul class="counts chart-legend">
                {CallOutcome::ALL.iter().filter(|o| **o != CallOutcome::InProgress).map(|o| view! {
                    <li><span class=format!("swatch outcome-{}", o.key())></span>{o.label()}</li>
                }).collect_view()}
            </ul>
        </section>
    }
    .into_any()
}
