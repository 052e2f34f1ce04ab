//! The inputs ⇄ the page's URL query, so a link reproduces the loan:
//! `?t=m&bp=1&p=300万&d=30&a=…&fa=100万&y=30&fy=&cy=&fr=&fm=ei&cm=ei&l=&s=-30&rp=jan&cc=12&al=&af=&st=2025-06-15&dy=20`.
//! Texts are kept as typed, so a link with a refused value shows it with its inline error.
//! Unknown keys and unknown ids are ignored (the first-visit value stays); a link without `t`
//! gives `None` (the first-visit page).

use super::state::{Field, Inputs};
use crate::state::query::{decode_value, encode_value};
use loanlens_core::mortgage::{LoanType, RepaymentMethod, Repricing};

/// Longest text kept from a link for one field.
const MAX_FIELD_CHARS: usize = 64;

/// The text fields and their keys, in query order.
const TEXTS: [(&str, Field); 15] = [
    ("p", Field::Price),
    ("d", Field::Down),
    ("a", Field::Amount),
    ("fa", Field::FundAmount),
    ("y", Field::Years),
    ("fy", Field::FundYears),
    ("cy", Field::ComYears),
    ("fr", Field::FundRate),
    ("l", Field::Lpr),
    ("s", Field::Spread),
    ("cc", Field::Cycle),
    ("al", Field::AssumedLpr),
    ("af", Field::AssumedFrom),
    ("st", Field::Start),
    ("dy", Field::Day),
];

/// The text of field `f`.
pub fn text(i: &Inputs, f: Field) -> &str {
    match f {
        Field::Price => &i.price,
        Field::Down => &i.down,
        Field::Amount => &i.amount,
        Field::FundAmount => &i.fund_amount,
        Field::Years => &i.years,
        Field::FundYears => &i.fund_years,
        Field::ComYears => &i.com_years,
        Field::FundRate => &i.fund_rate,
        Field::Lpr => &i.lpr,
        Field::Spread => &i.spread,
        Field::Cycle => &i.cycle,
        Field::AssumedLpr => &i.assumed_lpr,
        Field::AssumedFrom => &i.assumed_from,
        Field::Start => &i.start,
        Field::Day => &i.day,
    }
}

fn type_id(t: LoanType) -> &'static str {
    match t {
        LoanType::Commercial => "c",
        LoanType::HousingFund => "f",
        LoanType::Combination => "m",
    }
}

fn method_id(m: RepaymentMethod) -> &'static str {
    match m {
        RepaymentMethod::EqualInstallment => "ei",
        RepaymentMethod::EqualPrincipal => "ep",
    }
}

fn method_from(id: &str) -> Option<RepaymentMethod> {
    match id {
        "ei" => Some(RepaymentMethod::EqualInstallment),
        "ep" => Some(RepaymentMethod::EqualPrincipal),
        _ => None,
    }
}

/// The query (without `?`) that reproduces `i`.
pub fn to_query(i: &Inputs) -> String {
    let mut out = format!(
        "t={}&bp={}&fm={}&cm={}&rp={}",
        type_id(i.loan_type),
        u8::from(i.by_price),
        method_id(i.fund_method),
        method_id(i.com_method),
        if i.repricing == Repricing::Anniversary { "ann" } else { "jan" },
    );
    for (k, f) in TEXTS {
        out.push_str(&format!("&{k}={}", encode_value(text(i, f))));
    }
    out
}

/// The inputs a query describes on top of `base` (the first visit), or `None` without `t`.
pub fn from_query(q: &str, base: &Inputs) -> Option<Inputs> {
    let q = q.strip_prefix('?').unwrap_or(q);
    let mut i = base.clone();
    let mut typed = false;
    for pair in q.split('&') {
        let (k, v) = pair.split_once('=').unwrap_or((pair, ""));
        let v = decode_value(v).chars().take(MAX_FIELD_CHARS).collect::<String>();
        match k {
            "t" => {
                let t = [LoanType::Commercial, LoanType::HousingFund, LoanType::Combination]
                    .into_iter()
                    .find(|t| type_id(*t) == v);
                typed |= t.is_some();
                i.loan_type = t.unwrap_or(i.loan_type);
            }
            "bp" => i.by_price = v != "0",
            "fm" => i.fund_method = method_from(&v).unwrap_or(i.fund_method),
            "cm" => i.com_method = method_from(&v).unwrap_or(i.com_method),
            "rp" if v == "ann" => i.repricing = Repricing::Anniversary,
            "rp" if v == "jan" => i.repricing = Repricing::January1,
            _ => {
                if let Some((_, f)) = TEXTS.iter().find(|(key, _)| *key == k) {
                    set(&mut i, *f, v);
                }
            }
        }
    }
    typed.then_some(i)
}

/// Sets field `f`'s text.
pub fn set(i: &mut Inputs, f: Field, v: String) {
    let slot = match f {
        Field::Price => &mut i.price,
        Field::Down => &mut i.down,
        Field::Amount => &mut i.amount,
        Field::FundAmount => &mut i.fund_amount,
        Field::Years => &mut i.years,
        Field::FundYears => &mut i.fund_years,
        Field::ComYears => &mut i.com_years,
        Field::FundRate => &mut i.fund_rate,
        Field::Lpr => &mut i.lpr,
        Field::Spread => &mut i.spread,
        Field::Cycle => &mut i.cycle,
        Field::AssumedLpr => &mut i.assumed_lpr,
        Field::AssumedFrom => &mut i.assumed_from,
        Field::Start => &mut i.start,
        Field::Day => &mut i.day,
    };
    *slot = v;
}
