//! How numbers are shown: ¥ with thousands separators and exactly two decimals; rates as %.

use loanlens_core::schema::dec_str::{write, TEXT_MAX};
use rust_decimal::Decimal;

/// Groups the integer part of a decimal string in threes: `1234567.89` → `1,234,567.89`.
pub fn group_thousands(s: &str) -> String {
    let (sign, digits) = s.strip_prefix('-').map_or(("", s), |d| ("-", d));
    let (int, frac) = digits.split_once('.').map_or((digits, None), |(i, f)| (i, Some(f)));
    let mut out = String::with_capacity(s.len() + s.len() / 3);
    for (i, c) in int.chars().enumerate() {
        if i > 0 && (int.len() - i) % 3 == 0 {
            out.push(',');
        }
        out.push(c);
    }
    match frac {
        Some(f) => format!("{sign}{out}.{f}"),
        None => format!("{sign}{out}"),
    }
}

/// An amount of money as `¥1,234,567.89`.
pub fn money(d: Decimal) -> String {
    // The core's decimal writer, not `Display`: a repaint formats hundreds of amounts.
    let mut buf = [0u8; TEXT_MAX];
    let mut out = String::from("¥");
    out.push_str(&group_thousands(write(&loanlens_core::money::round_money(d), &mut buf)));
    out
}

/// A large amount in 万元 as Chinese readers size it (`91.06万`), half-up to 0.01 万; `None`
/// below 10,000 元, where 万 would not help.
pub fn wan(d: Decimal) -> Option<String> {
    let w = loanlens_core::money::round_money(d / Decimal::from(10_000));
    (d.abs() >= Decimal::from(10_000)).then(|| format!("{}万", group_thousands(&w.to_string())))
}

/// A fraction as a percentage with two decimals: 0.128036 → `12.80%`.
pub fn percent(fraction: Decimal) -> String {
    let pct = loanlens_core::money::round_rate(fraction * Decimal::ONE_HUNDRED, 2);
    format!("{pct}%")
}

/// An RFC 3339 UTC time as people read it, to the minute: `2026-11-29T22:50:01.123Z` →
/// `2026-11-29 22:50 UTC` (the text as sent when it is not of that shape).
///
/// ```
/// assert_eq!(loanlens_web::format::when("2026-11-29T22:50:01.123Z"), "2026-11-29 22:50 UTC");
/// assert_eq!(loanlens_web::format::when("soon"), "soon");
/// ```
pub fn when(rfc3339: &str) -> String {
    match (rfc3339.get(..10), rfc3339.get(11..16)) {
        (Some(d), Some(hm)) if rfc3339.ends_with('Z') => format!("{d} {hm} UTC"),
        _ => rfc3339.to_string(),
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn money_is_grouped_with_two_decimals() {
        assert_eq!(money(Decimal::new(123456789, 2)), "¥1,234,567.89");
        assert_eq!(money(Decimal::new(5, 0)), "¥5.00");
        assert_eq!(money(Decimal::new(-100000, 2)), "¥-1,000.00");
        assert_eq!(group_thousands("100"), "100");
    }

    #[test]
    fn large_amounts_read_in_wan() {
        assert_eq!(wan(Decimal::new(91061610, 2)).as_deref(), Some("91.06万"));
        assert_eq!(wan(Decimal::new(191_061_610, 2)).as_deref(), Some("191.06万"));
        assert_eq!(wan(Decimal::new(125_000_000, 0)).as_deref(), Some("12,500.00万"));
        assert_eq!(wan(Decimal::new(999_999, 2)), None);
        // Half-up at 0.005 万 = 50 元.
        assert_eq!(wan(Decimal::new(10_050, 0)).as_deref(), Some("1.01万"));
    }

    #[test]
    fn percent_rounds_half_up() {
        assert_eq!(percent(Decimal::new(128036, 6)), "12.80%");
        assert_eq!(percent(Decimal::new(49, 3)), "4.90%");
        assert_eq!(percent(Decimal::new(12345, 6)), "1.23%");
        assert_eq!(percent(Decimal::new(12355, 6)), "1.24%");
    }
}
