//! The committed golden and numpy-financial vectors, run on wasm32 in a headless browser:
//! the same inputs must give the same answers as natively.
//!
//! `CHROMEDRIVER=/usr/bin/chromedriver cargo test -p loanlens-core --target wasm32-unknown-unknown`
#![cfg(target_arch = "wasm32")]

mod common;

use wasm_bindgen_test::{wasm_bindgen_test, wasm_bindgen_test_configure};

wasm_bindgen_test_configure!(run_in_browser);

#[wasm_bindgen_test]
fn golden_vectors_on_wasm32() {
    let failures = common::golden_failures();
    assert!(failures.is_empty(), "{}", failures.join("\n"));
}

#[wasm_bindgen_test]
fn numpy_financial_vectors_on_wasm32() {
    let (failures, checked) = common::numpy_failures();
    assert!(checked >= 150, "only {checked} vectors");
    assert!(failures.is_empty(), "{}", failures.join("\n"));
}
