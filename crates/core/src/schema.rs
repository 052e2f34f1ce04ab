//! The one JSON schema (v1): request and response types shared by the CLI, the server's
//! `/api/v1/*` endpoints, the SPA and (later) the browser SDK.
//!
//! Rules: decimals travel as JSON strings (`"1000000.00"`, `"0.049"`), never as JSON numbers, so
//! no value passes through a float; unknown fields are rejected; money in responses always has
//! exactly two decimals; rates are fractions (`"0.049"` = 4.9%).

use crate::error::InputError;
use rust_decimal::Decimal;
use serde::{Deserialize, Serialize};

/// The schema version carried in every response.
pub const SCHEMA_VERSION: u32 = 1;

/// Repayment method. The JSON ids are the ones used throughout the product.
#[derive(Debug, Clone, Copy, PartialEq, Eq, Hash, Serialize, Deserialize)]
#[serde(rename_all = "snake_case")]
pub enum Method {
    /// 等额本息: equal total payment every month.
    EqualInstallment,
    /// 等额本金: equal principal part every month, interest on the falling balance.
    EqualPrincipal,
    /// 先息后本: interest every month, all principal in the last month.
    InterestOnly,
    /// 到期一次还本付息: principal and simple interest in one payment at maturity.
    Bullet,
    /// 等本等息: equal principal, interest on the ORIGINAL principal every month.
    FlatRate,
}

impl Method {
    /// Every method, in the order the product lists them.
    pub const ALL: [Method; 5] = [
        Method::EqualInstallment,
        Method::EqualPrincipal,
        Method::InterestOnly,
        Method::Bullet,
        Method::FlatRate,
    ];

    /// The JSON id, e.g. `"equal_installment"`.
    ///
    /// ```
    /// assert_eq!(loanlens_core::schema::Method::Bullet.id(), "bullet");
    /// ```
    pub fn id(self) -> &'static str {
        match self {
            Method::EqualInstallment => "equal_installment",
            Method::EqualPrincipal => "equal_principal",
            Method::InterestOnly => "interest_only",
            Method::Bullet => "bullet",
            Method::FlatRate => "flat_rate",
        }
    }

    /// Parses a JSON id.
    ///
    /// ```
    /// use loanlens_core::schema::Method;
    /// assert_eq!(Method::from_id("flat_rate"), Some(Method::FlatRate));
    /// assert_eq!(Method::from_id("nope"), None);
    /// ```
    pub fn from_id(id: &str) -> Option<Method> {
        Method::ALL.into_iter().find(|m| m.id() == id)
    }
}

/// A request for a repayment schedule.
///
/// Minimal form: `{"principal":"1000000.00","annual_rate":"0.049","term_months":360,
/// "method":"equal_installment"}`.
#[derive(Debug, Clone, PartialEq, Serialize, Deserialize)]
#[serde(deny_unknown_fields)]
pub struct ScheduleRequest {
    /// Amount borrowed, CNY, 0.01 to 1,000,000,000,000.00, at most 2 decimals.
    #[serde(with = "dec_str")]
    pub principal: Decimal,
    /// Nominal annual interest rate as a fraction (0.049 = 4.9%), 0 to 10 (1000%).
    #[serde(with = "dec_str")]
    pub annual_rate: Decimal,
    /// Number of monthly periods, 1 to 600.
    pub term_months: u32,
    /// Repayment method.
    pub method: Method,
    /// Fee taken from the disbursement at t=0, CNY (the borrower receives principal − fee).
    #[serde(default, with = "opt_dec_str", skip_serializing_if = "Option::is_none")]
    pub upfront_fee: Option<Decimal>,
    /// Monthly fee as a fraction of the original principal, added to every payment as `fee`.
    #[serde(default, with = "opt_dec_str", skip_serializing_if = "Option::is_none")]
    pub monthly_fee_rate: Option<Decimal>,
    /// The one-year LPR used for the 4 × LPR flag, as a fraction; defaults to [`DEFAULT_LPR_1Y`].
    #[serde(default, with = "opt_dec_str", skip_serializing_if = "Option::is_none")]
    pub lpr_1y: Option<Decimal>,
}

impl ScheduleRequest {
    /// A request with only the required fields.
    pub fn new(principal: Decimal, annual_rate: Decimal, term_months: u32, method: Method) -> Self {
        Self {
            principal,
            annual_rate,
            term_months,
            method,
            upfront_fee: None,
            monthly_fee_rate: None,
            lpr_1y: None,
        }
    }
}

/// The one-year Loan Prime Rate used when a request gives none: 3.00%, published by the
/// National Interbank Funding Center on 2025-05-20 (see [`DEFAULT_LPR_DATE`]).
pub const DEFAULT_LPR_1Y: Decimal = Decimal::from_parts(300, 0, 0, false, 4);
/// The publication date of [`DEFAULT_LPR_1Y`].
pub const DEFAULT_LPR_DATE: &str = "2025-05-20";

/// One row of a repayment schedule (还款计划表).
#[derive(Debug, Clone, PartialEq, Serialize, Deserialize)]
#[serde(deny_unknown_fields)]
pub struct Row {
    /// Period number, 1-based.
    pub period: u32,
    /// Payment date (ISO 8601), when the request gave dates.
    #[serde(default, skip_serializing_if = "Option::is_none")]
    pub date: Option<String>,
    /// Total paid this period: principal + interest + fee.
    #[serde(with = "dec_str")]
    pub payment: Decimal,
    /// Principal part.
    #[serde(with = "dec_str")]
    pub principal: Decimal,
    /// Interest part.
    #[serde(with = "dec_str")]
    pub interest: Decimal,
    /// Fee part (never mixed into interest).
    #[serde(with = "dec_str")]
    pub fee: Decimal,
    /// Balance outstanding after this payment.
    #[serde(with = "dec_str")]
    pub balance: Decimal,
}

/// The annualised cost (PBOC announcement 〔2021〕 No. 3): the IRR of the borrower's real cash
/// flows with every fee included.
#[derive(Debug, Clone, PartialEq, Serialize, Deserialize)]
#[serde(deny_unknown_fields)]
pub struct Apr {
    /// Periodic (monthly) IRR x, a fraction, 8 decimals.
    #[serde(with = "dec_str")]
    pub monthly: Decimal,
    /// 年化利率 (IRR method): 12·x, a fraction, 6 decimals.
    #[serde(with = "dec_str")]
    pub nominal: Decimal,
    /// Effective annual rate (1+x)¹² − 1, a fraction, 6 decimals.
    #[serde(with = "dec_str")]
    pub effective: Decimal,
}

/// Cost flags raised by the engine.
#[derive(Debug, Clone, PartialEq, Serialize, Deserialize)]
#[serde(deny_unknown_fields)]
pub struct Flags {
    /// Nominal APR above 24%, commonly treated as the high-cost line.
    pub apr_above_24: bool,
    /// Nominal APR above 4 × the one-year LPR (the court protection cap for private lending).
    pub apr_above_4x_lpr: bool,
    /// The one-year LPR the flag used.
    #[serde(with = "dec_str")]
    pub lpr_1y: Decimal,
    /// The LPR's date when it is the built-in default; absent when the request supplied it.
    #[serde(default, skip_serializing_if = "Option::is_none")]
    pub lpr_date: Option<String>,
}

/// The conventions a schedule was computed by, so a user can see why a figure differs from
/// another site's.
#[derive(Debug, Clone, PartialEq, Serialize, Deserialize)]
#[serde(deny_unknown_fields)]
pub struct Conventions {
    /// Always `"half_up_0.01"`.
    pub rounding: String,
    /// How a period's interest is computed, e.g. `"balance × annual_rate / 12, rounded per period"`.
    pub interest: String,
    /// Where rounding residue goes.
    pub residue: String,
    /// How the APR is defined.
    pub apr: String,
}

/// A computed repayment schedule: the response of `schedule`.
#[derive(Debug, Clone, PartialEq, Serialize, Deserialize)]
#[serde(deny_unknown_fields)]
pub struct Schedule {
    /// Always [`SCHEMA_VERSION`].
    pub schema_version: u32,
    /// The method used.
    pub method: Method,
    /// One row per period.
    pub rows: Vec<Row>,
    /// Amount the borrower actually receives at t=0 (principal − upfront fee).
    #[serde(with = "dec_str")]
    pub amount_received: Decimal,
    /// Payment of period 1.
    #[serde(with = "dec_str")]
    pub first_payment: Decimal,
    /// Payment of the last period.
    #[serde(with = "dec_str")]
    pub last_payment: Decimal,
    /// Σ interest.
    #[serde(with = "dec_str")]
    pub total_interest: Decimal,
    /// Σ fees, the upfront fee included.
    #[serde(with = "dec_str")]
    pub total_fees: Decimal,
    /// Σ payments (principal + interest + periodic fees; the upfront fee is not a payment).
    #[serde(with = "dec_str")]
    pub total_payment: Decimal,
    /// The annualised cost.
    pub apr: Apr,
    /// Cost flags.
    pub flags: Flags,
    /// The conventions used.
    pub conventions: Conventions,
}

/// An error body as every LoanLens surface reports it: `{"error":{"field":…,"message":…}}`.
#[derive(Debug, Clone, PartialEq, Serialize)]
pub struct ErrorBody {
    /// The error.
    pub error: InputError,
}

/// Parses a JSON request with an error that names the offending field.
///
/// ```
/// use loanlens_core::schema::{from_json, ScheduleRequest};
/// let err = from_json::<ScheduleRequest>(
///     r#"{"principal":100,"annual_rate":"0.05","term_months":12,"method":"bullet"}"#,
/// ).unwrap_err();
/// assert_eq!(err.field, "principal");
/// ```
pub fn from_json<T: serde::de::DeserializeOwned>(json: &str) -> Result<T, InputError> {
    let de = &mut serde_json::Deserializer::from_str(json);
    let value = serde_path_to_error::deserialize(de).map_err(|e| {
        let path = e.path().to_string();
        let inner = e.into_inner();
        let message = clean_serde_message(&inner.to_string());
        if inner.is_syntax() || inner.is_eof() {
            return InputError::new("body", format!("is not valid JSON: {message}"));
        }
        let field = if path == "." || path == "?" { "body".to_string() } else { path };
        InputError::new(field, message)
    })?;
    Ok(value)
}

/// serde_json appends " at line 1 column 17"; a person wants the field and the rule.
fn clean_serde_message(msg: &str) -> String {
    match msg.rfind(" at line ") {
        Some(i) => msg[..i].to_string(),
        None => msg.to_string(),
    }
}

/// Decimal ⇄ JSON string. Deserialising accepts only a string holding a plain decimal
/// (`"1000000.00"`, `"-3"`, `"0.049"`): JSON numbers, exponents and blanks are refused.
pub mod dec_str {
    use rust_decimal::Decimal;
    use serde::{de, Deserialize, Deserializer, Serializer};
    use std::str::FromStr;

    /// Serialises as a string.
    pub fn serialize<S: Serializer>(d: &Decimal, s: S) -> Result<S::Ok, S::Error> {
        s.collect_str(d)
    }

    /// Deserialises from a string.
    pub fn deserialize<'de, D: Deserializer<'de>>(d: D) -> Result<Decimal, D::Error> {
        #[derive(Deserialize)]
        #[serde(untagged)]
        enum Raw {
            S(String),
            Other(serde_json::Value),
        }
        match Raw::deserialize(d)? {
            Raw::S(s) => parse(&s).map_err(de::Error::custom),
            Raw::Other(v) => Err(de::Error::custom(format!(
                "expected a decimal written as a JSON string such as \"1000.00\", found {v}"
            ))),
        }
    }

    /// Parses a plain decimal string.
    pub fn parse(s: &str) -> Result<Decimal, String> {
        let plain = !s.is_empty()
            && s.len() <= 40
            && s.bytes().all(|b| b.is_ascii_digit() || b == b'.' || b == b'-')
            && s.bytes().any(|b| b.is_ascii_digit());
        if !plain {
            return Err(format!("\"{}\" is not a plain decimal number", truncate(s)));
        }
        Decimal::from_str_exact(s)
            .or_else(|_| Decimal::from_str(s))
            .map_err(|_| format!("\"{}\" is not a decimal number in range", truncate(s)))
    }

    fn truncate(s: &str) -> String {
        s.chars().take(40).collect()
    }
}

/// `Option<Decimal>` ⇄ optional JSON string.
pub mod opt_dec_str {
    use rust_decimal::Decimal;
    use serde::{Deserializer, Serializer};

    /// Serialises `Some` as a string (`None` is skipped by the field attribute).
    pub fn serialize<S: Serializer>(d: &Option<Decimal>, s: S) -> Result<S::Ok, S::Error> {
        match d {
            Some(d) => s.collect_str(d),
            None => s.serialize_none(),
        }
    }

    /// Deserialises a present field; an absent one is `None` through `#[serde(default)]`.
    pub fn deserialize<'de, D: Deserializer<'de>>(d: D) -> Result<Option<Decimal>, D::Error> {
        super::dec_str::deserialize(d).map(Some)
    }
}
