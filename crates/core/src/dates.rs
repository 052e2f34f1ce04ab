//! Calendar dates, small and pure: parsing `"YYYY-MM-DD"`, day counts and month arithmetic with
//! month-end clamping. No time zones, no clock: a date is a day of the proleptic Gregorian
//! calendar between [`Date::MIN_YEAR`] and [`Date::MAX_YEAR`].

use std::fmt;

/// A calendar day. Construct it with [`Date::parse`] or [`Date::new`], which validate.
///
/// ```
/// use loanlens_core::dates::Date;
/// let d = Date::parse("2024-01-31").unwrap();
/// assert_eq!(d.add_months_clamped(1).to_string(), "2024-02-29");
/// assert_eq!(d.add_months_clamped(2).to_string(), "2024-03-31");
/// ```
#[derive(Debug, Clone, Copy, PartialEq, Eq, PartialOrd, Ord, Hash)]
pub struct Date {
    year: i32,
    month: u32,
    day: u32,
}

impl Date {
    /// The first year accepted.
    pub const MIN_YEAR: i32 = 1900;
    /// The last year accepted.
    pub const MAX_YEAR: i32 = 2200;

    /// A validated date; `None` when the day does not exist or the year is out of range.
    ///
    /// ```
    /// use loanlens_core::dates::Date;
    /// assert!(Date::new(2023, 2, 29).is_none());
    /// assert!(Date::new(2024, 2, 29).is_some());
    /// ```
    pub fn new(year: i32, month: u32, day: u32) -> Option<Date> {
        let ok = (Self::MIN_YEAR..=Self::MAX_YEAR).contains(&year)
            && (1..=12).contains(&month)
            && day >= 1
            && day <= days_in_month(year, month);
        ok.then_some(Date { year, month, day })
    }

    /// Parses exactly `YYYY-MM-DD`.
    ///
    /// ```
    /// use loanlens_core::dates::Date;
    /// assert!(Date::parse("2025-1-5").is_err());
    /// assert_eq!(Date::parse("2025-01-05").unwrap().to_string(), "2025-01-05");
    /// ```
    pub fn parse(s: &str) -> Result<Date, String> {
        let b = s.as_bytes();
        let shape = b.len() == 10
            && b[4] == b'-'
            && b[7] == b'-'
            && b.iter().enumerate().all(|(i, c)| i == 4 || i == 7 || c.is_ascii_digit());
        let bad = || {
            format!(
                "must be a date written YYYY-MM-DD between {}-01-01 and {}-12-31",
                Self::MIN_YEAR,
                Self::MAX_YEAR
            )
        };
        if !shape {
            return Err(bad());
        }
        let num = |r: std::ops::Range<usize>| {
            b[r].iter().fold(0u32, |acc, c| acc * 10 + u32::from(c - b'0'))
        };
        let year = i32::try_from(num(0..4)).map_err(|_| bad())?;
        Date::new(year, num(5..7), num(8..10)).ok_or_else(bad)
    }

    /// The year.
    pub fn year(self) -> i32 {
        self.year
    }

    /// The month, 1 to 12.
    pub fn month(self) -> u32 {
        self.month
    }

    /// The day of the month.
    pub fn day(self) -> u32 {
        self.day
    }

    /// Days since 1970-01-01 (negative before).
    ///
    /// ```
    /// use loanlens_core::dates::Date;
    /// assert_eq!(Date::parse("1970-01-02").unwrap().days(), 1);
    /// ```
    pub fn days(self) -> i64 {
        // Howard Hinnant's days_from_civil.
        let y = i64::from(self.year) - i64::from(self.month <= 2);
        let era = y.div_euclid(400);
        let yoe = y - era * 400;
        let m = i64::from(self.month);
        let mp = (m + 9) % 12;
        let doy = (153 * mp + 2) / 5 + i64::from(self.day) - 1;
        let doe = yoe * 365 + yoe / 4 - yoe / 100 + doy;
        era * 146_097 + doe - 719_468
    }

    /// Days from `self` to `later` (negative if `later` is earlier).
    ///
    /// ```
    /// use loanlens_core::dates::Date;
    /// let a = Date::parse("2024-02-01").unwrap();
    /// assert_eq!(a.days_until(Date::parse("2024-03-01").unwrap()), 29);
    /// ```
    pub fn days_until(self, later: Date) -> i64 {
        later.days() - self.days()
    }

    /// The same day `months` months later, clamped to the last day of a shorter month. The
    /// anchor is `self.day()`, so repeated calls from the same anchor keep the 31st.
    ///
    /// Returns the clamped date even past [`Date::MAX_YEAR`]; callers keep terms within range.
    ///
    /// ```
    /// use loanlens_core::dates::Date;
    /// let d = Date::parse("2025-01-31").unwrap();
    /// assert_eq!(d.add_months_clamped(1).to_string(), "2025-02-28");
    /// assert_eq!(d.add_months_clamped(13).to_string(), "2026-02-28");
    /// ```
    pub fn add_months_clamped(self, months: u32) -> Date {
        let index = i64::from(self.year) * 12 + i64::from(self.month) - 1 + i64::from(months);
        let year = i32::try_from(index.div_euclid(12)).unwrap_or(i32::MAX);
        let month = u32::try_from(index.rem_euclid(12) + 1).unwrap_or(1);
        let day = self.day.min(days_in_month(year, month));
        Date { year, month, day }
    }
}

/// The 每月还款日 that means the last day of every month (月末).
pub const MONTH_END: u32 = 31;

/// The latest numbered 每月还款日: days 1 to 28 exist in every month.
pub const MAX_PAY_DAY: u32 = 28;

/// A first period shorter than this many days moves the first payment a month later.
pub const MIN_FIRST_PERIOD_DAYS: i64 = 15;

/// The first payment date for a loan disbursed on `disbursed` and repaid on `day` of each month
/// (1 to [`MAX_PAY_DAY`], or [`MONTH_END`] for each month's last day): the one rule the
/// calculator and the mortgage page share (docs/calculator.md, "每月还款日").
///
/// The first payment falls on that day of the month after disbursement; when that is fewer
/// than [`MIN_FIRST_PERIOD_DAYS`] days after disbursement, on that day of the month after that
/// (month end never moves: it is always at least 28 days away). The date is after
/// disbursement and at most two months later (the engine's rule for `first_payment_date`).
/// `None` when `day` is not a repayment day or the date would fall after [`Date::MAX_YEAR`].
///
/// ```
/// use loanlens_core::dates::{first_payment_date, Date, MONTH_END};
/// let first = |d: &str, day| first_payment_date(Date::parse(d).unwrap(), day).unwrap().to_string();
/// assert_eq!(first("2025-06-15", 20), "2025-07-20");
/// // 2025-06-28 → 2025-07-01 is 3 days: a month later.
/// assert_eq!(first("2025-06-28", 1), "2025-08-01");
/// assert_eq!(first("2025-01-20", MONTH_END), "2025-02-28");
/// ```
pub fn first_payment_date(disbursed: Date, day: u32) -> Option<Date> {
    if day == 0 || (day > MAX_PAY_DAY && day != MONTH_END) {
        return None;
    }
    let in_month = |n: u32| {
        let m = disbursed.add_months_clamped(n);
        Date::new(m.year(), m.month(), day.min(days_in_month(m.year(), m.month())))
    };
    let first = in_month(1)?;
    if disbursed.days_until(first) < MIN_FIRST_PERIOD_DAYS {
        in_month(2)
    } else {
        Some(first)
    }
}

impl fmt::Display for Date {
    fn fmt(&self, f: &mut fmt::Formatter<'_>) -> fmt::Result {
        write!(f, "{:04}-{:02}-{:02}", self.year, self.month, self.day)
    }
}

/// Whether `year` is a Gregorian leap year.
///
/// ```
/// assert!(loanlens_core::dates::is_leap(2000));
/// assert!(!loanlens_core::dates::is_leap(1900));
/// ```
pub fn is_leap(year: i32) -> bool {
    (year % 4 == 0 && year % 100 != 0) || year % 400 == 0
}

/// Number of days in a month (1 to 12; any other month counts 31).
///
/// ```
/// assert_eq!(loanlens_core::dates::days_in_month(2024, 2), 29);
/// ```
pub fn days_in_month(year: i32, month: u32) -> u32 {
    match month {
        4 | 6 | 9 | 11 => 30,
        2 if is_leap(year) => 29,
        2 => 28,
        _ => 31,
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn days_round_trip_over_the_accepted_range() {
        let mut d = Date::new(Date::MIN_YEAR, 1, 1).unwrap();
        let mut expected = d.days();
        while d.year() <= Date::MAX_YEAR {
            assert_eq!(d.days(), expected, "{d}");
            assert_eq!(Date::parse(&d.to_string()), Ok(d));
            expected += 1;
            d = match Date::new(d.year, d.month, d.day + 1) {
                Some(n) => n,
                None => match Date::new(d.year, d.month + 1, 1) {
                    Some(n) => n,
                    None => Date { year: d.year + 1, month: 1, day: 1 },
                },
            };
        }
    }

    #[test]
    fn rejects_malformed_dates() {
        for s in [
            "",
            "2025-02-30",
            "2025-13-01",
            "1899-12-31",
            "2201-01-01",
            "2025/01/01",
            "２０２５-01-01",
            "2025-00-10",
        ] {
            assert!(Date::parse(s).is_err(), "{s}");
        }
    }

    #[test]
    fn first_payment_dates_follow_the_15_day_rule() {
        let first = |d: &str, day| first_payment_date(Date::parse(d).unwrap(), day);
        let s = |d: &str, day| first(d, day).map(|f| f.to_string());
        assert_eq!(s("2025-01-15", 20).as_deref(), Some("2025-02-20"));
        assert_eq!(s("2025-01-15", 1).as_deref(), Some("2025-02-01"));
        // 14 days moves a month, 15 stays.
        assert_eq!(s("2025-01-18", 1).as_deref(), Some("2025-03-01"));
        assert_eq!(s("2025-01-17", 1).as_deref(), Some("2025-02-01"));
        // The tester's case: disbursed 2025-06-28, paying on the 1st.
        assert_eq!(s("2025-06-28", 1).as_deref(), Some("2025-08-01"));
        assert_eq!(s("2024-01-31", MONTH_END).as_deref(), Some("2024-02-29"));
        assert_eq!(s("2025-02-28", MONTH_END).as_deref(), Some("2025-03-31"));
        for bad in [0, 29, 30, 32] {
            assert_eq!(first("2025-01-15", bad), None, "{bad}");
        }
        // Past the calendar's last year: none.
        assert_eq!(first("2200-11-20", 1), None);
        assert_eq!(s("2200-10-31", 14).as_deref(), Some("2200-12-14"));
    }
}
