use leptos::prelude::*;
use leptos::server_fn::codec::Json;

use super::error::AppError;
use super::types::{SettingsForm, SettingsView};
#[cfg(feature = "ssr")]
use super::{backend::*, roles::Permission};

#[server(endpoint = "settings/get", input = Json)]
pub async fn get_settings() -> Result<SettingsView, AppError> {
    respond(async move {
        authorize(Permission::ManageSettings)?;
        backend()?.settings().await
    })
    .await
}

#[server(endpoint = "settings/save", input = Json)]
pub async fn save_settings(form: SettingsForm) -> Result<SettingsView, AppError> {
    respond(async move {
        let (actor, parts) = authorize(Permission::ManageSettings)?;
        backend()?.save_settings(&parts, &actor, form).await
    })
    .await
}
