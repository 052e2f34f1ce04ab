//! Applications as an attacker would send them: sealed data bound to its row, names that are
//! what they seem, errors that never echo a value, strict bodies (a module of tests/api.rs,
//! which keeps the harness).

use super::*;

async fn post_application(h: &Harness, name: &str, phone: &str) -> (StatusCode, Value) {
    let mut body = application();
    body["applicant"]["name"] = json!(name);
    body["applicant"]["phone"] = json!(phone);
    post_json(h, "/api/v1/applications", body).await
}

/// A sealed blob is bound to its row: copying row A's blob into row B must not open as B's.
#[tokio::test]
async fn sealed_data_swapped_between_rows_does_not_open() {
    let h = harness().await;
    let (_, a) = post_application(&h, "张三", "13800138000").await;
    let (_, b) = post_application(&h, "李四", "13900139000").await;
    let mut row_a = h.store.get(a["id"].as_str().unwrap()).await.unwrap().unwrap();
    let mut row_b = h.store.get(b["id"].as_str().unwrap()).await.unwrap().unwrap();
    assert_eq!(h.state.open_applicant(&row_a).unwrap().unwrap().name, "张三");
    std::mem::swap(&mut row_a.applicant_sealed, &mut row_b.applicant_sealed);
    assert!(h.state.open_applicant(&row_a).is_err());
    assert!(h.state.open_applicant(&row_b).is_err());
    // Under another key the row does not open either, even with its own blob.
    let other = AppState::new(h.store.clone(), &DataKey::generate(), "dist".into());
    let row_a = h.store.get(a["id"].as_str().unwrap()).await.unwrap().unwrap();
    assert!(other.open_applicant(&row_a).is_err());
}

/// Names are stored as validated: trimmed and NFC ("e" + U+0301 becomes "é").
#[tokio::test]
async fn names_are_stored_trimmed_and_nfc() {
    let h = harness().await;
    let (status, body) = post_application(&h, "  Jose\u{301} 张 ", "13800138000").await;
    assert_eq!(status, StatusCode::CREATED, "{body}");
    let row = h.store.get(body["id"].as_str().unwrap()).await.unwrap().unwrap();
    assert_eq!(h.state.open_applicant(&row).unwrap().unwrap().name, "Jos\u{e9} 张");
    // A leading line break is trimmed away, so it can never reach a log line.
    let (status, body) = post_application(&h, "\n张三\t", "13800138000").await;
    assert_eq!(status, StatusCode::CREATED, "{body}");
    let row = h.store.get(body["id"].as_str().unwrap()).await.unwrap().unwrap();
    assert_eq!(h.state.open_applicant(&row).unwrap().unwrap().name, "张三");
}

/// Invisible, direction-changing, line-breaking and over-long names are refused, naming the
/// field, and nothing is stored.
#[tokio::test]
async fn hidden_characters_and_padding_in_names_are_refused() {
    let h = harness().await;
    let padded = format!("{}A", " ".repeat(60_000));
    let zwj = "\u{200D}".repeat(50);
    let long_cjk = "张".repeat(51);
    let cases = [
        "\u{200B}",
        "\u{FEFF}",
        "\u{200B}\u{200B}",
        "张\u{202E}三",
        "\u{2066}张三\u{2069}",
        "张\u{2028}三",
        "张\u{2029}三",
        "张\n三",
        "张\u{0}三",
        "张\u{AD}三",
        "张\u{E0041}三",
        zwj.as_str(),
        long_cjk.as_str(),
        "",
        "   ",
    ];
    for name in cases {
        let (status, body) = post_application(&h, name, "13800138000").await;
        assert_eq!(status, StatusCode::BAD_REQUEST, "{name:?} → {body}");
        assert_eq!(body["error"]["field"], "applicant.name", "{name:?} → {body}");
    }
    // 60,000 spaces and one letter (the review's case): what is stored is the trimmed "A".
    let (status, body) = post_application(&h, &padded, "13800138000").await;
    assert_eq!(status, StatusCode::CREATED, "{body}");
    let row = h.store.get(body["id"].as_str().unwrap()).await.unwrap().unwrap();
    assert_eq!(h.state.open_applicant(&row).unwrap().unwrap().name, "A");
    let sealed = row.applicant_sealed.unwrap();
    assert!(sealed.len() < 300, "sealed value stays small: {}", sealed.len());
}

/// Errors name the field and the expected shape but never echo what was sent.
#[tokio::test]
async fn errors_never_echo_the_submitted_value() {
    let h = harness().await;
    let mut phone_number = application();
    phone_number["applicant"]["phone"] = json!(13800138000u64);
    let mut name_number = application();
    name_number["applicant"]["name"] = json!(987654321);
    let mut name_array = application();
    name_array["applicant"]["name"] = json!(["Zhang Secret"]);
    let mut method = application();
    method["profile"]["loan"]["method"] = json!("secret_method_9137");
    let mut principal = application();
    principal["profile"]["loan"]["principal"] = json!(7654321);
    let mut principal_text = application();
    principal_text["profile"]["loan"]["principal"] = json!("abc7654321");
    let mut id_number = application();
    id_number["applicant"]["id_number"] = json!("110101199001010012");
    let cases = [
        (phone_number, "applicant.phone", "13800138000"),
        (name_number, "applicant.name", "987654321"),
        (name_array, "applicant.name", "Zhang Secret"),
        (method, "profile.loan.method", "secret_method_9137"),
        (principal, "profile.loan.principal", "7654321"),
        (principal_text, "profile.loan.principal", "7654321"),
        (id_number, "applicant.id_number", "110101199001010012"),
    ];
    for (body, field, secret) in cases {
        let (status, resp) = post_json(&h, "/api/v1/applications", body).await;
        assert_eq!(status, StatusCode::BAD_REQUEST, "{resp}");
        assert_eq!(resp["error"]["field"], field, "{resp}");
        assert!(!resp.to_string().contains(secret), "{resp}");
    }
    let (status, resp) = post_json(
        &h,
        "/api/v1/schedule",
        json!({"principal": 7654321, "annual_rate":"0.049",
            "term_months":360, "method":"equal_installment"}),
    )
    .await;
    assert_eq!(status, StatusCode::BAD_REQUEST);
    assert!(!resp.to_string().contains("7654321"), "{resp}");
    assert!(resp["error"]["message"].as_str().unwrap().contains("string"), "{resp}");
}

/// Exactly one JSON value, declared exactly as JSON.
#[tokio::test]
async fn bodies_are_one_json_value_of_the_json_content_type() {
    let h = harness().await;
    let body = application().to_string();
    for trailing in [" xyz", "{}", " {\"a\":1}", "\u{0}"] {
        let (status, resp) = send(
            &h,
            "POST",
            "/api/v1/applications",
            Some("application/json"),
            format!("{body}{trailing}"),
        )
        .await;
        assert_eq!(status, StatusCode::BAD_REQUEST, "{trailing:?} → {resp}");
        assert_eq!(resp["error"]["field"], "body");
    }
    let (status, _) =
        send(&h, "POST", "/api/v1/applications", Some("application/json"), format!(" {body} \n"))
            .await;
    assert_eq!(status, StatusCode::CREATED);
    for ctype in [
        "application/jsonp",
        "application/json-seq",
        "application/json; charset=latin1",
        "application/json; charset=utf-16",
        "text/json",
        "application/x-www-form-urlencoded",
    ] {
        let (status, resp) =
            send(&h, "POST", "/api/v1/applications", Some(ctype), body.clone()).await;
        assert_eq!(status, StatusCode::UNSUPPORTED_MEDIA_TYPE, "{ctype}");
        assert_eq!(resp["error"]["field"], "content-type");
    }
    let (status, _) = send(
        &h,
        "POST",
        "/api/v1/schedule",
        Some("Application/JSON; Charset=UTF-8"),
        loan().to_string(),
    )
    .await;
    assert_eq!(status, StatusCode::OK);
    let deep = format!("{}{}", "[".repeat(5000), "]".repeat(5000));
    let (status, resp) = send(&h, "POST", "/api/v1/schedule", Some("application/json"), deep).await;
    assert_eq!(status, StatusCode::BAD_REQUEST, "{resp}");
}
