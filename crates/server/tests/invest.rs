//! `POST /api/v1/invest/compare` as a client sees it: oneshot requests against `app()`.

use axum::body::Body;
use axum::http::{Request, StatusCode};
use http_body_util::BodyExt;
use loanlens_server::crypto::DataKey;
use loanlens_server::store::sqlite::SqliteStore;
use loanlens_server::{app, AppState};
use serde_json::{json, Value};
use std::sync::Arc;
use tower::ServiceExt;

async fn post(body: Value) -> (StatusCode, Value) {
    let dir = tempfile::tempdir().unwrap();
    let store = Arc::new(SqliteStore::open(&dir.path().join("db/test.db")).await.unwrap());
    let state = AppState::new(store, &DataKey::generate(), dir.path().to_path_buf());
    let req = Request::builder()
        .method("POST")
        .uri("/api/v1/invest/compare")
        .header("content-type", "application/json")
        .body(Body::from(body.to_string()))
        .unwrap();
    let resp = app(state).oneshot(req).await.unwrap();
    let status = resp.status();
    let bytes = resp.into_body().collect().await.unwrap().to_bytes();
    (status, serde_json::from_slice(&bytes).unwrap())
}

fn product(name: &str, structure: &str) -> Value {
    json!({"name": name, "amount": "10000", "annual_rate": "0.10", "term_months": 12,
           "structure": structure, "start_date": "2025-01-15"})
}

fn three() -> Vec<Value> {
    vec![
        product("installment", "equal_installment"),
        product("interest only", "interest_only"),
        product("bullet", "bullet"),
    ]
}

#[tokio::test]
async fn three_products_at_10_percent_earn_different_xirr() {
    let (status, body) = post(json!({"products": three()})).await;
    assert_eq!(status, StatusCode::OK, "{body}");
    assert_eq!(body["schema_version"], 1);
    let xirr: Vec<&str> = (0..3).map(|i| body["products"][i]["xirr"].as_str().unwrap()).collect();
    // The golden worked example (docs/invest.md): 10.5163%, 10.4733%, 10.0000%.
    assert_eq!(xirr, ["0.1051632297", "0.1047325584", "0.1000000000"]);
    assert_eq!(body["products"][0]["total_interest"], "549.89");
    assert_eq!(body["by_xirr"], json!([0, 1, 2]));
    assert!(body.get("by_terminal_wealth").is_none());
}

#[tokio::test]
async fn a_bad_field_is_named() {
    let mut products = three();
    products[1]["idle_days"] = json!(-1);
    let (status, body) = post(json!({"products": products})).await;
    assert_eq!(status, StatusCode::BAD_REQUEST, "{body}");
    assert_eq!(body["error"]["field"], "products[1].idle_days");

    let mut products = three();
    products[2]["colour"] = json!("red");
    let (status, body) = post(json!({"products": products})).await;
    assert_eq!(status, StatusCode::BAD_REQUEST, "{body}");
    assert_eq!(body["error"]["field"], "products[2].colour");
}

#[tokio::test]
async fn more_than_8_products_are_refused_with_the_field() {
    let products: Vec<Value> =
        (0..9).map(|i| product(&format!("p{i}"), "equal_installment")).collect();
    let (status, body) = post(json!({"products": products})).await;
    assert_eq!(status, StatusCode::BAD_REQUEST, "{body}");
    assert_eq!(body["error"]["field"], "products");
    assert!(body["error"]["message"].as_str().unwrap().contains('8'), "{body}");
}
