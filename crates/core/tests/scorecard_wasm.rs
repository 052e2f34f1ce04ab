//! The scorecard on wasm32 in a headless browser: the same answers as natively.
//!
//! `CHROMEDRIVER=/usr/bin/chromedriver cargo test -p loanlens-core --target wasm32-unknown-unknown`
#![cfg(target_arch = "wasm32")]

use loanlens_core::scorecard::{default_scorecard, evaluate, Decision, Profile};
use wasm_bindgen_test::{wasm_bindgen_test, wasm_bindgen_test_configure};

wasm_bindgen_test_configure!(run_in_browser);

#[wasm_bindgen_test]
fn default_card_scores_a_profile_as_natively() {
    let p: Profile = loanlens_core::schema::from_json(
        r#"{"age":35,"monthly_income":"15000.00","employment":"salaried","months_in_job":48,
        "housing":"mortgage","monthly_debt_payments":"1500.00","overdue_count_24m":0,
        "currently_overdue":false,"credit_inquiries_6m":1,"social_insurance_months":60,
        "loan":{"principal":"50000.00","term_months":24}}"#,
    )
    .unwrap();
    let r = evaluate(&default_scorecard(), &p).unwrap();
    // The same figures as tests/scorecard.rs checks natively.
    assert_eq!(r.score.to_string(), "675");
    assert_eq!(r.decision, Decision::Pass);
    assert_eq!(r.pd.to_string(), "0.005423");
    assert_eq!(r.odds.to_string(), "183.401");
    assert_eq!(r.reasons[0].variable, "employment");
    assert_eq!(r.indicative.unwrap().principal.to_string(), "50000.00");
}
