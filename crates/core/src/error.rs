//! The one error type for bad input: it names the field and says what is allowed.

use rust_decimal::Decimal;
use serde::Serialize;
use std::fmt;

/// Bad input, reported to a person. `field` is the JSON field name (a path such as
/// `rate_changes[1].from_period` where needed); `message` says what is allowed.
///
/// ```
/// let e = loanlens_core::InputError::new("term_months", "must be between 1 and 600 months");
/// assert_eq!(e.to_string(), "term_months: must be between 1 and 600 months");
/// ```
#[derive(Debug, Clone, PartialEq, Eq, Serialize)]
#[cfg_attr(feature = "schema", derive(schemars::JsonSchema))]
pub struct InputError {
    /// The offending field, as named in the JSON schema.
    pub field: String,
    /// What is wrong and what range is allowed.
    pub message: String,
    /// The smallest value allowed, when the engine computed it for these inputs (a solver's
    /// smallest workable payment, say): machine-readable, so a page that shows its own words
    /// can still say "at least ¥4,471.09".
    #[serde(default, skip_serializing_if = "Option::is_none", with = "crate::schema::opt_dec_str")]
    #[cfg_attr(feature = "schema", schemars(with = "crate::schema::DecStr"))]
    pub min: Option<Decimal>,
    /// The largest value allowed, when computed for these inputs (a prepayment's balance).
    #[serde(default, skip_serializing_if = "Option::is_none", with = "crate::schema::opt_dec_str")]
    #[cfg_attr(feature = "schema", schemars(with = "crate::schema::DecStr"))]
    pub max: Option<Decimal>,
}

impl InputError {
    /// Creates an error for `field`. Without the `messages` feature (the SPA's build) the
    /// message is dropped, so its text does not ship in the bundle; `field` is always kept.
    pub fn new(field: impl Into<String>, message: impl Into<String>) -> Self {
        #[cfg(feature = "messages")]
        let message = message.into();
        #[cfg(not(feature = "messages"))]
        let message = {
            drop(message);
            String::new()
        };
        Self { field: field.into(), message, min: None, max: None }
    }

    /// The same error with the allowed range the engine computed (either end may be open).
    ///
    /// ```
    /// use rust_decimal::Decimal;
    /// let e = loanlens_core::InputError::new("payment", "too low").with_range(Some(Decimal::new(447109, 2)), None);
    /// assert_eq!(serde_json::to_value(&e).unwrap()["min"], "4471.09");
    /// assert!(serde_json::to_value(&e).unwrap().get("max").is_none());
    /// ```
    pub fn with_range(mut self, min: Option<Decimal>, max: Option<Decimal>) -> Self {
        self.min = min;
        self.max = max;
        self
    }
}

impl fmt::Display for InputError {
    fn fmt(&self, f: &mut fmt::Formatter<'_>) -> fmt::Result {
        if self.message.is_empty() {
            return f.write_str(&self.field);
        }
        write!(f, "{}: {}", self.field, self.message)
    }
}

impl std::error::Error for InputError {}
