//! First run: the data directory and the first administrator.

use anyhow::Context;
use app::api::Role;

use crate::auth::passwords;
use crate::db::{self, audit::NewEntry, Db};

pub const FIRST_ADMIN: &str = "admin";

/// Creates `admin` when there are no users at all. The password comes from
/// `OBZVON_ADMIN_PASSWORD`, or is generated and written to the log this one time; a generated
/// one has passed through the log, so it must be changed at first sign-in. A configured one
/// is the operator's own choice and is kept. Answers the generated password, if any.
pub async fn ensure_admin(db: &Db, configured_password: Option<&str>) -> anyhow::Result<Option<String>> {
    if db::users::count(db).await? > 0 {
        return Ok(None);
    }
    let (password, generated) = match configured_password {
        Some(password) => {
            app::api::validation::validate_password(password).map_err(|e| {
                anyhow::anyhow!("OBZVON_ADMIN_PASSWORD is not accepted: {}", e.message.unwrap_or_default())
            })?;
            (password.to_string(), false)
        }
        None => (passwords::generate(), true),
    };
    let hash = passwords::hash(password.clone()).await?;
    let admin = db::users::insert(db, FIRST_ADMIN, "Administrator", Role::Admin, &hash).await?;
    if generated {
        db::users::require_password_change(db, admin.id).await?;
    }
    db::audit::record(
        db,
        NewEntry {
            action: "user_created",
            target: Some(FIRST_ADMIN),
            details: Some(app::i18n::t().audit.details.first_admin.into()),
            ..Default::default()
        },
    )
    .await?;
    if generated {
        tracing::warn!(
            "first run: created user `{FIRST_ADMIN}` with password `{password}` — shown only this \
             once; it must be changed at first sign-in"
        );
    } else {
        tracing::info!(
            "first run: created user `{FIRST_ADMIN}` with the password from OBZVON_ADMIN_PASSWORD"
        );
    }
    Ok(generated.then_some(password))
}

/// Creates the data directory for its owner only (0700): it holds the database and the key
/// that decrypts stored secrets. An existing directory is left as it is, with a warning when
/// others may read it.
pub fn create_data_dir(path: &std::path::Path) -> anyhow::Result<()> {
    let mut builder = std::fs::DirBuilder::new();
    builder.recursive(true);
    #[cfg(unix)]
    {
        use std::os::unix::fs::DirBuilderExt;
        builder.mode(0o700);
    }
    builder.create(path).with_context(|| format!("cannot create the data directory {}", path.display()))?;
    #[cfg(unix)]
    {
        use std::os::unix::fs::PermissionsExt;
        let mode = std::fs::metadata(path)
            .with_context(|| format!("cannot read the data directory {}", path.display()))?
            .permissions()
            .mode();
        if mode & 0o077 != 0 {
            tracing::warn!(
                "the data directory {} can be read by other users (mode {:o}); chmod 700 it",
                path.display(),
                mode & 0o777
            );
        }
    }
    Ok(())
}
