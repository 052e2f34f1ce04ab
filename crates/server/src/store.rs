//! Where applications are kept: the [`ApplicationStore`] trait, implemented for SQLite
//! (`sqlite.rs`, the embedded default) and for Postgres (`postgres.rs`,
//! `LOANLENS_DB=postgres://…`, several servers sharing one database), so handlers never see
//! which one runs.
//!
//! Rules every implementation keeps (the contract tests in `tests/store_contract.rs` check
//! them against any store):
//! - Every step that must be atomic is one trait method, done in one transaction inside it
//!   ([`ApplicationStore::submit`], [`ApplicationStore::change_status`],
//!   [`ApplicationStore::erase`], [`ApplicationStore::reseal`]).
//! - Timestamps are RFC 3339 UTC text computed by the caller with a fixed width
//!   (`YYYY-MM-DDTHH:MM:SS.ffffffZ`), so text order is time order on every backend.
//! - Personal data arrives sealed (`crypto::Sealer`); the ID number arrives only as its keyed
//!   hash. A store never sees plaintext personal data.
//! - Lists are newest first, ordered by `(created_at, id)` (applications) or `(at, id)` (audit),
//!   and paged by the last item's pair ([`Cursor`]).
//! - A unique violation (a reference already taken) surfaces as
//!   `StoreError::Database(sqlx::Error::Database(e))` with `e.is_unique_violation()`, and stores
//!   nothing: the handler retries with a fresh reference.
//!
//! The SQLite store gets its concurrency guarantees from one in-process write lock (SQLite has
//! one writer anyway). A store shared by several servers must get them from the database: for
//! example the idempotency key's primary key (a concurrent insert of the same key waits for the
//! first transaction, then conflicts) and a transaction-scoped lock on the ID hash
//! (`pg_advisory_xact_lock`) before the duplicate check.

pub mod postgres;
pub mod sqlite;

use async_trait::async_trait;

/// A new application, ready to store (everything computed and sealed by the caller).
#[derive(Debug, Clone, PartialEq)]
pub struct NewApplication {
    /// Random opaque id; bound into the seal.
    pub id: String,
    /// Human reference `LL-XXXX-XXXX`, unique.
    pub reference: String,
    /// Creation time (also `updated_at` and the first history entry's time).
    pub created_at: String,
    /// `pass` or `refer`.
    pub decision: String,
    /// The server's score.
    pub score: String,
    /// The card that scored it.
    pub scorecard_id: String,
    /// The card's version.
    pub scorecard_version: String,
    /// Partner attribution.
    pub partner: Option<String>,
    /// The loan's principal (decimal text).
    pub principal: String,
    /// The loan's term.
    pub term_months: i64,
    /// The profile as validated (JSON; no personal data: answers about income and the like).
    pub profile_json: String,
    /// The server's `PrecheckResult` (JSON).
    pub evaluation_json: String,
    /// What the page showed (JSON), recorded only.
    pub client_result_json: Option<String>,
    /// `[{"kind","version","accepted_at"}]` (JSON).
    pub consents_json: String,
    /// SHA-256 (hex) of the status token; the token itself is never stored.
    pub status_token_hash: String,
    /// HMAC-SHA256 (hex) of the ID number, for the 30-day duplicate check.
    pub id_hash: String,
    /// Id of the key that sealed `applicant_sealed`.
    pub key_id: String,
    /// Sealed applicant (name, phone, ID number, city).
    pub applicant_sealed: String,
}

/// An application as stored. After erasure `applicant_sealed`, `key_id` and `id_hash` are
/// `None` and `erased_at` is set; everything else stays.
#[derive(Debug, Clone, PartialEq)]
pub struct ApplicationRecord {
    /// See [`NewApplication`] for these fields.
    pub id: String,
    /// Human reference.
    pub reference: String,
    /// Creation time.
    pub created_at: String,
    /// Last status change (creation time at first).
    pub updated_at: String,
    /// `submitted`, `contacted`, `approved`, `rejected` or `withdrawn`.
    pub status: String,
    /// `pass` or `refer`.
    pub decision: String,
    /// The server's score.
    pub score: String,
    /// The card that scored it.
    pub scorecard_id: String,
    /// The card's version.
    pub scorecard_version: String,
    /// Partner attribution.
    pub partner: Option<String>,
    /// Principal (decimal text).
    pub principal: String,
    /// Term in months.
    pub term_months: i64,
    /// Profile JSON.
    pub profile_json: String,
    /// The server's evaluation JSON.
    pub evaluation_json: String,
    /// What the page showed (JSON).
    pub client_result_json: Option<String>,
    /// Consents JSON.
    pub consents_json: String,
    /// SHA-256 (hex) of the status token.
    pub status_token_hash: String,
    /// HMAC of the ID number (`None` after erasure).
    pub id_hash: Option<String>,
    /// Key id of the seal (`None` after erasure).
    pub key_id: Option<String>,
    /// Sealed applicant (`None` after erasure).
    pub applicant_sealed: Option<String>,
    /// When the personal data was erased.
    pub erased_at: Option<String>,
}

/// A stored answer to an `Idempotency-Key`, repeated byte for byte to a retry.
#[derive(Debug, Clone, PartialEq, Eq)]
pub struct IdempotentResponse {
    /// The client's key.
    pub key: String,
    /// SHA-256 (hex) of the request body the key was first used with.
    pub request_hash: String,
    /// HTTP status of the answer.
    pub status: i64,
    /// The answer's body; sealed when `key_id` is set (it holds a status token).
    pub body: String,
    /// The key that sealed `body`, or `None` when it is stored as it is.
    pub key_id: Option<String>,
    /// When it was stored.
    pub created_at: String,
}

/// One [`ApplicationStore::submit`]: a new application and the answer to remember for its
/// `Idempotency-Key`.
#[derive(Debug, Clone, PartialEq)]
pub struct Submission {
    /// The application to insert.
    pub application: NewApplication,
    /// The answer (201) to store under the key, with the key and request hash.
    pub response: IdempotentResponse,
    /// Applications with the same `id_hash` created at or after this time are duplicates.
    pub duplicate_since: String,
}

/// What [`ApplicationStore::submit`] did.
#[derive(Debug, Clone, PartialEq)]
pub enum SubmitOutcome {
    /// The application, its first history entry and the key's answer were stored.
    Created,
    /// The key already has an answer: nothing was stored. The caller compares the hashes.
    Replay(IdempotentResponse),
    /// An application with the same ID hash exists since `duplicate_since`: nothing was
    /// stored. The caller answers with it and remembers that answer
    /// ([`ApplicationStore::remember`]).
    Duplicate(Box<ApplicationRecord>),
}

/// One entry of an application's status history.
#[derive(Debug, Clone, PartialEq, Eq)]
pub struct HistoryEntry {
    /// When.
    pub at: String,
    /// The status before (`None` for the creation).
    pub from: Option<String>,
    /// The status after.
    pub to: String,
    /// `applicant` or `staff-…`.
    pub actor: String,
    /// Staff's note (≤ 200 characters).
    pub note: Option<String>,
}

/// One audit entry.
#[derive(Debug, Clone, PartialEq, Eq)]
pub struct AuditEntry {
    /// Random id (orders entries of the same instant).
    pub id: String,
    /// When.
    pub at: String,
    /// `staff-<8 hex>` or `unknown`.
    pub actor: String,
    /// `view`, `status`, `export`, `erase`, `denied`, `list`, `rotate`.
    pub action: String,
    /// The application concerned, if one.
    pub application_id: Option<String>,
    /// Short detail without personal data (`"submitted→contacted"`, `"rows=3"`, a path).
    pub detail: String,
}

/// A page position: the `(time, id)` of the last item of the previous page.
#[derive(Debug, Clone, PartialEq, Eq)]
pub struct Cursor {
    /// `created_at` (applications) or `at` (audit).
    pub at: String,
    /// The item's id.
    pub id: String,
}

/// Filters of the staff list and export; every one optional.
#[derive(Debug, Clone, Default, PartialEq, Eq)]
pub struct ListQuery {
    /// Exact status.
    pub status: Option<String>,
    /// Exact decision.
    pub decision: Option<String>,
    /// Exact partner.
    pub partner: Option<String>,
    /// `created_at >= from` (a timestamp prefix such as `2026-11-01`).
    pub from: Option<String>,
    /// `created_at < before` (the day after the staff's `to`).
    pub before: Option<String>,
    /// Start after this item.
    pub cursor: Option<Cursor>,
    /// Most items returned.
    pub limit: i64,
}

/// Filters of the audit listing.
#[derive(Debug, Clone, Default, PartialEq, Eq)]
pub struct AuditQuery {
    /// Only entries about this application.
    pub application_id: Option<String>,
    /// Start after this entry.
    pub cursor: Option<Cursor>,
    /// Most entries returned.
    pub limit: i64,
}

/// A status change as compare-and-set.
#[derive(Debug, Clone, PartialEq, Eq)]
pub struct StatusChange {
    /// The application.
    pub id: String,
    /// The status the caller saw (and checked the transition from).
    pub from: String,
    /// The new status.
    pub to: String,
    /// The history entry and the audit entry written with it (same time and actor).
    pub history: HistoryEntry,
    /// The audit entry.
    pub audit: AuditEntry,
}

/// What [`ApplicationStore::change_status`] did.
#[derive(Debug, Clone, PartialEq, Eq)]
pub enum StatusOutcome {
    /// Changed; history and audit written.
    Changed,
    /// The status is no longer `from` (someone else changed it): nothing written.
    Stale(String),
    /// No such application.
    NotFound,
}

/// What [`ApplicationStore::erase`] did.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub enum EraseOutcome {
    /// The personal data and the ID hash are gone now; audit written.
    Erased,
    /// They were gone already; audit written again.
    AlreadyErased,
    /// No such application; nothing written.
    NotFound,
}

/// Which table a sealed value lives in (for key rotation).
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub enum SealedTable {
    /// `applications.applicant_sealed` (its id hash is recomputed too).
    Application,
    /// An older LoanLens's application (`applications_v0` on SQLite; none on new stores).
    Legacy,
    /// `idempotency_keys.body` of a 201 answer.
    Idempotency,
}

/// A sealed value under some key: what rotation opens and seals again.
#[derive(Debug, Clone, PartialEq, Eq)]
pub struct SealedRow {
    /// Its table.
    pub table: SealedTable,
    /// Row id (an application id, or the idempotency key).
    pub id: String,
    /// The key it is sealed under now.
    pub key_id: String,
    /// The sealed text.
    pub sealed: String,
}

/// Row counts, for tests that prove nothing was written.
#[derive(Debug, Clone, Copy, Default, PartialEq, Eq)]
pub struct Counts {
    /// Applications (new schema).
    pub applications: i64,
    /// History entries.
    pub history: i64,
    /// Audit entries.
    pub audit: i64,
    /// Idempotency answers.
    pub idempotency: i64,
}

/// A store failure; the cause is for the log, not for the client.
#[derive(Debug, thiserror::Error)]
pub enum StoreError {
    /// The database refused or failed a query, a connection or a migration.
    #[error("database: {0}")]
    Database(#[from] sqlx::Error),
    /// A migration failed.
    #[error("migration: {0}")]
    Migrate(#[from] sqlx::migrate::MigrateError),
    /// Creating the data directory or setting file modes failed.
    #[error("file system: {0}")]
    Io(#[from] std::io::Error),
}

/// Persistence of applications, their history, the audit log, idempotency answers and the ids
/// of the keys that sealed them.
#[async_trait]
pub trait ApplicationStore: Send + Sync {
    /// Whether the store answers (for the health check).
    async fn ping(&self) -> Result<(), StoreError>;
    /// How many applications hold sealed data (any table, erased rows excluded): the key
    /// check at start refuses to run without a key while this is not 0.
    async fn count(&self) -> Result<u64, StoreError>;
    /// Row counts of the tables.
    async fn counts(&self) -> Result<Counts, StoreError>;
    /// The key ids recorded so far, oldest first.
    async fn key_ids(&self) -> Result<Vec<String>, StoreError>;
    /// Records a key id (no-op when already recorded).
    async fn add_key_id(&self, key_id: &str, created_at: &str) -> Result<(), StoreError>;
    /// Rows an older LoanLens sealed without binding (key id NULL): (id, sealed). A store
    /// that never had such rows returns none.
    async fn unbound(&self) -> Result<Vec<(String, String)>, StoreError>;
    /// Replaces an unbound row's sealed data with a bound seal under `key_id`.
    async fn bind(&self, id: &str, key_id: &str, sealed: &str) -> Result<(), StoreError>;

    /// The stored answer for an idempotency key, if any.
    async fn idempotent_response(
        &self,
        key: &str,
    ) -> Result<Option<IdempotentResponse>, StoreError>;
    /// Stores a new application atomically, in one transaction: if the key has an answer,
    /// [`SubmitOutcome::Replay`] it; else if an application with the same `id_hash` was
    /// created at or after `duplicate_since`, [`SubmitOutcome::Duplicate`] (the oldest such);
    /// else insert the application, its first history entry (`None` → `submitted`, actor
    /// `applicant`) and the key's answer, and return [`SubmitOutcome::Created`].
    ///
    /// Concurrency: of concurrent calls with one idempotency key, exactly one inserts; the
    /// others wait for its commit and get `Replay` of its answer. Of concurrent calls with one
    /// `id_hash` (any keys), at most one inserts; the others get `Duplicate`.
    async fn submit(&self, s: &Submission) -> Result<SubmitOutcome, StoreError>;
    /// Stores `r` under its key unless the key has an answer already; returns the answer the
    /// key has now (`r`, or the earlier one). Of concurrent calls with one key exactly one
    /// stores; all return the same answer.
    async fn remember(&self, r: &IdempotentResponse) -> Result<IdempotentResponse, StoreError>;
    /// Deletes idempotency answers created before `before`; returns how many.
    async fn purge_idempotency(&self, before: &str) -> Result<u64, StoreError>;

    /// One application by id.
    async fn get(&self, id: &str) -> Result<Option<ApplicationRecord>, StoreError>;
    /// An application's status history, oldest first.
    async fn history(&self, id: &str) -> Result<Vec<HistoryEntry>, StoreError>;
    /// Applications matching `q`, newest first (`created_at` then `id`, both descending),
    /// after `q.cursor`, at most `q.limit`.
    async fn list(&self, q: &ListQuery) -> Result<Vec<ApplicationRecord>, StoreError>;
    /// Compare-and-set of the status, in one transaction with its history and audit entries.
    /// Of concurrent changes from one status, exactly one wins; the others get `Stale`.
    async fn change_status(&self, c: &StatusChange) -> Result<StatusOutcome, StoreError>;
    /// Destroys an application's sealed data, key id and ID hash (setting `erased_at` the
    /// first time) and writes `audit`, in one transaction. Idempotent.
    async fn erase(&self, id: &str, audit: &AuditEntry) -> Result<EraseOutcome, StoreError>;

    /// Appends an audit entry.
    async fn audit(&self, e: &AuditEntry) -> Result<(), StoreError>;
    /// Audit entries matching `q`, newest first (`at` then `id`, both descending).
    async fn audit_log(&self, q: &AuditQuery) -> Result<Vec<AuditEntry>, StoreError>;

    /// Up to `limit` sealed values of any table whose key id is not `current` (rotation).
    async fn sealed_with_other_key(
        &self,
        current: &str,
        limit: i64,
    ) -> Result<Vec<SealedRow>, StoreError>;
    /// Replaces one sealed value (and, for an application, its ID hash) if it is still sealed
    /// under `row.key_id`: compare-and-set, so a concurrent erasure or rotation wins. Returns
    /// whether it replaced.
    async fn reseal(
        &self,
        row: &SealedRow,
        key_id: &str,
        sealed: &str,
        id_hash: Option<&str>,
    ) -> Result<bool, StoreError>;
}
