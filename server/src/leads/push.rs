//! The durable push of a campaign's tasks to MANGO (`tasks/push`, manual 3.8.4.2): batches
//! of pending tasks, sent through the shared rate limiter, each batch recorded before it is
//! sent. After a crash or a lost answer the campaign's task count in MANGO
//! (`campaign/get_list` `tasks_count`, manual 3.8.1) decides whether the batch landed, so
//! MANGO receives every task exactly once. "Slow down" and network trouble are waited out;
//! refusals that repeating cannot fix (5106, 5107, 5109, 31xx) stop the push with the reason.

use std::sync::Arc;
use std::time::Duration;

use app::api::leads::PushState;
use tokio::sync::Notify;
use tokio_util::sync::CancellationToken;

use crate::db::campaigns as campaign_store;
use crate::db::tasks::{self as store, TaskRow};
use crate::db::Db;
use crate::mango::link::MangoLink;
use crate::mango::types::{PushTask, TasksPushRequest};
use crate::mango::{advice, MangoClient, MangoError};

/// Tasks per `tasks/push` request unless the user chooses otherwise.
pub const DEFAULT_BATCH_SIZE: i64 = 500;
pub const MAX_BATCH_SIZE: i64 = 2_000;

pub struct Pusher {
    db: Db,
    link: Arc<MangoLink>,
    wake: Notify,
}

/// Why a round of a job ended.
enum Round {
    /// Every task is sent.
    Done,
    /// Paused (or no longer running): leave it.
    Left,
    /// Try again after a pause (slow down, network, MANGO unsure).
    Later(String),
    /// Stop with this reason; the user must act.
    Failed(String),
}

impl Pusher {
    pub fn new(db: Db, link: Arc<MangoLink>) -> Pusher {
        Pusher { db, link, wake: Notify::new() }
    }

    /// Wakes the worker (a job was started or resumed).
    pub fn nudge(&self) {
        self.wake.notify_one();
    }

    /// The worker. After `stop` it sends no further batch: the batch in flight is finished
    /// (its answer recorded), and the job stays running for the next start.
    pub fn spawn(self: Arc<Self>, stop: CancellationToken) -> tokio::task::JoinHandle<()> {
        tokio::spawn(async move {
            while !stop.is_cancelled() {
                let jobs = match store::running_jobs(&self.db).await {
                    Ok(jobs) => jobs,
                    Err(error) => {
                        tracing::warn!(%error, "cannot read push jobs");
                        Vec::new()
                    }
                };
                let mut wait = Duration::from_secs(5);
                for job in jobs {
                    if stop.is_cancelled() {
                        return;
                    }
                    match self.run(job.campaign_id, &stop).await {
                        Round::Done => {
                            let _ =
                                store::set_job_state(&self.db, job.campaign_id, PushState::Done, None).await;
                        }
                        Round::Left => {}
                        Round::Later(why) => {
                            tracing::warn!(campaign = job.campaign_id, %why, "push paused briefly");
                            let _ = store::note_push_wait(&self.db, job.campaign_id, &why).await;
                            wait = Duration::from_secs(2);
                        }
                        Round::Failed(why) => {
                            tracing::warn!(campaign = job.campaign_id, %why, "push stopped");
                            let _ = store::set_job_state(
                                &self.db,
                                job.campaign_id,
                                PushState::Failed,
                                Some(&why),
                            )
                            .await;
                        }
                    }
                }
                tokio::select! {
                    _ = stop.cancelled() => return,
                    _ = self.wake.notified() => {}
                    _ = tokio::time::sleep(wait) => {}
                }
            }
        })
    }

    async fn run(&self, campaign_id: i64, stop: &CancellationToken) -> Round {
        let campaign = match campaign_store::get(&self.db, campaign_id).await {
            Ok(Some(campaign)) => campaign,
            Ok(None) => return Round::Failed(app::i18n::t().leads.push.campaign_gone.into()),
            Err(error) => return Round::Later(format!("database: {error}")),
        };
        let Some(mango_id) = campaign.mango_campaign_id else {
            return Round::Failed(app::i18n::t().leads.push.create_in_mango_first.into());
        };
        let client = match self.link.connect().await {
            Ok(connected) => connected.client,
            Err(error) => return Round::Later(format!("no MANGO connection: {error:#}")),
        };
        // MANGO's task count, read once a round and then carried forward: each batch MANGO
        // accepted adds its tasks. Reading it before every batch doubled the requests the rate
        // limit allows (manual 1.4); a count moved by someone else is still caught, when a batch
        // in flight is resolved against it below.
        let mut known_count: Option<i64> = None;
        // A batch left in flight by a crash or a lost answer: MANGO's count decides.
        match store::inflight(&self.db, campaign_id).await {
            Ok(Some((batch, before, tasks))) => {
                let count = match mango_task_count(&client, mango_id).await {
                    Ok(count) => count,
                    Err(unknown) => return unknown.round(),
                };
                let after = before + tasks.len() as i64;
                // Exactly one of the two counts means something: `after`, the batch landed
                // whole; `before`, it did not land and may be sent again. Anything else
                // (part of it, or tasks added by someone else) cannot be resolved here.
                let outcome = if count == after {
                    store::confirm_batch(&self.db, campaign_id, batch).await
                } else if count == before {
                    store::release_batch(&self.db, campaign_id, batch).await
                } else {
                    return Round::Failed(app::i18n::fill(
                        app::i18n::t().leads.push.count_mismatch,
                        &[&count, &before, &batch, &after],
                    ));
                };
                if let Err(error) = outcome {
                    return Round::Later(format!("database: {error}"));
                }
                known_count = Some(count);
            }
            Ok(None) => {}
            Err(error) => return Round::Later(format!("database: {error}")),
        }
        loop {
            if stop.is_cancelled() {
                return Round::Left;
            }
            let job = match store::job(&self.db, campaign_id).await {
                Ok(Some(job)) if job.state == PushState::Running => job,
                Ok(_) => return Round::Left,
                Err(error) => return Round::Later(format!("database: {error}")),
            };
            let before = match known_count {
                Some(count) => count,
                None => match mango_task_count(&client, mango_id).await {
                    Ok(count) => count,
                    Err(unknown) => return unknown.round(),
                },
            };
            let (batch, tasks) = match store::take_batch(&self.db, campaign_id, job.batch_size, before).await
            {
                Ok(Some(taken)) => taken,
                Ok(None) => return Round::Done,
                Err(error) => return Round::Later(format!("database: {error}")),
            };
            let request =
                TasksPushRequest { campaign_id: mango_id, tasks: tasks.iter().map(push_task).collect() };
            match client.push_tasks(&request).await {
                Ok(()) => {
                    if let Err(error) = store::confirm_batch(&self.db, campaign_id, batch).await {
                        // MANGO has it; the next round's count check confirms it.
                        return Round::Later(format!("database: {error}"));
                    }
                    known_count = Some(before + tasks.len() as i64);
                }
                Err(error) if error.outcome_unknown() => {
                    // A lost answer, an HTTP 5xx or an unreadable body: the batch may have
                    // landed (manual 2.1.1). Left in flight; the next round asks MANGO's count
                    // and never sends it again blindly.
                    tracing::warn!(campaign = campaign_id, batch, %error, "push outcome unknown");
                    return Round::Later(format!(
                        "MANGO's answer to batch {batch} did not say whether it landed ({error}); \
                         checking MANGO's task count before sending anything more"
                    ));
                }
                Err(error) => {
                    if let Err(db) = store::release_batch(&self.db, campaign_id, batch).await {
                        return Round::Later(format!("database: {db}"));
                    }
                    return classify(&error);
                }
            }
        }
    }
}

/// Waiting helps with slow-downs and an unreachable MANGO; nothing else.
fn classify(error: &MangoError) -> Round {
    let (code, description, advice) = advice::explain(error);
    let text = match code {
        Some(code) => format!("MANGO answered {code}: {description}. {advice}"),
        None => format!("{description}. {advice}"),
    };
    match error {
        MangoError::RateLimited { .. } | MangoError::Transport { .. } | MangoError::Http { .. } => {
            Round::Later(text)
        }
        _ => Round::Failed(text),
    }
}

fn push_task(task: &TaskRow) -> PushTask {
    let optional = |text: &str| (!text.is_empty()).then(|| text.to_string());
    PushTask {
        name: task.name.clone(),
        position: optional(&task.position),
        organization: optional(&task.organization),
        number: task.number.clone(),
        additional_info: optional(&task.additional_info),
    }
}

/// Why MANGO's task count is not known.
enum CountUnknown {
    /// Could not be read now (network, slow down, not listed yet): try again later.
    Unreadable(String),
    /// MANGO answers but gives no count: no batch can be checked, so none is sent.
    NotGiven(String),
}

impl CountUnknown {
    fn round(self) -> Round {
        match self {
            CountUnknown::Unreadable(why) => {
                Round::Later(format!("cannot read the campaign's task count: {why}"))
            }
            CountUnknown::NotGiven(why) => Round::Failed(why),
        }
    }
}

/// The campaign's task count in MANGO: `tasks_count` of `campaign/get_list` (manual 3.8.1),
/// else of `campaign` (3.8.2 does not list it, but it is read where sent). A missing count is
/// not 0: treating it as 0 would take a landed batch for a lost one and send it again.
async fn mango_task_count(client: &MangoClient, mango_id: i64) -> Result<i64, CountUnknown> {
    let list = client.campaigns().await.map_err(|e| CountUnknown::Unreadable(e.to_string()))?;
    let listed = list.iter().find(|c| c.campaign_id == mango_id);
    if let Some(count) = listed.and_then(|c| c.tasks_count) {
        return Ok(count);
    }
    let read = client.campaign(mango_id).await;
    match (listed, read) {
        (_, Ok(info)) if info.tasks_count.is_some() => Ok(info.tasks_count.unwrap_or_default()),
        (None, Err(error)) => Err(CountUnknown::Unreadable(format!(
            "campaign {mango_id} is not in MANGO's list, and reading it failed: {error}"
        ))),
        (None, Ok(_)) => {
            Err(CountUnknown::Unreadable(format!("campaign {mango_id} is not in MANGO's list (yet)")))
        }
        (Some(_), _) => Err(CountUnknown::NotGiven(format!(
            "MANGO lists campaign {mango_id} without tasks_count (manual 3.8.1), and its campaign read gives \
             none either. Without the count Obzvon cannot tell whether a batch landed, so it sends nothing \
             (a missing count is not 0). Check the campaign's tasks in MANGO."
        ))),
    }
}
