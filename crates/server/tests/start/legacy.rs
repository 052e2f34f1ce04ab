//! Databases written by older LoanLens versions (a module of tests/start.rs, which keeps the
//! helpers).

use super::*;

/// A database from before key ids (rows sealed without a binding): the wrong key refuses to
/// start and changes nothing; the right key re-seals every row bound to its id and key.
#[test]
fn older_rows_are_bound_to_their_row_by_the_right_key_only() {
    use base64::Engine;
    use chacha20poly1305::aead::{Aead, KeyInit};
    use loanlens_server::crypto::DataKey;
    use loanlens_server::store::{sqlite::SqliteStore, ApplicationStore};
    let (_dir, db) = temp_db();
    let hex_key = "7e".repeat(32);
    let rt = tokio::runtime::Builder::new_current_thread().enable_all().build().unwrap();
    let old_seal = {
        let cipher = chacha20poly1305::ChaCha20Poly1305::new_from_slice(&[0x7e; 32]).unwrap();
        let nonce = [7u8; 12];
        let mut out = nonce.to_vec();
        out.extend(
            cipher
                .encrypt((&nonce).into(), r#"{"name":"张三","phone":"13800138000"}"#.as_bytes())
                .unwrap(),
        );
        base64::engine::general_purpose::STANDARD.encode(out)
    };
    rt.block_on(async {
        let store = SqliteStore::open(&db).await.unwrap();
        drop(store);
        let pool = sqlx::SqlitePool::connect(&format!("sqlite://{}", db.display())).await.unwrap();
        // Rows of an older LoanLens live on in applications_v0 after the issue-9 migration.
        sqlx::query(
            "INSERT INTO applications_v0 (id, created_at, loan_json, first_payment, apr_nominal, \
             applicant_sealed) VALUES ('old-1', '2026-01-01T00:00:00Z', '{}', '1.00', '0.1', ?)",
        )
        .bind(&old_seal)
        .execute(&pool)
        .await
        .unwrap();
        pool.close().await;
    });
    let err = refuses(&db, Some(&"11".repeat(32)));
    assert!(err.contains("cannot open the applications an older LoanLens sealed"), "{err}");
    let err = refuses(&db, None);
    assert!(err.contains("no data key is configured"), "{err}");
    drop(start(&db, Some(&hex_key)));
    rt.block_on(async {
        let store = SqliteStore::open(&db).await.unwrap();
        let (key_id, sealed): (String, String) = sqlx::query_as(
            "SELECT key_id, applicant_sealed FROM applications_v0 WHERE id = 'old-1'",
        )
        .fetch_one(store.pool())
        .await
        .unwrap();
        let key = DataKey::from_hex(&hex_key).unwrap();
        assert_eq!(key_id, key.id());
        assert_ne!(sealed, old_seal);
        let plain =
            loanlens_server::crypto::Sealer::new(&key).open("old-1", &key_id, &sealed).unwrap();
        assert!(String::from_utf8(plain).unwrap().contains("张三"));
        assert_eq!(store.count().await.unwrap(), 1);
    });
}
