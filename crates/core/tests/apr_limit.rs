//! Issue 14, defect 1: a fee close to the principal crashed the page (a `Decimal`
//! multiplication overflow on wasm32) and made the API and CLI report a saturated APR
//! (79228162514264337593543950335). The core now refuses such a loan with an error naming the
//! fee and the allowed range, the same on every surface, and never reports an APR above
//! 1,000,000% a year.

use loanlens_core::schema::{from_json, CompareRequest, Method, ScheduleRequest, SolveRequest};
use loanlens_core::{compare, schedule, solve, InputError};
use rust_decimal::Decimal;
use std::str::FromStr;

fn d(s: &str) -> Decimal {
    Decimal::from_str(s).unwrap()
}

fn with_fee(principal: &str, rate: &str, term: u32, fee: &str) -> ScheduleRequest {
    let mut req = ScheduleRequest::new(d(principal), d(rate), term, Method::EqualInstallment);
    req.upfront_fee = Some(d(fee));
    req
}

#[test]
fn the_issue_inputs_name_the_fee_and_its_limit() {
    // The calculator link /calculator?principal=100&rate=4.9&term=12&fee=99.99 (万元).
    for fee in ["99999", "99990", "99000", "50000.01"] {
        let e = schedule(&with_fee("100000", "0.049", 12, fee)).unwrap_err();
        assert_eq!(e.field, "upfront_fee", "{fee}: {e}");
        assert!(e.message.contains("50000.00 (half the principal)"), "{fee}: {e}");
    }
    let mut by_rate = ScheduleRequest::new(d("0.03"), d("0.049"), 12, Method::Bullet);
    by_rate.upfront_fee_rate = Some(d("0.5"));
    // 0.03 × 50% = 0.015 rounds half-up to 0.02, more than half of 0.03 in whole cents.
    let e = schedule(&by_rate).unwrap_err();
    assert_eq!(e.field, "upfront_fee_rate");
    assert!(e.message.contains("0.01 (half the principal)"), "{e}");
}

#[test]
fn half_the_principal_is_the_largest_fee_and_its_apr_is_finite() {
    let s = schedule(&with_fee("100000", "0.049", 12, "50000")).unwrap();
    assert_eq!(s.amount_received, d("50000.00"));
    // 11 × 8,556.17 and 8,556.12 for 50,000 received: 13.28% a month (a float bisection on
    // the same flows agrees: 0.13279899, 1.593588, 3.465131).
    assert_eq!(s.apr.monthly, d("0.13279899"));
    assert_eq!(s.apr.nominal, d("1.593588"));
    assert_eq!(s.apr.effective, d("3.465131"));
}

#[test]
fn an_apr_above_one_million_percent_names_the_largest_fee_the_terms_allow() {
    // 100 at 1000% for one month: 183.33 repaid. A fee of 50 leaves 50 received, 267% a
    // month, (3.67)^12 − 1 ≈ 5.9 million (590,000,000%) a year.
    let e = schedule(&with_fee("100", "10", 1, "50")).unwrap_err();
    assert_eq!(e.field, "upfront_fee");
    assert!(e.message.contains("1,000,000% a year"), "{e}");
    // The message states the largest fee: 183.33 × 10001^(−1/12) = 85.09… must be received,
    // so 14.90 is accepted and one cent more is not.
    let max = e.message.split_whitespace().find_map(|w| Decimal::from_str(w).ok()).unwrap();
    assert_eq!(max, d("14.90"), "{e}");
    let s = schedule(&with_fee("100", "10", 1, "14.90")).unwrap();
    assert!(s.apr.effective <= Decimal::from(10_000), "{:?}", s.apr);
    assert!(s.apr.effective > Decimal::from(9_990), "{:?}", s.apr);
    assert_eq!(schedule(&with_fee("100", "10", 1, "14.91")).unwrap_err().field, "upfront_fee");
}

#[test]
fn without_a_fee_the_rate_is_named() {
    // An odd first period of 59 days at 1000%, a 10% monthly fee and a settlement penalty:
    // 283.89 paid after one month for 100 received is above 1,000,000% a year.
    let req: ScheduleRequest = from_json(
        r#"{"principal":"100","annual_rate":"10","term_months":2,"method":"bullet",
            "monthly_fee_rate":"0.1","disbursement_date":"2025-01-01",
            "first_payment_date":"2025-03-01","settlement":{"period":1,"penalty_rate":"0.1"}}"#,
    )
    .unwrap();
    let e: InputError = schedule(&req).unwrap_err();
    assert_eq!(e.field, "annual_rate");
    assert!(e.message.contains("1,000,000% a year"), "{e}");
}

#[test]
fn compare_and_solve_report_the_same_error() {
    let c: CompareRequest = from_json(
        r#"{"principal":"100000","annual_rate":"0.049","term_months":12,"upfront_fee":"99999"}"#,
    )
    .unwrap();
    assert_eq!(compare(&c).unwrap_err().field, "upfront_fee");
    let s: SolveRequest = from_json(
        r#"{"solve":"implied_rate","principal":"100000","term_months":12,"payment":"8556.17","upfront_fee":"99999"}"#,
    )
    .unwrap();
    assert_eq!(solve(&s).unwrap_err().field, "upfront_fee");
}

#[test]
fn the_implied_rate_solver_is_not_stopped_by_the_limit_at_its_search_bounds() {
    // 100 borrowed, 101 repaid after a month, 40 of it kept as a fee: the quoted rate is 12%.
    // The search also tries 1000%, where the fee would put the APR above the limit; that
    // probe must not end the search.
    let s: SolveRequest = from_json(
        r#"{"solve":"implied_rate","principal":"100","term_months":1,"payment":"101","upfront_fee":"40"}"#,
    )
    .unwrap();
    let r = solve(&s).unwrap();
    assert_eq!(r.annual_rate, d("0.12"));
    assert_eq!(r.schedule.amount_received, d("60.00"));
}
