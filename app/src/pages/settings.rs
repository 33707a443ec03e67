use leptos::prelude::*;
use leptos_meta::Title;

use crate::api::settings::*;
use crate::api::types::{SecretState, SettingsForm, SettingsView};
use crate::api::validation::check;
use crate::api::{AppError, Permission};
use crate::components::auth::Guard;
use crate::components::feedback::{ErrorBanner, FieldMessage, Notice};

#[component]
pub fn SettingsPage() -> impl IntoView {
    view! {
        <Title text="Settings · Obzvon"/>
        <Guard permission=Permission::ManageSettings>
            <header class="page-head">
                <h1>"Settings"</h1>
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
    view! {
        <Transition fallback=|| view! { <p class="muted">"Loading settings…"</p> }>
            {move || Suspend::new(async move {
                match settings.await {
                    Ok(view) => view! { <SettingsEditor initial=view/> }.into_any(),
                    Err(error) => view! { <ErrorBanner error=Some(error)/> }.into_any(),
                }
            })}
        </Transition>
    }
}

#[component]
fn SettingsEditor(initial: SettingsView) -> impl IntoView {
    let save = ServerAction::<SaveSettings>::new();
    let current = RwSignal::new(initial.clone());
    let start = SettingsForm::from_view(&initial);
    let vpbx_base_url = RwSignal::new(start.vpbx_base_url);
    let cc_base_url = RwSignal::new(start.cc_base_url);
    let vpbx_api_key = RwSignal::new(start.vpbx_api_key);
    let new_api_salt = RwSignal::new(String::new());
    let clear_api_salt = RwSignal::new(false);
    let timezone = RwSignal::new(start.timezone);
    let phone_region = RwSignal::new(start.phone_region);
    let time_zones = StoredValue::new(initial.time_zones.clone());
    let notice = RwSignal::new(None::<String>);

    let form = move || SettingsForm {
        vpbx_base_url: vpbx_base_url.get().trim().to_string(),
        cc_base_url: cc_base_url.get().trim().to_string(),
        vpbx_api_key: vpbx_api_key.get().trim().to_string(),
        new_api_salt: new_api_salt.get().trim().to_string(),
        clear_api_salt: clear_api_salt.get(),
        timezone: timezone.get(),
        phone_region: phone_region.get().trim().to_uppercase(),
    };
    let client_errors = Memo::new(move |_| check(&form()));
    let server_error = Signal::derive(move || save.value().get().and_then(|r| r.err()));
    let message = move |field: &'static str| {
        Signal::derive(move || {
            client_errors
                .get()
                .into_iter()
                .find(|e| e.field == field)
                .map(|e| e.message)
                .or_else(|| server_error.get().and_then(|e| e.field(field)))
        })
    };
    let general_error =
        Signal::derive(move || server_error.get().filter(|e| !matches!(e, AppError::Invalid(_))));
    Effect::new(move |_| {
        if let Some(Ok(saved)) = save.value().get() {
            new_api_salt.set(String::new());
            clear_api_salt.set(false);
            current.set(saved);
            notice.set(Some("Settings saved.".into()));
        }
    });
    let submit = move |ev: leptos::ev::SubmitEvent| {
        ev.prevent_default();
        notice.set(None);
        if client_errors.get_untracked().is_empty() {
            save.dispatch(SaveSettings { form: form() });
        }
    };
    let salt_state = move || match current.get().api_salt {
        SecretState::NotSet => "not set".to_string(),
        SecretState::Set { ends_with } => format!("set, ends with …{ends_with}"),
    };
    let copied = RwSignal::new(false);
    let webhook = move || current.get().webhook_base_url;
    let copy = move |_| {
        copy_to_clipboard(&webhook());
        copied.set(true);
    };

    view! {
        <ErrorBanner error=general_error/>
        <Notice message=notice/>
        <Show when=move || current.get().sandbox>
            <div class="banner banner-info" role="status" data-testid="sandbox-notice">
                "No MANGO credentials are set: Obzvon works against its built-in sandbox. "
                "Enter the API key and salt from MANGO's cabinet to work with your real account."
            </div>
        </Show>
        <form class="form" on:submit=submit data-testid="settings-form">
            <section class="card">
                <h2>"MANGO connection"</h2>
                <label class="field">
                    <span class="field-label">"VPBX API address"</span>
                    <input name="vpbx_base_url" bind:value=vpbx_base_url/>
                    <FieldMessage message=message("vpbx_base_url")/>
                </label>
                <label class="field">
                    <span class="field-label">"Contact Center API address"</span>
                    <input name="cc_base_url" bind:value=cc_base_url/>
                    <FieldMessage message=message("cc_base_url")/>
                </label>
                <label class="field">
                    <span class="field-label">"API key (vpbx_api_key)"</span>
                    <input name="vpbx_api_key" bind:value=vpbx_api_key autocomplete="off"/>
                    <FieldMessage message=message("vpbx_api_key")/>
                </label>
                <label class="field">
                    <span class="field-label">"API salt (api_salt)"</span>
                    <span class="field-hint" data-testid="salt-state">
                        "Currently " {salt_state} ". It is stored encrypted and never shown again; "
                        "type a new one to replace it, or leave empty to keep it."
                    </span>
                    <input
                        name="new_api_salt"
                        type="password"
                        bind:value=new_api_salt
                        autocomplete="new-password"
                        placeholder="New salt"
                    />
                    <FieldMessage message=message("new_api_salt")/>
                </label>
                <label class="checkbox">
                    <input type="checkbox" name="clear_api_salt" bind:checked=clear_api_salt/>
                    "Remove the stored salt (back to the sandbox)"
                </label>
            </section>
            <section class="card">
                <h2>"Address for MANGO"</h2>
                <p class="field-hint">
                    "In MANGO's cabinet, API connection, enter this as the external system's address. "
                    "MANGO sends call events to it (…/events/call, …/events/summary)."
                </p>
                <div class="copy-row">
                    <input readonly data-testid="webhook-url" prop:value=webhook aria-label="Address for MANGO"/>
                    <button type="button" class="button" on:click=copy>
                        {move || if copied.get() { "Copied" } else { "Copy" }}
                    </button>
                </div>
            </section>
            <section class="card">
                <h2>"Defaults"</h2>
                <label class="field">
                    <span class="field-label">"Time zone for schedules and times"</span>
                    <select name="timezone" bind:value=timezone>
                        {move || {
                            time_zones
                                .get_value()
                                .into_iter()
                                .map(|zone| view! { <option value=zone.clone()>{zone.clone()}</option> })
                                .collect_view()
                        }}
                    </select>
                    <FieldMessage message=message("timezone")/>
                </label>
                <label class="field">
                    <span class="field-label">"Phone region for numbers without a country code"</span>
                    <input name="phone_region" bind:value=phone_region maxlength="2" class="input-short"/>
                    <FieldMessage message=message("phone_region")/>
                </label>
            </section>
            <div class="form-actions">
                <button type="submit" class="button button-primary" disabled=move || save.pending().get()>
                    "Save settings"
                </button>
            </div>
        </form>
        <ConnectionTester/>
    }
}

/// "Test connection": two harmless reads with the saved settings, each shown with what MANGO
/// answered (or its result code and description).
#[component]
fn ConnectionTester() -> impl IntoView {
    let test = ServerAction::<TestConnection>::new();
    let report = move || test.value().get();
    view! {
        <section class="card connection-test" data-testid="connection-test">
            <h2>"Check the connection"</h2>
            <p class="field-hint">
                "Calls account/balance and config/users/request with the saved settings. "
                "Save first if you changed anything above."
            </p>
            <div class="form-actions">
                <button
                    type="button"
                    class="button"
                    disabled=move || test.pending().get()
                    on:click=move |_| {
                        test.dispatch(TestConnection {});
                    }
                >
                    {move || if test.pending().get() { "Testing…" } else { "Test connection" }}
                </button>
            </div>
            {move || match report() {
                None => None,
                Some(Err(error)) => Some(view! { <ErrorBanner error=Some(error)/> }.into_any()),
                Some(Ok(report)) => Some(view! { <ConnectionResult report/> }.into_any()),
            }}
        </section>
    }
}

#[component]
fn ConnectionResult(report: ConnectionReport) -> impl IntoView {
    let (class, headline) = match (report.ok(), report.sandbox) {
        (true, true) => (
            "banner banner-ok",
            "Connected to the built-in sandbox (no MANGO credentials are set).".to_string(),
        ),
        (true, false) => ("banner banner-ok", format!("Connected to MANGO at {}.", report.target)),
        (false, _) => ("banner banner-error", format!("The connection to {} failed.", report.target)),
    };
    let checks = report
        .checks
        .into_iter()
        .map(|check| {
            let code = check.code.map(|code| format!("result {code}: "));
            view! {
                <li class=if check.ok { "check-ok" } else { "check-failed" }>
                    <code>{check.method.path()}</code>
                    " — "
                    {if check.ok { "OK: " } else { "failed: " }}
                    {code}
                    {check.detail}
                </li>
            }
        })
        .collect_view();
    view! {
        <div class=class role="status" data-testid="connection-result">
            <strong>{headline}</strong>
            <ul class="checks">{checks}</ul>
        </div>
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
