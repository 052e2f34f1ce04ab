//! Exports for the benchmark page only (`--features bench`, built by `./x bench`): they split
//! the time of `scheduleJson` into the engine's work and the conversions around it.

use loanlens_core::schema::{from_json, ScheduleRequest};
use rust_decimal::Decimal;
use wasm_bindgen::prelude::*;

/// Reads `request` once, then computes its whole schedule (rows, totals, APR, flags) `n` times
/// with no JSON or JavaScript conversion; answers the number of rows (0 on bad input).
#[wasm_bindgen(js_name = benchEngine)]
pub fn bench_engine(request: &str, n: u32) -> u32 {
    let Ok(req) = from_json::<ScheduleRequest>(request) else { return 0 };
    let mut rows = 0;
    for _ in 0..n {
        rows = loanlens_core::schedule(std::hint::black_box(&req)).map_or(0, |s| s.rows.len());
    }
    rows as u32
}

/// Computes `request`'s schedule once, then solves its APR alone (the integer fixed-point IRR
/// that `schedule` uses) `n` times; answers 1 when the solve succeeded.
#[wasm_bindgen(js_name = benchApr)]
pub fn bench_apr(request: &str, n: u32) -> u32 {
    let Ok(req) = from_json::<ScheduleRequest>(request) else { return 0 };
    let Ok(s) = loanlens_core::schedule(&req) else { return 0 };
    let cents: Vec<i128> =
        s.rows.iter().map(|r| (r.payment * Decimal::ONE_HUNDRED).trunc().mantissa()).collect();
    let received = (s.amount_received * Decimal::ONE_HUNDRED).trunc().mantissa();
    let guess = req.annual_rate / Decimal::from(12);
    let mut ok = 0;
    for _ in 0..n {
        let x = loanlens_core::apr::monthly_irr_cents(
            std::hint::black_box(received),
            std::hint::black_box(&cents),
            guess,
        );
        ok = u32::from(x.is_some());
    }
    ok
}

/// Reads `request` once, then computes its cents table with the APR (`scheduleTable` without
/// the JavaScript conversions) `n` times; answers the number of rows (0 on bad input).
#[wasm_bindgen(js_name = benchTable)]
pub fn bench_table(request: &str, n: u32) -> u32 {
    let Ok(req) = from_json::<ScheduleRequest>(request) else { return 0 };
    let mut rows = 0;
    for _ in 0..n {
        rows = loanlens_core::schedule::cents_table(std::hint::black_box(&req), true)
            .map_or(0, |t| t.payment.len());
    }
    rows as u32
}
