//! The site's scorecard at start (a module of tests/start.rs, which keeps the helpers).

use super::*;

/// `LOANLENS_SCORECARD` is read once at start: a valid card is the one served, a broken one
/// stops the server with every problem listed.
#[test]
fn the_configured_scorecard_is_served_and_a_broken_one_stops_the_server() {
    let (dir, db) = temp_db();
    let path = dir.path().join("card.json");
    let mut doc: serde_json::Value =
        serde_json::from_str(loanlens_core::scorecard::DEFAULT_SCORECARD_JSON).unwrap();
    doc["id"] = json!("partner-card");
    std::fs::write(&path, doc.to_string()).unwrap();
    let mut cmd = command(&db, None);
    cmd.env("LOANLENS_SCORECARD", &path);
    let server = start_command(cmd);
    let (status, body) = http(&server.addr, "GET", "/api/v1/scorecard", "application/json", "");
    assert_eq!(status, 200, "{body}");
    assert!(body.contains("\"id\":\"partner-card\""), "{body}");
    drop(server);

    doc["cutoffs"] = json!({"pass": "500", "refer": "600"});
    doc["variables"][0]["field"] = json!("shoe_size");
    std::fs::write(&path, doc.to_string()).unwrap();
    let mut cmd = command(&db, None);
    cmd.env("LOANLENS_SCORECARD", &path);
    let err = refuses_command(cmd);
    assert!(err.contains("card.json is invalid"), "{err}");
    assert!(err.contains("cutoffs: ") && err.contains("shoe_size"), "{err}");
}
