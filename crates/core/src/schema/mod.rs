//! The one JSON schema (v1): request and response types shared by the CLI, the server's
//! `/api/v1/*` endpoints, the SPA and (later) the browser SDK.
//!
//! Rules: decimals travel as JSON strings (`"1000000.00"`, `"0.049"`), never as JSON numbers, so
//! no value passes through a float; unknown fields are rejected; money in responses always has
//! exactly two decimals; rates are fractions (`"0.049"` = 4.9%).

use crate::error::InputError;
use serde::Serialize;

/// The schema version carried in every response.
pub const SCHEMA_VERSION: u32 = 1;

/// Declares a v1 struct: `Debug, Clone, PartialEq, Serialize, Deserialize`, unknown fields
/// rejected, and the serde form of each field chosen by its type, so no field repeats it:
/// `Decimal` travels as a JSON string ([`dec_str`]); `Option<Decimal>` as an optional JSON
/// string, absent when `None` ([`opt_dec_str`]); any other `Option<T>` is absent when `None`.
///
/// Inside a body, `@terms,` `@fees,` and `@events,` stand for the loan fields that several
/// requests share (declared once in [`loan_fields`]).
macro_rules! v1_struct {
    ($(#[$sm:meta])* pub struct $name:ident { $($body:tt)* }) => {
        v1_struct!(@munch [$(#[$sm])*] $name [] $($body)*);
    };
    (@munch [$(#[$sm:meta])*] $name:ident [$($done:tt)*]) => {
        $(#[$sm])*
        #[derive(Debug, Clone, PartialEq, Serialize, Deserialize)]
        #[cfg_attr(feature = "schema", derive(schemars::JsonSchema))]
        #[serde(deny_unknown_fields)]
        pub struct $name { $($done)* }
    };
    (@munch $sm:tt $name:ident $done:tt @$group:ident, $($rest:tt)*) => {
        loan_fields!(@$group v1_struct!(@munch $sm $name $done) $($rest)*);
    };
    (@munch $sm:tt $name:ident [$($done:tt)*]
        $(#[$m:meta])* pub $f:ident: Decimal, $($rest:tt)*) => {
        v1_struct!(@munch $sm $name [$($done)*
            $(#[$m])* #[serde(with = "dec_str")]
            #[cfg_attr(feature = "schema", schemars(with = "crate::schema::DecStr"))]
            pub $f: Decimal,
        ] $($rest)*);
    };
    (@munch $sm:tt $name:ident [$($done:tt)*]
        $(#[$m:meta])* pub $f:ident: Option<Decimal>, $($rest:tt)*) => {
        v1_struct!(@munch $sm $name [$($done)*
            $(#[$m])*
            #[serde(default, with = "opt_dec_str", skip_serializing_if = "Option::is_none")]
            #[cfg_attr(feature = "schema", schemars(with = "crate::schema::DecStr"))]
            pub $f: Option<Decimal>,
        ] $($rest)*);
    };
    (@munch $sm:tt $name:ident [$($done:tt)*]
        $(#[$m:meta])* pub $f:ident: Option<$t:ty>, $($rest:tt)*) => {
        v1_struct!(@munch $sm $name [$($done)*
            $(#[$m])* #[serde(default, skip_serializing_if = "Option::is_none")] pub $f: Option<$t>,
        ] $($rest)*);
    };
    (@munch $sm:tt $name:ident [$($done:tt)*]
        $(#[$m:meta])* pub $f:ident: $t:ty, $($rest:tt)*) => {
        v1_struct!(@munch $sm $name [$($done)* $(#[$m])* pub $f: $t,] $($rest)*);
    };
}

/// The loan fields shared by several requests, each declared once. `@terms`: the loan itself
/// (`ScheduleRequest`, `CompareRequest`); `@fees`: fees, LPR and frequency (those two and
/// `SolveRequest`); `@events`: grace, dates, prepayments, settlement and rate changes (the
/// first two). `@literal` writes a struct literal whose group fields are copied from another
/// value or defaulted, so no conversion lists these fields again.
macro_rules! loan_fields {
    (@terms $cb:ident ! ($($args:tt)*) $($rest:tt)*) => {
        $cb! { $($args)*
            /// Amount borrowed, CNY, 0.01 to 1,000,000,000,000.00, at most 2 decimals.
            pub principal: Decimal,
            /// Nominal annual interest rate as a fraction (0.049 = 4.9%), 0 to 10 (1000%).
            pub annual_rate: Decimal,
            /// Number of months, 1 to 600.
            pub term_months: u32,
            $($rest)*
        }
    };
    (@fees $cb:ident ! ($($args:tt)*) $($rest:tt)*) => {
        $cb! { $($args)*
            /// Fee taken from the disbursement at t=0, CNY (the borrower receives principal −
            /// fee), at most half the principal.
            pub upfront_fee: Option<Decimal>,
            /// Upfront fee as a fraction of the principal (0.01 = 1%), 0 to 0.5; an alternative
            /// to `upfront_fee` (give at most one).
            pub upfront_fee_rate: Option<Decimal>,
            /// Monthly fee as a fraction of the original principal, added to every payment as
            /// `fee`.
            pub monthly_fee_rate: Option<Decimal>,
            /// The one-year LPR used for the 4 × LPR flag, as a fraction; defaults to
            /// [`DEFAULT_LPR_1Y`].
            pub lpr_1y: Option<Decimal>,
            /// Monthly (default) or quarterly payments; quarterly needs `term_months` divisible
            /// by 3.
            pub payment_frequency: Option<Frequency>,
            $($rest)*
        }
    };
    (@events $cb:ident ! ($($args:tt)*) $($rest:tt)*) => {
        $cb! { $($args)*
            /// Interest-only months at the start, before amortising (amortising methods only),
            /// 0 to `term_months − 1`; a multiple of 3 when quarterly.
            pub grace_months: Option<u32>,
            /// The day the money is paid out, `"YYYY-MM-DD"`.
            pub disbursement_date: Option<String>,
            /// The first payment's date, `"YYYY-MM-DD"`; later payments fall on the same day of
            /// month (clamped to month end). Defaults to one period after `disbursement_date`.
            pub first_payment_date: Option<String>,
            /// Day count for an odd first period: `"act_360"` (default, 日利率 = 年利率/360) or
            /// `"act_365"`.
            pub day_count: Option<DayCount>,
            /// Partial prepayments, each made right after the regular payment of its period.
            #[serde(default, skip_serializing_if = "Vec::is_empty")]
            pub prepayments: Vec<Prepayment>,
            /// Full early settlement right after the regular payment of a period.
            pub settlement: Option<Settlement>,
            /// Rate resets (e.g. LPR repricing), in increasing `from_period` order.
            #[serde(default, skip_serializing_if = "Vec::is_empty")]
            pub rate_changes: Vec<RateChange>,
            $($rest)*
        }
    };
    // `@literal Ty { given } [list]`: a `Ty` literal with the `given` fields plus every field
    // of each group in `list`, cloned from `src` after `copy(src)`, moved out of it after
    // `move(src)`, defaulted after `default` (the start). `@feed` hands each group's declarations to `@init`, which writes them.
    (@literal $ty:ident { $($given:tt)* } [$($list:tt)*]) => {
        loan_fields!(@feed [$($list)*] $ty { $($given)* } (default))
    };
    (@feed [] $($acc:tt)*) => { loan_fields!(@init $($acc)*) };
    (@feed [copy($src:expr) $($list:tt)*] $($acc:tt)*) => {
        loan_fields!(@feed [$($list)*] $($acc)* mode (copy $src))
    };
    (@feed [move($src:expr) $($list:tt)*] $($acc:tt)*) => {
        loan_fields!(@feed [$($list)*] $($acc)* mode (move $src))
    };
    (@feed [default $($list:tt)*] $($acc:tt)*) => {
        loan_fields!(@feed [$($list)*] $($acc)* mode (default))
    };
    (@feed [$group:ident $($list:tt)*] $($acc:tt)*) => {
        loan_fields!(@$group loan_fields!(@feed [$($list)*] $($acc)*))
    };
    (@init $ty:ident { $($done:tt)* } $mode:tt) => { $ty { $($done)* } };
    (@init $ty:ident { $($done:tt)* } $mode:tt mode $new:tt $($rest:tt)*) => {
        loan_fields!(@init $ty { $($done)* } $new $($rest)*)
    };
    (@init $ty:ident { $($done:tt)* } (copy $src:expr)
        $(#[$m:meta])* pub $f:ident: $t:ty, $($rest:tt)*) => {
        loan_fields!(@init $ty { $($done)* $f: Clone::clone(&$src.$f), } (copy $src) $($rest)*)
    };
    (@init $ty:ident { $($done:tt)* } (move $src:expr)
        $(#[$m:meta])* pub $f:ident: $t:ty, $($rest:tt)*) => {
        loan_fields!(@init $ty { $($done)* $f: $src.$f, } (move $src) $($rest)*)
    };
    (@init $ty:ident { $($done:tt)* } (default)
        $(#[$m:meta])* pub $f:ident: $t:ty, $($rest:tt)*) => {
        loan_fields!(@init $ty { $($done)* $f: Default::default(), } (default) $($rest)*)
    };
}
pub(crate) use loan_fields;
pub(crate) use v1_struct;

mod json;
#[cfg(feature = "schema")]
pub mod jsonschema;
mod request;
mod response;
mod tree;
pub(crate) mod whole;

pub use json::from_json;
#[cfg(feature = "schema")]
pub use jsonschema::DecStr;
pub use request::*;
pub use response::*;

/// An error body as every LoanLens surface reports it: `{"error":{"field":…,"message":…}}`.
#[derive(Debug, Clone, PartialEq, Serialize)]
#[cfg_attr(feature = "schema", derive(schemars::JsonSchema))]
pub struct ErrorBody {
    /// The error.
    pub error: InputError,
}

/// Decimal ⇄ JSON string. Deserialising accepts only a string holding a plain decimal
/// (`"1000000.00"`, `"-3"`, `"0.049"`): JSON numbers, exponents and blanks are refused.
pub mod dec_str {
    use rust_decimal::Decimal;
    use serde::{de, Deserializer, Serializer};
    use std::str::FromStr;

    /// Serialises as a string.
    pub fn serialize<S: Serializer>(d: &Decimal, s: S) -> Result<S::Ok, S::Error> {
        let mut buf = [0u8; TEXT_MAX];
        s.serialize_str(write(d, &mut buf))
    }

    /// Room for any `Decimal` as text: 29 digits, a point, a sign and leading zeros up to
    /// scale 28 (`-0.0000000000000000000000000001`).
    pub const TEXT_MAX: usize = 32;

    /// `d` as its `Display` writes it (`1000000.00`, `-0.05`, `7`), built from the mantissa and
    /// scale without `core::fmt`: writing decimals was most of the time of a schedule's JSON
    /// (callgrind, docs/benchmarks.md), and most mantissas fit a `u64`, whose division is one
    /// instruction where `u128`'s is a library call (on wasm32 above all).
    ///
    /// ```
    /// use loanlens_core::schema::dec_str::{write, TEXT_MAX};
    /// use rust_decimal::Decimal;
    /// let mut buf = [0u8; TEXT_MAX];
    /// assert_eq!(write(&Decimal::new(-5, 2), &mut buf), "-0.05");
    /// assert_eq!(write(&Decimal::new(530727, 2), &mut buf), "5307.27");
    /// assert_eq!(write(&Decimal::MAX, &mut buf), Decimal::MAX.to_string());
    /// ```
    pub fn write<'a>(d: &Decimal, buf: &'a mut [u8; TEXT_MAX]) -> &'a str {
        let m = d.mantissa();
        let scale = d.scale() as usize;
        let mut i = buf.len();
        let mut digits = 0usize;
        let mut put = |digit: u8, i: &mut usize, digits: &mut usize| {
            *i -= 1;
            buf[*i] = b'0' + digit;
            *digits += 1;
            if *digits == scale {
                *i -= 1;
                buf[*i] = b'.';
            }
        };
        let mut u = m.unsigned_abs();
        // Past u64, peel digits in u128 until the rest fits.
        while u > u128::from(u64::MAX) {
            put((u % 10) as u8, &mut i, &mut digits);
            u /= 10;
        }
        let mut v = u as u64;
        loop {
            put((v % 10) as u8, &mut i, &mut digits);
            v /= 10;
            if v == 0 && digits > scale {
                break;
            }
        }
        if m < 0 {
            i -= 1;
            buf[i] = b'-';
        }
        std::str::from_utf8(&buf[i..]).unwrap_or_default()
    }

    /// Deserialises from a string.
    pub fn deserialize<'de, D: Deserializer<'de>>(d: D) -> Result<Decimal, D::Error> {
        d.deserialize_any(DecVisitor)
    }

    /// Takes a string; anything else is named by its kind, never its value: errors must not
    /// echo what was sent. (One visitor rather than an untagged enum: no buffering of the
    /// value, and no `serde_json::Value` in the WebAssembly.)
    struct DecVisitor;

    impl DecVisitor {
        fn found<E: de::Error>(kind: &str) -> Result<Decimal, E> {
            Err(E::custom(format_args!(
                "expected a decimal written as a JSON string such as \"1000.00\", found {kind}"
            )))
        }
    }

    impl<'de> de::Visitor<'de> for DecVisitor {
        type Value = Decimal;

        fn expecting(&self, f: &mut std::fmt::Formatter) -> std::fmt::Result {
            f.write_str("a decimal written as a JSON string")
        }
        fn visit_str<E: de::Error>(self, s: &str) -> Result<Decimal, E> {
            parse(s).map_err(E::custom)
        }
        fn visit_bool<E: de::Error>(self, _: bool) -> Result<Decimal, E> {
            Self::found("a boolean")
        }
        fn visit_i64<E: de::Error>(self, _: i64) -> Result<Decimal, E> {
            Self::found("a number")
        }
        fn visit_u64<E: de::Error>(self, _: u64) -> Result<Decimal, E> {
            Self::found("a number")
        }
        fn visit_f64<E: de::Error>(self, _: f64) -> Result<Decimal, E> {
            Self::found("a number")
        }
        fn visit_unit<E: de::Error>(self) -> Result<Decimal, E> {
            Self::found("null")
        }
        fn visit_seq<A: de::SeqAccess<'de>>(self, _: A) -> Result<Decimal, A::Error> {
            Self::found("an array")
        }
        fn visit_map<A: de::MapAccess<'de>>(self, _: A) -> Result<Decimal, A::Error> {
            Self::found("an object")
        }
    }

    /// Parses a plain decimal string.
    pub fn parse(s: &str) -> Result<Decimal, String> {
        let plain = !s.is_empty()
            && s.len() <= 40
            && s.bytes().all(|b| b.is_ascii_digit() || b == b'.' || b == b'-')
            && s.bytes().any(|b| b.is_ascii_digit());
        if !plain {
            return Err("is not a plain decimal number".into());
        }
        Decimal::from_str_exact(s)
            .or_else(|_| Decimal::from_str(s))
            .map_err(|_| "is not a decimal number in range".into())
    }
}

/// `Option<Decimal>` ⇄ optional JSON string.
pub mod opt_dec_str {
    use rust_decimal::Decimal;
    use serde::{Deserializer, Serializer};

    /// Serialises `Some` as a string (`None` is skipped by the field attribute).
    pub fn serialize<S: Serializer>(d: &Option<Decimal>, s: S) -> Result<S::Ok, S::Error> {
        match d {
            Some(d) => super::dec_str::serialize(d, s),
            None => s.serialize_none(),
        }
    }

    /// Deserialises a present field; an absent one is `None` through `#[serde(default)]`.
    pub fn deserialize<'de, D: Deserializer<'de>>(d: D) -> Result<Option<Decimal>, D::Error> {
        super::dec_str::deserialize(d).map(Some)
    }
}
