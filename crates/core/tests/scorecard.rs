//! The pre-check scorecard: the default card, validation, bin edges, scaling, evaluation.
#![cfg(not(target_arch = "wasm32"))] // Native only; tests/scorecard_wasm.rs runs on wasm32.

use loanlens_core::schema::from_json;
use loanlens_core::scorecard::{
    default_scorecard, evaluate, odds_at, pd_at, standard_reason, Decision, KnockoutRule, Profile,
    Scaling, Scorecard, ValidScorecard,
};
use rust_decimal::Decimal;

fn d(s: &str) -> Decimal {
    s.parse().unwrap()
}

fn profile(json: &str) -> Profile {
    from_json(json).unwrap()
}

const STRONG: &str = r#"{"age":35,"monthly_income":"15000.00","employment":"salaried",
  "months_in_job":48,"housing":"mortgage","monthly_debt_payments":"1500.00",
  "overdue_count_24m":0,"currently_overdue":false,"credit_inquiries_6m":1,
  "social_insurance_months":60,"purpose":"consumption","segment":"consumer",
  "loan":{"principal":"50000.00","term_months":24,"method":"equal_installment"}}"#;

const WEAK: &str = r#"{"age":23,"monthly_income":"3500.00","employment":"freelancer",
  "months_in_job":3,"housing":"rent","monthly_debt_payments":"300.00",
  "overdue_count_24m":3,"currently_overdue":false,"credit_inquiries_6m":8,
  "social_insurance_months":0}"#;

/// A one-variable card on `field` with the given bins JSON.
fn card_with(field: &str, bins: &str) -> ValidScorecard {
    let json = format!(
        r#"{{"id":"t","version":"1","effective_date":"2026-01-01",
        "scaling":{{"base_score":"600","base_odds":"50","pdo":"20"}},
        "variables":[{{"field":"{field}","reason":{{"code":"R","zh":"原因","en":"reason"}},
        "bins":{bins}}}]}}"#
    );
    loanlens_core::scorecard::from_json(&json).unwrap()
}

#[test]
fn default_card_is_valid_and_uses_the_standard_reasons() {
    let card = default_scorecard();
    assert_eq!(card.doc().id, "loanlens-illustrative");
    // The shipped JSON itself parses (default_scorecard() would otherwise fall back silently).
    loanlens_core::scorecard::from_json(loanlens_core::scorecard::DEFAULT_SCORECARD_JSON).unwrap();
    for v in &card.doc().variables {
        assert_eq!(v.reason, standard_reason(&v.field), "{}", v.field);
    }
}

#[test]
fn default_card_points_go_in_the_expected_directions() {
    let card = default_scorecard();
    let score = |json: &str| evaluate(&card, &profile(json)).unwrap().score;
    // More income, longer job and insurance record: never fewer points.
    for (field, values) in [
        ("monthly_income", ["\"2000.00\"", "\"4000.00\"", "\"9000.00\"", "\"40000.00\""]),
        ("months_in_job", ["0", "8", "24", "100"]),
        ("social_insurance_months", ["0", "12", "36", "120"]),
    ] {
        let s: Vec<_> = values.iter().map(|v| score(&format!(r#"{{"{field}":{v}}}"#))).collect();
        assert!(s.windows(2).all(|w| w[0] < w[1]), "{field}: {s:?}");
    }
    // More overdue payments and more inquiries: never more points.
    for field in ["overdue_count_24m", "credit_inquiries_6m"] {
        let s: Vec<_> =
            [0, 1, 3, 5, 9].iter().map(|v| score(&format!(r#"{{"{field}":{v}}}"#))).collect();
        assert!(s.windows(2).all(|w| w[0] >= w[1]) && s[0] > s[4], "{field}: {s:?}");
    }
    assert!(score(r#"{"employment":"civil_servant"}"#) > score(r#"{"employment":"unemployed"}"#));
    assert!(score(r#"{"housing":"own"}"#) > score(r#"{"housing":"rent"}"#));
    assert!(score(r#"{"currently_overdue":false}"#) > score(r#"{"currently_overdue":true}"#));
}

#[test]
fn a_strong_profile_passes_with_grade_a() {
    let r = evaluate(&default_scorecard(), &profile(STRONG)).unwrap();
    // 360 base + 40 age + 55 income + 40 salaried + 30 tenure + 30 mortgage + 50 no overdue
    // + 10 not overdue now + 30 inquiries + 30 social insurance.
    assert_eq!(r.score, d("675"));
    assert_eq!(r.decision, Decision::Pass);
    assert_eq!(r.grade.as_deref(), Some("A"));
    // 50 · 2^(75/40) = 183.4008086409…, PD = 1/184.4008… = 0.0054229697… (Python decimal, 50 digits).
    assert_eq!(r.odds, d("183.401"));
    assert_eq!(r.pd, d("0.005423"));
    assert!(r.knockouts.is_empty());
    let reasons: Vec<_> = r.reasons.iter().map(|x| (x.variable.as_str(), x.shortfall)).collect();
    assert_eq!(reasons, [("employment", d("10")), ("monthly_income", d("5")), ("housing", d("5"))]);
}

#[test]
fn a_weak_profile_is_declined_with_its_largest_shortfalls_first() {
    let r = evaluate(&default_scorecard(), &profile(WEAK)).unwrap();
    // 360 + 15 + 15 + 15 + 0 + 15 + 5 + 10 - 10 + 0 = 425.
    assert_eq!(r.score, d("425"));
    assert_eq!(r.decision, Decision::Decline);
    assert_eq!(r.grade, None);
    let got: Vec<_> = r.reasons.iter().map(|x| (x.code.as_str(), x.shortfall)).collect();
    assert_eq!(
        got,
        [
            // A tie keeps the card's order: income comes before the overdue history.
            ("R_INCOME", d("45")),
            ("R_OVERDUE_HISTORY", d("45")),
            ("R_INQUIRIES", d("40")),
            ("R_EMPLOYMENT", d("35")),
            ("R_JOB_TENURE", d("30")),
            ("R_SOCIAL_INSURANCE", d("30")),
            ("R_AGE", d("25")),
            ("R_HOUSING", d("20")),
        ]
    );
    assert!(r.reasons.iter().all(|x| !x.text_zh.is_empty() && !x.text_en.is_empty()));
}

#[test]
fn knockouts_decline_but_still_show_the_score() {
    let card = default_scorecard();
    let mut p = profile(STRONG);
    p.employment = Some(loanlens_core::scorecard::Employment::Student);
    p.currently_overdue = Some(true);
    p.age = Some(61);
    let r = evaluate(&card, &p).unwrap();
    assert_eq!(r.decision, Decision::Decline);
    let rules: Vec<_> = r.knockouts.iter().map(|k| k.rule).collect();
    assert_eq!(rules, [KnockoutRule::Age, KnockoutRule::CurrentlyOverdue, KnockoutRule::Student]);
    assert!(r.score > Decimal::ZERO && !r.reasons.is_empty());
}

#[test]
fn debt_to_income_counts_the_new_payment() {
    let card = default_scorecard();
    // 15,000 income, limit 0.5: 7,500 a month for all debts.
    let mut p = profile(STRONG);
    p.monthly_debt_payments = Some(d("7000.00"));
    let r = evaluate(&card, &p).unwrap();
    // 50,000 over 24 months at 10.8% is about 2,300 a month: 9,300 > 7,500.
    assert_eq!(r.knockouts[0].rule, KnockoutRule::DtiAboveLimit);
    assert_eq!(r.decision, Decision::Decline);
    assert!(r.dti.unwrap() > d("0.5"));
    // The affordable amount fits the 500 left at the grade's upper rate.
    let max = r.max_principal.unwrap();
    assert!(max > d("10000") && max < d("11500"), "{max}");
    let ok = r.indicative.unwrap();
    assert_eq!(ok.principal, max);
    assert!(ok.payment_max <= d("500.00") && ok.payment_min <= ok.payment_max);
}

#[test]
fn the_affordable_amount_is_the_largest_within_the_limit() {
    let r = evaluate(&default_scorecard(), &profile(STRONG)).unwrap();
    let max = r.max_principal.unwrap();
    let budget = d("6000.00"); // 15,000 × 0.5 − 1,500
    let pay = |p: Decimal| {
        let req = loanlens_core::schema::ScheduleRequest::new(
            p,
            d("0.108"),
            24,
            loanlens_core::schema::Method::EqualInstallment,
        );
        loanlens_core::schedule(&req).unwrap().first_payment
    };
    assert!(pay(max) <= budget && pay(max + d("0.01")) > budget);
    // The asked 50,000 is below it, so the offer prices 50,000 at 7.2% … 10.8%.
    let ok = r.indicative.unwrap();
    assert_eq!((ok.principal, ok.apr_min, ok.apr_max), (d("50000.00"), d("0.072"), d("0.108")));
    assert_eq!(ok.payment_max, pay(d("50000.00")));
    assert!(ok.total_interest_min < ok.total_interest_max);
}

#[test]
fn bin_edges_land_where_the_notation_says() {
    let card = card_with(
        "age",
        r#"[{"when":{"range":"(-inf, 25)"},"points":"1"},{"when":{"range":"[25, 35)"},"points":"2"},
           {"when":{"range":"[35, 50]"},"points":"3"},{"when":{"range":"(50, inf)"},"points":"4"}]"#,
    );
    let pts = |age: u32| {
        evaluate(&card, &Profile { age: Some(age), ..Profile::default() }).unwrap().score
    };
    assert_eq!(
        [pts(24), pts(25), pts(34), pts(35), pts(50), pts(51)].map(|x| x.to_string()),
        ["1", "2", "2", "3", "3", "4"]
    );
}

#[test]
fn a_missing_answer_goes_to_the_missing_bin_or_is_asked_for() {
    let with_missing = card_with(
        "monthly_income",
        r#"[{"when":{"range":"(-inf, inf)"},"points":"10"},{"when":"missing","points":"-5"}]"#,
    );
    assert_eq!(evaluate(&with_missing, &Profile::default()).unwrap().score, d("-5"));
    // JSON null is an absent answer.
    let nulls = profile(
        r#"{"age":null,"monthly_income":null,"employment":null,"months_in_job":null,
        "housing":null,"monthly_debt_payments":null,"overdue_count_24m":null,
        "currently_overdue":null,"credit_inquiries_6m":null,"social_insurance_months":null,
        "purpose":null,"segment":null,"loan":null}"#,
    );
    assert_eq!(nulls, Profile::default());
    assert_eq!(evaluate(&with_missing, &nulls).unwrap().score, d("-5"));
    let without =
        card_with("monthly_income", r#"[{"when":{"range":"(-inf, inf)"},"points":"10"}]"#);
    let e = evaluate(&without, &Profile::default()).unwrap_err();
    assert_eq!(e.field, "monthly_income");
}

#[test]
fn special_values_and_else_bins() {
    let card = card_with(
        "credit_inquiries_6m",
        r#"[{"when":{"special":["99"]},"points":"-9"},{"when":{"range":"(-inf, 5)"},"points":"5"},
           {"when":"else","points":"1"}]"#,
    );
    let pts = |n: u32| {
        let p = Profile { credit_inquiries_6m: Some(n), ..Profile::default() };
        evaluate(&card, &p).map(|r| r.score.to_string())
    };
    assert_eq!(pts(4).unwrap(), "5");
    assert_eq!(pts(7).unwrap(), "1");
    assert_eq!(pts(99).unwrap(), "-9");
    let cats = card_with(
        "housing",
        r#"[{"when":{"values":["own","mortgage"]},"points":"9"},{"when":"else","points":"2"}]"#,
    );
    let h = |j: &str| evaluate(&cats, &profile(j)).unwrap().score.to_string();
    assert_eq!(h(r#"{"housing":"mortgage"}"#), "9");
    assert_eq!(h(r#"{"housing":"dormitory"}"#), "2");
    // `else` does not take an absent answer.
    assert_eq!(evaluate(&cats, &Profile::default()).unwrap_err().field, "housing");
}

#[test]
fn validation_lists_every_error_with_its_place() {
    let mut doc: Scorecard =
        serde_json::from_str(loanlens_core::scorecard::DEFAULT_SCORECARD_JSON).unwrap();
    doc.variables[3].bins = serde_json::from_str(
        r#"[{"when":{"range":"(-inf, 25)"},"points":"0"},{"when":{"range":"[25, 35)"},"points":"1"},
           {"when":{"range":"[30, 40)"},"points":"2"},{"when":{"range":"[45, inf)"},"points":"3"}]"#,
    )
    .unwrap();
    doc.variables[0].reason = None;
    doc.variables[1].field = "shoe_size".into();
    doc.cutoffs.as_mut().unwrap().refer = d("700");
    doc.grades[1].min_score = d("700");
    let errs: Vec<String> = doc.validate().unwrap_err().iter().map(|e| e.to_string()).collect();
    assert_eq!(
        errs,
        [
            "variables[0].reason: has no reason code",
            "variables[1].field: 'shoe_size' is not a profile field (known: age, monthly_income, \
             employment, months_in_job, housing, monthly_debt_payments, overdue_count_24m, \
             currently_overdue, credit_inquiries_6m, social_insurance_months, purpose, segment)",
            "variables[3].bins[1]: overlaps bins[2] ([25, 35) and [30, 40))",
            "variables[3].bins[2]: leaves a gap before bins[3] ([30, 40) and [45, inf))",
            "cutoffs: are unordered: refer 700 is above pass 620",
            "grades[1].min_score: must be below grades[0].min_score (best grade first)",
        ]
    );
}

#[test]
fn categorical_bins_must_cover_every_value_once() {
    let json = r#"{"id":"t","version":"1","effective_date":"2026-01-01",
      "scaling":{"base_score":"600","base_odds":"50","pdo":"20"},
      "variables":[{"field":"housing","reason":{"code":"R","zh":"z","en":"e"},"bins":[
        {"when":{"values":["own","rent"]},"points":"1"},{"when":{"values":["rent","palace"]},"points":"2"},
        {"when":{"range":"[0, 1)"},"points":"0"}]}]}"#;
    let errs: Vec<String> = loanlens_core::scorecard::from_json(json)
        .unwrap_err()
        .iter()
        .map(|e| e.to_string())
        .collect();
    assert_eq!(errs.len(), 4, "{errs:?}");
    assert!(errs[0].contains("bins[1]: 'rent' is also listed in bins[0]"));
    assert!(errs[1].contains("'palace' is not a value of housing"));
    assert!(errs[2].contains("bins[2]: housing is categorical"));
    assert!(errs[3].contains("values mortgage, family, dormitory, other fall in no bin"));
}

#[test]
fn profile_fields_are_checked_with_their_range() {
    let card = default_scorecard();
    for (json, field) in [
        (r#"{"age":121}"#, "age"),
        (r#"{"monthly_income":"-1.00"}"#, "monthly_income"),
        (r#"{"monthly_debt_payments":"1.005"}"#, "monthly_debt_payments"),
        (r#"{"months_in_job":721}"#, "months_in_job"),
        (r#"{"loan":{"principal":"0.00","term_months":12}}"#, "loan.principal"),
        (r#"{"loan":{"principal":"1000.00","term_months":0}}"#, "loan.term_months"),
    ] {
        assert_eq!(evaluate(&card, &profile(json)).unwrap_err().field, field, "{json}");
    }
    assert_eq!(from_json::<Profile>(r#"{"housing":"castle"}"#).unwrap_err().field, "housing");
    assert_eq!(from_json::<Profile>(r#"{"height":180}"#).unwrap_err().field, "height");
}

#[test]
fn scaling_maps_score_to_odds_and_pd_exactly() {
    let s = Scaling { base_score: d("600"), base_odds: d("50"), pdo: d("40") };
    assert_eq!(odds_at(&s, d("600")), Some(d("50")));
    assert_eq!(odds_at(&s, d("640")), Some(d("100")));
    assert_eq!(odds_at(&s, d("520")), Some(d("12.5")));
    // Half a PDO multiplies the odds by √2 = 1.41421356237309504880168872…
    let half = odds_at(&s, d("620")).unwrap();
    assert_eq!(half.round_dp(20), d("70.71067811865475244008"));
    // 300 and 695 against Python's 50-digit decimal: PD 0.78356790011934028306…, 0.00384071906721283624…
    assert_eq!(pd_at(&s, d("300")).unwrap().round_dp(18), d("0.783567900119340283"));
    assert_eq!(pd_at(&s, d("695")).unwrap().round_dp(18), d("0.003840719067212836"));
}

#[test]
fn the_result_has_the_documented_json_shape() {
    let r = evaluate(&default_scorecard(), &profile(STRONG)).unwrap();
    let v = serde_json::to_value(&r).unwrap();
    let text = serde_json::to_string(&r).unwrap();
    let order = [
        "schema_version",
        "scorecard_id",
        "scorecard_version",
        "score",
        "decision",
        "grade",
        "pd",
        "odds",
        "reasons",
        "knockouts",
        "dti",
        "max_principal",
        "apr_range",
        "indicative",
    ];
    let at: Vec<usize> = order.iter().map(|k| text.find(&format!("\"{k}\":")).unwrap()).collect();
    assert!(at.windows(2).all(|w| w[0] < w[1]), "{text}");
    assert_eq!(v["decision"], "pass");
    assert_eq!(v["pd"], "0.005423");
    assert_eq!(v["apr_range"], serde_json::json!({"min": "0.072", "max": "0.108"}));
    assert_eq!(v["reasons"][0]["variable"], "employment");
    let back: loanlens_core::scorecard::PrecheckResult = serde_json::from_value(v).unwrap();
    assert_eq!(back, r);
}
