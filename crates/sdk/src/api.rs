//! The SDK's entry points as text in, text out: a v1 request as JSON text, the v1 response (or
//! the v1 error object) as JSON text. The wasm exports and the parity test call these.
//!
//! Each function mirrors one server handler (crates/server/src/lib.rs, precheck.rs, invest.rs):
//! the body goes through the core's `from_json` (what the server's `V1Json` extractor calls),
//! the core function computes, and `serde_json` writes the answer (what axum's `Json` does).

use loanlens_core::invest::InvestRequest;
use loanlens_core::schema::{
    from_json, CompareRequest, ErrorBody, ScheduleRequest, SolveRequest, XirrRequest,
};
use loanlens_core::scorecard::{self, CardError, Profile, ValidScorecard};
use loanlens_core::InputError;
use serde::de::DeserializeOwned;
use serde::Serialize;
use std::sync::OnceLock;

/// `POST /api/v1/schedule`: a repayment schedule with totals, APR and flags.
pub fn schedule(request: &str) -> String {
    answer(request, |r: &ScheduleRequest| loanlens_core::schedule(r))
}

/// `POST /api/v1/compare`: the same loan under several methods.
pub fn compare(request: &str) -> String {
    answer(request, |r: &CompareRequest| loanlens_core::compare(r))
}

/// `POST /api/v1/solve`: the largest principal, the shortest term or the implied rate.
pub fn solve(request: &str) -> String {
    answer(request, |r: &SolveRequest| loanlens_core::solve(r))
}

/// `POST /api/v1/xirr`: the annual rate of dated cash flows.
pub fn xirr(request: &str) -> String {
    answer(request, |r: &XirrRequest| loanlens_core::xirr(r))
}

/// `POST /api/v1/invest/compare`: 2 to 8 investment products side by side.
pub fn invest(request: &str) -> String {
    answer(request, |r: &InvestRequest| loanlens_core::invest::compare(r))
}

/// `POST /api/v1/precheck`: a profile scored with `card` (a scorecard document as JSON text),
/// or with the default card the server ships when `card` is `None`. A card that is not valid
/// answers the error object for its first problem, the field prefixed with `card.` (`card`
/// alone when the problem is the whole document).
pub fn precheck(profile: &str, card: Option<&str>) -> String {
    static DEFAULT: OnceLock<ValidScorecard> = OnceLock::new();
    let custom;
    let card = match card {
        None => DEFAULT.get_or_init(scorecard::default_scorecard),
        Some(text) => match scorecard::from_json(text) {
            Ok(c) => {
                custom = c;
                &custom
            }
            Err(errors) => return error(card_error(errors)),
        },
    };
    answer(profile, |p: &Profile| scorecard::evaluate(card, p))
}

/// `GET /api/v1/scorecard`: the default card's document.
pub fn default_scorecard() -> String {
    json(&scorecard::default_scorecard())
}

fn card_error(errors: Vec<CardError>) -> InputError {
    let Some(first) = errors.into_iter().next() else {
        return InputError::new("card", "is not a valid scorecard");
    };
    let field = match first.place.as_str() {
        "" | "body" => "card".to_string(),
        place => format!("card.{place}"),
    };
    InputError::new(field, first.message)
}

fn answer<Req: DeserializeOwned, Resp: Serialize>(
    request: &str,
    compute: impl FnOnce(&Req) -> Result<Resp, InputError>,
) -> String {
    match from_json::<Req>(request).and_then(|r| compute(&r)) {
        Ok(response) => json(&response),
        Err(e) => error(e),
    }
}

/// The v1 error object, as the server's `ApiError::Input` writes it.
pub fn error(e: InputError) -> String {
    json(&ErrorBody { error: e })
}

fn json<T: Serialize>(value: &T) -> String {
    // The core's response types always serialise (strings, integers and decimals as strings);
    // should one ever not, the caller still gets an error object rather than a panic.
    serde_json::to_string(value).unwrap_or_else(|_| {
        r#"{"error":{"field":"response","message":"could not be encoded"}}"#.to_string()
    })
}
