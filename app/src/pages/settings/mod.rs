//! Settings: the MANGO connection (address, API key and salt), the address MANGO sends its
//! events to, the defaults for schedules and phone numbers, and a connection test; below
//! them, what Obzvon has seen of MANGO's events and answers.
//!
//! This module loads the settings; `editor` holds the form, `connection_test` the test.

mod connection_test;
mod editor;

use leptos::prelude::*;
use leptos_meta::Title;

use crate::api::settings::*;
use crate::api::Permission;
use crate::components::auth::Guard;
use crate::components::feedback::ErrorBanner;
use crate::i18n::t;

use editor::SettingsEditor;

#[component]
pub fn SettingsPage() -> impl IntoView {
    let t = t();
    view! {
        <Title text=format!("{}{}", t.settings.title, t.common.title_suffix)/>
        <Guard permission=Permission::ManageSettings>
            <header class="page-head">
                <h1>{t.settings.title}</h1>
            </header>
            <SettingsLoader/>
            // Outside the settings' own Suspend: each panel loads on its own.
            <crate::components::event_health::EventHealthPanel/>
            <crate::components::mango_health::MangoHealthPanel/>
        </Guard>
    }
}

#[component]
fn SettingsLoader() -> impl IntoView {
    let settings = Resource::new(|| (), |_| get_settings());
    let t = &t().settings;
    view! {
        <Transition fallback=move || view! { <p class="muted">{t.loading}</p> }>
            {move || Suspend::new(async move {
                match settings.await {
                    Ok(view) => view! { <SettingsEditor initial=view/> }.into_any(),
                    Err(error) => view! { <ErrorBanner error=Some(error)/> }.into_any(),
                }
            })}
        </Transition>
    }
}
