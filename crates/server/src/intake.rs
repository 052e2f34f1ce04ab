//! Qualified intake (issue 9): `POST /api/v1/applications` and `GET /api/v1/applications/{id}`.
//!
//! Invariants:
//! - The server decides: the profile is re-scored with the site's card; a stale card version
//!   is 409, a decline 422 with the reason codes, and neither stores anything. The client's
//!   score is recorded, never used.
//! - One record per application: an `Idempotency-Key` answer is stored with the record in one
//!   store transaction and repeated byte for byte to every retry with the same body; the same
//!   ID number within [`DUPLICATE_DAYS`] days answers with the earlier application.
//! - Personal data leaves this module only sealed (bound to the row id and key id); the ID
//!   number also as an HMAC. The status token is returned once and stored as a SHA-256; the
//!   stored 201 answer that holds it is sealed.
//! - Nothing personal is logged, masked or not.

use crate::crypto::{random_reference, random_token, sha256_hex};
use crate::error::ApiError;
use crate::extract::{is_json, parse};
use crate::ratelimit::Peer;
use crate::store::{IdempotentResponse, NewApplication, Submission, SubmitOutcome};
use crate::AppState;
use axum::body::Bytes;
use axum::extract::{Path, State};
use axum::http::{header, HeaderMap, StatusCode};
use axum::response::{IntoResponse, Response};
use axum::Json;
use loanlens_core::application::{
    ApplicationCreated, ApplicationRequest, ApplicationStatusView, ConsentKind, Status,
};
use loanlens_core::scorecard::{evaluate, Decision};
use loanlens_core::InputError;
use subtle::ConstantTimeEq;
use unicode_normalization::UnicodeNormalization;

/// Days within which the same ID number gets the earlier application back.
pub const DUPLICATE_DAYS: i64 = 30;

/// Hours an idempotent answer is kept (a retry later is a new request, which the ID-number
/// check still answers with the earlier application).
pub const IDEMPOTENCY_HOURS: i64 = 24;

/// Deletes idempotent answers older than [`IDEMPOTENCY_HOURS`], every hour, for as long as the
/// server runs.
pub async fn purge_idempotency_hourly(store: std::sync::Arc<dyn crate::store::ApplicationStore>) {
    let mut tick = tokio::time::interval(std::time::Duration::from_secs(3600));
    loop {
        tick.tick().await;
        let before = crate::timestamp(crate::now() - time::Duration::hours(IDEMPOTENCY_HOURS));
        match store.purge_idempotency(&before).await {
            Ok(n) if n > 0 => tracing::info!(answers = n, "expired idempotency answers deleted"),
            Ok(_) => {}
            Err(e) => tracing::warn!(cause = %e, "cannot delete expired idempotency answers"),
        }
    }
}

/// The HMAC domain of ID-number hashes.
pub const ID_HASH_DOMAIN: &str = "id_number";

/// Whether an `Idempotency-Key` is 8 to 64 of `[A-Za-z0-9_-]`.
pub fn valid_idempotency_key(k: &str) -> bool {
    (8..=64).contains(&k.len())
        && k.bytes().all(|b| b.is_ascii_alphanumeric() || b == b'_' || b == b'-')
}

/// The record id a stored 201 answer is sealed for.
pub fn idempotency_seal_id(key: &str) -> String {
    format!("idempotency:{key}")
}

fn key_reused() -> ApiError {
    ApiError::reject(
        StatusCode::UNPROCESSABLE_ENTITY,
        "Idempotency-Key",
        "was already used with a different request body; use a new key for a new application",
    )
}

/// `POST /api/v1/applications`.
pub async fn create(
    State(state): State<AppState>,
    Peer(peer): Peer,
    headers: HeaderMap,
    body: Result<Bytes, axum::extract::rejection::BytesRejection>,
) -> Result<Response, ApiError> {
    if let (Some(limiter), Some(ip)) = (&state.apply_limit, peer) {
        if let Err(wait) = limiter.check(ip, std::time::Instant::now()) {
            return Err(rate_limited(wait));
        }
    }
    if !is_json(&headers) {
        return Err(ApiError::NotJson);
    }
    let body = body.map_err(|rej| {
        if rej.status() == StatusCode::PAYLOAD_TOO_LARGE {
            ApiError::TooLarge(crate::BODY_LIMIT)
        } else {
            ApiError::Input(InputError::new("body", "could not be read"))
        }
    })?;
    let key = headers
        .get("idempotency-key")
        .and_then(|v| v.to_str().ok())
        .filter(|k| valid_idempotency_key(k))
        .ok_or_else(|| {
            InputError::new("Idempotency-Key", "header is required: 8 to 64 of A-Z a-z 0-9 _ -")
        })?
        .to_string();
    let request_hash = sha256_hex(&body);
    if let Some(prev) = state.store.idempotent_response(&key).await? {
        return replay(&state, &prev, &request_hash);
    }
    let now = crate::now();
    let (req, result) = qualify(&state, &body, now)?;
    let created_at = crate::timestamp(now);
    let since = crate::timestamp(now - time::Duration::days(DUPLICATE_DAYS));
    // A new reference (40 random bits) can collide with a stored one: try fresh ones.
    let mut attempt = 0;
    let (submission, answer_bytes, outcome) = loop {
        let (submission, answer_bytes) =
            prepare(&state, &req, &result, &key, &request_hash, &created_at, &since)?;
        match state.store.submit(&submission).await {
            Err(crate::store::StoreError::Database(sqlx::Error::Database(e)))
                if e.is_unique_violation() && attempt < 3 =>
            {
                attempt += 1;
                tracing::warn!("a new application's reference or id collided; retrying");
            }
            outcome => break (submission, answer_bytes, outcome?),
        }
    };
    let id = &submission.application.id;
    match outcome {
        SubmitOutcome::Created => {
            tracing::info!(
                id = %id,
                decision = decision_id(result.decision),
                partner = %submission.application.partner.as_deref().unwrap_or("-"),
                "application stored"
            );
            let mut resp = json_answer(StatusCode::CREATED, answer_bytes);
            resp.extensions_mut().insert(crate::metrics::Stored);
            Ok(resp)
        }
        SubmitOutcome::Replay(prev) => replay(&state, &prev, &request_hash),
        SubmitOutcome::Duplicate(earlier) => {
            let dup = ApplicationCreated {
                id: earlier.id.clone(),
                reference: earlier.reference.clone(),
                status: Status::from_id(&earlier.status).unwrap_or(Status::Submitted),
                status_token: None,
                decision: parse_decision(&earlier.decision),
                score: earlier.score.parse().unwrap_or_default(),
                created_at: earlier.created_at.clone(),
                duplicate: true,
            };
            let remembered = state
                .store
                .remember(&IdempotentResponse {
                    key,
                    request_hash: request_hash.clone(),
                    status: 200,
                    body: serde_json::to_string(&dup)?,
                    key_id: None,
                    created_at,
                })
                .await?;
            tracing::info!(id = %earlier.id, "same ID number within 30 days: earlier application returned");
            replay(&state, &remembered, &request_hash)
        }
    }
}

/// Parses, normalises and validates the body at `now`, then scores it with the site's card:
/// the request and the server's result (pass or refer), or the 400, 409 or 422.
fn qualify(
    state: &AppState,
    body: &[u8],
    now: time::OffsetDateTime,
) -> Result<(ApplicationRequest, loanlens_core::scorecard::PrecheckResult), ApiError> {
    let req: ApplicationRequest = parse(body)?;
    let req = req.normalized(|s| s.nfc().collect());
    req.validate(crate::today_in_china(now))?;
    let card = state.scorecard.card();
    if req.scorecard_version != card.doc().version {
        return Err(ApiError::reject(
            StatusCode::CONFLICT,
            "scorecard_version",
            "is not the scorecard this server uses now; fetch GET /api/v1/scorecard, score again \
             and resubmit",
        )
        .with("current_version", card.doc().version.clone().into()));
    }
    let result = evaluate(card, &req.profile)
        .map_err(|e| InputError::new(format!("profile.{}", e.field), e.message))?;
    if result.decision == Decision::Decline {
        let reasons: Vec<&str> = result.reasons.iter().map(|r| r.code.as_str()).collect();
        let knockouts: Vec<_> = result.knockouts.iter().map(|k| k.rule).collect();
        return Err(ApiError::reject(
            StatusCode::UNPROCESSABLE_ENTITY,
            "profile",
            "does not qualify with this lender's scorecard; nothing was stored",
        )
        .with("decision", "decline".into())
        .with("reasons", serde_json::json!(reasons))
        .with("knockouts", serde_json::json!(knockouts)));
    }
    Ok((req, result))
}

/// The submission for a new application (fresh id, reference and status token) and the 201
/// answer's bytes.
fn prepare(
    state: &AppState,
    req: &ApplicationRequest,
    result: &loanlens_core::scorecard::PrecheckResult,
    key: &str,
    request_hash: &str,
    created_at: &str,
    since: &str,
) -> Result<(Submission, String), ApiError> {
    let id = random_token();
    let token = random_token();
    let answer = ApplicationCreated {
        id: id.clone(),
        reference: random_reference(),
        status: Status::Submitted,
        status_token: Some(token.clone()),
        decision: result.decision,
        score: result.score,
        created_at: created_at.to_string(),
        duplicate: false,
    };
    let answer_bytes = serde_json::to_string(&answer)?;
    let applicant = serde_json::to_vec(&req.applicant)?;
    let loan =
        req.profile.loan.as_ref().ok_or_else(|| InputError::new("profile.loan", "is required"))?;
    let consents: Vec<_> = [ConsentKind::PersonalInformation, ConsentKind::CreditInquiry]
        .into_iter()
        .map(|k| serde_json::json!({"kind": k, "version": k.current().version, "accepted_at": created_at}))
        .collect();
    let submission = Submission {
        application: NewApplication {
            id: id.clone(),
            reference: answer.reference.clone(),
            created_at: created_at.to_string(),
            decision: decision_id(result.decision).into(),
            score: result.score.to_string(),
            scorecard_id: result.scorecard_id.clone(),
            scorecard_version: result.scorecard_version.clone(),
            partner: req.partner.clone(),
            principal: loan.principal.to_string(),
            term_months: i64::from(loan.term_months),
            profile_json: serde_json::to_string(&req.profile)?,
            evaluation_json: serde_json::to_string(&result)?,
            client_result_json: req
                .client_result
                .as_ref()
                .map(serde_json::to_string)
                .transpose()?,
            consents_json: serde_json::to_string(&consents)?,
            status_token_hash: sha256_hex(token.as_bytes()),
            id_hash: state.lookup.hash(ID_HASH_DOMAIN, &req.applicant.id_number),
            key_id: state.sealer.key_id().to_string(),
            applicant_sealed: state.sealer.seal(&id, &applicant)?,
        },
        response: IdempotentResponse {
            key: key.to_string(),
            request_hash: request_hash.to_string(),
            status: 201,
            body: state.sealer.seal(&idempotency_seal_id(key), answer_bytes.as_bytes())?,
            key_id: Some(state.sealer.key_id().to_string()),
            created_at: created_at.to_string(),
        },
        duplicate_since: since.to_string(),
    };
    Ok((submission, answer_bytes))
}

/// The stored answer to a key, if `request_hash` is the body it was first used with.
fn replay(
    state: &AppState,
    prev: &IdempotentResponse,
    request_hash: &str,
) -> Result<Response, ApiError> {
    if !bool::from(prev.request_hash.as_bytes().ct_eq(request_hash.as_bytes())) {
        return Err(key_reused());
    }
    let body = match &prev.key_id {
        Some(key_id) => String::from_utf8(state.sealer.open(
            &idempotency_seal_id(&prev.key),
            key_id,
            &prev.body,
        )?)
        .map_err(|_| crate::crypto::CryptoError::Malformed)?,
        None => prev.body.clone(),
    };
    let status = u16::try_from(prev.status)
        .ok()
        .and_then(|s| StatusCode::from_u16(s).ok())
        .unwrap_or(StatusCode::OK);
    Ok(json_answer(status, body))
}

fn json_answer(status: StatusCode, body: String) -> Response {
    (status, [(header::CONTENT_TYPE, "application/json")], body).into_response()
}

fn rate_limited(wait: std::time::Duration) -> ApiError {
    let secs = crate::ratelimit::retry_after_secs(wait);
    let mut e = ApiError::reject(
        StatusCode::TOO_MANY_REQUESTS,
        "request",
        format!("too many applications from this address; retry in {secs} seconds"),
    );
    if let ApiError::Reject(r) = &mut e {
        r.retry_after = Some(secs);
    }
    e
}

/// The JSON id of a decision.
pub fn decision_id(d: Decision) -> &'static str {
    match d {
        Decision::Pass => "pass",
        Decision::Refer => "refer",
        Decision::Decline => "decline",
    }
}

/// A stored decision id (only pass and refer are stored).
pub fn parse_decision(s: &str) -> Decision {
    match s {
        "pass" => Decision::Pass,
        "decline" => Decision::Decline,
        _ => Decision::Refer,
    }
}

/// The `{id}` of an application path: at most 64 characters; anything else (too long, bad
/// percent-encoding) is the same 404 as an unknown id.
pub struct AppId(pub String);

impl<S: Send + Sync> axum::extract::FromRequestParts<S> for AppId {
    type Rejection = ApiError;

    async fn from_request_parts(
        parts: &mut axum::http::request::Parts,
        state: &S,
    ) -> Result<Self, ApiError> {
        match Path::<String>::from_request_parts(parts, state).await {
            Ok(Path(id)) if id.len() <= 64 => Ok(AppId(id)),
            _ => Err(ApiError::NotFound),
        }
    }
}

/// `GET /api/v1/applications/{id}` with `Authorization: Bearer <status token>`: the status
/// only. Unknown id, no token and a wrong token get the same 404.
pub async fn status(
    State(state): State<AppState>,
    AppId(id): AppId,
    headers: HeaderMap,
) -> Result<Json<ApplicationStatusView>, ApiError> {
    let token = crate::admin::bearer(&headers).ok_or(ApiError::NotFound)?;
    let row = state.store.get(&id).await?.ok_or(ApiError::NotFound)?;
    let given = sha256_hex(token.as_bytes());
    if !bool::from(given.as_bytes().ct_eq(row.status_token_hash.as_bytes())) {
        return Err(ApiError::NotFound);
    }
    Ok(Json(ApplicationStatusView {
        reference: row.reference,
        status: Status::from_id(&row.status).unwrap_or(Status::Submitted),
        decision: parse_decision(&row.decision),
        created_at: row.created_at,
        updated_at: row.updated_at,
    }))
}
