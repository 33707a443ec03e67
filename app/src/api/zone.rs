//! A named time zone (IANA, e.g. `Europe/Moscow`) with one API on both sides. The server asks
//! chrono-tz's database; the browser asks its own (`Intl.DateTimeFormat` with `timeZone`), so
//! the database is not part of the bundle. Both answer the same questions the same way: the
//! offset at a moment, and which UTC moments a local date-time names.

use std::fmt;

use chrono::{LocalResult, NaiveDateTime, Utc};

/// A time zone that exists (on this side's database).
#[derive(Clone, Debug)]
pub struct Zone {
    backend: backend::Backend,
}

impl Zone {
    /// The zone called `name` exactly, or `None` when there is no such zone.
    pub fn parse(name: &str) -> Option<Zone> {
        backend::Backend::parse(name).map(|backend| Zone { backend })
    }

    /// The name it was parsed from.
    pub fn name(&self) -> &str {
        self.backend.name()
    }

    /// The zone's offset from UTC in seconds at a UTC moment.
    pub fn offset_at_utc(&self, utc: NaiveDateTime) -> i32 {
        self.backend.offset_at_utc(utc)
    }

    /// The local date-time at a UTC moment.
    pub fn utc_to_local(&self, utc: NaiveDateTime) -> NaiveDateTime {
        utc + chrono::Duration::seconds(i64::from(self.offset_at_utc(utc)))
    }

    /// The UTC moments a local date-time names: none inside a spring-forward gap, two (earlier
    /// first) when clocks go back, else one.
    pub fn local_to_utc(&self, local: NaiveDateTime) -> LocalResult<NaiveDateTime> {
        self.backend.local_to_utc(local)
    }

    /// The local date-time now.
    pub fn now_local(&self) -> NaiveDateTime {
        self.utc_to_local(Utc::now().naive_utc())
    }
}

impl fmt::Display for Zone {
    fn fmt(&self, f: &mut fmt::Formatter<'_>) -> fmt::Result {
        f.write_str(self.name())
    }
}

/// The server's backend: chrono-tz.
#[cfg(feature = "ssr")]
mod backend {
    use std::str::FromStr;

    use chrono::{LocalResult, NaiveDateTime, Offset, TimeZone, Utc};
    use chrono_tz::Tz;

    #[derive(Clone, Copy, Debug)]
    pub struct Backend(Tz);

    impl Backend {
        pub fn parse(name: &str) -> Option<Backend> {
            Tz::from_str(name).ok().map(Backend)
        }

        pub fn name(&self) -> &str {
            self.0.name()
        }

        pub fn offset_at_utc(&self, utc: NaiveDateTime) -> i32 {
            self.0.offset_from_utc_datetime(&utc).fix().local_minus_utc()
        }

        pub fn local_to_utc(&self, local: NaiveDateTime) -> LocalResult<NaiveDateTime> {
            self.0.from_local_datetime(&local).map(|moment| moment.with_timezone(&Utc).naive_utc())
        }
    }
}

/// The browser's backend: `Intl.DateTimeFormat` (ECMA-402) tells the local date-time of a
/// moment in a zone; the offset is the difference.
#[cfg(not(feature = "ssr"))]
mod backend {
    use std::rc::Rc;

    use chrono::{DateTime, Duration, LocalResult, NaiveDate, NaiveDateTime, Timelike};
    use js_sys::{Array, Date, Function, Intl, Object, Reflect};
    use wasm_bindgen::{JsCast, JsValue};

    #[derive(Clone)]
    pub struct Backend {
        name: Rc<str>,
        format: Intl::DateTimeFormat,
    }

    impl std::fmt::Debug for Backend {
        fn fmt(&self, f: &mut std::fmt::Formatter<'_>) -> std::fmt::Result {
            f.debug_tuple("Backend").field(&self.name).finish()
        }
    }

    fn set(options: &Object, key: &str, value: &str) -> Option<()> {
        Reflect::set(options, &JsValue::from_str(key), &JsValue::from_str(value)).ok().map(|_| ())
    }

    impl Backend {
        pub fn parse(name: &str) -> Option<Backend> {
            // chrono-tz takes names as written: so does the browser here (Intl would also take
            // `europe/moscow`), and an offset like `+03:00` is no zone name.
            let shaped = !name.is_empty()
                && name.chars().all(|c| c.is_ascii_alphanumeric() || matches!(c, '/' | '_' | '-' | '+'))
                && name.chars().next().is_some_and(|c| c.is_ascii_uppercase());
            if !shaped {
                return None;
            }
            let options = Object::new();
            set(&options, "timeZone", name)?;
            set(&options, "hourCycle", "h23")?;
            for key in ["year", "month", "day", "hour", "minute", "second"] {
                set(&options, key, "numeric")?;
            }
            let intl = Reflect::get(&js_sys::global(), &JsValue::from_str("Intl")).ok()?;
            let constructor: Function =
                Reflect::get(&intl, &JsValue::from_str("DateTimeFormat")).ok()?.dyn_into().ok()?;
            // An unknown zone is a RangeError: construct catches it, `new` would throw through.
            let format = Reflect::construct(&constructor, &Array::of2(&JsValue::from_str("en-US"), &options))
                .ok()?
                .unchecked_into::<Intl::DateTimeFormat>();
            let backend = Backend { name: name.into(), format };
            // Intl also takes case variants and legacy spellings; a name it resolves to one
            // differing only in case was not written as the database writes it.
            let resolved = Reflect::get(&backend.format.resolved_options(), &JsValue::from_str("timeZone"))
                .ok()
                .and_then(|v| v.as_string())
                .unwrap_or_default();
            if resolved != name && resolved.eq_ignore_ascii_case(name) {
                return None;
            }
            backend.local_at(DateTime::UNIX_EPOCH.naive_utc())?;
            Some(backend)
        }

        pub fn name(&self) -> &str {
            &self.name
        }

        /// What a wall clock in the zone shows at a UTC moment (whole seconds).
        fn local_at(&self, utc: NaiveDateTime) -> Option<NaiveDateTime> {
            let date = Date::new(&JsValue::from_f64(utc.and_utc().timestamp_millis() as f64));
            let parts = self.format.format_to_parts(&date);
            let mut fields = [0i64; 6];
            for part in parts.iter() {
                let kind = Reflect::get(&part, &JsValue::from_str("type")).ok()?.as_string()?;
                let index = match kind.as_str() {
                    "year" => 0,
                    "month" => 1,
                    "day" => 2,
                    "hour" => 3,
                    "minute" => 4,
                    "second" => 5,
                    _ => continue,
                };
                fields[index] =
                    Reflect::get(&part, &JsValue::from_str("value")).ok()?.as_string()?.parse().ok()?;
            }
            let [year, month, day, hour, minute, second] = fields;
            // Some engines still write midnight as 24 with h23.
            let date = NaiveDate::from_ymd_opt(i32::try_from(year).ok()?, month as u32, day as u32)?;
            Some(date.and_hms_opt(0, 0, 0)? + Duration::seconds(hour * 3600 + minute * 60 + second))
        }

        pub fn offset_at_utc(&self, utc: NaiveDateTime) -> i32 {
            let whole = utc.with_nanosecond(0).unwrap_or(utc);
            self.local_at(whole).map(|local| (local - whole).num_seconds() as i32).unwrap_or(0)
        }

        pub fn local_to_utc(&self, local: NaiveDateTime) -> LocalResult<NaiveDateTime> {
            // The offsets around this date-time: a day before, at, and a day after it read as
            // UTC. A candidate moment is a real one when the zone has that offset there.
            let mut offsets: Vec<i32> =
                [-1, 0, 1].into_iter().map(|days| self.offset_at_utc(local + Duration::days(days))).collect();
            offsets.sort_unstable();
            offsets.dedup();
            let mut moments: Vec<NaiveDateTime> = offsets
                .into_iter()
                .map(|offset| local - Duration::seconds(i64::from(offset)))
                .filter(|utc| self.offset_at_utc(*utc) == (local - *utc).num_seconds() as i32)
                .collect();
            moments.sort_unstable();
            moments.dedup();
            match moments.as_slice() {
                [] => LocalResult::None,
                [one] => LocalResult::Single(*one),
                [first, .., last] => LocalResult::Ambiguous(*first, *last),
            }
        }
    }
}
