//! Free text from applicants: [`TextRule`] (length and the characters that have no place in
//! it), and the escaping and masking used before any of it reaches a log line.

use crate::error::InputError;

/// The rule for one free-text field (a name today; ID number, city and the like reuse it):
/// a length bound in characters and in UTF-8 bytes, and no character that is invisible or
/// changes how the text around it reads (see [`is_hidden_char`]). The value is checked as
/// given: trim and NFC first ([`super::ApplicationRequest::normalized`]).
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

/// `applicant.city`: 1 to 30 characters, at most 120 bytes.
///
/// ```
/// use loanlens_core::application::CITY;
/// assert!(CITY.check("上海").is_ok());
/// assert_eq!(CITY.check(&"市".repeat(31)).unwrap_err().field, "applicant.city");
/// ```
pub const CITY: TextRule = TextRule { field: "applicant.city", max_chars: 30, max_bytes: 120 };

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
