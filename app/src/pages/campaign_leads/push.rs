//! How far the campaign's tasks have gone to MANGO, with pause and resume.

use leptos::prelude::*;

use crate::api::leads::*;
use crate::api::Permission;
use crate::components::auth::signed_in_user;
use crate::i18n::{current, fill, format::number, t};

#[component]
pub fn PushProgress(campaign_id: i64, push: PushView) -> impl IntoView {
    let t = &t().leads.push;
    let control = ServerAction::<ControlPush>::new();
    let may_push = signed_in_user().is_some_and(|u| u.role.allows(Permission::PushTasks));
    if push.state == PushState::None {
        return ().into_any();
    }
    let percent = if push.total > 0 { push.sent * 100 / push.total } else { 0 };
    let state_text = push.state.label();
    let details = rate_words(push.rate_per_minute, push.seconds_left, push.state == PushState::Running);
    let running = push.state == PushState::Running;
    let resumable = push.state.can_resume();
    view! {
        <section class="card" data-testid="push-progress" data-state=push.state.key()>
            <h2>{state_text}</h2>
            <div class="progress" role="progressbar" aria-valuemin="0" aria-valuemax=push.total aria-valuenow=push.sent>
                <div class="progress-bar" style=format!("width: {percent}%")></div>
            </div>
            <p data-testid="push-counts">{fill(t.counts, &[&grouped(push.sent), &grouped(push.total), &percent])} " " <span class="muted">{details}</span></p>
            {push.last_error.clone().map(|e| view! { <p class="field-error" data-testid="push-error">{e}</p> })}
            {may_push.then(|| view! {
                <div class="actions">
                    {running.then(|| view! {
                        <button type="button" class="button" on:click=move |_| { control.dispatch(ControlPush { campaign_id, control: PushControl::Pause }); }>{t.pause}</button>
                    })}
                    {resumable.then(|| view! {
                        <button type="button" class="button" on:click=move |_| { control.dispatch(ControlPush { campaign_id, control: PushControl::Resume }); }>{t.resume}</button>
                    })}
                </div>
            })}
        </section>
    }
    .into_any()
}

/// About how long: seconds under a minute, minutes (rounded up) under an hour, else hours
/// and minutes.
fn duration_words(seconds: i64) -> String {
    let t = &t().leads.push;
    match seconds {
        s if s < 60 => fill(t.seconds, &[&s]),
        s if s < 3600 => fill(t.minutes, &[&((s + 59) / 60)]),
        s => fill(t.hours_minutes, &[&(s / 3600), &((s % 3600) / 60)]),
    }
}

/// A count as the reader groups it: `10 000` in Russian, `10,000` in English.
fn grouped(n: i64) -> String {
    number(current(), n.max(0) as u64)
}

/// "6 256 заданий в минуту, осталось около 2 мин": the pace (with the time left while running).
fn rate_words(rate_per_minute: Option<f64>, seconds_left: Option<i64>, running: bool) -> String {
    let t = &t().leads;
    let Some(rate) = rate_per_minute else { return String::new() };
    let tasks = t.tasks.count(rate.max(0.0).round() as u64);
    match seconds_left {
        Some(left) if running => fill(t.push.rate_and_left, &[&tasks, &duration_words(left)]),
        _ => fill(t.push.rate, &[&tasks]),
    }
}

#[cfg(test)]
mod tests {
    use super::{duration_words, rate_words};
    use crate::i18n::{in_lang, Lang};

    #[test]
    fn the_pace_is_counted_in_tasks_with_the_readers_plural_and_grouping() {
        let ru = |rate: f64| in_lang(Lang::Ru, || rate_words(Some(rate), Some(125), true));
        assert_eq!(ru(6256.4), "6\u{202F}256 заданий в минуту, осталось около 3 мин");
        assert_eq!(ru(1.0), "1 задание в минуту, осталось около 3 мин");
        assert_eq!(ru(22.0), "22 задания в минуту, осталось около 3 мин");
        assert_eq!(in_lang(Lang::En, || rate_words(Some(1.0), Some(5), false)), "1 task per minute");
        assert_eq!(in_lang(Lang::En, || rate_words(Some(6256.0), None, true)), "6,256 tasks per minute");
        assert_eq!(in_lang(Lang::En, || rate_words(None, Some(5), true)), "");
    }

    #[test]
    fn durations_read_in_seconds_minutes_rounded_up_or_hours() {
        in_lang(Lang::En, english_durations);
        assert_eq!(in_lang(Lang::Ru, || duration_words(3725)), "1 ч 2 мин");
    }

    fn english_durations() {
        assert_eq!(duration_words(0), "0 s");
        assert_eq!(duration_words(59), "59 s");
        assert_eq!(duration_words(60), "1 min");
        assert_eq!(duration_words(61), "2 min");
        assert_eq!(duration_words(3599), "60 min");
        assert_eq!(duration_words(3600), "1 h 0 min");
        assert_eq!(duration_words(3725), "1 h 2 min");
    }
}
