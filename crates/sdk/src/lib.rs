//! LoanLens SDK: the core engine for a partner's browser page or Node program.
//!
//! Every entry point takes a request in the v1 JSON schema (docs/schema.md) and answers with the
//! v1 JSON response, or with the v1 error object `{"error":{"field":…,"message":…}}`, exactly
//! as the server's `/api/v1/*` endpoints do: the request is read by the core's
//! [`schema::from_json`](loanlens_core::schema::from_json) and computed by the same core
//! function the server's handler calls, and the answer is serialised the same way.
//!
//! Invariants: no entry point panics on any input (the core uses checked arithmetic and
//! reports bad input as an `InputError`); an answer is always one JSON object, either the
//! response or the error object; the core is built with its `messages` feature, so errors carry
//! the English message the server sends.
//!
//! [`api`] holds the text-in, text-out functions (native and wasm32); on wasm32 the
//! `#[wasm_bindgen]` exports of `wasm.rs` wrap them for JavaScript.
//!
//! ```
//! let out = loanlens_sdk::api::schedule(
//!     r#"{"principal":"1000000.00","annual_rate":"0.049","term_months":360,"method":"equal_installment"}"#,
//! );
//! let v: serde_json::Value = serde_json::from_str(&out).unwrap();
//! assert_eq!(v["first_payment"], "5307.27");
//! ```

pub mod api;
#[cfg(all(target_arch = "wasm32", feature = "bench"))]
mod bench;
#[cfg(target_arch = "wasm32")]
mod wasm;
