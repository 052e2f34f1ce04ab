//! Host tests of the investor page's reducer, URL, CSV and chart geometry. Expected figures are
//! docs/invest.md's worked example (the core's golden vectors, made independently in Python).

use super::card::{Field, Preset, Problem};
use super::chart::{cash_lines, wealth_bars, H, W};
use super::csv::invest_csv;
use super::i18n::Lang;
use super::query::{from_query, to_query};
use super::results::xirr_pct;
use super::state::{Action, InvestState};
use loanlens_core::invest::{compare, ProductKind};
use std::rc::Rc;
use yew::Reducible;

const START: &str = "2025-01-15";

fn first() -> Rc<InvestState> {
    Rc::new(InvestState::first_visit(["等额本息", "先息后本", "到期还本付息"], START, "2026-01-15"))
}

fn act(s: &Rc<InvestState>, a: Action) -> Rc<InvestState> {
    s.clone().reduce(a)
}

#[test]
fn three_structures_at_ten_percent_differ_in_interest_and_xirr() {
    let s = first();
    let r = s.result.as_ref().expect("the first visit is computed");
    let interest: Vec<String> = r.products.iter().map(|p| p.total_interest.to_string()).collect();
    assert_eq!(interest, ["549.89", "999.96", "1000.00"]);
    let xirr: Vec<String> = r.products.iter().map(|p| xirr_pct(p.xirr)).collect();
    assert_eq!(xirr, ["10.5163%", "10.4733%", "10.0000%"]);
    // Least interest, highest XIRR: capital came back every month.
    assert_eq!(r.by_xirr, [0, 1, 2]);
    assert!(r.products[0].explanation.zh.contains("本金每月返还"));
    // The first visit compares wealth a year later, reinvesting at 2%.
    assert!(r.products.iter().all(|p| p.terminal_wealth.is_some()));
    assert!(!s.has_errors() && !s.stale);
}

#[test]
fn a_bad_field_is_named_and_the_last_figures_stay_marked_stale() {
    let s = first();
    let before = s.result.clone();
    let s = act(&s, Action::Set(0, Field::Term, "0".into()));
    assert_eq!(s.error(0, Field::Term), Some(Problem::Term));
    assert!(s.stale);
    assert_eq!(s.result, before);
    let s = act(&s, Action::Set(1, Field::Fee, "100".into()));
    assert_eq!(s.error(1, Field::Fee), Some(Problem::Fee));
    let s = act(&s, Action::Set(2, Field::Idle, "-3".into()));
    assert_eq!(s.error(2, Field::Idle), Some(Problem::Idle));
    let s = act(&s, Action::Set(2, Field::Amount, "0".into()));
    assert_eq!(s.error(2, Field::Amount), Some(Problem::Amount));
    // Fixed one by one: the errors go, and the figures are fresh again.
    let s = act(&s, Action::Set(0, Field::Term, "1年".into()));
    let s = act(&s, Action::Set(1, Field::Fee, "10".into()));
    let s = act(&s, Action::Set(2, Field::Idle, "3".into()));
    let s = act(&s, Action::Set(2, Field::Amount, "1万".into()));
    assert!(!s.has_errors() && !s.stale);
    let r = s.result.as_ref().unwrap();
    // 10% of each month's 83.33 of interest, rounded per payment: 12 × 8.33.
    assert_eq!(r.products[1].total_fees.to_string(), "99.96");
    assert_eq!(r.products[2].value_date, "2025-01-18");
}

#[test]
fn a_horizon_before_a_start_date_is_refused_at_the_horizon() {
    let s = act(&first(), Action::Horizon("2024-12-31".into()));
    assert_eq!(s.horizon_error, Some(Problem::Horizon));
    let s = act(&s, Action::Reinvest(String::new()));
    assert_eq!(s.horizon_error, None);
    assert_eq!(s.reinvest_error, Some(Problem::Pair));
    let s = act(&s, Action::Horizon(String::new()));
    assert!(!s.has_errors());
    assert!(s.result.as_ref().unwrap().products.iter().all(|p| p.terminal_wealth.is_none()));
}

#[test]
fn cards_stay_between_two_and_eight() {
    let mut s = first();
    for p in Preset::ALL.into_iter().chain([Preset::Deposit; 4]) {
        s = act(&s, Action::Add(p, "x".into()));
    }
    assert_eq!(s.cards.len(), 8);
    let s = act(&s, Action::Duplicate(0, " (copy)".into()));
    assert_eq!(s.cards.len(), 8);
    let r = s.result.as_ref().unwrap();
    assert_eq!(r.products.len(), 8);
    // The five presets filled the page; the four deposits after them were refused.
    assert_eq!(r.products[7].kind, ProductKind::MoneyMarket);
    let mut s = first();
    s = act(&s, Action::Duplicate(1, " (copy)".into()));
    assert_eq!(s.cards[2].name, "先息后本 (copy)");
    assert_eq!(
        s.result.as_ref().unwrap().products[2].xirr,
        s.result.as_ref().unwrap().products[1].xirr
    );
    for _ in 0..5 {
        s = act(&s, Action::Remove(0));
    }
    assert_eq!(s.cards.len(), 2);
}

#[test]
fn a_reference_product_has_no_structure_or_fee() {
    let s = act(&first(), Action::Set(2, Field::Kind, "money_market".into()));
    let s = act(&s, Action::Set(2, Field::Fee, "100".into()));
    assert!(!s.has_errors(), "a fee on a fund is not asked, so not checked");
    let p = &s.result.as_ref().unwrap().products[2];
    assert_eq!(
        (p.kind, p.structure, p.total_fees.is_zero()),
        (ProductKind::MoneyMarket, None, true)
    );
    // Its XIRR is its yield (10%), compounded daily.
    assert_eq!(xirr_pct(p.xirr), "10.0000%");
}

#[test]
fn the_cached_figures_equal_a_fresh_comparison_after_every_edit() {
    let edits = [
        Action::Set(0, Field::Rate, "12.5".into()),
        Action::Set(1, Field::Term, "360".into()),
        Action::Add(Preset::MoneyFund, "fund".into()),
        Action::Set(3, Field::Idle, "7".into()),
        Action::Horizon("2030-06-30".into()),
        Action::Remove(1),
        Action::Set(0, Field::Structure, "equal_principal".into()),
    ];
    let mut s = first();
    for a in edits {
        s = act(&s, a);
        let req = loanlens_core::invest::InvestRequest {
            products: s.cards.iter().map(|c| c.product().unwrap()).collect(),
            horizon_date: Some(s.horizon.clone()),
            reinvestment_rate: Some(rust_decimal::Decimal::new(2, 2)),
        };
        assert_eq!(s.result.as_deref(), Some(&compare(&req).unwrap()));
    }
}

#[test]
fn the_url_reproduces_the_page_including_refused_text() {
    let s = act(&first(), Action::Set(0, Field::Name, "A, \"quoted\" & 100%".into()));
    let s = act(&s, Action::Set(2, Field::Kind, "time_deposit".into()));
    let s = act(&s, Action::Set(1, Field::Term, "0".into()));
    let q = to_query(&s);
    let blank = Preset::Installment.card("", START);
    let back = from_query(&format!("?{q}"), &blank).expect("three cards");
    assert_eq!(back.cards, s.cards);
    assert_eq!((back.horizon.as_str(), back.reinvest.as_str()), ("2026-01-15", "2"));
    assert_eq!(back.error(1, Field::Term), Some(Problem::Term));
    assert!(from_query("?p=only,one", &blank).is_none());
    assert!(from_query("", &blank).is_none());
}

#[test]
fn csv_has_a_bom_a_header_and_the_core_figures_per_product() {
    let s = act(&first(), Action::Set(0, Field::Name, "A, B".into()));
    let csv = invest_csv(Lang::Zh, s.result.as_ref().unwrap());
    assert!(csv.starts_with("\u{FEFF}名称,总利息（扣费前）,平台费用,净利息,"));
    let lines: Vec<&str> = csv.trim_end().split("\r\n").collect();
    assert_eq!(lines.len(), 4);
    assert!(
        lines[1].starts_with("\"A, B\",549.89,0.00,549.89,0.1051632297,5477.55,"),
        "{}",
        lines[1]
    );
    assert!(
        lines[3].starts_with("到期还本付息,1000.00,0.00,1000.00,0.1000000000,"),
        "{}",
        lines[3]
    );
    let en = invest_csv(Lang::En, s.result.as_ref().unwrap());
    assert!(en.starts_with("\u{FEFF}Name,Total interest (before fees),"));
}

#[test]
fn charts_use_whole_units_and_end_at_each_products_cash() {
    let s = first();
    let r = s.result.as_ref().unwrap();
    let (lines, span, max) = cash_lines(r);
    assert_eq!(
        span.map(|(a, b)| (a.to_string(), b.to_string())),
        Some((START.into(), "2026-01-15".into()))
    );
    assert_eq!(max.to_string(), "11000.00");
    for line in &lines {
        // M x0 y0, then H x V y per payment, then H W: x never goes back, y never goes down
        // (the top is 0).
        let p = &line.path;
        assert!(p.starts_with(&format!("M0 {H}H")), "{p}");
        assert!(p.ends_with(&format!("H{W}")), "{p}");
        let mut xs = vec![0i64];
        let mut ys = vec![H];
        for part in p[1..].split(['H', 'V']).skip(1) {
            let v: i64 = part.parse().unwrap();
            if xs.len() == ys.len() {
                xs.push(v)
            } else {
                ys.push(v)
            }
        }
        assert!(xs.windows(2).all(|w| w[0] <= w[1]), "x rises: {p}");
        assert!(ys.windows(2).all(|w| w[0] >= w[1]), "cash only adds up: {p}");
    }
    // The bullet gets everything at the end: 11,000 is the top of the chart.
    assert!(lines[2].path.ends_with(&format!("V0H{W}")));
    let bars = wealth_bars(r);
    assert_eq!(bars.iter().max(), Some(&1000));
    assert!(bars.iter().all(|b| *b > 900), "{bars:?}");
}
