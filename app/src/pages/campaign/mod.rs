//! One campaign: every setting in words, its status and the reason MANGO gives, and the
//! actions its status and the user's role allow (with confirmations).
//!
//! This module loads the campaign and reports the actions' outcomes; `actions` holds the
//! buttons, `facts` the status and settings in words, `forecast` whether the calling fits
//! the schedule before the end date.

mod actions;
mod facts;
mod forecast;

use leptos::prelude::*;
use leptos_meta::Title;
use leptos_router::hooks::{use_navigate, use_params_map};

use crate::api::campaigns::*;
use crate::api::{AppError, Permission};
use crate::components::auth::{signed_in_user, Guard};
use crate::components::feedback::{ErrorBanner, Notice};
use crate::i18n::{fill, t};

use actions::{Allowed, CampaignActions, Questions};
use facts::CampaignFacts;
use forecast::ForecastCard;

#[component]
pub fn CampaignPage() -> impl IntoView {
    let params = use_params_map();
    let id = move || params.with(|p| p.get("id").and_then(|id| id.parse::<i64>().ok()));
    let t = t();
    view! {
        <Title text=format!("{}{}", t.campaigns.page_title, t.common.title_suffix)/>
        <Guard permission=Permission::ViewCampaigns>
            {move || match id() {
                Some(id) => view! { <CampaignView id/> }.into_any(),
                None => view! { <ErrorBanner error=Some(AppError::NotFound(t.campaigns.no_such_campaign.into()))/> }.into_any(),
            }}
        </Guard>
    }
}

#[component]
fn CampaignView(id: i64) -> impl IntoView {
    let act = ServerAction::<ActOnCampaign>::new();
    let duplicate = ServerAction::<DuplicateCampaign>::new();
    let tick = RwSignal::new(0u32);
    let detail = Resource::new(move || (act.version().get(), tick.get()), move |_| get_campaign(id));
    #[cfg(feature = "hydrate")]
    {
        let handle =
            set_interval_with_handle(move || tick.update(|t| *t += 1), std::time::Duration::from_secs(5))
                .ok();
        on_cleanup(move || {
            if let Some(handle) = handle {
                handle.clear();
            }
        });
    }
    let t = &t().campaigns;
    let error = RwSignal::new(None::<AppError>);
    let notice = RwSignal::new(None::<String>);
    let navigate = use_navigate();
    Effect::new(move |_| match act.value().get() {
        Some(Ok(detail)) => {
            error.set(None);
            notice.set(Some(fill(t.done_status, &[&detail.row.state.label()])));
        }
        Some(Err(AppError::NotFound(_))) => navigate("/campaigns", Default::default()),
        Some(Err(failure)) => {
            notice.set(None);
            error.set(Some(failure));
        }
        None => {}
    });
    let navigate = use_navigate();
    Effect::new(move |_| match duplicate.value().get() {
        Some(Ok(copy)) => navigate(&format!("/campaigns/{}/edit", copy.row.id), Default::default()),
        Some(Err(failure)) => error.set(Some(failure)),
        None => {}
    });
    let user = signed_in_user();
    let can = move |permission: Permission| user.as_ref().is_some_and(|u| u.role.allows(permission));
    let allowed = Allowed {
        edit: can(Permission::EditCampaigns),
        run: can(Permission::RunCampaigns),
        delete: can(Permission::DeleteCampaigns),
        upload: can(Permission::UploadLeadLists),
    };
    // Questions open across the 5-second refresh, which re-renders the buttons.
    let asking = Questions::closed();

    view! {
        <ErrorBanner error=error/>
        <Notice message=notice/>
        <Transition fallback=move || view! { <p class="muted">{t.loading_campaign}</p> }>
            {move || Suspend::new(async move {
                match detail.await {
                    Err(failure) => view! { <ErrorBanner error=Some(failure)/> }.into_any(),
                    Ok(detail) => {
                        let state = detail.row.state;
                        view! {
                            <header class="page-head page-head-row">
                                <div>
                                    <h1 data-testid="campaign-name">{detail.row.name.clone()}</h1>
                                    <p>
                                        <span class=format!("status status-{}", state.key()) data-testid="campaign-status">{state.label()}</span>
                                        {detail.status_reason.clone().map(|reason| view! { <span class="muted" data-testid="status-reason">" — " {reason}</span> })}
                                    </p>
                                </div>
                                <CampaignActions id state act duplicate allowed asking/>
                            </header>
                            <CampaignFacts detail/>
                        }
                        .into_any()
                    }
                }
            })}
        </Transition>
        <ForecastCard id refresh=Signal::derive(move || act.version().get() as u32)/>
    }
}
