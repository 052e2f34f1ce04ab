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
#[cfg_attr(feature = "schema", derive(schemars::JsonSchema))]
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
#[cfg_attr(feature = "schema", derive(schemars::JsonSchema))]
#[serde(deny_unknown_fields)]
pub struct Applicant {
    /// Full name: the [`NAME`] rule after trim and NFC.
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
#[cfg_attr(feature = "schema", derive(schemars::JsonSchema))]
#[serde(deny_unknown_fields)]
pub struct ApplicationCreated {
    /// The new application's id.
    pub id: String,
    /// The first monthly payment as the server recomputed it.
    #[serde(with = "crate::schema::dec_str")]
    #[cfg_attr(feature = "schema", schemars(with = "crate::schema::DecStr"))]
    pub first_payment: rust_decimal::Decimal,
    /// The nominal APR as the server recomputed it.
    #[serde(with = "crate::schema::dec_str")]
    #[cfg_attr(feature = "schema", schemars(with = "crate::schema::DecStr"))]
    pub apr_nominal: rust_decimal::Decimal,
}

impl ApplicationRequest {
    /// The request with every free-text field in its canonical form: trimmed, then passed
    /// through `nfc` (Unicode NFC; the server uses `unicode-normalization`, the browser JS
    /// `String.normalize`). The core holds no Unicode tables, so the caller brings NFC. Validate
    /// and store what this returns, so what was checked is what is kept.
    ///
    /// ```
    /// use loanlens_core::application::{Applicant, ApplicationRequest};
    /// use loanlens_core::schema::{Method, ScheduleRequest};
    /// let req = ApplicationRequest {
    ///     loan: ScheduleRequest::new(1000.into(), 0.into(), 12, Method::Bullet),
    ///     applicant: Applicant { name: "  张三 ".into(), phone: " 13800138000".into() },
    ///     consent: true,
    /// };
    /// let clean = req.normalized(|s| s.to_string());
    /// assert_eq!(clean.applicant.name, "张三");
    /// assert_eq!(clean.applicant.phone, "13800138000");
    /// ```
    pub fn normalized(mut self, nfc: impl Fn(&str) -> String) -> Self {
        self.applicant.name = nfc(self.applicant.name.trim());
        self.applicant.phone = nfc(self.applicant.phone.trim());
        self
    }

    /// Checks consent and the applicant's fields (the loan is checked by [`crate::schedule()`]).
    /// Call it on [`ApplicationRequest::normalized`]'s result.
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
        NAME.check(&self.applicant.name)?;
        if !is_cn_mobile(&self.applicant.phone) {
            return Err(InputError::new(
                "applicant.phone",
                "must be an 11-digit mainland China mobile number starting 13 to 19",
            ));
        }
        Ok(())
    }
}

/// The rule for one free-text field (a name today; ID number, city and the like reuse it):
/// a length bound in characters and in UTF-8 bytes, and no character that is invisible or
/// changes how the text around it reads (see [`is_hidden_char`]). The value is checked as
/// given: trim and NFC first ([`ApplicationRequest::normalized`]).
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub struct TextRule {
    /// The JSON path named in errors.
    pub field: &'static str,
    /// Most characters (Unicode scalar values) allowed; at least one is required.
    pub max_chars: usize,
    /// Most UTF-8 bytes allowed.
    pub max_bytes: usize,
}

/// `applicant.name`: 1 to 50 characters, at most 200 bytes.
pub const NAME: TextRule = TextRule { field: "applicant.name", max_chars: 50, max_bytes: 200 };

impl TextRule {
    /// Checks a normalised value, naming the field and the rule (never the value) on failure.
    ///
    /// ```
    /// use loanlens_core::application::NAME;
    /// assert!(NAME.check("张三").is_ok());
    /// assert_eq!(NAME.check("张\u{202E}三").unwrap_err().field, "applicant.name");
    /// assert!(NAME.check(" 张三").is_err()); // not trimmed: normalise first
    /// ```
    pub fn check(&self, value: &str) -> Result<(), InputError> {
        if self.accepts(value) {
            return Ok(());
        }
        let chars = value.chars().count();
        let message = if chars == 0 || chars > self.max_chars || value.len() > self.max_bytes {
            format!(
                "must be 1 to {} characters (at most {} bytes of UTF-8)",
                self.max_chars, self.max_bytes
            )
        } else if value.trim() != value {
            "must not start or end with spaces".to_string()
        } else {
            "must not contain control, format (invisible or direction-changing), line-separator \
             or private-use characters"
                .to_string()
        };
        Err(InputError::new(self.field, message))
    }

    /// Whether [`TextRule::check`] passes, without building a message (the browser form needs
    /// only this, and every byte of the bundle counts).
    pub fn accepts(&self, value: &str) -> bool {
        let chars = value.chars().count();
        (1..=self.max_chars).contains(&chars)
            && value.len() <= self.max_bytes
            && value.trim() == value
            && !value.chars().any(is_hidden_char)
    }
}

/// Whether `name` is acceptable once trimmed: the [`NAME`] rule. The browser form and the
/// server apply this same rule (the server after NFC as well).
///
/// ```
/// use loanlens_core::application::is_valid_name;
/// assert!(is_valid_name(" 张三 "));
/// assert!(!is_valid_name("  "));
/// assert!(!is_valid_name("a\u{0}b"));
/// assert!(!is_valid_name("\u{200B}"));
/// assert!(!is_valid_name(&"x".repeat(51)));
/// ```
pub fn is_valid_name(name: &str) -> bool {
    NAME.accepts(name.trim())
}

/// Unicode general category Cf (format characters: invisible, joiners, bidirectional
/// controls, tags), complete as of Unicode 16.0 (checked against Python's `unicodedata` 14.0,
/// plus U+13439..1343F added in 15.0). A small list instead of a Unicode table, so the browser
/// bundle stays small.
pub const FORMAT_CHARS: &[(char, char)] = &[
    ('\u{00AD}', '\u{00AD}'),
    ('\u{0600}', '\u{0605}'),
    ('\u{061C}', '\u{061C}'),
    ('\u{06DD}', '\u{06DD}'),
    ('\u{070F}', '\u{070F}'),
    ('\u{0890}', '\u{0891}'),
    ('\u{08E2}', '\u{08E2}'),
    ('\u{180E}', '\u{180E}'),
    ('\u{200B}', '\u{200F}'),
    ('\u{202A}', '\u{202E}'),
    ('\u{2060}', '\u{2064}'),
    ('\u{2066}', '\u{206F}'),
    ('\u{FEFF}', '\u{FEFF}'),
    ('\u{FFF9}', '\u{FFFB}'),
    ('\u{110BD}', '\u{110BD}'),
    ('\u{110CD}', '\u{110CD}'),
    ('\u{13430}', '\u{1343F}'),
    ('\u{1BCA0}', '\u{1BCA3}'),
    ('\u{1D173}', '\u{1D17A}'),
    ('\u{E0001}', '\u{E0001}'),
    ('\u{E0020}', '\u{E007F}'),
];

/// Whether `c` has no place in free text: a control character (Cc), a format character (Cf,
/// [`FORMAT_CHARS`]), the line or paragraph separator (U+2028, U+2029), or private use (Co).
///
/// ```
/// use loanlens_core::application::is_hidden_char;
/// assert!(is_hidden_char('\n') && is_hidden_char('\u{202E}') && is_hidden_char('\u{2028}'));
/// assert!(!is_hidden_char('张') && !is_hidden_char(' ') && !is_hidden_char('·'));
/// ```
pub fn is_hidden_char(c: char) -> bool {
    c.is_control()
        || matches!(c, '\u{2028}' | '\u{2029}')
        || matches!(c, '\u{E000}'..='\u{F8FF}' | '\u{F0000}'..='\u{10FFFF}')
        || FORMAT_CHARS.iter().any(|&(lo, hi)| (lo..=hi).contains(&c))
}

/// `s` with every [`is_hidden_char`] written as a `\u{…}` escape, so a log line stays one line
/// and reads left to right whatever a client sent.
///
/// ```
/// assert_eq!(loanlens_core::application::log_escape("a\nb\u{202E}"), "a\\u{a}b\\u{202e}");
/// ```
pub fn log_escape(s: &str) -> String {
    let mut out = String::with_capacity(s.len());
    for c in s.chars() {
        if is_hidden_char(c) {
            out.push_str(&format!("\\u{{{:x}}}", c as u32));
        } else {
            out.push(c);
        }
    }
    out
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
    log_escape(&format!("{head}****{tail}"))
}

/// Masks a name for logs: the first character and `*` for the rest (`张*`, `J***`), the first
/// character escaped when it is not printable ([`log_escape`]). Log the normalised name.
///
/// ```
/// assert_eq!(loanlens_core::application::mask_name("张三"), "张*");
/// assert_eq!(loanlens_core::application::mask_name("\n张三"), "\\u{a}**");
/// assert_eq!(loanlens_core::application::mask_name(""), "");
/// ```
pub fn mask_name(name: &str) -> String {
    let mut chars = name.chars();
    match chars.next() {
        Some(first) => log_escape(&first.to_string()) + &"*".repeat(chars.count()),
        None => String::new(),
    }
}
