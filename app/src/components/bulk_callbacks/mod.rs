//! Callbacks for many leads of a campaign at once: chosen on the results page, spread over a
//! period and operators (round robin), sent 5 a second with a progress bar and a result per lead.
//!
//! This module loads the choices; `form` is the request, `batch` follows it to the end.

mod batch;
mod form;

use std::collections::BTreeSet;

use leptos::prelude::*;

use crate::api::callbacks::*;
use crate::api::results::ResultsFilter;
use crate::components::feedback::ErrorBanner;
use crate::i18n::t;

use form::BulkForm;

#[component]
pub fn BulkCallbacks(
    campaign_id: i64,
    filter: RwSignal<ResultsFilter>,
    selected: RwSignal<BTreeSet<i64>>,
    #[prop(into)] matching: Signal<i64>,
    /// Runs when a batch has been handled to the end (the results show each lead's callback).
    #[prop(optional)]
    on_finished: Option<Callback<()>>,
) -> impl IntoView {
    let options = Resource::new(|| (), |_| get_callback_options());
    let t = t();
    view! {
        <section class="card" data-testid="bulk-callbacks">
            <h2>{t.callbacks.bulk_heading}</h2>
            <Transition fallback=move || view! { <p class="muted">{t.common.loading}</p> }>
                {move || Suspend::new(async move {
                    match options.await {
                        Ok(options) => view! { <BulkForm campaign_id filter selected matching options on_finished/> }.into_any(),
                        Err(error) => view! { <ErrorBanner error=Some(error)/> }.into_any(),
                    }
                })}
            </Transition>
        </section>
    }
}
