//! `loanlens invest`: an investor compares products on the command line.

mod common;
use common::run;

/// One 10,000 at 10% for 12 months in three structures (the golden worked example).
const THREE: &str = r#"{"products":[
  {"name":"installment","amount":"10000","annual_rate":"0.10","term_months":12,
   "structure":"equal_installment","start_date":"2025-01-15"},
  {"name":"interest only","amount":"10000","annual_rate":"0.10","term_months":12,
   "structure":"interest_only","start_date":"2025-01-15"},
  {"name":"bullet","amount":"10000","annual_rate":"0.10","term_months":12,
   "structure":"bullet","start_date":"2025-01-15"}],"horizon_date":"2026-03-01",
 "reinvestment_rate":"0.02"}"#;

#[test]
fn json_gives_each_products_xirr_and_interest() {
    let (code, out, _) = run(&["invest"], THREE);
    assert_eq!(code, 0);
    let v: serde_json::Value = serde_json::from_str(&out).unwrap();
    assert_eq!(v["schema_version"], 1);
    assert_eq!(v["products"][0]["total_interest"], "549.89");
    assert_eq!(v["products"][1]["total_interest"], "999.96");
    assert_eq!(v["products"][2]["total_interest"], "1000.00");
    assert_eq!(v["products"][2]["xirr"], "0.1000000000");
    assert_eq!(v["products"][0]["flows"].as_array().unwrap().len(), 13);
    assert_eq!(v["by_xirr"], serde_json::json!([0, 1, 2]));
}

#[test]
fn csv_has_a_header_and_one_line_per_product() {
    let dir = std::env::temp_dir().join(format!("loanlens-invest-{}", std::process::id()));
    std::fs::create_dir_all(&dir).unwrap();
    let file = dir.join("req.json");
    std::fs::write(&file, THREE).unwrap();
    let (code, out, _) = run(&["invest", file.to_str().unwrap(), "--format", "csv"], "");
    assert_eq!(code, 0);
    let lines: Vec<&str> = out.lines().collect();
    assert_eq!(
        lines[0],
        "name,xirr,total_interest,net_interest,total_fees,terminal_wealth,rank_by_xirr,\
         rank_by_terminal_wealth"
    );
    assert_eq!(lines.len(), 4);
    assert!(lines[3].starts_with("bullet,0.1000000000,1000.00,1000.00,0.00,"), "{}", lines[3]);
    assert!(lines[3].ends_with(",11026.89,3,2"), "{}", lines[3]);
    let _ = std::fs::remove_dir_all(dir);
}

#[test]
fn table_without_a_horizon_marks_the_missing_wealth() {
    let body =
        THREE.replace(",\"horizon_date\":\"2026-03-01\",\n \"reinvestment_rate\":\"0.02\"", "");
    assert!(!body.contains("horizon"));
    let (code, out, _) = run(&["invest", "--format", "table"], &body);
    assert_eq!(code, 0, "{out}");
    let line = out.lines().find(|l| l.starts_with("interest only")).unwrap();
    let cells: Vec<&str> = line.split("  ").collect();
    assert_eq!(cells[2], "999.96");
    assert_eq!(cells[5], "-");
    assert_eq!(cells[7], "-");
}

#[test]
fn bad_input_names_the_field_and_exits_2() {
    let body = THREE.replacen(
        r#""start_date":"2025-01-15"}"#,
        r#""start_date":"2025-01-15","idle_days":-1}"#,
        1,
    );
    let (code, out, err) = run(&["invest"], &body);
    assert_eq!(code, 2);
    assert!(out.is_empty());
    let v: serde_json::Value = serde_json::from_str(&err).unwrap();
    assert_eq!(v["error"]["field"], "products[0].idle_days");
    let (code, _, err) = run(&["invest"], r#"{"products":[]}"#);
    assert_eq!(code, 2);
    let v: serde_json::Value = serde_json::from_str(&err).unwrap();
    assert_eq!(v["error"]["field"], "products");
}

#[test]
fn help_describes_the_command() {
    let (code, out, _) = run(&["invest", "--help"], "");
    assert_eq!(code, 0);
    assert!(out.contains("Compare investment products"), "{out}");
    assert!(out.contains("--format"), "{out}");
    let (_, out, _) = run(&["--help"], "");
    assert!(out.contains("invest"), "{out}");
}
