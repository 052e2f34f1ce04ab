//! Odds and probability of default from a score, in `Decimal` only (no `f64`).
//!
//! `odds(S) = O₀ · 2^x` with `x = (S − S₀) / pdo`. We split `x = k + f` with `k = ⌊x⌋` and
//! `0 ≤ f < 1`; `2^k` is exact (repeated doubling or halving), and
//! `2^f = exp(f · ln 2) = Σ (f·ln 2)ⁿ / n!`, summed until a term falls below 10⁻²⁸ (at most
//! ~30 terms, since f · ln 2 < 0.7). `ln 2` is a 28-digit constant. Each step rounds at the
//! 28th significant digit, so the result carries ≥ 24 correct digits; the card validation keeps
//! every reachable odds within 10⁻¹² … 10¹², where that means ≥ 12 significant digits of PD.
//! An exact multiple of the PDO (f = 0) gives exactly `O₀ · 2^k`.

use rust_decimal::Decimal;

// `a + b`, `a − b`, `a · b`, `a / b`, or `None` on overflow (or a zero divisor), each one
// function out of line. rust_decimal's `checked_*` are `#[inline(always)]` down to its whole
// multiply and divide, so every call site carried its own copy: `odds_at` alone was 13 KB of
// the pre-check's WebAssembly (twiggy, docs/sdk.md).
#[inline(never)]
pub(super) fn add(a: Decimal, b: Decimal) -> Option<Decimal> {
    a.checked_add(b)
}
#[inline(never)]
pub(super) fn sub(a: Decimal, b: Decimal) -> Option<Decimal> {
    a.checked_sub(b)
}
#[inline(never)]
pub(super) fn mul(a: Decimal, b: Decimal) -> Option<Decimal> {
    a.checked_mul(b)
}
#[inline(never)]
pub(super) fn div(a: Decimal, b: Decimal) -> Option<Decimal> {
    a.checked_div(b)
}

/// ln 2 to 28 decimals, 0.6931471805599453094172321215 (the `ln2` test checks the digits).
const LN2: Decimal = Decimal::from_parts(2860148159, 2180329217, 375755839, false, 28);

/// 2^x, or `None` when it does not fit a `Decimal`.
///
/// ```
/// use loanlens_core::scorecard::pow2;
/// assert_eq!(pow2(10.into()), Some(1024.into()));
/// assert_eq!(pow2((-2).into()), Some("0.25".parse().unwrap()));
/// let half: rust_decimal::Decimal = "0.5".parse().unwrap();
/// let r = pow2(half).unwrap();
/// assert_eq!(r.round_dp(14).to_string(), "1.41421356237310");
/// ```
pub fn pow2(x: Decimal) -> Option<Decimal> {
    let k = x.floor();
    let f = sub(x, k)?;
    let k: i64 = i64::try_from(k).ok()?;
    if !(-120..=120).contains(&k) {
        return None;
    }
    // exp(y), 0 ≤ y < ln 2.
    let y = mul(f, LN2)?;
    let mut sum = Decimal::ONE;
    let mut term = Decimal::ONE;
    let tiny = Decimal::new(1, 28);
    for n in 1..60u32 {
        term = div(mul(term, y)?, Decimal::from(n))?;
        if term < tiny {
            break;
        }
        sum = add(sum, term)?;
    }
    let two = Decimal::TWO;
    for _ in 0..k.unsigned_abs() {
        sum = if k > 0 { mul(sum, two)? } else { div(sum, two)? };
    }
    Some(sum)
}

#[cfg(test)]
mod tests {
    #[test]
    fn ln2() {
        assert_eq!(super::LN2.to_string(), "0.6931471805599453094172321215");
    }
}
