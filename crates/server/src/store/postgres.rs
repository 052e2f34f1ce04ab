//! The PostgreSQL store (sqlx), for several stateless servers sharing one database.
//!
//! Selected by `LOANLENS_DB=postgres://…`; the migrations in `migrations/postgres/` run at start
//! (sqlx holds a Postgres advisory lock while migrating, so servers starting together apply
//! each migration once). The connection URL is a [`Secret`](crate::Secret): only [`describe`]
//! of it (no password) is ever logged.
//!
//! Invariants: the same contract as the SQLite store (`tests/store_contract/`, run on both).
//! Where SQLite serialises writers with one in-process lock, several servers here serialise on
//! the database: [`ApplicationStore::submit`] takes transaction-scoped advisory locks on the
//! idempotency key, then on the ID hash (always in that order, so two submits never deadlock),
//! and reads under them at READ COMMITTED, so a waiter sees what the holder committed; a status
//! change is one conditional `UPDATE` (Postgres re-checks the condition on the row a concurrent
//! writer committed); an erasure locks its row first (`FOR UPDATE`).

mod rows;

use super::*;
use async_trait::async_trait;
use rows::*;
use sqlx::postgres::{PgConnectOptions, PgPoolOptions};
use sqlx::{PgPool, Row};
use std::str::FromStr;
use std::time::Duration;

/// Connections each server keeps open at most.
pub const MAX_CONNECTIONS: u32 = 16;

/// Advisory-lock namespaces (the first key of `pg_advisory_xact_lock(int, int)`).
const LOCK_IDEMPOTENCY_KEY: i32 = 0x4c4c_0001;
const LOCK_ID_HASH: i32 = 0x4c4c_0002;

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

    /// The pool, for tests that inspect the tables directly.
    pub fn pool(&self) -> &PgPool {
        &self.pool
    }
}

/// Waits for the transaction-scoped advisory lock `(space, hashtext(key))`.
async fn lock(tx: &mut Tx<'_>, space: i32, key: &str) -> Result<(), sqlx::Error> {
    sqlx::query("SELECT pg_advisory_xact_lock($1, hashtext($2))")
        .bind(space)
        .bind(key)
        .execute(&mut **tx)
        .await?;
    Ok(())
}

#[async_trait]
impl ApplicationStore for PgStore {
    async fn ping(&self) -> Result<(), StoreError> {
        sqlx::query("SELECT 1").execute(&self.pool).await?;
        Ok(())
    }

    async fn count(&self) -> Result<u64, StoreError> {
        let n: i64 = sqlx::query_scalar(
            "SELECT COUNT(*) FROM applications WHERE applicant_sealed IS NOT NULL",
        )
        .fetch_one(&self.pool)
        .await?;
        Ok(u64::try_from(n).unwrap_or(0))
    }

    async fn counts(&self) -> Result<Counts, StoreError> {
        let r = sqlx::query(
            "SELECT (SELECT COUNT(*) FROM applications), \
             (SELECT COUNT(*) FROM application_history), (SELECT COUNT(*) FROM audit_log), \
             (SELECT COUNT(*) FROM idempotency_keys)",
        )
        .fetch_one(&self.pool)
        .await?;
        Ok(Counts {
            applications: r.get(0),
            history: r.get(1),
            audit: r.get(2),
            idempotency: r.get(3),
        })
    }

    async fn key_ids(&self) -> Result<Vec<String>, StoreError> {
        Ok(sqlx::query_scalar("SELECT key_id FROM keyring ORDER BY created_at, key_id")
            .fetch_all(&self.pool)
            .await?)
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

    /// Postgres never held rows of the LoanLens versions before key ids (SQLite only).
    async fn unbound(&self) -> Result<Vec<(String, String)>, StoreError> {
        Ok(Vec::new())
    }

    /// Nothing is ever unbound here (see [`Self::unbound`]).
    async fn bind(&self, _id: &str, _key_id: &str, _sealed: &str) -> Result<(), StoreError> {
        Ok(())
    }

    async fn idempotent_response(
        &self,
        key: &str,
    ) -> Result<Option<IdempotentResponse>, StoreError> {
        let row = sqlx::query(IDEM_SELECT).bind(key).fetch_optional(&self.pool).await?;
        Ok(row.as_ref().map(idem_row))
    }

    async fn submit(&self, s: &Submission) -> Result<SubmitOutcome, StoreError> {
        let mut tx = self.pool.begin().await?;
        lock(&mut tx, LOCK_IDEMPOTENCY_KEY, &s.response.key).await?;
        if let Some(r) =
            sqlx::query(IDEM_SELECT).bind(&s.response.key).fetch_optional(&mut *tx).await?
        {
            return Ok(SubmitOutcome::Replay(idem_row(&r)));
        }
        lock(&mut tx, LOCK_ID_HASH, &s.application.id_hash).await?;
        let dup = sqlx::query(&format!(
            "SELECT {APP_COLUMNS} FROM applications WHERE id_hash = $1 AND created_at >= $2 \
             ORDER BY created_at, id LIMIT 1"
        ))
        .bind(&s.application.id_hash)
        .bind(&s.duplicate_since)
        .fetch_optional(&mut *tx)
        .await?;
        if let Some(r) = dup {
            return Ok(SubmitOutcome::Duplicate(Box::new(app_row(&r))));
        }
        insert_application(&mut tx, &s.application).await?;
        insert_idem(&mut tx, &s.response).await?;
        tx.commit().await?;
        Ok(SubmitOutcome::Created)
    }

    async fn remember(&self, r: &IdempotentResponse) -> Result<IdempotentResponse, StoreError> {
        // A concurrent insert of the same key waits for the first to commit, then does
        // nothing; the SELECT (a new snapshot at READ COMMITTED) reads the committed answer.
        let mut tx = self.pool.begin().await?;
        insert_idem(&mut tx, r).await?;
        let now = sqlx::query(IDEM_SELECT).bind(&r.key).fetch_one(&mut *tx).await?;
        tx.commit().await?;
        Ok(idem_row(&now))
    }

    async fn purge_idempotency(&self, before: &str) -> Result<u64, StoreError> {
        let done = sqlx::query("DELETE FROM idempotency_keys WHERE created_at < $1")
            .bind(before)
            .execute(&self.pool)
            .await?;
        Ok(done.rows_affected())
    }

    async fn get(&self, id: &str) -> Result<Option<ApplicationRecord>, StoreError> {
        let row = sqlx::query(&format!("SELECT {APP_COLUMNS} FROM applications WHERE id = $1"))
            .bind(id)
            .fetch_optional(&self.pool)
            .await?;
        Ok(row.as_ref().map(app_row))
    }

    async fn history(&self, id: &str) -> Result<Vec<HistoryEntry>, StoreError> {
        let rows = sqlx::query(
            "SELECT at, from_status, to_status, actor, note FROM application_history \
             WHERE application_id = $1 ORDER BY at",
        )
        .bind(id)
        .fetch_all(&self.pool)
        .await?;
        Ok(rows
            .iter()
            .map(|r| HistoryEntry {
                at: r.get(0),
                from: r.get(1),
                to: r.get(2),
                actor: r.get(3),
                note: r.get(4),
            })
            .collect())
    }

    async fn list(&self, q: &ListQuery) -> Result<Vec<ApplicationRecord>, StoreError> {
        let (c_at, c_id) = q.cursor.as_ref().map(|c| (c.at.as_str(), c.id.as_str())).unzip();
        let rows = sqlx::query(&format!(
            "SELECT {APP_COLUMNS} FROM applications \
             WHERE ($1::text IS NULL OR status = $1) AND ($2::text IS NULL OR decision = $2) \
             AND ($3::text IS NULL OR partner = $3) AND ($4::text IS NULL OR created_at >= $4) \
             AND ($5::text IS NULL OR created_at < $5) \
             AND ($6::text IS NULL OR created_at < $6 OR (created_at = $6 AND id < $7)) \
             ORDER BY created_at DESC, id DESC LIMIT $8"
        ))
        .bind(&q.status)
        .bind(&q.decision)
        .bind(&q.partner)
        .bind(&q.from)
        .bind(&q.before)
        .bind(c_at)
        .bind(c_id)
        .bind(q.limit)
        .fetch_all(&self.pool)
        .await?;
        Ok(rows.iter().map(app_row).collect())
    }

    async fn change_status(&self, c: &StatusChange) -> Result<StatusOutcome, StoreError> {
        let mut tx = self.pool.begin().await?;
        let done = sqlx::query(
            "UPDATE applications SET status = $1, updated_at = $2 WHERE id = $3 AND status = $4",
        )
        .bind(&c.to)
        .bind(&c.history.at)
        .bind(&c.id)
        .bind(&c.from)
        .execute(&mut *tx)
        .await?;
        if done.rows_affected() == 0 {
            let now: Option<String> =
                sqlx::query_scalar("SELECT status FROM applications WHERE id = $1")
                    .bind(&c.id)
                    .fetch_optional(&mut *tx)
                    .await?;
            return Ok(now.map_or(StatusOutcome::NotFound, StatusOutcome::Stale));
        }
        insert_history(&mut tx, &c.id, &c.history).await?;
        insert_audit(&mut tx, &c.audit).await?;
        tx.commit().await?;
        Ok(StatusOutcome::Changed)
    }

    async fn erase(&self, id: &str, audit: &AuditEntry) -> Result<EraseOutcome, StoreError> {
        let mut tx = self.pool.begin().await?;
        let erased: Option<Option<String>> =
            sqlx::query_scalar("SELECT erased_at FROM applications WHERE id = $1 FOR UPDATE")
                .bind(id)
                .fetch_optional(&mut *tx)
                .await?;
        let Some(erased) = erased else { return Ok(EraseOutcome::NotFound) };
        sqlx::query(
            "UPDATE applications SET applicant_sealed = NULL, key_id = NULL, id_hash = NULL, \
             erased_at = COALESCE(erased_at, $1) WHERE id = $2",
        )
        .bind(&audit.at)
        .bind(id)
        .execute(&mut *tx)
        .await?;
        // Staff notes are free text and could hold personal data: they go too.
        sqlx::query("UPDATE application_history SET note = NULL WHERE application_id = $1")
            .bind(id)
            .execute(&mut *tx)
            .await?;
        insert_audit(&mut tx, audit).await?;
        tx.commit().await?;
        Ok(if erased.is_some() { EraseOutcome::AlreadyErased } else { EraseOutcome::Erased })
    }

    async fn audit(&self, e: &AuditEntry) -> Result<(), StoreError> {
        let mut tx = self.pool.begin().await?;
        insert_audit(&mut tx, e).await?;
        tx.commit().await?;
        Ok(())
    }

    async fn audit_log(&self, q: &AuditQuery) -> Result<Vec<AuditEntry>, StoreError> {
        let (c_at, c_id) = q.cursor.as_ref().map(|c| (c.at.as_str(), c.id.as_str())).unzip();
        let rows = sqlx::query(
            "SELECT id, at, actor, action, application_id, detail FROM audit_log \
             WHERE ($1::text IS NULL OR application_id = $1) \
             AND ($2::text IS NULL OR at < $2 OR (at = $2 AND id < $3)) \
             ORDER BY at DESC, id DESC LIMIT $4",
        )
        .bind(&q.application_id)
        .bind(c_at)
        .bind(c_id)
        .bind(q.limit)
        .fetch_all(&self.pool)
        .await?;
        Ok(rows.iter().map(audit_row).collect())
    }

    async fn sealed_with_other_key(
        &self,
        current: &str,
        limit: i64,
    ) -> Result<Vec<SealedRow>, StoreError> {
        let rows = sqlx::query(
            "SELECT 'application'::text, id, key_id, applicant_sealed FROM applications \
             WHERE key_id IS NOT NULL AND key_id <> $1 \
             UNION ALL SELECT 'idempotency'::text, idempotency_key, key_id, body \
             FROM idempotency_keys WHERE key_id IS NOT NULL AND key_id <> $1 LIMIT $2",
        )
        .bind(current)
        .bind(limit)
        .fetch_all(&self.pool)
        .await?;
        Ok(rows
            .iter()
            .map(|r| SealedRow {
                table: match r.get::<String, _>(0).as_str() {
                    "application" => SealedTable::Application,
                    _ => SealedTable::Idempotency,
                },
                id: r.get(1),
                key_id: r.get(2),
                sealed: r.get(3),
            })
            .collect())
    }

    async fn reseal(
        &self,
        row: &SealedRow,
        key_id: &str,
        sealed: &str,
        id_hash: Option<&str>,
    ) -> Result<bool, StoreError> {
        let query = match row.table {
            SealedTable::Application => sqlx::query(
                "UPDATE applications SET key_id = $1, applicant_sealed = $2, \
                 id_hash = COALESCE($5, id_hash) WHERE id = $3 AND key_id = $4",
            )
            .bind(key_id)
            .bind(sealed)
            .bind(&row.id)
            .bind(&row.key_id)
            .bind(id_hash),
            SealedTable::Idempotency => sqlx::query(
                "UPDATE idempotency_keys SET key_id = $1, body = $2 \
                 WHERE idempotency_key = $3 AND key_id = $4",
            )
            .bind(key_id)
            .bind(sealed)
            .bind(&row.id)
            .bind(&row.key_id),
            // No table of older applications on Postgres: nothing to replace.
            SealedTable::Legacy => return Ok(false),
        };
        Ok(query.execute(&self.pool).await?.rows_affected() == 1)
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
