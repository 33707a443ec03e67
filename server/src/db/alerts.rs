//! What the alerts read: a campaign's calls by outcome and its refused callbacks.

use super::Db;

/// The campaign's calls counted by their stored outcome key.
pub async fn outcome_counts(db: &Db, mango_campaign_id: i64) -> sqlx::Result<Vec<(String, i64)>> {
    sqlx::query_as("SELECT outcome, COUNT(*) FROM calls WHERE mango_campaign_id = $1 GROUP BY outcome")
        .bind(mango_campaign_id)
        .fetch_all(db)
        .await
}

/// Callbacks of the campaign MANGO refused since `since_ms` that were not made again (no later
/// callback to the same number that MANGO did not refuse).
pub async fn refused_callbacks(db: &Db, campaign_id: i64, since_ms: i64) -> sqlx::Result<i64> {
    sqlx::query_scalar(
        "SELECT COUNT(*) FROM callbacks c WHERE c.campaign_id = $1 AND c.send_state = 'refused' \
         AND c.created_at >= $2 AND NOT EXISTS (SELECT 1 FROM callbacks d WHERE d.number = c.number \
         AND d.created_at >= c.created_at AND d.id <> c.id AND d.send_state <> 'refused')",
    )
    .bind(campaign_id)
    .bind(since_ms)
    .fetch_one(db)
    .await
}
