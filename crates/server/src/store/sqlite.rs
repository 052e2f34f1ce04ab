//! The embedded SQLite store (sqlx), created with migrations on first start.

use super::{ApplicationStore, StoreError, StoredApplication};
use async_trait::async_trait;
use sqlx::sqlite::{SqliteConnectOptions, SqliteJournalMode, SqlitePoolOptions};
use sqlx::{Row, SqlitePool};
use std::path::Path;
use std::str::FromStr;

/// SQLite-backed [`ApplicationStore`].
pub struct SqliteStore {
    pool: SqlitePool,
}

fn err(e: impl std::fmt::Display) -> StoreError {
    StoreError(e.to_string())
}

impl SqliteStore {
    /// Opens (creating if needed) the database file at `path` and runs the migrations.
    pub async fn open(path: &Path) -> Result<Self, StoreError> {
        if let Some(dir) = path.parent() {
            if !dir.as_os_str().is_empty() {
                std::fs::create_dir_all(dir).map_err(err)?;
            }
        }
        let opts = SqliteConnectOptions::from_str(&format!("sqlite://{}", path.display()))
            .map_err(err)?
            .create_if_missing(true)
            .journal_mode(SqliteJournalMode::Wal)
            .busy_timeout(std::time::Duration::from_secs(5));
        let pool =
            SqlitePoolOptions::new().max_connections(4).connect_with(opts).await.map_err(err)?;
        sqlx::migrate!("./migrations").run(&pool).await.map_err(err)?;
        Ok(Self { pool })
    }
}

#[async_trait]
impl ApplicationStore for SqliteStore {
    async fn insert(&self, a: &StoredApplication) -> Result<(), StoreError> {
        sqlx::query(
            "INSERT INTO applications (id, created_at, loan_json, first_payment, apr_nominal, applicant_sealed) \
             VALUES (?, ?, ?, ?, ?, ?)",
        )
        .bind(&a.id)
        .bind(&a.created_at)
        .bind(&a.loan_json)
        .bind(&a.first_payment)
        .bind(&a.apr_nominal)
        .bind(&a.applicant_sealed)
        .execute(&self.pool)
        .await
        .map_err(err)?;
        Ok(())
    }

    async fn get(&self, id: &str) -> Result<Option<StoredApplication>, StoreError> {
        let row = sqlx::query(
            "SELECT id, created_at, loan_json, first_payment, apr_nominal, applicant_sealed \
             FROM applications WHERE id = ?",
        )
        .bind(id)
        .fetch_optional(&self.pool)
        .await
        .map_err(err)?;
        Ok(row.map(|r| StoredApplication {
            id: r.get(0),
            created_at: r.get(1),
            loan_json: r.get(2),
            first_payment: r.get(3),
            apr_nominal: r.get(4),
            applicant_sealed: r.get(5),
        }))
    }

    async fn ping(&self) -> Result<(), StoreError> {
        sqlx::query("SELECT 1").execute(&self.pool).await.map_err(err)?;
        Ok(())
    }
}
