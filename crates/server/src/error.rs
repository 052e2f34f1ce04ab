//! The server's one error type: a status per variant, a JSON body that names the problem, and
//! internal causes logged but never shown to the client.

use crate::crypto::CryptoError;
use crate::store::StoreError;
use axum::http::StatusCode;
use axum::response::{IntoResponse, Response};
use axum::Json;
use loanlens_core::application::log_escape;
use loanlens_core::schema::ErrorBody;
use loanlens_core::InputError;

/// Everything a request can fail with.
#[derive(Debug, thiserror::Error)]
pub enum ApiError {
    /// The body or a field is invalid (400).
    #[error("{0}")]
    Input(#[from] InputError),
    /// The body exceeds the limit (413).
    #[error("body larger than {0} bytes")]
    TooLarge(usize),
    /// The body is not declared as `application/json` (415).
    #[error("content type is not application/json")]
    NotJson,
    /// The path exists but not with this method (405).
    #[error("method not allowed")]
    MethodNotAllowed,
    /// No such route or resource (404).
    #[error("no such endpoint")]
    NotFound,
    /// The path is longer than the server serves (414).
    #[error("path longer than {0} bytes")]
    PathTooLong(usize),
    /// The request took longer than the limit (408).
    #[error("request not completed within {0:?}")]
    Timeout(std::time::Duration),
    /// Too many requests in flight (503): the server sheds load instead of queueing it.
    #[error("overloaded")]
    Overloaded,
    /// A refusal with its own status and extra top-level members (409 stale card, 422 decline
    /// or reused key, 409 transition, 429 with `Retry-After`, 401).
    #[error("{}: {}", .0.status, .0.error)]
    Reject(Box<Rejection>),
    /// Our fault (500): the store failed.
    #[error(transparent)]
    Store(#[from] StoreError),
    /// Our fault (500): sealing failed.
    #[error(transparent)]
    Crypto(#[from] CryptoError),
    /// Our fault (500): a response or record could not be encoded.
    #[error("encoding: {0}")]
    Encode(#[from] serde_json::Error),
}

/// A refusal: status, the v1 error, extra members beside `error`, and `Retry-After` seconds.
#[derive(Debug)]
pub struct Rejection {
    /// The status.
    pub status: StatusCode,
    /// The `error` member.
    pub error: InputError,
    /// Members beside `error` (`current_version`, `decision`, `reasons`, …).
    pub extra: serde_json::Map<String, serde_json::Value>,
    /// `Retry-After` in seconds (429).
    pub retry_after: Option<u64>,
}

impl ApiError {
    /// A refusal with `status` naming `field`.
    pub fn reject(status: StatusCode, field: &str, message: impl Into<String>) -> Self {
        ApiError::Reject(Box::new(Rejection {
            status,
            error: InputError::new(field, message),
            extra: serde_json::Map::new(),
            retry_after: None,
        }))
    }

    /// The same refusal with one more top-level member.
    pub fn with(mut self, key: &str, value: serde_json::Value) -> Self {
        if let ApiError::Reject(r) = &mut self {
            r.extra.insert(key.to_string(), value);
        }
        self
    }

    /// 401 naming `Authorization`.
    pub fn unauthorized() -> Self {
        ApiError::reject(
            StatusCode::UNAUTHORIZED,
            "Authorization",
            "must be `Bearer <token>` with a configured staff token",
        )
    }
}

impl IntoResponse for ApiError {
    fn into_response(self) -> Response {
        let this = match self {
            ApiError::Reject(r) => return reject_response(*r),
            other => other,
        };
        let (status, error) = match &this {
            ApiError::Input(e) => (StatusCode::BAD_REQUEST, e.clone()),
            ApiError::TooLarge(limit) => (
                StatusCode::PAYLOAD_TOO_LARGE,
                InputError::new("body", format!("must be at most {limit} bytes")),
            ),
            ApiError::NotJson => (
                StatusCode::UNSUPPORTED_MEDIA_TYPE,
                InputError::new(
                    "content-type",
                    "must be application/json (optionally with charset=utf-8)",
                ),
            ),
            ApiError::NotFound => {
                (StatusCode::NOT_FOUND, InputError::new("path", "no such endpoint"))
            }
            ApiError::MethodNotAllowed => (
                StatusCode::METHOD_NOT_ALLOWED,
                InputError::new("method", "is not allowed on this path; see /api/v1/openapi.json"),
            ),
            ApiError::PathTooLong(limit) => (
                StatusCode::URI_TOO_LONG,
                InputError::new("path", format!("must be at most {limit} bytes")),
            ),
            ApiError::Timeout(limit) => (
                StatusCode::REQUEST_TIMEOUT,
                InputError::new(
                    "request",
                    format!("must be sent and answered within {} seconds", limit.as_secs()),
                ),
            ),
            ApiError::Overloaded => (
                StatusCode::SERVICE_UNAVAILABLE,
                InputError::new("server", "too many requests in progress; please retry shortly"),
            ),
            ApiError::Reject(r) => (r.status, r.error.clone()),
            ApiError::Store(_) | ApiError::Crypto(_) | ApiError::Encode(_) => {
                tracing::error!(cause = %log_escape(&this.to_string()), "internal error");
                (
                    StatusCode::INTERNAL_SERVER_ERROR,
                    InputError::new("server", "internal error; please retry later"),
                )
            }
        };
        let field = (status == StatusCode::BAD_REQUEST).then(|| ErrorField(error.field.clone()));
        let mut resp = (status, Json(ErrorBody { error })).into_response();
        if let Some(f) = field {
            resp.extensions_mut().insert(f);
        }
        resp
    }
}

fn reject_response(r: Rejection) -> Response {
    let mut body = serde_json::Map::new();
    body.insert("error".into(), serde_json::json!(r.error));
    body.extend(r.extra);
    let mut resp = (r.status, Json(serde_json::Value::Object(body))).into_response();
    if let Some(secs) = r.retry_after {
        resp.headers_mut().insert(axum::http::header::RETRY_AFTER, secs.into());
    }
    if r.status == StatusCode::UNAUTHORIZED {
        resp.headers_mut().insert(
            axum::http::header::WWW_AUTHENTICATE,
            axum::http::HeaderValue::from_static("Bearer"),
        );
    }
    resp
}

/// The field an input error (400) named, kept in the answer's extensions for the metrics.
#[derive(Debug, Clone)]
pub struct ErrorField(pub String);
