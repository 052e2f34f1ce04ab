//! The calculator's state as a pure reducer: the raw text of every input in, the engine's
//! schedule or field-level errors out. No DOM here, so it is all tested on the host.
//!
//! Submodules: `inputs` (every input as typed, with URL ids), `parse` (what people type →
//! values), `request` (inputs → engine requests, engine errors → fields), `query` (inputs ⇄ URL
//! query, also the localStorage format), `csv` (the Excel export), `chart` (yearly subtotals
//! and SVG geometry in integer units), `prepays` (several prepayment rows, both modes side by
//! side), `payday` (每月还款日 → the first payment date).

pub mod chart;
pub mod csv;
pub mod inputs;
pub mod parse;
pub mod payday;
pub mod prepays;
pub mod query;
pub mod request;
pub mod short;

use crate::i18n::Key;
use inputs::{Field, Inputs, PrepayKind, RateKind};
use loanlens_core::schema::{Method, PrepaymentMode, Schedule, ScheduleRequest, SolveKind};
use parse::{parse_term, TermUnit};
use request::{build_request, engine_errors, parse_rate};
use rust_decimal::Decimal;
use std::rc::Rc;
use yew::Reducible;

/// Field-level problems: each a field and its message key, plus at most one engine message not
/// tied to a field.
#[derive(Debug, Clone, Default, PartialEq)]
pub struct FieldErrors {
    pub fields: Vec<(Field, Key)>,
    pub other: Option<String>,
    /// The allowed range the engine computed for a field's current inputs (the core's
    /// `InputError::min`/`max`), shown after the message: "at least ¥4,471.09".
    pub range: Option<(Field, Option<Decimal>, Option<Decimal>)>,
}

impl FieldErrors {
    /// Whether any field has an error.
    pub fn any(&self) -> bool {
        !self.fields.is_empty() || self.other.is_some()
    }

    /// The error of `f`, if any.
    pub fn get(&self, f: Field) -> Option<Key> {
        self.fields.iter().find(|(g, _)| *g == f).map(|(_, k)| *k)
    }

    /// The engine's allowed range for `f`, if it gave one.
    pub fn range(&self, f: Field) -> Option<(Option<Decimal>, Option<Decimal>)> {
        self.range.filter(|(g, _, _)| *g == f).map(|(_, lo, hi)| (lo, hi))
    }

    fn push(&mut self, f: Field, r: Result<impl Sized, Key>) {
        if let Err(k) = r {
            self.fields.push((f, k));
        }
    }
}

/// Everything the calculator shows.
#[derive(Debug, Clone, PartialEq)]
pub struct CalcState {
    pub inputs: Inputs,
    pub errors: FieldErrors,
    /// The last valid result; kept (and marked stale) while the input has errors.
    pub result: Option<Rc<Schedule>>,
    /// The request that produced `result`.
    pub request: Option<ScheduleRequest>,
    pub stale: bool,
    /// Said once above the form after a link with bad values was opened (issue 14, defect 6).
    pub notice: Option<Key>,
}

impl Default for CalcState {
    fn default() -> Self {
        CalcState::from_inputs(Inputs::default())
    }
}

/// A change a person makes.
#[derive(Debug, Clone, PartialEq)]
pub enum CalcAction {
    /// New text typed or pasted into a field.
    Set(Field, String),
    /// Another method chosen.
    SetMethod(Method),
    SetRateKind(RateKind),
    /// Another term unit; the term text is converted when that is exact.
    SetTermUnit(TermUnit),
    SetPrepayKind(PrepayKind),
    SetPrepayMode(PrepaymentMode),
    SetSolveKind(SolveKind),
    SetOfferMethod(usize, Method),
    /// How offer `n`'s rate is quoted (年利率 or 月费率).
    SetOfferRateKind(usize, RateKind),
    /// Adds an offer to compare, pre-filled with the current loan's term and method.
    AddOffer,
    RemoveOffer(usize),
    /// 每月还款日: `1`–`28`, or empty for the disbursement date's day.
    SetPayDay(String),
    /// Adds a partial prepayment row (`prepays::MAX_PREPAYS` at most).
    AddPrepay,
    /// Removes prepayment row `n` (0 is the first).
    RemovePrepay(usize),
    /// Prepayment row `n`'s mode; `None` sets every row's (the side-by-side choice).
    SetPrepayRowMode(Option<usize>, PrepaymentMode),
}

impl CalcState {
    /// A state from raw inputs (the skeleton's four), computed.
    pub fn new(principal: &str, annual_rate: &str, term: &str, method: Method) -> Self {
        CalcState::from_inputs(Inputs {
            principal: principal.into(),
            annual_rate: annual_rate.into(),
            term: term.into(),
            method,
            ..Inputs::default()
        })
    }

    /// A state from any inputs, computed.
    pub fn from_inputs(mut inputs: Inputs) -> Self {
        // A 每月还款日 the select cannot show (31, 0, abc) is dropped, and the notice says so.
        let bad_day =
            !inputs.pay_day.is_empty() && payday::parse_pay_day(&inputs.pay_day).is_none();
        if bad_day {
            inputs.pay_day.clear();
        }
        let mut s = CalcState {
            inputs,
            errors: FieldErrors::default(),
            result: None,
            request: None,
            stale: false,
            notice: None,
        };
        s.recompute();
        if s.result.is_none() {
            s.fall_back();
        }
        if bad_day && s.notice.is_none() {
            s.notice = Some(Key::LinkPayDayDropped);
        }
        s
    }

    /// A link (or a stored visit) whose values cannot be computed: show the figures of the same
    /// loan with each bad field at its default, marked stale, and keep the bad text in its field
    /// with its error so the person sees what is wrong. An impossible date is dropped instead
    /// (the date input can neither show nor clear it), and the notice says so.
    fn fall_back(&mut self) {
        self.notice = Some(Key::LinkFixed);
        if self.errors.get(Field::StartDate).is_some() {
            // A day of the calendar outside the engine's years is out of range, not missing.
            let exists = parse::date_exists(&self.inputs.start_date);
            self.notice = Some(if exists { Key::LinkDateRange } else { Key::LinkDateDropped });
            self.inputs.start_date.clear();
            self.inputs.pay_day.clear();
            self.recompute();
            if self.result.is_some() {
                return;
            }
        }
        let mut fallback = self.inputs.clone();
        // Only prepayment rows dropped: the figures are the loan without them, and the notice
        // says that rather than "defaults" (issue 14 findings, 1 and 5).
        let mut only_rows = true;
        for _ in 0..3 {
            let bad = CalcState { inputs: fallback.clone(), ..CalcState::empty() }.computed();
            if bad.result.is_some() {
                self.result = bad.result;
                self.request = bad.request;
                self.stale = true;
                if only_rows {
                    self.notice = Some(Key::LinkPrepayDropped);
                }
                return;
            }
            // A refused prepayment row is removed, from the last: removing one renumbers those
            // after it. Any other field goes back to its default.
            let mut rows = Vec::new();
            for (f, _) in &bad.errors.fields {
                match prepays::row_of_field(&fallback, *f) {
                    Some(n) => rows.push(n),
                    None => {
                        only_rows = false;
                        fallback.reset(*f);
                    }
                }
            }
            for n in (0..prepays::MAX_PREPAYS).rev().filter(|n| rows.contains(n)) {
                prepays::remove(&mut fallback, n);
            }
            if bad.errors.fields.is_empty() {
                only_rows = false;
                fallback.prepay_kind = PrepayKind::None;
            }
        }
    }

    fn empty() -> Self {
        CalcState {
            inputs: Inputs::default(),
            errors: FieldErrors::default(),
            result: None,
            request: None,
            stale: false,
            notice: None,
        }
    }

    fn computed(mut self) -> Self {
        self.recompute();
        self
    }

    /// The error shown under `f`.
    pub fn error(&self, f: Field) -> Option<Key> {
        self.errors.get(f)
    }

    fn recompute(&mut self) {
        let outcome = build_request(&self.inputs).and_then(|req| {
            let s = loanlens_core::schedule(&req);
            s.map(|s| (req, s)).map_err(|e| prepays::remap(&self.inputs, engine_errors(e)))
        });
        match outcome {
            Ok((req, s)) => {
                self.errors = FieldErrors::default();
                self.result = Some(Rc::new(s));
                self.request = Some(req);
                self.stale = false;
            }
            Err(errs) => {
                self.errors = errs;
                self.stale = self.result.is_some();
            }
        }
    }
}

impl Reducible for CalcState {
    type Action = CalcAction;

    fn reduce(self: Rc<Self>, action: CalcAction) -> Rc<Self> {
        let mut next = (*self).clone();
        next.notice = None;
        let i = &mut next.inputs;
        match action {
            CalcAction::Set(f, v) => {
                // Without a date there is no 还款日 (its select is hidden): not kept in the link.
                if f == Field::StartDate && v.trim().is_empty() {
                    i.pay_day.clear();
                }
                i.set(f, v)
            }
            CalcAction::SetMethod(m) => i.method = m,
            CalcAction::SetRateKind(k) => {
                // Keep the loan the same when switching: a flat 0.5%/month is a flat 6%/year,
                // a 日利率 of 0.05% is 18.25% a year (× 365).
                if let Ok(annual) = parse_rate(i.rate_kind, &i.annual_rate) {
                    let per_year = match k {
                        RateKind::Annual => 1,
                        RateKind::MonthlyFlat => 12,
                        RateKind::Daily => request::DAYS_PER_YEAR,
                    };
                    if k != i.rate_kind {
                        let pct = annual * Decimal::ONE_HUNDRED / Decimal::from(per_year);
                        i.annual_rate = pct.round_dp(6).normalize().to_string();
                    }
                }
                if k == RateKind::MonthlyFlat {
                    i.method = Method::FlatRate;
                }
                i.rate_kind = k;
            }
            CalcAction::SetTermUnit(u) => {
                if let Ok(m) = parse_term(&i.term, i.term_unit) {
                    match u {
                        TermUnit::Months => i.term = m.to_string(),
                        TermUnit::Years if m % 12 == 0 => i.term = (m / 12).to_string(),
                        TermUnit::Years => {
                            i.term = (Decimal::from(m) / Decimal::from(12)).normalize().to_string();
                            if parse_term(&i.term, TermUnit::Years) != Ok(m) {
                                i.term = m.to_string();
                                return Rc::new(next);
                            }
                        }
                    }
                }
                i.term_unit = u;
            }
            CalcAction::SetPrepayKind(k) => i.prepay_kind = k,
            CalcAction::SetPrepayMode(m) => i.prepay_mode = m,
            CalcAction::SetSolveKind(k) => i.solve_kind = k,
            CalcAction::SetOfferMethod(n, m) => {
                if let Some(o) = i.offers.get_mut(n) {
                    o.method = m;
                }
            }
            CalcAction::SetOfferRateKind(n, k) => {
                if let Some(o) = i.offers.get_mut(n) {
                    o.rate_kind = k;
                }
            }
            CalcAction::AddOffer => {
                i.add_offer();
                return Rc::new(next);
            }
            CalcAction::RemoveOffer(n) => {
                if n < i.offers.len() {
                    i.offers.remove(n);
                }
                return Rc::new(next);
            }
            CalcAction::SetPayDay(d) => {
                i.pay_day = payday::parse_pay_day(&d).map(|d| d.to_string()).unwrap_or_default();
            }
            CalcAction::AddPrepay => {
                // Like a new offer: the empty row says nothing until the person types in it.
                prepays::add(i);
                return Rc::new(next);
            }
            CalcAction::RemovePrepay(n) => prepays::remove(i, n),
            CalcAction::SetPrepayRowMode(n, m) => prepays::set_mode(i, n, m),
        }
        next.recompute();
        Rc::new(next)
    }
}

#[cfg(test)]
pub(crate) mod tests;
