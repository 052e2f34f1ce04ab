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
