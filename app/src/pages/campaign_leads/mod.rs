//! A campaign's lead lists: upload a CSV/XLSX, map its columns, see what each row became,
//! fix rejected rows, then add the accepted ones as tasks and watch them go to MANGO.
//!
//! This module holds the page and its upload form; `push` shows the sending to MANGO,
//! `upload` one checked file, `mapping` its columns and `rejected` the rows it refused.

mod mapping;
mod push;
mod rejected;
mod upload;

use leptos::prelude::*;
use leptos_meta::Title;
use leptos_router::components::A;
use leptos_router::hooks::{use_params_map, use_query_map};

use crate::api::leads::*;
use crate::api::{AppError, Permission};
use crate::components::auth::Guard;
use crate::components::feedback::ErrorBanner;
use crate::i18n::t;

use push::PushProgress;
use upload::UploadPreview;

#[component]
pub fn CampaignLeadsPage() -> impl IntoView {
    let params = use_params_map();
    let id = move || params.with(|p| p.get("id").and_then(|id| id.parse::<i64>().ok()));
    let t = t();
    view! {
        <Title text=format!("{}{}", t.leads.title, t.common.title_suffix)/>
        <Guard permission=Permission::UploadLeadLists>
            {move || match id() {
                Some(id) => view! { <LeadsView campaign_id=id/> }.into_any(),
                None => view! { <ErrorBanner error=Some(AppError::NotFound(t.leads.no_such_campaign.into()))/> }.into_any(),
            }}
        </Guard>
    }
}

#[component]
fn LeadsView(campaign_id: i64) -> impl IntoView {
    let query = use_query_map();
    let upload_id = move || query.with(|q| q.get("upload").and_then(|u| u.parse::<i64>().ok()));
    let upload_error = move || query.with(|q| q.get("error"));
    let tick = RwSignal::new(0u32);
    let t = t();
    let overview = Resource::new(move || tick.get(), move |_| get_leads_overview(campaign_id));
    #[cfg(feature = "hydrate")]
    {
        let handle =
            set_interval_with_handle(move || tick.update(|t| *t += 1), std::time::Duration::from_secs(1))
                .ok();
        on_cleanup(move || {
            if let Some(handle) = handle {
                handle.clear();
            }
        });
    }
    view! {
        <Transition fallback=move || view! { <p class="muted">{t.common.loading}</p> }>
            {move || Suspend::new(async move {
                match overview.await {
                    Err(error) => view! { <ErrorBanner error=Some(error)/> }.into_any(),
                    Ok(overview) => view! {
                        <header class="page-head page-head-row">
                            <div>
                                <h1>{t.leads.title}</h1>
                                <p class="muted">
                                    <A href=format!("/campaigns/{campaign_id}")>{overview.campaign_name.clone()}</A>
                                </p>
                            </div>
                        </header>
                        {(!overview.in_mango).then(|| view! {
                            <div class="banner banner-info" role="status">
                                {t.leads.not_in_mango}
                            </div>
                        })}
                        <PushProgress campaign_id push=overview.push.clone()/>
                    }
                    .into_any(),
                }
            })}
        </Transition>
        // Outside the refreshing part: a chosen file must survive the progress updates.
        <UploadForm campaign_id/>
        {move || upload_error().map(|text| view! { <div class="banner banner-error" role="alert" data-testid="upload-error">{text}</div> })}
        {move || upload_id().map(|upload_id| view! { <UploadPreview upload_id/> })}
    }
}

#[component]
fn UploadForm(campaign_id: i64) -> impl IntoView {
    let t = &t().leads;
    let chosen = RwSignal::new(None::<String>);
    view! {
        <section class="card">
            <h2>{t.upload_heading}</h2>
            <form
                method="post"
                enctype="multipart/form-data"
                action=format!("/campaigns/{campaign_id}/leads/upload")
                class="form"
                data-testid="upload-form"
            >
                <label class="dropzone">
                    <span>{t.dropzone}</span>
                    <span class="field-hint">
                        {t.dropzone_hint}
                    </span>
                    // The browser's own file button speaks the browser's language, not the
                    // page's: it is hidden (still focusable) and this one shows the choice.
                    <span class="file-choice">
                        <span class="button" aria-hidden="true">{t.choose_file}</span>
                        <span class="muted" data-testid="chosen-file">
                            {move || chosen.get().unwrap_or_else(|| t.no_file.to_string())}
                        </span>
                    </span>
                    <input type="file" name="file" class="visually-hidden" aria-label=t.choose_file
                        accept=".csv,.txt,.tsv,.xlsx,.xls,.ods" required
                        on:change=move |ev| chosen.set(file_name(&event_target_value(&ev)))/>
                </label>
                <div class="form-actions">
                    <button type="submit" class="button button-primary">{t.upload_submit}</button>
                </div>
            </form>
        </section>
    }
}

/// The chosen file's name from a file input's value (`C:\fakepath\лиды.csv` in every browser).
fn file_name(value: &str) -> Option<String> {
    let name = value.rsplit(['\\', '/']).next().unwrap_or_default();
    (!name.is_empty()).then(|| name.to_string())
}

#[cfg(test)]
mod file_name_tests {
    #[test]
    fn the_fake_path_is_left_out() {
        assert_eq!(super::file_name("C:\\fakepath\\лиды.csv").as_deref(), Some("лиды.csv"));
        assert_eq!(super::file_name("leads.xlsx").as_deref(), Some("leads.xlsx"));
        assert_eq!(super::file_name(""), None);
    }
}
