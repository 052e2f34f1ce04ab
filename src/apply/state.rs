//! The application form as a pure reducer: the four fields as typed, their inline errors, the
//! two consents, the phase of the submission and what the server answered. No DOM and no
//! network here, so all of it is tested on the host (`state_tests.rs`).
//!
//! Invariants: a request is built ([`ApplyState::request`]) only from accepted fields, both
//! consents in their current versions (`CONSENTS`, the core's one definition) and a pass or
//! refer hand-off; while a request is in flight or after an answer was received no second one
//! is built. The field rules are the core's (`normalize_phone`/`is_cn_mobile`, `NAME`, `CITY`,
//! `check_id_number`); this module only picks which translated message to show.

pub use super::fields::{check, Field, FieldError, FIELDS};
use crate::handoff::Handoff;
use loanlens_core::application::{
    normalize_id_number, normalize_phone, Applicant, ApplicationCreated, ApplicationRequest,
    ClientResult, ConsentGiven, Consents, CONSENTS,
};
use loanlens_core::dates::Date;
use loanlens_core::scorecard::Decision;
use std::rc::Rc;
use yew::Reducible;

/// Where the submission stands.
#[derive(Debug, Clone, PartialEq)]
pub enum Phase {
    /// Being filled in (or corrected).
    Editing,
    /// Sent; waiting for the answer. The form is disabled.
    Sending,
    /// The request failed on the way (no answer): retrying is safe.
    NetworkFailed,
    /// 429: too many requests.
    Busy,
    /// A 5xx or an answer the page cannot read.
    ServerError,
    /// The server's own assessment declined it (422): the reason texts.
    Declined(Vec<String>),
    /// The card changed (409) and the fresh card declines the profile.
    StaleDeclined,
    /// 201 (or 200 for an earlier application with the same ID number).
    Done(Rc<ApplicationCreated>),
}

/// A note above the form after the page re-scored with a fresh card.
#[derive(Debug, Clone, PartialEq)]
pub enum Notice {
    /// Re-scored after a 409: the new result.
    Rescored,
    /// The fresh card could not be fetched or read.
    RescoreFailed,
}

/// The application page's state.
#[derive(Debug, Clone, PartialEq)]
pub struct ApplyState {
    /// What the pre-check handed over (`None`: the page sends the person to the pre-check).
    pub handoff: Option<Handoff>,
    /// The browser's date (for the ID number's age check).
    pub today: Option<Date>,
    /// The text of each field, in [`FIELDS`] order.
    pub values: [String; 4],
    /// The error shown under each field.
    pub errors: [Option<FieldError>; 4],
    /// Whether each consent of `CONSENTS` is ticked (same order).
    pub consents: Vec<bool>,
    /// Whether each consent shows its "needed" error.
    pub consent_errors: Vec<bool>,
    /// Where the submission stands.
    pub phase: Phase,
    /// A note after re-scoring.
    pub notice: Option<Notice>,
}

impl ApplyState {
    /// A blank form for this hand-off.
    pub fn new(handoff: Option<Handoff>, today: Option<Date>) -> Self {
        ApplyState {
            handoff,
            today,
            values: Default::default(),
            errors: Default::default(),
            consents: vec![false; CONSENTS.len()],
            consent_errors: vec![false; CONSENTS.len()],
            phase: Phase::Editing,
            notice: None,
        }
    }

    fn age(&self) -> Option<u32> {
        self.handoff.as_ref().and_then(|h| h.profile.age)
    }

    /// Whether the form takes input and can be submitted.
    pub fn editable(&self) -> bool {
        self.handoff.is_some()
            && matches!(
                self.phase,
                Phase::Editing | Phase::NetworkFailed | Phase::Busy | Phase::ServerError
            )
    }

    /// The request to send: `None` unless every field is accepted, both consents are ticked
    /// and the form is [`ApplyState::editable`]. Fields are sent trimmed, the phone and ID
    /// number in their canonical form (the server normalises again).
    pub fn request(&self) -> Option<ApplicationRequest> {
        let h = self.handoff.as_ref()?;
        let all_ok = FIELDS
            .iter()
            .all(|f| check(*f, &self.values[f.index()], self.age(), self.today).is_none());
        if !self.editable() || !all_ok || self.consents.iter().any(|c| !c) {
            return None;
        }
        let v = |f: Field| self.values[f.index()].trim().to_string();
        let given = |i: usize| {
            Some(ConsentGiven {
                version: CONSENTS[i].version.to_string(),
                accepted: self.consents[i],
            })
        };
        let mut consents = Consents::default();
        for (i, c) in CONSENTS.iter().enumerate() {
            match c.kind {
                loanlens_core::application::ConsentKind::PersonalInformation => {
                    consents.personal_information = given(i)
                }
                loanlens_core::application::ConsentKind::CreditInquiry => {
                    consents.credit_inquiry = given(i)
                }
            }
        }
        Some(ApplicationRequest {
            scorecard_version: h.scorecard_version.clone(),
            profile: h.profile.clone(),
            applicant: Applicant {
                name: v(Field::Name),
                phone: normalize_phone(&v(Field::Phone)),
                id_number: normalize_id_number(&v(Field::IdNumber)),
                city: v(Field::City),
            },
            consents,
            partner: None,
            client_result: Some(ClientResult {
                score: h.score.parse().ok(),
                decision: Some(h.decision),
            }),
        })
    }
}

/// What the server (or the network) answered a submission with.
#[derive(Debug, Clone, PartialEq)]
pub enum Answer {
    /// 201, or 200 with `duplicate: true`.
    Created(Rc<ApplicationCreated>),
    /// No answer (offline, reset, timeout).
    Network,
    /// 400 naming this field (a JSON path).
    Refused(String),
    /// 409: the card changed; the site's current assessment (`None`: it could not be had).
    Rescored(Option<Rescore>),
    /// 422 with a decline: the reason texts to show.
    Declined(Vec<String>),
    /// 429.
    Busy,
    /// Anything else.
    Server,
}

/// The site's current assessment of the profile after a 409 (`POST /api/v1/precheck`).
#[derive(Debug, Clone, PartialEq)]
pub struct Rescore {
    /// The card's version (the next request names it).
    pub scorecard_version: String,
    /// The score, as a decimal string.
    pub score: String,
    /// The decision.
    pub decision: Decision,
    /// The knockouts' texts, in the page's language.
    pub knockouts: Vec<String>,
    /// Each reason's code and text, in the page's language.
    pub reasons: Vec<(String, String)>,
}

/// What a person (or the page) does.
#[derive(Debug, Clone, PartialEq)]
pub enum Action {
    /// A field's text changed.
    Set(Field, String),
    /// The person left a field.
    Blur(Field),
    /// A consent was ticked or unticked (index in `CONSENTS`).
    Consent(usize, bool),
    /// Submit pressed while something is missing: show every error.
    ShowErrors,
    /// The request was sent.
    Sending,
    /// Its answer.
    Answered(Answer),
}

impl ApplyState {
    fn show_errors(&mut self) {
        let age = self.age();
        for f in FIELDS {
            self.errors[f.index()] = check(f, &self.values[f.index()], age, self.today);
        }
        for (i, e) in self.consent_errors.iter_mut().enumerate() {
            *e = !self.consents[i];
        }
    }

    fn answered(&mut self, answer: Answer) {
        self.phase = Phase::Editing;
        match answer {
            Answer::Created(c) => self.phase = Phase::Done(c),
            Answer::Network => self.phase = Phase::NetworkFailed,
            Answer::Busy => self.phase = Phase::Busy,
            Answer::Server => self.phase = Phase::ServerError,
            Answer::Declined(reasons) => self.phase = Phase::Declined(reasons),
            Answer::Refused(field) => {
                if let Some(f) = FIELDS.iter().find(|f| f.json() == field) {
                    self.errors[f.index()] = Some(FieldError::Server);
                } else if let Some(i) = CONSENTS.iter().position(|c| c.kind.field() == field) {
                    self.consents[i] = false;
                    self.consent_errors[i] = true;
                } else {
                    self.phase = Phase::ServerError;
                }
            }
            Answer::Rescored(None) => self.notice = Some(Notice::RescoreFailed),
            Answer::Rescored(Some(r)) => {
                self.notice = Some(Notice::Rescored);
                if let Some(h) = &mut self.handoff {
                    h.scorecard_version = r.scorecard_version.clone();
                    h.score = r.score.clone();
                    h.decision = r.decision;
                }
                if r.decision == Decision::Decline {
                    self.phase = Phase::StaleDeclined;
                }
            }
        }
    }
}

impl Reducible for ApplyState {
    type Action = Action;

    fn reduce(self: Rc<Self>, action: Action) -> Rc<Self> {
        let mut s = (*self).clone();
        match action {
            Action::Set(..) | Action::Blur(_) | Action::Consent(..) if !s.editable() => {
                return self
            }
            Action::Set(f, text) => {
                // A shown error follows the text (and goes as soon as it is fixed); a new one
                // waits until the person leaves the field or submits.
                let i = f.index();
                if s.errors[i].is_some() {
                    s.errors[i] = check(f, &text, s.age(), s.today);
                }
                s.values[i] = text;
            }
            Action::Blur(f) => {
                let i = f.index();
                if !s.values[i].trim().is_empty() {
                    s.errors[i] = check(f, &s.values[i], s.age(), s.today);
                }
            }
            Action::Consent(i, on) if i < s.consents.len() => {
                s.consents[i] = on;
                s.consent_errors[i] &= !on;
            }
            Action::Consent(..) => return self,
            Action::ShowErrors => s.show_errors(),
            Action::Sending if s.editable() => {
                s.phase = Phase::Sending;
                s.notice = None;
            }
            Action::Sending => return self,
            Action::Answered(a) => s.answered(a),
        }
        Rc::new(s)
    }
}

/// 64-bit FNV-1a of a request body, in hex: what the stored Idempotency-Key is tied to, so a
/// retry of the same filled form reuses its key and an edited form gets a new one (the server
/// refuses a key reused for another body). Not a secret and not a security boundary.
pub fn fingerprint(body: &str) -> String {
    let mut h: u64 = 0xcbf2_9ce4_8422_2325;
    for b in body.bytes() {
        h ^= u64::from(b);
        h = h.wrapping_mul(0x0000_0100_0000_01b3);
    }
    format!("{h:016x}")
}

/// The Idempotency-Key for `body`: the stored one when it was made for this body (a stored
/// entry is `fingerprint:key`), else `fresh()`. Returns the key and the entry to store.
pub fn key_for(
    body: &str,
    stored: Option<&str>,
    fresh: impl FnOnce() -> String,
) -> (String, String) {
    let fp = fingerprint(body);
    if let Some((f, k)) = stored.and_then(|s| s.split_once(':')) {
        if f == fp && (8..=64).contains(&k.len()) {
            return (k.to_string(), format!("{fp}:{k}"));
        }
    }
    let k = fresh();
    let entry = format!("{fp}:{k}");
    (k, entry)
}
