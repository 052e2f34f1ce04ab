//! Fuzzing the HTTP entry points: whatever body arrives, every endpoint answers 2xx or a 4xx JSON
//! error naming a field — never a 500, never a panic, never a hang — and an error never echoes
//! a value that was sent.
//!
//! Most cases are structured: a valid request for the endpoint with one value replaced by a
//! hostile one (wrong type, huge or exotic number, deep nesting, long or invisible text, an
//! unknown field), so they get past the JSON parser into the schema and the engine. One
//! database and runtime serve a whole run.

use axum::body::Body;
use axum::http::Request;
use http_body_util::BodyExt;
use loanlens_server::crypto::DataKey;
use loanlens_server::store::sqlite::SqliteStore;
use loanlens_server::{app, AppState, Secret};
use proptest::prelude::*;
use proptest::test_runner::{Config, TestRunner};
use serde_json::{json, Value};
use std::sync::Arc;
use tower::ServiceExt;

/// Marks hostile values: an error body must never contain it.
const MARK: &str = "SECRET13800138000";

/// Each endpoint with a valid body for it (POST unless the path starts with `GET `, whose body
/// the endpoint must ignore); `{id}` is a stored application's id. Requests carry a fresh
/// `Idempotency-Key` and the staff token.
fn endpoints() -> Vec<(&'static str, Value)> {
    let loan = json!({"principal":"100000.00","annual_rate":"0.12","term_months":24,
        "method":"equal_installment","upfront_fee":"100.00","monthly_fee_rate":"0.001",
        "disbursement_date":"2025-01-15","first_payment_date":"2025-02-15","grace_months":1,
        "prepayments":[{"period":6,"amount":"10000.00","mode":"shorten_term","penalty_rate":"0.01"}],
        "rate_changes":[{"from_period":13,"annual_rate":"0.10"}]});
    vec![
        ("/api/v1/schedule", loan.clone()),
        (
            "/api/v1/compare",
            json!({"principal":"100000.00","annual_rate":"0.12","term_months":24,
                   "methods":["equal_installment","bullet"]}),
        ),
        (
            "/api/v1/solve",
            json!({"solve":"max_principal","annual_rate":"0.049","term_months":360,
                   "payment":"5307.27"}),
        ),
        (
            "/api/v1/solve",
            json!({"solve":"implied_rate","principal":"10000","payment":"950",
                                 "term_months":12}),
        ),
        (
            "/api/v1/xirr",
            json!({"flows":[{"date":"2025-01-15","amount":"-10000.00"},
                            {"date":"2026-01-15","amount":"11000.00"}]}),
        ),
        (
            "/api/v1/invest/compare",
            json!({"products":[
                {"name":"installment","amount":"10000","annual_rate":"0.10","term_months":12,
                 "structure":"equal_installment","start_date":"2025-01-15","idle_days":3,
                 "fee_rate_on_interest":"0.1"},
                {"name":"bank","kind":"time_deposit","amount":"10000","annual_rate":"0.015",
                 "term_months":12,"start_date":"2025-01-15"}],
                "horizon_date":"2026-03-01","reinvestment_rate":"0.02"}),
        ),
        (
            "/api/v1/mortgage",
            json!({"loan_type":"combination","house_price":"3000000","down_payment_rate":"0.3",
                   "term_months":360,"disbursement_date":"2025-06-15","repayment_day":20,
                   "housing_fund":{"amount":"1000000","term_months":240},
                   "commercial":{"spread_bp":-30,"repricing":"anniversary",
                       "assumed_lpr":{"from_date":"2026-01-01","lpr":"0.03"}}}),
        ),
        ("/api/v1/applications", support::application_with(7)),
        ("POST /api/v1/admin/applications/{id}/status", json!({"status":"contacted","note":"n"})),
        ("POST /api/v1/admin/applications/{id}/erase", json!({"ignored": 1})),
        ("GET /api/v1/applications/{id}", json!({"ignored": 1})),
        ("GET /api/v1/admin/applications/{id}", json!({"ignored": 1})),
        ("GET /api/v1/admin/applications?status=submitted&limit=5", json!({"ignored": 1})),
        ("GET /api/v1/admin/export.csv?decision=pass", json!({"ignored": 1})),
        ("GET /api/v1/admin/audit?limit=3", json!({"ignored": 1})),
        (
            "/api/v1/precheck",
            json!({"age":35,"monthly_income":"15000.00","employment":"salaried",
                   "months_in_job":48,"housing":"mortgage","monthly_debt_payments":"1500.00",
                   "overdue_count_24m":0,"currently_overdue":false,"credit_inquiries_6m":1,
                   "social_insurance_months":60,"purpose":"consumption","segment":"consumer",
                   "loan":{"principal":"50000.00","term_months":24,"method":"bullet",
                           "upfront_fee":"100.00","monthly_fee_rate":"0.001"}}),
        ),
        ("GET /api/v1/scorecard", json!({"age": 35})),
    ]
}

/// Raw JSON text for a hostile value (numbers serde_json's `Value` cannot hold stay raw).
fn hostile() -> impl Strategy<Value = String> {
    let raw = prop::sample::select(vec![
        "1e400".to_string(),
        "-1e400".to_string(),
        "123456789012345678901234567890".to_string(),
        "18446744073709551616".to_string(),
        "-9223372036854775809".to_string(),
        "4294967296".to_string(),
        "-0".to_string(),
        "1.5".to_string(),
        "0.0000000000000000000000000001".to_string(),
        "13800138000".to_string(),
        "null".to_string(),
        "true".to_string(),
        "[]".to_string(),
        "{}".to_string(),
        format!("\"{MARK}\""),
        format!("[\"{MARK}\"]"),
        format!("{{\"extra\":\"{MARK}\"}}"),
        format!("\"{MARK}\\u202e\\u200b\\n\""),
        format!("\"99999999999999999999999999999{MARK}\""),
        "\"1e5\"".to_string(),
        "\"NaN\"".to_string(),
        "\"2025-02-30\"".to_string(),
        "\"9999-99-99\"".to_string(),
        "\"\"".to_string(),
        "\" \"".to_string(),
    ]);
    let deep = (1usize..300).prop_map(|n| format!("{}{MARK:?}{}", "[".repeat(n), "]".repeat(n)));
    let long = (1usize..3000).prop_map(|n| format!("\"{}{MARK}\"", "9".repeat(n)));
    let number = any::<i64>().prop_map(|n| n.to_string());
    prop_oneof![4 => raw, 1 => deep, 1 => long, 1 => number]
}

/// Every JSON pointer into `v` (objects and arrays included, the root excluded).
fn pointers(v: &Value, at: String, out: &mut Vec<String>) {
    match v {
        Value::Object(m) => m.iter().for_each(|(k, c)| {
            let p = format!("{at}/{k}");
            out.push(p.clone());
            pointers(c, p, out);
        }),
        Value::Array(a) => a.iter().enumerate().for_each(|(i, c)| {
            let p = format!("{at}/{i}");
            out.push(p.clone());
            pointers(c, p, out);
        }),
        _ => {}
    }
}

/// A valid body with one value replaced by a hostile one, or one unknown field added.
fn structured() -> impl Strategy<Value = (&'static str, String)> {
    (0..endpoints().len(), any::<prop::sample::Index>(), hostile(), any::<bool>()).prop_map(
        |(e, at, value, add_field)| {
            let (endpoint, mut body) = endpoints().swap_remove(e);
            let mut paths = Vec::new();
            pointers(&body, String::new(), &mut paths);
            let path = at.get(&paths).clone();
            let placeholder = Value::String("__HOSTILE__".into());
            match body.pointer_mut(&path) {
                Some(Value::Object(m)) if add_field => {
                    // Field names come back in the error (they are the shape); values never do.
                    m.insert("extra_field".into(), placeholder);
                }
                Some(slot) => *slot = placeholder,
                None => {}
            }
            (endpoint, body.to_string().replacen("\"__HOSTILE__\"", &value, 1))
        },
    )
}

/// Any JSON value, biased towards the names and strings the schema uses.
fn any_json() -> impl Strategy<Value = Value> {
    let leaf = prop_oneof![
        Just(Value::Null),
        any::<bool>().prop_map(Value::Bool),
        any::<i64>().prop_map(|n| json!(n)),
        any::<f64>().prop_map(|f| json!(f)),
        "[0-9.eE+-]{0,40}".prop_map(Value::String),
        prop::sample::select(vec!["0", "0.01", "1e400", "2024-02-29", "bullet", "13800138000"])
            .prop_map(|s| Value::String(s.to_string())),
    ];
    let keys = prop::sample::select(vec![
        "principal",
        "annual_rate",
        "term_months",
        "method",
        "prepayments",
        "period",
        "amount",
        "solve",
        "payment",
        "flows",
        "date",
        "loan",
        "applicant",
        "name",
        "phone",
        "consent",
        "consents",
        "id_number",
        "city",
        "profile",
        "scorecard_version",
        "status",
        "note",
        "age",
        "monthly_income",
        "employment",
        "housing",
    ]);
    leaf.prop_recursive(3, 24, 6, move |inner| {
        prop_oneof![
            prop::collection::vec(inner.clone(), 0..4).prop_map(Value::Array),
            prop::collection::btree_map(keys.clone().prop_map(String::from), inner, 0..6)
                .prop_map(|m| Value::Object(m.into_iter().collect())),
        ]
    })
}

/// The staff token of the run.
const STAFF: &str = "fuzz-staff-token-0123456789abcdef0123";

/// One runtime and one database for a whole run.
struct Rig {
    rt: tokio::runtime::Runtime,
    state: AppState,
    id: String,
    _dir: tempfile::TempDir,
}

impl Rig {
    fn new() -> Self {
        let rt = tokio::runtime::Builder::new_current_thread().enable_all().build().unwrap();
        let dir = tempfile::tempdir().unwrap();
        let store = rt.block_on(SqliteStore::open(&dir.path().join("fuzz.db"))).unwrap();
        let state = AppState::new(Arc::new(store), &DataKey::generate(), dir.path().to_path_buf())
            .with_staff(&[Secret::new(STAFF)])
            .unwrap();
        let mut rig = Rig { rt, state, id: String::new(), _dir: dir };
        let (status, body) =
            rig.send("/api/v1/applications", support::application_with(1).to_string().into_bytes());
        assert_eq!(status, 201, "{}", String::from_utf8_lossy(&body));
        let v: Value = serde_json::from_slice(&body).unwrap();
        rig.id = v["id"].as_str().unwrap().to_string();
        rig
    }

    fn send(&self, endpoint: &str, body: Vec<u8>) -> (axum::http::StatusCode, axum::body::Bytes) {
        static KEY: std::sync::atomic::AtomicU64 = std::sync::atomic::AtomicU64::new(0);
        let key = format!("fuzz-key-{}", KEY.fetch_add(1, std::sync::atomic::Ordering::Relaxed));
        self.rt.block_on(async {
            let (method, path) = endpoint.split_once(' ').unwrap_or(("POST", endpoint));
            let req = Request::builder()
                .method(method)
                .uri(path.replace("{id}", &self.id))
                .header("content-type", "application/json")
                .header("idempotency-key", key)
                .header("authorization", format!("Bearer {STAFF}"))
                .body(Body::from(body))
                .unwrap();
            let resp = tokio::time::timeout(
                std::time::Duration::from_secs(10),
                app(self.state.clone()).oneshot(req),
            )
            .await
            .expect("answered within 10 s")
            .unwrap();
            let status = resp.status();
            (status, resp.into_body().collect().await.unwrap().to_bytes())
        })
    }

    fn check(&self, endpoint: &str, body: Vec<u8>) -> Result<(), TestCaseError> {
        let (status, bytes) = self.send(endpoint, body.clone());
        let shown = String::from_utf8_lossy(&body);
        prop_assert!(
            status.is_success() || status.is_client_error(),
            "{endpoint} {shown} → {status}"
        );
        if endpoint.contains("export.csv") && status.is_success() {
            return Ok(());
        }
        let v: Value = serde_json::from_slice(&bytes).expect("JSON body");
        if status.is_client_error() {
            prop_assert!(v["error"]["field"].as_str().is_some_and(|f| !f.is_empty()), "{v}");
            let message = v["error"]["message"].as_str().unwrap_or_default();
            prop_assert!(!message.contains(MARK), "{endpoint} {shown} → {v}");
        }
        Ok(())
    }
}

fn run<S: Strategy>(
    cases: u32,
    strategy: S,
    test: impl Fn(&Rig, S::Value) -> Result<(), TestCaseError>,
) {
    let rig = Rig::new();
    let mut runner = TestRunner::new(Config { cases, ..Config::default() });
    if let Err(e) = runner.run(&strategy, |v| test(&rig, v)) {
        panic!("{e}");
    }
}

#[test]
fn structured_hostile_bodies_never_get_a_500_or_an_echo() {
    run(1500, structured(), |rig, (endpoint, body)| rig.check(endpoint, body.into_bytes()));
}

#[test]
fn arbitrary_json_never_gets_a_500() {
    let eps: Vec<&str> = endpoints().into_iter().map(|(e, _)| e).collect();
    run(300, (prop::sample::select(eps), any_json()), |rig, (endpoint, v)| {
        rig.check(endpoint, serde_json::to_vec(&v).unwrap())
    });
}

#[test]
fn arbitrary_bytes_never_get_a_500() {
    let eps: Vec<&str> = endpoints().into_iter().map(|(e, _)| e).collect();
    let bytes = prop::collection::vec(any::<u8>(), 0..256);
    run(200, (prop::sample::select(eps), bytes), |rig, (endpoint, b)| rig.check(endpoint, b));
}

#[path = "support/application.rs"]
mod support;
