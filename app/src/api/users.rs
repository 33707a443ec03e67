use leptos::prelude::*;
use leptos::server_fn::codec::Json;

use super::error::AppError;
use super::roles::Role;
use super::types::{NewUserForm, UserRow};
#[cfg(feature = "ssr")]
use super::{backend::*, roles::Permission};

#[server(endpoint = "users/list", input = Json)]
pub async fn list_users() -> Result<Vec<UserRow>, AppError> {
    respond(async move {
        authorize(Permission::ManageUsers)?;
        backend()?.list_users().await
    })
    .await
}

#[server(endpoint = "users/create", input = Json)]
pub async fn create_user(form: NewUserForm) -> Result<UserRow, AppError> {
    respond(async move {
        let caller = authorize(Permission::ManageUsers)?;
        backend()?.create_user(&caller, form).await
    })
    .await
}

#[server(endpoint = "users/role", input = Json)]
pub async fn set_user_role(user_id: i64, role: Role) -> Result<UserRow, AppError> {
    respond(async move {
        let caller = authorize(Permission::ManageUsers)?;
        backend()?.set_user_role(&caller, user_id, role).await
    })
    .await
}

#[server(endpoint = "users/disabled", input = Json)]
pub async fn set_user_disabled(user_id: i64, disabled: bool) -> Result<UserRow, AppError> {
    respond(async move {
        let caller = authorize(Permission::ManageUsers)?;
        backend()?.set_user_disabled(&caller, user_id, disabled).await
    })
    .await
}

#[server(endpoint = "users/reset_password", input = Json)]
pub async fn reset_password(user_id: i64, new_password: String) -> Result<(), AppError> {
    respond(async move {
        let caller = authorize(Permission::ManageUsers)?;
        backend()?.reset_password(&caller, user_id, new_password).await
    })
    .await
}
