//! Yearly subtotals and chart geometry. Charts are SVG in integer viewBox units: every
//! coordinate is a money amount scaled by Decimal arithmetic and rounded to a whole unit, so no
//! float ever touches a figure.

use loanlens_core::schema::{Row, Schedule};
use rust_decimal::Decimal;

/// One year of the schedule (the yearly-subtotal view and the per-year bars).
#[derive(Debug, Clone, PartialEq)]
pub struct YearRow {
    /// 1-based year of the loan.
    pub year: u32,
    /// Calendar year, when the schedule has dates.
    pub calendar_year: Option<String>,
    pub first_period: u32,
    pub last_period: u32,
    pub payment: Decimal,
    pub principal: Decimal,
    pub interest: Decimal,
    pub fee: Decimal,
    /// Balance after the year's last payment.
    pub balance: Decimal,
}

/// Groups rows into loan years: by calendar year when dated, otherwise 12 periods each.
pub fn yearly(rows: &[Row]) -> Vec<YearRow> {
    let mut out: Vec<YearRow> = Vec::new();
    for (idx, r) in rows.iter().enumerate() {
        let cal = r.date.as_deref().map(|d| d.get(..4).unwrap_or(d).to_string());
        let new_group = match (out.last(), &cal) {
            (None, _) => true,
            (Some(last), Some(c)) => last.calendar_year.as_ref() != Some(c),
            (Some(_), None) => idx % 12 == 0,
        };
        if new_group {
            out.push(YearRow {
                year: out.len() as u32 + 1,
                calendar_year: cal,
                first_period: r.period,
                last_period: r.period,
                payment: Decimal::ZERO,
                principal: Decimal::ZERO,
                interest: Decimal::ZERO,
                fee: Decimal::ZERO,
                balance: r.balance,
            });
        }
        if let Some(y) = out.last_mut() {
            y.last_period = r.period;
            y.payment += r.payment;
            y.principal += r.principal;
            y.interest += r.interest;
            y.fee += r.fee;
            y.balance = r.balance;
        }
    }
    out
}

/// `v / max × span`, rounded to a whole unit, clamped to `0..=span`; 0 when `max` is 0.
pub fn scale(v: Decimal, max: Decimal, span: i64) -> i64 {
    if max <= Decimal::ZERO || v <= Decimal::ZERO {
        return 0;
    }
    let Some(x) = v.checked_mul(Decimal::from(span)).and_then(|x| x.checked_div(max)) else {
        return 0;
    };
    i64::try_from(x.round()).unwrap_or(span).clamp(0, span)
}

/// A polyline through `values` (x evenly spread over `w`, y = 0 at the top of `h`), starting at
/// `start` for x = 0 (the value before the first period).
pub fn polyline(start: Decimal, values: &[Decimal], max: Decimal, w: i64, h: i64) -> String {
    use std::fmt::Write;
    let n = values.len().max(1) as i64;
    let mut out = String::with_capacity(values.len() * 10 + 10);
    let _ = write!(out, "0,{}", h - scale(start, max, h));
    for (k, v) in values.iter().enumerate() {
        let x = (k as i64 + 1) * w / n;
        let _ = write!(out, " {x},{}", h - scale(*v, max, h));
    }
    out
}

/// A bar of a stacked bar chart: x, width, and the heights of its principal and interest parts.
#[derive(Debug, Clone, PartialEq, Eq)]
pub struct Bar {
    pub x: i64,
    pub w: i64,
    pub principal_h: i64,
    pub interest_h: i64,
}

/// Principal vs interest bars: per period up to 60 periods, per year beyond (a phone cannot show
/// 360 bars). Returns the bars and whether they are yearly.
pub fn principal_interest_bars(s: &Schedule, w: i64, h: i64) -> (Vec<Bar>, bool) {
    let groups: Vec<(Decimal, Decimal)> = if s.rows.len() <= 60 {
        s.rows.iter().map(|r| (r.principal, r.interest)).collect()
    } else {
        yearly(&s.rows).iter().map(|y| (y.principal, y.interest)).collect()
    };
    let max = groups.iter().map(|(p, i)| *p + *i).max().unwrap_or_default();
    let n = groups.len().max(1) as i64;
    let slot = w / n;
    let gap = if slot >= 4 { slot / 5 } else { 0 };
    let bars = groups
        .iter()
        .enumerate()
        .map(|(k, (p, i))| {
            let total = scale(*p + *i, max, h);
            let ih = scale(*i, max, h).min(total);
            Bar {
                x: k as i64 * w / n,
                w: (slot - gap).max(1),
                principal_h: total - ih,
                interest_h: ih,
            }
        })
        .collect();
    (bars, s.rows.len() > 60)
}

/// Running totals of interest after each period.
pub fn cumulative_interest(rows: &[Row]) -> Vec<Decimal> {
    let mut acc = Decimal::ZERO;
    rows.iter()
        .map(|r| {
            acc += r.interest;
            acc
        })
        .collect()
}

#[cfg(test)]
mod tests {
    use super::*;
    use crate::state::{CalcState, Inputs};

    #[test]
    fn yearly_subtotals_add_up() {
        let s = CalcState::default().result.unwrap();
        let y = yearly(&s.rows);
        assert_eq!(y.len(), 30);
        assert_eq!((y[0].first_period, y[0].last_period), (1, 12));
        let total: Decimal = y.iter().map(|r| r.interest).sum();
        assert_eq!(total, s.total_interest);
        assert_eq!(y[29].balance, Decimal::ZERO);
    }

    #[test]
    fn dated_years_follow_the_calendar() {
        let s =
            CalcState::from_inputs(Inputs { start_date: "2025-06-10".into(), ..Inputs::default() })
                .result
                .unwrap();
        let y = yearly(&s.rows);
        // July..December 2025 = 6 payments, then full years, the last ending in 2055.
        assert_eq!(y[0].calendar_year.as_deref(), Some("2025"));
        assert_eq!(y[0].last_period, 6);
        assert_eq!(y.len(), 31);
    }

    #[test]
    fn geometry_is_integer_and_bounded() {
        assert_eq!(scale(Decimal::from(50), Decimal::from(100), 200), 100);
        assert_eq!(scale(Decimal::from(150), Decimal::from(100), 200), 200);
        assert_eq!(scale(Decimal::from(5), Decimal::ZERO, 200), 0);
        let p = polyline(
            Decimal::from(100),
            &[Decimal::from(50), Decimal::ZERO],
            Decimal::from(100),
            600,
            200,
        );
        assert_eq!(p, "0,0 300,100 600,200");
        let s = CalcState::default().result.unwrap();
        let (bars, yearly) = principal_interest_bars(&s, 600, 200);
        assert!(yearly);
        assert_eq!(bars.len(), 30);
        assert!(bars.iter().all(|b| b.principal_h + b.interest_h <= 200 && b.x + b.w <= 600));
        // Early years are mostly interest, late years mostly principal.
        assert!(bars[0].interest_h > bars[0].principal_h);
        assert!(bars[29].interest_h < bars[29].principal_h);
        assert_eq!(*cumulative_interest(&s.rows).last().unwrap(), s.total_interest);
    }
}
