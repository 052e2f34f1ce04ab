//! The calculator's state as a pure reducer: the raw text of every input in, the engine's
//! schedule or field-level errors out. No DOM here, so it is all tested on the host.
//!
//! Submodules: `inputs` (every input as typed, with URL ids), `parse` (what people type →
//! values), `request` (inputs → engine requests, engine errors → fields), `query` (inputs ⇄ URL
//! query, also the localStorage format), `csv` (the Excel export), `chart` (yearly subtotals
//! and SVG geometry in integer units).

pub mod chart;
pub mod csv;
pub mod inputs;
pub mod parse;
pub mod query;
pub mod request;

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
    pub fn from_inputs(inputs: Inputs) -> Self {
        let mut s = CalcState {
            inputs,
            errors: FieldErrors::default(),
            result: None,
            request: None,
            stale: false,
        };
        s.recompute();
        s
    }

    /// The error shown under `f`.
    pub fn error(&self, f: Field) -> Option<Key> {
        self.errors.get(f)
    }

    fn recompute(&mut self) {
        let outcome = build_request(&self.inputs)
            .and_then(|req| loanlens_core::schedule(&req).map(|s| (req, s)).map_err(engine_errors));
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
        let i = &mut next.inputs;
        match action {
            CalcAction::Set(f, v) => i.set(f, v),
            CalcAction::SetMethod(m) => i.method = m,
            CalcAction::SetRateKind(k) => {
                // Keep the loan the same when switching: a flat 0.5%/month is a flat 6%/year.
                if let Ok(r) = parse_rate(RateKind::Annual, &i.annual_rate) {
                    let pct = r * Decimal::ONE_HUNDRED;
                    let converted = match (i.rate_kind, k) {
                        (RateKind::Annual, RateKind::MonthlyFlat) => Some(pct / Decimal::from(12)),
                        (RateKind::MonthlyFlat, RateKind::Annual) => Some(pct * Decimal::from(12)),
                        _ => None,
                    };
                    if let Some(c) = converted {
                        i.annual_rate = c.round_dp(6).normalize().to_string();
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
        }
        next.recompute();
        Rc::new(next)
    }
}

#[cfg(test)]
mod tests {
    use super::*;
    use std::str::FromStr;

    // Shared with the other host tests of `state` (e.g. `request/tests.rs`).

    /// `s` after the person does `a`.
    pub(crate) fn act(s: Rc<CalcState>, a: CalcAction) -> Rc<CalcState> {
        s.reduce(a)
    }

    pub(crate) fn dec(s: &str) -> Decimal {
        Decimal::from_str(s).unwrap()
    }

    /// The state of the default inputs changed by `f`.
    pub(crate) fn with(f: impl FnOnce(&mut Inputs)) -> CalcState {
        let mut i = Inputs::default();
        f(&mut i);
        CalcState::from_inputs(i)
    }

    #[test]
    fn default_state_shows_the_mortgage_payment() {
        let s = CalcState::default();
        assert_eq!(s.result.unwrap().first_payment.to_string(), "5307.27");
    }

    #[test]
    fn typing_a_new_term_recomputes() {
        let s = act(Rc::new(CalcState::default()), CalcAction::Set(Field::Term, "240".into()));
        let r = s.result.clone().unwrap();
        assert_eq!(r.rows.len(), 240);
        assert_eq!(r.first_payment.to_string(), "6544.44");
        assert!(!s.stale);
    }

    #[test]
    fn bad_input_keeps_the_last_result_and_marks_it_stale() {
        let s = Rc::new(CalcState::default());
        for (field, text, key) in [
            (Field::Principal, "", Key::ErrEmpty),
            (Field::Principal, "abc", Key::ErrNotNumber),
            (Field::Principal, "-5", Key::ErrPrincipalRange),
            (Field::Principal, "1e9", Key::ErrExponent),
            (Field::Principal, "1.001", Key::ErrCents),
            (Field::Principal, "99999999999999999999999999999999", Key::ErrNotNumber),
            (Field::AnnualRate, "1001", Key::ErrRateRange),
            (Field::AnnualRate, "NaN", Key::ErrNotNumber),
            // Issue 14, defect 7: never guess. "4,9" was read as 49%; "0.049" as 0.049%.
            (Field::AnnualRate, "4,9", Key::ErrRateComma),
            (Field::AnnualRate, "0.049", Key::ErrRateTiny),
            (Field::Principal, "1,00,000", Key::ErrComma),
            (Field::Term, "12.5", Key::ErrTermRange),
            (Field::Term, "0", Key::ErrTermRange),
            (Field::Term, "601", Key::ErrTermRange),
            (Field::UpfrontFee, "2000000", Key::ErrFeeRange),
            (Field::UpfrontFee, "60%", Key::ErrFeeRange),
            (Field::MonthlyFee, "11", Key::ErrMonthlyFeeRange),
            (Field::StartDate, "2025-02-30", Key::ErrDate),
        ] {
            let next = act(s.clone(), CalcAction::Set(field, text.into()));
            assert_eq!(next.error(field), Some(key), "{field:?} = {text:?}");
            assert!(next.stale, "{text:?}");
            assert_eq!(next.result.as_ref().unwrap().first_payment.to_string(), "5307.27");
        }
    }

    #[test]
    fn wan_and_years_give_the_same_mortgage() {
        let s = with(|i| {
            i.principal = "100万".into();
            i.term = "30".into();
            i.term_unit = TermUnit::Years;
        });
        assert_eq!(s.result.unwrap().first_payment.to_string(), "5307.27");
    }

    #[test]
    fn switching_the_term_unit_converts_the_text() {
        let s = act(Rc::new(CalcState::default()), CalcAction::SetTermUnit(TermUnit::Years));
        assert_eq!((s.inputs.term.as_str(), s.inputs.term_unit), ("30", TermUnit::Years));
        let s = act(s, CalcAction::SetTermUnit(TermUnit::Months));
        assert_eq!(s.inputs.term, "360");
        let s = act(s, CalcAction::Set(Field::Term, "7".into()));
        let s = act(s, CalcAction::SetTermUnit(TermUnit::Years));
        assert_eq!((s.inputs.term.as_str(), s.inputs.term_unit), ("7", TermUnit::Months));
    }

    #[test]
    fn a_monthly_flat_fee_rate_is_a_flat_rate_loan_with_its_true_apr() {
        // 0.5% a month on 100,000 over 12 months: 8,333.33 + 500.00 = 8,833.33 each month
        // (the last takes the cent residue). numpy_financial.rate(12, -8833.33, 100000, 0)·12
        // = 0.10895 → nominal APR 10.90%, about 1.8 × the quoted 6%.
        let s = with(|i| {
            i.principal = "10万".into();
            i.rate_kind = RateKind::MonthlyFlat;
            i.annual_rate = "0.5".into();
            i.term = "12".into();
        });
        let r = s.result.unwrap();
        assert_eq!(r.method, Method::FlatRate);
        assert_eq!(r.first_payment, dec("8833.33"));
        assert_eq!(r.total_interest, dec("6000.00"));
        assert_eq!(crate::format::percent(r.apr.nominal), "10.90%");
    }

    #[test]
    fn switching_rate_kind_keeps_the_loan() {
        let s = with(|i| i.annual_rate = "6".into());
        let s = act(Rc::new(s), CalcAction::SetRateKind(RateKind::MonthlyFlat));
        assert_eq!(s.inputs.annual_rate, "0.5");
        assert_eq!(s.inputs.method, Method::FlatRate);
    }
}
