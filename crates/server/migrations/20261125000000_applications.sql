-- Loan applications. Personal data is stored only sealed (ChaCha20-Poly1305); the loan terms and
-- the figures the server recomputed are stored in clear for underwriting and reporting.
CREATE TABLE applications (
    id               TEXT PRIMARY KEY NOT NULL,
    created_at       TEXT NOT NULL,
    loan_json        TEXT NOT NULL,
    first_payment    TEXT NOT NULL,
    apr_nominal      TEXT NOT NULL,
    applicant_sealed TEXT NOT NULL
);
