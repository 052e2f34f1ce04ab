//! The calculator's state as a pure reducer: raw text of each input in, a schedule or
//! field-level errors out. No DOM here, so it is tested on the host.

use crate::i18n::Key;
use loanlens_core::schema::{Method, Schedule, ScheduleRequest};
use rust_decimal::Decimal;
use std::rc::Rc;
use std::str::FromStr;
use yew::Reducible;

/// An input field of the calculator.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub enum Field {
    Principal,
    AnnualRate,
    TermMonths,
}

/// Field-level problems, each a message key.
#[derive(Debug, Clone, Default, PartialEq)]
pub struct FieldErrors {
    pub principal: Option<Key>,
    pub annual_rate: Option<Key>,
    pub term_months: Option<Key>,
    /// An engine error not tied to one of the fields above (shown under the form).
    pub other: Option<String>,
}

impl FieldErrors {
    /// Whether any field has an error.
    pub fn any(&self) -> bool {
        self.principal.is_some()
            || self.annual_rate.is_some()
            || self.term_months.is_some()
            || self.other.is_some()
    }
}

/// Everything the calculator shows.
#[derive(Debug, Clone, PartialEq)]
pub struct CalcState {
    pub principal: String,
    pub annual_rate: String,
    pub term_months: String,
    pub method: Method,
    pub errors: FieldErrors,
    /// The last valid result; kept (and marked stale) while the input has errors.
    pub result: Option<Rc<Schedule>>,
    /// The request that produced `result`.
    pub request: Option<ScheduleRequest>,
    pub stale: bool,
}

impl Default for CalcState {
    fn default() -> Self {
        CalcState::new("1000000", "4.9", "360", Method::EqualInstallment)
    }
}

/// A change a person makes.
#[derive(Debug, Clone, PartialEq)]
pub enum CalcAction {
    /// New text typed or pasted into a field.
    Set(Field, String),
    /// Another method chosen.
    SetMethod(Method),
}

impl CalcState {
    /// A state from raw inputs, computed.
    pub fn new(principal: &str, annual_rate: &str, term: &str, method: Method) -> Self {
        let mut s = CalcState {
            principal: principal.into(),
            annual_rate: annual_rate.into(),
            term_months: term.into(),
            method,
            errors: FieldErrors::default(),
            result: None,
            request: None,
            stale: false,
        };
        s.recompute();
        s
    }

    fn recompute(&mut self) {
        match parse_request(&self.principal, &self.annual_rate, &self.term_months, self.method) {
            Ok(req) => match loanlens_core::schedule(&req) {
                Ok(s) => {
                    self.errors = FieldErrors::default();
                    self.result = Some(Rc::new(s));
                    self.request = Some(req);
                    self.stale = false;
                }
                Err(e) => {
                    let mut errs = FieldErrors::default();
                    match e.field.as_str() {
                        "principal" => errs.principal = Some(Key::ErrPrincipalRange),
                        "annual_rate" => errs.annual_rate = Some(Key::ErrRateRange),
                        "term_months" => errs.term_months = Some(Key::ErrTermRange),
                        _ => errs.other = Some(e.to_string()),
                    }
                    self.errors = errs;
                    self.stale = self.result.is_some();
                }
            },
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
        match action {
            CalcAction::Set(Field::Principal, v) => next.principal = v,
            CalcAction::Set(Field::AnnualRate, v) => next.annual_rate = v,
            CalcAction::Set(Field::TermMonths, v) => next.term_months = v,
            CalcAction::SetMethod(m) => next.method = m,
        }
        next.recompute();
        Rc::new(next)
    }
}

/// Parses a decimal typed by a person: digits with one optional point, thousands commas and
/// spaces ignored, full-width digits accepted. Returns the error key on failure.
pub fn parse_decimal(raw: &str) -> Result<Decimal, Key> {
    let cleaned: String = raw
        .chars()
        .filter(|c| !matches!(c, ',' | '，' | ' ' | '\u{3000}' | '_'))
        .map(|c| match c {
            '０'..='９' => char::from_u32(c as u32 - '０' as u32 + '0' as u32).unwrap_or(c),
            '．' | '。' => '.',
            _ => c,
        })
        .collect();
    if cleaned.is_empty() {
        return Err(Key::ErrEmpty);
    }
    let ok = cleaned.len() <= 30
        && cleaned.chars().all(|c| c.is_ascii_digit() || c == '.' || c == '-')
        && cleaned.chars().filter(|c| *c == '.').count() <= 1
        && cleaned.chars().skip(1).all(|c| c != '-')
        && cleaned.chars().any(|c| c.is_ascii_digit());
    if !ok {
        return Err(Key::ErrNotNumber);
    }
    Decimal::from_str(&cleaned).map_err(|_| Key::ErrNotNumber)
}

/// Turns the raw inputs into an engine request, or the field errors to show.
pub fn parse_request(
    principal: &str,
    annual_rate_pct: &str,
    term: &str,
    method: Method,
) -> Result<ScheduleRequest, FieldErrors> {
    let mut errs = FieldErrors::default();
    let p = parse_decimal(principal).and_then(|p| {
        if p < Decimal::new(1, 2) || p > loanlens_core::schedule::MAX_PRINCIPAL {
            Err(Key::ErrPrincipalRange)
        } else if p.normalize().scale() > 2 {
            Err(Key::ErrCents)
        } else {
            Ok(p)
        }
    });
    let r = parse_decimal(annual_rate_pct).and_then(|r| {
        if r < Decimal::ZERO || r > Decimal::from(1000) || r.normalize().scale() > 10 {
            Err(Key::ErrRateRange)
        } else {
            Ok(r / Decimal::ONE_HUNDRED)
        }
    });
    let n = parse_decimal(term).and_then(|n| {
        if n.fract().is_zero() && n >= Decimal::ONE && n <= Decimal::from(600) {
            Ok(n.mantissa() as u32 / 10u32.pow(n.scale()))
        } else {
            Err(Key::ErrTermRange)
        }
    });
    errs.principal = p.err();
    errs.annual_rate = r.err();
    errs.term_months = n.err();
    match (p, r, n) {
        (Ok(p), Ok(r), Ok(n)) => Ok(ScheduleRequest::new(p, r, n, method)),
        _ => Err(errs),
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    fn act(s: Rc<CalcState>, a: CalcAction) -> Rc<CalcState> {
        s.reduce(a)
    }

    #[test]
    fn default_state_shows_the_mortgage_payment() {
        let s = CalcState::default();
        assert_eq!(s.result.unwrap().first_payment.to_string(), "5307.27");
    }

    #[test]
    fn typing_a_new_term_recomputes() {
        let s =
            act(Rc::new(CalcState::default()), CalcAction::Set(Field::TermMonths, "240".into()));
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
            (Field::Principal, "1e9", Key::ErrNotNumber),
            (Field::Principal, "1.001", Key::ErrCents),
            (Field::Principal, "99999999999999999999999999999999", Key::ErrNotNumber),
            (Field::AnnualRate, "1001", Key::ErrRateRange),
            (Field::AnnualRate, "NaN", Key::ErrNotNumber),
            (Field::TermMonths, "12.5", Key::ErrTermRange),
            (Field::TermMonths, "0", Key::ErrTermRange),
            (Field::TermMonths, "601", Key::ErrTermRange),
        ] {
            let next = act(s.clone(), CalcAction::Set(field, text.into()));
            let got = match field {
                Field::Principal => next.errors.principal,
                Field::AnnualRate => next.errors.annual_rate,
                Field::TermMonths => next.errors.term_months,
            };
            assert_eq!(got, Some(key), "{field:?} = {text:?}");
            assert!(next.stale, "{text:?}");
            assert_eq!(next.result.as_ref().unwrap().first_payment.to_string(), "5307.27");
        }
    }

    #[test]
    fn people_write_numbers_with_commas_and_full_width_digits() {
        assert_eq!(parse_decimal("1,000,000").unwrap(), Decimal::from(1_000_000));
        assert_eq!(parse_decimal("１２３．５").unwrap(), Decimal::new(1235, 1));
        assert_eq!(parse_decimal(" 4.9 ").unwrap(), Decimal::new(49, 1));
        assert_eq!(parse_decimal("1.2.3"), Err(Key::ErrNotNumber));
        assert_eq!(parse_decimal("5-"), Err(Key::ErrNotNumber));
    }

    #[test]
    fn rate_is_entered_in_percent() {
        let req = parse_request("100000", "12", "12", Method::FlatRate).unwrap();
        assert_eq!(req.annual_rate, Decimal::new(12, 2));
    }
}
