//! Callbacks: create one by hand, and follow every callback from sending to its call's end.

use leptos::prelude::*;
use leptos_meta::Title;
use leptos_router::components::A;

use crate::api::callbacks::*;
use crate::api::{AppError, FieldError, Permission};
use crate::components::auth::Guard;
use crate::components::callback_fields::{CallbackDetails, CallbackDetailsFields};
use crate::components::feedback::{ErrorBanner, FieldMessage, Notice};

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

#[component]
fn NewCallback(options: CallbackOptions, create: ServerAction<CreateCallback>) -> impl IntoView {
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
    let message = move |field: &'static str| {
        Signal::derive(move || {
            client_errors
                .get()
                .into_iter()
                .find(|e: &FieldError| e.field == field && attempted.get())
                .map(|e| e.message)
                .or_else(|| server_error.get().and_then(|e| e.field(field)))
        })
    };
    let general_error =
        Signal::derive(move || server_error.get().filter(|e| !matches!(e, AppError::Invalid(_))));
    let conflict = Signal::derive(move || matches!(server_error.get(), Some(AppError::Conflict(_))));
    Effect::new(move |_| {
        if let Some(Ok(row)) = create.value().get() {
            notice.set(Some(format!(
                "Callback for {} at {}: {}.",
                row.number,
                row.due_at,
                row.state.label().to_lowercase()
            )));
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
    let messages = Callback::new(message);
    view! {
        <section class="card">
            <h2>"New callback"</h2>
            {options.sandbox.then(|| view! {
                <p class="muted">"Obzvon works against its sandbox: the callback is created there and called in simulated time."</p>
            })}
            <ErrorBanner error=general_error/>
            <Notice message=notice/>
            <form class="form form-grid" novalidate on:submit=submit data-testid="callback-form">
                <label class="field">
                    <span class="field-label">"Operator"</span>
                    <select name="operator" bind:value=operator>
                        {operators.into_iter().map(|o| view! { <option value=o.user_id.to_string()>{o.title()}</option> }).collect_view()}
                    </select>
                    <FieldMessage message=message("operator_user_id")/>
                </label>
                <label class="field">
                    <span class="field-label">"Phone"</span>
                    <input name="phone" type="tel" bind:value=phone placeholder="+7 916 123-45-67" autocomplete="off"/>
                    <FieldMessage message=message("phone")/>
                </label>
                <label class="field">
                    <span class="field-label">"When"</span>
                    <input name="start" type="datetime-local" bind:value=start/>
                    <FieldMessage message=message("start_local")/>
                </label>
                <CallbackDetailsFields details zones message=messages/>
                <Show when=move || conflict.get() || allow_another.get()>
                    <label class="field field-check">
                        <input name="allow_another" type="checkbox" bind:checked=allow_another/>
                        <span>"Add another anyway"</span>
                    </label>
                </Show>
                <div class="form-actions">
                    <button type="submit" class="button button-primary" disabled=move || create.pending().get()>
                        {move || if create.pending().get() { "Sending to MANGO…" } else { "Create callback" }}
                    </button>
                </div>
            </form>
        </section>
    }
}

#[component]
fn CallbackList(create: ServerAction<CreateCallback>) -> impl IntoView {
    let tick = RwSignal::new(0u32);
    let list = Resource::new(move || (tick.get(), create.version().get()), |_| list_callbacks());
    #[cfg(feature = "hydrate")]
    {
        // The states move with the calls' events; a glance every 2 s keeps the page current.
        let handle =
            set_interval_with_handle(move || tick.update(|t| *t += 1), std::time::Duration::from_secs(2))
                .ok();
        on_cleanup(move || {
            if let Some(handle) = handle {
                handle.clear();
            }
        });
    }
    let shown = RwSignal::new(String::new());
    view! {
        <section class="card">
            <div class="page-head-row">
                <h2>"Every callback"</h2>
                <label class="field">
                    <span class="field-label">"State"</span>
                    <select aria-label="Filter by state" bind:value=shown>
                        <option value="">"Any"</option>
                        {CallbackState::ALL.into_iter().map(|s| view! { <option value=s.key()>{s.label()}</option> }).collect_view()}
                    </select>
                </label>
            </div>
            <Transition fallback=|| view! { <p class="muted">"Loading…"</p> }>
                {move || Suspend::new(async move {
                    match list.await {
                        Err(error) => view! { <ErrorBanner error=Some(error)/> }.into_any(),
                        Ok(view_data) if view_data.rows.is_empty() => view! {
                            <CcUnavailable notice=view_data.cc_unavailable/>
                            <div class="empty-state" data-testid="callbacks-empty">
                                <h2>"No callbacks yet"</h2>
                                <p>"Create one above, or select leads on a campaign's results page."</p>
                            </div>
                        }.into_any(),
                        Ok(view_data) => {
                            let filter = shown.get();
                            let rows: Vec<CallbackRow> = view_data.rows.into_iter().filter(|r| filter.is_empty() || r.state.key() == filter).collect();
                            view! {
                                <CcUnavailable notice=view_data.cc_unavailable/>
                                <ul class="counts" data-testid="callback-counts">
                                    {view_data.counts.into_iter().map(|c| view! {
                                        <li class=format!("state-{}", c.state.key()) data-state=c.state.key()>{format!("{} {}", c.count, c.state.label().to_lowercase())}</li>
                                    }).collect_view()}
                                </ul>
                                <p class="muted">{format!("Times in {}.", view_data.timezone)}</p>
                                <CallbackTable rows/>
                            }.into_any()
                        }
                    }
                })}
            </Transition>
        </section>
    }
}

/// Shown while MANGO's Contact Center API answers 5008 to everything (manual 4.1): callbacks
/// wait instead of failing one by one.
#[component]
fn CcUnavailable(notice: Option<String>) -> impl IntoView {
    notice.map(|text| {
        view! {
            <div class="banner banner-error" role="alert" data-testid="cc-unavailable">
                <strong>"The Contact Center API is unavailable. "</strong>
                {text}
            </div>
        }
    })
}

/// The callbacks as a table; also used for a bulk request's items.
#[component]
pub fn CallbackTable(rows: Vec<CallbackRow>) -> impl IntoView {
    view! {
        <div class="table-wrap">
            <table class="table" data-testid="callbacks-table">
                <thead><tr>
                    <th>"Due"</th><th>"Lead"</th><th>"Campaign"</th><th>"Operator"</th><th>"State"</th><th>"Details"</th>
                </tr></thead>
                <tbody>
                    {rows.into_iter().map(|row| {
                        let lead = if row.name.is_empty() { row.number.clone() } else { format!("{} · {}", row.name, row.number) };
                        let campaign = match (row.campaign_id, row.campaign_name.clone()) {
                            (Some(id), Some(name)) => view! { <A href=format!("/campaigns/{id}/results")>{name}</A> }.into_any(),
                            _ => view! { <span class="muted">"—"</span> }.into_any(),
                        };
                        let details = match (&row.reason, row.talk_seconds) {
                            (Some(reason), _) => reason.clone(),
                            (None, Some(seconds)) => format!("{}:{:02} of talk", seconds / 60, seconds % 60),
                            (None, None) if row.state == CallbackState::Scheduled => format!("{} for {} min", row.event.label(), row.duration_minutes),
                            _ => String::new(),
                        };
                        view! {
                            <tr data-testid="callback-row" data-state=row.state.key() data-number=row.number.clone()>
                                <td class="nowrap">{row.due_at.clone()}</td>
                                <td>{lead}</td>
                                <td>{campaign}</td>
                                <td>{row.operator.clone()}</td>
                                <td><span class=format!("badge state-{}", row.state.key())>{row.state.label()}</span></td>
                                <td title=row.description.clone()>{details}</td>
                            </tr>
                        }
                    }).collect_view()}
                </tbody>
            </table>
        </div>
    }
}
