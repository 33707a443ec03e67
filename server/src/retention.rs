//! Retention: raw MANGO events, audit rows and uploaded lead files older than
//! `OBZVON_RETENTION_DAYS` are pruned once at start and then daily, so the database does not
//! grow without bound. Each run writes one audit line with what it removed.

use std::time::Duration;

use tokio_util::sync::CancellationToken;

use crate::db::{self, audit::NewEntry, retention::Pruned, Db};

/// How often the pruning runs after the first run at start.
pub const EVERY: Duration = Duration::from_secs(24 * 3600);

const DAY_MS: i64 = 24 * 3600 * 1000;

/// The moment before which rows are pruned, or None when `days` is 0 (keep forever).
pub fn cutoff(now_ms: i64, days: u32) -> Option<i64> {
    (days > 0).then(|| now_ms.saturating_sub(i64::from(days).saturating_mul(DAY_MS)))
}

/// One pruning run with the given age; writes its audit line. None when retention is off.
pub async fn run_once(db: &Db, days: u32) -> anyhow::Result<Option<Pruned>> {
    let Some(before) = cutoff(db::now_ms(), days) else { return Ok(None) };
    let pruned =
        db::retention::prune(db, before).await.map_err(|e| anyhow::anyhow!("pruning old rows: {e}"))?;
    let details = app::i18n::fill(
        app::i18n::t().audit.details.pruned,
        &[&days, &pruned.events, &pruned.malformed_events, &pruned.audit_rows, &pruned.uploads],
    );
    db::audit::record(
        db,
        NewEntry { action: "retention_pruned", details: Some(details), ..Default::default() },
    )
    .await?;
    if pruned.total() > 0 {
        tracing::info!(?pruned, days, "pruned rows past the retention age");
    }
    Ok(Some(pruned))
}

/// Runs [`run_once`] every [`EVERY`] (the first one a day from now: the server runs one at
/// start) until `stop`; nothing when `days` is 0.
pub fn spawn_daily(db: Db, days: u32, stop: CancellationToken) -> tokio::task::JoinHandle<()> {
    tokio::spawn(async move {
        if days == 0 {
            return;
        }
        let mut ticks = tokio::time::interval_at(tokio::time::Instant::now() + EVERY, EVERY);
        ticks.set_missed_tick_behavior(tokio::time::MissedTickBehavior::Delay);
        loop {
            tokio::select! {
                _ = stop.cancelled() => return,
                _ = ticks.tick() => {}
            }
            if let Err(error) = run_once(&db, days).await {
                tracing::warn!(error = format!("{error:#}"), "retention could not prune");
            }
        }
    })
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn cutoff_is_days_back_and_never_overflows() {
        assert_eq!(cutoff(10 * DAY_MS, 3), Some(7 * DAY_MS));
        assert_eq!(cutoff(10 * DAY_MS, 0), None);
        assert_eq!(cutoff(i64::MIN + 5, u32::MAX), Some(i64::MIN));
    }
}
