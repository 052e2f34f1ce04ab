//! `GET /api/v1/scorecard` and `POST /api/v1/precheck` (a module of tests/api.rs, which keeps
//! the harness).

use super::*;
use loanlens_core::scorecard::{default_scorecard, evaluate, PrecheckResult, Profile};
use loanlens_server::precheck::SiteCard;

const STRONG: &str = include_str!("../../../core/tests/data/scorecard/profiles/strong.json");

const STUDENT: &str = include_str!("../../../core/tests/data/scorecard/profiles/student.json");

async fn precheck(h: &Harness, body: &str) -> (StatusCode, Value) {
    send(h, "POST", "/api/v1/precheck", Some("application/json"), body.to_string()).await
}

fn core(profile: &str) -> PrecheckResult {
    let p: Profile = loanlens_core::schema::from_json(profile).unwrap();
    evaluate(&default_scorecard(), &p).unwrap()
}

#[tokio::test]
async fn the_scorecard_endpoint_serves_the_sites_card_with_id_and_version() {
    let h = harness().await;
    let (status, body) = send(&h, "GET", "/api/v1/scorecard", None, String::new()).await;
    assert_eq!(status, StatusCode::OK);
    assert_eq!(body["id"], "loanlens-illustrative");
    assert!(!body["version"].as_str().unwrap().is_empty());
    assert_eq!(body, serde_json::to_value(default_scorecard()).unwrap());
    // What is served is a valid card the browser can evaluate with.
    assert!(loanlens_core::scorecard::from_json(&body.to_string()).is_ok());
}

#[tokio::test]
async fn a_strong_profile_passes_with_the_cores_result() {
    let h = harness().await;
    let (status, body) = precheck(&h, STRONG).await;
    assert_eq!(status, StatusCode::OK, "{body}");
    assert_eq!(body["decision"], "pass");
    assert_eq!(body["grade"], "A");
    let api: PrecheckResult = serde_json::from_value(body).unwrap();
    assert_eq!(api, core(STRONG));
}

#[tokio::test]
async fn a_student_is_knocked_out() {
    let h = harness().await;
    let (status, body) = precheck(&h, STUDENT).await;
    assert_eq!(status, StatusCode::OK, "{body}");
    assert_eq!(body["decision"], "decline");
    assert!(body["knockouts"].as_array().unwrap().iter().any(|k| k["rule"] == "student"));
    assert!(!body["reasons"].as_array().unwrap().is_empty(), "{body}");
    assert_eq!(serde_json::from_value::<PrecheckResult>(body).unwrap(), core(STUDENT));
}

#[tokio::test]
async fn bad_profiles_get_a_400_naming_the_field() {
    let h = harness().await;
    let cases = [
        (r#"{"age":121}"#, "age", "120"),
        (r#"{"age":"35"}"#, "age", "expected"),
        (r#"{"monthly_income":"-1.00"}"#, "monthly_income", ""),
        (r#"{"employment":"astronaut"}"#, "employment", "salaried"),
        (r#"{"loan":{"principal":"50000.00","term_months":0}}"#, "loan.term_months", ""),
        (r#"{"age":30,"shoe_size":42}"#, "shoe_size", "unknown field"),
        ("{not json", "body", ""),
    ];
    for (body, field, hint) in cases {
        let (status, resp) = precheck(&h, body).await;
        assert_eq!(status, StatusCode::BAD_REQUEST, "{body} → {resp}");
        assert_eq!(resp["error"]["field"], field, "{body} → {resp}");
        assert!(resp["error"]["message"].as_str().unwrap().contains(hint), "{body} → {resp}");
    }
    // The body rules of every v1 endpoint hold here too.
    let (status, resp) =
        send(&h, "POST", "/api/v1/precheck", Some("text/plain"), "{}".into()).await;
    assert_eq!(status, StatusCode::UNSUPPORTED_MEDIA_TYPE);
    assert_eq!(resp["error"]["field"], "content-type");
    let (status, _) = precheck(&h, &format!("{STRONG} {{}}")).await;
    assert_eq!(status, StatusCode::BAD_REQUEST);
}

#[tokio::test]
async fn a_configured_card_is_the_one_served_and_scored_with() {
    let mut doc = serde_json::to_value(default_scorecard()).unwrap();
    doc["id"] = json!("partner-card");
    doc["version"] = json!("9");
    doc["cutoffs"] = json!({"pass": "690", "refer": "560"});
    let card = loanlens_core::scorecard::from_json(&doc.to_string()).unwrap();
    let mut h = harness().await;
    h.state = h.state.clone().with_scorecard(SiteCard::new(card.clone()));
    let (_, body) = send(&h, "GET", "/api/v1/scorecard", None, String::new()).await;
    assert_eq!((body["id"].as_str(), body["version"].as_str()), (Some("partner-card"), Some("9")));
    let (status, body) = precheck(&h, STRONG).await;
    assert_eq!(status, StatusCode::OK, "{body}");
    assert_eq!(body["scorecard_id"], "partner-card");
    // 675 is below this card's pass cutoff of 690.
    assert_eq!(body["decision"], "refer");
    let p: Profile = loanlens_core::schema::from_json(STRONG).unwrap();
    assert_eq!(
        serde_json::from_value::<PrecheckResult>(body).unwrap(),
        evaluate(&card, &p).unwrap()
    );
}
