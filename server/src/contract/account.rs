//! Sign-in, sign-out and the own password: the calls that also start, keep or end the
//! browser session.

use app::api::backend::{AccountBackend, Caller, Connection, SessionHandle};
use app::api::types::{PasswordChangeForm, SessionUser};
use app::api::AppError;
use app::i18n::{fill, t, Lang};
use validator::Validate;

use super::AppBackend;
use crate::auth::{passwords, throttle};
use crate::db;
use crate::error::Doing;

/// The user name as sign-in takes it: trimmed, lower case, and of the shape user names are
/// created with. Anything else is refused before it is looked up, hashed or audited, so a
/// flood of huge or odd names costs neither time nor database space.
fn sign_in_username(typed: &str) -> Result<String, AppError> {
    const LONGEST_TYPED: usize = 64;
    let typed = typed.trim();
    if typed.is_empty() {
        return Err(AppError::invalid("username", t().login.enter_username_and_password));
    }
    if typed.len() > LONGEST_TYPED {
        return Err(AppError::invalid("username", t().login.username_too_long));
    }
    let username = typed.to_lowercase();
    app::api::validation::validate_username(&username)
        .map_err(|_| AppError::invalid("username", t().login.username_shape))?;
    Ok(username)
}

/// A password longer than any password can be is refused before it is hashed.
fn too_long(field: &str) -> AppError {
    AppError::invalid(field, fill(t().account.password_too_long, &[&passwords::MAX_PASSWORD_BYTES]))
}

#[async_trait::async_trait]
impl AccountBackend for AppBackend {
    async fn login(
        &self,
        from: &Connection,
        username: String,
        password: String,
    ) -> Result<SessionUser, AppError> {
        let username = sign_in_username(&username)?;
        if password.is_empty() {
            return Err(AppError::invalid("password", t().login.enter_password));
        }
        if password.len() > passwords::MAX_PASSWORD_BYTES {
            return Err(too_long("password"));
        }
        let ip = from.client_ip.map(|ip| ip.to_string());
        let user = db::users::find_by_username(&self.db, &username).await.doing("look up the account")?;
        let attempt =
            throttle::begin(&self.db, user.as_ref().map(|u| (u.id, u.username.as_str())), ip.as_deref())
                .await
                .doing("count sign-in attempts")?
                .map_err(|refusal| AppError::TooManyAttempts(refusal.message))?;
        let matches = passwords::verify(password, user.as_ref().map(|u| u.password_hash.clone())).await;
        let user = match user {
            Some(user) if matches => user,
            _ => {
                self.audit_from(None, from.client_ip, throttle::FAILED, Some(&username), None).await;
                return Err(AppError::BadCredentials);
            }
        };
        throttle::succeeded(&self.db, attempt).await.doing("count sign-in attempts")?;
        if user.disabled {
            self.audit_from(None, from.client_ip, "login_refused_disabled", Some(&username), None).await;
            return Err(AppError::Forbidden(t().login.account_disabled.into()));
        }
        from.session.0.sign_in(user.id, user.auth_version).await?;
        db::users::record_login(&self.db, user.id).await.doing("record the sign-in")?;
        let me = user.session_user();
        self.audit_from(Some(&me), from.client_ip, "login", Some(&me.username), None).await;
        Ok(me)
    }

    async fn logout(&self, caller: &Caller, session: &SessionHandle) -> Result<(), AppError> {
        session.0.sign_out().await?;
        self.audit(caller, "logout", Some(&caller.user.username), None).await;
        Ok(())
    }

    async fn change_own_password(
        &self,
        caller: &Caller,
        session: &SessionHandle,
        form: PasswordChangeForm,
    ) -> Result<(), AppError> {
        if form.current_password.len() > passwords::MAX_PASSWORD_BYTES
            || form.new_password.len() > passwords::MAX_PASSWORD_BYTES
        {
            return Err(too_long("new_password"));
        }
        form.validate()?;
        let user = &caller.user;
        let record = self.existing_user(user.id).await?;
        // Checking the current password is a guess like a sign-in (a session left open is
        // enough to try), so it is throttled the same way.
        let ip = caller.client_ip.map(|ip| ip.to_string());
        let attempt = throttle::begin(&self.db, Some((record.id, record.username.as_str())), ip.as_deref())
            .await
            .doing("count password attempts")?
            .map_err(|refusal| AppError::TooManyAttempts(refusal.message))?;
        if !passwords::verify(form.current_password, Some(record.password_hash)).await {
            self.audit(
                caller,
                throttle::FAILED,
                Some(&user.username),
                Some(app::i18n::t().audit.details.current_password.into()),
            )
            .await;
            return Err(AppError::invalid("current_password", t().account.not_current_password));
        }
        throttle::succeeded(&self.db, attempt).await.doing("count password attempts")?;
        let hash = passwords::hash(form.new_password).await.doing("hash the password")?;
        let updated = db::users::set_password(&self.db, user.id, &hash)
            .await
            .doing("save the password")?
            .ok_or_else(|| AppError::NotFound(t().account.account_gone.into()))?;
        // This session stays signed in; every other one ends.
        session.0.keep(user.id, updated.auth_version).await?;
        self.audit(caller, "password_changed", Some(&user.username), None).await;
        Ok(())
    }

    async fn set_own_language(&self, caller: &Caller, lang: Option<Lang>) -> Result<(), AppError> {
        let user = &caller.user;
        db::users::set_lang(&self.db, user.id, lang.map(Lang::code)).await.doing("save the language")?;
        let words = &app::i18n::t().audit.details;
        let detail = match lang {
            None => words.language_browser,
            Some(Lang::Ru) => words.language_ru,
            Some(Lang::En) => words.language_en,
        };
        self.audit(caller, "language_changed", Some(&user.username), Some(detail.into())).await;
        Ok(())
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn a_typed_user_name_is_trimmed_and_lowered() {
        assert_eq!(sign_in_username("  Marina.K ").unwrap(), "marina.k");
    }

    #[test]
    fn odd_user_names_are_refused_before_lookup() {
        for typed in ["", "   ", "ab", "имя", &"a".repeat(65)] {
            let AppError::Invalid(problems) = sign_in_username(typed).unwrap_err() else {
                panic!("{typed:?} was not refused as invalid")
            };
            assert_eq!(problems[0].field, "username", "{typed:?}");
        }
    }
}
