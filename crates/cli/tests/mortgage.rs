//! `loanlens mortgage`: a borrower's housing loan on the command line.

mod common;
use common::run;

/// 300万 at 30% down: 100万 housing fund, 110万 commercial at LPR − 30bp (docs/mortgage.md).
const COMBINATION: &str = r#"{"loan_type":"combination","house_price":"3000000",
  "down_payment_rate":"0.3","term_months":360,"disbursement_date":"2025-06-15",
  "repayment_day":15,"housing_fund":{"amount":"1000000"},"commercial":{"spread_bp":-30}}"#;

#[test]
fn json_gives_the_parts_and_the_combined_schedule() {
    let (code, out, _) = run(&["mortgage"], COMBINATION);
    assert_eq!(code, 0);
    let v: serde_json::Value = serde_json::from_str(&out).unwrap();
    assert_eq!(v["loan_amount"], "2100000.00");
    assert_eq!(v["first_payment"], "8760.54");
    assert_eq!(v["parts"][1]["schedule"]["first_payment"], "4757.14");
}

#[test]
fn csv_has_every_period_with_both_parts_columns() {
    let (code, out, _) = run(&["mortgage", "--format", "csv"], COMBINATION);
    assert_eq!(code, 0);
    let lines: Vec<&str> = out.lines().collect();
    assert_eq!(
        lines[0],
        "period,date,payment,principal,interest,balance,fund_payment,fund_principal,\
         fund_interest,fund_balance,commercial_payment,commercial_principal,\
         commercial_interest,commercial_balance"
    );
    assert_eq!(lines.len(), 361);
    let first: Vec<&str> = lines[1].split(',').collect();
    assert_eq!(&first[..3], ["1", "2025-07-15", "8760.54"]);
    assert_eq!((first[6], first[10]), ("4003.40", "4757.14"));
    assert!(lines[360].starts_with("360,2055-06-15,"), "{}", lines[360]);
}

#[test]
fn a_single_loan_table_has_no_part_columns_and_ends_with_totals() {
    let body = r#"{"loan_type":"housing_fund","loan_amount":"1000000","term_months":360,
      "disbursement_date":"2025-06-15"}"#;
    let (code, out, _) = run(&["mortgage", "--format", "table"], body);
    assert_eq!(code, 0, "{out}");
    assert_eq!(out.lines().next().unwrap(), "period  date  payment  principal  interest  balance");
    assert!(out.lines().nth(1).unwrap().starts_with("1  2025-07-15  4003.40  "), "{out}");
    assert!(out.lines().last().unwrap().starts_with("loan amount 1000000.00  total interest "));
}

#[test]
fn bad_input_names_the_field_and_exits_2() {
    let body = COMBINATION.replace(r#""repayment_day":15"#, r#""repayment_day":30"#);
    let (code, out, err) = run(&["mortgage"], &body);
    assert_eq!(code, 2);
    assert!(out.is_empty());
    let v: serde_json::Value = serde_json::from_str(&err).unwrap();
    assert_eq!(v["error"]["field"], "repayment_day");
    assert!(v["error"]["message"].as_str().unwrap().contains("31"), "{err}");
}
