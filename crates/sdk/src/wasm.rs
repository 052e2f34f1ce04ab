//! The JavaScript exports. Each request may be a JavaScript object (serialised with
//! `JSON.stringify`) or JSON text; each answer is a plain JavaScript object (the v1 response or
//! the v1 error object). The `*Json` variants take and return JSON text, for callers that
//! already hold text (and for the parity test, which compares text with the server's).
//!
//! The TypeScript types named here (`ScheduleRequest`, `Schedule`, …) are generated from the
//! core's Rust types (`crates/sdk/src/bin/sdk-types.rs`) and appended to the `.d.ts` by the
//! build.

use crate::api;
use js_sys::JSON;
use loanlens_core::InputError;
use wasm_bindgen::prelude::*;

/// The request as JSON text: a string is taken as is, anything else goes through
/// `JSON.stringify` (which refuses cycles and BigInts, and turns `undefined` into nothing).
fn text(request: &JsValue) -> Result<String, String> {
    if let Some(s) = request.as_string() {
        return Ok(s);
    }
    JSON::stringify(request)
        .ok()
        .and_then(|s| JsValue::from(s).as_string())
        .ok_or_else(|| api::error(InputError::new("body", "must be a JSON object or JSON text")))
}

/// JSON text → a JavaScript object (the core only writes valid JSON; text is kept otherwise).
fn object(answer: String) -> JsValue {
    JSON::parse(&answer).unwrap_or_else(|_| JsValue::from(answer))
}

#[cfg(any(feature = "loans", feature = "invest", feature = "mortgage"))]
fn call(request: &JsValue, f: fn(&str) -> String) -> JsValue {
    object(text(request).map_or_else(|e| e, |t| f(&t)))
}

#[cfg(feature = "loans")]
/// A repayment schedule (`POST /api/v1/schedule`).
#[wasm_bindgen(unchecked_return_type = "Schedule | ErrorBody")]
pub fn schedule(
    #[wasm_bindgen(unchecked_param_type = "ScheduleRequest | string")] request: JsValue,
) -> JsValue {
    call(&request, api::schedule)
}

#[cfg(feature = "loans")]
#[wasm_bindgen(typescript_custom_section)]
const SCHEDULE_TABLE: &str =
    "/** A schedule's rows as whole cents, one typed array per figure, and its APR. */
export interface ScheduleTable {
  payment: Float64Array; principal: Float64Array; interest: Float64Array;
  fee: Float64Array; balance: Float64Array; apr: Schedule[\"apr\"];
}";

#[cfg(feature = "loans")]
/// A schedule's table as whole cents in typed arrays, with its APR: `schedule`'s figures
/// without building the v1 response (the fast path for a page that draws the table).
#[wasm_bindgen(js_name = scheduleTable, unchecked_return_type = "ScheduleTable | ErrorBody")]
pub fn schedule_table(
    #[wasm_bindgen(unchecked_param_type = "ScheduleRequest | string")] request: JsValue,
) -> JsValue {
    let table = match text(&request).and_then(|t| api::schedule_table(&t)) {
        Ok(t) => t,
        Err(e) => return object(e),
    };
    let out = js_sys::Object::new();
    let apr = js_sys::Object::new();
    let set = |o: &js_sys::Object, k: &str, v: &JsValue| {
        let _ = js_sys::Reflect::set(o, &JsValue::from_str(k), v);
    };
    for (name, col) in [
        ("payment", &table.payment),
        ("principal", &table.principal),
        ("interest", &table.interest),
        ("fee", &table.fee),
        ("balance", &table.balance),
    ] {
        set(&out, name, &js_sys::Float64Array::from(col.as_slice()).into());
    }
    let mut buf = [0u8; loanlens_core::schema::dec_str::TEXT_MAX];
    for (name, d) in [
        ("monthly", table.apr.monthly),
        ("nominal", table.apr.nominal),
        ("effective", table.apr.effective),
    ] {
        set(&apr, name, &JsValue::from_str(loanlens_core::schema::dec_str::write(&d, &mut buf)));
    }
    set(&out, "apr", &apr.into());
    out.into()
}

#[cfg(feature = "loans")]
/// One loan under several methods (`POST /api/v1/compare`).
#[wasm_bindgen(unchecked_return_type = "CompareResponse | ErrorBody")]
pub fn compare(
    #[wasm_bindgen(unchecked_param_type = "CompareRequest | string")] request: JsValue,
) -> JsValue {
    call(&request, api::compare)
}

#[cfg(feature = "loans")]
/// The largest principal, shortest term or implied rate (`POST /api/v1/solve`).
#[wasm_bindgen(unchecked_return_type = "SolveResponse | ErrorBody")]
pub fn solve(
    #[wasm_bindgen(unchecked_param_type = "SolveRequest | string")] request: JsValue,
) -> JsValue {
    call(&request, api::solve)
}

#[cfg(feature = "loans")]
/// The annual rate of dated cash flows (`POST /api/v1/xirr`).
#[wasm_bindgen(unchecked_return_type = "XirrResponse | ErrorBody")]
pub fn xirr(
    #[wasm_bindgen(unchecked_param_type = "XirrRequest | string")] request: JsValue,
) -> JsValue {
    call(&request, api::xirr)
}

#[cfg(feature = "invest")]
/// 2 to 8 investment products compared (`POST /api/v1/invest/compare`).
#[wasm_bindgen(unchecked_return_type = "InvestResponse | ErrorBody")]
pub fn invest(
    #[wasm_bindgen(unchecked_param_type = "InvestRequest | string")] request: JsValue,
) -> JsValue {
    call(&request, api::invest)
}

#[cfg(feature = "precheck")]
// The card is optional; wasm-bindgen's typed parameter would make it required, so the one-argument
// form is declared as an overload.
#[wasm_bindgen(typescript_custom_section)]
const PRECHECK_DEFAULT_CARD: &str =
    "export function precheck(profile: Profile | string): PrecheckResult | ErrorBody;";

#[cfg(feature = "precheck")]
/// A profile scored with the default scorecard, or with `card` when given
/// (`POST /api/v1/precheck`).
#[wasm_bindgen(unchecked_return_type = "PrecheckResult | ErrorBody")]
pub fn precheck(
    #[wasm_bindgen(unchecked_param_type = "Profile | string")] profile: JsValue,
    #[wasm_bindgen(unchecked_param_type = "Scorecard | string")] card: Option<JsValue>,
) -> JsValue {
    let card = card.filter(|c| !c.is_undefined() && !c.is_null());
    let answer = match (text(&profile), card) {
        (Err(e), _) => e,
        (Ok(p), None) => api::precheck(&p, None),
        (Ok(p), Some(card)) => match text(&card) {
            Ok(c) => api::precheck(&p, Some(&c)),
            Err(_) => api::error(InputError::new("card", "must be a JSON object or JSON text")),
        },
    };
    object(answer)
}

#[cfg(feature = "precheck")]
/// The default scorecard's document (`GET /api/v1/scorecard`).
#[wasm_bindgen(js_name = defaultScorecard, unchecked_return_type = "Scorecard")]
pub fn default_scorecard() -> JsValue {
    object(api::default_scorecard())
}

#[cfg(feature = "loans")]
/// [`schedule`] with JSON text in and out.
#[wasm_bindgen(js_name = scheduleJson)]
pub fn schedule_json(request: &str) -> String {
    api::schedule(request)
}

#[cfg(feature = "loans")]
/// [`compare`] with JSON text in and out.
#[wasm_bindgen(js_name = compareJson)]
pub fn compare_json(request: &str) -> String {
    api::compare(request)
}

#[cfg(feature = "loans")]
/// [`solve`] with JSON text in and out.
#[wasm_bindgen(js_name = solveJson)]
pub fn solve_json(request: &str) -> String {
    api::solve(request)
}

#[cfg(feature = "loans")]
/// [`xirr`] with JSON text in and out.
#[wasm_bindgen(js_name = xirrJson)]
pub fn xirr_json(request: &str) -> String {
    api::xirr(request)
}

#[cfg(feature = "invest")]
/// [`invest`] with JSON text in and out.
#[wasm_bindgen(js_name = investJson)]
pub fn invest_json(request: &str) -> String {
    api::invest(request)
}

#[cfg(feature = "precheck")]
/// [`precheck`] with JSON text in and out.
#[wasm_bindgen(js_name = precheckJson)]
pub fn precheck_json(profile: &str, card: Option<String>) -> String {
    api::precheck(profile, card.as_deref())
}

#[cfg(feature = "mortgage")]
/// A housing loan: commercial, housing fund or both (`POST /api/v1/mortgage`).
#[wasm_bindgen(unchecked_return_type = "MortgageResult | ErrorBody")]
pub fn mortgage(
    #[wasm_bindgen(unchecked_param_type = "MortgageRequest | string")] request: JsValue,
) -> JsValue {
    call(&request, api::mortgage)
}

#[cfg(feature = "mortgage")]
/// [`mortgage`] with JSON text in and out.
#[wasm_bindgen(js_name = mortgageJson)]
pub fn mortgage_json(request: &str) -> String {
    api::mortgage(request)
}
