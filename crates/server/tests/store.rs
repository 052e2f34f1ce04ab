//! The store contract (`store_contract/mod.rs`) on SQLite, plus what only SQLite has: private
//! file modes are covered in `tests/start.rs`.

#[path = "store_contract/mod.rs"]
mod contract;

use loanlens_server::store::sqlite::SqliteStore;
use std::sync::Arc;

#[tokio::test(flavor = "multi_thread", worker_threads = 2)]
async fn sqlite_keeps_the_store_contract() {
    let dir = tempfile::tempdir().unwrap();
    let store = SqliteStore::open(&dir.path().join("contract.db")).await.unwrap();
    contract::run_all(Arc::new(store)).await;
}
