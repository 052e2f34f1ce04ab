//! Where applications are kept: a trait with two implementations, the embedded SQLite store
//! (the default) and Postgres (`LOANLENS_DB=postgres://…`, several servers sharing one
//! database). Both pass the same store contract suite (`tests/store_contract.rs`).

pub mod postgres;
pub mod sqlite;

use async_trait::async_trait;

/// An application as stored: personal data only in sealed form.
#[derive(Debug, Clone, PartialEq)]
pub struct StoredApplication {
    /// Random id (UUID v4); bound into the seal.
    pub id: String,
    /// RFC 3339 UTC creation time.
    pub created_at: String,
    /// The validated loan request, as JSON.
    pub loan_json: String,
    /// First payment the server computed.
    pub first_payment: String,
    /// Nominal APR the server computed.
    pub apr_nominal: String,
    /// Id of the data key that sealed `applicant_sealed` (see `crypto::DataKey::id`).
    pub key_id: String,
    /// Sealed applicant data (see `crypto`).
    pub applicant_sealed: String,
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

/// Persistence of applications and of the ids of the keys that sealed them.
#[async_trait]
pub trait ApplicationStore: Send + Sync {
    /// Inserts a new application.
    async fn insert(&self, app: &StoredApplication) -> Result<(), StoreError>;
    /// Fetches one by id (rows sealed before key ids existed have an empty `key_id`).
    async fn get(&self, id: &str) -> Result<Option<StoredApplication>, StoreError>;
    /// Whether the store answers (for the health check).
    async fn ping(&self) -> Result<(), StoreError>;
    /// How many sealed applications are stored.
    async fn count(&self) -> Result<u64, StoreError>;
    /// The key ids recorded so far, oldest first.
    async fn key_ids(&self) -> Result<Vec<String>, StoreError>;
    /// Rows sealed before rows were bound to their id and key (`key_id` NULL): (id, sealed).
    async fn unbound(&self) -> Result<Vec<(String, String)>, StoreError>;
    /// Replaces an unbound row's sealed data with a bound seal under `key_id`.
    async fn bind(&self, id: &str, key_id: &str, sealed: &str) -> Result<(), StoreError>;
    /// Records a key id (no-op when already recorded).
    async fn add_key_id(&self, key_id: &str, created_at: &str) -> Result<(), StoreError>;
}
