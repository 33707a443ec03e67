//! The fields every callback has, whether typed in one by one or made in bulk: time zone,
//! duration, what the operator is to do, description, automatic call (manual 4.2).

use leptos::prelude::*;

use crate::api::callbacks::{CallbackEvent, MAX_DESCRIPTION_CHARS};
use crate::components::feedback::FieldMessage;
use crate::i18n::t;

/// The form's state for those fields.
#[derive(Clone, Copy)]
pub struct CallbackDetails {
    pub timezone: RwSignal<String>,
    pub duration: RwSignal<String>,
    pub event: RwSignal<String>,
    pub description: RwSignal<String>,
    pub auto_call: RwSignal<bool>,
}

impl CallbackDetails {
    pub fn new(timezone: &str) -> CallbackDetails {
        CallbackDetails {
            timezone: RwSignal::new(timezone.to_string()),
            duration: RwSignal::new("15".to_string()),
            event: RwSignal::new(CallbackEvent::Call.key().to_string()),
            description: RwSignal::new(String::new()),
            auto_call: RwSignal::new(true),
        }
    }

    /// What was typed as minutes; 0 (refused by the rules) when it is not a number.
    pub fn duration_minutes(&self) -> u32 {
        self.duration.get().trim().parse().unwrap_or(0)
    }

    pub fn event(&self) -> CallbackEvent {
        CallbackEvent::from_key(&self.event.get()).unwrap_or_default()
    }
}

/// `message` gives a field's current message by the rules' field name.
#[component]
pub fn CallbackDetailsFields(
    details: CallbackDetails,
    zones: Vec<String>,
    message: Callback<&'static str, Signal<Option<String>>>,
) -> impl IntoView {
    let CallbackDetails { timezone, duration, event, description, auto_call } = details;
    let t = &t().callbacks;
    let count = move || format!("{} / {MAX_DESCRIPTION_CHARS}", description.with(|d| d.chars().count()));
    view! {
        <label class="field">
            <span class="field-label">{t.time_zone}</span>
            <select name="timezone" bind:value=timezone>
                {zones.into_iter().map(|z| view! { <option value=z.clone()>{z.clone()}</option> }).collect_view()}
            </select>
            <FieldMessage message=message.run("timezone")/>
        </label>
        <label class="field">
            <span class="field-label">{t.duration}</span>
            <input name="duration" type="number" min="1" max="1440" class="input-short" bind:value=duration/>
            <FieldMessage message=message.run("duration_minutes")/>
        </label>
        <label class="field">
            <span class="field-label">{t.operator_is_to}</span>
            <select name="event" bind:value=event>
                {CallbackEvent::ALL.into_iter().map(|e| view! { <option value=e.key()>{e.label()}</option> }).collect_view()}
            </select>
        </label>
        <label class="field field-wide">
            <span class="field-label">{t.description} <span class="muted">{count}</span></span>
            <textarea name="description" rows="2" bind:value=description></textarea>
            <FieldMessage message=message.run("description")/>
        </label>
        <label class="field field-check">
            <input name="auto_call" type="checkbox" bind:checked=auto_call/>
            <span>{t.auto_call}</span>
        </label>
    }
}

/// A local date and time as `YYYY-MM-DDTHH:MM` (or empty: none chosen), shown from `value`
/// and reported to `on_change`. In English: the browser's `datetime-local` input named
/// `name`. In Russian: a date input (`{name}_date`) and hour and minute choices
/// (`{name}_hour`, `{name}_minute`) that are 24-hour whatever the system's locale (a
/// `datetime-local` shows AM/PM under an English system locale). Clearing the date clears
/// the value.
#[component]
pub fn LocalDateTime(
    name: &'static str,
    #[prop(into)] value: Signal<String>,
    #[prop(into)] on_change: Callback<String>,
) -> impl IntoView {
    if crate::i18n::current() == crate::i18n::Lang::En {
        return view! {
            <input name=name type="datetime-local" prop:value=move || value.get()
                on:input=move |ev| on_change.run(event_target_value(&ev))/>
        }
        .into_any();
    }
    let t = &t().callbacks;
    let part = move |range: std::ops::Range<usize>| value.with(|v| v.get(range).unwrap_or("").to_string());
    let set = move |date: String, hour: String, minute: String| {
        let or_zero = |s: String| if s.is_empty() { "00".to_string() } else { s };
        on_change.run(if date.is_empty() {
            String::new()
        } else {
            format!("{date}T{}:{}", or_zero(hour), or_zero(minute))
        })
    };
    let hours = (0..24).map(|h| format!("{h:02}"));
    let minutes = move || {
        let now = part(14..16);
        let mut all: Vec<String> = (0..60).step_by(5).map(|m| format!("{m:02}")).collect();
        if now.len() == 2 && !all.contains(&now) {
            all.push(now);
            all.sort();
        }
        all
    };
    view! {
        <span class="datetime-24">
            <input name=format!("{name}_date") type="date" aria-label=t.date prop:value=move || part(0..10)
                on:change=move |ev| set(event_target_value(&ev), part(11..13), part(14..16))/>
            <select name=format!("{name}_hour") aria-label=t.hour prop:value=move || part(11..13)
                on:change=move |ev| set(part(0..10), event_target_value(&ev), part(14..16))>
                {hours.map(|h| view! { <option value=h.clone() selected=move || part(11..13) == h>{h.clone()}</option> }).collect_view()}
            </select>
            ":"
            <select name=format!("{name}_minute") aria-label=t.minute prop:value=move || part(14..16)
                on:change=move |ev| set(part(0..10), part(11..13), event_target_value(&ev))>
                {move || minutes().into_iter().map(|m| view! { <option value=m.clone() selected=part(14..16) == m>{m.clone()}</option> }).collect_view()}
            </select>
            // The date input draws the date in the browser's language (12/02/2026 in an English
            // one): the date as a Russian reads it, beside it.
            <span class="muted" data-testid=format!("{name}-date-read")>{move || read_date(&part(0..10))}</span>
        </span>
    }
    .into_any()
}

/// `2026-12-02` as `02.12.2026`; nothing for no date.
fn read_date(iso: &str) -> String {
    chrono::NaiveDate::parse_from_str(iso, "%Y-%m-%d")
        .map(|d| crate::i18n::format::date(crate::i18n::Lang::Ru, d))
        .unwrap_or_default()
}
