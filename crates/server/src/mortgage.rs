//! `POST /api/v1/mortgage`: a housing loan — commercial, housing fund or both (MortgageRequest
//! → MortgageResult, the core's `mortgage::compute`; docs/mortgage.md). The body goes through
//! [`V1Json`] like every v1 request; a bad field is a 400 naming its JSON path
//! (`commercial.spread_bp`), never a 500. Two 360-period schedules take a few milliseconds, so
//! it runs inline like the other calculations.

use crate::error::ApiError;
use crate::extract::V1Json;
use axum::Json;
use loanlens_core::mortgage::{compute, MortgageRequest, MortgageResult};

/// The handler, routed in [`crate::app`].
pub async fn mortgage(
    V1Json(req): V1Json<MortgageRequest>,
) -> Result<Json<MortgageResult>, ApiError> {
    Ok(Json(compute(&req)?))
}
