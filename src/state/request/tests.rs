//! Host tests of the requests built from the inputs: each checks a figure or the field an error
//! is shown under, through the reducer where a person would get there by typing.

use super::*;
use crate::state::inputs::MAX_EXTRA_OFFERS;
use crate::state::tests::{act, dec, with};
use crate::state::{CalcAction, CalcState};
use loanlens_core::schema::PrepaymentMode;
use std::rc::Rc;

#[test]
fn rate_is_entered_in_percent() {
    let mut i = Inputs::default();
    (i.principal, i.annual_rate, i.term, i.method) =
        ("100000".into(), "12".into(), "12".into(), Method::FlatRate);
    assert_eq!(build_request(&i).unwrap().annual_rate, Decimal::new(12, 2));
}

#[test]
fn upfront_fee_matches_the_pboc_example() {
    // The spec's check: 100,000, fee 1,000, 12 payments of 8,833.33 → 12.80% / 13.58%.
    let s = with(|i| {
        i.principal = "100000".into();
        i.rate_kind = RateKind::MonthlyFlat;
        i.annual_rate = "0.5".into();
        i.term = "1年".into();
        i.upfront_fee = "1000".into();
    });
    let r = s.result.unwrap();
    assert_eq!(r.amount_received, dec("99000.00"));
    assert_eq!(crate::format::percent(r.apr.nominal), "12.80%");
    assert_eq!(crate::format::percent(r.apr.effective), "13.58%");
    let pct = with(|i| {
        i.principal = "100000".into();
        i.upfront_fee = "1%".into();
    });
    assert_eq!(pct.result.unwrap().amount_received, dec("99000.00"));
}

#[test]
fn a_start_date_puts_dates_in_the_schedule() {
    let s = with(|i| i.start_date = "2025-01-31".into());
    let r = s.result.unwrap();
    assert_eq!(r.rows[0].date.as_deref(), Some("2025-02-28"));
    assert_eq!(r.rows[1].date.as_deref(), Some("2025-03-31"));
    assert_eq!(r.rows[359].date.as_deref(), Some("2055-01-31"));
}

#[test]
fn a_prepayment_reports_interest_saved() {
    // 1,000,000 at 4.9% over 360 months; 200,000 prepaid after period 12, shorten term.
    let s = with(|i| {
        i.prepay_kind = PrepayKind::Partial;
        i.prepay_period = "12".into();
        i.prepay_amount = "20万".into();
    });
    assert_eq!(s.errors, FieldErrors::default());
    let r = s.result.unwrap();
    let pp = r.prepayment.as_ref().unwrap();
    assert!(pp.interest_saved > Decimal::ZERO);
    assert!(pp.periods < 360);
    assert_eq!(r.rows.last().unwrap().balance, Decimal::ZERO);
}

#[test]
fn a_prepayment_saves_the_amount_computed_by_hand() {
    // 120,000 at 6% over 12 months: A = 10,327.97. 30,000 prepaid after payment 6, keeping
    // the payment (shorten term): recomputed independently with Python's Decimal, half-up
    // per period, the loan ends after 10 payments and Σ interest falls 3,935.66 → 3,177.26,
    // a saving of 758.40.
    let s = with(|i| {
        i.principal = "120000".into();
        i.annual_rate = "6".into();
        i.term = "12".into();
        i.prepay_kind = PrepayKind::Partial;
        i.prepay_period = "6".into();
        i.prepay_amount = "3万".into();
    });
    let r = s.result.unwrap();
    let pp = r.prepayment.as_ref().unwrap();
    assert_eq!(pp.original_total_interest, dec("3935.66"));
    assert_eq!(pp.interest_saved, dec("758.40"));
    assert_eq!(pp.periods, 10);
}

#[test]
fn prepayment_errors_are_on_their_fields() {
    let s = with(|i| {
        i.prepay_kind = PrepayKind::Partial;
        i.prepay_period = "360".into();
        i.prepay_amount = "1000".into();
    });
    assert_eq!(s.error(Field::PrepayPeriod), Some(Key::ErrPrepayPeriod));
    let s = with(|i| {
        i.prepay_kind = PrepayKind::Partial;
        i.prepay_period = "12".into();
        i.prepay_amount = "2000万".into();
    });
    assert_eq!(s.error(Field::PrepayAmount), Some(Key::ErrPrepayAmount));
    // Issue 14, defect 8: the page says the most that can be prepaid (the balance after the
    // 12th payment of the default mortgage: 984,978.39 by a hand loop of half-up interest).
    let (lo, hi) = s.errors.range(Field::PrepayAmount).unwrap();
    assert_eq!((lo, hi.unwrap().to_string()), (Some(dec("0.01")), "984978.39".to_string()));
    let s = with(|i| {
        i.prepay_kind = PrepayKind::Full;
        i.prepay_period = "x".into();
    });
    assert_eq!(s.error(Field::PrepayPeriod), Some(Key::ErrNotNumber));
}

#[test]
fn a_rate_reset_changes_later_payments() {
    let s = with(|i| {
        i.rc_period = "13".into();
        i.rc_rate = "3.5".into();
    });
    let r = s.result.unwrap();
    assert_eq!(r.rows[0].payment, dec("5307.27"));
    assert!(r.rows[12].payment < r.rows[0].payment);
    let half = with(|i| i.rc_period = "13".into());
    assert_eq!(half.error(Field::RateChangeRate), Some(Key::ErrEmpty));
}

#[test]
fn offers_are_computed_on_the_same_amount() {
    let s = act(Rc::new(CalcState::default()), CalcAction::AddOffer);
    let s = act(s, CalcAction::Set(Field::OfferRate(0), "4.2".into()));
    let o = offer_schedule(&s.inputs, 0).unwrap();
    assert_eq!(o.rows.len(), 360);
    assert!(o.first_payment < dec("5307.27"));
    let s = act(s, CalcAction::AddOffer);
    let s = act(s, CalcAction::AddOffer);
    assert_eq!(s.inputs.offers.len(), MAX_EXTRA_OFFERS);
    let s = act(s, CalcAction::Set(Field::OfferTerm(1), "0".into()));
    assert_eq!(
        offer_schedule(&s.inputs, 1).unwrap_err().get(Field::OfferTerm(1)),
        Some(Key::ErrTermRange)
    );
    let s = act(s, CalcAction::RemoveOffer(0));
    assert_eq!(s.inputs.offers.len(), 1);
}

#[test]
fn an_offer_quoted_as_a_monthly_fee_rate_is_read_as_one() {
    // Issue 14, defect 3: in 月费率 mode a rival's "0.45" was read as 0.45% a year (APR 0.83%).
    // 100,000 over 12 months at 0.45% a month flat: interest 450/month, payment 8,783.33; APR by
    // a bisection of 100,000 = 8,783.33 × annuity(r, 12), r × 12 = 9.82%.
    let s = with(|i| {
        i.principal = "100000".into();
        i.term = "12".into();
    });
    let s = act(Rc::new(s), CalcAction::SetRateKind(RateKind::MonthlyFlat));
    let s = act(s, CalcAction::AddOffer);
    assert_eq!(s.inputs.offers[0].rate_kind, RateKind::MonthlyFlat, "takes the page's mode");
    let s = act(s, CalcAction::Set(Field::OfferRate(0), "0.45".into()));
    let o = offer_schedule(&s.inputs, 0).unwrap();
    assert_eq!(o.method, Method::FlatRate);
    assert_eq!(o.first_payment, dec("8783.33"));
    assert_eq!(crate::format::percent(o.apr.nominal), "9.82%");
    // The same offer switched to 年利率 is 0.45% a year, and says so by its own label.
    let s = act(s, CalcAction::SetOfferRateKind(0, RateKind::Annual));
    assert!(offer_schedule(&s.inputs, 0).unwrap().apr.nominal < dec("0.01"));
    // The kind survives a shared link.
    let s = act(s, CalcAction::SetOfferRateKind(0, RateKind::MonthlyFlat));
    let back = crate::state::query::from_query(&crate::state::query::to_query(&s.inputs)).unwrap();
    assert_eq!(back.offers[0].rate_kind, RateKind::MonthlyFlat);
}

#[test]
fn all_methods_compare_side_by_side() {
    let req = CalcState::default().request.unwrap();
    let c = compare_methods(&req).unwrap();
    assert_eq!(c.results.len(), 5);
    assert_eq!(c.results[0].first_payment, dec("5307.27"));
    assert_eq!(c.least_interest, Method::EqualPrincipal);
}

#[test]
fn solver_answers_the_three_questions() {
    // Borrow for 5,307.27 a month at 4.9% over 30 years: 1,000,000 (the default mortgage).
    let mut i = Inputs { solve_payment: "5307.27".into(), ..Inputs::default() };
    let s = run_solver(&solve_request(&i)).unwrap().unwrap();
    assert_eq!(s.principal, dec("1000001.46"));
    i.solve_kind = SolveKind::MinTerm;
    i.solve_payment = "6544.44".into();
    assert_eq!(run_solver(&solve_request(&i)).unwrap().unwrap().term_months, 240);
    // A flat offer: 100,000 over 12 months at 8,833.33 → implied 10.90%, ≈1.8 × 6%.
    i.solve_kind = SolveKind::ImpliedRate;
    i.principal = "100000".into();
    i.term = "12".into();
    i.solve_payment = "8833.33".into();
    let s = run_solver(&solve_request(&i)).unwrap().unwrap();
    assert_eq!(crate::format::percent(s.schedule.apr.nominal), "10.90%");
    i.solve_payment = "1".into();
    let e = run_solver(&solve_request(&i)).unwrap().unwrap_err();
    assert_eq!(e.get(Field::SolvePayment), Some(Key::ErrSolveNoAnswer));
    // Issue 14, defect 14: the limits the engine knows travel with the error: the payment at
    // 0% (100,000 / 12) and at 1000%.
    let (lo, hi) = e.range(Field::SolvePayment).unwrap();
    assert_eq!(lo, Some(dec("8333.33")));
    assert!(hi.unwrap() > dec("80000"), "{hi:?}");
    // Too small a budget for any term of the default mortgage: at least the 600-month payment.
    i = Inputs {
        solve_kind: SolveKind::MinTerm,
        solve_payment: "4000".into(),
        ..Inputs::default()
    };
    let e = run_solver(&solve_request(&i)).unwrap().unwrap_err();
    assert_eq!(e.range(Field::SolvePayment), Some((Some(dec("4471.09")), None)));
    i.solve_payment = String::new();
    assert!(run_solver(&solve_request(&i)).is_none());
}

#[test]
fn a_loan_field_the_solver_cannot_use_is_shown_where_the_form_shows_it() {
    // A fee as large as the loan: the engine rejects the fee, so the solver has no answer. The
    // form above already says why under the fee; the solver must name the same field and the
    // same message instead of blaming the payment ("no answer for this payment").
    let i = Inputs {
        principal: "1000".into(),
        upfront_fee: "2000".into(),
        solve_kind: SolveKind::MinTerm,
        solve_payment: "100".into(),
        ..Inputs::default()
    };
    let form = CalcState::from_inputs(i.clone());
    assert_eq!(form.error(Field::UpfrontFee), Some(Key::ErrFeeRange));
    let e = run_solver(&solve_request(&i)).unwrap().unwrap_err();
    assert_eq!(e.fields, vec![(Field::UpfrontFee, Key::ErrFeeRange)]);
    assert_eq!(e.get(Field::SolvePayment), None);
}

#[test]
fn range_messages_state_the_cores_limits() {
    use crate::i18n::{t, Lang};
    use loanlens_core::schedule::{
        MAX_ANNUAL_RATE, MAX_MONTHLY_FEE_RATE, MAX_PENALTY_RATE, MAX_PRINCIPAL, MAX_TERM_MONTHS,
        MAX_UPFRONT_FEE_RATE,
    };
    let pct = |fraction: Decimal| format!("{}%", (fraction * Decimal::ONE_HUNDRED).normalize());
    for (key, limit) in [
        (Key::ErrPrincipalRange, crate::format::group_thousands(&MAX_PRINCIPAL.to_string())),
        (Key::ErrRateRange, pct(MAX_ANNUAL_RATE)),
        (Key::ErrMonthlyRateRange, pct(max_monthly_flat_rate())),
        (Key::ErrTermRange, MAX_TERM_MONTHS.to_string()),
        (Key::ErrPeriod, MAX_TERM_MONTHS.to_string()),
        (Key::ErrFeeRange, pct(MAX_UPFRONT_FEE_RATE)),
        (Key::ErrMonthlyFeeRange, pct(MAX_MONTHLY_FEE_RATE)),
        (Key::ErrPenaltyRange, pct(MAX_PENALTY_RATE)),
    ] {
        for lang in [Lang::Zh, Lang::En] {
            assert!(t(lang, key).contains(&limit), "{lang:?} {key:?} should state {limit}");
        }
    }
    // And the parsers take exactly those limits: the largest accepted, one step more refused.
    let i = |rate: &str| Inputs { annual_rate: rate.into(), ..Inputs::default() };
    assert!(build_request(&i("1000")).is_ok());
    assert_eq!(
        build_request(&i("1000.01")).unwrap_err().get(Field::AnnualRate),
        Some(Key::ErrRateRange)
    );
    let flat = |rate: &str| parse_rate(RateKind::MonthlyFlat, rate);
    assert_eq!(flat("83"), Ok(dec("9.96")));
    assert_eq!(flat("83.01"), Err(Key::ErrMonthlyRateRange));
    assert_eq!(parse_fee("50%"), Ok((None, Some(dec("0.5")))));
    assert_eq!(parse_fee("50.1%"), Err(Key::ErrFeeRange));
    assert_eq!(parse_monthly_fee("10"), Ok(Some(dec("0.1"))));
    assert_eq!(parse_monthly_fee("10.01"), Err(Key::ErrMonthlyFeeRange));
    assert_eq!(parse_penalty("10"), Ok(Some(dec("0.1"))));
    assert_eq!(parse_penalty("10.01"), Err(Key::ErrPenaltyRange));
}

#[test]
fn each_prepayment_mode_reports_what_it_changes() {
    // Issue 14, defect 8. 100,000 prepaid after payment 12 of the default mortgage (balance
    // 984,978.39 → 884,978.39, 348 payments left). Hand computation (Python Decimal):
    // reduce payment → 884,978.39 · r / (1 − (1+r)^−348) = 4,768.45 (r = 4.9%/12);
    // shorten term → 281 more payments of 5,307.27 (half-up interest each month), 293 in all,
    // 67 fewer than 360.
    let reduce = with(|i| {
        i.prepay_kind = PrepayKind::Partial;
        i.prepay_period = "12".into();
        i.prepay_amount = "100000".into();
        i.prepay_mode = PrepaymentMode::ReducePayment;
    });
    let s = reduce.result.unwrap();
    assert_eq!(s.rows[12].payment, dec("4768.45"));
    let shorten = with(|i| {
        i.prepay_kind = PrepayKind::Partial;
        i.prepay_period = "12".into();
        i.prepay_amount = "100000".into();
        i.prepay_mode = PrepaymentMode::ShortenTerm;
    });
    let pp = shorten.result.unwrap().prepayment.clone().unwrap();
    assert_eq!((pp.original_periods, pp.periods), (360, 293));
    // 先息后本 cannot shorten: the mode sent is always "reduce payment" (the interest falls).
    let io = Inputs {
        method: Method::InterestOnly,
        prepay_mode: PrepaymentMode::ShortenTerm,
        ..Inputs::default()
    };
    assert!(!io.can_shorten());
    assert_eq!(io.prepay_mode_used(), PrepaymentMode::ReducePayment);
    assert!(Inputs::default().can_shorten());
}
