//! The one 每月还款日 rule (`dates::first_payment_date`, docs/calculator.md): every disbursement
//! day of two years, with every repayment day, gives a first payment date the engine accepts,
//! and the mortgage core dates its first payment by the same rule.

use loanlens_core::dates::{
    days_in_month, first_payment_date, Date, MAX_PAY_DAY, MIN_FIRST_PERIOD_DAYS, MONTH_END,
};
use loanlens_core::mortgage::{compute, MortgageRequest};
use loanlens_core::schema::{from_json, Method, ScheduleRequest};
use rust_decimal::Decimal;

fn days() -> impl Iterator<Item = u32> {
    (1..=MAX_PAY_DAY).chain([MONTH_END])
}

#[test]
fn every_disbursement_day_over_two_years_gives_a_valid_first_payment_for_every_repayment_day() {
    for (y, m) in (2024..=2025).flat_map(|y| (1..=12).map(move |m| (y, m))) {
        for dd in 1..=days_in_month(y, m) {
            let d = Date::new(y, m, dd).unwrap();
            for day in days() {
                let f = first_payment_date(d, day).unwrap_or_else(|| panic!("{d} {day}"));
                let gap = d.days_until(f);
                assert!(gap >= MIN_FIRST_PERIOD_DAYS, "{d} {day} → {f}");
                assert!(f <= d.add_months_clamped(2), "{d} {day} → {f}");
                let want = if day == MONTH_END { days_in_month(f.year(), f.month()) } else { day };
                assert_eq!(f.day(), want, "{d} {day} → {f}");
                // In the month after disbursement unless that is under 15 days away.
                let next = d.add_months_clamped(1);
                let in_next = (f.year(), f.month()) == (next.year(), next.month());
                let next_gap = d.days_until(
                    Date::new(
                        next.year(),
                        next.month(),
                        want.min(days_in_month(next.year(), next.month())),
                    )
                    .unwrap(),
                );
                assert_eq!(in_next, next_gap >= MIN_FIRST_PERIOD_DAYS, "{d} {day} → {f}");
                // The engine takes it.
                let mut req = ScheduleRequest::new(
                    Decimal::from(120_000),
                    Decimal::new(49, 3),
                    12,
                    Method::EqualInstallment,
                );
                req.disbursement_date = Some(d.to_string());
                req.first_payment_date = Some(f.to_string());
                assert!(loanlens_core::schedule(&req).is_ok(), "{d} {day} → {f}");
            }
        }
    }
}

#[test]
fn the_mortgage_dates_its_first_payment_by_the_same_rule() {
    for (disbursed, day, want) in [
        ("2025-06-28", 1, "2025-08-01"),
        ("2025-06-15", 20, "2025-07-20"),
        ("2025-01-20", 1, "2025-03-01"),
        ("2025-01-20", 31, "2025-02-28"),
    ] {
        let req: MortgageRequest = from_json(&format!(
            r#"{{"loan_type":"commercial","loan_amount":"1000000","term_months":360,
            "disbursement_date":"{disbursed}","repayment_day":{day}}}"#
        ))
        .unwrap();
        let r = compute(&req).unwrap();
        let rule = first_payment_date(Date::parse(disbursed).unwrap(), day).unwrap();
        assert_eq!((r.first_payment_date.as_str(), rule.to_string().as_str()), (want, want));
        assert_eq!(r.rows[0].date, want);
    }
}
