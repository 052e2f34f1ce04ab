//! The embedded SQLite store (sqlx), created with migrations on first start.
//!
//! Invariant: a directory this store creates is mode 0700 and the database file is created
//! 0600 before SQLite opens it; SQLite gives its WAL and SHM files the database file's mode.
//!
//! Inserts are group-committed: one writer task takes every insert waiting at that moment (up
//! to [`MAX_BATCH`]) into one transaction, so one WAL sync makes a whole batch durable. An
//! insert returns only after its transaction committed; if a batch fails, each of its rows is
//! retried alone, so one bad row never fails the others.

use super::{ApplicationStore, StoreError, StoredApplication};
use async_trait::async_trait;
use sqlx::sqlite::{SqliteConnectOptions, SqliteJournalMode, SqlitePoolOptions};
use sqlx::{Row, SqlitePool};
use std::path::Path;
use tokio::sync::{mpsc, oneshot};

/// Most inserts committed in one transaction.
pub const MAX_BATCH: usize = 256;

type Pending = (StoredApplication, oneshot::Sender<Result<(), StoreError>>);

/// SQLite-backed [`ApplicationStore`].
pub struct SqliteStore {
    pool: SqlitePool,
    writer: mpsc::Sender<Pending>,
}

/// Creates `path`'s missing parent directories (0700) and the file itself (0600) when absent.
fn create_private(path: &Path) -> std::io::Result<()> {
    if let Some(dir) = path.parent().filter(|d| !d.as_os_str().is_empty()) {
        let mut builder = std::fs::DirBuilder::new();
        builder.recursive(true);
        #[cfg(unix)]
        std::os::unix::fs::DirBuilderExt::mode(&mut builder, 0o700);
        builder.create(dir)?;
    }
    let mut opts = std::fs::OpenOptions::new();
    opts.write(true).create(true).truncate(false);
    #[cfg(unix)]
    std::os::unix::fs::OpenOptionsExt::mode(&mut opts, 0o600);
    opts.open(path).map(drop)
}

impl SqliteStore {
    /// Opens (creating if needed) the database file at `path` and runs the migrations.
    pub async fn open(path: &Path) -> Result<Self, StoreError> {
        create_private(path)?;
        let opts = SqliteConnectOptions::new()
            .filename(path)
            .journal_mode(SqliteJournalMode::Wal)
            .busy_timeout(std::time::Duration::from_secs(5));
        let pool = SqlitePoolOptions::new().max_connections(4).connect_with(opts).await?;
        sqlx::migrate!("./migrations").run(&pool).await?;
        let (writer, rx) = mpsc::channel(4 * MAX_BATCH);
        tokio::spawn(write_batches(pool.clone(), rx));
        Ok(Self { pool, writer })
    }
}

/// The writer task: runs until the store (the last sender) is dropped.
async fn write_batches(pool: SqlitePool, mut rx: mpsc::Receiver<Pending>) {
    let mut batch = Vec::with_capacity(MAX_BATCH);
    while rx.recv_many(&mut batch, MAX_BATCH).await > 0 {
        let together = async {
            let mut tx = pool.begin().await?;
            for (row, _) in &batch {
                insert_row(&mut *tx, row).await?;
            }
            tx.commit().await
        };
        if together.await.is_ok() {
            for (_, reply) in batch.drain(..) {
                let _ = reply.send(Ok(()));
            }
        } else {
            for (row, reply) in batch.drain(..) {
                let _ = reply.send(insert_row(&pool, &row).await.map_err(StoreError::from));
            }
        }
    }
}

async fn insert_row<'e, E>(db: E, a: &StoredApplication) -> Result<(), sqlx::Error>
where
    E: sqlx::Executor<'e, Database = sqlx::Sqlite>,
{
    sqlx::query(
        "INSERT INTO applications \
         (id, created_at, loan_json, first_payment, apr_nominal, key_id, applicant_sealed) \
         VALUES (?, ?, ?, ?, ?, ?, ?)",
    )
    .bind(&a.id)
    .bind(&a.created_at)
    .bind(&a.loan_json)
    .bind(&a.first_payment)
    .bind(&a.apr_nominal)
    .bind(&a.key_id)
    .bind(&a.applicant_sealed)
    .execute(db)
    .await?;
    Ok(())
}

#[async_trait]
impl ApplicationStore for SqliteStore {
    async fn insert(&self, a: &StoredApplication) -> Result<(), StoreError> {
        let (reply, done) = oneshot::channel();
        let closed = || StoreError::Database(sqlx::Error::PoolClosed);
        self.writer.send((a.clone(), reply)).await.map_err(|_| closed())?;
        done.await.map_err(|_| closed())?
    }

    async fn get(&self, id: &str) -> Result<Option<StoredApplication>, StoreError> {
        let row = sqlx::query(
            "SELECT id, created_at, loan_json, first_payment, apr_nominal, \
             COALESCE(key_id, ''), applicant_sealed FROM applications WHERE id = ?",
        )
        .bind(id)
        .fetch_optional(&self.pool)
        .await?;
        Ok(row.map(|r| StoredApplication {
            id: r.get(0),
            created_at: r.get(1),
            loan_json: r.get(2),
            first_payment: r.get(3),
            apr_nominal: r.get(4),
            key_id: r.get(5),
            applicant_sealed: r.get(6),
        }))
    }

    async fn ping(&self) -> Result<(), StoreError> {
        sqlx::query("SELECT 1").execute(&self.pool).await?;
        Ok(())
    }

    async fn count(&self) -> Result<u64, StoreError> {
        let n: i64 =
            sqlx::query_scalar("SELECT COUNT(*) FROM applications").fetch_one(&self.pool).await?;
        Ok(u64::try_from(n).unwrap_or(0))
    }

    async fn key_ids(&self) -> Result<Vec<String>, StoreError> {
        Ok(sqlx::query_scalar("SELECT key_id FROM keyring ORDER BY created_at, key_id")
            .fetch_all(&self.pool)
            .await?)
    }

    async fn unbound(&self) -> Result<Vec<(String, String)>, StoreError> {
        let rows = sqlx::query(
            "SELECT id, applicant_sealed FROM applications WHERE key_id IS NULL ORDER BY id",
        )
        .fetch_all(&self.pool)
        .await?;
        Ok(rows.into_iter().map(|r| (r.get(0), r.get(1))).collect())
    }

    async fn bind(&self, id: &str, key_id: &str, sealed: &str) -> Result<(), StoreError> {
        sqlx::query(
            "UPDATE applications SET key_id = ?, applicant_sealed = ? \
             WHERE id = ? AND key_id IS NULL",
        )
        .bind(key_id)
        .bind(sealed)
        .bind(id)
        .execute(&self.pool)
        .await?;
        Ok(())
    }

    async fn add_key_id(&self, key_id: &str, created_at: &str) -> Result<(), StoreError> {
        sqlx::query("INSERT OR IGNORE INTO keyring (key_id, created_at) VALUES (?, ?)")
            .bind(key_id)
            .bind(created_at)
            .execute(&self.pool)
            .await?;
        Ok(())
    }
}

#[cfg(test)]
mod tests {
    use super::*;
    use std::sync::Arc;

    fn row(id: &str) -> StoredApplication {
        StoredApplication {
            id: id.into(),
            created_at: "2026-11-29T00:00:00Z".into(),
            loan_json: "{}".into(),
            first_payment: "1.00".into(),
            apr_nominal: "0.1".into(),
            key_id: "k".into(),
            applicant_sealed: "sealed".into(),
        }
    }

    /// Many concurrent inserts (batched together): every acknowledged one is stored, and a row
    /// that cannot be stored (a duplicate id) fails alone, not its batch.
    #[tokio::test(flavor = "multi_thread", worker_threads = 2)]
    async fn batched_inserts_store_every_acknowledged_row_and_fail_only_the_bad_one() {
        let dir = tempfile::tempdir().unwrap();
        let store = Arc::new(SqliteStore::open(&dir.path().join("t.db")).await.unwrap());
        store.insert(&row("dup")).await.unwrap();
        let tasks: Vec<_> = (0..600)
            .map(|i| {
                let store = store.clone();
                let id = if i == 300 { "dup".to_string() } else { format!("r{i}") };
                tokio::spawn(async move { (i, store.insert(&row(&id)).await.is_ok()) })
            })
            .collect();
        let mut ok = 0;
        for t in tasks {
            let (i, stored) = t.await.unwrap();
            assert_eq!(stored, i != 300, "row {i}");
            ok += usize::from(stored);
        }
        assert_eq!(ok, 599);
        assert_eq!(store.count().await.unwrap(), 600);
        assert_eq!(store.get("r599").await.unwrap().unwrap().id, "r599");
    }
}
