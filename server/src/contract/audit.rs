//! Reading the audit log, a page at a time (the other areas write it through
//! [`AppBackend::audit`]).

use app::api::backend::AuditBackend;
use app::api::types::{AuditEntry, AuditPage, AuditQuery};
use app::api::AppError;

use super::AppBackend;
use crate::db;
use crate::error::Doing;
use crate::time_format;

/// Entries on one page of the log.
const PAGE: i64 = 100;

#[async_trait::async_trait]
impl AuditBackend for AppBackend {
    async fn audit_page(&self, query: AuditQuery) -> Result<AuditPage, AppError> {
        let zone = self.time_zone().await?;
        // One more than a page tells whether there is another.
        let mut records = db::audit::page(&self.db, query.action.as_deref(), query.before_id, PAGE + 1)
            .await
            .doing("read the audit log")?;
        let has_more = records.len() as i64 > PAGE;
        records.truncate(PAGE as usize);
        let actions = db::audit::actions(&self.db).await.doing("read the audit log")?;
        Ok(AuditPage {
            entries: records
                .into_iter()
                .map(|r| AuditEntry {
                    id: r.id,
                    at: time_format::for_reader(r.at, zone),
                    actor: r.actor,
                    action: r.action,
                    target: r.target,
                    details: r.details,
                    client_ip: r.client_ip,
                })
                .collect(),
            actions,
            has_more,
        })
    }
}
