//! Host tests of the pre-check reducer: a person's answers in, the decision, reasons, errors and
//! hand-off link out, scored by the core's default card.

use super::questions::{index_of, AnswerError, QUESTIONS, STEPS};
use super::state::{calculator_link, per_mille, score_range, Action, CardSource, PrecheckState};
use loanlens_core::scorecard::{Decision, KnockoutRule, DEFAULT_SCORECARD_JSON};
use rust_decimal::Decimal;
use std::rc::Rc;
use yew::Reducible;

fn set(s: Rc<PrecheckState>, id: &str, text: &str) -> Rc<PrecheckState> {
    s.reduce(Action::Set(index_of(id).unwrap(), text.into()))
}

fn fill(mut s: Rc<PrecheckState>, answers: &[(&str, &str)]) -> Rc<PrecheckState> {
    for (id, text) in answers {
        s = set(s, id, text);
    }
    s
}

fn error(s: &PrecheckState, id: &str) -> Option<AnswerError> {
    s.errors[index_of(id).unwrap()].clone()
}

const STRONG: &[(&str, &str)] = &[
    ("age", "38"),
    ("employment", "civil_servant"),
    ("months_in_job", "72"),
    ("social_insurance_months", "96"),
    ("housing", "own"),
    ("monthly_income", "2.5万"),
    ("monthly_debt_payments", "0"),
    ("overdue_count_24m", "0"),
    ("currently_overdue", "false"),
    ("credit_inquiries_6m", "0"),
    ("loan_amount", "5万"),
    ("term_months", "24"),
    ("purpose", "education"),
];

/// Walks the four steps with Next and asks for the result.
fn through_steps(mut s: Rc<PrecheckState>) -> Rc<PrecheckState> {
    for step in 0..STEPS - 1 {
        assert_eq!(s.step, step, "stuck on step {step}: {:?}", s.errors);
        s = s.reduce(Action::Next);
    }
    s.reduce(Action::Submit)
}

#[test]
fn a_strong_profile_passes_with_grade_a_and_hands_off_to_the_calculator() {
    let s = through_steps(fill(Rc::default(), STRONG));
    assert_eq!(s.step, STEPS);
    let r = s.result.as_ref().expect("a result");
    assert_eq!(r.decision, Decision::Pass);
    assert_eq!(r.grade.as_deref(), Some("A"));
    assert!(r.knockouts.is_empty());
    // Every answer is in its best bin except the income (25,000 < 30,000): one reason.
    assert_eq!(r.score, Decimal::from(690));
    let vars: Vec<_> = r.reasons.iter().map(|x| x.variable.as_str()).collect();
    assert_eq!(vars, ["monthly_income"]);
    let i = r.indicative.as_ref().unwrap();
    assert_eq!(i.principal, Decimal::from(50_000));
    assert_eq!(
        calculator_link(r).unwrap(),
        "/calculator?principal=50000&rate=10.8&term=24&method=equal_installment"
    );
}

#[test]
fn a_student_is_knocked_out_but_still_sees_score_and_reasons() {
    let mut answers = STRONG.to_vec();
    answers[0] = ("age", "20");
    answers[1] = ("employment", "student");
    answers[2] = ("months_in_job", "0");
    let s = through_steps(fill(Rc::default(), &answers));
    let r = s.result.as_ref().unwrap();
    assert_eq!(r.decision, Decision::Decline);
    assert!(r.knockouts.iter().any(|k| k.rule == KnockoutRule::Student), "{:?}", r.knockouts);
    assert!(r.score > Decimal::ZERO);
    assert!(r.reasons.iter().any(|x| x.variable == "employment"));
}

#[test]
fn a_weak_profile_is_declined_with_its_largest_shortfalls_first() {
    let weak: &[(&str, &str)] = &[
        ("age", "30"),
        ("employment", "freelancer"),
        ("months_in_job", "3"),
        ("housing", "rent"),
        ("monthly_income", "4000"),
        ("monthly_debt_payments", "500"),
        ("overdue_count_24m", "5"),
        ("currently_overdue", "false"),
        ("credit_inquiries_6m", "9"),
        ("loan_amount", "10000"),
        ("term_months", "12"),
    ];
    let s = through_steps(fill(Rc::default(), weak));
    let r = s.result.as_ref().unwrap();
    assert_eq!(r.decision, Decision::Decline);
    assert!(r.knockouts.is_empty(), "declined on points, not a knockout: {:?}", r.knockouts);
    assert!(r.reasons.len() >= 3);
    assert!(r.reasons.windows(2).all(|w| w[0].shortfall >= w[1].shortfall));
    // 5 late payments cost 70 points against the best bin: the top reason.
    assert_eq!(r.reasons[0].variable, "overdue_count_24m");
}

#[test]
fn next_stops_on_a_blank_required_answer_and_names_it() {
    let s: Rc<PrecheckState> = Rc::default();
    let s = s.reduce(Action::Next);
    assert_eq!(s.step, 0);
    assert_eq!(error(&s, "age"), Some(AnswerError::Empty));
    assert_eq!(error(&s, "employment"), Some(AnswerError::Empty));
    // Optional answers may stay blank.
    assert_eq!(error(&s, "housing"), None);
    let s = fill(s, &[("age", "30"), ("employment", "salaried")]).reduce(Action::Next);
    assert_eq!(s.step, 1);
    let s = s.reduce(Action::Back);
    assert_eq!(s.step, 0);
    assert_eq!(s.answers[index_of("age").unwrap()], "30");
}

#[test]
fn inline_errors_show_the_cores_allowed_range_and_clear_when_fixed() {
    let s = set(Rc::default(), "age", "130");
    match error(&s, "age") {
        Some(AnswerError::Range { lo, hi }) => {
            assert_eq!((lo.as_str(), hi.as_str()), ("0", "120"));
        }
        other => panic!("expected a range error, got {other:?}"),
    }
    let s = set(s, "age", "-1");
    assert!(matches!(error(&s, "age"), Some(AnswerError::Range { .. })));
    let s = set(s, "age", "30.5");
    assert_eq!(error(&s, "age"), Some(AnswerError::Whole));
    let s = set(s, "age", "thirty");
    assert_eq!(error(&s, "age"), Some(AnswerError::Number));
    let s = set(s, "age", "30");
    assert_eq!(error(&s, "age"), None);
    let s = set(s, "monthly_debt_payments", "-5");
    assert!(matches!(error(&s, "monthly_debt_payments"), Some(AnswerError::Range { .. })));
    let s = set(s, "monthly_income", "1.2万");
    assert_eq!(error(&s, "monthly_income"), None);
    let s = set(s, "term_months", "601");
    match error(&s, "term_months") {
        Some(AnswerError::Range { lo, hi, .. }) => {
            assert_eq!((lo.as_str(), hi.as_str()), ("1", "600"))
        }
        other => panic!("expected a range error, got {other:?}"),
    }
    let s = set(s, "loan_amount", "0");
    assert!(matches!(error(&s, "loan_amount"), Some(AnswerError::Range { .. })));
    // Typing a blank into a required field does not shout before Next.
    let s = set(s, "age", "");
    assert_eq!(error(&s, "age"), None);
}

#[test]
fn a_card_that_needs_a_blank_answer_says_which_and_goes_to_its_step() {
    let mut doc: serde_json::Value = serde_json::from_str(DEFAULT_SCORECARD_JSON).unwrap();
    for v in doc["variables"].as_array_mut().unwrap() {
        if v["field"] == "housing" {
            v["bins"].as_array_mut().unwrap().retain(|b| b["when"] != "missing");
        }
    }
    let card = super::state::read_card(&doc.to_string()).unwrap();
    let s = Rc::<PrecheckState>::default().reduce(Action::CardServed(Rc::new(card)));
    assert_eq!(s.source, CardSource::Served);
    let answers: Vec<_> = STRONG.iter().filter(|(id, _)| *id != "housing").copied().collect();
    let s = through_steps(fill(s, &answers));
    assert_eq!(s.step, 0);
    assert!(s.result.is_none());
    assert_eq!(error(&s, "housing"), Some(AnswerError::Needed));
}

#[test]
fn a_refused_served_card_keeps_the_built_in_one_and_lists_the_errors() {
    let errs = super::state::read_card(r#"{"id":"x"}"#).unwrap_err();
    assert_eq!(errs[0].place, "body");
    let mut doc: serde_json::Value = serde_json::from_str(DEFAULT_SCORECARD_JSON).unwrap();
    doc["cutoffs"]["refer"] = "700".into();
    let listed = super::state::read_card(&doc.to_string()).unwrap_err();
    assert!(listed.iter().any(|e| e.place == "cutoffs"), "{listed:?}");
    let s = Rc::<PrecheckState>::default().reduce(Action::CardRefused(errs));
    assert!(matches!(&s.source, CardSource::Refused(e) if !e.is_empty()));
    assert!(s.illustrative());
    let s = through_steps(fill(s, STRONG));
    assert_eq!(s.result.as_ref().unwrap().decision, Decision::Pass);
}

#[test]
fn edit_keeps_the_answers_and_a_new_amount_is_rescored() {
    let s = through_steps(fill(Rc::default(), STRONG));
    let s = s.reduce(Action::Edit);
    assert_eq!(s.step, STEPS - 1);
    assert_eq!(s.answers[index_of("loan_amount").unwrap()], "5万");
    let s = set(s, "loan_amount", "8万").reduce(Action::Submit);
    assert_eq!(s.result.as_ref().unwrap().indicative.as_ref().unwrap().principal, 80_000.into());
}

#[test]
fn the_gauge_spans_the_cards_possible_scores() {
    let s = PrecheckState::default();
    let (lo, hi) = score_range(s.card.as_ref().unwrap().doc());
    // Base 360 plus each variable's worst and best bin of the default card.
    assert_eq!((lo, hi), (Decimal::from(300), Decimal::from(695)));
    assert_eq!(per_mille(lo, lo, hi), 0);
    assert_eq!(per_mille(hi, lo, hi), 1000);
    assert_eq!(per_mille(Decimal::from(1000), lo, hi), 1000);
    // 458 is 158 of the 395 points above the lowest score: 40%.
    assert_eq!(per_mille(Decimal::from(458), lo, hi), 400);
    assert_eq!(per_mille(lo, hi, lo), 0);
}

#[test]
fn every_question_has_a_step_and_a_unique_id() {
    for (i, q) in QUESTIONS.iter().enumerate() {
        assert!(q.step < STEPS, "{}", q.id);
        assert_eq!(index_of(q.id), Some(i), "{} is not unique", q.id);
    }
    for step in 0..STEPS {
        assert!(QUESTIONS.iter().any(|q| q.step == step), "step {step} is empty");
    }
}

#[test]
fn a_link_from_the_calculator_fills_the_loan_and_nothing_else() {
    let s = PrecheckState::with_loan_query("?principal=200000&term=24&method=equal_principal");
    let answer = |id| s.answers[index_of(id).unwrap()].clone();
    assert_eq!(answer("loan_amount"), "200000");
    assert_eq!(answer("term_months"), "24");
    assert_eq!(answer("method"), "equal_principal");
    assert_eq!(answer("age"), "");
    // Only plain numbers and the methods the form offers are taken.
    let s = PrecheckState::with_loan_query("?principal=1e9&term=-3&method=bullet&age=30");
    assert_eq!(s.answers, PrecheckState::default().answers);
}

#[test]
fn only_a_pass_or_refer_hands_the_profile_to_the_application_page() {
    let s = through_steps(fill(Rc::default(), STRONG));
    let h = s.handoff().expect("a pass hands off");
    assert_eq!(h.decision, Decision::Pass);
    assert_eq!(h.score, "690");
    assert_eq!(h.scorecard_version, s.result.as_ref().unwrap().scorecard_version);
    assert_eq!(h.profile.age, Some(38));
    assert_eq!(h.profile.loan.as_ref().unwrap().principal, Decimal::from(50_000));
    assert_eq!(crate::handoff::Handoff::from_json(&h.to_json()), Some(h));
    let student = fill(Rc::default(), STRONG);
    let student = fill(student, &[("age", "20"), ("employment", "student")]);
    let student = through_steps(student);
    assert_eq!(student.result.as_ref().unwrap().decision, Decision::Decline);
    assert_eq!(student.handoff(), None);
}
