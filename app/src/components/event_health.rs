//! On Settings: whether MANGO's events arrive — the last event and connection check — and a
//! warning when operator statuses (Contact Center events, manual 4.4) arrive unsigned and are
//! refused, with what to switch on.

use leptos::prelude::*;

use crate::api::settings::{get_event_health, EventHealth};
use crate::components::feedback::ErrorBanner;
use crate::i18n::{fill, t};

#[component]
pub fn EventHealthPanel() -> impl IntoView {
    let health = Resource::new(|| (), |_| get_event_health());
    let text = &t().settings.events;
    view! {
        <section class="card event-health" data-testid="event-health">
            <h2>{text.title}</h2>
            <Transition fallback=move || view! { <p class="muted">{text.loading}</p> }>
                {move || Suspend::new(async move {
                    match health.await {
                        Ok(health) => view! { <EventHealthLines health/> }.into_any(),
                        Err(error) => view! { <ErrorBanner error=Some(error)/> }.into_any(),
                    }
                })}
            </Transition>
            <div class="form-actions">
                <button type="button" class="button" on:click=move |_| health.refetch()>
                    {text.refresh}
                </button>
            </div>
        </section>
    }
}

#[component]
fn EventHealthLines(health: EventHealth) -> impl IntoView {
    let text = &t().settings.events;
    let last_event = match (&health.last_event_at, &health.last_event_kind) {
        // The kind is MANGO's name of the event, shown as the address it came to (as the hint
        // on the Settings page lists them), not as a word of the page.
        (Some(at), Some(kind)) => format!("{}{at} (…/events/{kind})", text.last_event),
        (Some(at), None) => format!("{}{at}", text.last_event),
        _ => text.no_event.to_string(),
    };
    let last_ping = match &health.last_ping_at {
        Some(at) => format!("{}{at} ({}×)", text.last_ping, health.pings),
        None => text.no_ping.to_string(),
    };
    let refused = (health.refused > 0).then(|| {
        format!(
            "{}{} ({}{})",
            text.refused,
            health.refused,
            health.last_refused_at.clone().unwrap_or_default(),
            health.last_refused_reason.as_ref().map(|r| format!(": {r}")).unwrap_or_default()
        )
    });
    let unsigned = (health.unsigned_refused > 0 && !health.sources_checked).then(|| {
        let when = health.last_unsigned_refused_at.clone().unwrap_or_default();
        view! {
            <div class="banner banner-error" role="alert" data-testid="unsigned-statuses">
                <strong>{fill(text.unsigned_line, &[&text.unsigned_refused, &health.unsigned_refused, &when])}</strong>
                " "
                {text.unsigned_how}
            </div>
        }
    });
    let accepted = (health.unsigned_accepted > 0)
        .then(|| format!("{}{}", text.unsigned_accepted, health.unsigned_accepted));
    view! {
        {unsigned}
        <p>{text.address}<code>{health.address.clone()}</code></p>
        <p data-testid="last-event">{last_event}</p>
        <p data-testid="last-ping">{last_ping}</p>
        {refused.map(|line| view! { <p class="muted">{line}</p> })}
        {accepted.map(|line| view! { <p class="muted">{line}</p> })}
    }
}
