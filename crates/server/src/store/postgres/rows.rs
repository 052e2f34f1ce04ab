//! Row mapping and the inserts several Postgres store methods share: the same text as the
//! SQLite store's (`../rows_shared.rs`), compiled for Postgres's row and transaction types.

use crate::store::*;
use sqlx::Row;

type DbRow = sqlx::postgres::PgRow;
pub(super) type Tx<'a> = sqlx::Transaction<'a, sqlx::Postgres>;

include!("../rows_shared.rs");
