//! Checking one variable's bins: kinds that fit the field, numeric ranges that neither overlap
//! nor leave gaps, categories listed once and all covered (or an `else` bin).

use super::{points_ok, CheckedVariable, Matcher, MAX_BINS};
use crate::scorecard::card::{BinMatch, Variable};
use crate::scorecard::interval::Interval;
use crate::scorecard::profile::FieldKind;
use rust_decimal::Decimal;
use std::cmp::Ordering;

/// Checks `v`'s bins, reporting each problem through `err`; the checked variable when none.
pub(super) fn check_bins(
    place: &str,
    kind: FieldKind,
    v: &Variable,
    err: &mut impl FnMut(String, String),
) -> Option<CheckedVariable> {
    let n_errs_before = std::cell::Cell::new(0usize);
    let mut bad = |p: String, m: String| {
        n_errs_before.set(n_errs_before.get() + 1);
        err(p, m);
    };
    if v.bins.is_empty() || v.bins.len() > MAX_BINS {
        bad(format!("{place}.bins"), format!("must have 1 to {MAX_BINS} bins"));
    }
    let mut out = Vec::new();
    let mut ranges: Vec<(usize, Interval)> = Vec::new();
    let (mut missing, mut other) = (None, None);
    let mut listed: Vec<(String, usize)> = Vec::new();
    for (j, b) in v.bins.iter().enumerate() {
        let bp = format!("{place}.bins[{j}]");
        if !points_ok(b.points) {
            bad(
                format!("{bp}.points"),
                "must be between -1000000 and 1000000, ≤ 16 decimals".into(),
            );
        }
        let numeric = kind == FieldKind::Numeric;
        let m = match &b.when {
            BinMatch::Range(t) if numeric => match t.parse::<Interval>() {
                Ok(i) => {
                    ranges.push((j, i));
                    Some(Matcher::Range(i))
                }
                Err(e) => {
                    bad(bp.clone(), e);
                    None
                }
            },
            BinMatch::Special(vals) if numeric => {
                let mut ds = Vec::new();
                for t in vals {
                    match t.trim().parse::<Decimal>() {
                        Ok(d) if !listed.iter().any(|(s, _)| s.parse::<Decimal>() == Ok(d)) => {
                            listed.push((d.to_string(), j));
                            ds.push(d);
                        }
                        Ok(_) => bad(bp.clone(), format!("special value {t} is listed twice")),
                        Err(_) => bad(bp.clone(), format!("special value '{t}' is not a number")),
                    }
                }
                Some(Matcher::Special(ds))
            }
            BinMatch::Values(vals) | BinMatch::Special(vals) => match kind {
                FieldKind::Categorical(ids) => {
                    for t in vals {
                        if !ids.contains(&t.as_str()) {
                            bad(
                                bp.clone(),
                                format!(
                                    "'{t}' is not a value of {} (allowed: {})",
                                    v.field,
                                    ids.join(", ")
                                ),
                            );
                        } else if let Some((_, k)) = listed.iter().find(|(s, _)| s == t) {
                            bad(bp.clone(), format!("'{t}' is also listed in bins[{k}]"));
                        } else {
                            listed.push((t.clone(), j));
                        }
                    }
                    Some(Matcher::Values(vals.clone()))
                }
                FieldKind::Numeric => {
                    bad(bp.clone(), format!("{} is numeric: use range or special bins", v.field));
                    None
                }
            },
            BinMatch::Range(_) => {
                bad(bp.clone(), format!("{} is categorical: use values or special bins", v.field));
                None
            }
            BinMatch::Missing => {
                if let Some(k) = missing.replace(j) {
                    bad(bp.clone(), format!("a second missing bin (bins[{k}] is one)"));
                }
                Some(Matcher::Missing)
            }
            BinMatch::Else => {
                if let Some(k) = other.replace(j) {
                    bad(bp.clone(), format!("a second else bin (bins[{k}] is one)"));
                }
                Some(Matcher::Else)
            }
        };
        if let Some(m) = m {
            out.push((m, b.points));
        }
    }
    match kind {
        FieldKind::Numeric => {
            crate::scorecard::stable_sort(&mut ranges, |a, b| a.1.cmp_lo(&b.1).is_lt());
            for w in ranges.windows(2) {
                let ((ja, a), (jb, b)) = (w[0], w[1]);
                let (lo, hi) = (ja.min(jb), ja.max(jb));
                let (first, second) = if ja < jb { (a, b) } else { (b, a) };
                match a.meets(&b) {
                    Ordering::Greater => bad(
                        format!("{place}.bins[{lo}]"),
                        format!("overlaps bins[{hi}] ({first} and {second})"),
                    ),
                    Ordering::Less => bad(
                        format!("{place}.bins[{lo}]"),
                        format!("leaves a gap before bins[{hi}] ({first} and {second})"),
                    ),
                    Ordering::Equal => {}
                }
            }
            let open_lo = ranges.first().is_some_and(|r| r.1.lo().value.is_none());
            let open_hi = ranges.last().is_some_and(|r| r.1.hi().value.is_none());
            if other.is_none() && !(open_lo && open_hi) {
                bad(
                    format!("{place}.bins"),
                    "ranges must run from -inf to inf (or add an else bin)".into(),
                );
            }
        }
        FieldKind::Categorical(ids) => {
            let left: Vec<&str> =
                ids.iter().copied().filter(|id| !listed.iter().any(|(s, _)| s == id)).collect();
            if other.is_none() && !left.is_empty() {
                bad(
                    format!("{place}.bins"),
                    format!(
                        "values {} fall in no bin (list them or add an else bin)",
                        left.join(", ")
                    ),
                );
            }
        }
    }
    if n_errs_before.get() > 0 {
        return None;
    }
    let best = out.iter().map(|b| b.1).max().unwrap_or_default();
    Some(CheckedVariable { bins: out, best })
}
