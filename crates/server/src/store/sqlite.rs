//! The embedded SQLite store (sqlx), created with migrations on first start.
//!
//! Invariants: a directory this store creates is mode 0700 and the database file is created
//! 0600 before SQLite opens it; SQLite gives its WAL and SHM files the database file's mode.
//! Every query is plain SQL that Postgres also runs (numbered `$n` parameters, `ON CONFLICT
//! … DO NOTHING`, no SQLite functions), except the group commit's batch statements
//! (`batch.rs`: `IN (?, …)` lists and multi-row inserts built by sqlx's `QueryBuilder`), which
//! only SQLite runs. Writes that read first run in one transaction while
//! holding the store's write lock: SQLite has one writer anyway, and the lock makes concurrent
//! callers queue in the process instead of failing with `SQLITE_BUSY`.

mod batch;
mod rows;

use super::*;
use async_trait::async_trait;
use rows::*;
use sqlx::sqlite::{SqliteConnectOptions, SqliteJournalMode, SqlitePoolOptions};
use sqlx::{Row, SqlitePool};
use std::path::Path;
use std::sync::Arc;
use tokio::sync::{mpsc, oneshot, Mutex};

/// SQLite-backed [`ApplicationStore`]. Submits go through one writer task that commits them in
/// groups (`batch.rs`); every other write takes the same write lock.
pub struct SqliteStore {
    pool: SqlitePool,
    write: Arc<Mutex<()>>,
    submits: mpsc::Sender<(Submission, batch::Reply)>,
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
            .foreign_keys(true)
            .busy_timeout(std::time::Duration::from_secs(5));
        let pool = SqlitePoolOptions::new().max_connections(4).connect_with(opts).await?;
        sqlx::migrate!("./migrations").run(&pool).await?;
        let write = Arc::new(Mutex::new(()));
        let submits = batch::spawn(pool.clone(), write.clone());
        Ok(Self { pool, write, submits })
    }

    /// The pool, for tests that inspect the tables directly.
    pub fn pool(&self) -> &SqlitePool {
        &self.pool
    }
}

#[async_trait]
impl ApplicationStore for SqliteStore {
    async fn ping(&self) -> Result<(), StoreError> {
        sqlx::query("SELECT 1").execute(&self.pool).await?;
        Ok(())
    }

    async fn count(&self) -> Result<u64, StoreError> {
        let n: i64 = sqlx::query_scalar(
            "SELECT (SELECT COUNT(*) FROM applications WHERE applicant_sealed IS NOT NULL) \
             + (SELECT COUNT(*) FROM applications_v0)",
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

    async fn unbound(&self) -> Result<Vec<(String, String)>, StoreError> {
        let rows = sqlx::query(
            "SELECT id, applicant_sealed FROM applications_v0 WHERE key_id IS NULL ORDER BY id",
        )
        .fetch_all(&self.pool)
        .await?;
        Ok(rows.into_iter().map(|r| (r.get(0), r.get(1))).collect())
    }

    async fn bind(&self, id: &str, key_id: &str, sealed: &str) -> Result<(), StoreError> {
        sqlx::query(
            "UPDATE applications_v0 SET key_id = $1, applicant_sealed = $2 \
             WHERE id = $3 AND key_id IS NULL",
        )
        .bind(key_id)
        .bind(sealed)
        .bind(id)
        .execute(&self.pool)
        .await?;
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
        let closed =
            || StoreError::Database(sqlx::Error::Protocol("the store's writer has stopped".into()));
        let (reply, answer) = oneshot::channel();
        self.submits.send((s.clone(), reply)).await.map_err(|_| closed())?;
        answer.await.map_err(|_| closed())?
    }

    async fn remember(&self, r: &IdempotentResponse) -> Result<IdempotentResponse, StoreError> {
        let _one_writer = self.write.lock().await;
        let mut tx = self.pool.begin_with("BEGIN IMMEDIATE").await?;
        insert_idem(&mut tx, r).await?;
        let now = sqlx::query(IDEM_SELECT).bind(&r.key).fetch_one(&mut *tx).await?;
        tx.commit().await?;
        Ok(idem_row(&now))
    }

    async fn purge_idempotency(&self, before: &str) -> Result<u64, StoreError> {
        let _one_writer = self.write.lock().await;
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
             WHERE ($1 IS NULL OR status = $1) AND ($2 IS NULL OR decision = $2) \
             AND ($3 IS NULL OR partner = $3) AND ($4 IS NULL OR created_at >= $4) \
             AND ($5 IS NULL OR created_at < $5) \
             AND ($6 IS NULL OR created_at < $6 OR (created_at = $6 AND id < $7)) \
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
        let _one_writer = self.write.lock().await;
        let mut tx = self.pool.begin_with("BEGIN IMMEDIATE").await?;
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
        let _one_writer = self.write.lock().await;
        let mut tx = self.pool.begin_with("BEGIN IMMEDIATE").await?;
        let erased: Option<Option<String>> =
            sqlx::query_scalar("SELECT erased_at FROM applications WHERE id = $1")
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
        let mut tx = self.pool.begin_with("BEGIN IMMEDIATE").await?;
        insert_audit(&mut tx, e).await?;
        tx.commit().await?;
        Ok(())
    }

    async fn audit_log(&self, q: &AuditQuery) -> Result<Vec<AuditEntry>, StoreError> {
        let (c_at, c_id) = q.cursor.as_ref().map(|c| (c.at.as_str(), c.id.as_str())).unzip();
        let rows = sqlx::query(
            "SELECT id, at, actor, action, application_id, detail FROM audit_log \
             WHERE ($1 IS NULL OR application_id = $1) \
             AND ($2 IS NULL OR at < $2 OR (at = $2 AND id < $3)) \
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
            "SELECT 'application', id, key_id, applicant_sealed FROM applications \
             WHERE key_id IS NOT NULL AND key_id <> $1 \
             UNION ALL SELECT 'legacy', id, key_id, applicant_sealed FROM applications_v0 \
             WHERE key_id IS NOT NULL AND key_id <> $1 \
             UNION ALL SELECT 'idempotency', idempotency_key, key_id, body FROM idempotency_keys \
             WHERE key_id IS NOT NULL AND key_id <> $1 LIMIT $2",
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
                    "legacy" => SealedTable::Legacy,
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
        let _one_writer = self.write.lock().await;
        let query = match row.table {
            SealedTable::Application => sqlx::query(
                "UPDATE applications SET key_id = $1, applicant_sealed = $2, \
                 id_hash = COALESCE($5, id_hash) WHERE id = $3 AND key_id = $4",
            ),
            SealedTable::Legacy => sqlx::query(
                "UPDATE applications_v0 SET key_id = $1, applicant_sealed = $2 \
                 WHERE id = $3 AND key_id = $4",
            ),
            SealedTable::Idempotency => sqlx::query(
                "UPDATE idempotency_keys SET key_id = $1, body = $2 \
                 WHERE idempotency_key = $3 AND key_id = $4",
            ),
        };
        let query = query.bind(key_id).bind(sealed).bind(&row.id).bind(&row.key_id);
        let query = match row.table {
            SealedTable::Application => query.bind(id_hash),
            _ => query,
        };
        let done = query.execute(&self.pool).await?;
        Ok(done.rows_affected() == 1)
    }
}
