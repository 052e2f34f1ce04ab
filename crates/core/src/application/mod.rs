//! A qualified loan application (issue 9): the pre-check profile with the loan, the scorecard
//! version the browser scored with, the applicant, two versioned consents, an optional partner,
//! and (recorded, never used) what the page showed.
//!
//! Validation lives here so the browser and the server apply the same rules; the server still
//! re-validates and re-scores everything itself (`scorecard::evaluate` with its own card).
//!
//! Invariants: the core is pure (the date "today" is a parameter); an error names the field and
//! the rule, never the submitted value; `Debug` of an [`Applicant`] masks every field.
//!
//! ```
//! use loanlens_core::application::ApplicationRequest;
//! use loanlens_core::dates::Date;
//! let req: ApplicationRequest = loanlens_core::schema::from_json(r#"{
//!   "scorecard_version": "2026-11",
//!   "profile": {"age": 35, "monthly_income": "15000.00",
//!               "loan": {"principal": "50000.00", "term_months": 24}},
//!   "applicant": {"name": " 张三 ", "phone": "+86 138-0013-8000",
//!                 "id_number": "110105199103070030", "city": "上海"},
//!   "consents": {"personal_information": {"version": "pi-2026-11", "accepted": true},
//!                "credit_inquiry": {"version": "ci-2026-11", "accepted": true}}
//! }"#).unwrap();
//! let req = req.normalized(|s| s.to_string());
//! assert_eq!(req.applicant.phone, "13800138000");
//! assert_eq!(req.applicant.id_number, "110105199103070030");
//! let today = Date::parse("2026-11-29").unwrap();
//! assert!(req.validate(today).is_ok());
//! ```

mod consent;
mod id_number;
mod phone;
mod response;
mod text;

pub use consent::{Consent, ConsentKind, CONSENTS};
pub use id_number::{age_on, check_id_number, id_check_char, mask_id_number, normalize_id_number};
pub use phone::{is_cn_mobile, mask_phone, normalize_phone};
pub use response::{ApplicationCreated, ApplicationStatusView, Status};
pub use text::{
    is_hidden_char, is_valid_name, log_escape, mask_name, TextRule, CITY, FORMAT_CHARS, NAME,
};

use crate::dates::Date;
use crate::error::InputError;
use crate::schema::opt_dec_str;
use crate::scorecard::{Decision, Profile};
use rust_decimal::Decimal;
use serde::{Deserialize, Serialize};

/// `POST /api/v1/applications` body.
#[derive(Debug, Clone, PartialEq, Serialize, Deserialize)]
#[cfg_attr(feature = "schema", derive(schemars::JsonSchema))]
#[serde(deny_unknown_fields)]
pub struct ApplicationRequest {
    /// The `version` of the scorecard the browser scored with (`GET /api/v1/scorecard`).
    pub scorecard_version: String,
    /// The pre-check answers; `age` and `loan` are required for an application.
    pub profile: Profile,
    /// Personal data.
    pub applicant: Applicant,
    /// Both consents, each with the version the person accepted (a missing one is refused
    /// naming it, like one not accepted).
    #[serde(default)]
    pub consents: Consents,
    /// Partner attribution: 1 to 32 of `[a-z0-9-]`.
    #[serde(default, skip_serializing_if = "Option::is_none")]
    pub partner: Option<String>,
    /// What the page showed; stored for the record, never used for the decision.
    #[serde(default, skip_serializing_if = "Option::is_none")]
    pub client_result: Option<ClientResult>,
}

/// Who applies.
#[derive(Clone, PartialEq, Serialize, Deserialize)]
#[cfg_attr(feature = "schema", derive(schemars::JsonSchema))]
#[serde(deny_unknown_fields)]
pub struct Applicant {
    /// Full name: the [`NAME`] rule after trim and NFC.
    pub name: String,
    /// Mainland China mobile number; stored as 11 digits ([`normalize_phone`]).
    pub phone: String,
    /// Resident ID number, 18 characters (GB 11643; [`check_id_number`]).
    pub id_number: String,
    /// City of residence: the [`CITY`] rule after trim and NFC.
    pub city: String,
}

/// Debug never prints personal data.
impl std::fmt::Debug for Applicant {
    fn fmt(&self, f: &mut std::fmt::Formatter<'_>) -> std::fmt::Result {
        f.debug_struct("Applicant")
            .field("name", &mask_name(&self.name))
            .field("phone", &mask_phone(&self.phone))
            .field("id_number", &mask_id_number(&self.id_number))
            .field("city", &mask_name(&self.city))
            .finish()
    }
}

/// The consents of one application.
#[derive(Debug, Clone, Default, PartialEq, Eq, Serialize, Deserialize)]
#[cfg_attr(feature = "schema", derive(schemars::JsonSchema))]
#[serde(deny_unknown_fields)]
pub struct Consents {
    /// [`ConsentKind::PersonalInformation`].
    #[serde(default, skip_serializing_if = "Option::is_none")]
    pub personal_information: Option<ConsentGiven>,
    /// [`ConsentKind::CreditInquiry`].
    #[serde(default, skip_serializing_if = "Option::is_none")]
    pub credit_inquiry: Option<ConsentGiven>,
}

/// One consent as the person gave it.
#[derive(Debug, Clone, PartialEq, Eq, Serialize, Deserialize)]
#[cfg_attr(feature = "schema", derive(schemars::JsonSchema))]
#[serde(deny_unknown_fields)]
pub struct ConsentGiven {
    /// The version of the text shown (must be the current one in [`CONSENTS`]).
    pub version: String,
    /// Must be `true`.
    pub accepted: bool,
}

/// What the page showed the person (recorded only).
#[derive(Debug, Clone, PartialEq, Eq, Serialize, Deserialize)]
#[cfg_attr(feature = "schema", derive(schemars::JsonSchema))]
#[serde(deny_unknown_fields)]
pub struct ClientResult {
    /// The score shown.
    #[serde(default, with = "opt_dec_str", skip_serializing_if = "Option::is_none")]
    #[cfg_attr(feature = "schema", schemars(with = "crate::schema::DecStr"))]
    pub score: Option<Decimal>,
    /// The decision shown.
    #[serde(default, skip_serializing_if = "Option::is_none")]
    pub decision: Option<Decision>,
}

/// `scorecard_version`: 1 to 64 characters.
const CARD_VERSION: TextRule =
    TextRule { field: "scorecard_version", max_chars: 64, max_bytes: 256 };

impl ApplicationRequest {
    /// The request in its canonical form: name and city trimmed then passed through `nfc`
    /// (Unicode NFC, brought by the caller: the core holds no Unicode tables), the phone
    /// through [`normalize_phone`], the ID number through [`normalize_id_number`]. Validate
    /// and store what this returns, so what was checked is what is kept.
    pub fn normalized(mut self, nfc: impl Fn(&str) -> String) -> Self {
        let a = &mut self.applicant;
        a.name = nfc(a.name.trim());
        a.city = nfc(a.city.trim());
        a.phone = normalize_phone(&a.phone);
        a.id_number = normalize_id_number(&a.id_number);
        self
    }

    /// Checks everything but the score: the card version's shape, the profile (with `age` and
    /// `loan` required), the applicant (the ID number against `profile.age` at `today`), both
    /// consents at their current versions, and the partner id. Call it on
    /// [`ApplicationRequest::normalized`]'s result. The loan's own ranges are checked when the
    /// scorecard prices it.
    pub fn validate(&self, today: Date) -> Result<(), InputError> {
        CARD_VERSION.check(&self.scorecard_version)?;
        let p = &self.profile;
        p.validate().map_err(|e| InputError::new(format!("profile.{}", e.field), e.message))?;
        let Some(age) = p.age else {
            return Err(InputError::new("profile.age", "is required for an application"));
        };
        if p.loan.is_none() {
            return Err(InputError::new("profile.loan", "is required for an application"));
        }
        let a = &self.applicant;
        NAME.check(&a.name)?;
        if !is_cn_mobile(&a.phone) {
            return Err(InputError::new(
                "applicant.phone",
                "must be an 11-digit mainland China mobile number starting 13 to 19 (spaces, \
                 dashes and a +86 prefix are allowed)",
            ));
        }
        check_id_number(&a.id_number, age, today)?;
        CITY.check(&a.city)?;
        for (kind, given) in [
            (ConsentKind::PersonalInformation, &self.consents.personal_information),
            (ConsentKind::CreditInquiry, &self.consents.credit_inquiry),
        ] {
            let current = kind.current();
            if !given.as_ref().is_some_and(|g| g.accepted && g.version == current.version) {
                return Err(InputError::new(
                    kind.field(),
                    format!("must be accepted in its current version {}", current.version),
                ));
            }
        }
        if let Some(partner) = &self.partner {
            if !is_partner_id(partner) {
                return Err(InputError::new("partner", "must be 1 to 32 of a-z, 0-9 and -"));
            }
        }
        Ok(())
    }
}

/// Whether `s` is a partner id: 1 to 32 of `[a-z0-9-]`.
///
/// ```
/// assert!(loanlens_core::application::is_partner_id("bank-7"));
/// assert!(!loanlens_core::application::is_partner_id("Bank 7"));
/// ```
pub fn is_partner_id(s: &str) -> bool {
    (1..=32).contains(&s.len())
        && s.bytes().all(|b| b.is_ascii_lowercase() || b.is_ascii_digit() || b == b'-')
}
