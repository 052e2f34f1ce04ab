//! The engine benchmarks in headless Chromium (wasm32), with the criterion port that
//! wasm-bindgen-test carries:
//!
//! ```sh
//! CHROMEDRIVER=/usr/bin/chromedriver cargo bench -p loanlens-core --target wasm32-unknown-unknown --bench wasm
//! ```
#![cfg(target_arch = "wasm32")]

use loanlens_core::schema::{from_json, ScheduleRequest};
use std::hint::black_box;
use wasm_bindgen_test::{wasm_bindgen_bench, wasm_bindgen_test_configure, Criterion};

wasm_bindgen_test_configure!(run_in_browser);

fn mortgage() -> ScheduleRequest {
    from_json(
        r#"{"principal":"1000000.00","annual_rate":"0.049","term_months":360,"method":"equal_installment"}"#,
    )
    .expect("request")
}

#[wasm_bindgen_bench]
fn schedule_360_equal_installment(c: &mut Criterion) {
    let req = mortgage();
    c.bench_function("wasm schedule 360 months equal_installment", |b| {
        b.iter(|| loanlens_core::schedule(black_box(&req)))
    });
}

#[wasm_bindgen_bench]
fn apr_solve_360(c: &mut Criterion) {
    let s = loanlens_core::schedule(&mortgage()).expect("schedule");
    let cents: Vec<i128> = s.rows.iter().map(|r| r.payment.mantissa()).collect();
    let m = rust_decimal::Decimal::new(49, 3) / rust_decimal::Decimal::from(12);
    c.bench_function("wasm apr solve 360 payments (integer fixed point)", |b| {
        b.iter(|| {
            loanlens_core::apr::monthly_irr_cents(black_box(99_000_000), black_box(&cents), m)
        })
    });
}

/// The investor page's worst case: 8 products of 360 months with a horizon (budget 16 ms).
#[wasm_bindgen_bench]
fn invest_compare_8_by_360(c: &mut Criterion) {
    let structures = ["equal_installment", "equal_principal", "interest_only", "bullet"];
    let products: Vec<String> = (0..8)
        .map(|i| {
            format!(
                r#"{{"name":"p{i}","amount":"1000000.00","annual_rate":"0.0{}5","term_months":360,
                "structure":"{}","start_date":"2025-01-31","idle_days":{i},
                "fee_rate_on_interest":"0.1"}}"#,
                3 + i % 5,
                structures[i % 4]
            )
        })
        .collect();
    let body = format!(
        r#"{{"products":[{}],"horizon_date":"2055-06-30","reinvestment_rate":"0.02"}}"#,
        products.join(",")
    );
    let req: loanlens_core::invest::InvestRequest = from_json(&body).expect("request");
    c.bench_function("wasm invest compare 8 products x 360 months", |b| {
        b.iter(|| loanlens_core::invest::compare(black_box(&req)))
    });
}
