//! Several partial prepayments (issue 14, "what borrowers compare us against"): up to
//! [`MAX_PREPAYS`] rows, each with its period, amount and mode, and both modes side by side.
//!
//! Invariants: row 0 is the simulator's original fields (`Inputs::prepay_period`,
//! `prepay_amount`, `prepay_mode`; URL `pp_period`, `pp_amount`, `pp_mode`), rows 1.. are
//! `Inputs::more_prepays` (URL `pp1_period`, `pp1_amount`, `pp1_mode` …). The penalty rate
//! (`pp_penalty`) applies to every row. Row n goes to the engine as `prepayments[n]`, so the
//! core's error path `prepayments[n].amount` names the row the person sees as n + 1.

use super::inputs::{prepay_mode_from_id, prepay_mode_id, Field, Inputs};
use super::parse::{parse_period, parse_term};
use super::FieldErrors;
use crate::i18n::Key;
use loanlens_core::schema::{Method, Prepayment, PrepaymentMode, ScheduleRequest};
use rust_decimal::Decimal;

/// The most partial prepayment rows, the first included.
pub const MAX_PREPAYS: usize = 5;

/// A partial prepayment row after the first, as typed.
#[derive(Debug, Clone, PartialEq)]
pub struct PrepayRow {
    /// 第几期 (after which payment).
    pub period: String,
    /// 元 or 万元.
    pub amount: String,
    pub mode: PrepaymentMode,
}

/// Row `n`'s period field.
pub fn period_field(n: usize) -> Field {
    if n == 0 {
        Field::PrepayPeriod
    } else {
        Field::PrepayPeriodAt(n)
    }
}

/// Row `n`'s amount field.
pub fn amount_field(n: usize) -> Field {
    if n == 0 {
        Field::PrepayAmount
    } else {
        Field::PrepayAmountAt(n)
    }
}

/// The row an engine error path names: `prepayments[3].amount` → 3; 0 for any other path.
pub fn row_of(path: &str) -> usize {
    path.strip_prefix("prepayments[")
        .and_then(|r| r.split_once(']'))
        .and_then(|(n, _)| n.parse().ok())
        .filter(|n| *n < MAX_PREPAYS)
        .unwrap_or(0)
}

/// What row `n`'s period error says. The engine refuses a period outside 1 to term − 1 (then
/// the message keeps that range, `Some(term − 1)`, said after it), and a period inside it that
/// an earlier row's 缩短年限 has put after the loan is repaid (then it says so, no range).
pub fn period_error(i: &Inputs, n: usize, err: Key) -> (Key, Option<u32>) {
    let last = parse_term(&i.term, i.term_unit).ok().map(|t| t - 1).filter(|l| *l > 0);
    let period = row(i, n).and_then(|(p, _, _)| parse_period(p).ok());
    match (err, period, last) {
        (Key::ErrPrepayPeriod, Some(p), Some(l)) if p <= l => (Key::ErrPrepayRepaid, None),
        (Key::ErrPrepayPeriod, _, last) => (err, last),
        _ => (err, None),
    }
}

/// Number of rows, the first included.
pub fn count(i: &Inputs) -> usize {
    1 + i.more_prepays.len()
}

/// Row `n`'s (period, amount, mode) as typed.
pub fn row(i: &Inputs, n: usize) -> Option<(&str, &str, PrepaymentMode)> {
    match n {
        0 => Some((&i.prepay_period, &i.prepay_amount, i.prepay_mode)),
        _ => i.more_prepays.get(n - 1).map(|r| (r.period.as_str(), r.amount.as_str(), r.mode)),
    }
}

/// Whether row `n` is blank (no period, no amount): a blank row is not sent and not flagged,
/// wherever it is (issue 14 findings, 4).
pub fn blank(i: &Inputs, n: usize) -> bool {
    row(i, n).is_some_and(|(p, a, _)| p.trim().is_empty() && a.trim().is_empty())
}

/// The row the person sees for the engine's `prepayments[k]` (blank rows are not sent).
fn shown_row(i: &Inputs, k: usize) -> usize {
    (0..count(i)).filter(|n| !blank(i, *n)).nth(k).unwrap_or(k)
}

/// The prepayment row field `f` belongs to in partial mode (in settlement mode the period
/// field is the settlement's).
pub fn row_of_field(i: &Inputs, f: Field) -> Option<usize> {
    match f {
        Field::PrepayPeriodAt(n) | Field::PrepayAmountAt(n) => Some(n),
        Field::PrepayPeriod | Field::PrepayAmount => {
            (i.prepay_kind == super::inputs::PrepayKind::Partial).then_some(0)
        }
        _ => None,
    }
}

/// Moves the engine's errors from its `prepayments[k]` to the row the person sees.
pub fn remap(i: &Inputs, mut errs: FieldErrors) -> FieldErrors {
    let shown = |f: Field| match (row_of_field(i, f), f) {
        (Some(k), Field::PrepayPeriod | Field::PrepayPeriodAt(_)) => period_field(shown_row(i, k)),
        (Some(k), _) => amount_field(shown_row(i, k)),
        (None, f) => f,
    };
    errs.fields.iter_mut().for_each(|(f, _)| *f = shown(*f));
    if let Some((f, _, _)) = errs.range.as_mut() {
        *f = shown(*f);
    }
    errs
}

/// Adds an empty row (at most [`MAX_PREPAYS`] in all), in the first row's mode.
pub fn add(i: &mut Inputs) {
    if count(i) < MAX_PREPAYS {
        let mode = i.prepay_mode;
        i.more_prepays.push(PrepayRow { period: String::new(), amount: String::new(), mode });
    }
}

/// Removes row `n`; removing the first moves the second up into its place (the only row is
/// emptied).
pub fn remove(i: &mut Inputs, n: usize) {
    if n == 0 {
        let next = (!i.more_prepays.is_empty()).then(|| i.more_prepays.remove(0));
        let next = next.unwrap_or(PrepayRow {
            period: String::new(),
            amount: String::new(),
            mode: i.prepay_mode,
        });
        (i.prepay_period, i.prepay_amount, i.prepay_mode) = (next.period, next.amount, next.mode);
    } else if n <= i.more_prepays.len() {
        i.more_prepays.remove(n - 1);
    }
}

/// Sets row `n`'s mode; `None` for `n` sets every row's.
pub fn set_mode(i: &mut Inputs, n: Option<usize>, m: PrepaymentMode) {
    for (k, r) in i.more_prepays.iter_mut().enumerate() {
        if n.is_none() || n == Some(k + 1) {
            r.mode = m;
        }
    }
    if matches!(n, None | Some(0)) {
        i.prepay_mode = m;
    }
}

/// The engine's prepayments from every row, each error under its row's field. `penalty` is
/// the shared penalty rate.
pub fn parse_rows(
    i: &Inputs,
    penalty: Option<Decimal>,
    amount: impl Fn(&str) -> Result<Decimal, Key>,
    errs: &mut FieldErrors,
) -> Vec<Prepayment> {
    let mut out = Vec::new();
    for n in (0..count(i)).filter(|n| !blank(i, *n)) {
        let Some((period, sum, mode)) = row(i, n) else { break };
        let period = parse_period(period);
        let sum = amount(sum);
        errs.push(period_field(n), period);
        errs.push(amount_field(n), sum);
        if let (Ok(period), Ok(amount)) = (period, sum) {
            let mode = i.mode_used(mode);
            out.push(Prepayment { period, amount, mode, penalty_rate: penalty });
        }
    }
    out
}

/// The URL pairs of rows 1.. (`pp1_period=…`).
pub fn query_pairs(i: &Inputs) -> Vec<(String, String)> {
    let mut out = Vec::new();
    for (k, r) in i.more_prepays.iter().enumerate() {
        let n = k + 1;
        out.push((format!("pp{n}_period"), r.period.clone()));
        out.push((format!("pp{n}_amount"), r.amount.clone()));
        out.push((format!("pp{n}_mode"), prepay_mode_id(r.mode).to_string()));
    }
    out
}

/// Applies a URL pair `pp{n}_{period|amount|mode}` (n from 1 to [`MAX_PREPAYS`] − 1); false
/// when `k` is not one. Missing rows before `n` are added empty.
pub fn apply_query(i: &mut Inputs, k: &str, v: String) -> bool {
    let Some((n, field)) = k.strip_prefix("pp").and_then(|r| r.split_once('_')) else {
        return false;
    };
    let Ok(n) = n.parse::<usize>() else { return false };
    if n == 0 || n >= MAX_PREPAYS {
        return false;
    }
    while i.more_prepays.len() < n {
        add(i);
    }
    let r = &mut i.more_prepays[n - 1];
    match field {
        "period" => r.period = v,
        "amount" => r.amount = v,
        "mode" => r.mode = prepay_mode_from_id(&v).unwrap_or(r.mode),
        _ => return false,
    }
    true
}

/// What one prepayment mode does to the loan when every row uses it.
#[derive(Debug, Clone, PartialEq)]
pub struct ModeOutcome {
    pub mode: PrepaymentMode,
    /// The payment of the period after the last prepayment (新月供); `None` when that
    /// prepayment repays the loan (已结清).
    pub new_payment: Option<Decimal>,
    /// How many months sooner the loan ends (缩短 X 年 X 个月).
    pub months_saved: u32,
    pub interest_saved: Decimal,
}

/// Both modes side by side for `req`'s partial prepayments: 减少月供 then 缩短年限, each the
/// engine's schedule of the same request with every row in that mode, `None` where the engine
/// refuses that version (缩短年限 can repay the loan before a later row). `None` in all without
/// partial prepayments or where the method cannot shorten (先息后本, 到期一次).
pub fn both_modes(req: &ScheduleRequest) -> Option<[Option<ModeOutcome>; 2]> {
    let last = req.prepayments.iter().map(|p| p.period).max()?;
    if matches!(req.method, Method::InterestOnly | Method::Bullet) {
        return None;
    }
    let one = |mode: PrepaymentMode| {
        let mut r = req.clone();
        r.prepayments.iter_mut().for_each(|p| p.mode = mode);
        let s = loanlens_core::schedule(&r).ok()?;
        let pp = s.prepayment.as_ref()?;
        Some(ModeOutcome {
            mode,
            new_payment: s.rows.get(last as usize).map(|r| r.payment),
            months_saved: pp.original_periods.saturating_sub(pp.periods),
            interest_saved: pp.interest_saved,
        })
    };
    Some([one(PrepaymentMode::ReducePayment), one(PrepaymentMode::ShortenTerm)])
}

#[cfg(test)]
mod tests;
