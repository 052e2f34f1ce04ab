//! Sealing personal data at rest with ChaCha20-Poly1305.
//!
//! Invariants: a fresh random nonce per record; every sealed blob is bound (AEAD associated
//! data) to the id of the row it belongs to and to the id of the key that sealed it, so a blob
//! copied into another row, or opened under another key, fails to open. The key never appears
//! in `Debug` output ([`DataKey`] redacts it).

use base64::engine::general_purpose::STANDARD as B64;
use base64::Engine;
use chacha20poly1305::aead::{Aead, AeadCore, KeyInit, OsRng, Payload};
use chacha20poly1305::{ChaCha20Poly1305, Key, Nonce};
use hmac::Mac;
use sha2::{Digest, Sha256};

/// Why a key or a sealed record was refused.
#[derive(Debug, Clone, PartialEq, thiserror::Error)]
pub enum CryptoError {
    /// The key text is not 64 hexadecimal characters.
    #[error("must be 64 hexadecimal characters (32 bytes): {0}")]
    NotHex(#[from] hex::FromHexError),
    /// The key is all zeros: a placeholder, not a key.
    #[error("is all zeros; generate a real key (e.g. `openssl rand -hex 32`)")]
    ZeroKey,
    /// Encryption failed (does not happen for in-memory buffers; kept for completeness).
    #[error("encryption failed")]
    Seal,
    /// The sealed text is not base64 or too short to hold a nonce.
    #[error("sealed record is malformed")]
    Malformed,
    /// The row names a key other than the one configured.
    #[error("sealed record was sealed with key {row} but the configured key is {configured}")]
    OtherKey {
        /// Key id stored with the row.
        row: String,
        /// Key id of the configured key.
        configured: String,
    },
    /// Wrong key, tampering, or a blob moved from another row.
    #[error("sealed record cannot be opened: wrong key, tampered, or moved from another row")]
    Open,
}

/// A 256-bit data key. `Debug` prints its key id, never the key.
#[derive(Clone, PartialEq, Eq)]
pub struct DataKey([u8; 32]);

impl DataKey {
    /// Parses 64 hex characters strictly (surrounding whitespace such as a file's trailing
    /// newline is ignored; signs, `0x` and odd lengths are refused) and refuses an all-zero key.
    ///
    /// ```
    /// use loanlens_server::crypto::DataKey;
    /// assert!(DataKey::from_hex(&"ab".repeat(32)).is_ok());
    /// assert!(DataKey::from_hex(&"+0".repeat(32)).is_err());
    /// assert!(DataKey::from_hex(&"00".repeat(32)).is_err());
    /// ```
    pub fn from_hex(text: &str) -> Result<Self, CryptoError> {
        let mut key = [0u8; 32];
        hex::decode_to_slice(text.trim(), &mut key)?;
        if key == [0u8; 32] {
            return Err(CryptoError::ZeroKey);
        }
        Ok(DataKey(key))
    }

    /// A fresh random key.
    pub fn generate() -> Self {
        DataKey(ChaCha20Poly1305::generate_key(&mut OsRng).into())
    }

    /// The key as 64 lowercase hex characters (for the development key file only).
    pub fn to_hex(&self) -> String {
        hex::encode(self.0)
    }

    /// The key's public fingerprint: 16 hex characters of SHA-256 over a domain label and the
    /// key. Stored in the database and with every sealed row; reveals nothing about the key.
    pub fn id(&self) -> String {
        let digest = Sha256::new().chain_update(b"loanlens data key id v1\0").chain_update(self.0);
        hex::encode(&digest.finalize()[..8])
    }
}

impl DataKey {
    /// The key for keyed lookups ([`LookupKey`]), derived from this key so that one secret is
    /// configured: HMAC-SHA256(data key, a domain label).
    pub fn lookup_key(&self) -> LookupKey {
        // HMAC takes keys of any length: this cannot fail.
        let mut mac =
            <HmacSha256 as Mac>::new_from_slice(&self.0).expect("HMAC accepts a 32-byte key");
        mac.update(b"loanlens id-number lookup v1");
        LookupKey(mac.finalize().into_bytes().into())
    }
}

type HmacSha256 = hmac::Hmac<Sha256>;

/// The key of the ID-number hash (HMAC-SHA256): equal numbers give equal hashes, and without
/// the key a hash cannot be computed or reversed by trying every number (there are few
/// enough that a plain hash would be). `Debug` redacts it.
#[derive(Clone)]
pub struct LookupKey([u8; 32]);

impl LookupKey {
    /// HMAC-SHA256 of `value` under a domain label, as 64 hex characters.
    pub fn hash(&self, domain: &str, value: &str) -> String {
        let mut mac =
            <HmacSha256 as Mac>::new_from_slice(&self.0).expect("HMAC accepts a 32-byte key");
        mac.update(domain.as_bytes());
        mac.update(b"\0");
        mac.update(value.as_bytes());
        hex::encode(mac.finalize().into_bytes())
    }
}

impl std::fmt::Debug for LookupKey {
    fn fmt(&self, f: &mut std::fmt::Formatter<'_>) -> std::fmt::Result {
        f.write_str("LookupKey(redacted)")
    }
}

/// `n` bytes from the operating system's random source.
pub fn random_bytes<const N: usize>() -> [u8; N] {
    use chacha20poly1305::aead::rand_core::RngCore;
    let mut b = [0u8; N];
    OsRng.fill_bytes(&mut b);
    b
}

/// 128 random bits as 22 characters of unpadded base64url (ids and status tokens).
pub fn random_token() -> String {
    base64::engine::general_purpose::URL_SAFE_NO_PAD.encode(random_bytes::<16>())
}

/// A human reference `LL-XXXX-XXXX`: 40 random bits in Crockford base32 (no I, L, O, U).
/// Unique by the store's constraint; a collision is retried by the caller.
pub fn random_reference() -> String {
    const CROCKFORD: &[u8; 32] = b"0123456789ABCDEFGHJKMNPQRSTVWXYZ";
    let b = random_bytes::<5>();
    let n = b.iter().fold(0u64, |acc, &x| (acc << 8) | u64::from(x));
    let c: String =
        (0..8).rev().map(|i| char::from(CROCKFORD[((n >> (5 * i)) & 31) as usize])).collect();
    format!("LL-{}-{}", &c[..4], &c[4..])
}

/// SHA-256 as 64 hex characters.
pub fn sha256_hex(data: &[u8]) -> String {
    hex::encode(Sha256::digest(data))
}

impl std::fmt::Debug for DataKey {
    fn fmt(&self, f: &mut std::fmt::Formatter<'_>) -> std::fmt::Result {
        write!(f, "DataKey(id {}, secret redacted)", self.id())
    }
}

/// Seals and opens records with one key.
pub struct Sealer {
    cipher: ChaCha20Poly1305,
    key_id: String,
}

impl Sealer {
    /// A sealer for `key`.
    pub fn new(key: &DataKey) -> Self {
        Self { cipher: ChaCha20Poly1305::new(Key::from_slice(&key.0)), key_id: key.id() }
    }

    /// The id of the key this sealer uses (stored with each sealed row).
    pub fn key_id(&self) -> &str {
        &self.key_id
    }

    fn aad(record_id: &str, key_id: &str) -> Vec<u8> {
        format!("loanlens applicant v1\0{record_id}\0{key_id}").into_bytes()
    }

    /// Encrypts `plain` for row `record_id` to base64(nonce ‖ ciphertext ‖ tag).
    pub fn seal(&self, record_id: &str, plain: &[u8]) -> Result<String, CryptoError> {
        let nonce = ChaCha20Poly1305::generate_nonce(&mut OsRng);
        let aad = Self::aad(record_id, &self.key_id);
        let sealed = self
            .cipher
            .encrypt(&nonce, Payload { msg: plain, aad: &aad })
            .map_err(|_| CryptoError::Seal)?;
        let mut out = nonce.to_vec();
        out.extend(sealed);
        Ok(B64.encode(out))
    }

    /// Decrypts what [`Sealer::seal`] produced for row `record_id` under key `key_id`; fails
    /// on another key, on tampering, and on a blob that belongs to another row.
    pub fn open(
        &self,
        record_id: &str,
        key_id: &str,
        sealed: &str,
    ) -> Result<Vec<u8>, CryptoError> {
        if key_id != self.key_id {
            return Err(CryptoError::OtherKey {
                row: key_id.to_string(),
                configured: self.key_id.clone(),
            });
        }
        let raw = B64.decode(sealed).map_err(|_| CryptoError::Malformed)?;
        if raw.len() < 12 {
            return Err(CryptoError::Malformed);
        }
        let (nonce, ct) = raw.split_at(12);
        let aad = Self::aad(record_id, key_id);
        self.cipher
            .decrypt(Nonce::from_slice(nonce), Payload { msg: ct, aad: &aad })
            .map_err(|_| CryptoError::Open)
    }
}

impl Sealer {
    /// Opens a blob sealed before rows were bound (no associated data), so [`crate::keys`] can
    /// re-seal it bound to its row. Nothing else may use it.
    pub(crate) fn open_unbound(&self, sealed: &str) -> Result<Vec<u8>, CryptoError> {
        let raw = B64.decode(sealed).map_err(|_| CryptoError::Malformed)?;
        if raw.len() < 12 {
            return Err(CryptoError::Malformed);
        }
        let (nonce, ct) = raw.split_at(12);
        self.cipher.decrypt(Nonce::from_slice(nonce), ct).map_err(|_| CryptoError::Open)
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn sealed_text_hides_the_plaintext_and_opens_only_with_the_key_and_row() {
        let key = DataKey::generate();
        let s = Sealer::new(&key);
        let sealed = s.seal("row-1", "张三 13800138000".as_bytes()).unwrap();
        assert!(!sealed.contains("138"));
        assert_eq!(s.open("row-1", &key.id(), &sealed).unwrap(), "张三 13800138000".as_bytes());
        assert_eq!(s.open("row-2", &key.id(), &sealed), Err(CryptoError::Open));
        let other = Sealer::new(&DataKey::generate());
        assert!(other.open("row-1", other.key_id(), &sealed).is_err());
        assert!(matches!(
            other.open("row-1", &key.id(), &sealed),
            Err(CryptoError::OtherKey { .. })
        ));
    }

    #[test]
    fn hex_keys_are_parsed_strictly() {
        let k = DataKey::generate();
        assert_eq!(DataKey::from_hex(&k.to_hex()), Ok(k.clone()));
        assert_eq!(DataKey::from_hex(&format!("{}\n", k.to_hex())), Ok(k));
        for bad in ["zz", "", &"+0".repeat(32), &"-1".repeat(32), &"a".repeat(63), &"a".repeat(66)]
        {
            assert!(DataKey::from_hex(bad).is_err(), "{bad:?}");
        }
        assert_eq!(DataKey::from_hex(&"0".repeat(64)), Err(CryptoError::ZeroKey));
    }

    #[test]
    fn lookup_hashes_are_keyed_and_tokens_random() {
        let (a, b) = (DataKey::generate(), DataKey::generate());
        let h = a.lookup_key().hash("id", "11010519491231002X");
        assert_eq!(h, a.lookup_key().hash("id", "11010519491231002X"));
        assert_ne!(h, b.lookup_key().hash("id", "11010519491231002X"));
        assert_ne!(h, sha256_hex(b"11010519491231002X"));
        assert_eq!(random_token().len(), 22);
        assert_ne!(random_token(), random_token());
        let r = random_reference();
        assert!(r.len() == 12 && r.starts_with("LL-") && r.as_bytes()[7] == b'-', "{r}");
        assert!(!r[3..].contains(['I', 'L', 'O', 'U']), "{r}");
    }

    #[test]
    fn debug_never_prints_the_key() {
        let k = DataKey::generate();
        let shown = format!("{k:?}");
        assert!(!shown.contains(&k.to_hex()) && !shown.contains(&k.to_hex()[..8]), "{shown}");
        assert!(shown.contains(&k.id()));
    }
}
