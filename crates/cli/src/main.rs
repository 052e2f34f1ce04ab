//! `loanlens`: the LoanLens engine on the command line.
//!
//! ```text
//! loanlens schedule [FILE] [--format json|csv|table]   # request JSON from FILE or stdin
//! ```
//! Output goes to stdout; an input error is printed to stderr as
//! `{"error":{"field":…,"message":…}}` with exit status 2.

use loanlens_core::schema::{from_json, ErrorBody, Schedule, ScheduleRequest};
use loanlens_core::InputError;
use std::io::{Read, Write};
use std::process::ExitCode;

const USAGE: &str = "usage: loanlens schedule [FILE] [--format json|csv|table]
  Reads a JSON request from FILE (or stdin when FILE is absent or '-') and prints the result.
  Example: echo '{\"principal\":\"1000000.00\",\"annual_rate\":\"0.049\",\"term_months\":360,\"method\":\"equal_installment\"}' | loanlens schedule --format table";

#[derive(Clone, Copy, PartialEq, Debug)]
enum Format {
    Json,
    Csv,
    Table,
}

struct Args {
    command: String,
    file: Option<String>,
    format: Format,
}

fn parse_args(args: &[String]) -> Result<Args, String> {
    let mut it = args.iter();
    let command = it.next().ok_or("missing command")?.clone();
    let mut file = None;
    let mut format = Format::Json;
    while let Some(a) = it.next() {
        match a.as_str() {
            "--format" | "-f" => {
                format = match it.next().map(String::as_str) {
                    Some("json") => Format::Json,
                    Some("csv") => Format::Csv,
                    Some("table") => Format::Table,
                    other => {
                        return Err(format!("--format must be json, csv or table, not {other:?}"))
                    }
                }
            }
            "-h" | "--help" => return Err(String::new()),
            "-" => file = None,
            f if !f.starts_with('-') && file.is_none() => file = Some(f.to_string()),
            other => return Err(format!("unexpected argument {other:?}")),
        }
    }
    Ok(Args { command, file, format })
}

fn read_input(file: &Option<String>) -> Result<String, String> {
    let mut text = String::new();
    match file {
        Some(path) => {
            text = std::fs::read_to_string(path).map_err(|e| format!("cannot read {path}: {e}"))?
        }
        None => {
            std::io::stdin()
                .take(16 * 1024 * 1024)
                .read_to_string(&mut text)
                .map_err(|e| format!("cannot read stdin: {e}"))?;
        }
    }
    Ok(text)
}

fn render_schedule(s: &Schedule, format: Format) -> String {
    match format {
        Format::Json => serde_json::to_string_pretty(s).unwrap_or_default() + "\n",
        Format::Csv => {
            let mut out = String::from("period,date,payment,principal,interest,fee,balance\n");
            for r in &s.rows {
                out.push_str(&format!(
                    "{},{},{},{},{},{},{}\n",
                    r.period,
                    r.date.as_deref().unwrap_or(""),
                    r.payment,
                    r.principal,
                    r.interest,
                    r.fee,
                    r.balance
                ));
            }
            out
        }
        Format::Table => {
            let mut out = format!(
                "{:>6} {:>10} {:>16} {:>16} {:>14} {:>10} {:>18}\n",
                "period", "date", "payment", "principal", "interest", "fee", "balance"
            );
            for r in &s.rows {
                out.push_str(&format!(
                    "{:>6} {:>10} {:>16} {:>16} {:>14} {:>10} {:>18}\n",
                    r.period,
                    r.date.as_deref().unwrap_or("-"),
                    r.payment,
                    r.principal,
                    r.interest,
                    r.fee,
                    r.balance
                ));
            }
            out.push_str(&format!(
                "total payment {}  total interest {}  total fees {}  APR nominal {} effective {}\n",
                s.total_payment, s.total_interest, s.total_fees, s.apr.nominal, s.apr.effective
            ));
            out
        }
    }
}

fn run(args: &Args) -> Result<String, InputError> {
    let text = read_input(&args.file).map_err(|m| InputError::new("input", m))?;
    match args.command.as_str() {
        "schedule" => {
            let req: ScheduleRequest = from_json(&text)?;
            Ok(render_schedule(&loanlens_core::schedule(&req)?, args.format))
        }
        other => {
            Err(InputError::new("command", format!("unknown command {other:?}; expected schedule")))
        }
    }
}

fn main() -> ExitCode {
    let argv: Vec<String> = std::env::args().skip(1).collect();
    let args = match parse_args(&argv) {
        Ok(a) => a,
        Err(msg) => {
            if !msg.is_empty() {
                eprintln!("loanlens: {msg}");
            }
            eprintln!("{USAGE}");
            return if msg.is_empty() { ExitCode::SUCCESS } else { ExitCode::from(64) };
        }
    };
    match run(&args) {
        Ok(out) => {
            let mut stdout = std::io::stdout().lock();
            // A closed pipe (`| head`) is not an error worth a panic.
            let _ = stdout.write_all(out.as_bytes());
            ExitCode::SUCCESS
        }
        Err(error) => {
            let body = serde_json::to_string(&ErrorBody { error }).unwrap_or_default();
            eprintln!("{body}");
            ExitCode::from(2)
        }
    }
}
