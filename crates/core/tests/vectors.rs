//! Golden vectors (published bank figures, hand-checked conventions) and vectors from
//! numpy-financial, an independent implementation (see tests/data/gen_vectors.py).
#![cfg(not(target_arch = "wasm32"))] // Native only; tests/wasm.rs runs the vectors on wasm32.

mod common;

#[test]
fn published_and_hand_checked_golden_vectors() {
    let failures = common::golden_failures();
    assert!(failures.is_empty(), "{}", failures.join("\n"));
}

#[test]
fn numpy_financial_vectors_agree() {
    let (failures, checked) = common::numpy_failures();
    assert!(checked >= 150, "only {checked} vectors");
    assert!(failures.is_empty(), "{} failures:\n{}", failures.len(), failures.join("\n"));
}
