-- Issue 9: qualified applications. The table of earlier versions (loan terms and a sealed
-- name/phone, no decision) is kept as applications_v0: its rows stay sealed and the key checks
-- still cover them, but nothing new is written there.
ALTER TABLE applications RENAME TO applications_v0;

-- One row per qualified application. Personal data (name, phone, ID number, city) only sealed
-- (applicant_sealed, bound to id and key_id); the ID number also as an HMAC (id_hash) for the
-- 30-day duplicate check. Erasure sets applicant_sealed, key_id and id_hash to NULL and
-- erased_at; the decision record stays. Timestamps: RFC 3339 UTC text of fixed width.
CREATE TABLE applications (
    id                 TEXT PRIMARY KEY NOT NULL,
    reference          TEXT NOT NULL UNIQUE,
    created_at         TEXT NOT NULL,
    updated_at         TEXT NOT NULL,
    status             TEXT NOT NULL,
    decision           TEXT NOT NULL,
    score              TEXT NOT NULL,
    scorecard_id       TEXT NOT NULL,
    scorecard_version  TEXT NOT NULL,
    partner            TEXT,
    principal          TEXT NOT NULL,
    term_months        BIGINT NOT NULL,
    profile_json       TEXT NOT NULL,
    evaluation_json    TEXT NOT NULL,
    client_result_json TEXT,
    consents_json      TEXT NOT NULL,
    status_token_hash  TEXT NOT NULL,
    id_hash            TEXT,
    key_id             TEXT,
    applicant_sealed   TEXT,
    erased_at          TEXT
);
CREATE INDEX applications_by_id_hash ON applications (id_hash, created_at);
CREATE INDEX applications_by_created ON applications (created_at, id);

-- Status history: the creation (from_status NULL) and every change.
CREATE TABLE application_history (
    application_id TEXT NOT NULL REFERENCES applications (id),
    at             TEXT NOT NULL,
    from_status    TEXT,
    to_status      TEXT NOT NULL,
    actor          TEXT NOT NULL,
    note           TEXT
);
CREATE INDEX application_history_by_application ON application_history (application_id, at);

-- Every staff access, and every refused one (actor 'unknown', action 'denied').
CREATE TABLE audit_log (
    id             TEXT PRIMARY KEY NOT NULL,
    at             TEXT NOT NULL,
    actor          TEXT NOT NULL,
    action         TEXT NOT NULL,
    application_id TEXT,
    detail         TEXT NOT NULL
);
CREATE INDEX audit_log_by_at ON audit_log (at, id);
CREATE INDEX audit_log_by_application ON audit_log (application_id, at);

-- The first answer to each Idempotency-Key, repeated to retries. A 201 answer holds the status
-- token, so it is sealed (key_id set, bound to 'idempotency:' || the key).
CREATE TABLE idempotency_keys (
    idempotency_key TEXT PRIMARY KEY NOT NULL,
    request_hash    TEXT NOT NULL,
    status          BIGINT NOT NULL,
    body            TEXT NOT NULL,
    key_id          TEXT,
    created_at      TEXT NOT NULL
);
CREATE INDEX idempotency_keys_by_created ON idempotency_keys (created_at);
