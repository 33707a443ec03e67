//! The do-not-call list: entries are added and marked removed, never deleted, so the list
//! keeps who added and removed each number, when and why.

use std::collections::HashMap;

use sqlx::FromRow;

use super::{now_ms, Db};

/// How an entry came onto the list (`do_not_call.source`; the migration's CHECK lists these).
#[derive(Clone, Copy, Debug, PartialEq, Eq, sqlx::Type)]
#[sqlx(rename_all = "snake_case")]
pub enum Source {
    /// Typed on the list's page.
    ByHand,
    /// Read from an uploaded file.
    File,
    /// "Do not call again" on a lead in Results.
    Results,
}

/// One entry with the names of who added and removed it.
#[derive(Clone, Debug, FromRow)]
pub struct EntryRecord {
    pub id: i64,
    pub number: String,
    pub reason: String,
    pub source: Source,
    pub task_id: Option<i64>,
    pub added_by_name: Option<String>,
    pub added_at: i64,
    pub removed_by_name: Option<String>,
    pub removed_at: Option<i64>,
    pub removal_reason: Option<String>,
}

/// What the lead check needs of an active entry.
#[derive(Clone, Debug, FromRow)]
pub struct Listed {
    pub number: String,
    pub added_at: i64,
    pub added_by_name: Option<String>,
}

const ENTRY_COLUMNS: &str =
    "d.id, d.number, d.reason, d.source, d.task_id, a.display_name AS added_by_name, \
     d.added_at, r.display_name AS removed_by_name, d.removed_at, d.removal_reason \
     FROM do_not_call d LEFT JOIN users a ON a.id = d.added_by LEFT JOIN users r ON r.id = d.removed_by";

/// Adds each number not already on the list, all in one transaction. Returns the numbers
/// added; the others were on the list already.
pub async fn add(
    db: &Db,
    numbers: &[(String, String)],
    source: Source,
    task_id: Option<i64>,
    by: i64,
) -> sqlx::Result<Vec<String>> {
    let mut tx = super::begin_write(db).await?;
    let at = now_ms();
    let mut added = Vec::new();
    for (number, reason) in numbers {
        let inserted: Option<i64> = sqlx::query_scalar(
            "INSERT INTO do_not_call (number, reason, source, task_id, added_by, added_at) \
             VALUES ($1, $2, $3, $4, $5, $6) ON CONFLICT DO NOTHING RETURNING id",
        )
        .bind(number)
        .bind(reason)
        .bind(source)
        .bind(task_id)
        .bind(by)
        .bind(at)
        .fetch_optional(&mut *tx)
        .await?;
        if inserted.is_some() {
            added.push(number.clone());
        }
    }
    tx.commit().await?;
    Ok(added)
}

/// Marks an active entry removed; its number, or `None` when there is no such active entry.
pub async fn remove(db: &Db, id: i64, by: i64, reason: &str) -> sqlx::Result<Option<String>> {
    sqlx::query_scalar(
        "UPDATE do_not_call SET removed_by = $2, removed_at = $3, removal_reason = $4 \
         WHERE id = $1 AND removed_at IS NULL RETURNING number",
    )
    .bind(id)
    .bind(by)
    .bind(now_ms())
    .bind(reason)
    .fetch_optional(db)
    .await
}

/// Entries newest first: the active ones, or with `removed` the removed ones; `search` is a
/// part of the number or of the reason. At most `limit`.
pub async fn list(db: &Db, search: &str, removed: bool, limit: i64) -> sqlx::Result<Vec<EntryRecord>> {
    let pattern = format!("%{}%", search.replace(['%', '_'], ""));
    sqlx::query_as(&format!(
        "SELECT {ENTRY_COLUMNS} WHERE (d.removed_at IS NOT NULL) = $1 \
         AND (d.number LIKE $2 OR d.reason LIKE $2) ORDER BY COALESCE(d.removed_at, d.added_at) DESC, d.id DESC \
         LIMIT $3"
    ))
    .bind(removed)
    .bind(pattern)
    .bind(limit)
    .fetch_all(db)
    .await
}

/// How many entries are active and how many were removed.
pub async fn counts(db: &Db) -> sqlx::Result<(i64, i64)> {
    sqlx::query_as(
        "SELECT COALESCE(SUM(CASE WHEN removed_at IS NULL THEN 1 ELSE 0 END), 0), \
         COALESCE(SUM(CASE WHEN removed_at IS NULL THEN 0 ELSE 1 END), 0) FROM do_not_call",
    )
    .fetch_one(db)
    .await
}

/// Every active entry, for the lead check: by number.
pub async fn active(db: &Db) -> sqlx::Result<HashMap<String, Listed>> {
    let rows: Vec<Listed> = sqlx::query_as(
        "SELECT d.number, d.added_at, a.display_name AS added_by_name FROM do_not_call d \
         LEFT JOIN users a ON a.id = d.added_by WHERE d.removed_at IS NULL",
    )
    .fetch_all(db)
    .await?;
    Ok(rows.into_iter().map(|r| (r.number.clone(), r)).collect())
}

/// The active entries of these numbers.
pub async fn active_of(db: &Db, numbers: &[String]) -> sqlx::Result<HashMap<String, Listed>> {
    let mut found = HashMap::new();
    for chunk in numbers.chunks(500) {
        let marks = (1..=chunk.len()).map(|i| format!("${i}")).collect::<Vec<_>>().join(", ");
        let sql = format!(
            "SELECT d.number, d.added_at, a.display_name AS added_by_name FROM do_not_call d \
             LEFT JOIN users a ON a.id = d.added_by WHERE d.removed_at IS NULL AND d.number IN ({marks})"
        );
        let mut query = sqlx::query_as::<_, Listed>(&sql);
        for number in chunk {
            query = query.bind(number);
        }
        for row in query.fetch_all(db).await? {
            found.insert(row.number.clone(), row);
        }
    }
    Ok(found)
}

/// A campaign's task whose number is on the list while MANGO may still call it.
#[derive(Clone, Debug, FromRow)]
pub struct WaitingTask {
    pub task_id: i64,
    pub name: String,
    pub number: String,
    pub added_at: i64,
    pub added_by_name: Option<String>,
}

/// The campaign's tasks on the list that MANGO may still call: no talk yet, and MANGO has not
/// said the task is finished or deleted (manual 3.8.3).
pub async fn waiting_tasks(
    db: &Db,
    campaign_id: i64,
    mango_campaign_id: Option<i64>,
) -> sqlx::Result<Vec<WaitingTask>> {
    sqlx::query_as(
        "SELECT t.id AS task_id, t.name, t.number, d.added_at, a.display_name AS added_by_name \
         FROM tasks t JOIN do_not_call d ON d.number = t.number AND d.removed_at IS NULL \
         LEFT JOIN users a ON a.id = d.added_by \
         WHERE t.campaign_id = $1 AND COALESCE(t.mango_status, '') NOT IN ('finished', 'deleted') \
         AND NOT EXISTS (SELECT 1 FROM calls k WHERE k.mango_campaign_id = $2 AND k.task_id = t.id \
                         AND k.talked) \
         ORDER BY t.id LIMIT 200",
    )
    .bind(campaign_id)
    .bind(mango_campaign_id.unwrap_or(-1))
    .fetch_all(db)
    .await
}

/// A number's latest call in another campaign since `since_seconds`.
#[derive(Clone, Debug, FromRow)]
pub struct RecentCall {
    pub number: String,
    /// Seconds since the epoch, as MANGO sends them.
    pub appeared_at: i64,
    pub talked: Option<bool>,
    pub campaign_name: String,
}

/// Calls of campaigns other than `campaign_id` that appeared since `since_seconds`, the
/// latest per number.
pub async fn called_since(
    db: &Db,
    campaign_id: i64,
    since_seconds: i64,
) -> sqlx::Result<HashMap<String, RecentCall>> {
    let rows: Vec<RecentCall> = sqlx::query_as(
        "SELECT t.number, k.appeared_at, k.talked, c.name AS campaign_name \
         FROM calls k JOIN tasks t ON t.id = k.task_id JOIN campaigns c ON c.id = t.campaign_id \
         WHERE k.appeared_at >= $1 AND t.campaign_id <> $2 ORDER BY k.appeared_at DESC",
    )
    .bind(since_seconds)
    .bind(campaign_id)
    .fetch_all(db)
    .await?;
    let mut latest = HashMap::new();
    for row in rows {
        latest.entry(row.number.clone()).or_insert(row);
    }
    Ok(latest)
}

/// A campaign's task's number and name, for "Do not call again" in Results.
pub async fn task_number(db: &Db, campaign_id: i64, task_id: i64) -> sqlx::Result<Option<(String, String)>> {
    sqlx::query_as("SELECT number, name FROM tasks WHERE campaign_id = $1 AND id = $2")
        .bind(campaign_id)
        .bind(task_id)
        .fetch_optional(db)
        .await
}
