//! Solvers: the largest principal for a budget, the shortest term for a payment, and the
//! annual rate implied by an offer. Every answer is verified by recomputing its schedule with
//! [`crate::schedule()`], and the neighbouring value (one cent more, one period less, one rate
//! step either side) is checked to fail, so each solver inverts the schedule exactly.

use crate::error::InputError;
use crate::money::{money, to_cents, to_rate_units};
use crate::schedule::{schedule, MAX_ANNUAL_RATE, MAX_PRINCIPAL, MAX_TERM_MONTHS};
use crate::schema::{
    loan_fields, Method, Schedule, ScheduleRequest, SolveKind, SolveRequest, SolveResponse,
    SCHEMA_VERSION,
};
use rust_decimal::Decimal;

/// Rates are searched in steps of 10⁻¹⁰.
const RATE_DP: u32 = 10;

/// The payment a budget or an offer is about (the *regular payment*): the largest payment
/// before the last one, or the last payment of a bullet or one-period loan. (The last payment of
/// an amortising loan only differs by the rounding residue; an interest-only loan's last payment
/// is the balloon.)
///
/// ```
/// use loanlens_core::schema::{Method, ScheduleRequest};
/// use loanlens_core::solve::regular_payment;
/// let req = ScheduleRequest::new(1000.into(), 0.into(), 3, Method::EqualInstallment);
/// let s = loanlens_core::schedule(&req).unwrap();
/// assert_eq!(regular_payment(&s).to_string(), "333.33"); // the last payment is 333.34
/// ```
pub fn regular_payment(s: &Schedule) -> Decimal {
    match s.rows.split_last() {
        Some((last, rest)) if s.method == Method::Bullet || rest.is_empty() => last.payment,
        Some((_, rest)) => rest.iter().map(|r| r.payment).max().unwrap_or_default(),
        None => Decimal::ZERO,
    }
}

fn absent<T>(field: &str, value: &Option<T>, kind: &str) -> Result<(), InputError> {
    if value.is_some() {
        return Err(InputError::new(
            field,
            format!("must be absent when solve is {kind}: it is the answer"),
        ));
    }
    Ok(())
}

fn required<T: Copy>(field: &str, value: Option<T>, kind: &str) -> Result<T, InputError> {
    value.ok_or_else(|| InputError::new(field, format!("is required when solve is {kind}")))
}

/// Solves a request; see [`SolveRequest`] for which fields each kind needs.
///
/// ```
/// use loanlens_core::schema::from_json;
/// // "Borrow 10,000, pay 950 a month for 12 months" really costs about 24.5% a year.
/// let req = from_json(r#"{"solve":"implied_rate","principal":"10000.00","payment":"950.00","term_months":12}"#).unwrap();
/// let s = loanlens_core::solve(&req).unwrap();
/// assert_eq!(s.schedule.first_payment.to_string(), "950.00");
/// assert!(s.annual_rate > "0.24".parse().unwrap() && s.annual_rate < "0.25".parse().unwrap());
/// ```
pub fn solve(req: &SolveRequest) -> Result<SolveResponse, InputError> {
    if req.payment <= Decimal::ZERO
        || req.payment > MAX_PRINCIPAL * Decimal::TEN
        || req.payment.normalize().scale() > 2
    {
        return Err(InputError::new(
            "payment",
            "must be between 0.01 and 10000000000000.00 CNY with at most 2 decimals",
        ));
    }
    let method = req.method.unwrap_or(Method::EqualInstallment);
    let base = |principal: Decimal, annual_rate: Decimal, term_months: u32| {
        loan_fields!(@literal ScheduleRequest {
            principal, annual_rate, term_months, method,
        } [copy(req) fees default events])
    };
    // The payments do not depend on the upfront fee (it only lowers the amount received), so
    // the searches probe without it: a probe far from the answer (say at 1000%) must not fail
    // on the fee's APR limit. The answer itself is always computed with the fee.
    let probe = |principal: Decimal, rate: Decimal, term: u32| {
        let mut r = base(principal, rate, term);
        (r.upfront_fee, r.upfront_fee_rate) = (None, None);
        schedule(&r).map(|s| regular_payment(&s))
    };
    let (principal, rate, term, s) = match req.solve {
        SolveKind::MaxPrincipal => {
            let kind = "max_principal";
            absent("principal", &req.principal, kind)?;
            let rate = required("annual_rate", req.annual_rate, kind)?;
            let term = required("term_months", req.term_months, kind)?;
            let (p, s) = max_principal(
                req.payment,
                |p| schedule(&base(p, rate, term)),
                |p| probe(p, rate, term),
            )?;
            (p, rate, term, s)
        }
        SolveKind::MinTerm => {
            let kind = "min_term";
            absent("term_months", &req.term_months, kind)?;
            let principal = required("principal", req.principal, kind)?;
            let rate = required("annual_rate", req.annual_rate, kind)?;
            let step = req.payment_frequency.unwrap_or_default().months();
            let (n, s) = min_term(
                req.payment,
                method,
                step,
                |n| schedule(&base(principal, rate, n)),
                |n| probe(principal, rate, n),
            )?;
            (principal, rate, n, s)
        }
        SolveKind::ImpliedRate => {
            let kind = "implied_rate";
            absent("annual_rate", &req.annual_rate, kind)?;
            let principal = required("principal", req.principal, kind)?;
            let term = required("term_months", req.term_months, kind)?;
            let (r, s) = implied_rate(
                req.payment,
                |r| schedule(&base(principal, r, term)),
                |r| probe(principal, r, term),
            )?;
            (principal, r, term, s)
        }
    };
    let payment = regular_payment(&s);
    Ok(SolveResponse {
        schema_version: SCHEMA_VERSION,
        solve: req.solve,
        principal,
        annual_rate: rate,
        term_months: term,
        payment,
        schedule: s,
    })
}

/// Largest principal (in cents) whose regular payment is ≤ `budget`. `run` computes the full
/// schedule, `pay` only the regular payment (see `probe` in [`solve`]).
fn max_principal(
    budget: Decimal,
    run: impl Fn(Decimal) -> Result<Schedule, InputError>,
    pay: impl Fn(Decimal) -> Result<Decimal, InputError>,
) -> Result<(Decimal, Schedule), InputError> {
    let fits = |cents: i128| pay(money(cents)).map(|p| p <= budget);
    // The smallest principal the other inputs allow (an upfront fee amount must stay below it).
    let mut lo: i128 = 1;
    let first = loop {
        match run(money(lo)) {
            Ok(s) => break s,
            Err(e) if e.field == "upfront_fee" && lo < 1 << 50 => lo *= 2,
            Err(e) => return Err(e),
        }
    };
    if regular_payment(&first) > budget {
        return Err(InputError::new(
            "payment",
            format!(
                "must be at least {} for these terms (the regular payment on {} borrowed)",
                regular_payment(&first),
                money(lo)
            ),
        )
        .with_range(Some(regular_payment(&first)), None));
    }
    let mut hi = to_cents(MAX_PRINCIPAL);
    let at_max = pay(money(hi))?;
    if at_max <= budget {
        lo = hi;
    } else {
        // Invariant: fits(lo), !fits(hi). The regular payment is the principal times a factor
        // of the other terms, up to cent rounding, so `budget / factor` (the factor read at the
        // largest principal, where rounding weighs least) lands within cents of the answer.
        // Gallop from there to a bracket (steps of 1, 2, 4, … cents), then bisect it: a handful
        // of probes instead of ~47 over the whole range, and the same answer, since fits()
        // holds below the answer and fails above it.
        let guess = (to_cents(budget) * hi / to_cents(at_max)).clamp(lo, hi);
        let mut step = 1;
        if fits(guess)? {
            lo = guess;
            while hi - lo > step && fits(lo + step)? {
                lo += step;
                step *= 2;
            }
            hi = hi.min(lo + step);
        } else {
            hi = guess;
            while hi - lo > step && !fits(hi - step)? {
                hi -= step;
                step *= 2;
            }
            lo = lo.max(hi - step);
        }
        while hi - lo > 1 {
            let mid = lo + (hi - lo) / 2;
            if fits(mid)? {
                lo = mid;
            } else {
                hi = mid;
            }
        }
    }
    let s = run(money(lo))?;
    if regular_payment(&s) > budget {
        return Err(InputError::new("payment", "no principal fits this budget exactly"));
    }
    Ok((money(lo), s))
}

/// Shortest term (months, a multiple of `step`) whose regular payment is ≤ `budget`. `run`
/// computes the full schedule, `pay` only the regular payment.
fn min_term(
    budget: Decimal,
    method: Method,
    step: u32,
    run: impl Fn(u32) -> Result<Schedule, InputError>,
    pay: impl Fn(u32) -> Result<Decimal, InputError>,
) -> Result<(u32, Schedule), InputError> {
    let fits = |n: u32| pay(n).map(|p| p <= budget);
    let shortest = pay(step)?;
    if shortest <= budget {
        return Ok((step, run(step)?));
    }
    let amortises =
        matches!(method, Method::EqualInstallment | Method::EqualPrincipal | Method::FlatRate);
    if method == Method::InterestOnly {
        // With two or more periods the regular payment is the interest, the same for any term.
        if pay(2 * step)? <= budget {
            return Ok((2 * step, run(2 * step)?));
        }
    }
    let longest_n = MAX_TERM_MONTHS / step * step;
    let longest = pay(longest_n)?;
    if !amortises || longest > budget {
        let best = if amortises { longest } else { shortest };
        return Err(InputError::new(
            "payment",
            format!(
                "must be at least {} for these terms (the regular payment over {} months)",
                best,
                if amortises { longest_n } else { step }
            ),
        )
        .with_range(Some(best), None));
    }
    // The regular payment falls as the term grows: bisect on periods with !fits(lo), fits(hi).
    let (mut lo, mut hi) = (1, longest_n / step);
    while hi - lo > 1 {
        let mid = lo + (hi - lo) / 2;
        if fits(mid * step)? {
            hi = mid;
        } else {
            lo = mid;
        }
    }
    Ok((hi * step, run(hi * step)?))
}

/// The simplest annual rate (fewest decimals, at most 10) whose schedule's regular payment is
/// exactly `payment`. `run` computes the full schedule, `pay_at` only the regular payment.
fn implied_rate(
    payment: Decimal,
    run: impl Fn(Decimal) -> Result<Schedule, InputError>,
    pay_at: impl Fn(Decimal) -> Result<Decimal, InputError>,
) -> Result<(Decimal, Schedule), InputError> {
    let rate = |u: i128| Decimal::from_i128_with_scale(u, RATE_DP);
    let pay = |u: i128| pay_at(rate(u));
    let top = to_rate_units(MAX_ANNUAL_RATE) / 100;
    let (at_zero, at_top) = (pay(0)?, pay(top)?);
    if payment < at_zero || payment > at_top {
        return Err(InputError::new(
            "payment",
            format!(
                "must be between {at_zero} (the payment at 0%) and {at_top} (the payment at 1000%)"
            ),
        )
        .with_range(Some(at_zero), Some(at_top)));
    }
    // Smallest u with pay(u) ≥ target, and smallest u with pay(u) > target.
    let first_at_least = |strict: bool| -> Result<i128, InputError> {
        let ok = |p: Decimal| if strict { p > payment } else { p >= payment };
        if ok(at_zero) {
            return Ok(0);
        }
        let (mut lo, mut hi) = (0i128, top + 1);
        while hi - lo > 1 {
            let mid = lo + (hi - lo) / 2;
            if ok(pay(mid)?) {
                hi = mid;
            } else {
                lo = mid;
            }
        }
        Ok(hi)
    };
    let lo = first_at_least(false)?;
    let hi = first_at_least(true)? - 1;
    if lo > hi {
        let below = if lo > 0 { pay(lo - 1)? } else { at_zero };
        return Err(InputError::new(
            "payment",
            format!(
                "no annual rate gives exactly {payment}: the nearest payments are {below} and {}",
                pay(lo)?
            ),
        ));
    }
    let mid = rate(lo + (hi - lo) / 2);
    let chosen = (0..=RATE_DP)
        .map(|dp| crate::money::round_rate(mid, dp))
        .find(|r| *r >= rate(lo) && *r <= rate(hi))
        .unwrap_or(mid)
        .normalize();
    let s = run(chosen)?;
    if regular_payment(&s) != payment {
        return Err(InputError::new("payment", "no annual rate reproduces this payment exactly"));
    }
    Ok((chosen, s))
}
