//! Group commit for [`ApplicationStore::submit`](crate::store::ApplicationStore::submit): one
//! writer task takes every submit waiting at that moment (up to [`MAX_BATCH`]) and runs them in
//! one transaction, each inside its own savepoint, so a burst costs one disk sync instead of one
//! per application.
//!
//! A batch first tries the fast path (`fast`): the key and duplicate checks of the whole batch
//! as one query each, then one multi-row insert per table, 5 statements whatever the batch size
//! (each statement is a round trip to sqlx's SQLite worker thread, which is what bounded the
//! per-submit path). It applies only when no two submits of the batch share a key or an ID hash
//! and no insert fails; otherwise the transaction is rolled back and the batch runs submit by
//! submit in savepoints (`one`), whose answers are the reference semantics.
//!
//! Invariants: a submit is answered only after the transaction holding it committed (an answer
//! is never given for data that could still be lost); submits run in arrival order inside the
//! transaction, so a later one sees an earlier one's key and ID hash exactly as if they had
//! committed separately; a submit that fails (a reference collision, say) is rolled back to its
//! savepoint alone and answered with its own error, the rest of the batch is unaffected; if the
//! commit itself fails, every submit of the batch gets an error and none is stored.

use super::rows::*;
use crate::store::{ApplicationRecord, IdempotentResponse, StoreError, Submission, SubmitOutcome};
use sqlx::{Acquire, SqlitePool};
use std::sync::Arc;
use tokio::sync::{mpsc, oneshot, Mutex};

/// Where a submit's outcome goes.
pub(super) type Reply = oneshot::Sender<Result<SubmitOutcome, StoreError>>;

/// The most submits one transaction takes (bounds the time a batch holds the write lock).
pub const MAX_BATCH: usize = 256;

/// Starts the writer task; submits are sent to the returned channel. The task ends when the
/// store (the last sender) is dropped.
pub(super) fn spawn(pool: SqlitePool, write: Arc<Mutex<()>>) -> mpsc::Sender<(Submission, Reply)> {
    let (tx, mut rx) = mpsc::channel::<(Submission, Reply)>(4 * MAX_BATCH);
    tokio::spawn(async move {
        while let Some(first) = rx.recv().await {
            let mut batch = vec![first];
            while batch.len() < MAX_BATCH {
                match rx.try_recv() {
                    Ok(next) => batch.push(next),
                    Err(_) => break,
                }
            }
            run(&pool, &write, batch).await;
        }
    });
    tx
}

/// A copy of a failure for every waiter (`sqlx::Error` is not `Clone`).
fn failed(e: &sqlx::Error) -> StoreError {
    StoreError::Database(sqlx::Error::Protocol(format!("group commit failed: {e}")))
}

async fn run(pool: &SqlitePool, write: &Mutex<()>, batch: Vec<(Submission, Reply)>) {
    let _one_writer = write.lock().await;
    if let Ok(outcomes) = fast(pool, &batch).await {
        for ((_, reply), outcome) in batch.into_iter().zip(outcomes) {
            let _ = reply.send(Ok(outcome));
        }
        return;
    }
    let mut tx = match pool.begin_with("BEGIN IMMEDIATE").await {
        Ok(tx) => tx,
        Err(e) => {
            for (_, reply) in batch {
                let _ = reply.send(Err(failed(&e)));
            }
            return;
        }
    };
    let mut outcomes = Vec::with_capacity(batch.len());
    for (s, _) in &batch {
        outcomes.push(one(&mut tx, s).await);
    }
    match tx.commit().await {
        Ok(()) => {
            for ((_, reply), outcome) in batch.into_iter().zip(outcomes) {
                let _ = reply.send(outcome);
            }
        }
        Err(e) => {
            for (_, reply) in batch {
                let _ = reply.send(Err(failed(&e)));
            }
        }
    }
}

/// One submit inside the batch's transaction, in a savepoint of its own.
async fn one(tx: &mut Tx<'_>, s: &Submission) -> Result<SubmitOutcome, StoreError> {
    let mut sp = tx.begin().await?;
    match submit_in(&mut sp, s).await {
        Ok(outcome) => {
            sp.commit().await?;
            Ok(outcome)
        }
        Err(e) => {
            let _ = sp.rollback().await;
            Err(e)
        }
    }
}

/// `(?, ?, …)` with `n` parameters, for an `IN` list.
fn params(n: usize) -> String {
    let mut p = "?,".repeat(n);
    p.pop();
    p
}

/// The whole batch in one transaction of 5 statements, or an error (nothing committed) when the
/// batch needs the per-submit path: two submits with one key or one ID hash, or a failed insert
/// (a reference collision, say).
async fn fast(
    pool: &SqlitePool,
    batch: &[(Submission, Reply)],
) -> Result<Vec<SubmitOutcome>, sqlx::Error> {
    // BEGIN IMMEDIATE takes the write lock at the start, waiting up to the busy timeout, instead
    // of upgrading after the reads (an upgrade that meets another lock fails at once with
    // "database is locked"); a failed batch is rolled back here, before the per-submit path
    // begins on another connection of the pool.
    let mut tx = pool.begin_with("BEGIN IMMEDIATE").await?;
    match fast_in(&mut tx, batch).await {
        Ok(outcomes) => {
            tx.commit().await?;
            Ok(outcomes)
        }
        Err(e) => {
            let _ = tx.rollback().await;
            Err(e)
        }
    }
}

/// The body of [`fast`] inside its transaction.
async fn fast_in(
    tx: &mut Tx<'_>,
    batch: &[(Submission, Reply)],
) -> Result<Vec<SubmitOutcome>, sqlx::Error> {
    use std::collections::{HashMap, HashSet};
    let subs: Vec<&Submission> = batch.iter().map(|(s, _)| s).collect();
    let keys: HashSet<&str> = subs.iter().map(|s| s.response.key.as_str()).collect();
    let hashes: HashSet<&str> = subs.iter().map(|s| s.application.id_hash.as_str()).collect();
    if keys.len() < subs.len() || hashes.len() < subs.len() {
        return Err(sqlx::Error::Protocol("shared key or ID hash in a batch".into()));
    }
    let sql = format!(
        "SELECT idempotency_key, request_hash, status, body, key_id, created_at \
         FROM idempotency_keys WHERE idempotency_key IN ({})",
        params(subs.len())
    );
    let mut q = sqlx::query(&sql);
    for s in &subs {
        q = q.bind(&s.response.key);
    }
    let answered: HashMap<String, IdempotentResponse> = q
        .fetch_all(&mut **tx)
        .await?
        .iter()
        .map(|r| {
            let a = idem_row(r);
            (a.key.clone(), a)
        })
        .collect();
    let since = subs.iter().map(|s| s.duplicate_since.as_str()).min().unwrap_or_default();
    let sql = format!(
        "SELECT {APP_COLUMNS} FROM applications WHERE id_hash IN ({}) AND created_at >= ? \
         ORDER BY created_at, id",
        params(subs.len())
    );
    let mut q = sqlx::query(&sql);
    for s in &subs {
        q = q.bind(&s.application.id_hash);
    }
    let earlier: Vec<ApplicationRecord> =
        q.bind(since).fetch_all(&mut **tx).await?.iter().map(app_row).collect();
    let mut outcomes = Vec::with_capacity(subs.len());
    let mut new = Vec::new();
    for s in &subs {
        if let Some(a) = answered.get(&s.response.key) {
            outcomes.push(SubmitOutcome::Replay(a.clone()));
        } else if let Some(r) = earlier.iter().find(|r| {
            r.id_hash.as_deref() == Some(s.application.id_hash.as_str())
                && r.created_at.as_str() >= s.duplicate_since.as_str()
        }) {
            outcomes.push(SubmitOutcome::Duplicate(Box::new(r.clone())));
        } else {
            outcomes.push(SubmitOutcome::Created);
            new.push(*s);
        }
    }
    if !new.is_empty() {
        let mut b = sqlx::QueryBuilder::<sqlx::Sqlite>::new(
            "INSERT INTO applications (id, reference, created_at, updated_at, status, decision, \
             score, scorecard_id, scorecard_version, partner, principal, term_months, \
             profile_json, evaluation_json, client_result_json, consents_json, \
             status_token_hash, id_hash, key_id, applicant_sealed) ",
        );
        b.push_values(&new, |mut v, s| {
            let a = &s.application;
            v.push_bind(&a.id)
                .push_bind(&a.reference)
                .push_bind(&a.created_at)
                .push_bind(&a.created_at)
                .push_bind("submitted")
                .push_bind(&a.decision)
                .push_bind(&a.score)
                .push_bind(&a.scorecard_id)
                .push_bind(&a.scorecard_version)
                .push_bind(&a.partner)
                .push_bind(&a.principal)
                .push_bind(a.term_months)
                .push_bind(&a.profile_json)
                .push_bind(&a.evaluation_json)
                .push_bind(&a.client_result_json)
                .push_bind(&a.consents_json)
                .push_bind(&a.status_token_hash)
                .push_bind(&a.id_hash)
                .push_bind(&a.key_id)
                .push_bind(&a.applicant_sealed);
        });
        b.build().execute(&mut **tx).await?;
        let mut b = sqlx::QueryBuilder::<sqlx::Sqlite>::new(
            "INSERT INTO application_history (application_id, at, from_status, to_status, \
             actor, note) ",
        );
        b.push_values(&new, |mut v, s| {
            v.push_bind(&s.application.id)
                .push_bind(&s.application.created_at)
                .push_bind(None::<String>)
                .push_bind("submitted")
                .push_bind("applicant")
                .push_bind(None::<String>);
        });
        b.build().execute(&mut **tx).await?;
        let mut b = sqlx::QueryBuilder::<sqlx::Sqlite>::new(
            "INSERT INTO idempotency_keys \
             (idempotency_key, request_hash, status, body, key_id, created_at) ",
        );
        b.push_values(&new, |mut v, s| {
            let r = &s.response;
            v.push_bind(&r.key)
                .push_bind(&r.request_hash)
                .push_bind(r.status)
                .push_bind(&r.body)
                .push_bind(&r.key_id)
                .push_bind(&r.created_at);
        });
        b.build().execute(&mut **tx).await?;
    }
    Ok(outcomes)
}
