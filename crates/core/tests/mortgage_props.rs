//! Property tests of the 房贷计算器 (docs/mortgage.md): over valid requests, the combined
//! schedule is the exact sum of the parts and repays exactly the loan; over the whole input
//! space (valid, out of range, malformed), no request panics, overflows or hangs.
//!
//! They run natively (`cargo test`) and on wasm32 in headless Chromium
//! (`CHROMEDRIVER=/usr/bin/chromedriver cargo test -p loanlens-core --target
//! wasm32-unknown-unknown --test mortgage_props`), where `panic = "abort"` would turn an
//! overflow into a dead page; the browser runs fewer cases.

#[cfg(target_arch = "wasm32")]
use wasm_bindgen_test::wasm_bindgen_test as test;
#[cfg(target_arch = "wasm32")]
wasm_bindgen_test::wasm_bindgen_test_configure!(run_in_browser);

use loanlens_core::mortgage::{compute, MortgageRequest, MortgageResult};
use loanlens_core::schema::from_json;
use proptest::prelude::*;
use proptest::test_runner::FailurePersistence;
use rust_decimal::Decimal;
use serde_json::{json, Map, Value};

fn config() -> ProptestConfig {
    let cases = if cfg!(target_arch = "wasm32") { 24 } else { 256 };
    // The browser has no file system to keep regressions in.
    let failure_persistence: Option<Box<dyn FailurePersistence>> = if cfg!(target_arch = "wasm32") {
        None
    } else {
        ProptestConfig::default().failure_persistence
    };
    ProptestConfig { cases, failure_persistence, ..ProptestConfig::default() }
}

fn cents(c: u64) -> String {
    format!("{}.{:02}", c / 100, c % 100)
}

fn date(y: u32, m: u32, d: u32) -> String {
    format!("{y:04}-{m:02}-{d:02}")
}

const METHODS: [&str; 2] = ["equal_installment", "equal_principal"];

/// A valid request of any loan type.
fn valid() -> impl Strategy<Value = Value> {
    (
        (0usize..3, 100u64..=2_000_000_000_000u64, 1u32..=9_999, 1u32..=360),
        (1990u32..=2190, 1u32..=12, 1u32..=28, prop::option::of(prop_oneof![1u32..=28, Just(31)])),
        (prop::option::of(1u32..=360), 0usize..2, prop::option::of(0u32..=200_000)),
        (prop::option::of(1u32..=360), 0usize..2, prop::option::of(1u32..=200_000)),
        (-300i32..=1000, any::<bool>(), 1u32..=120, prop::option::of((0u32..40, 1u32..=200_000))),
        any::<bool>(),
    )
        .prop_map(|(loan, when, fund, com, lpr, by_price)| {
            let (kind, amount, share, term) = loan;
            let loan_type = ["commercial", "housing_fund", "combination"][kind];
            let mut body = json!({
                "loan_type": loan_type,
                "term_months": term,
                "disbursement_date": date(when.0, when.1, when.2),
            });
            if by_price {
                body["house_price"] = json!(cents(amount));
                body["down_payment_rate"] = json!(format!("0.{:04}", share % 9_000));
            } else {
                body["loan_amount"] = json!(cents(amount));
            }
            if let Some(day) = when.3 {
                body["repayment_day"] = json!(day);
            }
            if kind != 0 {
                let mut f = Map::new();
                if kind == 2 {
                    // A share of the loan (computed the way the core computes a price's loan).
                    f.insert("amount".into(), json!("0.01"));
                }
                if let Some(t) = fund.0 {
                    f.insert("term_months".into(), json!(t));
                }
                f.insert("method".into(), json!(METHODS[fund.1]));
                if let Some(r) = fund.2 {
                    f.insert("annual_rate".into(), json!(Decimal::new(r.into(), 6).to_string()));
                }
                body["housing_fund"] = Value::Object(f);
            }
            if kind != 1 {
                let (spread, anniversary, cycle, assumed) = lpr;
                // In millionths: at least 0.0001, and enough that LPR + spread ≥ 0.
                let least = 100 + spread.min(0).unsigned_abs() * 100;
                let lpr_rate = com.2.map_or(35_000, |r| r.clamp(least, 200_000));
                let mut c = json!({"method": METHODS[com.1], "spread_bp": spread,
                    "lpr": Decimal::new(lpr_rate.into(), 6).to_string(),
                    "repricing": if anniversary { "anniversary" } else { "january_1" },
                    "reset_cycle_months": cycle});
                if let Some(t) = com.0 {
                    c["term_months"] = json!(t);
                }
                if let Some((years, r)) = assumed {
                    c["assumed_lpr"] = json!({"from_date": date((when.0 + years).min(2200), 1, 1),
                        "lpr": Decimal::new(r.clamp(least, 200_000).into(), 6).to_string()});
                }
                body["commercial"] = c;
            }
            body
        })
}

/// A combination's fund amount: `share` ten-thousandths of the loan the request describes.
fn with_fund_share(mut body: Value, share: u32) -> Value {
    if body["loan_type"] != "combination" {
        return body;
    }
    let req: MortgageRequest = from_json(&body.to_string()).unwrap();
    let loan = req.loan_amount.unwrap_or_else(|| {
        let price = req.house_price.unwrap();
        loanlens_core::money::round_money(price * (Decimal::ONE - req.down_payment_rate.unwrap()))
    });
    let cent = Decimal::new(1, 2);
    let a = loanlens_core::money::round_money(loan * Decimal::new(share.into(), 4))
        .clamp(cent, (loan - cent).max(cent));
    body["housing_fund"]["amount"] = json!(a.to_string());
    body
}

fn check(body: &Value, r: &MortgageResult) -> Result<(), TestCaseError> {
    prop_assert_eq!(r.total_principal, r.loan_amount, "{}", body);
    let parts: Decimal = r.parts.iter().map(|p| p.amount).sum();
    prop_assert_eq!(parts, r.loan_amount);
    let sum = |f: fn(&loanlens_core::schema::Schedule) -> Decimal| {
        r.parts.iter().map(|p| f(&p.schedule)).sum::<Decimal>()
    };
    prop_assert_eq!(r.total_interest, sum(|s| s.total_interest));
    prop_assert_eq!(r.total_payment, sum(|s| s.total_payment));
    prop_assert_eq!(r.total_payment, r.loan_amount + r.total_interest);
    let longest = r.parts.iter().map(|p| p.schedule.rows.len()).max().unwrap_or(0);
    prop_assert_eq!(r.rows.len(), longest);
    for (i, row) in r.rows.iter().enumerate() {
        let part = |f: fn(&loanlens_core::schema::Row) -> Decimal| {
            r.parts.iter().filter_map(|p| p.schedule.rows.get(i)).map(f).sum::<Decimal>()
        };
        prop_assert_eq!(row.payment, part(|x| x.payment));
        prop_assert_eq!(row.principal, part(|x| x.principal));
        prop_assert_eq!(row.interest, part(|x| x.interest));
        prop_assert_eq!(row.balance, part(|x| x.balance));
        prop_assert!(row.balance >= Decimal::ZERO);
        for p in &r.parts {
            if let Some(x) = p.schedule.rows.get(i) {
                prop_assert_eq!(x.date.as_deref(), Some(row.date.as_str()));
            }
        }
    }
    prop_assert_eq!(r.rows.last().map(|x| x.balance), Some(Decimal::ZERO));
    Ok(())
}

/// Any value for a field: typical, boundary, wrong type, malformed.
fn wild() -> impl Strategy<Value = Value> {
    prop_oneof![
        Just(Value::Null),
        any::<i64>().prop_map(Value::from),
        (-2i64..=400).prop_map(Value::from),
        prop::sample::select(vec![
            "0",
            "0.01",
            "-1",
            "0.3",
            "0.99",
            "1",
            "0.2",
            "0.2000000000001",
            "1000000000000.00",
            "1000000000000.01",
            "79228162514264337593543950335",
            "1e3",
            "",
            "abc",
            "2025-02-30",
            "2200-11-30",
            "2200-12-31",
            "1900-01-01",
            "commercial",
            "housing_fund",
            "combination",
            "january_1",
            "anniversary",
            "equal_principal",
        ])
        .prop_map(Value::from),
        Just(json!({})),
        Just(json!([])),
    ]
}

proptest! {
    #![proptest_config(config())]

    #[test]
    fn combined_totals_and_rows_are_the_sums_of_the_parts(
        body in valid(), share in 1u32..10_000,
    ) {
        let body = with_fund_share(body, share);
        let req: MortgageRequest = from_json(&body.to_string()).expect("valid request");
        match compute(&req) {
            Ok(r) => check(&body, &r)?,
            Err(e) => prop_assert!(false, "{} for {}", e, body),
        }
    }

    #[test]
    fn any_request_is_answered_or_refused_with_a_field(
        body in valid(), share in 1u32..10_000,
        edits in prop::collection::vec((0usize..16, wild()), 0..4),
    ) {
        let mut body = with_fund_share(body, share);
        const PATHS: [(&str, Option<&str>); 16] = [
            ("loan_type", None), ("loan_amount", None), ("house_price", None),
            ("down_payment_rate", None), ("term_months", None), ("disbursement_date", None),
            ("repayment_day", None), ("housing_fund", Some("amount")),
            ("housing_fund", Some("annual_rate")), ("housing_fund", Some("term_months")),
            ("commercial", Some("lpr")), ("commercial", Some("spread_bp")),
            ("commercial", Some("reset_cycle_months")), ("commercial", Some("term_months")),
            ("commercial", Some("repricing")), ("housing_fund", None),
        ];
        for (i, v) in edits {
            let (a, b) = PATHS[i];
            match b {
                None => body[a] = v,
                Some(b) if body[a].is_object() => body[a][b] = v,
                Some(_) => {}
            }
        }
        match from_json::<MortgageRequest>(&body.to_string()) {
            Err(e) => prop_assert!(!e.field.is_empty() && !e.message.is_empty()),
            Ok(req) => match compute(&req) {
                Ok(r) => check(&body, &r)?,
                Err(e) => prop_assert!(!e.field.is_empty() && !e.message.is_empty(), "{body}"),
            },
        }
    }
}
