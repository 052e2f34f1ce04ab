//! The application and staff pages are their own builds (`<static>/apply/`, `<static>/admin/`):
//! each path under them, deep links included, gets that build's page or file; a path that
//! merely starts with the same letters still gets the calculator.

use axum::body::Body;
use axum::http::{Request, StatusCode};
use http_body_util::BodyExt;
use loanlens_server::crypto::DataKey;
use loanlens_server::store::sqlite::SqliteStore;
use loanlens_server::{app, AppState};
use std::sync::Arc;
use tower::ServiceExt;

async fn get(state: &AppState, uri: &str) -> (StatusCode, String) {
    let req = Request::builder().uri(uri).body(Body::empty()).unwrap();
    let resp = app(state.clone()).oneshot(req).await.unwrap();
    let status = resp.status();
    let bytes = resp.into_body().collect().await.unwrap().to_bytes();
    (status, String::from_utf8_lossy(&bytes).into_owned())
}

#[tokio::test]
async fn apply_and_admin_pages_get_their_own_builds_and_deep_links() {
    let dir = tempfile::tempdir().unwrap();
    std::fs::write(dir.path().join("index.html"), "<html>LoanLens SPA</html>").unwrap();
    for page in ["apply", "admin"] {
        let d = dir.path().join(page);
        std::fs::create_dir_all(&d).unwrap();
        std::fs::write(d.join("index.html"), format!("<html>LoanLens {page} page</html>")).unwrap();
        std::fs::write(d.join(format!("{page}-1a2b.js")), format!("/* {page} glue */")).unwrap();
    }
    let store = Arc::new(SqliteStore::open(&dir.path().join("db/test.db")).await.unwrap());
    let state = AppState::new(store, &DataKey::generate(), dir.path().to_path_buf());
    for (uri, page) in [
        ("/apply", "apply"),
        ("/apply/", "apply"),
        ("/apply/status", "apply"),
        ("/admin", "admin"),
        ("/admin/", "admin"),
        ("/admin/applications", "admin"),
    ] {
        let (status, body) = get(&state, uri).await;
        assert_eq!(status, StatusCode::OK, "{uri}");
        assert!(body.contains(&format!("LoanLens {page} page")), "{uri}: {body}");
    }
    for page in ["apply", "admin"] {
        let (status, body) = get(&state, &format!("/{page}/{page}-1a2b.js")).await;
        assert_eq!(status, StatusCode::OK);
        assert_eq!(body, format!("/* {page} glue */"));
        let (status, _) = get(&state, &format!("/{page}/{}", "a".repeat(9000))).await;
        assert_eq!(status, StatusCode::URI_TOO_LONG);
    }
    for uri in ["/calculator", "/applyx", "/administrator"] {
        let (status, body) = get(&state, uri).await;
        assert_eq!(status, StatusCode::OK, "{uri}");
        assert!(body.contains("LoanLens SPA"), "{uri}: {body}");
    }
}
