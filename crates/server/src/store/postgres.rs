//! The PostgreSQL store (sqlx), for several stateless servers sharing one database.
//!
//! Selected by `LOANLENS_DB=postgres://…`; migrations in `migrations/postgres/` run at start
//! (sqlx holds a Postgres advisory lock while migrating, so servers starting together apply
//! each migration once). Invariants: the same contract as the SQLite store (the store contract
//! suite, `tests/store_contract.rs`, runs against both); the connection URL is a
//! [`Secret`](crate::Secret) and only [`describe`] of it (no password) is ever logged.

use super::{ApplicationStore, StoreError, StoredApplication};
use async_trait::async_trait;
use sqlx::postgres::{PgConnectOptions, PgPoolOptions};
use sqlx::{PgPool, Row};
use std::str::FromStr;
use std::time::Duration;

/// Connections each server keeps open at most.
pub const MAX_CONNECTIONS: u32 = 16;

/// Postgres-backed [`ApplicationStore`].
pub struct PgStore {
    pool: PgPool,
}

/// Parses a `postgres://` (or `postgresql://`) URL into connect options.
pub fn options(url: &str) -> Result<PgConnectOptions, StoreError> {
    Ok(PgConnectOptions::from_str(url)?)
}

/// The database a URL names, for logs and errors: `postgres://user@host:port/db`, never the
/// password (an unparsable URL is described without any of its text).
pub fn describe(url: &str) -> String {
    match options(url) {
        Ok(o) => format!(
            "postgres://{}@{}:{}/{}",
            o.get_username(),
            o.get_host(),
            o.get_port(),
            o.get_database().unwrap_or("")
        ),
        Err(_) => "an unparsable postgres:// URL".into(),
    }
}

impl PgStore {
    /// Connects to the database at `url` and runs the migrations.
    pub async fn connect(url: &str) -> Result<Self, StoreError> {
        Self::connect_with(options(url)?).await
    }

    /// Connects with parsed options and runs the migrations.
    pub async fn connect_with(opts: PgConnectOptions) -> Result<Self, StoreError> {
        let pool = PgPoolOptions::new()
            .max_connections(MAX_CONNECTIONS)
            .acquire_timeout(Duration::from_secs(10))
            .connect_with(opts)
            .await?;
        sqlx::migrate!("./migrations/postgres").run(&pool).await?;
        Ok(Self { pool })
    }
}

#[async_trait]
impl ApplicationStore for PgStore {
    async fn insert(&self, a: &StoredApplication) -> Result<(), StoreError> {
        sqlx::query(
            "INSERT INTO applications \
             (id, created_at, loan_json, first_payment, apr_nominal, key_id, applicant_sealed) \
             VALUES ($1, $2, $3, $4, $5, $6, $7)",
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
             COALESCE(key_id, ''), applicant_sealed FROM applications WHERE id = $1",
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
            "UPDATE applications SET key_id = $1, applicant_sealed = $2 \
             WHERE id = $3 AND key_id IS NULL",
        )
        .bind(key_id)
        .bind(sealed)
        .bind(id)
        .execute(&self.pool)
        .await?;
        Ok(())
    }

    async fn add_key_id(&self, key_id: &str, created_at: &str) -> Result<(), StoreError> {
        sqlx::query(
            "INSERT INTO keyring (key_id, created_at) VALUES ($1, $2) \
             ON CONFLICT (key_id) DO NOTHING",
        )
        .bind(key_id)
        .bind(created_at)
        .execute(&self.pool)
        .await?;
        Ok(())
    }
}

#[cfg(test)]
mod tests {
    #[test]
    fn describe_never_shows_the_password() {
        let shown =
            super::describe("postgres://app:s3cret-pw@db.internal:5433/loans?sslmode=require");
        assert_eq!(shown, "postgres://app@db.internal:5433/loans");
        let broken = super::describe("postgres://app:s3cret-pw@db.internal:notaport/loans");
        assert!(!broken.contains("s3cret"), "{broken}");
    }
}
