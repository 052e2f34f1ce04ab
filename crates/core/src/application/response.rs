//! What the application endpoints answer, and the application's status with its transitions
//! (the one rule the server and the staff page share).

use crate::schema::dec_str;
use crate::scorecard::Decision;
use rust_decimal::Decimal;
use serde::{Deserialize, Serialize};

/// Where an application stands.
///
/// ```
/// use loanlens_core::application::Status;
/// assert_eq!(serde_json::to_string(&Status::Contacted).unwrap(), r#""contacted""#);
/// assert!(Status::Submitted.can_become(Status::Withdrawn));
/// assert!(!Status::Approved.can_become(Status::Submitted));
/// ```
#[derive(Debug, Clone, Copy, PartialEq, Eq, Hash, Serialize, Deserialize)]
#[cfg_attr(feature = "schema", derive(schemars::JsonSchema))]
#[serde(rename_all = "snake_case")]
pub enum Status {
    /// Received; nobody has looked at it yet.
    Submitted,
    /// Staff contacted the applicant.
    Contacted,
    /// Approved (final).
    Approved,
    /// Rejected (final).
    Rejected,
    /// The applicant withdrew (final).
    Withdrawn,
}

impl Status {
    /// Every status, in workflow order.
    pub const ALL: &'static [Status] = &[
        Status::Submitted,
        Status::Contacted,
        Status::Approved,
        Status::Rejected,
        Status::Withdrawn,
    ];

    /// The JSON id.
    pub fn id(self) -> &'static str {
        match self {
            Status::Submitted => "submitted",
            Status::Contacted => "contacted",
            Status::Approved => "approved",
            Status::Rejected => "rejected",
            Status::Withdrawn => "withdrawn",
        }
    }

    /// Parses a JSON id.
    pub fn from_id(id: &str) -> Option<Status> {
        Self::ALL.iter().copied().find(|s| s.id() == id)
    }

    /// The statuses this one may change to: submitted → contacted | withdrawn; contacted →
    /// approved | rejected | withdrawn; the others are final.
    ///
    /// ```
    /// use loanlens_core::application::Status;
    /// assert_eq!(Status::Submitted.next(), &[Status::Contacted, Status::Withdrawn]);
    /// assert!(Status::Rejected.next().is_empty());
    /// ```
    pub fn next(self) -> &'static [Status] {
        match self {
            Status::Submitted => &[Status::Contacted, Status::Withdrawn],
            Status::Contacted => &[Status::Approved, Status::Rejected, Status::Withdrawn],
            Status::Approved | Status::Rejected | Status::Withdrawn => &[],
        }
    }

    /// Whether this status may change to `to`.
    pub fn can_become(self, to: Status) -> bool {
        self.next().contains(&to)
    }
}

/// `201 Created` (a new application) and `200 OK` with `duplicate: true` (an application with
/// the same ID number in the last 30 days; no `status_token` then).
///
/// ```
/// use loanlens_core::application::{ApplicationCreated, Status};
/// use loanlens_core::scorecard::Decision;
/// let a = ApplicationCreated {
///     id: "x".into(), reference: "LL-ABCD-EFGH".into(), status: Status::Submitted,
///     status_token: None, decision: Decision::Pass, score: 612.into(),
///     created_at: "2026-11-29T00:00:00.000000Z".into(), duplicate: true,
/// };
/// let json = serde_json::to_value(&a).unwrap();
/// assert_eq!(json["score"], "612");
/// assert!(json.get("status_token").is_none());
/// ```
#[derive(Debug, Clone, PartialEq, Eq, Serialize, Deserialize)]
#[cfg_attr(feature = "schema", derive(schemars::JsonSchema))]
#[serde(deny_unknown_fields)]
pub struct ApplicationCreated {
    /// Opaque id (128 random bits, base64url).
    pub id: String,
    /// Human reference, `LL-XXXX-XXXX` (Crockford base32).
    pub reference: String,
    /// The status now.
    pub status: Status,
    /// The secret that shows the status later (only in the answer that created it).
    #[serde(default, skip_serializing_if = "Option::is_none")]
    pub status_token: Option<String>,
    /// The server's decision: pass or refer.
    pub decision: Decision,
    /// The server's score.
    #[serde(with = "dec_str")]
    #[cfg_attr(feature = "schema", schemars(with = "crate::schema::DecStr"))]
    pub score: Decimal,
    /// When it was received (RFC 3339, UTC).
    pub created_at: String,
    /// Whether this is an earlier application with the same ID number.
    pub duplicate: bool,
}

/// `GET /api/v1/applications/{id}` with the status token: the status only, no personal data.
#[derive(Debug, Clone, PartialEq, Eq, Serialize, Deserialize)]
#[cfg_attr(feature = "schema", derive(schemars::JsonSchema))]
#[serde(deny_unknown_fields)]
pub struct ApplicationStatusView {
    /// Human reference.
    pub reference: String,
    /// The status now.
    pub status: Status,
    /// The server's decision when it was received.
    pub decision: Decision,
    /// When it was received.
    pub created_at: String,
    /// When its status last changed.
    pub updated_at: String,
}
