//! Times shown to people: in the default zone of the settings, with the zone's abbreviation.

use chrono::TimeZone;
use chrono_tz::Tz;

/// `01.12.2026 14:05:09 MSK` in Russian, `2026-12-01 14:05:09 MSK` in English (24-hour both).
pub fn local(unix_ms: i64, zone: Tz) -> String {
    let pattern = match app::i18n::current() {
        app::i18n::Lang::Ru => "%d.%m.%Y %H:%M:%S %Z",
        app::i18n::Lang::En => "%Y-%m-%d %H:%M:%S %Z",
    };
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
        app::i18n::in_lang(app::i18n::Lang::En, || {
            assert_eq!(local(ms, chrono_tz::Europe::Moscow), "2026-11-22 14:18:39 MSK");
            assert_eq!(local(ms, chrono_tz::UTC), "2026-11-22 11:18:39 UTC");
        });
        let russian = app::i18n::in_lang(app::i18n::Lang::Ru, || local(ms, chrono_tz::Europe::Moscow));
        assert_eq!(russian, "22.11.2026 14:18:39 MSK");
    }
}
