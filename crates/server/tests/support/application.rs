//! A valid qualified application for tests (included with `#[path]` by several test files).

#![allow(dead_code)]

use serde_json::{json, Value};

/// A valid ID number of someone `age` years old today (born 1 January), made distinct by `seq`.
pub fn id_number(age: i32, seq: u32) -> String {
    let year = loanlens_server::today_in_china(loanlens_server::now()).year() - age;
    let first17 = format!("{:06}{year:04}0101{:03}", 110_101 + seq / 1000, seq % 1000);
    let check = loanlens_core::application::id_check_char(&first17).unwrap();
    format!("{first17}{check}")
}

/// A profile the default card passes.
pub fn profile() -> Value {
    json!({"age":35,"monthly_income":"15000.00","employment":"salaried","months_in_job":48,
        "housing":"mortgage","monthly_debt_payments":"1500.00","overdue_count_24m":0,
        "currently_overdue":false,"credit_inquiries_6m":1,"social_insurance_months":60,
        "purpose":"consumption","segment":"consumer",
        "loan":{"principal":"50000.00","term_months":24}})
}

/// A valid application; `seq` picks a distinct ID number.
pub fn application_with(seq: u32) -> Value {
    json!({
        "scorecard_version": "2026.11",
        "profile": profile(),
        "applicant": {"name": "张三", "phone": "13800138000", "id_number": id_number(35, seq),
                      "city": "上海"},
        "consents": {"personal_information": {"version": "pi-2026-11", "accepted": true},
                     "credit_inquiry": {"version": "ci-2026-11", "accepted": true}},
        "client_result": {"score": "999", "decision": "pass"}
    })
}
