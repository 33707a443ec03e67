//! Asking MANGO about tasks whose calls went quiet (manual 3.8.3, `task`): events can be lost,
//! so a linked task of an active campaign with no fresh event is polled for its status, reason
//! and talk time — a few per round within the shared rate limits, never one MANGO has finished.

use std::sync::Arc;
use std::time::Duration;

use app::api::campaigns::CampaignState;

use crate::db::{now_ms, Db};
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
        let active: Vec<String> = [
            CampaignState::Scheduled,
            CampaignState::Running,
            CampaignState::Stopping,
            CampaignState::Processing,
            CampaignState::Finished,
        ]
        .iter()
        .map(|s| s.key())
        .collect();
        let quiet_since = now_ms() - stale_after.as_millis() as i64;
        let due: Vec<(i64, i64)> = sqlx::query_as(&format!(
            "SELECT t.id, t.mango_task_id FROM tasks t JOIN campaigns c ON c.id = t.campaign_id \
             WHERE t.mango_task_id IS NOT NULL AND c.state IN ({}) \
             AND COALESCE(t.mango_status, '') NOT IN ('finished', 'deleted') \
             AND (c.state <> 'finished' OR t.polled_at IS NULL) \
             AND (t.polled_at IS NULL OR t.polled_at <= $1) \
             AND NOT EXISTS (SELECT 1 FROM calls k WHERE k.mango_task_id = t.mango_task_id AND k.updated_at > $1) \
             ORDER BY COALESCE(t.polled_at, 0), t.id LIMIT {PER_ROUND}",
            active.iter().map(|s| format!("'{s}'")).collect::<Vec<_>>().join(", ")
        ))
        .bind(quiet_since)
        .fetch_all(&self.db)
        .await?;
        if due.is_empty() {
            return Ok(0);
        }
        let client = self.link.connect().await?.client;
        let mut updated = 0;
        for (id, mango_task_id) in due {
            match client.task(mango_task_id).await {
                Ok(task) => {
                    sqlx::query(
                        "UPDATE tasks SET mango_status = $2, mango_status_reason = $3, mango_talk_seconds = $4, polled_at = $5 WHERE id = $1",
                    )
                    .bind(id)
                    .bind(task.status.key())
                    .bind(task.status_reason.map(|r| r.describe()))
                    .bind(task.talk_duration)
                    .bind(now_ms())
                    .execute(&self.db)
                    .await?;
                    updated += 1;
                }
                Err(error) => {
                    // Remembered as asked, so one bad task does not take every round.
                    tracing::warn!(task = mango_task_id, %error, "MANGO did not answer about a task");
                    sqlx::query("UPDATE tasks SET polled_at = $2 WHERE id = $1")
                        .bind(id)
                        .bind(now_ms())
                        .execute(&self.db)
                        .await?;
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
