//! The HTTP API as a client sees it: oneshot requests against `app()`, and a real socket.
//! On SQLite by default; `LOANLENS_TEST_STORE=postgres` runs the same tests on Postgres
//! (`./x test` does both, see `support/stores.rs`).

use axum::body::Body;
use axum::http::{Request, StatusCode};
use http_body_util::BodyExt;
use loanlens_server::crypto::DataKey;
use loanlens_server::store::ApplicationStore;
use loanlens_server::{app, AppState, Secret};
use serde_json::{json, Value};
use std::sync::Arc;
use tower::ServiceExt;

#[path = "support/stores.rs"]
mod stores;

/// The staff token the harness configures.
const STAFF: &str = "staff-token-0123456789abcdef0123456789";

struct Harness {
    _dir: tempfile::TempDir,
    store: Arc<dyn ApplicationStore>,
    state: AppState,
    /// The Postgres database when the tests run on Postgres (dropped with the harness).
    pg: Option<stores::PgDb>,
}

async fn harness() -> Harness {
    let dir = tempfile::tempdir().unwrap();
    std::fs::write(dir.path().join("index.html"), "<html>LoanLens SPA</html>").unwrap();
    let (store, pg) = stores::chosen_store(dir.path()).await;
    let state = AppState::new(store.clone(), &DataKey::generate(), dir.path().to_path_buf())
        .with_staff(&[Secret::new(STAFF)])
        .unwrap();
    Harness { _dir: dir, store, state, pg }
}

/// One request through `app()`: (status, headers, body as JSON or as a string).
async fn request(
    h: &Harness,
    method: &str,
    uri: &str,
    headers: &[(&str, &str)],
    body: String,
) -> (StatusCode, axum::http::HeaderMap, Value) {
    let mut b = Request::builder().method(method).uri(uri);
    for (k, v) in headers {
        b = b.header(*k, *v);
    }
    let resp = app(h.state.clone()).oneshot(b.body(Body::from(body)).unwrap()).await.unwrap();
    let status = resp.status();
    let headers = resp.headers().clone();
    let bytes = resp.into_body().collect().await.unwrap().to_bytes();
    let v = serde_json::from_slice(&bytes)
        .unwrap_or(Value::String(String::from_utf8_lossy(&bytes).into()));
    (status, headers, v)
}

/// A fresh idempotency key.
fn new_key() -> String {
    uuid::Uuid::new_v4().simple().to_string()
}

async fn send(
    h: &Harness,
    method: &str,
    uri: &str,
    ctype: Option<&str>,
    body: String,
) -> (StatusCode, Value) {
    let key = new_key();
    let mut headers = vec![("idempotency-key", key.as_str())];
    if let Some(c) = ctype {
        headers.push(("content-type", c));
    }
    let (status, _, v) = request(h, method, uri, &headers, body).await;
    (status, v)
}

async fn post_json(h: &Harness, uri: &str, body: Value) -> (StatusCode, Value) {
    send(h, "POST", uri, Some("application/json"), body.to_string()).await
}

fn loan() -> Value {
    json!({"principal":"1000000.00","annual_rate":"0.049","term_months":360,"method":"equal_installment"})
}

#[path = "support/application.rs"]
mod support;
use support::{application_with, id_number};

/// A valid application with a fresh ID number each call.
fn application() -> Value {
    static SEQ: std::sync::atomic::AtomicU32 = std::sync::atomic::AtomicU32::new(1);
    application_with(SEQ.fetch_add(1, std::sync::atomic::Ordering::Relaxed))
}

#[tokio::test]
async fn health_reports_ok() {
    let h = harness().await;
    let (status, body) = send(&h, "GET", "/api/v1/health", None, String::new()).await;
    assert_eq!(status, StatusCode::OK);
    assert_eq!(body["status"], "ok");
}

#[tokio::test]
async fn schedule_endpoint_computes_the_bank_figure() {
    let h = harness().await;
    let (status, body) = post_json(&h, "/api/v1/schedule", loan()).await;
    assert_eq!(status, StatusCode::OK);
    assert_eq!(body["first_payment"], "5307.27");
    assert_eq!(body["rows"].as_array().unwrap().len(), 360);
}

#[tokio::test]
async fn application_is_scored_here_stored_once_and_its_personal_data_sealed() {
    let h = harness().await;
    let (status, body) = post_json(&h, "/api/v1/applications", application()).await;
    assert_eq!(status, StatusCode::CREATED, "{body}");
    let id = body["id"].as_str().unwrap();
    assert_eq!(body["decision"], "pass");
    assert_ne!(body["score"], "999", "the client's score is never used");
    assert!(body["reference"].as_str().unwrap().starts_with("LL-"));
    assert_eq!(body["status"], "submitted");
    assert_eq!(body["duplicate"], false);
    let token = body["status_token"].as_str().unwrap();
    assert!(token.len() >= 22 && id.len() >= 22);
    let row = h.store.get(id).await.unwrap().expect("stored");
    assert_ne!(row.status_token_hash, token, "only a hash of the token is kept");
    assert!(!row.applicant_sealed.as_deref().unwrap().contains("13800138000"));
    let applicant = h.state.open_applicant(&row).unwrap().unwrap();
    assert_eq!((applicant.phone.as_str(), applicant.name.as_str()), ("13800138000", "张三"));
    assert!(row.evaluation_json.contains("\"decision\":\"pass\""));
    assert!(row.client_result_json.unwrap().contains("999"), "recorded, not used");
    assert!(row.consents_json.contains("pi-2026-11") && row.consents_json.contains("ci-2026-11"));
}

#[tokio::test]
async fn bad_bodies_get_a_4xx_naming_the_problem() {
    let h = harness().await;
    let mut unknown = application();
    unknown["admin"] = json!(true);
    let mut wrong_type = application();
    wrong_type["profile"]["loan"]["term_months"] = json!("360");
    let mut no_consent = application();
    no_consent["consents"]["personal_information"]["accepted"] = json!(false);
    let mut bad_phone = application();
    bad_phone["applicant"]["phone"] = json!("12345");
    let mut bad_loan = application();
    bad_loan["profile"]["loan"]["term_months"] = json!(0);
    let cases: Vec<(String, &str)> = vec![
        ("{not json".into(), "body"),
        (unknown.to_string(), "admin"),
        (wrong_type.to_string(), "profile.loan.term_months"),
        (no_consent.to_string(), "consents.personal_information"),
        (bad_phone.to_string(), "applicant.phone"),
        (bad_loan.to_string(), "profile.loan.term_months"),
        ("[]".into(), "body"),
        ("".into(), "body"),
    ];
    for (body, field) in cases {
        let (status, resp) =
            send(&h, "POST", "/api/v1/applications", Some("application/json"), body.clone()).await;
        assert_eq!(status, StatusCode::BAD_REQUEST, "{body} → {resp}");
        assert_eq!(resp["error"]["field"], field, "{body} → {resp}");
        assert!(!resp["error"]["message"].as_str().unwrap().is_empty());
    }
    let (status, resp) =
        send(&h, "POST", "/api/v1/applications", Some("text/plain"), application().to_string())
            .await;
    assert_eq!(status, StatusCode::UNSUPPORTED_MEDIA_TYPE);
    assert_eq!(resp["error"]["field"], "content-type");
    let huge = format!("{{\"pad\":\"{}\"}}", "x".repeat(100 * 1024));
    let (status, resp) =
        send(&h, "POST", "/api/v1/applications", Some("application/json"), huge).await;
    assert_eq!(status, StatusCode::PAYLOAD_TOO_LARGE);
    assert_eq!(resp["error"]["field"], "body");
}

#[tokio::test]
async fn unknown_field_error_names_the_field() {
    let h = harness().await;
    let mut body = loan();
    body["principle"] = json!("1");
    let (status, resp) = post_json(&h, "/api/v1/schedule", body).await;
    assert_eq!(status, StatusCode::BAD_REQUEST);
    assert!(resp["error"]["message"].as_str().unwrap().contains("principle"), "{resp}");
}

#[tokio::test]
async fn deep_links_get_the_spa_and_unknown_api_paths_get_json_404() {
    let h = harness().await;
    let (status, body) = send(&h, "GET", "/calculator?principal=1", None, String::new()).await;
    assert_eq!(status, StatusCode::OK);
    assert!(body.as_str().unwrap().contains("LoanLens SPA"));
    let (status, body) = send(&h, "GET", "/api/v1/nope", None, String::new()).await;
    assert_eq!(status, StatusCode::NOT_FOUND);
    assert_eq!(body["error"]["field"], "path");
}

/// The pre-check is its own build in `<static>/precheck/`: its page, deep links and assets come
/// from there, and every other path still gets the calculator.
#[tokio::test]
async fn precheck_page_and_its_deep_links_get_their_own_build() {
    let h = harness().await;
    let dir = tempfile::tempdir().unwrap();
    std::fs::write(dir.path().join("index.html"), "<html>LoanLens SPA</html>").unwrap();
    let pc = dir.path().join("precheck");
    std::fs::create_dir_all(&pc).unwrap();
    std::fs::write(pc.join("index.html"), "<html>LoanLens precheck</html>").unwrap();
    std::fs::write(pc.join("precheck-1a2b.js"), "/* precheck glue */").unwrap();
    let state = AppState::new(h.store.clone(), &DataKey::generate(), dir.path().to_path_buf());
    let h = Harness { _dir: dir, state, ..h };
    for uri in ["/precheck", "/precheck/", "/precheck/result?lang=en"] {
        let (status, body) = send(&h, "GET", uri, None, String::new()).await;
        assert_eq!(status, StatusCode::OK, "{uri}");
        assert!(body.as_str().unwrap().contains("LoanLens precheck"), "{uri}: {body}");
    }
    let (status, body) = send(&h, "GET", "/precheck/precheck-1a2b.js", None, String::new()).await;
    assert_eq!(status, StatusCode::OK);
    assert_eq!(body.as_str().unwrap(), "/* precheck glue */");
    // The pre-check's files follow the same path rules as the calculator's: never a 500.
    let long = format!("/precheck/{}", "a".repeat(9000));
    let (status, _) = send(&h, "GET", &long, None, String::new()).await;
    assert_eq!(status, StatusCode::URI_TOO_LONG);
    let segment = format!("/precheck/{}", "b".repeat(1000));
    let (status, _) = send(&h, "GET", &segment, None, String::new()).await;
    assert!(status == StatusCode::NOT_FOUND || status == StatusCode::OK, "{status}");
    // The calculator keeps its own page; a path that merely starts with "precheck" is not it.
    for uri in ["/calculator", "/prechecks"] {
        let (status, body) = send(&h, "GET", uri, None, String::new()).await;
        assert_eq!(status, StatusCode::OK, "{uri}");
        assert!(body.as_str().unwrap().contains("LoanLens SPA"), "{uri}: {body}");
    }
}

/// Over a real socket on an ephemeral port, with a temporary database file.
#[tokio::test]
async fn real_socket_round_trip() {
    use tokio::io::{AsyncReadExt, AsyncWriteExt};
    let h = harness().await;
    let listener = tokio::net::TcpListener::bind("127.0.0.1:0").await.unwrap();
    let addr = listener.local_addr().unwrap();
    let router = app(h.state.clone());
    tokio::spawn(async move { axum::serve(listener, router).await.unwrap() });
    let body = application().to_string();
    let mut stream = tokio::net::TcpStream::connect(addr).await.unwrap();
    let req = format!(
        "POST /api/v1/applications HTTP/1.1\r\nHost: {addr}\r\nContent-Type: application/json\r\nIdempotency-Key: real-socket-1\r\nContent-Length: {}\r\nConnection: close\r\n\r\n{body}",
        body.len()
    );
    stream.write_all(req.as_bytes()).await.unwrap();
    let mut resp = String::new();
    stream.read_to_string(&mut resp).await.unwrap();
    assert!(resp.starts_with("HTTP/1.1 201"), "{resp}");
    let json: Value = serde_json::from_str(resp.split("\r\n\r\n").nth(1).unwrap()).unwrap();
    let id = json["id"].as_str().unwrap();
    assert!(h.store.get(id).await.unwrap().is_some());
}

#[tokio::test]
async fn compare_solve_and_xirr_endpoints_use_the_same_engine() {
    let h = harness().await;
    let (status, body) = post_json(
        &h,
        "/api/v1/compare",
        json!({"principal":"1000000.00","annual_rate":"0.049","term_months":360}),
    )
    .await;
    assert_eq!(status, StatusCode::OK, "{body}");
    assert_eq!(body["results"].as_array().unwrap().len(), 5);
    assert_eq!(body["results"][0]["first_payment"], "5307.27");

    // Largest principal for a 5,307.27 budget at 4.9% over 30 years: 1,000,001.46, one cent
    // more pays 5,307.28 (docs/schema.md states this exact answer).
    let (status, body) = post_json(
        &h,
        "/api/v1/solve",
        json!({"solve":"max_principal","annual_rate":"0.049","term_months":360,"payment":"5307.27"}),
    )
    .await;
    assert_eq!(status, StatusCode::OK, "{body}");
    assert_eq!(body["principal"], "1000001.46", "{body}");
    assert_eq!(body["schedule"]["first_payment"], "5307.27");

    let (status, body) = post_json(
        &h,
        "/api/v1/xirr",
        json!({"flows":[{"date":"2025-01-15","amount":"-10000.00"},{"date":"2026-01-15","amount":"11000.00"}]}),
    )
    .await;
    assert_eq!(status, StatusCode::OK, "{body}");
    assert!(body["xirr"].as_str().unwrap().starts_with("0.1000000"), "{body}");

    let (status, body) = post_json(&h, "/api/v1/solve", json!({"solve":"min_term"})).await;
    assert_eq!(status, StatusCode::BAD_REQUEST);
    assert!(!body["error"]["field"].as_str().unwrap().is_empty());
}

#[path = "api/admin.rs"]
mod admin;
#[path = "api/intake.rs"]
mod intake;
#[path = "api/precheck.rs"]
mod precheck;
#[path = "api/qualify.rs"]
mod qualify;
