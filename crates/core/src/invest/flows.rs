//! A validated product's dated cash flows and the figures computed from them.
//!
//! Lending products and time deposits take their rows from the repayment engine
//! ([`crate::schedule`]) with `disbursement_date` = the value date, so payment k falls on the
//! value date's day of month k months later (clamped to month end). Money-market funds grow
//! as amount·(1+y)^(days/365). Powers with a fractional exponent are `exp(t·ln(1+r))` in
//! `Decimal` (28 digits); money is rounded once, half-up, through [`round_money`].

use super::validate::{Horizon, Valid};
use super::{Explanation, ProductKind, ProductResult};
use crate::dates::Date;
use crate::error::InputError;
use crate::money::{round_money, round_rate};
use crate::schema::{Flow, ScheduleRequest, XirrRequest};
use crate::xirr::{exp, ln_1_to_2, pow_days};
use rust_decimal::Decimal;

/// What one product pays: its flows and the principal coming back, both by date.
#[derive(Debug, Clone, PartialEq)]
pub(crate) struct ProductFlows {
    /// (date, net amount), the first one −amount on the start date, in date order, no zeros.
    pub flows: Vec<(Date, Decimal)>,
    /// (date, principal returned) in date order.
    pub principal: Vec<(Date, Decimal)>,
    pub total_interest: Decimal,
    pub total_fees: Decimal,
}

/// (1 + rate)^(days/365) for 0 ≤ rate ≤ 1; `None` when it leaves `Decimal`'s range.
pub(crate) fn growth(rate: Decimal, days: i64) -> Option<Decimal> {
    growth_ln(ln_1_to_2(Decimal::ONE + rate)?, days)
}

/// e^(ln_growth · days/365), i.e. [`growth`] with ln(1 + rate) computed once by the caller.
fn growth_ln(ln_growth: Decimal, days: i64) -> Option<Decimal> {
    exp(ln_growth.checked_mul(Decimal::from(days))? / Decimal::from(365))
}

fn date(s: &Option<String>) -> Result<Date, String> {
    s.as_deref()
        .and_then(|s| Date::parse(s).ok())
        .ok_or_else(|| "the repayment engine gave a row without a date".to_string())
}

/// The product's flows.
pub(crate) fn product_flows(p: &Valid) -> Result<ProductFlows, String> {
    let mut flows = vec![(p.start, round_money(-p.amount))];
    let mut principal = Vec::new();
    let mut total_interest = Decimal::ZERO;
    let mut total_fees = Decimal::ZERO;
    let overflow = || "its figures exceed the computable range".to_string();
    match p.kind {
        ProductKind::MoneyMarket => {
            let days = p.value.days_until(p.maturity);
            let value = growth(p.rate, days)
                .and_then(|g| p.amount.checked_mul(g))
                .map(round_money)
                .ok_or_else(overflow)?;
            total_interest = value - p.amount;
            flows.push((p.maturity, value));
            principal.push((p.maturity, p.amount));
        }
        ProductKind::Loan | ProductKind::TimeDeposit => {
            let method = p.structure.map_or(crate::schema::Method::Bullet, |s| s.method());
            let mut req = ScheduleRequest::new(p.amount, p.rate, p.term, method);
            req.disbursement_date = Some(p.value.to_string());
            let schedule = crate::schedule(&req).map_err(|e| e.to_string())?;
            for row in &schedule.rows {
                let fee = round_money(row.interest.checked_mul(p.fee_rate).ok_or_else(overflow)?);
                let net = row.principal + row.interest - fee;
                total_interest = total_interest.checked_add(row.interest).ok_or_else(overflow)?;
                total_fees = total_fees.checked_add(fee).ok_or_else(overflow)?;
                if net.is_zero() {
                    continue;
                }
                let d = date(&row.date)?;
                flows.push((d, net));
                if !row.principal.is_zero() {
                    principal.push((d, row.principal));
                }
            }
        }
    }
    Ok(ProductFlows { flows, principal, total_interest, total_fees })
}

/// Every figure of one product except its terminal wealth, ranks and explanation (filled in by
/// the caller: they depend on the horizon or on the other products).
pub(crate) fn metrics(i: usize, p: &Valid, f: &ProductFlows) -> Result<ProductResult, InputError> {
    let field = format!("products[{i}]");
    let overflow = || InputError::new(&field, "its figures exceed the computable range");
    let flows: Vec<Flow> =
        f.flows.iter().map(|(d, a)| Flow { date: d.to_string(), amount: *a }).collect();
    let xirr = crate::xirr(&XirrRequest { flows: flows.clone() })
        .map_err(|e| {
            InputError::new(&field, format!("its cash flows have no XIRR ({})", e.message))
        })?
        .xirr;
    let maturity = f.flows.last().map_or(p.maturity, |l| l.0);
    let holding_days = p.start.days_until(maturity);
    // Σ outstanding principal × days, from the start date to the last flow.
    let mut outstanding = p.amount;
    let mut since = p.start;
    let mut capital_days = Decimal::ZERO;
    for (d, back) in &f.principal {
        let part = outstanding.checked_mul(Decimal::from(since.days_until(*d)));
        capital_days = part.and_then(|x| capital_days.checked_add(x)).ok_or_else(overflow)?;
        outstanding -= *back;
        since = *d;
    }
    let net_interest = f.total_interest - f.total_fees;
    let days = Decimal::from(holding_days.max(1));
    let capital_days = capital_days.max(Decimal::new(1, 2));
    let ratio = |scale: Decimal| {
        net_interest
            .checked_mul(scale)
            .and_then(|x| x.checked_div(capital_days))
            .map(|x| round_rate(x, 6))
    };
    Ok(ProductResult {
        name: p.name.clone(),
        kind: p.kind,
        structure: p.structure,
        value_date: p.value.to_string(),
        maturity_date: maturity.to_string(),
        flows,
        total_interest: round_money(f.total_interest),
        total_fees: round_money(f.total_fees),
        net_interest: round_money(net_interest),
        xirr,
        holding_days,
        average_capital: round_money(capital_days / days),
        return_on_average_capital: ratio(days).ok_or_else(overflow)?,
        annual_return_on_average_capital: ratio(Decimal::from(365)).ok_or_else(overflow)?,
        terminal_wealth: None,
        rank_by_xirr: 0,
        rank_by_terminal_wealth: None,
        explanation: Explanation { zh: String::new(), en: String::new() },
    })
}

/// Σ of the money received × (1 + rate)^((horizon − date)/365): cash received before the
/// horizon is reinvested, compounded annually on Actual/365; cash due after it is discounted
/// back at the same rate. The amount paid in is not counted (it is the same money).
pub(crate) fn terminal_wealth(f: &ProductFlows, h: &Horizon) -> Option<Decimal> {
    let ln_growth = ln_1_to_2(Decimal::ONE + h.rate)?;
    // Flows are in date order, so the growth to the horizon shrinks by the daily factor
    // e^(−ln(1+rate)/365) ≤ 1 per day from one flow to the next: one `exp` for the first flow
    // and one for that factor, then one multiplication per flow (powers cached per gap).
    let daily = exp(-ln_growth / Decimal::from(365))?;
    let mut powers: Vec<(i64, Decimal)> = Vec::with_capacity(8);
    let mut sum = Decimal::ZERO;
    let mut prev: Option<(Date, Decimal)> = None;
    for (d, a) in f.flows.iter().skip(1) {
        let g = match prev {
            None => growth_ln(ln_growth, d.days_until(h.date))?,
            Some((p, g)) => {
                let gap = p.days_until(*d);
                let power = match powers.iter().find(|(n, _)| *n == gap) {
                    Some(&(_, q)) => q,
                    None => {
                        let q = pow_days(daily, gap)?;
                        if powers.len() < 16 {
                            powers.push((gap, q));
                        }
                        q
                    }
                };
                g.checked_mul(power)?
            }
        };
        prev = Some((*d, g));
        sum = sum.checked_add(a.checked_mul(g)?)?;
    }
    Some(round_money(sum))
}
