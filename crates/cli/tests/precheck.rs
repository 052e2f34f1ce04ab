//! `loanlens scorecard import|check` and `loanlens precheck` as risk staff and partners use them.

mod common;
use common::run;
use loanlens_core::scorecard::import::{import, ImportOptions, Tool};
use loanlens_core::scorecard::{default_scorecard, evaluate, PrecheckResult, Profile};
use serde_json::Value;
use std::path::{Path, PathBuf};

fn fixture(name: &str) -> String {
    Path::new(env!("CARGO_MANIFEST_DIR"))
        .join("../core/tests/data/scorecard")
        .join(name)
        .to_string_lossy()
        .into_owned()
}

fn temp_file(name: &str, text: &str) -> (tempfile::TempDir, PathBuf) {
    let dir = tempfile::tempdir().unwrap();
    let path = dir.path().join(name);
    std::fs::write(&path, text).unwrap();
    (dir, path)
}

const STRONG: &str = include_str!("../../core/tests/data/scorecard/profiles/strong.json");

const STUDENT: &str = include_str!("../../core/tests/data/scorecard/profiles/student.json");

#[test]
fn each_import_prints_the_cores_card_and_round_trips_through_check() {
    for (tool, file) in [
        (Tool::Toad, "toad.csv"),
        (Tool::Scorecardpy, "scorecardpy.csv"),
        (Tool::Optbinning, "optbinning.csv"),
    ] {
        let path = fixture(file);
        let (code, out, err) = run(&["scorecard", "import", "--from", tool.id(), &path], "");
        assert_eq!(code, 0, "{file}: {err}");
        let printed: Value = serde_json::from_str(&out).unwrap();
        let csv = std::fs::read_to_string(&path).unwrap();
        let core = import(tool, &csv, &ImportOptions::default_for(tool)).unwrap();
        assert_eq!(printed, serde_json::to_value(&core).unwrap(), "{file}");

        let (_dir, card) = temp_file("card.json", &out);
        let (code, summary, err) = run(&["scorecard", "check", card.to_str().unwrap()], "");
        assert_eq!(code, 0, "{file}: {err}");
        let want = format!("ok: imported-{} version 1", tool.id());
        assert!(summary.starts_with(&want), "{summary}");
        let vars = core.doc().variables.len();
        assert!(summary.contains(&format!("variables {vars},")), "{summary}");
        // The same document from stdin checks the same way.
        assert_eq!(run(&["scorecard", "check"], &out).1, summary);
    }
}

#[test]
fn import_options_set_the_cards_identity_and_scaling() {
    let (code, out, err) = run(
        &[
            "scorecard",
            "import",
            "--from",
            "optbinning",
            "--id",
            "risk-2026q4",
            "--version",
            "7",
            "--effective-date",
            "2026-12-01",
            "--pdo",
            "40",
        ],
        &std::fs::read_to_string(fixture("optbinning.csv")).unwrap(),
    );
    assert_eq!(code, 0, "{err}");
    let card: Value = serde_json::from_str(&out).unwrap();
    assert_eq!(card["id"], "risk-2026q4");
    assert_eq!(card["version"], "7");
    assert_eq!(card["effective_date"], "2026-12-01");
    assert_eq!(card["scaling"]["pdo"], "40");
    assert_eq!(card["scaling"]["base_score"], "600", "the tool's default is kept");
    // A bad option is a card error like any other, listed with its place.
    let (code, _, err) = run(
        &[
            "scorecard",
            "import",
            "--from",
            "toad",
            "--effective-date",
            "soon",
            &fixture("toad.csv"),
        ],
        "",
    );
    assert_eq!(code, 2);
    assert!(err.contains("effective_date"), "{err}");
}

#[test]
fn a_broken_table_exits_2_listing_every_problem_and_the_overlapping_bins() {
    let (code, out, err) =
        run(&["scorecard", "import", "--from", "toad", &fixture("toad_broken.csv")], "");
    assert_eq!(code, 2);
    assert!(out.is_empty(), "nothing half-imported: {out}");
    let v: Value = serde_json::from_str(err.trim()).unwrap();
    let errors = v["errors"].as_array().unwrap();
    assert_eq!(v["error"], errors[0], "error is the first of errors");
    let all: Vec<String> =
        errors.iter().map(|e| format!("{}: {}", e["field"], e["message"])).collect();
    let has = |needle: &str| all.iter().any(|e| e.contains(needle));
    assert!(has("[25.0 ~ 40.0)") && has("overlaps row 4") && has("[35.0 ~ inf)"), "{all:?}");
    assert!(has("shoe_size"), "{all:?}");
    assert!(has("'x' are not a number"), "{all:?}");
    assert!(has("castle"), "{all:?}");
    assert_eq!(errors.len(), 4, "{all:?}");
}

#[test]
fn check_refuses_a_broken_card_with_every_error() {
    let mut doc: Value = serde_json::to_value(default_scorecard()).unwrap();
    doc["cutoffs"] = serde_json::json!({"pass": "500", "refer": "600"});
    doc["variables"][1]["reason"] = Value::Null;
    let (code, out, err) = run(&["scorecard", "check"], &doc.to_string());
    assert_eq!(code, 2);
    assert!(out.is_empty());
    let v: Value = serde_json::from_str(err.trim()).unwrap();
    let fields: Vec<&str> =
        v["errors"].as_array().unwrap().iter().map(|e| e["field"].as_str().unwrap()).collect();
    assert!(fields.contains(&"cutoffs"), "{fields:?}");
    assert!(fields.iter().any(|f| f.starts_with("variables[1]")), "{fields:?}");
    let (code, _, err) = run(&["scorecard", "check"], "{not json");
    assert_eq!(code, 2);
    assert!(err.contains("\"errors\""), "{err}");
}

#[test]
fn a_strong_profile_passes_and_equals_the_cores_evaluation() {
    let (code, out, err) = run(&["precheck"], STRONG);
    assert_eq!(code, 0, "{err}");
    let cli: PrecheckResult = serde_json::from_str(&out).unwrap();
    let profile: Profile = loanlens_core::schema::from_json(STRONG).unwrap();
    let core = evaluate(&default_scorecard(), &profile).unwrap();
    assert_eq!(cli, core);
    let v: Value = serde_json::from_str(&out).unwrap();
    assert_eq!(v["decision"], "pass");
    assert_eq!(v["grade"], "A");
    assert_eq!(v["score"], "675");
    assert!(v["reasons"][0]["variable"].is_string(), "{v}");
    // From a file, in the table format.
    let (_dir, path) = temp_file("profile.json", STRONG);
    let (code, table, err) = run(&["precheck", path.to_str().unwrap(), "-f", "table"], "");
    assert_eq!(code, 0, "{err}");
    assert!(table.contains("decision  pass") && table.contains("score  675"), "{table}");
}

#[test]
fn a_student_is_knocked_out_but_still_sees_score_and_reasons() {
    let (code, out, err) = run(&["precheck"], STUDENT);
    assert_eq!(code, 0, "{err}");
    let v: Value = serde_json::from_str(&out).unwrap();
    assert_eq!(v["decision"], "decline");
    let rules: Vec<&str> =
        v["knockouts"].as_array().unwrap().iter().map(|k| k["rule"].as_str().unwrap()).collect();
    assert!(rules.contains(&"student"), "{v}");
    assert!(!v["reasons"].as_array().unwrap().is_empty(), "{v}");
    let profile: Profile = loanlens_core::schema::from_json(STUDENT).unwrap();
    let core = evaluate(&default_scorecard(), &profile).unwrap();
    assert_eq!(serde_json::from_str::<PrecheckResult>(&out).unwrap(), core);
}

#[test]
fn precheck_with_an_imported_card_and_bad_input() {
    let (_, card, _) =
        run(&["scorecard", "import", "--from", "scorecardpy", &fixture("scorecardpy.csv")], "");
    let (_dir, path) = temp_file("card.json", &card);
    let scorecard = ["precheck", "--scorecard", path.to_str().unwrap()];
    let (code, out, err) = run(&scorecard, r#"{"age":40,"monthly_income":"3000.00"}"#);
    assert_eq!(code, 0, "{err}");
    let v: Value = serde_json::from_str(&out).unwrap();
    assert_eq!(v["scorecard_id"], "imported-scorecardpy");
    // 456 base + 25 (age 35+) + 20 (income 2000+) − 15 (employment missing).
    assert_eq!(v["score"], "486");
    // No cutoffs on an import: a person looks at every application.
    assert_eq!(v["decision"], "refer");
    // Income has no missing bin on that card: the evaluation names the field, it does not guess.
    let (code, _, err) = run(&scorecard, r#"{"age":40}"#);
    assert_eq!(code, 2);
    let v: Value = serde_json::from_str(err.trim()).unwrap();
    assert_eq!(v["error"]["field"], "monthly_income", "{v}");
    for (profile, field) in [
        (r#"{"age":121}"#, "age"),
        (r#"{"age":30,"shoe_size":42}"#, "shoe_size"),
        (r#"{"employment":"astronaut"}"#, "employment"),
        ("not json", "body"),
    ] {
        let (code, out, err) = run(&["precheck"], profile);
        assert_eq!(code, 2, "{profile}");
        assert!(out.is_empty());
        let v: Value = serde_json::from_str(err.trim()).unwrap();
        assert!(v["error"]["field"].as_str().unwrap().contains(field), "{profile} → {v}");
    }
    let (code, _, err) = run(&["precheck", "--scorecard", "/nonexistent/card.json"], "{}");
    assert_eq!(code, 2);
    assert!(err.contains("\"scorecard\""), "{err}");
    let (code, _, _) = run(&["precheck", "--format", "csv"], STRONG);
    assert_eq!(code, 64, "only json and table");
}

#[test]
fn help_covers_the_new_commands() {
    let (code, out, _) = run(&["--help"], "");
    assert_eq!(code, 0);
    assert!(out.contains("scorecard") && out.contains("precheck"), "{out}");
    for args in [
        &["scorecard", "import", "--help"][..],
        &["scorecard", "check", "--help"],
        &["precheck", "--help"],
    ] {
        let (code, out, err) = run(args, "");
        assert_eq!(code, 0, "{err}");
        let usage = format!("Usage: loanlens {}", args[..args.len() - 1].join(" "));
        assert!(out.contains(&usage), "{out}");
    }
    let (_, out, _) = run(&["scorecard", "import", "--help"], "");
    assert!(out.contains("toad") && out.contains("scorecardpy") && out.contains("optbinning"));
    let (_, out, _) = run(&["precheck", "--help"], "");
    assert!(out.contains("--scorecard") && out.contains("json") && out.contains("table"));
}

/// docs/schema.md's pre-check example is what the CLI prints for the documented request.
#[test]
fn the_documented_example_is_the_clis_answer() {
    let doc =
        std::fs::read_to_string(Path::new(env!("CARGO_MANIFEST_DIR")).join("../../docs/schema.md"))
            .unwrap();
    let block_after = |heading: &str| -> Value {
        let rest = &doc[doc.find(heading).unwrap()..];
        let start = rest.find("```json\n").unwrap() + 8;
        let end = start + rest[start..].find("```").unwrap();
        serde_json::from_str(&rest[start..end]).unwrap()
    };
    let request = block_after("### Request `Profile`");
    let documented = block_after("### Response `PrecheckResult`");
    let (code, out, err) = run(&["precheck"], &request.to_string());
    assert_eq!(code, 0, "{err}");
    assert_eq!(serde_json::from_str::<Value>(&out).unwrap(), documented);
}
