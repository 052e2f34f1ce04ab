//! `POST /api/v1/mortgage` as a client sees it: oneshot requests against `app()`.

use axum::body::Body;
use axum::http::{Request, StatusCode};
use http_body_util::BodyExt;
use loanlens_server::crypto::DataKey;
use loanlens_server::store::sqlite::SqliteStore;
use loanlens_server::{app, AppState};
use serde_json::{json, Value};
use std::sync::Arc;
use tower::ServiceExt;

async fn call(method: &str, uri: &str, body: String) -> (StatusCode, Value) {
    let dir = tempfile::tempdir().unwrap();
    let store = Arc::new(SqliteStore::open(&dir.path().join("db/test.db")).await.unwrap());
    let state = AppState::new(store, &DataKey::generate(), dir.path().to_path_buf());
    let req = Request::builder()
        .method(method)
        .uri(uri)
        .header("content-type", "application/json")
        .body(Body::from(body))
        .unwrap();
    let resp = app(state).oneshot(req).await.unwrap();
    let status = resp.status();
    let bytes = resp.into_body().collect().await.unwrap().to_bytes();
    (status, serde_json::from_slice(&bytes).unwrap_or(Value::Null))
}

async fn post(body: Value) -> (StatusCode, Value) {
    call("POST", "/api/v1/mortgage", body.to_string()).await
}

/// 300万 at 30% down: 100万 housing fund (default 2.60%), 110万 commercial at LPR 3.50% − 30bp.
fn combination() -> Value {
    json!({"loan_type": "combination", "house_price": "3000000", "down_payment_rate": "0.3",
           "term_months": 360, "disbursement_date": "2025-06-15", "repayment_day": 15,
           "housing_fund": {"amount": "1000000"}, "commercial": {"spread_bp": -30}})
}

#[tokio::test]
async fn a_combination_answers_both_parts_and_the_combined_schedule() {
    let (status, body) = post(combination()).await;
    assert_eq!(status, StatusCode::OK, "{body}");
    assert_eq!(body["schema_version"], 1);
    assert_eq!(body["loan_amount"], "2100000.00");
    assert_eq!(body["down_payment"], "900000.00");
    assert_eq!(body["parts"][0]["kind"], "housing_fund");
    assert_eq!(body["parts"][1]["annual_rate"], "0.0320");
    // Independently computed level payments (docs/money.md's formula): 4,003.40 + 4,757.14.
    assert_eq!(body["parts"][0]["schedule"]["first_payment"], "4003.40");
    assert_eq!(body["parts"][1]["schedule"]["first_payment"], "4757.14");
    assert_eq!(body["first_payment"], "8760.54");
    assert_eq!(body["rows"][0]["fund_payment"], "4003.40");
    assert_eq!(body["rows"][0]["commercial_payment"], "4757.14");
    assert_eq!(body["rows"].as_array().unwrap().len(), 360);
    assert_eq!(body["total_principal"], "2100000.00");
    assert_eq!(body["rows"][359]["balance"], "0.00");
}

#[tokio::test]
async fn a_bad_field_is_named_and_nothing_is_echoed() {
    let mut b = combination();
    b["commercial"]["spread_bp"] = json!(5000);
    let (status, body) = post(b).await;
    assert_eq!(status, StatusCode::BAD_REQUEST, "{body}");
    assert_eq!(body["error"]["field"], "commercial.spread_bp");
    assert!(!body.to_string().contains("5000"), "{body}");

    let mut b = combination();
    b["housing_fund"]["amount"] = json!("2100000");
    let (status, body) = post(b).await;
    assert_eq!(status, StatusCode::BAD_REQUEST, "{body}");
    assert_eq!(body["error"]["field"], "housing_fund.amount");

    let mut b = combination();
    b["commercial"]["colour"] = json!("red");
    let (status, body) = post(b).await;
    assert_eq!(status, StatusCode::BAD_REQUEST, "{body}");
    assert_eq!(body["error"]["field"], "commercial.colour");

    // A missing required field names itself; a whole number of the wrong type states the range.
    let mut b = combination();
    b.as_object_mut().unwrap().remove("disbursement_date");
    let (status, body) = post(b).await;
    assert_eq!(status, StatusCode::BAD_REQUEST, "{body}");
    assert_eq!(body["error"]["field"], "disbursement_date");
    let mut b = combination();
    b["repayment_day"] = json!("20");
    let (status, body) = post(b).await;
    assert_eq!(status, StatusCode::BAD_REQUEST, "{body}");
    assert_eq!(body["error"]["field"], "repayment_day");
    assert!(body["error"]["message"].as_str().unwrap().contains("1 to 28, or 31"), "{body}");
}

#[tokio::test]
async fn the_operation_is_documented_with_its_schemas() {
    let (status, doc) = call("GET", "/api/v1/openapi.json", String::new()).await;
    assert_eq!(status, StatusCode::OK);
    let op = &doc["paths"]["/api/v1/mortgage"]["post"];
    assert_eq!(op["operationId"], "mortgage");
    let schemas = &doc["components"]["schemas"];
    assert_eq!(schemas["MortgageRequest"]["additionalProperties"], false);
    assert!(schemas["MortgageResult"]["properties"]["rows"].is_object());
    let loan_type = schemas["LoanType"].to_string();
    for id in ["commercial", "housing_fund", "combination"] {
        assert!(loan_type.contains(&format!("\"{id}\"")), "{loan_type}");
    }
    // The documented example is answered.
    let example = op["requestBody"]["content"]["application/json"]["example"].clone();
    let (status, body) = post(example).await;
    assert_eq!(status, StatusCode::OK, "{body}");
    assert_eq!(body["parts"][1]["rate_changes"][0]["date"], "2027-01-01");
}
