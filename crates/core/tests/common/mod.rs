//! The golden and numpy-financial vectors, run the same way natively and on wasm32.
//!
//! Each runner returns the list of failures (empty = all passed) so that the native test and
//! the wasm-bindgen-test can both assert on it and print every mismatch at once.

use loanlens_core::schema::{
    from_json, CompareRequest, ScheduleRequest, SolveRequest, XirrRequest,
};
use loanlens_core::{compare, schedule, solve, xirr};
use rust_decimal::Decimal;
use serde_json::Value;
use std::str::FromStr;

pub const GOLDEN: &str = include_str!("../data/golden.json");
pub const NUMPY: &str = include_str!("../data/numpy_vectors.json");

fn to_json<T: serde::Serialize>(v: &T) -> Value {
    serde_json::to_value(v).expect("responses serialise")
}

/// Runs one request through the public entry point of `endpoint`.
pub fn call(endpoint: &str, request: &Value) -> Result<Value, String> {
    let text = request.to_string();
    let err = |e: loanlens_core::InputError| e.to_string();
    match endpoint {
        "schedule" => {
            schedule(&from_json::<ScheduleRequest>(&text).map_err(err)?).map(|r| to_json(&r))
        }
        "compare" => {
            compare(&from_json::<CompareRequest>(&text).map_err(err)?).map(|r| to_json(&r))
        }
        "solve" => solve(&from_json::<SolveRequest>(&text).map_err(err)?).map(|r| to_json(&r)),
        "xirr" => xirr(&from_json::<XirrRequest>(&text).map_err(err)?).map(|r| to_json(&r)),
        other => return Err(format!("unknown endpoint {other}")),
    }
    .map_err(err)
}

/// Looks up `a.b[2].c` in a JSON value, as a string.
pub fn lookup(value: &Value, path: &str) -> Option<String> {
    let mut v = value;
    for part in path.split('.') {
        let (name, index) = match part.find('[') {
            Some(i) => (&part[..i], part[i + 1..part.len() - 1].parse::<usize>().ok()),
            None => (part, None),
        };
        v = v.get(name)?;
        if let Some(i) = index {
            v = v.get(i)?;
        }
    }
    Some(match v {
        Value::String(s) => s.clone(),
        other => other.to_string(),
    })
}

fn round(s: &str, dp: u32) -> String {
    Decimal::from_str(s)
        .map(|d| loanlens_core::money::round_rate(d, dp).to_string())
        .unwrap_or_else(|_| s.to_string())
}

/// Runs every golden case; returns the failures.
pub fn golden_failures() -> Vec<String> {
    let doc: Value = serde_json::from_str(GOLDEN).expect("golden.json parses");
    let mut failures = Vec::new();
    let cases = doc["cases"].as_array().expect("cases");
    assert!(cases.len() >= 15, "golden.json lost cases");
    for case in cases {
        let name = case["name"].as_str().unwrap_or("?");
        let response = match call(case["endpoint"].as_str().unwrap_or(""), &case["request"]) {
            Ok(r) => r,
            Err(e) => {
                failures.push(format!("{name}: error {e}"));
                continue;
            }
        };
        for (path, want) in case["expect"].as_object().expect("expect") {
            let want = want.as_str().unwrap_or_default();
            let (path, dp) = match path.split_once('~') {
                Some((p, dp)) => (p, dp.parse::<u32>().ok()),
                None => (path.as_str(), None),
            };
            let got = lookup(&response, path).map(|g| match dp {
                Some(dp) => round(&g, dp),
                None => g,
            });
            if got.as_deref() != Some(want) {
                failures.push(format!("{name}: {path} = {got:?}, want {want}"));
            }
        }
    }
    failures
}

fn dec(v: &Value, key: &str) -> Decimal {
    Decimal::from_str(v[key].as_str().expect(key)).expect(key)
}

/// Runs every numpy-financial vector; returns the failures and the number of vectors checked.
pub fn numpy_failures() -> (Vec<String>, usize) {
    let doc: Value = serde_json::from_str(NUMPY).expect("numpy_vectors.json parses");
    let vectors = doc["vectors"].as_array().expect("vectors");
    let mut failures = Vec::new();
    for v in vectors {
        let p = dec(v, "principal");
        let r = dec(v, "annual_rate");
        let n = v["term_months"].as_u64().expect("term") as u32;
        let id = format!("{p} at {r} over {n}");
        let method = loanlens_core::schema::Method::EqualInstallment;
        // 1. The payment and the first month's interest.
        let plain = match schedule(&ScheduleRequest::new(p, r, n, method)) {
            Ok(s) => s,
            Err(e) => {
                failures.push(format!("{id}: {e}"));
                continue;
            }
        };
        if plain.first_payment.to_string() != v["payment"].as_str().unwrap_or_default() {
            failures
                .push(format!("{id}: payment {} vs numpy {}", plain.first_payment, v["payment"]));
        }
        if plain.rows[0].interest.to_string() != v["first_interest"].as_str().unwrap_or_default() {
            failures.push(format!(
                "{id}: interest {} vs numpy {}",
                plain.rows[0].interest, v["first_interest"]
            ));
        }
        if plain.last_payment.to_string() != v["last_payment"].as_str().unwrap_or_default() {
            failures.push(format!(
                "{id}: last payment {} vs {}",
                plain.last_payment, v["last_payment"]
            ));
        }
        // 2. The APR with a 1% upfront fee (numpy's IRR of the same flows), to the 6 decimals
        //    LoanLens reports.
        let mut with_fee = ScheduleRequest::new(p, r, n, method);
        with_fee.upfront_fee = Some(dec(v, "upfront_fee"));
        match schedule(&with_fee) {
            Ok(s) => {
                let want = dec(v, "apr_nominal_with_fee");
                if (s.apr.nominal - want).abs() > Decimal::new(1, 6) {
                    failures.push(format!("{id}: APR {} vs numpy {want}", s.apr.nominal));
                }
            }
            Err(e) => failures.push(format!("{id}: {e}")),
        }
        // 3. numpy's implied rate reproduces the payment in LoanLens, and LoanLens's implied rate
        //    is within the interval of rates that do.
        let implied = loanlens_core::money::round_rate(dec(v, "implied_rate"), 9);
        match schedule(&ScheduleRequest::new(p, implied, n, method)) {
            Ok(s) if s.first_payment == plain.first_payment => {}
            Ok(s) => {
                failures.push(format!("{id}: numpy's rate {implied} gives {}", s.first_payment))
            }
            Err(e) => failures.push(format!("{id}: {e}")),
        }
        let solve_req = format!(
            r#"{{"solve":"implied_rate","principal":"{p}","payment":"{}","term_months":{n}}}"#,
            plain.first_payment
        );
        match from_json::<SolveRequest>(&solve_req).and_then(|q| solve(&q)) {
            Ok(s) if (s.annual_rate - implied).abs() < Decimal::new(1, 4) => {}
            Ok(s) => failures.push(format!("{id}: implied {} vs numpy {implied}", s.annual_rate)),
            Err(e) => failures.push(format!("{id}: {e}")),
        }
    }
    (failures, vectors.len())
}
