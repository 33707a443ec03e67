//! Failed logins are throttled per account and per client address. The counts come from
//! the audit log (every failed login is recorded there anyway), so throttling survives a
//! restart and will hold across several instances sharing one database.

use crate::db::{self, Db};

pub const WINDOW_MS: i64 = 15 * 60 * 1000;
/// Failed attempts on one account within the window before it is refused.
pub const PER_ACCOUNT: i64 = 5;
/// Failed attempts from one address within the window (covers guessing across accounts).
pub const PER_ADDRESS: i64 = 20;

pub const FAILED: &str = "login_failed";

/// `Some(message)` when this login attempt must be refused without checking the password.
pub async fn check(db: &Db, username: &str, client_ip: Option<&str>) -> sqlx::Result<Option<String>> {
    let since = db::now_ms() - WINDOW_MS;
    if db::audit::count_for_target(db, FAILED, username, since).await? >= PER_ACCOUNT {
        return Ok(Some(format!(
            "Too many failed sign-in attempts for this account. Wait {} minutes and try again, \
             or ask an administrator to reset the password.",
            WINDOW_MS / 60_000
        )));
    }
    if let Some(ip) = client_ip {
        if db::audit::count_for_ip(db, FAILED, ip, since).await? >= PER_ADDRESS {
            return Ok(Some(format!(
                "Too many failed sign-in attempts from your network address. Wait {} minutes and try again.",
                WINDOW_MS / 60_000
            )));
        }
    }
    Ok(None)
}
