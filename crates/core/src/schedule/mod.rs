//! Repayment schedules for every method, exactly as docs/money.md defines them (frequency,
//! grace, dates, prepayments, settlement, rate changes).
//!
//! [`schedule`] runs three stages, one module each:
//! 1. [`validate`]: the request becomes a [`Loan`] whose every field is in range
//!    ([`Loan::from_request`]);
//! 2. [`engine`]: the period loop turns the loan into rows of whole cents (`engine::run`);
//! 3. [`summary`]: rows, totals, prepayment summary, APR, flags and conventions
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
use crate::schema::{Schedule, ScheduleRequest};

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
