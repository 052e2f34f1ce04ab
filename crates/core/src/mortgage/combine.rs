//! The parts' schedules → one combined schedule: rows summed by period in whole cents, totals as
//! sums of the parts' totals, and the APR of the combined cash flows.

use super::validate::Valid;
use super::{MortgagePart, MortgageRequest, MortgageResult, MortgageRow, PartKind};
use crate::apr::{effective_annual, monthly_irr_cents};
use crate::error::InputError;
use crate::money::{money, round_rate, to_cents};
use crate::schema::{Apr, SCHEMA_VERSION};
use rust_decimal::Decimal;

/// One part's figures for a period, in cents: payment, principal, interest, balance.
type Cells = [i128; 4];

/// Part `p`'s cells for period `k` (1-based): zeros once the part has ended.
fn cells(p: &MortgagePart, k: usize) -> Cells {
    p.schedule.rows.get(k - 1).map_or([0; 4], |r| {
        [to_cents(r.payment), to_cents(r.principal), to_cents(r.interest), to_cents(r.balance)]
    })
}

/// The combined rows: every money column the exact sum of the parts' cents.
fn rows(valid: &Valid, parts: &[MortgagePart]) -> Vec<MortgageRow> {
    let n = parts.iter().map(|p| p.schedule.rows.len()).max().unwrap_or(0);
    let combination = parts.len() > 1;
    (1..=n)
        .map(|k| {
            let mut sum = [0i128; 4];
            let mut fund = None;
            let mut commercial = None;
            for p in parts {
                let c = cells(p, k);
                for (s, v) in sum.iter_mut().zip(c) {
                    *s += v;
                }
                if combination {
                    match p.kind {
                        PartKind::HousingFund => fund = Some(c),
                        PartKind::Commercial => commercial = Some(c),
                    }
                }
            }
            let col = |c: Option<Cells>, i: usize| c.map(|c| money(c[i]));
            let period = u32::try_from(k).unwrap_or(u32::MAX);
            MortgageRow {
                period,
                date: valid.payment_date(period).to_string(),
                payment: money(sum[0]),
                principal: money(sum[1]),
                interest: money(sum[2]),
                balance: money(sum[3]),
                fund_payment: col(fund, 0),
                fund_principal: col(fund, 1),
                fund_interest: col(fund, 2),
                fund_balance: col(fund, 3),
                commercial_payment: col(commercial, 0),
                commercial_principal: col(commercial, 1),
                commercial_interest: col(commercial, 2),
                commercial_balance: col(commercial, 3),
            }
        })
        .collect()
}

/// The IRR of receiving `received` cents now and paying `grid` (cents at months 1..n).
fn apr(received: i128, grid: &[i128], guess: Decimal) -> Result<Apr, InputError> {
    // `None` only for flows a validated loan cannot produce (see `monthly_irr_cents`).
    let x = monthly_irr_cents(received, grid, guess).unwrap_or(Decimal::ZERO);
    // Rates are at most 30% a year here, so x is small and neither step can overflow; checked
    // all the same, since on wasm32 an overflow would abort the page.
    let beyond = || InputError::new("loan_amount", "gives an APR beyond what the product reports");
    let nominal = x.checked_mul(Decimal::from(12)).ok_or_else(beyond)?;
    let effective = effective_annual(x).ok_or_else(beyond)?;
    Ok(Apr {
        monthly: round_rate(x, 8),
        nominal: round_rate(nominal, 6),
        effective: round_rate(effective, 6),
    })
}

/// The whole result from the parts' schedules.
pub(crate) fn result(
    req: &MortgageRequest,
    valid: &Valid,
    parts: Vec<MortgagePart>,
) -> Result<MortgageResult, InputError> {
    let rows = rows(valid, &parts);
    let grid: Vec<i128> = rows.iter().map(|r| to_cents(r.payment)).collect();
    let sum = |f: fn(&MortgagePart) -> Decimal| parts.iter().map(f).sum::<Decimal>();
    let total_interest = sum(|p| p.schedule.total_interest);
    let total_payment = sum(|p| p.schedule.total_payment);
    let total_principal: Decimal = rows.iter().map(|r| r.principal).sum();
    // A first guess at the monthly IRR: the amount-weighted rate / 12.
    let weighted: Decimal = parts.iter().map(|p| p.amount * p.annual_rate).sum();
    let guess =
        weighted.checked_div(valid.loan_amount * Decimal::from(12)).unwrap_or(Decimal::ZERO);
    let apr = apr(to_cents(valid.loan_amount), &grid, guess)?;
    Ok(MortgageResult {
        schema_version: SCHEMA_VERSION,
        loan_type: req.loan_type,
        house_price: valid.house_price,
        down_payment: valid.house_price.map(|p| p - valid.loan_amount),
        loan_amount: valid.loan_amount,
        disbursement_date: valid.disbursed.to_string(),
        first_payment_date: valid.payment_date(1).to_string(),
        first_payment: rows.first().map(|r| r.payment).unwrap_or_default(),
        last_payment: rows.last().map(|r| r.payment).unwrap_or_default(),
        total_principal,
        total_interest,
        total_payment,
        apr,
        conventions: conventions(),
        parts,
        rows,
    })
}

/// The conventions, in words (docs/mortgage.md).
#[cfg(feature = "messages")]
fn conventions() -> Vec<String> {
    [
        "each part is the engine's schedule (docs/money.md): half-up to 0.01 per period, the \
         last period absorbs the residue",
        "combined rows: each money column is the exact sum of the parts' columns for that period",
        "commercial rate = LPR + spread_bp / 10000; on each repricing date it becomes the LPR \
         then in force + the spread, from the first period that starts on or after that date",
        "first payment: in the month after disbursement on repayment_day (31 = month end), a \
         month later when that is under 15 days away; an odd first period accrues actual days × \
         rate / 360",
        "apr: IRR of the combined cash flows on a monthly grid; nominal = 12 × monthly, \
         effective = (1 + monthly)^12 − 1",
    ]
    .map(String::from)
    .to_vec()
}

/// Without the `messages` feature (the page's build, which shows its own words): none.
#[cfg(not(feature = "messages"))]
fn conventions() -> Vec<String> {
    Vec::new()
}
