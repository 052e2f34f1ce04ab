//! Every method for the same loan in one call.

use crate::error::InputError;
use crate::schedule::schedule;
use crate::schema::{CompareItem, CompareRequest, CompareResponse, Method, SCHEMA_VERSION};

/// Computes the schedule of each requested method (all five by default) and reports its payment
/// range, totals and APR. An error in any method is reported with the method named.
///
/// ```
/// use loanlens_core::schema::from_json;
/// let req = from_json(r#"{"principal":"1000000.00","annual_rate":"0.049","term_months":360}"#).unwrap();
/// let c = loanlens_core::compare(&req).unwrap();
/// assert_eq!(c.results.len(), 5);
/// assert_eq!(c.results[0].first_payment.to_string(), "5307.27");
/// assert_eq!(c.least_interest.id(), "equal_principal");
/// ```
pub fn compare(req: &CompareRequest) -> Result<CompareResponse, InputError> {
    let methods: Vec<Method> = match &req.methods {
        None => Method::ALL.to_vec(),
        Some(m) if m.is_empty() || m.len() > 5 => {
            return Err(InputError::new(
                "methods",
                "must list 1 to 5 methods: equal_installment, equal_principal, interest_only, bullet, flat_rate",
            ))
        }
        Some(m) => m.clone(),
    };
    let mut results = Vec::with_capacity(methods.len());
    for method in methods {
        let s = schedule(&req.schedule_request(method)).map_err(|e| {
            InputError::new(e.field, format!("{} (with method {})", e.message, method.id()))
        })?;
        let payments = s.rows.iter().map(|r| r.payment);
        results.push(CompareItem {
            method,
            periods: s.rows.len() as u32,
            first_payment: s.first_payment,
            last_payment: s.last_payment,
            min_payment: payments.clone().min().unwrap_or_default(),
            max_payment: payments.max().unwrap_or_default(),
            total_interest: s.total_interest,
            total_fees: s.total_fees,
            total_payment: s.total_payment,
            apr: s.apr,
            flags: s.flags,
        });
    }
    let pick = |key: &dyn Fn(&CompareItem) -> rust_decimal::Decimal| {
        results
            .iter()
            .fold(None::<&CompareItem>, |best, r| match best {
                Some(b) if key(b) <= key(r) => Some(b),
                _ => Some(r),
            })
            .map(|r| r.method)
            .unwrap_or(Method::EqualInstallment)
    };
    let least_interest = pick(&|r| r.total_interest);
    let lowest_apr = pick(&|r| r.apr.nominal);
    Ok(CompareResponse { schema_version: SCHEMA_VERSION, results, least_interest, lowest_apr })
}
