//! The OpenAPI document as a client generator or a contract fuzzer reads it: every operation it
//! names is served, every request and answer schema resolves, and wrong methods get a v1 error.
//! (The contract fuzzer itself, schemathesis against a live server, runs in `./x contract`.)

use axum::body::Body;
use axum::http::{Request, StatusCode};
use http_body_util::BodyExt;
use loanlens_server::crypto::DataKey;
use loanlens_server::store::sqlite::SqliteStore;
use loanlens_server::{app, AppState};
use serde_json::Value;
use std::sync::Arc;
use tower::ServiceExt;

async fn state(dir: &tempfile::TempDir) -> AppState {
    let store = Arc::new(SqliteStore::open(&dir.path().join("db/t.db")).await.unwrap());
    AppState::new(store, &DataKey::generate(), dir.path().to_path_buf())
}

async fn call(
    state: &AppState,
    method: &str,
    uri: &str,
    body: &str,
) -> (StatusCode, String, Value) {
    let req = Request::builder()
        .method(method)
        .uri(uri)
        .header("content-type", "application/json")
        .body(Body::from(body.to_string()))
        .unwrap();
    let resp = app(state.clone()).oneshot(req).await.unwrap();
    let status = resp.status();
    let ctype = resp
        .headers()
        .get("content-type")
        .map(|v| v.to_str().unwrap().to_string())
        .unwrap_or_default();
    let bytes = resp.into_body().collect().await.unwrap().to_bytes();
    let v = serde_json::from_slice(&bytes)
        .unwrap_or(Value::String(String::from_utf8_lossy(&bytes).into()));
    (status, ctype, v)
}

/// Follows a `$ref` into `components.schemas`.
fn resolve<'a>(doc: &'a Value, r: &Value) -> &'a Value {
    let name = r["$ref"].as_str().unwrap().rsplit('/').next().unwrap();
    let s = &doc["components"]["schemas"][name];
    assert!(s.is_object(), "{name} is referenced but not defined");
    s
}

#[tokio::test]
async fn every_documented_operation_is_served_and_its_schemas_resolve() {
    let dir = tempfile::tempdir().unwrap();
    let st = state(&dir).await;
    let (status, ctype, doc) = call(&st, "GET", "/api/v1/openapi.json", "").await;
    assert_eq!(status, StatusCode::OK);
    assert_eq!(ctype, "application/json");
    assert_eq!(doc["openapi"], "3.1.0");
    let paths = doc["paths"].as_object().unwrap();
    assert!(paths.len() >= 9, "{:?}", paths.keys());
    for (path, item) in paths {
        for (method, op) in item.as_object().unwrap() {
            let body = if method == "post" { "{}" } else { "" };
            let uri = path.replace("{id}", "no-such-id");
            let (status, _, v) = call(&st, &method.to_uppercase(), &uri, body).await;
            if uri != *path {
                // A path with a parameter answers 404 for an unknown id, exactly like an unrouted
                // path; that the path is routed shows in a wrong method getting 405.
                assert_eq!(status, StatusCode::NOT_FOUND, "{method} {uri}: {v}");
                let (status, _, v) = call(&st, "PUT", &uri, "").await;
                assert_eq!(status, StatusCode::METHOD_NOT_ALLOWED, "PUT {uri}: {v}");
            } else {
                // An empty object is a bad body for most operations (400 naming a field), never
                // an unrouted path or a wrong method.
                assert!(
                    status != StatusCode::NOT_FOUND && status != StatusCode::METHOD_NOT_ALLOWED,
                    "{method} {path}: {status} {v}"
                );
            }
            if let Some(req) = op.get("requestBody") {
                let schema = resolve(&doc, &req["content"]["application/json"]["schema"]);
                assert_eq!(schema["type"], "object", "{path}");
                assert_eq!(schema["additionalProperties"], false, "{path}: unknown fields refused");
            }
            for (code, r) in op["responses"].as_object().unwrap() {
                resolve(&doc, &r["content"]["application/json"]["schema"]);
                assert!(code.len() == 3, "{path} {code}");
            }
        }
    }
    // Decimals are strings, never numbers, in every schema that names one.
    let decimal = &doc["components"]["schemas"]["Decimal"];
    assert_eq!(decimal["type"], "string");
    let sched = &doc["components"]["schemas"]["ScheduleRequest"];
    assert_eq!(sched["properties"]["principal"]["$ref"], "#/components/schemas/Decimal");
    let required: Vec<&str> =
        sched["required"].as_array().unwrap().iter().map(|v| v.as_str().unwrap()).collect();
    for f in ["principal", "annual_rate", "term_months", "method"] {
        assert!(required.contains(&f), "{f} required: {required:?}");
    }
    assert!(!required.contains(&"upfront_fee"), "optional fields are not required");
}

#[tokio::test]
async fn a_wrong_method_is_a_v1_error_naming_the_method() {
    let dir = tempfile::tempdir().unwrap();
    let st = state(&dir).await;
    let (status, ctype, v) = call(&st, "DELETE", "/api/v1/schedule", "").await;
    assert_eq!(status, StatusCode::METHOD_NOT_ALLOWED);
    assert_eq!(ctype, "application/json");
    assert_eq!(v["error"]["field"], "method", "{v}");
    let (status, _, v) = call(&st, "GET", "/api/v1/schedule", "").await;
    assert_eq!(status, StatusCode::METHOD_NOT_ALLOWED, "{v}");
}

#[tokio::test]
async fn the_reference_page_lists_every_operation_without_scripts() {
    let dir = tempfile::tempdir().unwrap();
    let st = state(&dir).await;
    let (_, _, doc) = call(&st, "GET", "/api/v1/openapi.json", "").await;
    let (status, ctype, page) = call(&st, "GET", "/api/v1/reference", "").await;
    assert_eq!(status, StatusCode::OK);
    assert!(ctype.starts_with("text/html"), "{ctype}");
    let html = page.as_str().unwrap();
    assert!(!html.contains("<script"), "no script on the reference page");
    for (path, item) in doc["paths"].as_object().unwrap() {
        for method in item.as_object().unwrap().keys() {
            assert!(html.contains(&format!("{} {path}", method.to_uppercase())), "{method} {path}");
        }
    }
    assert!(html.contains("id=\"schema-ScheduleRequest\""));
    assert!(html.contains("Nominal annual interest rate"), "field docs come from the Rust docs");
}

#[tokio::test]
async fn every_documented_example_is_accepted() {
    let dir = tempfile::tempdir().unwrap();
    let st = state(&dir).await;
    let (_, _, doc) = call(&st, "GET", "/api/v1/openapi.json", "").await;
    let mut seen = 0;
    for (path, item) in doc["paths"].as_object().unwrap() {
        for (method, op) in item.as_object().unwrap() {
            let Some(ex) = op["requestBody"]["content"]["application/json"].get("example") else {
                continue;
            };
            let (status, _, v) = call(&st, &method.to_uppercase(), path, &ex.to_string()).await;
            let ok: Vec<&String> = op["responses"]
                .as_object()
                .unwrap()
                .keys()
                .filter(|c| c.starts_with('2'))
                .collect();
            assert_eq!(ok, [&status.as_u16().to_string()], "{path}: {v}");
            seen += 1;
        }
    }
    assert!(seen >= 6, "examples for the engine endpoints: {seen}");
}
