//! The schedule as CSV for Excel: UTF-8 with a byte-order mark (without it Excel on Windows
//! reads Chinese headers as mojibake), CRLF line ends, plain numbers (no ¥, no thousands
//! separators) so the cells stay numeric.

use crate::i18n::{t, Key, Lang};
use loanlens_core::schema::Schedule;

/// The CSV text, BOM first.
pub fn schedule_csv(lang: Lang, s: &Schedule) -> String {
    let dated = s.rows.iter().any(|r| r.date.is_some());
    let mut head = vec![t(lang, Key::Period)];
    if dated {
        head.push(t(lang, Key::Date));
    }
    head.extend([
        t(lang, Key::Payment),
        t(lang, Key::PrincipalPart),
        t(lang, Key::Interest),
        t(lang, Key::Fee),
        t(lang, Key::Balance),
    ]);
    let mut out = String::with_capacity(64 + s.rows.len() * 64);
    out.push('\u{FEFF}');
    out.push_str(&head.join(","));
    out.push_str("\r\n");
    for r in &s.rows {
        out.push_str(&r.period.to_string());
        if dated {
            out.push(',');
            out.push_str(r.date.as_deref().unwrap_or(""));
        }
        for v in [r.payment, r.principal, r.interest, r.fee, r.balance] {
            out.push(',');
            out.push_str(&loanlens_core::money::round_money(v).to_string());
        }
        out.push_str("\r\n");
    }
    out
}

#[cfg(test)]
mod tests {
    use super::*;
    use crate::state::{CalcState, Inputs};

    #[test]
    fn csv_has_a_bom_chinese_headers_and_every_row() {
        let s = CalcState::default().result.unwrap();
        let csv = schedule_csv(Lang::Zh, &s);
        assert!(csv.starts_with("\u{FEFF}期数,月供,本金,利息,费用,剩余本金\r\n"));
        let lines: Vec<&str> = csv.trim_end().split("\r\n").collect();
        assert_eq!(lines.len(), 361);
        assert_eq!(lines[1], "1,5307.27,1223.94,4083.33,0.00,998776.06");
        assert!(lines[360].ends_with(",0.00"));
    }

    #[test]
    fn csv_carries_dates_when_given() {
        let s =
            CalcState::from_inputs(Inputs { start_date: "2025-01-15".into(), ..Inputs::default() })
                .result
                .unwrap();
        let csv = schedule_csv(Lang::En, &s);
        assert!(csv.starts_with("\u{FEFF}Period,Date,Payment,"));
        assert!(csv.contains("\r\n1,2025-02-15,5307.27,"));
    }
}
