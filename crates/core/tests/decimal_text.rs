//! The v1 schema writes decimals with its own formatter (`dec_str::write`, faster than
//! `Display`); it must write exactly what `Display` writes, for every mantissa and scale.

use loanlens_core::schema::dec_str::{write, TEXT_MAX};
use proptest::prelude::*;
use rust_decimal::Decimal;

fn check(d: Decimal) {
    let mut buf = [0u8; TEXT_MAX];
    assert_eq!(write(&d, &mut buf), d.to_string(), "{d:?}");
}

#[test]
fn edges_match_display() {
    for d in [
        Decimal::ZERO,
        Decimal::ONE,
        Decimal::NEGATIVE_ONE,
        Decimal::MAX,
        Decimal::MIN,
        Decimal::new(1, 28),
        Decimal::new(-1, 28),
        Decimal::new(0, 5),
        Decimal::from_parts(0, 0, 0, true, 2),
        Decimal::new(100, 2),
        Decimal::from_i128_with_scale(i128::from(u64::MAX) + 1, 3),
        Decimal::from_i128_with_scale(i128::from(u64::MAX), 20),
    ] {
        check(d);
    }
}

proptest! {
    #![proptest_config(ProptestConfig::with_cases(20_000))]
    #[test]
    fn any_decimal_matches_display(lo in any::<u32>(), mid in any::<u32>(), hi in any::<u32>(),
                                   neg in any::<bool>(), scale in 0u32..=28) {
        check(Decimal::from_parts(lo, mid, hi, neg, scale));
    }

    #[test]
    fn money_sized_decimals_match_display(m in -10_000_000_000_000i64..10_000_000_000_000, scale in 0u32..=10) {
        check(Decimal::new(m, scale));
    }
}
