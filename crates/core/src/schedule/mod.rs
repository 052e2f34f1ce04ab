//! Repayment schedules for every method, exactly as docs/money.md defines them (frequency,
//! grace, dates, prepayments, settlement, rate changes).
//!
//! [`schedule`] runs three stages, one module each:
//! 1. `validate`: the request becomes a [`Loan`] whose every field is in range
//!    ([`Loan::from_request`]);
//! 2. `engine`: the period loop turns the loan into rows of whole cents (`engine::run`);
//! 3. `summary`: rows, totals, prepayment summary, APR, flags and conventions
//!    (`summary::compute`).
//!
//! Money is exact integer cents and every rounding goes through [`crate::money`].

mod engine;
mod summary;
mod validate;

pub use engine::equal_installment_payment;
pub use validate::{
    Loan, MAX_ANNUAL_RATE, MAX_MONTHLY_FEE_RATE, MAX_PENALTY_RATE, MAX_PRINCIPAL, MAX_TERM_MONTHS,
    MAX_UPFRONT_FEE_RATE,
};

use crate::error::InputError;
use crate::schema::{Apr, Schedule, ScheduleRequest};

/// Computes the schedule for a request: validation, rows, totals, APR and flags.
///
/// ```
/// use loanlens_core::schema::{Method, ScheduleRequest};
/// use rust_decimal::Decimal;
/// let req = ScheduleRequest::new(Decimal::from(1_000_000), Decimal::new(49, 3), 360, Method::EqualPrincipal);
/// let s = loanlens_core::schedule(&req).unwrap();
/// assert_eq!(s.first_payment.to_string(), "6861.11");
/// ```
pub fn schedule(req: &ScheduleRequest) -> Result<Schedule, InputError> {
    let loan = Loan::from_request(req)?;
    summary::compute(&loan)
}

/// A schedule's rows in whole cents, one column per figure, with its APR: [`schedule`]'s
/// figures (the same stages, so the same errors) without building the response's decimals,
/// totals and texts. For callers that draw a table (the SDK's `scheduleTable`).
#[derive(Debug, Clone, PartialEq)]
pub struct CentsTable {
    /// Each row's payment (principal + interest + fee), in cents.
    pub payment: Vec<i64>,
    /// Each row's principal part, in cents.
    pub principal: Vec<i64>,
    /// Each row's interest, in cents.
    pub interest: Vec<i64>,
    /// Each row's fee, in cents.
    pub fee: Vec<i64>,
    /// The balance after each row, in cents.
    pub balance: Vec<i64>,
    /// The APR, as [`Schedule::apr`]; `None` when [`cents_table`] was asked for the rows alone.
    pub apr: Option<Apr>,
}

/// Computes [`CentsTable`] for a request, with the APR solved when `with_apr` is set. Without
/// it the loan is still refused where [`schedule`] refuses it (the APR limit included): only
/// the APR's solve is skipped, for a caller that redraws the table while the APR is shown from
/// another call.
///
/// ```
/// use loanlens_core::schema::{Method, ScheduleRequest};
/// use rust_decimal::Decimal;
/// let req = ScheduleRequest::new(Decimal::from(1_000_000), Decimal::new(49, 3), 360, Method::EqualInstallment);
/// let t = loanlens_core::schedule::cents_table(&req, true).unwrap();
/// assert_eq!((t.payment[0], t.payment.len()), (530_727, 360));
/// assert_eq!(t.apr.unwrap().nominal.to_string(), "0.049000");
/// ```
pub fn cents_table(req: &ScheduleRequest, with_apr: bool) -> Result<CentsTable, InputError> {
    let loan = Loan::from_request(req)?;
    let (rows, apr) = summary::cents_and_apr(&loan, with_apr)?;
    // Every figure is below 10^17 cents (principal ≤ 10^12 yuan, rate ≤ 1000% a year, ≤ 600
    // months), so it fits an i64.
    Ok(CentsTable {
        payment: rows.iter().map(|r| r.payment() as i64).collect(),
        principal: rows.iter().map(|r| r.principal as i64).collect(),
        interest: rows.iter().map(|r| r.interest as i64).collect(),
        fee: rows.iter().map(|r| r.fee as i64).collect(),
        balance: rows.iter().map(|r| r.balance as i64).collect(),
        apr,
    })
}
