//! A campaign's alerts, worked out from what is stored each time they are read: nothing is
//! kept, so an alert is gone as soon as its cause is. `evaluate` is the rule, pure and
//! unit-tested; `of_campaign` reads what it needs.

use std::time::Duration;

use app::api::alerts::*;
use app::api::board::CallOutcome;
use app::api::campaigns::{CampaignForm, CampaignState};
use app::api::leads::PushState;
use app::api::AppError;
use chrono::{TimeZone, Utc};

use crate::campaigns::forecast;
use crate::db::campaigns::{self as campaign_store, CampaignRecord};
use crate::db::{alerts as store, directory, events, tasks, Db};
use crate::error::Doing;

/// Manual 4.4: status 5 is "outbound dialing".
const OUTBOUND_DIALING: i64 = 5;
/// Refused callbacks count for a day.
const REFUSED_CALLBACKS_FOR: i64 = 24 * 3600 * 1000;

/// The thresholds of the alerts that need one.
#[derive(Clone, Copy, Debug)]
pub struct AlertRules {
    /// How long a running campaign may go without an event inside a calling window.
    pub silence: Duration,
}

impl Default for AlertRules {
    fn default() -> Self {
        AlertRules { silence: Duration::from_secs(600) }
    }
}

/// What the rule looks at, read for one campaign.
#[derive(Clone, Debug, Default, PartialEq)]
pub struct Facts {
    /// MANGO says it is running.
    pub running: bool,
    /// The whole of the last `silence` lay inside the campaign's calling windows.
    pub window_open_for_silence: bool,
    /// The later of its last event and its start (Unix ms).
    pub heard_of_at: Option<i64>,
    /// The campaign's operators, and the statuses known of them (`None`: not known).
    pub operator_statuses: Vec<Option<i64>>,
    pub finished_calls: i64,
    /// Finished calls that ended "unavailable" or "no such number".
    pub bad_calls: i64,
    /// The push's reason, when it stopped failed.
    pub push_failed: Option<String>,
    pub refused_callbacks: i64,
}

/// The alerts `facts` call for at `now_ms`.
pub fn evaluate(facts: &Facts, rules: AlertRules, now_ms: i64) -> Vec<Alert> {
    let mut alerts = Vec::new();
    if facts.running {
        let silence_ms = rules.silence.as_millis() as i64;
        if let Some(heard) = facts.heard_of_at {
            if facts.window_open_for_silence && now_ms - heard >= silence_ms {
                alerts.push(Alert::Silent { minutes: (now_ms - heard) / 60_000 });
            }
        }
        // Only when every operator's status is known: an unknown one may be dialing.
        let statuses = &facts.operator_statuses;
        if !statuses.is_empty()
            && statuses.iter().all(Option::is_some)
            && !statuses.contains(&Some(OUTBOUND_DIALING))
        {
            alerts.push(Alert::NoOperatorDialing { operators: statuses.len() as i64 });
        }
    }
    // While it runs: a stopped campaign's list is history, not something to act on now.
    if facts.running
        && facts.finished_calls >= BAD_LIST_MIN_CALLS
        && facts.bad_calls * 100 > BAD_LIST_PERCENT * facts.finished_calls
    {
        alerts.push(Alert::BadList {
            percent: facts.bad_calls * 100 / facts.finished_calls,
            bad: facts.bad_calls,
            calls: facts.finished_calls,
        });
    }
    if let Some(reason) = &facts.push_failed {
        alerts.push(Alert::PushFailed { reason: reason.clone() });
    }
    if facts.refused_callbacks > 0 {
        alerts.push(Alert::CallbacksRefused { count: facts.refused_callbacks });
    }
    alerts
}

/// Reads the facts of one campaign.
pub async fn facts(
    db: &Db,
    campaign: &CampaignRecord,
    rules: AlertRules,
    now_ms: i64,
) -> Result<Facts, AppError> {
    let mut facts = Facts { running: campaign.state == CampaignState::Running, ..Facts::default() };
    let form: Option<CampaignForm> = serde_json::from_str(&campaign.form).ok();
    if let Some(mango_id) = campaign.mango_campaign_id {
        if facts.running {
            let (_, last_event) =
                events::campaign_event_stats(db, mango_id).await.doing("read the alerts")?;
            facts.heard_of_at = last_event.max(campaign.started_at).or(Some(campaign.updated_at));
            if let Some(form) = &form {
                let zone: chrono_tz::Tz = form.timezone.parse().unwrap_or(chrono_tz::Europe::Moscow);
                let silence_ms = rules.silence.as_millis() as i64;
                let (from, until) =
                    (Utc.timestamp_millis_opt(now_ms - silence_ms), Utc.timestamp_millis_opt(now_ms));
                if let (Some(from), Some(until)) = (from.single(), until.single()) {
                    let open = forecast::schedule_minutes(&form.schedule, zone, from, until);
                    facts.window_open_for_silence = open >= silence_ms / 60_000;
                }
                let statuses = directory::operators(db).await.doing("read the alerts")?;
                facts.operator_statuses = form
                    .operators
                    .iter()
                    .map(|id| statuses.iter().find(|o| o.user_id == *id).and_then(|o| o.cc_status))
                    .collect();
            }
        }
        let counts = if facts.running {
            store::outcome_counts(db, mango_id).await.doing("read the alerts")?
        } else {
            Vec::new()
        };
        for (outcome, count) in counts {
            match CallOutcome::from_key(&outcome) {
                Some(CallOutcome::InProgress) | None => {}
                Some(CallOutcome::Unavailable | CallOutcome::NoSuchNumber) => {
                    facts.finished_calls += count;
                    facts.bad_calls += count;
                }
                Some(_) => facts.finished_calls += count,
            }
        }
    }
    if let Some(job) = tasks::job(db, campaign.id).await.doing("read the alerts")? {
        if job.state == PushState::Failed {
            facts.push_failed = Some(job.last_error.unwrap_or_default());
        }
    }
    facts.refused_callbacks = store::refused_callbacks(db, campaign.id, now_ms - REFUSED_CALLBACKS_FOR)
        .await
        .doing("read the alerts")?;
    Ok(facts)
}

/// One campaign's alerts now.
pub async fn of_campaign(
    db: &Db,
    campaign: &CampaignRecord,
    rules: AlertRules,
) -> Result<Vec<Alert>, AppError> {
    let now = crate::db::now_ms();
    Ok(evaluate(&facts(db, campaign, rules, now).await?, rules, now))
}

/// Every campaign that has alerts now, newest first.
pub async fn all(db: &Db, rules: AlertRules) -> Result<Vec<CampaignAlerts>, AppError> {
    let mut out = Vec::new();
    for campaign in campaign_store::list(db).await.doing("read the alerts")? {
        if matches!(campaign.state, CampaignState::Draft | CampaignState::Deleted | CampaignState::Deleting) {
            continue;
        }
        let alerts = of_campaign(db, &campaign, rules).await?;
        if !alerts.is_empty() {
            out.push(CampaignAlerts { campaign_id: campaign.id, campaign_name: campaign.name, alerts });
        }
    }
    Ok(out)
}

#[cfg(test)]
mod tests {
    use super::*;

    const NOW: i64 = 1_800_000_000_000;
    const MINUTE: i64 = 60_000;

    fn running() -> Facts {
        Facts {
            running: true,
            window_open_for_silence: true,
            heard_of_at: Some(NOW - MINUTE),
            operator_statuses: vec![Some(5), Some(3)],
            ..Facts::default()
        }
    }

    fn keys(facts: &Facts) -> Vec<&'static str> {
        evaluate(facts, AlertRules::default(), NOW).iter().map(Alert::key).collect::<Vec<_>>()
    }

    #[test]
    fn a_running_campaign_that_is_heard_from_has_no_alert() {
        assert!(keys(&running()).is_empty());
    }

    #[test]
    fn silence_counts_only_inside_a_calling_window_of_a_running_campaign() {
        let silent = Facts { heard_of_at: Some(NOW - 11 * MINUTE), ..running() };
        assert_eq!(evaluate(&silent, AlertRules::default(), NOW), [Alert::Silent { minutes: 11 }]);
        assert!(
            keys(&Facts { heard_of_at: Some(NOW - 10 * MINUTE + 1), ..silent.clone() }).is_empty(),
            "under 10 min"
        );
        assert!(
            keys(&Facts { window_open_for_silence: false, ..silent.clone() }).is_empty(),
            "outside the windows"
        );
        assert!(keys(&Facts { running: false, ..silent }).is_empty(), "stopped");
    }

    #[test]
    fn no_operator_dialing_needs_every_status_known() {
        let on_break = Facts { operator_statuses: vec![Some(3), Some(1)], ..running() };
        assert_eq!(
            evaluate(&on_break, AlertRules::default(), NOW),
            [Alert::NoOperatorDialing { operators: 2 }]
        );
        assert!(
            keys(&Facts { operator_statuses: vec![Some(3), None], ..running() }).is_empty(),
            "one unknown"
        );
        assert!(keys(&Facts { operator_statuses: vec![], ..running() }).is_empty(), "no operators known");
    }

    #[test]
    fn a_bad_list_is_above_thirty_percent_of_at_least_twenty_calls() {
        let bad = |bad, calls| Facts { bad_calls: bad, finished_calls: calls, ..running() };
        assert_eq!(keys(&bad(6, 20)), Vec::<&str>::new(), "30% is not above 30%");
        assert_eq!(
            evaluate(&bad(7, 20), AlertRules::default(), NOW),
            [Alert::BadList { percent: 35, bad: 7, calls: 20 }]
        );
        assert!(keys(&bad(19, 19)).is_empty(), "too few calls to say");
        assert!(keys(&Facts { running: false, ..bad(40, 100) }).is_empty(), "history once it stopped");
    }

    #[test]
    fn a_failed_push_and_refused_callbacks_are_each_an_alert() {
        let facts = Facts { push_failed: Some("5107".into()), refused_callbacks: 2, ..Facts::default() };
        assert_eq!(
            evaluate(&facts, AlertRules::default(), NOW),
            [Alert::PushFailed { reason: "5107".into() }, Alert::CallbacksRefused { count: 2 }]
        );
    }
}
