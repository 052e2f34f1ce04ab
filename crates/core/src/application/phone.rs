//! Mainland China mobile numbers: how people write them, the one canonical form (11 digits)
//! and the mask used in logs.

/// The canonical form of a mobile number as people type it: spaces, dashes and dots removed,
/// then a `+86`, `0086` or `86` country prefix in front of 11 digits dropped. Anything else is
/// returned as it is (still with its separators removed), for [`is_cn_mobile`] to refuse.
///
/// ```
/// use loanlens_core::application::normalize_phone;
/// assert_eq!(normalize_phone("138 0013 8000"), "13800138000");
/// assert_eq!(normalize_phone("+86 138-0013-8000"), "13800138000");
/// assert_eq!(normalize_phone("8613800138000"), "13800138000");
/// assert_eq!(normalize_phone("0086 13800138000"), "13800138000");
/// assert_eq!(normalize_phone("12345"), "12345");
/// ```
pub fn normalize_phone(raw: &str) -> String {
    let digits: String =
        raw.trim().chars().filter(|c| !matches!(c, ' ' | '-' | '.' | '\u{3000}')).collect();
    for prefix in ["+86", "0086", "86"] {
        if let Some(rest) = digits.strip_prefix(prefix) {
            if rest.len() == 11 && rest.starts_with('1') {
                return rest.to_string();
            }
        }
    }
    digits
}

/// Whether `s` is an 11-digit mainland mobile number (1[3-9]xxxxxxxxx), in the form
/// [`normalize_phone`] gives.
///
/// ```
/// assert!(loanlens_core::application::is_cn_mobile("13800138000"));
/// assert!(!loanlens_core::application::is_cn_mobile("12800138000"));
/// ```
pub fn is_cn_mobile(s: &str) -> bool {
    let b = s.as_bytes();
    b.len() == 11
        && b.iter().all(u8::is_ascii_digit)
        && b[0] == b'1'
        && (b'3'..=b'9').contains(&b[1])
}

/// Masks a phone number for logs: `138****8000`.
///
/// ```
/// assert_eq!(loanlens_core::application::mask_phone("13800138000"), "138****8000");
/// assert_eq!(loanlens_core::application::mask_phone("12"), "****");
/// ```
pub fn mask_phone(phone: &str) -> String {
    let chars: Vec<char> = phone.chars().collect();
    if chars.len() < 7 {
        return "****".into();
    }
    let head: String = chars[..3].iter().collect();
    let tail: String = chars[chars.len() - 4..].iter().collect();
    super::log_escape(&format!("{head}****{tail}"))
}
