//! Campaigns on the server: drafts kept in the database, turned into `campaign/add` requests
//! (manual 3.8.4.1), started, stopped and deleted in MANGO (3.8.4.3–3.8.4.5), and their
//! status kept current by polling `campaign` and `campaign/get_list` (3.8.1, 3.8.2).

use std::collections::HashMap;
use std::sync::{Arc, Mutex};
use std::time::Duration;

use app::api::campaign_options::{DialMode as FormDialMode, Priority as FormPriority};
use app::api::campaigns::*;
use app::api::AppError;
use chrono::{NaiveDateTime, TimeZone, Utc};
use chrono_tz::Tz;

use crate::db::campaigns::{self as store, CampaignRecord, StatusUpdate};
use crate::db::Db;
use crate::error::Doing;
use crate::mango::link::MangoLink;
use crate::mango::status::{CampaignStatus, CampaignStatusReason};
use crate::mango::types::{CampaignAddRequest, ClockTime, DialMode, Priority, ScheduleWindow};
use crate::mango::{advice, MangoError};
use crate::time_format;

pub mod forecast;
pub mod outlook;

/// What MANGO's list says about a campaign/add whose answer said nothing.
enum Found {
    One(i64),
    None,
    Unknowable(String),
}

/// A draft whose campaign/add was sent but whose answer was never stored (see
/// `store::mark_add_sent`).
fn add_outcome_unknown(record: &CampaignRecord) -> bool {
    record.state == CampaignState::Draft
        && record.mango_campaign_id.is_none()
        && record.created_in_mango_at.is_some()
}

/// How often campaigns MANGO may change on its own are re-read.
pub const POLL_EVERY: Duration = Duration::from_secs(10);
/// After a stop that answered "stopping": this many re-reads, this far apart.
const STOPPING_REREADS: usize = 3;
const STOPPING_REREAD_PAUSE: Duration = Duration::from_millis(300);

pub struct Campaigns {
    db: Db,
    link: Arc<MangoLink>,
    /// One MANGO action per campaign at a time: a double click must not create it twice.
    locks: Mutex<HashMap<i64, Arc<tokio::sync::Mutex<()>>>>,
}

fn mango_failure(error: &MangoError) -> AppError {
    let (code, description, advice) = advice::explain(error);
    AppError::Mango { code, description, advice }
}

impl Campaigns {
    pub fn new(db: Db, link: Arc<MangoLink>) -> Campaigns {
        Campaigns { db, link, locks: Mutex::new(HashMap::new()) }
    }

    fn lock_for(&self, id: i64) -> Arc<tokio::sync::Mutex<()>> {
        let mut locks = self.locks.lock().unwrap_or_else(|p| p.into_inner());
        locks.entry(id).or_default().clone()
    }

    async fn record(&self, id: i64) -> Result<CampaignRecord, AppError> {
        store::get(&self.db, id).await.doing("read the campaign")?.ok_or_else(|| {
            AppError::NotFound(app::i18n::fill(app::i18n::t().campaigns.server.no_campaign, &[&id]))
        })
    }

    pub async fn list(&self, zone: Tz) -> Result<Vec<CampaignRow>, AppError> {
        let records = store::list(&self.db).await.doing("list the campaigns")?;
        Ok(records.iter().map(|record| row(record, zone)).collect())
    }

    pub async fn detail(&self, id: i64, zone: Tz) -> Result<CampaignDetail, AppError> {
        let record = self.record(id).await?;
        let form = parse_form(&record)?;
        let mango_schedule = match &record.sent_schedule {
            Some(sent) => serde_json::from_str(sent).ok(),
            None => check_campaign(&form).ok(),
        };
        let when = |ms: Option<i64>| ms.map(|ms| time_format::local(ms, zone));
        Ok(CampaignDetail {
            row: row(&record, zone),
            form,
            status_reason: record
                .status_reason_code
                .map(|code| reason_words(CampaignStatusReason::from_code(code))),
            mango_schedule,
            created_in_mango_at: when(
                record.created_in_mango_at.filter(|_| record.mango_campaign_id.is_some()),
            ),
            started_at: when(record.started_at),
            synced_at: when(record.synced_at),
            sync_error: record.sync_error.clone(),
            names: CampaignNames::default(),
        })
    }

    /// Saves a draft after checking it; returns its id.
    pub async fn save(&self, author_id: i64, id: Option<i64>, form: CampaignForm) -> Result<i64, AppError> {
        check_campaign(&form).map_err(AppError::Invalid)?;
        let name = form.name.trim().to_string();
        let json = serde_json::to_string(&form).doing("store the campaign")?;
        match id {
            None => store::insert_draft(&self.db, &name, &json, author_id).await.doing("save the campaign"),
            Some(id) => {
                let record = self.record(id).await?;
                if add_outcome_unknown(&record) {
                    return Err(AppError::Conflict(app::i18n::t().campaigns.server.add_unknown_save.into()));
                }
                if record.state != CampaignState::Draft {
                    return Err(AppError::Conflict(app::i18n::t().campaigns.server.cannot_change.into()));
                }
                if !store::update_draft(&self.db, id, &name, &json).await.doing("save the campaign")? {
                    return Err(AppError::Conflict(app::i18n::t().campaigns.server.sent_meanwhile.into()));
                }
                Ok(id)
            }
        }
    }

    pub async fn duplicate(&self, author_id: i64, id: i64) -> Result<i64, AppError> {
        let record = self.record(id).await?;
        let mut form = parse_form(&record)?;
        form.name = copy_name(&form.name);
        let json = serde_json::to_string(&form).doing("store the campaign")?;
        store::insert_draft(&self.db, &form.name, &json, author_id).await.doing("duplicate the campaign")
    }

    /// Carries out `action` in MANGO (or, for a draft's Delete, discards the draft). Returns a
    /// line for the audit log.
    pub async fn act(
        &self,
        id: i64,
        action: CampaignAction,
        may_delete_in_mango: bool,
    ) -> Result<String, AppError> {
        let lock = self.lock_for(id);
        let _one_action_at_a_time = lock.lock().await;
        let record = self.record(id).await?;
        let state = record.state;
        match (action, record.mango_campaign_id) {
            (CampaignAction::Delete, None) if add_outcome_unknown(&record) => {
                Err(AppError::Conflict(app::i18n::t().campaigns.server.add_unknown_delete.into()))
            }
            (CampaignAction::Delete, None) => {
                store::delete_draft(&self.db, id).await.doing("discard the draft")?;
                Ok(app::i18n::fill(app::i18n::t().audit.details.draft_discarded, &[&record.name]))
            }
            (CampaignAction::Create, None) => self.create_in_mango(&record).await,
            (CampaignAction::Create, Some(mango_id)) => Err(AppError::Conflict(app::i18n::fill(
                app::i18n::t().campaigns.server.already_in_mango,
                &[&mango_id],
            ))),
            (_, None) => Err(AppError::Conflict(app::i18n::t().campaigns.server.create_first.into())),
            (action, Some(mango_id)) => {
                if action == CampaignAction::Delete && !may_delete_in_mango {
                    return Err(AppError::Forbidden(app::api::Permission::DeleteCampaigns.refusal()));
                }
                let allowed = match action {
                    CampaignAction::Start => state.can_start(),
                    CampaignAction::Stop => state.can_stop(),
                    CampaignAction::Delete => state.can_delete(),
                    CampaignAction::Create => false,
                };
                if !allowed {
                    let words = &app::i18n::t().campaigns.server;
                    let text = match action {
                        CampaignAction::Start => words.cannot_start,
                        CampaignAction::Stop => words.cannot_stop,
                        _ => words.cannot_delete,
                    };
                    return Err(AppError::Conflict(app::i18n::fill(text, &[&state.label()])));
                }
                self.change_in_mango(&record, mango_id, action).await
            }
        }
    }

    async fn create_in_mango(&self, record: &CampaignRecord) -> Result<String, AppError> {
        let form = parse_form(record)?;
        let schedule = check_campaign(&form).map_err(AppError::Invalid)?;
        let request = add_request(&form, &schedule)?;
        let connected = self.link.connect().await.doing("set up the MANGO connection")?;
        let client = &connected.client;
        let sent = serde_json::to_string(&schedule).unwrap_or_default();
        if add_outcome_unknown(record) {
            // An earlier campaign/add may have landed (its answer said nothing, or the server
            // stopped before storing it): MANGO's list decides before anything is sent again.
            match self.find_added(client, &request.name).await {
                Found::One(mango_id) => return self.adopt(record, mango_id, &sent).await,
                Found::None => {} // Not in MANGO: adding again creates exactly one.
                Found::Unknowable(why) => return Err(self.uncertain(record, &why).await),
            }
        }
        store::mark_add_sent(&self.db, record.id).await.doing("note the campaign/add")?;
        let added = match client.add_campaign(&request).await {
            Ok(added) => added,
            Err(error) if error.outcome_unknown() => {
                // A lost answer, an HTTP 5xx or an unreadable body: the campaign may exist
                // (manual 2.1.1). Look for it before anyone tries again.
                tracing::warn!(campaign = record.id, %error, "campaign/add outcome unknown");
                return match self.find_added(client, &request.name).await {
                    Found::One(mango_id) => self.adopt(record, mango_id, &sent).await,
                    Found::None => Err(AppError::Conflict(app::i18n::fill(
                        app::i18n::t().campaigns.server.add_not_listed,
                        &[&error, &request.name],
                    ))),
                    Found::Unknowable(why) => Err(self.uncertain(record, &why).await),
                };
            }
            Err(error) => {
                // A refusal: MANGO created nothing.
                let _ = store::clear_add_sent(&self.db, record.id).await;
                return Err(mango_failure(&error));
            }
        };
        store::mark_created(&self.db, record.id, added.campaign_id, &sent)
            .await
            .doing("remember the MANGO campaign")?;
        Ok(app::i18n::fill(app::i18n::t().audit.details.created_in_mango, &[&added.campaign_id]))
    }

    /// MANGO campaigns named `name` that no campaign here stands for yet.
    async fn find_added(&self, client: &crate::mango::MangoClient, name: &str) -> Found {
        let list = match client.campaigns().await {
            Ok(list) => list,
            Err(error) => {
                return Found::Unknowable(app::i18n::fill(
                    app::i18n::t().campaigns.server.list_unreadable,
                    &[&error],
                ))
            }
        };
        let known = match store::known_mango_ids(&self.db).await {
            Ok(known) => known,
            Err(error) => {
                return Found::Unknowable(app::i18n::fill(
                    app::i18n::t().campaigns.server.db_unreadable,
                    &[&error],
                ))
            }
        };
        let candidates: Vec<i64> = list
            .iter()
            .filter(|c| c.name.as_deref() == Some(name) && !known.contains(&c.campaign_id))
            .map(|c| c.campaign_id)
            .collect();
        match candidates[..] {
            [] => Found::None,
            [one] => Found::One(one),
            ref many => Found::Unknowable(app::i18n::fill(
                app::i18n::t().campaigns.server.several_named,
                &[&many.len(), &name, &many.iter().map(|id| id.to_string()).collect::<Vec<_>>().join(", ")],
            )),
        }
    }

    async fn adopt(&self, record: &CampaignRecord, mango_id: i64, sent: &str) -> Result<String, AppError> {
        store::mark_created(&self.db, record.id, mango_id, sent)
            .await
            .doing("remember the MANGO campaign")?;
        Ok(app::i18n::fill(app::i18n::t().audit.details.adopted_from_list, &[&mango_id]))
    }

    /// Whether MANGO created the campaign cannot be told now: said on the campaign and to
    /// the user; nothing is sent until it can.
    async fn uncertain(&self, record: &CampaignRecord, why: &str) -> AppError {
        let text = app::i18n::fill(app::i18n::t().campaigns.server.uncertain, &[&why]);
        let _ = store::set_sync_error(&self.db, record.id, &text).await;
        AppError::Conflict(text)
    }

    async fn change_in_mango(
        &self,
        record: &CampaignRecord,
        mango_id: i64,
        action: CampaignAction,
    ) -> Result<String, AppError> {
        let connected = self.link.connect().await.doing("set up the MANGO connection")?;
        let client = &connected.client;
        let answer = match action {
            CampaignAction::Start => client.start_campaign(mango_id).await,
            CampaignAction::Stop => client.stop_campaign(mango_id).await,
            _ => client.delete_campaign(mango_id).await,
        };
        match answer {
            Ok(answer) => {
                let state = match (action, answer.status) {
                    // Manual 3.8.4.5: a deleted campaign answers 6; MANGO confirmed it.
                    (CampaignAction::Delete, _) => CampaignState::Deleted,
                    (_, Some(status)) => {
                        map_status(status, record.started_at.is_some() || action == CampaignAction::Start)
                    }
                    (CampaignAction::Start, None) => CampaignState::Running,
                    (_, None) => CampaignState::Stopped,
                };
                store::set_status(
                    &self.db,
                    record.id,
                    StatusUpdate {
                        state,
                        status_reason_code: None,
                        tasks_count: None,
                        finished_tasks_count: None,
                        started: action == CampaignAction::Start,
                    },
                )
                .await
                .doing("store the campaign's status")?;
                if action != CampaignAction::Delete {
                    // The full status (with its reason) from `campaign`.
                    let _ = self.sync(record.id, mango_id).await;
                }
                self.settle_stopping(record.id, mango_id).await;
                Ok(app::i18n::fill(
                    app::i18n::t().audit.details.mango_campaign_state,
                    &[&mango_id, &state.label()],
                ))
            }
            Err(error) => {
                // Whatever happened, re-read the status so the page shows where it really is.
                let _ = self.sync(record.id, mango_id).await;
                self.settle_stopping(record.id, mango_id).await;
                Err(mango_failure(&error))
            }
        }
    }

    /// Manual 3.8.2/3.8.4.4: a campaign may read 3 "stopping" before 0 "stopped"; a few
    /// quick re-reads show where it ends (the polling takes over after them).
    async fn settle_stopping(&self, id: i64, mango_id: i64) {
        for _ in 0..STOPPING_REREADS {
            match self.record(id).await {
                Ok(now) if now.state == CampaignState::Stopping => {}
                _ => break,
            }
            tokio::time::sleep(STOPPING_REREAD_PAUSE).await;
            let _ = self.sync(id, mango_id).await;
        }
    }

    /// Re-reads one campaign's status from MANGO (`campaign`, manual 3.8.2).
    pub async fn sync(&self, id: i64, mango_id: i64) -> Result<(), AppError> {
        let connected = match self.link.connect().await {
            Ok(connected) => connected,
            Err(error) => return Err(AppError::Internal(format!("set up the MANGO connection ({error})"))),
        };
        let record = self.record(id).await?;
        match connected.client.campaign(mango_id).await {
            Ok(info) => {
                let state = map_status(info.status, record.started_at.is_some());
                store::set_status(
                    &self.db,
                    id,
                    StatusUpdate {
                        state,
                        // Stored as MANGO's number; each reader sees it in their own words.
                        status_reason_code: info.status_reason.map(CampaignStatusReason::code),
                        tasks_count: info.tasks_count,
                        finished_tasks_count: info.finished_tasks_count,
                        started: false,
                    },
                )
                .await
                .doing("store the campaign's status")?;
                Ok(())
            }
            Err(error) => {
                let (code, description, _) = advice::explain(&error);
                let text = match code {
                    Some(code) => app::i18n::fill(
                        app::i18n::t().campaigns.server.mango_answered,
                        &[&code, &description],
                    ),
                    None => description,
                };
                let _ = store::set_sync_error(&self.db, id, &text).await;
                Err(mango_failure(&error))
            }
        }
    }

    /// One polling round: task counts for all from `campaign/get_list`, then `campaign` for
    /// each active one.
    pub async fn poll_once(&self) -> anyhow::Result<usize> {
        let active_states = [
            CampaignState::Scheduled,
            CampaignState::Running,
            CampaignState::Stopping,
            CampaignState::Processing,
            CampaignState::Deleting,
        ];
        let active = store::in_states(&self.db, &active_states).await?;
        if active.is_empty() {
            return Ok(0);
        }
        let connected = self.link.connect().await?;
        let counts: HashMap<i64, (Option<i64>, Option<i64>, CampaignStatus)> =
            match connected.client.campaigns().await {
                Ok(list) => list
                    .into_iter()
                    .map(|c| (c.campaign_id, (c.tasks_count, c.finished_tasks_count, c.status)))
                    .collect(),
                Err(error) => {
                    tracing::warn!(%error, "campaign/get_list failed; polling campaign one by one");
                    HashMap::new()
                }
            };
        for record in &active {
            let Some(mango_id) = record.mango_campaign_id else { continue };
            if let Some((tasks, finished, _)) = counts.get(&mango_id) {
                let _ = store::set_status(
                    &self.db,
                    record.id,
                    StatusUpdate {
                        state: record.state,
                        status_reason_code: None,
                        tasks_count: *tasks,
                        finished_tasks_count: *finished,
                        started: false,
                    },
                )
                .await;
            }
            let _ = self.sync(record.id, mango_id).await;
        }
        Ok(active.len())
    }

    pub fn spawn_polling(self: Arc<Self>, every: Duration) -> tokio::task::JoinHandle<()> {
        tokio::spawn(async move {
            let mut ticks = tokio::time::interval(every);
            ticks.set_missed_tick_behavior(tokio::time::MissedTickBehavior::Delay);
            loop {
                ticks.tick().await;
                if let Err(error) = self.poll_once().await {
                    tracing::warn!(error = format!("{error:#}"), "campaign polling failed");
                }
            }
        })
    }
}

fn parse_form(record: &CampaignRecord) -> Result<CampaignForm, AppError> {
    serde_json::from_str(&record.form).map_err(|error| {
        tracing::error!(%error, id = record.id, "a stored campaign form cannot be read");
        AppError::Internal("read the campaign's settings".into())
    })
}

/// "Name (copy)", kept within MANGO's 70 characters.
fn copy_name(name: &str) -> String {
    let suffix = app::i18n::t().campaigns.server.copy_suffix;
    let room = app::api::campaign_options::NAME_MAX_CHARS - suffix.chars().count();
    let stem: String = name.trim().chars().take(room).collect();
    format!("{stem}{suffix}")
}

/// MANGO's status (either numbering, already mapped by `mango::status`) as the campaign's
/// state; a stopped campaign that was never started is "ready".
pub fn map_status(status: CampaignStatus, ever_started: bool) -> CampaignState {
    match status {
        CampaignStatus::Stopped if !ever_started => CampaignState::Ready,
        CampaignStatus::Stopped => CampaignState::Stopped,
        CampaignStatus::Scheduled => CampaignState::Scheduled,
        CampaignStatus::Running => CampaignState::Running,
        CampaignStatus::Stopping => CampaignState::Stopping,
        CampaignStatus::Finished => CampaignState::Finished,
        CampaignStatus::Processing => CampaignState::Processing,
        CampaignStatus::Deleting => CampaignState::Deleted,
        CampaignStatus::Unknown(code) => CampaignState::Unknown(code),
    }
}

/// Manual 3.8.2 `status_reason`, in words.
pub fn reason_words(reason: CampaignStatusReason) -> String {
    use CampaignStatusReason::*;
    let s = &app::i18n::t().campaigns.server;
    match reason {
        ExternalCommand => s.reason_external_command.into(),
        Completed => s.reason_completed.into(),
        Expired => s.reason_expired.into(),
        OutsideSchedule => s.reason_outside_schedule.into(),
        PingLost => s.reason_ping_lost.into(),
        NoService => s.reason_no_service.into(),
        NoBalance => s.reason_no_balance.into(),
        Maintenance => s.reason_maintenance.into(),
        StoppedByAdministrator => s.reason_stopped_by_admin.into(),
        Unknown(code) => app::i18n::fill(s.reason_unknown, &[&code]),
    }
}

fn row(record: &CampaignRecord, zone: Tz) -> CampaignRow {
    let form: Option<CampaignForm> = serde_json::from_str(&record.form).ok();
    CampaignRow {
        id: record.id,
        name: record.name.clone(),
        state: record.state,
        mango_campaign_id: record.mango_campaign_id,
        tasks_count: record.tasks_count,
        finished_tasks_count: record.finished_tasks_count,
        author: record.author.clone(),
        start_local: form.as_ref().map(|f| f.start_local.replace('T', " ")).unwrap_or_default(),
        end_local: form.as_ref().map(|f| f.end_local.replace('T', " ")).unwrap_or_default(),
        timezone: form.map(|f| f.timezone).unwrap_or_default(),
        updated_at_ms: record.updated_at,
        updated_at: time_format::local(record.updated_at, zone),
        created_at: time_format::local(record.created_at, zone),
    }
}

/// The `campaign/add` request for a checked form (manual 3.8.4.1).
pub fn add_request(form: &CampaignForm, schedule: &MangoSchedule) -> Result<CampaignAddRequest, AppError> {
    let bad = |what: &str| AppError::Internal(format!("prepare the campaign for MANGO ({what})"));
    let windows = schedule
        .windows
        .iter()
        .map(|w| {
            Ok(ScheduleWindow {
                weekday: weekday_from_number(w.weekday).ok_or_else(|| bad("weekday"))?,
                start: ClockTime::from_minutes(w.start).ok_or_else(|| bad("window start"))?,
                end: ClockTime::from_minutes(w.end).ok_or_else(|| bad("window end"))?,
            })
        })
        .collect::<Result<Vec<_>, AppError>>()?;
    let utc = |text: &Option<String>| -> Result<Option<chrono::DateTime<Utc>>, AppError> {
        match text {
            None => Ok(None),
            Some(text) => NaiveDateTime::parse_from_str(text, "%Y-%m-%d %H:%M:%S")
                .map(|naive| Some(Utc.from_utc_datetime(&naive)))
                .map_err(|_| bad("dates")),
        }
    };
    let mut request =
        CampaignAddRequest::new(form.line_id.ok_or_else(|| bad("line"))?, form.name.trim(), windows);
    request.created_by = form.author_user_id;
    request.priority = Some(match form.priority {
        FormPriority::Important => Priority::Important,
        FormPriority::Normal => Priority::Normal,
        FormPriority::Low => Priority::Low,
    });
    request.dial_mode = Some(match form.dial_mode {
        FormDialMode::Simultaneous => DialMode::Simultaneous,
        FormDialMode::OperatorFirst => DialMode::OperatorFirst,
        FormDialMode::ClientFirst => DialMode::ClientFirst,
    });
    request.start_date = utc(&schedule.start_date)?;
    request.end_date = utc(&schedule.end_date)?;
    request.operators = form.operators.clone();
    request.voice_message_id = form.voice_message_id;
    request.hold_message_id = form.hold_message_id;
    request.max_redial_count_if_busy = Some(form.redial_if_busy);
    request.max_redial_count_if_no_answ = Some(form.redial_if_no_answer);
    request.max_redial_count_if_number_not_avail = Some(form.redial_if_unavailable);
    request.max_wait_time = Some(form.answer_wait_seconds);
    request.additional_calls_coefficient = Some(f64::from(form.call_coefficient_tenths) / 10.0);
    request.wait_time_if_busy = Some(form.wait_if_busy_seconds);
    request.wait_time_if_no_answ = Some(form.wait_if_no_answer_seconds);
    request.wait_time_if_number_not_avail = Some(form.wait_if_unavailable_seconds);
    request.after_call_processing = Some(form.after_call_seconds);
    Ok(request)
}

fn weekday_from_number(number: u8) -> Option<chrono::Weekday> {
    use chrono::Weekday::*;
    [Mon, Tue, Wed, Thu, Fri, Sat, Sun].get(usize::from(number).checked_sub(1)?).copied()
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn copies_stay_within_the_name_limit() {
        let en = app::i18n::in_lang(app::i18n::Lang::En, || copy_name("Spring sale"));
        assert_eq!(en, "Spring sale (copy)");
        assert_eq!(copy_name("Spring sale"), "Spring sale (копия)");
        let long = "x".repeat(70);
        assert_eq!(copy_name(&long).chars().count(), 70);
    }

    #[test]
    fn states_round_trip_through_their_keys() {
        for state in
            CampaignState::FILTERS.into_iter().chain([CampaignState::Deleting, CampaignState::Unknown(9)])
        {
            assert_eq!(crate::db::campaigns::state_from_key(&state.key()), Some(state));
        }
        assert_eq!(crate::db::campaigns::state_from_key("unknown_x"), None, "a stored key no state has");
        assert_eq!(map_status(CampaignStatus::Stopped, false), CampaignState::Ready);
        assert_eq!(map_status(CampaignStatus::Stopped, true), CampaignState::Stopped);
        assert_eq!(map_status(CampaignStatus::from_list(5), true), CampaignState::Finished);
        assert_eq!(map_status(CampaignStatus::from_campaign(4), true), CampaignState::Finished);
        // The in-between states of both numberings (manual 3.8.1: 3, 7; 3.8.2: 3, 5).
        assert_eq!(map_status(CampaignStatus::from_list(3), true), CampaignState::Stopping);
        assert_eq!(map_status(CampaignStatus::from_list(7), false), CampaignState::Processing);
        assert_eq!(map_status(CampaignStatus::from_campaign(3), true), CampaignState::Stopping);
        assert_eq!(map_status(CampaignStatus::from_campaign(5), false), CampaignState::Processing);
        assert!(CampaignState::Stopping.is_active() && CampaignState::Processing.is_active(), "kept polled");
    }
}
