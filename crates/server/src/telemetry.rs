//! Logs and request ids.
//!
//! Invariants:
//! - Every request has an id: the client's `x-request-id` when it is 1–64 characters of
//!   `[A-Za-z0-9._-]` (anything else could forge or break log lines), else a fresh UUID. The
//!   answer carries it back in `x-request-id`, and every log line written while the request
//!   is handled carries it (the `request` span).
//! - Logs are JSON lines when `LOANLENS_LOG_FORMAT=json`, else plain text, with colour codes
//!   only on a terminal.

use axum::extract::Request;
use axum::http::{HeaderName, HeaderValue};
use axum::middleware::Next;
use axum::response::Response;
use std::io::IsTerminal;
use tracing::Instrument;
use tracing_subscriber::util::SubscriberInitExt;

/// The request id header.
pub const REQUEST_ID: HeaderName = HeaderName::from_static("x-request-id");

/// Whether a client-sent request id is kept as it is.
fn acceptable(id: &HeaderValue) -> bool {
    let b = id.as_bytes();
    (1..=64).contains(&b.len())
        && b.iter().all(|c| c.is_ascii_alphanumeric() || matches!(c, b'.' | b'_' | b'-'))
}

/// Gives the request its id, runs it inside a `request` span carrying the id, and returns the
/// id in the answer.
pub async fn request_id(mut req: Request, next: Next) -> Response {
    let id = match req.headers().get(&REQUEST_ID) {
        Some(v) if acceptable(v) => v.clone(),
        _ => HeaderValue::from_str(&uuid::Uuid::new_v4().simple().to_string())
            .unwrap_or(HeaderValue::from_static("invalid")),
    };
    req.headers_mut().insert(REQUEST_ID, id.clone());
    let span = tracing::info_span!(
        "request",
        request_id = %id.to_str().unwrap_or_default(),
        method = %req.method(),
    );
    let mut resp = next.run(req).instrument(span).await;
    resp.headers_mut().insert(REQUEST_ID, id);
    resp
}

/// The log format chosen by `LOANLENS_LOG_FORMAT`.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub enum LogFormat {
    /// One JSON object per line (`json`).
    Json,
    /// Human-readable text (anything else, the default).
    Plain,
}

impl LogFormat {
    /// Reads `LOANLENS_LOG_FORMAT`.
    pub fn from_env() -> Self {
        match std::env::var("LOANLENS_LOG_FORMAT") {
            Ok(v) if v.trim().eq_ignore_ascii_case("json") => LogFormat::Json,
            _ => LogFormat::Plain,
        }
    }
}

/// The filter from `RUST_LOG`, by default `loanlens_server=info,tower_http=warn`.
fn filter() -> tracing_subscriber::EnvFilter {
    tracing_subscriber::EnvFilter::try_from_default_env()
        .unwrap_or_else(|_| "loanlens_server=info,tower_http=warn".into())
}

/// JSON lines to `writer`: `timestamp`, `level`, `target`, `fields` (the message and its
/// values) and `span` (the innermost span's fields, such as `request_id`).
pub fn json_subscriber<W>(writer: W) -> impl tracing::Subscriber + Send + Sync + 'static
where
    W: for<'a> tracing_subscriber::fmt::MakeWriter<'a> + Send + Sync + 'static,
{
    tracing_subscriber::fmt()
        .with_env_filter(filter())
        .with_writer(writer)
        .json()
        .with_current_span(true)
        .with_span_list(false)
        .finish()
}

/// Installs the global log subscriber, writing to stdout.
pub fn init_logs(format: LogFormat) {
    match format {
        LogFormat::Json => json_subscriber(std::io::stdout).init(),
        // Colour codes only on a terminal: a log file or pipe gets plain text.
        LogFormat::Plain => tracing_subscriber::fmt()
            .with_env_filter(filter())
            .with_ansi(std::io::stdout().is_terminal())
            .init(),
    }
}
