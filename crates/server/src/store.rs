//! Where applications are kept: a trait, so SQLite today and Postgres later plug in unchanged.

pub mod sqlite;

use async_trait::async_trait;

/// An application as stored: personal data only in sealed form.
#[derive(Debug, Clone, PartialEq)]
pub struct StoredApplication {
    /// Random id (UUID v4).
    pub id: String,
    /// RFC 3339 UTC creation time.
    pub created_at: String,
    /// The validated loan request, as JSON.
    pub loan_json: String,
    /// First payment the server computed.
    pub first_payment: String,
    /// Nominal APR the server computed.
    pub apr_nominal: String,
    /// Sealed applicant data (see `crypto`).
    pub applicant_sealed: String,
}

/// A store failure; the cause is for the log, not for the client.
#[derive(Debug)]
pub struct StoreError(pub String);

impl std::fmt::Display for StoreError {
    fn fmt(&self, f: &mut std::fmt::Formatter<'_>) -> std::fmt::Result {
        f.write_str(&self.0)
    }
}

/// Persistence of applications.
#[async_trait]
pub trait ApplicationStore: Send + Sync {
    /// Inserts a new application.
    async fn insert(&self, app: &StoredApplication) -> Result<(), StoreError>;
    /// Fetches one by id.
    async fn get(&self, id: &str) -> Result<Option<StoredApplication>, StoreError>;
    /// Whether the store answers (for the health check).
    async fn ping(&self) -> Result<(), StoreError>;
}
