//! Retention: raw events, audit rows and uploaded files older than OBZVON_RETENTION_DAYS are
//! pruned at start (and daily); newer ones, and what a call in progress or a running push
//! still needs, stay. Each run leaves one audit line with its counts.

use serde_json::Value;

use crate::support::*;

const DAY_MS: i64 = 24 * 3600 * 1000;

/// An upload row as retention leaves it: campaign, cells, file bytes, when pruned.
type UploadRow = (i64, String, Option<Vec<u8>>, Option<i64>);

async fn database(dir: &std::path::Path) -> sqlx::SqlitePool {
    sqlx::SqlitePool::connect(&format!("sqlite://{}", dir.join("obzvon.db").display())).await.unwrap()
}

async fn count(db: &sqlx::SqlitePool, sql: &str) -> i64 {
    sqlx::query_scalar(sql).fetch_one(db).await.unwrap()
}

#[tokio::test]
async fn old_rows_are_pruned_at_start_and_new_ones_kept() {
    let dir = tempfile::tempdir().unwrap().keep();
    let mut settings = config(&dir);
    settings.retention_days = 30;
    let server = TestServer::start_with(settings.clone()).await.unwrap();
    let admin = admin(&server).await;
    let (campaign, _) =
        campaign_with_leads(&admin, &server, "name,phone\nАнна Смирнова,8 916 123-45-67\n").await;
    server.stop().await;

    let now = chrono::Utc::now().timestamp_millis();
    let old = now - 31 * DAY_MS;
    let recent = now - 29 * DAY_MS;
    let db = database(&dir).await;
    let event = |digest: &str, entry: Option<&str>, at: i64| {
        sqlx::query(
            "INSERT INTO webhook_events (kind, digest, raw_json, call_key, entry_id, seq, received_at) \
             VALUES ('call', $1, '{}', $2, $2, 1, $3)",
        )
        .bind(digest.to_string())
        .bind(entry.map(str::to_string))
        .bind(at)
    };
    for (digest, entry, at) in [
        ("old-ended", Some("ended"), old),
        ("old-in-progress", Some("open"), old),
        ("old-no-call", None, old),
        ("recent-ended", Some("ended"), recent),
    ] {
        event(digest, entry, at).execute(&db).await.unwrap();
    }
    for (entry, outcome) in [("ended", "talked"), ("open", "in_progress")] {
        sqlx::query(
            "INSERT INTO calls (call_key, entry_id, state, last_seq, outcome, updated_at) VALUES ($1, $1, 'x', 1, $2, 0)",
        )
        .bind(entry)
        .bind(outcome)
        .execute(&db)
        .await
        .unwrap();
    }
    sqlx::query(
        "INSERT INTO webhook_malformed (kind, digest, raw_json, parse_error, received_at, last_at) \
         VALUES ('call', 'm-old', '{', 'EOF', $1, $1), ('call', 'm-new', '{', 'EOF', $2, $2)",
    )
    .bind(old)
    .bind(recent)
    .execute(&db)
    .await
    .unwrap();
    sqlx::query("INSERT INTO audit_log (at, action, details) VALUES ($1, 'old_action', 'x'), ($2, 'recent_action', 'y')")
        .bind(old)
        .bind(recent)
        .execute(&db)
        .await
        .unwrap();
    // The campaign's upload is old; a second old upload's campaign has a running push.
    sqlx::query("UPDATE lead_uploads SET created_at = $1, original = x'00'")
        .bind(old)
        .execute(&db)
        .await
        .unwrap();
    let busy_campaign: i64 = sqlx::query_scalar(
        "INSERT INTO campaigns (name, form, state, author_id, created_at, updated_at) \
         SELECT name || ' 2', form, state, author_id, created_at, updated_at FROM campaigns WHERE id = $1 RETURNING id",
    )
    .bind(campaign)
    .fetch_one(&db)
    .await
    .unwrap();
    sqlx::query(
        "INSERT INTO lead_uploads (campaign_id, file_name, source, cells, mapping, original, created_by, created_at) \
         SELECT $1, file_name, source, cells, mapping, original, created_by, created_at FROM lead_uploads WHERE campaign_id = $2",
    )
    .bind(busy_campaign)
    .bind(campaign)
    .execute(&db)
    .await
    .unwrap();
    sqlx::query(
        "INSERT INTO push_jobs (campaign_id, state, batch_size, started_at, updated_at) VALUES ($1, 'running', 10, 0, 0)",
    )
    .bind(busy_campaign)
    .execute(&db)
    .await
    .unwrap();
    db.close().await;

    // The run at start prunes before the server answers.
    let server = TestServer::start_with(settings).await.unwrap();
    let db = database(&dir).await;
    let digests: Vec<String> =
        sqlx::query_scalar("SELECT digest FROM webhook_events ORDER BY digest").fetch_all(&db).await.unwrap();
    assert_eq!(digests, ["old-in-progress", "recent-ended"], "a call in progress keeps its events");
    assert_eq!(count(&db, "SELECT COUNT(*) FROM webhook_malformed").await, 1);
    let actions: Vec<String> =
        sqlx::query_scalar("SELECT action FROM audit_log ORDER BY id").fetch_all(&db).await.unwrap();
    assert!(!actions.contains(&"old_action".to_string()), "{actions:?}");
    assert!(actions.contains(&"recent_action".to_string()), "{actions:?}");
    let uploads: Vec<UploadRow> =
        sqlx::query_as("SELECT campaign_id, cells, original, pruned_at FROM lead_uploads ORDER BY id")
            .fetch_all(&db)
            .await
            .unwrap();
    assert_eq!(uploads.len(), 2, "upload rows stay for their tasks");
    assert_eq!((uploads[0].0, uploads[0].1.as_str(), uploads[0].2.is_none()), (campaign, "[]", true));
    assert!(uploads[0].3.is_some());
    assert_eq!(uploads[1].0, busy_campaign);
    assert!(
        uploads[1].1 != "[]" && uploads[1].2.is_some() && uploads[1].3.is_none(),
        "a running push keeps its upload"
    );
    assert_eq!(count(&db, &format!("SELECT COUNT(*) FROM tasks WHERE campaign_id = {campaign}")).await, 1);
    let details: Vec<String> =
        sqlx::query_scalar("SELECT details FROM audit_log WHERE action = 'retention_pruned' ORDER BY id")
            .fetch_all(&db)
            .await
            .unwrap();
    assert_eq!(details.len(), 2, "one line per run (two starts): {details:?}");
    assert_eq!(
        // Written by the server itself, with no reader: in the installation's language, Russian.
        details[1],
        "старше 30 дн.: событий 2, нераспознанных событий 1, строк журнала 1, загрузок 1",
        "{details:?}"
    );
    db.close().await;
    // The pages still read an upload whose cells are gone.
    let signed_in = crate::support::admin(&server).await;
    let (status, overview): (_, Value) =
        call(&signed_in, &server, "leads/overview", serde_json::json!({"campaign_id": campaign})).await;
    assert_eq!(status, reqwest::StatusCode::OK, "{overview}");
    server.stop().await;
}

#[tokio::test]
async fn zero_days_keeps_everything() {
    let dir = tempfile::tempdir().unwrap().keep();
    let mut settings = config(&dir);
    settings.retention_days = 0;
    let server = TestServer::start_with(settings.clone()).await.unwrap();
    server.stop().await;
    let db = database(&dir).await;
    sqlx::query("INSERT INTO audit_log (at, action) VALUES (1, 'ancient')").execute(&db).await.unwrap();
    db.close().await;
    let server = TestServer::start_with(settings).await.unwrap();
    server.stop().await;
    let db = database(&dir).await;
    assert_eq!(count(&db, "SELECT COUNT(*) FROM audit_log WHERE action = 'ancient'").await, 1);
    assert_eq!(count(&db, "SELECT COUNT(*) FROM audit_log WHERE action = 'retention_pruned'").await, 0);
    db.close().await;
}
