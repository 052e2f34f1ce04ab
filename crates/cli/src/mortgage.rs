//! `loanlens mortgage`: a housing loan — commercial, housing fund or both (MortgageRequest →
//! MortgageResult, the core's `mortgage::compute`; docs/mortgage.md). JSON prints the whole
//! result; CSV and the table print the combined schedule, one line per period, with each part's
//! columns for a combination, and the table ends with the totals.

use crate::{delimited, json, Format};
use loanlens_core::mortgage::{compute, MortgageRequest, MortgageResult, MortgageRow};
use loanlens_core::schema::from_json;
use loanlens_core::InputError;

/// The combined columns, then each part's (a combination only).
const HEAD: [&str; 6] = ["period", "date", "payment", "principal", "interest", "balance"];
const PARTS_HEAD: [&str; 8] = [
    "fund_payment",
    "fund_principal",
    "fund_interest",
    "fund_balance",
    "commercial_payment",
    "commercial_principal",
    "commercial_interest",
    "commercial_balance",
];

/// Parses the request, computes the loan and renders the answer.
pub fn run(text: &str, format: Format) -> Result<String, InputError> {
    let req: MortgageRequest = from_json(text)?;
    Ok(render(&compute(&req)?, format))
}

fn cells(r: &MortgageRow, parts: bool) -> Vec<String> {
    let mut out = vec![
        r.period.to_string(),
        r.date.clone(),
        r.payment.to_string(),
        r.principal.to_string(),
        r.interest.to_string(),
        r.balance.to_string(),
    ];
    if parts {
        let opt = |v: Option<rust_decimal::Decimal>| v.map(|d| d.to_string()).unwrap_or_default();
        out.extend([
            opt(r.fund_payment),
            opt(r.fund_principal),
            opt(r.fund_interest),
            opt(r.fund_balance),
            opt(r.commercial_payment),
            opt(r.commercial_principal),
            opt(r.commercial_interest),
            opt(r.commercial_balance),
        ]);
    }
    out
}

fn render(r: &MortgageResult, format: Format) -> String {
    if format == Format::Json {
        return json(r);
    }
    let parts = r.parts.len() > 1;
    let mut head: Vec<String> = HEAD.map(String::from).to_vec();
    if parts {
        head.extend(PARTS_HEAD.map(String::from));
    }
    let rows = r.rows.iter().map(|row| cells(row, parts));
    let mut out = delimited(std::iter::once(head).chain(rows), format);
    if format == Format::Table {
        out.push_str(&format!(
            "loan amount {}  total interest {}  total payment {}  APR nominal {} effective {}\n",
            r.loan_amount, r.total_interest, r.total_payment, r.apr.nominal, r.apr.effective
        ));
    }
    out
}
