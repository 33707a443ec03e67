//! The weekly calling windows, edited in the campaign's zone, and the schedule MANGO will
//! receive in UTC.
//!
//! Times are typed as 24-hour `HH:MM` text, not `<input type="time">`: Chromium shows that one
//! with AM/PM when the OS locale uses a 12-hour clock, whatever the page's language, and it
//! cannot hold 24:00 (the end of a day).

use leptos::prelude::*;

use crate::api::campaigns::*;
use crate::api::schedule::{format_hhmm, parse_hhmm, weekday_short, LocalWindow};
use crate::api::FieldError;
use crate::i18n::{fill, t};

/// One row per weekday, each with its windows in the campaign's zone.
#[component]
pub fn ScheduleEditor(form: RwSignal<CampaignForm>, touch: Callback<&'static str>) -> impl IntoView {
    let texts = &t().campaigns.schedule;
    let days = (0..7usize).map(|day| view! { <ScheduleDay form touch day/> }).collect_view();
    view! {
        <div class="schedule" data-testid="schedule-editor">
            <span class="field-label">{texts.heading}</span>
            {days}
        </div>
    }
}

/// One weekday (0 is Monday): its windows, "+ window" and "Copy to all weekdays".
#[component]
fn ScheduleDay(form: RwSignal<CampaignForm>, touch: Callback<&'static str>, day: usize) -> impl IntoView {
    let texts = &t().campaigns.schedule;
    let name = weekday_short(day);
    let windows = move || form.with(|f| f.schedule.days[day].clone());
    view! {
        <div class="schedule-day" data-testid=format!("schedule-day-{}", day + 1)>
            <span class="schedule-day-name">{name}</span>
            <div class="schedule-windows">
                {move || {
                    let list = windows();
                    if list.is_empty() {
                        return view! { <span class="muted">{texts.no_calls}</span> }.into_any();
                    }
                    list.into_iter()
                        .enumerate()
                        .map(|(index, window)| view! { <ScheduleWindow form touch day index window/> })
                        .collect_view()
                        .into_any()
                }}
            </div>
            <span class="schedule-actions">
                <button type="button" class="button button-quiet" aria-label=fill(texts.add_window_on, &[&name])
                    on:click=move |_| {
                        form.update(|f| {
                            let next = f.schedule.days[day].last().map(|w| LocalWindow { start: w.end.min(23 * 60), end: (w.end + 60).min(24 * 60) })
                                .unwrap_or(LocalWindow { start: 9 * 60, end: 18 * 60 });
                            f.schedule.days[day].push(next);
                        });
                        touch.run("schedule");
                    }>
                    {texts.add_window}
                </button>
                <button type="button" class="button button-quiet" aria-label=fill(texts.copy_day, &[&name])
                    on:click=move |_| { form.update(|f| f.schedule.copy_to_all_weekdays(day)); touch.run("schedule"); }>
                    {texts.copy_to_weekdays}
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
    let texts = &t().campaigns.schedule;
    let name = weekday_short(day);
    let bad = RwSignal::new(false);
    let set = move |is_start: bool, text: String| {
        let Some(minutes) = parse_hhmm(&text) else {
            bad.set(true);
            return;
        };
        bad.set(false);
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
    };
    view! {
        <span class="schedule-window">
            <TimeInput label=fill(texts.window_from, &[&name, &(index + 1)]) minutes=window.start bad
                on_change=Callback::new(move |text| set(true, text))/>
            "–"
            <TimeInput label=fill(texts.window_to, &[&name, &(index + 1)]) minutes=window.end bad
                on_change=Callback::new(move |text| set(false, text))/>
            <button type="button" class="button button-quiet" aria-label=fill(texts.remove_window, &[&name, &(index + 1)])
                on:click=move |_| { form.update(|f| { if index < f.schedule.days[day].len() { f.schedule.days[day].remove(index); } }); touch.run("schedule"); }>
                "×"
            </button>
            {move || bad.get().then(|| view! { <span class="field-error" role="alert">{texts.time_format}</span> })}
        </span>
    }
}

/// A 24-hour `HH:MM` time (00:00–24:00), the same in every browser and OS locale.
#[component]
fn TimeInput(label: String, minutes: u16, bad: RwSignal<bool>, on_change: Callback<String>) -> impl IntoView {
    let texts = &t().campaigns.schedule;
    view! {
        <input type="text" class="time-input" inputmode="numeric" autocomplete="off" maxlength="5" size="5"
            pattern="([01][0-9]|2[0-3]):[0-5][0-9]|24:00" placeholder=texts.time_placeholder title=texts.time_format
            aria-label=label aria-invalid=move || bad.get().to_string()
            prop:value=format_hhmm(minutes)
            on:change=move |ev| on_change.run(event_target_value(&ev))/>
    }
}

/// Exactly the `schedule`, `start_date` and `end_date` MANGO will receive (UTC).
#[component]
pub fn SchedulePreview(checked: Memo<Result<MangoSchedule, Vec<FieldError>>>) -> impl IntoView {
    let texts = &t().campaigns.schedule;
    view! {
        <div class="schedule-preview" data-testid="utc-preview">
            <span class="field-label">{texts.preview_heading}</span>
            {move || match checked.get() {
                Ok(schedule) => {
                    let windows = schedule.windows.iter().map(|w| view! {
                        <li data-testid="utc-window">{format!("{} {}–{}", weekday_short(usize::from(w.weekday - 1)), format_hhmm(w.start), format_hhmm(w.end))}</li>
                    }).collect_view();
                    let warnings = schedule.warnings.iter().map(|w| view! { <li class="field-error">{w.clone()}</li> }).collect_view();
                    view! {
                        <ul class="utc-windows">{windows}</ul>
                        <p class="field-hint">
                            "start_date: " {schedule.start_date.clone().unwrap_or_else(|| texts.preview_not_set.into())}
                            " · end_date: " {schedule.end_date.clone().unwrap_or_else(|| texts.preview_not_set.into())}
                        </p>
                        <ul class="warnings">{warnings}</ul>
                    }.into_any()
                }
                Err(_) => view! { <p class="muted">{texts.preview_blocked}</p> }.into_any(),
            }}
        </div>
    }
}
