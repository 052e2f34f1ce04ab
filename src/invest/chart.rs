//! Chart geometry for the investor page, in whole SVG units (no floats on money): money is
//! scaled to units with integer arithmetic on cents (or `Decimal`, [`crate::state::chart::scale`])
//! rounded once, dates are whole days.

use crate::state::chart::scale;
use loanlens_core::dates::Date;
use loanlens_core::invest::InvestResponse;
use rust_decimal::Decimal;

/// The cumulative-cash chart's plot width and height, in SVG units.
pub const W: i64 = 600;
pub const H: i64 = 220;

/// One product's line in the cumulative-cash chart.
#[derive(Debug, Clone, PartialEq, Eq)]
pub struct Line {
    /// An SVG path `M x y H x V y H x V y …`: a step line, flat between payments, up at each
    /// payment (half the numbers of a polyline's points: it is rebuilt on every keystroke).
    pub path: String,
    /// The cash received in all (principal and net interest).
    pub total: Decimal,
}

/// An amount in whole cents (amounts from the core have at most 2 decimals); 0 if it does not
/// fit, which no amount within the core's limits reaches.
fn cents(d: Decimal) -> i128 {
    let (m, s) = (d.mantissa(), d.scale());
    match s {
        0..=2 => m.checked_mul(10i128.pow(2 - s)).unwrap_or(0),
        _ => m / 10i128.pow(s - 2),
    }
}

/// `v / max × span` rounded half-up to a whole unit, clamped to `0..=span` (integers: cents).
fn scale_cents(v: i128, max: i128, span: i64) -> i64 {
    if max <= 0 || v <= 0 {
        return 0;
    }
    let x = v.saturating_mul(i128::from(span)).saturating_add(max / 2) / max;
    i64::try_from(x).unwrap_or(span).clamp(0, span)
}

/// The cumulative-cash chart: one step line per product over a common time axis from the
/// earliest date paid in to the latest of the last payments and the horizon. Returns the lines,
/// the axis' first and last day, and the largest total (the top of the y axis). Integer
/// arithmetic on days and cents throughout (it runs on every keystroke: 8 × 361 flows).
pub fn cash_lines(r: &InvestResponse) -> (Vec<Line>, Option<(Date, Date)>, Decimal) {
    let day = |s: &str| Date::parse(s).ok();
    let dated: Vec<Vec<(i64, i128)>> = r
        .products
        .iter()
        .map(|p| {
            p.flows.iter().filter_map(|f| Some((day(&f.date)?.days(), cents(f.amount)))).collect()
        })
        .collect();
    let first = r.products.iter().filter_map(|p| day(&p.flows.first()?.date)).min();
    let last = r.products.iter().filter_map(|p| day(&p.flows.last()?.date));
    let last = last.chain(r.horizon_date.as_deref().and_then(day)).max();
    let (Some(first), Some(last)) = (first, last) else { return (Vec::new(), None, Decimal::ZERO) };
    let (d0, span) = (first.days(), first.days_until(last).max(1));
    let x = |d: i64| (d - d0).clamp(0, span) * W / span;
    let totals: Vec<i128> = dated.iter().map(|f| f.iter().skip(1).map(|(_, a)| *a).sum()).collect();
    let max = totals.iter().copied().max().unwrap_or_default();
    let lines = dated
        .iter()
        .zip(&totals)
        .map(|(flows, total)| {
            let mut path = String::with_capacity(flows.len() * 10 + 16);
            let mut cum = 0i128;
            path.push('M');
            push_int(&mut path, flows.first().map_or(0, |(d, _)| x(*d)));
            path.push(' ');
            push_int(&mut path, H);
            for (d, a) in flows.iter().skip(1) {
                cum += *a;
                path.push('H');
                push_int(&mut path, x(*d));
                path.push('V');
                push_int(&mut path, H - scale_cents(cum, max, H));
            }
            path.push('H');
            push_int(&mut path, W);
            Line { path, total: money_of(*total) }
        })
        .collect();
    (lines, Some((first, last)), money_of(max))
}

/// Appends a whole number in decimal (without `fmt`'s machinery: thousands of these per
/// keystroke).
fn push_int(s: &mut String, v: i64) {
    if v < 0 {
        s.push('-');
    }
    let mut buf = [0u8; 20];
    let mut n = v.unsigned_abs();
    let mut i = buf.len();
    loop {
        i -= 1;
        buf[i] = b'0' + (n % 10) as u8;
        n /= 10;
        if n == 0 {
            break;
        }
    }
    s.extend(buf[i..].iter().map(|b| char::from(*b)));
}

/// Cents back to money.
fn money_of(cents: i128) -> Decimal {
    Decimal::try_from_i128_with_scale(cents, 2).unwrap_or_default()
}

/// Bar lengths, in thousandths of the longest, of each product's terminal wealth (0 without one).
pub fn wealth_bars(r: &InvestResponse) -> Vec<i64> {
    let max = r.products.iter().filter_map(|p| p.terminal_wealth).max().unwrap_or_default();
    r.products.iter().map(|p| scale(p.terminal_wealth.unwrap_or_default(), max, 1000)).collect()
}
