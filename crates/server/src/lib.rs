//! LoanLens server: serves the SPA's release build, exposes the core engine as the v1 JSON API,
//! and takes loan applications into a store.
//!
//! The server never trusts the browser: every figure it stores or returns is recomputed here by
//! `loanlens-core`. Free text is normalised (trim, NFC) before it is validated, and what was
//! validated is what is stored. Personal data is sealed, bound to its row, before it reaches
//! the store, and masked and escaped in logs.

pub mod admin;
pub mod assets;
pub mod config;
pub mod crypto;
pub mod error;
pub mod extract;
pub mod headers;
pub mod intake;
pub mod invest;
pub mod keys;
pub mod metrics;
pub mod mortgage;
pub mod openapi;
mod openapi_html;
pub mod precheck;
pub mod ratelimit;
pub mod rotate;
pub mod serve;
pub mod store;
pub mod telemetry;

pub use config::{Config, Database, Secret};

use axum::body::Body;
use axum::extract::{DefaultBodyLimit, FromRef, Request, State};
use axum::middleware::{from_fn, from_fn_with_state};
use axum::response::{IntoResponse, Response};
use axum::routing::{get, post};
use axum::{Json, Router};
use crypto::{DataKey, LookupKey, Sealer};
use error::ApiError;
use extract::V1Json;
use loanlens_core::schema::{
    CompareRequest, CompareResponse, Schedule, ScheduleRequest, SolveRequest, SolveResponse,
    XirrRequest, XirrResponse,
};
use std::path::PathBuf;
use std::sync::Arc;
use store::postgres::PgStore;
use store::sqlite::SqliteStore;
use store::ApplicationStore;
use tower_http::catch_panic::CatchPanicLayer;
use tower_http::services::{ServeDir, ServeFile};
use tower_http::trace::TraceLayer;

/// Largest request body accepted, in bytes.
pub const BODY_LIMIT: usize = 64 * 1024;

/// Longest request path served, in bytes (414 beyond).
pub const PATH_LIMIT: usize = 2048;

/// Shared state of the handlers.
#[derive(Clone)]
pub struct AppState {
    store: Arc<dyn ApplicationStore>,
    sealer: Arc<Sealer>,
    lookup: Arc<LookupKey>,
    admin: Option<Arc<admin::Staff>>,
    apply_limit: Option<Arc<ratelimit::RateLimiter>>,
    spa: ServeDir<ServeFile>,
    precheck: ServeDir<ServeFile>,
    apply_dir: ServeDir<ServeFile>,
    admin_dir: ServeDir<ServeFile>,
    invest_page: ServeDir<ServeFile>,
    mortgage_page: ServeDir<ServeFile>,
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
    /// State over a store, the data key and the SPA directory; no staff tokens (the admin API
    /// is off) and no rate limit until [`AppState::with_staff`] and
    /// [`AppState::with_apply_rate`].
    pub fn new(store: Arc<dyn ApplicationStore>, key: &DataKey, static_dir: PathBuf) -> Self {
        let spa = assets::page_service(&static_dir);
        let precheck = assets::page_service(&static_dir.join("precheck"));
        let apply_dir = assets::page_service(&static_dir.join("apply"));
        let admin_dir = assets::page_service(&static_dir.join("admin"));
        let invest_page = assets::page_service(&static_dir.join("invest"));
        let mortgage_page = assets::page_service(&static_dir.join("mortgage"));
        let policy = Arc::new(headers::Policy::scan(&static_dir));
        let metrics = Arc::new(metrics::Metrics::new(false));
        let scorecard = Arc::new(precheck::SiteCard::default());
        Self {
            store,
            sealer: Arc::new(Sealer::new(key)),
            lookup: Arc::new(key.lookup_key()),
            admin: None,
            apply_limit: None,
            spa,
            precheck,
            apply_dir,
            admin_dir,
            invest_page,
            mortgage_page,
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

    /// Turns the admin API on for these staff tokens (off when there are none).
    pub fn with_staff(mut self, tokens: &[Secret]) -> Result<Self, admin::ShortToken> {
        self.admin = admin::Staff::new(tokens)?.map(Arc::new);
        Ok(self)
    }

    /// Limits `POST /api/v1/applications` per client address (`None`: no limit).
    pub fn with_apply_rate(mut self, rate: Option<ratelimit::Rate>) -> Self {
        self.apply_limit = rate.map(|r| Arc::new(ratelimit::RateLimiter::new(r)));
        self
    }

    /// Opens a stored row's applicant data (for staff tools and tests): `None` once erased.
    /// Fails when the sealed blob was sealed for another row or under another key.
    pub fn open_applicant(
        &self,
        row: &store::ApplicationRecord,
    ) -> Result<Option<loanlens_core::application::Applicant>, ApiError> {
        match (&row.applicant_sealed, &row.key_id) {
            (Some(sealed), Some(key_id)) => {
                let plain = self.sealer.open(&row.id, key_id, sealed)?;
                Ok(Some(serde_json::from_slice(&plain)?))
            }
            _ => Ok(None),
        }
    }
}

/// The whole HTTP application: API under `/api/v1`, metrics at `/metrics`, the pre-check,
/// application, staff, investor and mortgage pages (each its own build in `<static>/precheck/`,
/// `apply/`, `admin/`, `invest/`, `mortgage/`) under `/precheck`, `/apply`, `/admin`, `/invest`
/// and `/mortgage`, the calculator SPA
/// for every other path; every answer gets a request id, the headers of `headers.rs`, and is
/// counted.
pub fn app(state: AppState) -> Router {
    let mut api = Router::new()
        .route("/v1/health", get(health))
        .route("/v1/schedule", post(schedule))
        .route("/v1/compare", post(compare))
        .route("/v1/solve", post(solve))
        .route("/v1/xirr", post(xirr))
        .route("/v1/invest/compare", post(invest::invest_compare))
        .route("/v1/mortgage", post(mortgage::mortgage))
        .route("/v1/applications", post(intake::create))
        .route("/v1/applications/{id}", get(intake::status))
        .route("/v1/scorecard", get(precheck::scorecard))
        .route("/v1/precheck", post(precheck::precheck))
        .route("/v1/openapi.json", get(openapi::openapi_json))
        .route("/v1/reference", get(openapi::reference_page));
    if state.admin.is_some() {
        api = api.nest("/v1/admin", admin::router());
    }
    let api = api
        .fallback(|| async { ApiError::NotFound })
        .method_not_allowed_fallback(|| async { ApiError::MethodNotAllowed })
        .route_layer(from_fn(metrics::remember_route));
    Router::new()
        .nest("/api", assets::compress_api(api))
        .route("/metrics", get(metrics::scrape))
        .nest("/precheck", Router::new().fallback(precheck_page))
        .nest("/apply", Router::new().fallback(apply_page))
        .nest("/admin", Router::new().fallback(admin_page))
        .nest("/invest", Router::new().fallback(invest_page))
        .nest("/mortgage", Router::new().fallback(mortgage_page))
        .fallback(spa)
        .layer(DefaultBodyLimit::max(BODY_LIMIT))
        .layer(TraceLayer::new_for_http())
        .layer(CatchPanicLayer::custom(telemetry::panic_response))
        .layer(from_fn_with_state(state.policy.clone(), headers::middleware))
        .layer(from_fn_with_state(state.metrics.clone(), metrics::middleware))
        .layer(from_fn(telemetry::request_id))
        .with_state(state)
}

/// Why the server could not start.
#[derive(Debug, thiserror::Error)]
pub enum StartError {
    /// The database could not be opened or migrated.
    #[error("cannot open database {database}: {source}")]
    Store {
        /// The database ([`Database::describe`]: a file, or a Postgres URL without password).
        database: String,
        /// The cause.
        source: store::StoreError,
    },
    /// No usable data key (see `keys.rs`).
    #[error(transparent)]
    Key(#[from] keys::KeyError),
    /// The configured scorecard is unreadable or invalid (every problem listed).
    #[error(transparent)]
    Scorecard(#[from] precheck::CardLoadError),
    /// A staff token is too short.
    #[error(transparent)]
    Staff(#[from] admin::ShortToken),
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
    let store = open_store(&config.database)
        .await
        .map_err(|source| StartError::Store { database: config.database.describe(), source })?;
    tracing::info!(database = %config.database.describe(), "store opened");
    let env_key = match &config.data_key {
        Some(text) => Some(DataKey::from_hex(text.expose()).map_err(keys::KeyError::Env)?),
        None => None,
    };
    let db_path = match &config.database {
        Database::Sqlite(path) => Some(path.as_path()),
        Database::Postgres(_) => None,
    };
    let key = keys::resolve(env_key.as_ref(), db_path, &*store, &now_rfc3339()).await?;
    tracing::info!(key_id = %key.id(), "data key matches the database");
    tokio::spawn(intake::purge_idempotency_hourly(store.clone()));
    let state = AppState::new(store, &key, config.static_dir.clone())
        .with_scorecard(card)
        .with_public_metrics(config.metrics_public)
        .with_staff(&config.admin_tokens)?
        .with_apply_rate(config.apply_rate);
    if state.admin.is_none() {
        tracing::info!("no LOANLENS_ADMIN_TOKENS: the staff API is off");
    }
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

/// Opens the configured store, running its migrations.
pub async fn open_store(db: &Database) -> Result<Arc<dyn ApplicationStore>, store::StoreError> {
    Ok(match db {
        Database::Sqlite(path) => Arc::new(SqliteStore::open(path).await?),
        Database::Postgres(url) => Arc::new(PgStore::connect(url.expose()).await?),
    })
}

/// Every non-API path: a file of the SPA build, else `index.html` (200) for deep links. A path
/// longer than [`PATH_LIMIT`] gets 414, and one the file system refuses (a segment longer
/// than the OS allows) 404: neither is a server error. A short link (`/c/…`, the calculator's
/// `state::short::PATH_PREFIX`) over the limit still gets `index.html` (200), without looking
/// at the path further: the page reads the first `PATH_LIMIT` bytes and says the link is
/// damaged (docs/short-links.md).
async fn spa(State(state): State<AppState>, mut req: Request) -> Response {
    if req.uri().path().len() > PATH_LIMIT && req.uri().path().starts_with("/c/") {
        *req.uri_mut() = axum::http::Uri::from_static("/");
    }
    serve_static(state.spa.clone(), req).await
}

/// The pre-check page's own build (`<static>/precheck/`), with the same rules as [`spa`]; the
/// path arrives without its `/precheck` prefix.
async fn precheck_page(State(state): State<AppState>, req: Request) -> Response {
    serve_static(state.precheck.clone(), req).await
}

/// The application page's own build (`<static>/apply/`; `/apply/status` is its deep link).
async fn apply_page(State(state): State<AppState>, req: Request) -> Response {
    serve_static(state.apply_dir.clone(), req).await
}

/// The staff page's own build (`<static>/admin/`): static files only, its data comes from the
/// admin API behind a bearer token.
async fn admin_page(State(state): State<AppState>, req: Request) -> Response {
    serve_static(state.admin_dir.clone(), req).await
}

/// The investor page's own build (`<static>/invest/`), likewise.
async fn invest_page(State(state): State<AppState>, req: Request) -> Response {
    serve_static(state.invest_page.clone(), req).await
}

/// The mortgage page's own build (`<static>/mortgage/`), likewise.
async fn mortgage_page(State(state): State<AppState>, req: Request) -> Response {
    serve_static(state.mortgage_page.clone(), req).await
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

/// The current time (UTC).
pub fn now() -> time::OffsetDateTime {
    time::OffsetDateTime::now_utc()
}

/// `t` as RFC 3339 UTC with microseconds, fixed width (`2026-11-29T08:30:00.123456Z`), so
/// text order is time order in every store.
pub fn timestamp(t: time::OffsetDateTime) -> String {
    let t = t.to_offset(time::UtcOffset::UTC);
    format!(
        "{:04}-{:02}-{:02}T{:02}:{:02}:{:02}.{:06}Z",
        t.year(),
        u8::from(t.month()),
        t.day(),
        t.hour(),
        t.minute(),
        t.second(),
        t.microsecond()
    )
}

/// The calendar day in China (UTC+8) at `t`: the "today" of the ID number's age check.
pub fn today_in_china(t: time::OffsetDateTime) -> loanlens_core::dates::Date {
    let d = (t + time::Duration::hours(8)).date();
    loanlens_core::dates::Date::new(d.year(), u32::from(u8::from(d.month())), u32::from(d.day()))
        .unwrap_or_else(|| loanlens_core::dates::Date::new(2200, 12, 31).expect("a valid date"))
}

/// Current UTC time, fixed width ([`timestamp`]).
fn now_rfc3339() -> String {
    timestamp(now())
}

#[cfg(test)]
mod tests {
    #[test]
    fn timestamps_are_rfc3339_utc_to_the_microsecond_fixed_width() {
        let t = super::now_rfc3339();
        assert_eq!(t.len(), 27, "{t}");
        assert!(t.starts_with("20") && t.ends_with('Z') && t.as_bytes()[10] == b'T', "{t}");
    }
}
