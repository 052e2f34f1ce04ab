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
use serde::de::{DeserializeOwned, IgnoredAny};

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
    // serde_json's `from_str` checks the end of input (the typed parse below does not), limits
    // nesting to 128 levels, and its syntax messages carry positions, not values.
    serde_json::from_str::<IgnoredAny>(text).map_err(|e| {
        let msg = e.to_string();
        let msg = msg.find(" at line ").map_or(msg.as_str(), |i| &msg[..i]);
        InputError::new("body", format!("is not valid JSON: {msg}"))
    })?;
    from_json(text).map_err(|e| InputError::new(e.field, redact(&e.message)))
}

/// A serde message without the submitted value: `invalid type: integer `13800138000`,
/// expected a string` → `invalid type: integer, expected a string`. Field names (`unknown
/// field `x``) stay: they are the request's shape, and they are how a client finds its typo.
pub fn redact(message: &str) -> String {
    for prefix in ["invalid type: ", "invalid value: "] {
        if let Some(rest) = message.strip_prefix(prefix) {
            if let Some(i) = rest.rfind(", expected ") {
                let unexpected = &rest[..i];
                let kind = unexpected.find(['`', '"']).map_or(unexpected, |q| &unexpected[..q]);
                return format!("{prefix}{}{}", kind.trim_end(), &rest[i..]);
            }
        }
    }
    if let Some(rest) = message.strip_prefix("unknown variant ") {
        if let Some(i) = rest.rfind(", expected ") {
            return format!("unknown variant{}", &rest[i..]);
        }
    }
    // The core's decimal messages: `expected a decimal …, found 5` and `"x" is not a … number`.
    if let Some(i) = message.rfind(", found ") {
        return message[..i].to_string();
    }
    if message.starts_with('"') {
        if let Some(i) = message.rfind("\" is not ") {
            return message[i + 2..].to_string();
        }
    }
    message.to_string()
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn redact_keeps_the_shape_and_drops_the_value() {
        let cases = [
            (
                "invalid type: integer `13800138000`, expected a string",
                "invalid type: integer, expected a string",
            ),
            (
                "invalid type: string \"张三, expected x\", expected u32",
                "invalid type: string, expected u32",
            ),
            (
                "unknown variant `secret`, expected one of `a`, `b`",
                "unknown variant, expected one of `a`, `b`",
            ),
            (
                "expected a decimal written as a JSON string such as \"1000.00\", found 42",
                "expected a decimal written as a JSON string such as \"1000.00\"",
            ),
            ("\"abc\" is not a plain decimal number", "is not a plain decimal number"),
            (
                "unknown field `principle`, expected one of `a`",
                "unknown field `principle`, expected one of `a`",
            ),
            ("missing field `phone`", "missing field `phone`"),
        ];
        for (raw, want) in cases {
            assert_eq!(redact(raw), want);
        }
    }

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
