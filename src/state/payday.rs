//! 每月还款日: the day of the month payments fall on, separate from the disbursement date
//! (放款日期). The core takes it as `first_payment_date`; this module turns the two dates a
//! person gives into it (docs/calculator.md, "每月还款日").
//!
//! The rule itself lives in the core, [`loanlens_core::dates::first_payment_date`], shared with
//! the mortgage page: the first payment falls on the chosen day of the month after
//! disbursement; when that is fewer than [`MIN_FIRST_PERIOD_DAYS`] days after disbursement, on
//! that day of the month after that. Later payments fall on the same day every month (days 1–28
//! exist in every month, so none is moved). The first period runs from disbursement to the
//! first payment and, unless it is exactly one month, the core accrues its interest by actual
//! days (its odd first period).

use loanlens_core::dates::{self, Date};

/// A first period shorter than this many days moves the first payment a month later.
pub const MIN_FIRST_PERIOD_DAYS: i64 = dates::MIN_FIRST_PERIOD_DAYS;

/// The latest day offered: every month has it (月末 is not offered here, docs/calculator.md).
pub const MAX_PAY_DAY: u32 = dates::MAX_PAY_DAY;

/// A 每月还款日 as kept in the URL (`1`–`28`); anything else is none.
pub fn parse_pay_day(s: &str) -> Option<u32> {
    s.trim().parse().ok().filter(|d| (1..=MAX_PAY_DAY).contains(d))
}

/// The first payment date for a loan disbursed on `disbursed` repaid on `day` each month (the
/// core's rule). Past the calendar's last day (2200-12-31) it is the date two months on,
/// which the engine refuses as `first_payment_date`, so the date field shows its error.
pub fn first_payment_date(disbursed: Date, day: u32) -> Date {
    dates::first_payment_date(disbursed, day).unwrap_or_else(|| disbursed.add_months_clamped(2))
}

#[cfg(test)]
mod tests {
    use super::*;

    fn first(disbursed: &str, day: u32) -> String {
        first_payment_date(Date::parse(disbursed).unwrap(), day).to_string()
    }

    #[test]
    fn the_first_payment_is_in_the_month_after_disbursement() {
        assert_eq!(first("2025-01-15", 20), "2025-02-20");
        assert_eq!(first("2025-01-15", 15), "2025-02-15");
        // 17 days: long enough.
        assert_eq!(first("2025-01-15", 1), "2025-02-01");
        assert_eq!(first("2025-12-31", 28), "2026-01-28");
    }

    #[test]
    fn a_first_period_under_15_days_moves_a_month() {
        // 2025-01-20 → 2025-02-01 is 12 days: the first payment is on 2025-03-01 (40 days).
        assert_eq!(first("2025-01-20", 1), "2025-03-01");
        assert_eq!(first("2025-12-25", 5), "2026-02-05");
        // 14 days moves, 15 stays.
        assert_eq!(first("2025-01-18", 1), "2025-03-01");
        assert_eq!(first("2025-01-17", 1), "2025-02-01");
    }

    #[test]
    fn every_day_and_disbursement_gives_a_date_the_core_accepts() {
        // The core's rule: after disbursement, at most two months later.
        for (y, m) in (2024..=2025).flat_map(|y| (1..=12).map(move |m| (y, m))) {
            for dd in 1..=loanlens_core::dates::days_in_month(y, m) {
                let d = Date::new(y, m, dd).unwrap();
                for day in 1..=MAX_PAY_DAY {
                    let f = first_payment_date(d, day);
                    assert!(d.days_until(f) >= MIN_FIRST_PERIOD_DAYS, "{d} {day}");
                    assert!(f <= d.add_months_clamped(2), "{d} {day} → {f}");
                    assert_eq!(f.day(), day);
                }
            }
        }
    }

    #[test]
    fn the_calculator_and_the_mortgage_page_give_the_same_first_payment_date() {
        // The tester's case: disbursed 2025-06-28 with 还款日 1 (3 days away), and others.
        for (disbursed, day) in [("2025-06-28", 1), ("2025-01-20", 1), ("2025-06-15", 20)] {
            let req: loanlens_core::mortgage::MortgageRequest =
                loanlens_core::schema::from_json(&format!(
                    r#"{{"loan_type":"commercial","loan_amount":"1000000","term_months":360,
                    "disbursement_date":"{disbursed}","repayment_day":{day}}}"#
                ))
                .unwrap();
            let mortgage = loanlens_core::mortgage::compute(&req).unwrap().first_payment_date;
            assert_eq!(first(disbursed, day), mortgage, "{disbursed} {day}");
        }
        assert_eq!(first("2025-06-28", 1), "2025-08-01");
    }

    #[test]
    fn pay_days_outside_1_to_28_are_none() {
        assert_eq!(parse_pay_day("28"), Some(28));
        assert_eq!(parse_pay_day("1"), Some(1));
        for bad in ["0", "29", "31", "", "x", "-1"] {
            assert_eq!(parse_pay_day(bad), None, "{bad}");
        }
    }
}
