//! The bulk request: whom, which operators in turn, the period and the callbacks' details.

use std::collections::BTreeSet;

use leptos::prelude::*;

use crate::api::callbacks::*;
use crate::api::directory::OperatorView;
use crate::api::results::ResultsFilter;
use crate::api::{AppError, FieldError};
use crate::components::callback_fields::{CallbackDetails, CallbackDetailsFields, LocalDateTime};
use crate::components::feedback::{ErrorBanner, FieldMessage};
use crate::i18n::{fill, t};

use super::batch::{follow_batch, BatchProgress};

/// A field's message by the rules' field name.
type Messages = Callback<&'static str, Signal<Option<String>>>;

#[component]
pub fn BulkForm(
    campaign_id: i64,
    filter: RwSignal<ResultsFilter>,
    selected: RwSignal<BTreeSet<i64>>,
    matching: Signal<i64>,
    options: CallbackOptions,
    on_finished: Option<Callback<()>>,
) -> impl IntoView {
    let create = ServerAction::<CreateCallbacks>::new();
    // "selected" or "matching".
    let scope = RwSignal::new("selected".to_string());
    let operators = RwSignal::new(BTreeSet::<i64>::new());
    let details = CallbackDetails::new(&options.default_timezone);
    let from = RwSignal::new(next_quarter_hour(&options.default_timezone, 0));
    let until = RwSignal::new(next_quarter_hour(&options.default_timezone, 120));
    let attempted = RwSignal::new(false);
    let batch = RwSignal::new(None::<BatchView>);
    let directory_order = StoredValue::new(options.operators.iter().map(|o| o.user_id).collect::<Vec<i64>>());

    let form = move || BulkCallbackForm {
        campaign_id,
        selection: if scope.get() == "matching" {
            CallbackSelection::Matching(filter.get())
        } else {
            CallbackSelection::Leads(selected.get().into_iter().collect())
        },
        // Round robin in the directory's order.
        operators: directory_order
            .with_value(|ids| ids.iter().copied().filter(|id| operators.with(|s| s.contains(id))).collect()),
        from_local: from.get(),
        until_local: until.get(),
        timezone: details.timezone.get(),
        duration_minutes: details.duration_minutes(),
        description: details.description.get(),
        event: details.event(),
        auto_call: details.auto_call.get(),
    };
    let client_errors =
        Memo::new(move |_| check_bulk(&form(), chrono::Utc::now().timestamp()).err().unwrap_or_default());
    let server_error = Signal::derive(move || create.value().get().and_then(|r| r.err()));
    let message: Messages = Callback::new(move |field: &'static str| {
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
    Effect::new(move |_| {
        if let Some(Ok(view)) = create.value().get() {
            batch.set(Some(view));
            attempted.set(false);
        }
    });
    follow_batch(batch, on_finished);
    let submit = move |ev: leptos::ev::SubmitEvent| {
        ev.prevent_default();
        attempted.set(true);
        if client_errors.get_untracked().is_empty() {
            create.dispatch(CreateCallbacks { form: form() });
        }
    };
    let t = &t().callbacks;
    let operator_choices = options.operators.clone();
    let zones = options.time_zones.clone();
    view! {
        <ErrorBanner error=general_error/>
        <form class="form form-grid" novalidate on:submit=submit data-testid="bulk-callback-form">
            <WhomFields scope selected matching message/>
            <OperatorChoices choices=operator_choices chosen=operators message/>
            <label class="field">
                <span class="field-label">{t.from}</span>
                <LocalDateTime name="from" value=from on_change=move |v| from.set(v)/>
                <FieldMessage message=message.run("from_local")/>
            </label>
            <label class="field">
                <span class="field-label">{t.until}</span>
                <LocalDateTime name="until" value=until on_change=move |v| until.set(v)/>
                <FieldMessage message=message.run("until_local")/>
            </label>
            <CallbackDetailsFields details zones message/>
            <Pace scope selected matching/>
            <div class="form-actions">
                <button type="submit" class="button button-primary" disabled=move || create.pending().get()>
                    {t.create_many}
                </button>
            </div>
        </form>
        {move || batch.get().map(|b| view! { <BatchProgress batch=b/> })}
    }
}

/// The selected leads, or every lead the results' filter matches.
#[component]
fn WhomFields(
    scope: RwSignal<String>,
    selected: RwSignal<BTreeSet<i64>>,
    matching: Signal<i64>,
    message: Messages,
) -> impl IntoView {
    let t = &t().callbacks;
    view! {
        <fieldset class="field field-wide">
            <legend class="field-label">{t.whom}</legend>
            <label class="field-check">
                <input type="radio" name="scope" value="selected" prop:checked=move || scope.get() == "selected"
                    on:change=move |_| scope.set("selected".into())/>
                <span>{move || fill(t.selected_leads, &[&selected.with(|s| s.len())])}</span>
            </label>
            <label class="field-check">
                <input type="radio" name="scope" value="matching" prop:checked=move || scope.get() == "matching"
                    on:change=move |_| scope.set("matching".into())/>
                <span>{move || fill(t.matching_leads, &[&matching.get()])}</span>
            </label>
            <FieldMessage message=message.run("selection")/>
        </fieldset>
    }
}

/// The operators who take the callbacks in turn, in the directory's order.
#[component]
fn OperatorChoices(
    choices: Vec<OperatorView>,
    chosen: RwSignal<BTreeSet<i64>>,
    message: Messages,
) -> impl IntoView {
    let t = &t().callbacks;
    view! {
        <fieldset class="field field-wide">
            <legend class="field-label">{t.operators_in_turn}</legend>
            <div class="check-list">
                {choices.into_iter().map(|o| {
                    let id = o.user_id;
                    view! {
                        <label class="field-check">
                            <input type="checkbox" name="operator" value=id.to_string()
                                prop:checked=move || chosen.with(|s| s.contains(&id))
                                on:change=move |ev| {
                                    let on = event_target_checked(&ev);
                                    chosen.update(|s| { if on { s.insert(id); } else { s.remove(&id); } });
                                }/>
                            <span>{o.title()}</span>
                        </label>
                    }
                }).collect_view()}
            </div>
            <FieldMessage message=message.run("operators")/>
        </fieldset>
    }
}

/// How many leads the request covers and how long MANGO's rate makes the sending.
#[component]
fn Pace(scope: RwSignal<String>, selected: RwSignal<BTreeSet<i64>>, matching: Signal<i64>) -> impl IntoView {
    let how_many = move || {
        if scope.get() == "matching" {
            matching.get()
        } else {
            selected.with(|s| s.len() as i64)
        }
    };
    let t = &t().callbacks;
    let pace = move || {
        let n = how_many();
        let seconds = (n + i64::from(REQUESTS_PER_SECOND) - 1) / i64::from(REQUESTS_PER_SECOND);
        let leads = format!("{n} {}", t.pace_leads.form(n.unsigned_abs()));
        fill(t.pace, &[&leads, &REQUESTS_PER_SECOND, &seconds])
    };
    view! { <p class="muted field-wide">{pace}</p> }
}
