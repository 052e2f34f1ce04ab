//! From the inputs as typed to the engine's requests (the loan, each extra offer, the method
//! comparison, the solver), and from the engine's errors back to the fields that show them.
//!
//! One parser, [`Terms`], reads what every request shares (amount, rate, term, fees), so the
//! loan, the offers and the solver accept the same text. The limits are the core's own
//! (`loanlens_core::schedule::MAX_*`); this module only picks the message each field shows.

use super::inputs::{Field, Inputs, Offer, PrepayKind, RateKind};
use super::parse::{
    below_cent, parse_amount, parse_date, parse_per_day, parse_percent, parse_period, parse_term,
    TermUnit,
};
use super::FieldErrors;
use super::{payday, prepays};
use crate::i18n::Key;
use loanlens_core::schedule::{
    MAX_ANNUAL_RATE, MAX_MONTHLY_FEE_RATE, MAX_PENALTY_RATE, MAX_UPFRONT_FEE_RATE,
};
use loanlens_core::schema::{
    CompareRequest, CompareResponse, DayCount, Method, RateChange, Schedule, ScheduleRequest,
    Settlement, SolveKind, SolveRequest, SolveResponse,
};
use loanlens_core::InputError;
use rust_decimal::Decimal;

/// An upfront fee as the engine takes it: (amount in 元, fraction of the principal), both
/// `None` when there is no fee.
type Fee = (Option<Decimal>, Option<Decimal>);

/// `None` for an empty field, else what `f` makes of it.
fn optional<T>(raw: &str, f: impl FnOnce(&str) -> Result<T, Key>) -> Result<Option<T>, Key> {
    if raw.trim().is_empty() {
        Ok(None)
    } else {
        f(raw).map(Some)
    }
}

/// An amount of money that is not the principal: out of range it shows `range_err`.
fn amount(raw: &str, range_err: Key) -> Result<Decimal, Key> {
    parse_amount(raw).map_err(|k| if k == Key::ErrPrincipalRange { range_err } else { k })
}

/// An upfront fee: 元, or a percent of the principal when it ends with `%`.
fn parse_fee(raw: &str) -> Result<Fee, Key> {
    let t = raw.trim();
    if t.is_empty() {
        Ok((None, None))
    } else if t.ends_with('%') || t.ends_with('％') {
        parse_percent(t, MAX_UPFRONT_FEE_RATE, Key::ErrFeeRange).map(|r| (None, Some(r)))
    } else {
        amount(t, Key::ErrFeeRange).map(|a| (Some(a), None))
    }
}

/// A monthly fee, percent of the original principal; empty is none.
fn parse_monthly_fee(raw: &str) -> Result<Option<Decimal>, Key> {
    optional(raw, |s| parse_percent(s, MAX_MONTHLY_FEE_RATE, Key::ErrMonthlyFeeRange))
}

/// The largest flat monthly rate accepted, as a fraction: the whole percent at or below the
/// core's annual limit / 12 (0.83, i.e. 83% a month).
pub fn max_monthly_flat_rate() -> Decimal {
    (MAX_ANNUAL_RATE * Decimal::ONE_HUNDRED / Decimal::from(12)).floor() / Decimal::ONE_HUNDRED
}

/// Days a 日利率 is multiplied by to give the annual rate: 365, the internet lenders'
/// 单利年化 (借呗 shows 0.05% a day as 18.25%), not the bank rule's 360 (docs/calculator.md).
pub const DAYS_PER_YEAR: i64 = 365;

/// The largest 日利率 accepted, as a fraction: 2.73% a day, the 0.01% at or below the core's
/// annual limit / 365 (a unit test checks it against `MAX_ANNUAL_RATE`).
pub const MAX_DAILY_RATE: Decimal = Decimal::from_parts(273, 0, 0, false, 4);

/// A rate as an annual fraction: typed in % per year, as a flat % per month, or as a 日利率.
pub fn parse_rate(kind: RateKind, raw: &str) -> Result<Decimal, Key> {
    match kind {
        // "0.049" typed for 4.9% would be 0.049% a year: no loan is priced there (0 is an
        // interest-free loan), so ask instead of computing a misleading schedule.
        RateKind::Annual => parse_percent(raw, MAX_ANNUAL_RATE, Key::ErrRateRange).and_then(|r| {
            if r > Decimal::ZERO && r < Decimal::new(1, 3) {
                Err(Key::ErrRateTiny)
            } else {
                Ok(r)
            }
        }),
        RateKind::MonthlyFlat => {
            parse_percent(raw, max_monthly_flat_rate(), Key::ErrMonthlyRateRange)
                .map(|r| r * Decimal::from(12))
        }
        RateKind::Daily => parse_per_day(raw, MAX_DAILY_RATE, Key::ErrDailyRateRange)
            .map(|r| r * Decimal::from(DAYS_PER_YEAR)),
    }
}

/// What every request shares, parsed from the text: amount, rate, term and the two fees.
#[derive(Clone, Copy)]
struct Terms {
    principal: Result<Decimal, Key>,
    rate: Result<Decimal, Key>,
    term: Result<u32, Key>,
    fee: Result<Fee, Key>,
    monthly_fee: Result<Option<Decimal>, Key>,
}

impl Terms {
    /// The loan's own terms, as the form above shows them.
    fn of_loan(i: &Inputs) -> Terms {
        Terms {
            principal: parse_amount(&i.principal),
            rate: parse_rate(i.rate_kind, &i.annual_rate),
            term: parse_term(&i.term, i.term_unit),
            fee: parse_fee(&i.upfront_fee),
            monthly_fee: parse_monthly_fee(&i.monthly_fee),
        }
    }

    /// An offer's terms: the loan's amount with the offer's annual rate, months and fees.
    fn of_offer(i: &Inputs, o: &Offer) -> Terms {
        Terms {
            principal: parse_amount(&i.principal),
            rate: parse_rate(o.rate_kind, &o.rate),
            term: parse_term(&o.term, TermUnit::Months),
            fee: parse_fee(&o.fee),
            monthly_fee: parse_monthly_fee(&o.monthly_fee),
        }
    }

    /// Notes each part's error under its field, in the order principal, rate, term, upfront
    /// fee, monthly fee; a part whose field is `None` is not asked for.
    fn check(&self, errs: &mut FieldErrors, fields: [Option<Field>; 5]) {
        let [p, r, n, fee, mfee] = fields;
        let mut push = |f: Option<Field>, e: Option<Key>| {
            if let (Some(f), Some(e)) = (f, e) {
                errs.fields.push((f, e));
            }
        };
        push(p, self.principal.err());
        push(r, self.rate.err());
        push(n, self.term.err());
        push(fee, self.fee.err());
        push(mfee, self.monthly_fee.err());
    }

    /// The schedule request, when every part parsed.
    fn request(&self, method: Method) -> Option<ScheduleRequest> {
        let mut req =
            ScheduleRequest::new(self.principal.ok()?, self.rate.ok()?, self.term.ok()?, method);
        (req.upfront_fee, req.upfront_fee_rate) = self.fee.ok()?;
        req.monthly_fee_rate = self.monthly_fee.ok()?;
        Some(req)
    }
}

/// The loan form's fields, in [`Terms::check`]'s order.
const LOAN_FIELDS: [Option<Field>; 5] = [
    Some(Field::Principal),
    Some(Field::AnnualRate),
    Some(Field::Term),
    Some(Field::UpfrontFee),
    Some(Field::MonthlyFee),
];

/// A prepayment or settlement penalty, percent of the amount prepaid; empty is none.
fn parse_penalty(raw: &str) -> Result<Option<Decimal>, Key> {
    optional(raw, |s| parse_percent(s, MAX_PENALTY_RATE, Key::ErrPenaltyRange))
}

/// Turns the inputs into an engine request, or the field errors to show.
pub fn build_request(i: &Inputs) -> Result<ScheduleRequest, FieldErrors> {
    let mut errs = FieldErrors::default();
    let terms = Terms::of_loan(i);
    terms.check(&mut errs, LOAN_FIELDS);
    let date = optional(&i.start_date, parse_date);
    errs.push(Field::StartDate, date.clone());

    let mut prepayments = Vec::new();
    let mut settlement = None;
    if i.prepay_kind != PrepayKind::None {
        let penalty = parse_penalty(&i.prepay_penalty);
        if i.prepay_kind == PrepayKind::Partial {
            // Below 0.01 says so; above the balance says the balance (the engine's range).
            let amount = |s: &str| {
                let below = |k| if below_cent(s) { Key::ErrAmountMin } else { k };
                amount(s, Key::ErrPrepayAmount).map_err(below)
            };
            prepayments = prepays::parse_rows(i, penalty.unwrap_or_default(), amount, &mut errs);
        } else {
            let period = parse_period(&i.prepay_period);
            errs.push(Field::PrepayPeriod, period);
            if let (Ok(period), Ok(penalty_rate)) = (period, penalty) {
                settlement = Some(Settlement { period, penalty_rate });
            }
        }
        errs.push(Field::PrepayPenalty, penalty);
    }
    let mut rate_changes = Vec::new();
    if !(i.rc_period.trim().is_empty() && i.rc_rate.trim().is_empty()) {
        let period = parse_period(&i.rc_period);
        let rate = parse_rate(RateKind::Annual, &i.rc_rate);
        errs.push(Field::RateChangePeriod, period);
        errs.push(Field::RateChangeRate, rate);
        if let (Ok(from_period), Ok(annual_rate)) = (period, rate) {
            rate_changes.push(RateChange { from_period, annual_rate });
        }
    }
    let req = terms.request(i.effective_method()).filter(|_| !errs.any());
    let (Some(mut req), Ok(date)) = (req, date) else { return Err(errs) };
    // 每月还款日 (`payday`): the first payment date the core takes; a 日利率 accrues an odd first
    // period by actual days / 365, so it charges exactly the quoted rate per day.
    let disbursed = date.as_deref().and_then(|d| loanlens_core::dates::Date::parse(d).ok());
    if let (Some(d), Some(day)) = (disbursed, payday::parse_pay_day(&i.pay_day)) {
        req.first_payment_date = Some(payday::first_payment_date(d, day).to_string());
    }
    if i.rate_kind == RateKind::Daily && date.is_some() {
        req.day_count = Some(DayCount::Act365);
    }
    req.disbursement_date = date;
    req.prepayments = prepayments;
    req.settlement = settlement;
    req.rate_changes = rate_changes;
    Ok(req)
}

/// Maps an engine error to the field it concerns, with a message in the person's language.
pub fn engine_errors(e: InputError) -> FieldErrors {
    let f = e.field.as_str();
    let tail = f.rsplit('.').next().unwrap_or(f);
    let hit = match f {
        "principal" => Some((Field::Principal, Key::ErrPrincipalRange)),
        "annual_rate" => Some((Field::AnnualRate, Key::ErrRateRange)),
        "term_months" => Some((Field::Term, Key::ErrTermRange)),
        "upfront_fee" | "upfront_fee_rate" => Some((Field::UpfrontFee, Key::ErrFeeRange)),
        "monthly_fee_rate" => Some((Field::MonthlyFee, Key::ErrMonthlyFeeRange)),
        "disbursement_date" | "first_payment_date" => Some((Field::StartDate, Key::ErrDate)),
        "payment" => Some((Field::SolvePayment, Key::ErrSolveNoAnswer)),
        // `prepayments[n]` is row n of the simulator (`prepays`).
        _ if f.starts_with("prepayments") || f.starts_with("settlement") => match tail {
            "amount" => Some((prepays::amount_field(prepays::row_of(f)), Key::ErrPrepayAmount)),
            "penalty_rate" => Some((Field::PrepayPenalty, Key::ErrPenaltyRange)),
            _ => Some((prepays::period_field(prepays::row_of(f)), Key::ErrPrepayPeriod)),
        },
        _ if f.starts_with("rate_changes") => match tail {
            "annual_rate" => Some((Field::RateChangeRate, Key::ErrRateRange)),
            _ => Some((Field::RateChangePeriod, Key::ErrPrepayPeriod)),
        },
        _ => None,
    };
    match hit {
        Some(h) => {
            let range = (e.min.is_some() || e.max.is_some()).then_some((h.0, e.min, e.max));
            FieldErrors { fields: vec![h], other: None, range }
        }
        None => FieldErrors { other: Some(e.to_string()), ..FieldErrors::default() },
    }
}

/// The same loan under all five methods (for the comparison panel), without its prepayment,
/// settlement and rate change: the panel compares the methods themselves.
pub fn compare_methods(req: &ScheduleRequest) -> Result<CompareResponse, InputError> {
    let plain = ScheduleRequest {
        prepayments: Vec::new(),
        settlement: None,
        rate_changes: Vec::new(),
        ..req.clone()
    };
    loanlens_core::compare(&CompareRequest::from_schedule(plain))
}

/// The request of extra offer `n`: the current amount with the offer's own rate, term, method
/// and fees.
pub fn offer_request(i: &Inputs, n: usize) -> Result<ScheduleRequest, FieldErrors> {
    let mut errs = FieldErrors::default();
    let Some(o) = i.offers.get(n) else { return Err(errs) };
    let terms = Terms::of_offer(i, o);
    terms.check(
        &mut errs,
        [
            Some(Field::Principal),
            Some(Field::OfferRate(n)),
            Some(Field::OfferTerm(n)),
            Some(Field::OfferFee(n)),
            Some(Field::OfferMonthlyFee(n)),
        ],
    );
    // A 月费率 is charged on the original principal every month: a flat-rate loan.
    let method = if o.rate_kind == RateKind::MonthlyFlat { Method::FlatRate } else { o.method };
    terms.request(method).ok_or(errs)
}

/// Offer `n` computed, or the errors to show in its column.
pub fn offer_schedule(i: &Inputs, n: usize) -> Result<Schedule, FieldErrors> {
    let req = offer_request(i, n)?;
    loanlens_core::schedule(&req).map_err(|e| {
        let mut errs = engine_errors(e);
        for (f, _) in errs.fields.iter_mut() {
            *f = match *f {
                Field::AnnualRate => Field::OfferRate(n),
                Field::Term => Field::OfferTerm(n),
                Field::UpfrontFee => Field::OfferFee(n),
                Field::MonthlyFee => Field::OfferMonthlyFee(n),
                other => other,
            };
        }
        errs
    })
}

/// The solver's request from the inputs: the budget or offered payment plus the loan fields the
/// chosen kind does not solve for. `None` while no payment is entered.
pub fn solve_request(i: &Inputs) -> Option<Result<SolveRequest, FieldErrors>> {
    if i.solve_payment.trim().is_empty() {
        return None;
    }
    let mut errs = FieldErrors::default();
    let pay = amount(&i.solve_payment, Key::ErrSolveNoAnswer);
    errs.push(Field::SolvePayment, pay);
    let kind = i.solve_kind;
    // The field the kind solves for is neither read nor sent.
    let given = |f: Field, solved: SolveKind| (kind != solved).then_some(f);
    let terms = Terms::of_loan(i);
    terms.check(
        &mut errs,
        [
            given(Field::Principal, SolveKind::MaxPrincipal),
            given(Field::AnnualRate, SolveKind::ImpliedRate),
            given(Field::Term, SolveKind::MinTerm),
            Some(Field::UpfrontFee),
            Some(Field::MonthlyFee),
        ],
    );
    if errs.any() {
        return Some(Err(errs));
    }
    // The implied rate is the true rate of an equal-installment loan with that payment, whatever
    // the offer calls its method: that is what makes a flat offer's real cost visible.
    let method = if kind == SolveKind::ImpliedRate {
        Method::EqualInstallment
    } else {
        i.effective_method()
    };
    let mut req = SolveRequest::new(kind, pay.ok()?);
    req.principal = terms.principal.ok().filter(|_| kind != SolveKind::MaxPrincipal);
    req.annual_rate = terms.rate.ok().filter(|_| kind != SolveKind::ImpliedRate);
    req.term_months = terms.term.ok().filter(|_| kind != SolveKind::MinTerm);
    req.method = Some(method);
    (req.upfront_fee, req.upfront_fee_rate) = terms.fee.unwrap_or_default();
    req.monthly_fee_rate = terms.monthly_fee.unwrap_or_default();
    Some(Ok(req))
}

/// Solves `req`. An engine objection to a loan field goes to that field, which the form shows
/// with the same message (the solver then shows no answer rather than a wrong reason); anything
/// else means this payment has no answer.
fn solve(req: &SolveRequest) -> Result<SolveResponse, FieldErrors> {
    loanlens_core::solve(req).map_err(|e| {
        let errs = engine_errors(e);
        if errs.other.is_some() {
            FieldErrors {
                fields: vec![(Field::SolvePayment, Key::ErrSolveNoAnswer)],
                ..FieldErrors::default()
            }
        } else {
            errs
        }
    })
}

/// The solver's answer to `question` (what [`solve_request`] made of the inputs): the engine's
/// answer or the errors to show; `None` while no payment is entered. Taking the question rather
/// than the inputs lets the Solver solve only when the question changes.
pub fn run_solver(
    question: &Option<Result<SolveRequest, FieldErrors>>,
) -> Option<Result<SolveResponse, FieldErrors>> {
    Some(match question.as_ref()? {
        Ok(req) => solve(req),
        Err(errs) => Err(errs.clone()),
    })
}

#[cfg(test)]
mod tests;
