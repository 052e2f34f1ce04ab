//! The comparison as CSV for Excel: UTF-8 with a byte-order mark (without it Excel on Windows
//! reads Chinese as mojibake), CRLF line ends, one row per product in card order, plain numbers
//! exactly as the core (and `loanlens invest --format csv`) writes them: XIRR and rates as
//! fractions, money with two decimals, no ¥ or separators, so cells stay numeric. Text cells
//! are quoted when they hold a comma, quote or line end.

use super::i18n::{t, Lang, I};
use loanlens_core::invest::InvestResponse;

/// A CSV cell: quoted (inner quotes doubled) when it needs to be.
fn cell(s: &str) -> String {
    if s.contains([',', '"', '\r', '\n']) {
        format!("\"{}\"", s.replace('"', "\"\""))
    } else {
        s.to_string()
    }
}

/// The CSV text, BOM first. Columns: name, total interest, fees, net interest, XIRR, average
/// capital, terminal wealth, rank by XIRR, rank by terminal wealth, the explanation.
pub fn invest_csv(lang: Lang, r: &InvestResponse) -> String {
    let head = [
        I::Name,
        I::TotalInterest,
        I::Fees,
        I::NetInterest,
        I::Xirr,
        I::AverageCapital,
        I::Wealth,
        I::RankXirr,
        I::RankWealth,
        I::Why,
    ];
    let mut out = String::from("\u{FEFF}");
    let head: Vec<String> = head.iter().map(|k| cell(t(lang, *k))).collect();
    out.push_str(&head.join(","));
    out.push_str("\r\n");
    for p in &r.products {
        let why = if lang == Lang::Zh { &p.explanation.zh } else { &p.explanation.en };
        let row = [
            cell(&p.name),
            p.total_interest.to_string(),
            p.total_fees.to_string(),
            p.net_interest.to_string(),
            p.xirr.to_string(),
            p.average_capital.to_string(),
            p.terminal_wealth.map(|w| w.to_string()).unwrap_or_default(),
            p.rank_by_xirr.to_string(),
            p.rank_by_terminal_wealth.map(|n| n.to_string()).unwrap_or_default(),
            cell(why),
        ];
        out.push_str(&row.join(","));
        out.push_str("\r\n");
    }
    out
}
