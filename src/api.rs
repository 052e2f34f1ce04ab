//! The SPA's only HTTP calls. Computation never goes through here: it runs in WASM.

use loanlens_core::application::{ApplicationCreated, ApplicationRequest};

/// Why a submission failed, ready to show.
#[derive(Debug, Clone, PartialEq)]
pub struct SubmitError(pub String);

/// Posts an application; on success the server's recomputed figures and the new id.
pub async fn submit_application(
    req: &ApplicationRequest,
) -> Result<ApplicationCreated, SubmitError> {
    let body = serde_json::to_string(req).map_err(|e| SubmitError(e.to_string()))?;
    let resp = gloo::net::http::Request::post("/api/v1/applications")
        .header("content-type", "application/json")
        .body(body)
        .map_err(|e| SubmitError(e.to_string()))?
        .send()
        .await
        .map_err(|e| SubmitError(e.to_string()))?;
    let status = resp.status();
    let text = resp.text().await.map_err(|e| SubmitError(e.to_string()))?;
    if status == 201 {
        serde_json::from_str(&text).map_err(|e| SubmitError(e.to_string()))
    } else {
        #[derive(serde::Deserialize)]
        struct Body {
            error: Inner,
        }
        #[derive(serde::Deserialize)]
        struct Inner {
            field: String,
            message: String,
        }
        match serde_json::from_str::<Body>(&text) {
            Ok(b) => Err(SubmitError(format!("{}: {}", b.error.field, b.error.message))),
            Err(_) => Err(SubmitError(format!("HTTP {status}"))),
        }
    }
}
