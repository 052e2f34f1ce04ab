//! XIRR on dated cash flows, Excel-compatible: Σ aᵢ·(1+x)^(−(dᵢ − d₀)/365) = 0, Actual/365
//! fixed (also in leap years), flows in any order, same-day flows added together.
//!
//! The search runs in y = ln(1+x), so every x > −1 is reachable and the function
//! h(y) = Σ aᵢ·e^(−tᵢ·y) (tᵢ in years) is smooth on the whole line. Terms are scaled by
//! e^(t_ref·y) so that no exponent is positive and nothing overflows. A sign change is first
//! bracketed on a grid; Newton steps are then taken only while they stay inside the bracket,
//! otherwise the bracket is bisected, so the search never diverges.

use crate::dates::Date;
use crate::error::InputError;
use crate::money::round_rate;
use crate::schema::{XirrRequest, XirrResponse, SCHEMA_VERSION};
use rust_decimal::Decimal;

/// Most flows accepted.
pub const MAX_FLOWS: usize = 10_000;

/// ln 2 to 28 digits.
const LN2: Decimal = Decimal::from_parts(0xaa7a_65bf, 0x81f5_2f01, 0x1665_943f, false, 28);

/// e^z for z ≤ 64 (enough for this module); tiny results underflow to 0.
///
/// ```
/// use loanlens_core::xirr::exp;
/// use rust_decimal::Decimal;
/// assert_eq!(exp(Decimal::ZERO), Some(Decimal::ONE));
/// let e = exp(Decimal::ONE).unwrap();
/// assert!((e - Decimal::new(2718281828459045, 15)).abs() < Decimal::new(1, 15));
/// ```
pub fn exp(z: Decimal) -> Option<Decimal> {
    if z > Decimal::from(64) {
        return None;
    }
    if z < Decimal::from(-70) {
        return Some(Decimal::ZERO);
    }
    // z = k·ln2 + r with |r| ≤ ln2/2.
    let k = (z / LN2).round();
    let r = z - k * LN2;
    let mut term = Decimal::ONE;
    let mut sum = Decimal::ONE;
    for i in 1..40u32 {
        term = term * r / Decimal::from(i);
        if term.is_zero() {
            break;
        }
        sum += term;
    }
    let k = i32::try_from(k.mantissa() / 10i128.pow(k.scale())).ok()?;
    let factor = if k >= 0 { Decimal::TWO } else { Decimal::new(5, 1) };
    for _ in 0..k.unsigned_abs() {
        sum = sum.checked_mul(factor)?;
    }
    Some(sum)
}

/// Solves the XIRR of a request.
///
/// ```
/// use loanlens_core::schema::from_json;
/// // Excel's documented example. Excel shows 0.373362535 (its own stopping tolerance); the
/// // exact root is 0.37336253351883…
/// let req = from_json(r#"{"flows":[
///   {"date":"2008-01-01","amount":"-10000"},{"date":"2008-03-01","amount":"2750"},
///   {"date":"2008-10-30","amount":"4250"},{"date":"2009-02-15","amount":"3250"},
///   {"date":"2009-04-01","amount":"2750"}]}"#).unwrap();
/// let x = loanlens_core::xirr(&req).unwrap().xirr;
/// assert_eq!(x.to_string(), "0.3733625335");
/// ```
pub fn xirr(req: &XirrRequest) -> Result<XirrResponse, InputError> {
    if req.flows.len() < 2 || req.flows.len() > MAX_FLOWS {
        return Err(InputError::new("flows", "must have between 2 and 10000 flows"));
    }
    let limit = Decimal::from(1_000_000_000_000u64);
    let mut flows: Vec<(i64, Decimal)> = Vec::with_capacity(req.flows.len());
    for (i, f) in req.flows.iter().enumerate() {
        let date =
            Date::parse(&f.date).map_err(|m| InputError::new(format!("flows[{i}].date"), m))?;
        if f.amount.abs() > limit || f.amount.normalize().scale() > 6 {
            return Err(InputError::new(
                format!("flows[{i}].amount"),
                "must be between -1000000000000 and 1000000000000 with at most 6 decimals",
            ));
        }
        flows.push((date.days(), f.amount));
    }
    flows.sort_by_key(|f| f.0);
    let mut merged: Vec<(i64, Decimal)> = Vec::with_capacity(flows.len());
    for (d, a) in flows {
        match merged.last_mut() {
            Some(last) if last.0 == d => last.1 += a,
            _ => merged.push((d, a)),
        }
    }
    let has_pos = merged.iter().any(|f| f.1 > Decimal::ZERO);
    let has_neg = merged.iter().any(|f| f.1 < Decimal::ZERO);
    if !has_pos || !has_neg {
        return Err(InputError::new(
            "flows",
            "need at least one negative (paid out) and one positive (received) amount on different dates",
        ));
    }
    let d0 = merged[0].0;
    let year = Decimal::from(365);
    let flows: Vec<(Decimal, Decimal)> =
        merged.iter().map(|(d, a)| (Decimal::from(d - d0) / year, *a)).collect();
    let y = solve_y(&flows).ok_or_else(|| {
        InputError::new(
            "flows",
            "no rate between -99.9999999% and 1000000000% makes the net present value zero",
        )
    })?;
    let x = exp(y)
        .map(|e| e - Decimal::ONE)
        .ok_or_else(|| InputError::new("flows", "the rate is beyond 1000000000% a year"))?;
    Ok(XirrResponse { schema_version: SCHEMA_VERSION, xirr: round_rate(x, 10) })
}

/// h(y)·e^(t_ref·y) and its derivative, with t_ref chosen so no exponent is positive.
fn eval(flows: &[(Decimal, Decimal)], y: Decimal) -> Option<(Decimal, Decimal)> {
    let t_ref = if y >= Decimal::ZERO { Decimal::ZERO } else { flows.last()?.0 };
    let mut h = Decimal::ZERO;
    let mut dh = Decimal::ZERO;
    for (t, a) in flows {
        let e = exp(-(t - t_ref) * y)?;
        let term = a.checked_mul(e)?;
        h = h.checked_add(term)?;
        dh = dh.checked_sub(t.checked_mul(term)?)?;
    }
    Some((h, dh))
}

fn sign(d: Decimal) -> i8 {
    if d.is_zero() {
        0
    } else if d.is_sign_negative() {
        -1
    } else {
        1
    }
}

/// Finds y with h(y) = 0 in [−16.1, 20.8] (x from −99.99999% to 10⁹), nearest the Excel guess
/// x = 10% when several brackets exist.
fn solve_y(flows: &[(Decimal, Decimal)]) -> Option<Decimal> {
    // Grid in y, ordered outward from ln(1.1) ≈ 0.0953.
    let guess = Decimal::new(953_101_798, 10);
    let step = Decimal::new(25, 2);
    let mut grid: Vec<Decimal> = Vec::new();
    let mut y = guess;
    while y <= Decimal::new(208, 1) {
        grid.push(y);
        y += step;
    }
    let mut y = guess - step;
    let mut lower = Vec::new();
    while y >= Decimal::new(-161, 1) {
        lower.push(y);
        y -= step;
    }
    lower.reverse();
    lower.extend(grid);
    let grid = lower;
    let values: Vec<Option<i8>> =
        grid.iter().map(|y| eval(flows, *y).map(|(h, _)| sign(h))).collect();
    // Brackets nearest the guess first.
    let centre = grid.iter().position(|y| *y == guess).unwrap_or(0);
    let mut brackets: Vec<(usize, usize)> = Vec::new();
    for i in 0..grid.len().saturating_sub(1) {
        if let (Some(a), Some(b)) = (values[i], values[i + 1]) {
            if a == 0 {
                return Some(grid[i]);
            }
            if a * b < 0 {
                brackets.push((i, i + 1));
            }
        }
    }
    if let Some(Some(0)) = values.last() {
        return grid.last().copied();
    }
    brackets.sort_by_key(|(i, _)| i.abs_diff(centre));
    let &(i, j) = brackets.first()?;
    refine(flows, grid[i], grid[j], values[i]?)
}

/// Safeguarded Newton inside [lo, hi] where h changes sign; `sign_lo` is the sign of h(lo).
fn refine(
    flows: &[(Decimal, Decimal)],
    mut lo: Decimal,
    mut hi: Decimal,
    sign_lo: i8,
) -> Option<Decimal> {
    let tol = Decimal::new(1, 15);
    let mut y = (lo + hi) / Decimal::TWO;
    for _ in 0..200 {
        let (h, dh) = eval(flows, y)?;
        let s = sign(h);
        if s == 0 {
            return Some(y);
        }
        if s == sign_lo {
            lo = y;
        } else {
            hi = y;
        }
        let newton = if dh.is_zero() { None } else { h.checked_div(dh).map(|q| y - q) };
        let next = match newton {
            Some(n) if n > lo && n < hi => n,
            _ => (lo + hi) / Decimal::TWO,
        };
        if (next - y).abs() < tol || (hi - lo).abs() < tol {
            return Some(next);
        }
        y = next;
    }
    Some(y)
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn ln2_constant_is_ln2() {
        let e = exp(LN2).unwrap();
        assert!((e - Decimal::TWO).abs() < Decimal::new(1, 25), "{e}");
    }

    #[test]
    fn exp_of_negative_values() {
        let e = exp(Decimal::from(-1)).unwrap();
        assert!((e - Decimal::new(3678794411714423, 16)).abs() < Decimal::new(1, 16), "{e}");
        assert_eq!(exp(Decimal::from(-1000)), Some(Decimal::ZERO));
        assert_eq!(exp(Decimal::from(1000)), None);
    }
}
