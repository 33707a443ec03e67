//! New and edit campaign: every field of `campaign/add` (manual 3.8.4.1) with its allowed
//! values in words, the weekly schedule in a chosen zone, and a live preview of exactly what
//! MANGO will receive. The same checks run here while typing and on the server.

use std::collections::BTreeSet;

use leptos::prelude::*;
use leptos_meta::Title;
use leptos_router::hooks::{use_navigate, use_params_map};

use crate::api::campaign_options::*;
use crate::api::campaigns::*;
use crate::api::directory::OperatorView;
use crate::api::schedule::{format_hhmm, parse_hhmm, LocalWindow, WEEKDAY_NAMES};
use crate::api::{AppError, FieldError, Permission};
use crate::components::auth::Guard;
use crate::components::feedback::{ErrorBanner, FieldMessage};

#[component]
pub fn NewCampaignPage() -> impl IntoView {
    view! {
        <Title text="New campaign · Obzvon"/>
        <Guard permission=Permission::EditCampaigns>
            <header class="page-head"><h1>"New campaign"</h1></header>
            <FormLoader id=None/>
        </Guard>
    }
}

#[component]
pub fn EditCampaignPage() -> impl IntoView {
    let params = use_params_map();
    let id = move || params.with(|p| p.get("id").and_then(|id| id.parse::<i64>().ok()));
    view! {
        <Title text="Edit campaign · Obzvon"/>
        <Guard permission=Permission::EditCampaigns>
            <header class="page-head"><h1>"Edit campaign"</h1></header>
            {move || view! { <FormLoader id=id()/> }}
        </Guard>
    }
}

#[component]
fn FormLoader(id: Option<i64>) -> impl IntoView {
    let options = Resource::new(|| (), |_| get_campaign_form_options());
    let existing = Resource::new(
        move || id,
        |id| async move {
            match id {
                Some(id) => get_campaign(id).await.map(Some),
                None => Ok(None),
            }
        },
    );
    view! {
        <Transition fallback=|| view! { <p class="muted">"Loading…"</p> }>
            {move || Suspend::new(async move {
                let options = options.await;
                let existing = existing.await;
                match (options, existing) {
                    (Err(error), _) | (_, Err(error)) => view! { <ErrorBanner error=Some(error)/> }.into_any(),
                    (Ok(_), Ok(Some(detail))) if detail.row.state != CampaignState::Draft => view! {
                        <div class="banner banner-info" role="status">
                            "This campaign is already in MANGO, and MANGO has no way to change a campaign. "
                            <a href=format!("/campaigns/{}", detail.row.id)>"Open it"</a>
                            " and use Duplicate to make a changed copy."
                        </div>
                    }
                    .into_any(),
                    (Ok(options), Ok(detail)) => {
                        let start = detail
                            .as_ref()
                            .map(|d| d.form.clone())
                            .unwrap_or_else(|| CampaignForm::new_draft(&options.default_timezone));
                        view! { <CampaignEditor id options start/> }.into_any()
                    }
                }
            })}
        </Transition>
    }
}

fn choice_select(
    name: &'static str,
    choices: &'static [Choice],
    get: impl Fn() -> u32 + Send + Sync + Copy + 'static,
    set: impl Fn(u32) + Send + Sync + Copy + 'static,
) -> impl IntoView {
    view! {
        <select
            name=name
            on:change=move |ev| {
                if let Ok(value) = event_target_value(&ev).parse::<u32>() {
                    set(value);
                }
            }
        >
            {choices
                .iter()
                .map(|choice| {
                    let value = choice.value;
                    view! { <option value=value.to_string() selected=move || get() == value>{choice.label}</option> }
                })
                .collect_view()}
        </select>
    }
}

#[component]
fn CampaignEditor(id: Option<i64>, options: CampaignFormOptions, start: CampaignForm) -> impl IntoView {
    let form = RwSignal::new(start);
    let save = ServerAction::<SaveCampaign>::new();
    let attempted = RwSignal::new(false);
    let touched = RwSignal::new(BTreeSet::<&'static str>::new());
    let touch = move |field: &'static str| {
        touched.update(|t| {
            t.insert(field);
        })
    };
    let checked = Memo::new(move |_| form.with(check_campaign));
    let server_error = Signal::derive(move || save.value().get().and_then(|r| r.err()));
    let message = move |field: &'static str| {
        Signal::derive(move || {
            let shown = attempted.get() || touched.with(|t| t.contains(field));
            let local = checked.with(|c| match c {
                Err(errors) if shown => errors.iter().find(|e| e.field == field).map(|e| e.message.clone()),
                _ => None,
            });
            local.or_else(|| server_error.get().and_then(|e| e.field(field)))
        })
    };
    let general_error =
        Signal::derive(move || server_error.get().filter(|e| !matches!(e, AppError::Invalid(_))));
    let navigate = use_navigate();
    Effect::new(move |_| {
        if let Some(Ok(saved)) = save.value().get() {
            navigate(&format!("/campaigns/{}", saved.row.id), Default::default());
        }
    });
    let submit = move |ev: leptos::ev::SubmitEvent| {
        ev.prevent_default();
        attempted.set(true);
        if checked.with_untracked(|c| c.is_ok()) {
            save.dispatch(SaveCampaign { id, form: form.get_untracked() });
        }
    };
    let options = StoredValue::new(options);
    let problems_count = move || checked.with(|c| c.as_ref().err().map(|e| e.len()).unwrap_or(0));

    view! {
        <ErrorBanner error=general_error/>
        <Show when=move || options.with_value(|o| o.sandbox)>
            <div class="banner banner-info" role="status">
                "Working against the built-in sandbox: operators, lines and audio files are its demo company."
            </div>
        </Show>
        <form class="form campaign-form" on:submit=submit data-testid="campaign-form" novalidate>
            <section class="card">
                <h2>"Campaign"</h2>
                <label class="field">
                    <span class="field-label">"Name"</span>
                    <input
                        name="name"
                        maxlength="200"
                        prop:value=move || form.with(|f| f.name.clone())
                        on:input=move |ev| {
                            form.update(|f| f.name = event_target_value(&ev));
                            touch("name");
                        }
                    />
                    <span class="field-hint">{move || format!("{} of {NAME_MAX_CHARS} characters", form.with(|f| f.name.trim().chars().count()))}</span>
                    <FieldMessage message=message("name")/>
                </label>
                <div class="form-grid">
                    <label class="field">
                        <span class="field-label">"Line MANGO calls from"</span>
                        <select
                            name="line_id"
                            on:change=move |ev| {
                                form.update(|f| f.line_id = event_target_value(&ev).parse().ok());
                                touch("line_id");
                            }
                        >
                            <option value="" selected=move || form.with(|f| f.line_id.is_none())>"Choose a line"</option>
                            {options.with_value(|o| o.lines.clone()).into_iter().map(|line| {
                                let id = line.line_id;
                                view! { <option value=id.to_string() selected=move || form.with(|f| f.line_id == Some(id))>{line.title()}</option> }
                            }).collect_view()}
                        </select>
                        <FieldMessage message=message("line_id")/>
                    </label>
                    <label class="field">
                        <span class="field-label">"Author in MANGO (optional)"</span>
                        <select
                            name="author_user_id"
                            on:change=move |ev| form.update(|f| f.author_user_id = event_target_value(&ev).parse().ok())
                        >
                            <option value="" selected=move || form.with(|f| f.author_user_id.is_none())>"Not set"</option>
                            {options.with_value(|o| o.operators.clone()).into_iter().map(|op| {
                                let id = op.user_id;
                                view! { <option value=id.to_string() selected=move || form.with(|f| f.author_user_id == Some(id))>{op.title()}</option> }
                            }).collect_view()}
                        </select>
                    </label>
                    <label class="field">
                        <span class="field-label">"Priority"</span>
                        <select name="priority" on:change=move |ev| {
                            if let Some(p) = Priority::from_key(&event_target_value(&ev)) { form.update(|f| f.priority = p) }
                        }>
                            {Priority::ALL.iter().map(|p| {
                                let p = *p;
                                view! { <option value=p.key() selected=move || form.with(|f| f.priority == p)>{p.label()}</option> }
                            }).collect_view()}
                        </select>
                    </label>
                    <label class="field">
                        <span class="field-label">"Dial mode"</span>
                        <select name="dial_mode" on:change=move |ev| {
                            if let Some(m) = DialMode::from_key(&event_target_value(&ev)) { form.update(|f| f.dial_mode = m) }
                        }>
                            {DialMode::ALL.iter().map(|m| {
                                let m = *m;
                                view! { <option value=m.key() selected=move || form.with(|f| f.dial_mode == m)>{m.label()}</option> }
                            }).collect_view()}
                        </select>
                    </label>
                </div>
            </section>

            <section class="card">
                <h2>"When"</h2>
                <div class="form-grid">
                    <label class="field">
                        <span class="field-label">"Time zone"</span>
                        <select name="timezone" on:change=move |ev| {
                            form.update(|f| f.timezone = event_target_value(&ev));
                            touch("timezone");
                        }>
                            {options.with_value(|o| o.time_zones.clone()).into_iter().map(|zone| {
                                let z = zone.clone();
                                let label = zone.clone();
                                view! { <option value=zone selected=move || form.with(|f| f.timezone == z)>{label}</option> }
                            }).collect_view()}
                        </select>
                        <FieldMessage message=message("timezone")/>
                    </label>
                    <label class="field">
                        <span class="field-label">"Start (optional)"</span>
                        <input type="datetime-local" name="start_local"
                            prop:value=move || form.with(|f| f.start_local.clone())
                            on:input=move |ev| { form.update(|f| f.start_local = event_target_value(&ev)); touch("start_local"); }
                        />
                        <FieldMessage message=message("start_local")/>
                    </label>
                    <label class="field">
                        <span class="field-label">"End (optional)"</span>
                        <input type="datetime-local" name="end_local"
                            prop:value=move || form.with(|f| f.end_local.clone())
                            on:input=move |ev| { form.update(|f| f.end_local = event_target_value(&ev)); touch("end_local"); }
                        />
                        <FieldMessage message=message("end_local")/>
                    </label>
                </div>
                <ScheduleEditor form touch/>
                <FieldMessage message=message("schedule")/>
                <SchedulePreview checked/>
            </section>

            <section class="card">
                <h2>"Operators"</h2>
                <OperatorPicker form operators=options.with_value(|o| o.operators.clone())/>
                <FieldMessage message=message("operators")/>
            </section>

            <section class="card">
                <h2>"Calling rules"</h2>
                <div class="form-grid">
                    <label class="field"><span class="field-label">"Attempts if busy"</span>
                        {choice_select("redial_if_busy", REDIAL_COUNTS, move || form.with(|f| f.redial_if_busy), move |v| form.update(|f| f.redial_if_busy = v))}
                        <FieldMessage message=message("redial_if_busy")/></label>
                    <label class="field"><span class="field-label">"Wait before calling a busy number again"</span>
                        {choice_select("wait_if_busy_seconds", WAITS_IF_BUSY, move || form.with(|f| f.wait_if_busy_seconds), move |v| form.update(|f| f.wait_if_busy_seconds = v))}</label>
                    <label class="field"><span class="field-label">"Attempts if no answer"</span>
                        {choice_select("redial_if_no_answer", REDIAL_COUNTS, move || form.with(|f| f.redial_if_no_answer), move |v| form.update(|f| f.redial_if_no_answer = v))}</label>
                    <label class="field"><span class="field-label">"Wait before calling again after no answer"</span>
                        {choice_select("wait_if_no_answer_seconds", WAITS_IF_NO_ANSWER, move || form.with(|f| f.wait_if_no_answer_seconds), move |v| form.update(|f| f.wait_if_no_answer_seconds = v))}</label>
                    <label class="field"><span class="field-label">"Attempts if the number is unavailable"</span>
                        {choice_select("redial_if_unavailable", REDIAL_COUNTS, move || form.with(|f| f.redial_if_unavailable), move |v| form.update(|f| f.redial_if_unavailable = v))}</label>
                    <label class="field"><span class="field-label">"Wait before calling an unavailable number again"</span>
                        {choice_select("wait_if_unavailable_seconds", WAITS_IF_UNAVAILABLE, move || form.with(|f| f.wait_if_unavailable_seconds), move |v| form.update(|f| f.wait_if_unavailable_seconds = v))}</label>
                    <label class="field"><span class="field-label">"How long to wait for the client to answer"</span>
                        {choice_select("answer_wait_seconds", ANSWER_WAITS, move || form.with(|f| f.answer_wait_seconds), move |v| form.update(|f| f.answer_wait_seconds = v))}</label>
                    <label class="field"><span class="field-label">"Calls per free operator"</span>
                        {choice_select("call_coefficient_tenths", CALL_COEFFICIENTS_TENTHS, move || form.with(|f| f.call_coefficient_tenths), move |v| form.update(|f| f.call_coefficient_tenths = v))}
                        <span class="field-hint">"How many clients MANGO dials at once for each free operator."</span></label>
                    <label class="field"><span class="field-label">"Pause for the operator after a talk"</span>
                        {choice_select("after_call_seconds", AFTER_CALL_PAUSES, move || form.with(|f| f.after_call_seconds), move |v| form.update(|f| f.after_call_seconds = v))}</label>
                </div>
            </section>

            <section class="card">
                <h2>"Messages"</h2>
                <div class="form-grid">
                    <AudioSelect name="voice_message_id" label="Voice message (autoinformer)" form files=options.with_value(|o| o.audio_files.clone())
                        get=|f: &CampaignForm| f.voice_message_id set=|f: &mut CampaignForm, v| f.voice_message_id = v/>
                    <AudioSelect name="hold_message_id" label="Hold music" form files=options.with_value(|o| o.audio_files.clone())
                        get=|f: &CampaignForm| f.hold_message_id set=|f: &mut CampaignForm, v| f.hold_message_id = v/>
                </div>
            </section>

            <div class="form-actions">
                <button type="submit" class="button button-primary" disabled=move || save.pending().get()>
                    {if id.is_some() { "Save draft" } else { "Save as draft" }}
                </button>
                <span class="muted" data-testid="problem-count">
                    {move || match (attempted.get(), problems_count()) {
                        (true, n) if n > 0 => format!("{n} problem(s) to fix before saving."),
                        _ => String::new(),
                    }}
                </span>
            </div>
        </form>
    }
}

#[component]
fn AudioSelect(
    name: &'static str,
    label: &'static str,
    form: RwSignal<CampaignForm>,
    files: Vec<crate::api::directory::AudioFileView>,
    get: fn(&CampaignForm) -> Option<i64>,
    set: fn(&mut CampaignForm, Option<i64>),
) -> impl IntoView {
    view! {
        <label class="field">
            <span class="field-label">{label}</span>
            <select name=name on:change=move |ev| form.update(|f| set(f, event_target_value(&ev).parse().ok()))>
                <option value="" selected=move || form.with(|f| get(f).is_none())>"MANGO's default"</option>
                {files.into_iter().map(|file| {
                    let id = file.audio_id;
                    view! { <option value=id.to_string() selected=move || form.with(|f| get(f) == Some(id))>{file.name}</option> }
                }).collect_view()}
            </select>
        </label>
    }
}

/// One row per weekday, each with its windows in the campaign's zone.
#[component]
fn ScheduleEditor(
    form: RwSignal<CampaignForm>,
    touch: impl Fn(&'static str) + Copy + Send + Sync + 'static,
) -> impl IntoView {
    let days = (0..7usize)
        .map(|day| {
            let windows = move || form.with(|f| f.schedule.days[day].clone());
            view! {
                <div class="schedule-day" data-testid=format!("schedule-day-{}", day + 1)>
                    <span class="schedule-day-name">{WEEKDAY_NAMES[day]}</span>
                    <div class="schedule-windows">
                        {move || {
                            let list = windows();
                            if list.is_empty() {
                                return view! { <span class="muted">"No calls"</span> }.into_any();
                            }
                            list.into_iter()
                                .enumerate()
                                .map(|(index, window)| {
                                    let set = move |is_start: bool, text: String| {
                                        if let Some(minutes) = parse_hhmm(&text) {
                                            form.update(|f| {
                                                if let Some(w) = f.schedule.days[day].get_mut(index) {
                                                    if is_start { w.start = minutes } else { w.end = minutes }
                                                }
                                            });
                                            touch("schedule");
                                        }
                                    };
                                    view! {
                                        <span class="schedule-window">
                                            <input type="time" aria-label=format!("{} window {} from", WEEKDAY_NAMES[day], index + 1)
                                                prop:value=format_hhmm(window.start)
                                                on:change=move |ev| set(true, event_target_value(&ev))/>
                                            "–"
                                            <input type="time" aria-label=format!("{} window {} to", WEEKDAY_NAMES[day], index + 1)
                                                prop:value=format_hhmm(window.end)
                                                on:change=move |ev| set(false, event_target_value(&ev))/>
                                            <button type="button" class="button button-quiet" aria-label=format!("Remove {} window {}", WEEKDAY_NAMES[day], index + 1)
                                                on:click=move |_| { form.update(|f| { if index < f.schedule.days[day].len() { f.schedule.days[day].remove(index); } }); touch("schedule"); }>
                                                "×"
                                            </button>
                                        </span>
                                    }
                                })
                                .collect_view()
                                .into_any()
                        }}
                    </div>
                    <span class="schedule-actions">
                        <button type="button" class="button button-quiet" aria-label=format!("Add a window on {}", WEEKDAY_NAMES[day])
                            on:click=move |_| {
                                form.update(|f| {
                                    let next = f.schedule.days[day].last().map(|w| LocalWindow { start: w.end.min(23 * 60), end: (w.end + 60).min(24 * 60) })
                                        .unwrap_or(LocalWindow { start: 9 * 60, end: 18 * 60 });
                                    f.schedule.days[day].push(next);
                                });
                                touch("schedule");
                            }>
                            "+ window"
                        </button>
                        <button type="button" class="button button-quiet" aria-label=format!("Copy {} to all weekdays", WEEKDAY_NAMES[day])
                            on:click=move |_| { form.update(|f| f.schedule.copy_to_all_weekdays(day)); touch("schedule"); }>
                            "Copy to all weekdays"
                        </button>
                    </span>
                </div>
            }
        })
        .collect_view();
    view! {
        <div class="schedule" data-testid="schedule-editor">
            <span class="field-label">"Weekly calling windows, in the campaign's time zone"</span>
            {days}
        </div>
    }
}

/// Exactly the `schedule`, `start_date` and `end_date` MANGO will receive (UTC).
#[component]
fn SchedulePreview(checked: Memo<Result<MangoSchedule, Vec<FieldError>>>) -> impl IntoView {
    view! {
        <div class="schedule-preview" data-testid="utc-preview">
            <span class="field-label">"What MANGO receives (UTC)"</span>
            {move || match checked.get() {
                Ok(schedule) => {
                    let windows = schedule.windows.iter().map(|w| view! {
                        <li data-testid="utc-window">{format!("{} {}–{}", WEEKDAY_NAMES[usize::from(w.weekday - 1)], format_hhmm(w.start), format_hhmm(w.end))}</li>
                    }).collect_view();
                    let warnings = schedule.warnings.iter().map(|w| view! { <li class="field-error">{w.clone()}</li> }).collect_view();
                    view! {
                        <ul class="utc-windows">{windows}</ul>
                        <p class="field-hint">
                            "start_date: " {schedule.start_date.clone().unwrap_or_else(|| "not set".into())}
                            " · end_date: " {schedule.end_date.clone().unwrap_or_else(|| "not set".into())}
                        </p>
                        <ul class="warnings">{warnings}</ul>
                    }.into_any()
                }
                Err(_) => view! { <p class="muted">"Fix the problems above to see the schedule MANGO will receive."</p> }.into_any(),
            }}
        </div>
    }
}

/// Operators, searchable by name and extension, showing who is not in outbound dialing.
#[component]
fn OperatorPicker(form: RwSignal<CampaignForm>, operators: Vec<OperatorView>) -> impl IntoView {
    let filter = RwSignal::new(String::new());
    let operators = StoredValue::new(operators);
    let chosen_count = move || form.with(|f| f.operators.len());
    view! {
        <div class="operator-picker">
            <input type="search" placeholder="Search by name or extension" aria-label="Search operators" bind:value=filter/>
            <span class="field-hint">{move || format!("{} chosen", chosen_count())}</span>
            <ul class="operator-list" data-testid="operator-list">
                {move || {
                    let needle = filter.get().trim().to_lowercase();
                    operators
                        .get_value()
                        .into_iter()
                        .filter(|o| needle.is_empty() || o.name.to_lowercase().contains(&needle) || o.extension.as_deref().is_some_and(|e| e.contains(&needle)))
                        .map(|operator| {
                            let id = operator.user_id;
                            let warn = operator.in_outbound() != Some(true);
                            let availability = operator.availability();
                            view! {
                                <li>
                                    <label class="checkbox">
                                        <input type="checkbox" name="operators" value=id.to_string()
                                            prop:checked=move || form.with(|f| f.operators.contains(&id))
                                            on:change=move |ev| {
                                                let on = event_target_checked(&ev);
                                                form.update(|f| {
                                                    f.operators.retain(|o| *o != id);
                                                    if on { f.operators.push(id); }
                                                });
                                            }/>
                                        {operator.title()}
                                        <span class=if warn { "badge badge-warn" } else { "badge badge-ok" }>{availability}</span>
                                    </label>
                                </li>
                            }
                        })
                        .collect_view()
                }}
            </ul>
        </div>
    }
}
