//! The forecast read from what is stored: the campaign page's "needs about 31 h of calling;
//! the schedule has 24 h before the end date", and the board's "done about Thu 14:00". The
//! arithmetic is `forecast`'s; this module only gathers its inputs.

use app::api::board::CallOutcome;
use app::api::campaigns::{CampaignForm, CampaignState};
use app::api::forecast::*;
use app::api::schedule::{local_to_utc, parse_local, weekday_short};
use app::api::zone::Zone;
use app::api::AppError;
use chrono::{DateTime, Datelike, TimeZone, Utc};
use chrono_tz::Tz;

use super::forecast::{self, OutcomeMix, Redials};
use crate::db::campaigns::CampaignRecord;
use crate::db::events::CallRow;
use crate::db::{directory, forecast as store, tasks, Db};
use crate::error::Doing;

/// How far back this installation's calls teach the forecast.
const HISTORY_DAYS: i64 = 90;
/// Manual 4.4: status 5 is "outbound dialing".
const OUTBOUND_DIALING: i64 = 5;
/// The board's pace needs this many finished calls and minutes of calling before it says
/// anything.
const PACE_MIN_CALLS: usize = 20;
const PACE_MIN_MINUTES: i64 = 10;
/// The board looks this far ahead for the end.
const PACE_HORIZON_DAYS: u32 = 60;

fn zone_of(form: &CampaignForm) -> Tz {
    form.timezone.parse().unwrap_or(chrono_tz::Europe::Moscow)
}

fn redials(form: &CampaignForm) -> Redials {
    Redials {
        busy: form.redial_if_busy,
        no_answer: form.redial_if_no_answer,
        unavailable: form.redial_if_unavailable,
    }
}

/// Counts by outcome as the mix takes them: answered, busy, no answer, unavailable, other.
fn mix_of<'a>(counts: impl Iterator<Item = (CallOutcome, i64)> + 'a) -> (Option<OutcomeMix>, i64) {
    let mut by = [0u64; 5];
    for (outcome, count) in counts {
        let slot = match outcome {
            CallOutcome::InProgress => continue,
            CallOutcome::Talked => 0,
            CallOutcome::Busy => 1,
            CallOutcome::NoAnswer => 2,
            CallOutcome::Unavailable => 3,
            CallOutcome::NoSuchNumber | CallOutcome::OperatorSide | CallOutcome::Failed => 4,
        };
        by[slot] += count.max(0) as u64;
    }
    let total = by.iter().sum::<u64>() as i64;
    (OutcomeMix::from_counts(by[0], by[1], by[2], by[3], by[4]), total)
}

/// This installation's outcome mix, or the default.
async fn installation_mix(db: &Db, now: DateTime<Utc>) -> Result<(OutcomeMix, Basis), AppError> {
    let since = now.timestamp() - HISTORY_DAYS * 86_400;
    let counts = store::outcomes_since(db, since).await.doing("read the forecast")?;
    let (mix, calls) = mix_of(counts.iter().filter_map(|(key, n)| Some((CallOutcome::from_key(key)?, *n))));
    Ok(match mix {
        Some(mix) => (mix, Basis::History { calls }),
        None => (OutcomeMix::DEFAULT, Basis::Assumed),
    })
}

/// The UTC instant of a campaign's `YYYY-MM-DDTHH:MM` in its zone.
fn instant(zone: &str, local: &str) -> Option<DateTime<Utc>> {
    let zone = Zone::parse(zone)?;
    let utc = local_to_utc(&zone, parse_local(local)?).ok()?;
    Some(Utc.from_utc_datetime(&utc))
}

/// The forecast of a campaign not running and not over; `None` for the others.
pub async fn campaign_forecast(
    db: &Db,
    campaign: &CampaignRecord,
    form: &CampaignForm,
    now: DateTime<Utc>,
) -> Result<Option<CampaignForecast>, AppError> {
    use CampaignState::*;
    if !matches!(campaign.state, Draft | Ready | Scheduled | Stopped) {
        return Ok(None);
    }
    let leads = tasks::counts(db, campaign.id).await.doing("read the forecast")?.total();
    let (mix, mix_basis) = installation_mix(db, now).await?;
    let attempts_per_lead = forecast::expected_attempts_per_lead(redials(form), mix);
    let statuses = directory::operators(db).await.doing("read the forecast")?;
    let known: Vec<Option<i64>> = form
        .operators
        .iter()
        .map(|id| statuses.iter().find(|o| o.user_id == *id).and_then(|o| o.cc_status))
        .collect();
    let operators_dialing_known = !known.is_empty() && known.iter().all(Option::is_some);
    let operators = if operators_dialing_known {
        known.iter().filter(|s| **s == Some(OUTBOUND_DIALING)).count()
    } else {
        form.operators.len()
    };
    let since = now.timestamp() - HISTORY_DAYS * 86_400;
    let (calls, operator_hours) = store::operator_hours_since(db, since).await.doing("read the forecast")?;
    let (calls_per_operator_hour, rate) =
        if calls >= forecast::MIN_ATTEMPTS_FOR_MIX as i64 && operator_hours > 0 {
            (calls as f64 / operator_hours as f64, Basis::History { calls })
        } else {
            (DEFAULT_CALLS_PER_OPERATOR_HOUR, Basis::Assumed)
        };
    let capacity =
        forecast::capacity_per_hour(operators as u32, form.call_coefficient_tenths, calls_per_operator_hour);
    let attempts = attempts_per_lead * leads as f64;
    let zone = zone_of(form);
    let from = instant(&form.timezone, &form.start_local).filter(|start| *start > now).unwrap_or(now);
    let hours_available = instant(&form.timezone, &form.end_local)
        .map(|end| forecast::schedule_minutes(&form.schedule, zone, from, end) as f64 / 60.0);
    let hours_needed = if attempts <= 0.0 {
        0.0
    } else if capacity > 0.0 {
        attempts / capacity
    } else {
        f64::INFINITY
    };
    Ok(Some(CampaignForecast {
        leads,
        attempts,
        attempts_per_lead,
        mix: mix_basis,
        operators: operators as i64,
        operators_dialing_known,
        coefficient_tenths: form.call_coefficient_tenths,
        calls_per_operator_hour,
        rate,
        capacity_per_hour: capacity,
        hours_needed,
        hours_available,
    }))
}

/// "Чт 03.12 14:00": a weekday and a time in the campaign's zone.
fn when_text(at: DateTime<Utc>, zone: Tz) -> String {
    let local = at.with_timezone(&zone);
    format!(
        "{} {}",
        weekday_short(local.weekday().num_days_from_monday() as usize),
        local.format("%d.%m %H:%M")
    )
}

/// When a running campaign will be done at the pace so far: its attempts per hour of calling
/// since it started, and the attempts its leads still need. `None` without a basis.
pub fn pace(
    campaign: &CampaignRecord,
    calls: &[CallRow],
    tasks_total: i64,
    not_called: i64,
    now: DateTime<Utc>,
) -> Option<PaceForecast> {
    if campaign.state != CampaignState::Running {
        return None;
    }
    let form: CampaignForm = serde_json::from_str(&campaign.form).ok()?;
    let started = Utc.timestamp_millis_opt(campaign.started_at?).single()?;
    let finished: Vec<&CallRow> = calls.iter().filter(|c| c.outcome != CallOutcome::InProgress).collect();
    let zone = zone_of(&form);
    let minutes = forecast::schedule_minutes(&form.schedule, zone, started, now);
    if finished.len() < PACE_MIN_CALLS || minutes < PACE_MIN_MINUTES {
        return None;
    }
    let per_hour = finished.len() as f64 / (minutes as f64 / 60.0);
    let (mix, _) = mix_of(finished.iter().map(|c| (c.outcome, 1)));
    let expected = forecast::expected_attempts(
        tasks_total.max(0) as u64,
        redials(&form),
        mix.unwrap_or(OutcomeMix::DEFAULT),
    );
    let left = (expected - finished.len() as f64).max(not_called as f64).max(0.0);
    let done = forecast::finish_at(&form.schedule, zone, now, left, per_hour, PACE_HORIZON_DAYS)?;
    Some(PaceForecast {
        done_at: when_text(done, zone),
        attempts_per_hour: per_hour,
        attempts_left: left.round() as i64,
    })
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn outcomes_map_onto_the_mix_and_too_few_give_none() {
        let counts = [
            (CallOutcome::Talked, 20),
            (CallOutcome::Busy, 10),
            (CallOutcome::NoAnswer, 10),
            (CallOutcome::Unavailable, 5),
            (CallOutcome::NoSuchNumber, 3),
            (CallOutcome::Failed, 2),
            (CallOutcome::InProgress, 40),
        ];
        let (mix, calls) = mix_of(counts.into_iter());
        assert_eq!(calls, 50, "calls in progress are not counted");
        let mix = mix.unwrap();
        assert!((mix.answered - 0.4).abs() < 1e-9 && (mix.busy - 0.2).abs() < 1e-9, "{mix:?}");
        assert!((mix.unavailable - 0.1).abs() < 1e-9 && (mix.other() - 0.1).abs() < 1e-9, "{mix:?}");
        assert_eq!(mix_of([(CallOutcome::Talked, 49)].into_iter()).0, None);
    }

    #[test]
    fn the_end_reads_as_a_weekday_and_a_time_in_the_campaigns_zone() {
        let at = Utc.with_ymd_and_hms(2026, 12, 3, 11, 0, 0).unwrap();
        let text = app::i18n::in_lang(app::i18n::Lang::Ru, || when_text(at, chrono_tz::Europe::Moscow));
        assert_eq!(text, "Чт 03.12 14:00");
    }

    fn running(started_at: i64) -> CampaignRecord {
        let day = serde_json::json!([{"start": 0, "end": 1440}]);
        let form = serde_json::json!({
            "name": "Весна", "line_id": 1, "author_user_id": null, "priority": "Normal", "dial_mode": "Simultaneous",
            "timezone": "Europe/Moscow", "start_local": "", "end_local": "",
            "schedule": {"days": [day, day, day, day, day, day, day]}, "operators": [1],
            "voice_message_id": null, "hold_message_id": null, "redial_if_busy": 0, "redial_if_no_answer": 0,
            "redial_if_unavailable": 0, "answer_wait_seconds": 30, "call_coefficient_tenths": 10,
            "wait_if_busy_seconds": 300, "wait_if_no_answer_seconds": 3600, "wait_if_unavailable_seconds": 3600,
            "after_call_seconds": 30});
        CampaignRecord {
            id: 1,
            name: "Весна".into(),
            state: CampaignState::Running,
            form: form.to_string(),
            sent_schedule: None,
            mango_campaign_id: Some(7),
            status_reason_code: None,
            tasks_count: None,
            finished_tasks_count: None,
            author_id: 1,
            author: "admin".into(),
            created_at: 0,
            updated_at: 0,
            created_in_mango_at: None,
            started_at: Some(started_at),
            synced_at: None,
            sync_error: None,
        }
    }

    #[test]
    fn the_pace_so_far_gives_the_end_and_needs_a_basis() {
        use crate::calls::outcome::tests::call;
        let now = Utc.with_ymd_and_hms(2026, 12, 3, 9, 0, 0).unwrap();
        let started = now.timestamp_millis() - 2 * 3_600_000;
        // 40 finished calls in 2 h of round-the-clock calling: 20 an hour.
        let calls: Vec<CallRow> = (0..40)
            .map(|i| {
                let outcome = if i % 2 == 0 { CallOutcome::Talked } else { CallOutcome::Busy };
                call(&format!("c{i}"), "79160000000", now.timestamp() - 60 * i, outcome)
            })
            .collect();
        // No redials: 100 leads need 100 attempts, 60 are left, 3 hours at 20 an hour.
        let pace = app::i18n::in_lang(app::i18n::Lang::Ru, || pace(&running(started), &calls, 100, 50, now))
            .unwrap();
        assert_eq!(pace.attempts_left, 60);
        assert!((pace.attempts_per_hour - 20.0).abs() < 1e-9, "{pace:?}");
        assert_eq!(pace.done_at, "Чт 03.12 15:00", "09:00 UTC is 12:00 in Moscow, plus 3 h");
        // More leads never called than attempts expected left: those count.
        let pace = pace_of(&running(started), &calls, 100, 80, now).unwrap();
        assert_eq!(pace.attempts_left, 80);
        // No basis: too few calls, or too little calling time, or not running.
        assert_eq!(pace_of(&running(started), &calls[..19], 100, 50, now), None);
        assert_eq!(pace_of(&running(now.timestamp_millis() - 5 * 60_000), &calls, 100, 50, now), None);
        let stopped = CampaignRecord { state: CampaignState::Stopped, ..running(started) };
        assert_eq!(pace_of(&stopped, &calls, 100, 50, now), None);
    }

    fn pace_of(
        campaign: &CampaignRecord,
        calls: &[CallRow],
        total: i64,
        not_called: i64,
        now: DateTime<Utc>,
    ) -> Option<PaceForecast> {
        pace(campaign, calls, total, not_called, now)
    }

    #[test]
    fn a_start_date_is_read_in_the_campaigns_zone() {
        let at = instant("Asia/Vladivostok", "2026-12-01T09:00").unwrap();
        assert_eq!(at, Utc.with_ymd_and_hms(2026, 11, 30, 23, 0, 0).unwrap());
        assert_eq!(instant("Asia/Vladivostok", ""), None);
    }
}
