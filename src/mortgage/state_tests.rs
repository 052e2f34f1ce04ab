//! The mortgage page's reducer and URL on the host.

use super::query::{from_query, to_query};
use super::state::{Action, Field, Inputs, MortgageState};
use loanlens_core::mortgage::{compute, LoanType, RepaymentMethod, Repricing};
use rust_decimal::Decimal;
use std::rc::Rc;
use yew::Reducible;

fn first() -> MortgageState {
    MortgageState::new(Inputs::first_visit("2025-06-15"))
}

fn act(s: MortgageState, a: Action) -> MortgageState {
    (*Rc::new(s).reduce(a)).clone()
}

#[test]
fn the_first_visit_is_a_combination_of_300_wan_at_30_percent_down() {
    let mut s = first();
    let r = s.result.clone().expect("computed");
    assert_eq!(r.loan_amount.to_string(), "2100000.00");
    assert_eq!(r.parts[0].amount.to_string(), "1000000.00");
    // The page's figures are the core's for the request it builds.
    let req = s.request().unwrap();
    assert_eq!(req.down_payment_rate, Some(Decimal::new(3, 1)));
    assert_eq!(req.commercial.as_ref().unwrap().spread_bp, Some(-30));
    assert_eq!(*r, compute(&req).unwrap());
}

#[test]
fn a_refused_field_keeps_the_last_figures_marked_stale() {
    let s = act(first(), Action::Text(Field::Down, "abc".into()));
    assert!(s.error(Field::Down) && s.stale && s.result.is_some());
    let s = act(s, Action::Text(Field::Down, "20".into()));
    assert!(!s.stale && s.errors.is_empty());
    assert_eq!(s.result.unwrap().loan_amount.to_string(), "2400000.00");
}

#[test]
fn the_core_names_the_field_it_refuses() {
    // A housing-fund part as large as the loan: refused by the core, shown at the field.
    let s = act(first(), Action::Text(Field::FundAmount, "210万".into()));
    assert_eq!(s.errors, vec![Field::FundAmount]);
    let s = act(first(), Action::Text(Field::Spread, "-400".into()));
    assert_eq!(s.errors, vec![Field::Spread]);
    // Half of an assumed LPR is refused at the missing half.
    let s = act(first(), Action::Text(Field::AssumedLpr, "3.1".into()));
    assert_eq!(s.errors, vec![Field::AssumedFrom]);
}

#[test]
fn parts_not_in_the_loan_type_are_ignored() {
    let s = act(first(), Action::Text(Field::Lpr, "nonsense".into()));
    assert!(s.error(Field::Lpr));
    let s = act(s, Action::LoanType(LoanType::HousingFund));
    assert!(s.errors.is_empty(), "{:?}", s.errors);
    assert_eq!(s.result.unwrap().parts.len(), 1);
}

#[test]
fn the_url_reproduces_the_inputs() {
    let mut i = Inputs::first_visit("2025-06-15");
    i.loan_type = LoanType::Commercial;
    i.by_price = false;
    i.amount = "1,000,000".into();
    i.com_method = RepaymentMethod::EqualPrincipal;
    i.repricing = Repricing::Anniversary;
    i.assumed_lpr = "3.1".into();
    i.assumed_from = "2026-01-01".into();
    i.day = "31".into();
    let q = to_query(&i);
    let base = Inputs::first_visit("2030-01-01");
    assert_eq!(from_query(&format!("?{q}"), &base), Some(i));
    assert_eq!(from_query("?x=1", &base), None);
}

#[test]
fn the_date_error_states_the_cores_last_disbursement_date() {
    use super::i18n::{error_text, Lang};
    use loanlens_core::mortgage::LAST_DISBURSEMENT_DATE;
    for l in [Lang::Zh, Lang::En] {
        assert!(error_text(l, Field::Start).contains(LAST_DISBURSEMENT_DATE));
    }
    let s = act(first(), Action::Text(Field::Start, LAST_DISBURSEMENT_DATE.into()));
    assert!(s.errors.is_empty());
    let s = act(s, Action::Text(Field::Start, "2200-11-01".into()));
    assert_eq!(s.errors, vec![Field::Start]);
}

#[test]
fn an_odd_first_period_headlines_the_monthly_payment_and_shows_the_first_beside_it() {
    // The tester's loan: 210万 combination disbursed 2025-06-15, paying on the 20th (35 days).
    let s = act(first(), Action::Text(Field::Day, "20".into()));
    let r = s.result.unwrap();
    let pay: Vec<Decimal> = r.rows.iter().map(|x| x.payment).collect();
    let h = super::state::headline(&r.disbursement_date, &r.first_payment_date, &pay);
    assert_eq!(h.monthly.to_string(), "8760.54");
    assert_eq!(h.odd_first, Some((35, "9610.54".parse().unwrap())));
    // Paying on the disbursement day: no odd period, the first payment is the monthly one.
    let r = first().result.unwrap();
    let pay: Vec<Decimal> = r.rows.iter().map(|x| x.payment).collect();
    let h = super::state::headline(&r.disbursement_date, &r.first_payment_date, &pay);
    assert_eq!((h.monthly.to_string().as_str(), h.odd_first), ("8760.54", None));
    // A single loan by the same rule (its part's own schedule).
    let s = act(first(), Action::LoanType(LoanType::Commercial));
    let s = act(s, Action::Text(Field::Day, "1".into()));
    let r = s.result.unwrap();
    let p = &r.parts[0].schedule;
    let pay: Vec<Decimal> = p.rows.iter().map(|x| x.payment).collect();
    let h = super::state::headline(&r.disbursement_date, &r.first_payment_date, &pay);
    assert_eq!(r.first_payment_date, "2025-07-01");
    assert_eq!(h.odd_first.map(|o| o.0), Some(16));
    assert_eq!(h.monthly, p.rows[1].payment);
}

#[test]
fn the_page_reads_percent_signs_wan_yi_and_states_the_decimals_limit() {
    // 首付比例 "30%" is 30%, as the calculator reads "4.9%".
    let s = act(first(), Action::Text(Field::Down, "30%".into()));
    assert!(s.errors.is_empty(), "{:?}", s.errors);
    assert_eq!(s.result.unwrap().loan_amount.to_string(), "2100000.00");
    // "1万亿" is the upper end the error text states; a 1万亿 loan at 30% down is 7000亿.
    assert_eq!(super::state::typed_amount("1万亿"), Some(Decimal::from(1_000_000_000_000i64)));
    assert_eq!(super::state::typed_amount("1万亿元"), Some(Decimal::from(1_000_000_000_000i64)));
    assert_eq!(super::state::typed_amount("1.5万亿"), None);
    assert_eq!(super::state::typed_amount("300万"), Some(Decimal::from(3_000_000)));
    let s = act(first(), Action::Text(Field::Price, "1万亿".into()));
    assert!(s.errors.is_empty(), "{:?}", s.errors);
    // More decimals than the core's 12 (10 in %): refused, and the message says why.
    let s = act(first(), Action::Text(Field::Down, "33.3333333333333".into()));
    assert_eq!(s.errors, vec![Field::Down]);
    let text = super::i18n::error_text(super::i18n::Lang::Zh, Field::Down);
    assert!(text.contains("最多 10 位小数"), "{text}");
    let s = act(first(), Action::Text(Field::Down, "33.3333333333".into()));
    assert!(s.errors.is_empty(), "{:?}", s.errors);
}

#[test]
fn large_amounts_read_in_wan_in_chinese_and_in_millions_in_english() {
    use super::i18n::Lang;
    use super::results::big;
    let v = Decimal::new(210_000_000, 2);
    assert_eq!(big(Lang::Zh, v).as_deref(), Some("210.00万"));
    assert_eq!(big(Lang::En, v).as_deref(), Some("2.10 million"));
    assert_eq!(big(Lang::En, Decimal::new(99_999_999, 2)), None);
    assert_eq!(
        big(Lang::En, Decimal::from(1_000_000_000_000i64)).as_deref(),
        Some("1,000,000.00 million")
    );
}
