//! The pre-check's state as a pure reducer: the text of every answer, the step shown, the
//! inline errors, the scorecard in use and the result. No DOM and no network here, so all of it
//! is tested on the host. Invariant: scoring happens only in [`Action::Submit`], through the
//! core's `evaluate`, and only when every answer is accepted.

use super::questions::{index_of, out_of_range, profile, AnswerError, QUESTIONS, STEPS};
use loanlens_core::scorecard::{evaluate, CardError, PrecheckResult, DEFAULT_SCORECARD_JSON};
use loanlens_core::scorecard::{Scorecard, ValidScorecard};
use rust_decimal::prelude::ToPrimitive;
use rust_decimal::Decimal;
use std::rc::Rc;
use yew::Reducible;

/// Where the scorecard in use came from.
#[derive(Debug, Clone, PartialEq)]
pub enum CardSource {
    /// The core's built-in default (no card served, or none fetched yet).
    BuiltIn,
    /// The server's `GET /api/v1/scorecard`.
    Served,
    /// The server's card was refused; the built-in one is used. Every error, with its place.
    Refused(Vec<String>),
}

/// The pre-check page's state.
#[derive(Clone)]
pub struct PrecheckState {
    /// The step shown: `0..STEPS` are the form's steps, `STEPS` is the result.
    pub step: usize,
    /// The text of each answer, in [`QUESTIONS`] order.
    pub answers: Vec<String>,
    /// The error shown next to each answer.
    pub errors: Vec<Option<AnswerError>>,
    /// The scorecard that scores (`None` only if the built-in card could not be read and none
    /// was served: the page then says so instead of scoring).
    pub card: Option<Rc<ValidScorecard>>,
    /// Where it came from.
    pub source: CardSource,
    /// The last result (shown on the result step).
    pub result: Option<Rc<PrecheckResult>>,
    /// The built-in card's id: a served card with this id is the illustrative default too.
    pub builtin_id: Rc<str>,
}

impl PartialEq for PrecheckState {
    fn eq(&self, o: &Self) -> bool {
        self.step == o.step
            && self.answers == o.answers
            && self.errors == o.errors
            && match (&self.card, &o.card) {
                (Some(a), Some(b)) => Rc::ptr_eq(a, b),
                (a, b) => a.is_none() && b.is_none(),
            }
            && self.source == o.source
            && self.result == o.result
    }
}

impl Default for PrecheckState {
    fn default() -> Self {
        let card = read_card(DEFAULT_SCORECARD_JSON).ok();
        PrecheckState {
            step: 0,
            answers: QUESTIONS.iter().map(|q| default_answer(q.id).to_string()).collect(),
            errors: vec![None; QUESTIONS.len()],
            builtin_id: card.as_ref().map_or("", |c| c.doc().id.as_str()).into(),
            card: card.map(Rc::new),
            source: CardSource::BuiltIn,
            result: None,
        }
    }
}

/// Reads and checks a scorecard document. Plain `serde_json` rather than the core's
/// `scorecard::from_json`, whose JSON-path tracking costs ~7 KB gzip of this page's budget: a
/// malformed document gets one error at `body`, a well-formed one the core's full list.
pub fn read_card(json: &str) -> Result<ValidScorecard, Vec<CardError>> {
    serde_json::from_str::<Scorecard>(json)
        .map_err(|_| vec![CardError::new("body", "is not a scorecard document (JSON)")])?
        .validate()
}

impl PrecheckState {
    /// A fresh form with the loan a link carries (`?principal=50000&term=24&method=…`, the
    /// calculator's query names, as the calculator's "apply" link writes them). Only plain
    /// numbers and the methods the form offers are taken; anything else is left blank, and
    /// every answer is still checked like a typed one.
    pub fn with_loan_query(query: &str) -> Self {
        let mut s = PrecheckState::default();
        for pair in query.trim_start_matches('?').split('&') {
            let Some((k, v)) = pair.split_once('=') else { continue };
            let plain = !v.is_empty()
                && v.len() <= 20
                && v.bytes().all(|b| b.is_ascii_digit() || b == b'.');
            let id = match k {
                "principal" if plain => "loan_amount",
                "term" if plain => "term_months",
                "method" if super::questions::METHODS.contains(&v) => "method",
                _ => continue,
            };
            if let Some(i) = index_of(id) {
                s.answers[i] = v.to_string();
            }
        }
        s
    }

    /// What the application page needs (`crate::handoff`): the profile scored, the card's
    /// version and the result shown. `None` unless the result shown is a pass or refer of
    /// the current answers.
    pub fn handoff(&self) -> Option<crate::handoff::Handoff> {
        let r = self.result.as_ref()?;
        if r.decision == loanlens_core::scorecard::Decision::Decline {
            return None;
        }
        let profile = profile(&self.answers).ok()?;
        profile.loan.as_ref()?;
        Some(crate::handoff::Handoff {
            scorecard_version: r.scorecard_version.clone(),
            profile,
            score: r.score.normalize().to_string(),
            decision: r.decision,
        })
    }
}

/// The answer a fresh form starts with (the loan's usual choices; everything personal blank).
fn default_answer(id: &str) -> &'static str {
    match id {
        "method" => "equal_installment",
        "segment" => "consumer",
        _ => "",
    }
}

/// What a person (or the page) does.
#[derive(Debug, Clone, PartialEq)]
pub enum Action {
    /// An answer's text changed (question index, text).
    Set(usize, String),
    /// Go to the next step (only when this step's answers are accepted).
    Next,
    /// Go back one step.
    Back,
    /// Score the answers and show the result.
    Submit,
    /// Back to the form (the answers kept) from the result.
    Edit,
    /// The server answered `GET /api/v1/scorecard` with this checked card.
    CardServed(Rc<ValidScorecard>),
    /// The server's card was refused with these errors.
    CardRefused(Vec<CardError>),
}

impl PrecheckState {
    /// Whether the card in use is the illustrative built-in one.
    pub fn illustrative(&self) -> bool {
        self.card.as_ref().is_some_and(|c| c.doc().id == *self.builtin_id)
    }

    /// Index of the first question with an error on `step`, if any.
    fn check_step(&mut self, step: usize) -> bool {
        let mut ok = true;
        for (i, q) in QUESTIONS.iter().enumerate().filter(|(_, q)| q.step == step) {
            self.errors[i] = super::questions::check(q, &self.answers[i]);
            ok &= self.errors[i].is_none();
        }
        ok
    }

    /// Scores the answers: the result step, or the first step with a problem.
    fn submit(&mut self) {
        let p = match profile(&self.answers) {
            Ok(p) => p,
            Err(errs) => {
                for (i, e) in &errs {
                    self.errors[*i] = Some(e.clone());
                }
                self.step = errs.iter().map(|(i, _)| QUESTIONS[*i].step).min().unwrap_or(0);
                return;
            }
        };
        let Some(card) = self.card.clone() else { return };
        match evaluate(&card, &p) {
            Ok(r) => {
                self.result = Some(Rc::new(r));
                self.step = STEPS;
            }
            Err(e) => {
                // The card needs an answer the person left blank (no missing bin), or the loan
                // cannot be priced: show it at its question.
                let field = e.field.strip_prefix("loan.").unwrap_or(&e.field);
                let field = if field == "principal" { "loan_amount" } else { field };
                let i = index_of(field).unwrap_or(QUESTIONS.len() - 1);
                self.errors[i] = Some(if self.answers[i].trim().is_empty() {
                    AnswerError::Needed
                } else {
                    out_of_range(field)
                });
                self.step = QUESTIONS[i].step;
                self.result = None;
            }
        }
    }
}

impl Reducible for PrecheckState {
    type Action = Action;

    fn reduce(self: Rc<Self>, action: Action) -> Rc<Self> {
        let mut s = (*self).clone();
        match action {
            Action::Set(i, text) if i < QUESTIONS.len() => {
                // Inline: an error shows as soon as the text is wrong, and goes when it is fixed;
                // a blank required answer is only flagged on Next.
                let err = super::questions::check(&QUESTIONS[i], &text);
                s.errors[i] = err.filter(|e| *e != AnswerError::Empty);
                s.answers[i] = text;
            }
            Action::Set(..) => return self,
            Action::Next if s.step < STEPS - 1 => {
                if s.check_step(s.step) {
                    s.step += 1;
                }
            }
            Action::Next => s.submit(),
            Action::Back => s.step = s.step.saturating_sub(1),
            Action::Submit => s.submit(),
            Action::Edit => s.step = STEPS - 1,
            Action::CardServed(card) => {
                s.card = Some(card);
                s.source = CardSource::Served;
                s.result = None;
                s.step = s.step.min(STEPS - 1);
            }
            Action::CardRefused(errs) => {
                s.source = CardSource::Refused(errs.iter().map(ToString::to_string).collect());
            }
        }
        Rc::new(s)
    }
}

/// The lowest and highest score the card can give: the base points plus each variable's
/// worst (best) bin. The gauge's ends.
pub fn score_range(card: &Scorecard) -> (Decimal, Decimal) {
    let mut lo = card.base_points;
    let mut hi = card.base_points;
    for v in &card.variables {
        let pts = v.bins.iter().map(|b| b.points);
        lo += pts.clone().min().unwrap_or_default();
        hi += pts.max().unwrap_or_default();
    }
    (lo, hi)
}

/// Where `x` sits between `lo` and `hi`, in thousandths, clamped to 0..=1000 (gauge geometry;
/// scores are rounded to whole points first, which no gauge can show anyway).
pub fn per_mille(x: Decimal, lo: Decimal, hi: Decimal) -> u32 {
    let whole = |d: Decimal| d.round().to_i64().unwrap_or(0);
    let (x, lo, hi) = (whole(x), whole(lo), whole(hi));
    if hi <= lo {
        return 0;
    }
    let f = (x.clamp(lo, hi) - lo).saturating_mul(1000) / (hi - lo);
    u32::try_from(f).unwrap_or(0)
}

/// The calculator link that opens the result's loan pre-filled: the principal priced (the
/// amount asked, capped at the affordable amount), the upper indicative rate (in %, the
/// calculator's `rate`), the term in months and the method — the calculator's query names.
pub fn calculator_link(r: &PrecheckResult) -> Option<String> {
    let i = r.indicative.as_ref()?;
    let rate = loanlens_core::money::round_rate(i.apr_max * Decimal::ONE_HUNDRED, 4).normalize();
    let principal = loanlens_core::money::round_money(i.principal).normalize();
    Some(format!(
        "/calculator?principal={principal}&rate={rate}&term={}&method={}",
        i.term_months,
        i.method.id()
    ))
}
