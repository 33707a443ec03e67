//! The people who may sign in: an administrator creates them, changes their role, disables
//! them and resets their password — never so that nobody can administer Obzvon.

use app::api::backend::{Caller, UserBackend};
use app::api::types::{NewUserForm, UserRow};
use app::api::{AppError, Role};
use app::i18n::{fill, t};
use validator::Validate;

use super::AppBackend;
use crate::auth::passwords;
use crate::db::{self, users::UserRecord};
use crate::error::Doing;
use crate::time_format;

fn no_such_user(user_id: i64) -> AppError {
    AppError::NotFound(fill(t().users.no_user, &[&user_id]))
}

impl AppBackend {
    async fn user_row(&self, user: &UserRecord) -> Result<UserRow, AppError> {
        let zone = self.time_zone().await?;
        Ok(UserRow {
            id: user.id,
            username: user.username.clone(),
            display_name: user.display_name.clone(),
            role: user.role(),
            disabled: user.disabled,
            created: time_format::for_reader(user.created_at, zone),
            last_login: user.last_login_at.map(|at| time_format::for_reader(at, zone)),
        })
    }

    pub(super) async fn existing_user(&self, user_id: i64) -> Result<UserRecord, AppError> {
        db::users::find_by_id(&self.db, user_id)
            .await
            .doing("load the user")?
            .ok_or_else(|| no_such_user(user_id))
    }

    /// Refuses a change that would leave nobody able to administer Obzvon.
    async fn keep_an_admin(&self, target: &UserRecord) -> Result<(), AppError> {
        if target.role() == Role::Admin && !target.disabled {
            let admins = db::users::count_active_admins(&self.db).await.doing("count administrators")?;
            if admins <= 1 {
                return Err(AppError::Conflict(fill(t().users.only_admin, &[&target.username])));
            }
        }
        Ok(())
    }
}

#[async_trait::async_trait]
impl UserBackend for AppBackend {
    async fn list_users(&self) -> Result<Vec<UserRow>, AppError> {
        let users = db::users::list(&self.db).await.doing("list users")?;
        let mut rows = Vec::with_capacity(users.len());
        for user in &users {
            rows.push(self.user_row(user).await?);
        }
        Ok(rows)
    }

    async fn create_user(&self, caller: &Caller, form: NewUserForm) -> Result<UserRow, AppError> {
        let form = NewUserForm {
            username: form.username.trim().to_string(),
            display_name: form.display_name.trim().to_string(),
            ..form
        };
        form.validate()?;
        let role = form.role.ok_or_else(|| AppError::invalid("role", t().users.choose_role))?;
        let hash = passwords::hash(form.password).await.doing("hash the password")?;
        let user = match db::users::insert(&self.db, &form.username, &form.display_name, role, &hash).await {
            Err(error) if db::is_unique_violation(&error) => {
                return Err(AppError::invalid("username", fill(t().users.username_taken, &[&form.username])))
            }
            inserted => inserted.doing("create the user")?,
        };
        let details = app::i18n::fill(app::i18n::t().audit.details.role, &[&role.label()]);
        self.audit(caller, "user_created", Some(&user.username), Some(details)).await;
        self.user_row(&user).await
    }

    async fn set_user_role(&self, caller: &Caller, user_id: i64, role: Role) -> Result<UserRow, AppError> {
        let target = self.existing_user(user_id).await?;
        if target.id == caller.user.id {
            return Err(AppError::Conflict(t().users.own_role.into()));
        }
        if role != Role::Admin {
            self.keep_an_admin(&target).await?;
        }
        let before = target.role();
        let updated = db::users::set_role(&self.db, user_id, role)
            .await
            .doing("change the role")?
            .ok_or_else(|| no_such_user(user_id))?;
        let details =
            app::i18n::fill(app::i18n::t().audit.details.role_changed, &[&before.label(), &role.label()]);
        self.audit(caller, "user_role_changed", Some(&updated.username), Some(details)).await;
        self.user_row(&updated).await
    }

    async fn set_user_disabled(
        &self,
        caller: &Caller,
        user_id: i64,
        disabled: bool,
    ) -> Result<UserRow, AppError> {
        let target = self.existing_user(user_id).await?;
        if disabled {
            if target.id == caller.user.id {
                return Err(AppError::Conflict(t().users.own_account.into()));
            }
            self.keep_an_admin(&target).await?;
        }
        let updated = db::users::set_disabled(&self.db, user_id, disabled)
            .await
            .doing("change the account")?
            .ok_or_else(|| no_such_user(user_id))?;
        let action = if disabled { "user_disabled" } else { "user_enabled" };
        self.audit(caller, action, Some(&updated.username), None).await;
        self.user_row(&updated).await
    }

    async fn reset_password(
        &self,
        caller: &Caller,
        user_id: i64,
        new_password: String,
    ) -> Result<(), AppError> {
        app::api::validation::validate_password(&new_password).map_err(|e| {
            AppError::invalid(
                "new_password",
                e.message.map(|m| m.to_string()).unwrap_or_else(|| t().users.password_not_allowed.into()),
            )
        })?;
        let target = self.existing_user(user_id).await?;
        let hash = passwords::hash(new_password).await.doing("hash the password")?;
        db::users::set_password(&self.db, target.id, &hash).await.doing("save the password")?;
        self.audit(caller, "password_reset", Some(&target.username), None).await;
        Ok(())
    }
}
