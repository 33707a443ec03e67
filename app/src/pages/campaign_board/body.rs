//! The board's cards: progress, calls by outcome, operators and the latest calls.

use leptos::prelude::*;
use leptos_router::components::A;

use crate::api::board::*;
use crate::components::recording::{may_hear, ListenButton};
use crate::i18n::{fill, format::number, t};

use super::chart::OutcomeChart;
use super::notices::{AlertsCard, ListedWaiting, PaceLine};
use super::Live;

fn minutes_and_seconds(seconds: i64) -> String {
    format!("{}:{:02}", seconds / 60, seconds % 60)
}

/// A count as the plural rules take it (never negative).
fn count(n: i64) -> u64 {
    n.max(0) as u64
}

#[component]
pub fn BoardBody(board: BoardView, live: RwSignal<Live>) -> impl IntoView {
    let BoardView {
        campaign_id,
        campaign_name,
        state_label,
        tasks_total,
        tasks_finished,
        calls,
        queued,
        outcomes,
        operators,
        feed,
        timeline,
        events_received,
        last_event_at,
        do_not_call_waiting,
        alerts,
        pace,
    } = board;
    let t = &t().board;
    let (finished, total) = (tasks_finished.unwrap_or(0), tasks_total.unwrap_or(0));
    let percent = if total > 0 { finished * 100 / total } else { 0 };
    let live_text = move || match live.get() {
        Live::Connecting => t.connecting,
        Live::Open => t.live,
        Live::Reconnecting => t.reconnecting,
    };
    view! {
        <header class="page-head page-head-row">
            <div>
                <h1>{t.title}</h1>
                <p class="muted">
                    <A href=format!("/campaigns/{campaign_id}")>{campaign_name}</A>
                    " · " <span data-testid="board-state">{state_label}</span>
                    " · " <A href=format!("/campaigns/{campaign_id}/results")>{t.results_link}</A>
                </p>
            </div>
            <span class="badge" data-testid="board-live" data-live=move || (live.get() == Live::Open).to_string()>{live_text}</span>
        </header>
        <section class="card" data-testid="board-progress" data-finished=finished data-total=total>
            <h2>{fill(t.progress, &[&finished, &total, &percent])}</h2>
            <div class="progress" role="progressbar" aria-valuemin="0" aria-valuemax=total aria-valuenow=finished>
                <div class="progress-bar" style=format!("width: {percent}%")></div>
            </div>
            <p class="field-hint">
                {t.counts_hint}
                {fill(t.events_received, &[&t.events.count(count(events_received))])}
                {last_event_at.map(|at| fill(t.last_event, &[&at]))}
            </p>
            <PaceLine pace/>
        </section>
        <AlertsCard alerts/>
        <ListedWaiting items=do_not_call_waiting/>
        <CallsCard calls queued outcomes/>
        <OutcomeChart timeline/>
        <OperatorsCard operators/>
        <FeedCard feed/>
    }
}

/// How many calls there were, the leads not called yet, and the calls by outcome with
/// MANGO's end codes.
#[component]
fn CallsCard(calls: i64, queued: i64, outcomes: Vec<OutcomeCount>) -> impl IntoView {
    let t = &t().board;
    let lang = crate::i18n::current();
    view! {
    <section class="card">
        <h2>{fill(t.calls_heading, &[&number(lang, count(calls))])}</h2>
        <p class="field-hint" data-testid="board-queued">{fill(t.not_called, &[&t.leads.count(count(queued))])}</p>
        <ul class="counts" data-testid="board-outcomes">
            {outcomes.iter().map(|o| view! {
                <li data-outcome=o.outcome.key() class=if o.outcome == CallOutcome::Talked { "check-ok" } else { "" }
                    title=o.reasons.join("\n")>
                    {format!("{} — {}", number(lang, count(o.count)), o.label)}
                </li>
            }).collect_view()}
        </ul>
        {
            let reasons: Vec<String> = outcomes.iter().filter(|o| !o.reasons.is_empty())
                .map(|o| format!("{}: {}", o.label, o.reasons.join(", "))).collect();
            (!reasons.is_empty()).then(|| view! {
                <details data-testid="board-reasons">
                    <summary>{t.end_codes}</summary>
                    <ul class="plain">{reasons.into_iter().map(|r| view! { <li>{r}</li> }).collect_view()}</ul>
                </details>
            })
        }
    </section>
    }
}

/// Each operator's calls, talks and talk time.
#[component]
fn OperatorsCard(operators: Vec<OperatorRow>) -> impl IntoView {
    let t = &t().board;
    view! {
    <section class="card">
        <h2>{t.operators}</h2>
        {if operators.is_empty() {
            view! { <p class="muted">{t.no_operator_calls}</p> }.into_any()
        } else {
            view! {
                <div class="table-wrap">
                    <table class="table" data-testid="board-operators">
                        <thead><tr><th>{t.col_operator}</th><th>{t.col_calls}</th><th>{t.col_talks}</th><th>{t.col_talk_time}</th><th>{t.col_status}</th></tr></thead>
                        <tbody>
                            {operators.iter().map(|o| view! {
                                <tr>
                                    <td>{fill(t.operator_ext, &[&o.name, &o.extension])}</td>
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
    }
}

/// The latest calls, newest first.
#[component]
fn FeedCard(feed: Vec<FeedCall>) -> impl IntoView {
    let t = &t().board;
    let hear = may_hear();
    view! {
    <section class="card">
        <h2>{t.latest_calls}</h2>
        {if feed.is_empty() {
            view! { <p class="muted">{t.no_calls}</p> }.into_any()
        } else {
            view! {
                <div class="table-wrap">
                    <table class="table" data-testid="board-feed">
                        <thead><tr><th>{t.col_when}</th><th>{t.col_number}</th><th>{t.col_lead}</th><th>{t.col_operator}</th><th>{t.col_outcome}</th><th>{t.col_talk}</th><th>{crate::i18n::t().results.recordings.col_recording}</th></tr></thead>
                        <tbody>
                            {feed.iter().map(|c| view! {
                                <tr data-outcome=c.outcome.key()>
                                    <td class="nowrap">{c.at.clone()}</td>
                                    <td class="nowrap">{c.number.clone()}</td>
                                    <td>{c.lead_name.clone().unwrap_or_default()}</td>
                                    <td>{c.operator.clone().unwrap_or_default()}</td>
                                    <td title=c.reason.clone().unwrap_or_default()>{c.outcome.label()}</td>
                                    <td>{minutes_and_seconds(c.talk_seconds)}</td>
                                    <td>{c.recording.filter(|_| hear).map(|id| view! { <ListenButton recording=id whose=c.number.clone()/> })}</td>
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
