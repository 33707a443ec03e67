//! Asking MANGO about tasks whose calls went quiet (manual 3.8.3, `task`): events can be lost,
//! so a linked task of an active campaign with no fresh event is polled for its status, reason
//! and talk time — a few per round within the shared rate limits, never one MANGO has finished.

use std::sync::Arc;
use std::time::Duration;

use app::api::campaigns::CampaignState;

use crate::db::{now_ms, tasks, Db};
use crate::mango::link::MangoLink;

/// How often a round runs, and how quiet a task must be to be asked about.
pub const POLL_EVERY: Duration = Duration::from_secs(15);
pub const STALE_AFTER: Duration = Duration::from_secs(60);
/// Tasks asked about per round: `task` shares VPBX's 10 requests/s with everything else.
const PER_ROUND: i64 = 20;

pub struct TaskPoller {
    db: Db,
    link: Arc<MangoLink>,
}

impl TaskPoller {
    pub fn new(db: Db, link: Arc<MangoLink>) -> TaskPoller {
        TaskPoller { db, link }
    }

    /// The worker: a round every `every` until `stop` (a round under way is finished).
    pub fn spawn(
        self: Arc<Self>,
        every: Duration,
        stop: tokio_util::sync::CancellationToken,
    ) -> tokio::task::JoinHandle<()> {
        tokio::spawn(async move {
            let mut ticker = tokio::time::interval(every);
            loop {
                tokio::select! {
                    _ = stop.cancelled() => return,
                    _ = ticker.tick() => {}
                }
                if let Err(error) = self.poll_once(STALE_AFTER).await {
                    tracing::warn!(error = %format!("{error:#}"), "polling MANGO tasks failed");
                }
            }
        })
    }

    /// One round: asks about tasks quiet for `stale_after`; returns how many were updated.
    pub async fn poll_once(&self, stale_after: Duration) -> anyhow::Result<usize> {
        let active = [
            CampaignState::Scheduled,
            CampaignState::Running,
            CampaignState::Stopping,
            CampaignState::Processing,
            CampaignState::Finished,
        ];
        let quiet_since = now_ms() - stale_after.as_millis() as i64;
        let due = tasks::due_for_polling(&self.db, &active, quiet_since, PER_ROUND).await?;
        if due.is_empty() {
            return Ok(0);
        }
        let client = self.link.connect().await?.client;
        let mut updated = 0;
        for (id, mango_task_id) in due {
            match client.task(mango_task_id).await {
                Ok(task) => {
                    tasks::record_polled_status(
                        &self.db,
                        id,
                        &task.status.key(),
                        task.status_reason.map(|reason| reason.code()),
                        task.talk_duration,
                    )
                    .await?;
                    updated += 1;
                }
                Err(error) => {
                    // Remembered as asked, so one bad task does not take every round.
                    tracing::warn!(task = mango_task_id, %error, "MANGO did not answer about a task");
                    tasks::mark_polled(&self.db, id).await?;
                    if error.code().is_none() {
                        // Not a refusal about this task (network, slow-down): stop the round.
                        break;
                    }
                }
            }
        }
        Ok(updated)
    }
}
