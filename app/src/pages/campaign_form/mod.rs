//! New and edit campaign: every field of `campaign/add` (manual 3.8.4.1) with its allowed
//! values in words, the weekly schedule in a chosen zone, and a live preview of exactly what
//! MANGO will receive. The same checks run here while typing and on the server.
//!
//! This module loads what the form needs; `editor` holds the form's state and submits it,
//! `sections` lays out its cards, `choices` the select fields, `schedule` the weekly windows
//! and their UTC preview, `operators` the searchable operator list.

mod choices;
mod editor;
mod operators;
mod schedule;
mod sections;

use leptos::prelude::*;
use leptos_meta::Title;
use leptos_router::hooks::use_params_map;

use crate::api::campaigns::*;
use crate::api::Permission;
use crate::components::auth::Guard;
use crate::components::feedback::ErrorBanner;
use crate::i18n::t;

use editor::CampaignEditor;

#[component]
pub fn NewCampaignPage() -> impl IntoView {
    let t = t();
    view! {
        <Title text=format!("{}{}", t.campaigns.form.new_title, t.common.title_suffix)/>
        <Guard permission=Permission::EditCampaigns>
            <header class="page-head"><h1>{t.campaigns.form.new_title}</h1></header>
            <FormLoader id=None/>
        </Guard>
    }
}

#[component]
pub fn EditCampaignPage() -> impl IntoView {
    let params = use_params_map();
    let id = move || params.with(|p| p.get("id").and_then(|id| id.parse::<i64>().ok()));
    let t = t();
    view! {
        <Title text=format!("{}{}", t.campaigns.form.edit_title, t.common.title_suffix)/>
        <Guard permission=Permission::EditCampaigns>
            <header class="page-head"><h1>{t.campaigns.form.edit_title}</h1></header>
            {move || view! { <FormLoader id=id()/> }}
        </Guard>
    }
}

#[component]
fn FormLoader(id: Option<i64>) -> impl IntoView {
    let options = Resource::new(|| (), |_| get_campaign_form_options());
    let existing = Resource::new(
        move || id,
        |id| async move {
            match id {
                Some(id) => get_campaign(id).await.map(Some),
                None => Ok(None),
            }
        },
    );
    let t = t();
    view! {
        <Transition fallback=move || view! { <p class="muted">{t.common.loading}</p> }>
            {move || Suspend::new(async move {
                let options = options.await;
                let existing = existing.await;
                match (options, existing) {
                    (Err(error), _) | (_, Err(error)) => view! { <ErrorBanner error=Some(error)/> }.into_any(),
                    (Ok(_), Ok(Some(detail))) if detail.row.state != CampaignState::Draft => view! {
                        <div class="banner banner-info" role="status">
                            {t.campaigns.form.in_mango_already}
                            <a href=format!("/campaigns/{}", detail.row.id)>{t.campaigns.form.open_it}</a>
                            {t.campaigns.form.use_duplicate}
                        </div>
                    }
                    .into_any(),
                    (Ok(options), Ok(detail)) => {
                        let start = detail
                            .as_ref()
                            .map(|d| d.form.clone())
                            .unwrap_or_else(|| CampaignForm::new_draft(&options.default_timezone));
                        view! { <CampaignEditor id options start/> }.into_any()
                    }
                }
            })}
        </Transition>
    }
}
