//! The investor golden vectors on wasm32 in a headless browser: the same inputs must give the
//! same answers as natively.
//!
//! `CHROMEDRIVER=/usr/bin/chromedriver cargo test -p loanlens-core --target wasm32-unknown-unknown --test invest_wasm`
#![cfg(target_arch = "wasm32")]

mod invest_golden;

use wasm_bindgen_test::{wasm_bindgen_test, wasm_bindgen_test_configure};

wasm_bindgen_test_configure!(run_in_browser);

#[wasm_bindgen_test]
fn invest_golden_vectors_on_wasm32() {
    let (failures, checked) = invest_golden::golden_failures();
    assert_eq!(checked, 11);
    assert!(failures.is_empty(), "{}", failures.join("\n"));
}
