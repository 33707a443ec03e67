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
/// Read only in the browser, after hydration (and every [`COUNT_EVERY`]): no resource of its
/// own in the server's rendering, so nothing to hydrate out of step; a signed-out visitor is
/// never asked for.
#[component]
pub fn AlertCount() -> impl IntoView {
    let count = RwSignal::new(0usize);
    #[cfg(feature = "hydrate")]
    {
        let user = crate::components::auth::use_auth().user;
        let read = move || {
            leptos::task::spawn_local(async move {
                if !matches!(user.await, Ok(Some(_))) {
                    return;
                }
                if let Ok(all) = list_alerts().await {
                    count.set(all.iter().map(|c| c.alerts.len()).sum());
                }
            })
        };
        read();
        let handle = set_interval_with_handle(read, COUNT_EVERY).ok();
        on_cleanup(move || {
            if let Some(handle) = handle {
                handle.clear();
            }
        });
    }
    move || {
        let count = count.get();
        (count > 0).then(|| {
            view! {
                <A href="/campaigns" attr:class="alert-count" attr:data-testid="nav-alerts">
                    {fill(t().nav.alerts, &[&count])}
                </A>
            }
        })
    }
}
