//! Parsers for what people type: amounts in 元 or 万元, rates in %, terms in months or years,
//! dates. Each returns the value or the message key to show next to the field. No floats.

use crate::i18n::Key;
use loanlens_core::dates::Date;
use loanlens_core::schedule::{MAX_PRINCIPAL, MAX_TERM_MONTHS};
use rust_decimal::Decimal;

/// Maps full-width digits and punctuation to ASCII and drops spaces; commas stay (see
/// [`ungroup`]): a comma is read only as a thousands separator in its right places, never
/// guessed.
fn normalise(raw: &str) -> String {
    raw.chars()
        .filter(|c| !matches!(c, ' ' | '\u{3000}' | '_' | '\t'))
        .map(|c| match c {
            '０'..='９' => char::from_u32(c as u32 - '０' as u32 + '0' as u32).unwrap_or(c),
            '．' | '。' => '.',
            '％' => '%',
            '－' => '-',
            '，' => ',',
            _ => c,
        })
        .collect()
}

/// Removes thousands commas when they group the integer digits in threes (`1,000,000`);
/// any other comma (`1,00,000`, `4,9`, `1.5,0`) is refused, not guessed.
fn ungroup(s: &str) -> Result<String, Key> {
    if !s.contains(',') {
        return Ok(s.to_string());
    }
    let (int, frac) = s.split_once('.').unwrap_or((s, ""));
    let groups: Vec<&str> = int.trim_start_matches('-').split(',').collect();
    let digits = |g: &str| g.bytes().all(|b| b.is_ascii_digit());
    let first_ok = (1..=3).contains(&groups[0].len()) && digits(groups[0]);
    let rest_ok = groups[1..].iter().all(|g| g.len() == 3 && digits(g));
    if first_ok && rest_ok && !frac.contains(',') {
        Ok(s.replace(',', ""))
    } else {
        Err(Key::ErrComma)
    }
}

/// Parses a decimal typed by a person: digits with one optional point, thousands commas (in
/// threes) and spaces ignored, full-width digits accepted. Returns the error key on failure.
pub fn parse_decimal(raw: &str) -> Result<Decimal, Key> {
    plain_decimal(&ungroup(&normalise(raw))?)
}

fn plain_decimal(cleaned: &str) -> Result<Decimal, Key> {
    if cleaned.is_empty() {
        return Err(Key::ErrEmpty);
    }
    // `1e9`: say that the notation is not accepted, rather than "not a number".
    let exponent = cleaned.contains(['e', 'E'])
        && cleaned.bytes().any(|b| b.is_ascii_digit())
        && cleaned.chars().all(|c| c.is_ascii_digit() || matches!(c, '.' | '-' | '+' | 'e' | 'E'));
    if exponent {
        return Err(Key::ErrExponent);
    }
    let ok = cleaned.len() <= 30
        && cleaned.chars().all(|c| c.is_ascii_digit() || c == '.' || c == '-')
        && cleaned.chars().filter(|c| *c == '.').count() <= 1
        && cleaned.chars().skip(1).all(|c| c != '-')
        && cleaned.chars().any(|c| c.is_ascii_digit());
    if !ok {
        return Err(Key::ErrNotNumber);
    }
    // The text is now `-?digits[.digits]`: build the decimal from its digits (cheaper in the
    // bundle than `Decimal::from_str`, which also parses exponents).
    let (neg, body) = cleaned.strip_prefix('-').map_or((false, cleaned), |b| (true, b));
    let scale = body.split_once('.').map_or(0, |(_, f)| f.len());
    let mut mantissa: i128 = 0;
    for b in body.bytes().filter(u8::is_ascii_digit) {
        mantissa = mantissa
            .checked_mul(10)
            .and_then(|m| m.checked_add(i128::from(b - b'0')))
            .ok_or(Key::ErrNotNumber)?;
    }
    let mantissa = if neg { -mantissa } else { mantissa };
    let scale = u32::try_from(scale).map_err(|_| Key::ErrNotNumber)?;
    Decimal::try_from_i128_with_scale(mantissa, scale).map_err(|_| Key::ErrNotNumber)
}

/// An amount of money in 元: `1000000`, `1,000,000`, `¥1000000`, `100万`, `100万元`, `1.5w`,
/// `0.5亿`. At most 2 decimals after the unit is applied; 0.01 to 1,000,000,000,000.
///
/// ```
/// use loanlens_web::state::parse::parse_amount;
/// assert_eq!(parse_amount("100万").unwrap().to_string(), "1000000");
/// ```
pub fn parse_amount(raw: &str) -> Result<Decimal, Key> {
    let v = amount_value(raw)?;
    if v < Decimal::new(1, 2) || v > MAX_PRINCIPAL {
        Err(Key::ErrPrincipalRange)
    } else if v.normalize().scale() > 2 {
        Err(Key::ErrCents)
    } else {
        Ok(v.normalize())
    }
}

/// Whether `raw` is an amount below the least one, 0.01 元 (zero or negative).
pub fn below_cent(raw: &str) -> bool {
    amount_value(raw).is_ok_and(|v| v < Decimal::new(1, 2))
}

/// The number an amount's text stands for, its unit applied, before any range check.
fn amount_value(raw: &str) -> Result<Decimal, Key> {
    let mut s = normalise(raw);
    for prefix in ['¥', '￥'] {
        if let Some(rest) = s.strip_prefix(prefix) {
            s = rest.to_string();
        }
    }
    if let Some(rest) = s.strip_suffix("元") {
        s = rest.to_string();
    }
    let mut factor = Decimal::ONE;
    for (suffix, f) in [("万", 10_000i64), ("w", 10_000), ("W", 10_000), ("亿", 100_000_000)] {
        if let Some(rest) = s.strip_suffix(suffix) {
            s = rest.to_string();
            factor = Decimal::from(f);
            break;
        }
    }
    let v = plain_decimal(&ungroup(&s)?)?;
    v.checked_mul(factor).ok_or(Key::ErrPrincipalRange)
}

/// A percentage (`4.9`, `4.9%`) as a fraction (0.049), between 0 and `max` (a fraction, as the
/// core states its limits: `MAX_ANNUAL_RATE` = 10 is 1000%), with at most 10 decimals.
///
/// A comma is refused (`4,9` is not 49): no rate needs a thousands separator.
pub fn parse_percent(raw: &str, max: Decimal, range_err: Key) -> Result<Decimal, Key> {
    let s = normalise(raw);
    let s = s.strip_suffix('%').unwrap_or(&s);
    if s.contains(',') {
        return Err(Key::ErrRateComma);
    }
    let v = plain_decimal(s)?;
    if v < Decimal::ZERO || v.normalize().scale() > 10 {
        return Err(range_err);
    }
    let fraction = v / Decimal::ONE_HUNDRED;
    if fraction > max {
        return Err(range_err);
    }
    Ok(fraction)
}

/// A 日利率 as a fraction per day, between 0 and `max`: a percent (`0.05`, `0.05%`) or as
/// lenders write it, `万分之五` / `万分之2.5` / `千分之一` (single Chinese digits or ASCII).
pub fn parse_per_day(raw: &str, max: Decimal, range_err: Key) -> Result<Decimal, Key> {
    let s = normalise(raw);
    for (prefix, per) in [("万分之", 10_000i64), ("千分之", 1_000)] {
        if let Some(rest) = s.strip_prefix(prefix) {
            let digits: String = rest
                .chars()
                .map(|c| match "零一二三四五六七八九".chars().position(|d| d == c) {
                    Some(n) => char::from(b'0' + n as u8),
                    None => c,
                })
                .collect();
            let v = plain_decimal(&digits)? / Decimal::from(per);
            return if v < Decimal::ZERO || v > max || v.scale() > 12 {
                Err(range_err)
            } else {
                Ok(v)
            };
        }
    }
    parse_percent(raw, max, range_err)
}

/// The unit a term is entered in.
#[derive(Debug, Clone, Copy, PartialEq, Eq, Default)]
pub enum TermUnit {
    /// Months (期), the default.
    #[default]
    Months,
    /// Years.
    Years,
}

impl TermUnit {
    /// The URL id.
    pub fn id(self) -> &'static str {
        match self {
            TermUnit::Months => "months",
            TermUnit::Years => "years",
        }
    }

    /// Parses a URL id.
    pub fn from_id(s: &str) -> Option<TermUnit> {
        match s {
            "months" | "m" => Some(TermUnit::Months),
            "years" | "y" => Some(TermUnit::Years),
            _ => None,
        }
    }
}

/// A term in whole months, 1 to the core's `MAX_TERM_MONTHS` (600). The text may carry its own
/// unit (`30年`, `360个月`, `36期`, `2.5y`), which wins over `unit`.
pub fn parse_term(raw: &str, unit: TermUnit) -> Result<u32, Key> {
    let mut s = normalise(raw);
    let mut unit = unit;
    for (suffix, u) in [
        ("个月", TermUnit::Months),
        ("月", TermUnit::Months),
        ("期", TermUnit::Months),
        ("m", TermUnit::Months),
        ("年", TermUnit::Years),
        ("y", TermUnit::Years),
    ] {
        if let Some(rest) = s.strip_suffix(suffix) {
            s = rest.to_string();
            unit = u;
            break;
        }
    }
    let v = plain_decimal(&s)?;
    let range_err = match unit {
        TermUnit::Months => Key::ErrTermRange,
        TermUnit::Years => Key::ErrTermRangeYears,
    };
    let months = match unit {
        TermUnit::Months => v,
        TermUnit::Years => v.checked_mul(Decimal::from(12)).ok_or(range_err)?,
    };
    whole_months(months, range_err)
}

/// A whole number of months from 1 to `MAX_TERM_MONTHS`, else `range_err`.
fn whole_months(v: Decimal, range_err: Key) -> Result<u32, Key> {
    if v.fract().is_zero() && v >= Decimal::ONE && v <= Decimal::from(MAX_TERM_MONTHS) {
        u32::try_from(v.trunc()).map_err(|_| range_err)
    } else {
        Err(range_err)
    }
}

/// A whole period number (第几期), 1 to `MAX_TERM_MONTHS` (no loan has more periods).
pub fn parse_period(raw: &str) -> Result<u32, Key> {
    let s = normalise(raw);
    let s = s.trim_start_matches('第').trim_end_matches('期');
    whole_months(plain_decimal(s)?, Key::ErrPeriod)
}

/// A calendar date, `YYYY-MM-DD` (as `<input type=date>` gives it), also `2025/1/5`,
/// `2025.1.5` and `2025年1月5日`.
pub fn parse_date(raw: &str) -> Result<String, Key> {
    let (y, m, d) = date_parts(raw).ok_or(Key::ErrDate)?;
    Date::new(y, m, d).map(|d| d.to_string()).ok_or(Key::ErrDate)
}

/// Whether `raw` names a day of the calendar, in range or not (2300-01-01 does, 2025-02-30
/// does not): a month's days depend only on whether its year is a leap year.
pub fn date_exists(raw: &str) -> bool {
    let leap = |y| if loanlens_core::dates::is_leap(y) { 2024 } else { 2025 };
    date_parts(raw).is_some_and(|(y, m, d)| Date::new(leap(y), m, d).is_some())
}

/// Year, month and day as written, not yet checked.
fn date_parts(raw: &str) -> Option<(i32, u32, u32)> {
    let s = normalise(raw);
    let parts: Vec<&str> =
        s.split(['-', '/', '.', '年', '月', '日']).filter(|p| !p.is_empty()).collect();
    let [y, m, d] = parts.as_slice() else { return None };
    let num = |p: &&str| p.len() <= 4 && p.chars().all(|c| c.is_ascii_digit());
    if !(num(y) && num(m) && num(d)) {
        return None;
    }
    Some((y.parse().ok()?, m.parse().ok()?, d.parse().ok()?))
}

#[cfg(test)]
mod tests {
    use super::*;
    use std::str::FromStr;

    fn dec(s: &str) -> Decimal {
        Decimal::from_str(s).unwrap()
    }

    #[test]
    fn people_write_numbers_with_commas_and_full_width_digits() {
        assert_eq!(parse_decimal("1,000,000").unwrap(), Decimal::from(1_000_000));
        assert_eq!(parse_decimal("１２３．５").unwrap(), Decimal::new(1235, 1));
        assert_eq!(parse_decimal(" 4.9 ").unwrap(), Decimal::new(49, 1));
        assert_eq!(parse_decimal("1.2.3"), Err(Key::ErrNotNumber));
        assert_eq!(parse_decimal("5-"), Err(Key::ErrNotNumber));
    }

    #[test]
    fn a_comma_is_only_a_thousands_separator_in_its_places_and_never_guessed() {
        assert_eq!(parse_amount("1,000,000").unwrap(), dec("1000000"));
        assert_eq!(parse_amount("１，０００").unwrap(), dec("1000"));
        // Indian grouping, a decimal comma, a comma in the cents: refused, not read as 100000.
        assert_eq!(parse_amount("1,00,000"), Err(Key::ErrComma));
        assert_eq!(parse_amount("1000,5"), Err(Key::ErrComma));
        assert_eq!(parse_amount("1,000.5,0"), Err(Key::ErrComma));
        assert_eq!(parse_amount(",100"), Err(Key::ErrComma));
        let max = loanlens_core::schedule::MAX_ANNUAL_RATE;
        // "4,9" was read as 49%: a rate never has a comma.
        assert_eq!(parse_percent("4,9", max, Key::ErrRateRange), Err(Key::ErrRateComma));
        assert_eq!(parse_percent("4，9%", max, Key::ErrRateRange), Err(Key::ErrRateComma));
    }

    #[test]
    fn scientific_notation_is_named_not_called_a_non_number() {
        assert_eq!(parse_amount("1e9"), Err(Key::ErrExponent));
        assert_eq!(parse_amount("2.5E+6"), Err(Key::ErrExponent));
        assert_eq!(parse_amount("eee"), Err(Key::ErrNotNumber));
    }

    #[test]
    fn amounts_in_yuan_and_wan() {
        assert_eq!(parse_amount("100万").unwrap(), dec("1000000"));
        assert_eq!(parse_amount("100 万元").unwrap(), dec("1000000"));
        assert_eq!(parse_amount("1.5w").unwrap(), dec("15000"));
        assert_eq!(parse_amount("￥1,234,567.89").unwrap(), dec("1234567.89"));
        assert_eq!(parse_amount("0.5亿").unwrap(), dec("50000000"));
        assert_eq!(parse_amount("１００万").unwrap(), dec("1000000"));
        assert_eq!(parse_amount("0.000001万").unwrap(), dec("0.01"));
        assert_eq!(parse_amount("1.0000001万"), Err(Key::ErrCents));
        assert_eq!(parse_amount("万"), Err(Key::ErrEmpty));
        assert_eq!(parse_amount("abc万"), Err(Key::ErrNotNumber));
        assert_eq!(parse_amount("99999999999999999999万"), Err(Key::ErrPrincipalRange));
        assert_eq!(parse_amount("-1"), Err(Key::ErrPrincipalRange));
    }

    #[test]
    fn terms_in_months_or_years() {
        assert_eq!(parse_term("360", TermUnit::Months), Ok(360));
        assert_eq!(parse_term("30", TermUnit::Years), Ok(360));
        assert_eq!(parse_term("30年", TermUnit::Months), Ok(360));
        assert_eq!(parse_term("2.5年", TermUnit::Months), Ok(30));
        assert_eq!(parse_term("36期", TermUnit::Years), Ok(36));
        assert_eq!(parse_term("1.01", TermUnit::Years), Err(Key::ErrTermRangeYears));
        // In years the error speaks of years (it said "months" while the unit was 年).
        assert_eq!(parse_term("51", TermUnit::Years), Err(Key::ErrTermRangeYears));
        assert_eq!(parse_term("601", TermUnit::Months), Err(Key::ErrTermRange));
        assert_eq!(parse_term("年", TermUnit::Years), Err(Key::ErrEmpty));
    }

    #[test]
    fn percents_and_dates() {
        let max = loanlens_core::schedule::MAX_ANNUAL_RATE;
        assert_eq!(parse_percent("4.9%", max, Key::ErrRateRange), Ok(dec("0.049")));
        assert_eq!(parse_percent("1000", max, Key::ErrRateRange), Ok(dec("10")));
        assert_eq!(parse_percent("1001", max, Key::ErrRateRange), Err(Key::ErrRateRange));
        assert_eq!(parse_date("2025-01-15"), Ok("2025-01-15".into()));
        assert_eq!(parse_date("2025/1/5"), Ok("2025-01-05".into()));
        assert_eq!(parse_date("2025年1月5日"), Ok("2025-01-05".into()));
        assert_eq!(parse_date("2025-02-30"), Err(Key::ErrDate));
        assert_eq!(parse_date("tomorrow"), Err(Key::ErrDate));
        assert_eq!(parse_period("第12期"), Ok(12));
        assert_eq!(parse_period("0"), Err(Key::ErrPeriod));
    }

    #[test]
    fn daily_rates_as_lenders_write_them() {
        let max = dec("0.0273");
        let e = Key::ErrDailyRateRange;
        for s in ["0.05", "0.05%", "万分之五", "万分之5", "０．０５％"] {
            assert_eq!(parse_per_day(s, max, e), Ok(dec("0.0005")), "{s}");
        }
        assert_eq!(parse_per_day("万分之2.5", max, e), Ok(dec("0.00025")));
        assert_eq!(parse_per_day("千分之一", max, e), Ok(dec("0.001")));
        // 5 typed for 万分之五 is 5% a day: out of range, not guessed.
        assert_eq!(parse_per_day("5", max, e), Err(e));
        assert_eq!(parse_per_day("万分之", max, e), Err(Key::ErrEmpty));
        assert_eq!(parse_per_day("万分之十五", max, e), Err(Key::ErrNotNumber));
    }
}
