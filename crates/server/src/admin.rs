//! The staff API under `/api/v1/admin/` (issue 9): list, detail, status changes, CSV export,
//! erasure and the audit log.
//!
//! Invariants:
//! - Off unless `LOANLENS_ADMIN_TOKENS` names tokens: then no admin route exists (404).
//! - Every request shows a bearer token compared in constant time (SHA-256 of the token
//!   against SHA-256 of each configured one, all of them, with `subtle`); a missing or wrong
//!   token is 401 and an audit entry (actor `unknown`, action `denied`).
//! - Every access to personal data writes its audit entry first (`view`, `export`, `erase`,
//!   `status`): if the audit cannot be written, no data is shown.
//! - Staff are named in the audit only as `staff-` and 8 hex of the token's SHA-256.

mod query;

use crate::crypto::random_token;
use crate::error::ApiError;
use crate::extract::V1Json;
use crate::intake::AppId;
use crate::store::{
    ApplicationRecord, AuditEntry, Cursor, EraseOutcome, HistoryEntry, StatusChange, StatusOutcome,
};
use crate::{AppState, Secret};
use axum::extract::{FromRequestParts, Query, State};
use axum::http::request::Parts;
use axum::http::{header, HeaderMap, StatusCode};
use axum::response::{IntoResponse, Response};
use axum::routing::{get, post};
use axum::{Json, Router};
use loanlens_core::application::{Status, TextRule};
use loanlens_core::InputError;
use serde_json::{json, Value};
use std::collections::HashMap;
use subtle::ConstantTimeEq;

pub use query::csv_cell;

/// The configured staff tokens, kept only as SHA-256 digests.
pub struct Staff {
    digests: Vec<[u8; 32]>,
}

/// A configured token shorter than [`crate::config::MIN_ADMIN_TOKEN`].
#[derive(Debug, thiserror::Error)]
#[error("LOANLENS_ADMIN_TOKENS: token {0} is shorter than {min} characters", min = crate::config::MIN_ADMIN_TOKEN)]
pub struct ShortToken(pub usize);

impl Staff {
    /// The staff tokens; `None` when there are none (the admin API is off).
    pub fn new(tokens: &[Secret]) -> Result<Option<Self>, ShortToken> {
        if let Some(i) =
            tokens.iter().position(|t| t.expose().chars().count() < crate::config::MIN_ADMIN_TOKEN)
        {
            return Err(ShortToken(i + 1));
        }
        let digests = tokens.iter().map(|t| digest(t.expose())).collect::<Vec<_>>();
        Ok((!digests.is_empty()).then_some(Staff { digests }))
    }

    /// The actor name for a presented token, compared with every configured one.
    fn actor(&self, presented: &str) -> Option<String> {
        let d = digest(presented);
        let mut found = subtle::Choice::from(0);
        for known in &self.digests {
            found |= known.ct_eq(&d);
        }
        bool::from(found).then(|| format!("staff-{}", &hex::encode(d)[..8]))
    }
}

fn digest(s: &str) -> [u8; 32] {
    use sha2::Digest;
    sha2::Sha256::digest(s.as_bytes()).into()
}

/// The token of an `Authorization: Bearer <token>` header.
pub fn bearer(headers: &HeaderMap) -> Option<&str> {
    let v = headers.get(header::AUTHORIZATION)?.to_str().ok()?;
    let (scheme, token) = v.split_once(' ')?;
    (scheme.eq_ignore_ascii_case("bearer") && !token.trim().is_empty()).then(|| token.trim())
}

/// The staff member making a request (an extractor: a refused request is audited and 401).
pub struct Actor(pub String);

impl FromRequestParts<AppState> for Actor {
    type Rejection = ApiError;

    async fn from_request_parts(parts: &mut Parts, state: &AppState) -> Result<Self, ApiError> {
        let staff = state.admin.as_ref().ok_or(ApiError::NotFound)?;
        if let Some(actor) = bearer(&parts.headers).and_then(|t| staff.actor(t)) {
            return Ok(Actor(actor));
        }
        let path: String = parts.uri.path().chars().take(200).collect();
        audit(state, "unknown", "denied", None, format!("{} {}", parts.method, path)).await?;
        tracing::warn!(path = %loanlens_core::application::log_escape(&path), "staff request without a valid token");
        Err(ApiError::unauthorized())
    }
}

/// Writes an audit entry now.
async fn audit(
    state: &AppState,
    actor: &str,
    action: &str,
    application_id: Option<&str>,
    detail: String,
) -> Result<(), ApiError> {
    state.store.audit(&entry(actor, action, application_id, detail)).await?;
    Ok(())
}

fn entry(actor: &str, action: &str, application_id: Option<&str>, detail: String) -> AuditEntry {
    AuditEntry {
        id: random_token(),
        at: crate::timestamp(crate::now()),
        actor: actor.into(),
        action: action.into(),
        application_id: application_id.map(Into::into),
        detail,
    }
}

/// The admin routes (nested under `/v1/admin` only when staff tokens are configured).
pub fn router() -> Router<AppState> {
    Router::new()
        .route("/applications", get(list))
        .route("/applications/{id}", get(detail))
        .route("/applications/{id}/status", post(change_status))
        .route("/applications/{id}/erase", post(erase))
        .route("/export.csv", get(export))
        .route("/audit", get(audit_log))
}

type Params = Result<Query<HashMap<String, String>>, axum::extract::rejection::QueryRejection>;

fn params(p: Params) -> Result<HashMap<String, String>, ApiError> {
    p.map(|Query(q)| q)
        .map_err(|_| InputError::new("query", "must be URL-encoded key=value pairs").into())
}

/// The list item: no personal data.
fn item(r: &ApplicationRecord) -> Value {
    json!({
        "id": r.id, "reference": r.reference, "created_at": r.created_at, "status": r.status,
        "decision": r.decision, "score": r.score, "partner": r.partner, "principal": r.principal,
        "term_months": r.term_months, "erased": r.erased_at.is_some(),
    })
}

async fn list(
    State(state): State<AppState>,
    _actor: Actor,
    p: Params,
) -> Result<Json<Value>, ApiError> {
    let mut q = query::list_query(&params(p)?, true)?;
    let limit = q.limit;
    q.limit += 1;
    let mut rows = state.store.list(&q).await?;
    let next = (rows.len() as i64 > limit).then(|| {
        rows.truncate(usize::try_from(limit).unwrap_or(0));
        rows.last()
            .map(|r| query::encode_cursor(&Cursor { at: r.created_at.clone(), id: r.id.clone() }))
    });
    Ok(Json(
        json!({"items": rows.iter().map(item).collect::<Vec<_>>(), "next_cursor": next.flatten()}),
    ))
}

async fn detail(
    State(state): State<AppState>,
    Actor(actor): Actor,
    AppId(id): AppId,
) -> Result<Json<Value>, ApiError> {
    let r = state.store.get(&id).await?.ok_or(ApiError::NotFound)?;
    audit(&state, &actor, "view", Some(&id), String::new()).await?;
    let applicant = state.open_applicant(&r)?;
    let history = state.store.history(&id).await?;
    let mut v = item(&r);
    v["applicant"] = serde_json::to_value(applicant)?;
    v["consents"] = serde_json::from_str(&r.consents_json)?;
    v["evaluation"] = serde_json::from_str(&r.evaluation_json)?;
    v["history"] = history
        .iter()
        .map(|h| json!({"at": h.at, "from": h.from, "to": h.to, "actor": h.actor, "note": h.note}))
        .collect();
    Ok(Json(v))
}

/// `POST …/status` body.
#[derive(serde::Deserialize)]
#[serde(deny_unknown_fields)]
struct StatusBody {
    status: String,
    #[serde(default)]
    note: Option<String>,
}

/// `note`: at most 200 characters.
const NOTE: TextRule = TextRule { field: "note", max_chars: 200, max_bytes: 800 };

async fn change_status(
    State(state): State<AppState>,
    Actor(actor): Actor,
    AppId(id): AppId,
    V1Json(body): V1Json<StatusBody>,
) -> Result<Json<Value>, ApiError> {
    let ids: Vec<_> = Status::ALL.iter().map(|s| s.id()).collect();
    let to = Status::from_id(&body.status)
        .ok_or_else(|| InputError::new("status", format!("must be one of {}", ids.join(", "))))?;
    let note = body.note.map(|n| n.trim().to_string()).filter(|n| !n.is_empty());
    if let Some(n) = &note {
        NOTE.check(n)?;
    }
    let r = state.store.get(&id).await?.ok_or(ApiError::NotFound)?;
    let from = Status::from_id(&r.status).unwrap_or(Status::Submitted);
    let refuse = |from: Status| {
        let allowed: Vec<_> = from.next().iter().map(|s| s.id()).collect();
        ApiError::reject(
            StatusCode::CONFLICT,
            "status",
            format!(
                "cannot change from {} to {}; allowed next: {}",
                from.id(),
                to.id(),
                if allowed.is_empty() { "none (final)".to_string() } else { allowed.join(", ") }
            ),
        )
        .with("allowed", json!(allowed))
    };
    if !from.can_become(to) {
        return Err(refuse(from));
    }
    let at = crate::timestamp(crate::now());
    let change = StatusChange {
        id: id.clone(),
        from: from.id().into(),
        to: to.id().into(),
        history: HistoryEntry {
            at: at.clone(),
            from: Some(from.id().into()),
            to: to.id().into(),
            actor: actor.clone(),
            note,
        },
        audit: AuditEntry {
            at,
            ..entry(&actor, "status", Some(&id), format!("{}→{}", from.id(), to.id()))
        },
    };
    match state.store.change_status(&change).await? {
        StatusOutcome::Changed => {}
        StatusOutcome::NotFound => return Err(ApiError::NotFound),
        StatusOutcome::Stale(now) => return Err(refuse(Status::from_id(&now).unwrap_or(from))),
    }
    let r = state.store.get(&id).await?.ok_or(ApiError::NotFound)?;
    Ok(Json(item(&r)))
}

async fn erase(
    State(state): State<AppState>,
    Actor(actor): Actor,
    AppId(id): AppId,
) -> Result<Json<Value>, ApiError> {
    let outcome = state.store.erase(&id, &entry(&actor, "erase", Some(&id), String::new())).await?;
    if outcome == EraseOutcome::NotFound {
        return Err(ApiError::NotFound);
    }
    let r = state.store.get(&id).await?.ok_or(ApiError::NotFound)?;
    tracing::info!(id = %id, actor = %actor, "personal data erased");
    Ok(Json(json!({"id": id, "erased": true, "erased_at": r.erased_at})))
}

async fn export(
    State(state): State<AppState>,
    Actor(actor): Actor,
    p: Params,
) -> Result<Response, ApiError> {
    let mut q = query::list_query(&params(p)?, false)?;
    let mut rows = Vec::new();
    loop {
        let page = state.store.list(&q).await?;
        let full = page.len() as i64 == q.limit;
        q.cursor = page.last().map(|r| Cursor { at: r.created_at.clone(), id: r.id.clone() });
        rows.extend(page);
        if !full {
            break;
        }
    }
    audit(&state, &actor, "export", None, format!("rows={}", rows.len())).await?;
    let mut csv = String::from("\u{feff}id,reference,created_at,status,decision,score,partner,principal,term_months,name,phone,city,erased\r\n");
    for r in &rows {
        let a = state.open_applicant(r)?;
        let cells = [
            r.id.as_str(),
            &r.reference,
            &r.created_at,
            &r.status,
            &r.decision,
            &r.score,
            r.partner.as_deref().unwrap_or(""),
            &r.principal,
            &r.term_months.to_string(),
            a.as_ref().map_or("", |a| a.name.as_str()),
            a.as_ref().map_or("", |a| a.phone.as_str()),
            a.as_ref().map_or("", |a| a.city.as_str()),
            if r.erased_at.is_some() { "true" } else { "false" },
        ];
        csv.push_str(&cells.iter().map(|c| csv_cell(c)).collect::<Vec<_>>().join(","));
        csv.push_str("\r\n");
    }
    Ok((
        [
            (header::CONTENT_TYPE, "text/csv; charset=utf-8"),
            (header::CONTENT_DISPOSITION, "attachment; filename=\"applications.csv\""),
        ],
        csv,
    )
        .into_response())
}

async fn audit_log(
    State(state): State<AppState>,
    _actor: Actor,
    p: Params,
) -> Result<Json<Value>, ApiError> {
    let mut q = query::audit_query(&params(p)?)?;
    let limit = q.limit;
    q.limit += 1;
    let mut rows = state.store.audit_log(&q).await?;
    let next = (rows.len() as i64 > limit).then(|| {
        rows.truncate(usize::try_from(limit).unwrap_or(0));
        rows.last().map(|r| query::encode_cursor(&Cursor { at: r.at.clone(), id: r.id.clone() }))
    });
    let items: Vec<_> = rows
        .iter()
        .map(|e| json!({"at": e.at, "actor": e.actor, "action": e.action, "application_id": e.application_id, "detail": e.detail}))
        .collect();
    Ok(Json(json!({"items": items, "next_cursor": next.flatten()})))
}
