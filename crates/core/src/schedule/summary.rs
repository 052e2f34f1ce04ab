//! From cents rows to the response: rows in `Decimal`, totals, the prepayment summary, the APR
//! and its flags, and the conventions text that explains how the figures were computed.

use super::engine::{run, CentsRow};
use super::validate::Loan;
use crate::apr::{
    clearly_within_limit, effective_annual, min_received_cents, monthly_irr, monthly_irr_cents,
};
use crate::error::InputError;
use crate::money::{money, round_rate};
use crate::schema::{
    Apr, Conventions, Flags, PrepaymentSummary, Row, Schedule, DEFAULT_LPR_1Y, DEFAULT_LPR_DATE,
    SCHEMA_VERSION,
};
#[cfg(feature = "messages")]
use crate::schema::{DayCount, Frequency, Method};
use rust_decimal::Decimal;

/// Computes a validated loan's schedule.
pub(crate) fn compute(loan: &Loan) -> Result<Schedule, InputError> {
    let rows = run(loan)?;
    let prepayment = if loan.prepayments.is_empty() && loan.settlement.is_none() {
        None
    } else {
        Some(prepayment_summary(&run(&loan.without_events())?, &rows))
    };
    summarize(loan, &rows, prepayment)
}

/// The rows in cents and, when `solve` is set, the APR exactly as [`compute`] gives them (the
/// same runs and the same APR limit, so the same errors), without the response's `Decimal` rows,
/// totals, flags and texts.
pub(crate) fn cents_and_apr(
    loan: &Loan,
    solve: bool,
) -> Result<(Vec<CentsRow>, Option<Apr>), InputError> {
    let rows = run(loan)?;
    if !(loan.prepayments.is_empty() && loan.settlement.is_none()) {
        run(&loan.without_events())?;
    }
    let received = loan.p_cents - loan.upfront_fee;
    let grid = monthly_grid(loan, &rows);
    let apr = match solve {
        true => Some(apr(loan, received, &grid)?.0),
        false => within_limit(loan, received, &grid).map(|()| None)?,
    };
    Ok((rows, apr))
}

/// What the prepayments changed against the same loan without them.
fn prepayment_summary(original: &[CentsRow], rows: &[CentsRow]) -> PrepaymentSummary {
    let interest = |rs: &[CentsRow]| rs.iter().map(|r| r.interest).sum::<i128>();
    let saved = interest(original) - interest(rows);
    let penalties = rows.iter().map(|r| r.penalty).sum::<i128>();
    PrepaymentSummary {
        original_periods: original.len() as u32,
        original_total_interest: money(interest(original)),
        original_total_payment: money(original.iter().map(CentsRow::payment).sum()),
        periods: rows.len() as u32,
        total_prepaid: money(rows.iter().map(|r| r.prepaid).sum()),
        total_penalties: money(penalties),
        interest_saved: money(saved),
        net_saving: money(saved - penalties),
    }
}

/// The borrower's payments on a monthly grid: payment k at month k × months-per-period.
fn monthly_grid(loan: &Loan, cents: &[CentsRow]) -> Vec<i128> {
    let months = loan.freq.months() as usize;
    let mut grid = vec![0i128; cents.len() * months];
    for (i, r) in cents.iter().enumerate() {
        grid[(i + 1) * months - 1] = r.payment();
    }
    grid
}

/// Refuses a loan whose APR (`received` cents against the monthly `grid`) is beyond the limit.
///
/// A loan whose effective APR would exceed [`crate::apr::MAX_EFFECTIVE_APR`] (1,000,000% a year) is refused
/// with an error naming the upfront fee and the largest fee these terms allow, or naming
/// `annual_rate` when even no fee stays within the limit. Below the limit every step is in
/// range: x ≤ 1.16 a month, so 12·x and (1+x)¹² cannot overflow.
fn within_limit(loan: &Loan, received: i128, grid: &[i128]) -> Result<(), InputError> {
    let least = match clearly_within_limit(received, grid) {
        true => received,
        false => min_received_cents(grid).ok_or_else(beyond)?,
    };
    if received < least {
        let max_fee = loan.p_cents - least;
        if loan.upfront_fee == 0 || max_fee < 0 {
            return Err(beyond());
        }
        return Err(InputError::new(
            loan.fee_field,
            format!(
                "must make a fee of at most {} for these terms: a larger fee puts the APR above \
                 1,000,000% a year",
                money(max_fee)
            ),
        ));
    }
    Ok(())
}

fn beyond() -> InputError {
    InputError::new(
        "annual_rate",
        "with these terms (fees, dates and penalties included) gives an APR above 1,000,000% a \
         year, beyond what the product reports",
    )
}

/// The APR of `received` cents against the monthly `grid`, with the flags it raises, after
/// [`within_limit`].
fn apr(loan: &Loan, received: i128, grid: &[i128]) -> Result<(Apr, Flags), InputError> {
    within_limit(loan, received, grid)?;
    let guess = loan.annual_rate / Decimal::from(12);
    let x = monthly_irr_cents(received, grid, guess)
        .or_else(|| {
            let payments: Vec<Decimal> = grid.iter().map(|c| money(*c)).collect();
            monthly_irr(money(received), &payments).ok()
        })
        .unwrap_or(Decimal::ZERO);
    // Below the limit x ≤ 1.16, so 12·x cannot overflow.
    let nominal = x * Decimal::from(12);
    let effective = effective_annual(x).ok_or_else(beyond)?;
    let lpr = loan.lpr_1y.unwrap_or(DEFAULT_LPR_1Y);
    let flags = Flags {
        apr_above_24: nominal > Decimal::new(24, 2),
        apr_above_4x_lpr: nominal > lpr * Decimal::from(4),
        lpr_1y: lpr,
        lpr_date: loan.lpr_1y.is_none().then(|| DEFAULT_LPR_DATE.to_string()),
    };
    let apr = Apr {
        monthly: round_rate(x, 8),
        nominal: round_rate(nominal, 6),
        effective: round_rate(effective, 6),
    };
    Ok((apr, flags))
}

fn summarize(
    loan: &Loan,
    cents: &[CentsRow],
    prepayment: Option<PrepaymentSummary>,
) -> Result<Schedule, InputError> {
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
    let (apr, flags) = apr(loan, received, &monthly_grid(loan, cents))?;
    Ok(Schedule {
        schema_version: SCHEMA_VERSION,
        method: loan.method,
        payment_frequency: loan.freq,
        first_payment: rows.first().map(|r| r.payment).unwrap_or_default(),
        last_payment: rows.last().map(|r| r.payment).unwrap_or_default(),
        amount_received: money(received),
        total_interest: money(total_interest),
        total_fees: money(total_fees),
        total_payment: money(total_payment),
        apr,
        flags,
        conventions: conventions(loan),
        prepayment,
        rows,
    })
}

/// Without the `messages` feature (the SPA's build, which never shows them) the conventions
/// are empty strings.
#[cfg(not(feature = "messages"))]
fn conventions(_: &Loan) -> Conventions {
    let none = String::new;
    Conventions {
        rounding: none(),
        interest: none(),
        residue: none(),
        apr: none(),
        frequency: none(),
        first_period: None,
        grace: None,
        events: None,
    }
}

/// The conventions text of a loan.
#[cfg(feature = "messages")]
fn conventions(loan: &Loan) -> Conventions {
    let per = match loan.freq {
        Frequency::Monthly => "12",
        Frequency::Quarterly => "4",
    };
    let interest = match loan.method {
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
    Conventions {
        rounding: "half_up_0.01".into(),
        interest,
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
    }
}
