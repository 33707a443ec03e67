//! A campaign's results: every lead and what its calls came to, with filters, search and
//! export (CSV, XLSX) of exactly what is filtered.

use std::collections::BTreeSet;

use leptos::prelude::*;
use leptos_meta::Title;
use leptos_router::components::A;
use leptos_router::hooks::use_params_map;

use crate::api::board::CallOutcome;
use crate::api::results::*;
use crate::api::{AppError, Permission};
use crate::components::auth::{signed_in_user, Guard};
use crate::components::bulk_callbacks::BulkCallbacks;
use crate::components::feedback::ErrorBanner;

#[component]
pub fn CampaignResultsPage() -> impl IntoView {
    let params = use_params_map();
    let id = move || params.with(|p| p.get("id").and_then(|id| id.parse::<i64>().ok()));
    view! {
        <Title text="Results · Obzvon"/>
        <Guard permission=Permission::ViewCampaigns>
            {move || match id() {
                Some(id) => view! { <Results campaign_id=id/> }.into_any(),
                None => view! { <ErrorBanner error=Some(AppError::NotFound("There is no such campaign.".into()))/> }.into_any(),
            }}
        </Guard>
    }
}

fn talk(seconds: i64) -> String {
    format!("{}:{:02}", seconds / 60, seconds % 60)
}

#[component]
fn Results(campaign_id: i64) -> impl IntoView {
    let filter = RwSignal::new(ResultsFilter::default());
    let results = Resource::new(move || filter.get(), move |f| get_results(campaign_id, f));
    let may_export = signed_in_user().is_some_and(|u| u.role.allows(Permission::ExportResults));
    let may_call_back = signed_in_user().is_some_and(|u| u.role.allows(Permission::CreateCallbacks));
    let selected = RwSignal::new(BTreeSet::<i64>::new());
    let matching = RwSignal::new(0i64);
    Effect::new(move |_| {
        if let Some(Ok(r)) = results.get() {
            matching.set(r.matching);
        }
    });
    let set_outcome = move |key: String| {
        filter.update(|f| {
            f.not_called = key == "not_called";
            f.outcome = CallOutcome::from_key(&key);
        })
    };
    view! {
        <header class="page-head page-head-row">
            <div>
                <h1>"Results"</h1>
                <p class="muted"><A href=format!("/campaigns/{campaign_id}")>"Back to the campaign"</A></p>
            </div>
            {may_export.then(|| view! {
                <div class="form-actions">
                    <a class="button" data-testid="export-csv" download
                        href=move || format!("/campaigns/{campaign_id}/results.csv?{}", filter.with(|f| f.to_query()))>"Export CSV"</a>
                    <a class="button" data-testid="export-xlsx" download
                        href=move || format!("/campaigns/{campaign_id}/results.xlsx?{}", filter.with(|f| f.to_query()))>"Export XLSX"</a>
                </div>
            })}
        </header>
        <section class="card filters">
            <label class="field">
                <span class="field-label">"Last outcome"</span>
                <select aria-label="Filter by outcome" on:change=move |ev| set_outcome(event_target_value(&ev))>
                    <option value="">"Any"</option>
                    <option value="not_called">"Not called yet"</option>
                    {CallOutcome::ALL.iter().map(|o| view! { <option value=o.key()>{o.label()}</option> }).collect_view()}
                </select>
            </label>
            <label class="field">
                <span class="field-label">"Operator"</span>
                <select aria-label="Filter by operator" on:change=move |ev| {
                    let value = event_target_value(&ev);
                    filter.update(|f| f.operator = (!value.is_empty()).then_some(value));
                }>
                    <option value="">"Any"</option>
                    <Transition fallback=|| ()>
                        {move || Suspend::new(async move {
                            results.await.map(|r| r.operators.into_iter().map(|o| {
                                let selected = filter.with_untracked(|f| f.operator.as_deref() == Some(o.extension.as_str()));
                                view! { <option value=o.extension.clone() selected=selected>{format!("{} (ext. {})", o.name, o.extension)}</option> }
                            }).collect_view()).ok()
                        })}
                    </Transition>
                </select>
            </label>
            <label class="field">
                <span class="field-label">"At least … attempts"</span>
                <input type="number" min="0" class="input-short" aria-label="Minimum attempts" on:change=move |ev| {
                    let value = event_target_value(&ev);
                    filter.update(|f| f.min_attempts = value.trim().parse().ok());
                }/>
            </label>
            <label class="field">
                <span class="field-label">"Search"</span>
                <input type="search" placeholder="Number or name" aria-label="Search by number or name" on:input=move |ev| {
                    let value = event_target_value(&ev);
                    filter.update(|f| f.search = value);
                }/>
            </label>
        </section>
        <Transition fallback=|| view! { <p class="muted">"Loading…"</p> }>
            {move || Suspend::new(async move {
                match results.await {
                    Err(error) => view! { <ErrorBanner error=Some(error)/> }.into_any(),
                    Ok(r) => {
                        let s = r.summary.clone();
                        view! {
                            <section class="card" data-testid="results-summary">
                                <ul class="counts">
                                    <li>{format!("{} leads", s.tasks)}</li>
                                    <li>{format!("{} called", s.called)}</li>
                                    <li class="check-ok">{format!("{} talked", s.talked)}</li>
                                    <li>{format!("{} calls", s.calls)}</li>
                                    <li>{format!("{} talk time", talk(s.talk_seconds))}</li>
                                </ul>
                            </section>
                            <section class="card">
                                <h2 data-testid="results-matching">{format!("{} matching", r.matching)}</h2>
                                {if r.rows.is_empty() {
                                    view! { <p class="muted">"No lead matches."</p> }.into_any()
                                } else {
                                    view! {
                                        <div class="table-wrap">
                                            <table class="table" data-testid="results-table">
                                                <thead><tr>
                                                    {may_call_back.then(|| {
                                                        let shown: Vec<i64> = r.rows.iter().map(|row| row.task_id).collect();
                                                        let all = shown.clone();
                                                        view! { <th><input type="checkbox" aria-label="Select every lead shown"
                                                            prop:checked=move || selected.with(|s| all.iter().all(|id| s.contains(id)))
                                                            on:change=move |ev| {
                                                                let on = event_target_checked(&ev);
                                                                selected.update(|s| for id in &shown { if on { s.insert(*id); } else { s.remove(id); } });
                                                            }/></th> }
                                                    })}
                                                    <th>"Number"</th><th>"Name"</th><th>"Attempts"</th><th>"Last outcome"</th>
                                                    <th>"Talk"</th><th>"Operator"</th><th>"Last call"</th><th>"MANGO says"</th><th>"Callback"</th>
                                                </tr></thead>
                                                <tbody>
                                                    {r.rows.iter().map(|row| { let id = row.task_id; view! {
                                                        <tr data-testid="result-row">
                                                            {may_call_back.then(|| view! {
                                                                <td><input type="checkbox" aria-label=format!("Select {}", row.number)
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
                                                                {row.last_outcome.map(|o| o.label()).unwrap_or("Not called yet")}
                                                            </td>
                                                            <td>{talk(row.talk_seconds)}</td>
                                                            <td>{row.operator.clone().unwrap_or_default()}</td>
                                                            <td class="nowrap">{row.last_call_at.clone().unwrap_or_default()}</td>
                                                            <td>{row.mango_status.clone().unwrap_or_default()}</td>
                                                            <td class="nowrap" data-testid="result-callback">{row.callback.clone().unwrap_or_default()}</td>
                                                        </tr>
                                                    }}).collect_view()}
                                                </tbody>
                                            </table>
                                        </div>
                                        {((r.rows.len() as i64) < r.matching).then(|| view! {
                                            <p class="muted">{format!("The first {} are shown; the export has all {}.", r.rows.len(), r.matching)}</p>
                                        })}
                                    }.into_any()
                                }}
                            </section>
                        }.into_any()
                    }
                }
            })}
        </Transition>
        {may_call_back.then(|| view! { <BulkCallbacks campaign_id filter selected matching on_finished=Callback::new(move |_| results.refetch())/> })}
    }
}
