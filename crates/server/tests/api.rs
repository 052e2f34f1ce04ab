//! The HTTP API as a client sees it: oneshot requests against `app()`, and a real socket.

use axum::body::Body;
use axum::http::{Request, StatusCode};
use http_body_util::BodyExt;
use loanlens_server::crypto::DataKey;
use loanlens_server::store::sqlite::SqliteStore;
use loanlens_server::store::ApplicationStore;
use loanlens_server::{app, AppState};
use serde_json::{json, Value};
use std::sync::Arc;
use tower::ServiceExt;

struct Harness {
    _dir: tempfile::TempDir,
    store: Arc<SqliteStore>,
    state: AppState,
}

async fn harness() -> Harness {
    let dir = tempfile::tempdir().unwrap();
    std::fs::write(dir.path().join("index.html"), "<html>LoanLens SPA</html>").unwrap();
    let store = Arc::new(SqliteStore::open(&dir.path().join("db/test.db")).await.unwrap());
    let state = AppState::new(store.clone(), &DataKey::generate(), dir.path().to_path_buf());
    Harness { _dir: dir, store, state }
}

async fn send(
    h: &Harness,
    method: &str,
    uri: &str,
    ctype: Option<&str>,
    body: String,
) -> (StatusCode, Value) {
    let mut b = Request::builder().method(method).uri(uri);
    if let Some(c) = ctype {
        b = b.header("content-type", c);
    }
    let resp = app(h.state.clone()).oneshot(b.body(Body::from(body)).unwrap()).await.unwrap();
    let status = resp.status();
    let bytes = resp.into_body().collect().await.unwrap().to_bytes();
    let v = serde_json::from_slice(&bytes)
        .unwrap_or(Value::String(String::from_utf8_lossy(&bytes).into()));
    (status, v)
}

async fn post_json(h: &Harness, uri: &str, body: Value) -> (StatusCode, Value) {
    send(h, "POST", uri, Some("application/json"), body.to_string()).await
}

fn loan() -> Value {
    json!({"principal":"1000000.00","annual_rate":"0.049","term_months":360,"method":"equal_installment"})
}

fn application() -> Value {
    json!({"loan": loan(), "applicant": {"name": "张三", "phone": "13800138000"}, "consent": true})
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
async fn application_is_stored_with_recomputed_figures_and_sealed_personal_data() {
    let h = harness().await;
    let (status, body) = post_json(&h, "/api/v1/applications", application()).await;
    assert_eq!(status, StatusCode::CREATED, "{body}");
    let id = body["id"].as_str().unwrap();
    assert_eq!(body["first_payment"], "5307.27");
    let row = h.store.get(id).await.unwrap().expect("stored");
    assert_eq!(row.first_payment, "5307.27");
    assert!(!row.applicant_sealed.contains("13800138000"));
    let applicant = h.state.open_applicant(&row).unwrap();
    assert_eq!(applicant.phone, "13800138000");
    assert_eq!(applicant.name, "张三");
}

#[tokio::test]
async fn bad_bodies_get_a_4xx_naming_the_problem() {
    let h = harness().await;
    let mut unknown = application();
    unknown["admin"] = json!(true);
    let mut wrong_type = application();
    wrong_type["loan"]["term_months"] = json!("360");
    let mut no_consent = application();
    no_consent["consent"] = json!(false);
    let mut bad_phone = application();
    bad_phone["applicant"]["phone"] = json!("12345");
    let mut bad_loan = application();
    bad_loan["loan"]["term_months"] = json!(0);
    let cases: Vec<(String, &str)> = vec![
        ("{not json".into(), "body"),
        (unknown.to_string(), "admin"),
        (wrong_type.to_string(), "loan.term_months"),
        (no_consent.to_string(), "consent"),
        (bad_phone.to_string(), "applicant.phone"),
        (bad_loan.to_string(), "loan.term_months"),
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
        "POST /api/v1/applications HTTP/1.1\r\nHost: {addr}\r\nContent-Type: application/json\r\nContent-Length: {}\r\nConnection: close\r\n\r\n{body}",
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

async fn post_application(h: &Harness, name: &str, phone: &str) -> (StatusCode, Value) {
    let mut body = application();
    body["applicant"] = json!({"name": name, "phone": phone});
    post_json(h, "/api/v1/applications", body).await
}

/// A sealed blob is bound to its row: copying row A's blob into row B must not open as B's.
#[tokio::test]
async fn sealed_data_swapped_between_rows_does_not_open() {
    let h = harness().await;
    let (_, a) = post_application(&h, "张三", "13800138000").await;
    let (_, b) = post_application(&h, "李四", "13900139000").await;
    let mut row_a = h.store.get(a["id"].as_str().unwrap()).await.unwrap().unwrap();
    let mut row_b = h.store.get(b["id"].as_str().unwrap()).await.unwrap().unwrap();
    assert_eq!(h.state.open_applicant(&row_a).unwrap().name, "张三");
    std::mem::swap(&mut row_a.applicant_sealed, &mut row_b.applicant_sealed);
    assert!(h.state.open_applicant(&row_a).is_err());
    assert!(h.state.open_applicant(&row_b).is_err());
    // Under another key the row does not open either, even with its own blob.
    let other = AppState::new(h.store.clone(), &DataKey::generate(), "dist".into());
    let row_a = h.store.get(a["id"].as_str().unwrap()).await.unwrap().unwrap();
    assert!(other.open_applicant(&row_a).is_err());
}

/// Names are stored as validated: trimmed and NFC ("e" + U+0301 becomes "é").
#[tokio::test]
async fn names_are_stored_trimmed_and_nfc() {
    let h = harness().await;
    let (status, body) = post_application(&h, "  Jose\u{301} 张 ", "13800138000").await;
    assert_eq!(status, StatusCode::CREATED, "{body}");
    let row = h.store.get(body["id"].as_str().unwrap()).await.unwrap().unwrap();
    assert_eq!(h.state.open_applicant(&row).unwrap().name, "Jos\u{e9} 张");
    // A leading line break is trimmed away, so it can never reach a log line.
    let (status, body) = post_application(&h, "\n张三\t", "13800138000").await;
    assert_eq!(status, StatusCode::CREATED, "{body}");
    let row = h.store.get(body["id"].as_str().unwrap()).await.unwrap().unwrap();
    assert_eq!(h.state.open_applicant(&row).unwrap().name, "张三");
}

/// Invisible, direction-changing, line-breaking and over-long names are refused, naming the
/// field, and nothing is stored.
#[tokio::test]
async fn hidden_characters_and_padding_in_names_are_refused() {
    let h = harness().await;
    let padded = format!("{}A", " ".repeat(60_000));
    let zwj = "\u{200D}".repeat(50);
    let long_cjk = "张".repeat(51);
    let cases = [
        "\u{200B}",
        "\u{FEFF}",
        "\u{200B}\u{200B}",
        "张\u{202E}三",
        "\u{2066}张三\u{2069}",
        "张\u{2028}三",
        "张\u{2029}三",
        "张\n三",
        "张\u{0}三",
        "张\u{AD}三",
        "张\u{E0041}三",
        zwj.as_str(),
        long_cjk.as_str(),
        "",
        "   ",
    ];
    for name in cases {
        let (status, body) = post_application(&h, name, "13800138000").await;
        assert_eq!(status, StatusCode::BAD_REQUEST, "{name:?} → {body}");
        assert_eq!(body["error"]["field"], "applicant.name", "{name:?} → {body}");
    }
    // 60,000 spaces and one letter (the review's case): what is stored is the trimmed "A".
    let (status, body) = post_application(&h, &padded, "13800138000").await;
    assert_eq!(status, StatusCode::CREATED, "{body}");
    let row = h.store.get(body["id"].as_str().unwrap()).await.unwrap().unwrap();
    assert_eq!(h.state.open_applicant(&row).unwrap().name, "A");
    assert!(
        row.applicant_sealed.len() < 200,
        "sealed value stays small: {}",
        row.applicant_sealed.len()
    );
}

/// Errors name the field and the expected shape but never echo what was sent.
#[tokio::test]
async fn errors_never_echo_the_submitted_value() {
    let h = harness().await;
    let mut phone_number = application();
    phone_number["applicant"]["phone"] = json!(13800138000u64);
    let mut name_number = application();
    name_number["applicant"]["name"] = json!(987654321);
    let mut name_array = application();
    name_array["applicant"]["name"] = json!(["Zhang Secret"]);
    let mut method = application();
    method["loan"]["method"] = json!("secret_method_9137");
    let mut principal = application();
    principal["loan"]["principal"] = json!(7654321);
    let mut principal_text = application();
    principal_text["loan"]["principal"] = json!("abc7654321");
    let cases = [
        (phone_number, "applicant.phone", "13800138000"),
        (name_number, "applicant.name", "987654321"),
        (name_array, "applicant.name", "Zhang Secret"),
        (method, "loan.method", "secret_method_9137"),
        (principal, "loan.principal", "7654321"),
        (principal_text, "loan.principal", "7654321"),
    ];
    for (body, field, secret) in cases {
        let (status, resp) = post_json(&h, "/api/v1/applications", body).await;
        assert_eq!(status, StatusCode::BAD_REQUEST, "{resp}");
        assert_eq!(resp["error"]["field"], field, "{resp}");
        assert!(!resp.to_string().contains(secret), "{resp}");
    }
    let (status, resp) = post_json(
        &h,
        "/api/v1/schedule",
        json!({"principal": 7654321, "annual_rate":"0.049",
            "term_months":360, "method":"equal_installment"}),
    )
    .await;
    assert_eq!(status, StatusCode::BAD_REQUEST);
    assert!(!resp.to_string().contains("7654321"), "{resp}");
    assert!(resp["error"]["message"].as_str().unwrap().contains("string"), "{resp}");
}

/// Exactly one JSON value, declared exactly as JSON.
#[tokio::test]
async fn bodies_are_one_json_value_of_the_json_content_type() {
    let h = harness().await;
    let body = application().to_string();
    for trailing in [" xyz", "{}", " {\"a\":1}", "\u{0}"] {
        let (status, resp) = send(
            &h,
            "POST",
            "/api/v1/applications",
            Some("application/json"),
            format!("{body}{trailing}"),
        )
        .await;
        assert_eq!(status, StatusCode::BAD_REQUEST, "{trailing:?} → {resp}");
        assert_eq!(resp["error"]["field"], "body");
    }
    let (status, _) =
        send(&h, "POST", "/api/v1/applications", Some("application/json"), format!(" {body} \n"))
            .await;
    assert_eq!(status, StatusCode::CREATED);
    for ctype in [
        "application/jsonp",
        "application/json-seq",
        "application/json; charset=latin1",
        "application/json; charset=utf-16",
        "text/json",
        "application/x-www-form-urlencoded",
    ] {
        let (status, resp) =
            send(&h, "POST", "/api/v1/applications", Some(ctype), body.clone()).await;
        assert_eq!(status, StatusCode::UNSUPPORTED_MEDIA_TYPE, "{ctype}");
        assert_eq!(resp["error"]["field"], "content-type");
    }
    let (status, _) = send(
        &h,
        "POST",
        "/api/v1/schedule",
        Some("Application/JSON; Charset=UTF-8"),
        loan().to_string(),
    )
    .await;
    assert_eq!(status, StatusCode::OK);
    let deep = format!("{}{}", "[".repeat(5000), "]".repeat(5000));
    let (status, resp) = send(&h, "POST", "/api/v1/schedule", Some("application/json"), deep).await;
    assert_eq!(status, StatusCode::BAD_REQUEST, "{resp}");
}
