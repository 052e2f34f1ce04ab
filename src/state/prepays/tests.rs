//! Host tests of several prepayments and both modes side by side, through the reducer.

use super::*;
use crate::state::inputs::{Inputs, PrepayKind};
use crate::state::query::{from_query, to_query};
use crate::state::tests::{act, dec, with};
use crate::state::{CalcAction, CalcState};
use std::rc::Rc;

/// The default mortgage (1,000,000 at 4.9% over 360 months) with partial prepayments.
fn two_rows() -> CalcState {
    with(|i| {
        i.prepay_kind = PrepayKind::Partial;
        i.prepay_period = "12".into();
        i.prepay_amount = "10万".into();
        i.more_prepays.push(PrepayRow {
            period: "36".into(),
            amount: "5万".into(),
            mode: PrepaymentMode::ShortenTerm,
        });
    })
}

#[test]
fn each_row_goes_to_the_engine_in_order_with_the_shared_penalty() {
    let mut s = two_rows();
    let req = s.request.clone().unwrap();
    let rows: Vec<_> = req.prepayments.iter().map(|p| (p.period, p.amount)).collect();
    assert_eq!(rows, vec![(12, dec("100000")), (36, dec("50000"))]);
    let r = s.result.clone().unwrap();
    assert_eq!((r.rows[11].prepaid, r.rows[35].prepaid), (Some(dec("100000")), Some(dec("50000"))));
    // Two prepayments save more than the first alone.
    let one = with(|i| {
        i.prepay_kind = PrepayKind::Partial;
        i.prepay_period = "12".into();
        i.prepay_amount = "10万".into();
    });
    let saved =
        |s: &CalcState| s.result.as_ref().unwrap().prepayment.as_ref().unwrap().interest_saved;
    assert!(saved(&s) > saved(&one));
    s.inputs.prepay_penalty = "1".into();
    let s = CalcState::from_inputs(s.inputs);
    // 1% of 100,000 + 50,000.
    assert_eq!(s.result.unwrap().prepayment.as_ref().unwrap().total_penalties, dec("1500.00"));
}

#[test]
fn errors_name_the_row_they_belong_to() {
    // A typing error stays in its own row.
    let s = act(Rc::new(two_rows()), CalcAction::Set(Field::PrepayAmountAt(1), "abc".into()));
    assert_eq!(s.error(Field::PrepayAmountAt(1)), Some(Key::ErrNotNumber));
    assert_eq!(s.error(Field::PrepayAmount), None);
    // The engine's `prepayments[1].amount` lands on row 1 with the most it allows.
    let s = act(Rc::new(two_rows()), CalcAction::Set(Field::PrepayAmountAt(1), "2000万".into()));
    assert_eq!(s.error(Field::PrepayAmountAt(1)), Some(Key::ErrPrepayAmount));
    assert_eq!(s.error(Field::PrepayAmount), None);
    let (lo, hi) = s.errors.range(Field::PrepayAmountAt(1)).unwrap();
    assert_eq!(lo, Some(dec("0.01")));
    assert!(hi.unwrap() < dec("900000"), "the balance after 36 payments and 100,000 prepaid");
    // Period 360 is the last payment: refused on row 1's period field.
    let s = act(Rc::new(two_rows()), CalcAction::Set(Field::PrepayPeriodAt(1), "360".into()));
    assert_eq!(s.error(Field::PrepayPeriodAt(1)), Some(Key::ErrPrepayPeriod));
    assert_eq!(row_of("prepayments[4].period"), 4);
    assert_eq!(row_of("settlement.period"), 0);
    assert_eq!(row_of("prepayments[99].amount"), 0);
}

#[test]
fn rows_are_added_up_to_five_and_removed() {
    let mut s = Rc::new(two_rows());
    for _ in 0..6 {
        s = act(s, CalcAction::AddPrepay);
    }
    assert_eq!(count(&s.inputs), MAX_PREPAYS);
    // A new row says nothing until typed in: the figures stay fresh.
    assert!(!s.stale && !s.errors.any());
    // Removing the first moves the second up.
    let s = act(Rc::new(two_rows()), CalcAction::RemovePrepay(0));
    assert_eq!((s.inputs.prepay_period.as_str(), s.inputs.prepay_amount.as_str()), ("36", "5万"));
    assert!(s.inputs.more_prepays.is_empty());
    let s = act(Rc::new(two_rows()), CalcAction::RemovePrepay(1));
    assert_eq!(s.request.as_ref().unwrap().prepayments.len(), 1);
}

#[test]
fn rows_round_trip_through_the_link() {
    let mut i = two_rows().inputs;
    i.more_prepays.push(PrepayRow {
        period: "60".into(),
        amount: "1万".into(),
        mode: PrepaymentMode::ReducePayment,
    });
    let q = to_query(&i);
    assert!(q.contains("pp2_period=60&pp2_amount=1%E4%B8%87&pp2_mode=reduce_payment"), "{q}");
    assert_eq!(from_query(&q).unwrap(), i);
    // Row numbers past the limit are not rows; a gap is filled with an empty row.
    let i = from_query("principal=1&pp9_period=3&pp2_amount=5").unwrap();
    assert_eq!(i.more_prepays.len(), 2);
    assert_eq!(i.more_prepays[1].amount, "5");
}

#[test]
fn both_modes_side_by_side_match_the_schedule_of_each_mode() {
    // 120,000 at 6% over 12 months; 30,000 after payment 6. Shortening: the loan ends after
    // 10 payments, interest 3,935.66 → 3,177.26 (hand loop, Python Decimal; see request tests).
    let s = with(|i| {
        (i.principal, i.annual_rate, i.term) = ("120000".into(), "6".into(), "12".into());
        i.prepay_kind = PrepayKind::Partial;
        i.prepay_period = "6".into();
        i.prepay_amount = "30000".into();
    });
    let [Some(reduce), Some(shorten)] = both_modes(s.request.as_ref().unwrap()).unwrap() else {
        panic!("both modes computed")
    };
    assert_eq!((shorten.months_saved, shorten.interest_saved), (2, dec("758.40")));
    // Reducing the payment: 10,327.97 before; the balance after payment 6 less 30,000
    // re-amortised over the 6 payments left.
    assert_eq!(reduce.months_saved, 0);
    let reduced = with(|i| {
        (i.principal, i.annual_rate, i.term) = ("120000".into(), "6".into(), "12".into());
        i.prepay_kind = PrepayKind::Partial;
        i.prepay_period = "6".into();
        i.prepay_amount = "30000".into();
        i.prepay_mode = PrepaymentMode::ReducePayment;
    });
    let r = reduced.result.unwrap();
    assert_eq!(reduce.new_payment, Some(r.rows[6].payment));
    assert!(r.rows[6].payment < dec("10327.97"));
    assert_eq!(reduce.interest_saved, r.prepayment.as_ref().unwrap().interest_saved);
    // 先息后本 cannot shorten: no side by side.
    let io = with(|i| {
        i.method = loanlens_core::schema::Method::InterestOnly;
        i.prepay_kind = PrepayKind::Partial;
        i.prepay_period = "6".into();
        i.prepay_amount = "30000".into();
    });
    assert!(both_modes(io.request.as_ref().unwrap()).is_none());
}

#[test]
fn choosing_a_mode_from_the_comparison_sets_every_row() {
    let s =
        act(Rc::new(two_rows()), CalcAction::SetPrepayRowMode(None, PrepaymentMode::ReducePayment));
    let modes: Vec<_> = s.request.as_ref().unwrap().prepayments.iter().map(|p| p.mode).collect();
    assert_eq!(modes, vec![PrepaymentMode::ReducePayment; 2]);
    let s = act(s, CalcAction::SetPrepayRowMode(Some(1), PrepaymentMode::ShortenTerm));
    assert_eq!(s.inputs.more_prepays[0].mode, PrepaymentMode::ShortenTerm);
    assert_eq!(s.inputs.prepay_mode, PrepaymentMode::ReducePayment);
}

#[test]
fn a_row_after_the_loan_is_repaid_says_so_not_a_wrong_range() {
    // 120,000 at 6% over 12 months; 50,000 after payment 6 shortens the loan to 8 payments, so
    // a second prepayment after payment 10 never happens: the engine refuses row 1's period.
    let mut i = Inputs::default();
    (i.principal, i.annual_rate, i.term) = ("120000".into(), "6".into(), "12".into());
    i.prepay_kind = PrepayKind::Partial;
    (i.prepay_period, i.prepay_amount) = ("6".into(), "50000".into());
    i.more_prepays.push(PrepayRow {
        period: "10".into(),
        amount: "1000".into(),
        mode: PrepaymentMode::ShortenTerm,
    });
    let s = CalcState::from_inputs(i);
    let err = s.error(Field::PrepayPeriodAt(1)).unwrap();
    assert_eq!(period_error(&s.inputs, 1, err), (Key::ErrPrepayRepaid, None));
    // Period 12 is the last payment: the range 1–11 is said.
    let s = act(Rc::new(s), CalcAction::Set(Field::PrepayPeriodAt(1), "12".into()));
    let err = s.error(Field::PrepayPeriodAt(1)).unwrap();
    assert_eq!(period_error(&s.inputs, 1, err), (Key::ErrPrepayPeriod, Some(11)));
    // A typing error is not a range error.
    let s = act(s, CalcAction::Set(Field::PrepayPeriodAt(1), "x".into()));
    assert_eq!(period_error(&s.inputs, 1, Key::ErrNotNumber), (Key::ErrNotNumber, None));
}

#[test]
fn a_link_with_a_bad_row_keeps_the_figures_of_the_other_rows() {
    // Payment 40 of a 36-month loan: the row keeps its text and error, and the page shows the
    // figures without it (stale) rather than none (issue 14, defect 6).
    let q = "principal=100000&rate=4.9&term=36&pp=partial&pp_period=6&pp_amount=1%E4%B8%87\
             &pp1_period=40&pp1_amount=5000";
    let s = CalcState::from_inputs(from_query(q).unwrap());
    assert_eq!(s.inputs.more_prepays[0].period, "40");
    assert_eq!(s.error(Field::PrepayPeriodAt(1)), Some(Key::ErrPrepayPeriod));
    let r = s.result.as_ref().unwrap();
    assert!(s.stale);
    assert_eq!(r.rows[5].prepaid, Some(dec("10000")));
    assert_eq!(r.prepayment.as_ref().unwrap().total_prepaid, dec("10000.00"));
}

/// The default mortgage's state from a link's query.
fn link(q: &str) -> CalcState {
    CalcState::from_inputs(from_query(&format!("principal=1000000&rate=4.9&term=360{q}")).unwrap())
}

#[test]
fn a_link_whose_only_row_is_refused_shows_the_loan_without_it() {
    // Findings 1: 99,999,999 after payment 12 is refused (at most the balance, 984,978.39); the
    // results were blank. Now: the loan without the row, the row flagged with its range, and
    // one notice saying the prepayment is left out (not "defaults", not "上一次").
    let s = link("&method=equal_installment&pp=partial&pp_period=12&pp_amount=99999999");
    assert_eq!(s.inputs.prepay_amount, "99999999");
    assert_eq!(s.error(Field::PrepayAmount), Some(Key::ErrPrepayAmount));
    assert_eq!(s.errors.range(Field::PrepayAmount).unwrap().1, Some(dec("984978.39")));
    let r = s.result.as_ref().unwrap();
    assert_eq!(
        (r.rows.len(), r.first_payment, r.prepayment.is_none()),
        (360, dec("5307.27"), true)
    );
    assert_eq!(s.notice, Some(Key::LinkPrepayDropped));
}

#[test]
fn a_link_with_a_refused_second_row_keeps_the_first_and_says_which() {
    // Findings 5: row 2 (5,000,000) is more than the balance; row 1 (100,000 after payment 12)
    // stays in the figures.
    let s = link(
        "&pp=partial&pp_period=12&pp_amount=100000&pp1_period=24&pp1_amount=5000000\
         &pp1_mode=reduce_payment",
    );
    assert_eq!(s.error(Field::PrepayAmountAt(1)), Some(Key::ErrPrepayAmount));
    let pp = s.result.as_ref().unwrap().prepayment.clone().unwrap();
    assert_eq!(pp.total_prepaid, dec("100000.00"));
    assert_eq!(s.notice, Some(Key::LinkPrepayDropped));
}

#[test]
fn blank_rows_anywhere_are_ignored_not_flagged() {
    // Findings 4: rows 3 and 4 blank between filled rows 1, 2 and 5; and findings 1's second
    // link, row 1 blank with row 2 filled. Every filled row counts, nothing is flagged.
    let s = link(
        "&pp=partial&pp_period=12&pp_amount=100000&pp1_period=24&pp1_amount=50000\
         &pp2_period=&pp2_amount=&pp3_period=&pp3_amount=&pp4_period=100&pp4_amount=200000",
    );
    assert!(!s.errors.any() && !s.stale && s.notice.is_none(), "{:?}", s.errors);
    let periods: Vec<_> =
        s.request.as_ref().unwrap().prepayments.iter().map(|p| p.period).collect();
    assert_eq!(periods, vec![12, 24, 100]);
    let s = link("&pp=partial&pp1_period=12&pp1_amount=1000");
    assert!(!s.errors.any() && s.notice.is_none());
    assert_eq!(s.result.as_ref().unwrap().rows[11].prepaid, Some(dec("1000")));
    // The engine's error for the third prepayment sent lands on row 5, the row it came from.
    let s =
        link("&pp=partial&pp_period=12&pp_amount=1000&pp2_period=&pp4_period=24&pp4_amount=9亿");
    assert_eq!(s.error(Field::PrepayAmountAt(4)), Some(Key::ErrPrepayAmount));
    assert!(s.errors.range(Field::PrepayAmountAt(4)).is_some());
    assert_eq!(s.result.as_ref().unwrap().rows[11].prepaid, Some(dec("1000")));
}

#[test]
fn a_negative_amount_says_at_least_a_cent() {
    // Findings 10: -5 said "must not exceed the balance".
    let s = act(Rc::new(two_rows()), CalcAction::Set(Field::PrepayAmount, "-5".into()));
    assert_eq!(s.error(Field::PrepayAmount), Some(Key::ErrAmountMin));
    let s = act(s, CalcAction::Set(Field::PrepayAmount, "0".into()));
    assert_eq!(s.error(Field::PrepayAmount), Some(Key::ErrAmountMin));
    let s = act(s, CalcAction::Set(Field::PrepayAmount, "2000亿".into()));
    assert_eq!(s.error(Field::PrepayAmount), Some(Key::ErrPrepayAmount));
}

#[test]
fn prepaying_the_whole_balance_has_no_new_payment_and_an_impossible_mode_is_kept_apart() {
    // Findings 9: the whole balance after payment 12 (984,978.39) repays the loan: no payment
    // after it in either mode (the page says 已结清).
    let s = link("&pp=partial&pp_period=12&pp_amount=984978.39");
    let [Some(reduce), Some(_)] = both_modes(s.request.as_ref().unwrap()).unwrap() else {
        panic!("both modes computed")
    };
    assert_eq!(reduce.new_payment, None);
    // Findings 8: in 缩短年限 the loan is repaid at period 127, before row 2's period 200, so
    // only 减少月供 is computed (the page says why the other is missing).
    let s = link(
        "&pp=partial&pp_period=12&pp_amount=500000&pp_mode=reduce_payment&pp1_period=200\
         &pp1_amount=300000&pp1_mode=reduce_payment",
    );
    let both = both_modes(s.request.as_ref().unwrap()).unwrap();
    assert!(both[0].is_some() && both[1].is_none());
}
