//! What the forecast learns from this installation's calls.

use super::Db;

/// Finished calls since `since_seconds` by outcome key, over every campaign.
pub async fn outcomes_since(db: &Db, since_seconds: i64) -> sqlx::Result<Vec<(String, i64)>> {
    sqlx::query_as(
        "SELECT outcome, COUNT(*) FROM calls WHERE mango_campaign_id IS NOT NULL AND appeared_at >= $1 \
         GROUP BY outcome",
    )
    .bind(since_seconds)
    .fetch_all(db)
    .await
}

/// Calls that reached an operator since `since_seconds`, and the operator-hours they fell in
/// (one per operator and clock hour with a call).
pub async fn operator_hours_since(db: &Db, since_seconds: i64) -> sqlx::Result<(i64, i64)> {
    sqlx::query_as(
        "SELECT COUNT(*), COUNT(DISTINCT operator_extension || ':' || CAST(appeared_at / 3600 AS TEXT)) \
         FROM calls WHERE mango_campaign_id IS NOT NULL AND operator_extension IS NOT NULL \
         AND appeared_at >= $1",
    )
    .bind(since_seconds)
    .fetch_one(db)
    .await
}
