//! The risk pre-check over HTTP: `GET /api/v1/scorecard` (the card the site uses) and
//! `POST /api/v1/precheck` (a profile scored with it, the same `PrecheckResult` as
//! `loanlens precheck`).
//!
//! Invariants: the card is read and checked once, at start ([`SiteCard::load`]): the default
//! card, or the file named by `LOANLENS_SCORECARD`; a broken file stops the server with every
//! problem listed, so a running server always serves a valid card. Profiles arrive through
//! [`V1Json`] (every body rule holds) and are scored by `loanlens_core::scorecard::evaluate`;
//! an input error names the field (400), never a 500.

use crate::error::ApiError;
use crate::extract::V1Json;
use crate::AppState;
use axum::body::Bytes;
use axum::extract::State;
use axum::http::header;
use axum::response::IntoResponse;
use axum::Json;
use loanlens_core::scorecard::{
    default_scorecard, evaluate, from_json, CardError, PrecheckResult, Profile, ValidScorecard,
};
use std::path::{Path, PathBuf};
use std::sync::Arc;

/// The scorecard the site uses, checked, with its JSON document rendered once.
#[derive(Debug, Clone)]
pub struct SiteCard {
    card: ValidScorecard,
    json: Bytes,
}

/// Why the configured scorecard could not be used: the server does not start.
#[derive(Debug, thiserror::Error)]
pub enum CardLoadError {
    /// The file could not be read.
    #[error("cannot read scorecard {path}: {source}")]
    Read {
        /// The file (`LOANLENS_SCORECARD`).
        path: PathBuf,
        /// The cause.
        source: std::io::Error,
    },
    /// The file is not a valid scorecard: every problem, with its place.
    #[error("scorecard {} is invalid ({} problem(s)):\n  {}", .path.display(), .errors.len(), list(.errors))]
    Invalid {
        /// The file (`LOANLENS_SCORECARD`).
        path: PathBuf,
        /// Every problem.
        errors: Vec<CardError>,
    },
}

/// One problem a line, for the start-up message.
fn list(errors: &[CardError]) -> String {
    errors.iter().map(ToString::to_string).collect::<Vec<_>>().join("\n  ")
}

impl SiteCard {
    /// Wraps a checked card.
    pub fn new(card: ValidScorecard) -> Self {
        // A checked card always serialises; an empty body would only be served if it did not.
        let json = serde_json::to_vec(&card).map(Bytes::from).unwrap_or_default();
        Self { card, json }
    }

    /// The card at `path`, or the default card when there is none.
    pub fn load(path: Option<&Path>) -> Result<Self, CardLoadError> {
        let Some(path) = path else { return Ok(Self::default()) };
        let text = std::fs::read_to_string(path)
            .map_err(|source| CardLoadError::Read { path: path.to_path_buf(), source })?;
        let card = from_json(&text)
            .map_err(|errors| CardLoadError::Invalid { path: path.to_path_buf(), errors })?;
        Ok(Self::new(card))
    }

    /// The checked card.
    pub fn card(&self) -> &ValidScorecard {
        &self.card
    }
}

impl Default for SiteCard {
    /// The default (illustrative) card shipped with the product.
    fn default() -> Self {
        Self::new(default_scorecard())
    }
}

impl AppState {
    /// The same state scoring with `card` instead of the default card.
    pub fn with_scorecard(mut self, card: SiteCard) -> Self {
        self.scorecard = Arc::new(card);
        self
    }
}

/// `GET /api/v1/scorecard`: the card's document (id, version, …), as rendered at start.
pub async fn scorecard(State(state): State<AppState>) -> impl IntoResponse {
    ([(header::CONTENT_TYPE, "application/json")], state.scorecard.json.clone())
}

/// `POST /api/v1/precheck`: the profile in the body, scored with the site's card.
pub async fn precheck(
    State(state): State<AppState>,
    V1Json(profile): V1Json<Profile>,
) -> Result<Json<PrecheckResult>, ApiError> {
    Ok(Json(evaluate(state.scorecard.card(), &profile)?))
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn no_path_is_the_default_card_and_a_broken_file_lists_every_problem() {
        let card = SiteCard::load(None).unwrap();
        assert_eq!(card.card().doc().id, "loanlens-illustrative");
        let served: serde_json::Value = serde_json::from_slice(&card.json).unwrap();
        assert_eq!(served["version"], card.card().doc().version.as_str());

        let dir = tempfile::tempdir().unwrap();
        let path = dir.path().join("card.json");
        let mut doc: serde_json::Value = serde_json::from_slice(&card.json).unwrap();
        doc["cutoffs"] = serde_json::json!({"pass": "500", "refer": "600"});
        doc["variables"][0]["field"] = serde_json::json!("shoe_size");
        std::fs::write(&path, doc.to_string()).unwrap();
        let err = SiteCard::load(Some(&path)).unwrap_err().to_string();
        assert!(err.contains("cutoffs") && err.contains("shoe_size"), "{err}");

        let missing = SiteCard::load(Some(&dir.path().join("none.json"))).unwrap_err();
        assert!(missing.to_string().starts_with("cannot read scorecard"), "{missing}");
    }
}
