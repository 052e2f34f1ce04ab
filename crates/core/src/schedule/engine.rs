//! The period loop: a validated [`Loan`] becomes one row of whole cents per period.
//!
//! Each period runs the same named steps in order — [`Run::apply_rate_reset`],
//! [`Run::reamortise`], [`Run::regular_payment`], [`Run::prepay`], [`Run::settle`],
//! [`Run::close_row`] — over a [`Run`] that holds the loan's running state (balance, level
//! payment, maturity). All arithmetic is whole cents; every rounding goes through
//! [`crate::money`].

use super::validate::{Loan, PrepaymentEvent, SettlementEvent};
use crate::error::InputError;
use crate::money::{
    accrued_interest, cents_times_rate, checked_powi, div_half_up, money, rate_decimal,
    round_money, to_cents, PeriodRate, YEAR_UNITS,
};
use crate::schema::{DayCount, Method, PrepaymentMode};
use rust_decimal::Decimal;

/// One row in cents.
#[derive(Debug, Clone, Copy, Default)]
pub(crate) struct CentsRow {
    pub principal: i128,
    pub interest: i128,
    pub fee: i128,
    pub prepaid: i128,
    pub penalty: i128,
    pub balance: i128,
}

impl CentsRow {
    /// What the borrower pays this period.
    pub fn payment(&self) -> i128 {
        self.principal + self.interest + self.fee
    }
}

/// The running state of the period loop.
struct Run<'a> {
    loan: &'a Loan,
    /// Year units of a regular period.
    normal_w: i128,
    /// Year units of an odd first period, when the dates make one.
    odd_w: Option<i128>,
    /// Principal amortises each period (not interest-only or bullet).
    amortising: bool,
    balance: i128,
    /// The interest basis of 等本等息: the original principal less prepaid principal.
    basis: i128,
    /// The last period; prepayments and settlement can bring it forward.
    maturity: u32,
    /// The current annual rate, units of 10⁻¹².
    rate: i128,
    normal_rate: PeriodRate,
    /// The level payment (等额本息) or level principal part (等额本金, 等本等息), cents.
    level: i128,
    /// Bullet interest accrued but not yet paid, in interest-denominator units.
    accrued: i128,
    next_reset: usize,
    next_prepay: usize,
}

impl<'a> Run<'a> {
    fn new(loan: &'a Loan) -> Run<'a> {
        let normal_w = YEAR_UNITS / 12 * i128::from(loan.freq.months());
        let odd_w = loan.dates.as_ref().and_then(|d| d.odd_days).map(|days| {
            let per_day = match loan.day_count {
                DayCount::Act360 => YEAR_UNITS / 360,
                DayCount::Act365 => YEAR_UNITS / 365,
            };
            i128::from(days) * per_day
        });
        Run {
            loan,
            normal_w,
            odd_w,
            amortising: matches!(
                loan.method,
                Method::EqualInstallment | Method::EqualPrincipal | Method::FlatRate
            ),
            balance: loan.p_cents,
            basis: loan.p_cents,
            maturity: loan.periods,
            rate: loan.rate,
            normal_rate: PeriodRate::new(loan.rate, normal_w),
            level: 0,
            accrued: 0,
            next_reset: 0,
            next_prepay: 0,
        }
    }

    /// The level payment or principal part for `balance` over `n` periods at the current rate.
    fn level_for(&self, balance: i128, n: u32) -> i128 {
        match self.loan.method {
            Method::EqualInstallment => {
                let per_year = 12 / self.loan.freq.months();
                to_cents(annuity(money(balance), rate_decimal(self.rate), per_year, n))
            }
            _ => div_half_up(balance, i128::from(n.max(1))),
        }
    }

    /// Step 1: a rate reset taking effect in period `k`. Returns whether the rate changed.
    fn apply_rate_reset(&mut self, k: u32) -> bool {
        match self.loan.rate_changes.get(self.next_reset) {
            Some(reset) if reset.from_period == k => {
                self.rate = reset.rate;
                self.next_reset += 1;
                self.normal_rate = PeriodRate::new(self.rate, self.normal_w);
                true
            }
            _ => false,
        }
    }

    /// Step 2: sets the level payment when amortisation starts (after any grace) and
    /// re-amortises 等额本息 over the remaining periods after a rate reset.
    fn reamortise(&mut self, k: u32, rate_changed: bool) {
        let grace = self.loan.grace;
        if self.amortising && k == grace + 1 {
            self.level = self.level_for(self.balance, self.maturity - grace);
        } else if rate_changed && self.loan.method == Method::EqualInstallment && k > grace + 1 {
            self.level = self.level_for(self.balance, self.maturity - k + 1);
        }
    }

    /// Step 3: the regular payment of period `k`: interest by the method's rule, then the
    /// principal part (all of the balance in the last period, which absorbs every residue).
    fn regular_payment(&mut self, k: u32) -> CentsRow {
        let loan = self.loan;
        let (w, period_rate) = match self.odd_w {
            Some(w) if k == 1 => (w, PeriodRate::new(self.rate, w)),
            _ => (self.normal_w, self.normal_rate),
        };
        let last = k == self.maturity;
        let mut row = CentsRow { fee: loan.fee_per_period, ..CentsRow::default() };
        match loan.method {
            Method::EqualInstallment | Method::EqualPrincipal | Method::InterestOnly => {
                row.interest = period_rate.interest(self.balance);
            }
            Method::FlatRate => row.interest = period_rate.interest(self.basis),
            Method::Bullet => {
                self.accrued += self.balance * self.rate * w;
                if last {
                    row.interest = accrued_interest(self.accrued);
                    self.accrued = 0;
                }
            }
        }
        row.principal = if last {
            self.balance
        } else if k <= loan.grace {
            0
        } else {
            match loan.method {
                Method::EqualInstallment => {
                    // In an odd first period the principal part is the regular one; only the
                    // interest follows the actual days.
                    let regular = if w == self.normal_w {
                        row.interest
                    } else {
                        self.normal_rate.interest(self.balance)
                    };
                    (self.level - regular).max(0).min(self.balance)
                }
                Method::EqualPrincipal | Method::FlatRate => self.level.min(self.balance),
                Method::InterestOnly | Method::Bullet => 0,
            }
        };
        self.balance -= row.principal;
        row
    }

    /// Step 4: the partial prepayments of period `k`, right after its regular payment.
    fn prepay(&mut self, k: u32, last: bool, row: &mut CentsRow) -> Result<(), InputError> {
        while let Some(e) = self.loan.prepayments.get(self.next_prepay) {
            if e.period != k {
                break;
            }
            self.next_prepay += 1;
            self.apply_prepayment(k, last, e, row)?;
        }
        Ok(())
    }

    fn apply_prepayment(
        &mut self,
        k: u32,
        last: bool,
        e: &PrepaymentEvent,
        row: &mut CentsRow,
    ) -> Result<(), InputError> {
        if last || self.balance == 0 {
            return Err(InputError::new(
                format!("prepayments[{}].period", e.index),
                format!("must be before the loan is repaid (its last payment is period {k})"),
            ));
        }
        if e.amount > self.balance {
            return Err(InputError::new(
                format!("prepayments[{}].amount", e.index),
                format!(
                    "must be between 0.01 and {} (the balance after period {k}'s payment)",
                    money(self.balance)
                ),
            )
            .with_range(Some(money(1)), Some(money(self.balance))));
        }
        self.balance -= e.amount;
        row.prepaid += e.amount;
        row.penalty += cents_times_rate(e.amount, e.penalty);
        if self.loan.method == Method::FlatRate {
            self.basis -= e.amount;
        }
        if self.balance == 0 {
            self.maturity = k;
        } else if self.amortising && k > self.loan.grace {
            match e.mode {
                PrepaymentMode::ReducePayment => {
                    self.level = self.level_for(self.balance, self.maturity - k);
                }
                PrepaymentMode::ShortenTerm => {
                    if let Some(left) = self.periods_left(self.maturity - k) {
                        self.maturity = self.maturity.min(k + left);
                    }
                }
            }
        }
        Ok(())
    }

    /// Periods the balance still needs at the current level payment after a prepayment, if it
    /// is repaid within `limit` periods.
    fn periods_left(&self, limit: u32) -> Option<u32> {
        match self.loan.method {
            Method::EqualInstallment => periods_to_repay(
                self.balance,
                self.level,
                PeriodRate::new(self.rate, self.normal_w),
                limit,
            ),
            _ if self.level > 0 => u32::try_from((self.balance + self.level - 1) / self.level).ok(),
            _ => None,
        }
    }

    /// Step 5: a full early settlement in period `k`, right after its regular payment.
    fn settle(&mut self, k: u32, last: bool, row: &mut CentsRow) -> Result<(), InputError> {
        let Some(SettlementEvent { period, penalty }) = self.loan.settlement else {
            return Ok(());
        };
        if period != k {
            return Ok(());
        }
        if last || self.balance == 0 {
            return Err(InputError::new(
                "settlement.period",
                format!("must be before the loan is repaid (its last payment is period {k})"),
            ));
        }
        row.prepaid += self.balance;
        row.penalty += cents_times_rate(self.balance, penalty);
        self.balance = 0;
        self.maturity = k;
        Ok(())
    }

    /// Step 6: closes the row. A bullet loan's prepayment also pays the interest accrued so
    /// far; prepaid principal joins `principal` and penalties join `fee`.
    fn close_row(&mut self, last: bool, mut row: CentsRow) -> CentsRow {
        if self.loan.method == Method::Bullet && row.prepaid > 0 && !last {
            row.interest += accrued_interest(self.accrued);
            self.accrued = 0;
        }
        row.principal += row.prepaid;
        row.fee += row.penalty;
        row.balance = self.balance;
        row
    }

    /// Errors for events that never ran because the loan was repaid before them.
    fn check_unused_events(&self) -> Result<(), InputError> {
        let maturity = self.maturity;
        if let Some(e) = self.loan.prepayments.get(self.next_prepay) {
            return Err(InputError::new(
                format!("prepayments[{}].period", e.index),
                format!("must be at most {maturity}: the loan is repaid at period {maturity}"),
            ));
        }
        match self.loan.settlement {
            Some(s) if s.period > maturity => Err(InputError::new(
                "settlement.period",
                format!("must be at most {maturity}: the loan is repaid at period {maturity}"),
            )),
            _ => Ok(()),
        }
    }
}

/// Runs the period loop. Errors only for prepayments/settlement that do not fit the balance.
pub(crate) fn run(loan: &Loan) -> Result<Vec<CentsRow>, InputError> {
    let mut state = Run::new(loan);
    let mut rows = Vec::with_capacity(loan.periods as usize);
    let mut k = 1;
    while k <= state.maturity {
        let rate_changed = state.apply_rate_reset(k);
        state.reamortise(k, rate_changed);
        // `last` is fixed before the events: an event in the last period is an error.
        let last = k == state.maturity;
        let mut row = state.regular_payment(k);
        state.prepay(k, last, &mut row)?;
        state.settle(k, last, &mut row)?;
        rows.push(state.close_row(last, row));
        k += 1;
    }
    state.check_unused_events()?;
    Ok(rows)
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
    let vn = checked_powi(v, n.into()).unwrap_or(Decimal::ZERO);
    // P·r/per_year is formed by multiplying first and dividing last.
    let interest_part = principal * annual_rate / per_year;
    round_money(interest_part / (Decimal::ONE - vn))
}

/// Periods the balance needs at a level payment `level` (at most `limit`), if it is repaid
/// within `limit` periods.
fn periods_to_repay(mut balance: i128, level: i128, per: PeriodRate, limit: u32) -> Option<u32> {
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
