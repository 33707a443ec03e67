//! Times shown to people: in the default zone of the settings, with the zone's abbreviation.

use chrono::TimeZone;
use chrono_tz::Tz;

pub fn local(unix_ms: i64, zone: Tz) -> String {
    in_pattern(unix_ms, zone, "%Y-%m-%d %H:%M:%S %Z")
}

/// As the reader writes it ([`app::i18n::current`]): `01.12.2026 14:05:09 MSK` in Russian,
/// `2026-12-01 14:05:09 MSK` (as [`local`]) in English; 24-hour in both.
pub fn for_reader(unix_ms: i64, zone: Tz) -> String {
    match app::i18n::current() {
        app::i18n::Lang::Ru => in_pattern(unix_ms, zone, "%d.%m.%Y %H:%M:%S %Z"),
        app::i18n::Lang::En => local(unix_ms, zone),
    }
}

fn in_pattern(unix_ms: i64, zone: Tz, pattern: &str) -> String {
    match zone.timestamp_millis_opt(unix_ms).single() {
        Some(time) => time.format(pattern).to_string(),
        None => format!("{unix_ms} ms"),
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn formats_in_the_zone() {
        // 2026-11-22 11:18:39 UTC
        let ms = 1_795_346_319_000;
        assert_eq!(local(ms, chrono_tz::Europe::Moscow), "2026-11-22 14:18:39 MSK");
        assert_eq!(local(ms, chrono_tz::UTC), "2026-11-22 11:18:39 UTC");
        let english = app::i18n::in_lang(app::i18n::Lang::En, || for_reader(ms, chrono_tz::Europe::Moscow));
        assert_eq!(english, "2026-11-22 14:18:39 MSK");
        let russian = app::i18n::in_lang(app::i18n::Lang::Ru, || for_reader(ms, chrono_tz::Europe::Moscow));
        assert_eq!(russian, "22.11.2026 14:18:39 MSK");
    }
}
