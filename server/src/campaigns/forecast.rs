//! How long a campaign's calling will take, in plain arithmetic: how many attempts its leads
//! need once MANGO's redials are counted, how many attempts the operators can make in an hour,
//! and how much calling time the weekly schedule leaves between two instants. The campaign
//! page uses it to warn before the end date rather than after ("needs about 31 h of calling;
//! the schedule has 24 h before the end date"). No I/O here: callers pass in what they read.
//!
//! The schedule is walked in local calendar days of the campaign's zone, the way the page
//! shows the windows, so a window on a day the clocks change lasts its real length (a Sunday
//! 00:00–24:00 in Berlin is 23 h in March and 25 h in October). MANGO itself receives one
//! weekly UTC pattern fixed by the offset on the first day (`app::api::schedule::campaign_schedule`),
//! so after a change its calls run an hour off the local windows; the weekly total is the same,
//! and a forecast needs no better than that.

use std::ops::ControlFlow;

use app::api::schedule::WeeklySchedule;
use chrono::{DateTime, Datelike, LocalResult, NaiveDate, NaiveDateTime, Offset, TimeDelta, TimeZone, Utc};
use chrono_tz::Tz;

/// Fewer attempts than this say too little about a campaign's numbers; the default is used.
pub const MIN_ATTEMPTS_FOR_MIX: u64 = 50;

/// MANGO accepts at most 10 redials per outcome (manual 3.8.4.1); a larger stored value is
/// counted as this many so the expectation's table stays small (101² cells per layer).
pub const MAX_COUNTED_REDIALS: u32 = 100;

/// The schedule walk covers at most this many local days, starting with the first instant's,
/// so no input makes it run on.
pub const MAX_WALK_DAYS: u32 = 400;

/// `finish_at` looks at most this far ahead: a year, well inside the walk's bound.
pub const MAX_HORIZON_DAYS: u32 = 366;

/// How one attempt ends, as probabilities. Whatever is left up to 1 ("no such number",
/// rejected, …) ends the lead with no redial, like an answer does.
#[derive(Clone, Copy, Debug, PartialEq)]
pub struct OutcomeMix {
    pub answered: f64,
    pub busy: f64,
    pub no_answer: f64,
    pub unavailable: f64,
}

impl OutcomeMix {
    /// An assumption, not a measurement: a typical cold list answers about 45 % of attempts,
    /// 10 % are busy, 30 % ring out, 10 % are unavailable and 5 % end otherwise. Used until a
    /// campaign has made [`MIN_ATTEMPTS_FOR_MIX`] attempts of its own.
    pub const DEFAULT: OutcomeMix =
        OutcomeMix { answered: 0.45, busy: 0.10, no_answer: 0.30, unavailable: 0.10 };

    /// The mix observed in a campaign's results, or `None` while there are too few attempts
    /// to trust it over [`OutcomeMix::DEFAULT`].
    pub fn from_counts(
        answered: u64,
        busy: u64,
        no_answer: u64,
        unavailable: u64,
        other: u64,
    ) -> Option<OutcomeMix> {
        // Summed wide: five counts near u64::MAX cannot overflow.
        let total: u128 =
            [answered, busy, no_answer, unavailable, other].iter().map(|&c| u128::from(c)).sum();
        if total < u128::from(MIN_ATTEMPTS_FOR_MIX) {
            return None;
        }
        let share = |count: u64| count as f64 / total as f64;
        Some(OutcomeMix {
            answered: share(answered),
            busy: share(busy),
            no_answer: share(no_answer),
            unavailable: share(unavailable),
        })
    }

    /// The share that ends a lead without a redial and without an answer.
    pub fn other(&self) -> f64 {
        let s = self.sanitised();
        (1.0 - (s.answered + s.busy + s.no_answer + s.unavailable)).max(0.0)
    }

    /// Probabilities a caller may have built by hand, made usable: a negative or non-finite
    /// one counts as 0, and a set summing above 1 is scaled down to sum to 1. Without this a
    /// busy share of 1.5 would make the expectation meaningless.
    fn sanitised(&self) -> OutcomeMix {
        let clean = |p: f64| if p.is_finite() && p > 0.0 { p } else { 0.0 };
        let (a, b, n, u) =
            (clean(self.answered), clean(self.busy), clean(self.no_answer), clean(self.unavailable));
        let sum = a + b + n + u;
        let scale = if sum > 1.0 { 1.0 / sum } else { 1.0 };
        OutcomeMix { answered: a * scale, busy: b * scale, no_answer: n * scale, unavailable: u * scale }
    }
}

/// A campaign's redial limits: how many more attempts MANGO makes after each kind of outcome,
/// each kind with its own counter (`max_redial_count_if_busy`, `…_if_no_answ`,
/// `…_if_number_not_avail`).
#[derive(Clone, Copy, Debug, Default, PartialEq, Eq)]
pub struct Redials {
    pub busy: u32,
    pub no_answer: u32,
    pub unavailable: u32,
}

/// The expected number of attempts one lead takes. Counters are separate, so a lead that was
/// busy twice still has all its no-answer redials; the closed form of a single geometric
/// series does not hold, and the exact value comes from a table over the redials left of each
/// kind: `F(b, n, u) = 1 + p_busy·F(b−1, n, u)·[b>0] + p_no_answer·F(b, n−1, u)·[n>0] +
/// p_unavailable·F(b, n, u−1)·[u>0]`. Only two layers of `b` are kept, so even the clamped
/// maximum ([`MAX_COUNTED_REDIALS`] each) needs about a million steps and 160 KB.
pub fn expected_attempts_per_lead(redials: Redials, mix: OutcomeMix) -> f64 {
    let mix = mix.sanitised();
    let limit = |r: u32| r.min(MAX_COUNTED_REDIALS) as usize;
    let (max_b, max_n, max_u) = (limit(redials.busy), limit(redials.no_answer), limit(redials.unavailable));
    let width = max_u + 1;
    let cells = (max_n + 1) * width;
    let at = |n: usize, u: usize| n * width + u;
    let mut previous = vec![0.0f64; cells]; // F(b − 1, ·, ·)
    let mut current = vec![0.0f64; cells]; // F(b, ·, ·)
    for b in 0..=max_b {
        for n in 0..=max_n {
            for u in 0..=max_u {
                let mut expected = 1.0;
                if b > 0 {
                    expected += mix.busy * previous[at(n, u)];
                }
                if n > 0 {
                    expected += mix.no_answer * current[at(n - 1, u)];
                }
                if u > 0 {
                    expected += mix.unavailable * current[at(n, u - 1)];
                }
                current[at(n, u)] = expected;
            }
        }
        std::mem::swap(&mut previous, &mut current);
    }
    // After the last swap the finished layer is in `previous`.
    previous[at(max_n, max_u)]
}

/// Attempts all `leads` are expected to take.
pub fn expected_attempts(leads: u64, redials: Redials, mix: OutcomeMix) -> f64 {
    leads as f64 * expected_attempts_per_lead(redials, mix)
}

/// Attempts per hour the campaign can make: operators in outbound status × MANGO's call
/// coefficient (in tenths, as the form stores it: 15 dials 1.5 numbers per free operator) ×
/// calls an operator finishes in an hour. A negative or non-finite rate counts as none.
pub fn capacity_per_hour(operators: u32, coefficient_tenths: u32, calls_per_operator_hour: f64) -> f64 {
    if !calls_per_operator_hour.is_finite() || calls_per_operator_hour <= 0.0 {
        return 0.0;
    }
    f64::from(operators) * f64::from(coefficient_tenths) / 10.0 * calls_per_operator_hour
}

/// The instant a local time on `date` (minutes since its midnight, 1440 being the next
/// midnight) names in `zone`. Never panics:
/// - a repeated time (clocks going back) means its earliest occurrence, as the campaign form
///   reads start and end dates;
/// - a skipped time (clocks going forward) means the first instant after the gap, i.e. the
///   gap is skipped: a window 02:00–04:00 on Berlin's spring-forward night lasts 1 h, and one
///   lying wholly inside the gap lasts nothing.
///
/// The same local time always maps to the same instant and the map never goes backwards, so
/// windows that touch (Monday …–24:00, Tuesday 00:00–…) neither overlap nor leave a hole.
fn resolve(zone: Tz, date: NaiveDate, minutes: u16) -> DateTime<Utc> {
    let local = date.and_time(chrono::NaiveTime::MIN) + TimeDelta::minutes(i64::from(minutes));
    if let Some(instant) = earliest(zone, local) {
        return instant;
    }
    // Inside a gap: the first local minute that exists is where the clocks landed. Gaps are
    // whole minutes in every zone in use; a day of steps is far more than any gap needs.
    for step in 1..=24 * 60 {
        if let Some(instant) = earliest(zone, local + TimeDelta::minutes(step)) {
            return instant;
        }
    }
    // Unreachable with a real zone database; read the local time with the offset in force at
    // the same UTC reading rather than fail.
    let offset = zone.offset_from_utc_datetime(&local).fix().local_minus_utc();
    Utc.from_utc_datetime(&(local - TimeDelta::seconds(i64::from(offset))))
}

fn earliest(zone: Tz, local: NaiveDateTime) -> Option<DateTime<Utc>> {
    match zone.from_local_datetime(&local) {
        LocalResult::Single(moment) => Some(moment.with_timezone(&Utc)),
        LocalResult::Ambiguous(first, second) => Some(first.min(second).with_timezone(&Utc)),
        LocalResult::None => None,
    }
}

/// Each weekday's usable windows, sorted and with overlaps merged, so two windows of one day
/// that overlap (the form does not forbid it) are not counted twice. Windows that end before
/// they start or leave the day are ignored, as `check_windows` would refuse them.
fn merged_days(schedule: &WeeklySchedule) -> [Vec<(u16, u16)>; 7] {
    let mut days: [Vec<(u16, u16)>; 7] = Default::default();
    for (day, windows) in schedule.days.iter().enumerate() {
        let mut valid: Vec<(u16, u16)> =
            windows.iter().filter(|w| w.start < w.end && w.end <= 1440).map(|w| (w.start, w.end)).collect();
        valid.sort_unstable();
        for (start, end) in valid {
            match days[day].last_mut() {
                Some(last) if start <= last.1 => last.1 = last.1.max(end),
                _ => days[day].push((start, end)),
            }
        }
    }
    days
}

/// Calls `visit` with each calling interval between `from` and `until`, in order, clipped to
/// both. Walks local dates from `from`'s own, for at most [`MAX_WALK_DAYS`] days: no earlier
/// day's window can reach past `from`, as it ends at the first instant reading `from`'s date
/// at 00:00 (or where the clocks land, if 00:00 is skipped), which is never after `from`.
fn each_interval(
    schedule: &WeeklySchedule,
    zone: Tz,
    from: DateTime<Utc>,
    until: DateTime<Utc>,
    mut visit: impl FnMut(DateTime<Utc>, DateTime<Utc>) -> ControlFlow<()>,
) {
    if until <= from {
        return;
    }
    let days = merged_days(schedule);
    if days.iter().all(Vec::is_empty) {
        return;
    }
    let mut date = from.with_timezone(&zone).date_naive();
    for _ in 0..MAX_WALK_DAYS {
        if resolve(zone, date, 0) >= until {
            return;
        }
        for &(start, end) in &days[date.weekday().num_days_from_monday() as usize] {
            let start = resolve(zone, date, start).max(from);
            let end = resolve(zone, date, end).min(until);
            if end > start && visit(start, end).is_break() {
                return;
            }
        }
        let Some(next) = date.succ_opt() else { return };
        date = next;
    }
}

/// Minutes of calling windows between two instants (whole minutes, rounded down), counting
/// only the overlap of windows cut by either end. Walks at most [`MAX_WALK_DAYS`] local days
/// from `from`; a later `until` gets the sum for what was walked.
pub fn schedule_minutes(
    schedule: &WeeklySchedule,
    zone: Tz,
    from: DateTime<Utc>,
    until: DateTime<Utc>,
) -> i64 {
    let mut seconds = 0i64;
    each_interval(schedule, zone, from, until, |start, end| {
        seconds += (end - start).num_seconds();
        ControlFlow::Continue(())
    });
    seconds / 60
}

/// When calling from `from` at `attempts_per_hour` during the schedule's windows gets through
/// `attempts_left`. Nothing left → `Some(from)` (even with no rate or schedule: nothing is
/// waiting). `None` when it cannot be told or never happens: a rate that is not positive and
/// finite, an empty schedule, a `NaN` count, or no finish within `horizon_days` (at most
/// [`MAX_HORIZON_DAYS`]). The time needed is rounded to the millisecond once and then
/// counted off in whole milliseconds, so a finish at a window's very end is not pushed to the
/// next window's start by rounding.
pub fn finish_at(
    schedule: &WeeklySchedule,
    zone: Tz,
    from: DateTime<Utc>,
    attempts_left: f64,
    attempts_per_hour: f64,
    horizon_days: u32,
) -> Option<DateTime<Utc>> {
    if attempts_left <= 0.0 {
        return Some(from);
    }
    if attempts_left.is_nan() || !attempts_per_hour.is_finite() || attempts_per_hour <= 0.0 {
        return None;
    }
    let horizon = TimeDelta::days(i64::from(horizon_days.min(MAX_HORIZON_DAYS)));
    let until = from.checked_add_signed(horizon).unwrap_or(DateTime::<Utc>::MAX_UTC);
    let needed = (attempts_left / attempts_per_hour * 3_600_000.0).round();
    if needed > (until - from).num_milliseconds() as f64 {
        return None; // More than the whole horizon, even if every minute were a window.
    }
    let mut left = needed as i64;
    let mut finished = None;
    each_interval(schedule, zone, from, until, |start, end| {
        let length = (end - start).num_milliseconds();
        if left <= length {
            finished = Some(start + TimeDelta::milliseconds(left));
            return ControlFlow::Break(());
        }
        left -= length;
        ControlFlow::Continue(())
    });
    finished
}

/// Whether the remaining calling fits the schedule before the campaign's end: the figures the
/// campaign page words as "needs about 31 h of calling; the schedule has 24 h before the end
/// date".
#[derive(Clone, Copy, Debug, PartialEq)]
pub struct Plan {
    /// Attempts still expected, redials included.
    pub attempts: f64,
    pub capacity_per_hour: f64,
    /// Calling hours the attempts take at that capacity; infinite when there is no capacity
    /// but there are attempts.
    pub hours_needed: f64,
    /// Calling hours the schedule has between now and the end.
    pub hours_available: f64,
}

impl Plan {
    pub fn fits(&self) -> bool {
        self.hours_needed <= self.hours_available
    }
}

/// The plan for `attempts` (from [`expected_attempts`]) at `capacity_per_hour` (from
/// [`capacity_per_hour`]) with the schedule's windows between `from` and `until`.
pub fn plan(
    attempts: f64,
    capacity_per_hour: f64,
    schedule: &WeeklySchedule,
    zone: Tz,
    from: DateTime<Utc>,
    until: DateTime<Utc>,
) -> Plan {
    let hours_needed = if attempts.is_nan() {
        f64::NAN
    } else if attempts <= 0.0 {
        0.0
    } else if capacity_per_hour.is_finite() && capacity_per_hour > 0.0 {
        attempts / capacity_per_hour
    } else {
        f64::INFINITY
    };
    let hours_available = schedule_minutes(schedule, zone, from, until) as f64 / 60.0;
    Plan { attempts, capacity_per_hour, hours_needed, hours_available }
}

#[cfg(test)]
mod tests {
    use super::*;

    use app::api::schedule::LocalWindow;
    use chrono::Weekday;
    use chrono_tz::{America::New_York, Europe::Berlin, Europe::Moscow};

    /// A local date-time that exists exactly once in `zone`, as UTC.
    fn at(zone: Tz, text: &str) -> DateTime<Utc> {
        let local = NaiveDateTime::parse_from_str(text, "%Y-%m-%d %H:%M").unwrap();
        zone.from_local_datetime(&local).single().unwrap().with_timezone(&Utc)
    }

    fn local(zone: Tz, instant: DateTime<Utc>) -> String {
        instant.with_timezone(&zone).format("%Y-%m-%d %H:%M:%S").to_string()
    }

    fn hhmm(text: &str) -> u16 {
        app::api::schedule::parse_hhmm(text).unwrap()
    }

    fn on(days: &[usize], windows: &[(&str, &str)]) -> WeeklySchedule {
        let mut schedule = WeeklySchedule::default();
        for day in days {
            for (start, end) in windows {
                schedule.days[*day].push(LocalWindow { start: hhmm(start), end: hhmm(end) });
            }
        }
        schedule
    }

    fn sunday_all_day() -> WeeklySchedule {
        on(&[6], &[("00:00", "24:00")])
    }

    fn mix(answered: f64, busy: f64, no_answer: f64, unavailable: f64) -> OutcomeMix {
        OutcomeMix { answered, busy, no_answer, unavailable }
    }

    fn redials(busy: u32, no_answer: u32, unavailable: u32) -> Redials {
        Redials { busy, no_answer, unavailable }
    }

    /// The expectation by plain recursion over the redials left, to check the table against.
    fn naive(b: u32, n: u32, u: u32, m: OutcomeMix) -> f64 {
        let mut e = 1.0;
        if b > 0 {
            e += m.busy * naive(b - 1, n, u, m);
        }
        if n > 0 {
            e += m.no_answer * naive(b, n - 1, u, m);
        }
        if u > 0 {
            e += m.unavailable * naive(b, n, u - 1, m);
        }
        e
    }

    fn close(actual: f64, expected: f64) -> bool {
        (actual - expected).abs() < 1e-9
    }

    #[test]
    fn the_dates_used_are_the_weekdays_assumed() {
        let date = |text: &str| NaiveDate::parse_from_str(text, "%Y-%m-%d").unwrap().weekday();
        assert_eq!(date("2026-01-05"), Weekday::Mon);
        assert_eq!(date("2026-01-09"), Weekday::Fri);
        assert_eq!(date("2026-03-29"), Weekday::Sun, "EU spring forward: last Sunday of March");
        assert_eq!(date("2026-10-25"), Weekday::Sun, "EU fall back: last Sunday of October");
        assert_eq!(date("2026-03-08"), Weekday::Sun, "US spring forward: second Sunday of March");
        assert_eq!(date("2026-11-01"), Weekday::Sun, "US fall back: first Sunday of November");
    }

    // --- Outcome mix ---

    #[test]
    fn default_mix_is_the_stated_assumption() {
        let d = OutcomeMix::DEFAULT;
        assert_eq!((d.answered, d.busy, d.no_answer, d.unavailable), (0.45, 0.10, 0.30, 0.10));
        assert!(close(d.other(), 0.05), "5 % end otherwise: {}", d.other());
    }

    #[test]
    fn from_counts_needs_fifty_attempts() {
        assert_eq!(OutcomeMix::from_counts(20, 5, 15, 5, 4), None, "49 attempts");
        assert_eq!(OutcomeMix::from_counts(0, 0, 0, 0, 0), None);
        let m = OutcomeMix::from_counts(20, 5, 15, 5, 5).expect("50 attempts are enough");
        assert!(close(m.answered, 0.4) && close(m.busy, 0.1) && close(m.no_answer, 0.3));
        assert!(close(m.unavailable, 0.1) && close(m.other(), 0.1));
        // Counts near u64::MAX do not overflow the total.
        let huge = OutcomeMix::from_counts(u64::MAX, u64::MAX, 0, 0, 0).unwrap();
        assert!(close(huge.answered, 0.5) && close(huge.busy, 0.5), "{huge:?}");
    }

    // --- Expected attempts ---

    #[test]
    fn no_redials_means_exactly_one_attempt() {
        assert_eq!(expected_attempts_per_lead(Redials::default(), OutcomeMix::DEFAULT), 1.0);
        assert_eq!(expected_attempts_per_lead(Redials::default(), mix(0.0, 1.0, 0.0, 0.0)), 1.0);
    }

    #[test]
    fn always_busy_uses_every_busy_redial_and_no_other() {
        let always_busy = mix(0.0, 1.0, 0.0, 0.0);
        assert_eq!(expected_attempts_per_lead(redials(3, 0, 0), always_busy), 4.0);
        assert_eq!(expected_attempts_per_lead(redials(10, 0, 0), always_busy), 11.0);
        // Other counters do not let a busy lead go on: they are separate.
        assert_eq!(expected_attempts_per_lead(redials(2, 10, 10), always_busy), 3.0);
    }

    #[test]
    fn a_single_kind_is_a_geometric_sum() {
        for (p, k) in [(0.3f64, 3u32), (0.7, 10), (0.5, 20), (0.95, 7)] {
            let closed: f64 = (0..=k).map(|i| p.powi(i as i32)).sum();
            let by_kind = [
                expected_attempts_per_lead(redials(k, 0, 0), mix(1.0 - p, p, 0.0, 0.0)),
                expected_attempts_per_lead(redials(0, k, 0), mix(1.0 - p, 0.0, p, 0.0)),
                expected_attempts_per_lead(redials(0, 0, k), mix(1.0 - p, 0.0, 0.0, p)),
            ];
            for value in by_kind {
                assert!(close(value, closed), "p {p}, k {k}: {value} vs {closed}");
            }
        }
    }

    #[test]
    fn separate_counters_worked_by_hand() {
        // F(0,1) = 1 + 0.3 = 1.3; F(1,0) = 1 + 0.2 = 1.2;
        // F(1,1) = 1 + 0.2·F(0,1) + 0.3·F(1,0) = 1 + 0.26 + 0.36 = 1.62.
        let value = expected_attempts_per_lead(redials(1, 1, 0), mix(0.5, 0.2, 0.3, 0.0));
        assert!(close(value, 1.62), "{value}");
        // A single shared counter of 2 would give 1 + 0.5 + 0.25 = 1.75 for busy+no answer = 0.5;
        // separate counters of 1 each give less, because two busies in a row end the lead.
        assert!(value < 1.75);
    }

    #[test]
    fn the_table_matches_plain_recursion() {
        for m in [OutcomeMix::DEFAULT, mix(0.1, 0.3, 0.4, 0.15), mix(0.0, 0.5, 0.25, 0.25)] {
            for (b, n, u) in [(2, 3, 1), (0, 4, 2), (3, 0, 3), (5, 5, 5), (1, 0, 0)] {
                let table = expected_attempts_per_lead(redials(b, n, u), m);
                let plain = naive(b, n, u, m);
                assert!(close(table, plain), "{m:?} ({b},{n},{u}): {table} vs {plain}");
            }
        }
    }

    #[test]
    fn more_redials_never_mean_fewer_attempts() {
        let m = OutcomeMix::DEFAULT;
        let base = expected_attempts_per_lead(redials(3, 3, 3), m);
        for more in [redials(4, 3, 3), redials(3, 4, 3), redials(3, 3, 4)] {
            assert!(expected_attempts_per_lead(more, m) > base, "{more:?}");
        }
        let mut last = 0.0;
        for k in 0..=20 {
            let value = expected_attempts_per_lead(redials(k, k, k), m);
            assert!(value > last, "k {k}: {value} after {last}");
            last = value;
        }
        // With the default mix 50 % of attempts redial, so the expectation stays below 1/(1−0.5) = 2.
        assert!(last < 2.0, "{last}");
    }

    #[test]
    fn large_limits_are_fast_and_clamped() {
        let started = std::time::Instant::now();
        let twenty = expected_attempts_per_lead(redials(20, 20, 20), OutcomeMix::DEFAULT);
        let clamped = expected_attempts_per_lead(redials(u32::MAX, u32::MAX, u32::MAX), OutcomeMix::DEFAULT);
        assert!(started.elapsed() < std::time::Duration::from_secs(2), "{:?}", started.elapsed());
        assert!(twenty > 1.9 && twenty < 2.0, "{twenty}");
        assert!(clamped >= twenty && clamped < 2.0, "{clamped}");
        // Limits above the clamp count as MAX_COUNTED_REDIALS.
        assert_eq!(expected_attempts_per_lead(redials(u32::MAX, 0, 0), mix(0.0, 1.0, 0.0, 0.0)), 101.0);
    }

    #[test]
    fn nonsense_probabilities_are_tamed() {
        // Negative and NaN count as 0: no redials happen.
        assert_eq!(expected_attempts_per_lead(redials(3, 3, 3), mix(0.5, -1.0, f64::NAN, 0.0)), 1.0);
        // Shares summing to 2 are halved: busy 1.0 → 0.5, so 1 + 0.5 + 0.25 = 1.75.
        let value = expected_attempts_per_lead(redials(2, 0, 0), mix(1.0, 1.0, 0.0, 0.0));
        assert!(close(value, 1.75), "{value}");
    }

    #[test]
    fn expected_attempts_scale_with_leads() {
        let per_lead = expected_attempts_per_lead(redials(3, 3, 3), OutcomeMix::DEFAULT);
        assert!(close(expected_attempts(1000, redials(3, 3, 3), OutcomeMix::DEFAULT), 1000.0 * per_lead));
        assert_eq!(expected_attempts(0, redials(3, 3, 3), OutcomeMix::DEFAULT), 0.0);
        assert_eq!(expected_attempts(250, Redials::default(), OutcomeMix::DEFAULT), 250.0);
    }

    // --- Capacity ---

    #[test]
    fn capacity_is_operators_times_coefficient_times_rate() {
        assert!(close(capacity_per_hour(4, 15, 12.0), 72.0), "4 × 1.5 × 12");
        assert!(close(capacity_per_hour(3, 10, 20.0), 60.0));
        assert_eq!(capacity_per_hour(0, 15, 12.0), 0.0);
        assert_eq!(capacity_per_hour(4, 15, -3.0), 0.0);
        assert_eq!(capacity_per_hour(4, 15, f64::NAN), 0.0);
    }

    // --- Schedule minutes ---

    #[test]
    fn office_hours_make_45_hours_a_week() {
        let week = (at(Moscow, "2026-01-05 00:00"), at(Moscow, "2026-01-12 00:00"));
        assert_eq!(schedule_minutes(&WeeklySchedule::office_hours(), Moscow, week.0, week.1), 45 * 60);
        // Any seven days hold the same 45 h: Wednesday noon to Wednesday noon.
        let (from, until) = (at(Moscow, "2026-01-07 12:00"), at(Moscow, "2026-01-14 12:00"));
        assert_eq!(schedule_minutes(&WeeklySchedule::office_hours(), Moscow, from, until), 45 * 60);
    }

    #[test]
    fn a_start_inside_a_window_counts_only_the_rest() {
        let office = WeeklySchedule::office_hours();
        // Monday 13:30–18:00 (4.5 h) and Tuesday–Friday (36 h).
        let from = at(Moscow, "2026-01-05 13:30");
        assert_eq!(schedule_minutes(&office, Moscow, from, at(Moscow, "2026-01-12 00:00")), 40 * 60 + 30);
        // Both ends inside one window: Monday 10:15–11:00.
        let (from, until) = (at(Moscow, "2026-01-05 10:15"), at(Moscow, "2026-01-05 11:00"));
        assert_eq!(schedule_minutes(&office, Moscow, from, until), 45);
        // Seconds are counted, then rounded down to minutes.
        let until = until + TimeDelta::seconds(59);
        assert_eq!(schedule_minutes(&office, Moscow, from, until), 45);
        // An end before the start, or equal to it, is nothing.
        assert_eq!(schedule_minutes(&office, Moscow, until, from), 0);
        assert_eq!(schedule_minutes(&office, Moscow, from, from), 0);
    }

    #[test]
    fn a_night_across_midnight_is_four_hours() {
        let mut night = on(&[0], &[("22:00", "24:00")]);
        night.days[1].push(LocalWindow { start: 0, end: hhmm("02:00") });
        let (from, until) = (at(Moscow, "2026-01-05 12:00"), at(Moscow, "2026-01-06 12:00"));
        assert_eq!(schedule_minutes(&night, Moscow, from, until), 4 * 60);
        // Starting at 23:00 Monday leaves 1 h that evening and 2 h after midnight.
        assert_eq!(schedule_minutes(&night, Moscow, at(Moscow, "2026-01-05 23:00"), until), 3 * 60);
    }

    #[test]
    fn a_weekend_schedule_has_nothing_on_weekdays() {
        let weekend = on(&[5, 6], &[("10:00", "16:00")]);
        let (monday, friday) = (at(Moscow, "2026-01-05 00:00"), at(Moscow, "2026-01-09 23:59"));
        assert_eq!(schedule_minutes(&weekend, Moscow, monday, friday), 0);
        assert_eq!(schedule_minutes(&weekend, Moscow, monday, at(Moscow, "2026-01-12 00:00")), 12 * 60);
        assert_eq!(schedule_minutes(&WeeklySchedule::default(), Moscow, monday, friday), 0);
    }

    #[test]
    fn overlapping_and_invalid_windows_are_not_double_counted() {
        // 09:00–12:00 and 11:00–13:00 make 09:00–13:00 (4 h, not 5); a touching 13:00–14:00
        // adds 1 h; an inverted 15:00–14:00 and an end past 24:00 add nothing and do not panic.
        let mut day = on(&[0], &[("09:00", "12:00"), ("11:00", "13:00"), ("13:00", "14:00")]);
        day.days[0].push(LocalWindow { start: hhmm("15:00"), end: hhmm("14:00") });
        day.days[0].push(LocalWindow { start: hhmm("23:00"), end: 1500 });
        day.days[0].push(LocalWindow { start: 1440, end: 1440 });
        let (from, until) = (at(Moscow, "2026-01-05 00:00"), at(Moscow, "2026-01-06 00:00"));
        assert_eq!(schedule_minutes(&day, Moscow, from, until), 5 * 60);
    }

    #[test]
    fn berlin_sunday_is_23_hours_in_march_and_25_in_october() {
        // 2026-03-29: 00:00 CET (UTC+1) = Sat 23:00 UTC; at 02:00 CET clocks jump to 03:00 CEST;
        // 24:00 = Mon 00:00 CEST (UTC+2) = Sun 22:00 UTC. 23:00 → 22:00 UTC next day = 23 h.
        let (from, until) = (at(Berlin, "2026-03-28 12:00"), at(Berlin, "2026-03-30 12:00"));
        assert_eq!(schedule_minutes(&sunday_all_day(), Berlin, from, until), 23 * 60);
        // 2026-10-25: 00:00 CEST = Sat 22:00 UTC; at 03:00 CEST clocks go back to 02:00 CET;
        // 24:00 = Mon 00:00 CET (UTC+1) = Sun 23:00 UTC. 22:00 → 23:00 UTC next day = 25 h.
        let (from, until) = (at(Berlin, "2026-10-24 12:00"), at(Berlin, "2026-10-26 12:00"));
        assert_eq!(schedule_minutes(&sunday_all_day(), Berlin, from, until), 25 * 60);
        // An ordinary Sunday is 24 h.
        let (from, until) = (at(Berlin, "2026-06-13 12:00"), at(Berlin, "2026-06-15 12:00"));
        assert_eq!(schedule_minutes(&sunday_all_day(), Berlin, from, until), 24 * 60);
    }

    #[test]
    fn new_york_sunday_is_23_hours_in_march_and_25_in_november() {
        // 2026-03-08: 00:00 EST (UTC−5) = 05:00 UTC; at 02:00 EST clocks jump to 03:00 EDT;
        // 24:00 = Mon 00:00 EDT (UTC−4) = Mon 04:00 UTC. 05:00 → 04:00 UTC next day = 23 h.
        let (from, until) = (at(New_York, "2026-03-07 12:00"), at(New_York, "2026-03-09 12:00"));
        assert_eq!(schedule_minutes(&sunday_all_day(), New_York, from, until), 23 * 60);
        // 2026-11-01: 00:00 EDT = 04:00 UTC; at 02:00 EDT clocks go back to 01:00 EST;
        // 24:00 = Mon 00:00 EST (UTC−5) = Mon 05:00 UTC. 04:00 → 05:00 UTC next day = 25 h.
        let (from, until) = (at(New_York, "2026-10-31 12:00"), at(New_York, "2026-11-02 12:00"));
        assert_eq!(schedule_minutes(&sunday_all_day(), New_York, from, until), 25 * 60);
    }

    #[test]
    fn skipped_times_skip_the_gap_and_repeated_times_mean_the_first() {
        let (spring_from, spring_until) = (at(Berlin, "2026-03-28 12:00"), at(Berlin, "2026-03-30 12:00"));
        // 02:00 does not exist on 2026-03-29: the window starts where the clocks land,
        // 03:00 CEST = 01:00 UTC; 04:00 CEST = 02:00 UTC. 1 h.
        let gap_start = on(&[6], &[("02:00", "04:00")]);
        assert_eq!(schedule_minutes(&gap_start, Berlin, spring_from, spring_until), 60);
        // A window wholly inside the gap lasts nothing.
        let inside = on(&[6], &[("02:15", "02:45")]);
        assert_eq!(schedule_minutes(&inside, Berlin, spring_from, spring_until), 0);
        // A window ending in the gap ends where the clocks land: 01:00 CET = 00:00 UTC to
        // 03:00 CEST = 01:00 UTC. 1 h.
        let gap_end = on(&[6], &[("01:00", "02:30")]);
        assert_eq!(schedule_minutes(&gap_end, Berlin, spring_from, spring_until), 60);

        let (fall_from, fall_until) = (at(Berlin, "2026-10-24 12:00"), at(Berlin, "2026-10-26 12:00"));
        // 02:00 happens twice on 2026-10-25; the first is 02:00 CEST = 00:00 UTC, and 03:00
        // (once, CET) = 02:00 UTC. 2 h.
        let repeated = on(&[6], &[("02:00", "03:00")]);
        assert_eq!(schedule_minutes(&repeated, Berlin, fall_from, fall_until), 2 * 60);
        // Windows touching at a repeated time tile the day: neither overlap nor hole, 25 h.
        let split = on(&[6], &[("00:00", "02:30"), ("02:30", "24:00")]);
        assert_eq!(schedule_minutes(&split, Berlin, fall_from, fall_until), 25 * 60);
    }

    #[test]
    fn a_skipped_midnight_still_tiles_the_days() {
        use chrono_tz::America::Sao_Paulo;
        // Brazil's clocks jumped at midnight on Sunday 2018-11-04: 00:00 −03 became 01:00 −02
        // (03:00 UTC). Saturday 00:00 −03 = 03:00 UTC runs to where Sunday's midnight landed,
        // 03:00 UTC: 24 h; Sunday runs from there to Monday 00:00 −02 = 02:00 UTC: 23 h.
        let weekend = on(&[5, 6], &[("00:00", "24:00")]);
        let (from, until) = (at(Sao_Paulo, "2018-11-02 12:00"), at(Sao_Paulo, "2018-11-05 12:00"));
        assert_eq!(schedule_minutes(&weekend, Sao_Paulo, from, until), 47 * 60);
        assert_eq!(schedule_minutes(&sunday_all_day(), Sao_Paulo, from, until), 23 * 60);
        // Starting inside Sunday: 01:30 −02 leaves 22 h 30 min.
        let (from, until) = (at(Sao_Paulo, "2018-11-04 01:30"), at(Sao_Paulo, "2018-11-05 12:00"));
        assert_eq!(schedule_minutes(&weekend, Sao_Paulo, from, until), 22 * 60 + 30);
    }

    #[test]
    fn the_walk_stops_after_400_days() {
        // From Monday 2026-01-05 the walk covers 400 local days: 57 weeks (285 weekdays) and
        // one more Monday, 286 × 9 h = 2574 h, however far off the end is.
        let from = at(Moscow, "2026-01-05 00:00");
        let far = at(Moscow, "2036-01-01 00:00");
        assert_eq!(schedule_minutes(&WeeklySchedule::office_hours(), Moscow, from, far), 2574 * 60);
        let end = DateTime::<Utc>::MAX_UTC;
        assert_eq!(schedule_minutes(&WeeklySchedule::office_hours(), Moscow, from, end), 2574 * 60);
    }

    // --- Finish ---

    #[test]
    fn ninety_attempts_fill_monday() {
        let office = WeeklySchedule::office_hours();
        // 09:00–18:00 is 9 h × 10/h = 90 attempts: done at the end of Monday's window, not at
        // Tuesday's start.
        let done = finish_at(&office, Moscow, at(Moscow, "2026-01-05 09:00"), 90.0, 10.0, 30).unwrap();
        assert_eq!(local(Moscow, done), "2026-01-05 18:00:00");
        // One more attempt spills into Tuesday: 6 minutes after 09:00.
        let done = finish_at(&office, Moscow, at(Moscow, "2026-01-05 09:00"), 91.0, 10.0, 30).unwrap();
        assert_eq!(local(Moscow, done), "2026-01-06 09:06:00");
    }

    #[test]
    fn friday_evening_spills_over_the_weekend() {
        // Friday 17:00–18:00 makes 10 attempts; the other 10 take Monday 09:00–10:00.
        let office = WeeklySchedule::office_hours();
        let done = finish_at(&office, Moscow, at(Moscow, "2026-01-09 17:00"), 20.0, 10.0, 30).unwrap();
        assert_eq!(local(Moscow, done), "2026-01-12 10:00:00");
    }

    #[test]
    fn a_start_outside_the_windows_waits_for_the_next() {
        let office = WeeklySchedule::office_hours();
        // Saturday: nothing until Monday 09:00; 5 attempts at 10/h take 30 minutes.
        let done = finish_at(&office, Moscow, at(Moscow, "2026-01-10 11:00"), 5.0, 10.0, 30).unwrap();
        assert_eq!(local(Moscow, done), "2026-01-12 09:30:00");
        // Fractions of an hour: 1 attempt at 4/h is 15 minutes.
        let done = finish_at(&office, Moscow, at(Moscow, "2026-01-05 12:00"), 1.0, 4.0, 30).unwrap();
        assert_eq!(local(Moscow, done), "2026-01-05 12:15:00");
    }

    #[test]
    fn no_rate_or_no_schedule_never_finishes() {
        let office = WeeklySchedule::office_hours();
        let from = at(Moscow, "2026-01-05 09:00");
        assert_eq!(finish_at(&WeeklySchedule::default(), Moscow, from, 10.0, 10.0, 30), None);
        assert_eq!(finish_at(&office, Moscow, from, 10.0, 0.0, 30), None);
        assert_eq!(finish_at(&office, Moscow, from, 10.0, -5.0, 30), None);
        assert_eq!(finish_at(&office, Moscow, from, 10.0, f64::NAN, 30), None);
        assert_eq!(finish_at(&office, Moscow, from, 10.0, f64::INFINITY, 30), None);
        assert_eq!(finish_at(&office, Moscow, from, f64::NAN, 10.0, 30), None);
        assert_eq!(finish_at(&office, Moscow, from, f64::INFINITY, 10.0, 30), None);
    }

    #[test]
    fn nothing_left_is_done_now() {
        let from = at(Moscow, "2026-01-10 11:00");
        assert_eq!(finish_at(&WeeklySchedule::default(), Moscow, from, 0.0, 0.0, 0), Some(from));
        assert_eq!(finish_at(&WeeklySchedule::office_hours(), Moscow, from, -3.0, 10.0, 30), Some(from));
    }

    #[test]
    fn the_horizon_is_respected() {
        let office = WeeklySchedule::office_hours();
        let from = at(Moscow, "2026-01-05 09:00");
        // 1000 attempts at 10/h = 100 h: 11 working days (99 h) to Monday 2026-01-19 18:00,
        // then 1 h on Tuesday: 2026-01-20 10:00.
        assert_eq!(finish_at(&office, Moscow, from, 1000.0, 10.0, 7), None, "a week has 45 h");
        assert_eq!(finish_at(&office, Moscow, from, 1000.0, 10.0, 15), None, "ends Tuesday 09:00");
        let done = finish_at(&office, Moscow, from, 1000.0, 10.0, 16).unwrap();
        assert_eq!(local(Moscow, done), "2026-01-20 10:00:00");
        // Finishing exactly at the horizon counts: calling round the clock, 24 attempts at 1/h
        // from Monday 00:00 end at Tuesday 00:00, one day on; 25 do not fit in that day.
        let always = on(&[0, 1, 2, 3, 4, 5, 6], &[("00:00", "24:00")]);
        let monday = at(Moscow, "2026-01-05 00:00");
        let done = finish_at(&always, Moscow, monday, 24.0, 1.0, 1).unwrap();
        assert_eq!(local(Moscow, done), "2026-01-06 00:00:00");
        assert_eq!(finish_at(&always, Moscow, monday, 25.0, 1.0, 1), None);
        // Horizons beyond a year are cut to one: 20 000 h never fit in its ~2350 h of windows.
        assert_eq!(finish_at(&office, Moscow, from, 200_000.0, 10.0, u32::MAX), None);
    }

    #[test]
    fn finishing_follows_the_clock_change() {
        // Sunday all day in Berlin on 2026-03-29 has 23 h: 23 attempts at 1/h finish at its end,
        // Monday 00:00 CEST.
        let from = at(Berlin, "2026-03-29 00:00");
        let done = finish_at(&sunday_all_day(), Berlin, from, 23.0, 1.0, 30).unwrap();
        assert_eq!(local(Berlin, done), "2026-03-30 00:00:00");
        // 3 attempts: 00:00–02:00 CET then 03:00–04:00 CEST.
        let done = finish_at(&sunday_all_day(), Berlin, from, 3.0, 1.0, 30).unwrap();
        assert_eq!(local(Berlin, done), "2026-03-29 04:00:00");
    }

    // --- Plan ---

    #[test]
    fn a_plan_says_whether_the_calling_fits() {
        let office = WeeklySchedule::office_hours();
        // Monday 09:00 to Wednesday 15:00: 9 + 9 + 6 = 24 h. 310 attempts at 10/h need 31 h.
        let (from, until) = (at(Moscow, "2026-01-05 09:00"), at(Moscow, "2026-01-07 15:00"));
        let short = plan(310.0, 10.0, &office, Moscow, from, until);
        assert!(close(short.hours_needed, 31.0) && close(short.hours_available, 24.0), "{short:?}");
        assert!(!short.fits());
        let enough = plan(240.0, 10.0, &office, Moscow, from, until);
        assert!(close(enough.hours_needed, 24.0) && enough.fits(), "exactly enough fits: {enough:?}");
        let no_one = plan(1.0, 0.0, &office, Moscow, from, until);
        assert!(no_one.hours_needed.is_infinite() && !no_one.fits());
        let nothing = plan(0.0, 0.0, &WeeklySchedule::default(), Moscow, from, until);
        assert!(nothing.hours_needed == 0.0 && nothing.fits(), "nothing to do always fits");
        assert!(!plan(f64::NAN, 10.0, &office, Moscow, from, until).fits());
    }
}
