//! The application body's rules: ID numbers (GB 11643 checksum, birth date, age), phones,
//! consents, partner ids; and properties of the checksum over generated numbers.

use loanlens_core::application::{
    age_on, check_id_number, id_check_char, normalize_phone, ApplicationRequest, ConsentKind,
    CONSENTS,
};
use loanlens_core::dates::Date;
use proptest::prelude::*;
use serde_json::{json, Value};

fn today() -> Date {
    Date::parse("2026-11-29").unwrap()
}

fn body() -> Value {
    json!({
        "scorecard_version": "2026-11",
        "profile": {"age": 35, "monthly_income": "15000.00",
                    "loan": {"principal": "50000.00", "term_months": 24}},
        "applicant": {"name": "张三", "phone": "13800138000",
                      "id_number": "110105199103070030", "city": "上海"},
        "consents": {"personal_information": {"version": "pi-2026-11", "accepted": true},
                     "credit_inquiry": {"version": "ci-2026-11", "accepted": true}},
        "partner": "bank-7",
        "client_result": {"score": "999", "decision": "pass"}
    })
}

fn check(v: &Value) -> Result<(), String> {
    let req: ApplicationRequest =
        loanlens_core::schema::from_json(&v.to_string()).map_err(|e| e.field)?;
    req.normalized(|s| s.to_string()).validate(today()).map_err(|e| e.field)
}

#[test]
fn a_complete_body_passes_and_each_broken_field_is_named() {
    assert_eq!(check(&body()), Ok(()));
    let cases: Vec<(&str, Value, &str)> = vec![
        ("/applicant/phone", json!("12800138000"), "applicant.phone"),
        ("/applicant/phone", json!("+1 138 0013 8000"), "applicant.phone"),
        ("/applicant/id_number", json!("110105199103070031"), "applicant.id_number"),
        ("/applicant/id_number", json!("11010519910307003"), "applicant.id_number"),
        ("/applicant/id_number", json!("010105199103070030"), "applicant.id_number"),
        ("/applicant/city", json!(""), "applicant.city"),
        ("/applicant/city", json!("上\u{202E}海"), "applicant.city"),
        ("/applicant/name", json!("\u{200B}"), "applicant.name"),
        (
            "/consents/personal_information/version",
            json!("pi-2020-01"),
            "consents.personal_information",
        ),
        ("/consents/credit_inquiry/accepted", json!(false), "consents.credit_inquiry"),
        ("/partner", json!("Bank 7"), "partner"),
        ("/partner", json!(""), "partner"),
        ("/profile/age", json!(50), "applicant.id_number"),
        ("/profile/age", json!(null), "profile.age"),
        ("/profile/loan", json!(null), "profile.loan"),
        ("/profile/monthly_income", json!("-1.00"), "profile.monthly_income"),
        ("/scorecard_version", json!(""), "scorecard_version"),
        ("/client_result/decision", json!("approve"), "client_result.decision"),
    ];
    for (at, value, field) in cases {
        let mut v = body();
        *v.pointer_mut(at).unwrap() = value.clone();
        assert_eq!(check(&v), Err(field.to_string()), "{at} = {value}");
    }
    let mut missing = body();
    missing["consents"].as_object_mut().unwrap().remove("credit_inquiry");
    assert_eq!(check(&missing), Err("consents.credit_inquiry".into()));
}

#[test]
fn errors_never_contain_the_id_number_or_phone() {
    for (at, value) in [
        ("/applicant/id_number", "110105199103070031"),
        ("/applicant/id_number", "110105199113070030"),
        ("/applicant/phone", "12800138000"),
    ] {
        let mut v = body();
        *v.pointer_mut(at).unwrap() = json!(value);
        let req: ApplicationRequest = loanlens_core::schema::from_json(&v.to_string()).unwrap();
        let e = req.normalized(|s| s.to_string()).validate(today()).unwrap_err();
        assert!(!e.to_string().contains(value), "{e}");
    }
}

#[test]
fn phones_are_accepted_as_people_write_them() {
    for raw in ["138 0013 8000", "+86 138-0013-8000", "8613800138000", "+8613800138000"] {
        assert_eq!(normalize_phone(raw), "13800138000", "{raw}");
    }
    assert_eq!(normalize_phone("86 1380013800"), "861380013800", "too short: left for refusal");
}

#[test]
fn the_age_may_differ_by_one_year_around_birthdays() {
    let id = "110105199103070030"; // born 1991-03-07
    let day = |s| Date::parse(s).unwrap();
    assert_eq!(age_on(day("1991-03-07"), day("2026-03-06")), 34);
    assert_eq!(age_on(day("1991-03-07"), day("2026-03-07")), 35);
    for age in [34, 35, 36] {
        assert!(check_id_number(id, age, day("2026-03-07")).is_ok(), "{age}");
    }
    for age in [33, 37, 0] {
        assert!(check_id_number(id, age, day("2026-03-07")).is_err(), "{age}");
    }
    // A birth date after today, and one that does not exist (1991-02-30).
    assert!(check_id_number(id, 0, day("1990-01-01")).is_err());
    let feb30 = format!("11010519910230003{}", id_check_char("11010519910230003").unwrap());
    let e = check_id_number(&feb30, 35, day("2026-11-29")).unwrap_err();
    assert!(e.message.contains("birth date"), "{e}");
}

#[test]
fn every_consent_kind_has_one_current_text_in_both_languages() {
    for kind in [ConsentKind::PersonalInformation, ConsentKind::CreditInquiry] {
        let defs: Vec<_> = CONSENTS.iter().filter(|c| c.kind == kind).collect();
        assert_eq!(defs.len(), 1, "{kind:?}");
        assert!(!defs[0].text_zh.is_empty() && !defs[0].text_en.is_empty());
        assert!(defs[0].version.len() >= 4);
    }
}

/// A valid number: a region starting 1–9, a real birth date between 1900 and today, a
/// sequence, and its check character.
fn valid_id() -> impl Strategy<Value = (String, Date)> {
    (100_000u32..1_000_000, 0i64..46_000, 0u32..1000).prop_map(|(region, days, seq)| {
        let born = Date::parse("1900-01-01").unwrap();
        let mut d = born;
        // Walk months then days without a date-add helper on days.
        let months = (days / 31) as u32;
        d = d.add_months_clamped(months);
        let born = Date::new(d.year(), d.month(), 1 + (days % 28) as u32).unwrap();
        let first17 =
            format!("{region}{:04}{:02}{:02}{seq:03}", born.year(), born.month(), born.day());
        (format!("{first17}{}", id_check_char(&first17).unwrap()), born)
    })
}

proptest! {
    #[test]
    fn generated_valid_numbers_pass((id, born) in valid_id()) {
        let age = age_on(born, today());
        prop_assume!(age >= 0);
        prop_assert_eq!(check_id_number(&id, age as u32, today()), Ok(born));
    }

    #[test]
    fn any_single_character_change_fails(
        (id, born) in valid_id(),
        at in 0usize..18,
        to in prop::sample::select(b"0123456789X".to_vec()),
    ) {
        let mut bytes = id.clone().into_bytes();
        prop_assume!(bytes[at] != to);
        bytes[at] = to;
        let changed = String::from_utf8(bytes).unwrap();
        let age = age_on(born, today()).max(0) as u32;
        // Whatever the stated age, the changed number is refused.
        for stated in [age.saturating_sub(1), age, age + 1] {
            let e = check_id_number(&changed, stated, today());
            prop_assert!(e.is_err(), "{} accepted", changed);
            prop_assert_eq!(e.unwrap_err().field, "applicant.id_number");
        }
    }
}

#[test]
fn debug_output_of_a_request_masks_every_personal_field() {
    let req: ApplicationRequest = loanlens_core::schema::from_json(&body().to_string()).unwrap();
    let shown = format!("{req:?}");
    for secret in ["张三", "13800138000", "110105199103070030", "上海"] {
        assert!(!shown.contains(secret), "{secret} in {shown}");
    }
    assert!(shown.contains("138****8000") && shown.contains("110*************30"), "{shown}");
}
