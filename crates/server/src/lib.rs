//! LoanLens server: serves the SPA's release build, exposes the core engine as the v1 JSON API,
//! and takes loan applications into a store.
//!
//! The server never trusts the browser: every figure it stores or returns is recomputed here by
//! `loanlens-core`. Free text is normalised (trim, NFC) before it is validated, and what was
//! validated is what is stored. Personal data is sealed, bound to its row, before it reaches
//! the store, and masked and escaped in logs.

pub mod assets;
pub mod config;
pub mod crypto;
pub mod error;
pub mod extract;
pub mod headers;
pub mod invest;
pub mod keys;
pub mod metrics;
pub mod openapi;
mod openapi_html;
pub mod precheck;
pub mod serve;
pub mod store;
pub mod telemetry;

pub use config::{Config, Secret};

use axum::body::Body;
use axum::extract::{DefaultBodyLimit, FromRef, Request, State};
use axum::http::StatusCode;
use axum::middleware::{from_fn, from_fn_with_state};
use axum::response::{IntoResponse, Response};
use axum::routing::{get, post};
use axum::{Json, Router};
use crypto::{DataKey, Sealer};
use error::ApiError;
use extract::V1Json;
use loanlens_core::application::{
    mask_name, mask_phone, Applicant, ApplicationCreated, ApplicationRequest,
};
use loanlens_core::schema::{
    CompareRequest, CompareResponse, Schedule, ScheduleRequest, SolveRequest, SolveResponse,
    XirrRequest, XirrResponse,
};
use loanlens_core::InputError;
use std::path::PathBuf;
use std::sync::Arc;
use store::sqlite::SqliteStore;
use store::{ApplicationStore, StoredApplication};
use tower_http::catch_panic::CatchPanicLayer;
use tower_http::services::{ServeDir, ServeFile};
use tower_http::trace::TraceLayer;
use unicode_normalization::UnicodeNormalization;

/// Largest request body accepted, in bytes.
pub const BODY_LIMIT: usize = 64 * 1024;

/// Longest request path served, in bytes (414 beyond).
pub const PATH_LIMIT: usize = 2048;

/// Shared state of the handlers.
#[derive(Clone)]
pub struct AppState {
    store: Arc<dyn ApplicationStore>,
    sealer: Arc<Sealer>,
    spa: ServeDir<ServeFile>,
    precheck: ServeDir<ServeFile>,
    scorecard: Arc<precheck::SiteCard>,
    metrics: Arc<metrics::Metrics>,
    policy: Arc<headers::Policy>,
}

impl FromRef<AppState> for Arc<metrics::Metrics> {
    fn from_ref(state: &AppState) -> Self {
        state.metrics.clone()
    }
}

impl AppState {
    /// State over a store, the data key and the SPA directory.
    pub fn new(store: Arc<dyn ApplicationStore>, key: &DataKey, static_dir: PathBuf) -> Self {
        let spa = assets::page_service(&static_dir);
        let precheck = assets::page_service(&static_dir.join("precheck"));
        let policy = Arc::new(headers::Policy::scan(&static_dir));
        let metrics = Arc::new(metrics::Metrics::new(false));
        let scorecard = Arc::new(precheck::SiteCard::default());
        Self {
            store,
            sealer: Arc::new(Sealer::new(key)),
            spa,
            precheck,
            scorecard,
            metrics,
            policy,
        }
    }

    /// Serves `/metrics` to every client when `public`, else to loopback clients only.
    pub fn with_public_metrics(mut self, public: bool) -> Self {
        self.metrics = Arc::new(metrics::Metrics::new(public));
        self
    }

    /// Opens a stored row's applicant data (for staff tools and tests). Fails when the sealed
    /// blob was sealed for another row or under another key.
    pub fn open_applicant(&self, row: &StoredApplication) -> Result<Applicant, ApiError> {
        let plain = self.sealer.open(&row.id, &row.key_id, &row.applicant_sealed)?;
        Ok(serde_json::from_slice(&plain)?)
    }
}

/// The whole HTTP application: API under `/api/v1`, metrics at `/metrics`, the pre-check page
/// (its own build in `<static>/precheck/`) under `/precheck`, the calculator SPA for every other
/// path; every answer gets a request id, the headers of `headers.rs`, and is counted.
pub fn app(state: AppState) -> Router {
    let api = Router::new()
        .route("/v1/health", get(health))
        .route("/v1/schedule", post(schedule))
        .route("/v1/compare", post(compare))
        .route("/v1/solve", post(solve))
        .route("/v1/xirr", post(xirr))
        .route("/v1/invest/compare", post(invest::invest_compare))
        .route("/v1/applications", post(create_application))
        .route("/v1/scorecard", get(precheck::scorecard))
        .route("/v1/precheck", post(precheck::precheck))
        .route("/v1/openapi.json", get(openapi::openapi_json))
        .route("/v1/reference", get(openapi::reference_page))
        .fallback(|| async { ApiError::NotFound })
        .method_not_allowed_fallback(|| async { ApiError::MethodNotAllowed })
        .route_layer(from_fn(metrics::remember_route));
    Router::new()
        .nest("/api", assets::compress_api(api))
        .route("/metrics", get(metrics::scrape))
        .nest("/precheck", Router::new().fallback(precheck_page))
        .fallback(spa)
        .layer(DefaultBodyLimit::max(BODY_LIMIT))
        .layer(TraceLayer::new_for_http())
        .layer(CatchPanicLayer::new())
        .layer(from_fn_with_state(state.policy.clone(), headers::middleware))
        .layer(from_fn_with_state(state.metrics.clone(), metrics::middleware))
        .layer(from_fn(telemetry::request_id))
        .with_state(state)
}

/// Why the server could not start.
#[derive(Debug, thiserror::Error)]
pub enum StartError {
    /// The database could not be opened or migrated.
    #[error("cannot open database {path}: {source}")]
    Store {
        /// The database file.
        path: PathBuf,
        /// The cause.
        source: store::StoreError,
    },
    /// No usable data key (see `keys.rs`).
    #[error(transparent)]
    Key(#[from] keys::KeyError),
    /// The configured scorecard is unreadable or invalid (every problem listed).
    #[error(transparent)]
    Scorecard(#[from] precheck::CardLoadError),
    /// Binding or serving the socket failed.
    #[error("cannot listen on {addr}: {source}")]
    Listen {
        /// The configured address.
        addr: String,
        /// The cause.
        source: std::io::Error,
    },
}

/// Opens the store, decides the key, binds and serves (with [`serve::Limits`]) until Ctrl-C or
/// SIGTERM.
pub async fn serve(config: Config) -> Result<(), StartError> {
    let card = precheck::SiteCard::load(config.scorecard.as_deref())?;
    let store = SqliteStore::open(&config.db_path)
        .await
        .map_err(|source| StartError::Store { path: config.db_path.clone(), source })?;
    let env_key = match &config.data_key {
        Some(text) => Some(DataKey::from_hex(text.expose()).map_err(keys::KeyError::Env)?),
        None => None,
    };
    let key = keys::resolve(env_key.as_ref(), &config.db_path, &store, &now_rfc3339()).await?;
    tracing::info!(key_id = %key.id(), "data key matches the database");
    let state = AppState::new(Arc::new(store), &key, config.static_dir.clone())
        .with_scorecard(card)
        .with_public_metrics(config.metrics_public);
    if !config.static_dir.join("index.html").exists() {
        tracing::warn!(dir = %config.static_dir.display(), "no SPA build found; run `trunk build --release`");
    }
    let listen = |source| StartError::Listen { addr: config.addr.clone(), source };
    let listener = tokio::net::TcpListener::bind(&config.addr).await.map_err(listen)?;
    let local = listener.local_addr().map_err(listen)?;
    println!("LoanLens is running at http://{local}/calculator");
    serve::serve(listener, app(state), config.limits, serve::stop_signal()).await;
    Ok(())
}

/// Every non-API path: a file of the SPA build, else `index.html` (200) for deep links. A path
/// longer than [`PATH_LIMIT`] gets 414, and one the file system refuses (a segment longer
/// than the OS allows) 404: neither is a server error.
async fn spa(State(state): State<AppState>, req: Request) -> Response {
    serve_static(state.spa.clone(), req).await
}

/// The pre-check page's own build (`<static>/precheck/`), with the same rules as [`spa`]; the
/// path arrives without its `/precheck` prefix.
async fn precheck_page(State(state): State<AppState>, req: Request) -> Response {
    serve_static(state.precheck.clone(), req).await
}

async fn serve_static(mut dir: ServeDir<ServeFile>, req: Request) -> Response {
    if req.uri().path().len() > PATH_LIMIT {
        return ApiError::PathTooLong(PATH_LIMIT).into_response();
    }
    match dir.try_call(req).await {
        Ok(resp) => resp.map(Body::new),
        Err(e) => {
            tracing::debug!(error = %e, "static file lookup failed");
            ApiError::NotFound.into_response()
        }
    }
}

async fn health(State(state): State<AppState>) -> Result<impl IntoResponse, ApiError> {
    state.store.ping().await?;
    Ok(Json(serde_json::json!({
        "status": "ok",
        "schema_version": loanlens_core::schema::SCHEMA_VERSION,
    })))
}

async fn schedule(V1Json(req): V1Json<ScheduleRequest>) -> Result<Json<Schedule>, ApiError> {
    Ok(Json(loanlens_core::schedule(&req)?))
}

async fn compare(V1Json(req): V1Json<CompareRequest>) -> Result<Json<CompareResponse>, ApiError> {
    Ok(Json(loanlens_core::compare(&req)?))
}

async fn solve(V1Json(req): V1Json<SolveRequest>) -> Result<Json<SolveResponse>, ApiError> {
    Ok(Json(loanlens_core::solve(&req)?))
}

async fn xirr(V1Json(req): V1Json<XirrRequest>) -> Result<Json<XirrResponse>, ApiError> {
    Ok(Json(loanlens_core::xirr(&req)?))
}

async fn create_application(
    State(state): State<AppState>,
    V1Json(req): V1Json<ApplicationRequest>,
) -> Result<(StatusCode, Json<ApplicationCreated>), ApiError> {
    // What is validated is what is stored: trimmed, NFC.
    let req = req.normalized(|s| s.nfc().collect());
    req.validate_applicant()?;
    // Never trust the browser: the figures stored are the ones computed here.
    let computed = loanlens_core::schedule(&req.loan)
        .map_err(|e| InputError::new(format!("loan.{}", e.field), e.message))?;
    let id = uuid::Uuid::new_v4().to_string();
    let stored = StoredApplication {
        created_at: now_rfc3339(),
        loan_json: serde_json::to_string(&req.loan)?,
        first_payment: computed.first_payment.to_string(),
        apr_nominal: computed.apr.nominal.to_string(),
        key_id: state.sealer.key_id().to_string(),
        applicant_sealed: state.sealer.seal(&id, &serde_json::to_vec(&req.applicant)?)?,
        id,
    };
    state.store.insert(&stored).await?;
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
    let now = time::OffsetDateTime::now_utc();
    now.replace_nanosecond(0)
        .unwrap_or(now)
        .format(&time::format_description::well_known::Rfc3339)
        .unwrap_or_default()
}

#[cfg(test)]
mod tests {
    #[test]
    fn timestamps_are_rfc3339_utc_to_the_second() {
        let t = super::now_rfc3339();
        assert_eq!(t.len(), 20, "{t}");
        assert!(t.starts_with("20") && t.ends_with('Z') && t.as_bytes()[10] == b'T', "{t}");
    }
}
