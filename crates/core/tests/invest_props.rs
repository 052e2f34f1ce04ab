//! Property tests of the investor comparison: the relations issue 10 promises, and no panic,
//! overflow or hang over the whole input space (valid and invalid).
#![cfg(not(target_arch = "wasm32"))] // Native only; tests/invest_wasm.rs runs the vectors on wasm32.

use loanlens_core::dates::{days_in_month, is_leap};
use loanlens_core::invest::{compare, compare_cached, Cache, InvestRequest, InvestResponse};
use loanlens_core::schema::from_json;
use proptest::prelude::*;
use rust_decimal::Decimal;
use serde_json::{json, Value};

const STRUCTURES: [&str; 4] = ["equal_installment", "equal_principal", "interest_only", "bullet"];

fn run(body: &Value) -> InvestResponse {
    let req: InvestRequest = from_json(&body.to_string()).expect("valid request");
    compare(&req).unwrap_or_else(|e| panic!("{e} for {body}"))
}

fn date(days: u32) -> String {
    // A start date between 2000-01-01 and about 2060.
    let (mut y, mut d) = (2000i32, days);
    while d >= if is_leap(y) { 366 } else { 365 } {
        d -= if is_leap(y) { 366 } else { 365 };
        y += 1;
    }
    let mut m = 1;
    while d >= days_in_month(y, m) {
        d -= days_in_month(y, m);
        m += 1;
    }
    format!("{y:04}-{m:02}-{:02}", d + 1)
}

/// A valid lending product.
fn loan() -> impl Strategy<Value = Value> {
    (1u64..=100_000_000u64, 0u32..=240_000, 1u32..=120, 0usize..4, 0u32..22_000).prop_map(
        |(cents, rate, term, s, start)| {
            json!({"name": "p", "amount": format!("{}.{:02}", cents / 100, cents % 100),
                   "annual_rate": format!("0.{rate:06}"), "term_months": term,
                   "structure": STRUCTURES[s], "start_date": date(start)})
        },
    )
}

fn flows_sum(r: &InvestResponse, i: usize) -> Decimal {
    r.products[i].flows.iter().map(|f| f.amount).sum()
}

proptest! {
    #![proptest_config(ProptestConfig { cases: 24, ..ProptestConfig::default() })]

    #[test]
    fn xirr_of_a_deposit_is_its_effective_rate(
        cents in 100_000u64..=10_000_000_000u64, rate in 0u32..=200_000, term in 1u32..=120,
        start in 0u32..22_000,
    ) {
        let p = json!({"name": "d", "kind": "time_deposit",
            "amount": format!("{}.{:02}", cents / 100, cents % 100),
            "annual_rate": format!("0.{rate:06}"), "term_months": term, "start_date": date(start)});
        let r = run(&json!({"products": [p.clone(), p]}));
        let d = &r.products[0];
        // Effective annual rate of "amount in, amount + interest back after `holding_days`".
        let growth: f64 = (d.net_interest / (d.flows[0].amount.abs())).to_string().parse().unwrap();
        let eff = (1.0 + growth).powf(365.0 / d.holding_days as f64) - 1.0;
        let x: f64 = d.xirr.to_string().parse().unwrap();
        prop_assert!((x - eff).abs() < 1e-8, "xirr {x} vs effective {eff}");
    }

    #[test]
    fn more_idle_days_never_raise_xirr(p in loan(), a in 0i64..=365, b in 0i64..=365) {
        let (lo, hi) = (a.min(b), a.max(b));
        let mut p_lo = p.clone();
        p_lo["idle_days"] = json!(lo);
        let mut p_hi = p;
        p_hi["idle_days"] = json!(hi);
        let r = run(&json!({"products": [p_lo, p_hi]}));
        let tol = Decimal::new(1, 9);
        prop_assert!(r.products[1].xirr <= r.products[0].xirr + tol,
            "{} idle: {}, {} idle: {}", lo, r.products[0].xirr, hi, r.products[1].xirr);
    }

    #[test]
    fn a_fee_on_interest_never_raises_xirr(p in loan(), fee in 0u32..1_000_000) {
        let mut with_fee = p.clone();
        with_fee["fee_rate_on_interest"] = json!(format!("0.{fee:06}"));
        let r = run(&json!({"products": [p, with_fee]}));
        prop_assert!(r.products[1].xirr <= r.products[0].xirr + Decimal::new(1, 9));
        prop_assert!(r.products[1].net_interest <= r.products[0].net_interest);
        prop_assert_eq!(r.products[1].total_interest, r.products[0].total_interest);
    }

    #[test]
    fn the_flows_sum_to_net_interest(
        p in loan(), q in loan(), idle in 0i64..=365, fee in 0u32..1_000_000, mm in 0u32..=100_000,
    ) {
        let mut p = p;
        p["idle_days"] = json!(idle);
        p["fee_rate_on_interest"] = json!(format!("0.{fee:06}"));
        let mut fund = q.clone();
        fund["kind"] = json!("money_market");
        fund["annual_rate"] = json!(format!("0.{mm:06}"));
        fund.as_object_mut().unwrap().remove("structure");
        let r = run(&json!({"products": [p, q, fund]}));
        for (i, prod) in r.products.iter().enumerate() {
            prop_assert_eq!(flows_sum(&r, i), prod.net_interest);
            prop_assert_eq!(prod.total_interest - prod.total_fees, prod.net_interest);
            prop_assert!(prod.average_capital <= -prod.flows[0].amount);
        }
    }
}

/// Numbers as strings from every region: typical, boundary, out of range and malformed.
fn dec() -> impl Strategy<Value = Value> {
    prop_oneof![
        (0u64..=2_000_000_000_000u64, 0u32..8).prop_map(|(m, s)| {
            json!(Decimal::from_i128_with_scale(i128::from(m), s).to_string())
        }),
        prop::sample::select(vec![
            "0",
            "-0.01",
            "1",
            "0.999999999999",
            "1.0000000000001",
            "1000000000.01",
            "79228162514264337593543950335",
            "abc",
            "",
            "1e3",
        ])
        .prop_map(|s| json!(s)),
        Just(json!(12)),
    ]
}

fn any_product() -> impl Strategy<Value = Value> {
    (
        dec(),
        dec(),
        prop_oneof![Just(0u32), Just(601), 1u32..=600],
        prop::option::of(prop::sample::select(vec![
            "equal_installment",
            "equal_principal",
            "interest_only",
            "bullet",
            "flat_rate",
        ])),
        prop::sample::select(vec!["loan", "time_deposit", "money_market"]),
        prop_oneof![
            Just("1900-01-01".to_string()),
            Just("2200-12-31".to_string()),
            Just("2024-02-29".to_string()),
            (0u32..22_000).prop_map(date)
        ],
        prop::option::of(-10i64..=400),
        prop::option::of(dec()),
    )
        .prop_map(|(amount, rate, term, structure, kind, start, idle, fee)| {
            let mut p = json!({"name": "x", "kind": kind, "amount": amount, "annual_rate": rate,
                               "term_months": term, "start_date": start});
            if let Some(s) = structure {
                p["structure"] = json!(s);
            }
            if let Some(i) = idle {
                p["idle_days"] = json!(i);
            }
            if let Some(f) = fee {
                p["fee_rate_on_interest"] = f;
            }
            p
        })
}

proptest! {
    #![proptest_config(ProptestConfig { cases: 64, ..ProptestConfig::default() })]

    #[test]
    fn no_input_panics(
        products in prop::collection::vec(any_product(), 0..10),
        horizon in prop::option::of(prop_oneof![
            Just("1900-01-01".to_string()), Just("2200-12-31".to_string()),
            (0u32..22_000).prop_map(date)]),
        reinvest in prop::option::of(dec()),
    ) {
        let mut body = json!({"products": products});
        if let Some(h) = horizon {
            body["horizon_date"] = json!(h);
        }
        if let Some(r) = reinvest {
            body["reinvestment_rate"] = r;
        }
        match from_json::<InvestRequest>(&body.to_string()) {
            Err(e) => prop_assert!(!e.field.is_empty() && !e.message.is_empty()),
            Ok(req) => match compare(&req) {
                Err(e) => prop_assert!(!e.field.is_empty() && !e.message.is_empty(), "{e:?}"),
                Ok(r) => {
                    for (i, p) in r.products.iter().enumerate() {
                        prop_assert_eq!(flows_sum(&r, i), p.net_interest);
                    }
                    prop_assert_eq!(r.by_xirr.len(), r.products.len());
                }
            },
        }
    }
}

proptest! {
    #![proptest_config(ProptestConfig { cases: 32, ..ProptestConfig::default() })]

    /// The page's cache never changes an answer: after any earlier requests (valid or not, at
    /// any horizon), a request compared with the warm cache equals a fresh `compare`, error or
    /// figures.
    #[test]
    fn the_cache_never_changes_an_answer(
        history in prop::collection::vec(
            prop::collection::vec(prop_oneof![loan(), loan(), any_product()], 2..4), 1..4),
        horizons in prop::collection::vec(prop::option::of(prop_oneof![
            Just("2060-01-01".to_string()), (0u32..22_000).prop_map(date)]), 4),
    ) {
        let mut cache = Cache::default();
        for (products, horizon) in history.iter().zip(&horizons) {
            let mut body = json!({"products": products});
            if let Some(h) = horizon {
                body["horizon_date"] = json!(h);
                body["reinvestment_rate"] = json!("0.02");
            }
            let Ok(req) = from_json::<InvestRequest>(&body.to_string()) else { continue };
            prop_assert_eq!(compare_cached(&req, &mut cache), compare(&req));
            // The same products again, reordered: every one comes from the cache.
            let mut rev = req.clone();
            rev.products.reverse();
            prop_assert_eq!(compare_cached(&rev, &mut cache), compare(&rev));
            // The same products at another horizon: the figures are reused, the wealth is not.
            rev.horizon_date = Some("2061-06-30".into());
            rev.reinvestment_rate = Some(Decimal::new(3, 2));
            prop_assert_eq!(compare_cached(&rev, &mut cache), compare(&rev));
        }
    }
}
