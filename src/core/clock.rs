//! Time as the application sees it: the system clock in production, a hand-moved clock in tests
//! (token expiry, date filters) so no test waits or depends on the day it runs.

use std::sync::{Arc, Mutex};

use chrono::{DateTime, SubsecRound, Utc};

pub trait Clock: Send + Sync + 'static {
    /// Now, truncated to whole seconds (what the database stores).
    fn now(&self) -> DateTime<Utc>;
}

pub struct SystemClock;

impl Clock for SystemClock {
    fn now(&self) -> DateTime<Utc> {
        Utc::now().trunc_subsecs(0)
    }
}

/// A clock that stays where it is put.
#[derive(Clone)]
pub struct ManualClock(Arc<Mutex<DateTime<Utc>>>);

impl ManualClock {
    pub fn new(at: DateTime<Utc>) -> Self {
        ManualClock(Arc::new(Mutex::new(at.trunc_subsecs(0))))
    }

    pub fn advance(&self, by: chrono::Duration) {
        *self.0.lock().unwrap() += by;
    }
}

impl Clock for ManualClock {
    fn now(&self) -> DateTime<Utc> {
        *self.0.lock().unwrap()
    }
}

/// The day `YYYY-MM-DD` names, read leniently: a day past the end of its month is that month's
/// last day (`2026-02-30` is 2026-02-28), as the specs' date patterns allow days up to 31 in
/// every month. `None` when the text is not a date of months 01 to 12 and days 01 to 31.
pub fn calendar_day(text: &str) -> Option<chrono::NaiveDate> {
    let mut parts = text.split('-');
    let (year, month, day) = (parts.next()?, parts.next()?, parts.next()?);
    let digits = |s: &str, n: usize| s.len() == n && s.bytes().all(|b| b.is_ascii_digit());
    if parts.next().is_some() || !digits(year, 4) || !digits(month, 2) || !digits(day, 2) {
        return None;
    }
    let (year, month, day): (i32, u32, u32) = (year.parse().ok()?, month.parse().ok()?, day.parse().ok()?);
    if !(1..=31).contains(&day) {
        return None;
    }
    (day.min(28)..=day).rev().find_map(|d| chrono::NaiveDate::from_ymd_opt(year, month, d))
}

#[cfg(test)]
mod calendar_day_tests {
    use chrono::NaiveDate;

    use super::calendar_day;

    #[test]
    fn days_past_the_month_end_are_its_last_day() {
        let day = |y, m, d| NaiveDate::from_ymd_opt(y, m, d);
        assert_eq!(calendar_day("2026-03-01"), day(2026, 3, 1));
        assert_eq!(calendar_day("2026-02-30"), day(2026, 2, 28));
        assert_eq!(calendar_day("2024-02-31"), day(2024, 2, 29));
        assert_eq!(calendar_day("2026-04-31"), day(2026, 4, 30));
        assert_eq!(calendar_day("0000-01-01"), day(0, 1, 1));
        for bad in ["2026-13-01", "2026-00-10", "2026-01-00", "2026-01-32", "26-01-01", "2026-1-1", "2026-01-01x", ""] {
            assert_eq!(calendar_day(bad), None, "{bad}");
        }
    }
}
