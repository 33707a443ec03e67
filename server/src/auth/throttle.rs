//! Sign-in and current-password attempts are throttled per (account, address), per address,
//! and — more loosely — per account. An attempt is counted *before* the password is checked
//! (one atomic statement per counter), so a parallel burst cannot get more checks than the
//! limit. Counting per (account, address) means a stranger guessing `admin` from one address
//! does not lock the administrator out from another one.
//!
//! The counters live in `login_attempts`, whose rows exist only for addresses that tried and
//! for accounts that exist (an unknown user name adds no row), and windows older than
//! [`WINDOW_MS`] are pruned on every attempt: a flood cannot grow the database without bound.
//! Refused attempts are not audited one by one: the first refusal of a window writes one
//! `login_throttled` row, and the window's total is written as one row when it is pruned.
//!
//! Within one window the rows are bounded too: once [`MAX_COUNTERS`] exist, an address that
//! has no counter yet is counted with every other such address under one shared counter (with
//! a limit of [`PER_OVERFLOW`]), so a flood from a million addresses adds one row, not a
//! million, and gets few guesses in all; addresses already counted keep their own counters.

use app::i18n::{fill, t};
use std::net::IpAddr;

use crate::db::{self, audit::NewEntry, Db};

pub const WINDOW_MS: i64 = 15 * 60 * 1000;
/// Attempts on one account from one address within the window.
pub const PER_ACCOUNT_ADDRESS: i64 = 5;
/// Attempts from one address within the window (covers guessing across accounts).
pub const PER_ADDRESS: i64 = 20;
/// Attempts on one account from all addresses together within the window. An address adds at
/// most [`PER_ACCOUNT_ADDRESS`] to it, so only a spread-out attack (20+ addresses) reaches it;
/// it caps how many guesses such an attack gets at one account, at the price of locking that
/// account for the rest of the window.
pub const PER_ACCOUNT: i64 = 100;
/// Counters kept at most within a window (a row is about 100 bytes: a few MB in all).
pub const MAX_COUNTERS: i64 = 50_000;
/// Attempts within the window from all the addresses counted together once the counters are
/// full.
pub const PER_OVERFLOW: i64 = 200;
/// The shared counter of addresses that came when the counters were full.
const OVERFLOW_KEY: &str = "addr:overflow";

pub const FAILED: &str = "login_failed";
pub const THROTTLED: &str = "login_throttled";
pub const THROTTLED_TOTAL: &str = "login_throttled_total";

/// The counters one attempt was counted under; hand it back to [`succeeded`].
#[derive(Debug)]
pub struct Attempt {
    counted: Vec<String>,
    account_address: Option<String>,
}

/// Why an attempt was refused without checking the password.
#[derive(Debug)]
pub struct Refusal {
    pub message: String,
}

/// The address as counted: IPv6 by its /64 (one subscriber usually holds a whole /64), an
/// IPv4-mapped IPv6 address as IPv4, anything unreadable as itself.
pub fn address_key(client_ip: Option<&str>) -> String {
    let Some(text) = client_ip else { return "unknown".into() };
    match text.parse::<IpAddr>() {
        Ok(IpAddr::V6(v6)) => match v6.to_ipv4_mapped() {
            Some(v4) => v4.to_string(),
            None => {
                let s = v6.segments();
                format!("{:x}:{:x}:{:x}:{:x}::/64", s[0], s[1], s[2], s[3])
            }
        },
        Ok(IpAddr::V4(v4)) => v4.to_string(),
        Err(_) => text.chars().take(64).collect(),
    }
}

/// Counts this attempt and says whether it may go on to the password check. `account` is the
/// existing user's id and name (None for an unknown name, which is counted per address only).
pub async fn begin(
    db: &Db,
    account: Option<(i64, &str)>,
    client_ip: Option<&str>,
) -> sqlx::Result<Result<Attempt, Refusal>> {
    begin_bounded(db, account, client_ip, MAX_COUNTERS).await
}

async fn begin_bounded(
    db: &Db,
    account: Option<(i64, &str)>,
    client_ip: Option<&str>,
    max_counters: i64,
) -> sqlx::Result<Result<Attempt, Refusal>> {
    let now = db::now_ms();
    let stale_before = now - WINDOW_MS;
    audit_ended_windows(db, stale_before).await?;
    let address = address_key(client_ip);
    let minutes = WINDOW_MS / 60_000;
    let address_counter = format!("addr:{address}");
    let overflowing = !db::login_attempts::exists(db, &address_counter).await?
        && db::login_attempts::count(db).await? >= max_counters;
    // (counter, limit, audit target, refusal)
    let mut checks: Vec<(String, i64, String, String)> = vec![if overflowing {
        (
            OVERFLOW_KEY.to_string(),
            PER_OVERFLOW,
            "many addresses".to_string(),
            fill(t().login.throttled_overflow, &[&minutes]),
        )
    } else {
        (address_counter, PER_ADDRESS, address.clone(), fill(t().login.throttled_address, &[&minutes]))
    }];
    if let Some((id, username)) = account.filter(|_| !overflowing) {
        checks.push((
            format!("acct_addr:{id}:{address}"),
            PER_ACCOUNT_ADDRESS,
            username.to_string(),
            fill(t().login.throttled_account_address, &[&minutes]),
        ));
    }
    if let Some((id, username)) = account {
        checks.push((
            format!("acct:{id}"),
            PER_ACCOUNT,
            username.to_string(),
            fill(t().login.throttled_account, &[&minutes]),
        ));
    }
    let mut counted = Vec::new();
    for (key, limit, target, message) in checks {
        let attempts = db::login_attempts::bump(db, &key, now, stale_before).await?;
        if attempts > limit {
            // The first refusal of a window is audited; the rest are counted in the row.
            let refused = db::login_attempts::add_refused(db, &key).await?;
            if refused == 1 {
                let details =
                    app::i18n::fill(app::i18n::t().audit.details.throttled, &[&key, &limit, &minutes]);
                db::audit::record(
                    db,
                    NewEntry {
                        action: THROTTLED,
                        target: Some(&target),
                        details: Some(details),
                        client_ip: client_ip.map(|ip| ip.chars().take(64).collect()),
                        ..Default::default()
                    },
                )
                .await?;
            }
            return Ok(Err(Refusal { message }));
        }
        counted.push(key);
    }
    let account_address = account.filter(|_| !overflowing).map(|(id, _)| format!("acct_addr:{id}:{address}"));
    Ok(Ok(Attempt { counted, account_address }))
}

/// The password was right: this attempt no longer counts, and the (account, address) counter
/// starts over.
pub async fn succeeded(db: &Db, attempt: Attempt) -> sqlx::Result<()> {
    for key in &attempt.counted {
        if Some(key) == attempt.account_address.as_ref() {
            db::login_attempts::clear(db, key).await?;
        } else {
            db::login_attempts::undo(db, key).await?;
        }
    }
    Ok(())
}

/// Forgets the ended windows (run hourly too, so a quiet server keeps no stale counters).
pub async fn prune(db: &Db) -> sqlx::Result<()> {
    audit_ended_windows(db, db::now_ms() - WINDOW_MS).await
}

/// Writes one audit row per ended window that refused attempts, then forgets those windows.
async fn audit_ended_windows(db: &Db, stale_before: i64) -> sqlx::Result<()> {
    for window in db::login_attempts::prune(db, stale_before).await? {
        if window.refused > 0 {
            let details = app::i18n::fill(
                app::i18n::t().audit.details.throttled_total,
                &[&window.window_start, &window.attempts, &window.refused],
            );
            db::audit::record(
                db,
                NewEntry {
                    action: THROTTLED_TOTAL,
                    target: Some(&window.scope_key),
                    details: Some(details),
                    ..Default::default()
                },
            )
            .await?;
        }
    }
    Ok(())
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn addresses_are_counted_by_subscriber() {
        assert_eq!(address_key(Some("203.0.113.7")), "203.0.113.7");
        assert_eq!(address_key(Some("2001:db8:1:2:aa:bb:cc:dd")), "2001:db8:1:2::/64");
        assert_eq!(address_key(Some("2001:db8:1:2::1")), address_key(Some("2001:db8:1:2:ffff::9")));
        assert_eq!(address_key(Some("::ffff:198.51.100.4")), "198.51.100.4");
        assert_eq!(address_key(None), "unknown");
    }

    #[tokio::test]
    async fn a_flood_from_many_addresses_adds_one_counter_once_they_are_full() {
        let dir = tempfile::tempdir().unwrap();
        let db = db::connect(&format!("sqlite://{}", dir.path().join("t.db").display())).await.unwrap();
        let account = Some((1, "admin"));
        let known = "198.51.100.1";
        assert!(begin_bounded(&db, account, Some(known), 10).await.unwrap().is_ok());
        for i in 0..300u32 {
            let ip = format!("10.{}.{}.{}", i >> 16, (i >> 8) & 255, i & 255);
            let _ = begin_bounded(&db, None, Some(&ip), 10).await.unwrap();
        }
        let rows = db::login_attempts::count(&db).await.unwrap();
        // 10 counters, then the shared one (the account's own counters were made first).
        assert!(rows <= 11, "{rows} counters");
        // The shared counter refuses once the flood used its attempts.
        let refused = begin_bounded(&db, None, Some("10.9.9.9"), 10).await.unwrap();
        assert!(refused.unwrap_err().message.contains("Сейчас слишком много"));
        // An address counted before the flood keeps its own counter and may still try.
        assert!(begin_bounded(&db, account, Some(known), 10).await.unwrap().is_ok());
    }
}
