-- The Postgres schema: the same tables, columns and meaning as the SQLite migrations one
-- directory up (see there for what each holds), minus SQLite's applications_v0 (rows of
-- LoanLens versions that only ever ran on SQLite). Text columns mirror SQLite's so both stores
-- compare and sort alike: timestamps are RFC 3339 UTC text of fixed width, whose text order is
-- time order. Personal data is only ever stored sealed (applicant_sealed; the ID number also as
-- an HMAC, id_hash); see docs/postgres.md.

-- Key ids (public fingerprints of data keys, see crypto.rs).
CREATE TABLE keyring (
    key_id     TEXT PRIMARY KEY NOT NULL,
    created_at TEXT NOT NULL
);

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

CREATE TABLE application_history (
    application_id TEXT NOT NULL REFERENCES applications (id),
    at             TEXT NOT NULL,
    from_status    TEXT,
    to_status      TEXT NOT NULL,
    actor          TEXT NOT NULL,
    note           TEXT
);
CREATE INDEX application_history_by_application ON application_history (application_id, at);

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

CREATE TABLE idempotency_keys (
    idempotency_key TEXT PRIMARY KEY NOT NULL,
    request_hash    TEXT NOT NULL,
    status          BIGINT NOT NULL,
    body            TEXT NOT NULL,
    key_id          TEXT,
    created_at      TEXT NOT NULL
);
CREATE INDEX idempotency_keys_by_created ON idempotency_keys (created_at);
