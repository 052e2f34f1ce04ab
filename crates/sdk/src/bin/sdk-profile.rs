//! `valgrind --tool=callgrind target/release/sdk-profile` (feature `bench`): where the SDK's
//! `scheduleJson` spends its instructions (docs/benchmarks.md), natively with the size-tuned
//! release profile the wasm build uses. 100 calls of the 360-month example.

fn main() {
    let request = r#"{"principal":"1000000.00","annual_rate":"0.049","term_months":360,"method":"equal_installment"}"#;
    let mut bytes = 0;
    for _ in 0..100 {
        bytes +=
            std::hint::black_box(loanlens_sdk::api::schedule(std::hint::black_box(request))).len();
    }
    println!("{bytes}");
}
