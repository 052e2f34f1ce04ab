//! `POST /api/v1/invest/compare`: compare 2 to 8 investment products (InvestRequest →
//! InvestResponse, the core's `invest::compare`; docs/invest.md). The body goes through
//! [`V1Json`] like every v1 request; a bad product is a 400 naming its field
//! (`products[2].idle_days`), never a 500. The worst case (8 products of 360 months) takes
//! tens of milliseconds of CPU, so it runs inline like the other calculations.

use crate::error::ApiError;
use crate::extract::V1Json;
use axum::Json;
use loanlens_core::invest::{compare, InvestRequest, InvestResponse};

/// The handler, routed in [`crate::app`].
pub async fn invest_compare(
    V1Json(req): V1Json<InvestRequest>,
) -> Result<Json<InvestResponse>, ApiError> {
    Ok(Json(compare(&req)?))
}
