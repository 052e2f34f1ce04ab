//! The calculator's state as a pure reducer: the raw text of every input in, the engine's
//! schedule or field-level errors out. No DOM here, so it is all tested on the host.
//!
//! Submodules: `parse` (what people type → values), `query` (inputs ⇄ URL query, also the
//! localStorage format), `csv` (the Excel export), `chart` (yearly subtotals and SVG geometry
//! in integer units).

pub mod chart;
pub mod csv;
pub mod parse;
pub mod query;

use crate::i18n::Key;
use loanlens_core::schema::{
    CompareRequest, CompareResponse, Method, Prepayment, PrepaymentMode, RateChange, Schedule,
    ScheduleRequest, Settlement, SolveKind, SolveRequest, SolveResponse,
};
use loanlens_core::InputError;
use parse::{parse_amount, parse_date, parse_percent, parse_period, parse_term, TermUnit};
use rust_decimal::Decimal;
use std::rc::Rc;
use yew::Reducible;

pub use parse::parse_decimal;

/// The most offers compared besides the current loan.
pub const MAX_EXTRA_OFFERS: usize = 2;

/// An input field of the calculator (each has its own inline error).
#[derive(Debug, Clone, Copy, PartialEq, Eq, Hash)]
pub enum Field {
    Principal,
    AnnualRate,
    Term,
    UpfrontFee,
    MonthlyFee,
    StartDate,
    PrepayPeriod,
    PrepayAmount,
    PrepayPenalty,
    RateChangePeriod,
    RateChangeRate,
    SolvePayment,
    OfferRate(usize),
    OfferTerm(usize),
    OfferFee(usize),
    OfferMonthlyFee(usize),
}

/// How the rate field is meant.
#[derive(Debug, Clone, Copy, PartialEq, Eq, Default)]
pub enum RateKind {
    /// 年利率, percent per year.
    #[default]
    Annual,
    /// 月费率 of a flat offer, percent of the original principal per month (等本等息).
    MonthlyFlat,
}

impl RateKind {
    /// The URL id.
    pub fn id(self) -> &'static str {
        match self {
            RateKind::Annual => "annual",
            RateKind::MonthlyFlat => "monthly_flat",
        }
    }

    /// Parses a URL id.
    pub fn from_id(s: &str) -> Option<RateKind> {
        [RateKind::Annual, RateKind::MonthlyFlat].into_iter().find(|k| k.id() == s)
    }
}

/// Which prepayment is simulated.
#[derive(Debug, Clone, Copy, PartialEq, Eq, Default)]
pub enum PrepayKind {
    /// None.
    #[default]
    None,
    /// 部分提前还款.
    Partial,
    /// 提前结清.
    Full,
}

impl PrepayKind {
    /// The URL id.
    pub fn id(self) -> &'static str {
        match self {
            PrepayKind::None => "none",
            PrepayKind::Partial => "partial",
            PrepayKind::Full => "full",
        }
    }

    /// Parses a URL id.
    pub fn from_id(s: &str) -> Option<PrepayKind> {
        [PrepayKind::None, PrepayKind::Partial, PrepayKind::Full].into_iter().find(|k| k.id() == s)
    }
}

/// URL id of a prepayment mode.
pub fn prepay_mode_id(m: PrepaymentMode) -> &'static str {
    match m {
        PrepaymentMode::ShortenTerm => "shorten_term",
        PrepaymentMode::ReducePayment => "reduce_payment",
    }
}

/// Parses a prepayment mode id.
pub fn prepay_mode_from_id(s: &str) -> Option<PrepaymentMode> {
    match s {
        "shorten_term" => Some(PrepaymentMode::ShortenTerm),
        "reduce_payment" => Some(PrepaymentMode::ReducePayment),
        _ => None,
    }
}

/// URL id of a solver kind.
pub fn solve_kind_id(k: SolveKind) -> &'static str {
    match k {
        SolveKind::MaxPrincipal => "max_principal",
        SolveKind::MinTerm => "min_term",
        SolveKind::ImpliedRate => "implied_rate",
    }
}

/// Parses a solver kind id.
pub fn solve_kind_from_id(s: &str) -> Option<SolveKind> {
    [SolveKind::MaxPrincipal, SolveKind::MinTerm, SolveKind::ImpliedRate]
        .into_iter()
        .find(|k| solve_kind_id(*k) == s)
}

/// Another offer to compare with the current loan (same amount).
#[derive(Debug, Clone, PartialEq)]
pub struct Offer {
    /// Annual rate, percent.
    pub rate: String,
    /// Term in months.
    pub term: String,
    pub method: Method,
    /// Upfront fee, 元 or `n%`.
    pub fee: String,
    /// Monthly fee, percent of the principal.
    pub monthly_fee: String,
}

impl Default for Offer {
    fn default() -> Self {
        Offer {
            rate: String::new(),
            term: String::new(),
            method: Method::EqualInstallment,
            fee: String::new(),
            monthly_fee: String::new(),
        }
    }
}

/// Every input as typed: what the URL and localStorage keep.
#[derive(Debug, Clone, PartialEq)]
pub struct Inputs {
    pub principal: String,
    pub rate_kind: RateKind,
    /// The rate text: % per year, or % per month for [`RateKind::MonthlyFlat`].
    pub annual_rate: String,
    pub term: String,
    pub term_unit: TermUnit,
    pub method: Method,
    /// Upfront fee (手续费): 元 (`2000`, `0.2万`) or a percent of the principal (`1%`).
    pub upfront_fee: String,
    /// Monthly fee (月管理费), percent of the original principal.
    pub monthly_fee: String,
    /// Disbursement date; empty = no dates.
    pub start_date: String,
    pub prepay_kind: PrepayKind,
    pub prepay_period: String,
    pub prepay_amount: String,
    pub prepay_mode: PrepaymentMode,
    pub prepay_penalty: String,
    pub rc_period: String,
    pub rc_rate: String,
    pub solve_kind: SolveKind,
    pub solve_payment: String,
    pub offers: Vec<Offer>,
}

impl Default for Inputs {
    fn default() -> Self {
        Inputs {
            principal: "1000000".into(),
            rate_kind: RateKind::Annual,
            annual_rate: "4.9".into(),
            term: "360".into(),
            term_unit: TermUnit::Months,
            method: Method::EqualInstallment,
            upfront_fee: String::new(),
            monthly_fee: String::new(),
            start_date: String::new(),
            prepay_kind: PrepayKind::None,
            prepay_period: String::new(),
            prepay_amount: String::new(),
            prepay_mode: PrepaymentMode::ShortenTerm,
            prepay_penalty: String::new(),
            rc_period: String::new(),
            rc_rate: String::new(),
            solve_kind: SolveKind::MaxPrincipal,
            solve_payment: String::new(),
            offers: Vec::new(),
        }
    }
}

impl Inputs {
    /// The method actually used: a monthly flat fee rate always means 等本等息.
    pub fn effective_method(&self) -> Method {
        match self.rate_kind {
            RateKind::Annual => self.method,
            RateKind::MonthlyFlat => Method::FlatRate,
        }
    }

    /// The text of a field.
    pub fn get(&self, f: Field) -> &str {
        let offer = |i: usize| self.offers.get(i);
        match f {
            Field::Principal => &self.principal,
            Field::AnnualRate => &self.annual_rate,
            Field::Term => &self.term,
            Field::UpfrontFee => &self.upfront_fee,
            Field::MonthlyFee => &self.monthly_fee,
            Field::StartDate => &self.start_date,
            Field::PrepayPeriod => &self.prepay_period,
            Field::PrepayAmount => &self.prepay_amount,
            Field::PrepayPenalty => &self.prepay_penalty,
            Field::RateChangePeriod => &self.rc_period,
            Field::RateChangeRate => &self.rc_rate,
            Field::SolvePayment => &self.solve_payment,
            Field::OfferRate(i) => offer(i).map_or("", |o| &o.rate),
            Field::OfferTerm(i) => offer(i).map_or("", |o| &o.term),
            Field::OfferFee(i) => offer(i).map_or("", |o| &o.fee),
            Field::OfferMonthlyFee(i) => offer(i).map_or("", |o| &o.monthly_fee),
        }
    }

    fn set(&mut self, f: Field, v: String) {
        // Cap what is kept: a pasted novel must not travel into the URL.
        let v: String = v.chars().take(64).collect();
        let slot = match f {
            Field::Principal => &mut self.principal,
            Field::AnnualRate => &mut self.annual_rate,
            Field::Term => &mut self.term,
            Field::UpfrontFee => &mut self.upfront_fee,
            Field::MonthlyFee => &mut self.monthly_fee,
            Field::StartDate => &mut self.start_date,
            Field::PrepayPeriod => &mut self.prepay_period,
            Field::PrepayAmount => &mut self.prepay_amount,
            Field::PrepayPenalty => &mut self.prepay_penalty,
            Field::RateChangePeriod => &mut self.rc_period,
            Field::RateChangeRate => &mut self.rc_rate,
            Field::SolvePayment => &mut self.solve_payment,
            Field::OfferRate(i)
            | Field::OfferTerm(i)
            | Field::OfferFee(i)
            | Field::OfferMonthlyFee(i) => {
                let Some(o) = self.offers.get_mut(i) else { return };
                match f {
                    Field::OfferRate(_) => &mut o.rate,
                    Field::OfferTerm(_) => &mut o.term,
                    Field::OfferFee(_) => &mut o.fee,
                    _ => &mut o.monthly_fee,
                }
            }
        };
        *slot = v;
    }
}

/// Field-level problems: each a field and its message key, plus at most one engine message not
/// tied to a field.
#[derive(Debug, Clone, Default, PartialEq)]
pub struct FieldErrors {
    pub fields: Vec<(Field, Key)>,
    pub other: Option<String>,
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
    /// Adds an offer to compare, pre-filled with the current loan's rate and term.
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
                if let Ok(r) = parse_percent(&i.annual_rate, Decimal::from(1000), Key::ErrRateRange)
                {
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
            CalcAction::AddOffer => {
                if i.offers.len() < MAX_EXTRA_OFFERS {
                    let term = parse_term(&i.term, i.term_unit).map(|m| m.to_string());
                    i.offers.push(Offer {
                        rate: String::new(),
                        term: term.unwrap_or_default(),
                        method: i.effective_method(),
                        ..Offer::default()
                    });
                }
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

fn optional<T>(raw: &str, f: impl FnOnce(&str) -> Result<T, Key>) -> Result<Option<T>, Key> {
    if raw.trim().is_empty() {
        Ok(None)
    } else {
        f(raw).map(Some)
    }
}

/// An upfront fee as the engine takes it: (amount in 元, fraction of the principal).
type Fee = (Option<Decimal>, Option<Decimal>);

/// An upfront fee: 元, or a percent of the principal when it ends with `%`.
fn parse_fee(raw: &str) -> Result<Option<Fee>, Key> {
    optional(raw, |s| {
        let t = s.trim();
        if t.ends_with('%') || t.ends_with('％') {
            parse_percent(t, Decimal::from(50), Key::ErrFeeRange).map(|r| (None, Some(r)))
        } else {
            parse_amount(t)
                .map_err(|k| if k == Key::ErrPrincipalRange { Key::ErrFeeRange } else { k })
                .map(|a| (Some(a), None))
        }
    })
}

fn parse_rate(kind: RateKind, raw: &str) -> Result<Decimal, Key> {
    match kind {
        RateKind::Annual => parse_percent(raw, Decimal::from(1000), Key::ErrRateRange),
        RateKind::MonthlyFlat => parse_percent(raw, Decimal::from(83), Key::ErrMonthlyRateRange)
            .map(|r| r * Decimal::from(12)),
    }
}

/// Turns the inputs into an engine request, or the field errors to show.
pub fn build_request(i: &Inputs) -> Result<ScheduleRequest, FieldErrors> {
    let mut errs = FieldErrors::default();
    let p = parse_amount(&i.principal);
    let r = parse_rate(i.rate_kind, &i.annual_rate);
    let n = parse_term(&i.term, i.term_unit);
    let fee = parse_fee(&i.upfront_fee);
    let mfee =
        optional(&i.monthly_fee, |s| parse_percent(s, Decimal::from(10), Key::ErrMonthlyFeeRange));
    let date = optional(&i.start_date, parse_date);
    errs.push(Field::Principal, p);
    errs.push(Field::AnnualRate, r);
    errs.push(Field::Term, n);
    errs.push(Field::UpfrontFee, fee);
    errs.push(Field::MonthlyFee, mfee);
    errs.push(Field::StartDate, date.clone());

    let penalty = || {
        optional(&i.prepay_penalty, |s| parse_percent(s, Decimal::from(10), Key::ErrPenaltyRange))
    };
    let mut prepayments = Vec::new();
    let mut settlement = None;
    match i.prepay_kind {
        PrepayKind::None => {}
        PrepayKind::Partial => {
            let period = parse_period(&i.prepay_period);
            let amount = parse_amount(&i.prepay_amount).map_err(|k| {
                if k == Key::ErrPrincipalRange {
                    Key::ErrPrepayAmount
                } else {
                    k
                }
            });
            let pen = penalty();
            errs.push(Field::PrepayPeriod, period);
            errs.push(Field::PrepayAmount, amount);
            errs.push(Field::PrepayPenalty, pen);
            if let (Ok(period), Ok(amount), Ok(penalty_rate)) = (period, amount, pen) {
                prepayments.push(Prepayment { period, amount, mode: i.prepay_mode, penalty_rate });
            }
        }
        PrepayKind::Full => {
            let period = parse_period(&i.prepay_period);
            let pen = penalty();
            errs.push(Field::PrepayPeriod, period);
            errs.push(Field::PrepayPenalty, pen);
            if let (Ok(period), Ok(penalty_rate)) = (period, pen) {
                settlement = Some(Settlement { period, penalty_rate });
            }
        }
    }
    let mut rate_changes = Vec::new();
    if !(i.rc_period.trim().is_empty() && i.rc_rate.trim().is_empty()) {
        let period = parse_period(&i.rc_period);
        let rate = parse_percent(&i.rc_rate, Decimal::from(1000), Key::ErrRateRange);
        errs.push(Field::RateChangePeriod, period);
        errs.push(Field::RateChangeRate, rate);
        if let (Ok(from_period), Ok(annual_rate)) = (period, rate) {
            rate_changes.push(RateChange { from_period, annual_rate });
        }
    }
    if errs.any() {
        return Err(errs);
    }
    let (Ok(p), Ok(r), Ok(n), Ok(fee), Ok(mfee), Ok(date)) = (p, r, n, fee, mfee, date) else {
        return Err(errs);
    };
    let mut req = ScheduleRequest::new(p, r, n, i.effective_method());
    if let Some((amount, rate)) = fee {
        req.upfront_fee = amount;
        req.upfront_fee_rate = rate;
    }
    req.monthly_fee_rate = mfee;
    req.disbursement_date = date;
    req.prepayments = prepayments;
    req.settlement = settlement;
    req.rate_changes = rate_changes;
    Ok(req)
}

/// Maps an engine error to the field it concerns, with a message in the person's language.
pub fn engine_errors(e: InputError) -> FieldErrors {
    let f = e.field.as_str();
    let tail = f.rsplit('.').next().unwrap_or(f);
    let hit = match f {
        "principal" => Some((Field::Principal, Key::ErrPrincipalRange)),
        "annual_rate" => Some((Field::AnnualRate, Key::ErrRateRange)),
        "term_months" => Some((Field::Term, Key::ErrTermRange)),
        "upfront_fee" | "upfront_fee_rate" => Some((Field::UpfrontFee, Key::ErrFeeRange)),
        "monthly_fee_rate" => Some((Field::MonthlyFee, Key::ErrMonthlyFeeRange)),
        "disbursement_date" | "first_payment_date" => Some((Field::StartDate, Key::ErrDate)),
        "payment" => Some((Field::SolvePayment, Key::ErrSolveNoAnswer)),
        _ if f.starts_with("prepayments") || f.starts_with("settlement") => match tail {
            "amount" => Some((Field::PrepayAmount, Key::ErrPrepayAmount)),
            "penalty_rate" => Some((Field::PrepayPenalty, Key::ErrPenaltyRange)),
            _ => Some((Field::PrepayPeriod, Key::ErrPrepayPeriod)),
        },
        _ if f.starts_with("rate_changes") => match tail {
            "annual_rate" => Some((Field::RateChangeRate, Key::ErrRateRange)),
            _ => Some((Field::RateChangePeriod, Key::ErrPrepayPeriod)),
        },
        _ => None,
    };
    match hit {
        Some(h) => FieldErrors { fields: vec![h], other: None },
        None => FieldErrors { fields: Vec::new(), other: Some(e.to_string()) },
    }
}

/// The same loan under all five methods (for the comparison panel).
pub fn compare_methods(req: &ScheduleRequest) -> Result<CompareResponse, InputError> {
    loanlens_core::compare(&CompareRequest {
        principal: req.principal,
        annual_rate: req.annual_rate,
        term_months: req.term_months,
        methods: None,
        upfront_fee: req.upfront_fee,
        upfront_fee_rate: req.upfront_fee_rate,
        monthly_fee_rate: req.monthly_fee_rate,
        lpr_1y: req.lpr_1y,
        payment_frequency: req.payment_frequency,
        grace_months: req.grace_months,
        disbursement_date: req.disbursement_date.clone(),
        first_payment_date: req.first_payment_date.clone(),
        day_count: req.day_count,
        prepayments: Vec::new(),
        settlement: None,
        rate_changes: Vec::new(),
    })
}

/// The request of extra offer `n`: the current amount with the offer's own rate, term, method
/// and fees.
pub fn offer_request(i: &Inputs, n: usize) -> Result<ScheduleRequest, FieldErrors> {
    let mut errs = FieldErrors::default();
    let Some(o) = i.offers.get(n) else { return Err(errs) };
    let p = parse_amount(&i.principal);
    let r = parse_percent(&o.rate, Decimal::from(1000), Key::ErrRateRange);
    let t = parse_term(&o.term, TermUnit::Months);
    let fee = parse_fee(&o.fee);
    let mfee =
        optional(&o.monthly_fee, |s| parse_percent(s, Decimal::from(10), Key::ErrMonthlyFeeRange));
    errs.push(Field::Principal, p);
    errs.push(Field::OfferRate(n), r);
    errs.push(Field::OfferTerm(n), t);
    errs.push(Field::OfferFee(n), fee);
    errs.push(Field::OfferMonthlyFee(n), mfee);
    let (Ok(p), Ok(r), Ok(t), Ok(fee), Ok(mfee)) = (p, r, t, fee, mfee) else { return Err(errs) };
    let mut req = ScheduleRequest::new(p, r, t, o.method);
    if let Some((amount, rate)) = fee {
        req.upfront_fee = amount;
        req.upfront_fee_rate = rate;
    }
    req.monthly_fee_rate = mfee;
    Ok(req)
}

/// Offer `n` computed, or the errors to show in its column.
pub fn offer_schedule(i: &Inputs, n: usize) -> Result<Schedule, FieldErrors> {
    let req = offer_request(i, n)?;
    loanlens_core::schedule(&req).map_err(|e| {
        let mut errs = engine_errors(e);
        for (f, _) in errs.fields.iter_mut() {
            *f = match *f {
                Field::AnnualRate => Field::OfferRate(n),
                Field::Term => Field::OfferTerm(n),
                Field::UpfrontFee => Field::OfferFee(n),
                Field::MonthlyFee => Field::OfferMonthlyFee(n),
                other => other,
            };
        }
        errs
    })
}

/// The solver's request from the inputs: the budget or offered payment plus the loan fields the
/// chosen kind does not solve for. `None` while no payment is entered.
pub fn solve_request(i: &Inputs) -> Option<Result<SolveRequest, FieldErrors>> {
    if i.solve_payment.trim().is_empty() {
        return None;
    }
    let mut errs = FieldErrors::default();
    let pay = parse_amount(&i.solve_payment).map_err(|k| {
        if k == Key::ErrPrincipalRange {
            Key::ErrSolveNoAnswer
        } else {
            k
        }
    });
    errs.push(Field::SolvePayment, pay);
    let kind = i.solve_kind;
    let need_p = kind != SolveKind::MaxPrincipal;
    let need_r = kind != SolveKind::ImpliedRate;
    let need_n = kind != SolveKind::MinTerm;
    let p = need_p.then(|| parse_amount(&i.principal));
    let r = need_r.then(|| parse_rate(i.rate_kind, &i.annual_rate));
    let n = need_n.then(|| parse_term(&i.term, i.term_unit));
    let fee = parse_fee(&i.upfront_fee);
    let mfee =
        optional(&i.monthly_fee, |s| parse_percent(s, Decimal::from(10), Key::ErrMonthlyFeeRange));
    if let Some(p) = &p {
        errs.push(Field::Principal, *p);
    }
    if let Some(r) = &r {
        errs.push(Field::AnnualRate, *r);
    }
    if let Some(n) = &n {
        errs.push(Field::Term, *n);
    }
    errs.push(Field::UpfrontFee, fee);
    errs.push(Field::MonthlyFee, mfee);
    if errs.any() {
        return Some(Err(errs));
    }
    // The implied rate is the true rate of an equal-installment loan with that payment, whatever
    // the offer calls its method: that is what makes a flat offer's real cost visible.
    let method = if kind == SolveKind::ImpliedRate {
        Method::EqualInstallment
    } else {
        i.effective_method()
    };
    let (upfront_fee, upfront_fee_rate) = fee.ok().flatten().unwrap_or((None, None));
    Some(Ok(SolveRequest {
        solve: kind,
        principal: p.and_then(Result::ok),
        annual_rate: r.and_then(Result::ok),
        term_months: n.and_then(Result::ok),
        payment: pay.ok()?,
        method: Some(method),
        upfront_fee,
        upfront_fee_rate,
        monthly_fee_rate: mfee.ok().flatten(),
        lpr_1y: None,
        payment_frequency: None,
    }))
}

/// Runs the solver; `None` while no payment is entered.
pub fn run_solver(i: &Inputs) -> Option<Result<SolveResponse, FieldErrors>> {
    Some(solve_request(i)?.and_then(|req| {
        loanlens_core::solve(&req).map_err(|e| {
            let mut errs = engine_errors(e);
            // Whatever the engine objects to, it is about this payment having no answer.
            if errs.other.is_some() {
                errs = FieldErrors {
                    fields: vec![(Field::SolvePayment, Key::ErrSolveNoAnswer)],
                    other: None,
                };
            }
            errs
        })
    }))
}

#[cfg(test)]
mod tests {
    use super::*;
    use std::str::FromStr;

    fn act(s: Rc<CalcState>, a: CalcAction) -> Rc<CalcState> {
        s.reduce(a)
    }

    fn dec(s: &str) -> Decimal {
        Decimal::from_str(s).unwrap()
    }

    fn with(f: impl FnOnce(&mut Inputs)) -> CalcState {
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
            (Field::Principal, "1e9", Key::ErrNotNumber),
            (Field::Principal, "1.001", Key::ErrCents),
            (Field::Principal, "99999999999999999999999999999999", Key::ErrNotNumber),
            (Field::AnnualRate, "1001", Key::ErrRateRange),
            (Field::AnnualRate, "NaN", Key::ErrNotNumber),
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
    fn people_write_numbers_with_commas_and_full_width_digits() {
        assert_eq!(parse_decimal("1,000,000").unwrap(), Decimal::from(1_000_000));
        assert_eq!(parse_decimal("１２３．５").unwrap(), Decimal::new(1235, 1));
        assert_eq!(parse_decimal(" 4.9 ").unwrap(), Decimal::new(49, 1));
        assert_eq!(parse_decimal("1.2.3"), Err(Key::ErrNotNumber));
        assert_eq!(parse_decimal("5-"), Err(Key::ErrNotNumber));
    }

    #[test]
    fn rate_is_entered_in_percent() {
        let mut i = Inputs::default();
        (i.principal, i.annual_rate, i.term, i.method) =
            ("100000".into(), "12".into(), "12".into(), Method::FlatRate);
        assert_eq!(build_request(&i).unwrap().annual_rate, Decimal::new(12, 2));
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

    #[test]
    fn upfront_fee_matches_the_pboc_example() {
        // The spec's check: 100,000, fee 1,000, 12 payments of 8,833.33 → 12.80% / 13.58%.
        let s = with(|i| {
            i.principal = "100000".into();
            i.rate_kind = RateKind::MonthlyFlat;
            i.annual_rate = "0.5".into();
            i.term = "1年".into();
            i.upfront_fee = "1000".into();
        });
        let r = s.result.unwrap();
        assert_eq!(r.amount_received, dec("99000.00"));
        assert_eq!(crate::format::percent(r.apr.nominal), "12.80%");
        assert_eq!(crate::format::percent(r.apr.effective), "13.58%");
        let pct = with(|i| {
            i.principal = "100000".into();
            i.upfront_fee = "1%".into();
        });
        assert_eq!(pct.result.unwrap().amount_received, dec("99000.00"));
    }

    #[test]
    fn a_start_date_puts_dates_in_the_schedule() {
        let s = with(|i| i.start_date = "2025-01-31".into());
        let r = s.result.unwrap();
        assert_eq!(r.rows[0].date.as_deref(), Some("2025-02-28"));
        assert_eq!(r.rows[1].date.as_deref(), Some("2025-03-31"));
        assert_eq!(r.rows[359].date.as_deref(), Some("2055-01-31"));
    }

    #[test]
    fn a_prepayment_reports_interest_saved() {
        // 1,000,000 at 4.9% over 360 months; 200,000 prepaid after period 12, shorten term.
        let s = with(|i| {
            i.prepay_kind = PrepayKind::Partial;
            i.prepay_period = "12".into();
            i.prepay_amount = "20万".into();
        });
        assert_eq!(s.errors, FieldErrors::default());
        let r = s.result.unwrap();
        let pp = r.prepayment.as_ref().unwrap();
        assert!(pp.interest_saved > Decimal::ZERO);
        assert!(pp.periods < 360);
        assert_eq!(r.rows.last().unwrap().balance, Decimal::ZERO);
    }

    #[test]
    fn a_prepayment_saves_the_amount_computed_by_hand() {
        // 120,000 at 6% over 12 months: A = 10,327.97. 30,000 prepaid after payment 6, keeping
        // the payment (shorten term): recomputed independently with Python's Decimal, half-up
        // per period, the loan ends after 10 payments and Σ interest falls 3,935.66 → 3,177.26,
        // a saving of 758.40.
        let s = with(|i| {
            i.principal = "120000".into();
            i.annual_rate = "6".into();
            i.term = "12".into();
            i.prepay_kind = PrepayKind::Partial;
            i.prepay_period = "6".into();
            i.prepay_amount = "3万".into();
        });
        let r = s.result.unwrap();
        let pp = r.prepayment.as_ref().unwrap();
        assert_eq!(pp.original_total_interest, dec("3935.66"));
        assert_eq!(pp.interest_saved, dec("758.40"));
        assert_eq!(pp.periods, 10);
    }

    #[test]
    fn prepayment_errors_are_on_their_fields() {
        let s = with(|i| {
            i.prepay_kind = PrepayKind::Partial;
            i.prepay_period = "360".into();
            i.prepay_amount = "1000".into();
        });
        assert_eq!(s.error(Field::PrepayPeriod), Some(Key::ErrPrepayPeriod));
        let s = with(|i| {
            i.prepay_kind = PrepayKind::Partial;
            i.prepay_period = "12".into();
            i.prepay_amount = "2000万".into();
        });
        assert_eq!(s.error(Field::PrepayAmount), Some(Key::ErrPrepayAmount));
        let s = with(|i| {
            i.prepay_kind = PrepayKind::Full;
            i.prepay_period = "x".into();
        });
        assert_eq!(s.error(Field::PrepayPeriod), Some(Key::ErrNotNumber));
    }

    #[test]
    fn a_rate_reset_changes_later_payments() {
        let s = with(|i| {
            i.rc_period = "13".into();
            i.rc_rate = "3.5".into();
        });
        let r = s.result.unwrap();
        assert_eq!(r.rows[0].payment, dec("5307.27"));
        assert!(r.rows[12].payment < r.rows[0].payment);
        let half = with(|i| i.rc_period = "13".into());
        assert_eq!(half.error(Field::RateChangeRate), Some(Key::ErrEmpty));
    }

    #[test]
    fn offers_are_computed_on_the_same_amount() {
        let s = act(Rc::new(CalcState::default()), CalcAction::AddOffer);
        let s = act(s, CalcAction::Set(Field::OfferRate(0), "4.2".into()));
        let o = offer_schedule(&s.inputs, 0).unwrap();
        assert_eq!(o.rows.len(), 360);
        assert!(o.first_payment < dec("5307.27"));
        let s = act(s, CalcAction::AddOffer);
        let s = act(s, CalcAction::AddOffer);
        assert_eq!(s.inputs.offers.len(), MAX_EXTRA_OFFERS);
        let s = act(s, CalcAction::Set(Field::OfferTerm(1), "0".into()));
        assert_eq!(
            offer_schedule(&s.inputs, 1).unwrap_err().get(Field::OfferTerm(1)),
            Some(Key::ErrTermRange)
        );
        let s = act(s, CalcAction::RemoveOffer(0));
        assert_eq!(s.inputs.offers.len(), 1);
    }

    #[test]
    fn all_methods_compare_side_by_side() {
        let req = CalcState::default().request.unwrap();
        let c = compare_methods(&req).unwrap();
        assert_eq!(c.results.len(), 5);
        assert_eq!(c.results[0].first_payment, dec("5307.27"));
        assert_eq!(c.least_interest, Method::EqualPrincipal);
    }

    #[test]
    fn solver_answers_the_three_questions() {
        // Borrow for 5,307.27 a month at 4.9% over 30 years: 1,000,000 (the default mortgage).
        let mut i = Inputs { solve_payment: "5307.27".into(), ..Inputs::default() };
        let s = run_solver(&i).unwrap().unwrap();
        assert!(s.principal >= dec("999999") && s.principal <= dec("1000002"), "{}", s.principal);
        i.solve_kind = SolveKind::MinTerm;
        i.solve_payment = "6544.44".into();
        assert_eq!(run_solver(&i).unwrap().unwrap().term_months, 240);
        // A flat offer: 100,000 over 12 months at 8,833.33 → implied 10.90%, ≈1.8 × 6%.
        i.solve_kind = SolveKind::ImpliedRate;
        i.principal = "100000".into();
        i.term = "12".into();
        i.solve_payment = "8833.33".into();
        let s = run_solver(&i).unwrap().unwrap();
        assert_eq!(crate::format::percent(s.schedule.apr.nominal), "10.90%");
        i.solve_payment = "1".into();
        let e = run_solver(&i).unwrap().unwrap_err();
        assert_eq!(e.get(Field::SolvePayment), Some(Key::ErrSolveNoAnswer));
        i.solve_payment = String::new();
        assert!(run_solver(&i).is_none());
    }
}
