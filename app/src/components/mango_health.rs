//! What Obzvon learned about the connected MANGO by talking to it: which `campaign/get_list`
//! path answers (manual 3.8.1 names two) and whether the Contact Center API is down
//! (manual 4.1). Shown on the Settings page.

use leptos::prelude::*;

use crate::api::settings::{get_mango_health, MangoHealth};
use crate::components::feedback::ErrorBanner;
use crate::i18n::t;

#[component]
pub fn MangoHealthPanel() -> impl IntoView {
    let version = RwSignal::new(0u32);
    let text = &t().settings.mango;
    let health = Resource::new(move || version.get(), |_| get_mango_health());
    view! {
        <section class="card" data-testid="mango-health">
            <div class="page-head-row">
                <h2>{text.title}</h2>
                <button type="button" class="button" on:click=move |_| version.update(|v| *v += 1)>
                    {text.refresh}
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
    let text = &t().settings.mango;
    let path = match &health.campaign_list_path {
        Some(path) => format!("/vpbx/{path}"),
        None => text.not_called.to_string(),
    };
    let sandbox = health.sandbox.then_some(text.sandbox);
    let order =
        health.campaign_list_paths.iter().map(|p| format!("/vpbx/{p}")).collect::<Vec<_>>().join(", ");
    view! {
        <p data-testid="list-path">
            <strong>{text.list_path}</strong>
            <code>{path}</code>
            {sandbox}
        </p>
        <p class="field-hint">{format!("{}{order}.", text.list_path_hint)}</p>
        {match health.cc_unavailable {
            Some(why) => view! {
                <div class="banner banner-error" role="alert" data-testid="cc-unavailable">
                    <strong>{text.cc_down}</strong>
                    {why}
                </div>
            }.into_any(),
            None => view! { <p class="muted" data-testid="cc-ok">{text.cc_ok}</p> }.into_any(),
        }}
    }
}
