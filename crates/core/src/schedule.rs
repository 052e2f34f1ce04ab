//! Repayment schedules for every method, exactly as specs/money.md defines them, plus the
//! choices documented in docs/money.md (frequency, grace, dates, prepayments, rate changes).
//!
//! Money is computed in exact integer cents (`i128`) and rates as exact integers in units of
//! 10⁻¹² (every accepted rate has at most 12 decimals). A period's interest is
//! `balance · rate · weight / (10¹² · 26280)` rounded half-up once, where 26280 =
//! lcm(12, 4, 360, 365) is a common "year" so that monthly (weight 2190), quarterly (6570),
//! ACT/360 (73 per day) and ACT/365 (72 per day) periods share one exact formula. Nothing is
//! rounded before the final division, so 241,500 × 4.9% / 12 = 986.125 prints 986.13.

use crate::apr::{effective_annual, monthly_irr, monthly_irr_cents};
use crate::dates::Date;
use crate::error::InputError;
use crate::money::{round_money, round_rate};
use crate::schema::{
    Apr, Conventions, DayCount, Flags, Frequency, Method, PrepaymentMode, PrepaymentSummary, Row,
    Schedule, ScheduleRequest, DEFAULT_LPR_1Y, DEFAULT_LPR_DATE, SCHEMA_VERSION,
};
use rust_decimal::Decimal;

/// Largest principal accepted, CNY.
pub const MAX_PRINCIPAL: Decimal =
    Decimal::from_parts(1_000_000_000_000u64 as u32, 232, 0, false, 0);
/// Largest annual rate accepted, as a fraction (10 = 1000%).
pub const MAX_ANNUAL_RATE: Decimal = Decimal::TEN;
/// Longest term accepted, in months (50 years).
pub const MAX_TERM_MONTHS: u32 = 600;
/// Largest monthly fee rate accepted, as a fraction of the principal (0.1 = 10% a month).
pub const MAX_MONTHLY_FEE_RATE: Decimal = Decimal::from_parts(1, 0, 0, false, 1);
/// Largest upfront fee rate accepted (0.5 = half the principal).
pub const MAX_UPFRONT_FEE_RATE: Decimal = Decimal::from_parts(5, 0, 0, false, 1);
/// Largest prepayment or settlement penalty rate accepted (0.1 = 10% of the principal prepaid).
pub const MAX_PENALTY_RATE: Decimal = Decimal::from_parts(1, 0, 0, false, 1);

/// Rates are held as integers in units of 10⁻¹².
const RATE_ONE: i128 = 1_000_000_000_000;
/// lcm(12, 4, 360, 365): the common year in which every period length is a whole number.
const YEAR_UNITS: i128 = 26_280;
const INTEREST_DEN: i128 = RATE_ONE * YEAR_UNITS;

/// `a / b` rounded half-up, for `a ≥ 0`, `b > 0`.
fn div_half_up(a: i128, b: i128) -> i128 {
    (a + b / 2) / b
}

/// Cents of a validated amount (at most 2 decimals).
fn to_cents(d: Decimal) -> i128 {
    let d = d.normalize();
    d.mantissa() * 10i128.pow(2u32.saturating_sub(d.scale()))
}

/// Cents of a validated amount, for the solvers.
pub(crate) fn to_cents_pub(d: Decimal) -> i128 {
    to_cents(d)
}

/// Rate units (10⁻¹²) of a validated rate, for the solvers.
pub(crate) fn to_rate_units_pub(d: Decimal) -> i128 {
    to_rate_units(d)
}

/// A rate (at most 12 decimals) in units of 10⁻¹².
fn to_rate_units(d: Decimal) -> i128 {
    let d = d.normalize();
    d.mantissa() * 10i128.pow(12u32.saturating_sub(d.scale()))
}

/// Cents as a 2-decimal `Decimal`. Validated inputs keep every amount far inside the range.
fn money(cents: i128) -> Decimal {
    let clamped = cents.clamp(-(1i128 << 95), 1i128 << 95);
    Decimal::from_i128_with_scale(clamped, 2)
}

fn gcd(mut a: i128, mut b: i128) -> i128 {
    while b != 0 {
        (a, b) = (b, a % b);
    }
    a.abs()
}

/// `amount × rate × weight / (10¹² × 26280)` rounded half-up, with the fraction reduced once so
/// that a typical period needs one 64-bit division instead of a 128-bit one (the result is the
/// same exact value either way).
#[derive(Debug, Clone, Copy)]
struct PeriodRate {
    num: i128,
    den: i128,
}

impl PeriodRate {
    fn new(rate: i128, weight: i128) -> PeriodRate {
        let num = rate * weight;
        let g = gcd(num, INTEREST_DEN).max(1);
        PeriodRate { num: num / g, den: INTEREST_DEN / g }
    }

    fn interest(self, amount: i128) -> i128 {
        let a = amount * self.num;
        const SMALL: i128 = 1 << 62;
        if a < SMALL && self.den < SMALL {
            // Both fit in 63 bits, so a + den/2 cannot overflow a u64.
            let (a, d) = (a as u64, self.den as u64);
            ((a + d / 2) / d) as i128
        } else {
            div_half_up(a, self.den)
        }
    }
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

fn check_scale(field: &str, value: Decimal, dp: u32) -> Result<(), InputError> {
    if value.normalize().scale() > dp {
        let what = if dp == 2 {
            "2 decimal places (whole cents)".to_string()
        } else {
            format!("{dp} decimal places")
        };
        return Err(InputError::new(field, format!("must have at most {what}")));
    }
    Ok(())
}

fn check_rate(field: &str, value: Decimal, max: Decimal, rule: &str) -> Result<i128, InputError> {
    check_range(field, value, Decimal::ZERO, max, rule)?;
    check_scale(field, value, 12)?;
    Ok(to_rate_units(value))
}

fn check_money(field: &str, value: Decimal, min: Decimal, rule: &str) -> Result<i128, InputError> {
    check_range(field, value, min, MAX_PRINCIPAL, rule)?;
    check_scale(field, value, 2)?;
    Ok(to_cents(value))
}

/// A validated prepayment.
#[derive(Debug, Clone, PartialEq)]
struct PrepaymentEvent {
    index: usize,
    period: u32,
    amount: i128,
    mode: PrepaymentMode,
    penalty: i128,
}

/// Dates of a loan: payment k falls on `anchor + (k − 1 + offset) × months`.
#[derive(Debug, Clone, PartialEq)]
struct Dates {
    anchor: Date,
    /// 0 when the anchor is the first payment date, 1 when it is the disbursement date.
    offset: u32,
    /// Days of an odd first period, when the first period is not one regular period.
    odd_days: Option<i64>,
}

/// A validated loan: every field is inside its documented range, so computing its schedule
/// cannot overflow. Build it with [`Loan::from_request`].
#[derive(Debug, Clone, PartialEq)]
pub struct Loan {
    principal: Decimal,
    p_cents: i128,
    annual_rate: Decimal,
    rate: i128,
    term: u32,
    freq: Frequency,
    periods: u32,
    grace: u32,
    method: Method,
    upfront_fee: i128,
    fee_per_period: i128,
    lpr_1y: Option<Decimal>,
    dates: Option<Dates>,
    day_count: DayCount,
    prepayments: Vec<PrepaymentEvent>,
    settlement: Option<(u32, i128)>,
    rate_changes: Vec<(u32, i128, Decimal)>,
}

impl Loan {
    /// Validates a request. The error names the first offending field (as a JSON path) and its
    /// allowed range.
    ///
    /// ```
    /// use loanlens_core::schedule::Loan;
    /// use loanlens_core::schema::{Method, ScheduleRequest};
    /// use rust_decimal::Decimal;
    /// let req = ScheduleRequest::new(Decimal::from(1000), Decimal::new(5, 2), 0, Method::Bullet);
    /// assert_eq!(Loan::from_request(&req).unwrap_err().field, "term_months");
    /// ```
    pub fn from_request(req: &ScheduleRequest) -> Result<Loan, InputError> {
        let p_cents = check_money(
            "principal",
            req.principal,
            Decimal::new(1, 2),
            "must be between 0.01 and 1000000000000.00 CNY",
        )?;
        let rate = check_rate(
            "annual_rate",
            req.annual_rate,
            MAX_ANNUAL_RATE,
            "must be between 0 and 10 (0% to 1000% a year)",
        )?;
        if req.term_months == 0 || req.term_months > MAX_TERM_MONTHS {
            return Err(InputError::new("term_months", "must be between 1 and 600 months"));
        }
        let freq = req.payment_frequency.unwrap_or_default();
        let months = freq.months();
        if !req.term_months.is_multiple_of(months) {
            return Err(InputError::new(
                "term_months",
                "must be a multiple of 3 (3 to 600 months) when payment_frequency is quarterly",
            ));
        }
        let periods = req.term_months / months;
        let grace_months = req.grace_months.unwrap_or(0);
        if grace_months >= req.term_months || !grace_months.is_multiple_of(months) {
            return Err(InputError::new(
                "grace_months",
                format!(
                    "must be between 0 and {} months (less than term_months{})",
                    req.term_months - months,
                    if months == 3 { ", a multiple of 3 when quarterly" } else { "" }
                ),
            ));
        }
        let upfront_fee = match (req.upfront_fee, req.upfront_fee_rate) {
            (Some(_), Some(_)) => {
                return Err(InputError::new(
                    "upfront_fee_rate",
                    "give either upfront_fee or upfront_fee_rate, not both",
                ))
            }
            (Some(fee), None) => {
                let fee_cents = check_money(
                    "upfront_fee",
                    fee,
                    Decimal::ZERO,
                    "must be at least 0.00 and less than the principal",
                )?;
                if fee_cents >= p_cents {
                    return Err(InputError::new(
                        "upfront_fee",
                        "must be at least 0.00 and less than the principal",
                    ));
                }
                fee_cents
            }
            (None, Some(r)) => {
                check_rate(
                    "upfront_fee_rate",
                    r,
                    MAX_UPFRONT_FEE_RATE,
                    "must be between 0 and 0.5 (0% to 50% of the principal)",
                )?;
                let fee_cents = to_cents(round_money(req.principal * r));
                if fee_cents >= p_cents {
                    return Err(InputError::new(
                        "upfront_fee_rate",
                        "makes the fee as large as the principal; it must leave the borrower something",
                    ));
                }
                fee_cents
            }
            (None, None) => 0,
        };
        let monthly_fee_rate = req.monthly_fee_rate.unwrap_or(Decimal::ZERO);
        check_rate(
            "monthly_fee_rate",
            monthly_fee_rate,
            MAX_MONTHLY_FEE_RATE,
            "must be between 0 and 0.1 (0% to 10% of the principal a month)",
        )?;
        let fee_per_period =
            to_cents(round_money(req.principal * monthly_fee_rate * Decimal::from(months)));
        if let Some(lpr) = req.lpr_1y {
            check_range(
                "lpr_1y",
                lpr,
                Decimal::new(1, 4),
                Decimal::new(2, 1),
                "must be between 0.0001 and 0.2 (0.01% to 20%)",
            )?;
        }
        let dates = Self::dates(req, months)?;
        let last_event_period = periods.saturating_sub(1);
        let mut prepayments = Vec::with_capacity(req.prepayments.len());
        if req.prepayments.len() > MAX_TERM_MONTHS as usize {
            return Err(InputError::new("prepayments", "must have at most 600 entries"));
        }
        for (i, pp) in req.prepayments.iter().enumerate() {
            if pp.period == 0 || pp.period > last_event_period {
                return Err(InputError::new(
                    format!("prepayments[{i}].period"),
                    format!("must be between 1 and {last_event_period} (a period before the last)"),
                ));
            }
            let amount = check_money(
                &format!("prepayments[{i}].amount"),
                pp.amount,
                Decimal::new(1, 2),
                "must be between 0.01 and the balance after that period's payment",
            )?;
            let penalty = check_rate(
                &format!("prepayments[{i}].penalty_rate"),
                pp.penalty_rate.unwrap_or(Decimal::ZERO),
                MAX_PENALTY_RATE,
                "must be between 0 and 0.1 (0% to 10% of the amount prepaid)",
            )?;
            prepayments.push(PrepaymentEvent {
                index: i,
                period: pp.period,
                amount,
                mode: pp.mode,
                penalty,
            });
        }
        prepayments.sort_by_key(|e| e.period);
        let settlement = match &req.settlement {
            None => None,
            Some(s) => {
                if s.period == 0 || s.period > last_event_period {
                    return Err(InputError::new(
                        "settlement.period",
                        format!(
                            "must be between 1 and {last_event_period} (a period before the last)"
                        ),
                    ));
                }
                if let Some(e) = prepayments.iter().find(|e| e.period > s.period) {
                    return Err(InputError::new(
                        format!("prepayments[{}].period", e.index),
                        format!("must not be after settlement.period ({})", s.period),
                    ));
                }
                let penalty = check_rate(
                    "settlement.penalty_rate",
                    s.penalty_rate.unwrap_or(Decimal::ZERO),
                    MAX_PENALTY_RATE,
                    "must be between 0 and 0.1 (0% to 10% of the principal settled)",
                )?;
                Some((s.period, penalty))
            }
        };
        let mut rate_changes = Vec::with_capacity(req.rate_changes.len());
        let mut previous = 0;
        for (i, rc) in req.rate_changes.iter().enumerate() {
            if rc.from_period == 0 || rc.from_period > periods {
                return Err(InputError::new(
                    format!("rate_changes[{i}].from_period"),
                    format!("must be between 1 and {periods} (a payment period of the loan)"),
                ));
            }
            if rc.from_period <= previous {
                return Err(InputError::new(
                    format!("rate_changes[{i}].from_period"),
                    format!("must be greater than the previous change's from_period ({previous})"),
                ));
            }
            previous = rc.from_period;
            let r = check_rate(
                &format!("rate_changes[{i}].annual_rate"),
                rc.annual_rate,
                MAX_ANNUAL_RATE,
                "must be between 0 and 10 (0% to 1000% a year)",
            )?;
            rate_changes.push((rc.from_period, r, rc.annual_rate));
        }
        Ok(Loan {
            principal: req.principal,
            p_cents,
            annual_rate: req.annual_rate,
            rate,
            term: req.term_months,
            freq,
            periods,
            grace: grace_months / months,
            method: req.method,
            upfront_fee,
            fee_per_period,
            lpr_1y: req.lpr_1y,
            dates,
            day_count: req.day_count.unwrap_or_default(),
            prepayments,
            settlement,
            rate_changes,
        })
    }

    fn dates(req: &ScheduleRequest, months: u32) -> Result<Option<Dates>, InputError> {
        let parse = |field: &str, s: &Option<String>| -> Result<Option<Date>, InputError> {
            s.as_deref().map(|s| Date::parse(s).map_err(|m| InputError::new(field, m))).transpose()
        };
        let disbursed = parse("disbursement_date", &req.disbursement_date)?;
        let first = parse("first_payment_date", &req.first_payment_date)?;
        Ok(match (disbursed, first) {
            (None, None) => None,
            (Some(d), None) => Some(Dates { anchor: d, offset: 1, odd_days: None }),
            (None, Some(f)) => Some(Dates { anchor: f, offset: 0, odd_days: None }),
            (Some(d), Some(f)) => {
                let days = d.days_until(f);
                let regular = d.add_months_clamped(months);
                let latest = d.add_months_clamped(2 * months);
                if days < 1 || f > latest {
                    return Err(InputError::new(
                        "first_payment_date",
                        format!(
                            "must be after disbursement_date and at most {} months later (by {latest})",
                            2 * months
                        ),
                    ));
                }
                Some(Dates { anchor: f, offset: 0, odd_days: (f != regular).then_some(days) })
            }
        })
    }

    /// Number of payment periods before any prepayment.
    ///
    /// ```
    /// use loanlens_core::schedule::Loan;
    /// use loanlens_core::schema::{Method, ScheduleRequest};
    /// let req = ScheduleRequest::new(1000.into(), 0.into(), 24, Method::Bullet);
    /// assert_eq!(Loan::from_request(&req).unwrap().periods(), 24);
    /// ```
    pub fn periods(&self) -> u32 {
        self.periods
    }

    fn without_events(&self) -> Loan {
        Loan { prepayments: Vec::new(), settlement: None, ..self.clone() }
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
    compute(&loan)
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
    annuity(principal, annual_rate, 12, n)
}

/// The level payment of `principal` over `n` periods at `annual_rate / per_year`.
fn annuity(principal: Decimal, annual_rate: Decimal, per_year: u32, n: u32) -> Decimal {
    if n == 0 {
        return round_money(principal);
    }
    if annual_rate.is_zero() {
        return round_money(principal / Decimal::from(n));
    }
    let per_year = Decimal::from(per_year);
    let m = annual_rate / per_year;
    let v = Decimal::ONE / (Decimal::ONE + m);
    let vn = pow(v, n).unwrap_or(Decimal::ZERO);
    // P·r/per_year is formed by multiplying first and dividing last.
    let interest_part = principal * annual_rate / per_year;
    round_money(interest_part / (Decimal::ONE - vn))
}

/// Periods the balance needs at a level payment `level` (at most `limit`), if it is repaid
/// within `limit` periods.
fn periods_to_repay(
    mut balance: i128,
    level: i128,
    rate: i128,
    weight: i128,
    limit: u32,
) -> Option<u32> {
    let per = PeriodRate::new(rate, weight);
    for j in 1..=limit {
        let interest = per.interest(balance);
        if level - interest >= balance {
            return Some(j);
        }
        if level <= interest {
            return None;
        }
        balance -= level - interest;
    }
    None
}

/// One row in cents.
#[derive(Debug, Clone, Copy, Default)]
struct CentsRow {
    principal: i128,
    interest: i128,
    fee: i128,
    prepaid: i128,
    penalty: i128,
    balance: i128,
}

impl CentsRow {
    fn payment(&self) -> i128 {
        self.principal + self.interest + self.fee
    }
}

fn rate_decimal(units: i128) -> Decimal {
    Decimal::from_i128_with_scale(units, 12)
}

/// Runs the period loop. Errors only for prepayments/settlement that do not fit the balance.
fn run(loan: &Loan) -> Result<Vec<CentsRow>, InputError> {
    let months = i128::from(loan.freq.months());
    let per_year = 12 / loan.freq.months();
    let normal_w = YEAR_UNITS / 12 * months;
    let odd_w = loan.dates.as_ref().and_then(|d| d.odd_days).map(|days| {
        let per_day = match loan.day_count {
            DayCount::Act360 => YEAR_UNITS / 360,
            DayCount::Act365 => YEAR_UNITS / 365,
        };
        i128::from(days) * per_day
    });
    let mut rows = Vec::with_capacity(loan.periods as usize);
    let mut balance = loan.p_cents;
    let mut basis = loan.p_cents;
    let mut maturity = loan.periods;
    let mut rate = loan.rate;
    let mut level: i128 = 0;
    let mut accrued: i128 = 0;
    let mut next_change = 0usize;
    let mut next_prepay = 0usize;
    let amortising =
        matches!(loan.method, Method::EqualInstallment | Method::EqualPrincipal | Method::FlatRate);
    let set_level = |balance: i128, rate: i128, n: u32| -> i128 {
        match loan.method {
            Method::EqualInstallment => {
                to_cents(annuity(money(balance), rate_decimal(rate), per_year, n))
            }
            _ => div_half_up(balance, i128::from(n.max(1))),
        }
    };
    let mut normal_rate = PeriodRate::new(rate, normal_w);
    let mut k = 1;
    while k <= maturity {
        let mut changed = false;
        if let Some(&(from, r, _)) = loan.rate_changes.get(next_change) {
            if from == k {
                rate = r;
                next_change += 1;
                changed = true;
            }
        }
        if amortising && k == loan.grace + 1 {
            level = set_level(balance, rate, maturity - loan.grace);
        } else if changed && loan.method == Method::EqualInstallment && k > loan.grace + 1 {
            level = set_level(balance, rate, maturity - k + 1);
        }
        if changed {
            normal_rate = PeriodRate::new(rate, normal_w);
        }
        let (w, period_rate) = match odd_w {
            Some(w) if k == 1 => (w, PeriodRate::new(rate, w)),
            _ => (normal_w, normal_rate),
        };
        let last = k == maturity;
        let mut row = CentsRow { fee: loan.fee_per_period, ..CentsRow::default() };
        match loan.method {
            Method::EqualInstallment | Method::EqualPrincipal | Method::InterestOnly => {
                row.interest = period_rate.interest(balance);
            }
            Method::FlatRate => row.interest = period_rate.interest(basis),
            Method::Bullet => {
                accrued += balance * rate * w;
                if last {
                    row.interest = div_half_up(accrued, INTEREST_DEN);
                    accrued = 0;
                }
            }
        }
        row.principal = if last {
            balance
        } else if k <= loan.grace {
            0
        } else {
            match loan.method {
                Method::EqualInstallment => {
                    // In an odd first period the principal part is the regular one; only the
                    // interest follows the actual days.
                    let regular =
                        if w == normal_w { row.interest } else { normal_rate.interest(balance) };
                    (level - regular).clamp(0, balance)
                }
                Method::EqualPrincipal | Method::FlatRate => level.min(balance),
                Method::InterestOnly | Method::Bullet => 0,
            }
        };
        balance -= row.principal;
        // Events right after the regular payment.
        while let Some(e) = loan.prepayments.get(next_prepay) {
            if e.period != k {
                break;
            }
            next_prepay += 1;
            if last || balance == 0 {
                return Err(InputError::new(
                    format!("prepayments[{}].period", e.index),
                    format!("must be before the loan is repaid (its last payment is period {k})"),
                ));
            }
            if e.amount > balance {
                return Err(InputError::new(
                    format!("prepayments[{}].amount", e.index),
                    format!(
                        "must be between 0.01 and {} (the balance after period {k}'s payment)",
                        money(balance)
                    ),
                ));
            }
            balance -= e.amount;
            row.prepaid += e.amount;
            row.penalty += div_half_up(e.amount * e.penalty, RATE_ONE);
            if loan.method == Method::FlatRate {
                basis -= e.amount;
            }
            if balance == 0 {
                maturity = k;
            } else if amortising && k > loan.grace {
                match e.mode {
                    PrepaymentMode::ReducePayment => level = set_level(balance, rate, maturity - k),
                    PrepaymentMode::ShortenTerm => {
                        let left = match loan.method {
                            Method::EqualInstallment => {
                                periods_to_repay(balance, level, rate, normal_w, maturity - k)
                            }
                            _ if level > 0 => u32::try_from((balance + level - 1) / level).ok(),
                            _ => None,
                        };
                        if let Some(left) = left {
                            maturity = maturity.min(k + left);
                        }
                    }
                }
            }
        }
        if let Some((period, penalty)) = loan.settlement {
            if period == k {
                if last || balance == 0 {
                    return Err(InputError::new(
                        "settlement.period",
                        format!(
                            "must be before the loan is repaid (its last payment is period {k})"
                        ),
                    ));
                }
                row.prepaid += balance;
                row.penalty += div_half_up(balance * penalty, RATE_ONE);
                balance = 0;
                maturity = k;
            }
        }
        if loan.method == Method::Bullet && row.prepaid > 0 && !last {
            // A prepayment also pays the interest accrued so far.
            row.interest += div_half_up(accrued, INTEREST_DEN);
            accrued = 0;
        }
        row.principal += row.prepaid;
        row.fee += row.penalty;
        row.balance = balance;
        rows.push(row);
        k += 1;
    }
    if let Some(e) = loan.prepayments.get(next_prepay) {
        return Err(InputError::new(
            format!("prepayments[{}].period", e.index),
            format!("must be at most {maturity}: the loan is repaid at period {maturity}"),
        ));
    }
    if let Some((period, _)) = loan.settlement {
        if period > maturity {
            return Err(InputError::new(
                "settlement.period",
                format!("must be at most {maturity}: the loan is repaid at period {maturity}"),
            ));
        }
    }
    Ok(rows)
}

/// Computes a validated loan's schedule.
fn compute(loan: &Loan) -> Result<Schedule, InputError> {
    let rows = run(loan)?;
    let prepayment = if loan.prepayments.is_empty() && loan.settlement.is_none() {
        None
    } else {
        let original = run(&loan.without_events())?;
        Some((original, loan))
    };
    let summary = prepayment.map(|(original, _)| {
        let interest = |rs: &[CentsRow]| rs.iter().map(|r| r.interest).sum::<i128>();
        let saved = interest(&original) - interest(&rows);
        let penalties = rows.iter().map(|r| r.penalty).sum::<i128>();
        PrepaymentSummary {
            original_periods: original.len() as u32,
            original_total_interest: money(interest(&original)),
            original_total_payment: money(original.iter().map(CentsRow::payment).sum()),
            periods: rows.len() as u32,
            total_prepaid: money(rows.iter().map(|r| r.prepaid).sum()),
            total_penalties: money(penalties),
            interest_saved: money(saved),
            net_saving: money(saved - penalties),
        }
    });
    Ok(summarize(loan, &rows, summary))
}

fn summarize(loan: &Loan, cents: &[CentsRow], prepayment: Option<PrepaymentSummary>) -> Schedule {
    let months = loan.freq.months();
    let rows: Vec<Row> = cents
        .iter()
        .enumerate()
        .map(|(i, r)| {
            let period = i as u32 + 1;
            Row {
                period,
                date: loan.dates.as_ref().map(|d| {
                    d.anchor.add_months_clamped((period - 1 + d.offset) * months).to_string()
                }),
                payment: money(r.payment()),
                principal: money(r.principal),
                interest: money(r.interest),
                fee: money(r.fee),
                balance: money(r.balance),
                prepaid: (r.prepaid > 0).then(|| money(r.prepaid)),
            }
        })
        .collect();
    let total_interest: i128 = cents.iter().map(|r| r.interest).sum();
    let total_payment: i128 = cents.iter().map(CentsRow::payment).sum();
    let total_fees: i128 = loan.upfront_fee + cents.iter().map(|r| r.fee).sum::<i128>();
    let received = loan.p_cents - loan.upfront_fee;
    // The borrower's cash flows on a monthly grid: payment k at month k × months.
    let mut grid = vec![0i128; cents.len() * months as usize];
    for (i, r) in cents.iter().enumerate() {
        grid[(i + 1) * months as usize - 1] = r.payment();
    }
    let guess = loan.annual_rate / Decimal::from(12);
    let x = monthly_irr_cents(received, &grid, guess)
        .or_else(|| {
            let payments: Vec<Decimal> = grid.iter().map(|c| money(*c)).collect();
            monthly_irr(money(received), &payments).ok()
        })
        .unwrap_or(Decimal::ZERO);
    let nominal = x * Decimal::from(12);
    let effective = effective_annual(x).unwrap_or(Decimal::MAX);
    let lpr = loan.lpr_1y.unwrap_or(DEFAULT_LPR_1Y);
    let flags = Flags {
        apr_above_24: nominal > Decimal::new(24, 2),
        apr_above_4x_lpr: nominal > lpr * Decimal::from(4),
        lpr_1y: lpr,
        lpr_date: loan.lpr_1y.is_none().then(|| DEFAULT_LPR_DATE.to_string()),
    };
    let per = match loan.freq {
        Frequency::Monthly => "12",
        Frequency::Quarterly => "4",
    };
    let interest_rule = match loan.method {
        Method::FlatRate => format!(
            "original principal (less any prepaid principal) × annual_rate / {per}, rounded half-up each period"
        ),
        Method::Bullet => format!(
            "simple interest Σ balance × annual_rate / {per} over the periods, rounded once when paid"
        ),
        _ => format!("balance × annual_rate / {per}, rounded half-up each period"),
    };
    let first_period = loan.dates.as_ref().and_then(|d| d.odd_days).map(|days| {
        let basis = match loan.day_count {
            DayCount::Act360 => "360",
            DayCount::Act365 => "365",
        };
        format!(
            "odd first period of {days} days: interest = balance × annual_rate × {days} / {basis}{}",
            if loan.method == Method::EqualInstallment {
                "; its principal part is the regular one"
            } else {
                ""
            }
        )
    });
    let grace = (loan.grace > 0).then(|| {
        format!(
            "{} grace period(s) pay interest only; amortisation over the remaining {} period(s){}",
            loan.grace,
            loan.periods - loan.grace,
            if matches!(loan.method, Method::InterestOnly | Method::Bullet) {
                " (no effect on this method)"
            } else {
                ""
            }
        )
    });
    let has_events =
        !loan.prepayments.is_empty() || loan.settlement.is_some() || !loan.rate_changes.is_empty();
    let events = has_events.then(|| {
        "prepayments and settlement are paid right after the period's regular payment; \
         shorten_term keeps the payment, reduce_payment keeps the end date and re-amortises; \
         a rate change applies from its period's interest and re-amortises equal_installment \
         over the remaining periods; penalties are reported as fee"
            .to_string()
    });
    Schedule {
        schema_version: SCHEMA_VERSION,
        method: loan.method,
        payment_frequency: loan.freq,
        first_payment: rows.first().map(|r| r.payment).unwrap_or_default(),
        last_payment: rows.last().map(|r| r.payment).unwrap_or_default(),
        amount_received: money(received),
        total_interest: money(total_interest),
        total_fees: money(total_fees),
        total_payment: money(total_payment),
        apr: Apr {
            monthly: round_rate(x, 8),
            nominal: round_rate(nominal, 6),
            effective: round_rate(effective, 6),
        },
        flags,
        conventions: Conventions {
            rounding: "half_up_0.01".into(),
            interest: interest_rule,
            residue: "the last period absorbs every rounding residue".into(),
            apr: "IRR of the borrower's cash flows incl. every fee (PBOC 2021 No. 3) on a monthly \
                  grid; nominal = 12 × monthly IRR, effective = (1 + monthly)^12 − 1"
                .into(),
            frequency: match loan.freq {
                Frequency::Monthly => "monthly: annual_rate / 12 per period".into(),
                Frequency::Quarterly => "quarterly: annual_rate / 4 per period".into(),
            },
            first_period,
            grace,
            events,
        },
        prepayment,
        rows,
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn half_up_division() {
        assert_eq!(div_half_up(5, 10), 1);
        assert_eq!(div_half_up(4, 10), 0);
        assert_eq!(div_half_up(15, 10), 2);
        assert_eq!(div_half_up(7, 3), 2);
        assert_eq!(div_half_up(0, 3), 0);
    }

    #[test]
    fn cents_and_rate_units_are_exact() {
        assert_eq!(to_cents(Decimal::new(100_000, 3)), 10_000);
        assert_eq!(to_rate_units(Decimal::new(49, 3)), 49_000_000_000);
        assert_eq!(money(12_345).to_string(), "123.45");
    }
}
