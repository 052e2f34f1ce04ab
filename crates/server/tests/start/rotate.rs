//! Key rotation with `loanlens-server rotate-keys`, and a whole journey's log (a module of
//! tests/start.rs, which keeps the helpers).

use super::*;

const STAFF: &str = "rotation-staff-token-0123456789abcdef";

fn with_staff(db: &Path, key: &str) -> Command {
    let mut cmd = command(db, Some(key));
    cmd.env("LOANLENS_ADMIN_TOKENS", STAFF);
    cmd
}

fn staff(addr: &str, method: &str, path: &str, body: &str) -> (u16, String) {
    let bearer = format!("Bearer {STAFF}");
    let mut headers = vec![("Authorization", bearer.as_str())];
    if !body.is_empty() {
        headers.push(("Content-Type", "application/json"));
    }
    request(addr, method, path, &headers, body)
}

fn rotate_keys(db: &Path, key: &str, previous: Option<&str>) -> std::process::Output {
    let mut cmd = command(db, Some(key));
    cmd.arg("rotate-keys");
    if let Some(p) = previous {
        cmd.env("LOANLENS_PREVIOUS_DATA_KEYS", p);
    }
    cmd.output().unwrap()
}

fn post(addr: &str, key: &str, body: &serde_json::Value) -> (u16, String) {
    let headers = [("Content-Type", "application/json"), ("Idempotency-Key", key)];
    request(addr, "POST", "/api/v1/applications", &headers, &body.to_string())
}

/// Rotation re-seals every row (and stored answer) under the new key, recomputes the ID hashes,
/// and the old key no longer starts the server.
#[test]
fn rotate_keys_reseals_everything_and_retires_the_old_key() {
    let (_dir, db) = temp_db();
    let (old, new) = ("a1".repeat(32), "b2".repeat(32));
    let server = start_command(with_staff(&db, &old));
    let body = support::application_with(42);
    let (status, first) = post(&server.addr, "rotation-key-1", &body);
    assert_eq!(status, 201, "{first}");
    assert_eq!(apply(&server.addr, "李四", "13900139000").0, 201);
    drop(server);

    let out = rotate_keys(&db, &"c3".repeat(32), None);
    assert_eq!(out.status.code(), Some(1), "an unknown old key stops the rotation");
    assert!(String::from_utf8_lossy(&out.stderr).contains("LOANLENS_PREVIOUS_DATA_KEYS"));

    let out = rotate_keys(&db, &new, Some(&old));
    let said = String::from_utf8_lossy(&out.stdout);
    assert_eq!(out.status.code(), Some(0), "{said} {}", String::from_utf8_lossy(&out.stderr));
    assert!(said.contains("2 application(s)") && said.contains("2 stored answer(s)"), "{said}");

    let err = refuses_command(with_staff(&db, &old));
    assert!(err.contains("rotate-keys"), "{err}");
    assert!(!err.contains(&old), "{err}");

    let server = start_command(with_staff(&db, &new));
    let a = &server.addr;
    // The stored answer opens under the new key: a retry gets the same bytes.
    assert_eq!(post(a, "rotation-key-1", &body), (201, first.clone()));
    // The ID hash was recomputed: the same number is still a duplicate.
    let (status, dup) = post(a, "rotation-key-2", &body);
    assert_eq!(status, 200, "{dup}");
    let id = serde_json::from_str::<serde_json::Value>(&first).unwrap()["id"]
        .as_str()
        .unwrap()
        .to_string();
    assert!(dup.contains(&id), "{dup}");
    let (status, detail) = staff(a, "GET", &format!("/api/v1/admin/applications/{id}"), "");
    assert_eq!(status, 200, "{detail}");
    assert!(detail.contains("张三"), "{detail}");
    let (_, audit) = staff(a, "GET", "/api/v1/admin/audit", "");
    assert!(audit.contains("\"action\":\"rotate\""), "{audit}");
}

/// A whole journey — apply, retry, duplicate, status, refusals, staff list, view, status change,
/// export, erase — and the server's log (JSON lines, over a real socket) holds no name, phone,
/// ID number or city, masked or not.
#[test]
fn a_whole_journey_leaves_no_personal_data_in_the_log() {
    let (_dir, db) = temp_db();
    let mut cmd = with_staff(&db, &"5a".repeat(32));
    cmd.env("LOANLENS_LOG_FORMAT", "json").env("RUST_LOG", "debug");
    let server = start_command(cmd);
    let a = &server.addr;
    let id_number = support::id_number(35, 321);
    let mut body = support::application_with(321);
    body["applicant"] = json!({"name": "欧阳明月", "phone": "+86 139-1234-5678",
        "id_number": id_number, "city": "乌鲁木齐"});
    let (status, created) = post(a, "journey-key-1", &body);
    assert_eq!(status, 201, "{created}");
    assert_eq!(post(a, "journey-key-1", &body).0, 201);
    assert_eq!(post(a, "journey-key-2", &body).0, 200);
    let mut bad = body.clone();
    bad["applicant"]["id_number"] = json!(format!("{}0", &id_number[..17]));
    bad["profile"]["age"] = json!(36);
    assert_eq!(post(a, "journey-key-3", &bad).0, 400);
    let v: serde_json::Value = serde_json::from_str(&created).unwrap();
    let id = v["id"].as_str().unwrap();
    let bearer = format!("Bearer {}", v["status_token"].as_str().unwrap());
    let path = format!("/api/v1/applications/{id}");
    assert_eq!(request(a, "GET", &path, &[("Authorization", &bearer)], "").0, 200);
    let wrong = [("Authorization", "Bearer 13912345678")];
    assert_eq!(request(a, "GET", "/api/v1/admin/applications", &wrong, "").0, 401);
    assert_eq!(staff(a, "GET", "/api/v1/admin/applications", "").0, 200);
    let (status, detail) = staff(a, "GET", &format!("/api/v1/admin/applications/{id}"), "");
    assert!(status == 200 && detail.contains("欧阳明月"), "{detail}");
    let change = format!("/api/v1/admin/applications/{id}/status");
    assert_eq!(
        staff(a, "POST", &change, r#"{"status":"contacted","note":"called 13912345678"}"#).0,
        200
    );
    let (status, csv) = staff(a, "GET", "/api/v1/admin/export.csv", "");
    assert!(status == 200 && csv.contains("13912345678"), "{csv}");
    assert_eq!(staff(a, "POST", &format!("/api/v1/admin/applications/{id}/erase"), "").0, 200);

    std::thread::sleep(Duration::from_millis(300));
    let log = server.log();
    assert!(log.contains("application stored") && log.contains("personal data erased"), "{log}");
    for secret in
        ["欧阳", "明月", "13912345678", &id_number, &id_number[6..14], "乌鲁木齐", "139****"]
    {
        assert!(!log.contains(secret), "{secret} in the log: {log}");
    }
}
