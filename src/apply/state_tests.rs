//! Host tests of the application form's reducer: what a person types in, the request (or the
//! inline errors) out, and how each answer of the server changes the form.

use super::state::{
    check, fingerprint, key_for, Action, Answer, ApplyState, Field, FieldError, Notice, Phase,
    Rescore,
};
use crate::handoff::Handoff;
use loanlens_core::application::{ApplicationCreated, Status, CONSENTS};
use loanlens_core::dates::Date;
use loanlens_core::schema::Method;
use loanlens_core::scorecard::{Decision, LoanAsk, Profile};
use std::rc::Rc;
use yew::Reducible;

/// The textbook example number: born 1949-12-31, so 76 on 2026-11-29.
const ID_76: &str = "11010519491231002X";

fn today() -> Option<Date> {
    Date::parse("2026-11-29").ok()
}

fn handoff(age: u32) -> Handoff {
    Handoff {
        scorecard_version: "2026.1".into(),
        profile: Profile {
            age: Some(age),
            loan: Some(LoanAsk {
                principal: 50000.into(),
                term_months: 24,
                method: Method::EqualInstallment,
                upfront_fee: None,
                monthly_fee_rate: None,
            }),
            ..Profile::default()
        },
        score: "690".into(),
        decision: Decision::Pass,
    }
}

fn filled(phone: &str, id: &str) -> Rc<ApplyState> {
    let mut s = Rc::new(ApplyState::new(Some(handoff(76)), today()));
    for (f, v) in [
        (Field::Name, " 张三 "),
        (Field::Phone, phone),
        (Field::IdNumber, id),
        (Field::City, "上海"),
    ] {
        s = s.reduce(Action::Set(f, v.into()));
    }
    s
}

fn consent_all(mut s: Rc<ApplyState>) -> Rc<ApplyState> {
    for i in 0..CONSENTS.len() {
        s = s.reduce(Action::Consent(i, true));
    }
    s
}

fn created(duplicate: bool) -> Rc<ApplicationCreated> {
    Rc::new(ApplicationCreated {
        id: "abc".into(),
        reference: "LL-ABCD-EFGH".into(),
        status: Status::Submitted,
        status_token: (!duplicate).then(|| "tok".into()),
        decision: Decision::Pass,
        score: 690.into(),
        created_at: "2026-11-29T10:00:00Z".into(),
        duplicate,
    })
}

#[test]
fn a_filled_form_with_both_consents_sends_normalised_fields_and_the_current_consent_versions() {
    let s = consent_all(filled("+86 138-0013-8000", "11010519491231002x"));
    let req = s.request().expect("a complete form builds a request");
    assert_eq!(req.applicant.name, "张三");
    assert_eq!(req.applicant.phone, "13800138000");
    assert_eq!(req.applicant.id_number, ID_76);
    assert_eq!(req.applicant.city, "上海");
    assert_eq!(req.scorecard_version, "2026.1");
    assert_eq!(req.profile, handoff(76).profile);
    let pi = req.consents.personal_information.unwrap();
    let ci = req.consents.credit_inquiry.unwrap();
    assert!(pi.accepted && ci.accepted);
    assert_eq!(pi.version, CONSENTS[0].version);
    assert_eq!(ci.version, CONSENTS[1].version);
    let shown = req.client_result.unwrap();
    assert_eq!(shown.decision, Some(Decision::Pass));
    assert_eq!(shown.score, Some(690.into()));
    // "138 0013 8000" is accepted as typed too.
    assert!(consent_all(filled("138 0013 8000", ID_76)).request().is_some());
}

#[test]
fn without_both_consents_nothing_is_sent_and_the_missing_one_is_flagged() {
    let s = filled("13800138000", ID_76).reduce(Action::Consent(0, true));
    assert!(s.request().is_none());
    let s = s.reduce(Action::ShowErrors);
    assert_eq!(s.consent_errors, vec![false, true]);
    assert!(s.errors.iter().all(Option::is_none));
    let s = s.reduce(Action::Consent(1, true));
    assert_eq!(s.consent_errors, vec![false, false]);
    assert!(s.request().is_some());
}

#[test]
fn every_field_error_names_its_rule() {
    let t = today();
    let c = |f, v: &str, age| check(f, v, Some(age), t);
    assert_eq!(c(Field::Name, "  ", 30), Some(FieldError::Required));
    assert_eq!(c(Field::Name, &"张".repeat(51), 30), Some(FieldError::Name(50)));
    assert_eq!(c(Field::Phone, "12800138000", 30), Some(FieldError::Phone));
    assert_eq!(c(Field::Phone, "+86 138-0013-800", 30), Some(FieldError::Phone));
    assert_eq!(c(Field::IdNumber, "1101051949123100", 76), Some(FieldError::IdShape));
    assert_eq!(c(Field::IdNumber, "01010519491231002X", 76), Some(FieldError::IdShape));
    // One digit changed: the check character no longer fits.
    assert_eq!(c(Field::IdNumber, "11010519491231003X", 76), Some(FieldError::IdChecksum));
    // A valid check character over a date that does not exist (1949-02-30).
    let bad_date = format!(
        "11010519490230002{}",
        loanlens_core::application::id_check_char("11010519490230002").unwrap()
    );
    assert_eq!(c(Field::IdNumber, &bad_date, 76), Some(FieldError::IdDate));
    // 76 on 2026-11-29: 75 and 77 are within a year either side, 35 is not.
    assert_eq!(c(Field::IdNumber, ID_76, 75), None);
    assert_eq!(c(Field::IdNumber, ID_76, 77), None);
    assert_eq!(c(Field::IdNumber, ID_76, 35), Some(FieldError::IdAge(35)));
    assert_eq!(
        c(Field::City, &"市".repeat(200), 30),
        Some(FieldError::City(loanlens_core::application::CITY.max_chars))
    );
}

#[test]
fn an_error_appears_on_leaving_the_field_and_goes_when_fixed() {
    let s = Rc::new(ApplyState::new(Some(handoff(76)), today()));
    let s = s.reduce(Action::Set(Field::Phone, "1380013".into()));
    assert_eq!(s.errors[1], None, "not while still typing");
    let s = s.reduce(Action::Blur(Field::Phone));
    assert_eq!(s.errors[1], Some(FieldError::Phone));
    let s = s.reduce(Action::Set(Field::Phone, "13800138000".into()));
    assert_eq!(s.errors[1], None);
}

#[test]
fn while_sending_the_form_is_locked_and_a_network_failure_allows_a_retry_of_the_same_body() {
    let s = consent_all(filled("13800138000", ID_76));
    let body = serde_json::to_string(&s.request().unwrap()).unwrap();
    let s = s.reduce(Action::Sending);
    assert_eq!(s.phase, Phase::Sending);
    assert!(s.request().is_none(), "no second request while one is in flight");
    let same = s.clone().reduce(Action::Set(Field::Name, "李四".into()));
    assert!(Rc::ptr_eq(&same, &s), "fields are locked while sending");
    let s = s.reduce(Action::Answered(Answer::Network));
    assert_eq!(s.phase, Phase::NetworkFailed);
    let retry = serde_json::to_string(&s.request().unwrap()).unwrap();
    assert_eq!(retry, body, "the retry sends the very same body");
}

#[test]
fn one_filled_form_keeps_one_idempotency_key() {
    let (k1, entry) = key_for("{\"a\":1}", None, || "k".repeat(32));
    assert_eq!(k1, "k".repeat(32));
    let (k2, _) = key_for("{\"a\":1}", Some(&entry), || unreachable!("reused"));
    assert_eq!(k2, k1);
    let (k3, _) = key_for("{\"a\":2}", Some(&entry), || "n".repeat(32));
    assert_eq!(k3, "n".repeat(32), "an edited form gets a new key");
    assert_ne!(fingerprint("{\"a\":1}"), fingerprint("{\"a\":2}"));
}

#[test]
fn the_server_naming_a_field_marks_it_and_a_consent_is_unticked() {
    let s = consent_all(filled("13800138000", ID_76)).reduce(Action::Sending);
    let s = s.reduce(Action::Answered(Answer::Refused("applicant.id_number".into())));
    assert_eq!(s.errors[2], Some(FieldError::Server));
    assert_eq!(s.phase, Phase::Editing);
    let s = s.reduce(Action::Answered(Answer::Refused("consents.credit_inquiry".into())));
    assert_eq!(s.consents, vec![true, false]);
    assert_eq!(s.consent_errors, vec![false, true]);
}

#[test]
fn a_stale_card_re_scores_and_a_decline_then_blocks_the_form() {
    let s = consent_all(filled("13800138000", ID_76)).reduce(Action::Sending);
    let rescore = |decision| Rescore {
        scorecard_version: "2027.1".into(),
        score: "575".into(),
        decision,
        knockouts: vec![],
        reasons: vec![],
    };
    let declined =
        s.clone().reduce(Action::Answered(Answer::Rescored(Some(rescore(Decision::Decline)))));
    assert_eq!(declined.phase, Phase::StaleDeclined);
    assert!(declined.request().is_none());
    // A refer re-scored: the new version and score are what the next request carries.
    let s = s.reduce(Action::Answered(Answer::Rescored(Some(rescore(Decision::Refer)))));
    assert_eq!(s.notice, Some(Notice::Rescored));
    let req = s.request().unwrap();
    assert_eq!(req.scorecard_version, "2027.1");
    assert_eq!(req.client_result.unwrap().decision, Some(Decision::Refer));
    // Without an assessment the form stays as it was and says so.
    let s = s.reduce(Action::Sending).reduce(Action::Answered(Answer::Rescored(None)));
    assert_eq!(s.notice, Some(Notice::RescoreFailed));
    assert_eq!(s.request().unwrap().scorecard_version, "2027.1");
}

#[test]
fn an_answer_ends_the_form_and_a_decline_shows_its_reasons() {
    let s = consent_all(filled("13800138000", ID_76)).reduce(Action::Sending);
    let done = s.clone().reduce(Action::Answered(Answer::Created(created(false))));
    assert!(matches!(done.phase, Phase::Done(_)));
    assert!(done.request().is_none(), "a second click sends nothing");
    let declined = s.reduce(Action::Answered(Answer::Declined(vec!["R_INCOME".into()])));
    assert_eq!(declined.phase, Phase::Declined(vec!["R_INCOME".into()]));
    assert!(declined.request().is_none());
}

#[test]
fn without_a_hand_off_there_is_no_form() {
    let s = Rc::new(ApplyState::new(None, today()));
    assert!(!s.editable());
    assert!(s.request().is_none());
}
