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

impl IntoResponse for ApiError {
    fn into_response(self) -> Response {
        let (status, error) = match &self {
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
            ApiError::Store(_) | ApiError::Crypto(_) | ApiError::Encode(_) => {
                tracing::error!(cause = %log_escape(&self.to_string()), "internal error");
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

/// The field an input error (400) named, kept in the answer's extensions for the metrics.
#[derive(Debug, Clone)]
pub struct ErrorField(pub String);
