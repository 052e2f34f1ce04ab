//! The store contract: what every [`ApplicationStore`] guarantees, written once as functions
//! over `&dyn ApplicationStore` and run against each backend (module `sqlite`, module
//! `postgres`; see `support` for how the Postgres database is found).

mod support;

use loanlens_server::store::{ApplicationStore, StoredApplication};
use std::sync::Arc;

fn row(id: &str) -> StoredApplication {
    StoredApplication {
        id: id.into(),
        created_at: "2026-11-29T08:00:00Z".into(),
        loan_json: r#"{"principal":"1000.00"}"#.into(),
        first_payment: "85.61".into(),
        apr_nominal: "0.049".into(),
        key_id: "key-a".into(),
        applicant_sealed: format!("sealed-{id}"),
    }
}

/// What is inserted is what is read back, field for field; an unknown id is `None`.
async fn insert_then_get_returns_the_same_row(s: &dyn ApplicationStore) {
    s.ping().await.unwrap();
    let mut r = row("a1");
    r.loan_json = r#"{"note":"张三 'quoted' \"double\""}"#.into();
    s.insert(&r).await.unwrap();
    assert_eq!(s.get("a1").await.unwrap(), Some(r));
    assert_eq!(s.get("a2").await.unwrap(), None);
    assert_eq!(s.count().await.unwrap(), 1);
}

/// A second insert with an existing id fails and leaves the first row as it was.
async fn a_duplicate_id_is_refused_and_changes_nothing(s: &dyn ApplicationStore) {
    s.insert(&row("d1")).await.unwrap();
    let mut other = row("d1");
    other.applicant_sealed = "another".into();
    assert!(s.insert(&other).await.is_err());
    assert_eq!(s.get("d1").await.unwrap().unwrap().applicant_sealed, "sealed-d1");
    assert_eq!(s.count().await.unwrap(), 1);
}

/// Concurrent inserts: every acknowledged one is stored; a bad one fails alone.
async fn concurrent_inserts_store_every_acknowledged_row(s: Arc<dyn ApplicationStore>) {
    s.insert(&row("dup")).await.unwrap();
    let tasks: Vec<_> = (0..200)
        .map(|i| {
            let s = s.clone();
            let id = if i == 100 { "dup".to_string() } else { format!("c{i}") };
            tokio::spawn(async move { (i, s.insert(&row(&id)).await.is_ok()) })
        })
        .collect();
    for t in tasks {
        let (i, stored) = t.await.unwrap();
        assert_eq!(stored, i != 100, "row {i}");
    }
    assert_eq!(s.count().await.unwrap(), 200);
    assert_eq!(s.get("c199").await.unwrap().unwrap().applicant_sealed, "sealed-c199");
}

/// Key ids: recording one twice keeps one; they come back oldest first.
async fn key_ids_are_recorded_once_oldest_first(s: &dyn ApplicationStore) {
    assert!(s.key_ids().await.unwrap().is_empty());
    s.add_key_id("kb", "2026-11-29T10:00:00Z").await.unwrap();
    s.add_key_id("ka", "2026-11-29T11:00:00Z").await.unwrap();
    s.add_key_id("kb", "2026-11-29T12:00:00Z").await.unwrap();
    assert_eq!(s.key_ids().await.unwrap(), ["kb", "ka"]);
}

/// Rows stored with a key id are bound: none is listed as unbound, and `bind` leaves them.
async fn bound_rows_are_never_rebound(s: &dyn ApplicationStore) {
    s.insert(&row("b1")).await.unwrap();
    assert!(s.unbound().await.unwrap().is_empty());
    s.bind("b1", "key-z", "resealed").await.unwrap();
    let got = s.get("b1").await.unwrap().unwrap();
    assert_eq!((got.key_id.as_str(), got.applicant_sealed.as_str()), ("key-a", "sealed-b1"));
}

/// Runs each contract function against one backend; `$open` yields `Option<(store, guard)>`.
macro_rules! backend {
    ($backend:ident, $open:expr) => {
        mod $backend {
            #[allow(unused_imports)]
            use super::*;

            #[tokio::test(flavor = "multi_thread", worker_threads = 2)]
            async fn insert_then_get_returns_the_same_row() {
                let Some((s, _guard)) = $open else { return };
                super::insert_then_get_returns_the_same_row(&*s).await;
            }

            #[tokio::test(flavor = "multi_thread", worker_threads = 2)]
            async fn a_duplicate_id_is_refused_and_changes_nothing() {
                let Some((s, _guard)) = $open else { return };
                super::a_duplicate_id_is_refused_and_changes_nothing(&*s).await;
            }

            #[tokio::test(flavor = "multi_thread", worker_threads = 2)]
            async fn concurrent_inserts_store_every_acknowledged_row() {
                let Some((s, _guard)) = $open else { return };
                super::concurrent_inserts_store_every_acknowledged_row(s).await;
            }

            #[tokio::test(flavor = "multi_thread", worker_threads = 2)]
            async fn key_ids_are_recorded_once_oldest_first() {
                let Some((s, _guard)) = $open else { return };
                super::key_ids_are_recorded_once_oldest_first(&*s).await;
            }

            #[tokio::test(flavor = "multi_thread", worker_threads = 2)]
            async fn bound_rows_are_never_rebound() {
                let Some((s, _guard)) = $open else { return };
                super::bound_rows_are_never_rebound(&*s).await;
            }
        }
    };
}

/// A SQLite store in a temporary directory (the directory is the guard).
async fn open_sqlite() -> Option<(Arc<dyn ApplicationStore>, tempfile::TempDir)> {
    let dir = tempfile::tempdir().unwrap();
    Some((support::sqlite_store(dir.path()).await, dir))
}

/// A Postgres store on a fresh database (the database is the guard).
async fn open_postgres() -> Option<(Arc<dyn ApplicationStore>, support::PgDb)> {
    let (s, db) = support::postgres_store().await?;
    Some((s, db))
}

backend!(sqlite, super::open_sqlite().await);
backend!(postgres, super::open_postgres().await);

#[test]
fn test_database_urls_keep_their_server_and_options() {
    use support::with_database;
    assert_eq!(
        with_database("postgres://u@localhost/postgres?host=/tmp/x", "t1"),
        "postgres://u@localhost/t1?host=/tmp/x"
    );
    assert_eq!(with_database("postgresql://u:p@h:5433/db", "t2"), "postgresql://u:p@h:5433/t2");
    assert_eq!(with_database("postgres://u@h", "t3"), "postgres://u@h/t3");
}
