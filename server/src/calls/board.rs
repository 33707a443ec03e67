//! A campaign's live board: MANGO's own task counts (polled) and what the events say about
//! every call — by outcome, by operator, and the latest calls.

use std::collections::{BTreeMap, HashMap};

use app::api::board::*;
use app::api::AppError;
use app::i18n::{fill, t};
use chrono_tz::Tz;

use crate::calls::alerts::{self, AlertRules};
use crate::calls::outcome;
use crate::db::campaigns::{self as campaign_store, CampaignRecord};
use crate::db::directory::{self, OperatorRecord};
use crate::db::events::{self, CallRow};
use crate::db::{tasks, Db};
use crate::error::Doing;
use crate::mango::status;
use crate::time_format;

const FEED_LENGTH: usize = 20;

pub async fn board(db: &Db, campaign_id: i64, zone: Tz, rules: AlertRules) -> Result<BoardView, AppError> {
    Ok(read(db, campaign_id, rules).await?.tally(zone))
}

/// Everything the board is made of, read; [`BoardRead::tally`] lays it out in the current
/// language (the live stream reads in Tokio and lays out in the reader's language).
pub async fn read(db: &Db, campaign_id: i64, rules: AlertRules) -> Result<BoardRead, AppError> {
    let campaign = campaign_store::get(db, campaign_id)
        .await
        .doing("read the board")?
        .ok_or_else(|| AppError::NotFound(fill(t().leads.file.no_campaign, &[&campaign_id])))?;
    let calls = match campaign.mango_campaign_id {
        Some(mango_id) => events::calls_of_campaign(db, mango_id).await.doing("read the board")?,
        None => Vec::new(),
    };
    let (events_received, last_event_ms) = match campaign.mango_campaign_id {
        Some(mango_id) => events::campaign_event_stats(db, mango_id).await.doing("read the board")?,
        None => (0, None),
    };
    let queued =
        tasks::count_not_called(db, campaign_id, campaign.mango_campaign_id).await.doing("read the board")?;
    let lead_names: HashMap<i64, String> = events::lead_names(db, campaign_id)
        .await
        .doing("read the board")?
        .into_iter()
        .map(|(task, _, name)| (task, name))
        .collect();
    let operators = directory::operators(db).await.doing("read the board")?;
    let alerts = alerts::of_campaign(db, &campaign, rules).await?;
    let tasks_total = tasks::counts(db, campaign_id).await.doing("read the board")?.total();
    let pace = crate::campaigns::outlook::pace(&campaign, &calls, tasks_total, queued, chrono::Utc::now());
    let listed_waiting = crate::db::do_not_call::waiting_tasks(db, campaign_id, campaign.mango_campaign_id)
        .await
        .doing("read the board")?;
    // The playable recordings of the calls the feed shows only: this runs on every redraw of a
    // live board.
    let feed: Vec<&str> = calls.iter().take(FEED_LENGTH).map(|c| c.entry_id.as_str()).collect();
    let recordings = crate::db::recordings::of_calls(db, &feed)
        .await
        .doing("read the board")?
        .into_iter()
        .filter(|r| {
            crate::calls::recordings::status(&r.state, r.completion_code, r.recipient.as_deref()).playable()
        })
        .map(|r| (r.entry_id, r.id))
        .collect();
    Ok(BoardRead {
        campaign,
        calls,
        queued,
        lead_names,
        operators,
        events_received,
        last_event_ms,
        recordings,
        listed_waiting,
        alerts,
        pace,
    })
}

/// Everything the board is made of, as read.
pub struct BoardRead {
    campaign: CampaignRecord,
    /// The campaign's calls, newest first.
    calls: Vec<CallRow>,
    /// Our tasks no call has dialled yet.
    queued: i64,
    /// Lead names by MANGO task id.
    lead_names: HashMap<i64, String>,
    operators: Vec<OperatorRecord>,
    events_received: i64,
    last_event_ms: Option<i64>,
    /// The playable recording of each call group that has one (our recording id).
    recordings: HashMap<String, i64>,
    /// The campaign's tasks on the do-not-call list that MANGO may still dial.
    listed_waiting: Vec<crate::db::do_not_call::WaitingTask>,
    alerts: Vec<app::api::alerts::Alert>,
    pace: Option<app::api::forecast::PaceForecast>,
}

impl BoardRead {
    /// The board, in the current language, times in `zone`.
    pub fn tally(&self, zone: Tz) -> BoardView {
        tally(self, zone)
    }
}

/// The board from what was read: calls counted by outcome (with MANGO's end codes), by
/// operator, over time, and the latest of them; times in `zone`.
fn tally(read: &BoardRead, zone: Tz) -> BoardView {
    let BoardRead {
        campaign,
        calls,
        queued,
        lead_names: names,
        operators,
        events_received,
        last_event_ms,
        recordings,
        listed_waiting,
        alerts,
        pace,
    } = read;
    let ext = |extension: &str| fill(t().board.ext, &[&extension]);
    let by_extension: HashMap<&str, &OperatorRecord> =
        operators.iter().filter_map(|o| o.extension.as_deref().map(|e| (e, o))).collect();

    let mut counts: BTreeMap<CallOutcome, i64> = BTreeMap::new();
    let mut reasons: BTreeMap<CallOutcome, BTreeMap<i64, i64>> = BTreeMap::new();
    let mut per_operator: BTreeMap<String, (i64, i64, i64)> = BTreeMap::new();
    for call in calls {
        let outcome = call.outcome;
        *counts.entry(outcome).or_default() += 1;
        if let Some(code) = call.disconnect_reason {
            *reasons.entry(outcome).or_default().entry(code).or_default() += 1;
        }
        if let Some(extension) = &call.operator_extension {
            let entry = per_operator.entry(extension.clone()).or_default();
            entry.0 += 1;
            if outcome == CallOutcome::Talked {
                entry.1 += 1;
            }
            entry.2 += call.talk_seconds.unwrap_or(0);
        }
    }
    let outcomes = CallOutcome::ALL
        .into_iter()
        .map(|outcome| OutcomeCount {
            outcome,
            label: outcome.label().to_string(),
            count: counts.get(&outcome).copied().unwrap_or(0),
            reasons: reasons
                .get(&outcome)
                .map(|by_code| {
                    by_code
                        .iter()
                        .map(|(code, n)| format!("{} ({n})", outcome::end_code_words(*code)))
                        .collect()
                })
                .unwrap_or_default(),
        })
        .collect();
    let operators = per_operator
        .into_iter()
        .map(|(extension, (calls, talks, talk_seconds))| {
            let known = by_extension.get(extension.as_str());
            OperatorRow {
                name: known.map(|o| o.name.clone()).unwrap_or_else(|| ext(&extension)),
                extension,
                calls,
                talks,
                talk_seconds,
                status: known
                    .and_then(|o| o.cc_status)
                    .and_then(status::cc_status_from_code)
                    .map(|s| s.label().to_string()),
            }
        })
        .collect();
    let feed = calls
        .iter()
        .take(FEED_LENGTH)
        .map(|call| FeedCall {
            call_key: call.call_key.clone(),
            number: call.number.clone().unwrap_or_default(),
            lead_name: call.mango_task_id.and_then(|t| names.get(&t).cloned()),
            operator: call
                .operator_extension
                .as_deref()
                .map(|e| by_extension.get(e).map(|o| o.name.clone()).unwrap_or_else(|| ext(e))),
            outcome: call.outcome,
            reason: call.disconnect_reason.map(outcome::end_code_words),
            talk_seconds: call.talk_seconds.unwrap_or(0),
            at: call
                .appeared_at
                .map(|s| time_format::local(s.saturating_mul(1000), zone))
                .unwrap_or_default(),
            recording: recordings.get(&call.entry_id).copied(),
        })
        .collect();
    BoardView {
        campaign_id: campaign.id,
        timeline: timeline(calls, zone),
        campaign_name: campaign.name.clone(),
        state_label: campaign.state.label(),
        tasks_total: campaign.tasks_count,
        tasks_finished: campaign.finished_tasks_count,
        calls: calls.len() as i64,
        queued: *queued,
        outcomes,
        operators,
        feed,
        events_received: *events_received,
        last_event_at: last_event_ms.map(|ms| time_format::local(ms, zone)),
        do_not_call_waiting: listed_waiting
            .iter()
            .map(|task| {
                let by = task.added_by_name.clone().unwrap_or_else(|| t().do_not_call.nobody.to_string());
                let since = time_format::local(task.added_at, zone);
                fill(t().do_not_call.board_item, &[&task.name, &task.number, &since, &by])
            })
            .collect(),
        alerts: alerts.clone(),
        pace: pace.clone(),
    }
}

/// Finished calls by when they ended, in up to `TIME_BUCKETS` equal stretches (a minute at least).
fn timeline(calls: &[CallRow], zone: Tz) -> Vec<TimeBucket> {
    let ended: Vec<(i64, CallOutcome)> = calls
        .iter()
        .filter(|c| c.outcome != CallOutcome::InProgress)
        .filter_map(|c| Some((c.ended_at.or(c.appeared_at)?, c.outcome)))
        .collect();
    let (Some(first), Some(last)) = (ended.iter().map(|e| e.0).min(), ended.iter().map(|e| e.0).max()) else {
        return Vec::new();
    };
    // MANGO's timestamps are taken as sent (any i64): the arithmetic is done in i128 so that
    // a hostile or broken one cannot overflow.
    let span = i128::from(last) - i128::from(first);
    let width = (span / i128::from(TIME_BUCKETS) + 1).max(60);
    let buckets = (span / width + 1) as usize;
    let mut counts: Vec<BTreeMap<CallOutcome, i64>> = vec![BTreeMap::new(); buckets];
    for (at, outcome) in ended {
        *counts[((i128::from(at) - i128::from(first)) / width) as usize].entry(outcome).or_default() += 1;
    }
    counts
        .into_iter()
        .enumerate()
        .map(|(i, by_outcome)| TimeBucket {
            label: time_format::local(
                i64::try_from((i128::from(first) + i as i128 * width) * 1000).unwrap_or(i64::MAX),
                zone,
            )
            .split(' ')
            .nth(1)
            .unwrap_or_default()
            .chars()
            .take(5)
            .collect(),
            counts: by_outcome.into_iter().collect(),
        })
        .collect()
}

#[cfg(test)]
mod tests {
    use app::api::campaigns::CampaignState;

    use super::*;
    use crate::calls::outcome::tests::call;

    /// 2023-11-14 22:13:20 UTC.
    const T0: i64 = 1_700_000_000;

    fn campaign() -> CampaignRecord {
        CampaignRecord {
            id: 3,
            name: "Весна".into(),
            state: CampaignState::Running,
            form: "{}".into(),
            sent_schedule: None,
            mango_campaign_id: Some(7),
            status_reason_code: None,
            tasks_count: Some(10),
            finished_tasks_count: Some(4),
            author_id: 1,
            author: "Марина".into(),
            created_at: 0,
            updated_at: 0,
            created_in_mango_at: None,
            started_at: None,
            synced_at: None,
            sync_error: None,
        }
    }

    fn operator(extension: &str, name: &str) -> OperatorRecord {
        OperatorRecord {
            user_id: 400100101,
            name: name.into(),
            extension: Some(extension.into()),
            department: None,
            position: None,
            uses_cc_status: false,
            cc_status: None,
            cc_status_at: None,
            fetched_at: 0,
        }
    }

    fn read() -> BoardRead {
        let on =
            |extension: &str, row: CallRow| CallRow { operator_extension: Some(extension.into()), ..row };
        let busy = |row: CallRow| CallRow { disconnect_reason: Some(1121), ..row };
        BoardRead {
            campaign: campaign(),
            // Newest first, as `calls_of_campaign` reads them.
            calls: vec![
                CallRow {
                    ended_at: None,
                    ..on("102", call("d", "79160000004", T0 + 180, CallOutcome::InProgress))
                },
                busy(call("c", "79160000003", T0 + 120, CallOutcome::Busy)),
                busy(on("101", call("b", "79160000002", T0 + 60, CallOutcome::Busy))),
                CallRow {
                    talk_seconds: Some(60),
                    mango_task_id: Some(55),
                    ..on("101", call("a", "79160000001", T0, CallOutcome::Talked))
                },
            ],
            queued: 6,
            lead_names: HashMap::from([(55, "Анна Смирнова".to_string())]),
            operators: vec![operator("101", "Пётр")],
            events_received: 9,
            last_event_ms: Some(T0 * 1000),
            recordings: HashMap::from([("a".to_string(), 7)]),
            listed_waiting: Vec::new(),
            alerts: Vec::new(),
            pace: None,
        }
    }

    #[test]
    fn calls_are_counted_by_outcome_with_their_end_codes() {
        let board = app::i18n::in_lang(app::i18n::Lang::En, || tally(&read(), chrono_tz::UTC));
        assert_eq!((board.calls, board.queued, board.tasks_total), (4, 6, Some(10)));
        assert_eq!(board.state_label, "Running");
        let count = |outcome| board.outcomes.iter().find(|o| o.outcome == outcome).unwrap();
        assert_eq!(board.outcomes.len(), CallOutcome::ALL.len(), "every outcome, zero or not");
        assert_eq!(count(CallOutcome::Talked).count, 1);
        assert_eq!(count(CallOutcome::Busy).count, 2);
        assert_eq!(count(CallOutcome::Busy).reasons, ["1121 Remote side answered \"busy\" (2)"]);
        assert_eq!(count(CallOutcome::InProgress).count, 1);
        assert_eq!(count(CallOutcome::NoAnswer).count, 0);
        assert_eq!(board.last_event_at.as_deref(), Some("2023-11-14 22:13:20 UTC"));
    }

    #[test]
    fn operators_and_the_feed_name_who_took_the_calls() {
        let board = app::i18n::in_lang(app::i18n::Lang::En, || tally(&read(), chrono_tz::UTC));
        let operators: Vec<(&str, &str, i64, i64, i64)> = board
            .operators
            .iter()
            .map(|o| (o.name.as_str(), o.extension.as_str(), o.calls, o.talks, o.talk_seconds))
            .collect();
        assert_eq!(operators, [("Пётр", "101", 2, 1, 60), ("ext. 102", "102", 1, 0, 0)]);
        let feed: Vec<&str> = board.feed.iter().map(|c| c.call_key.as_str()).collect();
        assert_eq!(feed, ["d", "c", "b", "a"], "newest first");
        let talked = &board.feed[3];
        assert_eq!(talked.lead_name.as_deref(), Some("Анна Смирнова"));
        assert_eq!(talked.operator.as_deref(), Some("Пётр"));
        assert_eq!((talked.talk_seconds, talked.at.as_str()), (60, "2023-11-14 22:13:20 UTC"));
        assert_eq!((talked.recording, board.feed[1].recording), (Some(7), None), "by the call group");
        assert_eq!(board.feed[1].reason.as_deref(), Some("1121 Remote side answered \"busy\""));
        assert_eq!(board.feed[1].operator, None);
        let board = app::i18n::in_lang(app::i18n::Lang::Ru, || tally(&read(), chrono_tz::UTC));
        assert_eq!(board.operators[1].name, "доб. 102");
        assert_eq!(
            board.feed[1].reason.as_deref(),
            Some("1121 Получен ответ \"занято\" от удаленной стороны")
        );
        assert_eq!(board.outcomes[0].label, "Разговор состоялся");
    }

    #[test]
    fn the_timeline_counts_finished_calls_by_the_minute() {
        let board = tally(&read(), chrono_tz::UTC);
        let timeline: Vec<(&str, Vec<(CallOutcome, i64)>)> =
            board.timeline.iter().map(|b| (b.label.as_str(), b.counts.clone())).collect();
        // Ended at +30 s, +90 s and +150 s: three one-minute stretches; the call in progress is not in it.
        assert_eq!(
            timeline,
            [
                ("22:13", vec![(CallOutcome::Talked, 1)]),
                ("22:14", vec![(CallOutcome::Busy, 1)]),
                ("22:15", vec![(CallOutcome::Busy, 1)]),
            ]
        );
        assert!(tally(&BoardRead { calls: Vec::new(), ..read() }, chrono_tz::UTC).timeline.is_empty());
    }
}
