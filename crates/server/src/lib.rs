//! LoanLens server: serves the SPA's release build, exposes the core engine as the v1 JSON API,
//! and takes loan applications into a store.
//!
//! The server never trusts the browser: every figure it stores or returns is recomputed here by
//! `loanlens-core`. Personal data is sealed before it reaches the store and masked in logs.

pub mod crypto;
pub mod error;
pub mod store;

use axum::body::Bytes;
use axum::extract::rejection::BytesRejection;
use axum::extract::{DefaultBodyLimit, State};
use axum::http::{header, HeaderMap, StatusCode};
use axum::response::IntoResponse;
use axum::routing::{get, post};
use axum::{Json, Router};
use crypto::Sealer;
use error::ApiError;
use loanlens_core::application::{mask_name, mask_phone, ApplicationCreated, ApplicationRequest};
use loanlens_core::schema::from_json;
use std::path::PathBuf;
use std::sync::Arc;
use store::sqlite::SqliteStore;
use store::{ApplicationStore, StoredApplication};
use tower_http::catch_panic::CatchPanicLayer;
use tower_http::services::{ServeDir, ServeFile};
use tower_http::trace::TraceLayer;

/// Largest request body accepted, in bytes.
pub const BODY_LIMIT: usize = 64 * 1024;

/// Server configuration, read from the environment with safe defaults.
#[derive(Debug, Clone)]
pub struct Config {
    /// `LOANLENS_ADDR`, default `127.0.0.1:8080` (port 0 picks a free port).
    pub addr: String,
    /// `LOANLENS_DB`, default `data/loanlens.db`.
    pub db_path: PathBuf,
    /// `LOANLENS_STATIC_DIR`, default `dist` (the SPA's `trunk build --release` output).
    pub static_dir: PathBuf,
    /// `LOANLENS_DATA_KEY`: 64 hex chars sealing personal data. When unset, a key is generated
    /// once into `loanlens.key` beside the database (fine for development only).
    pub data_key: Option<String>,
}

impl Config {
    /// Reads the configuration from the environment.
    pub fn from_env() -> Self {
        let var = |k: &str| std::env::var(k).ok().filter(|v| !v.trim().is_empty());
        Config {
            addr: var("LOANLENS_ADDR").unwrap_or_else(|| "127.0.0.1:8080".into()),
            db_path: var("LOANLENS_DB").unwrap_or_else(|| "data/loanlens.db".into()).into(),
            static_dir: var("LOANLENS_STATIC_DIR").unwrap_or_else(|| "dist".into()).into(),
            data_key: var("LOANLENS_DATA_KEY"),
        }
    }
}

/// Shared state of the handlers.
#[derive(Clone)]
pub struct AppState {
    store: Arc<dyn ApplicationStore>,
    sealer: Arc<Sealer>,
    static_dir: PathBuf,
}

impl AppState {
    /// State over a store, a sealing key and the SPA directory.
    pub fn new(store: Arc<dyn ApplicationStore>, key: [u8; 32], static_dir: PathBuf) -> Self {
        Self { store, sealer: Arc::new(Sealer::new(key)), static_dir }
    }
}

/// The whole HTTP application: API under `/api/v1`, the pre-check page (its own build in
/// `<static>/precheck/`) under `/precheck`, the calculator SPA for every other path.
pub fn app(state: AppState) -> Router {
    let index = state.static_dir.join("index.html");
    let spa = ServeDir::new(&state.static_dir).fallback(ServeFile::new(index));
    let precheck_dir = state.static_dir.join("precheck");
    let precheck =
        ServeDir::new(&precheck_dir).fallback(ServeFile::new(precheck_dir.join("index.html")));
    let api = Router::new()
        .route("/v1/health", get(health))
        .route("/v1/schedule", post(|h: HeaderMap, b| engine(h, b, loanlens_core::schedule)))
        .route("/v1/compare", post(|h: HeaderMap, b| engine(h, b, loanlens_core::compare)))
        .route("/v1/solve", post(|h: HeaderMap, b| engine(h, b, loanlens_core::solve)))
        .route("/v1/xirr", post(|h: HeaderMap, b| engine(h, b, loanlens_core::xirr)))
        .route("/v1/applications", post(create_application))
        .fallback(|| async { ApiError::NotFound });
    Router::new()
        .nest("/api", api)
        .nest_service("/precheck", precheck)
        .fallback_service(spa)
        .layer(DefaultBodyLimit::max(BODY_LIMIT))
        .layer(TraceLayer::new_for_http())
        .layer(CatchPanicLayer::new())
        .with_state(state)
}

/// Opens the store, loads the key, binds and serves until Ctrl-C.
pub async fn serve(config: Config) -> Result<(), String> {
    let store = SqliteStore::open(&config.db_path)
        .await
        .map_err(|e| format!("cannot open database {}: {e}", config.db_path.display()))?;
    let key = load_key(&config)?;
    let state = AppState::new(Arc::new(store), key, config.static_dir.clone());
    if !config.static_dir.join("index.html").exists() {
        tracing::warn!(dir = %config.static_dir.display(), "no SPA build found; run `trunk build --release`");
    }
    let listener = tokio::net::TcpListener::bind(&config.addr)
        .await
        .map_err(|e| format!("cannot listen on {}: {e}", config.addr))?;
    let local = listener.local_addr().map_err(|e| e.to_string())?;
    println!("LoanLens is running at http://{local}/calculator");
    axum::serve(listener, app(state))
        .with_graceful_shutdown(async {
            let _ = tokio::signal::ctrl_c().await;
        })
        .await
        .map_err(|e| e.to_string())
}

fn load_key(config: &Config) -> Result<[u8; 32], String> {
    if let Some(hex) = &config.data_key {
        return crypto::parse_hex_key(hex)
            .ok_or("LOANLENS_DATA_KEY must be 64 hex characters".into());
    }
    let path = config.db_path.with_file_name("loanlens.key");
    if let Ok(text) = std::fs::read_to_string(&path) {
        return crypto::parse_hex_key(&text)
            .ok_or(format!("{} is not a 64-hex-char key", path.display()));
    }
    let key = Sealer::generate_key();
    write_private(&path, &crypto::to_hex(&key))
        .map_err(|e| format!("cannot write {}: {e}", path.display()))?;
    tracing::warn!(path = %path.display(), "generated a development data key; set LOANLENS_DATA_KEY in production");
    Ok(key)
}

fn write_private(path: &std::path::Path, text: &str) -> std::io::Result<()> {
    use std::io::Write;
    let mut opts = std::fs::OpenOptions::new();
    opts.write(true).create_new(true);
    #[cfg(unix)]
    std::os::unix::fs::OpenOptionsExt::mode(&mut opts, 0o600);
    opts.open(path)?.write_all(text.as_bytes())
}

/// Reads a JSON body: declared as JSON, within the size limit, parsed with field-naming errors.
fn json_body<T: serde::de::DeserializeOwned>(
    headers: &HeaderMap,
    body: Result<Bytes, BytesRejection>,
) -> Result<T, ApiError> {
    let is_json = headers
        .get(header::CONTENT_TYPE)
        .and_then(|v| v.to_str().ok())
        .is_some_and(|v| v.trim_start().to_ascii_lowercase().starts_with("application/json"));
    if !is_json {
        return Err(ApiError::NotJson);
    }
    let bytes = body.map_err(|rej| {
        if rej.status() == StatusCode::PAYLOAD_TOO_LARGE {
            ApiError::TooLarge(BODY_LIMIT)
        } else {
            ApiError::Input(loanlens_core::InputError::new("body", "could not be read"))
        }
    })?;
    let text = std::str::from_utf8(&bytes)
        .map_err(|_| loanlens_core::InputError::new("body", "must be UTF-8 JSON"))?;
    Ok(from_json(text)?)
}

async fn health(State(state): State<AppState>) -> Result<impl IntoResponse, ApiError> {
    state.store.ping().await.map_err(|e| ApiError::Internal(e.0))?;
    Ok(Json(serde_json::json!({
        "status": "ok",
        "schema_version": loanlens_core::schema::SCHEMA_VERSION,
    })))
}

/// One engine endpoint: parse the v1 request, compute with the core, answer JSON.
async fn engine<Q, R>(
    headers: HeaderMap,
    body: Result<Bytes, BytesRejection>,
    compute: fn(&Q) -> Result<R, loanlens_core::InputError>,
) -> Result<Json<R>, ApiError>
where
    Q: serde::de::DeserializeOwned,
    R: serde::Serialize,
{
    let req: Q = json_body(&headers, body)?;
    Ok(Json(compute(&req)?))
}

async fn create_application(
    State(state): State<AppState>,
    headers: HeaderMap,
    body: Result<Bytes, BytesRejection>,
) -> Result<impl IntoResponse, ApiError> {
    let req: ApplicationRequest = json_body(&headers, body)?;
    req.validate_applicant()?;
    // Never trust the browser: the figures stored are the ones computed here.
    let computed = loanlens_core::schedule(&req.loan).map_err(|e| {
        ApiError::Input(loanlens_core::InputError::new(format!("loan.{}", e.field), e.message))
    })?;
    let applicant_json =
        serde_json::to_vec(&req.applicant).map_err(|e| ApiError::Internal(e.to_string()))?;
    let stored = StoredApplication {
        id: uuid::Uuid::new_v4().to_string(),
        created_at: now_rfc3339(),
        loan_json: serde_json::to_string(&req.loan)
            .map_err(|e| ApiError::Internal(e.to_string()))?,
        first_payment: computed.first_payment.to_string(),
        apr_nominal: computed.apr.nominal.to_string(),
        applicant_sealed: state.sealer.seal(&applicant_json).map_err(ApiError::Internal)?,
    };
    state.store.insert(&stored).await.map_err(|e| ApiError::Internal(e.0))?;
    tracing::info!(
        id = %stored.id,
        name = %mask_name(&req.applicant.name),
        phone = %mask_phone(&req.applicant.phone),
        "application stored"
    );
    Ok((
        StatusCode::CREATED,
        Json(ApplicationCreated {
            id: stored.id,
            first_payment: computed.first_payment,
            apr_nominal: computed.apr.nominal,
        }),
    ))
}

/// Current UTC time as `YYYY-MM-DDTHH:MM:SSZ`.
fn now_rfc3339() -> String {
    let secs = std::time::SystemTime::now()
        .duration_since(std::time::UNIX_EPOCH)
        .map(|d| d.as_secs() as i64)
        .unwrap_or(0);
    let (days, rem) = (secs.div_euclid(86_400), secs.rem_euclid(86_400));
    // Civil-from-days (Howard Hinnant's algorithm).
    let z = days + 719_468;
    let era = z.div_euclid(146_097);
    let doe = z - era * 146_097;
    let yoe = (doe - doe / 1460 + doe / 36_524 - doe / 146_096) / 365;
    let doy = doe - (365 * yoe + yoe / 4 - yoe / 100);
    let mp = (5 * doy + 2) / 153;
    let d = doy - (153 * mp + 2) / 5 + 1;
    let m = if mp < 10 { mp + 3 } else { mp - 9 };
    let y = yoe + era * 400 + i64::from(m <= 2);
    format!("{y:04}-{m:02}-{d:02}T{:02}:{:02}:{:02}Z", rem / 3600, rem % 3600 / 60, rem % 60)
}

#[cfg(test)]
mod tests {
    #[test]
    fn timestamps_are_rfc3339_utc() {
        let t = super::now_rfc3339();
        assert_eq!(t.len(), 20);
        assert!(t.starts_with("20") && t.ends_with('Z'));
    }
}
