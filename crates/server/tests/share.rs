//! The calculator's short links and QR module (issue 14, sharing in WeChat): `/c/<code>` is a
//! deep link of the calculator (WeChat's appended query included), and the QR module in
//! `<static>/qr/` is served as same-origin script and WebAssembly that the page's CSP allows.

use axum::body::Body;
use axum::http::{header, Request, StatusCode};
use http_body_util::BodyExt;
use loanlens_server::crypto::DataKey;
use loanlens_server::store::sqlite::SqliteStore;
use loanlens_server::{app, AppState};
use std::sync::Arc;
use tower::ServiceExt;

async fn get(state: &AppState, uri: &str) -> (StatusCode, axum::http::HeaderMap, String) {
    let req = Request::builder().uri(uri).body(Body::empty()).unwrap();
    let resp = app(state.clone()).oneshot(req).await.unwrap();
    let (status, headers) = (resp.status(), resp.headers().clone());
    let bytes = resp.into_body().collect().await.unwrap().to_bytes();
    (status, headers, String::from_utf8_lossy(&bytes).into_owned())
}

#[tokio::test]
async fn short_links_open_the_calculator_and_the_qr_module_is_served_under_its_csp() {
    let dir = tempfile::tempdir().unwrap();
    std::fs::write(dir.path().join("index.html"), "<html>LoanLens SPA</html>").unwrap();
    let qr = dir.path().join("qr");
    std::fs::create_dir_all(&qr).unwrap();
    std::fs::write(qr.join("load.js"), "import init from './qr.js';").unwrap();
    std::fs::write(qr.join("qr_bg.wasm"), b"\0asm\x01\0\0\0").unwrap();
    let store = Arc::new(SqliteStore::open(&dir.path().join("db/test.db")).await.unwrap());
    let state = AppState::new(store, &DataKey::generate(), dir.path().to_path_buf());

    for uri in ["/c/17", "/c/1Kp500000r4.2t240", "/c/1Kp500000?from=singlemessage&isappinstalled=0"]
    {
        let (status, headers, body) = get(&state, uri).await;
        assert_eq!(status, StatusCode::OK, "{uri}");
        assert!(body.contains("LoanLens SPA"), "{uri}: {body}");
        let csp = headers[header::CONTENT_SECURITY_POLICY].to_str().unwrap();
        // The share view's module script and its wasm come from this origin: 'self' suffices.
        assert!(csp.contains("default-src 'self'"), "{csp}");
        assert!(csp.contains("script-src 'self' 'wasm-unsafe-eval'"), "{csp}");
    }
    let (status, headers, body) = get(&state, "/qr/load.js").await;
    assert_eq!(status, StatusCode::OK);
    assert!(body.starts_with("import"), "{body}");
    assert!(headers[header::CONTENT_TYPE].to_str().unwrap().contains("javascript"));
    let (status, headers, _) = get(&state, "/qr/qr_bg.wasm").await;
    assert_eq!(status, StatusCode::OK);
    assert_eq!(headers[header::CONTENT_TYPE], "application/wasm");
}

/// A `/c/` link longer than the path limit (pasted with junk, or hand-made) still opens the
/// calculator, whose page reads what it can and says the link is damaged (issue 14, item 13: it
/// was a raw JSON 414). Every other path keeps its answer.
#[tokio::test]
async fn an_overlong_short_link_opens_the_calculator_and_other_paths_keep_the_414() {
    let dir = tempfile::tempdir().unwrap();
    std::fs::write(dir.path().join("index.html"), "<html>LoanLens SPA</html>").unwrap();
    let store = Arc::new(SqliteStore::open(&dir.path().join("db/test.db")).await.unwrap());
    let state = AppState::new(store, &DataKey::generate(), dir.path().to_path_buf());

    let junk = "p5".repeat(10_000);
    for uri in [format!("/c/17{junk}"), format!("/c/17/{junk}?from=singlemessage")] {
        let (status, headers, body) = get(&state, &uri).await;
        assert_eq!(status, StatusCode::OK);
        assert!(body.contains("LoanLens SPA"), "{body}");
        let csp = headers[header::CONTENT_SECURITY_POLICY].to_str().unwrap();
        assert!(csp.contains("script-src 'self' 'wasm-unsafe-eval'"), "{csp}");
    }
    for uri in [format!("/x{junk}"), format!("/mortgage/c/{junk}")] {
        let (status, _, body) = get(&state, &uri).await;
        assert_eq!(status, StatusCode::URI_TOO_LONG, "{body}");
    }
    let (status, _, body) = get(&state, &format!("/api/v1/c/{junk}")).await;
    assert!(status.is_client_error() && !body.contains("LoanLens SPA"), "{status} {body}");
}
