//! Investor returns (issue 10): golden vectors computed independently, Excel's XIRR example,
//! bad input named by its JSON path, rankings and the explanation sentences.

mod invest_golden;

use loanlens_core::invest::{compare, InvestRequest, InvestResponse};
use loanlens_core::schema::{from_json, XirrRequest};
use rust_decimal::Decimal;
use serde_json::{json, Value};

fn product(name: &str, structure: &str) -> Value {
    json!({"name": name, "amount": "10000", "annual_rate": "0.10", "term_months": 12,
           "structure": structure, "start_date": "2025-01-15"})
}

fn run(body: &Value) -> Result<InvestResponse, loanlens_core::InputError> {
    compare(&from_json::<InvestRequest>(&body.to_string())?)
}

fn three() -> Value {
    json!({"products": [product("EI", "equal_installment"), product("EP", "equal_principal"),
                        product("IO", "interest_only")]})
}

#[test]
fn golden_vectors_match_the_python_reference() {
    let (failures, checked) = invest_golden::golden_failures();
    assert_eq!(checked, 11);
    assert!(failures.is_empty(), "{}", failures.join("\n"));
}

#[test]
fn excel_documented_xirr_example() {
    // Microsoft's XIRR help page: these five flows give 0.373362535 (37.34%).
    let req: XirrRequest = from_json(
        r#"{"flows":[{"date":"2008-01-01","amount":"-10000"},{"date":"2008-03-01","amount":"2750"},
        {"date":"2008-10-30","amount":"4250"},{"date":"2009-02-15","amount":"3250"},
        {"date":"2009-04-01","amount":"2750"}]}"#,
    )
    .unwrap();
    let x = loanlens_core::xirr(&req).unwrap().xirr;
    // The exact root is 0.37336253351…; Excel stops iterating within a few 1e-9 of it.
    assert!((x - Decimal::new(373362535, 9)).abs() <= Decimal::new(2, 9), "{x}");
}

#[test]
fn three_structures_at_the_same_rate_differ_in_interest_and_xirr() {
    let r = run(&three()).unwrap();
    let ti: Vec<String> = r.products.iter().map(|p| p.total_interest.to_string()).collect();
    assert_eq!(ti, ["549.89", "541.66", "999.96"]);
    // Equal principal returns capital fastest: least interest, highest XIRR.
    assert_eq!(r.by_xirr, vec![1, 0, 2]);
    assert_eq!(r.products[1].rank_by_xirr, 1);
    assert_eq!(r.products[2].rank_by_xirr, 3);
    assert!(r.by_terminal_wealth.is_none());
    // Interest-only keeps the whole amount at work; amortising ones hold about half of it.
    assert_eq!(r.products[2].average_capital.to_string(), "10000.00");
    assert!(r.products[0].average_capital < Decimal::from(5500));
    for p in &r.products {
        let annual = p.annual_return_on_average_capital;
        assert!(annual > Decimal::new(99, 3) && annual < Decimal::new(101, 3), "{annual}");
    }
}

#[test]
fn explanations_name_the_cause_in_both_languages() {
    let mut body = three();
    body["products"][0]["idle_days"] = json!(5);
    body["products"][2]["fee_rate_on_interest"] = json!("0.1");
    let r = run(&body).unwrap();
    let ei = &r.products[0].explanation;
    assert!(ei.en.contains("Capital comes back every month"), "{}", ei.en);
    assert!(ei.en.contains("idle for 5 days"), "{}", ei.en);
    assert!(ei.zh.contains("站岗5天"), "{}", ei.zh);
    let io = &r.products[2].explanation;
    assert!(io.en.contains("held to the end"), "{}", io.en);
    assert!(io.en.contains("keeps 10.00% of each interest payment (99.96)"), "{}", io.en);
    assert!(io.zh.contains("平台抽取每期利息的10.00%"), "{}", io.zh);
    let x = format!(
        "{}%",
        loanlens_core::money::round_rate(r.products[2].xirr * Decimal::ONE_HUNDRED, 2)
    );
    assert!(
        io.en.ends_with(&format!("its XIRR is {x} against a quoted rate of 10.00%.")),
        "{}",
        io.en
    );
    assert!(io.zh.ends_with("。"));
}

#[test]
fn terminal_wealth_ranks_by_value_at_the_horizon() {
    let mut body = three();
    body["horizon_date"] = json!("2026-01-15");
    // Reinvesting at 0% the products rank by net interest; XIRR ranks them the other way.
    body["reinvestment_rate"] = json!("0");
    let r = run(&body).unwrap();
    let tw: Vec<String> =
        r.products.iter().map(|p| p.terminal_wealth.unwrap().to_string()).collect();
    assert_eq!(tw, ["10549.89", "10541.66", "10999.96"]);
    assert_eq!(r.by_terminal_wealth, Some(vec![2, 0, 1]));
    assert_eq!(r.products[2].rank_by_terminal_wealth, Some(1));
    // Reinvesting at each product's own XIRR, wealth is amount × (1 + xirr)^(days/365).
    let mut one = three();
    one["horizon_date"] = json!("2026-01-15");
    one["reinvestment_rate"] = json!(r.products[2].xirr.to_string());
    let r = run(&one).unwrap();
    let tw = r.products[2].terminal_wealth.unwrap();
    let direct = Decimal::from(10000) * (Decimal::ONE + r.products[2].xirr);
    assert!((tw - direct).abs() <= Decimal::new(1, 2), "{tw} vs {direct}");
}

#[test]
fn a_horizon_before_maturity_discounts_the_later_flows() {
    // Wealth at two horizons differs by exactly the reinvestment growth between them, whether
    // the flows fall before the horizon (grown) or after it (discounted).
    let at = |h: &str| {
        let mut body = three();
        body["horizon_date"] = json!(h);
        body["reinvestment_rate"] = json!("0.05");
        let r = run(&body).unwrap();
        r.products.iter().map(|p| p.terminal_wealth.unwrap()).collect::<Vec<_>>()
    };
    let (early, late) = (at("2025-07-15"), at("2026-01-15"));
    let days = 184.0; // 2025-07-15 to 2026-01-15
    for (e, l) in early.iter().zip(&late) {
        let e: f64 = e.to_string().parse().unwrap();
        let l: f64 = l.to_string().parse().unwrap();
        assert!((e * 1.05f64.powf(days / 365.0) - l).abs() < 0.02, "{e} {l}");
        assert!(e < l);
    }
}

#[test]
fn serialises_in_the_v1_style_and_parses_back() {
    let r = run(&three()).unwrap();
    let v = serde_json::to_value(&r).unwrap();
    assert_eq!(v["schema_version"], 1);
    assert_eq!(v["products"][0]["flows"][0], json!({"date": "2025-01-15", "amount": "-10000.00"}));
    assert_eq!(v["products"][0]["xirr"], "0.1051632297");
    assert_eq!(v["products"][0]["structure"], "equal_installment");
    assert_eq!(v["products"][0]["kind"], "loan");
    let back: InvestResponse = from_json(&v.to_string()).unwrap();
    assert_eq!(back, r);
}

fn field_of(body: &Value) -> String {
    match run(body) {
        Ok(_) => "accepted".to_string(),
        Err(e) => {
            assert!(!e.message.is_empty());
            e.field
        }
    }
}

#[test]
fn bad_input_names_the_field() {
    let set = |path: &str, i: usize, v: Value| {
        let mut b = three();
        b["products"][i][path] = v;
        b
    };
    assert_eq!(field_of(&set("idle_days", 2, json!(-1))), "products[2].idle_days");
    assert_eq!(field_of(&set("idle_days", 1, json!(366))), "products[1].idle_days");
    assert_eq!(field_of(&set("term_months", 0, json!(0))), "products[0].term_months");
    assert_eq!(field_of(&set("term_months", 0, json!(601))), "products[0].term_months");
    assert_eq!(
        field_of(&set("fee_rate_on_interest", 1, json!("1"))),
        "products[1].fee_rate_on_interest"
    );
    assert_eq!(
        field_of(&set("fee_rate_on_interest", 1, json!("-0.01"))),
        "products[1].fee_rate_on_interest"
    );
    assert_eq!(field_of(&set("amount", 2, json!("0"))), "products[2].amount");
    assert_eq!(field_of(&set("amount", 2, json!("-5"))), "products[2].amount");
    assert_eq!(field_of(&set("amount", 2, json!("1.001"))), "products[2].amount");
    assert_eq!(field_of(&set("amount", 2, json!(100))), "products[2].amount");
    assert_eq!(field_of(&set("annual_rate", 0, json!("1.5"))), "products[0].annual_rate");
    assert_eq!(field_of(&set("start_date", 0, json!("2025-02-30"))), "products[0].start_date");
    assert_eq!(field_of(&set("start_date", 0, json!("2200-06-01"))), "products[0].term_months");
    assert_eq!(field_of(&set("name", 0, json!(" "))), "products[0].name");
    assert_eq!(field_of(&set("structure", 0, json!("flat_rate"))), "products[0].structure");
    assert_eq!(field_of(&set("colour", 0, json!("red"))), "products[0].colour");
    let mut no_structure = three();
    no_structure["products"][1].as_object_mut().unwrap().remove("structure");
    assert_eq!(field_of(&no_structure), "products[1].structure");
    let deposit_with_structure = set("kind", 1, json!("time_deposit"));
    assert_eq!(field_of(&deposit_with_structure), "products[1].structure");

    let mut one = three();
    one["products"].as_array_mut().unwrap().truncate(1);
    assert_eq!(field_of(&one), "products");
    let mut nine = three();
    let p = nine["products"][0].clone();
    nine["products"] = Value::Array(vec![p; 9]);
    assert_eq!(field_of(&nine), "products");

    let mut early = three();
    early["horizon_date"] = json!("2025-01-14");
    early["reinvestment_rate"] = json!("0.02");
    let e = run(&early).unwrap_err();
    assert_eq!(e.field, "horizon_date");
    assert!(e.message.contains("products[0].start_date (2025-01-15)"), "{}", e.message);
    let mut half = three();
    half["horizon_date"] = json!("2026-01-14");
    assert_eq!(field_of(&half), "reinvestment_rate");
    let mut far = three();
    far["horizon_date"] = json!("2200-01-01");
    far["reinvestment_rate"] = json!("1");
    assert_eq!(field_of(&far), "horizon_date");
}

#[test]
fn a_product_with_no_interest_has_a_zero_xirr_not_an_error() {
    let mut b = three();
    b["products"][0]["annual_rate"] = json!("0");
    let r = run(&b).unwrap();
    assert_eq!(r.products[0].xirr, Decimal::ZERO);
    assert_eq!(r.products[0].net_interest.to_string(), "0.00");
    assert_eq!(r.by_xirr[2], 0);
}
