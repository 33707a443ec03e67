//! The receiver's state for Settings: the last event, MANGO's connection checks, and events
//! refused for a wrong key or a missing sign.

use app::api::settings::EventHealth;
use chrono_tz::Tz;

use crate::db::{events as store, Db};
use crate::time_format;

pub async fn view(db: &Db, public_url: &str, zone: Tz) -> sqlx::Result<EventHealth> {
    let rows = store::health(db).await?;
    let row = |what: &str| rows.iter().find(|r| r.what == what);
    let at = |what: &str| row(what).filter(|r| r.count > 0).map(|r| time_format::for_reader(r.last_at, zone));
    let count = |what: &str| row(what).map_or(0, |r| r.count);
    let last = store::last_event(db).await?;
    Ok(EventHealth {
        address: format!("{}/events", public_url.trim_end_matches('/')),
        last_event_at: last.as_ref().map(|(_, ms)| time_format::for_reader(*ms, zone)),
        last_event_kind: last.map(|(kind, _)| kind),
        pings: count("ping"),
        last_ping_at: at("ping"),
        refused: count("refused"),
        last_refused_at: at("refused"),
        last_refused_reason: row("refused").and_then(|r| r.detail.clone()),
        unsigned_refused: count("unsigned_refused"),
        last_unsigned_refused_at: at("unsigned_refused"),
        unsigned_accepted: count("unsigned_accepted"),
        sources_checked: row("sources").and_then(|r| r.detail.as_deref()) == Some("list"),
    })
}
