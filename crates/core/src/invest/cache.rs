//! The comparison itself, with a cache of each product's figures so that a page recomputing on
//! every keystroke redoes only the product that changed.
//!
//! A product's flows, totals, XIRR, average capital and explanation depend on that product
//! alone; its terminal wealth depends on the horizon too, and its ranks on every product. So
//! [`compare_cached`] keeps the first part per validated product (name included) and recomputes
//! terminal wealth (one multiplication per flow; reused too for a product and horizon both
//! unchanged) and ranks on every call. Invariant:
//! `compare_cached(req, cache)` equals [`super::compare`]`(req)` whatever the cache holds:
//! an entry is reused only for a product equal to the one it was computed from, and `compare`
//! is this function with an empty cache.

use super::flows::{self, ProductFlows};
use super::validate::{self, Horizon, Valid};
use super::{explain, ranking, InvestRequest, InvestResponse, ProductResult, CONVENTIONS};
use crate::error::InputError;
use crate::schema::SCHEMA_VERSION;
use rust_decimal::Decimal;
use std::sync::Arc;

/// One product's figures that do not depend on the horizon or on the other products.
#[derive(Debug)]
struct Entry {
    product: Valid,
    flows: ProductFlows,
    result: ProductResult,
}

/// The figures of the products last compared (at most [`super::MAX_PRODUCTS`]), for
/// [`compare_cached`]. Starts empty; cheap to clone (entries are shared).
///
/// ```
/// use loanlens_core::invest::{compare, compare_cached, Cache, InvestRequest};
/// let mut req: InvestRequest = loanlens_core::schema::from_json(r#"{"products":[
///   {"name":"A","amount":"10000","annual_rate":"0.1","term_months":12,
///    "structure":"equal_installment","start_date":"2025-01-15"},
///   {"name":"B","amount":"10000","annual_rate":"0.1","term_months":12,
///    "structure":"bullet","start_date":"2025-01-15"}]}"#).unwrap();
/// let mut cache = Cache::default();
/// assert_eq!(compare_cached(&req, &mut cache), compare(&req));
/// req.products[1].term_months = 24; // only B is computed again
/// assert_eq!(compare_cached(&req, &mut cache), compare(&req));
/// assert_eq!(cache.len(), 2);
/// ```
#[derive(Debug, Clone, Default)]
pub struct Cache {
    entries: Vec<Arc<Entry>>,
    /// Terminal wealth of each entry at the last call's horizon (same order as `entries`).
    wealth: Vec<Option<(Horizon, Decimal)>>,
}

impl Cache {
    /// How many products' figures are kept.
    pub fn len(&self) -> usize {
        self.entries.len()
    }

    /// Whether nothing is kept.
    pub fn is_empty(&self) -> bool {
        self.entries.is_empty()
    }
}

/// [`super::compare`], reusing from `cache` the figures of every product that has not changed
/// since the last call, and leaving in `cache` the figures of this request's products. A
/// request that fails leaves the cache as it was.
pub fn compare_cached(
    req: &InvestRequest,
    cache: &mut Cache,
) -> Result<InvestResponse, InputError> {
    let valid = validate::request(req)?;
    let mut entries = Vec::with_capacity(valid.products.len());
    for (i, p) in valid.products.into_iter().enumerate() {
        let found = entries.iter().chain(&cache.entries).find(|e: &&Arc<Entry>| e.product == p);
        let entry = match found {
            Some(e) => Arc::clone(e),
            None => Arc::new(entry(i, p)?),
        };
        entries.push(entry);
    }
    let mut results: Vec<ProductResult> = entries.iter().map(|e| e.result.clone()).collect();
    let mut wealth = vec![None; entries.len()];
    if let Some(h) = &valid.horizon {
        for (i, (r, e)) in results.iter_mut().zip(&entries).enumerate() {
            // The same entry at the same horizon as last time: its wealth is known.
            let known = cache.entries.iter().zip(&cache.wealth).find_map(|(c, w)| match w {
                Some((ch, tw)) if Arc::ptr_eq(c, e) && ch == h => Some(*tw),
                _ => None,
            });
            if let Some(tw) = known {
                r.terminal_wealth = Some(tw);
                wealth[i] = Some((h.clone(), tw));
                continue;
            }
            let tw = flows::terminal_wealth(&e.flows, h).ok_or_else(|| {
                InputError::new(
                    "horizon_date",
                    format!(
                        "is too far from products[{i}]'s cash flows: growth at \
                         reinvestment_rate over that span leaves the computable range"
                    ),
                )
            })?;
            r.terminal_wealth = Some(tw);
            wealth[i] = Some((h.clone(), tw));
        }
    }
    let by_xirr = ranking(&results.iter().map(|r| r.xirr).collect::<Vec<_>>());
    let by_tw = valid.horizon.as_ref().and_then(|_| {
        let tw: Option<Vec<Decimal>> = results.iter().map(|r| r.terminal_wealth).collect();
        tw.map(|tw| ranking(&tw))
    });
    for (rank, &i) in by_xirr.iter().enumerate() {
        results[i].rank_by_xirr = u32::try_from(rank + 1).unwrap_or(u32::MAX);
    }
    if let Some(order) = &by_tw {
        for (rank, &i) in order.iter().enumerate() {
            results[i].rank_by_terminal_wealth = Some(u32::try_from(rank + 1).unwrap_or(u32::MAX));
        }
    }
    cache.entries = entries;
    cache.wealth = wealth;
    Ok(InvestResponse {
        schema_version: SCHEMA_VERSION,
        products: results,
        by_xirr,
        by_terminal_wealth: by_tw,
        horizon_date: req.horizon_date.clone(),
        reinvestment_rate: req.reinvestment_rate,
        conventions: CONVENTIONS.iter().map(|s| s.to_string()).collect(),
    })
}

/// Computes product `i`'s horizon-free figures and its explanation.
fn entry(i: usize, p: Valid) -> Result<Entry, InputError> {
    let f = flows::product_flows(&p).map_err(|m| InputError::new(format!("products[{i}]"), m))?;
    let mut result = flows::metrics(i, &p, &f)?;
    result.explanation = explain::sentence(&p, &f, &result);
    Ok(Entry { product: p, flows: f, result })
}
