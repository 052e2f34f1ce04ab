//! The pre-check result: the v1 output of `loanlens precheck` and `POST /api/v1/precheck`.

use crate::schema::{dec_str, opt_dec_str, Method};
use rust_decimal::Decimal;
use serde::{Deserialize, Serialize};

/// The outcome of a pre-check.
///
/// ```
/// use loanlens_core::scorecard::Decision;
/// assert_eq!(serde_json::to_string(&Decision::Refer).unwrap(), r#""refer""#);
/// ```
#[derive(Debug, Clone, Copy, PartialEq, Eq, Serialize, Deserialize)]
#[cfg_attr(feature = "schema", derive(schemars::JsonSchema))]
#[serde(rename_all = "snake_case")]
pub enum Decision {
    /// Likely to qualify.
    Pass,
    /// A person will look at it (also every decision of a card without cutoffs).
    Refer,
    /// Not likely to qualify (score below the refer cutoff, or a knockout).
    Decline,
}

/// Which knockout rule fired.
///
/// ```
/// use loanlens_core::scorecard::KnockoutRule;
/// assert_eq!(serde_json::to_string(&KnockoutRule::DtiAboveLimit).unwrap(), r#""dti_above_limit""#);
/// ```
#[derive(Debug, Clone, Copy, PartialEq, Eq, Serialize, Deserialize)]
#[cfg_attr(feature = "schema", derive(schemars::JsonSchema))]
#[serde(rename_all = "snake_case")]
pub enum KnockoutRule {
    /// Age outside the card's band.
    Age,
    /// Debt-to-income (with the new payment) above the card's limit.
    DtiAboveLimit,
    /// A payment is overdue now.
    CurrentlyOverdue,
    /// Full-time student.
    Student,
}

/// A knockout that fired, with its text in both languages.
///
/// ```
/// use loanlens_core::scorecard::{default_scorecard, evaluate, Profile};
/// let r = evaluate(&default_scorecard(), &Profile { currently_overdue: Some(true), ..Profile::default() }).unwrap();
/// assert_eq!(r.knockouts[0].text_en, "You have a payment overdue right now");
/// ```
#[derive(Debug, Clone, PartialEq, Eq, Serialize, Deserialize)]
#[cfg_attr(feature = "schema", derive(schemars::JsonSchema))]
#[serde(deny_unknown_fields)]
pub struct KnockoutHit {
    /// The rule.
    pub rule: KnockoutRule,
    /// Chinese text.
    pub text_zh: String,
    /// English text.
    pub text_en: String,
}

/// A variable that cost points: what would improve the result.
///
/// ```
/// use loanlens_core::scorecard::{default_scorecard, evaluate, Profile};
/// let r = evaluate(&default_scorecard(), &Profile { credit_inquiries_6m: Some(9), ..Profile::default() }).unwrap();
/// assert!(r.reasons.iter().any(|x| x.code == "R_INQUIRIES" && x.shortfall == 40.into()));
/// ```
#[derive(Debug, Clone, PartialEq, Eq, Serialize, Deserialize)]
#[cfg_attr(feature = "schema", derive(schemars::JsonSchema))]
#[serde(deny_unknown_fields)]
pub struct ReasonHit {
    /// The profile field the variable reads.
    pub variable: String,
    /// The reason code.
    pub code: String,
    /// Chinese text.
    pub text_zh: String,
    /// English text.
    pub text_en: String,
    /// The variable's best points minus the points earned (> 0).
    #[serde(with = "dec_str")]
    #[cfg_attr(feature = "schema", schemars(with = "crate::schema::DecStr"))]
    pub shortfall: Decimal,
}

/// An annual rate range (fractions, 0.072 = 7.2%).
///
/// ```
/// let r: loanlens_core::scorecard::AprRange =
///     serde_json::from_str(r#"{"min":"0.072","max":"0.108"}"#).unwrap();
/// assert!(r.min < r.max);
/// ```
#[derive(Debug, Clone, Copy, PartialEq, Eq, Serialize, Deserialize)]
#[cfg_attr(feature = "schema", derive(schemars::JsonSchema))]
#[serde(deny_unknown_fields)]
pub struct AprRange {
    /// Lower end.
    #[serde(with = "dec_str")]
    #[cfg_attr(feature = "schema", schemars(with = "crate::schema::DecStr"))]
    pub min: Decimal,
    /// Upper end.
    #[serde(with = "dec_str")]
    #[cfg_attr(feature = "schema", schemars(with = "crate::schema::DecStr"))]
    pub max: Decimal,
}

/// The indicative offer: the grade's rate range applied to the loan asked for (capped at the
/// affordable amount), with the schedules it implies.
///
/// ```
/// use loanlens_core::scorecard::{default_scorecard, evaluate, Profile};
/// let p: Profile = loanlens_core::schema::from_json(
///     r#"{"age":40,"monthly_income":"20000.00","overdue_count_24m":0,"employment":"salaried",
///         "housing":"own","credit_inquiries_6m":0,"loan":{"principal":"30000.00","term_months":12}}"#,
/// ).unwrap();
/// let r = evaluate(&default_scorecard(), &p).unwrap();
/// let ind = r.indicative.unwrap();
/// assert!(ind.payment_min <= ind.payment_max);
/// ```
#[derive(Debug, Clone, PartialEq, Eq, Serialize, Deserialize)]
#[cfg_attr(feature = "schema", derive(schemars::JsonSchema))]
#[serde(deny_unknown_fields)]
pub struct Indicative {
    /// The principal priced: the amount asked for, or the affordable amount when lower.
    #[serde(with = "dec_str")]
    #[cfg_attr(feature = "schema", schemars(with = "crate::schema::DecStr"))]
    pub principal: Decimal,
    /// Term in months.
    pub term_months: u32,
    /// Repayment method.
    pub method: Method,
    /// The grade's lower annual rate.
    #[serde(with = "dec_str")]
    #[cfg_attr(feature = "schema", schemars(with = "crate::schema::DecStr"))]
    pub apr_min: Decimal,
    /// The grade's upper annual rate.
    #[serde(with = "dec_str")]
    #[cfg_attr(feature = "schema", schemars(with = "crate::schema::DecStr"))]
    pub apr_max: Decimal,
    /// Regular payment at `apr_min`.
    #[serde(with = "dec_str")]
    #[cfg_attr(feature = "schema", schemars(with = "crate::schema::DecStr"))]
    pub payment_min: Decimal,
    /// Regular payment at `apr_max`.
    #[serde(with = "dec_str")]
    #[cfg_attr(feature = "schema", schemars(with = "crate::schema::DecStr"))]
    pub payment_max: Decimal,
    /// Total interest at `apr_min`.
    #[serde(with = "dec_str")]
    #[cfg_attr(feature = "schema", schemars(with = "crate::schema::DecStr"))]
    pub total_interest_min: Decimal,
    /// Total interest at `apr_max`.
    #[serde(with = "dec_str")]
    #[cfg_attr(feature = "schema", schemars(with = "crate::schema::DecStr"))]
    pub total_interest_max: Decimal,
}

/// The result of [`evaluate`](crate::scorecard::evaluate).
///
/// JSON (decimals as strings): `{"schema_version":1,"scorecard_id":…,"scorecard_version":…,
/// "score":"612","decision":"pass","grade":"B","pd":"0.031250","odds":"31",
/// "reasons":[{"variable":"credit_inquiries_6m","code":"R_INQUIRIES","text_zh":…,"text_en":…,
/// "shortfall":"20"}],"knockouts":[],"dti":"0.2150","max_principal":"61234.56",
/// "apr_range":{"min":"0.108","max":"0.150"},"indicative":{…}}`; `grade`, `dti`,
/// `max_principal`, `apr_range` and `indicative` are omitted when unknown.
///
/// ```
/// use loanlens_core::scorecard::{default_scorecard, evaluate, Profile};
/// let r = evaluate(&default_scorecard(), &Profile::default()).unwrap();
/// let json = serde_json::to_value(&r).unwrap();
/// assert_eq!(json["schema_version"], 1);
/// assert!(json.get("max_principal").is_none());
/// ```
#[derive(Debug, Clone, PartialEq, Eq, Serialize, Deserialize)]
#[cfg_attr(feature = "schema", derive(schemars::JsonSchema))]
#[serde(deny_unknown_fields)]
pub struct PrecheckResult {
    /// Always 1.
    pub schema_version: u32,
    /// The card's id.
    pub scorecard_id: String,
    /// The card's version.
    pub scorecard_version: String,
    /// The exact score: earned points plus base points.
    #[serde(with = "dec_str")]
    #[cfg_attr(feature = "schema", schemars(with = "crate::schema::DecStr"))]
    pub score: Decimal,
    /// Pass, refer or decline.
    pub decision: Decision,
    /// The grade band the score falls in (absent when below every band or the card has none).
    #[serde(default, skip_serializing_if = "Option::is_none")]
    pub grade: Option<String>,
    /// Estimated probability of default, 1 / (1 + odds), half-up to 6 decimals.
    #[serde(with = "dec_str")]
    #[cfg_attr(feature = "schema", schemars(with = "crate::schema::DecStr"))]
    pub pd: Decimal,
    /// Good:bad odds at the score, half-up to 6 significant digits.
    #[serde(with = "dec_str")]
    #[cfg_attr(feature = "schema", schemars(with = "crate::schema::DecStr"))]
    pub odds: Decimal,
    /// Variables that cost points, largest shortfall first (ties in card order).
    pub reasons: Vec<ReasonHit>,
    /// Knockouts that fired (any one declines).
    pub knockouts: Vec<KnockoutHit>,
    /// Debt-to-income with the new payment at the grade's upper rate, half-up to 4 decimals.
    #[serde(default, with = "opt_dec_str", skip_serializing_if = "Option::is_none")]
    #[cfg_attr(feature = "schema", schemars(with = "crate::schema::DecStr"))]
    pub dti: Option<Decimal>,
    /// Largest principal whose regular payment keeps DTI within the limit, for the term and
    /// method asked for, at the grade's upper rate.
    #[serde(default, with = "opt_dec_str", skip_serializing_if = "Option::is_none")]
    #[cfg_attr(feature = "schema", schemars(with = "crate::schema::DecStr"))]
    pub max_principal: Option<Decimal>,
    /// The grade's indicative annual rate range (absent without a grade).
    #[serde(default, skip_serializing_if = "Option::is_none")]
    pub apr_range: Option<AprRange>,
    /// The indicative offer for the loan asked for.
    #[serde(default, skip_serializing_if = "Option::is_none")]
    pub indicative: Option<Indicative>,
}
