//! Fuzzing the HTTP entry points: whatever body arrives, every endpoint answers 2xx or a 4xx JSON
//! error naming a field — never a 500, never a panic, never a hang.

use axum::body::Body;
use axum::http::Request;
use http_body_util::BodyExt;
use loanlens_server::crypto::Sealer;
use loanlens_server::store::sqlite::SqliteStore;
use loanlens_server::{app, AppState};
use proptest::prelude::*;
use serde_json::{json, Value};
use std::sync::Arc;
use tower::ServiceExt;

const ENDPOINTS: [&str; 5] = [
    "/api/v1/schedule",
    "/api/v1/compare",
    "/api/v1/solve",
    "/api/v1/xirr",
    "/api/v1/applications",
];

/// Any JSON value, biased towards the strings, numbers and shapes our schema uses.
fn any_json() -> impl Strategy<Value = Value> {
    let leaf = prop_oneof![
        Just(Value::Null),
        any::<bool>().prop_map(Value::Bool),
        any::<i64>().prop_map(|n| json!(n)),
        any::<f64>().prop_map(|f| json!(f)),
        "[0-9.eE+-]{0,40}".prop_map(Value::String),
        prop::sample::select(vec![
            "0",
            "-1",
            "0.01",
            "1000000000000",
            "1000000000000.01",
            "99999999999999999999999999999",
            "7.9228162514264337593543950335",
            "1e400",
            "NaN",
            "",
            "2025-02-29",
            "2024-02-29",
            "9999-12-31",
            "0000-01-01",
            "equal_installment",
            "bullet",
            "shorten_term",
            "reduce_payment",
            "max_principal",
            "min_term",
            "implied_rate",
            "13800138000",
            "张三",
        ])
        .prop_map(|s| Value::String(s.to_string())),
    ];
    leaf.prop_recursive(3, 24, 6, |inner| {
        prop_oneof![
            prop::collection::vec(inner.clone(), 0..4).prop_map(Value::Array),
            prop::collection::btree_map(
                prop::sample::select(vec![
                    "principal",
                    "annual_rate",
                    "term_months",
                    "method",
                    "upfront_fee",
                    "upfront_fee_rate",
                    "monthly_fee_rate",
                    "payment_frequency",
                    "grace_months",
                    "disbursement_date",
                    "first_payment_date",
                    "day_count",
                    "prepayments",
                    "settlement",
                    "rate_changes",
                    "period",
                    "amount",
                    "mode",
                    "penalty_rate",
                    "from_period",
                    "solve",
                    "payment",
                    "flows",
                    "date",
                    "loan",
                    "applicant",
                    "name",
                    "phone",
                    "consent",
                    "methods",
                    "lpr_1y",
                ])
                .prop_map(String::from),
                inner,
                0..6,
            )
            .prop_map(|m| Value::Object(m.into_iter().collect())),
        ]
    })
}

/// A valid request with one field replaced by an arbitrary value.
fn mutated() -> impl Strategy<Value = (usize, Value)> {
    let base = json!({"principal":"100000.00","annual_rate":"0.12","term_months":12,
                      "method":"equal_installment"});
    (
        0usize..ENDPOINTS.len(),
        prop::sample::select(vec![
            "principal",
            "annual_rate",
            "term_months",
            "method",
            "upfront_fee",
            "monthly_fee_rate",
            "grace_months",
            "prepayments",
            "rate_changes",
            "settlement",
            "first_payment_date",
        ]),
        any_json(),
    )
        .prop_map(move |(ep, field, v)| {
            let mut b = base.clone();
            b[field] = v;
            (ep, b)
        })
}

fn check(rt: &tokio::runtime::Runtime, state: &AppState, endpoint: &str, body: Vec<u8>) {
    rt.block_on(async {
        let req = Request::post(endpoint)
            .header("content-type", "application/json")
            .body(Body::from(body.clone()))
            .unwrap();
        let resp = tokio::time::timeout(
            std::time::Duration::from_secs(10),
            app(state.clone()).oneshot(req),
        )
        .await
        .expect("answered within 10 s")
        .unwrap();
        let status = resp.status();
        let bytes = resp.into_body().collect().await.unwrap().to_bytes();
        assert!(
            status.is_success() || status.is_client_error(),
            "{endpoint} {} → {status}",
            String::from_utf8_lossy(&body)
        );
        let v: Value = serde_json::from_slice(&bytes).expect("JSON body");
        if status.is_client_error() {
            assert!(v["error"]["field"].as_str().is_some_and(|f| !f.is_empty()), "{v}");
        }
    });
}

fn setup() -> (tokio::runtime::Runtime, AppState, tempfile::TempDir) {
    let rt = tokio::runtime::Builder::new_current_thread().enable_all().build().unwrap();
    let dir = tempfile::tempdir().unwrap();
    let store = rt.block_on(SqliteStore::open(&dir.path().join("fuzz.db"))).unwrap();
    let state = AppState::new(Arc::new(store), Sealer::generate_key(), dir.path().to_path_buf());
    (rt, state, dir)
}

proptest! {
    #![proptest_config(ProptestConfig { cases: 400, ..ProptestConfig::default() })]

    #[test]
    fn arbitrary_json_never_gets_a_500(ep in 0usize..ENDPOINTS.len(), v in any_json()) {
        let (rt, state, _dir) = setup();
        check(&rt, &state, ENDPOINTS[ep], serde_json::to_vec(&v).unwrap());
    }

    #[test]
    fn one_mutated_field_never_gets_a_500((ep, v) in mutated()) {
        let (rt, state, _dir) = setup();
        let body = if ENDPOINTS[ep].ends_with("applications") {
            json!({"loan": v, "applicant": {"name":"张三","phone":"13800138000"}, "consent": true})
        } else {
            v
        };
        check(&rt, &state, ENDPOINTS[ep], serde_json::to_vec(&body).unwrap());
    }

    #[test]
    fn arbitrary_bytes_never_get_a_500(ep in 0usize..ENDPOINTS.len(), bytes in prop::collection::vec(any::<u8>(), 0..256)) {
        let (rt, state, _dir) = setup();
        check(&rt, &state, ENDPOINTS[ep], bytes);
    }
}
