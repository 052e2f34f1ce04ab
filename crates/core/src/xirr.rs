//! XIRR on dated cash flows, Excel-compatible: Σ aᵢ·(1+x)^(−(dᵢ − d₀)/365) = 0, Actual/365
//! fixed (also in leap years), flows in any order, same-day flows added together.
//!
//! The search runs in y = ln(1+x), so every x > −1 is reachable and the function
//! h(y) = Σ aᵢ·e^(−tᵢ·y) (tᵢ in years) is smooth on the whole line. Terms are scaled by
//! e^(t_ref·y) so that no exponent is positive and nothing overflows. A sign change is first
//! bracketed on a grid; Newton steps are then taken only while they stay inside the bracket,
//! otherwise the bracket is bisected, so the search never diverges.

use crate::apr::monthly_irr_cents;
use crate::dates::Date;
use crate::error::InputError;
use crate::money::{checked_powi, round_rate};
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
    let flows: Vec<(i64, Decimal, Decimal)> =
        merged.iter().map(|(d, a)| (d - d0, Decimal::from(d - d0) / year, *a)).collect();
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

/// h(y)·e^(t_ref·y) and its derivative, with t_ref chosen so no exponent is positive. Flows
/// fall on whole days, so e^(−(t − t_ref)·y) is a power of q = e^(−|y|/365) ≤ 1, built up
/// incrementally from the reference end: one `exp` per evaluation instead of one per flow, and
/// one multiplication per flow, since the powers for the few distinct gaps between flows (28 to
/// 31 days in a monthly schedule) are computed once per evaluation.
fn eval(flows: &[(i64, Decimal, Decimal)], y: Decimal) -> Option<(Decimal, Decimal)> {
    let q = exp(-y.abs() / Decimal::from(365))?;
    let mut powers: Vec<(i64, Decimal)> = Vec::with_capacity(8);
    let mut power = |n: i64| -> Option<Decimal> {
        if let Some(&(_, p)) = powers.iter().find(|(m, _)| *m == n) {
            return Some(p);
        }
        let p = pow_days(q, n)?;
        if powers.len() < 16 {
            powers.push((n, p));
        }
        Some(p)
    };
    let mut h = Decimal::ZERO;
    let mut dh = Decimal::ZERO;
    let mut add = |t: Decimal, a: Decimal, e: Decimal| -> Option<()> {
        let term = a.checked_mul(e)?;
        h = h.checked_add(term)?;
        dh = dh.checked_sub(t.checked_mul(term)?)?;
        Some(())
    };
    let mut factor = Decimal::ONE;
    if y >= Decimal::ZERO {
        let mut prev = 0;
        for (d, t, a) in flows {
            factor = factor.checked_mul(power(d - prev)?)?;
            prev = *d;
            add(*t, *a, factor)?;
        }
    } else {
        let mut prev = flows.last()?.0;
        for (d, t, a) in flows.iter().rev() {
            factor = factor.checked_mul(power(prev - d)?)?;
            prev = *d;
            add(*t, *a, factor)?;
        }
    }
    Some((h, dh))
}

/// q^n for 0 ≤ q ≤ 1 and n ≥ 0, by squaring.
pub(crate) fn pow_days(q: Decimal, n: i64) -> Option<Decimal> {
    checked_powi(q, u64::try_from(n).ok()?)
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
///
/// When the amounts, in date order, change sign only once (money paid out, then received: every
/// loan, deposit and investment product), h has exactly one real root (Descartes' rule of signs
/// for sums of exponentials) and its sign on either side is known: h(y) has the sign of the
/// first amount for y above the root, the opposite sign below. Newton then starts at the guess
/// with the whole grid range as its bracket and no grid point is evaluated. It converges to the
/// same root the grid scan brackets; a result at an end of the range (a root outside it) falls
/// back to the grid scan, which decides as before.
fn solve_y(flows: &[(i64, Decimal, Decimal)]) -> Option<Decimal> {
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
    let (&first, &last_y) = (grid.first()?, grid.last()?);
    let signs: Vec<i8> = flows.iter().map(|f| sign(f.2)).filter(|s| *s != 0).collect();
    if signs.windows(2).filter(|w| w[0] != w[1]).count() == 1 {
        let tol = Decimal::new(1, 15);
        let start = monthly_guess(flows).filter(|g| *g > first && *g < last_y).unwrap_or(guess);
        if let Some(y) = refine(flows, first, last_y, -signs[0], start) {
            if y - first > tol && last_y - y > tol {
                return Some(y);
            }
        }
    }
    // Values are computed lazily, scanning outward from the guess: the first bracket found is
    // the one nearest the guess (ties: the lower one), usually after a handful of evaluations.
    let mut values: Vec<Option<Option<i8>>> = vec![None; grid.len()];
    let mut value = |i: usize| -> Option<i8> {
        *values[i].get_or_insert_with(|| eval(flows, grid[i]).map(|(h, _)| sign(h)))
    };
    let centre = grid.iter().position(|y| *y == guess).unwrap_or(0);
    let last = grid.len().saturating_sub(1);
    for k in 0..=last {
        let lower = centre.checked_sub(k);
        let upper = Some(centre + k).filter(|&i| i < last && k > 0);
        for i in [lower, upper].into_iter().flatten() {
            if i >= last {
                continue;
            }
            if let (Some(a), Some(b)) = (value(i), value(i + 1)) {
                if a == 0 {
                    return Some(grid[i]);
                }
                if b == 0 {
                    return Some(grid[i + 1]);
                }
                if a * b < 0 {
                    let mid = (grid[i] + grid[i + 1]) / Decimal::TWO;
                    return refine(flows, grid[i], grid[i + 1], a, mid);
                }
            }
        }
    }
    None
}

/// A first guess for y when one amount is paid out first and everything after it comes back
/// (an investment): each later flow is moved to the nearest whole month (365/12 days), the
/// monthly IRR m of that schedule is solved in exact fixed point ([`monthly_irr_cents`], cheap
/// next to one evaluation of h) and y = 12·ln(1 + m). It is within about 10⁻⁴ of the root for
/// monthly schedules, so Newton needs three or four evaluations instead of seven to eleven
/// from the Excel guess. `None` (use the Excel guess) when the flows do not fit that shape, a
/// flow falls within half a month of the first, or the amounts are too large for fixed point.
fn monthly_guess(flows: &[(i64, Decimal, Decimal)]) -> Option<Decimal> {
    let (first, rest) = flows.split_first()?;
    if !first.2.is_sign_negative() || rest.iter().any(|f| f.2.is_sign_negative()) {
        return None;
    }
    // Amounts as integers in units of their finest decimal (cents for money).
    let scale = flows.iter().map(|f| f.2.normalize().scale()).max()?;
    let units = |a: Decimal| -> Option<i128> {
        let mut d = a.abs().checked_mul(Decimal::from(10i64.checked_pow(scale)?))?;
        d.rescale(0);
        Some(d.mantissa())
    };
    let months = (rest.last()?.0.checked_mul(24)? + 365) / 730;
    if months > 12_000 {
        return None;
    }
    let mut payments = vec![0i128; usize::try_from(months).ok()?];
    for (d, _, a) in rest {
        let k = (d.checked_mul(24)? + 365) / 730;
        let slot = payments.get_mut(usize::try_from(k).ok()?.checked_sub(1)?)?;
        *slot = slot.checked_add(units(*a)?)?;
    }
    let m = monthly_irr_cents(units(first.2)?, &payments, Decimal::ZERO)?;
    if m > Decimal::ONE {
        return None;
    }
    Decimal::from(12).checked_mul(ln_1_to_2(Decimal::ONE + m)?)
}

/// ln(a) for 1 ≤ a ≤ 2 by ln a = 2·atanh(z), z = (a − 1)/(a + 1) ≤ 1/3 (also used by the
/// investor module's growth factors).
pub(crate) fn ln_1_to_2(a: Decimal) -> Option<Decimal> {
    let z = (a - Decimal::ONE).checked_div(a + Decimal::ONE)?;
    let z2 = z * z;
    let mut power = z;
    let mut sum = Decimal::ZERO;
    for k in 0..80u32 {
        let term = power / Decimal::from(2 * k + 1);
        if term.is_zero() {
            break;
        }
        sum += term;
        power *= z2;
    }
    Some(sum * Decimal::TWO)
}

/// Safeguarded Newton from `start` inside [lo, hi] where h changes sign; `sign_lo` is the sign
/// of h(lo). A step leaving the bracket is replaced by bisection, so it never diverges.
fn refine(
    flows: &[(i64, Decimal, Decimal)],
    mut lo: Decimal,
    mut hi: Decimal,
    sign_lo: i8,
    start: Decimal,
) -> Option<Decimal> {
    let tol = Decimal::new(1, 15);
    let mut y = start;
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
    fn ln_1_to_2_inverts_exp() {
        for m in [Decimal::ZERO, Decimal::new(8, 3), Decimal::new(5, 1), Decimal::ONE] {
            let e = exp(ln_1_to_2(Decimal::ONE + m).unwrap()).unwrap();
            assert!((e - Decimal::ONE - m).abs() < Decimal::new(1, 25), "{m}: {e}");
        }
    }

    #[test]
    fn monthly_guess_is_near_the_root_of_a_monthly_schedule() {
        // 10,000 repaid as 12 × 879.16 on the 15th of each month of 2025 (等额本息 at 10%).
        let days = [0, 31, 59, 90, 120, 151, 181, 212, 243, 273, 304, 334, 365];
        let flows: Vec<(i64, Decimal, Decimal)> = days
            .iter()
            .enumerate()
            .map(|(i, &d)| {
                let a = if i == 0 { Decimal::from(-10_000) } else { Decimal::new(87_916, 2) };
                (d, Decimal::from(d) / Decimal::from(365), a)
            })
            .collect();
        let guess = monthly_guess(&flows).unwrap();
        let root = solve_y(&flows).unwrap();
        assert!((guess - root).abs() < Decimal::new(1, 3), "{guess} vs {root}");
        // Not the shape (money paid out again later): no guess, the Excel one is used.
        let mut mixed = flows.clone();
        mixed[5].2 = Decimal::from(-100);
        assert_eq!(monthly_guess(&mixed), None);
    }

    #[test]
    fn exp_of_negative_values() {
        let e = exp(Decimal::from(-1)).unwrap();
        assert!((e - Decimal::new(3678794411714423, 16)).abs() < Decimal::new(1, 16), "{e}");
        assert_eq!(exp(Decimal::from(-1000)), Some(Decimal::ZERO));
        assert_eq!(exp(Decimal::from(1000)), None);
    }
}
