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
    "/** A schedule's rows as whole cents, one typed array per figure (views of one buffer). */
export interface ScheduleRows {
  payment: Float64Array; principal: Float64Array; interest: Float64Array;
  fee: Float64Array; balance: Float64Array;
}
/** A schedule's rows as whole cents, and its APR. */
export interface ScheduleTable extends ScheduleRows { apr: Schedule[\"apr\"]; }";

// `into` is optional; wasm-bindgen's typed parameter would make it required, so the
// one-argument forms are declared as overloads (as `precheck`'s card).
#[cfg(feature = "loans")]
#[wasm_bindgen(typescript_custom_section)]
const SCHEDULE_TABLE_NO_INTO: &str =
    "export function scheduleTable(request: ScheduleRequest | string): ScheduleTable | ErrorBody;
export function scheduleRows(request: ScheduleRequest | string): ScheduleRows | ErrorBody;";

#[cfg(feature = "loans")]
#[wasm_bindgen]
extern "C" {
    // The result's buffer (the caller's `into`, or a fresh one) is used only through these: a
    // JavaScript exception (a Proxy, an overridden `length`, `subarray` or `set`) comes back
    // as an `Err` and the error object names `into`, instead of unwinding through the wasm,
    // which would skip its destructors and leak memory until the module dies.
    #[wasm_bindgen(js_name = Float64Array)]
    type Cells;
    #[wasm_bindgen(catch, method, getter)]
    fn length(this: &Cells) -> Result<u32, JsValue>;
    #[wasm_bindgen(catch, method)]
    fn subarray(this: &Cells, begin: u32, end: u32) -> Result<Cells, JsValue>;
    #[wasm_bindgen(catch, method)]
    fn set(this: &Cells, values: &[f64]) -> Result<(), JsValue>;
}

#[cfg(feature = "loans")]
fn not_f64_array() -> InputError {
    InputError::new("into", "must be a Float64Array")
}

/// Writes `cells` (five columns of `rows`) into the caller's array: a view of its first
/// `cells.len()` numbers, or the error naming `into`.
#[cfg(feature = "loans")]
fn write_into(array: &Cells, cells: &[f64], rows: usize) -> Result<Cells, InputError> {
    let needed = cells.len() as u32;
    let held = array.length().map_err(|_| not_f64_array())?;
    if held < needed {
        return Err(InputError::new(
            "into",
            format!(
                "must hold at least {needed} numbers (5 columns × {rows} rows); it holds {held}"
            ),
        )
        .with_range(Some(needed.into()), None));
    }
    let view = array
        .subarray(0, needed)
        .ok()
        .filter(|v| v.is_instance_of::<js_sys::Float64Array>() && v.length() == Ok(needed))
        .ok_or_else(not_f64_array)?;
    view.set(cells).map_err(|_| not_f64_array())?;
    Ok(view)
}

#[cfg(feature = "loans")]
thread_local! {
    /// `scheduleTable`'s column names as JavaScript strings, decoded from the wasm memory once.
    static COLUMN_KEYS: [JsValue; 5] = api::COLUMNS.map(JsValue::from_str);
    /// The APR's keys, and `apr` itself.
    static APR_KEYS: [JsValue; 4] = ["monthly", "nominal", "effective", "apr"].map(JsValue::from_str);
}

#[cfg(feature = "loans")]
/// A schedule's table as whole cents in typed arrays, with its APR: `schedule`'s figures
/// without building the v1 response (the fast path for a page that draws the table). With
/// `into`, the columns are written into that array and returned as views of it.
#[wasm_bindgen(js_name = scheduleTable, unchecked_return_type = "ScheduleTable | ErrorBody")]
pub fn schedule_table(
    #[wasm_bindgen(unchecked_param_type = "ScheduleRequest | string")] request: JsValue,
    #[wasm_bindgen(unchecked_param_type = "Float64Array | null | undefined")] into: Option<JsValue>,
) -> JsValue {
    table_object(&request, into, true)
}

#[cfg(feature = "loans")]
/// `scheduleTable` without the APR: the same rows, refused where `schedule` refuses them (the
/// APR limit included), without solving the APR. For a page that redraws the table as the
/// inputs move and takes the APR from one `scheduleTable` or `schedule` call.
#[wasm_bindgen(js_name = scheduleRows, unchecked_return_type = "ScheduleRows | ErrorBody")]
pub fn schedule_rows(
    #[wasm_bindgen(unchecked_param_type = "ScheduleRequest | string")] request: JsValue,
    #[wasm_bindgen(unchecked_param_type = "Float64Array | null | undefined")] into: Option<JsValue>,
) -> JsValue {
    table_object(&request, into, false)
}

#[cfg(feature = "loans")]
fn table_object(request: &JsValue, into: Option<JsValue>, with_apr: bool) -> JsValue {
    let into = match into.map(|v| v.dyn_into::<js_sys::Float64Array>()) {
        None => None,
        Some(Ok(array)) => Some(array),
        Some(Err(_)) => return object(api::error(not_f64_array())),
    };
    let table = match text(request).and_then(|t| api::schedule_table(&t, with_apr)) {
        Ok(t) => t,
        Err(e) => return object(e),
    };
    // The columns, one buffer. A fresh array costs a new ArrayBuffer each call (about 10 µs for
    // 360 months in Chromium 156 on our machines, most of `scheduleTable`'s JavaScript side);
    // a caller redrawing a table passes its own array and reuses it.
    let cells = match into {
        None => js_sys::Float64Array::from(table.cells.as_slice()).unchecked_into::<Cells>(),
        Some(array) => match write_into(array.unchecked_ref(), &table.cells, table.rows) {
            Ok(cells) => cells,
            Err(e) => return object(api::error(e)),
        },
    };
    let out: JsValue = js_sys::Object::new().into();
    let viewed = COLUMN_KEYS.with(|keys| {
        for (i, key) in keys.iter().enumerate() {
            let at = |c: usize| (c * table.rows) as u32;
            let _ = js_sys::Reflect::set(&out, key, &cells.subarray(at(i), at(i + 1))?.into());
        }
        Ok::<(), JsValue>(())
    });
    if viewed.is_err() {
        return object(api::error(not_f64_array()));
    }
    if let Some(apr) = table.apr {
        let value: JsValue = js_sys::Object::new().into();
        let mut buf = [0u8; loanlens_core::schema::dec_str::TEXT_MAX];
        APR_KEYS.with(|keys| {
            for (key, d) in keys.iter().zip([apr.monthly, apr.nominal, apr.effective]) {
                let text = loanlens_core::schema::dec_str::write(&d, &mut buf);
                let _ = js_sys::Reflect::set(&value, key, &JsValue::from_str(text));
            }
            let _ = js_sys::Reflect::set(&out, &keys[3], &value);
        });
    }
    out
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
    #[wasm_bindgen(unchecked_param_type = "Scorecard | string | null | undefined")] card: Option<
        JsValue,
    >,
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
