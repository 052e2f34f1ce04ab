//! Logs and request ids.
//!
//! Invariants:
//! - Every request has an id: the client's `x-request-id` when it is 1–64 characters of
//!   `[A-Za-z0-9._-]` (anything else could forge or break log lines), else a fresh UUID. The
//!   answer carries it back in `x-request-id`, and every log line written while the request
//!   is handled carries it (the `request` span).
//! - A panic's message never reaches the log or the client: it may hold whatever a value's
//!   `Debug` printed. [`install_panic_hook`] logs where it happened; [`panic_response`] answers
//!   the v1 500.
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

/// Replaces the default panic hook (which prints the panic's message to stderr) with one that
/// logs only the place: a message could carry personal data formatted by a careless `{:?}`.
pub fn install_panic_hook() {
    std::panic::set_hook(Box::new(|info| {
        let place = info.location().map(|l| format!("{}:{}", l.file(), l.line()));
        tracing::error!(at = %place.as_deref().unwrap_or("unknown"), "panic (message withheld)");
    }));
}

/// The answer to a request whose handler panicked: the v1 500, and nothing of the panic's
/// message (the hook logged where it happened).
pub fn panic_response(_payload: Box<dyn std::any::Any + Send + 'static>) -> Response {
    use axum::response::IntoResponse;
    let body = loanlens_core::schema::ErrorBody {
        error: loanlens_core::InputError::new("server", "internal error; please retry later"),
    };
    (axum::http::StatusCode::INTERNAL_SERVER_ERROR, axum::Json(body)).into_response()
}

#[cfg(test)]
mod tests {
    use super::*;
    use std::sync::{Arc, Mutex};

    #[derive(Clone, Default)]
    struct Buf(Arc<Mutex<Vec<u8>>>);

    impl std::io::Write for Buf {
        fn write(&mut self, b: &[u8]) -> std::io::Result<usize> {
            self.0.lock().unwrap().extend_from_slice(b);
            Ok(b.len())
        }
        fn flush(&mut self) -> std::io::Result<()> {
            Ok(())
        }
    }

    /// A handler panicking with personal data in its message: the client gets the v1 500,
    /// and neither the answer nor the log holds the message.
    #[tokio::test]
    async fn a_panic_message_reaches_neither_the_log_nor_the_client() {
        use axum::body::Body;
        use http_body_util::BodyExt;
        use tower::ServiceExt;
        let buf = Buf::default();
        let writer = buf.clone();
        let subscriber = json_subscriber(move || writer.clone());
        let _guard = tracing::subscriber::set_default(subscriber);
        let prev = std::panic::take_hook();
        install_panic_hook();
        let app = axum::Router::new()
            .route(
                "/boom",
                axum::routing::get(|| async {
                    if std::hint::black_box(true) {
                        panic!("applicant 张三 13800138000");
                    }
                }),
            )
            .layer(tower_http::catch_panic::CatchPanicLayer::custom(panic_response));
        let req = axum::http::Request::get("/boom").body(Body::empty()).unwrap();
        let resp = app.oneshot(req).await.unwrap();
        std::panic::set_hook(prev);
        assert_eq!(resp.status(), 500);
        let body = resp.into_body().collect().await.unwrap().to_bytes();
        let body = String::from_utf8_lossy(&body);
        assert!(body.contains("internal error") && !body.contains("13800138000"), "{body}");
        let log = String::from_utf8(buf.0.lock().unwrap().clone()).unwrap();
        assert!(log.contains("panic (message withheld)"), "{log}");
        assert!(!log.contains("13800138000") && !log.contains("张三"), "{log}");
    }
}
