//! Callbacks: create one by hand, and follow every callback from sending to its call's end.
//!
//! This module holds the page; `new_callback` is the form for one callback, `list` every
//! callback with its state.

mod list;
mod new_callback;

use leptos::prelude::*;
use leptos_meta::Title;

use crate::api::callbacks::*;
use crate::api::Permission;
use crate::components::auth::Guard;
use crate::components::feedback::ErrorBanner;
use crate::i18n::t;

use list::CallbackList;
use new_callback::NewCallback;

#[component]
pub fn CallbacksPage() -> impl IntoView {
    let options = Resource::new(|| (), |_| get_callback_options());
    let create = ServerAction::<CreateCallback>::new();
    let t = t();
    view! {
        <Title text=format!("{}{}", t.callbacks.title, t.common.title_suffix)/>
        <Guard permission=Permission::CreateCallbacks>
            <header class="page-head">
                <h1>{t.callbacks.title}</h1>
                <p class="muted">
                    {t.callbacks.intro_one}
                    {t.callbacks.intro_many}
                </p>
            </header>
            <Transition fallback=move || view! { <p class="muted">{t.common.loading}</p> }>
                {move || Suspend::new(async move {
                    match options.await {
                        Ok(options) => view! { <NewCallback options create/> }.into_any(),
                        Err(error) => view! { <ErrorBanner error=Some(error)/> }.into_any(),
                    }
                })}
            </Transition>
            <CallbackList create/>
        </Guard>
    }
}
