//! The investor golden vectors (`tests/data/invest/golden.json`, made by `gen_invest.py` beside
//! it with Python's `decimal`), run the same way natively and on wasm32.

use loanlens_core::invest::{compare, InvestRequest};
use loanlens_core::schema::from_json;
use rust_decimal::Decimal;
use serde_json::Value;
use std::str::FromStr;

pub const GOLDEN: &str = include_str!("../data/invest/golden.json");

fn dec(v: &Value) -> Decimal {
    Decimal::from_str(v.as_str().expect("a decimal string")).expect("a decimal")
}

/// Every mismatch between the core and the reference, and how many products were checked.
pub fn golden_failures() -> (Vec<String>, usize) {
    let cases: Vec<Value> = serde_json::from_str(GOLDEN).expect("golden.json parses");
    let mut failures = Vec::new();
    let mut checked = 0;
    for case in &cases {
        let name = case["name"].as_str().unwrap_or("?");
        let req: InvestRequest = match from_json(&case["request"].to_string()) {
            Ok(r) => r,
            Err(e) => {
                failures.push(format!("{name}: request rejected: {e}"));
                continue;
            }
        };
        let res = match compare(&req) {
            Ok(r) => serde_json::to_value(r).expect("serialises"),
            Err(e) => {
                failures.push(format!("{name}: {e}"));
                continue;
            }
        };
        let expected = case["expected"].as_array().expect("expected list");
        for (i, want) in expected.iter().enumerate() {
            checked += 1;
            let got = &res["products"][i];
            for key in [
                "flows",
                "total_interest",
                "total_fees",
                "net_interest",
                "holding_days",
                "average_capital",
                "terminal_wealth",
            ] {
                if want.get(key).is_some() && got[key] != want[key] {
                    failures.push(format!(
                        "{name} / product {i} / {key}: got {}, want {}",
                        got[key], want[key]
                    ));
                }
            }
            // The reference bisects to 60 digits; the core's Newton stops at 1e-15 in ln(1+x).
            // Both round to 10 decimals, so they may differ by one unit in the last place.
            let (g, w) = (dec(&got["xirr"]), dec(&want["xirr"]));
            if (g - w).abs() > Decimal::new(1, 10) {
                failures.push(format!("{name} / product {i} / xirr: got {g}, want {w}"));
            }
        }
    }
    (failures, checked)
}
