//! Checking a scorecard document as a whole. [`Scorecard::validate`] visits every part and
//! collects every problem with its place; only a card without any problem becomes a
//! [`ValidScorecard`]. Invariants of a `ValidScorecard`: every variable names a profile field
//! and has a reason; a present value of that field falls in exactly one bin; cutoffs and grades
//! are ordered; every reachable score maps to odds within 10⁻¹² … 10¹².

use super::card::{CardError, Scorecard};
use super::evaluate::odds_at;
use super::interval::Interval;
use super::profile::field_kind;
use bins::check_bins;
use rust_decimal::Decimal;

mod bins;

/// Largest |points| (and |base_score|) a card may use.
const MAX_POINTS: Decimal = Decimal::from_parts(1_000_000, 0, 0, false, 0);
/// Most variables a card may have, and most bins a variable may have.
const MAX_VARIABLES: usize = 200;
pub(crate) const MAX_BINS: usize = 200;

/// A bin after checking.
#[derive(Debug, Clone, PartialEq)]
pub(crate) enum Matcher {
    Range(Interval),
    Values(Vec<String>),
    Special(Vec<Decimal>),
    Missing,
    Else,
}

/// A variable after checking.
#[derive(Debug, Clone, PartialEq)]
pub(crate) struct CheckedVariable {
    pub(crate) bins: Vec<(Matcher, Decimal)>,
    pub(crate) best: Decimal,
}

/// A scorecard that passed [`Scorecard::validate`]: the only kind [`evaluate`] accepts.
/// Serialises as its document.
///
/// [`evaluate`]: crate::scorecard::evaluate
///
/// ```
/// let card = loanlens_core::scorecard::default_scorecard();
/// let json = serde_json::to_string(&card).unwrap();
/// assert_eq!(loanlens_core::scorecard::from_json(&json).unwrap(), card);
/// ```
#[derive(Debug, Clone, PartialEq)]
pub struct ValidScorecard {
    doc: Scorecard,
    pub(crate) vars: Vec<CheckedVariable>,
}

impl ValidScorecard {
    /// The document.
    pub fn doc(&self) -> &Scorecard {
        &self.doc
    }

    /// A card with no variables, scoring every profile at its base score.
    pub(crate) fn empty() -> Self {
        let doc = Scorecard {
            id: "empty".into(),
            version: "0".into(),
            effective_date: "1970-01-01".into(),
            description: String::new(),
            scaling: super::Scaling {
                base_score: Decimal::ZERO,
                base_odds: Decimal::ONE,
                pdo: Decimal::ONE,
            },
            base_points: Decimal::ZERO,
            variables: Vec::new(),
            knockouts: Default::default(),
            cutoffs: None,
            grades: Vec::new(),
            affordability: None,
        };
        Self { doc, vars: Vec::new() }
    }

    /// The lowest and highest score the card can give.
    ///
    /// ```
    /// let (lo, hi) = loanlens_core::scorecard::default_scorecard().score_range();
    /// assert!(lo < hi);
    /// ```
    pub fn score_range(&self) -> (Decimal, Decimal) {
        score_range(&self.doc.base_points, self.vars.iter().map(|v| v.bins.as_slice()))
    }
}

impl serde::Serialize for ValidScorecard {
    fn serialize<S: serde::Serializer>(&self, s: S) -> Result<S::Ok, S::Error> {
        self.doc.serialize(s)
    }
}

fn score_range<'a>(
    base: &Decimal,
    vars: impl Iterator<Item = &'a [(Matcher, Decimal)]>,
) -> (Decimal, Decimal) {
    let (mut lo, mut hi) = (*base, *base);
    for bins in vars {
        let min = bins.iter().map(|b| b.1).min().unwrap_or_default();
        let max = bins.iter().map(|b| b.1).max().unwrap_or_default();
        // Bounded by MAX_POINTS × MAX_VARIABLES × …: far inside Decimal's range.
        lo = lo.saturating_add(min);
        hi = hi.saturating_add(max);
    }
    (lo, hi)
}

pub(crate) fn points_ok(p: Decimal) -> bool {
    p.abs() <= MAX_POINTS && p.normalize().scale() <= 16
}

fn is_date(s: &str) -> bool {
    let b = s.as_bytes();
    b.len() == 10
        && b[4] == b'-'
        && b[7] == b'-'
        && b.iter().enumerate().all(|(i, c)| i == 4 || i == 7 || c.is_ascii_digit())
}

impl Scorecard {
    /// Checks the whole card and returns every problem, each with its place.
    ///
    /// ```
    /// use loanlens_core::scorecard::DEFAULT_SCORECARD_JSON;
    /// let mut doc: loanlens_core::scorecard::Scorecard =
    ///     serde_json::from_str(DEFAULT_SCORECARD_JSON).unwrap();
    /// doc.variables[0].reason = None;
    /// doc.variables[1].field = "shoe_size".into();
    /// let errs = doc.validate().unwrap_err();
    /// assert_eq!(errs.len(), 2);
    /// assert_eq!(errs[0].place, "variables[0].reason");
    /// assert!(errs[1].message.contains("shoe_size"));
    /// ```
    pub fn validate(&self) -> Result<ValidScorecard, Vec<CardError>> {
        let mut errs = Vec::new();
        let mut err = |place: String, msg: String| errs.push(CardError::new(place, msg));
        for (name, v) in [("id", &self.id), ("version", &self.version)] {
            if v.trim().is_empty() {
                err(name.into(), "must not be empty".into());
            }
        }
        if !is_date(&self.effective_date) {
            err("effective_date".into(), "must be a date YYYY-MM-DD".into());
        }
        let sc = &self.scaling;
        if sc.base_odds <= Decimal::ZERO || sc.base_odds > Decimal::from(1_000_000_000_000i64) {
            err("scaling.base_odds".into(), "must be above 0 and at most 1000000000000".into());
        }
        if sc.pdo <= Decimal::ZERO || sc.pdo > MAX_POINTS {
            err("scaling.pdo".into(), "must be above 0 and at most 1000000 points".into());
        }
        if sc.base_score.abs() > MAX_POINTS {
            err("scaling.base_score".into(), "must be between -1000000 and 1000000".into());
        }
        if !points_ok(self.base_points) {
            err("base_points".into(), "must be between -1000000 and 1000000, ≤ 16 decimals".into());
        }
        if self.variables.len() > MAX_VARIABLES {
            err("variables".into(), format!("at most {MAX_VARIABLES} variables"));
        }
        let mut vars = Vec::new();
        for (i, v) in self.variables.iter().enumerate() {
            let place = format!("variables[{i}]");
            if let Some(j) = self.variables[..i].iter().position(|w| w.field == v.field) {
                err(
                    format!("{place}.field"),
                    format!("'{}' is already scored by variables[{j}]", v.field),
                );
            }
            match &v.reason {
                None => err(format!("{place}.reason"), "has no reason code".into()),
                Some(r) => {
                    for (k, t) in [("code", &r.code), ("zh", &r.zh), ("en", &r.en)] {
                        if t.trim().is_empty() {
                            err(format!("{place}.reason.{k}"), "must not be empty".into());
                        }
                    }
                }
            }
            let Some(kind) = field_kind(&v.field) else {
                let known: Vec<&str> = super::PROFILE_FIELDS.iter().map(|f| f.0).collect();
                err(
                    format!("{place}.field"),
                    format!("'{}' is not a profile field (known: {})", v.field, known.join(", ")),
                );
                continue;
            };
            if let Some(cv) = check_bins(&place, kind, v, &mut err) {
                vars.push(cv);
            }
        }
        let k = &self.knockouts;
        if let Some(b) = k.age {
            if b.min > b.max || b.max > 120 {
                err("knockouts.age".into(), "needs 0 ≤ min ≤ max ≤ 120".into());
            }
        }
        if k.dti_above_limit && self.affordability.is_none() {
            err("knockouts.dti_above_limit".into(), "needs affordability.dti_limit".into());
        }
        if let Some(c) = self.cutoffs {
            if c.refer > c.pass {
                err(
                    "cutoffs".into(),
                    format!("are unordered: refer {} is above pass {}", c.refer, c.pass),
                );
            }
            if !points_ok(c.pass) || !points_ok(c.refer) {
                err("cutoffs".into(), "must be between -1000000 and 1000000".into());
            }
        }
        for (i, g) in self.grades.iter().enumerate() {
            let place = format!("grades[{i}]");
            if g.grade.trim().is_empty() {
                err(format!("{place}.grade"), "must not be empty".into());
            }
            if i > 0 && g.min_score >= self.grades[i - 1].min_score {
                err(
                    format!("{place}.min_score"),
                    format!("must be below grades[{}].min_score (best grade first)", i - 1),
                );
            }
            if g.apr_min < Decimal::ZERO || g.apr_min > g.apr_max || g.apr_max > Decimal::ONE {
                err(place.clone(), "needs 0 ≤ apr_min ≤ apr_max ≤ 1 (100%)".into());
            }
        }
        if let Some(a) = self.affordability {
            if a.dti_limit <= Decimal::ZERO || a.dti_limit > Decimal::ONE {
                err("affordability.dti_limit".into(), "must be above 0 and at most 1".into());
            }
        }
        let scaling_ok = sc.base_odds > Decimal::ZERO && sc.pdo > Decimal::ZERO;
        if errs.is_empty() && scaling_ok {
            let (lo, hi) = score_range(&self.base_points, vars.iter().map(|v| v.bins.as_slice()));
            let lo_ok = odds_at(sc, lo).is_some_and(|o| o >= Decimal::new(1, 12));
            let hi_ok = odds_at(sc, hi).is_some_and(|o| o <= Decimal::from(1_000_000_000_000i64));
            if !lo_ok || !hi_ok {
                errs.push(CardError::new(
                    "scaling",
                    format!("scores from {lo} to {hi} reach odds outside 10^-12 … 10^12"),
                ));
            }
        }
        if errs.is_empty() {
            Ok(ValidScorecard { doc: self.clone(), vars })
        } else {
            Err(errs)
        }
    }
}
