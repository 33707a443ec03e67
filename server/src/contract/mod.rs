//! The server's side of `app::api::backend::Backend`: what each server function does once
//! the caller's role has been checked.

use std::net::SocketAddr;
use std::str::FromStr;
use std::sync::Arc;

use app::api::backend::Backend;
use app::api::campaigns::{CampaignAction, CampaignDetail, CampaignForm, CampaignFormOptions, CampaignRow};
use app::api::directory::DirectoryView;
use app::api::leads::{ColumnMapping, LeadsOverview, MappingTemplate, PushControl, PushView, UploadView};
use app::api::settings::{ConnectionCheck, ConnectionReport};
use app::api::types::*;
use app::api::{AppError, Role};
use axum::extract::ConnectInfo;
use http::request::Parts;
use tower_sessions::Session;
use validator::Validate;

use crate::auth::session::{self, SessionAuth};
use crate::auth::{passwords, throttle};
use crate::campaigns::Campaigns;
use crate::crypto::SecretBox;
use crate::db::{self, audit::NewEntry, users::UserRecord, Db};
use crate::leads::lists::LeadLists;
use crate::mango::directory::{part_label, DirectorySync};
use crate::mango::link::MangoLink;
use crate::mango::settings::{self as mango_settings, Settings};
use crate::mango::types::UsersRequest;
use crate::time_format;

pub struct AppBackend {
    pub db: Db,
    pub secrets: Arc<SecretBox>,
    pub public_url: String,
    pub link: Arc<MangoLink>,
    pub directory: Arc<DirectorySync>,
    pub campaigns: Arc<Campaigns>,
    pub leads: Arc<LeadLists>,
    pub callbacks: Arc<crate::callbacks::Callbacks>,
}

/// A check of "Test connection" that failed, with MANGO's code and its description.
fn failed_check(method: &str, error: &crate::mango::MangoError) -> ConnectionCheck {
    ConnectionCheck { method: method.into(), ok: false, detail: error.to_string(), code: error.code() }
}

/// Manual 3.8.1 names two paths for `campaign/get_list`: one check reports each, and passes
/// when one answers.
fn list_paths_check(probes: &[crate::mango::client::ListPathProbe]) -> ConnectionCheck {
    let each: Vec<String> = probes
        .iter()
        .map(|p| match &p.outcome {
            Ok(count) => format!("/{} answers ({count} campaigns)", p.path),
            Err(why) => format!("/{} does not answer ({why})", p.path),
        })
        .collect();
    let answering = probes.iter().find(|p| p.outcome.is_ok());
    let verdict = match answering {
        Some(p) => format!("; using /{}", p.path),
        None => "; campaign status and push checks cannot work".into(),
    };
    ConnectionCheck {
        method: "campaign/get_list".into(),
        ok: answering.is_some(),
        detail: format!("{}{verdict}", each.join("; ")),
        code: if answering.is_some() { None } else { probes.iter().find_map(|p| p.code) },
    }
}

/// Logs the real cause and gives the user a message about what failed.
fn internal(doing: &str) -> impl FnOnce(anyhow::Error) -> AppError + '_ {
    move |error| {
        tracing::error!(error = format!("{error:#}"), "could not {doing}");
        AppError::Internal(doing.to_string())
    }
}

fn db_error(doing: &str) -> impl FnOnce(sqlx::Error) -> AppError + '_ {
    move |error| internal(doing)(error.into())
}

fn client_ip(parts: &Parts) -> Option<String> {
    parts.extensions.get::<ConnectInfo<SocketAddr>>().map(|info| info.0.ip().to_string())
}

/// The user name as sign-in takes it: trimmed, lower case, and of the shape user names are
/// created with. Anything else is refused before it is looked up, hashed or audited, so a
/// flood of huge or odd names costs neither time nor database space.
fn sign_in_username(typed: &str) -> Result<String, AppError> {
    const LONGEST_TYPED: usize = 64;
    let typed = typed.trim();
    if typed.is_empty() {
        return Err(AppError::invalid("username", "Enter your username and password."));
    }
    if typed.len() > LONGEST_TYPED {
        return Err(AppError::invalid(
            "username",
            "No user name is that long: user names have 3 to 32 characters.",
        ));
    }
    let username = typed.to_lowercase();
    app::api::validation::validate_username(&username).map_err(|_| {
        AppError::invalid(
            "username",
            "No user name looks like this: user names have 3 to 32 lowercase Latin letters, digits, \
             “.”, “-” or “_”.",
        )
    })?;
    Ok(username)
}

fn session_of(parts: &Parts) -> Result<Session, AppError> {
    parts.extensions.get::<Session>().cloned().ok_or_else(|| AppError::Internal("find the session".into()))
}

impl AppBackend {
    async fn audit(
        &self,
        parts: &Parts,
        actor: Option<&SessionUser>,
        action: &str,
        target: Option<&str>,
        details: Option<String>,
    ) {
        let entry = NewEntry {
            actor_id: actor.map(|a| a.id),
            actor: actor.map(|a| a.username.as_str()),
            action,
            target,
            details,
            client_ip: client_ip(parts),
        };
        if let Err(error) = db::audit::record(&self.db, entry).await {
            // The action itself already happened; losing its audit line must be loud.
            tracing::error!(%error, action, "could not write to the audit log");
        }
    }

    async fn settings(&self) -> Result<Settings, AppError> {
        Settings::load(&self.db, &self.secrets).await.map_err(internal("read the settings"))
    }

    async fn user_row(&self, user: &UserRecord) -> Result<UserRow, AppError> {
        let zone = self.settings().await?.time_zone();
        Ok(UserRow {
            id: user.id,
            username: user.username.clone(),
            display_name: user.display_name.clone(),
            role: user.role(),
            disabled: user.disabled,
            created: time_format::local(user.created_at, zone),
            last_login: user.last_login_at.map(|at| time_format::local(at, zone)),
        })
    }

    async fn existing_user(&self, user_id: i64) -> Result<UserRecord, AppError> {
        db::users::find_by_id(&self.db, user_id)
            .await
            .map_err(db_error("load the user"))?
            .ok_or_else(|| AppError::NotFound(format!("There is no user with id {user_id}.")))
    }

    /// Refuses a change that would leave nobody able to administer Obzvon.
    async fn keep_an_admin(&self, target: &UserRecord) -> Result<(), AppError> {
        if target.role() == Role::Admin && !target.disabled {
            let admins =
                db::users::count_active_admins(&self.db).await.map_err(db_error("count administrators"))?;
            if admins <= 1 {
                return Err(AppError::Conflict(format!(
                    "{} is the only active administrator; make someone else an administrator first.",
                    target.username
                )));
            }
        }
        Ok(())
    }
}

#[async_trait::async_trait]
impl Backend for AppBackend {
    async fn login(
        &self,
        parts: &Parts,
        username: String,
        password: String,
    ) -> Result<SessionUser, AppError> {
        let username = sign_in_username(&username)?;
        if password.is_empty() {
            return Err(AppError::invalid("password", "Enter your password."));
        }
        if password.len() > passwords::MAX_PASSWORD_BYTES {
            return Err(AppError::invalid(
                "password",
                format!("A password is at most {} bytes.", passwords::MAX_PASSWORD_BYTES),
            ));
        }
        let ip = client_ip(parts);
        let user = db::users::find_by_username(&self.db, &username)
            .await
            .map_err(db_error("look up the account"))?;
        let attempt =
            throttle::begin(&self.db, user.as_ref().map(|u| (u.id, u.username.as_str())), ip.as_deref())
                .await
                .map_err(db_error("count sign-in attempts"))?
                .map_err(|refusal| AppError::TooManyAttempts(refusal.message))?;
        let matches = passwords::verify(password, user.as_ref().map(|u| u.password_hash.clone())).await;
        let user = match user {
            Some(user) if matches => user,
            _ => {
                self.audit(parts, None, throttle::FAILED, Some(&username), None).await;
                return Err(AppError::BadCredentials);
            }
        };
        throttle::succeeded(&self.db, attempt).await.map_err(db_error("count sign-in attempts"))?;
        if user.disabled {
            self.audit(parts, None, "login_refused_disabled", Some(&username), None).await;
            return Err(AppError::Forbidden(
                "This account is disabled. Ask an administrator to enable it.".into(),
            ));
        }
        let session = session_of(parts)?;
        session::sign_in(&session, SessionAuth::new(user.id, user.auth_version))
            .await
            .map_err(|e| internal("start a session")(e.into()))?;
        db::users::record_login(&self.db, user.id).await.map_err(db_error("record the sign-in"))?;
        let me = user.session_user();
        self.audit(parts, Some(&me), "login", Some(&me.username), None).await;
        Ok(me)
    }

    async fn logout(&self, parts: &Parts, user: &SessionUser) -> Result<(), AppError> {
        session::sign_out(&session_of(parts)?).await.map_err(|e| internal("end the session")(e.into()))?;
        self.audit(parts, Some(user), "logout", Some(&user.username), None).await;
        Ok(())
    }

    async fn change_own_password(
        &self,
        parts: &Parts,
        user: &SessionUser,
        form: PasswordChangeForm,
    ) -> Result<(), AppError> {
        if form.current_password.len() > passwords::MAX_PASSWORD_BYTES
            || form.new_password.len() > passwords::MAX_PASSWORD_BYTES
        {
            return Err(AppError::invalid(
                "new_password",
                format!("A password is at most {} bytes.", passwords::MAX_PASSWORD_BYTES),
            ));
        }
        form.validate()?;
        let record = self.existing_user(user.id).await?;
        // Checking the current password is a guess like a sign-in (a session left open is
        // enough to try), so it is throttled the same way.
        let ip = client_ip(parts);
        let attempt = throttle::begin(&self.db, Some((record.id, record.username.as_str())), ip.as_deref())
            .await
            .map_err(db_error("count password attempts"))?
            .map_err(|refusal| AppError::TooManyAttempts(refusal.message))?;
        if !passwords::verify(form.current_password, Some(record.password_hash)).await {
            self.audit(
                parts,
                Some(user),
                throttle::FAILED,
                Some(&user.username),
                Some("current password".into()),
            )
            .await;
            return Err(AppError::invalid("current_password", "This is not your current password."));
        }
        throttle::succeeded(&self.db, attempt).await.map_err(db_error("count password attempts"))?;
        let hash = passwords::hash(form.new_password).await.map_err(internal("hash the password"))?;
        let updated = db::users::set_password(&self.db, user.id, &hash)
            .await
            .map_err(db_error("save the password"))?
            .ok_or_else(|| AppError::NotFound("Your account no longer exists.".into()))?;
        // This session stays signed in; every other one ends.
        session::update(&session_of(parts)?, SessionAuth::new(user.id, updated.auth_version))
            .await
            .map_err(|e| internal("update the session")(e.into()))?;
        self.audit(parts, Some(user), "password_changed", Some(&user.username), None).await;
        Ok(())
    }

    async fn list_users(&self) -> Result<Vec<UserRow>, AppError> {
        let users = db::users::list(&self.db).await.map_err(db_error("list users"))?;
        let mut rows = Vec::with_capacity(users.len());
        for user in &users {
            rows.push(self.user_row(user).await?);
        }
        Ok(rows)
    }

    async fn create_user(
        &self,
        parts: &Parts,
        actor: &SessionUser,
        form: NewUserForm,
    ) -> Result<UserRow, AppError> {
        let form = NewUserForm {
            username: form.username.trim().to_string(),
            display_name: form.display_name.trim().to_string(),
            ..form
        };
        form.validate()?;
        let role = form.role.ok_or_else(|| AppError::invalid("role", "Choose a role."))?;
        let hash = passwords::hash(form.password).await.map_err(internal("hash the password"))?;
        let user = db::users::insert(&self.db, &form.username, &form.display_name, role, &hash)
            .await
            .map_err(|error| {
                if db::is_unique_violation(&error) {
                    AppError::invalid("username", format!("The username {} is taken.", form.username))
                } else {
                    db_error("create the user")(error)
                }
            })?;
        self.audit(
            parts,
            Some(actor),
            "user_created",
            Some(&user.username),
            Some(format!("role {}", role.as_str())),
        )
        .await;
        self.user_row(&user).await
    }

    async fn set_user_role(
        &self,
        parts: &Parts,
        actor: &SessionUser,
        user_id: i64,
        role: Role,
    ) -> Result<UserRow, AppError> {
        let target = self.existing_user(user_id).await?;
        if target.id == actor.id {
            return Err(AppError::Conflict(
                "You cannot change your own role; ask another administrator.".into(),
            ));
        }
        if role != Role::Admin {
            self.keep_an_admin(&target).await?;
        }
        let before = target.role();
        let updated = db::users::set_role(&self.db, user_id, role)
            .await
            .map_err(db_error("change the role"))?
            .ok_or_else(|| AppError::NotFound(format!("There is no user with id {user_id}.")))?;
        self.audit(
            parts,
            Some(actor),
            "user_role_changed",
            Some(&updated.username),
            Some(format!("{} → {}", before.as_str(), role.as_str())),
        )
        .await;
        self.user_row(&updated).await
    }

    async fn set_user_disabled(
        &self,
        parts: &Parts,
        actor: &SessionUser,
        user_id: i64,
        disabled: bool,
    ) -> Result<UserRow, AppError> {
        let target = self.existing_user(user_id).await?;
        if disabled {
            if target.id == actor.id {
                return Err(AppError::Conflict("You cannot disable your own account.".into()));
            }
            self.keep_an_admin(&target).await?;
        }
        let updated = db::users::set_disabled(&self.db, user_id, disabled)
            .await
            .map_err(db_error("change the account"))?
            .ok_or_else(|| AppError::NotFound(format!("There is no user with id {user_id}.")))?;
        let action = if disabled { "user_disabled" } else { "user_enabled" };
        self.audit(parts, Some(actor), action, Some(&updated.username), None).await;
        self.user_row(&updated).await
    }

    async fn reset_password(
        &self,
        parts: &Parts,
        actor: &SessionUser,
        user_id: i64,
        new_password: String,
    ) -> Result<(), AppError> {
        app::api::validation::validate_password(&new_password).map_err(|e| {
            AppError::invalid(
                "new_password",
                e.message.map(|m| m.to_string()).unwrap_or_else(|| "This password is not allowed.".into()),
            )
        })?;
        let target = self.existing_user(user_id).await?;
        let hash = passwords::hash(new_password).await.map_err(internal("hash the password"))?;
        db::users::set_password(&self.db, target.id, &hash).await.map_err(db_error("save the password"))?;
        self.audit(parts, Some(actor), "password_reset", Some(&target.username), None).await;
        Ok(())
    }

    async fn audit_page(&self, query: AuditQuery) -> Result<AuditPage, AppError> {
        const PAGE: i64 = 100;
        let zone = self.settings().await?.time_zone();
        let mut records = db::audit::page(&self.db, query.action.as_deref(), query.before_id, PAGE + 1)
            .await
            .map_err(db_error("read the audit log"))?;
        let has_more = records.len() as i64 > PAGE;
        records.truncate(PAGE as usize);
        let actions = db::audit::actions(&self.db).await.map_err(db_error("read the audit log"))?;
        Ok(AuditPage {
            entries: records
                .into_iter()
                .map(|r| AuditEntry {
                    id: r.id,
                    at: time_format::local(r.at, zone),
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

    async fn settings(&self) -> Result<SettingsView, AppError> {
        Ok(self.settings().await?.view(&self.public_url))
    }

    async fn save_settings(
        &self,
        parts: &Parts,
        actor: &SessionUser,
        form: SettingsForm,
    ) -> Result<SettingsView, AppError> {
        form.validate()?;
        let mut problems = Vec::new();
        for (field, value) in [("vpbx_base_url", &form.vpbx_base_url), ("cc_base_url", &form.cc_base_url)] {
            if !matches!(
                url::Url::parse(value).map(|u| u.scheme().to_string()).as_deref(),
                Ok("https") | Ok("http")
            ) {
                problems.push(app::api::FieldError {
                    field: field.into(),
                    message: "Use an http:// or https:// address.".into(),
                });
            }
        }
        for (field, message) in mango_settings::connection_problems(&form, self.link.address_policy()) {
            problems.push(app::api::FieldError { field: field.into(), message });
        }
        if chrono_tz::Tz::from_str(&form.timezone).is_err() {
            problems.push(app::api::FieldError {
                field: "timezone".into(),
                message: format!("{} is not a known time zone.", form.timezone),
            });
        }
        if phonenumber::country::Id::from_str(&form.phone_region).is_err() {
            problems.push(app::api::FieldError {
                field: "phone_region".into(),
                message: format!("{} is not a country code the phone-number rules know.", form.phone_region),
            });
        }
        if !problems.is_empty() {
            return Err(AppError::Invalid(problems));
        }
        let before = self.settings().await?;
        let changes = mango_settings::changes(&before, &form, &self.secrets);
        if !changes.is_empty() {
            db::settings::apply(
                &self.db,
                &changes.iter().map(|c| (c.key.to_string(), c.stored.clone())).collect::<Vec<_>>(),
                Some(actor.id),
            )
            .await
            .map_err(db_error("save the settings"))?;
            let details = changes.iter().map(|c| c.describe()).collect::<Vec<_>>().join("; ");
            self.audit(parts, Some(actor), "settings_changed", None, Some(details)).await;
            if changes.iter().any(|c| mango_settings::CONNECTION_KEYS.contains(&c.key)) {
                // Events are checked against the new key and salt from now on.
                self.link.settings_changed();
                // Another MANGO: its directory replaces the cached one, in the background.
                let directory = self.directory.clone();
                tokio::spawn(async move {
                    if let Err(error) = directory.refresh().await {
                        tracing::warn!(
                            error = format!("{error:#}"),
                            "directory refresh after a settings change failed"
                        );
                    }
                });
            }
        }
        Ok(self.settings().await?.view(&self.public_url))
    }

    async fn event_health(&self) -> Result<app::api::settings::EventHealth, AppError> {
        let zone = self.settings().await?.time_zone();
        crate::calls::webhooks::health::view(&self.db, &self.public_url, zone)
            .await
            .map_err(db_error("read the event receiver's state"))
    }

    async fn test_connection(
        &self,
        parts: &Parts,
        actor: &SessionUser,
    ) -> Result<ConnectionReport, AppError> {
        let settings = self.settings().await?;
        let connected = self.link.connect_with(&settings).map_err(internal("set up the MANGO client"))?;
        let mut checks = Vec::new();
        // Manual 3.6.6 (balance) and 3.6.1 (employees): two reads that prove the key and
        // salt are accepted without changing anything in the account.
        checks.push(match connected.client.balance().await {
            Ok(answer) => ConnectionCheck {
                method: "account/balance".into(),
                ok: true,
                detail: format!("Balance {:.2} {}", answer.balance, answer.currency.as_deref().unwrap_or(""))
                    .trim_end()
                    .to_string(),
                code: None,
            },
            Err(error) => failed_check("account/balance", &error),
        });
        checks.push(match connected.client.users(&UsersRequest::default()).await {
            Ok(answer) => ConnectionCheck {
                method: "config/users/request".into(),
                ok: true,
                detail: format!("{} employees", answer.users.len()),
                code: None,
            },
            Err(error) => failed_check("config/users/request", &error),
        });
        checks.push(list_paths_check(&connected.client.probe_campaign_lists().await));
        let report = ConnectionReport {
            sandbox: connected.sandbox,
            target: connected.client.config().vpbx_base.clone(),
            checks,
        };
        let outcome = if report.ok() { "succeeded" } else { "failed" };
        self.audit(
            parts,
            Some(actor),
            "connection_tested",
            None,
            Some(format!("{outcome} against {}", report.target)),
        )
        .await;
        Ok(report)
    }

    async fn mango_health(&self) -> Result<app::api::settings::MangoHealth, AppError> {
        // What was learnt needs no connection: a MANGO that cannot be called (e.g. not on
        // loopback under OBZVON_MANGO_LOOPBACK_ONLY) still gets its panel, with nothing learnt.
        let Ok(connected) = self.link.connect().await else {
            let (sandbox, _) = self.link.source().await.map_err(internal("read the MANGO settings"))?;
            return Ok(app::api::settings::MangoHealth {
                sandbox,
                campaign_list_path: None,
                campaign_list_paths: crate::mango::endpoint::CAMPAIGN_LIST_PATHS
                    .iter()
                    .map(|p| p.to_string())
                    .collect(),
                cc_unavailable: None,
            });
        };
        Ok(app::api::settings::MangoHealth {
            sandbox: connected.sandbox,
            campaign_list_path: connected.client.campaign_list_path(),
            campaign_list_paths: connected.client.config().campaign_list_paths.clone(),
            cc_unavailable: self.callbacks.cc_unavailable().await,
        })
    }

    async fn directory(&self) -> Result<DirectoryView, AppError> {
        let zone = self.settings().await?.time_zone();
        self.directory.view(zone).await.map_err(internal("read the directory"))
    }

    async fn results(
        &self,
        campaign_id: i64,
        filter: app::api::results::ResultsFilter,
    ) -> Result<app::api::results::ResultsView, AppError> {
        let zone = self.settings().await?.time_zone();
        crate::calls::results::results(&self.db, campaign_id, &filter, zone).await
    }

    async fn board(&self, campaign_id: i64) -> Result<app::api::board::BoardView, AppError> {
        let zone = self.settings().await?.time_zone();
        crate::calls::board::board(&self.db, campaign_id, zone).await
    }

    async fn leads_overview(&self, campaign_id: i64) -> Result<LeadsOverview, AppError> {
        let zone = self.settings().await?.time_zone();
        self.leads.overview(campaign_id, zone).await
    }

    async fn upload(&self, upload_id: i64) -> Result<UploadView, AppError> {
        let settings = self.settings().await?;
        self.leads.view(upload_id, &settings.phone_region, settings.time_zone()).await
    }

    async fn remap_upload(
        &self,
        parts: &Parts,
        actor: &SessionUser,
        upload_id: i64,
        mapping: ColumnMapping,
    ) -> Result<UploadView, AppError> {
        self.leads.remap(upload_id, mapping.clone()).await?;
        let roles = mapping.roles.iter().map(|r| r.key()).collect::<Vec<_>>().join(", ");
        self.audit(
            parts,
            Some(actor),
            "lead_list_remapped",
            Some(&format!("upload {upload_id}")),
            Some(format!("header: {}; {roles}", mapping.has_header)),
        )
        .await;
        self.upload(upload_id).await
    }

    async fn choose_sheet(
        &self,
        parts: &Parts,
        actor: &SessionUser,
        upload_id: i64,
        sheet: String,
    ) -> Result<UploadView, AppError> {
        self.leads.choose_sheet(upload_id, &sheet).await?;
        self.audit(
            parts,
            Some(actor),
            "lead_list_sheet_chosen",
            Some(&format!("upload {upload_id}")),
            Some(sheet),
        )
        .await;
        self.upload(upload_id).await
    }

    async fn mapping_templates(&self) -> Result<Vec<MappingTemplate>, AppError> {
        self.leads.templates().await
    }

    async fn save_mapping_template(
        &self,
        parts: &Parts,
        actor: &SessionUser,
        upload_id: i64,
        name: String,
    ) -> Result<Vec<MappingTemplate>, AppError> {
        self.leads.save_template(upload_id, &name, actor.id).await?;
        self.audit(
            parts,
            Some(actor),
            "mapping_template_saved",
            Some(&format!("upload {upload_id}")),
            Some(name),
        )
        .await;
        self.leads.templates().await
    }

    async fn apply_mapping_template(
        &self,
        parts: &Parts,
        actor: &SessionUser,
        upload_id: i64,
        template_id: i64,
    ) -> Result<UploadView, AppError> {
        self.leads.apply_template(upload_id, template_id).await?;
        self.audit(
            parts,
            Some(actor),
            "mapping_template_applied",
            Some(&format!("upload {upload_id}")),
            Some(format!("template {template_id}")),
        )
        .await;
        self.upload(upload_id).await
    }

    async fn fix_row(
        &self,
        parts: &Parts,
        actor: &SessionUser,
        upload_id: i64,
        row: usize,
        cells: Vec<String>,
    ) -> Result<UploadView, AppError> {
        self.leads.fix_row(upload_id, row, cells).await?;
        self.audit(
            parts,
            Some(actor),
            "lead_row_fixed",
            Some(&format!("upload {upload_id}")),
            Some(format!("row {row}")),
        )
        .await;
        self.upload(upload_id).await
    }

    async fn accept_upload(
        &self,
        parts: &Parts,
        actor: &SessionUser,
        upload_id: i64,
        batch_size: i64,
    ) -> Result<PushView, AppError> {
        let region = self.settings().await?.phone_region;
        let added = self.leads.accept(upload_id, &region, batch_size).await?;
        let view = self.leads.view(upload_id, &region, chrono_tz::UTC).await?;
        self.audit(
            parts,
            Some(actor),
            "tasks_added",
            Some(&format!("campaign {}", view.campaign_id)),
            Some(format!("{added} tasks from upload {upload_id}; pushing {batch_size} per request")),
        )
        .await;
        self.leads.push_view(view.campaign_id).await
    }

    async fn control_push(
        &self,
        parts: &Parts,
        actor: &SessionUser,
        campaign_id: i64,
        control: PushControl,
    ) -> Result<PushView, AppError> {
        self.leads.control(campaign_id, control).await?;
        let action = match control {
            PushControl::Pause => "push_paused",
            PushControl::Resume => "push_resumed",
        };
        self.audit(parts, Some(actor), action, Some(&format!("campaign {campaign_id}")), None).await;
        self.leads.push_view(campaign_id).await
    }

    async fn list_campaigns(&self) -> Result<Vec<CampaignRow>, AppError> {
        let zone = self.settings().await?.time_zone();
        self.campaigns.list(zone).await
    }

    async fn campaign(&self, id: i64) -> Result<CampaignDetail, AppError> {
        let zone = self.settings().await?.time_zone();
        let mut detail = self.campaigns.detail(id, zone).await?;
        let directory = self.directory.view(zone).await.map_err(internal("read the directory"))?;
        let form = &detail.form;
        let audio = |id: Option<i64>| {
            id.map(|id| {
                directory
                    .audio_files
                    .iter()
                    .find(|a| a.audio_id == id)
                    .map(|a| a.name.clone())
                    .unwrap_or_else(|| format!("audio file {id}"))
            })
        };
        let operator = |id: i64| {
            directory
                .operators
                .iter()
                .find(|o| o.user_id == id)
                .map(|o| o.title())
                .unwrap_or_else(|| format!("employee {id}"))
        };
        detail.names = app::api::campaigns::CampaignNames {
            line: form.line_id.map(|id| {
                directory
                    .lines
                    .iter()
                    .find(|l| l.line_id == id)
                    .map(|l| l.title())
                    .unwrap_or_else(|| format!("line {id}"))
            }),
            author: form.author_user_id.map(operator),
            operators: form.operators.iter().map(|id| operator(*id)).collect(),
            voice_message: audio(form.voice_message_id),
            hold_message: audio(form.hold_message_id),
        };
        Ok(detail)
    }

    async fn campaign_form_options(&self) -> Result<CampaignFormOptions, AppError> {
        let settings = self.settings().await?;
        let directory =
            self.directory.view(settings.time_zone()).await.map_err(internal("read the directory"))?;
        let directory_fetched_at = directory.parts.first().and_then(|p| p.fetched_at.clone());
        Ok(CampaignFormOptions {
            operators: directory.operators,
            lines: directory.lines,
            audio_files: directory.audio_files,
            default_timezone: settings.timezone.clone(),
            time_zones: chrono_tz::TZ_VARIANTS.iter().map(|tz| tz.name().to_string()).collect(),
            sandbox: directory.sandbox,
            directory_fetched_at,
        })
    }

    async fn save_campaign(
        &self,
        parts: &Parts,
        actor: &SessionUser,
        id: Option<i64>,
        form: CampaignForm,
    ) -> Result<CampaignDetail, AppError> {
        let name = form.name.trim().to_string();
        let saved = self.campaigns.save(actor.id, id, form).await?;
        let action = if id.is_some() { "campaign_draft_saved" } else { "campaign_draft_created" };
        self.audit(parts, Some(actor), action, Some(&format!("campaign {saved}")), Some(name)).await;
        self.campaign(saved).await
    }

    async fn duplicate_campaign(
        &self,
        parts: &Parts,
        actor: &SessionUser,
        id: i64,
    ) -> Result<CampaignDetail, AppError> {
        let copy = self.campaigns.duplicate(actor.id, id).await?;
        self.audit(
            parts,
            Some(actor),
            "campaign_duplicated",
            Some(&format!("campaign {copy}")),
            Some(format!("from campaign {id}")),
        )
        .await;
        self.campaign(copy).await
    }

    async fn act_on_campaign(
        &self,
        parts: &Parts,
        actor: &SessionUser,
        id: i64,
        action: CampaignAction,
    ) -> Result<CampaignDetail, AppError> {
        let may_delete = actor.role.allows(app::api::Permission::DeleteCampaigns);
        let name = match action {
            CampaignAction::Create => "campaign_created_in_mango",
            CampaignAction::Start => "campaign_started",
            CampaignAction::Stop => "campaign_stopped",
            CampaignAction::Delete => "campaign_deleted",
        };
        let target = format!("campaign {id}");
        match self.campaigns.act(id, action, may_delete).await {
            Ok(details) => {
                self.audit(parts, Some(actor), name, Some(&target), Some(details)).await;
                match self.campaign(id).await {
                    // A discarded draft is gone; the page goes back to the list.
                    Err(AppError::NotFound(_)) if action == CampaignAction::Delete => {
                        Err(AppError::NotFound("The draft was discarded.".into()))
                    }
                    other => other,
                }
            }
            Err(error) => {
                if matches!(error, AppError::Mango { .. }) {
                    self.audit(
                        parts,
                        Some(actor),
                        &format!("{name}_refused"),
                        Some(&target),
                        Some(error.to_string()),
                    )
                    .await;
                }
                Err(error)
            }
        }
    }

    async fn callbacks(&self) -> Result<app::api::callbacks::CallbacksView, AppError> {
        let zone = self.settings().await?.time_zone();
        self.callbacks.list(zone).await
    }

    async fn callback_options(&self) -> Result<app::api::callbacks::CallbackOptions, AppError> {
        let settings = self.settings().await?;
        let directory =
            self.directory.view(settings.time_zone()).await.map_err(internal("read the directory"))?;
        Ok(app::api::callbacks::CallbackOptions {
            operators: directory.operators,
            default_timezone: settings.timezone.clone(),
            time_zones: chrono_tz::TZ_VARIANTS.iter().map(|tz| tz.name().to_string()).collect(),
            sandbox: directory.sandbox,
        })
    }

    async fn create_callback(
        &self,
        parts: &Parts,
        actor: &SessionUser,
        form: app::api::callbacks::CallbackForm,
    ) -> Result<app::api::callbacks::CallbackRow, AppError> {
        let settings = self.settings().await?;
        let row =
            self.callbacks.create_one(actor, form, &settings.phone_region, settings.time_zone()).await?;
        let details = format!("{} for {} at {}: {}", row.operator, row.number, row.due_at, row.state.label());
        self.audit(
            parts,
            Some(actor),
            "callback_created",
            Some(&format!("callback {}", row.id)),
            Some(details),
        )
        .await;
        Ok(row)
    }

    async fn create_callbacks(
        &self,
        parts: &Parts,
        actor: &SessionUser,
        form: app::api::callbacks::BulkCallbackForm,
    ) -> Result<app::api::callbacks::BatchView, AppError> {
        let zone = self.settings().await?.time_zone();
        let leads = match &form.selection {
            app::api::callbacks::CallbackSelection::Leads(ids) => ids.clone(),
            app::api::callbacks::CallbackSelection::Matching(filter) => {
                crate::calls::results::matching_leads(&self.db, form.campaign_id, filter, zone).await?
            }
        };
        let campaign = form.campaign_id;
        let view = self.callbacks.create_batch(actor, form, leads, zone).await?;
        if !view.repeated {
            let details =
                format!("{} callbacks queued, {} leads skipped", view.total - view.skipped, view.skipped);
            self.audit(
                parts,
                Some(actor),
                "callbacks_requested",
                Some(&format!("campaign {campaign}")),
                Some(details),
            )
            .await;
        }
        Ok(view)
    }

    async fn callback_batch(&self, batch_id: i64) -> Result<app::api::callbacks::BatchView, AppError> {
        let zone = self.settings().await?.time_zone();
        self.callbacks.batch_view(batch_id, zone).await
    }

    async fn refresh_directory(&self, parts: &Parts, actor: &SessionUser) -> Result<DirectoryView, AppError> {
        let report = self.directory.refresh().await.map_err(internal("refresh the directory"))?;
        let details = if report.failures.is_empty() {
            "all parts fetched".to_string()
        } else {
            report
                .failures
                .iter()
                .map(|(part, error)| format!("{}: {error}", part_label(*part)))
                .collect::<Vec<_>>()
                .join("; ")
        };
        self.audit(parts, Some(actor), "directory_refreshed", None, Some(details)).await;
        self.directory().await
    }
}
