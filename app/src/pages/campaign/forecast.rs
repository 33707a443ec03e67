//! The forecast before a campaign starts: the attempts its leads need, the operators'
//! capacity, and whether the schedule has the hours before the end date.

use leptos::prelude::*;

use crate::api::campaign_options::coefficient_text;
use crate::api::forecast::*;
use crate::i18n::{fill, t};

/// Loads its own data beside the campaign's (refreshed with it).
#[component]
pub fn ForecastCard(id: i64, #[prop(into)] refresh: Signal<u32>) -> impl IntoView {
    let loaded = Resource::new(move || refresh.get(), move |_| get_forecast(id));
    view! {
        <Transition fallback=|| ()>
            {move || Suspend::new(async move {
                loaded.await.ok().flatten().map(|forecast| view! { <ForecastBody forecast/> })
            })}
        </Transition>
    }
}

#[component]
fn ForecastBody(forecast: CampaignForecast) -> impl IntoView {
    let t = &t().forecast;
    if forecast.leads == 0 {
        return view! {
            <section class="card" data-testid="campaign-forecast"><h2>{t.heading}</h2><p class="muted">{t.no_leads}</p></section>
        }
        .into_any();
    }
    let needed = hours_text(forecast.hours_needed);
    let (verdict, class, fits) = match (forecast.hours_available, forecast.fits()) {
        (Some(available), Some(true)) => {
            (fill(t.fits, &[&needed, &hours_text(available)]), "banner banner-ok", "yes")
        }
        (Some(available), _) => {
            (fill(t.short, &[&needed, &hours_text(available)]), "banner banner-error", "no")
        }
        (None, _) => (fill(t.needs, &[&needed]), "banner banner-info", "no_end"),
    };
    let attempts = format!("{:.0}", forecast.attempts);
    let per_lead = format!("{:.2}", forecast.attempts_per_lead);
    let mix = match forecast.mix {
        Basis::History { calls } => fill(t.mix_history, &[&calls]),
        Basis::Assumed => t.mix_assumed.to_string(),
    };
    let rate = match forecast.rate {
        Basis::History { calls } => fill(t.rate_history, &[&calls]),
        Basis::Assumed => t.rate_assumed.to_string(),
    };
    let capacity = fill(
        t.capacity,
        &[
            &forecast.operators,
            &coefficient_text(forecast.coefficient_tenths),
            &format!("{:.0}", forecast.calls_per_operator_hour),
            &format!("{:.0}", forecast.capacity_per_hour),
        ],
    );
    let operators = if forecast.operators_dialing_known { t.operators_dialing } else { t.operators_all };
    view! {
        <section class="card" data-testid="campaign-forecast" data-fits=fits>
            <h2>{t.heading}</h2>
            <div class=class role="status" data-testid="forecast-verdict">{verdict}</div>
            {(forecast.capacity_per_hour <= 0.0).then(|| view! { <p class="banner banner-error">{t.no_capacity}</p> })}
            <ul class="facts-list">
                <li>{fill(t.attempts, &[&forecast.leads, &attempts, &per_lead])}</li>
                <li class="muted">{mix}</li>
                <li>{capacity}</li>
                <li class="muted">{operators} " " {rate}</li>
            </ul>
        </section>
    }
    .into_any()
}
