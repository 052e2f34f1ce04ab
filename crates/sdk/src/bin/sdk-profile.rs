//! `valgrind --tool=callgrind target/release/sdk-profile [json|table]` (feature `bench`): where
//! the SDK spends its instructions (docs/benchmarks.md), natively with the size-tuned release
//! profile the wasm build uses. 100 calls of the 360-month example: `scheduleJson` (`json`, the
//! default) or `scheduleTable`'s native part (`table`).

fn main() {
    let request = r#"{"principal":"1000000.00","annual_rate":"0.049","term_months":360,"method":"equal_installment"}"#;
    let table = std::env::args().nth(1).as_deref() == Some("table");
    let mut n = 0;
    for _ in 0..100 {
        let request = std::hint::black_box(request);
        n += if table {
            loanlens_sdk::api::schedule_table(request, true).map_or(0, |t| t.rows)
        } else {
            loanlens_sdk::api::schedule(request).len()
        };
    }
    println!("{n}");
}
