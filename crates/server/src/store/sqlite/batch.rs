//! Group commit for [`ApplicationStore::submit`](crate::store::ApplicationStore::submit): one
//! writer task takes every submit waiting at that moment (up to [`MAX_BATCH`]) and runs them in
//! one transaction, each inside its own savepoint, so a burst costs one disk sync instead of one
//! per application.
//!
//! Invariants: a submit is answered only after the transaction holding it committed (an answer
//! is never given for data that could still be lost); submits run in arrival order inside the
//! transaction, so a later one sees an earlier one's key and ID hash exactly as if they had
//! committed separately; a submit that fails (a reference collision, say) is rolled back to its
//! savepoint alone and answered with its own error, the rest of the batch is unaffected; if the
//! commit itself fails, every submit of the batch gets an error and none is stored.

use super::rows::*;
use crate::store::{StoreError, Submission, SubmitOutcome};
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
    let mut tx = match pool.begin().await {
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
