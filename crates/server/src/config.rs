//! Server configuration from the environment, with safe defaults.

use crate::ratelimit::Rate;
use crate::serve::Limits;
use std::path::PathBuf;
use std::time::Duration;

/// A secret string (the data key's text): `Debug` prints `[redacted]`, so no log line or panic
/// message that formats a [`Config`] can show it. Read it with [`Secret::expose`].
#[derive(Clone, PartialEq, Eq)]
pub struct Secret(String);

impl Secret {
    /// Wraps a secret.
    pub fn new(text: impl Into<String>) -> Self {
        Secret(text.into())
    }

    /// The secret text, for the one place that parses it.
    pub fn expose(&self) -> &str {
        &self.0
    }
}

impl std::fmt::Debug for Secret {
    fn fmt(&self, f: &mut std::fmt::Formatter<'_>) -> std::fmt::Result {
        f.write_str("[redacted]")
    }
}

/// Where applications are stored: `LOANLENS_DB`.
#[derive(Debug, Clone, PartialEq, Eq)]
pub enum Database {
    /// The embedded SQLite file (the default, `data/loanlens.db`): a plain path, or
    /// `sqlite://path` / `sqlite:path`.
    Sqlite(PathBuf),
    /// A PostgreSQL URL (`postgres://…` or `postgresql://…`), shared by several servers. A
    /// [`Secret`]: it may carry a password; logs show [`Database::describe`] only.
    Postgres(Secret),
}

impl Database {
    /// Reads a `LOANLENS_DB` value (already trimmed).
    pub fn parse(value: &str) -> Self {
        if value.starts_with("postgres://") || value.starts_with("postgresql://") {
            return Database::Postgres(Secret::new(value));
        }
        let path = value
            .strip_prefix("sqlite://")
            .or_else(|| value.strip_prefix("sqlite:"))
            .unwrap_or(value);
        Database::Sqlite(path.into())
    }

    /// The database for logs and errors: the SQLite path, or the Postgres URL without its
    /// password.
    pub fn describe(&self) -> String {
        match self {
            Database::Sqlite(path) => path.display().to_string(),
            Database::Postgres(url) => crate::store::postgres::describe(url.expose()),
        }
    }
}

impl Default for Database {
    fn default() -> Self {
        Database::Sqlite("data/loanlens.db".into())
    }
}

/// Server configuration.
#[derive(Debug, Clone)]
pub struct Config {
    /// `LOANLENS_ADDR`, default `127.0.0.1:8080` (port 0 picks a free port).
    pub addr: String,
    /// `LOANLENS_DB`: a SQLite path (default `data/loanlens.db`) or a `postgres://` URL.
    pub database: Database,
    /// `LOANLENS_STATIC_DIR`, default `dist` (the SPA's `trunk build --release` output).
    pub static_dir: PathBuf,
    /// `LOANLENS_DATA_KEY`: 64 hex chars sealing personal data. When unset, the key file
    /// `loanlens.key` beside the database is used; it is generated only for an empty database
    /// (development). See `keys.rs` for when the server refuses to start.
    pub data_key: Option<Secret>,
    /// `LOANLENS_HEADER_TIMEOUT_SECS` (default 10) and `LOANLENS_REQUEST_TIMEOUT_SECS`
    /// (default 30); a value that is not a whole number of seconds ≥ 1 keeps the default.
    /// `LOANLENS_MAX_IN_FLIGHT` (default 256) caps the requests handled at once.
    pub limits: Limits,
    /// `LOANLENS_SCORECARD`: a scorecard JSON file for the pre-check, checked at start (a
    /// broken card stops the server); the default card when unset.
    pub scorecard: Option<PathBuf>,
    /// `LOANLENS_METRICS_PUBLIC=1` serves `/metrics` to every client, not only loopback ones.
    pub metrics_public: bool,
    /// `LOANLENS_ADMIN_TOKENS`: comma-separated staff bearer tokens, each at least
    /// [`MIN_ADMIN_TOKEN`] characters (a shorter one stops the server). Unset: the admin API is
    /// off (404).
    pub admin_tokens: Vec<Secret>,
    /// `LOANLENS_APPLY_RATE_PER_MINUTE` (default 10) and `LOANLENS_APPLY_RATE_BURST` (default
    /// 5): per client address, for `POST /api/v1/applications`. `LOANLENS_APPLY_RATE_PER_MINUTE=0`
    /// turns the limit off (for load tests).
    pub apply_rate: Option<Rate>,
}

/// The shortest staff token accepted.
pub const MIN_ADMIN_TOKEN: usize = 32;

/// A whole number of seconds ≥ 1 from the environment.
fn secs(name: &str) -> Option<Duration> {
    let n: u64 = std::env::var(name).ok()?.trim().parse().ok()?;
    (n >= 1).then(|| Duration::from_secs(n))
}

impl Config {
    /// Reads the configuration from the environment.
    pub fn from_env() -> Self {
        let var = |k: &str| std::env::var(k).ok().filter(|v| !v.trim().is_empty());
        Config {
            addr: var("LOANLENS_ADDR").unwrap_or_else(|| "127.0.0.1:8080".into()),
            database: var("LOANLENS_DB").map(|v| Database::parse(v.trim())).unwrap_or_default(),
            static_dir: var("LOANLENS_STATIC_DIR").unwrap_or_else(|| "dist".into()).into(),
            data_key: var("LOANLENS_DATA_KEY").map(Secret::new),
            scorecard: var("LOANLENS_SCORECARD").map(PathBuf::from),
            limits: Limits {
                header_timeout: secs("LOANLENS_HEADER_TIMEOUT_SECS")
                    .unwrap_or(Limits::default().header_timeout),
                request_timeout: secs("LOANLENS_REQUEST_TIMEOUT_SECS")
                    .unwrap_or(Limits::default().request_timeout),
                max_in_flight: var("LOANLENS_MAX_IN_FLIGHT")
                    .and_then(|v| v.trim().parse().ok())
                    .filter(|&n: &usize| n >= 1)
                    .unwrap_or(Limits::default().max_in_flight),
            },
            metrics_public: var("LOANLENS_METRICS_PUBLIC").is_some_and(|v| v.trim() == "1"),
            admin_tokens: var("LOANLENS_ADMIN_TOKENS")
                .map(|v| {
                    v.split(',').map(str::trim).filter(|t| !t.is_empty()).map(Secret::new).collect()
                })
                .unwrap_or_default(),
            apply_rate: apply_rate(
                var("LOANLENS_APPLY_RATE_PER_MINUTE").as_deref(),
                var("LOANLENS_APPLY_RATE_BURST").as_deref(),
            ),
        }
    }
}

/// The apply rate from its two variables: a per-minute value of 0 turns the limit off; a value
/// that is not a whole number keeps the default.
fn apply_rate(per_minute: Option<&str>, burst: Option<&str>) -> Option<Rate> {
    let num = |v: Option<&str>| v.and_then(|v| v.trim().parse::<u32>().ok());
    let d = Rate::default();
    match num(per_minute) {
        Some(0) => None,
        n => Some(Rate {
            per_minute: n.unwrap_or(d.per_minute),
            burst: num(burst).filter(|&b| b >= 1).unwrap_or(d.burst),
        }),
    }
}

#[cfg(test)]
mod tests {
    #[test]
    fn apply_rate_defaults_and_zero_turns_it_off() {
        let d = crate::ratelimit::Rate::default();
        assert_eq!(super::apply_rate(None, None), Some(d));
        assert_eq!(super::apply_rate(Some("0"), Some("3")), None);
        let r = super::apply_rate(Some("60"), Some("x")).unwrap();
        assert_eq!((r.per_minute, r.burst), (60, d.burst));
    }

    #[test]
    fn debug_redacts_the_data_key_and_the_database_password() {
        let key = "ab".repeat(32);
        let c = super::Config {
            addr: "127.0.0.1:0".into(),
            database: super::Database::Postgres(super::Secret::new(
                "postgres://loanlens:pg-pass-1234@db:5432/loans",
            )),
            static_dir: "dist".into(),
            data_key: Some(super::Secret::new(key.clone())),
            limits: crate::serve::Limits::default(),
            scorecard: None,
            metrics_public: false,
            admin_tokens: vec![super::Secret::new("t".repeat(40))],
            apply_rate: None,
        };
        let shown = format!("{c:?}");
        assert!(!shown.contains(&key[..8]), "{shown}");
        assert!(!shown.contains("tttttttt"), "{shown}");
        assert!(shown.contains("[redacted]"), "{shown}");
        assert!(!shown.contains("pg-pass-1234"), "{shown}");
        assert!(!c.database.describe().contains("pg-pass-1234"));
    }

    #[test]
    fn loanlens_db_selects_the_store() {
        use super::Database;
        let pg = Database::parse("postgresql://u:p@h/db");
        assert_eq!(pg, Database::Postgres(super::Secret::new("postgresql://u:p@h/db")));
        assert_eq!(Database::parse("sqlite://data/x.db"), Database::Sqlite("data/x.db".into()));
        assert_eq!(Database::parse("sqlite:/abs/x.db"), Database::Sqlite("/abs/x.db".into()));
        assert_eq!(Database::parse("data/loanlens.db"), Database::default());
    }
}
