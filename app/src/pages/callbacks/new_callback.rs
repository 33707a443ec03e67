//! The form for one callback: operator, phone, time and the callback's details.

use leptos::prelude::*;

use crate::api::callbacks::*;
use crate::api::directory::OperatorView;
use crate::api::{AppError, FieldError};
use crate::components::callback_fields::{CallbackDetails, CallbackDetailsFields, LocalDateTime};
use crate::components::feedback::{ErrorBanner, FieldMessage, Notice};
use crate::i18n::{fill, t};

#[component]
pub fn NewCallback(options: CallbackOptions, create: ServerAction<CreateCallback>) -> impl IntoView {
    let t = &t().callbacks;
    let operator =
        RwSignal::new(options.operators.first().map(|o| o.user_id.to_string()).unwrap_or_default());
    let details = CallbackDetails::new(&options.default_timezone);
    let start = RwSignal::new(next_quarter_hour(&options.default_timezone, 15));
    let phone = RwSignal::new(String::new());
    let allow_another = RwSignal::new(false);
    let attempted = RwSignal::new(false);
    let notice = RwSignal::new(None::<String>);

    let form = move || CallbackForm {
        operator_user_id: operator.get().parse().ok(),
        start_local: start.get(),
        timezone: details.timezone.get(),
        duration_minutes: details.duration_minutes(),
        description: details.description.get(),
        phone: phone.get(),
        event: details.event(),
        auto_call: details.auto_call.get(),
        allow_another: allow_another.get(),
    };
    let client_errors =
        Memo::new(move |_| check_callback(&form(), chrono::Utc::now().timestamp()).err().unwrap_or_default());
    let server_error = Signal::derive(move || create.value().get().and_then(|r| r.err()));
    let message = Callback::new(move |field: &'static str| {
        Signal::derive(move || {
            client_errors
                .get()
                .into_iter()
                .find(|e: &FieldError| e.field == field && attempted.get())
                .map(|e| e.message)
                .or_else(|| server_error.get().and_then(|e| e.field(field)))
        })
    });
    let general_error =
        Signal::derive(move || server_error.get().filter(|e| !matches!(e, AppError::Invalid(_))));
    let conflict = Signal::derive(move || matches!(server_error.get(), Some(AppError::Conflict(_))));
    Effect::new(move |_| {
        if let Some(Ok(row)) = create.value().get() {
            let state = row.state.label().to_lowercase();
            notice.set(Some(fill(t.created_notice, &[&row.number, &row.due_at, &state])));
            phone.set(String::new());
            details.description.set(String::new());
            allow_another.set(false);
            attempted.set(false);
        }
    });
    let submit = move |ev: leptos::ev::SubmitEvent| {
        ev.prevent_default();
        attempted.set(true);
        notice.set(None);
        if client_errors.get_untracked().is_empty() {
            create.dispatch(CreateCallback { form: form() });
        }
    };
    let operators = options.operators.clone();
    let zones = options.time_zones.clone();
    view! {
        <section class="card">
            <h2>{t.new_heading}</h2>
            {options.sandbox.then(|| view! {
                <p class="muted">{t.sandbox_note}</p>
            })}
            <ErrorBanner error=general_error/>
            <Notice message=notice/>
            <form class="form form-grid" novalidate on:submit=submit data-testid="callback-form">
                <TargetFields operators operator phone start message/>
                <CallbackDetailsFields details zones message/>
                <Show when=move || conflict.get() || allow_another.get()>
                    <label class="field field-check">
                        <input name="allow_another" type="checkbox" bind:checked=allow_another/>
                        <span>{t.add_another}</span>
                    </label>
                </Show>
                <div class="form-actions">
                    <button type="submit" class="button button-primary" disabled=move || create.pending().get()>
                        {move || if create.pending().get() { t.sending } else { t.create }}
                    </button>
                </div>
            </form>
        </section>
    }
}

/// Who calls whom and when: the operator, the client's phone and the time.
#[component]
fn TargetFields(
    operators: Vec<OperatorView>,
    operator: RwSignal<String>,
    phone: RwSignal<String>,
    start: RwSignal<String>,
    message: Callback<&'static str, Signal<Option<String>>>,
) -> impl IntoView {
    let t = &t().callbacks;
    view! {
        <label class="field">
            <span class="field-label">{t.operator}</span>
            <select name="operator" bind:value=operator>
                {operators.into_iter().map(|o| view! { <option value=o.user_id.to_string()>{o.title()}</option> }).collect_view()}
            </select>
            <FieldMessage message=message.run("operator_user_id")/>
        </label>
        <label class="field">
            <span class="field-label">{t.phone}</span>
            <input name="phone" type="tel" bind:value=phone placeholder="+7 916 123-45-67" autocomplete="off"/>
            <FieldMessage message=message.run("phone")/>
        </label>
        <label class="field">
            <span class="field-label">{t.when}</span>
            <LocalDateTime name="start" value=start on_change=move |v| start.set(v)/>
            <FieldMessage message=message.run("start_local")/>
        </label>
    }
}
