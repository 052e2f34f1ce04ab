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
use std::str::FromStr;

/// ln 2 to 28 decimals.
fn ln2() -> Decimal {
    Decimal::from_str("0.6931471805599453094172321215").unwrap_or(Decimal::ONE)
}

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
    let f = x.checked_sub(k)?;
    let k: i64 = i64::try_from(k).ok()?;
    if !(-120..=120).contains(&k) {
        return None;
    }
    // exp(y), 0 ≤ y < ln 2.
    let y = f.checked_mul(ln2())?;
    let mut sum = Decimal::ONE;
    let mut term = Decimal::ONE;
    let tiny = Decimal::new(1, 28);
    for n in 1..60u32 {
        term = term.checked_mul(y)?.checked_div(Decimal::from(n))?;
        if term < tiny {
            break;
        }
        sum = sum.checked_add(term)?;
    }
    let two = Decimal::TWO;
    for _ in 0..k.unsigned_abs() {
        sum = if k > 0 { sum.checked_mul(two)? } else { sum.checked_div(two)? };
    }
    Some(sum)
}
