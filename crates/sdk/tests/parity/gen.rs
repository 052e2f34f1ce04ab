//! Random requests for the parity test: mostly valid (realistic loans, profiles, flows,
//! products), some with a value out of range, so both answers and error objects are compared.

use loanlens_core::scorecard::{Employment, Housing, Purpose, Segment};
use proptest::prelude::*;
use serde_json::{json, Map, Value};

/// A decimal with `dp` decimals from an integer count of its smallest unit.
fn dec(units: i64, dp: u32) -> String {
    rust_decimal::Decimal::new(units, dp).to_string()
}

fn date() -> impl Strategy<Value = String> {
    (2020i32..2031, 1u32..13, 1u32..29).prop_map(|(y, m, d)| format!("{y:04}-{m:02}-{d:02}"))
}

fn method() -> impl Strategy<Value = &'static str> {
    prop::sample::select(vec![
        "equal_installment",
        "equal_principal",
        "interest_only",
        "bullet",
        "flat_rate",
    ])
}

/// Terms: mostly short (small files), sometimes up to 600 months.
fn term() -> impl Strategy<Value = u32> {
    prop_oneof![8 => 1u32..=60, 3 => 61u32..=360, 1 => 361u32..=600]
}

/// The loan fields shared by schedule and compare requests, with optional fees and events.
fn loan() -> impl Strategy<Value = Map<String, Value>> {
    (
        (1i64..=100_000_000_000, 0i64..=360_000, term(), any::<bool>()),
        (prop::option::weighted(0.3, 0i64..=50), prop::option::weighted(0.2, 0i64..=300)),
        (prop::option::weighted(0.2, date()), prop::option::weighted(0.2, 0u32..=12)),
        (prop::option::weighted(0.2, (1u32..=600, 1i64..=10_000_000))),
        (prop::option::weighted(0.1, (1u32..=600, 0i64..=200_000))),
    )
        .prop_map(|((cents, rate, term, quarterly), (fee, mfee), (start, grace), pre, change)| {
            let mut m = Map::new();
            let term = if quarterly { (term / 3).max(1) * 3 } else { term };
            m.insert("principal".into(), json!(dec(cents, 2)));
            m.insert("annual_rate".into(), json!(dec(rate, 6)));
            m.insert("term_months".into(), json!(term));
            if quarterly {
                m.insert("payment_frequency".into(), json!("quarterly"));
            }
            if let Some(f) = fee {
                m.insert("upfront_fee".into(), json!(dec(cents / 100 * f / 100, 2)));
            }
            if let Some(f) = mfee {
                m.insert("monthly_fee_rate".into(), json!(dec(f, 5)));
            }
            if let Some(d) = start {
                m.insert("disbursement_date".into(), json!(d));
            }
            if let Some(g) = grace {
                m.insert("grace_months".into(), json!(g.min(term.saturating_sub(1))));
            }
            if let Some((period, amount)) = pre {
                let period = 1 + period % term.max(2).saturating_sub(1).max(1);
                m.insert(
                    "prepayments".into(),
                    json!([{"period": period, "amount": dec(amount.min(cents / 2).max(1), 2),
                            "mode": if amount % 2 == 0 { "shorten_term" } else { "reduce_payment" }}]),
                );
            }
            if let Some((from, rate)) = change {
                m.insert(
                    "rate_changes".into(),
                    json!([{"from_period": 1 + from % term, "annual_rate": dec(rate, 6)}]),
                );
            }
            m
        })
}

pub fn schedule() -> impl Strategy<Value = Value> {
    (loan(), method()).prop_map(|(mut m, method)| {
        m.insert("method".into(), json!(method));
        Value::Object(m)
    })
}

pub fn compare() -> impl Strategy<Value = Value> {
    (loan(), prop::option::of(prop::collection::vec(method(), 1..=5))).prop_map(|(mut m, ms)| {
        if let Some(ms) = ms {
            m.insert("methods".into(), json!(ms));
        }
        Value::Object(m)
    })
}

pub fn solve() -> impl Strategy<Value = Value> {
    (0usize..3, 100_000i64..=500_000_000, 1i64..=240_000, 1u32..=360, 1i64..=2_000_000, method())
        .prop_map(|(kind, cents, rate, term, payment, method)| {
            let mut m = Map::new();
            m.insert("payment".into(), json!(dec(payment, 2)));
            if kind != 0 {
                m.insert("principal".into(), json!(dec(cents, 2)));
            }
            if kind != 2 {
                m.insert("annual_rate".into(), json!(dec(rate, 6)));
            }
            if kind != 1 {
                m.insert("term_months".into(), json!(term));
            }
            m.insert("solve".into(), json!(["max_principal", "min_term", "implied_rate"][kind]));
            if payment % 3 == 0 {
                m.insert("method".into(), json!(method));
            }
            Value::Object(m)
        })
}

pub fn xirr() -> impl Strategy<Value = Value> {
    (1i64..=100_000_000, prop::collection::vec((date(), -50_000_000i64..=100_000_000), 1..12))
        .prop_map(|(out, flows)| {
            let mut all = vec![json!({"date": "2020-01-15", "amount": dec(-out, 2)})];
            all.extend(flows.into_iter().map(|(d, a)| json!({"date": d, "amount": dec(a, 2)})));
            json!({ "flows": all })
        })
}

pub fn profile() -> impl Strategy<Value = Value> {
    let pick = |ids: &'static [&'static str]| prop::sample::select(ids.to_vec());
    (
        (prop::option::of(16u32..=80), prop::option::of(0i64..=10_000_000)),
        (prop::option::of(pick(Employment::IDS)), prop::option::of(pick(Housing::IDS))),
        (prop::option::of(0u32..=400), prop::option::of(0i64..=3_000_000)),
        (prop::option::of(0u32..=6), prop::option::of(any::<bool>())),
        (prop::option::of(0u32..=12), prop::option::of(0u32..=300)),
        (prop::option::of(pick(Purpose::IDS)), prop::option::of(pick(Segment::IDS))),
        prop::option::of((100_000i64..=50_000_000, 1u32..=60, method())),
    )
        .prop_map(
            |(
                (age, income),
                (emp, housing),
                (job, debt),
                (overdue, now),
                (inq, si),
                (purpose, seg),
                loan,
            )| {
                let mut m = Map::new();
                let mut put = |k: &str, v: Option<Value>| {
                    if let Some(v) = v {
                        m.insert(k.into(), v);
                    }
                };
                put("age", age.map(|a| json!(a)));
                put("monthly_income", income.map(|i| json!(dec(i, 2))));
                put("employment", emp.map(|e| json!(e)));
                put("housing", housing.map(|h| json!(h)));
                put("months_in_job", job.map(|j| json!(j)));
                put("monthly_debt_payments", debt.map(|d| json!(dec(d, 2))));
                put("overdue_count_24m", overdue.map(|o| json!(o)));
                put("currently_overdue", now.map(|n| json!(n)));
                put("credit_inquiries_6m", inq.map(|i| json!(i)));
                put("social_insurance_months", si.map(|s| json!(s)));
                put("purpose", purpose.map(|p| json!(p)));
                put("segment", seg.map(|s| json!(s)));
                put(
                    "loan",
                    loan.map(
                        |(c, t, m)| json!({"principal": dec(c, 2), "term_months": t, "method": m}),
                    ),
                );
                Value::Object(m)
            },
        )
}

pub fn invest() -> impl Strategy<Value = Value> {
    let product = (
        0usize..3,
        1i64..=100_000_000,
        0i64..=150_000,
        1u32..=60,
        date(),
        prop::option::of(0i64..=10),
        prop::sample::select(vec![
            "equal_installment",
            "equal_principal",
            "interest_only",
            "bullet",
        ]),
    )
        .prop_map(|(kind, cents, rate, term, start, idle, structure)| {
            let kinds = ["loan", "time_deposit", "money_market"];
            let mut p = json!({"name": format!("p{cents}"), "kind": kinds[kind],
                "amount": dec(cents, 2), "annual_rate": dec(rate, 6), "term_months": term,
                "start_date": start});
            if kind == 0 {
                p["structure"] = json!(structure);
            }
            if let Some(d) = idle {
                p["idle_days"] = json!(d);
            }
            p
        });
    (prop::collection::vec(product, 2..=4), prop::option::weighted(0.3, (date(), 0i64..=50_000)))
        .prop_map(|(products, horizon)| {
            let mut r = json!({ "products": products });
            if let Some((d, rate)) = horizon {
                r["horizon_date"] = json!(format!("2035{}", &d[4..]));
                r["reinvestment_rate"] = json!(dec(rate, 6));
            }
            r
        })
}

/// Housing loans: commercial, housing fund or a combination of both, from a loan amount or a
/// house price and a down payment, with optional rates, methods, terms, repayment day and LPR
/// terms (the fields of docs/mortgage.md).
pub fn mortgage() -> impl Strategy<Value = Value> {
    let method = || {
        prop::option::weighted(
            0.3,
            prop::sample::select(vec!["equal_installment", "equal_principal"]),
        )
    };
    let part_term = || prop::option::weighted(0.2, 1u32..=360);
    let fund = (prop::option::weighted(0.4, 0i64..=500), method(), part_term());
    let commercial = (
        (method(), part_term(), prop::option::weighted(0.3, 1i64..=800)),
        (prop::option::weighted(0.6, -150i32..=150), prop::option::weighted(0.3, any::<bool>())),
        (prop::option::weighted(0.3, 1u32..=36), prop::option::weighted(0.3, (date(), 1i64..=800))),
    );
    (
        (0usize..3, 100_000i64..=2_000_000_000, prop::option::weighted(0.4, 0i64..=90), 1u32..=9),
        (
            prop_oneof![3 => 1u32..=60, 2 => 61u32..=360],
            date(),
            prop::option::weighted(0.6, 1u32..=29),
        ),
        fund,
        commercial,
    )
        .prop_map(|((kind, cents, down, share), (term, start, day), fund, commercial)| {
            let loan_type = ["commercial", "housing_fund", "combination"][kind];
            let mut m = Map::new();
            m.insert("loan_type".into(), json!(loan_type));
            match down {
                // A combination names its fund part's amount, a share of a known loan amount.
                Some(pct) if kind != 2 => {
                    m.insert("house_price".into(), json!(dec(cents, 2)));
                    m.insert("down_payment_rate".into(), json!(dec(pct, 2)));
                }
                _ => {
                    m.insert("loan_amount".into(), json!(dec(cents, 2)));
                }
            }
            m.insert("term_months".into(), json!(term));
            m.insert("disbursement_date".into(), json!(start));
            if let Some(d) = day {
                m.insert("repayment_day".into(), json!(if d == 29 { 31 } else { d }));
            }
            let (rate, fund_method, fund_term) = fund;
            if kind != 0 {
                let mut f = Map::new();
                if kind == 2 {
                    f.insert("amount".into(), json!(dec(cents / 10 * i64::from(share), 2)));
                }
                if let Some(r) = rate {
                    f.insert("annual_rate".into(), json!(dec(r, 4)));
                }
                if let Some(x) = fund_method {
                    f.insert("method".into(), json!(x));
                }
                if let Some(t) = fund_term {
                    f.insert("term_months".into(), json!(t));
                }
                m.insert("housing_fund".into(), Value::Object(f));
            }
            let ((method, term, lpr), (spread, anniversary), (cycle, assumed)) = commercial;
            if kind != 1 {
                let mut c = Map::new();
                let mut put = |k: &str, v: Option<Value>| {
                    if let Some(v) = v {
                        c.insert(k.into(), v);
                    }
                };
                put("method", method.map(|x| json!(x)));
                put("term_months", term.map(|t| json!(t)));
                put("lpr", lpr.map(|l| json!(dec(l, 4))));
                put("spread_bp", spread.map(|s| json!(s)));
                put(
                    "repricing",
                    anniversary.map(|a| json!(if a { "anniversary" } else { "january_1" })),
                );
                put("reset_cycle_months", cycle.map(|n| json!(n)));
                put("assumed_lpr", assumed.map(|(d, l)| json!({"from_date": d, "lpr": dec(l, 4)})));
                m.insert("commercial".into(), Value::Object(c));
            }
            Value::Object(m)
        })
}
