//! Money: the one place where the product's rounding rule lives, and the exact integer-cents
//! arithmetic the schedule engine runs on.
//!
//! The rule (docs/money.md): half-up to 0.01, i.e. a midpoint rounds away from zero.
//! `Decimal::round_dp` would round half-even (banker's rounding) and turn 986.125 into 986.12;
//! a Chinese bank prints 986.13.
//!
//! Invariant: every rounding of money or of a per-period interest happens in this module —
//! [`round_money`] for `Decimal` amounts, `div_half_up` (through `PeriodRate::interest`) for
//! integer cents. The engine adds and subtracts whole cents and never rounds on its own.
//!
//! In the engine, money is exact integer cents (`i128`) and rates are exact integers in units
//! of 10⁻¹² (every accepted rate has at most 12 decimals). A period's interest is
//! `balance · rate · weight / (10¹² · 26280)` rounded half-up once, where 26280 =
//! lcm(12, 4, 360, 365) is a common "year" so that monthly (weight 2190), quarterly (6570),
//! ACT/360 (73 per day) and ACT/365 (72 per day) periods share one exact formula. Nothing is
//! rounded before the final division, so 241,500 × 4.9% / 12 = 986.125 prints 986.13.

use rust_decimal::{Decimal, RoundingStrategy};

/// Rounds an amount of money half-up to the cent and fixes its scale to exactly 2 decimals, so it
/// prints as `"0.00"`, `"5307.27"`.
///
/// ```
/// use loanlens_core::money::round_money;
/// use rust_decimal::Decimal;
/// assert_eq!(round_money(Decimal::new(986125, 3)).to_string(), "986.13");
/// assert_eq!(round_money(Decimal::new(5005, 3)).to_string(), "5.01");
/// assert_eq!(round_money(Decimal::new(-5005, 3)).to_string(), "-5.01");
/// assert_eq!(round_money(Decimal::ZERO).to_string(), "0.00");
/// ```
pub fn round_money(amount: Decimal) -> Decimal {
    let mut r = amount.round_dp_with_strategy(2, RoundingStrategy::MidpointAwayFromZero);
    r.rescale(2);
    r
}

/// Rounds a rate (a fraction, 0.128 = 12.8%) half-up to `dp` decimals for display in a response.
///
/// ```
/// use loanlens_core::money::round_rate;
/// use rust_decimal::Decimal;
/// assert_eq!(round_rate(Decimal::new(1280361, 7), 6).to_string(), "0.128036");
/// ```
pub fn round_rate(rate: Decimal, dp: u32) -> Decimal {
    let mut r = rate.round_dp_with_strategy(dp, RoundingStrategy::MidpointAwayFromZero);
    r.rescale(dp);
    r
}

/// Truncates an amount to whole cents (toward zero): a budget is never rounded up into money
/// the person does not have.
///
/// ```
/// use loanlens_core::money::floor_money;
/// use rust_decimal::Decimal;
/// assert_eq!(floor_money(Decimal::new(1234569, 3)).to_string(), "1234.56");
/// ```
pub fn floor_money(amount: Decimal) -> Decimal {
    amount.round_dp_with_strategy(2, RoundingStrategy::ToZero)
}

/// Rounds half-up to `sf` significant figures (odds, whose size varies over many decades), or
/// returns the value unchanged when it cannot be represented so.
///
/// ```
/// use loanlens_core::money::round_significant;
/// use rust_decimal::Decimal;
/// assert_eq!(round_significant(Decimal::new(18340149, 5), 6).to_string(), "183.401");
/// ```
pub fn round_significant(value: Decimal, sf: u32) -> Decimal {
    value.round_sf_with_strategy(sf, RoundingStrategy::MidpointAwayFromZero).unwrap_or(value)
}

/// `base^n` by squaring, exact to `Decimal`'s 28 digits; `None` on overflow, never a panic.
///
/// Hand-written on purpose: rust_decimal's `maths` feature has `powi`, but linking it grows the
/// calculator's wasm by about 2.5 KB gzip (`powd` by about 9 KB), more than the bundle budget
/// has room for. The annuity factor and XIRR's discount factors both use this one loop.
///
/// ```
/// use loanlens_core::money::checked_powi;
/// use rust_decimal::Decimal;
/// assert_eq!(checked_powi(Decimal::new(11, 1), 2), Some(Decimal::new(121, 2)));
/// assert_eq!(checked_powi(Decimal::TEN, 40), None);
/// ```
pub fn checked_powi(base: Decimal, mut n: u64) -> Option<Decimal> {
    let (mut result, mut b) = (Decimal::ONE, base);
    while n > 0 {
        if n & 1 == 1 {
            result = result.checked_mul(b)?;
        }
        n >>= 1;
        if n > 0 {
            b = b.checked_mul(b)?;
        }
    }
    Some(result)
}

/// Rates are held as integers in units of 10⁻¹².
pub(crate) const RATE_ONE: i128 = 1_000_000_000_000;
/// lcm(12, 4, 360, 365): the common year in which every period length is a whole number.
pub(crate) const YEAR_UNITS: i128 = 26_280;
/// The denominator of every interest computation: rate units × year units.
pub(crate) const INTEREST_DEN: i128 = RATE_ONE * YEAR_UNITS;

/// `a / b` rounded half-up, for `a ≥ 0`, `b > 0`: the integer form of [`round_money`].
pub(crate) fn div_half_up(a: i128, b: i128) -> i128 {
    (a + b / 2) / b
}

/// Cents of a validated amount (at most 2 decimals, so nothing is rounded).
pub(crate) fn to_cents(d: Decimal) -> i128 {
    let d = d.normalize();
    d.mantissa() * 10i128.pow(2u32.saturating_sub(d.scale()))
}

/// A validated rate (at most 12 decimals) in units of 10⁻¹².
pub(crate) fn to_rate_units(d: Decimal) -> i128 {
    let d = d.normalize();
    d.mantissa() * 10i128.pow(12u32.saturating_sub(d.scale()))
}

/// Rate units (10⁻¹²) as a `Decimal` fraction.
pub(crate) fn rate_decimal(units: i128) -> Decimal {
    Decimal::from_i128_with_scale(units, 12)
}

/// Cents as a 2-decimal `Decimal`. Validated inputs keep every amount far inside `Decimal`'s
/// 96-bit range; the clamp only guarantees that a bug cannot turn into a panic on wasm32.
pub(crate) fn money(cents: i128) -> Decimal {
    let clamped = cents.clamp(-(1i128 << 95), 1i128 << 95);
    Decimal::from_i128_with_scale(clamped, 2)
}

fn gcd(mut a: i128, mut b: i128) -> i128 {
    while b != 0 {
        (a, b) = (b, a % b);
    }
    a.abs()
}

/// `amount × rate × weight / (10¹² × 26280)` rounded half-up, with the fraction reduced once so
/// that a typical period needs one 64-bit division instead of a 128-bit one (the result is the
/// same exact value either way).
#[derive(Debug, Clone, Copy)]
pub(crate) struct PeriodRate {
    num: i128,
    den: i128,
}

impl PeriodRate {
    /// The rate of a period of `weight` year units at `rate` (units of 10⁻¹²) a year.
    pub(crate) fn new(rate: i128, weight: i128) -> PeriodRate {
        let num = rate * weight;
        let g = gcd(num, INTEREST_DEN).max(1);
        PeriodRate { num: num / g, den: INTEREST_DEN / g }
    }

    /// The interest on `amount` cents for one period, in cents, rounded half-up once.
    #[inline(always)]
    pub(crate) fn interest(self, amount: i128) -> i128 {
        const SMALL: i128 = 1 << 62;
        // Operands whose bit lengths sum to at most 62 multiply within a u64: the typical
        // period (a reduced rate like 49/12000) needs neither of wasm32's 128-bit library calls.
        let bits = |x: i128| 128 - x.leading_zeros();
        if (0..SMALL).contains(&amount) && bits(amount) + bits(self.num) <= 62 && self.den < SMALL {
            let (a, d) = (amount as u64 * self.num as u64, self.den as u64);
            return ((a + d / 2) / d) as i128;
        }
        self.interest_wide(amount)
    }

    /// [`PeriodRate::interest`] for operands beyond 62 bits together.
    #[inline(never)]
    fn interest_wide(self, amount: i128) -> i128 {
        const SMALL: i128 = 1 << 62;
        let a = amount * self.num;
        if a < SMALL && self.den < SMALL {
            // Both fit in 63 bits, so a + den/2 cannot overflow a u64.
            let (a, d) = (a as u64, self.den as u64);
            ((a + d / 2) / d) as i128
        } else {
            div_half_up(a, self.den)
        }
    }
}

/// Simple interest accrued as Σ balance × rate × weight (in `INTEREST_DEN` units), rounded to
/// cents once when it is paid.
pub(crate) fn accrued_interest(accrued: i128) -> i128 {
    div_half_up(accrued, INTEREST_DEN)
}

/// `amount × rate` for a rate in units of 10⁻¹² (a penalty), rounded half-up to the cent.
pub(crate) fn cents_times_rate(amount: i128, rate: i128) -> i128 {
    div_half_up(amount * rate, RATE_ONE)
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn half_up_division() {
        assert_eq!(div_half_up(5, 10), 1);
        assert_eq!(div_half_up(4, 10), 0);
        assert_eq!(div_half_up(15, 10), 2);
        assert_eq!(div_half_up(7, 3), 2);
        assert_eq!(div_half_up(0, 3), 0);
    }

    #[test]
    fn cents_and_rate_units_are_exact() {
        assert_eq!(to_cents(Decimal::new(100_000, 3)), 10_000);
        assert_eq!(to_rate_units(Decimal::new(49, 3)), 49_000_000_000);
        assert_eq!(money(12_345).to_string(), "123.45");
    }

    #[test]
    fn period_interest_rounds_half_up_once() {
        // 241,500.00 × 4.9% / 12 = 986.125 → 986.13.
        let monthly = PeriodRate::new(to_rate_units(Decimal::new(49, 3)), YEAR_UNITS / 12);
        assert_eq!(monthly.interest(24_150_000), 98_613);
    }
}
