//! `loanlens invest`: compare investment products (InvestRequest → InvestResponse, the core's
//! `invest::compare`; docs/invest.md). JSON prints the whole response; CSV and the table print
//! one line per product, in request order, with the figures an investor compares.

use crate::{delimited, json, Format};
use loanlens_core::invest::{compare, InvestRequest, InvestResponse};
use loanlens_core::schema::from_json;
use loanlens_core::InputError;

/// The columns of the CSV and table formats.
const HEAD: [&str; 8] = [
    "name",
    "xirr",
    "total_interest",
    "net_interest",
    "total_fees",
    "terminal_wealth",
    "rank_by_xirr",
    "rank_by_terminal_wealth",
];

/// Parses the request, compares the products and renders the answer.
pub fn run(text: &str, format: Format) -> Result<String, InputError> {
    let req: InvestRequest = from_json(text)?;
    Ok(render(&compare(&req)?, format))
}

fn render(r: &InvestResponse, format: Format) -> String {
    if format == Format::Json {
        return json(r);
    }
    // A missing figure (no horizon given) is an empty CSV cell and `-` in the table.
    let blank = if format == Format::Csv { "" } else { "-" };
    let opt = |v: Option<String>| v.unwrap_or_else(|| blank.to_string());
    let rows = r.products.iter().map(|p| {
        [
            p.name.clone(),
            p.xirr.to_string(),
            p.total_interest.to_string(),
            p.net_interest.to_string(),
            p.total_fees.to_string(),
            opt(p.terminal_wealth.map(|w| w.to_string())),
            p.rank_by_xirr.to_string(),
            opt(p.rank_by_terminal_wealth.map(|n| n.to_string())),
        ]
    });
    delimited(std::iter::once(HEAD.map(String::from)).chain(rows), format)
}
