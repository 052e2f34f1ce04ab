//! The browser's `fetch` and `sessionStorage`, shared by the application and staff pages
//! (gloo-net's request builder and serde_json's `Value` cost bundle bytes for nothing here).
//! Error bodies are read with the browser's own `JSON.parse`.

use wasm_bindgen::{JsCast, JsValue};
use wasm_bindgen_futures::JsFuture;

/// Sends a request; `None` when no answer came (offline, reset, blocked). Header values are
/// set as given.
pub async fn send(
    method: &str,
    url: &str,
    headers: &[(&str, &str)],
    body: Option<&str>,
) -> Option<web_sys::Response> {
    let init = web_sys::RequestInit::new();
    init.set_method(method);
    let h = web_sys::Headers::new().ok()?;
    for (k, v) in headers {
        h.set(k, v).ok()?;
    }
    init.set_headers(&h);
    if let Some(b) = body {
        init.set_body(&JsValue::from_str(b));
    }
    let p = gloo::utils::window().fetch_with_str_and_init(url, &init);
    JsFuture::from(p).await.ok()?.dyn_into::<web_sys::Response>().ok()
}

/// The answer's body as text.
pub async fn text(resp: &web_sys::Response) -> Option<String> {
    JsFuture::from(resp.text().ok()?).await.ok()?.as_string()
}

/// The body parsed by the browser's `JSON.parse` (`null` when it is not JSON).
pub fn parse(text: &str) -> JsValue {
    js_sys::JSON::parse(text).unwrap_or(JsValue::NULL)
}

/// The value at `path` (nested keys) of a parsed object.
pub fn get(v: &JsValue, path: &[&str]) -> JsValue {
    let mut cur = v.clone();
    for key in path {
        cur = js_sys::Reflect::get(&cur, &JsValue::from_str(key)).unwrap_or(JsValue::UNDEFINED);
    }
    cur
}

/// The string at `path` of a parsed object.
pub fn get_str(v: &JsValue, path: &[&str]) -> Option<String> {
    get(v, path).as_string()
}

/// The strings of the array at `path` (non-strings skipped).
pub fn get_strs(v: &JsValue, path: &[&str]) -> Vec<String> {
    let a = get(v, path);
    if !js_sys::Array::is_array(&a) {
        return Vec::new();
    }
    js_sys::Array::from(&a).iter().filter_map(|x| x.as_string()).collect()
}

/// This tab's `sessionStorage`.
pub fn session() -> Option<web_sys::Storage> {
    gloo::utils::window().session_storage().ok().flatten()
}

/// The value under `key` in `sessionStorage`.
pub fn session_get(key: &str) -> Option<String> {
    session()?.get_item(key).ok().flatten()
}

/// Keeps `value` under `key` in `sessionStorage` (quietly nothing when it is unavailable).
pub fn session_set(key: &str, value: &str) {
    if let Some(s) = session() {
        let _ = s.set_item(key, value);
    }
}

/// Removes `key` from `sessionStorage`.
pub fn session_remove(key: &str) {
    if let Some(s) = session() {
        let _ = s.remove_item(key);
    }
}

/// 128 bits from the browser's cryptographic random source, as 32 hex digits; `None` when
/// the browser has none (the caller must not fall back to a guessable value).
pub fn random_hex() -> Option<String> {
    let mut bytes = [0u8; 16];
    let crypto = gloo::utils::window().crypto().ok()?;
    crypto.get_random_values_with_u8_array(&mut bytes).ok()?;
    Some(bytes.iter().map(|b| format!("{b:02x}")).collect())
}
