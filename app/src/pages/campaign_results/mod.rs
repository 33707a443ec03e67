//! A campaign's results: every lead and what its calls came to, with filters, search and
//! export (CSV, XLSX) of exactly what is filtered.
//!
//! This module holds the filter and the selection; `filters` is the filter bar, `table` the
//! summary and the leads; the bulk callbacks act on the selection or the filter.

mod do_not_call;
mod filters;
mod table;

use std::collections::BTreeSet;

use leptos::prelude::*;
use leptos_meta::Title;
use leptos_router::components::A;
use leptos_router::hooks::use_params_map;

use crate::api::results::*;
use crate::api::{AppError, Permission};
use crate::components::auth::{signed_in_user, Guard};
use crate::components::bulk_callbacks::BulkCallbacks;
use crate::components::feedback::ErrorBanner;
use crate::components::recording::{may_hear, NowPlaying, Player};
use crate::i18n::t;

use filters::Filters;
use table::{MatchingCard, SummaryCard};

#[component]
pub fn CampaignResultsPage() -> impl IntoView {
    let params = use_params_map();
    let id = move || params.with(|p| p.get("id").and_then(|id| id.parse::<i64>().ok()));
    let t = t();
    view! {
        <Title text=format!("{}{}", t.results.title, t.common.title_suffix)/>
        <Guard permission=Permission::ViewCampaigns>
            {move || match id() {
                Some(id) => view! { <Results campaign_id=id/> }.into_any(),
                None => view! { <ErrorBanner error=Some(AppError::NotFound(t.leads.no_such_campaign.into()))/> }.into_any(),
            }}
        </Guard>
    }
}

#[component]
fn Results(campaign_id: i64) -> impl IntoView {
    let t = t();
    let filter = RwSignal::new(ResultsFilter::default());
    let results = Resource::new(move || filter.get(), move |f| get_results(campaign_id, f));
    let may_export = signed_in_user().is_some_and(|u| u.role.allows(Permission::ExportResults));
    let may_call_back = signed_in_user().is_some_and(|u| u.role.allows(Permission::CreateCallbacks));
    let selected = RwSignal::new(BTreeSet::<i64>::new());
    let matching = RwSignal::new(0i64);
    NowPlaying::provide();
    // The export carries the transcripts only when asked: they can be long.
    let with_transcripts = RwSignal::new(false);
    let export_query = move || {
        let query = filter.with(|f| f.to_query());
        match (with_transcripts.get(), query.is_empty()) {
            (false, _) => query,
            (true, true) => "transcripts=true".to_string(),
            (true, false) => format!("{query}&transcripts=true"),
        }
    };
    Effect::new(move |_| {
        if let Some(Ok(r)) = results.get() {
            matching.set(r.matching);
        }
    });
    view! {
        <header class="page-head page-head-row">
            <div>
                <h1>{t.results.title}</h1>
                <p class="muted"><A href=format!("/campaigns/{campaign_id}")>{t.results.back_to_campaign}</A></p>
            </div>
            {may_export.then(|| view! {
                <div class="form-actions">
                    <a class="button" data-testid="export-csv" download
                        href=move || format!("/campaigns/{campaign_id}/results.csv?{}", export_query())>{t.results.export_csv}</a>
                    <a class="button" data-testid="export-xlsx" download
                        href=move || format!("/campaigns/{campaign_id}/results.xlsx?{}", export_query())>{t.results.export_xlsx}</a>
                    {may_hear().then(|| view! {
                        <label class="checkbox">
                            <input type="checkbox" data-testid="export-transcripts"
                                on:change=move |ev| with_transcripts.set(event_target_checked(&ev))/>
                            {t.results.recordings.export_with_transcripts}
                        </label>
                    })}
                </div>
            })}
        </header>
        <Filters filter results/>
        <Player/>
        <Transition fallback=move || view! { <p class="muted">{t.common.loading}</p> }>
            {move || Suspend::new(async move {
                match results.await {
                    Err(error) => view! { <ErrorBanner error=Some(error)/> }.into_any(),
                    Ok(r) => view! {
                        <SummaryCard summary=r.summary/>
                        <MatchingCard campaign_id rows=r.rows matching=r.matching may_call_back selected/>
                    }
                    .into_any(),
                }
            })}
        </Transition>
        {may_call_back.then(|| view! { <BulkCallbacks campaign_id filter selected matching on_finished=Callback::new(move |_| results.refetch())/> })}
    }
}
