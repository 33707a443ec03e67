//! Campaign rows: the draft form as JSON plus the columns lists filter and sort on, and what
//! MANGO last said about the campaign.

use app::api::campaigns::CampaignState;
use sqlx::FromRow;

use super::{now_ms, Db, Stored};

#[derive(Clone, Debug, FromRow)]
pub struct CampaignRecord {
    pub id: i64,
    pub name: String,
    #[sqlx(try_from = "Stored<CampaignState>")]
    pub state: CampaignState,
    pub form: String,
    pub sent_schedule: Option<String>,
    pub mango_campaign_id: Option<i64>,
    /// MANGO's number for why the campaign is in its status (manual 3.8.2 `status_reason`).
    pub status_reason_code: Option<i64>,
    pub tasks_count: Option<i64>,
    pub finished_tasks_count: Option<i64>,
    pub author_id: i64,
    pub author: String,
    pub created_at: i64,
    pub updated_at: i64,
    pub created_in_mango_at: Option<i64>,
    pub started_at: Option<i64>,
    pub synced_at: Option<i64>,
    pub sync_error: Option<String>,
}

/// The state a stored key names (`CampaignState::key`: `draft`, …, `unknown_<MANGO's number>`).
pub fn state_from_key(key: &str) -> Option<CampaignState> {
    if let Some(code) = key.strip_prefix("unknown_") {
        return code.parse().ok().map(CampaignState::Unknown);
    }
    CampaignState::FILTERS.into_iter().chain([CampaignState::Deleting]).find(|state| state.key() == key)
}

super::stored_state!(CampaignState, "campaign state", state_from_key);

const SELECT: &str = "SELECT c.id, c.name, c.state, c.form, c.sent_schedule, c.mango_campaign_id, c.status_reason_code, \
     c.tasks_count, c.finished_tasks_count, c.author_id, u.display_name AS author, c.created_at, c.updated_at, \
     c.created_in_mango_at, c.started_at, c.synced_at, c.sync_error \
     FROM campaigns c JOIN users u ON u.id = c.author_id";

pub async fn list(db: &Db) -> sqlx::Result<Vec<CampaignRecord>> {
    sqlx::query_as(&format!("{SELECT} ORDER BY c.updated_at DESC, c.id DESC")).fetch_all(db).await
}

pub async fn get(db: &Db, id: i64) -> sqlx::Result<Option<CampaignRecord>> {
    sqlx::query_as(&format!("{SELECT} WHERE c.id = $1")).bind(id).fetch_optional(db).await
}

/// Campaigns in MANGO in one of these states (those MANGO may change on its own).
pub async fn in_states(db: &Db, states: &[CampaignState]) -> sqlx::Result<Vec<CampaignRecord>> {
    let all = list(db).await?;
    Ok(all.into_iter().filter(|c| c.mango_campaign_id.is_some() && states.contains(&c.state)).collect())
}

pub async fn insert_draft(db: &Db, name: &str, form_json: &str, author_id: i64) -> sqlx::Result<i64> {
    let now = now_ms();
    sqlx::query_scalar(
        "INSERT INTO campaigns (name, state, form, author_id, created_at, updated_at) \
         VALUES ($1, 'draft', $2, $3, $4, $4) RETURNING id",
    )
    .bind(name)
    .bind(form_json)
    .bind(author_id)
    .bind(now)
    .fetch_one(db)
    .await
}

/// Updates a draft; false when it is not (or no longer) a draft.
pub async fn update_draft(db: &Db, id: i64, name: &str, form_json: &str) -> sqlx::Result<bool> {
    let done = sqlx::query(
        "UPDATE campaigns SET name = $2, form = $3, updated_at = $4 WHERE id = $1 AND state = 'draft'",
    )
    .bind(id)
    .bind(name)
    .bind(form_json)
    .bind(now_ms())
    .execute(db)
    .await?;
    Ok(done.rows_affected() == 1)
}

pub async fn delete_draft(db: &Db, id: i64) -> sqlx::Result<bool> {
    let done =
        sqlx::query("DELETE FROM campaigns WHERE id = $1 AND state = 'draft'").bind(id).execute(db).await?;
    Ok(done.rows_affected() == 1)
}

/// Records that MANGO created the draft as campaign `mango_id`.
pub async fn mark_created(db: &Db, id: i64, mango_id: i64, sent_schedule: &str) -> sqlx::Result<bool> {
    let now = now_ms();
    let done = sqlx::query(
        "UPDATE campaigns SET state = 'ready', mango_campaign_id = $2, sent_schedule = $3, created_in_mango_at = $4, \
         updated_at = $4, synced_at = $4, sync_error = NULL WHERE id = $1 AND state = 'draft'",
    )
    .bind(id)
    .bind(mango_id)
    .bind(sent_schedule)
    .bind(now)
    .execute(db)
    .await?;
    Ok(done.rows_affected() == 1)
}

/// What MANGO said the campaign's status is now.
pub struct StatusUpdate {
    pub state: CampaignState,
    /// Manual 3.8.2 `status_reason`; `None` keeps the one stored.
    pub status_reason_code: Option<i64>,
    pub tasks_count: Option<i64>,
    pub finished_tasks_count: Option<i64>,
    pub started: bool,
}

pub async fn set_status(db: &Db, id: i64, update: StatusUpdate) -> sqlx::Result<()> {
    let now = now_ms();
    sqlx::query(
        "UPDATE campaigns SET state = $2, status_reason_code = COALESCE($3, status_reason_code), \
         tasks_count = COALESCE($4, tasks_count), finished_tasks_count = COALESCE($5, finished_tasks_count), \
         started_at = CASE WHEN $6 AND started_at IS NULL THEN $7 ELSE started_at END, \
         updated_at = CASE WHEN state <> $2 THEN $7 ELSE updated_at END, synced_at = $7, sync_error = NULL \
         WHERE id = $1",
    )
    .bind(id)
    .bind(update.state.key())
    .bind(update.status_reason_code)
    .bind(update.tasks_count)
    .bind(update.finished_tasks_count)
    .bind(update.started)
    .bind(now)
    .execute(db)
    .await?;
    Ok(())
}

pub async fn set_sync_error(db: &Db, id: i64, error: &str) -> sqlx::Result<()> {
    sqlx::query("UPDATE campaigns SET sync_error = $2 WHERE id = $1")
        .bind(id)
        .bind(error)
        .execute(db)
        .await?;
    Ok(())
}

/// Records that `campaign/add` is about to be sent for draft `id`: until MANGO's answer is
/// stored, `created_in_mango_at` on a draft means "sent, outcome not known" (a crash or an
/// answer that says nothing), and the next Create looks for the campaign in MANGO first.
pub async fn mark_add_sent(db: &Db, id: i64) -> sqlx::Result<bool> {
    let done = sqlx::query(
        "UPDATE campaigns SET created_in_mango_at = $2 WHERE id = $1 AND state = 'draft' \
         AND mango_campaign_id IS NULL",
    )
    .bind(id)
    .bind(now_ms())
    .execute(db)
    .await?;
    Ok(done.rows_affected() == 1)
}

/// MANGO answered `campaign/add` with a refusal, or its list shows the campaign is not
/// there: nothing was created for draft `id`.
pub async fn clear_add_sent(db: &Db, id: i64) -> sqlx::Result<()> {
    sqlx::query("UPDATE campaigns SET created_in_mango_at = NULL WHERE id = $1 AND state = 'draft'")
        .bind(id)
        .execute(db)
        .await?;
    Ok(())
}

/// Every MANGO campaign id some campaign here already stands for.
pub async fn known_mango_ids(db: &Db) -> sqlx::Result<Vec<i64>> {
    sqlx::query_scalar("SELECT mango_campaign_id FROM campaigns WHERE mango_campaign_id IS NOT NULL")
        .fetch_all(db)
        .await
}
