//! On Settings: whether MANGO's events arrive — the last event and connection check — and a
//! warning when operator statuses (Contact Center events, manual 4.4) arrive unsigned and are
//! refused, with what to switch on.

use leptos::prelude::*;

use crate::api::settings::{get_event_health, EventHealth};
use crate::components::feedback::ErrorBanner;

/// Every string a person reads here.
mod text {
    pub const TITLE: &str = "MANGO's events";
    pub const LOADING: &str = "Reading what has arrived…";
    pub const ADDRESS: &str = "Address to enter in MANGO's cabinet (API connector): ";
    pub const LAST_EVENT: &str = "Last event: ";
    pub const NO_EVENT: &str = "No event has arrived yet.";
    pub const LAST_PING: &str = "Last connection check (Mango.ping): ";
    pub const NO_PING: &str =
        "No connection check yet: press \"Проверить подключение\" in MANGO's cabinet to send one.";
    pub const REFUSED: &str = "Refused for a wrong key or sign: ";
    pub const UNSIGNED_REFUSED: &str = "Operator statuses are arriving unsigned and are refused";
    pub const UNSIGNED_HOW: &str =
        "MANGO's Contact Center sends operator statuses with api_key but without sign (manual 4.4). \
         Obzvon takes unsigned events only from MANGO's own addresses: start it with \
         OBZVON_WEBHOOK_SOURCES=mango (or --webhook-sources mango) so they are accepted.";
    pub const UNSIGNED_ACCEPTED: &str = "Unsigned operator statuses accepted from allow-listed addresses: ";
    pub const REFRESH: &str = "Refresh";
}

#[component]
pub fn EventHealthPanel() -> impl IntoView {
    let health = Resource::new(|| (), |_| get_event_health());
    view! {
        <section class="card event-health" data-testid="event-health">
            <h2>{text::TITLE}</h2>
            <Transition fallback=|| view! { <p class="muted">{text::LOADING}</p> }>
                {move || Suspend::new(async move {
                    match health.await {
                        Ok(health) => view! { <EventHealthLines health/> }.into_any(),
                        Err(error) => view! { <ErrorBanner error=Some(error)/> }.into_any(),
                    }
                })}
            </Transition>
            <div class="form-actions">
                <button type="button" class="button" on:click=move |_| health.refetch()>
                    {text::REFRESH}
                </button>
            </div>
        </section>
    }
}

#[component]
fn EventHealthLines(health: EventHealth) -> impl IntoView {
    let last_event = match (&health.last_event_at, &health.last_event_kind) {
        (Some(at), Some(kind)) => format!("{}{at} ({kind})", text::LAST_EVENT),
        (Some(at), None) => format!("{}{at}", text::LAST_EVENT),
        _ => text::NO_EVENT.to_string(),
    };
    let last_ping = match &health.last_ping_at {
        Some(at) => format!("{}{at} ({}×)", text::LAST_PING, health.pings),
        None => text::NO_PING.to_string(),
    };
    let refused = (health.refused > 0).then(|| {
        format!(
            "{}{} ({}{})",
            text::REFUSED,
            health.refused,
            health.last_refused_at.clone().unwrap_or_default(),
            health.last_refused_reason.as_ref().map(|r| format!(": {r}")).unwrap_or_default()
        )
    });
    let unsigned = (health.unsigned_refused > 0 && !health.sources_checked).then(|| {
        let when = health.last_unsigned_refused_at.clone().unwrap_or_default();
        view! {
            <div class="banner banner-error" role="alert" data-testid="unsigned-statuses">
                <strong>{format!("{} ({}×, last {when}).", text::UNSIGNED_REFUSED, health.unsigned_refused)}</strong>
                " "
                {text::UNSIGNED_HOW}
            </div>
        }
    });
    let accepted = (health.unsigned_accepted > 0)
        .then(|| format!("{}{}", text::UNSIGNED_ACCEPTED, health.unsigned_accepted));
    view! {
        {unsigned}
        <p>{text::ADDRESS}<code>{health.address.clone()}</code></p>
        <p data-testid="last-event">{last_event}</p>
        <p data-testid="last-ping">{last_ping}</p>
        {refused.map(|line| view! { <p class="muted">{line}</p> })}
        {accepted.map(|line| view! { <p class="muted">{line}</p> })}
    }
}
