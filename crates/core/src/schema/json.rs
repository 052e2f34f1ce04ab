//! [`from_json`]: the one way every surface (CLI, server, tests) reads a v1 body from JSON text.
//!
//! Rules (docs/schema.md): the text is exactly one JSON value with nothing but whitespace after
//! it; syntax is checked before types, so broken JSON is always reported as such; an error names
//! the field by JSON path and the expected shape, never the value sent (a phone number sent as a
//! JSON number must not come back in an error, nor reach a log through one).

use super::tree::{De, Node};
use crate::error::InputError;
use serde::de::DeserializeOwned;

/// Parses a JSON request with an error that names the offending field.
///
/// ```
/// use loanlens_core::schema::{from_json, ScheduleRequest};
/// let err = from_json::<ScheduleRequest>(
///     r#"{"principal":13800138000,"annual_rate":"0.05","term_months":12,"method":"bullet"}"#,
/// ).unwrap_err();
/// assert_eq!(err.field, "principal");
/// assert!(!err.message.contains("13800138000"));
/// let trailing = r#"{"principal":"100","annual_rate":"0.05","term_months":12,"method":"bullet"} x"#;
/// assert_eq!(from_json::<ScheduleRequest>(trailing).unwrap_err().field, "body");
/// ```
pub fn from_json<T: DeserializeOwned>(json: &str) -> Result<T, InputError> {
    // serde_json's `from_str` checks the syntax and the end of input, and its syntax messages
    // carry positions, not values.
    let node: Node = serde_json::from_str(json).map_err(|e| not_json(&e.to_string()))?;
    // Every v1 body is an object. serde's derived structs also accept an array of their fields
    // in declaration order (`[35]` would read as `{"age":35}`): refuse that rather than guess.
    if !matches!(node, Node::Obj(_)) {
        return Err(InputError::new("body", "must be a JSON object"));
    }
    T::deserialize(De(&node)).map_err(|e| {
        if e.syntax {
            return not_json(&e.message);
        }
        let path = e.path();
        let field = if path == "." { "body".to_string() } else { path };
        InputError::new(field, redact(without_position(&e.message)))
    })
}

fn not_json(message: &str) -> InputError {
    InputError::new("body", format!("is not valid JSON: {}", without_position(message)))
}

/// serde_json appends " at line 1 column 17"; a person wants the field and the rule.
fn without_position(msg: &str) -> &str {
    msg.rfind(" at line ").map_or(msg, |i| &msg[..i])
}

/// A serde message without the submitted value: `invalid type: integer `13800138000`,
/// expected a string` → `invalid type: integer, expected a string`. Field names (`unknown
/// field `x``) stay: they are the request's shape, and they are how a client finds its typo.
/// (The core's own messages, such as [`super::dec_str`]'s, never carry the value.)
fn redact(message: &str) -> String {
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
    message.to_string()
}

#[cfg(test)]
mod tests {
    use super::*;
    use crate::schema::{ScheduleRequest, XirrRequest};

    fn err(json: &str) -> InputError {
        from_json::<ScheduleRequest>(json).unwrap_err()
    }

    const LOAN: &str = r#""annual_rate":"0.05","term_months":12,"method":"bullet""#;

    #[test]
    fn a_body_must_be_an_object_not_an_array_of_fields() {
        let e = from_json::<crate::scorecard::Profile>("[35]").unwrap_err();
        assert_eq!((e.field.as_str(), e.message.as_str()), ("body", "must be a JSON object"));
        assert_eq!(from_json::<ScheduleRequest>(" null").unwrap_err().field, "body");
        assert_eq!(from_json::<crate::scorecard::Profile>(r#" {"age":35}"#).unwrap().age, Some(35));
    }

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
    fn nothing_may_follow_the_value() {
        for tail in [" xyz", " {}", ",", " 1", "]"] {
            let e = err(&format!(r#"{{"principal":"100",{LOAN}}}{tail}"#));
            assert_eq!(e.field, "body", "{tail}");
            assert!(e.message.starts_with("is not valid JSON: trailing"), "{tail}: {e}");
        }
        assert!(from_json::<ScheduleRequest>(&format!("{{\"principal\":\"1\",{LOAN}}} \n")).is_ok());
    }

    #[test]
    fn broken_json_is_reported_before_a_wrong_type() {
        let e = err(r#"{"principal":100,"annual_rate":"#);
        assert_eq!(
            (e.field.as_str(), e.message.as_str()),
            ("body", "is not valid JSON: EOF while parsing a value")
        );
    }

    #[test]
    fn errors_name_the_field_and_never_the_value_sent() {
        let cases = [
            (format!(r#"{{"principal":13800138000,{LOAN}}}"#), "principal",
             "expected a decimal written as a JSON string such as \"1000.00\", found a number"),
            (format!(r#"{{"principal":"13800138000x",{LOAN}}}"#), "principal",
             "is not a plain decimal number"),
            (r#"{"principal":"1","annual_rate":"0.05","term_months":"13800138000","method":"bullet"}"#.into(),
             "term_months", "invalid type: string, expected u32"),
            (r#"{"principal":"1","annual_rate":"0.05","term_months":13800138000,"method":"bullet"}"#.into(),
             "term_months", "invalid value: integer, expected u32"),
            (r#"{"principal":"1","annual_rate":"0.05","term_months":12,"method":"13800138000"}"#.into(),
             "method", "unknown variant, expected one of `equal_installment`, `equal_principal`, `interest_only`, `bullet`, `flat_rate`"),
            (format!(r#"{{"principal":"1",{LOAN},"prepayments":[{{"period":1,"amount":"1","mode":"x"}}],"n":1}}"#),
             "prepayments[0].mode", "unknown variant, expected `shorten_term` or `reduce_payment`"),
            (format!(r#"{{"principal":"1",{LOAN},"principle":"13800138000"}}"#), "principle",
             "unknown field `principle`, expected one of"),
        ];
        for (json, field, message) in cases {
            let e = err(&json);
            assert_eq!(e.field, field, "{json}");
            assert!(e.message.starts_with(message), "{json}: {e}");
            assert!(!e.message.contains("13800138000"), "{json}: {e}");
        }
        let e = from_json::<XirrRequest>(r#"{"flows":[{"date":13800138000,"amount":"1"}]}"#)
            .unwrap_err();
        assert_eq!(e.to_string(), "flows[0].date: invalid type: integer, expected a string");
    }

    #[test]
    fn missing_fields_name_themselves_repeated_ones_their_object_and_arrays_are_not_objects() {
        let cases = [
            (
                format!(r#"{{"principal":"1","principal":"2",{LOAN}}}"#),
                "body",
                "duplicate field `principal`",
            ),
            (
                format!(
                    r#"{{"principal":"1",{LOAN},"prepayments":[{{"period":1,"amount":"1"}}]}}"#
                ),
                "prepayments[0].mode",
                "is required",
            ),
            (
                format!(r#"{{"principal":"1",{LOAN},"prepayments":[[1,"1","shorten_term"]]}}"#),
                "prepayments[0]",
                "invalid type: sequence, expected struct Prepayment",
            ),
            (
                r#"{"principal":"1","annual_rate":null,"term_months":12,"method":"bullet"}"#.into(),
                "annual_rate",
                "expected a decimal written as a JSON string such as \"1000.00\", found null",
            ),
            (
                r#"{"principal":"1","annual_rate":"0.05","term_months":1.5,"method":"bullet"}"#
                    .into(),
                "term_months",
                "invalid type: floating point, expected u32",
            ),
            (
                r#"{"principal":"1","annual_rate":"0.05","term_months":null,"method":"bullet"}"#
                    .into(),
                "term_months",
                "invalid type: null, expected u32",
            ),
            (
                r#"{"principal":"1","annual_rate":"0.05","term_months":12,"method":7}"#.into(),
                "body",
                "is not valid JSON: expected value",
            ),
        ];
        for (json, field, message) in cases {
            let e = err(&json);
            assert_eq!((e.field.as_str(), e.message.as_str()), (field, message), "{json}");
        }
        // A missing top-level field names itself, not `body`.
        let e = err(r#"{"annual_rate":"0.05","term_months":12,"method":"bullet"}"#);
        assert_eq!((e.field.as_str(), e.message.as_str()), ("principal", "is required"));
    }
}
