//! The server's one error type: a status per variant, a JSON body that names the problem, and
//! internal causes logged but never shown to the client.

use axum::http::StatusCode;
use axum::response::{IntoResponse, Response};
use axum::Json;
use loanlens_core::schema::ErrorBody;
use loanlens_core::InputError;

/// Everything a request can fail with.
#[derive(Debug)]
pub enum ApiError {
    /// The body or a field is invalid (400).
    Input(InputError),
    /// The body exceeds the limit (413).
    TooLarge(usize),
    /// The body is not declared as JSON (415).
    NotJson,
    /// No such route or resource (404).
    NotFound,
    /// Our fault (500). The cause is logged, the client sees a generic message.
    Internal(String),
}

impl From<InputError> for ApiError {
    fn from(e: InputError) -> Self {
        ApiError::Input(e)
    }
}

impl IntoResponse for ApiError {
    fn into_response(self) -> Response {
        let (status, error) = match self {
            ApiError::Input(e) => (StatusCode::BAD_REQUEST, e),
            ApiError::TooLarge(limit) => (
                StatusCode::PAYLOAD_TOO_LARGE,
                InputError::new("body", format!("must be at most {limit} bytes")),
            ),
            ApiError::NotJson => (
                StatusCode::UNSUPPORTED_MEDIA_TYPE,
                InputError::new("content-type", "must be application/json"),
            ),
            ApiError::NotFound => {
                (StatusCode::NOT_FOUND, InputError::new("path", "no such endpoint"))
            }
            ApiError::Internal(cause) => {
                tracing::error!(%cause, "internal error");
                (
                    StatusCode::INTERNAL_SERVER_ERROR,
                    InputError::new("server", "internal error; please retry later"),
                )
            }
        };
        (status, Json(ErrorBody { error })).into_response()
    }
}
