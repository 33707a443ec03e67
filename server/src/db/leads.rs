//! Uploaded lead files: their cells as read (then as fixed in place) and their mapping.

use sqlx::FromRow;

use super::{now_ms, Db};

#[derive(Clone, Debug, FromRow)]
pub struct UploadRecord {
    pub id: i64,
    pub campaign_id: i64,
    pub file_name: String,
    pub source: String,
    pub cells: String,
    pub mapping: String,
    pub accepted_at: Option<i64>,
    pub created_by: i64,
    pub created_at: i64,
    /// Raised with every change of `cells` or `source`.
    pub revision: i64,
}

/// Every column but the original file, which only a change of sheet reads.
const COLUMNS: &str =
    "id, campaign_id, file_name, source, cells, mapping, accepted_at, created_by, created_at, revision";
/// The same without the cells (megabytes for a big file): `cells` reads as empty.
const HEAD_COLUMNS: &str =
    "id, campaign_id, file_name, source, '' AS cells, mapping, accepted_at, created_by, created_at, revision";

pub struct NewUpload<'a> {
    pub campaign_id: i64,
    pub file_name: &'a str,
    pub source: &'a str,
    pub cells: &'a str,
    pub mapping: &'a str,
    pub original: Option<&'a [u8]>,
    pub created_by: i64,
}

pub async fn insert(db: &Db, upload: NewUpload<'_>) -> sqlx::Result<i64> {
    sqlx::query_scalar(
        "INSERT INTO lead_uploads (campaign_id, file_name, source, cells, mapping, original, created_by, created_at) \
         VALUES ($1, $2, $3, $4, $5, $6, $7, $8) RETURNING id",
    )
    .bind(upload.campaign_id)
    .bind(upload.file_name)
    .bind(upload.source)
    .bind(upload.cells)
    .bind(upload.mapping)
    .bind(upload.original)
    .bind(upload.created_by)
    .bind(now_ms())
    .fetch_one(db)
    .await
}

pub async fn get(db: &Db, id: i64) -> sqlx::Result<Option<UploadRecord>> {
    sqlx::query_as(&format!("SELECT {COLUMNS} FROM lead_uploads WHERE id = $1"))
        .bind(id)
        .fetch_optional(db)
        .await
}

/// An upload without its cells (`cells` is empty): for when they are known already.
pub async fn head(db: &Db, id: i64) -> sqlx::Result<Option<UploadRecord>> {
    sqlx::query_as(&format!("SELECT {HEAD_COLUMNS} FROM lead_uploads WHERE id = $1"))
        .bind(id)
        .fetch_optional(db)
        .await
}

pub async fn original(db: &Db, id: i64) -> sqlx::Result<Option<Vec<u8>>> {
    sqlx::query_scalar("SELECT original FROM lead_uploads WHERE id = $1")
        .bind(id)
        .fetch_optional(db)
        .await
        .map(Option::flatten)
}

/// Replaces what was read (another sheet) of an upload not yet accepted; false once accepted.
pub async fn replace_read(db: &Db, id: i64, source: &str, cells: &str, mapping: &str) -> sqlx::Result<bool> {
    let done = sqlx::query(
        "UPDATE lead_uploads SET source = $2, cells = $3, mapping = $4, revision = revision + 1 \
         WHERE id = $1 AND accepted_at IS NULL",
    )
    .bind(id)
    .bind(source)
    .bind(cells)
    .bind(mapping)
    .execute(db)
    .await?;
    Ok(done.rows_affected() == 1)
}

pub async fn for_campaign(db: &Db, campaign_id: i64) -> sqlx::Result<Vec<UploadRecord>> {
    sqlx::query_as(&format!(
        "SELECT {HEAD_COLUMNS} FROM lead_uploads WHERE campaign_id = $1 ORDER BY id DESC"
    ))
    .bind(campaign_id)
    .fetch_all(db)
    .await
}

/// Changes the cells of an upload not yet accepted; false once accepted.
pub async fn update_cells(db: &Db, id: i64, cells: &str) -> sqlx::Result<bool> {
    let done = sqlx::query(
        "UPDATE lead_uploads SET cells = $2, revision = revision + 1 WHERE id = $1 AND accepted_at IS NULL",
    )
    .bind(id)
    .bind(cells)
    .execute(db)
    .await?;
    Ok(done.rows_affected() == 1)
}

/// Changes the mapping of an upload not yet accepted; false once accepted.
pub async fn update_mapping(db: &Db, id: i64, mapping: &str) -> sqlx::Result<bool> {
    let done = sqlx::query("UPDATE lead_uploads SET mapping = $2 WHERE id = $1 AND accepted_at IS NULL")
        .bind(id)
        .bind(mapping)
        .execute(db)
        .await?;
    Ok(done.rows_affected() == 1)
}

#[derive(Clone, Debug, FromRow)]
pub struct TemplateRecord {
    pub id: i64,
    pub name: String,
    pub headers: String,
    pub mapping: String,
}

pub async fn templates(db: &Db) -> sqlx::Result<Vec<TemplateRecord>> {
    sqlx::query_as("SELECT id, name, headers, mapping FROM mapping_templates ORDER BY name")
        .fetch_all(db)
        .await
}

pub async fn template(db: &Db, id: i64) -> sqlx::Result<Option<TemplateRecord>> {
    sqlx::query_as("SELECT id, name, headers, mapping FROM mapping_templates WHERE id = $1")
        .bind(id)
        .fetch_optional(db)
        .await
}

/// Saves a template; one of the same name is replaced.
pub async fn save_template(
    db: &Db,
    name: &str,
    headers: &str,
    mapping: &str,
    author: i64,
) -> sqlx::Result<()> {
    sqlx::query(
        "INSERT INTO mapping_templates (name, headers, mapping, created_by, updated_at) VALUES ($1, $2, $3, $4, $5) \
         ON CONFLICT (name) DO UPDATE SET headers = excluded.headers, mapping = excluded.mapping, \
         created_by = excluded.created_by, updated_at = excluded.updated_at",
    )
    .bind(name)
    .bind(headers)
    .bind(mapping)
    .bind(author)
    .bind(now_ms())
    .execute(db)
    .await?;
    Ok(())
}
