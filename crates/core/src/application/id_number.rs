//! Resident identity card numbers (公民身份号码, GB 11643-1999): 6 digits of region, the birth
//! date as `YYYYMMDD`, 3 digits of sequence and a check character (ISO 7064 MOD 11-2, `0`–`9`
//! or `X`).
//!
//! Everything here is pure: the date "today" is a parameter, so the age check is testable and
//! gives the same answer in the browser and on the server. Errors name `applicant.id_number`
//! and the rule, never the number.

use crate::dates::Date;
use crate::error::InputError;

/// The JSON path every error of this module names.
pub const FIELD: &str = "applicant.id_number";

/// The weights of the first 17 characters: 2^(17−i) mod 11.
const WEIGHTS: [u32; 17] = [7, 9, 10, 5, 8, 4, 2, 1, 6, 3, 7, 9, 10, 5, 8, 4, 2];

/// The check character for each weighted sum mod 11.
const CHECK: &[u8; 11] = b"10X98765432";

/// The canonical form: surrounding whitespace removed and a lowercase `x` made `X`.
///
/// ```
/// use loanlens_core::application::normalize_id_number;
/// assert_eq!(normalize_id_number(" 11010519491231002x "), "11010519491231002X");
/// ```
pub fn normalize_id_number(raw: &str) -> String {
    raw.trim().to_ascii_uppercase()
}

/// The check character for the first 17 digits of a number (`None` unless they are 17 ASCII
/// digits).
///
/// ```
/// use loanlens_core::application::id_check_char;
/// assert_eq!(id_check_char("11010519491231002"), Some('X'));
/// ```
pub fn id_check_char(first17: &str) -> Option<char> {
    let b = first17.as_bytes();
    if b.len() != 17 || !b.iter().all(u8::is_ascii_digit) {
        return None;
    }
    let sum: u32 = b.iter().zip(WEIGHTS).map(|(c, w)| u32::from(c - b'0') * w).sum();
    Some(char::from(CHECK[(sum % 11) as usize]))
}

/// The birth date written in a well-formed number, or why there is none.
fn birth_date(id: &str) -> Result<Date, InputError> {
    let b = id.as_bytes();
    let shape = b.len() == 18
        && b[..17].iter().all(u8::is_ascii_digit)
        && (b[17].is_ascii_digit() || b[17] == b'X');
    if !shape {
        return Err(InputError::new(FIELD, "must be 18 characters: 17 digits and a digit or X"));
    }
    if b[0] == b'0' {
        return Err(InputError::new(FIELD, "must start with a region code (1 to 9)"));
    }
    if id_check_char(&id[..17]) != Some(char::from(b[17])) {
        return Err(InputError::new(
            FIELD,
            "has a wrong check character (GB 11643 checksum): please check every digit",
        ));
    }
    let text = format!("{}-{}-{}", &id[6..10], &id[10..12], &id[12..14]);
    Date::parse(&text).map_err(|_| {
        InputError::new(FIELD, "must contain a real birth date (characters 7 to 14, YYYYMMDD)")
    })
}

/// Whole years from `born` to `today` (the birthday counts on its day; 29 February birthdays
/// count on 1 March in common years). Negative when `born` is after `today`.
///
/// ```
/// use loanlens_core::application::age_on;
/// use loanlens_core::dates::Date;
/// let born = Date::parse("1990-06-15").unwrap();
/// assert_eq!(age_on(born, Date::parse("2026-06-14").unwrap()), 35);
/// assert_eq!(age_on(born, Date::parse("2026-06-15").unwrap()), 36);
/// ```
pub fn age_on(born: Date, today: Date) -> i64 {
    let years = i64::from(today.year()) - i64::from(born.year());
    let before_birthday = (today.month(), today.day()) < (born.month(), born.day());
    years - i64::from(before_birthday)
}

/// Checks a normalised number ([`normalize_id_number`]): the shape, the region's first digit,
/// the GB 11643 check character, a real birth date not after `today`, and the age it gives at
/// `today` against the stated age (`stated_age`: equal or one year either side, since the
/// person may count years differently around a birthday). Returns the birth date.
///
/// ```
/// use loanlens_core::application::check_id_number;
/// use loanlens_core::dates::Date;
/// let today = Date::parse("2026-11-29").unwrap();
/// assert!(check_id_number("11010519491231002X", 76, today).is_ok());
/// assert!(check_id_number("11010519491231002X", 35, today).is_err());
/// assert_eq!(check_id_number("110105194912310021", 76, today).unwrap_err().field, "applicant.id_number");
/// ```
pub fn check_id_number(id: &str, stated_age: u32, today: Date) -> Result<Date, InputError> {
    let born = birth_date(id)?;
    if born > today {
        return Err(InputError::new(FIELD, "must contain a birth date that is not in the future"));
    }
    let age = age_on(born, today);
    if (age - i64::from(stated_age)).abs() > 1 {
        return Err(InputError::new(
            FIELD,
            "must agree with the age given in the profile (the birth date it contains gives an \
             age more than one year away from profile.age)",
        ));
    }
    Ok(born)
}

/// Masks an ID number for logs: the first 3 and last 2 characters (`110*************2X`).
///
/// ```
/// assert_eq!(loanlens_core::application::mask_id_number("11010519491231002X"), "110*************2X");
/// assert_eq!(loanlens_core::application::mask_id_number("1234"), "****");
/// ```
pub fn mask_id_number(id: &str) -> String {
    let chars: Vec<char> = id.chars().collect();
    if chars.len() < 10 {
        return "****".into();
    }
    let head: String = chars[..3].iter().collect();
    let tail: String = chars[chars.len() - 2..].iter().collect();
    super::log_escape(&format!("{head}{}{tail}", "*".repeat(chars.len() - 5)))
}
