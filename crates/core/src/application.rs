//! The loan application a borrower submits after consenting: the loan (the same
//! [`ScheduleRequest`] the calculator uses) plus the applicant's contact data.
//!
//! Validation lives here so the browser and the server apply the same rules; the server still
//! re-validates and recomputes everything itself.

use crate::error::InputError;
use crate::schema::ScheduleRequest;
use serde::{Deserialize, Serialize};

/// `POST /api/v1/applications` body.
#[derive(Debug, Clone, PartialEq, Serialize, Deserialize)]
#[serde(deny_unknown_fields)]
pub struct ApplicationRequest {
    /// The loan applied for.
    pub loan: ScheduleRequest,
    /// Personal data: stays in the browser until the person consents and submits.
    pub applicant: Applicant,
    /// Must be `true`: the person agreed that this data may be sent and stored.
    pub consent: bool,
}

/// Who applies.
#[derive(Clone, PartialEq, Serialize, Deserialize)]
#[serde(deny_unknown_fields)]
pub struct Applicant {
    /// Full name, 1 to 50 characters.
    pub name: String,
    /// Mainland China mobile number, 11 digits starting 13–19.
    pub phone: String,
}

/// Debug never prints personal data.
impl std::fmt::Debug for Applicant {
    fn fmt(&self, f: &mut std::fmt::Formatter<'_>) -> std::fmt::Result {
        f.debug_struct("Applicant")
            .field("name", &mask_name(&self.name))
            .field("phone", &mask_phone(&self.phone))
            .finish()
    }
}

/// `201 Created` body.
#[derive(Debug, Clone, PartialEq, Serialize, Deserialize)]
#[serde(deny_unknown_fields)]
pub struct ApplicationCreated {
    /// The new application's id.
    pub id: String,
    /// The first monthly payment as the server recomputed it.
    #[serde(with = "crate::schema::dec_str")]
    pub first_payment: rust_decimal::Decimal,
    /// The nominal APR as the server recomputed it.
    #[serde(with = "crate::schema::dec_str")]
    pub apr_nominal: rust_decimal::Decimal,
}

impl ApplicationRequest {
    /// Checks consent and the applicant's fields (the loan is checked by [`crate::schedule`]).
    ///
    /// ```
    /// use loanlens_core::application::{Applicant, ApplicationRequest};
    /// use loanlens_core::schema::{Method, ScheduleRequest};
    /// let req = ApplicationRequest {
    ///     loan: ScheduleRequest::new(1000.into(), 0.into(), 12, Method::Bullet),
    ///     applicant: Applicant { name: "张三".into(), phone: "12345".into() },
    ///     consent: true,
    /// };
    /// assert_eq!(req.validate_applicant().unwrap_err().field, "applicant.phone");
    /// ```
    pub fn validate_applicant(&self) -> Result<(), InputError> {
        if !self.consent {
            return Err(InputError::new(
                "consent",
                "must be true: the applicant has to agree before personal data is sent",
            ));
        }
        if !is_valid_name(&self.applicant.name) {
            return Err(InputError::new(
                "applicant.name",
                "must be 1 to 50 characters with no control characters",
            ));
        }
        if !is_cn_mobile(&self.applicant.phone) {
            return Err(InputError::new(
                "applicant.phone",
                "must be an 11-digit mainland China mobile number starting 13 to 19",
            ));
        }
        Ok(())
    }
}

/// Whether `name` is acceptable: 1 to 50 characters once trimmed, no control characters. The
/// browser form and the server apply this same rule.
///
/// ```
/// use loanlens_core::application::is_valid_name;
/// assert!(is_valid_name(" 张三 "));
/// assert!(!is_valid_name("  "));
/// assert!(!is_valid_name("a\u{0}b"));
/// assert!(!is_valid_name(&"x".repeat(51)));
/// ```
pub fn is_valid_name(name: &str) -> bool {
    let name = name.trim();
    let len = name.chars().count();
    (1..=50).contains(&len) && !name.chars().any(char::is_control)
}

/// Whether `s` is an 11-digit mainland mobile number (1[3-9]xxxxxxxxx).
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
    format!("{head}****{tail}")
}

/// Masks a name for logs: the first character and `*` for the rest (`张*`, `J***`).
///
/// ```
/// assert_eq!(loanlens_core::application::mask_name("张三"), "张*");
/// assert_eq!(loanlens_core::application::mask_name(""), "");
/// ```
pub fn mask_name(name: &str) -> String {
    let mut chars = name.chars();
    match chars.next() {
        Some(first) => std::iter::once(first).chain(chars.map(|_| '*')).collect(),
        None => String::new(),
    }
}
