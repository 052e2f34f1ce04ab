//! Row mapping and the inserts shared by several store methods (`../rows_shared.rs`, the same
//! text the Postgres store compiles), and the SQLite store's per-submit step.

use crate::store::*;
use sqlx::Row;

type DbRow = sqlx::sqlite::SqliteRow;
pub(super) type Tx<'a> = sqlx::Transaction<'a, sqlx::Sqlite>;

include!("../rows_shared.rs");

/// One submit's reads and writes inside `tx`: the key's earlier answer, else an application with
/// the same ID hash since `duplicate_since`, else the new application and the key's answer.
pub(super) async fn submit_in(
    tx: &mut Tx<'_>,
    s: &Submission,
) -> Result<SubmitOutcome, StoreError> {
    if let Some(r) =
        sqlx::query(IDEM_SELECT).bind(&s.response.key).fetch_optional(&mut **tx).await?
    {
        return Ok(SubmitOutcome::Replay(idem_row(&r)));
    }
    let dup = sqlx::query(&format!(
        "SELECT {APP_COLUMNS} FROM applications WHERE id_hash = $1 AND created_at >= $2 \
         ORDER BY created_at, id LIMIT 1"
    ))
    .bind(&s.application.id_hash)
    .bind(&s.duplicate_since)
    .fetch_optional(&mut **tx)
    .await?;
    if let Some(r) = dup {
        return Ok(SubmitOutcome::Duplicate(Box::new(app_row(&r))));
    }
    insert_application(tx, &s.application).await?;
    insert_idem(tx, &s.response).await?;
    Ok(SubmitOutcome::Created)
}
