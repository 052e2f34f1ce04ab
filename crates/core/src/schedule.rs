//! Repayment schedules for every method, exactly as specs/money.md defines them.

use crate::apr::{effective_annual, monthly_irr};
use crate::error::InputError;
use crate::money::{round_money, round_rate};
use crate::schema::{
    Apr, Conventions, Flags, Method, Row, Schedule, ScheduleRequest, DEFAULT_LPR_1Y,
    DEFAULT_LPR_DATE, SCHEMA_VERSION,
};
use rust_decimal::Decimal;

/// Largest principal accepted, CNY.
pub const MAX_PRINCIPAL: Decimal = Decimal::from_parts(1_000_000_000_000u64 as u32, 232, 0, false, 0);
/// Largest annual rate accepted, as a fraction (10 = 1000%).
pub const MAX_ANNUAL_RATE: Decimal = Decimal::TEN;
/// Longest term accepted, in months (50 years).
pub const MAX_TERM_MONTHS: u32 = 600;
/// Largest monthly fee rate accepted, as a fraction of the principal (0.1 = 10% a month).
pub const MAX_MONTHLY_FEE_RATE: Decimal = Decimal::from_parts(1, 0, 0, false, 1);

/// A validated loan: every field is inside its documented range, so computing its schedule
/// cannot fail or overflow.
#[derive(Debug, Clone, PartialEq)]
pub struct Loan {
    principal: Decimal,
    annual_rate: Decimal,
    term: u32,
    method: Method,
    upfront_fee: Decimal,
    monthly_fee_rate: Decimal,
    lpr_1y: Option<Decimal>,
}

fn check_range(
    field: &str,
    value: Decimal,
    min: Decimal,
    max: Decimal,
    rule: &str,
) -> Result<(), InputError> {
    if value < min || value > max {
        return Err(InputError::new(field, rule));
    }
    Ok(())
}

fn check_cents(field: &str, value: Decimal) -> Result<(), InputError> {
    if value.normalize().scale() > 2 {
        return Err(InputError::new(field, "must have at most 2 decimal places (whole cents)"));
    }
    Ok(())
}

impl Loan {
    /// Validates a request. The error names the first offending field and its allowed range.
    ///
    /// ```
    /// use loanlens_core::schedule::Loan;
    /// use loanlens_core::schema::{Method, ScheduleRequest};
    /// use rust_decimal::Decimal;
    /// let req = ScheduleRequest::new(Decimal::from(1000), Decimal::new(5, 2), 0, Method::Bullet);
    /// assert_eq!(Loan::from_request(&req).unwrap_err().field, "term_months");
    /// ```
    pub fn from_request(req: &ScheduleRequest) -> Result<Loan, InputError> {
        check_range(
            "principal",
            req.principal,
            Decimal::new(1, 2),
            MAX_PRINCIPAL,
            "must be between 0.01 and 1000000000000.00 CNY",
        )?;
        check_cents("principal", req.principal)?;
        check_range(
            "annual_rate",
            req.annual_rate,
            Decimal::ZERO,
            MAX_ANNUAL_RATE,
            "must be between 0 and 10 (0% to 1000% a year)",
        )?;
        if req.annual_rate.normalize().scale() > 12 {
            return Err(InputError::new("annual_rate", "must have at most 12 decimal places"));
        }
        if req.term_months == 0 || req.term_months > MAX_TERM_MONTHS {
            return Err(InputError::new("term_months", "must be between 1 and 600 months"));
        }
        let upfront_fee = req.upfront_fee.unwrap_or(Decimal::ZERO);
        if upfront_fee < Decimal::ZERO || upfront_fee >= req.principal {
            return Err(InputError::new(
                "upfront_fee",
                "must be at least 0.00 and less than the principal",
            ));
        }
        check_cents("upfront_fee", upfront_fee)?;
        let monthly_fee_rate = req.monthly_fee_rate.unwrap_or(Decimal::ZERO);
        check_range(
            "monthly_fee_rate",
            monthly_fee_rate,
            Decimal::ZERO,
            MAX_MONTHLY_FEE_RATE,
            "must be between 0 and 0.1 (0% to 10% of the principal a month)",
        )?;
        if monthly_fee_rate.normalize().scale() > 12 {
            return Err(InputError::new("monthly_fee_rate", "must have at most 12 decimal places"));
        }
        if let Some(lpr) = req.lpr_1y {
            check_range(
                "lpr_1y",
                lpr,
                Decimal::new(1, 4),
                Decimal::new(2, 1),
                "must be between 0.0001 and 0.2 (0.01% to 20%)",
            )?;
        }
        Ok(Loan {
            principal: req.principal,
            annual_rate: req.annual_rate,
            term: req.term_months,
            method: req.method,
            upfront_fee,
            monthly_fee_rate,
            lpr_1y: req.lpr_1y,
        })
    }
}

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
    Ok(compute(&loan))
}

/// base^n by repeated squaring; `None` on overflow.
fn pow(base: Decimal, mut n: u32) -> Option<Decimal> {
    let mut result = Decimal::ONE;
    let mut b = base;
    while n > 0 {
        if n & 1 == 1 {
            result = result.checked_mul(b)?;
        }
        n >>= 1;
        if n > 0 {
            b = b.checked_mul(b)?;
        }
    }
    Some(result)
}

/// 等额本息 installment A = round(P·m / (1 − (1+m)^−n)), m = r/12; A = round(P/n) when r = 0.
/// Working with v = 1/(1+m) < 1 means v^n can only underflow towards 0 (harmless), never overflow.
///
/// ```
/// use loanlens_core::schedule::equal_installment_payment;
/// use rust_decimal::Decimal;
/// let a = equal_installment_payment(Decimal::from(1_000_000), Decimal::new(49, 3), 360);
/// assert_eq!(a.to_string(), "5307.27");
/// ```
pub fn equal_installment_payment(principal: Decimal, annual_rate: Decimal, n: u32) -> Decimal {
    if annual_rate.is_zero() {
        return round_money(principal / Decimal::from(n));
    }
    let twelve = Decimal::from(12);
    let m = annual_rate / twelve;
    let v = Decimal::ONE / (Decimal::ONE + m);
    let vn = pow(v, n).unwrap_or(Decimal::ZERO);
    // P·r/12 is formed by multiplying first and dividing last.
    let interest_part = principal * annual_rate / twelve;
    round_money(interest_part / (Decimal::ONE - vn))
}

/// Interest of one period on `balance`: round(balance·r/12), multiplying first.
fn period_interest(balance: Decimal, annual_rate: Decimal) -> Decimal {
    round_money(balance * annual_rate / Decimal::from(12))
}

fn compute(loan: &Loan) -> Schedule {
    let p = loan.principal;
    let r = loan.annual_rate;
    let n = loan.term;
    let fee = round_money(p * loan.monthly_fee_rate);
    let mut rows = Vec::with_capacity(n as usize);
    let mut balance = p;
    let equal_principal = round_money(p / Decimal::from(n));
    let installment = match loan.method {
        Method::EqualInstallment => equal_installment_payment(p, r, n),
        _ => Decimal::ZERO,
    };
    for k in 1..=n {
        let last = k == n;
        let (principal, interest) = match loan.method {
            Method::EqualInstallment => {
                let i = period_interest(balance, r);
                let pr = if last { balance } else { (installment - i).max(Decimal::ZERO).min(balance) };
                (pr, i)
            }
            Method::EqualPrincipal => {
                let i = period_interest(balance, r);
                let pr = if last { balance } else { equal_principal.min(balance) };
                (pr, i)
            }
            Method::InterestOnly => {
                let i = period_interest(p, r);
                (if last { balance } else { Decimal::ZERO }, i)
            }
            Method::Bullet => {
                if last {
                    (balance, round_money(p * r * Decimal::from(n) / Decimal::from(12)))
                } else {
                    (Decimal::ZERO, Decimal::ZERO)
                }
            }
            Method::FlatRate => {
                let i = period_interest(p, r);
                let pr = if last { balance } else { equal_principal.min(balance) };
                (pr, i)
            }
        };
        balance -= principal;
        rows.push(Row {
            period: k,
            date: None,
            payment: round_money(principal + interest + fee),
            principal: round_money(principal),
            interest: round_money(interest),
            fee,
            balance: round_money(balance),
        });
    }
    summarize(loan, rows)
}

fn summarize(loan: &Loan, rows: Vec<Row>) -> Schedule {
    let sum = |f: fn(&Row) -> Decimal| round_money(rows.iter().map(f).sum());
    let total_interest = sum(|r| r.interest);
    let total_payment = sum(|r| r.payment);
    let total_fees = round_money(loan.upfront_fee + rows.iter().map(|r| r.fee).sum::<Decimal>());
    let received = round_money(loan.principal - loan.upfront_fee);
    let payments: Vec<Decimal> = rows.iter().map(|r| r.payment).collect();
    // A validated loan always has received > 0 and a positive final payment, so the IRR exists;
    // the fallback only guards against a Decimal overflow at the extremes of the ranges.
    let x = monthly_irr(received, &payments).unwrap_or(Decimal::ZERO);
    let nominal = x * Decimal::from(12);
    let effective = effective_annual(x).unwrap_or(Decimal::MAX);
    let lpr = loan.lpr_1y.unwrap_or(DEFAULT_LPR_1Y);
    let flags = Flags {
        apr_above_24: nominal > Decimal::new(24, 2),
        apr_above_4x_lpr: nominal > lpr * Decimal::from(4),
        lpr_1y: lpr,
        lpr_date: loan.lpr_1y.is_none().then(|| DEFAULT_LPR_DATE.to_string()),
    };
    let interest_rule = match loan.method {
        Method::InterestOnly | Method::FlatRate => {
            "original principal × annual_rate / 12, rounded half-up each period"
        }
        Method::Bullet => "simple interest principal × annual_rate × months / 12, rounded once",
        _ => "balance × annual_rate / 12, rounded half-up each period",
    };
    Schedule {
        schema_version: SCHEMA_VERSION,
        method: loan.method,
        first_payment: rows.first().map(|r| r.payment).unwrap_or_default(),
        last_payment: rows.last().map(|r| r.payment).unwrap_or_default(),
        amount_received: received,
        total_interest,
        total_fees,
        total_payment,
        apr: Apr {
            monthly: round_rate(x, 8),
            nominal: round_rate(nominal, 6),
            effective: round_rate(effective, 6),
        },
        flags,
        conventions: Conventions {
            rounding: "half_up_0.01".into(),
            interest: interest_rule.into(),
            residue: "the last period absorbs every rounding residue".into(),
            apr: "IRR of the borrower's cash flows incl. every fee (PBOC 2021 No. 3); \
                  nominal = 12 × monthly IRR, effective = (1 + monthly)^12 − 1"
                .into(),
        },
        rows,
    }
}
