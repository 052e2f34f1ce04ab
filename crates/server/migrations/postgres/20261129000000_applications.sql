-- The Postgres schema, the same tables and meaning as the SQLite migrations one directory up
-- (see docs/postgres.md). Text columns mirror SQLite's so both stores compare and sort alike
-- (RFC 3339 UTC timestamps of one fixed width sort as text).
--
-- Loan applications. Personal data is stored only sealed (ChaCha20-Poly1305); the loan terms and
-- the figures the server recomputed are stored in clear for underwriting and reporting.
-- key_id is NULL only for rows an older LoanLens sealed before key ids (never on Postgres, kept
-- for the same store contract).
CREATE TABLE applications (
    id               TEXT PRIMARY KEY NOT NULL,
    created_at       TEXT NOT NULL,
    loan_json        TEXT NOT NULL,
    first_payment    TEXT NOT NULL,
    apr_nominal      TEXT NOT NULL,
    applicant_sealed TEXT NOT NULL,
    key_id           TEXT
);
-- Key ids (public fingerprints of data keys, see crypto.rs), as in SQLite's keyring.
CREATE TABLE keyring (
    key_id     TEXT PRIMARY KEY NOT NULL,
    created_at TEXT NOT NULL
);
