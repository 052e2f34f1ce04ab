//! Qualified intake over a real socket (issue 9): tampering gets its 4xx and leaves the
//! database as it was, retries and duplicates never make a second record, the status needs its
//! token, the rate limit answers 429 (a module of tests/api.rs, which keeps the harness).

use super::*;
use loanlens_server::ratelimit::Rate;
use loanlens_server::store::Counts;
use std::net::SocketAddr;
use tokio::io::{AsyncReadExt, AsyncWriteExt};

/// A server on an ephemeral port over the harness's state (client addresses recorded, so the
/// rate limit applies when configured).
pub(super) async fn live(state: AppState) -> SocketAddr {
    let listener = tokio::net::TcpListener::bind("127.0.0.1:0").await.unwrap();
    let addr = listener.local_addr().unwrap();
    let router = app(state).into_make_service_with_connect_info::<SocketAddr>();
    tokio::spawn(async move { axum::serve(listener, router).await.unwrap() });
    addr
}

/// A raw HTTP/1.1 answer: status, head (lowercased), body.
pub(super) struct Answer {
    pub status: u16,
    pub head: String,
    pub body: String,
}

impl Answer {
    pub fn json(&self) -> Value {
        serde_json::from_str(&self.body).unwrap_or(Value::Null)
    }
}

/// One request over a fresh connection.
pub(super) async fn call(
    addr: SocketAddr,
    method: &str,
    path: &str,
    headers: &[(&str, &str)],
    body: &str,
) -> Answer {
    let mut s = tokio::net::TcpStream::connect(addr).await.unwrap();
    let mut req = format!("{method} {path} HTTP/1.1\r\nHost: {addr}\r\nConnection: close\r\n");
    for (k, v) in headers {
        req.push_str(&format!("{k}: {v}\r\n"));
    }
    req.push_str(&format!("Content-Length: {}\r\n\r\n{body}", body.len()));
    s.write_all(req.as_bytes()).await.unwrap();
    let mut raw = Vec::new();
    s.read_to_end(&mut raw).await.unwrap();
    let text = String::from_utf8_lossy(&raw).into_owned();
    let (head, body) = text.split_once("\r\n\r\n").unwrap_or((&text, ""));
    Answer {
        status: head.get(9..12).and_then(|c| c.parse().ok()).unwrap_or(0),
        head: head.to_ascii_lowercase(),
        body: body.to_string(),
    }
}

/// POSTs an application with `key`.
pub(super) async fn apply(addr: SocketAddr, key: &str, body: &Value) -> Answer {
    let headers = [("Content-Type", "application/json"), ("Idempotency-Key", key)];
    call(addr, "POST", "/api/v1/applications", &headers, &body.to_string()).await
}

async fn counts(h: &Harness) -> Counts {
    h.store.counts().await.unwrap()
}

/// Every tampering case gets its 4xx naming the field, and no table changes.
#[tokio::test]
async fn tampered_applications_get_their_4xx_and_store_nothing() {
    let h = harness().await;
    let addr = live(h.state.clone()).await;
    let edit = |f: &dyn Fn(&mut Value)| {
        let mut v = application();
        f(&mut v);
        v
    };
    let cases: Vec<(&str, Value, u16, &str)> = vec![
        (
            "missing consent",
            edit(&|v| {
                v["consents"].as_object_mut().unwrap().remove("credit_inquiry");
            }),
            400,
            "consents.credit_inquiry",
        ),
        (
            "unversioned consent",
            edit(&|v| v["consents"]["personal_information"]["version"] = json!("")),
            400,
            "consents.personal_information",
        ),
        (
            "old consent version",
            edit(&|v| v["consents"]["credit_inquiry"]["version"] = json!("ci-2020-01")),
            400,
            "consents.credit_inquiry",
        ),
        (
            "consent refused",
            edit(&|v| v["consents"]["credit_inquiry"]["accepted"] = json!(false)),
            400,
            "consents.credit_inquiry",
        ),
        (
            "bad ID checksum",
            edit(&|v| v["applicant"]["id_number"] = json!("110101199001010012")),
            400,
            "applicant.id_number",
        ),
        (
            "ID age not the stated age",
            edit(&|v| v["profile"]["age"] = json!(50)),
            400,
            "applicant.id_number",
        ),
        (
            "foreign phone",
            edit(&|v| v["applicant"]["phone"] = json!("+1 415 555 0100")),
            400,
            "applicant.phone",
        ),
        (
            "landline",
            edit(&|v| v["applicant"]["phone"] = json!("021-6888 8888")),
            400,
            "applicant.phone",
        ),
        (
            "no loan",
            edit(&|v| {
                v["profile"].as_object_mut().unwrap().remove("loan");
            }),
            400,
            "profile.loan",
        ),
        ("a score field", edit(&|v| v["score"] = json!("900")), 400, "score"),
        (
            "stale card",
            edit(&|v| v["scorecard_version"] = json!("2025.01")),
            409,
            "scorecard_version",
        ),
        (
            "declined profile with an edited pass",
            edit(&|v| {
                v["profile"]["currently_overdue"] = json!(true);
                v["client_result"] = json!({"score": "900", "decision": "pass"});
            }),
            422,
            "profile",
        ),
        ("bad partner", edit(&|v| v["partner"] = json!("Partner One")), 400, "partner"),
    ];
    let before = counts(&h).await;
    for (name, body, status, field) in cases {
        let a = apply(addr, &new_key(), &body).await;
        assert_eq!(a.status, status, "{name}: {}", a.body);
        assert_eq!(a.json()["error"]["field"], field, "{name}: {}", a.body);
        assert_eq!(counts(&h).await, before, "{name}: the database changed");
    }
    let stale = apply(addr, &new_key(), &edit(&|v| v["scorecard_version"] = json!("x"))).await;
    assert_eq!(stale.json()["current_version"], "2026.11");
    let mut declined = application();
    declined["profile"]["currently_overdue"] = json!(true);
    let d = apply(addr, &new_key(), &declined).await.json();
    assert_eq!(d["decision"], "decline");
    assert!(d["knockouts"].as_array().unwrap().contains(&json!("currently_overdue")), "{d}");
    assert!(d["reasons"].is_array(), "{d}");
    // No or a malformed Idempotency-Key.
    for key in [None, Some("short"), Some("has space in it"), Some(&"k".repeat(65)[..])] {
        let mut headers = vec![("Content-Type", "application/json")];
        if let Some(k) = key {
            headers.push(("Idempotency-Key", k));
        }
        let a =
            call(addr, "POST", "/api/v1/applications", &headers, &application().to_string()).await;
        assert_eq!(a.status, 400, "{key:?}");
        assert_eq!(a.json()["error"]["field"], "Idempotency-Key");
    }
    assert_eq!(counts(&h).await, before);
    // An edited score on a profile that passes is simply ignored.
    let mut edited = application();
    edited["client_result"] = json!({"score": "1", "decision": "decline"});
    let a = apply(addr, &new_key(), &edited).await;
    assert_eq!(a.status, 201, "{}", a.body);
    assert_eq!(a.json()["decision"], "pass");
}

/// The same key and body 50 times at once: one record, 50 byte-identical answers; the same key
/// with another body: 422.
#[tokio::test(flavor = "multi_thread", worker_threads = 2)]
async fn fifty_concurrent_retries_make_one_record_and_identical_answers() {
    let h = harness().await;
    let addr = live(h.state.clone()).await;
    let body = application();
    let tasks: Vec<_> = (0..50)
        .map(|_| {
            let body = body.clone();
            tokio::spawn(async move { apply(addr, "retry-key-0001", &body).await })
        })
        .collect();
    let mut answers = Vec::new();
    for t in tasks {
        let a = t.await.unwrap();
        answers.push((a.status, a.body));
    }
    assert!(answers.iter().all(|a| a == &answers[0]), "{answers:?}");
    assert_eq!(answers[0].0, 201);
    assert_eq!(counts(&h).await.applications, 1);
    let again = apply(addr, "retry-key-0001", &body).await;
    assert_eq!((again.status, again.body.clone()), answers[0]);
    let other = apply(addr, "retry-key-0001", &application()).await;
    assert_eq!(other.status, 422);
    assert_eq!(other.json()["error"]["field"], "Idempotency-Key");
    assert_eq!(counts(&h).await.applications, 1);
    // The metric counts what was stored, not the repeated answers.
    let metrics = call(addr, "GET", "/metrics", &[], "").await;
    assert!(metrics.body.contains("loanlens_applications_stored_total 1\n"), "{}", metrics.body);
}

/// The same ID number again within 30 days (another key): the earlier application, no token.
#[tokio::test]
async fn the_same_id_number_returns_the_earlier_application() {
    let h = harness().await;
    let addr = live(h.state.clone()).await;
    let first = apply(addr, &new_key(), &application_with(900)).await.json();
    let before = counts(&h).await;
    let mut again = application_with(900);
    again["applicant"]["name"] = json!("李四");
    let key = new_key();
    let a = apply(addr, &key, &again).await;
    assert_eq!(a.status, 200, "{}", a.body);
    let dup = a.json();
    assert_eq!((dup["id"].clone(), dup["duplicate"].clone()), (first["id"].clone(), json!(true)));
    assert!(dup.get("status_token").is_none(), "{dup}");
    assert_eq!(counts(&h).await.applications, before.applications);
    // Its retry is the same answer.
    let retry = apply(addr, &key, &again).await;
    assert_eq!((retry.status, retry.body), (200, a.body));
    // The stored ID hash is keyed: not the number, not its plain SHA-256.
    let row = h.store.get(first["id"].as_str().unwrap()).await.unwrap().unwrap();
    let id = id_number(35, 900);
    let hash = row.id_hash.unwrap();
    assert!(!hash.contains(&id) && hash != loanlens_server::crypto::sha256_hex(id.as_bytes()));
}

/// The status needs the token; without it, with a wrong one, or for an unknown id: one 404.
#[tokio::test]
async fn the_status_shows_only_with_its_token() {
    let h = harness().await;
    let addr = live(h.state.clone()).await;
    let created = apply(addr, &new_key(), &application()).await.json();
    let (id, token) = (created["id"].as_str().unwrap(), created["status_token"].as_str().unwrap());
    let path = format!("/api/v1/applications/{id}");
    let bearer = format!("Bearer {token}");
    let ok = call(addr, "GET", &path, &[("Authorization", &bearer)], "").await;
    assert_eq!(ok.status, 200);
    let v = ok.json();
    assert_eq!(
        (v["status"].clone(), v["reference"].clone()),
        (json!("submitted"), created["reference"].clone())
    );
    assert!(!ok.body.contains("13800138000") && !ok.body.contains("张三"), "{}", ok.body);
    let wrong = format!("Bearer {}x", &token[..token.len() - 1]);
    let unknown = "/api/v1/applications/AAAAAAAAAAAAAAAAAAAAAA";
    let long = format!("/api/v1/applications/{}", "A".repeat(65));
    let answers = [
        call(addr, "GET", &path, &[], "").await,
        call(addr, "GET", &path, &[("Authorization", &wrong)], "").await,
        call(addr, "GET", unknown, &[("Authorization", &bearer)], "").await,
        call(addr, "GET", "/api/v1/applications/%FF%FE", &[("Authorization", &bearer)], "").await,
        call(addr, "GET", &long, &[("Authorization", &bearer)], "").await,
    ];
    for a in &answers {
        assert_eq!((a.status, a.body.as_str()), (404, answers[0].body.as_str()));
    }
}

/// Past the configured rate: 429 in the v1 shape with Retry-After; other clients unaffected.
#[tokio::test]
async fn too_many_applications_from_one_address_get_429() {
    let h = harness().await;
    let state = h.state.clone().with_apply_rate(Some(Rate { per_minute: 1, burst: 2 }));
    let addr = live(state).await;
    assert_eq!(apply(addr, &new_key(), &application()).await.status, 201);
    assert_eq!(apply(addr, &new_key(), &application()).await.status, 201);
    let a = apply(addr, &new_key(), &application()).await;
    assert_eq!(a.status, 429, "{}", a.body);
    assert_eq!(a.json()["error"]["field"], "request");
    let retry: u64 = a
        .head
        .split("retry-after: ")
        .nth(1)
        .unwrap()
        .lines()
        .next()
        .unwrap()
        .trim()
        .parse()
        .unwrap();
    assert!((1..=60).contains(&retry), "{retry}");
    assert_eq!(counts(&h).await.applications, 2);
    // The other endpoints are not limited.
    let health = call(addr, "GET", "/api/v1/health", &[], "").await;
    assert_eq!(health.status, 200);
}

/// The database (SQLite's files; a Postgres dump) holds no name, phone, ID number or city in
/// clear.
#[tokio::test]
async fn the_database_files_hold_no_plaintext_personal_data() {
    let h = harness().await;
    let addr = live(h.state.clone()).await;
    let mut body = application_with(777);
    body["applicant"] = json!({"name": "欧阳明月", "phone": "13912345678",
        "id_number": id_number(35, 777), "city": "乌鲁木齐"});
    assert_eq!(apply(addr, &new_key(), &body).await.status, 201);
    let bytes = stores::database_bytes(h._dir.path(), h.pg.as_ref()).await;
    assert!(bytes.len() > 4096);
    for secret in ["欧阳明月", "13912345678", &id_number(35, 777), "乌鲁木齐"] {
        let found = bytes.windows(secret.len()).any(|w| w == secret.as_bytes());
        assert!(!found, "{secret} in the database files");
    }
}
