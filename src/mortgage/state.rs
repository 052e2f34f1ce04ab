//! The mortgage page's state as a pure reducer: the inputs as typed, every inline error and the
//! last result. No DOM here, so all of it is tested on the host.
//!
//! Invariants: the figures shown are `loanlens_core::mortgage::compute`'s for the inputs as
//! typed; while any field is refused the last figures stay, marked stale; rates are typed in %
//! and sent as exact fractions (÷ 100), amounts accept 万 (`300万`), terms are whole years.

use crate::state::parse::{parse_amount, parse_date, parse_decimal};
use loanlens_core::dates::Date;
use loanlens_core::mortgage::{
    compute, AssumedLpr, CommercialPart, HousingFundPart, LoanType, MortgageRequest,
    MortgageResult, RepaymentMethod, Repricing,
};
use loanlens_core::schedule::MAX_PRINCIPAL;
use rust_decimal::Decimal;
use std::rc::Rc;
use yew::Reducible;

/// The payment a borrower budgets for. With an odd first period (the first payment not one
/// month after disbursement, so its interest runs by actual days) the first payment is not the
/// monthly one: the headline is then the first full period's (period 2) and the first period's
/// amount and length are shown beside it, as banks do.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub struct Headline {
    /// Period 2's payment when period 1 is odd, else period 1's.
    pub monthly: Decimal,
    /// The odd first period: its days and its payment.
    pub odd_first: Option<(i64, Decimal)>,
}

/// The headline of a schedule's `payments` (in period order) for a loan disbursed on
/// `disbursed` whose first payment falls on `first` (`YYYY-MM-DD`, as in the result).
pub fn headline(disbursed: &str, first: &str, payments: &[Decimal]) -> Headline {
    let dates = Date::parse(disbursed).ok().zip(Date::parse(first).ok());
    let odd = dates.filter(|(d, f)| *f != d.add_months_clamped(1)).map(|(d, f)| d.days_until(f));
    match (odd, payments) {
        (Some(days), [first, second, ..]) => {
            Headline { monthly: *second, odd_first: Some((days, *first)) }
        }
        _ => Headline { monthly: payments.first().copied().unwrap_or_default(), odd_first: None },
    }
}

/// A field that can be refused.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub enum Field {
    Price,
    Down,
    Amount,
    FundAmount,
    Years,
    FundYears,
    ComYears,
    FundRate,
    Lpr,
    Spread,
    Cycle,
    AssumedLpr,
    AssumedFrom,
    Start,
    Day,
}

/// Every input as typed (texts) or chosen.
#[derive(Debug, Clone, PartialEq)]
pub struct Inputs {
    pub loan_type: LoanType,
    /// Amount from the house price and the down payment (else the loan amount).
    pub by_price: bool,
    pub price: String,
    /// Down payment in %.
    pub down: String,
    pub amount: String,
    pub fund_amount: String,
    /// Whole years.
    pub years: String,
    /// A part's own term in years (blank: `years`).
    pub fund_years: String,
    pub com_years: String,
    /// % (blank: the core's default for the term).
    pub fund_rate: String,
    pub fund_method: RepaymentMethod,
    pub com_method: RepaymentMethod,
    /// % (blank: the core's default LPR for the term).
    pub lpr: String,
    /// Basis points.
    pub spread: String,
    pub repricing: Repricing,
    /// Months.
    pub cycle: String,
    /// % and `YYYY-MM-DD` (both blank: none).
    pub assumed_lpr: String,
    pub assumed_from: String,
    /// 放款日期.
    pub start: String,
    /// `""` (same day as disbursement), `"1"`…`"28"`, `"31"` (month end).
    pub day: String,
}

impl Inputs {
    /// A first visit: 300万, 30% down, 组合贷 with 100万 from the housing fund, 30 years, the
    /// commercial part at LPR − 30bp repriced every 1 January, disbursed on `start`.
    pub fn first_visit(start: &str) -> Inputs {
        Inputs {
            loan_type: LoanType::Combination,
            by_price: true,
            price: "300万".into(),
            down: "30".into(),
            amount: "210万".into(),
            fund_amount: "100万".into(),
            years: "30".into(),
            fund_years: String::new(),
            com_years: String::new(),
            fund_rate: String::new(),
            fund_method: RepaymentMethod::EqualInstallment,
            com_method: RepaymentMethod::EqualInstallment,
            lpr: String::new(),
            spread: "-30".into(),
            repricing: Repricing::January1,
            cycle: "12".into(),
            assumed_lpr: String::new(),
            assumed_from: String::new(),
            start: start.into(),
            day: String::new(),
        }
    }
}

/// What a person does.
#[derive(Debug, Clone, PartialEq)]
pub enum Action {
    /// A text field changed.
    Text(Field, String),
    LoanType(LoanType),
    ByPrice(bool),
    FundMethod(RepaymentMethod),
    ComMethod(RepaymentMethod),
    Repricing(Repricing),
}

/// The page's state.
#[derive(Debug, Clone, PartialEq)]
pub struct MortgageState {
    pub inputs: Inputs,
    /// The refused fields.
    pub errors: Vec<Field>,
    /// The last result (of the inputs as typed, unless `stale`).
    pub result: Option<Rc<MortgageResult>>,
    pub stale: bool,
}

/// `v`, recording `f` as refused when it is `None`.
fn need<T>(errors: &mut Vec<Field>, f: Field, v: Option<T>) -> Option<T> {
    if v.is_none() {
        errors.push(f);
    }
    v
}

/// A rate typed in % as a fraction; a trailing `%` (or `％`) is allowed, as the calculator's
/// rate fields allow it (`30%`).
fn percent(raw: &str) -> Option<Decimal> {
    let t = raw.trim();
    let t = t.strip_suffix(['%', '％']).unwrap_or(t);
    parse_decimal(t).ok().and_then(|d| d.checked_div(Decimal::ONE_HUNDRED))
}

/// An amount as typed: the calculator's forms (`300万`, `0.5亿`, `1,000,000`) and `N万亿`, so
/// the range the errors state ("至 1 万亿元") can be typed as it is written.
pub fn typed_amount(raw: &str) -> Option<Decimal> {
    let t = raw.trim();
    let t = t.strip_suffix('元').unwrap_or(t).trim_end();
    match t.strip_suffix("万亿") {
        Some(n) => parse_amount(&format!("{n}亿"))
            .ok()?
            .checked_mul(Decimal::from(10_000))
            .filter(|v| *v <= MAX_PRINCIPAL && v.normalize().scale() <= 2),
        None => parse_amount(raw).ok(),
    }
}

/// A whole number typed (spaces ignored).
fn whole<T: std::str::FromStr>(raw: &str) -> Option<T> {
    raw.trim().parse().ok()
}

/// Years (1 to 30) as months.
fn years(raw: &str) -> Option<u32> {
    whole::<u32>(raw).filter(|y| (1..=30).contains(y)).map(|y| y * 12)
}

/// The field a core error path names.
pub fn field_of(path: &str) -> Field {
    match path {
        "house_price" => Field::Price,
        "down_payment_rate" => Field::Down,
        "housing_fund.amount" => Field::FundAmount,
        "term_months" => Field::Years,
        "housing_fund.term_months" => Field::FundYears,
        "commercial.term_months" => Field::ComYears,
        "housing_fund.annual_rate" => Field::FundRate,
        "commercial.lpr" => Field::Lpr,
        "commercial.spread_bp" => Field::Spread,
        "commercial.reset_cycle_months" => Field::Cycle,
        "commercial.assumed_lpr.lpr" => Field::AssumedLpr,
        "commercial.assumed_lpr.from_date" => Field::AssumedFrom,
        "disbursement_date" => Field::Start,
        "repayment_day" => Field::Day,
        _ => Field::Amount,
    }
}

impl MortgageState {
    /// A state over these inputs, computed.
    pub fn new(inputs: Inputs) -> Self {
        let mut s = MortgageState { inputs, errors: Vec::new(), result: None, stale: false };
        s.recompute();
        s
    }

    /// Whether `f` is refused.
    pub fn error(&self, f: Field) -> bool {
        self.errors.contains(&f)
    }

    /// The core's request for the inputs as typed, or `None` after recording every problem.
    pub fn request(&mut self) -> Option<MortgageRequest> {
        let i = &self.inputs;
        let mut errors = Vec::new();
        let (combination, fund, com) = match i.loan_type {
            LoanType::Commercial => (false, false, true),
            LoanType::HousingFund => (false, true, false),
            LoanType::Combination => (true, true, true),
        };
        let by_price = i.by_price;
        let price =
            by_price.then(|| need(&mut errors, Field::Price, typed_amount(&i.price))).flatten();
        let down = by_price.then(|| need(&mut errors, Field::Down, percent(&i.down))).flatten();
        let amount = (!by_price)
            .then(|| need(&mut errors, Field::Amount, typed_amount(&i.amount)))
            .flatten();
        let fund_amount = combination
            .then(|| need(&mut errors, Field::FundAmount, typed_amount(&i.fund_amount)))
            .flatten();
        let term = need(&mut errors, Field::Years, years(&i.years));
        let optional = |raw: &str| (!raw.trim().is_empty()).then(|| raw.to_string());
        let fund_years = optional(&i.fund_years).filter(|_| combination);
        let fund_years = fund_years.map(|y| need(&mut errors, Field::FundYears, years(&y)));
        let com_years = optional(&i.com_years).filter(|_| combination);
        let com_years = com_years.map(|y| need(&mut errors, Field::ComYears, years(&y)));
        let fund_rate = optional(&i.fund_rate).filter(|_| fund);
        let fund_rate = fund_rate.map(|r| need(&mut errors, Field::FundRate, percent(&r)));
        let lpr =
            optional(&i.lpr).filter(|_| com).map(|r| need(&mut errors, Field::Lpr, percent(&r)));
        let spread =
            com.then(|| need(&mut errors, Field::Spread, whole::<i32>(&i.spread))).flatten();
        let cycle = com.then(|| need(&mut errors, Field::Cycle, whole::<u32>(&i.cycle))).flatten();
        let (a_lpr, a_from) = (optional(&i.assumed_lpr), optional(&i.assumed_from));
        let assumed = match (com, a_lpr, a_from) {
            (true, Some(l), Some(d)) => {
                let l = need(&mut errors, Field::AssumedLpr, percent(&l));
                let d = need(&mut errors, Field::AssumedFrom, parse_date(&d).ok());
                l.zip(d).map(|(lpr, from_date)| AssumedLpr { from_date, lpr })
            }
            (true, Some(_), None) => need(&mut errors, Field::AssumedFrom, None),
            (true, None, Some(_)) => need(&mut errors, Field::AssumedLpr, None),
            _ => None,
        };
        let start = need(&mut errors, Field::Start, parse_date(&i.start).ok());
        let day = optional(&i.day).map(|d| need(&mut errors, Field::Day, whole::<u32>(&d)));
        self.errors = errors;
        if !self.errors.is_empty() {
            return None;
        }
        let housing_fund = fund.then(|| HousingFundPart {
            amount: fund_amount,
            annual_rate: fund_rate.flatten(),
            method: Some(i.fund_method),
            term_months: fund_years.flatten(),
        });
        let commercial = com.then(|| CommercialPart {
            method: Some(i.com_method),
            term_months: com_years.flatten(),
            lpr: lpr.flatten(),
            spread_bp: spread,
            repricing: Some(i.repricing),
            reset_cycle_months: cycle,
            assumed_lpr: assumed,
        });
        Some(MortgageRequest {
            loan_type: i.loan_type,
            loan_amount: amount,
            house_price: price,
            down_payment_rate: down,
            term_months: term?,
            disbursement_date: start?,
            repayment_day: day.flatten(),
            housing_fund,
            commercial,
        })
    }

    /// Validates what is typed and computes.
    fn recompute(&mut self) {
        let out = self.request().map(|req| compute(&req));
        match out {
            Some(Ok(r)) => {
                self.result = Some(Rc::new(r));
                self.stale = false;
            }
            Some(Err(e)) => {
                self.errors = vec![field_of(&e.field)];
                self.stale = self.result.is_some();
            }
            None => self.stale = self.result.is_some(),
        }
    }
}

impl Reducible for MortgageState {
    type Action = Action;

    fn reduce(self: Rc<Self>, action: Action) -> Rc<Self> {
        let mut s = (*self).clone();
        let i = &mut s.inputs;
        match action {
            Action::Text(f, v) => super::query::set(i, f, v),
            Action::LoanType(t) => i.loan_type = t,
            Action::ByPrice(b) => i.by_price = b,
            Action::FundMethod(m) => i.fund_method = m,
            Action::ComMethod(m) => i.com_method = m,
            Action::Repricing(r) => i.repricing = r,
        }
        s.recompute();
        Rc::new(s)
    }
}
