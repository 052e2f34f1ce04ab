//! Parity: the SDK answers what the server answers, field for field.
//!
//! A few thousand random requests (proptest strategies in `parity/gen.rs`, a fixed seed so a run
//! can be repeated) go to the real server's `app()` (no socket). Each answer is compared with the
//! SDK's own code path run natively (`loanlens_sdk::api`), then every request and the server's
//! answer are written to `target/sdk-parity.json`, where `e2e/sdk-parity.mjs` (Node) and
//! `e2e/sdk.spec.mjs` (Chromium) put each case to the built WebAssembly module that exports its
//! function (loans, precheck, invest, mortgage: one per crate feature) and compare with the same
//! answers (`./x test` runs all three). Host only: the server does not build for wasm32.
#![cfg(not(target_arch = "wasm32"))]

#[path = "parity/gen.rs"]
mod gen;

use axum::body::Body;
use axum::http::Request;
use http_body_util::BodyExt;
use loanlens_sdk::api;
use loanlens_server::crypto::DataKey;
use loanlens_server::store::sqlite::SqliteStore;
use loanlens_server::{app, AppState};
use proptest::strategy::{Strategy, ValueTree};
use proptest::test_runner::TestRunner;
use serde_json::{json, Value};
use std::path::PathBuf;
use std::sync::Arc;
use tower::ServiceExt;

/// Cases per run: `SDK_PARITY_CASES`, default 3000.
fn cases() -> usize {
    std::env::var("SDK_PARITY_CASES").ok().and_then(|n| n.parse().ok()).unwrap_or(3000)
}

fn out_path() -> PathBuf {
    let target = std::env::var_os("CARGO_TARGET_DIR")
        .map(PathBuf::from)
        .unwrap_or_else(|| PathBuf::from(env!("CARGO_MANIFEST_DIR")).join("../../target"));
    target.join("sdk-parity.json")
}

/// The SDK functions by name, with the server endpoint that answers the same request.
const FUNCTIONS: [(&str, &str); 8] = [
    ("schedule", "/api/v1/schedule"),
    ("compare", "/api/v1/compare"),
    ("solve", "/api/v1/solve"),
    ("xirr", "/api/v1/xirr"),
    ("precheck", "/api/v1/precheck"),
    ("precheck_card", "/api/v1/precheck"),
    ("invest", "/api/v1/invest/compare"),
    ("mortgage", "/api/v1/mortgage"),
];

fn sdk(function: &str, request: &str, card: &str) -> String {
    match function {
        "schedule" => api::schedule(request),
        "compare" => api::compare(request),
        "solve" => api::solve(request),
        "xirr" => api::xirr(request),
        "precheck" => api::precheck(request, None),
        "precheck_card" => api::precheck(request, Some(card)),
        "invest" => api::invest(request),
        _ => api::mortgage(request),
    }
}

/// One request: valid from the strategies, or (one in eight) with a field broken.
fn request(function: &str, runner: &mut TestRunner) -> String {
    let mut value = match function {
        "schedule" => gen::schedule().new_tree(runner).unwrap().current(),
        "compare" => gen::compare().new_tree(runner).unwrap().current(),
        "solve" => gen::solve().new_tree(runner).unwrap().current(),
        "xirr" => gen::xirr().new_tree(runner).unwrap().current(),
        "invest" => gen::invest().new_tree(runner).unwrap().current(),
        "mortgage" => gen::mortgage().new_tree(runner).unwrap().current(),
        _ => gen::profile().new_tree(runner).unwrap().current(),
    };
    let broken = (0usize..8).new_tree(runner).unwrap().current() == 0;
    if let (true, Value::Object(m)) = (broken, &mut value) {
        let keys: Vec<String> = m.keys().cloned().collect();
        if !keys.is_empty() {
            let i = (0..keys.len()).new_tree(runner).unwrap().current();
            let bad = [json!(-1), json!("-1"), json!("x"), json!(null), json!([1])];
            let j = (0..bad.len()).new_tree(runner).unwrap().current();
            m.insert(keys[i].clone(), bad[j].clone());
        }
    }
    value.to_string()
}

#[test]
fn the_sdk_answers_what_the_server_answers() {
    let rt = tokio::runtime::Builder::new_current_thread().enable_all().build().unwrap();
    let dir = tempfile::tempdir().unwrap();
    let store = rt.block_on(SqliteStore::open(&dir.path().join("parity.db"))).unwrap();
    let state = AppState::new(Arc::new(store), &DataKey::generate(), dir.path().to_path_buf());
    // The default card: the server's document, and the SDK's, field for field.
    let card = rt.block_on(async {
        let resp = app(state.clone())
            .oneshot(Request::get("/api/v1/scorecard").body(Body::empty()).unwrap());
        let bytes = resp.await.unwrap().into_body().collect().await.unwrap().to_bytes();
        String::from_utf8(bytes.to_vec()).unwrap()
    });
    let sdk_card: Value = serde_json::from_str(&api::default_scorecard()).unwrap();
    assert_eq!(sdk_card, serde_json::from_str::<Value>(&card).unwrap(), "defaultScorecard()");
    let mut runner = TestRunner::deterministic();
    let (mut out, mut errors) = (Vec::new(), 0);
    for i in 0..cases() {
        let (function, endpoint) = FUNCTIONS[i % FUNCTIONS.len()];
        let body = request(function, &mut runner);
        let (status, server) = rt.block_on(async {
            let req = Request::post(endpoint)
                .header("content-type", "application/json")
                .body(Body::from(body.clone()))
                .unwrap();
            let resp = app(state.clone()).oneshot(req).await.unwrap();
            let status = resp.status();
            let bytes = resp.into_body().collect().await.unwrap().to_bytes();
            (status, String::from_utf8(bytes.to_vec()).unwrap())
        });
        assert!(status.is_success() || status.as_u16() == 400, "{endpoint} {body} → {status}");
        errors += usize::from(!status.is_success());
        let native = sdk(function, &body, &card);
        assert_eq!(native, server, "{function} {body}");
        out.push(json!({"function": function, "request": body, "response": server}));
    }
    // Mostly valid requests: the answers, not only the error objects, are compared.
    assert!(errors * 3 < out.len(), "{errors} of {} requests were refused", out.len());
    let path = out_path();
    std::fs::create_dir_all(path.parent().unwrap()).unwrap();
    let card: Value = serde_json::from_str(&card).unwrap();
    let doc = json!({"card": card, "cases": out});
    std::fs::write(&path, doc.to_string()).unwrap();
    println!("{} cases ({errors} error objects) written to {}", out.len(), path.display());
}
