//! `loanlens`: the LoanLens engine on the command line.
//!
//! ```text
//! loanlens schedule|compare|solve|xirr [FILE] [--format json|csv|table]
//! ```
//! The request is the v1 JSON schema (docs/schema.md), read from FILE or stdin.
//! Output goes to stdout; an input error is printed to stderr as
//! `{"error":{"field":…,"message":…}}` with exit status 2.

use loanlens_core::schema::{
    from_json, CompareRequest, CompareResponse, ErrorBody, Schedule, ScheduleRequest, SolveRequest,
    XirrRequest,
};
use loanlens_core::InputError;
use std::io::{Read, Write};
use std::process::ExitCode;

const USAGE: &str = "usage: loanlens schedule|compare|solve|xirr [FILE] [--format json|csv|table]
  Reads a v1 JSON request from FILE (or stdin when FILE is absent or '-') and prints the result.
  schedule: a repayment schedule; compare: every method for one loan; solve: max_principal,
  min_term or implied_rate; xirr: the annual IRR of dated cash flows.
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

/// One schedule row as text cells; `blank` stands for a missing date.
fn row_cells(r: &loanlens_core::schema::Row, blank: &str) -> [String; 7] {
    [
        r.period.to_string(),
        r.date.clone().unwrap_or_else(|| blank.to_string()),
        r.payment.to_string(),
        r.principal.to_string(),
        r.interest.to_string(),
        r.fee.to_string(),
        r.balance.to_string(),
    ]
}

const ROW_HEAD: [&str; 7] =
    ["period", "date", "payment", "principal", "interest", "fee", "balance"];

fn render_schedule(s: &Schedule, format: Format) -> String {
    match format {
        Format::Json => json(s),
        Format::Csv => {
            let mut out = ROW_HEAD.join(",") + "\n";
            for r in &s.rows {
                out.push_str(&(row_cells(r, "").join(",") + "\n"));
            }
            out
        }
        Format::Table => {
            const WIDTHS: [usize; 7] = [6, 10, 16, 16, 14, 10, 18];
            let line = |cells: &[String]| {
                let padded: Vec<String> =
                    cells.iter().zip(WIDTHS).map(|(c, w)| format!("{c:>w$}")).collect();
                padded.join(" ") + "\n"
            };
            let mut out = line(&ROW_HEAD.map(String::from));
            for r in &s.rows {
                out.push_str(&line(&row_cells(r, "-")));
            }
            out.push_str(&format!(
                "total payment {}  total interest {}  total fees {}  APR nominal {} effective {}\n",
                s.total_payment, s.total_interest, s.total_fees, s.apr.nominal, s.apr.effective
            ));
            out
        }
    }
}

fn render_compare(c: &CompareResponse, format: Format) -> String {
    match format {
        Format::Json => json(c),
        Format::Csv | Format::Table => {
            let sep = if format == Format::Csv { "," } else { "  " };
            let head = [
                "method",
                "periods",
                "first_payment",
                "last_payment",
                "total_interest",
                "total_fees",
                "total_payment",
                "apr_nominal",
                "apr_effective",
            ];
            let mut out = head.join(sep) + "\n";
            for r in &c.results {
                let cells = [
                    r.method.id().to_string(),
                    r.periods.to_string(),
                    r.first_payment.to_string(),
                    r.last_payment.to_string(),
                    r.total_interest.to_string(),
                    r.total_fees.to_string(),
                    r.total_payment.to_string(),
                    r.apr.nominal.to_string(),
                    r.apr.effective.to_string(),
                ];
                out.push_str(&(cells.join(sep) + "\n"));
            }
            out
        }
    }
}

fn json<T: serde::Serialize>(v: &T) -> String {
    serde_json::to_string_pretty(v).unwrap_or_default() + "\n"
}

/// Top-level scalar fields as `key,value` (csv) or `key  value` (table) lines.
fn render_fields<T: serde::Serialize>(v: &T, format: Format) -> String {
    if format == Format::Json {
        return json(v);
    }
    let sep = if format == Format::Csv { "," } else { "  " };
    let mut out = String::new();
    if let Ok(serde_json::Value::Object(map)) = serde_json::to_value(v) {
        for (k, v) in map {
            match v {
                serde_json::Value::String(s) => out.push_str(&format!("{k}{sep}{s}\n")),
                serde_json::Value::Number(n) => out.push_str(&format!("{k}{sep}{n}\n")),
                serde_json::Value::Bool(b) => out.push_str(&format!("{k}{sep}{b}\n")),
                _ => {}
            }
        }
    }
    out
}

fn run(args: &Args) -> Result<String, InputError> {
    let text = read_input(&args.file).map_err(|m| InputError::new("input", m))?;
    match args.command.as_str() {
        "schedule" => {
            let req: ScheduleRequest = from_json(&text)?;
            Ok(render_schedule(&loanlens_core::schedule(&req)?, args.format))
        }
        "compare" => {
            let req: CompareRequest = from_json(&text)?;
            Ok(render_compare(&loanlens_core::compare(&req)?, args.format))
        }
        "solve" => {
            let req: SolveRequest = from_json(&text)?;
            let resp = loanlens_core::solve(&req)?;
            Ok(match args.format {
                Format::Json => json(&resp),
                f => render_fields(&resp, f) + &render_schedule(&resp.schedule, f),
            })
        }
        "xirr" => {
            let req: XirrRequest = from_json(&text)?;
            Ok(render_fields(&loanlens_core::xirr(&req)?, args.format))
        }
        other => Err(InputError::new(
            "command",
            format!("unknown command {other:?}; expected schedule, compare, solve or xirr"),
        )),
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
