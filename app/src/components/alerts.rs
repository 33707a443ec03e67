//! Alerts outside the board: the campaigns list's card of every campaign that needs
//! attention, and the count in the navigation. Both read `alerts/list`, worked out anew on
//! every read, so a cleared cause clears them.

use leptos::prelude::*;
use leptos_router::components::A;

use crate::api::alerts::{list_alerts, CampaignAlerts};
use crate::i18n::{fill, t};

/// How often the navigation's count is read again.
#[cfg(feature = "hydrate")]
const COUNT_EVERY: std::time::Duration = std::time::Duration::from_secs(30);

/// Every campaign with alerts, each alert with what to do; nothing when all is well.
#[component]
pub fn CampaignAlertsCard(#[prop(into)] tick: Signal<u32>) -> impl IntoView {
    let loaded = Resource::new(move || tick.get(), |_| list_alerts());
    view! {
        <Transition fallback=|| ()>
            {move || Suspend::new(async move {
                loaded.await.ok().filter(|all| !all.is_empty()).map(|all| view! { <AlertsOfCampaigns all/> })
            })}
        </Transition>
    }
}

#[component]
fn AlertsOfCampaigns(all: Vec<CampaignAlerts>) -> impl IntoView {
    let t = &t().alerts;
    let count: usize = all.iter().map(|c| c.alerts.len()).sum();
    view! {
        <section class="card card-warn" role="alert" data-testid="campaign-alerts" data-count=count>
            <h2>{fill(t.heading, &[&count])}</h2>
            <ul class="alerts">
                {all.into_iter().map(|campaign| {
                    let href = format!("/campaigns/{}/board", campaign.campaign_id);
                    let (id, name) = (campaign.campaign_id, campaign.campaign_name);
                    campaign.alerts.into_iter().map(|alert| {
                        let (href, name) = (href.clone(), name.clone());
                        view! {
                            <li data-alert=alert.key() data-campaign=id>
                                <A href=href>{name}</A>
                                ": " <strong>{alert.what()}</strong> " "
                                <span class="muted">{alert.advice()}</span>
                            </li>
                        }
                    }).collect_view()
                }).collect_view()}
            </ul>
        </section>
    }
}

/// "Alerts: 2" in the navigation, a link to the campaigns list; nothing when there are none.
#[component]
pub fn AlertCount() -> impl IntoView {
    let tick = RwSignal::new(0u32);
    #[cfg(feature = "hydrate")]
    {
        let handle = set_interval_with_handle(move || tick.update(|t| *t += 1), COUNT_EVERY).ok();
        on_cleanup(move || {
            if let Some(handle) = handle {
                handle.clear();
            }
        });
    }
    let loaded = Resource::new(move || tick.get(), |_| list_alerts());
    view! {
        <Transition fallback=|| ()>
            {move || Suspend::new(async move {
                let count: usize = loaded.await.map(|all| all.iter().map(|c| c.alerts.len()).sum()).unwrap_or(0);
                (count > 0).then(|| view! {
                    <A href="/campaigns" attr:class="alert-count" attr:data-testid="nav-alerts">
                        {fill(t().nav.alerts, &[&count])}
                    </A>
                })
            })}
        </Transition>
    }
}
