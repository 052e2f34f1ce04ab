//! How long the core takes to compare 8 products of 360 months, the investor page's worst case
//! (its budget is 16 ms from input to result). Run it optimised to get the figure for
//! docs/benchmarks.md:
//!
//! `cargo test --release -p loanlens-core --test invest_timing -- --nocapture`
#![cfg(not(target_arch = "wasm32"))]

use loanlens_core::invest::{compare, InvestRequest};
use loanlens_core::schema::from_json;
use serde_json::json;
use std::time::Instant;

#[test]
fn compare_8_products_of_360_months() {
    let structures = ["equal_installment", "equal_principal", "interest_only", "bullet"];
    let products: Vec<_> = (0..8)
        .map(|i| {
            json!({"name": format!("p{i}"), "amount": "1000000.00",
                   "annual_rate": format!("0.0{}5", 3 + i % 5), "term_months": 360,
                   "structure": structures[i % 4], "start_date": "2025-01-31",
                   "idle_days": i, "fee_rate_on_interest": "0.1"})
        })
        .collect();
    let body = json!({"products": products, "horizon_date": "2055-06-30",
                      "reinvestment_rate": "0.02"});
    let req: InvestRequest = from_json(&body.to_string()).unwrap();
    let runs = if cfg!(debug_assertions) { 1 } else { 5 };
    let mut times = Vec::with_capacity(runs);
    let mut last = None;
    for _ in 0..runs {
        let t = Instant::now();
        last = Some(compare(&req).unwrap());
        times.push(t.elapsed());
    }
    times.sort();
    let r = last.unwrap();
    // Every product is fully computed: 361 dated flows or 2 (bullet), all ranked.
    assert_eq!(r.products.len(), 8);
    assert_eq!(r.products[0].flows.len(), 361);
    assert_eq!(r.products[3].flows.len(), 2);
    assert_eq!(r.by_terminal_wealth.as_ref().map(Vec::len), Some(8));
    let build = if cfg!(debug_assertions) { "debug" } else { "release" };
    println!(
        "invest compare, 8 products × 360 months ({build}, {runs} runs): min {:?}, median {:?}, max {:?}",
        times[0],
        times[runs / 2],
        times[runs - 1]
    );
}
