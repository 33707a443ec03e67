//! What the board says needs attention: its alerts, and tasks that got onto the do-not-call
//! list while MANGO may still dial them.

use leptos::prelude::*;

use crate::api::alerts::Alert;
use crate::api::forecast::PaceForecast;
use crate::i18n::{fill, t};

/// The campaign's tasks on the do-not-call list, and what the user can do about them.
#[component]
pub fn ListedWaiting(items: Vec<String>) -> impl IntoView {
    let t = &t().do_not_call;
    let count = items.len();
    (count > 0).then(|| {
        view! {
            <section class="card card-warn" data-testid="board-dnc" data-count=count>
                <h2>{fill(t.board_heading, &[&count])}</h2>
                <p>{t.board_what_to_do}</p>
                <ul>{items.into_iter().map(|item| view! { <li>{item}</li> }).collect_view()}</ul>
            </section>
        }
    })
}

/// What needs attention now, each with what to do; gone once its cause is.
#[component]
pub fn AlertsCard(alerts: Vec<Alert>) -> impl IntoView {
    let t = &t().alerts;
    let count = alerts.len();
    (count > 0).then(|| {
        view! {
            <section class="card card-warn" role="alert" data-testid="board-alerts" data-count=count>
                <h2>{fill(t.heading, &[&count])}</h2>
                <ul class="alerts">
                    {alerts.into_iter().map(|alert| view! { <AlertItem alert/> }).collect_view()}
                </ul>
            </section>
        }
    })
}

/// One alert: what is wrong, then what to do.
#[component]
pub fn AlertItem(alert: Alert) -> impl IntoView {
    view! {
        <li data-alert=alert.key()>
            <strong>{alert.what()}</strong>
            " "
            <span class="muted">{alert.advice()}</span>
        </li>
    }
}

/// "At the current pace, done about Thu 14:00 (campaign time)"; nothing without a basis.
#[component]
pub fn PaceLine(pace: Option<PaceForecast>) -> impl IntoView {
    pace.map(|pace| {
        let per_hour = format!("{:.0}", pace.attempts_per_hour);
        view! {
            <p class="field-hint" data-testid="board-pace">{fill(t().forecast.pace, &[&per_hour, &pace.done_at])}</p>
        }
    })
}
