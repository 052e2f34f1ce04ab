//! The short link: round trips, damage, and the table staying complete.

use super::*;
use crate::state::inputs::{Offer, PrepayKind, RateKind};
use crate::state::parse::TermUnit;
use crate::state::prepays::PrepayRow;
use loanlens_core::schema::{Method, PrepaymentMode, SolveKind};

fn mortgage() -> Inputs {
    Inputs {
        principal: "500000".into(),
        annual_rate: "4.2".into(),
        term: "240".into(),
        ..Inputs::default()
    }
}

/// Every input set away from its default (the long link's round-trip test uses the same).
fn everything() -> Inputs {
    Inputs {
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
        more_prepays: vec![
            PrepayRow {
                period: "24".into(),
                amount: "5万".into(),
                mode: PrepaymentMode::ShortenTerm,
            },
            PrepayRow {
                period: "36".into(),
                amount: "10000".into(),
                mode: PrepaymentMode::ReducePayment,
            },
        ],
        rc_period: "13".into(),
        rc_rate: "3.5".into(),
        solve_kind: SolveKind::ImpliedRate,
        solve_payment: "8833.33".into(),
        solve_quoted: "6".into(),
        offers: vec![
            Offer {
                rate: "0.05".into(),
                term: "360".into(),
                rate_kind: RateKind::Daily,
                ..Offer::default()
            },
            Offer {
                rate: "3.9".into(),
                term: "240".into(),
                method: Method::Bullet,
                fee: "2000".into(),
                monthly_fee: "0.05".into(),
                rate_kind: RateKind::MonthlyFlat,
            },
        ],
    }
}

#[test]
fn the_default_loan_is_two_characters_and_a_mortgage_a_dozen() {
    assert_eq!(encode(&Inputs::default()), "17");
    assert_eq!(decode("17"), Decoded { inputs: Inputs::default(), damaged: false });
    let code = encode(&mortgage());
    assert_eq!(&code[2..], "p500000r4.2t240");
    assert_eq!(decode(&code), Decoded { inputs: mortgage(), damaged: false });
    let long = to_query(&mortgage());
    assert!(code.len() * 3 < long.len(), "{code} vs {long}");
}

#[test]
fn every_input_round_trips_and_every_key_has_a_tag() {
    let i = everything();
    let code = encode(&i);
    assert!(!code[2..].contains(UNTAGGED as char), "a key of the long link has no tag: {code}");
    assert!(code.contains("p100~"), "万 is one character: {code}");
    assert!(code.contains("f1_25"), "`%` is escaped: {code}");
    assert_eq!(decode(&code), Decoded { inputs: i, damaged: false });
    // Only unreserved URL characters.
    assert!(code.bytes().all(|b| b.is_ascii_alphanumeric() || b"-._~".contains(&b)), "{code}");
}

#[test]
fn the_method_ids_are_the_cores_in_its_order() {
    let ids: Vec<&str> = Method::ALL.iter().map(|m| m.id()).collect();
    assert_eq!(ids, METHODS);
}

#[test]
fn a_key_without_a_tag_still_travels_whole() {
    // A field added to the long link before its tag is listed is written as `X<key>X<value>`.
    let mut body = String::from("X");
    escape_into(&mut body, "rate");
    body.push('X');
    escape_into(&mut body, "3.1");
    let code = format!("1{}{body}", checksum(&body) as char);
    let d = decode(&code);
    assert_eq!((d.inputs.annual_rate.as_str(), d.damaged), ("3.1", false));
}

#[test]
fn a_damaged_code_keeps_what_it_can_and_says_so() {
    let code = encode(&mortgage());
    // Truncated in a chat message: the checksum no longer matches; the amount is still read.
    let d = decode(&code[..9]);
    assert!(d.damaged);
    assert_eq!(d.inputs.principal, "500000");
    // An unknown tag, a bad escape, a choice out of range: each skipped, the rest kept.
    for bad in ["1Zp500000W9r4.2", "1Zp500000r4.2_Zt12", "1Zp500000m9r4.2", "1Zp500000r4.2!"] {
        let d = decode(bad);
        assert!(d.damaged, "{bad}");
        assert_eq!((d.inputs.principal.as_str(), d.inputs.annual_rate.as_str()), ("500000", "4.2"));
    }
    // Nothing readable: the default calculator, flagged.
    for junk in ["", "/", "2", "%E4%B8%87", "漢字", "1"] {
        let d = decode(junk);
        assert!(d.damaged, "{junk:?}");
        assert_eq!(d.inputs, Inputs::default());
    }
}

#[test]
fn a_further_path_segment_or_junk_never_blanks_a_field() {
    // Found by a tester (issue 14, item 12): these blanked 年利率/期限 or 金额/期限 (tags with
    // empty values) and the page showed 请填写此项 instead of the damage notice.
    let mortgage_extra = format!("/c/{}/extra", encode(&mortgage()));
    for (path, want) in [
        ("/c/17/extra", Inputs::default()),
        ("/c/..%2F..%2Fetc%2Fpasswd", Inputs::default()),
        ("/c/1xpart", Inputs::default()),
        (mortgage_extra.as_str(), mortgage()),
    ] {
        let d = decode(code_of_path(path).unwrap());
        assert!(d.damaged, "{path}");
        assert_eq!(d.inputs, want, "{path}");
    }
}

#[test]
fn a_code_longer_than_the_server_serves_is_damaged() {
    // The server answers the page for an over-long `/c/` path (issue 14, item 13): the page
    // reads at most the path limit, and says so even when the checksum matches.
    let mut body = "p500000".to_string();
    body.push_str(&"0".repeat(2048)); // the server's PATH_LIMIT
    let code = format!("1{}{body}", checksum(&body) as char);
    assert!(decode(&code).damaged);
}

#[test]
fn paths_are_recognised() {
    assert_eq!(code_of_path("/c/17"), Some("17"));
    assert_eq!(code_of_path("/c/17/"), Some("17"));
    assert_eq!(code_of_path("/calculator"), None);
}

#[cfg(not(target_arch = "wasm32"))]
mod properties {
    use super::*;
    use proptest::prelude::*;

    /// The fields the default calculator fills (amount, rate, term) are still filled.
    fn keeps_the_default_fields(i: &Inputs) -> bool {
        [&i.principal, &i.annual_rate, &i.term].iter().all(|f| !f.trim().is_empty())
    }

    fn field() -> impl Strategy<Value = String> {
        prop_oneof!["[0-9]{0,8}(\\.[0-9]{1,3})?", "[0-9.万%eE,_~ -]{0,12}", "\\PC{0,20}",]
    }

    fn offer(term: BoxedStrategy<String>) -> impl Strategy<Value = Offer> {
        (field(), 0..3usize, term, 0..5usize, field(), field()).prop_map(|(r, k, t, m, f, g)| {
            Offer {
                rate: r,
                rate_kind: KINDS[k],
                term: t,
                method: Method::ALL[m],
                fee: f,
                monthly_fee: g,
            }
        })
    }

    const KINDS: [RateKind; 3] = [RateKind::Annual, RateKind::MonthlyFlat, RateKind::Daily];

    /// A further prepayment row (rows 2 to 5).
    fn prepay_row() -> impl Strategy<Value = PrepayRow> {
        (field(), field(), 0..2usize).prop_map(|(period, amount, m)| PrepayRow {
            period,
            amount,
            mode: [PrepaymentMode::ShortenTerm, PrepaymentMode::ReducePayment][m],
        })
    }

    fn inputs(offer_term: BoxedStrategy<String>) -> impl Strategy<Value = Inputs> {
        let texts = proptest::collection::vec(field(), 14);
        let choices = proptest::collection::vec(0..29usize, 7);
        let offers = proptest::collection::vec(offer(offer_term), 0..=2);
        let rows = proptest::collection::vec(prepay_row(), 0..=4);
        (texts, choices, offers, rows).prop_map(|(t, c, offers, more_prepays)| Inputs {
            principal: t[0].clone(),
            rate_kind: KINDS[c[0] % 3],
            annual_rate: t[1].clone(),
            term: t[2].clone(),
            term_unit: [TermUnit::Months, TermUnit::Years][c[1] % 2],
            method: Method::ALL[c[2] % 5],
            upfront_fee: t[3].clone(),
            monthly_fee: t[4].clone(),
            start_date: t[5].clone(),
            // The link keeps a valid repayment day (1–28) or none.
            pay_day: if c[6] == 0 { String::new() } else { c[6].to_string() },
            prepay_kind: [PrepayKind::None, PrepayKind::Partial, PrepayKind::Full][c[3] % 3],
            prepay_period: t[6].clone(),
            prepay_amount: t[7].clone(),
            prepay_mode: [PrepaymentMode::ShortenTerm, PrepaymentMode::ReducePayment][c[4] % 2],
            prepay_penalty: t[8].clone(),
            more_prepays,
            rc_period: t[9].clone(),
            rc_rate: t[10].clone(),
            solve_kind: [SolveKind::MaxPrincipal, SolveKind::MinTerm, SolveKind::ImpliedRate]
                [c[5] % 3],
            solve_payment: t[11].clone(),
            solve_quoted: t[12].clone(),
            offers,
        })
    }

    proptest! {
        #![proptest_config(ProptestConfig::with_cases(512))]

        /// Every state the long link keeps (an offer always has a term: one added on the page is
        /// pre-filled) comes back whole from its short link, undamaged.
        #[test]
        fn every_valid_state_round_trips(i in inputs("[0-9]{1,3}".boxed())) {
            let code = encode(&i);
            prop_assert!(!code[2..].contains(UNTAGGED as char), "{} {}", code, to_query(&i));
            prop_assert_eq!(decode(&code), Decoded { inputs: i, damaged: false });
        }

        /// Any state at all opens as its long link opens it.
        #[test]
        fn any_state_opens_as_its_long_link_does(i in inputs(field().boxed())) {
            let long = from_query(&to_query(&i)).unwrap();
            prop_assert_eq!(decode(&encode(&i)).inputs, long);
        }

        /// A further path segment, or junk appended to a real code, never blanks a field the
        /// default calculator fills, and is always flagged. (Junk that happens to give a valid
        /// checksum, one time in 62, is a valid code by construction and is left out.)
        #[test]
        fn appended_junk_never_blanks_a_default_field(base in 0..3usize, segment in any::<bool>(),
            junk in prop_oneof!["\\PC{1,40}", "[0-9A-Za-z._~-]{1,40}", "[a-z]{1,12}"]) {
            let i = [Inputs::default(), mortgage(), everything()][base].clone();
            let code = encode(&i);
            let sep = if segment { "/" } else { "" };
            let damaged = format!("{code}{sep}{junk}");
            let body = &damaged.as_bytes()[2..];
            prop_assume!(segment || damaged.as_bytes()[1] != checksum_bytes(body)
                || body.iter().any(|c| !(c.is_ascii_alphanumeric() || b"-._~".contains(c))));
            let d = decode(&damaged);
            prop_assert!(d.damaged, "{}", damaged);
            prop_assert!(keeps_the_default_fields(&d.inputs), "{} {:?}", damaged, d.inputs);
            if segment {
                prop_assert_eq!(d.inputs, i);
            }
        }

        /// Arbitrary text never panics, whatever it looks like.
        #[test]
        fn arbitrary_codes_never_panic(s in prop_oneof!["\\PC{0,80}", "1[0-9A-Za-z][0-9A-Za-z._~-]{0,80}"]) {
            let _ = decode(&s);
        }

        /// A real code cut short or with one character changed never panics, and never leaves
        /// the page without inputs.
        #[test]
        fn damaged_real_codes_never_panic(i in inputs("[0-9]{1,3}".boxed()), cut in 0..200usize,
            at in 0..200usize, ch in "[\\x20-\\x7e]") {
            let code = encode(&i);
            let _ = decode(&code[..cut.min(code.len())]);
            let mut bytes = code.into_bytes();
            let n = bytes.len();
            bytes[at % n] = ch.as_bytes()[0];
            let _ = decode(&String::from_utf8(bytes).unwrap());
        }
    }
}
