//! Callbacks for many leads of a campaign at once: chosen on the results page, spread over a
//! period and operators (round robin), sent 5 a second with a progress bar and a result per lead.

use std::collections::BTreeSet;

use leptos::prelude::*;
use leptos_router::components::A;

use crate::api::callbacks::*;
use crate::api::results::ResultsFilter;
use crate::api::{AppError, FieldError};
use crate::components::callback_fields::{CallbackDetails, CallbackDetailsFields};
use crate::components::feedback::{ErrorBanner, FieldMessage};

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
    view! {
        <section class="card" data-testid="bulk-callbacks">
            <h2>"Call back"</h2>
            <Transition fallback=|| view! { <p class="muted">"Loading…"</p> }>
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

#[component]
fn BulkForm(
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
    Effect::new(move |_| {
        if let Some(Ok(view)) = create.value().get() {
            batch.set(Some(view));
            attempted.set(false);
        }
    });
    // Once per batch, when its last lead has been handled.
    Effect::new(move |before: Option<Option<(i64, bool)>>| {
        let now = batch.with(|b| b.as_ref().map(|b| (b.id, b.finished)));
        if matches!(now, Some((_, true))) && before.flatten() != now {
            if let Some(on_finished) = on_finished {
                on_finished.run(());
            }
        }
        now
    });
    // Follow the batch until every lead is handled.
    #[cfg(feature = "hydrate")]
    {
        let handle = set_interval_with_handle(
            move || {
                let Some(current) = batch.get_untracked() else { return };
                if current.finished {
                    return;
                }
                leptos::task::spawn_local(async move {
                    if let Ok(view) = callback_batch(current.id).await {
                        batch.set(Some(view));
                    }
                });
            },
            std::time::Duration::from_millis(700),
        )
        .ok();
        on_cleanup(move || {
            if let Some(handle) = handle {
                handle.clear();
            }
        });
    }
    let submit = move |ev: leptos::ev::SubmitEvent| {
        ev.prevent_default();
        attempted.set(true);
        if client_errors.get_untracked().is_empty() {
            create.dispatch(CreateCallbacks { form: form() });
        }
    };
    let how_many = move || {
        if scope.get() == "matching" {
            matching.get()
        } else {
            selected.with(|s| s.len() as i64)
        }
    };
    let pace = move || {
        let n = how_many();
        let seconds = (n + i64::from(REQUESTS_PER_SECOND) - 1) / i64::from(REQUESTS_PER_SECOND);
        format!("{n} leads; MANGO takes {REQUESTS_PER_SECOND} a second, so sending takes about {seconds} s.")
    };
    let operator_choices = options.operators.clone();
    let zones = options.time_zones.clone();
    let messages = Callback::new(message);
    view! {
        <ErrorBanner error=general_error/>
        <form class="form form-grid" novalidate on:submit=submit data-testid="bulk-callback-form">
            <fieldset class="field field-wide">
                <legend class="field-label">"Whom"</legend>
                <label class="field-check">
                    <input type="radio" name="scope" value="selected" prop:checked=move || scope.get() == "selected"
                        on:change=move |_| scope.set("selected".into())/>
                    <span>{move || format!("The {} selected leads", selected.with(|s| s.len()))}</span>
                </label>
                <label class="field-check">
                    <input type="radio" name="scope" value="matching" prop:checked=move || scope.get() == "matching"
                        on:change=move |_| scope.set("matching".into())/>
                    <span>{move || format!("All {} leads the filter matches", matching.get())}</span>
                </label>
                <FieldMessage message=message("selection")/>
            </fieldset>
            <fieldset class="field field-wide">
                <legend class="field-label">"Operators, in turn"</legend>
                <div class="check-list">
                    {operator_choices.into_iter().map(|o| {
                        let id = o.user_id;
                        view! {
                            <label class="field-check">
                                <input type="checkbox" name="operator" value=id.to_string()
                                    prop:checked=move || operators.with(|s| s.contains(&id))
                                    on:change=move |ev| {
                                        let on = event_target_checked(&ev);
                                        operators.update(|s| { if on { s.insert(id); } else { s.remove(&id); } });
                                    }/>
                                <span>{o.title()}</span>
                            </label>
                        }
                    }).collect_view()}
                </div>
                <FieldMessage message=message("operators")/>
            </fieldset>
            <label class="field">
                <span class="field-label">"From"</span>
                <input name="from" type="datetime-local" bind:value=from/>
                <FieldMessage message=message("from_local")/>
            </label>
            <label class="field">
                <span class="field-label">"Until"</span>
                <input name="until" type="datetime-local" bind:value=until/>
                <FieldMessage message=message("until_local")/>
            </label>
            <CallbackDetailsFields details zones message=messages/>
            <p class="muted field-wide">{pace}</p>
            <div class="form-actions">
                <button type="submit" class="button button-primary" disabled=move || create.pending().get()>
                    "Create callbacks"
                </button>
            </div>
        </form>
        {move || batch.get().map(|b| view! { <BatchProgress batch=b/> })}
    }
}

#[component]
fn BatchProgress(batch: BatchView) -> impl IntoView {
    let percent = if batch.total == 0 { 100 } else { batch.handled * 100 / batch.total };
    view! {
        <div class="batch" data-testid="callback-batch" data-finished=batch.finished.to_string()
            data-total=batch.total.to_string() data-handled=batch.handled.to_string()>
            {batch.repeated.then(|| view! {
                <p class="banner banner-ok" role="status">"This request was made before: nothing new was created. Its callbacks are below."</p>
            })}
            <progress max=batch.total.to_string() value=batch.handled.to_string()></progress>
            <p data-testid="callback-batch-summary">
                {format!("{percent} %: {} of {} handled — {} created, {} refused, {} skipped.", batch.handled, batch.total, batch.created, batch.refused, batch.skipped)}
                " " <A href="/callbacks">"Follow them on the Callbacks page"</A>
            </p>
            <div class="table-wrap">
                <table class="table">
                    <thead><tr><th>"Lead"</th><th>"Due"</th><th>"Operator"</th><th>"Result"</th></tr></thead>
                    <tbody>
                        {batch.items.into_iter().map(|item| {
                            let lead = if item.name.is_empty() { item.number.clone() } else { format!("{} · {}", item.name, item.number) };
                            match (item.callback, item.skipped) {
                                (Some(row), _) => view! {
                                    <tr data-testid="batch-item" data-state=row.state.key()>
                                        <td>{lead}</td>
                                        <td class="nowrap">{row.due_at.clone()}</td>
                                        <td>{row.operator.clone()}</td>
                                        <td>{match &row.reason { Some(r) => format!("{}: {r}", row.state.label()), None => row.state.label().to_string() }}</td>
                                    </tr>
                                }.into_any(),
                                (None, reason) => view! {
                                    <tr data-testid="batch-item" data-state="skipped">
                                        <td>{lead}</td><td></td><td></td>
                                        <td>{format!("Skipped: {}", reason.unwrap_or_default())}</td>
                                    </tr>
                                }.into_any(),
                            }
                        }).collect_view()}
                    </tbody>
                </table>
            </div>
        </div>
    }
}
