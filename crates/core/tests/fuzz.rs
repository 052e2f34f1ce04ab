//! Property tests over the whole request space (the fuzz target, run on stable with proptest):
//! no input may panic, overflow silently or hang, and every accepted request gives a schedule
//! that keeps the money invariants.
//!
//! The same properties run natively (`cargo test`) and on wasm32 in headless Chromium
//! (`CHROMEDRIVER=/usr/bin/chromedriver cargo test -p loanlens-core --target
//! wasm32-unknown-unknown`), where `panic = "abort"` would turn any overflow into a dead page;
//! the browser runs fewer cases.

#[cfg(target_arch = "wasm32")]
use wasm_bindgen_test::wasm_bindgen_test as test;
#[cfg(target_arch = "wasm32")]
wasm_bindgen_test::wasm_bindgen_test_configure!(run_in_browser);

use loanlens_core::schema::{
    from_json, CompareRequest, Method, Schedule, ScheduleRequest, SolveRequest, XirrRequest,
};
use loanlens_core::{compare, schedule, solve, xirr};
use proptest::prelude::*;
use proptest::test_runner::FailurePersistence;
use rust_decimal::Decimal;
use std::str::FromStr;

/// Decimal strings from every region: typical, boundary, out of range, Decimal-overflowing and
/// malformed.
fn amount() -> impl Strategy<Value = String> {
    prop_oneof![
        (1u64..=100_000_000_000_000u64).prop_map(|c| format!("{}.{:02}", c / 100, c % 100)),
        prop::sample::select(vec![
            "0",
            "0.00",
            "0.01",
            "0.001",
            "-1",
            "1000000000000.00",
            "1000000000000.01",
            "79228162514264337593543950335",
            "79228162514264337593543950336",
            "99999999999999999999999999999999999999",
            "1e5",
            "",
            "abc",
            "--1",
            "1.2.3",
            "0.0000000000000000000000000001",
        ])
        .prop_map(str::to_string),
    ]
}

fn rate() -> impl Strategy<Value = String> {
    prop_oneof![
        (0u32..=100_000u32).prop_map(|bp| Decimal::new(i64::from(bp), 4).to_string()),
        (0u64..=10_000_000_000_000u64).prop_map(|u| Decimal::new(u as i64, 12).to_string()),
        prop::sample::select(vec!["10", "10.0000000001", "-0.01", "0.0000000000001", "1000"])
            .prop_map(str::to_string),
    ]
}

fn date() -> impl Strategy<Value = String> {
    prop_oneof![
        (1890i32..=2210, 0u32..=13, 0u32..=32)
            .prop_map(|(y, m, d)| format!("{y:04}-{m:02}-{d:02}")),
        Just("2025-1-1".to_string()),
    ]
}

fn method() -> impl Strategy<Value = &'static str> {
    prop::sample::select(vec![
        "equal_installment",
        "equal_principal",
        "interest_only",
        "bullet",
        "flat_rate",
    ])
}

prop_compose! {
    fn request_json()(
        principal in amount(), annual_rate in rate(), term in 0u32..=610, method in method(),
        fee in prop::option::of(amount()), fee_rate in prop::option::of(rate()),
        monthly_fee in prop::option::of(rate()), quarterly in any::<bool>(),
        grace in prop::option::of(0u32..=40), disbursed in prop::option::of(date()),
        first in prop::option::of(date()), act365 in any::<bool>(),
        prepayments in prop::collection::vec((0u32..=400, amount(), any::<bool>(), prop::option::of(rate())), 0..4),
        settlement in prop::option::of((0u32..=400, prop::option::of(rate()))),
        changes in prop::collection::vec((0u32..=400, rate()), 0..4),
    ) -> String {
        let mut parts = vec![
            format!(r#""principal":"{principal}""#),
            format!(r#""annual_rate":"{annual_rate}""#),
            format!(r#""term_months":{term}"#),
            format!(r#""method":"{method}""#),
        ];
        if let Some(f) = fee { parts.push(format!(r#""upfront_fee":"{f}""#)); }
        if let Some(f) = fee_rate { parts.push(format!(r#""upfront_fee_rate":"{f}""#)); }
        if let Some(f) = monthly_fee { parts.push(format!(r#""monthly_fee_rate":"{f}""#)); }
        if quarterly { parts.push(r#""payment_frequency":"quarterly""#.into()); }
        if let Some(g) = grace { parts.push(format!(r#""grace_months":{g}"#)); }
        if let Some(d) = disbursed { parts.push(format!(r#""disbursement_date":"{d}""#)); }
        if let Some(d) = first { parts.push(format!(r#""first_payment_date":"{d}""#)); }
        if act365 { parts.push(r#""day_count":"act_365""#.into()); }
        let pp: Vec<String> = prepayments.iter().map(|(p, a, shorten, pen)| {
            let mode = if *shorten { "shorten_term" } else { "reduce_payment" };
            let pen = pen.as_ref().map(|r| format!(r#","penalty_rate":"{r}""#)).unwrap_or_default();
            format!(r#"{{"period":{p},"amount":"{a}","mode":"{mode}"{pen}}}"#)
        }).collect();
        if !pp.is_empty() { parts.push(format!(r#""prepayments":[{}]"#, pp.join(","))); }
        if let Some((p, pen)) = settlement {
            let pen = pen.map(|r| format!(r#","penalty_rate":"{r}""#)).unwrap_or_default();
            parts.push(format!(r#""settlement":{{"period":{p}{pen}}}"#));
        }
        let rc: Vec<String> = changes.iter().map(|(p, r)| format!(r#"{{"from_period":{p},"annual_rate":"{r}"}}"#)).collect();
        if !rc.is_empty() { parts.push(format!(r#""rate_changes":[{}]"#, rc.join(","))); }
        format!("{{{}}}", parts.join(","))
    }
}

fn check_invariants(req: &ScheduleRequest, s: &Schedule) -> Result<(), TestCaseError> {
    let total: Decimal = s.rows.iter().map(|r| r.principal).sum();
    prop_assert_eq!(total, req.principal);
    prop_assert!(s.rows.last().is_some_and(|r| r.balance.is_zero()));
    let mut before = req.principal;
    for row in &s.rows {
        prop_assert!(row.balance >= Decimal::ZERO);
        prop_assert!(row.principal >= Decimal::ZERO && row.principal <= before);
        prop_assert!(row.interest >= Decimal::ZERO && row.fee >= Decimal::ZERO);
        prop_assert_eq!(row.payment, row.principal + row.interest + row.fee);
        prop_assert_eq!(row.balance, before - row.principal);
        prop_assert_eq!(row.payment.scale(), 2);
        before = row.balance;
    }
    prop_assert_eq!(s.total_payment, s.rows.iter().map(|r| r.payment).sum::<Decimal>());
    prop_assert!(s.apr.nominal >= Decimal::ZERO);
    Ok(())
}

/// Cases per property: 512 natively, 32 in the browser (a debug wasm build is slow).
fn config() -> ProptestConfig {
    let cases = if cfg!(target_arch = "wasm32") { 32 } else { 512 };
    // The browser has no file system to keep regressions in.
    let failure_persistence: Option<Box<dyn FailurePersistence>> = if cfg!(target_arch = "wasm32") {
        None
    } else {
        ProptestConfig::default().failure_persistence
    };
    ProptestConfig { cases, failure_persistence, ..ProptestConfig::default() }
}

proptest! {
    #![proptest_config(config())]

    #[test]
    fn any_schedule_request_is_answered_or_rejected_with_a_field(json in request_json()) {
        match from_json::<ScheduleRequest>(&json) {
            Err(e) => prop_assert!(!e.field.is_empty() && !e.message.is_empty()),
            Ok(req) => match schedule(&req) {
                Ok(s) => check_invariants(&req, &s)?,
                Err(e) => prop_assert!(!e.field.is_empty() && !e.message.is_empty(), "{json}"),
            },
        }
    }

    #[test]
    fn arbitrary_text_never_panics_the_parsers(text in ".{0,200}") {
        let _ = from_json::<ScheduleRequest>(&text);
        let _ = from_json::<CompareRequest>(&text);
        let _ = from_json::<SolveRequest>(&text);
        let _ = from_json::<XirrRequest>(&text);
    }

    #[test]
    fn zero_rate_works_for_every_method(cents in 1i64..=100_000_000_000_000, n in 1u32..=600, m in 0usize..5) {
        let req = ScheduleRequest::new(Decimal::new(cents, 2), Decimal::ZERO, n, Method::ALL[m]);
        let s = schedule(&req).unwrap();
        check_invariants(&req, &s)?;
        prop_assert!(s.total_interest.is_zero());
        prop_assert!(s.apr.nominal.is_zero());
    }

    #[test]
    fn fees_never_lower_the_apr(cents in 100_000i64..=10_000_000_000, bp in 0u32..=5_000, n in 1u32..=360,
                                 m in 0usize..5, fee_bp in 1u32..=500) {
        let p = Decimal::new(cents, 2);
        let r = Decimal::new(i64::from(bp), 4);
        let plain = schedule(&ScheduleRequest::new(p, r, n, Method::ALL[m])).unwrap();
        let mut with_fee = ScheduleRequest::new(p, r, n, Method::ALL[m]);
        with_fee.upfront_fee_rate = Some(Decimal::new(i64::from(fee_bp), 4));
        let fee = schedule(&with_fee).unwrap();
        prop_assert!(fee.apr.nominal >= plain.apr.nominal);
        // For methods that compound monthly on the balance, APR ≥ the nominal rate once a fee
        // is charged (a bullet loan's simple interest has an IRR below its quoted rate).
        if matches!(Method::ALL[m], Method::EqualInstallment | Method::EqualPrincipal | Method::InterestOnly | Method::FlatRate) {
            prop_assert!(fee.apr.nominal >= r, "{} < {}", fee.apr.nominal, r);
        }
    }

    #[test]
    fn solvers_invert_the_schedule_exactly(cents in 100_000i64..=100_000_000, bp in 0u32..=3_600,
                                            n in 1u32..=120, m in 0usize..5) {
        let p = Decimal::new(cents, 2);
        let r = Decimal::new(i64::from(bp), 4);
        let method = Method::ALL[m];
        let s = schedule(&ScheduleRequest::new(p, r, n, method)).unwrap();
        let regular = |s: &Schedule| match s.rows.split_last() {
            Some((last, rest)) if s.method == Method::Bullet || rest.is_empty() => last.payment,
            Some((_, rest)) => rest.iter().map(|r| r.payment).max().unwrap(),
            None => Decimal::ZERO,
        };
        let pay = regular(&s);
        let base = format!(r#""method":"{}","payment":"{pay}""#, method.id());
        // implied_rate: the answer reproduces the payment exactly.
        let ir = solve(&from_json(&format!(r#"{{"solve":"implied_rate","principal":"{p}","term_months":{n},{base}}}"#)).unwrap());
        match ir {
            Ok(ir) => {
                let again = schedule(&ScheduleRequest::new(p, ir.annual_rate, n, method)).unwrap();
                prop_assert_eq!(regular(&again), pay);
            }
            // Only when no rate at 10⁻¹⁰ resolution reproduces the payment (steep payments).
            Err(e) => prop_assert!(e.message.contains("no annual rate"), "{}", e),
        }
        // max_principal: the answer fits and one cent more does not.
        let mp = solve(&from_json(&format!(r#"{{"solve":"max_principal","annual_rate":"{r}","term_months":{n},{base}}}"#)).unwrap()).unwrap();
        prop_assert!(mp.principal >= p);
        prop_assert!(regular(&mp.schedule) <= pay);
        let more = schedule(&ScheduleRequest::new(mp.principal + Decimal::new(1, 2), r, n, method)).unwrap();
        prop_assert!(regular(&more) > pay);
        // min_term: the answer fits and (for amortising methods) one month less does not.
        let mt = solve(&from_json(&format!(r#"{{"solve":"min_term","principal":"{p}","annual_rate":"{r}",{base}}}"#)).unwrap()).unwrap();
        prop_assert!(mt.term_months <= n || !matches!(method, Method::EqualInstallment | Method::EqualPrincipal | Method::FlatRate));
        prop_assert!(regular(&mt.schedule) <= pay);
        if mt.term_months > 1 {
            let shorter = schedule(&ScheduleRequest::new(p, r, mt.term_months - 1, method)).unwrap();
            prop_assert!(regular(&shorter) > pay);
        }
    }

    #[test]
    fn fees_near_the_principal_are_answered_or_refused_naming_the_fee(
        cents in 1i64..=100_000_000_000_000, permille in 400u32..=1_000, short in 0i64..=100,
        near_limit in any::<bool>(), as_rate in any::<bool>(), bp in 0u32..=100_000,
        n in 1u32..=600, m in 0usize..5,
    ) {
        // Issue 14: a fee close to the principal (100,000 with 99,999) crashed the page and
        // saturated the APR. Every such loan is now answered with an APR of at most
        // 1,000,000% a year, or refused with an error naming the fee (or the rate).
        let p = Decimal::new(cents, 2);
        let mut req = ScheduleRequest::new(p, Decimal::new(i64::from(bp), 4), n, Method::ALL[m]);
        let fee = if near_limit { (cents - short).max(0) } else { cents / 1_000 * i64::from(permille) };
        if as_rate {
            req.upfront_fee_rate = Some(Decimal::new(i64::from(permille), 3));
        } else {
            req.upfront_fee = Some(Decimal::new(fee, 2));
        }
        match schedule(&req) {
            Ok(s) => {
                check_invariants(&req, &s)?;
                prop_assert!(s.apr.effective >= Decimal::ZERO);
                prop_assert!(s.apr.effective <= Decimal::from(10_000), "{}", s.apr.effective);
            }
            Err(e) => prop_assert!(
                ["upfront_fee", "upfront_fee_rate", "annual_rate"].contains(&e.field.as_str())
                    && !e.message.is_empty(),
                "{e}"
            ),
        }
    }

    #[test]
    fn compare_and_xirr_never_panic(json in request_json(),
                                    flows in prop::collection::vec((date(), amount(), any::<bool>()), 0..6)) {
        // A schedule request minus its method is a compare request.
        let compare_json = json.replacen(r#","method":""#, r#","ignored":""#, 1);
        if let Ok(req) = from_json::<CompareRequest>(&compare_json) {
            let _ = compare(&req);
        }
        let fl: Vec<String> = flows.iter().map(|(d, a, neg)| {
            format!(r#"{{"date":"{d}","amount":"{}{a}"}}"#, if *neg { "-" } else { "" })
        }).collect();
        if let Ok(req) = from_json::<XirrRequest>(&format!(r#"{{"flows":[{}]}}"#, fl.join(","))) {
            if let Ok(r) = xirr(&req) {
                prop_assert!(r.xirr > Decimal::from(-1));
            }
        }
    }
}

#[test]
fn decimal_overflow_values_are_rejected_not_wrapped() {
    for p in ["79228162514264337593543950335", "1000000000000.01"] {
        let json = format!(
            r#"{{"principal":"{p}","annual_rate":"10","term_months":600,"method":"bullet"}}"#
        );
        let e = from_json::<ScheduleRequest>(&json).and_then(|r| schedule(&r)).unwrap_err();
        assert_eq!(e.field, "principal");
    }
    // The largest loan at the highest rate over the longest term is computed exactly.
    for m in Method::ALL {
        let req = ScheduleRequest::new(
            Decimal::from_str("1000000000000.00").unwrap(),
            Decimal::TEN,
            600,
            m,
        );
        let s = schedule(&req).unwrap();
        assert_eq!(s.rows.iter().map(|r| r.principal).sum::<Decimal>(), req.principal);
        // Compounded monthly, 1000% a year is far above 5 (500%); a bullet loan's simple
        // interest (1 + 10 × 50 = 501 times the principal after 600 months) is 12.5%.
        let floor = if m == Method::Bullet { Decimal::new(12, 2) } else { Decimal::from(5) };
        assert!(s.apr.nominal > floor, "{m:?} {}", s.apr.nominal);
    }
}
