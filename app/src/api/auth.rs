use leptos::prelude::*;
use leptos::server_fn::codec::Json;

use super::error::AppError;
use super::types::{PasswordChangeForm, SessionUser};
#[cfg(feature = "ssr")]
use super::{backend::*, roles::Permission};

/// Signs in. Form-encoded so the login form also works before the page is hydrated.
#[server(endpoint = "auth/login")]
pub async fn login(username: String, password: String) -> Result<SessionUser, AppError> {
    respond(async move { backend()?.login(&connection()?, username, password).await }).await
}

#[server(endpoint = "auth/logout")]
pub async fn logout() -> Result<(), AppError> {
    respond(async move {
        let caller = authorize(Permission::ViewCampaigns)?;
        backend()?.logout(&caller, &connection()?.session).await
    })
    .await
}

/// Who is signed in, if anyone. Never fails for a visitor who is not signed in.
#[server(endpoint = "auth/me")]
pub async fn me() -> Result<Option<SessionUser>, AppError> {
    Ok(current_user())
}

/// Saves the signed-in user's language; the page is then loaded anew in it.
#[server(endpoint = "auth/language", input = Json)]
pub async fn set_language(lang: Option<crate::i18n::Lang>) -> Result<(), AppError> {
    respond(async move {
        let caller = authorize(Permission::ViewCampaigns)?;
        backend()?.set_own_language(&caller, lang).await
    })
    .await
}

#[server(endpoint = "auth/password", input = Json)]
pub async fn change_password(form: PasswordChangeForm) -> Result<(), AppError> {
    respond(async move {
        let caller = authorize(Permission::ViewCampaigns)?;
        backend()?.change_own_password(&caller, &connection()?.session, form).await
    })
    .await
}
