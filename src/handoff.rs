//! The hand-over from the pre-check page to the application page (`/apply/`): the profile the
//! person answered (its loan included), the version of the scorecard that scored it and what
//! the pre-check showed. It travels in `sessionStorage` under [`KEY`], never in the URL, so no
//! answer reaches a server log, a Referer or the browser history; it lasts as long as the tab.
//!
//! This is the one definition both pages use (neither page links the other's module).

use loanlens_core::scorecard::{Decision, Profile};
use serde::{Deserialize, Serialize};

/// The `sessionStorage` key.
pub const KEY: &str = "loanlens.apply";

/// What the pre-check hands to the application page.
#[derive(Debug, Clone, PartialEq, Serialize, Deserialize)]
pub struct Handoff {
    /// The `version` of the scorecard that scored the profile (the server answers 409 when it
    /// scores with another one).
    pub scorecard_version: String,
    /// The answers, with the loan asked for.
    pub profile: Profile,
    /// The score the pre-check showed, as a decimal string (sent as `client_result`: recorded
    /// by the server, never used).
    pub score: String,
    /// The decision the pre-check showed: only `pass` and `refer` lead to an application.
    pub decision: Decision,
}

impl Handoff {
    /// The hand-over as stored.
    pub fn to_json(&self) -> String {
        // Serialising our own plain types cannot fail.
        serde_json::to_string(self).unwrap_or_default()
    }

    /// Reads a stored hand-over; `None` when it is missing, malformed or not a pass or refer.
    ///
    /// ```
    /// use loanlens_core::schema::Method;
    /// use loanlens_core::scorecard::{Decision, LoanAsk, Profile};
    /// use loanlens_web::handoff::Handoff;
    /// let loan = LoanAsk {
    ///     principal: 50000.into(),
    ///     term_months: 24,
    ///     method: Method::EqualInstallment,
    ///     upfront_fee: None,
    ///     monthly_fee_rate: None,
    /// };
    /// let h = Handoff {
    ///     scorecard_version: "2026.1".into(),
    ///     profile: Profile { age: Some(38), loan: Some(loan), ..Profile::default() },
    ///     score: "690".into(),
    ///     decision: Decision::Pass,
    /// };
    /// assert_eq!(Handoff::from_json(&h.to_json()), Some(h.clone()));
    /// let declined = Handoff { decision: Decision::Decline, ..h.clone() };
    /// assert_eq!(Handoff::from_json(&declined.to_json()), None);
    /// assert_eq!(Handoff::from_json("{"), None);
    /// ```
    pub fn from_json(json: &str) -> Option<Handoff> {
        let h: Handoff = serde_json::from_str(json).ok()?;
        (h.decision != Decision::Decline && h.profile.loan.is_some()).then_some(h)
    }
}
