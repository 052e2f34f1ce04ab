//! The SPA's only HTTP calls. Computation never goes through here: it runs in WASM.
//!
//! Responses are read with the browser's own `JSON.parse` rather than serde: the SPA needs two
//! strings from them, and a serde deserializer would cost kilobytes of the bundle budget.

use loanlens_core::application::ApplicationRequest;
use wasm_bindgen::JsValue;

/// Why a submission failed, ready to show.
#[derive(Debug, Clone, PartialEq)]
pub struct SubmitError(pub String);

/// A failed request. (gloo's error text would drag serde_json's whole error catalogue into the
/// bundle; a person only needs to know the network failed.)
fn network() -> SubmitError {
    SubmitError("网络错误 / network error".into())
}

/// A string property of a parsed JSON object (`path` of nested keys).
fn json_str(v: &JsValue, path: &[&str]) -> Option<String> {
    let mut cur = v.clone();
    for key in path {
        cur = js_sys::Reflect::get(&cur, &JsValue::from_str(key)).ok()?;
    }
    cur.as_string()
}

/// Posts an application; on success the new application's id.
pub async fn submit_application(req: &ApplicationRequest) -> Result<String, SubmitError> {
    // Serialising our own types cannot fail; its error text is not worth its bundle bytes.
    let body = serde_json::to_string(req).map_err(|_| SubmitError("JSON".into()))?;
    let resp = gloo::net::http::Request::post("/api/v1/applications")
        .header("content-type", "application/json")
        .body(body)
        .map_err(|_| network())?
        .send()
        .await
        .map_err(|_| network())?;
    let status = resp.status();
    let text = resp.text().await.map_err(|_| network())?;
    let parsed = js_sys::JSON::parse(&text).unwrap_or(JsValue::NULL);
    if status == 201 {
        json_str(&parsed, &["id"]).ok_or_else(|| SubmitError(format!("HTTP {status}")))
    } else {
        match (json_str(&parsed, &["error", "field"]), json_str(&parsed, &["error", "message"])) {
            (Some(f), Some(m)) => Err(SubmitError(format!("{f}: {m}"))),
            _ => Err(SubmitError(format!("HTTP {status}"))),
        }
    }
}
