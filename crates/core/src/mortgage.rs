//! 房贷计算器: a Chinese housing loan as banks and portals quote it (issue 14, docs/mortgage.md) —
//! a commercial loan (商业贷款), a housing-fund loan (公积金贷款) or both at once (组合贷), the
//! loan amount from the house price and the down payment (首付比例), the commercial rate as LPR +
//! 加点 with a repricing date (重定价日) and cycle, and a repayment day (每月还款日) separate
//! from the disbursement date.
//!
//! [`compute`] only expands the request into one [`ScheduleRequest`] per part and calls
//! [`crate::schedule`] for each: the engine and `Loan::from_request` are untouched, so nothing
//! here reaches the pages that link only `schedule` (the pre-check).
//!
//! Invariants: every field is validated before any arithmetic, each error naming its JSON path
//! and the allowed range; a combined row is the exact sum of the parts' rows for that period
//! (whole cents, no rounding); Σ combined principal = the loan amount; the combined totals are
//! the sums of the parts' totals; the combined APR is the IRR of the summed cash flows (no
//! fees: the borrower receives the whole loan). No input panics.

mod combine;
mod lpr;
mod validate;

use crate::error::InputError;
use crate::schema::v1_struct;
use crate::schema::{dec_str, opt_dec_str, Apr, Method, RateChange, Schedule, ScheduleRequest};
use rust_decimal::Decimal;
use serde::{Deserialize, Serialize};

/// The first-home housing-fund rate for terms over five years, 2.60%, in force since
/// 2025-05-08 ([`DEFAULT_FUND_RATE_DATE`]).
pub const DEFAULT_FUND_RATE_OVER_5Y: Decimal = Decimal::from_parts(260, 0, 0, false, 4);
/// The first-home housing-fund rate for terms of five years or less, 2.10%, since 2025-05-08.
pub const DEFAULT_FUND_RATE_UP_TO_5Y: Decimal = Decimal::from_parts(210, 0, 0, false, 4);
/// The date the default housing-fund rates took effect.
pub const DEFAULT_FUND_RATE_DATE: &str = "2025-05-08";
/// Longest term of either part, in months (30 years, the longest Chinese housing loan).
pub const MAX_TERM_MONTHS: u32 = 360;
/// Largest LPR, housing-fund rate or assumed LPR accepted, as a fraction (20%).
pub const MAX_RATE: Decimal = Decimal::from_parts(2, 0, 0, false, 1);
/// Largest 加点 in either direction, in basis points (±10%).
pub const MAX_SPREAD_BP: i32 = 1000;
/// Longest reset cycle, in months.
pub const MAX_RESET_CYCLE_MONTHS: u32 = 120;
/// The repayment day that means the last day of every month (月末), the calendar's.
pub const MONTH_END: u32 = crate::dates::MONTH_END;
/// The last disbursement date accepted: from it, every repayment day's first payment (at most
/// two months later, [`crate::dates::first_payment_date`]) falls within the calendar.
pub const LAST_DISBURSEMENT_DATE: &str = "2200-10-31";

/// The whole-number fields' rules in words: what the reader says for a value of the wrong type
/// (`"20"`, `1e3`, `-1` for a `u32`) and what the validator says for one out of range.
pub(crate) const TERM_RULE: &str = "a whole number of months from 1 to 360";
pub(crate) const DAY_RULE: &str =
    "a whole number from 1 to 28, or 31 for the last day of each month";
pub(crate) const SPREAD_RULE: &str =
    "a whole number of basis points from -1000 to 1000 (−10% to +10%)";
pub(crate) const CYCLE_RULE: &str = "a whole number of months from 1 to 120";

fn de_term<'de, D: serde::Deserializer<'de>>(d: D) -> Result<u32, D::Error> {
    crate::schema::whole::whole(d, TERM_RULE)
}
fn de_opt_term<'de, D: serde::Deserializer<'de>>(d: D) -> Result<Option<u32>, D::Error> {
    crate::schema::whole::opt_whole(d, TERM_RULE)
}
fn de_day<'de, D: serde::Deserializer<'de>>(d: D) -> Result<Option<u32>, D::Error> {
    crate::schema::whole::opt_whole(d, DAY_RULE)
}
fn de_spread<'de, D: serde::Deserializer<'de>>(d: D) -> Result<Option<i32>, D::Error> {
    crate::schema::whole::opt_whole(d, SPREAD_RULE)
}
fn de_cycle<'de, D: serde::Deserializer<'de>>(d: D) -> Result<Option<u32>, D::Error> {
    crate::schema::whole::opt_whole(d, CYCLE_RULE)
}

/// Which loan. JSON ids: `"commercial"`, `"housing_fund"`, `"combination"`.
#[derive(Debug, Clone, Copy, PartialEq, Eq, Hash, Serialize, Deserialize)]
#[cfg_attr(feature = "schema", derive(schemars::JsonSchema))]
#[serde(rename_all = "snake_case")]
pub enum LoanType {
    /// 商业贷款: a bank loan at LPR + 加点.
    Commercial,
    /// 公积金贷款: a housing-provident-fund loan at the fund's rate.
    HousingFund,
    /// 组合贷: a housing-fund part (`housing_fund.amount`) and a commercial part (the rest).
    Combination,
}

/// One part of a housing loan. JSON ids: `"housing_fund"`, `"commercial"`.
#[derive(Debug, Clone, Copy, PartialEq, Eq, Hash, Serialize, Deserialize)]
#[cfg_attr(feature = "schema", derive(schemars::JsonSchema))]
#[serde(rename_all = "snake_case")]
pub enum PartKind {
    /// The housing-fund part.
    HousingFund,
    /// The commercial part.
    Commercial,
}

/// The two methods housing loans use. JSON ids as [`Method`]'s.
///
/// ```
/// use loanlens_core::mortgage::RepaymentMethod;
/// assert_eq!(RepaymentMethod::EqualPrincipal.method().id(), "equal_principal");
/// assert!(serde_json::from_str::<RepaymentMethod>(r#""bullet""#).is_err());
/// ```
#[derive(Debug, Clone, Copy, Default, PartialEq, Eq, Hash, Serialize, Deserialize)]
#[cfg_attr(feature = "schema", derive(schemars::JsonSchema))]
#[serde(rename_all = "snake_case")]
pub enum RepaymentMethod {
    /// 等额本息 (the default).
    #[default]
    EqualInstallment,
    /// 等额本金.
    EqualPrincipal,
}

impl RepaymentMethod {
    /// The engine's method.
    pub fn method(self) -> Method {
        match self {
            RepaymentMethod::EqualInstallment => Method::EqualInstallment,
            RepaymentMethod::EqualPrincipal => Method::EqualPrincipal,
        }
    }
}

/// When the commercial rate is repriced (重定价日). JSON ids: `"january_1"`, `"anniversary"`.
#[derive(Debug, Clone, Copy, Default, PartialEq, Eq, Hash, Serialize, Deserialize)]
#[cfg_attr(feature = "schema", derive(schemars::JsonSchema))]
pub enum Repricing {
    /// Every 1 January (the default): the first on the 1 January after disbursement, then every
    /// `reset_cycle_months`.
    #[default]
    #[serde(rename = "january_1")]
    January1,
    /// The loan's anniversary: disbursement + `reset_cycle_months`, + 2 × …, clamped to month end.
    #[serde(rename = "anniversary")]
    Anniversary,
}

v1_struct! {
    /// An assumed future LPR: the LPR is `lpr` from `from_date` on (the current LPR before).
    pub struct AssumedLpr {
        /// `"YYYY-MM-DD"`.
        pub from_date: String,
        /// The LPR from then on, a fraction, 0.0001 to 0.2.
        pub lpr: Decimal,
    }
}

v1_struct! {
    /// The housing-fund part (公积金).
    pub struct HousingFundPart {
        /// Its amount, CNY, for a `combination` only: 0.01 up to the loan amount − 0.01 (the
        /// commercial part is the rest). A `housing_fund` loan's amount is the loan amount.
        pub amount: Option<Decimal>,
        /// Annual rate, a fraction, 0 to 0.2; default 2.60% over five years, 2.10% up to five
        /// years (first home, since 2025-05-08).
        pub annual_rate: Option<Decimal>,
        /// Default `equal_installment`.
        pub method: Option<RepaymentMethod>,
        /// 1 to 360; defaults to the request's `term_months`.
        #[serde(deserialize_with = "de_opt_term")]
        pub term_months: Option<u32>,
    }
}

v1_struct! {
    /// The commercial part (商业贷款): rate = LPR + `spread_bp` / 10,000, repriced.
    pub struct CommercialPart {
        /// Default `equal_installment`.
        pub method: Option<RepaymentMethod>,
        /// 1 to 360; defaults to the request's `term_months`.
        #[serde(deserialize_with = "de_opt_term")]
        pub term_months: Option<u32>,
        /// The LPR at disbursement, a fraction, 0.0001 to 0.2; default the five-year LPR
        /// (3.50%) for terms over 60 months, else the one-year LPR (3.00%), both of 2025-05-20.
        pub lpr: Option<Decimal>,
        /// 加点 in basis points, −1000 to 1000 (may be negative); default 0. The rate
        /// LPR + spread must not be negative.
        #[serde(deserialize_with = "de_spread")]
        pub spread_bp: Option<i32>,
        /// Default `january_1`.
        pub repricing: Option<Repricing>,
        /// Months between repricings, 1 to 120; default 12.
        #[serde(deserialize_with = "de_cycle")]
        pub reset_cycle_months: Option<u32>,
        /// The LPR assumed from a date on; without it the rate never changes.
        pub assumed_lpr: Option<AssumedLpr>,
    }
}

v1_struct! {
    /// `loanlens mortgage` / `POST /api/v1/mortgage`: a housing loan.
    ///
    /// ```
    /// use loanlens_core::mortgage::{compute, MortgageRequest};
    /// let req: MortgageRequest = loanlens_core::schema::from_json(r#"{"loan_type":"combination",
    ///   "house_price":"3000000","down_payment_rate":"0.3","term_months":360,
    ///   "disbursement_date":"2025-06-15","repayment_day":20,
    ///   "housing_fund":{"amount":"1000000"},"commercial":{"spread_bp":-30}}"#).unwrap();
    /// let r = compute(&req).unwrap();
    /// assert_eq!(r.loan_amount.to_string(), "2100000.00");
    /// assert_eq!(r.parts[1].amount.to_string(), "1100000.00");
    /// assert_eq!(r.parts[1].annual_rate.to_string(), "0.0320");
    /// assert_eq!(r.first_payment_date, "2025-07-20");
    /// let sum = r.parts[0].schedule.rows[1].payment + r.parts[1].schedule.rows[1].payment;
    /// assert_eq!(r.rows[1].payment, sum);
    /// ```
    pub struct MortgageRequest {
        /// Commercial, housing fund or both.
        pub loan_type: LoanType,
        /// The whole loan, CNY, 0.01 to 1,000,000,000,000.00; or give `house_price` and
        /// `down_payment_rate` instead.
        pub loan_amount: Option<Decimal>,
        /// The house price, CNY, 0.01 to 1,000,000,000,000.00 (with `down_payment_rate`).
        pub house_price: Option<Decimal>,
        /// 首付比例, a fraction, 0 to below 1 (0.3 = 30%): loan = price × (1 − rate), half-up to
        /// the cent, at least 0.01.
        pub down_payment_rate: Option<Decimal>,
        /// Term in months, 1 to 360: both parts' term unless a part gives its own.
        #[serde(deserialize_with = "de_term")]
        pub term_months: u32,
        /// 放款日期, `"YYYY-MM-DD"`, 1900-01-01 to 2200-10-31 ([`LAST_DISBURSEMENT_DATE`]).
        pub disbursement_date: String,
        /// 每月还款日: 1 to 28, or 31 for the last day of each month. The first payment falls
        /// in the month after disbursement on that day, a month later when that is under 15
        /// days away ([`crate::dates::first_payment_date`]); default: one month after
        /// disbursement on the same day (clamped to month end).
        #[serde(deserialize_with = "de_day")]
        pub repayment_day: Option<u32>,
        /// The housing-fund part (`housing_fund` and `combination`; required for a
        /// combination, for its `amount`).
        pub housing_fund: Option<HousingFundPart>,
        /// The commercial part's terms (`commercial` and `combination`).
        pub commercial: Option<CommercialPart>,
    }
}

v1_struct! {
    /// A rate change the LPR terms produce.
    pub struct MortgageRateChange {
        /// The repricing date.
        pub date: String,
        /// The first period that starts on or after `date` (a period starts on the previous
        /// payment date, the first on the disbursement date): its interest uses the new rate.
        pub from_period: u32,
        /// The LPR in force on `date`.
        pub lpr: Decimal,
        /// LPR + spread.
        pub annual_rate: Decimal,
    }
}

v1_struct! {
    /// One part's terms as computed, and its schedule (the engine's, for this part alone).
    pub struct MortgagePart {
        /// Which part.
        pub kind: PartKind,
        /// Its amount, CNY.
        pub amount: Decimal,
        /// Its method.
        pub method: RepaymentMethod,
        /// Its term in months.
        pub term_months: u32,
        /// The annual rate at disbursement.
        pub annual_rate: Decimal,
        /// The date of the built-in default rate or LPR, when one was used.
        pub rate_date: Option<String>,
        /// The LPR at disbursement (commercial part).
        pub lpr: Option<Decimal>,
        /// 加点 in basis points (commercial part).
        pub spread_bp: Option<i32>,
        /// The repricing rule (commercial part).
        pub repricing: Option<Repricing>,
        /// The reset cycle in months (commercial part).
        pub reset_cycle_months: Option<u32>,
        /// The rate changes the assumed LPR causes, in period order (none without one).
        pub rate_changes: Vec<MortgageRateChange>,
        /// The part's schedule.
        pub schedule: Schedule,
    }
}

v1_struct! {
    /// One period of the combined schedule: each money column the sum of the parts' for this
    /// period (a part that has ended adds 0.00); the parts' own columns for a combination.
    pub struct MortgageRow {
        /// Period, 1-based.
        pub period: u32,
        /// Payment date.
        pub date: String,
        /// Σ payments.
        pub payment: Decimal,
        /// Σ principal parts.
        pub principal: Decimal,
        /// Σ interest.
        pub interest: Decimal,
        /// Σ balances after this payment.
        pub balance: Decimal,
        /// The housing-fund part's payment (combination only).
        pub fund_payment: Option<Decimal>,
        /// The housing-fund part's principal (combination only).
        pub fund_principal: Option<Decimal>,
        /// The housing-fund part's interest (combination only).
        pub fund_interest: Option<Decimal>,
        /// The housing-fund part's balance (combination only).
        pub fund_balance: Option<Decimal>,
        /// The commercial part's payment (combination only).
        pub commercial_payment: Option<Decimal>,
        /// The commercial part's principal (combination only).
        pub commercial_principal: Option<Decimal>,
        /// The commercial part's interest (combination only).
        pub commercial_interest: Option<Decimal>,
        /// The commercial part's balance (combination only).
        pub commercial_balance: Option<Decimal>,
    }
}

v1_struct! {
    /// The response of [`compute`]; it parses back with [`crate::schema::from_json`].
    pub struct MortgageResult {
        /// Always [`crate::schema::SCHEMA_VERSION`].
        pub schema_version: u32,
        /// The loan type.
        pub loan_type: LoanType,
        /// The house price, when given.
        pub house_price: Option<Decimal>,
        /// house_price − loan_amount, when the price was given.
        pub down_payment: Option<Decimal>,
        /// The whole loan = Σ parts' amounts.
        pub loan_amount: Decimal,
        /// 放款日期.
        pub disbursement_date: String,
        /// The first payment's date.
        pub first_payment_date: String,
        /// The parts: the housing-fund part first, then the commercial part.
        pub parts: Vec<MortgagePart>,
        /// The combined schedule, one row per period of the longer part.
        pub rows: Vec<MortgageRow>,
        /// Payment of period 1.
        pub first_payment: Decimal,
        /// Payment of the last period.
        pub last_payment: Decimal,
        /// Σ principal = the loan amount.
        pub total_principal: Decimal,
        /// Σ interest of both parts.
        pub total_interest: Decimal,
        /// Σ payments of both parts.
        pub total_payment: Decimal,
        /// The IRR of the combined cash flows (the whole loan received, every payment).
        pub apr: Apr,
        /// The conventions the figures follow, in words (empty without the `messages` feature).
        pub conventions: Vec<String>,
    }
}

/// Computes a housing loan: each part's schedule through [`crate::schedule`], the combined
/// rows, totals and APR.
///
/// ```
/// use loanlens_core::mortgage::{compute, MortgageRequest};
/// let req: MortgageRequest = loanlens_core::schema::from_json(r#"{"loan_type":"commercial",
///   "loan_amount":"1000000","term_months":360,"disbursement_date":"2025-06-15",
///   "commercial":{"spread_bp":-45,"assumed_lpr":{"from_date":"2026-01-01","lpr":"0.03"}}}"#)
///   .unwrap();
/// let r = compute(&req).unwrap();
/// let change = &r.parts[0].rate_changes[0];
/// assert_eq!((change.date.as_str(), change.from_period), ("2026-01-01", 8));
/// assert_eq!(change.annual_rate.to_string(), "0.0255");
/// ```
pub fn compute(req: &MortgageRequest) -> Result<MortgageResult, InputError> {
    let valid = validate::validate(req)?;
    let mut parts = Vec::with_capacity(valid.parts.len());
    for p in &valid.parts {
        let changes = lpr::rate_changes(&valid, p);
        let mut sreq =
            ScheduleRequest::new(p.amount, p.annual_rate, p.term_months, p.method.method());
        sreq.disbursement_date = Some(valid.disbursed.to_string());
        sreq.first_payment_date = valid.first_payment_date().map(|d| d.to_string());
        sreq.rate_changes = changes
            .iter()
            .map(|c| RateChange { from_period: c.from_period, annual_rate: c.annual_rate })
            .collect();
        let prefix = if p.kind == PartKind::HousingFund { "housing_fund" } else { "commercial" };
        let mut schedule = crate::schedule(&sreq)
            .map_err(|e| InputError { field: format!("{prefix}.{}", e.field), ..e })?;
        // The engine dates payments from the first one's day of month; a 月末 loan whose first
        // payment falls on the 28th–30th pays on every later month's last day.
        if valid.month_end() {
            for r in &mut schedule.rows {
                r.date = Some(valid.payment_date(r.period).to_string());
            }
        }
        parts.push(MortgagePart {
            kind: p.kind,
            amount: p.amount,
            method: p.method,
            term_months: p.term_months,
            annual_rate: p.annual_rate,
            rate_date: p.rate_date.map(str::to_string),
            lpr: p.lpr.as_ref().map(|l| l.lpr),
            spread_bp: p.lpr.as_ref().map(|l| l.spread_bp),
            repricing: p.lpr.as_ref().map(|l| l.repricing),
            reset_cycle_months: p.lpr.as_ref().map(|l| l.cycle),
            rate_changes: changes,
            schedule,
        });
    }
    combine::result(req, &valid, parts)
}
