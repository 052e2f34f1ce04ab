//! LPR + 加点 → the engine's `rate_changes`.
//!
//! Repricing dates (重定价日): `january_1` — the first 1 January after the disbursement date,
//! then every `reset_cycle_months`; `anniversary` — disbursement + n × `reset_cycle_months`
//! (clamped to month end). On each repricing date the rate becomes the LPR in force that day
//! (the assumed LPR on or after its `from_date`, else the LPR at disbursement) + the spread.
//!
//! Which period first uses a new rate: the first period that starts on or after the repricing
//! date. Period k starts on the payment date of period k − 1 (period 1 on the disbursement
//! date), the dates being the schedule's own ([`Valid::payment_date`]). A repricing that leaves
//! the rate unchanged produces no change; one whose first period would be past the loan's last
//! produces none either.

use super::validate::{Valid, ValidPart};
use super::MortgageRateChange;
use crate::dates::Date;

/// The repricing dates of a part from `disbursed` on: the `j`-th (1-based).
fn repricing_date(valid: &Valid, part: &ValidPart, j: u32) -> Option<Date> {
    let t = part.lpr.as_ref()?;
    let steps = j.checked_sub(1)?.checked_mul(t.cycle)?;
    match t.repricing {
        super::Repricing::January1 => {
            let first = Date::new(valid.disbursed.year(), 1, 1)?.add_months_clamped(12);
            Some(first.add_months_clamped(steps))
        }
        super::Repricing::Anniversary => {
            Some(valid.disbursed.add_months_clamped(steps.checked_add(t.cycle)?))
        }
    }
}

/// The rate changes a part's LPR terms produce, in period order (empty for a housing-fund part).
pub(crate) fn rate_changes(valid: &Valid, part: &ValidPart) -> Vec<MortgageRateChange> {
    let mut out: Vec<MortgageRateChange> = Vec::new();
    let Some(t) = &part.lpr else { return out };
    let mut current = part.annual_rate;
    // Period k starts on payment_date(k − 1); k only moves forward as the dates do.
    let mut k = 1u32;
    for j in 1..=part.term_months {
        let Some(date) = repricing_date(valid, part, j) else { break };
        while k <= part.term_months && valid.payment_date(k - 1) < date {
            k += 1;
        }
        if k > part.term_months {
            break;
        }
        let lpr = t.lpr_on(date);
        let rate = lpr + t.spread;
        if rate == current {
            continue;
        }
        current = rate;
        let change =
            MortgageRateChange { date: date.to_string(), from_period: k, lpr, annual_rate: rate };
        // Two repricings before one period starts: the later one is what that period uses.
        match out.last_mut() {
            Some(last) if last.from_period == k => *last = change,
            _ => out.push(change),
        }
    }
    out
}
