use leptos::prelude::*;
use leptos_meta::Title;

use crate::api::Permission;
use crate::components::auth::Guard;

#[component]
pub fn CampaignsPage() -> impl IntoView {
    view! {
        <Title text="Campaigns · Obzvon"/>
        <Guard permission=Permission::ViewCampaigns>
            <header class="page-head">
                <h1>"Campaigns"</h1>
            </header>
            <section class="empty-state" data-testid="campaigns-empty">
                <h2>"No campaigns yet"</h2>
                <p>
                    "Outbound campaigns built for MANGO's Contact Center appear here with their "
                    "status, task counts and results."
                </p>
            </section>
        </Guard>
    }
}
