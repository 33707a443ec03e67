//! The weekly calling schedule: windows per weekday in the campaign's time zone, converted
//! to the UTC windows `campaign/add` takes (manual 3.8.4.1: `schedule` of `{weekday 1..7,
//! start "HH:MM", end "HH:MM"}` relative to UTC; `start_date`/`end_date` "YYYY-MM-DD
//! HH:MM:SS" in UTC). Runs in the browser for the live preview and on the server for what is
//! sent, so the two never differ.

use chrono::{Datelike, Duration, LocalResult, NaiveDate, NaiveDateTime};
use serde::{Deserialize, Serialize};

use super::campaigns::MangoSchedule;
use super::error::FieldError;
use super::zone::Zone;
use crate::i18n::{fill, t};

pub const MINUTES_PER_DAY: u16 = 24 * 60;
const MINUTES_PER_WEEK: i32 = 7 * 24 * 60;

/// A weekday's full name in the current language, 0 is Monday.
pub fn weekday_name(day: usize) -> &'static str {
    let s = &t().campaigns.schedule;
    [s.monday, s.tuesday, s.wednesday, s.thursday, s.friday, s.saturday, s.sunday][day % 7]
}

/// A weekday's short name in the current language (Пн … Вс; English keeps the full name).
pub fn weekday_short(day: usize) -> &'static str {
    let s = &t().campaigns.schedule;
    [s.mon, s.tue, s.wed, s.thu, s.fri, s.sat, s.sun][day % 7]
}

/// One calling window in local time, minutes since midnight; `end` may be 1440 (24:00).
#[derive(Clone, Copy, Debug, PartialEq, Eq, Serialize, Deserialize)]
pub struct LocalWindow {
    pub start: u16,
    pub end: u16,
}

/// Windows per weekday, Monday first, in the campaign's zone.
#[derive(Clone, Debug, Default, PartialEq, Eq, Serialize, Deserialize)]
pub struct WeeklySchedule {
    pub days: [Vec<LocalWindow>; 7],
}

impl WeeklySchedule {
    /// Monday to Friday, 09:00–18:00.
    pub fn office_hours() -> WeeklySchedule {
        let mut schedule = WeeklySchedule::default();
        for day in 0..5 {
            schedule.days[day].push(LocalWindow { start: 9 * 60, end: 18 * 60 });
        }
        schedule
    }

    /// Gives every weekday (Monday–Friday) the windows of `from`; the weekend keeps its own.
    pub fn copy_to_all_weekdays(&mut self, from: usize) {
        if from >= 7 {
            return;
        }
        let windows = self.days[from].clone();
        for day in 0..5 {
            self.days[day] = windows.clone();
        }
    }

    pub fn is_empty(&self) -> bool {
        self.days.iter().all(|d| d.is_empty())
    }
}

/// One window as MANGO receives it: weekday 1 (Monday) … 7 (Sunday), minutes in UTC.
#[derive(Clone, Copy, Debug, PartialEq, Eq, Serialize, Deserialize)]
pub struct UtcWindow {
    pub weekday: u8,
    pub start: u16,
    pub end: u16,
}

/// `HH:MM`; 1440 is written `24:00` (the end of a day, as MANGO's windows need it).
pub fn format_hhmm(minutes: u16) -> String {
    format!("{:02}:{:02}", minutes / 60, minutes % 60)
}

/// `HH:MM` (or `HH:MM:SS` from a browser time input) to minutes; `24:00` is allowed.
pub fn parse_hhmm(text: &str) -> Option<u16> {
    let mut parts = text.trim().split(':');
    let hours: u16 = parts.next()?.parse().ok()?;
    let minutes: u16 = parts.next()?.parse().ok()?;
    if minutes >= 60 || hours > 24 || (hours == 24 && minutes != 0) {
        return None;
    }
    Some(hours * 60 + minutes)
}

fn schedule_error(message: String) -> FieldError {
    FieldError { field: "schedule".into(), message }
}

/// Each window must end after it starts, within the day.
pub fn check_windows(schedule: &WeeklySchedule) -> Vec<FieldError> {
    let texts = &t().campaigns.schedule;
    let mut problems = Vec::new();
    if schedule.is_empty() {
        problems.push(schedule_error(texts.add_a_window.into()));
    }
    for (day, windows) in schedule.days.iter().enumerate() {
        for (index, window) in windows.iter().enumerate() {
            if window.end > MINUTES_PER_DAY || window.start >= MINUTES_PER_DAY {
                problems.push(schedule_error(fill(texts.outside_day, &[&weekday_name(day), &(index + 1)])));
            } else if window.end <= window.start {
                problems.push(schedule_error(fill(
                    texts.ends_before_start,
                    &[&weekday_name(day), &(index + 1), &format_hhmm(window.start), &format_hhmm(window.end)],
                )));
            }
        }
    }
    problems
}

/// Converts local windows to MANGO's UTC windows for a zone `offset_minutes` ahead of UTC:
/// shifted, split at UTC midnight (weekday 7 wraps to 1 and back), overlapping and touching
/// windows merged, sorted by weekday and start. Windows must have passed [`check_windows`].
pub fn to_utc(schedule: &WeeklySchedule, offset_minutes: i32) -> Vec<UtcWindow> {
    // Intervals on the week's circle [0, 10080) in UTC minutes from Monday 00:00 UTC.
    let mut intervals: Vec<(i32, i32)> = Vec::new();
    for (day, windows) in schedule.days.iter().enumerate() {
        for window in windows.iter().filter(|w| w.end > w.start && w.end <= MINUTES_PER_DAY) {
            let day_start = day as i32 * i32::from(MINUTES_PER_DAY);
            let start = (day_start + i32::from(window.start) - offset_minutes).rem_euclid(MINUTES_PER_WEEK);
            let length = i32::from(window.end - window.start);
            let end = start + length;
            if end <= MINUTES_PER_WEEK {
                intervals.push((start, end));
            } else {
                // Sunday night in UTC continues on Monday.
                intervals.push((start, MINUTES_PER_WEEK));
                intervals.push((0, end - MINUTES_PER_WEEK));
            }
        }
    }
    intervals.sort_unstable();
    let mut merged: Vec<(i32, i32)> = Vec::new();
    for (start, end) in intervals {
        match merged.last_mut() {
            Some(last) if start <= last.1 => last.1 = last.1.max(end),
            _ => merged.push((start, end)),
        }
    }
    let day = i32::from(MINUTES_PER_DAY);
    let mut windows = Vec::new();
    for (start, end) in merged {
        let mut from = start;
        while from < end {
            let weekday = from / day;
            let day_end = (weekday + 1) * day;
            let to = end.min(day_end);
            windows.push(UtcWindow {
                weekday: (weekday + 1) as u8,
                start: (from - weekday * day) as u16,
                end: (to - weekday * day) as u16,
            });
            from = to;
        }
    }
    windows
}

/// The zone's offset from UTC in minutes at a local moment.
pub fn offset_at(zone: &Zone, local: NaiveDateTime) -> i32 {
    let utc = match zone.local_to_utc(local) {
        LocalResult::Single(utc) | LocalResult::Ambiguous(utc, _) => utc,
        // Inside a spring-forward gap: the offset an hour later is the one that applies.
        LocalResult::None => return offset_at(zone, local + Duration::hours(1)),
    };
    ((local - utc).num_seconds() / 60) as i32
}

/// The first date after `from` (up to `until`, at most about a year on) on which the zone's
/// offset differs from the one on `from`.
pub fn next_offset_change(zone: &Zone, from: NaiveDate, until: NaiveDate) -> Option<(NaiveDate, i32)> {
    let noon = |date: NaiveDate| date.and_hms_opt(12, 0, 0).expect("noon exists");
    let first = offset_at(zone, noon(from));
    let mut date = from;
    for _ in 0..400 {
        date = date.succ_opt()?;
        if date > until {
            return None;
        }
        let offset = offset_at(zone, noon(date));
        if offset != first {
            return Some((date, offset - first));
        }
    }
    None
}

/// An HTML `datetime-local` value (`YYYY-MM-DDTHH:MM`, seconds optional).
pub fn parse_local(text: &str) -> Option<NaiveDateTime> {
    let text = text.trim();
    NaiveDateTime::parse_from_str(text, "%Y-%m-%dT%H:%M")
        .or_else(|_| NaiveDateTime::parse_from_str(text, "%Y-%m-%dT%H:%M:%S"))
        .or_else(|_| NaiveDateTime::parse_from_str(text, "%Y-%m-%d %H:%M"))
        .ok()
}

/// A local date-time in `zone` as UTC. A time skipped by a daylight-saving jump does not
/// exist and is refused; a repeated one (clocks going back) means its first occurrence.
pub fn local_to_utc(zone: &Zone, local: NaiveDateTime) -> Result<NaiveDateTime, String> {
    match zone.local_to_utc(local) {
        LocalResult::Single(utc) | LocalResult::Ambiguous(utc, _) => Ok(utc),
        LocalResult::None => {
            Err(fill(t().campaigns.schedule.time_skipped, &[&local_date_time_text(local), zone]))
        }
    }
}

/// A local date-time as the reader writes it: `2027-03-28 02:30` in English (as before),
/// `28.03.2027 02:30` in Russian.
fn local_date_time_text(local: NaiveDateTime) -> String {
    match crate::i18n::current() {
        crate::i18n::Lang::Ru => local.format("%d.%m.%Y %H:%M").to_string(),
        crate::i18n::Lang::En => local.format("%Y-%m-%d %H:%M").to_string(),
    }
}

/// A date as the reader writes it: `2027-03-28` in English (as before), `28.03.2027` in Russian.
fn local_date_text(date: NaiveDate) -> String {
    match crate::i18n::current() {
        crate::i18n::Lang::Ru => date.format("%d.%m.%Y").to_string(),
        crate::i18n::Lang::En => date.to_string(),
    }
}

/// Manual 3.8.4.1's date format, UTC.
pub fn mango_date_time(utc: NaiveDateTime) -> String {
    utc.format("%Y-%m-%d %H:%M:%S").to_string()
}

/// The zone as the message quotes it: `"Mars/Olympus"` in English (as before), bare in Russian
/// (the Russian text puts it in «ёлочки»).
fn unknown_zone_text(timezone: &str) -> String {
    match crate::i18n::current() {
        crate::i18n::Lang::Ru => timezone.to_string(),
        crate::i18n::Lang::En => format!("{timezone:?}"),
    }
}

/// Everything about a campaign's timing, checked: the UTC windows and dates MANGO receives,
/// with warnings, or the problems field by field.
pub fn campaign_schedule(
    schedule: &WeeklySchedule,
    timezone: &str,
    start_local: &str,
    end_local: &str,
) -> Result<MangoSchedule, Vec<FieldError>> {
    let mut problems = check_windows(schedule);
    let zone = match Zone::parse(timezone) {
        Some(zone) => Some(zone),
        None => {
            problems.push(FieldError {
                field: "timezone".into(),
                message: fill(t().campaigns.schedule.unknown_zone, &[&unknown_zone_text(timezone)]),
            });
            None
        }
    };
    let mut date = |field: &str, text: &str| -> Option<NaiveDateTime> {
        if text.trim().is_empty() {
            return None;
        }
        match parse_local(text) {
            Some(local) => Some(local),
            None => {
                problems.push(FieldError {
                    field: field.into(),
                    message: t().campaigns.schedule.enter_date_time.into(),
                });
                None
            }
        }
    };
    let start = date("start_local", start_local);
    let end = date("end_local", end_local);
    if let (Some(start), Some(end)) = (start, end) {
        if end <= start {
            problems.push(FieldError {
                field: "end_local".into(),
                message: t().campaigns.schedule.end_after_start.into(),
            });
        }
    }
    let Some(zone) = zone else { return Err(problems) };
    let mut utc = |field: &str, local: Option<NaiveDateTime>| -> Option<String> {
        let local = local?;
        match local_to_utc(&zone, local) {
            Ok(utc) => Some(mango_date_time(utc)),
            Err(message) => {
                problems.push(FieldError { field: field.into(), message });
                None
            }
        }
    };
    let start_date = utc("start_local", start);
    let end_date = utc("end_local", end);
    if !problems.is_empty() {
        return Err(problems);
    }

    // MANGO's schedule is one weekly pattern in UTC: the zone's offset on the first day the
    // campaign runs decides it.
    let reference = start.unwrap_or_else(|| zone.now_local());
    let offset = offset_at(&zone, reference);
    let windows = to_utc(schedule, offset);
    let mut warnings = Vec::new();
    let horizon = end.map(|e| e.date()).unwrap_or_else(|| reference.date() + Duration::days(366));
    if let Some((changed, delta)) = next_offset_change(&zone, reference.date(), horizon) {
        let texts = &t().campaigns.schedule;
        let direction = if delta > 0 { texts.hour_earlier } else { texts.hour_later };
        let weekday: &dyn std::fmt::Display = match crate::i18n::current() {
            crate::i18n::Lang::En => &changed.weekday(),
            crate::i18n::Lang::Ru => &weekday_short(changed.weekday().num_days_from_monday() as usize),
        };
        warnings.push(fill(texts.clock_change, &[&zone, &local_date_text(changed), weekday, &direction]));
    }
    Ok(MangoSchedule { windows, start_date, end_date, warnings })
}

#[cfg(test)]
mod tests {
    use super::*;

    fn window(weekday: u8, start: &str, end: &str) -> UtcWindow {
        UtcWindow { weekday, start: parse_hhmm(start).unwrap(), end: parse_hhmm(end).unwrap() }
    }

    fn on(days: &[usize], start: &str, end: &str) -> WeeklySchedule {
        let mut schedule = WeeklySchedule::default();
        for day in days {
            schedule.days[*day]
                .push(LocalWindow { start: parse_hhmm(start).unwrap(), end: parse_hhmm(end).unwrap() });
        }
        schedule
    }

    fn converted(schedule: &WeeklySchedule, zone: &str, start: &str) -> MangoSchedule {
        campaign_schedule(schedule, zone, start, "").unwrap()
    }

    #[test]
    fn times_read_and_write() {
        assert_eq!(parse_hhmm("09:30"), Some(570));
        assert_eq!(parse_hhmm("24:00"), Some(1440));
        assert_eq!(parse_hhmm("09:30:00"), Some(570));
        assert_eq!(parse_hhmm("24:01"), None);
        assert_eq!(parse_hhmm("9"), None);
        assert_eq!(format_hhmm(1440), "24:00");
        assert_eq!(format_hhmm(65), "01:05");
    }

    #[test]
    fn moscow_moves_three_hours_back_the_same_day() {
        let result = converted(&on(&[0], "09:00", "18:00"), "Europe/Moscow", "2026-12-01T08:00");
        assert_eq!(result.windows, [window(1, "06:00", "15:00")]);
        assert_eq!(result.start_date.as_deref(), Some("2026-12-01 05:00:00"));
        assert!(result.warnings.is_empty(), "Moscow has no daylight saving");
    }

    #[test]
    fn utc_plus_10_splits_at_midnight_into_the_day_before() {
        // The example: 09:00–18:00 in UTC+10 is 23:00–24:00 the day before plus 00:00–08:00.
        let result = converted(&on(&[0], "09:00", "18:00"), "Asia/Vladivostok", "2026-12-01T00:00");
        assert_eq!(result.windows, [window(1, "00:00", "08:00"), window(7, "23:00", "24:00")]);
        // Two windows on a weekday in Vladivostok.
        let mut two = on(&[2], "09:00", "12:00");
        two.days[2].push(LocalWindow { start: 14 * 60, end: 18 * 60 });
        let result = converted(&two, "Asia/Vladivostok", "2026-12-01T00:00");
        assert_eq!(
            result.windows,
            [window(2, "23:00", "24:00"), window(3, "00:00", "02:00"), window(3, "04:00", "08:00")]
        );
    }

    #[test]
    fn utc_minus_5_pushes_evening_into_the_next_day() {
        // Bogotá has no daylight saving: always UTC−5.
        let result = converted(&on(&[4], "15:00", "22:00"), "America/Bogota", "2026-12-01T00:00");
        assert_eq!(result.windows, [window(5, "20:00", "24:00"), window(6, "00:00", "03:00")]);
    }

    #[test]
    fn sunday_and_monday_wrap_around_the_week() {
        // Sunday evening in UTC−5 ends on Monday in UTC: weekday 7 → 1.
        let result = converted(&on(&[6], "20:00", "23:00"), "America/Bogota", "2026-12-01T00:00");
        assert_eq!(result.windows, [window(1, "01:00", "04:00")]);
        // Monday early morning in UTC+10 starts on Sunday in UTC: weekday 1 → 7.
        let result = converted(&on(&[0], "07:00", "09:00"), "Asia/Vladivostok", "2026-12-01T00:00");
        assert_eq!(result.windows, [window(7, "21:00", "23:00")]);
    }

    #[test]
    fn daylight_saving_decides_by_the_first_day_and_warns() {
        crate::i18n::in_lang(crate::i18n::Lang::En, daylight_saving_in_english);
        let russian = crate::i18n::in_lang(crate::i18n::Lang::Ru, || {
            campaign_schedule(
                &on(&[0], "09:00", "17:00"),
                "Europe/Berlin",
                "2027-03-01T09:00",
                "2027-04-30T18:00",
            )
        })
        .unwrap();
        assert!(russian.warnings[0].contains("28.03.2027 (Вс)"), "{:?}", russian.warnings);
        assert!(russian.warnings[0].contains("на час раньше"), "{:?}", russian.warnings);
    }

    fn daylight_saving_in_english() {
        // Berlin: UTC+1 in winter, UTC+2 from 2027-03-28.
        let schedule = on(&[0], "09:00", "17:00");
        let winter =
            campaign_schedule(&schedule, "Europe/Berlin", "2027-03-01T09:00", "2027-04-30T18:00").unwrap();
        assert_eq!(winter.windows, [window(1, "08:00", "16:00")]);
        assert_eq!(winter.warnings.len(), 1, "{:?}", winter.warnings);
        assert!(winter.warnings[0].contains("2027-03-28"), "{:?}", winter.warnings);
        let summer =
            campaign_schedule(&schedule, "Europe/Berlin", "2027-04-01T09:00", "2027-04-30T18:00").unwrap();
        assert_eq!(summer.windows, [window(1, "07:00", "15:00")]);
        assert!(summer.warnings.is_empty());
        // New York on the other side of the Atlantic, same rule (UTC−5 → UTC−4 on 2027-03-14).
        let ny =
            campaign_schedule(&schedule, "America/New_York", "2027-03-01T09:00", "2027-03-31T18:00").unwrap();
        assert_eq!(ny.windows, [window(1, "14:00", "22:00")]);
        assert!(ny.warnings[0].contains("2027-03-14"));
    }

    #[test]
    fn a_time_the_clocks_skip_is_refused_and_a_repeated_one_is_its_first() {
        let schedule = on(&[0], "09:00", "17:00");
        let skipped = || campaign_schedule(&schedule, "Europe/Berlin", "2027-03-28T02:30", "").unwrap_err();
        let russian = crate::i18n::in_lang(crate::i18n::Lang::Ru, skipped);
        assert!(russian[0].message.starts_with("28.03.2027 02:30 не существует"), "{russian:?}");
        let problems = crate::i18n::in_lang(crate::i18n::Lang::En, skipped);
        assert_eq!(problems[0].field, "start_local");
        assert!(problems[0].message.contains("does not exist"), "{problems:?}");
        let repeated = campaign_schedule(&schedule, "Europe/Berlin", "2027-10-31T02:30", "").unwrap();
        assert_eq!(
            repeated.start_date.as_deref(),
            Some("2027-10-31 00:30:00"),
            "first occurrence, still UTC+2"
        );
    }

    #[test]
    fn overlapping_and_touching_windows_merge() {
        let mut schedule = on(&[1], "09:00", "13:00");
        schedule.days[1].push(LocalWindow { start: 12 * 60, end: 15 * 60 });
        schedule.days[1].push(LocalWindow { start: 15 * 60, end: 16 * 60 });
        assert_eq!(to_utc(&schedule, 0), [window(2, "09:00", "16:00")]);
        // Windows that only touch after conversion merge too: Monday 23:00–24:00 and
        // Tuesday 00:00–02:00 local in UTC+0 stay split only at midnight.
        let mut across = on(&[0], "23:00", "24:00");
        across.days[1].push(LocalWindow { start: 0, end: 120 });
        assert_eq!(to_utc(&across, 0), [window(1, "23:00", "24:00"), window(2, "00:00", "02:00")]);
        // And a whole week around the clock is every day 00:00–24:00.
        let mut all = WeeklySchedule::default();
        for day in 0..7 {
            all.days[day].push(LocalWindow { start: 0, end: 1440 });
        }
        let result = to_utc(&all, 600);
        assert_eq!(result.len(), 7);
        assert!(result.iter().all(|w| w.start == 0 && w.end == 1440), "{result:?}");
    }

    #[test]
    fn non_whole_hour_offsets() {
        let result = converted(&on(&[0], "09:00", "18:00"), "Asia/Kathmandu", "2026-12-01T00:00");
        assert_eq!(result.windows, [window(1, "03:15", "12:15")]);
        let result = converted(&on(&[0], "04:00", "06:00"), "Asia/Kolkata", "2026-12-01T00:00");
        assert_eq!(result.windows, [window(1, "00:00", "00:30"), window(7, "22:30", "24:00")]);
    }

    #[test]
    fn bad_schedules_are_refused_with_reasons() {
        crate::i18n::in_lang(crate::i18n::Lang::En, bad_schedules_in_english);
        let russian = crate::i18n::in_lang(crate::i18n::Lang::Ru, || {
            campaign_schedule(&on(&[2], "18:00", "09:00"), "Europe/Moscow", "", "").unwrap_err()
        });
        assert!(russian[0].message.starts_with("Среда, окно 1:"), "{russian:?}");
        assert_eq!(crate::i18n::in_lang(crate::i18n::Lang::Ru, || weekday_short(6)), "Вс");
    }

    fn bad_schedules_in_english() {
        let empty = campaign_schedule(&WeeklySchedule::default(), "Europe/Moscow", "", "").unwrap_err();
        assert_eq!(empty[0].message, "Add at least one calling window.");
        let backwards = campaign_schedule(&on(&[2], "18:00", "09:00"), "Europe/Moscow", "", "").unwrap_err();
        assert!(
            backwards[0].message.starts_with("Wednesday, window 1: it must end after it starts"),
            "{backwards:?}"
        );
        let zone = campaign_schedule(&on(&[2], "09:00", "18:00"), "Mars/Olympus", "", "").unwrap_err();
        assert_eq!(zone[0].field, "timezone");
        let dates = campaign_schedule(
            &on(&[2], "09:00", "18:00"),
            "Europe/Moscow",
            "2026-12-02T10:00",
            "2026-12-01T10:00",
        )
        .unwrap_err();
        assert_eq!(dates[0].field, "end_local");
    }

    #[test]
    fn copy_to_all_weekdays_leaves_the_weekend() {
        let mut schedule = on(&[5], "10:00", "14:00");
        schedule.days[2].push(LocalWindow { start: 8 * 60, end: 12 * 60 });
        schedule.copy_to_all_weekdays(2);
        for day in 0..5 {
            assert_eq!(schedule.days[day], [LocalWindow { start: 480, end: 720 }]);
        }
        assert_eq!(schedule.days[5], [LocalWindow { start: 600, end: 840 }]);
        assert!(schedule.days[6].is_empty());
    }
}
