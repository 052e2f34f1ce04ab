//! Sealing personal data at rest with ChaCha20-Poly1305 (a fresh random nonce per record).

use base64::engine::general_purpose::STANDARD as B64;
use base64::Engine;
use chacha20poly1305::aead::{Aead, AeadCore, KeyInit, OsRng};
use chacha20poly1305::{ChaCha20Poly1305, Key, Nonce};

/// Seals and opens records with one 256-bit key.
pub struct Sealer {
    cipher: ChaCha20Poly1305,
}

impl Sealer {
    /// A sealer for a 32-byte key.
    pub fn new(key: [u8; 32]) -> Self {
        Self { cipher: ChaCha20Poly1305::new(Key::from_slice(&key)) }
    }

    /// A fresh random key.
    pub fn generate_key() -> [u8; 32] {
        ChaCha20Poly1305::generate_key(&mut OsRng).into()
    }

    /// Encrypts `plain` to base64(nonce ‖ ciphertext ‖ tag).
    pub fn seal(&self, plain: &[u8]) -> Result<String, String> {
        let nonce = ChaCha20Poly1305::generate_nonce(&mut OsRng);
        let mut out = nonce.to_vec();
        out.extend(self.cipher.encrypt(&nonce, plain).map_err(|_| "encryption failed")?);
        Ok(B64.encode(out))
    }

    /// Decrypts what [`Sealer::seal`] produced; fails on a wrong key or tampering.
    pub fn open(&self, sealed: &str) -> Result<Vec<u8>, String> {
        let raw = B64.decode(sealed).map_err(|_| "sealed record is not base64")?;
        if raw.len() < 12 {
            return Err("sealed record too short".into());
        }
        let (nonce, ct) = raw.split_at(12);
        self.cipher
            .decrypt(Nonce::from_slice(nonce), ct)
            .map_err(|_| "sealed record cannot be opened with this key".into())
    }
}

/// Parses a 64-character hex key.
pub fn parse_hex_key(hex: &str) -> Option<[u8; 32]> {
    let hex = hex.trim();
    if hex.len() != 64 {
        return None;
    }
    let mut key = [0u8; 32];
    for (i, byte) in key.iter_mut().enumerate() {
        *byte = u8::from_str_radix(hex.get(2 * i..2 * i + 2)?, 16).ok()?;
    }
    Some(key)
}

/// Formats a key as 64 hex characters.
pub fn to_hex(key: &[u8; 32]) -> String {
    key.iter().map(|b| format!("{b:02x}")).collect()
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn sealed_text_hides_the_plaintext_and_opens_only_with_the_key() {
        let s = Sealer::new(Sealer::generate_key());
        let sealed = s.seal("张三 13800138000".as_bytes()).unwrap();
        assert!(!sealed.contains("138"));
        assert_eq!(s.open(&sealed).unwrap(), "张三 13800138000".as_bytes());
        let other = Sealer::new(Sealer::generate_key());
        assert!(other.open(&sealed).is_err());
    }

    #[test]
    fn hex_keys_round_trip() {
        let k = Sealer::generate_key();
        assert_eq!(parse_hex_key(&to_hex(&k)), Some(k));
        assert_eq!(parse_hex_key("zz"), None);
    }
}
