//! Chart geometry for the investor page, in whole SVG units (no floats on money): money is
//! scaled to units with `Decimal` arithmetic rounded once ([`crate::state::chart::scale`]),
//! dates are whole days.

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
    /// `x,y x,y …`: a step line, flat between payments, up at each payment.
    pub points: String,
    /// The cash received in all (principal and net interest).
    pub total: Decimal,
}

/// The cumulative-cash chart: one step line per product over a common time axis from the
/// earliest date paid in to the latest of the last payments and the horizon. Returns the lines,
/// the axis' first and last day, and the largest total (the top of the y axis).
pub fn cash_lines(r: &InvestResponse) -> (Vec<Line>, Option<(Date, Date)>, Decimal) {
    let day = |s: &str| Date::parse(s).ok();
    let dated: Vec<Vec<(Date, Decimal)>> = r
        .products
        .iter()
        .map(|p| p.flows.iter().filter_map(|f| Some((day(&f.date)?, f.amount))).collect())
        .collect();
    let first = dated.iter().filter_map(|f| f.first().map(|x| x.0)).min();
    let last = dated.iter().filter_map(|f| f.last().map(|x| x.0));
    let last = last.chain(r.horizon_date.as_deref().and_then(day)).max();
    let (Some(first), Some(last)) = (first, last) else { return (Vec::new(), None, Decimal::ZERO) };
    let span = first.days_until(last).max(1);
    let x = |d: Date| first.days_until(d).clamp(0, span) * W / span;
    let totals: Vec<Decimal> =
        dated.iter().map(|f| f.iter().skip(1).map(|(_, a)| *a).sum()).collect();
    let max = totals.iter().copied().max().unwrap_or_default();
    let lines = dated
        .iter()
        .zip(&totals)
        .map(|(flows, total)| {
            let mut pts = String::with_capacity(flows.len() * 18);
            let mut cum = Decimal::ZERO;
            let mut y = H;
            if let Some((d, _)) = flows.first() {
                pts.push_str(&format!("{},{H}", x(*d)));
            }
            for (d, a) in flows.iter().skip(1) {
                cum += *a;
                let xd = x(*d);
                pts.push_str(&format!(" {xd},{y}"));
                y = H - scale(cum, max, H);
                pts.push_str(&format!(" {xd},{y}"));
            }
            pts.push_str(&format!(" {W},{y}"));
            Line { points: pts, total: *total }
        })
        .collect();
    (lines, Some((first, last)), max)
}

/// Bar lengths, in thousandths of the longest, of each product's terminal wealth (0 without one).
pub fn wealth_bars(r: &InvestResponse) -> Vec<i64> {
    let max = r.products.iter().filter_map(|p| p.terminal_wealth).max().unwrap_or_default();
    r.products.iter().map(|p| scale(p.terminal_wealth.unwrap_or_default(), max, 1000)).collect()
}
