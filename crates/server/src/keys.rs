//! Which data key the server seals with, decided once at start.
//!
//! Invariants: the server never starts with a key that cannot open the data it holds. The first
//! start records the key's id ([`DataKey::id`]) in the database; a later start with a key whose
//! id is not recorded, or with no key while the database holds sealed rows, refuses to start and
//! says why. A development key is generated only when no key is configured, the key file is
//! truly absent (not unreadable) and the database is empty. Every sealed value must be under
//! the configured key: after a rotation (`rotate.rs`) the old key no longer starts the server.
//! A Postgres database has no key file: every server sharing it must be given the same
//! `LOANLENS_DATA_KEY`.

use crate::crypto::{CryptoError, DataKey, Sealer};
use crate::store::{ApplicationStore, StoreError};
use std::path::{Path, PathBuf};

/// Why the server cannot start with the configured key.
#[derive(Debug, thiserror::Error)]
pub enum KeyError {
    /// `LOANLENS_DATA_KEY` is not a usable key.
    #[error("LOANLENS_DATA_KEY {0}")]
    Env(CryptoError),
    /// The key file exists but could not be read.
    #[error("cannot read the key file {path}: {source}")]
    Unreadable {
        /// The key file.
        path: PathBuf,
        /// The cause.
        source: std::io::Error,
    },
    /// The key file is not UTF-8 text.
    #[error("the key file {0} is not UTF-8 text; it must hold 64 hexadecimal characters")]
    NotText(PathBuf),
    /// The key file does not hold a usable key.
    #[error("the key file {path} {source}")]
    BadFile {
        /// The key file.
        path: PathBuf,
        /// What is wrong with it.
        source: CryptoError,
    },
    /// The configured key is not the one that sealed this database.
    #[error(
        "the configured data key (id {configured}) is not the key this database was sealed with \
         (id {recorded}); restore the original key ({restore})"
    )]
    Mismatch {
        /// Id of the configured key.
        configured: String,
        /// Ids recorded in the database.
        recorded: String,
        /// Where the key is read from: `LOANLENS_DATA_KEY`, and for SQLite the key file.
        restore: String,
    },
    /// A shared (Postgres) database and no `LOANLENS_DATA_KEY`.
    #[error(
        "LOANLENS_DATA_KEY is required with a Postgres database: every server sharing it must \
         seal with the same key, so none is generated"
    )]
    Required,
    /// The database holds sealed data but no key is configured.
    #[error(
        "the database holds {rows} sealed application(s) (key id {recorded}) but no data key is \
         configured: set LOANLENS_DATA_KEY or restore {file}; a new key could not open them"
    )]
    Missing {
        /// Sealed rows stored.
        rows: u64,
        /// Ids recorded in the database.
        recorded: String,
        /// The key file that was looked for.
        file: PathBuf,
    },
    /// Rows sealed by an older LoanLens (before key ids) do not open with the configured key.
    #[error(
        "the configured data key (id {0}) cannot open the applications an older LoanLens sealed \
         in this database; restore the original key"
    )]
    Unbound(String),
    /// Values are sealed under another key: a rotation is unfinished, or this is the old key.
    #[error(
        "some personal data is sealed under key id {other}, not under the configured key (id \
         {configured}); finish the rotation with `loanlens-server rotate-keys` \
         (LOANLENS_DATA_KEY = the new key, LOANLENS_PREVIOUS_DATA_KEYS = the old ones)"
    )]
    Unrotated {
        /// Id of the configured key.
        configured: String,
        /// A key id found on a sealed value.
        other: String,
    },
    /// Re-sealing an older row failed.
    #[error("cannot re-seal an older application: {0}")]
    Reseal(CryptoError),
    /// Writing the development key file failed.
    #[error("cannot write the development key file {path}: {source}")]
    Write {
        /// The key file.
        path: PathBuf,
        /// The cause.
        source: std::io::Error,
    },
    /// The store failed.
    #[error(transparent)]
    Store(#[from] StoreError),
}

/// The development key file: `loanlens.key` beside the database.
pub fn key_file(db_path: &Path) -> PathBuf {
    db_path.with_file_name("loanlens.key")
}

/// Reads the key file: `Ok(None)` only when it does not exist.
pub(crate) fn read_key_file(path: &Path) -> Result<Option<DataKey>, KeyError> {
    let bytes = match std::fs::read(path) {
        Ok(b) => b,
        Err(e) if e.kind() == std::io::ErrorKind::NotFound => return Ok(None),
        Err(source) => return Err(KeyError::Unreadable { path: path.into(), source }),
    };
    let text = String::from_utf8(bytes).map_err(|_| KeyError::NotText(path.into()))?;
    DataKey::from_hex(&text)
        .map(Some)
        .map_err(|source| KeyError::BadFile { path: path.into(), source })
}

/// Decides the data key: the configured one (`env_key`, else the key file beside the SQLite
/// database `db_path`) checked against the ids recorded in `store`, or a new development key
/// for an empty SQLite store. Without `db_path` (Postgres) only `env_key` is accepted.
pub async fn resolve(
    env_key: Option<&DataKey>,
    db_path: Option<&Path>,
    store: &dyn ApplicationStore,
    now: &str,
) -> Result<DataKey, KeyError> {
    let file = db_path.map(key_file);
    let configured = match (env_key, &file) {
        (Some(k), _) => Some(k.clone()),
        (None, Some(file)) => read_key_file(file)?,
        (None, None) => return Err(KeyError::Required),
    };
    let restore = match &file {
        Some(file) => format!("LOANLENS_DATA_KEY or {}", file.display()),
        None => "LOANLENS_DATA_KEY".into(),
    };
    // No key configured means a SQLite database (checked above), so `file` is set below.
    let file = file.unwrap_or_default();
    let recorded = store.key_ids().await?;
    let rows = store.count().await?;
    let key = match configured {
        Some(key) => {
            if !recorded.is_empty() && !recorded.contains(&key.id()) {
                return Err(KeyError::Mismatch {
                    configured: key.id(),
                    recorded: recorded.join(", "),
                    restore,
                });
            }
            key
        }
        None if !recorded.is_empty() || rows > 0 => {
            return Err(KeyError::Missing { rows, recorded: recorded.join(", "), file });
        }
        None => {
            let key = DataKey::generate();
            write_private(&file, &key.to_hex())
                .map_err(|source| KeyError::Write { path: file.clone(), source })?;
            tracing::warn!(
                path = %file.display(),
                key_id = %key.id(),
                "generated a development data key; set LOANLENS_DATA_KEY in production"
            );
            key
        }
    };
    bind_older_rows(&key, store).await?;
    if let Some(row) = store.sealed_with_other_key(&key.id(), 1).await?.first() {
        return Err(KeyError::Unrotated { configured: key.id(), other: row.key_id.clone() });
    }
    store.add_key_id(&key.id(), now).await?;
    Ok(key)
}

/// Rows sealed by an older LoanLens carry no key id and no binding to their row: check that
/// the key opens every one of them, then re-seal each bound to its id and key. Nothing is
/// changed unless all of them open.
async fn bind_older_rows(key: &DataKey, store: &dyn ApplicationStore) -> Result<(), KeyError> {
    let rows = store.unbound().await?;
    if rows.is_empty() {
        return Ok(());
    }
    let sealer = Sealer::new(key);
    let mut plain = Vec::with_capacity(rows.len());
    for (_, sealed) in &rows {
        plain.push(sealer.open_unbound(sealed).map_err(|_| KeyError::Unbound(key.id()))?);
    }
    for ((id, _), plain) in rows.iter().zip(plain) {
        let sealed = sealer.seal(id, &plain).map_err(KeyError::Reseal)?;
        store.bind(id, sealer.key_id(), &sealed).await?;
    }
    tracing::info!(rows = rows.len(), "bound older applications to their rows and key");
    Ok(())
}

/// Creates `path` (which must not exist) readable by its owner only.
fn write_private(path: &Path, text: &str) -> std::io::Result<()> {
    use std::io::Write;
    let mut opts = std::fs::OpenOptions::new();
    opts.write(true).create_new(true);
    #[cfg(unix)]
    std::os::unix::fs::OpenOptionsExt::mode(&mut opts, 0o600);
    opts.open(path)?.write_all(text.as_bytes())
}
