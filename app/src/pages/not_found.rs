//! Any address without a page: a 404 with a way back to the campaigns.

use leptos::prelude::*;
use leptos_meta::Title;

use crate::i18n::t;

#[component]
pub fn NotFoundPage() -> impl IntoView {
    #[cfg(feature = "ssr")]
    if let Some(response) = use_context::<leptos_axum::ResponseOptions>() {
        response.set_status(http::StatusCode::NOT_FOUND);
    }
    let t = &t().common;
    view! {
        <Title text=format!("{}{}", t.not_found_title, t.title_suffix)/>
        <section class="empty-state" data-testid="not-found">
            <h1>{t.not_found_heading}</h1>
            <p>{t.not_found_text}</p>
            <p><a href="/campaigns">{t.go_to_campaigns}</a></p>
        </section>
    }
}
