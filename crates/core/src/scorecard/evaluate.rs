//! Scoring a profile with a checked card. Order: the profile's fields are checked; every
//! variable finds its bin (an absent field without a missing bin is an error naming the field);
//! the score is the exact sum; odds and PD follow from the scaling; the knockouts are evaluated
//! (they decide alone, but the score, grade and reasons are still reported); the affordable
//! principal and the indicative offer are priced with the schedule engine and its solver.

use super::card::{Knockouts, Scaling};
use super::maths::{add, div, mul, pow2, sub};
use super::profile::{Employment, FieldValue, Profile};
use super::result::{
    AprRange, Decision, Indicative, KnockoutHit, KnockoutRule, PrecheckResult, ReasonHit,
};
use super::validate::{Matcher, ValidScorecard};
use crate::error::InputError;
use crate::money::{floor_money, round_money, round_rate, round_significant};
use crate::schema::{Schedule, ScheduleRequest, SolveKind, SolveRequest, SCHEMA_VERSION};
use crate::solve::regular_payment;
use rust_decimal::Decimal;

/// Good:bad odds at `score`: `base_odds · 2^((score − base_score) / pdo)`; `None` when they do
/// not fit a `Decimal` (a checked card never gets there).
///
/// ```
/// use loanlens_core::scorecard::{odds_at, Scaling};
/// let s = Scaling { base_score: 600.into(), base_odds: 50.into(), pdo: 20.into() };
/// assert_eq!(odds_at(&s, 600.into()), Some(50.into()));
/// assert_eq!(odds_at(&s, 620.into()), Some(100.into()));
/// assert_eq!(odds_at(&s, 560.into()), Some("12.5".parse().unwrap()));
/// ```
pub fn odds_at(scaling: &Scaling, score: Decimal) -> Option<Decimal> {
    if scaling.pdo <= Decimal::ZERO {
        return None;
    }
    let x = div(sub(score, scaling.base_score)?, scaling.pdo)?;
    mul(scaling.base_odds, pow2(x)?)
}

/// Probability of default at `score`, `1 / (1 + odds)`, unrounded (≥ 12 significant digits).
///
/// ```
/// use loanlens_core::scorecard::{pd_at, Scaling};
/// let s = Scaling { base_score: 600.into(), base_odds: 50.into(), pdo: 20.into() };
/// let pd = loanlens_core::money::round_rate(pd_at(&s, 620.into()).unwrap(), 6);
/// assert_eq!(pd.to_string(), "0.009901");
/// ```
pub fn pd_at(scaling: &Scaling, score: Decimal) -> Option<Decimal> {
    let odds = odds_at(scaling, score)?;
    div(Decimal::ONE, add(Decimal::ONE, odds)?)
}

fn find_bin(bins: &[(Matcher, Decimal)], value: Option<&FieldValue>) -> Option<Decimal> {
    let hit = |m: &Matcher| match (m, value) {
        (Matcher::Missing, None) => true,
        (Matcher::Special(vs), Some(FieldValue::Number(x))) => vs.contains(x),
        (Matcher::Values(vs), Some(FieldValue::Category(c))) => vs.iter().any(|v| v == c),
        _ => false,
    };
    let range = |m: &Matcher| match (m, value) {
        (Matcher::Range(i), Some(FieldValue::Number(x))) => i.contains(*x),
        _ => false,
    };
    let other = |m: &Matcher| matches!(m, Matcher::Else) && value.is_some();
    // Special values come before ranges, and `else` takes only what nothing else takes.
    [&hit as &dyn Fn(&Matcher) -> bool, &range, &other]
        .iter()
        .find_map(|f| bins.iter().find(|(m, _)| f(m)).map(|b| b.1))
}

fn loan_error(e: InputError) -> InputError {
    InputError::new(format!("loan.{}", e.field), e.message)
}

fn text(rule: KnockoutRule) -> (&'static str, &'static str) {
    match rule {
        KnockoutRule::Age => {
            ("年龄不在可申请范围内", "Your age is outside the range we can lend to")
        }
        KnockoutRule::DtiAboveLimit => (
            "现有月还款加上本笔月供超过收入的可承受比例",
            "Your monthly debt payments, with this loan, exceed the affordable share of income",
        ),
        KnockoutRule::CurrentlyOverdue => {
            ("当前有逾期未还的款项", "You have a payment overdue right now")
        }
        KnockoutRule::Student => (
            "不向全日制在校学生发放网络消费贷款",
            "Online consumer loans are not offered to students",
        ),
    }
}

/// Scores `profile` with `card`.
///
/// Errors: a field out of its range, a field the card needs but the profile lacks (the card has
/// no missing bin for it), or a `loan.*` field the schedule refuses, each naming the field.
///
/// ```
/// use loanlens_core::scorecard::{default_scorecard, evaluate, Decision, KnockoutRule, Profile};
/// let card = default_scorecard();
/// let student = Profile { employment: Some(loanlens_core::scorecard::Employment::Student),
///     ..Profile::default() };
/// let r = evaluate(&card, &student).unwrap();
/// assert_eq!(r.decision, Decision::Decline);
/// assert_eq!(r.knockouts[0].rule, KnockoutRule::Student);
/// ```
pub fn evaluate(card: &ValidScorecard, profile: &Profile) -> Result<PrecheckResult, InputError> {
    profile.validate()?;
    let doc = card.doc();
    let overflow = || InputError::new("scorecard", "the score does not fit a decimal");
    let mut score = doc.base_points;
    let mut shortfalls = Vec::new();
    for (v, cv) in doc.variables.iter().zip(&card.vars) {
        let value = profile.value(&v.field);
        let points = find_bin(&cv.bins, value.as_ref()).ok_or_else(|| match value {
            None => InputError::new(
                v.field.as_str(),
                "is needed: this scorecard has no bin for a missing answer",
            ),
            Some(_) => InputError::new(v.field.as_str(), "falls in no bin of this scorecard"),
        })?;
        score = add(score, points).ok_or_else(overflow)?;
        let short = sub(cv.best, points).ok_or_else(overflow)?;
        if short > Decimal::ZERO {
            shortfalls.push((v, short));
        }
    }
    // A stable sort keeps the card's order between equal shortfalls.
    super::stable_sort(&mut shortfalls, |a, b| a.1 > b.1);
    let reasons = shortfalls
        .into_iter()
        .filter_map(|(v, short)| {
            let r = v.reason.as_ref()?;
            Some(ReasonHit {
                variable: v.field.clone(),
                code: r.code.clone(),
                text_zh: r.zh.clone(),
                text_en: r.en.clone(),
                shortfall: short.normalize(),
            })
        })
        .collect();
    let odds = odds_at(&doc.scaling, score).ok_or_else(overflow)?;
    let pd = div(Decimal::ONE, Decimal::ONE + odds).ok_or_else(overflow)?;
    let grade = doc.grades.iter().find(|g| score >= g.min_score);
    // The rate that prices the new payment: the grade's upper rate, or the lowest grade's.
    let rate = grade.or(doc.grades.last()).map(|g| g.apr_max);

    let asked = match (&profile.loan, rate) {
        (Some(l), Some(r)) => Some(price(l, l.principal, r)?),
        _ => None,
    };
    let income = profile.monthly_income;
    let debts = profile.monthly_debt_payments.unwrap_or_default();
    let new_payment = asked.as_ref().map(regular_payment).unwrap_or_default();
    let owed = debts + new_payment;
    let dti = income.filter(|i| !i.is_zero()).map(|i| round_rate(owed / i, 4));
    let limit = doc.affordability.map(|a| a.dti_limit);
    let over_limit = match (income, limit) {
        (Some(i), Some(l)) => owed > i * l,
        _ => false,
    };
    let knockouts = knockouts(&doc.knockouts, profile, over_limit);

    let max_principal = match (&profile.loan, rate, income, limit) {
        (Some(l), Some(r), Some(i), Some(lim)) => {
            let budget = floor_money(i * lim - debts);
            Some(max_principal(l, r, budget)?)
        }
        _ => None,
    };
    let indicative = match (&profile.loan, grade) {
        (Some(l), Some(g)) => {
            let p = max_principal.map_or(l.principal, |m| m.min(l.principal));
            if p > Decimal::ZERO {
                let (lo, hi) = (price(l, p, g.apr_min)?, price(l, p, g.apr_max)?);
                Some(Indicative {
                    principal: round_money(p),
                    term_months: l.term_months,
                    method: l.method,
                    apr_min: g.apr_min,
                    apr_max: g.apr_max,
                    payment_min: regular_payment(&lo),
                    payment_max: regular_payment(&hi),
                    total_interest_min: lo.total_interest,
                    total_interest_max: hi.total_interest,
                })
            } else {
                None
            }
        }
        _ => None,
    };
    let decision = if !knockouts.is_empty() {
        Decision::Decline
    } else {
        match doc.cutoffs {
            None => Decision::Refer,
            Some(c) if score >= c.pass => Decision::Pass,
            Some(c) if score >= c.refer => Decision::Refer,
            Some(_) => Decision::Decline,
        }
    };
    Ok(PrecheckResult {
        schema_version: SCHEMA_VERSION,
        scorecard_id: doc.id.clone(),
        scorecard_version: doc.version.clone(),
        score: score.normalize(),
        decision,
        grade: grade.map(|g| g.grade.clone()),
        pd: round_rate(pd, 6),
        odds: round_significant(odds, 6).normalize(),
        reasons,
        knockouts,
        dti,
        max_principal,
        apr_range: grade.map(|g| AprRange { min: g.apr_min, max: g.apr_max }),
        indicative,
    })
}

fn knockouts(k: &Knockouts, p: &Profile, over_limit: bool) -> Vec<KnockoutHit> {
    let mut rules = Vec::new();
    if let (Some(band), Some(age)) = (k.age, p.age) {
        if age < band.min || age > band.max {
            rules.push(KnockoutRule::Age);
        }
    }
    if k.dti_above_limit && over_limit {
        rules.push(KnockoutRule::DtiAboveLimit);
    }
    if k.currently_overdue && p.currently_overdue == Some(true) {
        rules.push(KnockoutRule::CurrentlyOverdue);
    }
    if k.student && p.employment == Some(Employment::Student) {
        rules.push(KnockoutRule::Student);
    }
    rules
        .into_iter()
        .map(|rule| {
            let (zh, en) = text(rule);
            KnockoutHit { rule, text_zh: zh.into(), text_en: en.into() }
        })
        .collect()
}

fn request(l: &super::LoanAsk, principal: Decimal, rate: Decimal) -> ScheduleRequest {
    let mut r = ScheduleRequest::new(principal, rate, l.term_months, l.method);
    r.upfront_fee = l.upfront_fee;
    r.monthly_fee_rate = l.monthly_fee_rate;
    r
}

fn price(l: &super::LoanAsk, principal: Decimal, rate: Decimal) -> Result<Schedule, InputError> {
    crate::schedule(&request(l, principal, rate)).map_err(loan_error)
}

/// The largest principal whose regular payment fits `budget` (0.00 when none does). The caller
/// has priced the loan itself at `rate`, so its own fields are valid and a solver error here is
/// about the budget.
fn max_principal(
    l: &super::LoanAsk,
    rate: Decimal,
    budget: Decimal,
) -> Result<Decimal, InputError> {
    if budget < Decimal::new(1, 2) {
        return Ok(round_money(Decimal::ZERO));
    }
    let mut req = SolveRequest::new(SolveKind::MaxPrincipal, budget);
    (req.annual_rate, req.term_months, req.method) =
        (Some(rate), Some(l.term_months), Some(l.method));
    (req.upfront_fee, req.monthly_fee_rate) = (l.upfront_fee, l.monthly_fee_rate);
    match crate::solve(&req) {
        Ok(r) => Ok(round_money(r.principal)),
        Err(e) if e.field == "payment" => Ok(round_money(Decimal::ZERO)),
        Err(e) => Err(loan_error(e)),
    }
}
