//! The settings form: its fields, the checks while typing, the save, and its cards.

use leptos::prelude::*;

use crate::api::settings::*;
use crate::api::types::{SecretState, SettingsForm, SettingsView};
use crate::api::validation::check;
use crate::api::AppError;
use crate::components::feedback::{ErrorBanner, FieldMessage, Notice};
use crate::i18n::{fill, t};

use super::connection_test::ConnectionTester;

/// A field's message by the rules' field name.
type Messages = Callback<&'static str, Signal<Option<String>>>;

/// The form's fields, one signal each.
#[derive(Clone, Copy)]
struct Fields {
    vpbx_base_url: RwSignal<String>,
    cc_base_url: RwSignal<String>,
    vpbx_api_key: RwSignal<String>,
    new_api_salt: RwSignal<String>,
    clear_api_salt: RwSignal<bool>,
    timezone: RwSignal<String>,
    phone_region: RwSignal<String>,
}

impl Fields {
    /// The saved settings; the salt is never shown, so its field starts empty.
    fn new(start: SettingsForm) -> Fields {
        Fields {
            vpbx_base_url: RwSignal::new(start.vpbx_base_url),
            cc_base_url: RwSignal::new(start.cc_base_url),
            vpbx_api_key: RwSignal::new(start.vpbx_api_key),
            new_api_salt: RwSignal::new(String::new()),
            clear_api_salt: RwSignal::new(false),
            timezone: RwSignal::new(start.timezone),
            phone_region: RwSignal::new(start.phone_region),
        }
    }

    /// What is checked and sent: trimmed, the region in capitals.
    fn form(&self) -> SettingsForm {
        SettingsForm {
            vpbx_base_url: self.vpbx_base_url.get().trim().to_string(),
            cc_base_url: self.cc_base_url.get().trim().to_string(),
            vpbx_api_key: self.vpbx_api_key.get().trim().to_string(),
            new_api_salt: self.new_api_salt.get().trim().to_string(),
            clear_api_salt: self.clear_api_salt.get(),
            timezone: self.timezone.get(),
            phone_region: self.phone_region.get().trim().to_uppercase(),
        }
    }
}

#[component]
pub fn SettingsEditor(initial: SettingsView) -> impl IntoView {
    let save = ServerAction::<SaveSettings>::new();
    let current = RwSignal::new(initial.clone());
    let fields = Fields::new(SettingsForm::from_view(&initial));
    let time_zones = StoredValue::new(initial.time_zones.clone());
    let notice = RwSignal::new(None::<String>);
    let t = &t().settings;

    let client_errors = Memo::new(move |_| check(&fields.form()));
    let server_error = Signal::derive(move || save.value().get().and_then(|r| r.err()));
    let message: Messages = Callback::new(move |field: &'static str| {
        Signal::derive(move || {
            client_errors
                .get()
                .into_iter()
                .find(|e| e.field == field)
                .map(|e| e.message)
                .or_else(|| server_error.get().and_then(|e| e.field(field)))
        })
    });
    let general_error =
        Signal::derive(move || server_error.get().filter(|e| !matches!(e, AppError::Invalid(_))));
    Effect::new(move |_| {
        if let Some(Ok(saved)) = save.value().get() {
            fields.new_api_salt.set(String::new());
            fields.clear_api_salt.set(false);
            current.set(saved);
            notice.set(Some(t.saved.into()));
        }
    });
    let submit = move |ev: leptos::ev::SubmitEvent| {
        ev.prevent_default();
        notice.set(None);
        if client_errors.get_untracked().is_empty() {
            save.dispatch(SaveSettings { form: fields.form() });
        }
    };

    view! {
        <ErrorBanner error=general_error/>
        <Notice message=notice/>
        <Show when=move || current.get().sandbox>
            <div class="banner banner-info" role="status" data-testid="sandbox-notice">
                {t.sandbox_one}
                {t.sandbox_two}
            </div>
        </Show>
        <form class="form" on:submit=submit data-testid="settings-form">
            <ConnectionCard fields current message/>
            <WebhookCard current/>
            <DefaultsCard fields time_zones message/>
            <div class="form-actions">
                <button type="submit" class="button button-primary" disabled=move || save.pending().get()>
                    {t.save}
                </button>
            </div>
        </form>
        <ConnectionTester/>
    }
}

/// MANGO's API addresses, the key, and the salt (never shown, only replaced or removed).
#[component]
fn ConnectionCard(fields: Fields, current: RwSignal<SettingsView>, message: Messages) -> impl IntoView {
    let Fields { vpbx_base_url, cc_base_url, vpbx_api_key, new_api_salt, clear_api_salt, .. } = fields;
    let t = &t().settings;
    let salt_state = move || match current.get().api_salt {
        SecretState::NotSet => t.salt_not_set.to_string(),
        SecretState::Set { ends_with } => fill(t.salt_set, &[&ends_with]),
    };
    view! {
        <section class="card">
            <h2>{t.connection}</h2>
            <label class="field">
                <span class="field-label">{t.vpbx_url}</span>
                <input name="vpbx_base_url" bind:value=vpbx_base_url/>
                <FieldMessage message=message.run("vpbx_base_url")/>
            </label>
            <label class="field">
                <span class="field-label">{t.cc_url}</span>
                <input name="cc_base_url" bind:value=cc_base_url/>
                <FieldMessage message=message.run("cc_base_url")/>
            </label>
            <label class="field">
                <span class="field-label">{t.api_key}</span>
                <input name="vpbx_api_key" bind:value=vpbx_api_key autocomplete="off"/>
                <FieldMessage message=message.run("vpbx_api_key")/>
            </label>
            <label class="field">
                <span class="field-label">{t.api_salt}</span>
                <span class="field-hint" data-testid="salt-state">
                    {t.salt_currently}
                    {salt_state}
                    {t.salt_hint}
                </span>
                <input
                    name="new_api_salt"
                    type="password"
                    bind:value=new_api_salt
                    autocomplete="new-password"
                    placeholder=t.new_salt
                />
                <FieldMessage message=message.run("new_api_salt")/>
            </label>
            <label class="checkbox">
                <input type="checkbox" name="clear_api_salt" bind:checked=clear_api_salt/>
                {t.clear_salt}
            </label>
        </section>
    }
}

/// The address to enter in MANGO's cabinet, with a copy button.
#[component]
fn WebhookCard(current: RwSignal<SettingsView>) -> impl IntoView {
    let copied = RwSignal::new(false);
    let t = &t().settings;
    let webhook = move || current.get().webhook_base_url;
    let copy = move |_| {
        copy_to_clipboard(&webhook());
        copied.set(true);
    };
    view! {
        <section class="card">
            <h2>{t.webhook}</h2>
            <p class="field-hint">
                {t.webhook_hint_one}
                {t.webhook_hint_two}
            </p>
            <div class="copy-row">
                <input readonly data-testid="webhook-url" prop:value=webhook aria-label=t.webhook/>
                <button type="button" class="button" on:click=copy>
                    {move || if copied.get() { t.copied } else { t.copy }}
                </button>
            </div>
        </section>
    }
}

/// The time zone and phone region used where nothing else says.
#[component]
fn DefaultsCard(fields: Fields, time_zones: StoredValue<Vec<String>>, message: Messages) -> impl IntoView {
    let Fields { timezone, phone_region, .. } = fields;
    let t = &t().settings;
    view! {
        <section class="card">
            <h2>{t.defaults}</h2>
            <label class="field">
                <span class="field-label">{t.time_zone}</span>
                <select name="timezone" bind:value=timezone>
                    {move || {
                        time_zones
                            .get_value()
                            .into_iter()
                            .map(|zone| view! { <option value=zone.clone()>{zone.clone()}</option> })
                            .collect_view()
                    }}
                </select>
                <FieldMessage message=message.run("timezone")/>
            </label>
            <label class="field">
                <span class="field-label">{t.phone_region}</span>
                <input name="phone_region" bind:value=phone_region maxlength="2" class="input-short"/>
                <FieldMessage message=message.run("phone_region")/>
            </label>
        </section>
    }
}

/// Browser clipboard through the standard async API; does nothing during server rendering.
fn copy_to_clipboard(text: &str) {
    #[cfg(feature = "hydrate")]
    {
        use wasm_bindgen::JsCast;
        let navigator = window().navigator();
        let clipboard = js_sys::Reflect::get(&navigator, &"clipboard".into()).ok();
        if let Some(clipboard) = clipboard.filter(|c| !c.is_undefined()) {
            if let Ok(write) = js_sys::Reflect::get(&clipboard, &"writeText".into()) {
                if let Some(write) = write.dyn_ref::<js_sys::Function>() {
                    let _ = write.call1(&clipboard, &text.into());
                }
            }
        }
    }
    #[cfg(not(feature = "hydrate"))]
    let _ = text;
}
