//! The staff API over a real socket: tokens and the audit of refusals, list and filters,
//! detail, status transitions, CSV export, erasure, the audit log; off without tokens (a module
//! of tests/api.rs, which keeps the harness).

use super::qualify::{apply, call, live, Answer};
use super::*;
use std::net::SocketAddr;

async fn staff(addr: SocketAddr, method: &str, path: &str, body: Option<Value>) -> Answer {
    let bearer = format!("Bearer {STAFF}");
    let mut headers = vec![("Authorization", bearer.as_str())];
    let text = body.map(|b| b.to_string()).unwrap_or_default();
    if !text.is_empty() {
        headers.push(("Content-Type", "application/json"));
    }
    call(addr, method, path, &headers, &text).await
}

async fn audit_actions(h: &Harness) -> Vec<(String, String)> {
    let q = loanlens_server::store::AuditQuery { limit: 1000, ..Default::default() };
    let log = h.store.audit_log(&q).await.unwrap();
    log.into_iter().map(|e| (e.actor, e.action)).collect()
}

#[tokio::test]
async fn missing_or_wrong_tokens_get_401_and_each_is_audited() {
    let h = harness().await;
    let addr = live(h.state.clone()).await;
    let wrong = format!("Bearer {}", STAFF.replace('0', "1"));
    let tries: [&[(&str, &str)]; 4] = [
        &[],
        &[("Authorization", wrong.as_str())],
        &[("Authorization", "Basic c3RhZmY6cGFzcw==")],
        &[("Authorization", "Bearer ")],
    ];
    for headers in tries {
        let a = call(addr, "GET", "/api/v1/admin/applications", headers, "").await;
        assert_eq!(a.status, 401, "{headers:?}");
        assert_eq!(a.json()["error"]["field"], "Authorization");
        assert!(a.head.contains("www-authenticate: bearer"), "{}", a.head);
    }
    let a = call(addr, "POST", "/api/v1/admin/applications/x/erase", &[], "").await;
    assert_eq!(a.status, 401);
    let audit = audit_actions(&h).await;
    assert_eq!(audit.len(), 5, "{audit:?}");
    assert!(audit.iter().all(|(actor, action)| actor == "unknown" && action == "denied"));
}

#[tokio::test]
async fn without_tokens_the_admin_api_does_not_exist() {
    let h = harness().await;
    let state = AppState::new(h.store.clone(), &DataKey::generate(), "dist".into());
    let addr = live(state).await;
    for path in ["/api/v1/admin/applications", "/api/v1/admin/audit", "/api/v1/admin/export.csv"] {
        let a = call(addr, "GET", path, &[("Authorization", &format!("Bearer {STAFF}"))], "").await;
        assert_eq!(a.status, 404, "{path}");
    }
    assert!(audit_actions(&h).await.is_empty());
    let short = AppState::new(h.store.clone(), &DataKey::generate(), "dist".into())
        .with_staff(&[Secret::new("too-short")]);
    assert!(short.is_err(), "a short token stops the server");
}

#[tokio::test]
async fn staff_list_view_change_export_and_erase() {
    let h = harness().await;
    let addr = live(h.state.clone()).await;
    let mut ids = Vec::new();
    for (i, partner) in [(0, "bank-a"), (1, "bank-b"), (2, "bank-a")] {
        let mut body = application_with(500 + i);
        body["partner"] = json!(partner);
        body["applicant"]["name"] = json!(format!("=王{i}"));
        let a = apply(addr, &new_key(), &body).await;
        assert_eq!(a.status, 201, "{}", a.body);
        ids.push(a.json()["id"].as_str().unwrap().to_string());
    }
    // List: newest first, no personal data, filters and pages.
    let list = staff(addr, "GET", "/api/v1/admin/applications?limit=2", None).await;
    assert_eq!(list.status, 200, "{}", list.body);
    let v = list.json();
    assert_eq!(v["items"].as_array().unwrap().len(), 2);
    assert!(!list.body.contains("王") && !list.body.contains("13800138000"), "{}", list.body);
    let cursor = v["next_cursor"].as_str().unwrap();
    let next =
        staff(addr, "GET", &format!("/api/v1/admin/applications?limit=2&cursor={cursor}"), None)
            .await
            .json();
    assert_eq!(next["items"].as_array().unwrap().len(), 1);
    assert_eq!(next["next_cursor"], Value::Null);
    let bank_a =
        staff(addr, "GET", "/api/v1/admin/applications?partner=bank-a&status=submitted", None)
            .await
            .json();
    assert_eq!(bank_a["items"].as_array().unwrap().len(), 2);
    let bad = staff(addr, "GET", "/api/v1/admin/applications?status=done", None).await;
    assert_eq!((bad.status, bad.json()["error"]["field"].clone()), (400, json!("status")));

    // Detail: decrypted, with consents, evaluation and history; audited as a view.
    let id = &ids[0];
    let d = staff(addr, "GET", &format!("/api/v1/admin/applications/{id}"), None).await;
    assert_eq!(d.status, 200, "{}", d.body);
    let d = d.json();
    assert_eq!(d["applicant"]["name"], "=王0");
    assert_eq!(d["applicant"]["phone"], "13800138000");
    assert_eq!(d["consents"].as_array().unwrap().len(), 2);
    assert_eq!(d["evaluation"]["decision"], "pass");
    assert_eq!(d["history"][0]["to"], "submitted");
    let actor = format!("staff-{}", &loanlens_server::crypto::sha256_hex(STAFF.as_bytes())[..8]);
    assert!(audit_actions(&h).await.contains(&(actor.clone(), "view".into())));

    // Status: allowed transitions pass, others are 409 with the allowed next states.
    let path = format!("/api/v1/admin/applications/{id}/status");
    let bad = staff(addr, "POST", &path, Some(json!({"status": "approved"}))).await;
    assert_eq!(bad.status, 409, "{}", bad.body);
    assert_eq!(bad.json()["allowed"], json!(["contacted", "withdrawn"]));
    let ok =
        staff(addr, "POST", &path, Some(json!({"status": "contacted", "note": "called"}))).await;
    assert_eq!((ok.status, ok.json()["status"].clone()), (200, json!("contacted")), "{}", ok.body);
    let ok = staff(addr, "POST", &path, Some(json!({"status": "approved"}))).await;
    assert_eq!(ok.status, 200);
    let fin = staff(addr, "POST", &path, Some(json!({"status": "withdrawn"}))).await;
    assert_eq!((fin.status, fin.json()["allowed"].clone()), (409, json!([])));
    let long =
        staff(addr, "POST", &path, Some(json!({"status": "contacted", "note": "x".repeat(201)})))
            .await;
    assert_eq!((long.status, long.json()["error"]["field"].clone()), (400, json!("note")));

    // Export: BOM, one row each, name and phone but not the ID number; formulas defused.
    let csv = staff(addr, "GET", "/api/v1/admin/export.csv?partner=bank-a", None).await;
    assert_eq!(csv.status, 200);
    assert!(csv.head.contains("text/csv"));
    assert!(csv.body.starts_with('\u{feff}'));
    assert_eq!(csv.body.lines().count(), 3, "{}", csv.body);
    assert!(csv.body.contains("'=王0") && csv.body.contains("13800138000"));
    assert!(!csv.body.contains(&id_number(35, 500)), "no ID number in the export");
    let exports = h
        .store
        .audit_log(&loanlens_server::store::AuditQuery { limit: 100, ..Default::default() })
        .await
        .unwrap();
    assert!(exports.iter().any(|e| e.action == "export" && e.detail == "rows=2"));

    // Erase: the data and the ID hash are gone, the record and audit stay; idempotent.
    let erase = format!("/api/v1/admin/applications/{id}/erase");
    assert_eq!(staff(addr, "POST", &erase, None).await.status, 200);
    assert_eq!(staff(addr, "POST", &erase, None).await.status, 200);
    let row = h.store.get(id).await.unwrap().unwrap();
    assert_eq!((row.applicant_sealed, row.id_hash), (None, None));
    let d = staff(addr, "GET", &format!("/api/v1/admin/applications/{id}"), None).await.json();
    assert_eq!(
        (d["applicant"].clone(), d["erased"].clone(), d["status"].clone()),
        (Value::Null, json!(true), json!("approved"))
    );
    let audit =
        staff(addr, "GET", &format!("/api/v1/admin/audit?application_id={id}"), None).await.json();
    let actions: Vec<_> = audit["items"]
        .as_array()
        .unwrap()
        .iter()
        .map(|e| e["action"].as_str().unwrap().to_string())
        .collect();
    assert_eq!(actions.iter().filter(|a| *a == "erase").count(), 2, "{actions:?}");
    assert!(actions.contains(&"view".to_string()) && actions.contains(&"status".to_string()));
    assert_eq!(
        staff(addr, "POST", "/api/v1/admin/applications/nope/erase", None).await.status,
        404
    );
    // After erasure the same ID number is a new application.
    let again = apply(addr, &new_key(), &application_with(500)).await;
    assert_eq!(again.status, 201, "{}", again.body);
}
