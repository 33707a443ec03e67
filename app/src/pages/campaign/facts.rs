//! A campaign's status and every setting, in words.

use leptos::prelude::*;

use crate::api::campaign_options::*;
use crate::api::campaigns::*;
use crate::api::schedule::{format_hhmm, weekday_short};
use crate::i18n::{fill, t};
use crate::pages::campaigns::local_text;

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
    let t = &t().campaigns.facts;
    let fact = |label: &'static str, value: String| view! { <div><dt>{label}</dt><dd>{value}</dd></div> };
    let dates =
        |text: &str| if text.is_empty() { t.not_set.to_string() } else { local_text(text).replace('T', " ") };
    let progress = match (row.finished_tasks_count, row.tasks_count) {
        (done, Some(total)) => fill(t.progress, &[&done.unwrap_or(0), &total]),
        _ => t.no_tasks.into(),
    };
    let windows = mango_schedule
        .as_ref()
        .map(|s| {
            s.windows
                .iter()
                .map(|w| {
                    format!(
                        "{} {}–{}",
                        weekday_short(usize::from(w.weekday - 1)),
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
            format!("{} {list}", weekday_short(d))
        })
        .collect::<Vec<_>>()
        .join("; ");
    view! {
        <section class="card">
            <h2>{t.status_heading}</h2>
            <dl class="facts">
                {fact(t.mango_id, row.mango_campaign_id.map(|id| id.to_string()).unwrap_or_else(|| t.not_in_mango.into()))}
                {fact(t.progress_label, progress)}
                {fact(t.author_obzvon, row.author.clone())}
                {fact(t.created, row.created_at.clone())}
                {fact(t.created_in_mango, created_in_mango_at.unwrap_or_else(|| "—".into()))}
                {fact(t.started, started_at.unwrap_or_else(|| "—".into()))}
                {fact(t.synced, synced_at.unwrap_or_else(|| "—".into()))}
            </dl>
            {sync_error.map(|e| view! { <p class="field-error">{t.sync_failed} {e}</p> })}
        </section>
        <section class="card">
            <h2>{t.settings_heading}</h2>
            <dl class="facts" data-testid="campaign-settings">
                {fact(t.line, names.line.clone().unwrap_or_default())}
                {fact(t.author_mango, names.author.clone().unwrap_or_else(|| t.not_set.into()))}
                {fact(t.priority, form.priority.label().to_string())}
                {fact(t.dial_mode, form.dial_mode.label().to_string())}
                {fact(t.time_zone, form.timezone.clone())}
                {fact(t.start, dates(&form.start_local))}
                {fact(t.end, dates(&form.end_local))}
                {fact(t.schedule_local, local)}
                {fact(t.schedule_utc, windows)}
                {fact(t.operators, if names.operators.is_empty() { t.no_operators.to_string() } else { format!("{}: {}", names.operators.len(), names.operators.join(", ")) })}
                {fact(t.voice_message, names.voice_message.clone().unwrap_or_else(|| t.mango_default.into()))}
                {fact(t.hold_music, names.hold_message.clone().unwrap_or_else(|| t.mango_default.into()))}
                {fact(t.attempts_busy, label_of(REDIAL_COUNTS, form.redial_if_busy))}
                {fact(t.wait_busy, label_of(WAITS_IF_BUSY, form.wait_if_busy_seconds))}
                {fact(t.attempts_no_answer, label_of(REDIAL_COUNTS, form.redial_if_no_answer))}
                {fact(t.wait_no_answer, label_of(WAITS_IF_NO_ANSWER, form.wait_if_no_answer_seconds))}
                {fact(t.attempts_unavailable, label_of(REDIAL_COUNTS, form.redial_if_unavailable))}
                {fact(t.wait_unavailable, label_of(WAITS_IF_UNAVAILABLE, form.wait_if_unavailable_seconds))}
                {fact(t.answer_wait, label_of(ANSWER_WAITS, form.answer_wait_seconds))}
                {fact(t.coefficient, coefficient_text(form.call_coefficient_tenths))}
                {fact(t.after_call, label_of(AFTER_CALL_PAUSES, form.after_call_seconds))}
            </dl>
        </section>
    }
}
