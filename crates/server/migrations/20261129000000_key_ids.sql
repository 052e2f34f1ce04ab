-- Key ids (public fingerprints of data keys, see crypto.rs). The first start records the id of
-- the key it seals with; later starts refuse a key whose id is not recorded here. Each sealed
-- row names the key that sealed it, which is also bound into the seal (AEAD associated data).
CREATE TABLE keyring (
    key_id     TEXT PRIMARY KEY NOT NULL,
    created_at TEXT NOT NULL
);
ALTER TABLE applications ADD COLUMN key_id TEXT;
