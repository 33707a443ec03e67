use leptos::prelude::*;
use leptos::server_fn::codec::Json;

use super::error::AppError;
use super::types::{AuditPage, AuditQuery};
#[cfg(feature = "ssr")]
use super::{backend::*, roles::Permission};

#[server(endpoint = "audit/list", input = Json)]
pub async fn list_audit(query: AuditQuery) -> Result<AuditPage, AppError> {
    respond(async move {
        authorize(Permission::ViewAuditLog)?;
        backend()?.audit_page(query).await
    })
    .await
}
