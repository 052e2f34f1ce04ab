//! Whole-number fields whose type errors state the field's allowed range: serde's derived
//! reader of a `u32` answers `term_months: -1` with "expected u32"; read through [`whole`] the
//! same value gets "invalid value: integer, expected a whole number of months from 1 to 360".
//!
//! Invariant: only what is said changes. Every JSON integer that fits the field's type is taken
//! as before (the validator checks the range itself, with the same words); anything else is
//! refused, naming the rule.

use serde::de::{self, Deserializer, Unexpected, Visitor};
use std::fmt;
use std::marker::PhantomData;

struct Whole<T>(&'static str, PhantomData<T>);

impl<'de, T: TryFrom<i64> + TryFrom<u64>> Visitor<'de> for Whole<T> {
    type Value = T;

    fn expecting(&self, f: &mut fmt::Formatter) -> fmt::Result {
        f.write_str(self.0)
    }
    fn visit_i64<E: de::Error>(self, v: i64) -> Result<T, E> {
        T::try_from(v).map_err(|_| E::invalid_value(Unexpected::Signed(v), &self))
    }
    fn visit_u64<E: de::Error>(self, v: u64) -> Result<T, E> {
        T::try_from(v).map_err(|_| E::invalid_value(Unexpected::Unsigned(v), &self))
    }
}

/// A JSON integer that fits `T`; any other value is refused with `rule` (the field's allowed
/// range in words) as what was expected.
///
/// ```
/// use loanlens_core::mortgage::MortgageRequest;
/// let e = loanlens_core::schema::from_json::<MortgageRequest>(r#"{"loan_type":"commercial",
///   "loan_amount":"1000","term_months":-1,"disbursement_date":"2025-06-15"}"#).unwrap_err();
/// assert_eq!(e.field, "term_months");
/// assert_eq!(e.message, "invalid value: integer, expected a whole number of months from 1 to 360");
/// ```
pub(crate) fn whole<'de, D, T>(d: D, rule: &'static str) -> Result<T, D::Error>
where
    D: Deserializer<'de>,
    T: TryFrom<i64> + TryFrom<u64>,
{
    d.deserialize_any(Whole(rule, PhantomData))
}

struct Opt<T>(&'static str, PhantomData<T>);

impl<'de, T: TryFrom<i64> + TryFrom<u64>> Visitor<'de> for Opt<T> {
    type Value = Option<T>;

    fn expecting(&self, f: &mut fmt::Formatter) -> fmt::Result {
        f.write_str(self.0)
    }
    fn visit_none<E: de::Error>(self) -> Result<Option<T>, E> {
        Ok(None)
    }
    fn visit_unit<E: de::Error>(self) -> Result<Option<T>, E> {
        Ok(None)
    }
    fn visit_some<D: Deserializer<'de>>(self, d: D) -> Result<Option<T>, D::Error> {
        whole(d, self.0).map(Some)
    }
}

/// [`whole`] for an optional field: `null` (or, with `#[serde(default)]`, absence) is `None`.
pub(crate) fn opt_whole<'de, D, T>(d: D, rule: &'static str) -> Result<Option<T>, D::Error>
where
    D: Deserializer<'de>,
    T: TryFrom<i64> + TryFrom<u64>,
{
    d.deserialize_option(Opt(rule, PhantomData))
}
