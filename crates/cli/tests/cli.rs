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
    child.stdin.take().unwrap().write_all(stdin.as_bytes()).unwrap();
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
