//! 房贷计算器 (docs/mortgage.md): a borrower's housing loan — commercial, housing fund or both
//! — as bank calculators compute it. Expected payments are worked out independently (Python's
//! `decimal`, the formula of docs/money.md), the dates by the rules the docs state.

use loanlens_core::mortgage::{compute, MortgageRequest, MortgageResult};
use loanlens_core::schema::from_json;
use rust_decimal::Decimal;
use serde_json::{json, Value};

fn run(body: Value) -> MortgageResult {
    let req: MortgageRequest = from_json(&body.to_string()).expect("valid request");
    compute(&req).unwrap_or_else(|e| panic!("{e} for {body}"))
}

fn error_field(body: Value) -> String {
    match from_json::<MortgageRequest>(&body.to_string()) {
        Err(e) => e.field,
        Ok(req) => compute(&req).expect_err("an error").field,
    }
}

fn d(s: &str) -> Decimal {
    s.parse().unwrap()
}

/// 300万 at 30% down, 100万 from the housing fund at 2.60%, the rest commercial at 3.50% − 30bp.
fn combination() -> Value {
    json!({"loan_type": "combination", "house_price": "3000000", "down_payment_rate": "0.3",
           "term_months": 360, "disbursement_date": "2025-06-15", "repayment_day": 15,
           "housing_fund": {"amount": "1000000"}, "commercial": {"spread_bp": -30}})
}

#[test]
fn a_combination_splits_the_loan_and_sums_the_parts_period_by_period() {
    let r = run(combination());
    assert_eq!(r.loan_amount, d("2100000.00"));
    assert_eq!(r.down_payment, Some(d("900000.00")));
    let (fund, com) = (&r.parts[0], &r.parts[1]);
    // Amounts print with exactly two decimals, as every amount in a response.
    assert_eq!(
        (fund.amount.to_string(), com.amount.to_string()),
        ("1000000.00".into(), "1100000.00".into())
    );
    assert_eq!(r.house_price.map(|p| p.to_string()).as_deref(), Some("3000000.00"));
    // The defaults: fund 2.60% (over five years, since 2025-05-08), LPR 3.50% − 0.30%.
    assert_eq!(fund.annual_rate, d("0.026"));
    assert_eq!(fund.rate_date.as_deref(), Some("2025-05-08"));
    assert_eq!((com.lpr, com.annual_rate), (Some(d("0.035")), d("0.032")));
    assert_eq!(com.rate_date.as_deref(), Some("2025-05-20"));
    // Independent: P·m(1+m)^n / ((1+m)^n − 1), half-up.
    assert_eq!(fund.schedule.first_payment, d("4003.40"));
    assert_eq!(com.schedule.first_payment, d("4757.14"));
    assert_eq!(r.first_payment, d("8760.54"));
    assert_eq!(r.rows.len(), 360);
    for (i, row) in r.rows.iter().enumerate() {
        let (f, c) = (&fund.schedule.rows[i], &com.schedule.rows[i]);
        assert_eq!(row.payment, f.payment + c.payment);
        assert_eq!(row.principal, f.principal + c.principal);
        assert_eq!(row.interest, f.interest + c.interest);
        assert_eq!(row.balance, f.balance + c.balance);
        assert_eq!(
            (row.fund_payment, row.commercial_interest),
            (Some(f.payment), Some(c.interest))
        );
        assert_eq!(Some(&row.date), f.date.as_ref());
    }
    assert_eq!(r.total_principal, r.loan_amount);
    assert_eq!(r.total_interest, fund.schedule.total_interest + com.schedule.total_interest);
    assert_eq!(r.total_payment, r.loan_amount + r.total_interest);
    // No fees and no odd period: the APR lies between the two rates, by amount.
    assert!(r.apr.nominal > d("0.026") && r.apr.nominal < d("0.032"), "{:?}", r.apr);
    assert_eq!(r.rows[359].balance, Decimal::ZERO);
}

#[test]
fn each_part_may_have_its_own_term_and_method() {
    let mut body = combination();
    body["housing_fund"]["term_months"] = json!(240);
    body["commercial"]["method"] = json!("equal_principal");
    let r = run(body);
    assert_eq!(r.rows.len(), 360);
    assert_eq!(r.parts[0].schedule.rows.len(), 240);
    // After the fund part ends its columns are 0.00 and the combined row is the commercial one.
    let row = &r.rows[240];
    assert_eq!(row.fund_payment, Some(d("0.00")));
    assert_eq!(Some(row.payment), row.commercial_payment);
    // 等额本金: 1,100,000 / 360 = 3,055.56 of principal a month.
    assert_eq!(r.rows[0].commercial_principal, Some(d("3055.56")));
    assert_eq!(r.total_principal, d("2100000.00"));
}

#[test]
fn single_loans_have_one_part_and_rates_follow_the_term() {
    let fund = run(json!({"loan_type": "housing_fund", "loan_amount": "600000", "term_months": 60,
                          "disbursement_date": "2025-06-15"}));
    assert_eq!(fund.parts.len(), 1);
    assert_eq!(fund.parts[0].annual_rate, d("0.021"));
    assert!(fund.rows[0].fund_payment.is_none());
    let com = run(json!({"loan_type": "commercial", "loan_amount": "600000", "term_months": 60,
                         "disbursement_date": "2025-06-15"}));
    // Five years or less: the one-year LPR, 3.00%.
    assert_eq!(com.parts[0].annual_rate, d("0.03"));
    // A whole month to the first payment and no fee: the APR is the rate.
    assert_eq!(com.apr.nominal, d("0.030000"));
}

#[test]
fn the_repayment_day_sets_the_first_payment_in_the_next_month() {
    let mut body = combination();
    body["repayment_day"] = json!(20);
    let r = run(body);
    assert_eq!(r.first_payment_date, "2025-07-20");
    // An odd first period of 35 days: 1,000,000 × 2.6% × 35 / 360 = 2,527.78 of interest.
    assert_eq!(r.parts[0].schedule.rows[0].interest, d("2527.78"));
    assert_eq!(r.rows[1].date, "2025-08-20");
    // 月末: the last day of every month, even after a 30-day first month.
    let mut body = combination();
    body["disbursement_date"] = json!("2025-03-10");
    body["repayment_day"] = json!(31);
    let r = run(body);
    let dates: Vec<&str> = r.rows[..4].iter().map(|r| r.date.as_str()).collect();
    assert_eq!(dates, ["2025-04-30", "2025-05-31", "2025-06-30", "2025-07-31"]);
    assert_eq!(r.parts[1].schedule.rows[1].date.as_deref(), Some("2025-05-31"));
    assert_eq!(r.rows[10].date, "2026-02-28");
}

#[test]
fn an_assumed_lpr_reprices_on_1_january_or_the_anniversary() {
    let body = |repricing: &str| {
        json!({"loan_type": "commercial", "loan_amount": "1000000", "term_months": 360,
               "disbursement_date": "2025-06-15", "repayment_day": 20,
               "commercial": {"spread_bp": -30, "repricing": repricing,
                   "assumed_lpr": {"from_date": "2025-12-01", "lpr": "0.03"}}})
    };
    let r = run(body("january_1"));
    let c = &r.parts[0].rate_changes;
    assert_eq!(c.len(), 1);
    // Payments on the 20th from 2025-07-20: the period starting 2026-01-20 (period 8, paid
    // 2026-02-20) is the first to start on or after 2026-01-01.
    assert_eq!((c[0].date.as_str(), c[0].from_period), ("2026-01-01", 8));
    assert_eq!((c[0].lpr, c[0].annual_rate), (d("0.03"), d("0.0270")));
    let rows = &r.parts[0].schedule.rows;
    // Period 7 still at 3.20%, period 8 at 2.70%: interest = balance × rate / 12, half-up.
    let at = |k: usize, rate: &str| {
        (rows[k - 2].balance * d(rate) / Decimal::from(12))
            .round_dp_with_strategy(2, rust_decimal::RoundingStrategy::MidpointAwayFromZero)
    };
    assert_eq!(rows[6].interest, at(7, "0.032"));
    assert_eq!(rows[7].interest, at(8, "0.027"));
    assert!(rows[7].payment < rows[6].payment);
    // The anniversary: 2026-06-15 falls in the period starting 2026-06-20 → period 13.
    let r = run(body("anniversary"));
    let c = &r.parts[0].rate_changes;
    assert_eq!((c[0].date.as_str(), c[0].from_period), ("2026-06-15", 13));
    // A 24-month cycle on 1 January: 2026-01-01, 2028-01-01…; an LPR assumed from 2027 waits.
    let mut b = body("january_1");
    b["commercial"]["reset_cycle_months"] = json!(24);
    b["commercial"]["assumed_lpr"]["from_date"] = json!("2027-03-01");
    let c = run(b).parts[0].rate_changes.clone();
    assert_eq!((c[0].date.as_str(), c[0].from_period), ("2028-01-01", 32));
    // No assumed LPR: the rate never changes.
    let mut b = body("january_1");
    b["commercial"].as_object_mut().unwrap().remove("assumed_lpr");
    assert!(run(b).parts[0].rate_changes.is_empty());
}

#[test]
fn an_assumed_lpr_from_before_disbursement_is_the_rate_from_the_start() {
    let r = run(json!({"loan_type": "commercial", "loan_amount": "1000000", "term_months": 120,
        "disbursement_date": "2025-06-15", "commercial": {"spread_bp": 20,
        "assumed_lpr": {"from_date": "2025-01-01", "lpr": "0.031"}}}));
    assert_eq!(r.parts[0].annual_rate, d("0.0330"));
    assert!(r.parts[0].rate_changes.is_empty());
}

#[test]
fn bad_input_names_the_field() {
    let cases: Vec<(Value, &str)> = vec![
        (
            json!({"loan_type": "commercial", "term_months": 360, "disbursement_date": "2025-06-15"}),
            "loan_amount",
        ),
        (
            json!({"loan_type": "commercial", "loan_amount": "1", "house_price": "2",
                "down_payment_rate": "0.3", "term_months": 360, "disbursement_date": "2025-06-15"}),
            "loan_amount",
        ),
        (
            json!({"loan_type": "commercial", "house_price": "100", "term_months": 360,
                "disbursement_date": "2025-06-15"}),
            "down_payment_rate",
        ),
        (
            json!({"loan_type": "commercial", "house_price": "100", "down_payment_rate": "1",
                "term_months": 360, "disbursement_date": "2025-06-15"}),
            "down_payment_rate",
        ),
        (
            json!({"loan_type": "commercial", "house_price": "0.01", "down_payment_rate": "0.9",
                "term_months": 360, "disbursement_date": "2025-06-15"}),
            "down_payment_rate",
        ),
        (
            json!({"loan_type": "commercial", "loan_amount": "1000", "term_months": 361,
                "disbursement_date": "2025-06-15"}),
            "term_months",
        ),
        (
            json!({"loan_type": "commercial", "loan_amount": "1000", "term_months": 12,
                "disbursement_date": "2200-12-01"}),
            "disbursement_date",
        ),
        (
            json!({"loan_type": "commercial", "loan_amount": "1000", "term_months": 12,
                "disbursement_date": "2025-06-15", "repayment_day": 29}),
            "repayment_day",
        ),
        (
            json!({"loan_type": "commercial", "loan_amount": "1000", "term_months": 12,
                "disbursement_date": "2025-06-15", "commercial": {"spread_bp": -400}}),
            "commercial.spread_bp",
        ),
        (
            json!({"loan_type": "commercial", "loan_amount": "1000", "term_months": 12,
                "disbursement_date": "2025-06-15", "commercial": {"spread_bp": 1001}}),
            "commercial.spread_bp",
        ),
        (
            json!({"loan_type": "commercial", "loan_amount": "1000", "term_months": 12,
                "disbursement_date": "2025-06-15", "commercial": {"reset_cycle_months": 0}}),
            "commercial.reset_cycle_months",
        ),
        (
            json!({"loan_type": "commercial", "loan_amount": "1000", "term_months": 12,
                "disbursement_date": "2025-06-15",
                "commercial": {"assumed_lpr": {"from_date": "2026-02-30", "lpr": "0.03"}}}),
            "commercial.assumed_lpr.from_date",
        ),
        (
            json!({"loan_type": "commercial", "loan_amount": "1000", "term_months": 12,
                "disbursement_date": "2025-06-15", "housing_fund": {}}),
            "housing_fund",
        ),
        (
            json!({"loan_type": "housing_fund", "loan_amount": "1000", "term_months": 12,
                "disbursement_date": "2025-06-15", "housing_fund": {"amount": "10"}}),
            "housing_fund.amount",
        ),
        (
            json!({"loan_type": "housing_fund", "loan_amount": "1000", "term_months": 12,
                "disbursement_date": "2025-06-15", "housing_fund": {"annual_rate": "0.3"}}),
            "housing_fund.annual_rate",
        ),
        (
            json!({"loan_type": "combination", "loan_amount": "1000", "term_months": 12,
                "disbursement_date": "2025-06-15"}),
            "housing_fund.amount",
        ),
        (
            json!({"loan_type": "combination", "loan_amount": "1000", "term_months": 12,
                "disbursement_date": "2025-06-15", "housing_fund": {"amount": "1000"}}),
            "housing_fund.amount",
        ),
        (
            json!({"loan_type": "combination", "loan_amount": "1000", "term_months": 12,
                "disbursement_date": "2025-06-15", "housing_fund": {"amount": "500",
                "term_months": 0}}),
            "housing_fund.term_months",
        ),
        (
            json!({"loan_type": "mixed", "loan_amount": "1000", "term_months": 12,
                "disbursement_date": "2025-06-15"}),
            "loan_type",
        ),
    ];
    for (body, field) in cases {
        assert_eq!(error_field(body.clone()), field, "{body}");
    }
}

#[test]
fn the_result_parses_back() {
    let r = run(combination());
    let text = serde_json::to_string(&r).unwrap();
    assert_eq!(from_json::<MortgageResult>(&text).unwrap(), r);
}

/// The API's error for `body`: (field, message).
fn error(body: Value) -> (String, String) {
    let e = match from_json::<MortgageRequest>(&body.to_string()) {
        Err(e) => e,
        Ok(req) => compute(&req).expect_err("an error"),
    };
    (e.field, e.message)
}

#[test]
fn every_error_names_the_field_and_its_allowed_range() {
    let base = json!({"loan_type": "commercial", "loan_amount": "1000", "term_months": 12,
                      "disbursement_date": "2025-06-15"});
    let with = |path: &[&str], v: Value| {
        let mut b = base.clone();
        let mut at = &mut b;
        for k in &path[..path.len() - 1] {
            at = at.as_object_mut().unwrap().entry(*k).or_insert(json!({}));
        }
        at[path[path.len() - 1]] = v;
        b
    };
    let mut no_date = base.clone();
    no_date.as_object_mut().unwrap().remove("disbursement_date");
    let mut no_term = base.clone();
    no_term.as_object_mut().unwrap().remove("term_months");
    let mut fund = combination();
    fund["housing_fund"]["amount"] = json!("0.001");
    let cases: Vec<(Value, &str, &str)> = vec![
        (no_date, "disbursement_date", "is required"),
        (no_term, "term_months", "is required"),
        (fund, "housing_fund.amount", "must be within 0.01 to 2099999.99 CNY"),
        (with(&["term_months"], json!(-1)), "term_months", "months from 1 to 360"),
        (with(&["term_months"], json!(0)), "term_months", "months from 1 to 360"),
        (with(&["commercial", "term_months"], json!("12")), "commercial.term_months", "1 to 360"),
        (with(&["commercial", "spread_bp"], json!(1e3)), "commercial.spread_bp", "-1000 to 1000"),
        (
            with(&["commercial", "spread_bp"], json!(99_999_999_999u64)),
            "commercial.spread_bp",
            "-1000 to 1000",
        ),
        (with(&["commercial", "spread_bp"], json!(1001)), "commercial.spread_bp", "-1000 to 1000"),
        (with(&["repayment_day"], json!("20")), "repayment_day", "1 to 28, or 31"),
        (with(&["repayment_day"], json!(29)), "repayment_day", "1 to 28, or 31"),
        (
            with(&["commercial", "reset_cycle_months"], json!(-12)),
            "commercial.reset_cycle_months",
            "months from 1 to 120",
        ),
        // One upper date limit, whether the date is malformed, past the calendar or past it.
        (with(&["disbursement_date"], json!("2200-11-01")), "disbursement_date", "2200-10-31"),
        (with(&["disbursement_date"], json!("2201-01-01")), "disbursement_date", "2200-10-31"),
        (with(&["disbursement_date"], json!("2025-02-30")), "disbursement_date", "2200-10-31"),
    ];
    for (body, field, words) in cases {
        let (f, m) = error(body.clone());
        assert_eq!(f, field, "{body}: {m}");
        assert!(m.contains(words), "{body}: {f}: {m}");
        assert!(!m.contains("u32") && !m.contains("i32"), "{body}: {m}");
    }
    // A repayment day that fits is still taken as a number.
    assert!(from_json::<MortgageRequest>(&with(&["repayment_day"], json!(20)).to_string()).is_ok());
    assert_eq!(
        from_json::<MortgageRequest>(&with(&["repayment_day"], Value::Null).to_string())
            .unwrap()
            .repayment_day,
        None
    );
}
