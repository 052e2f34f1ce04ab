//! The application form's four fields: their ids, the JSON paths the server names, and which
//! translated message a typed value gets. The rules themselves are the core's
//! (`normalize_phone`/`is_cn_mobile`, `NAME`, `CITY`, `check_id_number`); nothing here
//! restates a limit.

use loanlens_core::application::{
    check_id_number, id_check_char, is_cn_mobile, normalize_id_number, normalize_phone, CITY, NAME,
};
use loanlens_core::dates::Date;

/// One field of the form.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub enum Field {
    Name,
    Phone,
    IdNumber,
    City,
}

/// The fields, in the order shown.
pub const FIELDS: [Field; 4] = [Field::Name, Field::Phone, Field::IdNumber, Field::City];

impl Field {
    /// The `data-test` hook and the element id.
    pub fn id(self) -> &'static str {
        match self {
            Field::Name => "name",
            Field::Phone => "phone",
            Field::IdNumber => "id-number",
            Field::City => "city",
        }
    }

    /// The JSON path the server names in its errors.
    pub fn json(self) -> &'static str {
        match self {
            Field::Name => "applicant.name",
            Field::Phone => "applicant.phone",
            Field::IdNumber => "applicant.id_number",
            Field::City => "applicant.city",
        }
    }

    /// The position in [`FIELDS`].
    pub fn index(self) -> usize {
        FIELDS.iter().position(|f| *f == self).unwrap_or(0)
    }
}

/// Why a field is not accepted (shown inline, naming the field).
#[derive(Debug, Clone, PartialEq, Eq)]
pub enum FieldError {
    /// Blank.
    Required,
    /// Not the core's `NAME` rule (with its most characters).
    Name(usize),
    /// Not a mainland mobile after normalising.
    Phone,
    /// Not 17 digits and a digit or X (or a region starting 0).
    IdShape,
    /// The GB 11643 check character is wrong.
    IdChecksum,
    /// No real birth date (or one in the future).
    IdDate,
    /// The birth date disagrees with the stated age (that age).
    IdAge(u32),
    /// Not the core's `CITY` rule (with its most characters).
    City(usize),
    /// The server refused it (its rule; the page's own check passed).
    Server,
}

/// Checks one field as typed. `age` is the profile's age (the ID number must agree with it),
/// `today` the browser's date (the core allows one year either side; without one the date
/// checks are left to the server).
pub fn check(field: Field, raw: &str, age: Option<u32>, today: Option<Date>) -> Option<FieldError> {
    let v = raw.trim();
    if v.is_empty() {
        return Some(FieldError::Required);
    }
    match field {
        Field::Name => (!NAME.accepts(v)).then_some(FieldError::Name(NAME.max_chars)),
        Field::City => (!CITY.accepts(v)).then_some(FieldError::City(CITY.max_chars)),
        Field::Phone => (!is_cn_mobile(&normalize_phone(v))).then_some(FieldError::Phone),
        Field::IdNumber => check_id(&normalize_id_number(v), age, today),
    }
}

/// Which message an ID number gets. The core's `check_id_number` decides; the shape, check
/// character and date are looked at only to say which rule failed.
fn check_id(id: &str, age: Option<u32>, today: Option<Date>) -> Option<FieldError> {
    let b = id.as_bytes();
    let shape = b.len() == 18
        && b[0] != b'0'
        && b[..17].iter().all(u8::is_ascii_digit)
        && (b[17].is_ascii_digit() || b[17] == b'X');
    if !shape {
        return Some(FieldError::IdShape);
    }
    if id_check_char(&id[..17]) != Some(char::from(b[17])) {
        return Some(FieldError::IdChecksum);
    }
    let born = Date::parse(&format!("{}-{}-{}", &id[6..10], &id[10..12], &id[12..14]));
    let today = today?;
    if !born.is_ok_and(|d| d <= today) {
        return Some(FieldError::IdDate);
    }
    // Without an age there is nothing to compare with (the hand-off always has one).
    let age = age?;
    check_id_number(id, age, today).err().map(|_| FieldError::IdAge(age))
}
