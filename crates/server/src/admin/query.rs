//! The staff API's query strings, cursors and CSV cells.

use crate::error::ApiError;
use crate::store::{Cursor, ListQuery};
use base64::engine::general_purpose::URL_SAFE_NO_PAD as B64URL;
use base64::Engine;
use loanlens_core::application::{is_partner_id, Status};
use loanlens_core::dates::Date;
use loanlens_core::InputError;
use std::collections::HashMap;

/// Default page size.
pub const DEFAULT_LIMIT: i64 = 50;
/// Largest page size.
pub const MAX_LIMIT: i64 = 100;

/// The parameters a query may name; any other is refused, naming it.
fn only(params: &HashMap<String, String>, allowed: &[&str]) -> Result<(), ApiError> {
    match params.keys().find(|k| !allowed.contains(&k.as_str())) {
        Some(k) if k.len() <= 40 && k.bytes().all(|b| b.is_ascii_alphanumeric() || b == b'_') => {
            Err(InputError::new(
                k.as_str(),
                format!("is not a parameter; use {}", allowed.join(", ")),
            )
            .into())
        }
        Some(_) => {
            Err(InputError::new("query", format!("may only hold {}", allowed.join(", "))).into())
        }
        None => Ok(()),
    }
}

/// A page size: 1 to [`MAX_LIMIT`], default [`DEFAULT_LIMIT`].
pub fn limit(params: &HashMap<String, String>) -> Result<i64, ApiError> {
    match params.get("limit") {
        None => Ok(DEFAULT_LIMIT),
        Some(v) => v.parse::<i64>().ok().filter(|n| (1..=MAX_LIMIT).contains(n)).ok_or_else(|| {
            InputError::new("limit", format!("must be a whole number from 1 to {MAX_LIMIT}")).into()
        }),
    }
}

/// An opaque cursor: base64url of `at` NUL `id`.
pub fn encode_cursor(c: &Cursor) -> String {
    B64URL.encode(format!("{}\0{}", c.at, c.id))
}

/// Reads a cursor written by [`encode_cursor`].
pub fn cursor(params: &HashMap<String, String>) -> Result<Option<Cursor>, ApiError> {
    let Some(text) = params.get("cursor") else { return Ok(None) };
    let bad = || {
        ApiError::from(InputError::new(
            "cursor",
            "must be a next_cursor value from a previous page",
        ))
    };
    let raw = B64URL.decode(text).map_err(|_| bad())?;
    let raw = String::from_utf8(raw).map_err(|_| bad())?;
    let (at, id) = raw.split_once('\0').ok_or_else(bad)?;
    if at.len() > 40 || id.len() > 64 {
        return Err(bad());
    }
    Ok(Some(Cursor { at: at.into(), id: id.into() }))
}

/// The list and export filters (`status`, `decision`, `partner`, `from`, `to`), plus `limit`
/// and `cursor` when `paged`.
pub fn list_query(params: &HashMap<String, String>, paged: bool) -> Result<ListQuery, ApiError> {
    let mut allowed = vec!["status", "decision", "partner", "from", "to"];
    if paged {
        allowed.extend(["limit", "cursor"]);
    }
    only(params, &allowed)?;
    let get = |k: &str| params.get(k).filter(|v| !v.is_empty()).cloned();
    let status = get("status");
    if status.as_deref().is_some_and(|s| Status::from_id(s).is_none()) {
        let ids: Vec<_> = Status::ALL.iter().map(|s| s.id()).collect();
        return Err(InputError::new("status", format!("must be one of {}", ids.join(", "))).into());
    }
    let decision = get("decision");
    if decision.as_deref().is_some_and(|d| !matches!(d, "pass" | "refer")) {
        return Err(InputError::new("decision", "must be pass or refer").into());
    }
    let partner = get("partner");
    if partner.as_deref().is_some_and(|p| !is_partner_id(p)) {
        return Err(InputError::new("partner", "must be 1 to 32 of a-z, 0-9 and -").into());
    }
    let date = |k: &'static str| -> Result<Option<Date>, ApiError> {
        get(k).map(|v| Date::parse(&v).map_err(|m| InputError::new(k, m).into())).transpose()
    };
    let from = date("from")?;
    let to = date("to")?;
    Ok(ListQuery {
        status,
        decision,
        partner,
        from: from.map(|d| d.to_string()),
        // `to` is inclusive: everything before the next day.
        before: to.map(next_day),
        cursor: if paged { cursor(params)? } else { None },
        limit: if paged { limit(params)? } else { MAX_LIMIT },
    })
}

/// The day after `d` as `YYYY-MM-DD` (the core's calendar stops at 2200-12-31; past it the
/// bound is a text that sorts after every timestamp).
fn next_day(d: Date) -> String {
    let month =
        time::Month::try_from(u8::try_from(d.month()).unwrap_or(1)).unwrap_or(time::Month::January);
    time::Date::from_calendar_date(d.year(), month, u8::try_from(d.day()).unwrap_or(1))
        .ok()
        .and_then(time::Date::next_day)
        .map(|n| format!("{:04}-{:02}-{:02}", n.year(), u8::from(n.month()), n.day()))
        .unwrap_or_else(|| "9999".into())
}

/// The audit listing's parameters.
pub fn audit_query(params: &HashMap<String, String>) -> Result<crate::store::AuditQuery, ApiError> {
    only(params, &["application_id", "limit", "cursor"])?;
    let application_id = params.get("application_id").filter(|v| !v.is_empty()).cloned();
    if application_id.as_ref().is_some_and(|a| a.len() > 64) {
        return Err(InputError::new("application_id", "must be an application id").into());
    }
    Ok(crate::store::AuditQuery { application_id, cursor: cursor(params)?, limit: limit(params)? })
}

/// One CSV cell: quoted when it holds a comma, quote or line break; a leading `=`, `+`, `-`,
/// `@`, tab or carriage return gets a `'` first, so a spreadsheet never runs it as a formula.
pub fn csv_cell(s: &str) -> String {
    let s = if s.starts_with(['=', '+', '-', '@', '\t', '\r']) {
        format!("'{s}")
    } else {
        s.to_string()
    };
    if s.contains([',', '"', '\n', '\r']) {
        format!("\"{}\"", s.replace('"', "\"\""))
    } else {
        s
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    fn q(pairs: &[(&str, &str)]) -> HashMap<String, String> {
        pairs.iter().map(|(k, v)| (k.to_string(), v.to_string())).collect()
    }

    #[test]
    fn filters_are_checked_and_to_is_inclusive() {
        let l = list_query(&q(&[("from", "2026-11-01"), ("to", "2026-11-30")]), true).unwrap();
        assert_eq!(l.from.as_deref(), Some("2026-11-01"));
        assert_eq!(l.before.as_deref(), Some("2026-12-01"));
        for (k, v) in [
            ("status", "done"),
            ("decision", "maybe"),
            ("to", "2026-13-01"),
            ("limit", "0"),
            ("limit", "101"),
            ("cursor", "!!"),
            ("colour", "red"),
        ] {
            let e = list_query(&q(&[(k, v)]), true).unwrap_err();
            let ApiError::Input(e) = e else { panic!("{k}") };
            assert_eq!(e.field, k);
        }
        let c = Cursor { at: "2026-11-29T00:00:00.000000Z".into(), id: "abc".into() };
        assert_eq!(cursor(&q(&[("cursor", &encode_cursor(&c))])).unwrap(), Some(c));
    }

    #[test]
    fn csv_cells_are_quoted_and_never_formulas() {
        assert_eq!(csv_cell("张三"), "张三");
        assert_eq!(csv_cell("a,b"), "\"a,b\"");
        assert_eq!(csv_cell("say \"hi\""), "\"say \"\"hi\"\"\"");
        assert_eq!(csv_cell("=HYPERLINK(\"x\")"), "\"'=HYPERLINK(\"\"x\"\")\"");
        assert_eq!(csv_cell("-1"), "'-1");
    }
}
