//! Numeric bin intervals in the card's notation: `[a, b)` takes a and not b, `(a, b]` takes b
//! and not a, `-inf`/`inf` are always open ends (whatever bracket is written next to them). Invariant of a parsed [`Interval`]: it is not
//! empty (lower end below the upper end, or equal with both ends closed).

use rust_decimal::Decimal;
use std::cmp::Ordering;
use std::fmt;
use std::str::FromStr;

/// One end of an interval: `None` is infinite.
///
/// ```
/// let i: loanlens_core::scorecard::Interval = "(-inf, 2.5]".parse().unwrap();
/// assert_eq!(i.lo().value, None);
/// assert!(i.hi().closed);
/// ```
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub struct End {
    /// The end's value; `None` is −∞ for a lower end and +∞ for an upper end.
    pub value: Option<Decimal>,
    /// Whether the end's value belongs to the interval (never true for an infinite end).
    pub closed: bool,
}

/// A numeric interval.
///
/// ```
/// use loanlens_core::scorecard::Interval;
/// let i: Interval = "[25, 35)".parse().unwrap();
/// assert!(i.contains(25.into()) && !i.contains(35.into()));
/// assert_eq!(i.to_string(), "[25, 35)");
/// assert!("[35, 25)".parse::<Interval>().is_err());
/// ```
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub struct Interval {
    lo: End,
    hi: End,
}

impl Interval {
    /// Builds an interval from its ends; `None` when it would be empty or an infinite end is
    /// marked closed.
    pub fn new(lo: End, hi: End) -> Option<Self> {
        if (lo.value.is_none() && lo.closed) || (hi.value.is_none() && hi.closed) {
            return None;
        }
        match (lo.value, hi.value) {
            (Some(a), Some(b)) if a > b || (a == b && !(lo.closed && hi.closed)) => None,
            _ => Some(Self { lo, hi }),
        }
    }

    /// The lower end.
    pub fn lo(&self) -> End {
        self.lo
    }

    /// The upper end.
    pub fn hi(&self) -> End {
        self.hi
    }

    /// Whether `x` lies in the interval.
    pub fn contains(&self, x: Decimal) -> bool {
        let above = match self.lo.value {
            None => true,
            Some(a) => x > a || (self.lo.closed && x == a),
        };
        let below = match self.hi.value {
            None => true,
            Some(b) => x < b || (self.hi.closed && x == b),
        };
        above && below
    }

    /// Orders intervals by their lower end (−∞ first; at equal values a closed end first).
    pub fn cmp_lo(&self, other: &Self) -> Ordering {
        match (self.lo.value, other.lo.value) {
            (None, None) => Ordering::Equal,
            (None, Some(_)) => Ordering::Less,
            (Some(_), None) => Ordering::Greater,
            (Some(a), Some(b)) => a.cmp(&b).then(other.lo.closed.cmp(&self.lo.closed)),
        }
    }

    /// How `self` (lower) meets `next` (the following interval by lower end): `Less` when a gap
    /// lies between them, `Greater` when they overlap, `Equal` when they touch exactly.
    pub fn meets(&self, next: &Self) -> Ordering {
        match (self.hi.value, next.lo.value) {
            (None, _) | (_, None) => Ordering::Greater,
            (Some(b), Some(a)) => match b.cmp(&a) {
                Ordering::Equal => match (self.hi.closed, next.lo.closed) {
                    (true, true) => Ordering::Greater,
                    (false, false) => Ordering::Less,
                    _ => Ordering::Equal,
                },
                other => other,
            },
        }
    }
}

fn num(s: &str) -> Result<Option<Decimal>, String> {
    let t = s.trim();
    match t {
        "-inf" | "-Inf" | "-INF" => return Ok(None),
        "inf" | "+inf" | "Inf" | "INF" => return Ok(None),
        _ => {}
    }
    let ok =
        !t.is_empty() && t.chars().all(|c| c.is_ascii_digit() || c == '.' || c == '-' || c == '+');
    if !ok {
        return Err(format!("'{t}' is not a number (use digits, a point, or -inf/inf)"));
    }
    Decimal::from_str(t).map(Some).map_err(|_| format!("'{t}' is not a number"))
}

/// Parses `[a, b)` style text with `sep` between the ends (`,` in the card, `~` for toad).
pub(crate) fn parse_with(text: &str, sep: char) -> Result<Interval, String> {
    let t = text.trim();
    let bad = || format!("'{t}' is not an interval like [25, 35) or (-inf, 2.5]");
    let mut chars = t.chars();
    let open = chars.next().ok_or_else(bad)?;
    let close = chars.next_back().ok_or_else(bad)?;
    let lo_closed = match open {
        '[' => true,
        '(' => false,
        _ => return Err(bad()),
    };
    let hi_closed = match close {
        ']' => true,
        ')' => false,
        _ => return Err(bad()),
    };
    let inner = chars.as_str();
    let (a, b) = inner.split_once(sep).ok_or_else(bad)?;
    if b.contains(sep) {
        return Err(bad());
    }
    let (lo, hi) = (num(a)?, num(b)?);
    let lo_inf_ok = lo.is_some() || a.trim().starts_with('-');
    let hi_inf_ok = hi.is_some() || !b.trim().starts_with('-');
    if !lo_inf_ok || !hi_inf_ok {
        return Err(format!("'{t}': only the lower end may be -inf and only the upper end inf"));
    }
    // An infinite end is open whatever its bracket (tools print `[-inf ~ 25.0)`).
    let lo_end = End { value: lo, closed: lo_closed && lo.is_some() };
    let hi_end = End { value: hi, closed: hi_closed && hi.is_some() };
    Interval::new(lo_end, hi_end)
        .ok_or_else(|| format!("'{t}' is empty: its lower end must be below its upper end"))
}

impl FromStr for Interval {
    type Err = String;

    fn from_str(s: &str) -> Result<Self, String> {
        parse_with(s, ',')
    }
}

impl fmt::Display for Interval {
    fn fmt(&self, f: &mut fmt::Formatter<'_>) -> fmt::Result {
        let lo = self.lo.value.map_or("-inf".to_string(), |v| v.normalize().to_string());
        let hi = self.hi.value.map_or("inf".to_string(), |v| v.normalize().to_string());
        let (o, c) =
            (if self.lo.closed { '[' } else { '(' }, if self.hi.closed { ']' } else { ')' });
        write!(f, "{o}{lo}, {hi}{c}")
    }
}
