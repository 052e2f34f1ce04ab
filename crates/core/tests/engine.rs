//! Golden vectors and invariants of the schedule engine.
#![cfg(not(target_arch = "wasm32"))] // Native only; tests/wasm.rs runs the vectors on wasm32.

use loanlens_core::schema::{Method, ScheduleRequest};
use loanlens_core::{schedule, InputError};
use proptest::prelude::*;
use rust_decimal::Decimal;
use std::str::FromStr;

fn d(s: &str) -> Decimal {
    Decimal::from_str(s).unwrap()
}

fn req(p: &str, r: &str, n: u32, m: Method) -> ScheduleRequest {
    ScheduleRequest::new(d(p), d(r), n, m)
}

#[test]
fn one_million_at_4_9_over_30_years_pays_5307_27() {
    let s = schedule(&req("1000000.00", "0.049", 360, Method::EqualInstallment)).unwrap();
    assert_eq!(s.first_payment.to_string(), "5307.27");
    assert_eq!(s.rows[0].interest.to_string(), "4083.33");
    assert_eq!(s.rows.len(), 360);
    assert_eq!(s.rows[359].balance.to_string(), "0.00");
    assert_eq!(s.apr.nominal.to_string(), "0.049000");
}

#[test]
fn equal_principal_first_month_and_monthly_decrease() {
    let s = schedule(&req("1000000.00", "0.049", 360, Method::EqualPrincipal)).unwrap();
    assert_eq!(s.first_payment.to_string(), "6861.11");
    assert_eq!((s.rows[0].payment - s.rows[1].payment).to_string(), "11.34");
}

#[test]
fn pboc_worked_example_apr() {
    // 100,000 borrowed, 1,000 fee upfront, 12 payments of 8,833.33: nominal ≈ 12.80%, effective ≈ 13.58%.
    let payments = vec![d("8833.33"); 12];
    let x = loanlens_core::apr::monthly_irr(d("99000"), &payments).unwrap();
    let nominal = x * Decimal::from(12);
    let effective = loanlens_core::apr::effective_annual(x).unwrap();
    assert_eq!(loanlens_core::money::round_rate(nominal, 4).to_string(), "0.1280");
    assert_eq!(loanlens_core::money::round_rate(effective, 4).to_string(), "0.1358");
}

#[test]
fn interest_is_rounded_half_up_not_half_even() {
    // 241,500 × 4.9% / 12 = 986.125 exactly: a bank prints 986.13.
    let s = schedule(&req("241500.00", "0.049", 12, Method::InterestOnly)).unwrap();
    assert_eq!(s.rows[0].interest.to_string(), "986.13");
}

#[test]
fn bad_input_names_the_field() {
    let cases: [(ScheduleRequest, &str); 5] = [
        (req("0", "0.05", 12, Method::Bullet), "principal"),
        (req("100.001", "0.05", 12, Method::Bullet), "principal"),
        (req("100", "-0.01", 12, Method::Bullet), "annual_rate"),
        (req("100", "10.01", 12, Method::Bullet), "annual_rate"),
        (req("100", "0.05", 601, Method::Bullet), "term_months"),
    ];
    for (r, field) in cases {
        let e: InputError = schedule(&r).unwrap_err();
        assert_eq!(e.field, field, "{r:?}");
    }
}

fn method() -> impl Strategy<Value = Method> {
    prop::sample::select(Method::ALL.to_vec())
}

proptest! {
    #[test]
    fn schedule_invariants(cents in 1u64..=100_000_000_000_000u64, rate_bp in 0u32..=100_000u32,
                           n in 1u32..=600, m in method()) {
        let p = Decimal::new(cents as i64, 2);
        let r = Decimal::new(rate_bp as i64, 4);
        let s = schedule(&ScheduleRequest::new(p, r, n, m)).unwrap();
        prop_assert_eq!(s.rows.len() as u32, n);
        let sum: Decimal = s.rows.iter().map(|r| r.principal).sum();
        prop_assert_eq!(sum, p);
        prop_assert!(s.rows.last().unwrap().balance.is_zero());
        let mut before = p;
        for row in &s.rows {
            prop_assert!(row.balance >= Decimal::ZERO);
            prop_assert!(row.principal >= Decimal::ZERO && row.principal <= before);
            prop_assert!(row.interest >= Decimal::ZERO);
            prop_assert_eq!(row.payment, row.principal + row.interest + row.fee);
            before = row.balance;
        }
    }
}
