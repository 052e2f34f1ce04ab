//! The schedule as CSV for Excel: UTF-8 with a byte-order mark (without it Excel on Windows
//! reads Chinese headers as mojibake), CRLF line ends, plain numbers (no ¥, no thousands
//! separators) so the cells stay numeric.

use crate::i18n::{t, Key, Lang};
use loanlens_core::schema::Schedule;
use rust_decimal::Decimal;

/// The CSV text, BOM first: a period-0 row for an upfront fee (taken at disbursement), one row
/// per payment, a 提前还款 column when the loan has prepayments, and a 合计 row.
pub fn schedule_csv(lang: Lang, s: &Schedule) -> String {
    let dated = s.rows.iter().any(|r| r.date.is_some());
    let prepaid = s.rows.iter().any(|r| r.prepaid.is_some());
    let mut head = vec![t(lang, Key::Period)];
    if dated {
        head.push(t(lang, Key::Date));
    }
    head.extend([t(lang, Key::Payment), t(lang, Key::PrincipalPart), t(lang, Key::Interest)]);
    head.push(t(lang, Key::Fee));
    if prepaid {
        head.push(t(lang, Key::Prepaid));
    }
    head.push(t(lang, Key::Balance));
    let mut out = String::with_capacity(64 + s.rows.len() * 64);
    out.push('\u{FEFF}');
    out.push_str(&head.join(","));
    out.push_str("\r\n");
    let zero = Decimal::ZERO;
    let principal: Decimal = s.rows.iter().map(|r| r.principal).sum();
    let upfront = principal - s.amount_received;
    let mut line =
        |first: &str, date: &str, vals: [Decimal; 4], pre: Decimal, bal: Option<Decimal>| {
            out.push_str(first);
            if dated {
                out.push(',');
                out.push_str(date);
            }
            for v in vals.into_iter().chain(prepaid.then_some(pre)) {
                out.push(',');
                out.push_str(&loanlens_core::money::round_money(v).to_string());
            }
            out.push(',');
            if let Some(b) = bal {
                out.push_str(&loanlens_core::money::round_money(b).to_string());
            }
            out.push_str("\r\n");
        };
    if upfront > zero {
        line("0", "", [zero, zero, zero, upfront], zero, Some(principal));
    }
    for r in &s.rows {
        let (p, d) = (r.period.to_string(), r.date.as_deref().unwrap_or(""));
        let vals = [r.payment, r.principal, r.interest, r.fee];
        line(&p, d, vals, r.prepaid.unwrap_or_default(), Some(r.balance));
    }
    let pre: Decimal = s.rows.iter().filter_map(|r| r.prepaid).sum();
    let total = [s.total_payment, principal, s.total_interest, s.total_fees];
    line(t(lang, Key::TotalRow), "", total, pre, None);
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
        assert_eq!(lines.len(), 362);
        assert_eq!(lines[1], "1,5307.27,1223.94,4083.33,0.00,998776.06");
        assert!(lines[360].ends_with(",0.00"));
        // 合计 (issue 14, defect 9): the schedule's own totals, balance left empty.
        let total = format!("合计,{},1000000.00,{},0.00,", s.total_payment, s.total_interest);
        assert_eq!(lines[361], total);
    }

    #[test]
    fn csv_carries_the_upfront_fee_and_the_prepayments() {
        // 100,000 at 6% over 12 months, fee 1,000, 20,000 prepaid after payment 3.
        let s = CalcState::from_inputs(Inputs {
            principal: "100000".into(),
            annual_rate: "6".into(),
            term: "12".into(),
            upfront_fee: "1000".into(),
            prepay_kind: crate::state::inputs::PrepayKind::Partial,
            prepay_period: "3".into(),
            prepay_amount: "20000".into(),
            ..Inputs::default()
        })
        .result
        .unwrap();
        let csv = schedule_csv(Lang::En, &s);
        let lines: Vec<&str> = csv.trim_end().split("\r\n").collect();
        assert_eq!(lines[0], "\u{FEFF}Period,Payment,Principal,Interest,Fee,Prepaid,Balance");
        assert_eq!(lines[1], "0,0.00,0.00,0.00,1000.00,0.00,100000.00");
        assert!(lines[4].contains(",20000.00,"), "{}", lines[4]);
        let last = lines.last().unwrap();
        assert!(last.starts_with("Total,") && last.ends_with(",20000.00,"), "{last}");
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
