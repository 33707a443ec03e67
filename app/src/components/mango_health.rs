//! What Obzvon learned about the connected MANGO by talking to it: which `campaign/get_list`
//! path answers (manual 3.8.1 names two) and whether the Contact Center API is down
//! (manual 4.1). Shown on the Settings page.

use leptos::prelude::*;

use crate::api::settings::{get_mango_health, MangoHealth};
use crate::components::feedback::ErrorBanner;

/// Every string this component shows.
mod text {
    pub const TITLE: &str = "What MANGO answers";
    pub const REFRESH: &str = "Refresh";
    pub const LIST_PATH: &str = "Campaign list (campaign/get_list): ";
    pub const LIST_PATH_HINT: &str = "The manual names two paths for this method; Obzvon tries them in this order and keeps the one that answers: ";
    pub const NOT_CALLED: &str = "not called yet with these settings — Test connection probes both paths";
    pub const CC_OK: &str = "Contact Center API: answering (no run of 5008 answers).";
    pub const CC_DOWN: &str = "Contact Center API unavailable. ";
    pub const SANDBOX: &str = " (the built-in sandbox)";
}

#[component]
pub fn MangoHealthPanel() -> impl IntoView {
    let version = RwSignal::new(0u32);
    let health = Resource::new(move || version.get(), |_| get_mango_health());
    view! {
        <section class="card" data-testid="mango-health">
            <div class="page-head-row">
                <h2>{text::TITLE}</h2>
                <button type="button" class="button" on:click=move |_| version.update(|v| *v += 1)>
                    {text::REFRESH}
                </button>
            </div>
            <Transition fallback=|| view! { <p class="muted">"…"</p> }>
                {move || Suspend::new(async move {
                    match health.await {
                        Ok(health) => view! { <HealthFacts health/> }.into_any(),
                        Err(error) => view! { <ErrorBanner error=Some(error)/> }.into_any(),
                    }
                })}
            </Transition>
        </section>
    }
}

#[component]
fn HealthFacts(health: MangoHealth) -> impl IntoView {
    let path = match &health.campaign_list_path {
        Some(path) => format!("/vpbx/{path}"),
        None => text::NOT_CALLED.to_string(),
    };
    let sandbox = health.sandbox.then_some(text::SANDBOX);
    let order =
        health.campaign_list_paths.iter().map(|p| format!("/vpbx/{p}")).collect::<Vec<_>>().join(", ");
    view! {
        <p data-testid="list-path">
            <strong>{text::LIST_PATH}</strong>
            <code>{path}</code>
            {sandbox}
        </p>
        <p class="field-hint">{format!("{}{order}.", text::LIST_PATH_HINT)}</p>
        {match health.cc_unavailable {
            Some(why) => view! {
                <div class="banner banner-error" role="alert" data-testid="cc-unavailable">
                    <strong>{text::CC_DOWN}</strong>
                    {why}
                </div>
            }.into_any(),
            None => view! { <p class="muted" data-testid="cc-ok">{text::CC_OK}</p> }.into_any(),
        }}
    }
}
