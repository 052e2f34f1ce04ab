//! Data key rotation: `loanlens-server rotate-keys` re-seals every value sealed under an older
//! key with the current one (`LOANLENS_DATA_KEY`), given the older keys
//! (`LOANLENS_PREVIOUS_DATA_KEYS`, comma-separated hex).
//!
//! Invariants: a value is replaced only after it opened under its own key and row and was
//! sealed again under the new key, by compare-and-set on its old key id (a concurrent erasure
//! wins); the ID-number hashes are recomputed with the new key's lookup key, so the 30-day
//! duplicate check keeps working; nothing is changed for a value whose key is not given (the
//! command stops and names the key id). The server refuses to start while any value is
//! sealed under a key other than its own (`keys.rs`), so a half-done rotation is noticed.

use crate::crypto::{CryptoError, DataKey, Sealer};
use crate::intake::{idempotency_seal_id, ID_HASH_DOMAIN};
use crate::store::{ApplicationStore, AuditEntry, SealedTable, StoreError};
use loanlens_core::application::Applicant;
use std::collections::HashMap;

/// Why a rotation stopped (values re-sealed before it stay re-sealed: each is complete).
#[derive(Debug, thiserror::Error)]
pub enum RotateError {
    /// A value is sealed under a key that was not given.
    #[error("a value is sealed under key id {0}, which is not among LOANLENS_PREVIOUS_DATA_KEYS")]
    MissingKey(String),
    /// A value did not open under its key (tampered or moved).
    #[error("a value in {table:?} does not open under its key: {source}")]
    Open {
        /// Its table.
        table: SealedTable,
        /// The cause.
        source: CryptoError,
    },
    /// Sealing failed.
    #[error("sealing: {0}")]
    Seal(CryptoError),
    /// A sealed application is not an applicant record.
    #[error("a sealed application does not hold an applicant record")]
    NotApplicant,
    /// The store failed.
    #[error(transparent)]
    Store(#[from] StoreError),
}

/// How many values were re-sealed, by table.
#[derive(Debug, Clone, Copy, Default, PartialEq, Eq)]
pub struct Rotated {
    /// Applications (and their ID hashes).
    pub applications: u64,
    /// Older LoanLens applications.
    pub legacy: u64,
    /// Stored idempotent answers.
    pub idempotency: u64,
}

/// Re-seals everything not under `current` with `current`, opening with `previous`.
pub async fn rotate(
    store: &dyn ApplicationStore,
    current: &DataKey,
    previous: &[DataKey],
    now: &str,
) -> Result<Rotated, RotateError> {
    let new = Sealer::new(current);
    let lookup = current.lookup_key();
    let old: HashMap<String, Sealer> = previous.iter().map(|k| (k.id(), Sealer::new(k))).collect();
    store.add_key_id(new.key_id(), now).await?;
    let mut done = Rotated::default();
    loop {
        let rows = store.sealed_with_other_key(new.key_id(), 100).await?;
        if rows.is_empty() {
            break;
        }
        let mut progressed = false;
        for row in rows {
            let sealer =
                old.get(&row.key_id).ok_or_else(|| RotateError::MissingKey(row.key_id.clone()))?;
            let record_id = match row.table {
                SealedTable::Idempotency => idempotency_seal_id(&row.id),
                _ => row.id.clone(),
            };
            let plain = sealer
                .open(&record_id, &row.key_id, &row.sealed)
                .map_err(|source| RotateError::Open { table: row.table, source })?;
            let id_hash = match row.table {
                SealedTable::Application => {
                    let a: Applicant =
                        serde_json::from_slice(&plain).map_err(|_| RotateError::NotApplicant)?;
                    Some(lookup.hash(ID_HASH_DOMAIN, &a.id_number))
                }
                _ => None,
            };
            let sealed = new.seal(&record_id, &plain).map_err(RotateError::Seal)?;
            if store.reseal(&row, new.key_id(), &sealed, id_hash.as_deref()).await? {
                progressed = true;
                match row.table {
                    SealedTable::Application => done.applications += 1,
                    SealedTable::Legacy => done.legacy += 1,
                    SealedTable::Idempotency => done.idempotency += 1,
                }
            }
        }
        if !progressed {
            // Every value of the batch changed under us (erased or rotated elsewhere): read again
            // only if that made progress possible; otherwise stop rather than spin.
            if store.sealed_with_other_key(new.key_id(), 1).await?.is_empty() {
                break;
            }
            tokio::task::yield_now().await;
        }
    }
    let detail = format!(
        "to={} applications={} legacy={} idempotency={}",
        new.key_id(),
        done.applications,
        done.legacy,
        done.idempotency
    );
    store
        .audit(&AuditEntry {
            id: crate::crypto::random_token(),
            at: now.to_string(),
            actor: "operator".into(),
            action: "rotate".into(),
            application_id: None,
            detail,
        })
        .await?;
    Ok(done)
}

/// `loanlens-server rotate-keys`: reads the configuration, rotates, prints what it did; the
/// exit code (0 or 1).
pub async fn rotate_command(config: &crate::Config) -> i32 {
    let current = match config.data_key.as_ref().map(|k| DataKey::from_hex(k.expose())) {
        Some(Ok(k)) => k,
        Some(Err(e)) => {
            eprintln!("loanlens-server rotate-keys: LOANLENS_DATA_KEY {e}");
            return 1;
        }
        None => {
            eprintln!("loanlens-server rotate-keys: set LOANLENS_DATA_KEY to the new key");
            return 1;
        }
    };
    let mut previous = Vec::new();
    for (i, text) in std::env::var("LOANLENS_PREVIOUS_DATA_KEYS")
        .unwrap_or_default()
        .split(',')
        .map(str::trim)
        .filter(|t| !t.is_empty())
        .enumerate()
    {
        match DataKey::from_hex(text) {
            Ok(k) => previous.push(k),
            Err(e) => {
                eprintln!(
                    "loanlens-server rotate-keys: LOANLENS_PREVIOUS_DATA_KEYS key {} {e}",
                    i + 1
                );
                return 1;
            }
        }
    }
    if let crate::Database::Sqlite(path) = &config.database {
        if let Ok(Some(k)) = crate::keys::read_key_file(&crate::keys::key_file(path)) {
            previous.push(k);
        }
    }
    let store = match crate::open_store(&config.database).await {
        Ok(s) => s,
        Err(e) => {
            let db = config.database.describe();
            eprintln!("loanlens-server rotate-keys: cannot open {db}: {e}");
            return 1;
        }
    };
    match rotate(&*store, &current, &previous, &crate::timestamp(crate::now())).await {
        Ok(r) => {
            println!(
                "re-sealed under key {}: {} application(s), {} older application(s), {} stored answer(s)",
                current.id(),
                r.applications,
                r.legacy,
                r.idempotency
            );
            0
        }
        Err(e) => {
            eprintln!("loanlens-server rotate-keys: {e}");
            1
        }
    }
}
