//! The annualised cost: the IRR of the borrower's cash flows, and the limit above which the
//! product does not report one.
//!
//! The borrower receives `received` at t = 0 and pays `payments[k-1] ≥ 0` at the end of month k.
//! With the discount factor v = 1/(1+x) the equation is
//! f(v) = Σ payments[k-1]·v^k − received = 0.
//! For v > 0, f is increasing and convex (every coefficient is ≥ 0), so Newton's method started
//! at any point right of the root moves monotonically left onto it and never overshoots: the
//! search is bracketed by construction and cannot diverge.
//!
//! Two solvers share that argument. The main path, [`monthly_irr_cents`], runs Newton in exact
//! binary fixed point (`i128`, v = V / 2⁶²) on whole cents; [`monthly_irr`] runs it in `Decimal`
//! and is the fallback when amounts are too large for the fixed-point range. Every `Decimal`
//! step is checked: an overflow is an error, never a panic (on wasm32 a panic aborts the page).
//!
//! The limit: an APR above [`MAX_EFFECTIVE_APR`] (1,000,000% a year) carries no meaning a
//! borrower can use, and far above it `(1+x)¹²` leaves `Decimal`'s range. [`min_received_cents`]
//! gives the least amount received whose APR stays within the limit, so the schedule can refuse
//! such a loan with an error naming the fee before any IRR is solved.

use rust_decimal::Decimal;

/// Why no IRR exists.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub enum IrrError {
    /// The borrower receives nothing (or a negative amount), or pays nothing.
    NoSignChange,
    /// Numbers too large for `Decimal` during the search.
    Overflow,
}

/// Σ c_k v^k (k from 1) and its derivative, by Horner's rule; `None` on overflow.
fn poly(payments: &[Decimal], v: Decimal) -> Option<(Decimal, Decimal)> {
    // p(v) = v·q(v), q(v) = c1 + c2 v + … ; p'(v) = q(v) + v·q'(v).
    let mut q = Decimal::ZERO;
    let mut dq = Decimal::ZERO;
    for c in payments.iter().rev() {
        dq = dq.checked_mul(v)?.checked_add(q)?;
        q = q.checked_mul(v)?.checked_add(*c)?;
    }
    let p = q.checked_mul(v)?;
    let dp = q.checked_add(v.checked_mul(dq)?)?;
    Some((p, dp))
}

/// Solves the monthly IRR x for `received` now against `payments` at months 1..n.
///
/// ```
/// use loanlens_core::apr::monthly_irr;
/// use rust_decimal::Decimal;
/// // Borrow 100, repay 110 after one month: 10% a month.
/// let x = monthly_irr(Decimal::from(100), &[Decimal::from(110)]).unwrap();
/// assert!((x - Decimal::new(1, 1)).abs() < Decimal::new(1, 12));
/// ```
pub fn monthly_irr(received: Decimal, payments: &[Decimal]) -> Result<Decimal, IrrError> {
    if received <= Decimal::ZERO || payments.iter().all(|c| c.is_zero()) {
        return Err(IrrError::NoSignChange);
    }
    if payments.iter().any(|c| c.is_sign_negative() && !c.is_zero()) {
        return Err(IrrError::NoSignChange);
    }
    // Find a start v0 with f(v0) ≥ 0: v = 1 (x = 0) if the payments cover what was received,
    // otherwise double v (negative rates) until they do.
    let mut v = Decimal::ONE;
    loop {
        let (p, _) = poly(payments, v).ok_or(IrrError::Overflow)?;
        if p >= received {
            break;
        }
        v = v.checked_mul(Decimal::TWO).ok_or(IrrError::Overflow)?;
        if v > Decimal::from(1_000_000) {
            return Err(IrrError::Overflow);
        }
    }
    let tol = Decimal::new(1, 20);
    for _ in 0..200 {
        let (p, dp) = poly(payments, v).ok_or(IrrError::Overflow)?;
        // p ≥ 0 and received > 0: a difference of two non-negative decimals cannot overflow.
        // (Operators here, not `checked_sub`, which inlines all of `Decimal`'s subtraction at
        // each call: about 1.5 KB gzip of wasm for the three calls.)
        let f = p - received;
        if f.is_zero() || dp.is_zero() {
            break;
        }
        let step = f.checked_div(dp).ok_or(IrrError::Overflow)?;
        // v ∈ (0, 2²⁰]: v − step overflows only for a step below −(MAX − v), refused here.
        if step < -(Decimal::MAX - v) {
            return Err(IrrError::Overflow);
        }
        let next = v - step;
        // Convexity keeps Newton right of the root; a numerical wobble below 0 is clamped.
        let next = if next <= Decimal::ZERO { v / Decimal::TWO } else { next };
        if (v - next).abs() < tol {
            // Both are positive, so the difference cannot overflow.
            v = next;
            break;
        }
        v = next;
    }
    // inv = 1/v > 0, so inv − 1 cannot overflow.
    Decimal::ONE.checked_div(v).map(|inv| inv - Decimal::ONE).ok_or(IrrError::Overflow)
}

/// (1+x)^12 − 1, the effective annual rate of a monthly rate x; `None` on overflow.
///
/// Hand-written rather than rust_decimal's `maths` `powi`: linking `maths` grows the
/// calculator's wasm by about 2.5 KB gzip, more than its bundle budget has room for.
///
/// ```
/// use loanlens_core::apr::effective_annual;
/// use rust_decimal::Decimal;
/// assert_eq!(effective_annual(Decimal::ZERO), Some(Decimal::ZERO));
/// ```
pub fn effective_annual(monthly: Decimal) -> Option<Decimal> {
    // By squaring (`money::checked_powi`, which the installment uses too): five products
    // instead of twelve, and no further copy of `Decimal`'s inlined multiplication.
    crate::money::checked_powi(Decimal::ONE.checked_add(monthly)?, 12)?.checked_sub(Decimal::ONE)
}

const Q: u32 = 62;

/// The monthly IRR of `received` cents now against `payments` cents at months 1..n, solved in
/// exact binary fixed point (v = V / 2⁶²) for speed. Starts Newton at v = 1/(1+guess) when that
/// lies right of the root (else at v = 1), so convexity keeps every step on the right side.
/// Totals beyond the fixed-point range are solved scaled down (see below). `None` when nothing
/// is received, a payment is negative or the payments do not cover what was received (a
/// negative IRR, which [`monthly_irr`] solves): flows a validated loan cannot produce.
///
/// ```
/// use loanlens_core::apr::monthly_irr_cents;
/// use rust_decimal::Decimal;
/// let x = monthly_irr_cents(10_000, &[11_000], Decimal::ZERO).unwrap();
/// assert!((x - Decimal::new(1, 1)).abs() < Decimal::new(1, 15));
/// ```
pub fn monthly_irr_cents(received: i128, payments: &[i128], guess: Decimal) -> Option<Decimal> {
    if received <= 0 || payments.iter().any(|c| *c < 0) {
        return None;
    }
    let total: i128 = payments.iter().try_fold(0i128, |acc, c| acc.checked_add(*c))?;
    if total < received || total == 0 {
        return None;
    }
    let bits = |x: i128| 128 - x.leading_zeros() as i32;
    let n = i128::try_from(payments.len()).ok()?;
    let frac = 124 - Q as i32 - (bits(total) + bits(n) + 1);
    if frac < 0 {
        // Beyond the range (a total above about 2⁵² cents, ¥45 trillion): the same solve on the
        // amounts scaled down by 2^s, payments rounded up and the amount received down, so the
        // payments still cover it. Each rounding moves the equation by less than 2^s cents,
        // together below 2⁻⁴⁰ of the total: far below the 8 decimals the APR is shown to.
        let s = frac.unsigned_abs();
        let scaled: Vec<i128> = payments.iter().map(|c| (c + (1 << s) - 1) >> s).collect();
        return monthly_irr_cents(received >> s, &scaled, guess);
    }
    let frac = frac as u32;
    let one: i128 = 1 << Q;
    let target = received << frac;
    // Shifted once, in 64-bit words (a variable shift of an i128 is a library call on wasm32):
    // by the choice of `frac` every shifted payment, q and dq stay below 2⁶¹ and v
    // stays within (0, 2⁶²], so the loop runs in 64-bit words with `mul_q`, the same floor
    // values the i128 products would give.
    let shifted: Vec<u64> = payments.iter().rev().map(|c| (*c as u64) << frac).collect();
    let eval = |v: i128| -> (i128, i128) {
        let v = v as u64;
        let (mut q, mut dq) = (0u64, 0u64);
        for &c in &shifted {
            dq = mul_q(dq, v) + q;
            q = mul_q(q, v) + c;
        }
        (i128::from(mul_q(q, v)) - target, i128::from(q + mul_q(dq, v)))
    };
    let start = Decimal::ONE
        .checked_add(guess)
        .and_then(|d| Decimal::from_i128_with_scale(one, 0).checked_div(d))
        .map(|d| d.trunc().mantissa())
        .filter(|v| *v > 0 && *v <= one)
        .unwrap_or(one);
    // The value at the start is reused as the first Newton step's.
    let mut v = start;
    let mut at = eval(start);
    if at.0 < 0 {
        v = one;
        at = eval(one);
    }
    for _ in 0..100 {
        let (f, df) = at;
        if f <= 0 || df <= 0 {
            break;
        }
        let step = (f << Q) / df;
        if step == 0 {
            break;
        }
        v -= step;
        if v <= 0 {
            return None;
        }
        // Newton's error after a step is about (f''/2f')·step²; with f''/f' below the number of
        // payments (≤ 2¹³), a step under 2¹⁶ units (2⁻⁴⁶) leaves an error under 2⁻⁷⁹, so the next
        // step would be 0: the evaluation that would confirm it is skipped.
        if step < 1 << 16 {
            break;
        }
        at = eval(v);
    }
    let inv =
        Decimal::from_i128_with_scale(one, 0).checked_div(Decimal::from_i128_with_scale(v, 0))?;
    inv.checked_sub(Decimal::ONE)
}

/// `a · b / 2^Q` rounded down, for `a < 2⁶³` and `b ≤ 2⁶²`, from four 32-bit partial products:
/// the 128-bit product without a 128-bit multiply, which wasm32 lowers to a library call.
#[inline(always)]
fn mul_q(a: u64, b: u64) -> u64 {
    const LOW: u64 = 0xFFFF_FFFF;
    let (a0, a1, b0, b1) = (a & LOW, a >> 32, b & LOW, b >> 32);
    let p00 = a0 * b0;
    let (p01, p10) = (a0 * b1, a1 * b0);
    let mid = (p00 >> 32) + (p01 & LOW) + (p10 & LOW);
    let hi = a1 * b1 + (p01 >> 32) + (p10 >> 32) + (mid >> 32);
    let lo = (mid << 32) | (p00 & LOW);
    (hi << (64 - Q)) | (lo >> Q)
}

/// The highest effective annual rate the product reports: 10,000 = 1,000,000% a year.
pub const MAX_EFFECTIVE_APR: Decimal = Decimal::from_parts(10_000, 0, 0, false, 0);

/// The discount factor at the limit, 10001^(−1/12) = 0.46415501558…, in binary fixed point
/// (V / 2⁴⁰), rounded up (rounding up can only make [`min_received_cents`] stricter).
const V_AT_LIMIT: i128 = 510_343_836_721;
const V_BITS: u32 = 40;
/// Fraction bits of the present value, in cents.
const PV_BITS: u32 = 20;

/// The least amount received (cents) at t = 0 whose APR against `payments` (cents at months
/// 1..n) stays within [`MAX_EFFECTIVE_APR`]: the present value of the payments at the limit
/// rate, rounded up. The IRR falls as the amount received grows, so received ≥ this bound
/// exactly when the effective APR is ≤ 1,000,000% (to the precision of the 40-bit factor).
/// Integer arithmetic, like [`monthly_irr_cents`], keeps it small in the wasm bundle. `None`
/// when a payment is negative or too large (above 2⁵⁶ cents), which validated loans cannot
/// reach.
///
/// ```
/// use loanlens_core::apr::min_received_cents;
/// // One payment of 10,001.00 after a month: at the limit x = 10001^(1/12) − 1 ≈ 115.4%
/// // a month, so at least 4,642.02 must be received.
/// assert_eq!(min_received_cents(&[1_000_100]), Some(464_202));
/// ```
pub fn min_received_cents(payments: &[i128]) -> Option<i128> {
    // pv < 2⁵⁶⁺²⁰ and V < 2⁴⁰, so every product stays below 2¹¹⁷; each step rounds up.
    let mut pv: i128 = 0;
    for c in payments.iter().rev() {
        if !(0..1 << 56).contains(c) {
            return None;
        }
        let sum = pv + (c << PV_BITS);
        pv = (sum * V_AT_LIMIT + (1 << V_BITS) - 1) >> V_BITS;
        if pv >= 1 << (56 + PV_BITS) {
            return None;
        }
    }
    Some((pv + (1 << PV_BITS) - 1) >> PV_BITS)
}

/// Whether `received` cents clearly meets [`min_received_cents`] without computing it: every
/// payment is at least a month away, so the bound is at most 0.46415501558 × the payments'
/// total, plus less than a unit of 2⁻²⁰ cents per payment from its rounding up and one cent
/// from the last; received ≥ 0.4642 × total + 2 cents therefore suffices. Ordinary loans pass
/// here (a loan of 100 repaid with 250 is still one), and the schedule skips the exact pass.
pub fn clearly_within_limit(received: i128, payments: &[i128]) -> bool {
    let mut total: i128 = 0;
    for c in payments {
        if !(0..1 << 56).contains(c) {
            return false;
        }
        total += c;
    }
    received >= 0 && received * 10_000 >= total * 4_642 + 20_000
}

#[cfg(test)]
mod tests {
    use super::*;

    /// A deterministic xorshift generator: `next(m)` is the next value modulo `m`.
    fn xorshift(mut x: u64) -> impl FnMut(u64) -> u64 {
        move |m| {
            x ^= x << 13;
            x ^= x >> 7;
            x ^= x << 17;
            x % m
        }
    }

    #[test]
    fn totals_beyond_the_fixed_point_range_solve_scaled_to_the_decimal_answer() {
        // About ¥3.6 × 10¹⁵ repaid over 360 months, and a 40% upfront fee on a bullet shape.
        for (received, payments) in [
            (1i128 << 57, vec![1i128 << 50; 360]),
            (3 << 55, [vec![0; 119], vec![1 << 57]].concat()),
        ] {
            let exact = monthly_irr(
                Decimal::from_i128_with_scale(received, 2),
                &payments.iter().map(|c| Decimal::from_i128_with_scale(*c, 2)).collect::<Vec<_>>(),
            )
            .unwrap();
            let scaled = monthly_irr_cents(received, &payments, Decimal::ZERO).unwrap();
            assert!((exact - scaled).abs() < Decimal::new(1, 12), "{exact} vs {scaled}");
        }
    }

    #[test]
    fn the_fixed_point_solve_agrees_with_the_decimal_solver() {
        // Level payments with fees taken upfront, terms 1..600: the fixed point (each product
        // floored, the loop stopped once a step is below 2⁻⁴⁶) and the Decimal solver agree to
        // about 10⁻¹⁵, seven orders below the 8 decimals the monthly APR is shown to.
        let mut next = xorshift(0x5DEE_CE66_D1CE_4E5B);
        for _ in 0..300 {
            let n = 1 + next(600) as usize;
            let level = 1 + next(10_000_000) as i128;
            let payments = vec![level; n];
            let total = level * n as i128;
            let received = (total * (20 + next(80) as i128) / 100).max(1);
            let guess = Decimal::new(next(100) as i64, 2) / Decimal::from(12);
            let fixed = monthly_irr_cents(received, &payments, guess).unwrap();
            let dec = |c: i128| Decimal::from_i128_with_scale(c, 2);
            let exact =
                monthly_irr(dec(received), &payments.iter().map(|c| dec(*c)).collect::<Vec<_>>())
                    .unwrap();
            assert!(
                (fixed - exact).abs() < Decimal::new(1, 14),
                "{n} {level} {received}: {fixed} vs {exact}"
            );
        }
    }

    #[test]
    fn mul_q_is_the_floor_of_the_exact_product() {
        // Edges of the range and a deterministic spread of values inside it.
        let mut cases = vec![(0, 0), (1, 1 << Q), ((1 << 63) - 1, 1 << Q), ((1 << 63) - 1, 1)];
        let mut next = xorshift(0x9E37_79B9_7F4A_7C15);
        for _ in 0..10_000 {
            let x = next(u64::MAX);
            let a = x >> 1;
            let b = (x.rotate_left(29) >> 2) + (x & 1);
            cases.push((a, b));
        }
        for (a, b) in cases {
            let exact = (u128::from(a) * u128::from(b)) >> Q;
            assert_eq!(u128::from(mul_q(a, b)), exact, "{a} × {b}");
        }
    }

    #[test]
    fn the_quick_limit_check_never_passes_a_loan_the_exact_bound_refuses() {
        let mut next = xorshift(0x2545_F491_4F6C_DD1D);
        for _ in 0..2_000 {
            let n = 1 + next(600) as usize;
            let mut payments = Vec::with_capacity(n);
            for _ in 0..n {
                let zero = next(4) == 0;
                let bits = 1 + next(40);
                payments.push(if zero { 0 } else { next(1 << bits) as i128 });
            }
            let Some(least) = min_received_cents(&payments) else { continue };
            let total: i128 = payments.iter().sum();
            // Around the quick threshold, where the two could disagree.
            let edge = (total * 4_642 + 20_000 + 9_999) / 10_000;
            for received in [edge - 1, edge, edge + 1, least - 1, least, total] {
                if clearly_within_limit(received, &payments) {
                    assert!(received >= least, "{received} < {least} for {payments:?}");
                }
            }
        }
        // Far from the threshold the quick check does pass.
        assert!(clearly_within_limit(100_000_000, &[530_727; 360]));
        assert!(!clearly_within_limit(1, &[530_727; 360]));
    }

    #[test]
    fn the_limit_factor_is_one_million_percent_a_year() {
        // (1/v)^12 − 1 = 10,000 to the factor's 40 bits.
        let v = Decimal::from(V_AT_LIMIT) / Decimal::from(1i64 << V_BITS);
        let effective = effective_annual(Decimal::ONE / v - Decimal::ONE).unwrap();
        assert!((effective - MAX_EFFECTIVE_APR).abs() < Decimal::new(1, 6), "{effective}");
    }

    #[test]
    fn received_at_the_bound_gives_an_apr_at_the_limit() {
        let payments = [0, 250_000, 0, 250_000, 9_000_000];
        let bound = min_received_cents(&payments).unwrap();
        let x = monthly_irr_cents(bound, &payments, Decimal::ZERO).unwrap();
        let at_bound = effective_annual(x).unwrap();
        assert!(at_bound <= MAX_EFFECTIVE_APR, "{at_bound}");
        assert!(at_bound > MAX_EFFECTIVE_APR - Decimal::ONE, "{at_bound}");
        let x = monthly_irr_cents(bound - 1, &payments, Decimal::ZERO).unwrap();
        assert!(effective_annual(x).unwrap() > MAX_EFFECTIVE_APR - Decimal::new(1, 2));
    }
}
