//! A campaign's status and every setting, in words.

use leptos::prelude::*;

use crate::api::campaign_options::*;
use crate::api::campaigns::*;
use crate::api::schedule::{format_hhmm, WEEKDAY_NAMES};

#[component]
pub fn CampaignFacts(detail: CampaignDetail) -> impl IntoView {
    let CampaignDetail {
        row,
        form,
        mango_schedule,
        created_in_mango_at,
        started_at,
        synced_at,
        sync_error,
        names,
        ..
    } = detail;
    let fact = |label: &'static str, value: String| view! { <div><dt>{label}</dt><dd>{value}</dd></div> };
    let dates = |text: &str| if text.is_empty() { "not set".to_string() } else { text.replace('T', " ") };
    let progress = match (row.finished_tasks_count, row.tasks_count) {
        (Some(done), Some(total)) => format!("{done} of {total} tasks finished"),
        (_, Some(total)) => format!("0 of {total} tasks finished"),
        _ => "no tasks yet".into(),
    };
    let windows = mango_schedule
        .as_ref()
        .map(|s| {
            s.windows
                .iter()
                .map(|w| {
                    format!(
                        "{} {}–{}",
                        WEEKDAY_NAMES[usize::from(w.weekday - 1)],
                        format_hhmm(w.start),
                        format_hhmm(w.end)
                    )
                })
                .collect::<Vec<_>>()
                .join(", ")
        })
        .unwrap_or_default();
    let local = (0..7)
        .filter(|d| !form.schedule.days[*d].is_empty())
        .map(|d| {
            let list = form.schedule.days[d]
                .iter()
                .map(|w| format!("{}–{}", format_hhmm(w.start), format_hhmm(w.end)))
                .collect::<Vec<_>>()
                .join(", ");
            format!("{} {list}", WEEKDAY_NAMES[d])
        })
        .collect::<Vec<_>>()
        .join("; ");
    view! {
        <section class="card">
            <h2>"Status"</h2>
            <dl class="facts">
                {fact("MANGO campaign id", row.mango_campaign_id.map(|id| id.to_string()).unwrap_or_else(|| "not created in MANGO yet".into()))}
                {fact("Progress", progress)}
                {fact("Author in Obzvon", row.author.clone())}
                {fact("Created", row.created_at.clone())}
                {fact("Created in MANGO", created_in_mango_at.unwrap_or_else(|| "—".into()))}
                {fact("Started", started_at.unwrap_or_else(|| "—".into()))}
                {fact("Status read from MANGO", synced_at.unwrap_or_else(|| "—".into()))}
            </dl>
            {sync_error.map(|e| view! { <p class="field-error">"Last status read failed: " {e}</p> })}
        </section>
        <section class="card">
            <h2>"Settings"</h2>
            <dl class="facts" data-testid="campaign-settings">
                {fact("Line", names.line.clone().unwrap_or_default())}
                {fact("Author in MANGO", names.author.clone().unwrap_or_else(|| "not set".into()))}
                {fact("Priority", form.priority.label().to_string())}
                {fact("Dial mode", form.dial_mode.label().to_string())}
                {fact("Time zone", form.timezone.clone())}
                {fact("Start", dates(&form.start_local))}
                {fact("End", dates(&form.end_local))}
                {fact("Schedule (local)", local)}
                {fact("Schedule sent to MANGO (UTC)", windows)}
                {fact("Operators", if names.operators.is_empty() { "none chosen".to_string() } else { format!("{}: {}", names.operators.len(), names.operators.join(", ")) })}
                {fact("Voice message", names.voice_message.clone().unwrap_or_else(|| "MANGO's default".into()))}
                {fact("Hold music", names.hold_message.clone().unwrap_or_else(|| "MANGO's default".into()))}
                {fact("Attempts if busy", label_of(REDIAL_COUNTS, form.redial_if_busy))}
                {fact("Wait if busy", label_of(WAITS_IF_BUSY, form.wait_if_busy_seconds))}
                {fact("Attempts if no answer", label_of(REDIAL_COUNTS, form.redial_if_no_answer))}
                {fact("Wait if no answer", label_of(WAITS_IF_NO_ANSWER, form.wait_if_no_answer_seconds))}
                {fact("Attempts if unavailable", label_of(REDIAL_COUNTS, form.redial_if_unavailable))}
                {fact("Wait if unavailable", label_of(WAITS_IF_UNAVAILABLE, form.wait_if_unavailable_seconds))}
                {fact("Wait for the client to answer", label_of(ANSWER_WAITS, form.answer_wait_seconds))}
                {fact("Calls per free operator", coefficient_text(form.call_coefficient_tenths))}
                {fact("Pause after a talk", label_of(AFTER_CALL_PAUSES, form.after_call_seconds))}
            </dl>
        </section>
    }
}
