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

use list::CallbackList;
use new_callback::NewCallback;

#[component]
pub fn CallbacksPage() -> impl IntoView {
    let options = Resource::new(|| (), |_| get_callback_options());
    let create = ServerAction::<CreateCallback>::new();
    view! {
        <Title text="Callbacks · Obzvon"/>
        <Guard permission=Permission::CreateCallbacks>
            <header class="page-head">
                <h1>"Callbacks"</h1>
                <p class="muted">
                    "MANGO's Contact Center calls the client back at the chosen time and puts the call through to the operator. "
                    "To call back many leads at once, select them on a campaign's results page."
                </p>
            </header>
            <Transition fallback=|| view! { <p class="muted">"Loading…"</p> }>
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
