//! The scorecard document: what the risk team ships as data (JSON, schema v1).
//!
//! These types are the document as written, so a broken card can still be read and every
//! problem listed: ranges stay strings and field names stay strings until
//! [`Scorecard::validate`](crate::scorecard::Scorecard::validate) checks them all and returns a
//! [`ValidScorecard`](crate::scorecard::ValidScorecard), the only thing the evaluation accepts.
//! Decimals travel as JSON strings; unknown JSON fields are refused.

use crate::schema::dec_str;
use rust_decimal::Decimal;
use serde::{Deserialize, Serialize};

/// A points scorecard (see `docs/scorecard.md`).
///
/// ```
/// let card = loanlens_core::scorecard::default_scorecard();
/// assert_eq!(card.doc().id, "loanlens-illustrative");
/// ```
#[derive(Debug, Clone, PartialEq, Serialize, Deserialize)]
#[cfg_attr(feature = "schema", derive(schemars::JsonSchema))]
#[serde(deny_unknown_fields)]
pub struct Scorecard {
    /// Stable identifier, e.g. `"loanlens-illustrative"`.
    pub id: String,
    /// Version of this card, e.g. `"2026.11"`.
    pub version: String,
    /// The day the card takes effect, `"YYYY-MM-DD"`.
    pub effective_date: String,
    /// What the card is and where it comes from (shown to staff and on the page).
    #[serde(default)]
    pub description: String,
    /// How a score maps to odds and a probability of default.
    pub scaling: Scaling,
    /// Points added to every score (0 when absent; toad spreads its base into the bins).
    #[serde(default, with = "dec_str", skip_serializing_if = "Decimal::is_zero")]
    #[cfg_attr(feature = "schema", schemars(with = "crate::schema::DecStr"))]
    pub base_points: Decimal,
    /// The variables, each scored by its bins. Their order breaks ties between reasons.
    pub variables: Vec<Variable>,
    /// Rules that decline alone, whatever the points.
    #[serde(default)]
    pub knockouts: Knockouts,
    /// Score cutoffs; absent on an imported card (every application is then referred).
    #[serde(default, skip_serializing_if = "Option::is_none")]
    pub cutoffs: Option<Cutoffs>,
    /// Grade bands, best first (highest `min_score` first).
    #[serde(default, skip_serializing_if = "Vec::is_empty")]
    pub grades: Vec<Grade>,
    /// The debt-to-income rule behind the affordable amount and the DTI knockout.
    #[serde(default, skip_serializing_if = "Option::is_none")]
    pub affordability: Option<Affordability>,
}

/// Points scaling: `odds(S) = base_odds · 2^((S − base_score) / pdo)` (good:bad), and
/// `PD = 1 / (1 + odds)`.
///
/// ```
/// let s: loanlens_core::scorecard::Scaling =
///     serde_json::from_str(r#"{"base_score":"600","base_odds":"50","pdo":"20"}"#).unwrap();
/// assert_eq!(s.pdo, 20.into());
/// ```
#[derive(Debug, Clone, Copy, PartialEq, Serialize, Deserialize)]
#[cfg_attr(feature = "schema", derive(schemars::JsonSchema))]
#[serde(deny_unknown_fields)]
pub struct Scaling {
    /// The score S₀ at which the odds are `base_odds`.
    #[serde(with = "dec_str")]
    #[cfg_attr(feature = "schema", schemars(with = "crate::schema::DecStr"))]
    pub base_score: Decimal,
    /// The odds O₀ (good:bad, > 0) at `base_score`.
    #[serde(with = "dec_str")]
    #[cfg_attr(feature = "schema", schemars(with = "crate::schema::DecStr"))]
    pub base_odds: Decimal,
    /// Points to double the odds (> 0).
    #[serde(with = "dec_str")]
    #[cfg_attr(feature = "schema", schemars(with = "crate::schema::DecStr"))]
    pub pdo: Decimal,
}

/// One scored variable: a profile field cut into bins.
///
/// ```
/// let card = loanlens_core::scorecard::default_scorecard();
/// assert_eq!(card.doc().variables[0].field, "age");
/// ```
#[derive(Debug, Clone, PartialEq, Serialize, Deserialize)]
#[cfg_attr(feature = "schema", derive(schemars::JsonSchema))]
#[serde(deny_unknown_fields)]
pub struct Variable {
    /// The profile field it reads (a JSON name of [`Profile`](crate::scorecard::Profile)).
    pub field: String,
    /// The reason given when this variable costs points.
    pub reason: Option<Reason>,
    /// The bins; a value falls in exactly one.
    pub bins: Vec<Bin>,
}

/// A reason code with its text in both languages.
///
/// ```
/// let r: loanlens_core::scorecard::Reason =
///     serde_json::from_str(r#"{"code":"R_AGE","zh":"年龄","en":"Age"}"#).unwrap();
/// assert_eq!(r.code, "R_AGE");
/// ```
#[derive(Debug, Clone, PartialEq, Eq, Serialize, Deserialize)]
#[cfg_attr(feature = "schema", derive(schemars::JsonSchema))]
#[serde(deny_unknown_fields)]
pub struct Reason {
    /// Stable code, e.g. `"R_INCOME"`.
    pub code: String,
    /// Chinese text, phrased as what would improve the result.
    pub zh: String,
    /// English text.
    pub en: String,
}

/// One bin: which values it takes and the points it earns.
///
/// ```
/// use loanlens_core::scorecard::{Bin, BinMatch};
/// let b: Bin = serde_json::from_str(r#"{"when":{"range":"[25, 35)"},"points":"12.5"}"#).unwrap();
/// assert_eq!(b.when, BinMatch::Range("[25, 35)".into()));
/// ```
#[derive(Debug, Clone, PartialEq, Serialize, Deserialize)]
#[cfg_attr(feature = "schema", derive(schemars::JsonSchema))]
#[serde(deny_unknown_fields)]
pub struct Bin {
    /// Which values fall in this bin.
    pub when: BinMatch,
    /// Points earned (may be negative).
    #[serde(with = "dec_str")]
    #[cfg_attr(feature = "schema", schemars(with = "crate::schema::DecStr"))]
    pub points: Decimal,
}

/// Which values a bin takes.
///
/// JSON: `{"range": "[25, 35)"}`, `{"values": ["own", "mortgage"]}`, `{"special": ["-1"]}`,
/// `"missing"`, `"else"`.
///
/// ```
/// use loanlens_core::scorecard::BinMatch;
/// assert_eq!(serde_json::to_string(&BinMatch::Missing).unwrap(), r#""missing""#);
/// let v: BinMatch = serde_json::from_str(r#"{"values":["own"]}"#).unwrap();
/// assert_eq!(v, BinMatch::Values(vec!["own".into()]));
/// ```
#[derive(Debug, Clone, PartialEq, Eq, Serialize, Deserialize)]
#[cfg_attr(feature = "schema", derive(schemars::JsonSchema))]
#[serde(rename_all = "snake_case")]
pub enum BinMatch {
    /// A numeric interval: `[a, b)`, `(a, b]`, `[a, b]`, `(a, b)`; `-inf`/`inf` are open ends.
    Range(String),
    /// Categorical values (for a boolean field, `"true"`/`"false"`).
    Values(Vec<String>),
    /// Special values (optbinning): a value listed here is taken here before any range. On a
    /// categorical field it works like `values`.
    Special(Vec<String>),
    /// An absent field (or JSON null).
    Missing,
    /// Every present value no other bin of the variable takes.
    Else,
}

/// Knockout rules: each one that fires declines the application on its own.
///
/// ```
/// let k: loanlens_core::scorecard::Knockouts = serde_json::from_str(r#"{"student":true}"#).unwrap();
/// assert!(k.student && !k.currently_overdue && k.age.is_none());
/// ```
#[derive(Debug, Clone, Default, PartialEq, Serialize, Deserialize)]
#[cfg_attr(feature = "schema", derive(schemars::JsonSchema))]
#[serde(deny_unknown_fields)]
pub struct Knockouts {
    /// Declines when `age` is outside this band (inclusive).
    #[serde(default, skip_serializing_if = "Option::is_none")]
    pub age: Option<AgeBand>,
    /// Declines when debt-to-income, with the new payment, exceeds `affordability.dti_limit`.
    #[serde(default)]
    pub dti_above_limit: bool,
    /// Declines when `currently_overdue` is true.
    #[serde(default)]
    pub currently_overdue: bool,
    /// Declines when `employment` is `student` (no online consumer loans to students).
    #[serde(default)]
    pub student: bool,
}

/// An inclusive age band in years.
///
/// ```
/// let b: loanlens_core::scorecard::AgeBand = serde_json::from_str(r#"{"min":18,"max":60}"#).unwrap();
/// assert_eq!((b.min, b.max), (18, 60));
/// ```
#[derive(Debug, Clone, Copy, PartialEq, Eq, Serialize, Deserialize)]
#[cfg_attr(feature = "schema", derive(schemars::JsonSchema))]
#[serde(deny_unknown_fields)]
pub struct AgeBand {
    /// Youngest accepted age.
    pub min: u32,
    /// Oldest accepted age.
    pub max: u32,
}

/// Score cutoffs: `score ≥ pass` passes, else `score ≥ refer` is referred, else declined.
///
/// ```
/// let c = loanlens_core::scorecard::default_scorecard().doc().cutoffs.unwrap();
/// assert!(c.refer <= c.pass);
/// ```
#[derive(Debug, Clone, Copy, PartialEq, Serialize, Deserialize)]
#[cfg_attr(feature = "schema", derive(schemars::JsonSchema))]
#[serde(deny_unknown_fields)]
pub struct Cutoffs {
    /// Lowest passing score.
    #[serde(with = "dec_str")]
    #[cfg_attr(feature = "schema", schemars(with = "crate::schema::DecStr"))]
    pub pass: Decimal,
    /// Lowest referred score (≤ `pass`).
    #[serde(with = "dec_str")]
    #[cfg_attr(feature = "schema", schemars(with = "crate::schema::DecStr"))]
    pub refer: Decimal,
}

/// A grade band: scores ≥ `min_score` (and below the better grade's) get this grade.
///
/// ```
/// let card = loanlens_core::scorecard::default_scorecard();
/// let a = &card.doc().grades[0];
/// assert_eq!(a.grade, "A");
/// assert!(a.apr_min <= a.apr_max);
/// ```
#[derive(Debug, Clone, PartialEq, Serialize, Deserialize)]
#[cfg_attr(feature = "schema", derive(schemars::JsonSchema))]
#[serde(deny_unknown_fields)]
pub struct Grade {
    /// The grade's name, e.g. `"A"`.
    pub grade: String,
    /// Lowest score in the band.
    #[serde(with = "dec_str")]
    #[cfg_attr(feature = "schema", schemars(with = "crate::schema::DecStr"))]
    pub min_score: Decimal,
    /// Indicative annual rate range (fractions, 0.072 = 7.2%).
    #[serde(with = "dec_str")]
    #[cfg_attr(feature = "schema", schemars(with = "crate::schema::DecStr"))]
    pub apr_min: Decimal,
    /// Upper end of the indicative annual rate range.
    #[serde(with = "dec_str")]
    #[cfg_attr(feature = "schema", schemars(with = "crate::schema::DecStr"))]
    pub apr_max: Decimal,
}

/// The affordability rule: (existing monthly debt payments + the new payment) ÷ monthly income
/// must not exceed `dti_limit`.
///
/// ```
/// let a = loanlens_core::scorecard::default_scorecard().doc().affordability.unwrap();
/// assert_eq!(a.dti_limit.to_string(), "0.5");
/// ```
#[derive(Debug, Clone, Copy, PartialEq, Serialize, Deserialize)]
#[cfg_attr(feature = "schema", derive(schemars::JsonSchema))]
#[serde(deny_unknown_fields)]
pub struct Affordability {
    /// The highest debt-to-income ratio allowed, a fraction in (0, 1], e.g. `"0.5"`.
    #[serde(with = "dec_str")]
    #[cfg_attr(feature = "schema", schemars(with = "crate::schema::DecStr"))]
    pub dti_limit: Decimal,
}

/// One problem in a scorecard, with its place (`variables[3].bins[1]`).
///
/// ```
/// let e = loanlens_core::scorecard::CardError::new("cutoffs", "refer must not exceed pass");
/// assert_eq!(e.to_string(), "cutoffs: refer must not exceed pass");
/// ```
#[derive(Debug, Clone, PartialEq, Eq, Serialize, Deserialize)]
#[cfg_attr(feature = "schema", derive(schemars::JsonSchema))]
#[serde(deny_unknown_fields)]
pub struct CardError {
    /// Where: a JSON path into the document, or `row N` for an imported table.
    pub place: String,
    /// What is wrong.
    pub message: String,
}

impl CardError {
    /// An error at `place`.
    pub fn new(place: impl Into<String>, message: impl Into<String>) -> Self {
        Self { place: place.into(), message: message.into() }
    }
}

impl std::fmt::Display for CardError {
    fn fmt(&self, f: &mut std::fmt::Formatter<'_>) -> std::fmt::Result {
        write!(f, "{}: {}", self.place, self.message)
    }
}

impl std::error::Error for CardError {}
