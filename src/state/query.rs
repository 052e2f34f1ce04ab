//! Inputs ⇄ URL query (`?principal=1000000&rate=4.9&term=360&method=equal_installment…`).
//! The same string is what localStorage keeps, so a shared link and a returning visit restore
//! the page the same way. Unknown keys are ignored; bad values fall back to the defaults and
//! then show their inline error like anything typed.

use super::inputs::{
    prepay_mode_from_id, prepay_mode_id, solve_kind_from_id, solve_kind_id, Inputs, Offer,
    PrepayKind, RateKind, MAX_EXTRA_OFFERS, MAX_FIELD_CHARS,
};
use super::parse::TermUnit;
use loanlens_core::schema::Method;

/// Percent-encodes a query value (everything but unreserved ASCII).
pub fn encode_value(v: &str) -> String {
    let mut out = String::with_capacity(v.len());
    for b in v.bytes() {
        if b.is_ascii_alphanumeric() || matches!(b, b'-' | b'_' | b'.' | b'~') {
            out.push(b as char);
        } else {
            out.push_str(&format!("%{b:02X}"));
        }
    }
    out
}

/// Percent-decodes a query value (`+` is a space); malformed escapes are kept as typed.
pub fn decode_value(v: &str) -> String {
    let bytes = v.as_bytes();
    let mut out = Vec::with_capacity(bytes.len());
    let mut i = 0;
    while i < bytes.len() {
        let escaped = (bytes[i] == b'%')
            .then(|| bytes.get(i + 1..i + 3))
            .flatten()
            .and_then(|h| std::str::from_utf8(h).ok())
            .and_then(|h| u8::from_str_radix(h, 16).ok());
        match (bytes[i], escaped) {
            (_, Some(b)) => {
                out.push(b);
                i += 3;
            }
            (b'+', None) => {
                out.push(b' ');
                i += 1;
            }
            (b, None) => {
                out.push(b);
                i += 1;
            }
        }
    }
    String::from_utf8_lossy(&out).into_owned()
}

/// The query string (without `?`) that reproduces `i`. The four skeleton keys are always
/// written; the rest only when they differ from the default.
pub fn to_query(i: &Inputs) -> String {
    let d = Inputs::default();
    let mut parts: Vec<(String, &str)> = vec![
        ("principal".into(), &i.principal),
        ("rate".into(), &i.annual_rate),
        ("term".into(), &i.term),
        ("method".into(), i.method.id()),
    ];
    let mut opt = |k: &str, v: &'static str, dv: &str| {
        if v != dv {
            parts.push((k.into(), v));
        }
    };
    opt("rate_kind", i.rate_kind.id(), d.rate_kind.id());
    opt("term_unit", i.term_unit.id(), d.term_unit.id());
    opt("pp", i.prepay_kind.id(), d.prepay_kind.id());
    opt("pp_mode", prepay_mode_id(i.prepay_mode), prepay_mode_id(d.prepay_mode));
    opt("solve", solve_kind_id(i.solve_kind), solve_kind_id(d.solve_kind));
    for (k, v) in [
        ("fee", &i.upfront_fee),
        ("mfee", &i.monthly_fee),
        ("start", &i.start_date),
        ("pay_day", &i.pay_day),
        ("pp_period", &i.prepay_period),
        ("pp_amount", &i.prepay_amount),
        ("pp_penalty", &i.prepay_penalty),
        ("rc_period", &i.rc_period),
        ("rc_rate", &i.rc_rate),
        ("pay", &i.solve_payment),
        ("quoted", &i.solve_quoted),
    ] {
        if !v.is_empty() {
            parts.push((k.into(), v));
        }
    }
    for (n, o) in i.offers.iter().enumerate() {
        parts.push((format!("o{n}_rate"), &o.rate));
        parts.push((format!("o{n}_term"), &o.term));
        parts.push((format!("o{n}_method"), o.method.id()));
        if o.rate_kind != RateKind::Annual {
            parts.push((format!("o{n}_rk"), o.rate_kind.id()));
        }
        if !o.fee.is_empty() {
            parts.push((format!("o{n}_fee"), &o.fee));
        }
        if !o.monthly_fee.is_empty() {
            parts.push((format!("o{n}_mfee"), &o.monthly_fee));
        }
    }
    let more = super::prepays::query_pairs(i);
    parts.extend(more.iter().map(|(k, v)| (k.clone(), v.as_str())));
    parts.iter().map(|(k, v)| format!("{k}={}", encode_value(v))).collect::<Vec<_>>().join("&")
}

/// Inputs from a query string (with or without the leading `?`); `None` when it holds none of
/// the calculator's keys.
pub fn from_query(q: &str) -> Option<Inputs> {
    let q = q.trim_start_matches('?');
    let mut i = Inputs::default();
    let mut any = false;
    for pair in q.split('&').take(64) {
        let (k, v) = pair.split_once('=').unwrap_or((pair, ""));
        let v: String = decode_value(v).chars().take(MAX_FIELD_CHARS).collect();
        let known = apply(&mut i, k, v);
        any |= known;
    }
    // A hand-made link may give an offer's rate alone: it is then for the loan's own term, as
    // an offer added on the page is (issue 14, defect 13).
    let term = super::parse::parse_term(&i.term, i.term_unit).map(|m| m.to_string());
    for o in i.offers.iter_mut().filter(|o| o.term.trim().is_empty()) {
        o.term = term.clone().unwrap_or_default();
    }
    any.then_some(i)
}

fn apply(i: &mut Inputs, k: &str, v: String) -> bool {
    if k.starts_with("pp") && k.as_bytes().get(2).is_some_and(u8::is_ascii_digit) {
        return super::prepays::apply_query(i, k, v);
    }
    if let Some(rest) = k.strip_prefix('o') {
        if let Some((n, field)) = rest.split_once('_') {
            let Ok(n) = n.parse::<usize>() else { return false };
            if n >= MAX_EXTRA_OFFERS {
                return false;
            }
            while i.offers.len() <= n {
                i.offers.push(Offer::default());
            }
            let o = &mut i.offers[n];
            match field {
                "rate" => o.rate = v,
                "term" => o.term = v,
                "method" => o.method = Method::from_id(&v).unwrap_or(o.method),
                "fee" => o.fee = v,
                "mfee" => o.monthly_fee = v,
                "rk" => o.rate_kind = RateKind::from_id(&v).unwrap_or_default(),
                _ => return false,
            }
            return true;
        }
    }
    match k {
        "principal" => i.principal = v,
        "rate" => i.annual_rate = v,
        "term" => i.term = v,
        "method" => i.method = Method::from_id(&v).unwrap_or(i.method),
        "rate_kind" => i.rate_kind = RateKind::from_id(&v).unwrap_or_default(),
        "term_unit" => i.term_unit = TermUnit::from_id(&v).unwrap_or_default(),
        "fee" => i.upfront_fee = v,
        "mfee" => i.monthly_fee = v,
        "start" => i.start_date = v,
        // Kept as written: `CalcState::from_inputs` drops a bad one and says so.
        "pay_day" => i.pay_day = v,
        "pp" => i.prepay_kind = PrepayKind::from_id(&v).unwrap_or_default(),
        "pp_period" => i.prepay_period = v,
        "pp_amount" => i.prepay_amount = v,
        "pp_mode" => i.prepay_mode = prepay_mode_from_id(&v).unwrap_or(i.prepay_mode),
        "pp_penalty" => i.prepay_penalty = v,
        "rc_period" => i.rc_period = v,
        "rc_rate" => i.rc_rate = v,
        "solve" => i.solve_kind = solve_kind_from_id(&v).unwrap_or(i.solve_kind),
        "pay" => i.solve_payment = v,
        "quoted" => i.solve_quoted = v,
        _ => return false,
    }
    true
}

#[cfg(test)]
mod tests {
    #[test]
    fn an_offer_rate_without_a_term_takes_the_loans_term() {
        let i = super::from_query("principal=100000&term=24&o0_rate=5.5").unwrap();
        assert_eq!((i.offers[0].rate.as_str(), i.offers[0].term.as_str()), ("5.5", "24"));
        let i = super::from_query("term=3&term_unit=years&o0_rate=5.5").unwrap();
        assert_eq!(i.offers[0].term, "36");
    }

    use super::*;
    use loanlens_core::schema::{PrepaymentMode, SolveKind};

    #[test]
    fn query_values_are_percent_decoded() {
        assert_eq!(decode_value("100%E4%B8%87"), "100万");
        assert_eq!(decode_value("4.9"), "4.9");
        assert_eq!(decode_value("a+b"), "a b");
        assert_eq!(decode_value("%zz%"), "%zz%");
    }

    #[test]
    fn the_skeleton_link_prefills() {
        let i =
            from_query("?principal=1000000&rate=4.9&term=360&method=equal_installment").unwrap();
        assert_eq!(i, Inputs::default());
        assert_eq!(to_query(&i), "principal=1000000&rate=4.9&term=360&method=equal_installment");
        assert!(from_query("").is_none());
        assert!(from_query("?utm=x").is_none());
    }

    #[test]
    fn every_input_round_trips() {
        let i = Inputs {
            principal: "100万".into(),
            rate_kind: RateKind::MonthlyFlat,
            annual_rate: "0.5".into(),
            term: "2.5".into(),
            term_unit: TermUnit::Years,
            method: Method::EqualPrincipal,
            upfront_fee: "1%".into(),
            monthly_fee: "0.1".into(),
            start_date: "2025-01-31".into(),
            pay_day: "5".into(),
            prepay_kind: PrepayKind::Partial,
            prepay_period: "12".into(),
            prepay_amount: "20万".into(),
            prepay_mode: PrepaymentMode::ReducePayment,
            prepay_penalty: "1".into(),
            more_prepays: vec![super::super::prepays::PrepayRow {
                period: "24".into(),
                amount: "5万".into(),
                mode: PrepaymentMode::ShortenTerm,
            }],
            rc_period: "13".into(),
            rc_rate: "3.5".into(),
            solve_kind: SolveKind::ImpliedRate,
            solve_payment: "8833.33".into(),
            solve_quoted: "6".into(),
            offers: vec![
                Offer { rate: "4.2".into(), term: "360".into(), ..Offer::default() },
                Offer {
                    rate: "3.9".into(),
                    term: "240".into(),
                    method: Method::EqualPrincipal,
                    fee: "2000".into(),
                    monthly_fee: "0.05".into(),
                    rate_kind: RateKind::MonthlyFlat,
                },
            ],
        };
        let q = to_query(&i);
        assert!(q.contains("principal=100%E4%B8%87"), "{q}");
        assert_eq!(from_query(&q), Some(i));
    }

    #[test]
    fn hostile_queries_do_not_break_anything() {
        let i = from_query("?principal=%FF%FE&method=nope&o9_rate=1&o0_x=1&pp=bogus&term").unwrap();
        assert_eq!(i.method, Method::EqualInstallment);
        assert!(i.offers.len() <= 1);
        assert_eq!(i.term, "");
        let long = format!("principal={}", "9".repeat(10_000));
        assert_eq!(from_query(&long).unwrap().principal.len(), 64);
    }
}
