//! The `ApplicationStore` contract, for any backend: `run_all(store)` on an empty store runs
//! every check (`tests/store.rs` runs it on SQLite; a Postgres test includes this module with
//! `#[path = "store_contract/mod.rs"] mod contract;` and calls the same function).

#![allow(dead_code)]

mod staff;

use loanlens_server::store::*;
use staff::*;
use std::sync::Arc;

/// Runs every check in turn on one empty store (each uses its own ids and counts deltas).
pub async fn run_all(store: Arc<dyn ApplicationStore>) {
    submit_replays_and_duplicates(&*store).await;
    concurrent_same_key_inserts_once(store.clone()).await;
    concurrent_same_id_hash_inserts_once(store.clone()).await;
    a_failing_submit_among_concurrent_ones_fails_alone(store.clone()).await;
    a_burst_of_submits_stores_each_whole(store.clone()).await;
    list_filters_orders_and_pages(&*store).await;
    status_changes_are_compare_and_set(store.clone()).await;
    erasure_destroys_personal_data_and_keeps_the_record(&*store).await;
    audit_is_listed_newest_first_and_paged(&*store).await;
    reseal_is_compare_and_set(&*store).await;
    idempotency_answers_expire(&*store).await;
}

/// A timestamp `n` seconds into 2026-11-29 (fixed width, like the server's).
pub fn ts(n: u32) -> String {
    format!("2026-11-29T{:02}:{:02}:{:02}.000000Z", n / 3600, n / 60 % 60, n % 60)
}

/// A new application with distinct ids derived from `tag`.
pub fn app(tag: &str, id_hash: &str, at: &str) -> NewApplication {
    NewApplication {
        id: format!("id-{tag}"),
        reference: format!("LL-{tag}"),
        created_at: at.into(),
        decision: "pass".into(),
        score: "612".into(),
        scorecard_id: "card".into(),
        scorecard_version: "v1".into(),
        partner: None,
        principal: "50000.00".into(),
        term_months: 24,
        profile_json: "{}".into(),
        evaluation_json: "{}".into(),
        client_result_json: None,
        consents_json: "[]".into(),
        status_token_hash: format!("th-{tag}"),
        id_hash: id_hash.into(),
        key_id: "k1".into(),
        applicant_sealed: format!("sealed-{tag}"),
    }
}

/// A submission of `app(tag…)` under idempotency key `key`, duplicates since `since`.
pub fn submission(tag: &str, key: &str, id_hash: &str, at: &str, since: &str) -> Submission {
    Submission {
        application: app(tag, id_hash, at),
        response: IdempotentResponse {
            key: key.into(),
            request_hash: format!("rh-{key}"),
            status: 201,
            body: format!("answer-{tag}"),
            key_id: Some("k1".into()),
            created_at: at.into(),
        },
        duplicate_since: since.into(),
    }
}

async fn counts(s: &dyn ApplicationStore) -> Counts {
    s.counts().await.unwrap()
}

pub async fn submit_replays_and_duplicates(s: &dyn ApplicationStore) {
    let before = counts(s).await;
    let first = submission("a1", "key-a1", "hash-a", &ts(100), &ts(0));
    assert_eq!(s.submit(&first).await.unwrap(), SubmitOutcome::Created);
    let rec = s.get("id-a1").await.unwrap().expect("stored");
    assert_eq!(
        (rec.status.as_str(), rec.updated_at.as_str()),
        ("submitted", rec.created_at.as_str())
    );
    assert_eq!(rec.applicant_sealed.as_deref(), Some("sealed-a1"));
    let h = s.history("id-a1").await.unwrap();
    assert_eq!(
        (h.len(), h[0].from.clone(), h[0].to.as_str(), h[0].actor.as_str()),
        (1, None, "submitted", "applicant")
    );
    let after = counts(s).await;
    assert_eq!(after.applications, before.applications + 1);
    assert_eq!(after.history, before.history + 1);
    assert_eq!(after.idempotency, before.idempotency + 1);
    assert_eq!(s.idempotent_response("key-a1").await.unwrap().unwrap().body, "answer-a1");

    // The same key again (another application id): the first answer, nothing stored.
    let again = submission("a2", "key-a1", "hash-other", &ts(101), &ts(0));
    match s.submit(&again).await.unwrap() {
        SubmitOutcome::Replay(r) => assert_eq!((r.body.as_str(), r.status), ("answer-a1", 201)),
        other => panic!("{other:?}"),
    }
    // Another key, same ID hash within the window: the earlier application, nothing stored.
    let dup = submission("a3", "key-a3", "hash-a", &ts(102), &ts(50));
    match s.submit(&dup).await.unwrap() {
        SubmitOutcome::Duplicate(r) => assert_eq!(r.id, "id-a1"),
        other => panic!("{other:?}"),
    }
    assert_eq!(counts(s).await, after);
    // Outside the window it is a new application.
    let later = submission("a4", "key-a4", "hash-a", &ts(200), &ts(150));
    assert_eq!(s.submit(&later).await.unwrap(), SubmitOutcome::Created);

    // A reference already taken: a unique violation (the handler retries with a fresh one),
    // nothing stored.
    let before = counts(s).await;
    let mut taken = submission("a5", "key-a5", "hash-a5", &ts(201), &ts(0));
    taken.application.reference = "LL-a1".into();
    match s.submit(&taken).await {
        Err(StoreError::Database(sqlx::Error::Database(e))) => assert!(e.is_unique_violation()),
        other => panic!("{other:?}"),
    }
    assert_eq!(counts(s).await, before);
    assert!(s.idempotent_response("key-a5").await.unwrap().is_none());

    // remember: the first answer stored under a key is the one every caller gets.
    let r1 = IdempotentResponse {
        key: "key-r".into(),
        request_hash: "rh".into(),
        status: 200,
        body: "first".into(),
        key_id: None,
        created_at: ts(300),
    };
    assert_eq!(s.remember(&r1).await.unwrap(), r1);
    let r2 = IdempotentResponse { body: "second".into(), ..r1.clone() };
    assert_eq!(s.remember(&r2).await.unwrap(), r1);
}

pub async fn concurrent_same_key_inserts_once(s: Arc<dyn ApplicationStore>) {
    let before = counts(&*s).await;
    let tasks: Vec<_> = (0..50)
        .map(|i| {
            let s = s.clone();
            tokio::spawn(async move {
                s.submit(&submission(
                    &format!("c{i}"),
                    "key-concurrent",
                    &format!("hc{i}"),
                    &ts(400),
                    &ts(0),
                ))
                .await
                .unwrap()
            })
        })
        .collect();
    let mut created = 0;
    let mut bodies = std::collections::HashSet::new();
    for t in tasks {
        match t.await.unwrap() {
            SubmitOutcome::Created => created += 1,
            SubmitOutcome::Replay(r) => {
                bodies.insert(r.body);
            }
            other => panic!("{other:?}"),
        }
    }
    assert_eq!(created, 1);
    assert!(bodies.len() <= 1, "every replay is the one stored answer: {bodies:?}");
    let after = counts(&*s).await;
    assert_eq!(after.applications, before.applications + 1);
    assert_eq!(after.idempotency, before.idempotency + 1);
}

/// Concurrent submits (which SQLite commits as one group) where one takes a reference already
/// used: that one alone fails, with the unique violation the handler retries on; every other
/// is stored and answered.
pub async fn a_failing_submit_among_concurrent_ones_fails_alone(s: Arc<dyn ApplicationStore>) {
    let before = counts(&*s).await;
    let tasks: Vec<_> = (0..40)
        .map(|i| {
            let s = s.clone();
            tokio::spawn(async move {
                let mut sub = submission(
                    &format!("g{i}"),
                    &format!("key-g{i}"),
                    &format!("hg{i}"),
                    &ts(500),
                    &ts(0),
                );
                if i == 17 {
                    sub.application.reference = "LL-a1".into();
                }
                (i, s.submit(&sub).await)
            })
        })
        .collect();
    for t in tasks {
        match t.await.unwrap() {
            (17, Err(StoreError::Database(sqlx::Error::Database(e)))) => {
                assert!(e.is_unique_violation())
            }
            (i, outcome) => assert_eq!(outcome.unwrap(), SubmitOutcome::Created, "submit {i}"),
        }
    }
    let after = counts(&*s).await;
    assert_eq!(after.applications, before.applications + 39);
    assert_eq!(after.idempotency, before.idempotency + 39);
}

/// A burst of distinct concurrent submits (on SQLite, multi-row inserts of one group commit):
/// each is answered Created and stored whole: its row, its first history entry, its key's answer.
pub async fn a_burst_of_submits_stores_each_whole(s: Arc<dyn ApplicationStore>) {
    let before = counts(&*s).await;
    let tasks: Vec<_> = (0..60)
        .map(|i| {
            let s = s.clone();
            tokio::spawn(async move {
                let sub = submission(
                    &format!("b{i}"),
                    &format!("key-b{i}"),
                    &format!("hb{i}"),
                    &ts(600),
                    &ts(0),
                );
                s.submit(&sub).await.unwrap()
            })
        })
        .collect();
    for t in tasks {
        assert_eq!(t.await.unwrap(), SubmitOutcome::Created);
    }
    let after = counts(&*s).await;
    assert_eq!(after.applications, before.applications + 60);
    assert_eq!(after.history, before.history + 60);
    assert_eq!(after.idempotency, before.idempotency + 60);
    for i in 0..60 {
        let row = s.get(&format!("id-b{i}")).await.unwrap().unwrap();
        assert_eq!(
            (row.status.as_str(), row.id_hash.as_deref()),
            ("submitted", Some(format!("hb{i}").as_str()))
        );
        assert_eq!(s.history(&row.id).await.unwrap().len(), 1);
        assert!(s.idempotent_response(&format!("key-b{i}")).await.unwrap().is_some());
    }
    // The same burst again: every key is answered with its stored answer, nothing is added.
    for i in 0..60 {
        let sub = submission(
            &format!("b{i}x"),
            &format!("key-b{i}"),
            &format!("hb{i}x"),
            &ts(601),
            &ts(0),
        );
        assert!(matches!(s.submit(&sub).await.unwrap(), SubmitOutcome::Replay(_)));
    }
    assert_eq!(counts(&*s).await, after);
}

pub async fn concurrent_same_id_hash_inserts_once(s: Arc<dyn ApplicationStore>) {
    let before = counts(&*s).await;
    let tasks: Vec<_> = (0..20)
        .map(|i| {
            let s = s.clone();
            tokio::spawn(async move {
                s.submit(&submission(
                    &format!("d{i}"),
                    &format!("key-d{i}"),
                    "hash-d",
                    &ts(500),
                    &ts(0),
                ))
                .await
                .unwrap()
            })
        })
        .collect();
    let mut created = 0;
    for t in tasks {
        match t.await.unwrap() {
            SubmitOutcome::Created => created += 1,
            SubmitOutcome::Duplicate(r) => assert_eq!(r.id_hash.as_deref(), Some("hash-d")),
            other => panic!("{other:?}"),
        }
    }
    assert_eq!(created, 1);
    assert_eq!(counts(&*s).await.applications, before.applications + 1);
}

pub async fn list_filters_orders_and_pages(s: &dyn ApplicationStore) {
    for i in 0..5u32 {
        let mut sub = submission(
            &format!("l{i}"),
            &format!("key-l{i}"),
            &format!("hl{i}"),
            &format!("2026-12-0{}T10:00:00.000000Z", i + 1),
            &ts(0),
        );
        sub.application.partner = Some(if i % 2 == 0 { "even" } else { "odd" }.into());
        sub.application.decision = if i == 4 { "refer" } else { "pass" }.into();
        assert_eq!(s.submit(&sub).await.unwrap(), SubmitOutcome::Created);
    }
    let q = |partner: Option<&str>| ListQuery {
        partner: partner.map(Into::into),
        from: Some("2026-12-01".into()),
        before: Some("2026-12-06".into()),
        limit: 2,
        ..ListQuery::default()
    };
    let page1 = s.list(&q(None)).await.unwrap();
    let ids: Vec<_> = page1.iter().map(|r| r.id.as_str()).collect();
    assert_eq!(ids, ["id-l4", "id-l3"], "newest first");
    let last = page1.last().unwrap();
    let page2 = s
        .list(&ListQuery {
            cursor: Some(Cursor { at: last.created_at.clone(), id: last.id.clone() }),
            ..q(None)
        })
        .await
        .unwrap();
    let ids: Vec<_> = page2.iter().map(|r| r.id.as_str()).collect();
    assert_eq!(ids, ["id-l2", "id-l1"]);
    let even = s.list(&ListQuery { limit: 10, ..q(Some("even")) }).await.unwrap();
    assert_eq!(even.len(), 3);
    let refer =
        s.list(&ListQuery { decision: Some("refer".into()), limit: 10, ..q(None) }).await.unwrap();
    assert_eq!(refer.len(), 1);
    let day = s
        .list(&ListQuery {
            from: Some("2026-12-02".into()),
            before: Some("2026-12-03".into()),
            limit: 10,
            ..ListQuery::default()
        })
        .await
        .unwrap();
    assert_eq!(day.len(), 1);
    assert_eq!(day[0].id, "id-l1");
    let contacted = s
        .list(&ListQuery { status: Some("contacted".into()), limit: 10, ..q(None) })
        .await
        .unwrap();
    assert!(contacted.is_empty());
}

pub async fn reseal_is_compare_and_set(s: &dyn ApplicationStore) {
    let rows = s.sealed_with_other_key("k2", 1000).await.unwrap();
    assert!(rows.iter().any(|r| r.table == SealedTable::Application && r.id == "id-a1"));
    assert!(rows.iter().any(|r| r.table == SealedTable::Idempotency && r.id == "key-a1"));
    assert!(!rows.iter().any(|r| r.id == "id-e1"), "erased rows hold nothing to re-seal");
    let a1 = rows.iter().find(|r| r.table == SealedTable::Application && r.id == "id-a1").unwrap();
    assert!(s.reseal(a1, "k2", "resealed-a1", Some("hash-a-k2")).await.unwrap());
    assert!(!s.reseal(a1, "k3", "again", None).await.unwrap(), "no longer under k1");
    let rec = s.get("id-a1").await.unwrap().unwrap();
    assert_eq!(
        (rec.key_id.as_deref(), rec.applicant_sealed.as_deref(), rec.id_hash.as_deref()),
        (Some("k2"), Some("resealed-a1"), Some("hash-a-k2"))
    );
    let idem =
        rows.iter().find(|r| r.table == SealedTable::Idempotency && r.id == "key-a1").unwrap();
    assert!(s.reseal(idem, "k2", "resealed-answer", None).await.unwrap());
    let r = s.idempotent_response("key-a1").await.unwrap().unwrap();
    assert_eq!((r.key_id.as_deref(), r.body.as_str()), (Some("k2"), "resealed-answer"));
    assert!(!s
        .sealed_with_other_key("k2", 1000)
        .await
        .unwrap()
        .iter()
        .any(|r| r.id == "id-a1" || r.id == "key-a1"));
}

pub async fn idempotency_answers_expire(s: &dyn ApplicationStore) {
    let before = counts(s).await.idempotency;
    let n = s.purge_idempotency(&ts(450)).await.unwrap();
    assert!(n >= 3, "the answers stored before 00:07:30 are gone ({n})");
    assert_eq!(counts(s).await.idempotency, before - i64::try_from(n).unwrap());
    assert!(s.idempotent_response("key-a1").await.unwrap().is_none());
    assert!(s.idempotent_response("key-e2").await.unwrap().is_some());
}
