//! Money rounding: the one place where the product's rounding rule lives.
//!
//! The rule (specs/money.md): half-up to 0.01, i.e. a midpoint rounds away from zero.
//! `Decimal::round_dp` would round half-even (banker's rounding) and turn 986.125 into 986.12;
//! a Chinese bank prints 986.13.

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
