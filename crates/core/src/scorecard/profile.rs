//! The profile: what a person can answer without documents. Every field is optional; an absent
//! field goes to the variable's `missing` bin. [`Profile::validate`] checks each present field
//! against its allowed range and names the field in the error.

use crate::error::InputError;
use crate::schema::{dec_str, opt_dec_str, Method};
use rust_decimal::Decimal;
use serde::{Deserialize, Serialize};

macro_rules! id_enum {
    ($(#[$m:meta])* $name:ident { $($(#[$vm:meta])* $v:ident = $id:literal),+ $(,)? }) => {
        $(#[$m])*
        #[derive(Debug, Clone, Copy, PartialEq, Eq, Hash, Serialize, Deserialize)]
        #[cfg_attr(feature = "schema", derive(schemars::JsonSchema))]
        #[serde(rename_all = "snake_case")]
        pub enum $name { $($(#[$vm])* $v),+ }

        impl $name {
            /// Every value, in the order the product lists them.
            pub const ALL: &'static [$name] = &[$($name::$v),+];

            /// Every JSON id, in the same order as [`Self::ALL`].
            pub const IDS: &'static [&'static str] = &[$($id),+];

            /// The JSON id.
            pub fn id(self) -> &'static str {
                match self { $($name::$v => $id),+ }
            }

            /// Parses a JSON id.
            pub fn from_id(id: &str) -> Option<Self> {
                Self::ALL.iter().copied().find(|v| v.id() == id)
            }
        }
    };
}

id_enum! {
    /// Employment status.
    ///
    /// ```
    /// use loanlens_core::scorecard::Employment;
    /// assert_eq!(Employment::from_id("civil_servant"), Some(Employment::CivilServant));
    /// ```
    Employment {
        /// Employee with a salary.
        Salaried = "salaried",
        /// Civil servant or public institution staff.
        CivilServant = "civil_servant",
        /// Self-employed.
        SelfEmployed = "self_employed",
        /// Owns a business.
        BusinessOwner = "business_owner",
        /// Freelancer or gig worker.
        Freelancer = "freelancer",
        /// Full-time student.
        Student = "student",
        /// Not working.
        Unemployed = "unemployed",
        /// Retired.
        Retired = "retired",
    }
}

id_enum! {
    /// Housing situation.
    ///
    /// ```
    /// assert_eq!(loanlens_core::scorecard::Housing::Rent.id(), "rent");
    /// ```
    Housing {
        /// Owns a home outright.
        Own = "own",
        /// Owns with a mortgage.
        Mortgage = "mortgage",
        /// Rents.
        Rent = "rent",
        /// Lives with family.
        Family = "family",
        /// Employer or school dormitory.
        Dormitory = "dormitory",
        /// Anything else.
        Other = "other",
    }
}

id_enum! {
    /// What the loan is for.
    ///
    /// ```
    /// assert_eq!(loanlens_core::scorecard::Purpose::from_id("education").unwrap().id(), "education");
    /// ```
    Purpose {
        /// Everyday consumption, appliances.
        Consumption = "consumption",
        /// Education or training.
        Education = "education",
        /// Medical costs.
        Medical = "medical",
        /// Home improvement or furnishing.
        HomeImprovement = "home_improvement",
        /// A car.
        Car = "car",
        /// Travel.
        Travel = "travel",
        /// A wedding.
        Wedding = "wedding",
        /// Working capital for a small business.
        Business = "business",
        /// Paying off other debts.
        DebtConsolidation = "debt_consolidation",
        /// Anything else.
        Other = "other",
    }
}

id_enum! {
    /// Customer segment.
    ///
    /// ```
    /// assert_eq!(loanlens_core::scorecard::Segment::MicroBusiness.id(), "micro_business");
    /// ```
    Segment {
        /// A personal consumer loan.
        Consumer = "consumer",
        /// A loan to a micro business owner.
        MicroBusiness = "micro_business",
    }
}

/// The loan asked for: a schedule request without the rate (the grade sets the rate).
///
/// ```
/// use loanlens_core::schema::from_json;
/// let l: loanlens_core::scorecard::LoanAsk =
///     from_json(r#"{"principal":"50000.00","term_months":24}"#).unwrap();
/// assert_eq!(l.method, loanlens_core::schema::Method::EqualInstallment);
/// ```
#[derive(Debug, Clone, PartialEq, Serialize, Deserialize)]
#[cfg_attr(feature = "schema", derive(schemars::JsonSchema))]
#[serde(deny_unknown_fields)]
pub struct LoanAsk {
    /// Amount asked for, CNY, as in [`ScheduleRequest::principal`](crate::schema::ScheduleRequest).
    #[serde(with = "dec_str")]
    #[cfg_attr(feature = "schema", schemars(with = "crate::schema::DecStr"))]
    pub principal: Decimal,
    /// Number of monthly periods, 1 to 600.
    pub term_months: u32,
    /// Repayment method, default `equal_installment`.
    #[serde(default = "default_method")]
    pub method: Method,
    /// Upfront fee, CNY, as in the schedule request.
    #[serde(default, with = "opt_dec_str", skip_serializing_if = "Option::is_none")]
    #[cfg_attr(feature = "schema", schemars(with = "crate::schema::DecStr"))]
    pub upfront_fee: Option<Decimal>,
    /// Monthly fee as a fraction of the principal, as in the schedule request.
    #[serde(default, with = "opt_dec_str", skip_serializing_if = "Option::is_none")]
    #[cfg_attr(feature = "schema", schemars(with = "crate::schema::DecStr"))]
    pub monthly_fee_rate: Option<Decimal>,
}

fn default_method() -> Method {
    Method::EqualInstallment
}

/// An optional decimal string where JSON `null` means absent (as the scorecard spec asks).
mod nullable_dec {
    use rust_decimal::Decimal;
    use serde::{Deserialize, Deserializer, Serializer};

    #[derive(Deserialize)]
    struct Dec(#[serde(with = "crate::schema::dec_str")] Decimal);

    pub fn serialize<S: Serializer>(d: &Option<Decimal>, s: S) -> Result<S::Ok, S::Error> {
        crate::schema::opt_dec_str::serialize(d, s)
    }

    pub fn deserialize<'de, D: Deserializer<'de>>(d: D) -> Result<Option<Decimal>, D::Error> {
        Option::<Dec>::deserialize(d).map(|o| o.map(|x| x.0))
    }
}

/// A person's answers (JSON `null` is the same as an absent field). JSON field names are the ones a card's variables name.
///
/// ```
/// use loanlens_core::schema::from_json;
/// use loanlens_core::scorecard::Profile;
/// let p: Profile = from_json(r#"{"age":30,"monthly_income":"12000.00","housing":"rent"}"#).unwrap();
/// assert!(p.validate().is_ok());
/// assert_eq!(p.employment, None);
/// ```
#[derive(Debug, Clone, Default, PartialEq, Serialize, Deserialize)]
#[cfg_attr(feature = "schema", derive(schemars::JsonSchema))]
#[serde(deny_unknown_fields)]
pub struct Profile {
    /// Age in whole years, 0 to 120.
    #[serde(default, skip_serializing_if = "Option::is_none")]
    pub age: Option<u32>,
    /// Monthly income after tax, CNY, 0.00 to 100000000.00.
    #[serde(default, with = "nullable_dec", skip_serializing_if = "Option::is_none")]
    #[cfg_attr(feature = "schema", schemars(with = "Option<crate::schema::DecStr>"))]
    pub monthly_income: Option<Decimal>,
    /// Employment status.
    #[serde(default, skip_serializing_if = "Option::is_none")]
    pub employment: Option<Employment>,
    /// Months in the current job (or business), 0 to 720.
    #[serde(default, skip_serializing_if = "Option::is_none")]
    pub months_in_job: Option<u32>,
    /// Housing situation.
    #[serde(default, skip_serializing_if = "Option::is_none")]
    pub housing: Option<Housing>,
    /// Existing monthly debt payments, CNY, 0.00 to 100000000.00.
    #[serde(default, with = "nullable_dec", skip_serializing_if = "Option::is_none")]
    #[cfg_attr(feature = "schema", schemars(with = "Option<crate::schema::DecStr>"))]
    pub monthly_debt_payments: Option<Decimal>,
    /// Overdue payments in the last 24 months, 0 to 999.
    #[serde(default, skip_serializing_if = "Option::is_none")]
    pub overdue_count_24m: Option<u32>,
    /// Whether any payment is overdue now.
    #[serde(default, skip_serializing_if = "Option::is_none")]
    pub currently_overdue: Option<bool>,
    /// Credit report inquiries in the last 6 months, 0 to 999.
    #[serde(default, skip_serializing_if = "Option::is_none")]
    pub credit_inquiries_6m: Option<u32>,
    /// Months of social insurance contributions, 0 to 720.
    #[serde(default, skip_serializing_if = "Option::is_none")]
    pub social_insurance_months: Option<u32>,
    /// What the loan is for.
    #[serde(default, skip_serializing_if = "Option::is_none")]
    pub purpose: Option<Purpose>,
    /// Consumer or micro business.
    #[serde(default, skip_serializing_if = "Option::is_none")]
    pub segment: Option<Segment>,
    /// The loan asked for (amount, term, method).
    #[serde(default, skip_serializing_if = "Option::is_none")]
    pub loan: Option<LoanAsk>,
}

/// The kind of values a profile field holds, which decides the bins it may have.
///
/// ```
/// use loanlens_core::scorecard::{field_kind, FieldKind};
/// assert_eq!(field_kind("monthly_income"), Some(FieldKind::Numeric));
/// assert!(matches!(field_kind("housing"), Some(FieldKind::Categorical(ids)) if ids.contains(&"rent")));
/// assert_eq!(field_kind("loan"), None);
/// ```
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub enum FieldKind {
    /// A number: range, special, missing and else bins.
    Numeric,
    /// One of a fixed list of ids: values, missing and else bins.
    Categorical(&'static [&'static str]),
}

/// A profile field's value as the bins see it.
///
/// ```
/// use loanlens_core::scorecard::{FieldValue, Profile};
/// let p = Profile { age: Some(30), ..Profile::default() };
/// assert_eq!(p.value("age"), Some(FieldValue::Number(30.into())));
/// ```
#[derive(Debug, Clone, PartialEq, Eq)]
pub enum FieldValue {
    /// A number.
    Number(Decimal),
    /// A categorical id (a boolean is `"true"`/`"false"`).
    Category(&'static str),
}

/// The ids of a boolean field.
const BOOL_IDS: &[&str] = &["true", "false"];

/// The most money a monthly amount may be: 100,000,000.00 CNY.
///
/// ```
/// assert_eq!(loanlens_core::scorecard::MAX_MONTHLY_AMOUNT.to_string(), "100000000.00");
/// ```
pub const MAX_MONTHLY_AMOUNT: Decimal = Decimal::from_parts(1_410_065_408, 2, 0, false, 2);

/// Every profile field a card variable may name, with its kind: the one list used by the card
/// validation, the importers and the evaluation (`loan` is not scored).
///
/// ```
/// use loanlens_core::scorecard::{FieldKind, PROFILE_FIELDS};
/// assert!(PROFILE_FIELDS.iter().any(|(f, k)| *f == "age" && *k == FieldKind::Numeric));
/// ```
pub const PROFILE_FIELDS: &[(&str, FieldKind)] = &[
    ("age", FieldKind::Numeric),
    ("monthly_income", FieldKind::Numeric),
    ("employment", FieldKind::Categorical(Employment::IDS)),
    ("months_in_job", FieldKind::Numeric),
    ("housing", FieldKind::Categorical(Housing::IDS)),
    ("monthly_debt_payments", FieldKind::Numeric),
    ("overdue_count_24m", FieldKind::Numeric),
    ("currently_overdue", FieldKind::Categorical(BOOL_IDS)),
    ("credit_inquiries_6m", FieldKind::Numeric),
    ("social_insurance_months", FieldKind::Numeric),
    ("purpose", FieldKind::Categorical(Purpose::IDS)),
    ("segment", FieldKind::Categorical(Segment::IDS)),
];

/// The kind of a scoreable profile field, or `None` when the card names no such field.
///
/// ```
/// assert!(loanlens_core::scorecard::field_kind("shoe_size").is_none());
/// ```
pub fn field_kind(field: &str) -> Option<FieldKind> {
    PROFILE_FIELDS.iter().find(|(f, _)| *f == field).map(|(_, k)| *k)
}

impl Profile {
    /// The value of a scoreable field (`None` when absent or not a profile field).
    ///
    /// ```
    /// use loanlens_core::scorecard::{FieldValue, Profile};
    /// let p = Profile { currently_overdue: Some(false), ..Profile::default() };
    /// assert_eq!(p.value("currently_overdue"), Some(FieldValue::Category("false")));
    /// assert_eq!(p.value("age"), None);
    /// ```
    pub fn value(&self, field: &str) -> Option<FieldValue> {
        let n = |v: Option<u32>| v.map(|v| FieldValue::Number(v.into()));
        let c = |v: Option<&'static str>| v.map(FieldValue::Category);
        match field {
            "age" => n(self.age),
            "monthly_income" => self.monthly_income.map(FieldValue::Number),
            "employment" => c(self.employment.map(Employment::id)),
            "months_in_job" => n(self.months_in_job),
            "housing" => c(self.housing.map(Housing::id)),
            "monthly_debt_payments" => self.monthly_debt_payments.map(FieldValue::Number),
            "overdue_count_24m" => n(self.overdue_count_24m),
            "currently_overdue" => {
                c(self.currently_overdue.map(|b| if b { "true" } else { "false" }))
            }
            "credit_inquiries_6m" => n(self.credit_inquiries_6m),
            "social_insurance_months" => n(self.social_insurance_months),
            "purpose" => c(self.purpose.map(Purpose::id)),
            "segment" => c(self.segment.map(Segment::id)),
            _ => None,
        }
    }

    /// Checks every present field against its allowed range; the first problem is returned,
    /// naming the field (`loan.*` fields are checked by the schedule when the loan is priced).
    ///
    /// ```
    /// use loanlens_core::scorecard::Profile;
    /// let p = Profile { age: Some(130), ..Profile::default() };
    /// assert_eq!(p.validate().unwrap_err().to_string(), "age: must be between 0 and 120 years");
    /// ```
    pub fn validate(&self) -> Result<(), InputError> {
        let count = |field: &str, v: Option<u32>, unit: &str| match (v, field_range(field)) {
            (Some(v), Some((lo, hi))) if Decimal::from(v) > hi => {
                Err(InputError::new(field, format!("must be between {lo} and {hi} {unit}")))
            }
            _ => Ok(()),
        };
        let money = |field: &str, v: Option<Decimal>| match (v, field_range(field)) {
            (Some(v), Some((lo, hi))) if v < lo || v > hi || v.normalize().scale() > 2 => {
                Err(InputError::new(
                    field,
                    format!("must be between {lo} and {hi} CNY with at most 2 decimals"),
                ))
            }
            _ => Ok(()),
        };
        count("age", self.age, "years")?;
        money("monthly_income", self.monthly_income)?;
        count("months_in_job", self.months_in_job, "months")?;
        money("monthly_debt_payments", self.monthly_debt_payments)?;
        count("overdue_count_24m", self.overdue_count_24m, "payments")?;
        count("credit_inquiries_6m", self.credit_inquiries_6m, "inquiries")?;
        count("social_insurance_months", self.social_insurance_months, "months")?;
        Ok(())
    }
}

/// The allowed range `(lowest, highest)` of each numeric profile field: the one definition that
/// [`Profile::validate`] checks and the pre-check page states (amounts also take at most 2
/// decimals). `None` for a field that is not a number.
///
/// ```
/// use loanlens_core::scorecard::field_range;
/// let (lo, hi) = field_range("age").unwrap();
/// assert_eq!((lo.to_string(), hi.to_string()), ("0".into(), "120".into()));
/// assert_eq!(field_range("employment"), None);
/// ```
pub fn field_range(field: &str) -> Option<(Decimal, Decimal)> {
    let count = |max: u32| Some((Decimal::ZERO, Decimal::from(max)));
    match field {
        "age" => count(120),
        "months_in_job" | "social_insurance_months" => count(720),
        "overdue_count_24m" | "credit_inquiries_6m" => count(999),
        "monthly_income" | "monthly_debt_payments" => {
            Some((Decimal::new(0, 2), MAX_MONTHLY_AMOUNT))
        }
        _ => None,
    }
}
