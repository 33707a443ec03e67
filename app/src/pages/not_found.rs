//! Any address without a page: a 404 with a way back to the campaigns.

use leptos::prelude::*;
use leptos_meta::Title;

#[component]
pub fn NotFoundPage() -> impl IntoView {
    #[cfg(feature = "ssr")]
    if let Some(response) = use_context::<leptos_axum::ResponseOptions>() {
        response.set_status(http::StatusCode::NOT_FOUND);
    }
    view! {
        <Title text="Not found · Obzvon"/>
        <section class="empty-state" data-testid="not-found">
            <h1>"Page not found"</h1>
            <p>"There is nothing at this address. It may have been moved, or the link is mistyped."</p>
            <p><a href="/campaigns">"Go to campaigns"</a></p>
        </section>
    }
}
