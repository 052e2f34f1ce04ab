//! The calculator reducer's tests (a module of `state.rs`).

use super::*;
use std::str::FromStr;

// Shared with the other host tests of `state` (e.g. `request/tests.rs`).

/// `s` after the person does `a`.
pub(crate) fn act(s: Rc<CalcState>, a: CalcAction) -> Rc<CalcState> {
    s.reduce(a)
}

pub(crate) fn dec(s: &str) -> Decimal {
    Decimal::from_str(s).unwrap()
}

/// The state of the default inputs changed by `f`.
pub(crate) fn with(f: impl FnOnce(&mut Inputs)) -> CalcState {
    let mut i = Inputs::default();
    f(&mut i);
    CalcState::from_inputs(i)
}

#[test]
fn default_state_shows_the_mortgage_payment() {
    let s = CalcState::default();
    assert_eq!(s.result.unwrap().first_payment.to_string(), "5307.27");
}

#[test]
fn typing_a_new_term_recomputes() {
    let s = act(Rc::new(CalcState::default()), CalcAction::Set(Field::Term, "240".into()));
    let r = s.result.clone().unwrap();
    assert_eq!(r.rows.len(), 240);
    assert_eq!(r.first_payment.to_string(), "6544.44");
    assert!(!s.stale);
}

#[test]
fn bad_input_keeps_the_last_result_and_marks_it_stale() {
    let s = Rc::new(CalcState::default());
    for (field, text, key) in [
        (Field::Principal, "", Key::ErrEmpty),
        (Field::Principal, "abc", Key::ErrNotNumber),
        (Field::Principal, "-5", Key::ErrPrincipalRange),
        (Field::Principal, "1e9", Key::ErrExponent),
        (Field::Principal, "1.001", Key::ErrCents),
        (Field::Principal, "99999999999999999999999999999999", Key::ErrNotNumber),
        (Field::AnnualRate, "1001", Key::ErrRateRange),
        (Field::AnnualRate, "NaN", Key::ErrNotNumber),
        // Issue 14, defect 7: never guess. "4,9" was read as 49%; "0.049" as 0.049%.
        (Field::AnnualRate, "4,9", Key::ErrRateComma),
        (Field::AnnualRate, "0.049", Key::ErrRateTiny),
        (Field::Principal, "1,00,000", Key::ErrComma),
        (Field::Term, "12.5", Key::ErrTermRange),
        (Field::Term, "0", Key::ErrTermRange),
        (Field::Term, "601", Key::ErrTermRange),
        (Field::UpfrontFee, "2000000", Key::ErrFeeRange),
        (Field::UpfrontFee, "60%", Key::ErrFeeRange),
        (Field::MonthlyFee, "11", Key::ErrMonthlyFeeRange),
        (Field::StartDate, "2025-02-30", Key::ErrDate),
    ] {
        let next = act(s.clone(), CalcAction::Set(field, text.into()));
        assert_eq!(next.error(field), Some(key), "{field:?} = {text:?}");
        assert!(next.stale, "{text:?}");
        assert_eq!(next.result.as_ref().unwrap().first_payment.to_string(), "5307.27");
    }
}

#[test]
fn wan_and_years_give_the_same_mortgage() {
    let s = with(|i| {
        i.principal = "100万".into();
        i.term = "30".into();
        i.term_unit = TermUnit::Years;
    });
    assert_eq!(s.result.unwrap().first_payment.to_string(), "5307.27");
}

#[test]
fn a_link_with_an_impossible_date_keeps_the_rest_and_says_so() {
    // Issue 14, defect 6: `start=2025-02-30` blanked the results with no message.
    let q = "principal=500000&rate=4.2&term=240&start=2025-02-30";
    let s = CalcState::from_inputs(query::from_query(q).unwrap());
    assert_eq!(s.notice, Some(Key::LinkDateDropped));
    assert_eq!(s.inputs.start_date, "", "the date input can neither show nor clear it");
    let r = s.result.as_ref().unwrap();
    assert_eq!((r.rows.len(), r.amount_received), (240, Decimal::from(500_000)));
    assert!(!s.stale);
    // A bad amount keeps its text and error, and the page shows the default amount's figures.
    let s = CalcState::from_inputs(query::from_query("principal=abc&rate=4.2&term=240").unwrap());
    assert_eq!(
        (s.inputs.principal.as_str(), s.error(Field::Principal)),
        ("abc", Some(Key::ErrNotNumber))
    );
    assert!(s.stale && s.result.as_ref().unwrap().rows.len() == 240);
    assert_eq!(s.notice, Some(Key::LinkFixed));
    // The next edit clears the notice.
    let s = act(Rc::new(s), CalcAction::Set(Field::Principal, "100000".into()));
    assert_eq!((s.notice, s.stale), (None, false));
}

#[test]
fn switching_the_term_unit_converts_the_text() {
    let s = act(Rc::new(CalcState::default()), CalcAction::SetTermUnit(TermUnit::Years));
    assert_eq!((s.inputs.term.as_str(), s.inputs.term_unit), ("30", TermUnit::Years));
    let s = act(s, CalcAction::SetTermUnit(TermUnit::Months));
    assert_eq!(s.inputs.term, "360");
    let s = act(s, CalcAction::Set(Field::Term, "7".into()));
    let s = act(s, CalcAction::SetTermUnit(TermUnit::Years));
    assert_eq!((s.inputs.term.as_str(), s.inputs.term_unit), ("7", TermUnit::Months));
}

#[test]
fn a_monthly_flat_fee_rate_is_a_flat_rate_loan_with_its_true_apr() {
    // 0.5% a month on 100,000 over 12 months: 8,333.33 + 500.00 = 8,833.33 each month
    // (the last takes the cent residue). numpy_financial.rate(12, -8833.33, 100000, 0)·12
    // = 0.10895 → nominal APR 10.90%, about 1.8 × the quoted 6%.
    let s = with(|i| {
        i.principal = "10万".into();
        i.rate_kind = RateKind::MonthlyFlat;
        i.annual_rate = "0.5".into();
        i.term = "12".into();
    });
    let r = s.result.unwrap();
    assert_eq!(r.method, Method::FlatRate);
    assert_eq!(r.first_payment, dec("8833.33"));
    assert_eq!(r.total_interest, dec("6000.00"));
    assert_eq!(crate::format::percent(r.apr.nominal), "10.90%");
}

#[test]
fn switching_rate_kind_keeps_the_loan() {
    let s = with(|i| i.annual_rate = "6".into());
    let s = act(Rc::new(s), CalcAction::SetRateKind(RateKind::MonthlyFlat));
    assert_eq!(s.inputs.annual_rate, "0.5");
    assert_eq!(s.inputs.method, Method::FlatRate);
}

#[test]
fn a_daily_rate_is_annualised_times_365_and_converts_back() {
    // 借呗's 0.05% a day is shown as 18.25% a year (× 365).
    let s = with(|i| {
        i.rate_kind = RateKind::Daily;
        i.annual_rate = "万分之五".into();
    });
    assert_eq!(s.request.as_ref().unwrap().annual_rate, dec("0.1825"));
    let s = act(Rc::new(s), CalcAction::SetRateKind(RateKind::Annual));
    assert_eq!(s.inputs.annual_rate, "18.25");
    let s = act(s, CalcAction::SetRateKind(RateKind::Daily));
    assert_eq!(s.inputs.annual_rate, "0.05");
    // 5 typed for 万分之五 would be 1825% a year: refused with the hint, not computed.
    let s = act(s, CalcAction::Set(Field::AnnualRate, "5".into()));
    assert_eq!(s.error(Field::AnnualRate), Some(Key::ErrDailyRateRange));
}

#[test]
fn a_repayment_day_sets_the_first_payment_and_its_interest_by_actual_days() {
    // 100,000 at 3.6% over 12 months, disbursed 2025-01-20, repaid on the 1st: 2025-02-01 is
    // only 12 days away, so the first payment is 2025-03-01, 40 days: 100,000 × 3.6% × 40 / 360
    // = 400.00 interest.
    let s = with(|i| {
        (i.principal, i.annual_rate, i.term) = ("100000".into(), "3.6".into(), "12".into());
        i.start_date = "2025-01-20".into();
        i.pay_day = "1".into();
    });
    assert_eq!(s.request.as_ref().unwrap().first_payment_date.as_deref(), Some("2025-03-01"));
    let r = s.result.unwrap();
    assert_eq!(
        (r.rows[0].date.as_deref(), r.rows[1].date.as_deref()),
        (Some("2025-03-01"), Some("2025-04-01"))
    );
    assert_eq!(r.rows[0].interest, dec("400.00"));
    // A 日利率 accrues the odd first period at exactly the quoted rate per day: 10,000 at 0.05%
    // a day, 2025-01-10 → 2025-02-20 (41 days) = 10,000 × 0.0005 × 41 = 205.00.
    let s = with(|i| {
        (i.principal, i.term) = ("10000".into(), "12".into());
        (i.rate_kind, i.annual_rate) = (RateKind::Daily, "0.05".into());
        i.start_date = "2025-01-10".into();
        i.pay_day = "20".into();
    });
    assert_eq!(s.result.unwrap().rows[0].interest, dec("205.00"));
    // Without a pay day the day of disbursement is kept; a bad day from a link is none (the
    // state drops it and says so: findings 14).
    let s = with(|i| i.start_date = "2025-01-20".into());
    assert_eq!(s.request.unwrap().first_payment_date, None);
    let i = query::from_query("principal=1000&start=2025-01-20&pay_day=31").unwrap();
    assert_eq!(CalcState::from_inputs(i).inputs.pay_day, "");
}

#[test]
fn the_largest_daily_rate_is_the_cores_annual_limit_over_365() {
    use loanlens_core::schedule::MAX_ANNUAL_RATE;
    use request::{DAYS_PER_YEAR, MAX_DAILY_RATE};
    let days = Decimal::from(DAYS_PER_YEAR);
    assert!(MAX_DAILY_RATE * days <= MAX_ANNUAL_RATE);
    assert!((MAX_DAILY_RATE + dec("0.0001")) * days > MAX_ANNUAL_RATE);
}

#[test]
fn an_odd_first_period_headlines_the_regular_payment() {
    // Findings 2: disbursed 2025-01-20, 还款日 1: the first period is odd. The headline is the
    // payment of the first full period (row 2), as banks show it; the first payment is apart.
    use crate::view::{headline, odd_days};
    let head = |q: &str| {
        let s = CalcState::from_inputs(query::from_query(q).unwrap());
        let (r, days) = (s.result.unwrap(), odd_days(s.request.as_ref().unwrap()));
        (headline(&r, days.is_some()), r.rows[0].payment, days)
    };
    let ((k, v), first, days) =
        head("principal=100000&rate=4.9&term=12&method=interest_only&start=2025-01-20&pay_day=1");
    // 100,000 × 4.9% / 12 = 408.33 a month; the first period is longer and pays more.
    assert_eq!((k, v), (Key::MonthlyInterestOnly, dec("408.33")));
    // The first period's length is the first-payment rule's (`payday`); it is not a month.
    assert!(first != v && days.is_some_and(|d| !(28..=31).contains(&d)));
    let ((k, v), first, _) = head("method=equal_installment&start=2025-01-20&pay_day=1");
    assert_eq!((k, v), (Key::MonthlyPayment, dec("5307.27")));
    assert_ne!(first, v);
    // Without a 还款日 nothing changes: the level payment is row 1's.
    let ((k, v), _, days) = head("method=equal_installment&start=2025-01-20");
    assert_eq!((k, v, days), (Key::MonthlyPayment, dec("5307.27"), None));
}

#[test]
fn a_link_date_out_of_range_says_so_and_a_bad_pay_day_is_not_dropped_silently() {
    // Findings 14. A real day the engine cannot date (its first payment falls after 2200) is
    // out of range, not "does not exist"; the date and its 还款日 are dropped.
    let open = |q: &str| CalcState::from_inputs(query::from_query(q).unwrap());
    for q in ["start=2200-11-30&pay_day=1", "start=2300-01-01"] {
        let s = open(q);
        assert_eq!(s.notice, Some(Key::LinkDateRange), "{q}");
        assert!(
            s.result.is_some() && s.inputs.start_date.is_empty() && s.inputs.pay_day.is_empty()
        );
    }
    assert_eq!(open("start=2025-02-30").notice, Some(Key::LinkDateDropped));
    // 31, 0 and abc cannot be shown by the select: dropped, with a notice.
    for d in ["31", "0", "abc"] {
        let s = open(&format!("start=2025-01-20&pay_day={d}"));
        assert_eq!(
            (s.notice, s.inputs.pay_day.as_str()),
            (Some(Key::LinkPayDayDropped), ""),
            "{d}"
        );
        assert!(s.result.is_some() && !s.stale);
    }
    assert_eq!(open("start=2025-01-20&pay_day=5").notice, None);
    // Clearing the date takes the 还款日 out of the link (and the short link, made from the
    // same inputs).
    let s = Rc::new(open("start=2025-01-20&pay_day=5"));
    let s = act(s, CalcAction::Set(Field::StartDate, String::new()));
    assert!(!query::to_query(&s.inputs).contains("pay_day=5"));
    assert!(s.inputs.pay_day.is_empty());
}
