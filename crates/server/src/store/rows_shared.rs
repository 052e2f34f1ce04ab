// Row mapping and the inserts both stores share, written once: the SQL runs on SQLite and on
// Postgres alike (the same columns, `$n` parameters, `ON CONFLICT … DO NOTHING`). Included by
// `sqlite/rows.rs` and `postgres/rows.rs` with `include!`, each of which first names its row
// type (`DbRow`) and transaction type (`Tx`): sqlx's row and transaction types differ per
// database, so the text is shared and each backend compiles its own copy.

pub(super) const APP_COLUMNS: &str =
    "id, reference, created_at, updated_at, status, decision, score, \
    scorecard_id, scorecard_version, partner, principal, term_months, profile_json, \
    evaluation_json, client_result_json, consents_json, status_token_hash, id_hash, key_id, \
    applicant_sealed, erased_at";

pub(super) fn app_row(r: &DbRow) -> ApplicationRecord {
    ApplicationRecord {
        id: r.get("id"),
        reference: r.get("reference"),
        created_at: r.get("created_at"),
        updated_at: r.get("updated_at"),
        status: r.get("status"),
        decision: r.get("decision"),
        score: r.get("score"),
        scorecard_id: r.get("scorecard_id"),
        scorecard_version: r.get("scorecard_version"),
        partner: r.get("partner"),
        principal: r.get("principal"),
        term_months: r.get("term_months"),
        profile_json: r.get("profile_json"),
        evaluation_json: r.get("evaluation_json"),
        client_result_json: r.get("client_result_json"),
        consents_json: r.get("consents_json"),
        status_token_hash: r.get("status_token_hash"),
        id_hash: r.get("id_hash"),
        key_id: r.get("key_id"),
        applicant_sealed: r.get("applicant_sealed"),
        erased_at: r.get("erased_at"),
    }
}

pub(super) fn idem_row(r: &DbRow) -> IdempotentResponse {
    IdempotentResponse {
        key: r.get("idempotency_key"),
        request_hash: r.get("request_hash"),
        status: r.get("status"),
        body: r.get("body"),
        key_id: r.get("key_id"),
        created_at: r.get("created_at"),
    }
}

pub(super) fn audit_row(r: &DbRow) -> AuditEntry {
    AuditEntry {
        id: r.get("id"),
        at: r.get("at"),
        actor: r.get("actor"),
        action: r.get("action"),
        application_id: r.get("application_id"),
        detail: r.get("detail"),
    }
}


pub(super) const IDEM_SELECT: &str =
    "SELECT idempotency_key, request_hash, status, body, key_id, created_at \
     FROM idempotency_keys WHERE idempotency_key = $1";

pub(super) async fn insert_idem(
    tx: &mut Tx<'_>,
    r: &IdempotentResponse,
) -> Result<u64, sqlx::Error> {
    let done = sqlx::query(
        "INSERT INTO idempotency_keys \
         (idempotency_key, request_hash, status, body, key_id, created_at) \
         VALUES ($1, $2, $3, $4, $5, $6) ON CONFLICT (idempotency_key) DO NOTHING",
    )
    .bind(&r.key)
    .bind(&r.request_hash)
    .bind(r.status)
    .bind(&r.body)
    .bind(&r.key_id)
    .bind(&r.created_at)
    .execute(&mut **tx)
    .await?;
    Ok(done.rows_affected())
}

pub(super) async fn insert_audit(tx: &mut Tx<'_>, e: &AuditEntry) -> Result<(), sqlx::Error> {
    sqlx::query(
        "INSERT INTO audit_log (id, at, actor, action, application_id, detail) \
         VALUES ($1, $2, $3, $4, $5, $6)",
    )
    .bind(&e.id)
    .bind(&e.at)
    .bind(&e.actor)
    .bind(&e.action)
    .bind(&e.application_id)
    .bind(&e.detail)
    .execute(&mut **tx)
    .await?;
    Ok(())
}

pub(super) async fn insert_history(
    tx: &mut Tx<'_>,
    id: &str,
    h: &HistoryEntry,
) -> Result<(), sqlx::Error> {
    sqlx::query(
        "INSERT INTO application_history (application_id, at, from_status, to_status, actor, \
         note) VALUES ($1, $2, $3, $4, $5, $6)",
    )
    .bind(id)
    .bind(&h.at)
    .bind(&h.from)
    .bind(&h.to)
    .bind(&h.actor)
    .bind(&h.note)
    .execute(&mut **tx)
    .await?;
    Ok(())
}

/// Inserts the application and its first history entry (`None` → `submitted`, `applicant`).
pub(super) async fn insert_application(
    tx: &mut Tx<'_>,
    a: &NewApplication,
) -> Result<(), sqlx::Error> {
    sqlx::query(
        "INSERT INTO applications (id, reference, created_at, updated_at, status, decision, \
         score, scorecard_id, scorecard_version, partner, principal, term_months, profile_json, \
         evaluation_json, client_result_json, consents_json, status_token_hash, id_hash, key_id, \
         applicant_sealed) VALUES ($1, $2, $3, $3, 'submitted', $4, $5, $6, $7, $8, $9, $10, \
         $11, $12, $13, $14, $15, $16, $17, $18)",
    )
    .bind(&a.id)
    .bind(&a.reference)
    .bind(&a.created_at)
    .bind(&a.decision)
    .bind(&a.score)
    .bind(&a.scorecard_id)
    .bind(&a.scorecard_version)
    .bind(&a.partner)
    .bind(&a.principal)
    .bind(a.term_months)
    .bind(&a.profile_json)
    .bind(&a.evaluation_json)
    .bind(&a.client_result_json)
    .bind(&a.consents_json)
    .bind(&a.status_token_hash)
    .bind(&a.id_hash)
    .bind(&a.key_id)
    .bind(&a.applicant_sealed)
    .execute(&mut **tx)
    .await?;
    let created = HistoryEntry {
        at: a.created_at.clone(),
        from: None,
        to: "submitted".into(),
        actor: "applicant".into(),
        note: None,
    };
    insert_history(tx, &a.id, &created).await
}
