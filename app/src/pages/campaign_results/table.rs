//! The results' summary and the leads that match, with a checkbox each for callbacks.

use std::collections::BTreeSet;

use leptos::prelude::*;

use crate::api::results::*;
use crate::api::Permission;
use crate::components::auth::signed_in_user;
use crate::components::recording::RecordingCell;

use super::do_not_call::DoNotCallCell;
use crate::i18n::{current, fill, format::number, t};

fn talk(seconds: i64) -> String {
    format!("{}:{:02}", seconds / 60, seconds % 60)
}

/// Leads, calls and talk time of the whole campaign.
#[component]
pub fn SummaryCard(summary: ResultsSummary) -> impl IntoView {
    let s = summary;
    let t = &t().results;
    let n = |n: i64| number(current(), n.max(0) as u64);
    view! {
        <section class="card" data-testid="results-summary">
            <ul class="counts">
                <li>{t.leads.count(s.tasks.max(0) as u64)}</li>
                <li>{fill(t.summary_called, &[&n(s.called)])}</li>
                <li class="check-ok">{fill(t.summary_talked, &[&n(s.talked)])}</li>
                <li>{t.calls.count(s.calls.max(0) as u64)}</li>
                <li>{fill(t.summary_talk_time, &[&talk(s.talk_seconds)])}</li>
            </ul>
        </section>
    }
}

/// How many leads match, and the first of them.
#[component]
pub fn MatchingCard(
    campaign_id: i64,
    rows: Vec<TaskResult>,
    matching: i64,
    may_call_back: bool,
    selected: RwSignal<BTreeSet<i64>>,
) -> impl IntoView {
    let t = &t().results;
    let n = |n: i64| number(current(), n.max(0) as u64);
    view! {
        <section class="card">
            <h2 data-testid="results-matching">{fill(t.matching, &[&n(matching)])}</h2>
            {if rows.is_empty() {
                view! { <p class="muted">{t.no_match}</p> }.into_any()
            } else {
                let shown = rows.len();
                view! {
                    <ResultsTable campaign_id rows may_call_back selected/>
                    {((shown as i64) < matching).then(|| view! {
                        <p class="muted">{fill(t.first_shown, &[&shown, &n(matching)])}</p>
                    })}
                }.into_any()
            }}
        </section>
    }
}

#[component]
fn ResultsTable(
    campaign_id: i64,
    rows: Vec<TaskResult>,
    may_call_back: bool,
    selected: RwSignal<BTreeSet<i64>>,
) -> impl IntoView {
    let t = &t().results;
    view! {
        <div class="table-wrap">
            <table class="table" data-testid="results-table">
                <thead><tr>
                    {may_call_back.then(|| {
                        let shown: Vec<i64> = rows.iter().map(|row| row.task_id).collect();
                        let all = shown.clone();
                        view! { <th><input type="checkbox" aria-label=t.select_all
                            prop:checked=move || selected.with(|s| all.iter().all(|id| s.contains(id)))
                            on:change=move |ev| {
                                let on = event_target_checked(&ev);
                                selected.update(|s| for id in &shown { if on { s.insert(*id); } else { s.remove(id); } });
                            }/></th> }
                    })}
                    <th>{t.col_number}</th><th>{t.col_name}</th><th>{t.col_attempts}</th><th>{t.last_outcome}</th>
                    <th>{t.col_talk}</th><th>{t.operator}</th><th>{t.col_last_call}</th><th>{t.col_mango_says}</th><th>{t.col_callback}</th><th>{t.recordings.col_recording}</th><th>{crate::i18n::t().nav.do_not_call}</th>
                </tr></thead>
                <tbody>
                    {rows.into_iter().map(|row| view! { <ResultRow campaign_id row may_call_back selected/> }).collect_view()}
                </tbody>
            </table>
        </div>
    }
}

/// One lead: its number, name, attempts, last outcome and callback.
#[component]
fn ResultRow(
    campaign_id: i64,
    row: TaskResult,
    may_call_back: bool,
    selected: RwSignal<BTreeSet<i64>>,
) -> impl IntoView {
    let id = row.task_id;
    let may_list = signed_in_user().is_some_and(|u| u.role.allows(Permission::ManageDoNotCall));
    let t = &t().results;
    view! {
        <tr data-testid="result-row">
            {may_call_back.then(|| view! {
                <td><input type="checkbox" aria-label=fill(t.select_one, &[&row.number])
                    prop:checked=move || selected.with(|s| s.contains(&id))
                    on:change=move |ev| {
                        let on = event_target_checked(&ev);
                        selected.update(|s| { if on { s.insert(id); } else { s.remove(&id); } });
                    }/></td>
            })}
            <td class="nowrap">{row.number.clone()}</td>
            <td>{row.name.clone()}</td>
            <td>{row.attempts}</td>
            <td title=row.last_reason.clone().unwrap_or_default()>
                {row.last_outcome.map(|o| o.label()).unwrap_or(t.not_called)}
            </td>
            <td>{talk(row.talk_seconds)}</td>
            <td>{row.operator.clone().unwrap_or_default()}</td>
            <td class="nowrap">{row.last_call_at.clone().unwrap_or_default()}</td>
            <td>{row.mango_status.clone().unwrap_or_default()}</td>
            <td class="nowrap" data-testid="result-callback">{row.callback.clone().unwrap_or_default()}</td>
            <td class="recordings-cell" data-testid="result-recordings">
                {row.recordings.iter().cloned().map(|recording| view! { <RecordingCell recording whose=row.number.clone()/> }).collect_view()}
            </td>
            <td><DoNotCallCell campaign_id lead=id listed_since=row.do_not_call.clone() may_list/></td>
        </tr>
    }
}
