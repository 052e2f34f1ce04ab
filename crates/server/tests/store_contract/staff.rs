//! The contract's staff side: status compare-and-set, erasure, the audit log.

use super::{counts, submission, ts};
use loanlens_server::store::*;
use std::sync::Arc;

pub fn change(id: &str, from: &str, to: &str, at: &str, tag: &str) -> StatusChange {
    StatusChange {
        id: id.into(),
        from: from.into(),
        to: to.into(),
        history: HistoryEntry {
            at: at.into(),
            from: Some(from.into()),
            to: to.into(),
            actor: "staff-1".into(),
            note: Some("called".into()),
        },
        audit: AuditEntry {
            id: format!("audit-{tag}"),
            at: at.into(),
            actor: "staff-1".into(),
            action: "status".into(),
            application_id: Some(id.into()),
            detail: format!("{from}→{to}"),
        },
    }
}

pub async fn status_changes_are_compare_and_set(s: Arc<dyn ApplicationStore>) {
    assert_eq!(
        s.submit(&submission("s1", "key-s1", "hs1", &ts(600), &ts(0))).await.unwrap(),
        SubmitOutcome::Created
    );
    let before = counts(&*s).await;
    let tasks: Vec<_> = (0..10)
        .map(|i| {
            let s = s.clone();
            tokio::spawn(async move {
                s.change_status(&change(
                    "id-s1",
                    "submitted",
                    "contacted",
                    &ts(601),
                    &format!("s1-{i}"),
                ))
                .await
                .unwrap()
            })
        })
        .collect();
    let mut changed = 0;
    for t in tasks {
        match t.await.unwrap() {
            StatusOutcome::Changed => changed += 1,
            StatusOutcome::Stale(now) => assert_eq!(now, "contacted"),
            StatusOutcome::NotFound => panic!("not found"),
        }
    }
    assert_eq!(changed, 1);
    let after = counts(&*s).await;
    assert_eq!((after.history, after.audit), (before.history + 1, before.audit + 1));
    let rec = s.get("id-s1").await.unwrap().unwrap();
    assert_eq!((rec.status.as_str(), rec.updated_at.as_str()), ("contacted", ts(601).as_str()));
    let h = s.history("id-s1").await.unwrap();
    assert_eq!(h.last().unwrap().from.as_deref(), Some("submitted"));
    assert_eq!(
        s.change_status(&change("nope", "submitted", "contacted", &ts(602), "x")).await.unwrap(),
        StatusOutcome::NotFound
    );
    assert_eq!(counts(&*s).await, after, "a refused change writes nothing");
}

pub async fn erasure_destroys_personal_data_and_keeps_the_record(s: &dyn ApplicationStore) {
    assert_eq!(
        s.submit(&submission("e1", "key-e1", "he1", &ts(700), &ts(0))).await.unwrap(),
        SubmitOutcome::Created
    );
    s.change_status(&change("id-e1", "submitted", "contacted", &ts(701), "e1")).await.unwrap();
    let sealed_before = s.count().await.unwrap();
    let audit = |tag: &str| AuditEntry {
        id: format!("audit-erase-{tag}"),
        at: ts(702),
        actor: "staff-1".into(),
        action: "erase".into(),
        application_id: Some("id-e1".into()),
        detail: String::new(),
    };
    assert_eq!(s.erase("id-e1", &audit("1")).await.unwrap(), EraseOutcome::Erased);
    let rec = s.get("id-e1").await.unwrap().unwrap();
    assert_eq!((rec.applicant_sealed, rec.key_id, rec.id_hash), (None, None, None));
    assert_eq!(rec.erased_at.as_deref(), Some(ts(702).as_str()));
    assert_eq!(
        (rec.decision.as_str(), rec.status.as_str()),
        ("pass", "contacted"),
        "the record stays"
    );
    let h = s.history("id-e1").await.unwrap();
    assert_eq!(h.len(), 2);
    assert!(h.iter().all(|e| e.note.is_none()), "staff notes go with the personal data");
    assert_eq!(s.count().await.unwrap(), sealed_before - 1);
    assert_eq!(s.erase("id-e1", &audit("2")).await.unwrap(), EraseOutcome::AlreadyErased);
    let before = counts(s).await;
    assert_eq!(s.erase("nope", &audit("3")).await.unwrap(), EraseOutcome::NotFound);
    assert_eq!(counts(s).await, before);
    // The ID hash is gone: the same number is no duplicate any more.
    assert_eq!(
        s.submit(&submission("e2", "key-e2", "he1", &ts(703), &ts(0))).await.unwrap(),
        SubmitOutcome::Created
    );
    let erases = s
        .audit_log(&AuditQuery {
            application_id: Some("id-e1".into()),
            limit: 10,
            ..AuditQuery::default()
        })
        .await
        .unwrap();
    assert_eq!(erases.iter().filter(|e| e.action == "erase").count(), 2);
}

pub async fn audit_is_listed_newest_first_and_paged(s: &dyn ApplicationStore) {
    for i in 0..3u32 {
        s.audit(&AuditEntry {
            id: format!("aud-{i}"),
            at: format!("2027-01-01T00:00:0{i}.000000Z"),
            actor: "unknown".into(),
            action: "denied".into(),
            application_id: Some("id-aud".into()),
            detail: "GET /api/v1/admin/applications".into(),
        })
        .await
        .unwrap();
    }
    let q = AuditQuery { application_id: Some("id-aud".into()), limit: 2, ..AuditQuery::default() };
    let page = s.audit_log(&q).await.unwrap();
    let ids: Vec<_> = page.iter().map(|e| e.id.as_str()).collect();
    assert_eq!(ids, ["aud-2", "aud-1"]);
    let last = page.last().unwrap();
    let rest = s
        .audit_log(&AuditQuery {
            cursor: Some(Cursor { at: last.at.clone(), id: last.id.clone() }),
            ..q
        })
        .await
        .unwrap();
    assert_eq!(rest.len(), 1);
    assert_eq!(rest[0].id, "aud-0");
    let all = s.audit_log(&AuditQuery { limit: 100, ..AuditQuery::default() }).await.unwrap();
    assert_eq!(all[0].id, "aud-2", "newest of every application first");
}
