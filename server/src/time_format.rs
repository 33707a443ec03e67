//! Times shown to people: in the default zone of the settings, with the zone's abbreviation,
//! written as the reader's language writes dates (01.12.2026 in Russian), always 24-hour.

use chrono::TimeZone;
use chrono_tz::Tz;

/// As the reader writes it ([`app::i18n::current`]): `22.11.2026 14:18:39 MSK` in Russian,
/// `2026-11-22 14:18:39 MSK` in English.
pub fn local(unix_ms: i64, zone: Tz) -> String {
    match zone.timestamp_millis_opt(unix_ms).single() {
        Some(time) => match app::i18n::current() {
            app::i18n::Lang::Ru => time.format("%d.%m.%Y %H:%M:%S %Z").to_string(),
            app::i18n::Lang::En => time.format("%Y-%m-%d %H:%M:%S %Z").to_string(),
        },
        None => format!("{unix_ms} ms"),
    }
}

/// The same as [`local`]: the name says at the call that the reader's language decides.
pub fn for_reader(unix_ms: i64, zone: Tz) -> String {
    local(unix_ms, zone)
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn formats_in_the_zone() {
        // 2026-11-22 11:18:39 UTC
        let ms = 1_795_346_319_000;
        assert_eq!(local(ms, chrono_tz::Europe::Moscow), "22.11.2026 14:18:39 MSK");
        app::i18n::in_lang(app::i18n::Lang::En, || {
            assert_eq!(local(ms, chrono_tz::Europe::Moscow), "2026-11-22 14:18:39 MSK");
            assert_eq!(local(ms, chrono_tz::UTC), "2026-11-22 11:18:39 UTC");
            assert_eq!(for_reader(ms, chrono_tz::Europe::Moscow), "2026-11-22 14:18:39 MSK");
        });
        let russian = app::i18n::in_lang(app::i18n::Lang::Ru, || for_reader(ms, chrono_tz::Europe::Moscow));
        assert_eq!(russian, "22.11.2026 14:18:39 MSK");
    }
}
