//! The embedded SQLite store (sqlx), created with migrations on first start.
//!
//! Invariant: a directory this store creates is mode 0700 and the database file is created
//! 0600 before SQLite opens it; SQLite gives its WAL and SHM files the database file's mode.

use super::{ApplicationStore, StoreError, StoredApplication};
use async_trait::async_trait;
use sqlx::sqlite::{SqliteConnectOptions, SqliteJournalMode, SqlitePoolOptions};
use sqlx::{Row, SqlitePool};
use std::path::Path;

/// SQLite-backed [`ApplicationStore`].
pub struct SqliteStore {
    pool: SqlitePool,
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
        Ok(Self { pool })
    }
}

#[async_trait]
impl ApplicationStore for SqliteStore {
    async fn insert(&self, a: &StoredApplication) -> Result<(), StoreError> {
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
        .execute(&self.pool)
        .await?;
        Ok(())
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
