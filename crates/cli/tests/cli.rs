//! The `loanlens` binary as finance staff use it: JSON in, schedule out.

use std::io::Write;
use std::process::{Command, Stdio};

fn run(args: &[&str], stdin: &str) -> (i32, String, String) {
    let mut child = Command::new(env!("CARGO_BIN_EXE_loanlens"))
        .args(args)
        .stdin(Stdio::piped())
        .stdout(Stdio::piped())
        .stderr(Stdio::piped())
        .spawn()
        .unwrap();
    // The CLI may exit (bad arguments) before reading stdin; a broken pipe is fine then.
    let _ = child.stdin.take().unwrap().write_all(stdin.as_bytes());
    let out = child.wait_with_output().unwrap();
    (
        out.status.code().unwrap_or(-1),
        String::from_utf8(out.stdout).unwrap(),
        String::from_utf8(out.stderr).unwrap(),
    )
}

const MORTGAGE: &str = r#"{"principal":"1000000.00","annual_rate":"0.049","term_months":360,"method":"equal_installment"}"#;

#[test]
fn schedule_prints_json_with_the_bank_figure() {
    let (code, out, _) = run(&["schedule"], MORTGAGE);
    assert_eq!(code, 0);
    let v: serde_json::Value = serde_json::from_str(&out).unwrap();
    assert_eq!(v["first_payment"], "5307.27");
    assert_eq!(v["rows"][359]["balance"], "0.00");
}

#[test]
fn schedule_as_csv_has_one_line_per_period() {
    let (code, out, _) = run(&["schedule", "--format", "csv"], MORTGAGE);
    assert_eq!(code, 0);
    let lines: Vec<&str> = out.lines().collect();
    assert_eq!(lines.len(), 361);
    assert_eq!(lines[0], "period,date,payment,principal,interest,fee,balance");
    assert!(lines[1].starts_with("1,,5307.27,1223.94,4083.33,0.00,"), "{}", lines[1]);
}

#[test]
fn schedule_reads_a_file_and_prints_a_table() {
    let dir = std::env::temp_dir().join(format!("loanlens-cli-{}", std::process::id()));
    std::fs::create_dir_all(&dir).unwrap();
    let path = dir.join("req.json");
    std::fs::write(&path, MORTGAGE).unwrap();
    let (code, out, _) = run(&["schedule", path.to_str().unwrap(), "--format", "table"], "");
    assert_eq!(code, 0);
    assert!(out.contains("5307.27"));
    assert!(out.contains("total interest"));
}

#[test]
fn bad_input_exits_2_with_a_field_error() {
    let (code, out, err) = run(
        &["schedule"],
        r#"{"principal":"-5","annual_rate":"0.049","term_months":12,"method":"bullet"}"#,
    );
    assert_eq!(code, 2);
    assert!(out.is_empty());
    let v: serde_json::Value = serde_json::from_str(err.trim()).unwrap();
    assert_eq!(v["error"]["field"], "principal");
    let (code, _, err) = run(&["schedule"], "not json");
    assert_eq!(code, 2);
    assert!(err.contains("\"body\""));
    let (code, _, _) = run(&["schedule", "--format", "xml"], MORTGAGE);
    assert_eq!(code, 64);
}

#[test]
fn compare_lists_every_method_and_equal_principal_costs_least_interest() {
    let (code, out, err) =
        run(&["compare"], r#"{"principal":"1000000.00","annual_rate":"0.049","term_months":360}"#);
    assert_eq!(code, 0, "{err}");
    let v: serde_json::Value = serde_json::from_str(&out).unwrap();
    assert_eq!(v["results"].as_array().unwrap().len(), 5);
    assert_eq!(v["least_interest"], "equal_principal");
    let (code, out, _) = run(
        &["compare", "--format", "csv"],
        r#"{"principal":"1000000.00","annual_rate":"0.049","term_months":360}"#,
    );
    assert_eq!(code, 0);
    assert!(out.lines().any(|l| l.starts_with("equal_installment,360,5307.27,")), "{out}");
}

#[test]
fn solve_exposes_the_real_cost_of_an_offer() {
    // "Borrow 10,000, pay 950 a month for 12 months": numpy-financial's rate() gives a monthly
    // IRR of 2.0757% → 24.91% a year nominal.
    let (code, out, err) = run(
        &["solve"],
        r#"{"solve":"implied_rate","principal":"10000","payment":"950","term_months":12}"#,
    );
    assert_eq!(code, 0, "{err}");
    let v: serde_json::Value = serde_json::from_str(&out).unwrap();
    let rate: f64 = v["annual_rate"].as_str().unwrap().parse().unwrap();
    assert!((rate - 0.249089).abs() < 0.00001, "{rate}");
    assert_eq!(v["schedule"]["first_payment"], "950.00");
}

#[test]
fn xirr_of_dated_flows() {
    // Excel: XIRR({-10000, 2750, 4250, 3250, 2750}, {2008-01-01, 2008-03-01, 2008-10-30,
    // 2009-02-15, 2009-04-01}) = 0.373362535 (Microsoft's documented example).
    let (code, out, err) = run(
        &["xirr"],
        r#"{"flows":[{"date":"2008-01-01","amount":"-10000"},{"date":"2008-03-01","amount":"2750"},
            {"date":"2008-10-30","amount":"4250"},{"date":"2009-02-15","amount":"3250"},
            {"date":"2009-04-01","amount":"2750"}]}"#,
    );
    assert_eq!(code, 0, "{err}");
    let v: serde_json::Value = serde_json::from_str(&out).unwrap();
    let x: f64 = v["xirr"].as_str().unwrap().parse().unwrap();
    assert!((x - 0.373362535).abs() < 1e-8, "{x}");
    let (code, _, err) = run(&["xirr"], r#"{"flows":[{"date":"2025-01-01","amount":"100"}]}"#);
    assert_eq!(code, 2);
    assert!(err.contains("flows"), "{err}");
}

#[test]
fn help_prints_usage_for_the_tool_and_each_command() {
    let (code, out, err) = run(&["--help"], "");
    assert_eq!(code, 0, "{err}");
    for command in ["schedule", "compare", "solve", "xirr"] {
        assert!(out.contains(command), "{out}");
    }
    assert!(out.contains("Usage: loanlens <COMMAND>"), "{out}");
    for command in ["schedule", "compare", "solve", "xirr"] {
        let (code, out, err) = run(&[command, "--help"], "");
        assert_eq!(code, 0, "{err}");
        assert!(out.contains(&format!("Usage: loanlens {command}")), "{out}");
        assert!(out.contains("--format") && out.contains("json, csv, table"), "{out}");
    }
    let (code, _, err) = run(&["frobnicate"], "");
    assert_eq!(code, 2);
    let v: serde_json::Value = serde_json::from_str(err.trim()).unwrap();
    assert_eq!(v["error"]["field"], "command");
}
