//! The weekly calling windows, edited in the campaign's zone, and the schedule MANGO will
//! receive in UTC.

use leptos::prelude::*;

use crate::api::campaigns::*;
use crate::api::schedule::{format_hhmm, parse_hhmm, LocalWindow, WEEKDAY_NAMES};
use crate::api::FieldError;

/// One row per weekday, each with its windows in the campaign's zone.
#[component]
pub fn ScheduleEditor(form: RwSignal<CampaignForm>, touch: Callback<&'static str>) -> impl IntoView {
    let days = (0..7usize).map(|day| view! { <ScheduleDay form touch day/> }).collect_view();
    view! {
        <div class="schedule" data-testid="schedule-editor">
            <span class="field-label">"Weekly calling windows, in the campaign's time zone"</span>
            {days}
        </div>
    }
}

/// One weekday (0 is Monday): its windows, "+ window" and "Copy to all weekdays".
#[component]
fn ScheduleDay(form: RwSignal<CampaignForm>, touch: Callback<&'static str>, day: usize) -> impl IntoView {
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
                        .map(|(index, window)| view! { <ScheduleWindow form touch day index window/> })
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
                        touch.run("schedule");
                    }>
                    "+ window"
                </button>
                <button type="button" class="button button-quiet" aria-label=format!("Copy {} to all weekdays", WEEKDAY_NAMES[day])
                    on:click=move |_| { form.update(|f| f.schedule.copy_to_all_weekdays(day)); touch.run("schedule"); }>
                    "Copy to all weekdays"
                </button>
            </span>
        </div>
    }
}

/// One window of a weekday: from, to, and a remove button.
#[component]
fn ScheduleWindow(
    form: RwSignal<CampaignForm>,
    touch: Callback<&'static str>,
    day: usize,
    index: usize,
    window: LocalWindow,
) -> impl IntoView {
    let set = move |is_start: bool, text: String| {
        if let Some(minutes) = parse_hhmm(&text) {
            form.update(|f| {
                if let Some(w) = f.schedule.days[day].get_mut(index) {
                    if is_start {
                        w.start = minutes
                    } else {
                        w.end = minutes
                    }
                }
            });
            touch.run("schedule");
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
                on:click=move |_| { form.update(|f| { if index < f.schedule.days[day].len() { f.schedule.days[day].remove(index); } }); touch.run("schedule"); }>
                "×"
            </button>
        </span>
    }
}

/// Exactly the `schedule`, `start_date` and `end_date` MANGO will receive (UTC).
#[component]
pub fn SchedulePreview(checked: Memo<Result<MangoSchedule, Vec<FieldError>>>) -> impl IntoView {
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
