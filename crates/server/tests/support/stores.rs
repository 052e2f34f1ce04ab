//! Test stores on both backends (included with `#[path]`). SQLite: a file in a temporary directory. Postgres: a fresh
//! database per test, created on the server `TEST_POSTGRES_URL` names (`tools/pg-throwaway.sh`
//! starts one for `./x test`) and dropped when the test ends, so tests run in parallel.
//!
//! Without `TEST_POSTGRES_URL` a Postgres test says so on stderr and passes without checking
//! anything, unless `LOANLENS_REQUIRE_POSTGRES=1` (set by the throwaway script, so `./x test`
//! can never skip them silently), which makes it fail.
// Each test binary uses a different part of this module.
#![allow(dead_code)]

use loanlens_server::store::postgres::{options, PgStore};
use loanlens_server::store::sqlite::SqliteStore;
use loanlens_server::store::ApplicationStore;
use sqlx::Connection;
use std::sync::Arc;

/// A database of its own on the test Postgres server, dropped (forcibly) on drop.
pub struct PgDb {
    /// URL of this database (for the store, `psql` and `pg_dump`).
    pub url: String,
    name: String,
    admin_url: String,
}

impl Drop for PgDb {
    fn drop(&mut self) {
        let (admin, name) = (self.admin_url.clone(), self.name.clone());
        // A runtime of its own: drop may run inside (or outside) the test's runtime.
        let dropped = std::thread::spawn(move || {
            let rt = tokio::runtime::Builder::new_current_thread().enable_all().build().ok()?;
            rt.block_on(async {
                let mut c = sqlx::PgConnection::connect(&admin).await.ok()?;
                sqlx::query(&format!("DROP DATABASE IF EXISTS \"{name}\" WITH (FORCE)"))
                    .execute(&mut c)
                    .await
                    .ok()
            })
        });
        let _ = dropped.join();
    }
}

/// The URL of the test Postgres server, or `None` (after saying why) when there is none and
/// none is required.
pub fn postgres_url() -> Option<String> {
    match std::env::var("TEST_POSTGRES_URL").ok().filter(|u| !u.is_empty()) {
        Some(url) => Some(url),
        None if wants_postgres()
            || std::env::var("LOANLENS_REQUIRE_POSTGRES").is_ok_and(|v| v == "1") =>
        {
            panic!("Postgres is required here but TEST_POSTGRES_URL is not set")
        }
        None => {
            eprintln!("TEST_POSTGRES_URL is not set: Postgres NOT tested (./x test sets it)");
            None
        }
    }
}

/// `url` with its database name replaced by `db` (query parameters such as `host=` kept).
pub fn with_database(url: &str, db: &str) -> String {
    let (base, query) = url.split_once('?').map_or((url, None), |(b, q)| (b, Some(q)));
    let rest = base.split_once("://").map_or(base, |(_, r)| r);
    let server = rest.split_once('/').map_or(rest, |(s, _)| s);
    let scheme = base.split_once("://").map_or("postgres", |(s, _)| s);
    match query {
        Some(q) => format!("{scheme}://{server}/{db}?{q}"),
        None => format!("{scheme}://{server}/{db}"),
    }
}

/// A fresh, empty database on the test server (`None` when Postgres is not tested).
pub async fn postgres_database() -> Option<PgDb> {
    let admin_url = postgres_url()?;
    let name = format!("loanlens_test_{}", uuid::Uuid::new_v4().simple());
    let mut admin = sqlx::PgConnection::connect_with(&options(&admin_url).unwrap())
        .await
        .expect("connect to TEST_POSTGRES_URL");
    sqlx::query(&format!("CREATE DATABASE \"{name}\"")).execute(&mut admin).await.unwrap();
    admin.close().await.ok();
    Some(PgDb { url: with_database(&admin_url, &name), name, admin_url })
}

/// A migrated Postgres store on a fresh database; keep the [`PgDb`] for as long as the store.
pub async fn postgres_store() -> Option<(Arc<PgStore>, PgDb)> {
    let db = postgres_database().await?;
    let store = PgStore::connect(&db.url).await.expect("open the Postgres store");
    Some((Arc::new(store), db))
}

/// A SQLite store in `dir`.
pub async fn sqlite_store(dir: &std::path::Path) -> Arc<SqliteStore> {
    Arc::new(SqliteStore::open(&dir.join("db/test.db")).await.unwrap())
}

/// Which backend a suite that runs on one store at a time (the API tests) uses:
/// `LOANLENS_TEST_STORE=postgres` selects Postgres (which is then required), else SQLite.
pub fn wants_postgres() -> bool {
    std::env::var("LOANLENS_TEST_STORE").is_ok_and(|v| v == "postgres")
}

/// The store the API tests run on: SQLite in `dir`, or with `LOANLENS_TEST_STORE=postgres` a
/// fresh Postgres database (kept alive by the returned guard).
pub async fn chosen_store(dir: &std::path::Path) -> (Arc<dyn ApplicationStore>, Option<PgDb>) {
    if wants_postgres() {
        let (store, db) = postgres_store().await.expect("TEST_POSTGRES_URL");
        (store, Some(db))
    } else {
        (sqlite_store(dir).await, None)
    }
}

/// Every byte the database holds, for "no plaintext" checks: the SQLite files under `dir/db`
/// (after a WAL checkpoint, so nothing waits only in memory), or `pg_dump` of the Postgres
/// database (`TEST_PG_BIN/pg_dump` when set, else `pg_dump` on the PATH).
pub async fn database_bytes(dir: &std::path::Path, pg: Option<&PgDb>) -> Vec<u8> {
    if let Some(db) = pg {
        let bin = std::env::var("TEST_PG_BIN").map_or("pg_dump".into(), |b| format!("{b}/pg_dump"));
        let out = std::process::Command::new(&bin).arg("--dbname").arg(&db.url).output().unwrap();
        assert!(out.status.success(), "{}", String::from_utf8_lossy(&out.stderr));
        return out.stdout;
    }
    let file = dir.join("db/test.db");
    let pool = sqlx::SqlitePool::connect(&format!("sqlite://{}", file.display())).await.unwrap();
    sqlx::query("PRAGMA wal_checkpoint(FULL)").execute(&pool).await.unwrap();
    pool.close().await;
    let mut bytes = Vec::new();
    for entry in std::fs::read_dir(dir.join("db")).unwrap() {
        bytes.extend(std::fs::read(entry.unwrap().path()).unwrap());
    }
    bytes
}
