//! [`V1Json`]: the one extractor for v1 request bodies.
//!
//! Rules (docs/schema.md): the content type is exactly `application/json`, optionally with
//! `charset=utf-8` (415 otherwise); the body is at most [`crate::BODY_LIMIT`] bytes (413); it is
//! UTF-8 and exactly one JSON value with nothing but whitespace after it; unknown fields are
//! refused; an error names the field by JSON path and the expected shape, never the value sent
//! (a phone number sent as a JSON number must not come back in the error).

use crate::error::ApiError;
use axum::body::Bytes;
use axum::extract::{FromRequest, Request};
use axum::http::{header, HeaderMap, StatusCode};
use loanlens_core::schema::from_json;
use loanlens_core::InputError;
use serde::de::DeserializeOwned;

/// A v1 JSON body, parsed under the rules above. Handlers take it like axum's `Json`.
#[derive(Debug)]
pub struct V1Json<T>(pub T);

impl<T: DeserializeOwned, S: Send + Sync> FromRequest<S> for V1Json<T> {
    type Rejection = ApiError;

    async fn from_request(req: Request, state: &S) -> Result<Self, ApiError> {
        if !is_json(req.headers()) {
            return Err(ApiError::NotJson);
        }
        let bytes = Bytes::from_request(req, state).await.map_err(|rej| {
            if rej.status() == StatusCode::PAYLOAD_TOO_LARGE {
                ApiError::TooLarge(crate::BODY_LIMIT)
            } else {
                ApiError::Input(InputError::new("body", "could not be read"))
            }
        })?;
        Ok(V1Json(parse(&bytes)?))
    }
}

/// Whether the request declares `application/json` with at most a `charset=utf-8` parameter
/// (case-insensitive). `application/jsonp`, `application/json-seq` and other charsets are not.
pub fn is_json(headers: &HeaderMap) -> bool {
    let Some(mime) = headers
        .get(header::CONTENT_TYPE)
        .and_then(|v| v.to_str().ok())
        .and_then(|v| v.parse::<mime::Mime>().ok())
    else {
        return false;
    };
    mime.type_() == mime::APPLICATION
        && mime.subtype() == mime::JSON
        && mime.suffix().is_none()
        && mime.params().all(|(name, value)| {
            name == mime::CHARSET && value.as_str().eq_ignore_ascii_case("utf-8")
        })
}

/// Parses a whole body: UTF-8, one JSON value and nothing after it, then the typed request.
pub fn parse<T: DeserializeOwned>(bytes: &[u8]) -> Result<T, InputError> {
    let text =
        std::str::from_utf8(bytes).map_err(|_| InputError::new("body", "must be UTF-8 JSON"))?;
    // The core's `from_json` checks the end of input, reports broken JSON before wrong types
    // and never echoes a submitted value (docs/schema.md).
    from_json(text)
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn only_plain_json_content_types_pass() {
        let ok = [
            "application/json",
            "Application/JSON",
            "application/json; charset=utf-8",
            "application/json;charset=UTF-8",
            "application/json; charset=\"utf-8\"",
        ];
        let bad = [
            "application/jsonp",
            "application/json-seq",
            "text/json",
            "application/json; charset=latin1",
            "application/json; v=1",
            "application/x+json",
            "",
        ];
        for (ctype, want) in ok.iter().map(|c| (c, true)).chain(bad.iter().map(|c| (c, false))) {
            let mut h = HeaderMap::new();
            h.insert(header::CONTENT_TYPE, ctype.parse().unwrap());
            assert_eq!(is_json(&h), want, "{ctype}");
        }
    }
}
