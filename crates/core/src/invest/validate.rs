//! Validation of an [`InvestRequest`]: every range checked before any arithmetic, each error
//! naming its JSON path (`products[2].idle_days`) and the allowed range.

use super::{
    InvestRequest, Product, ProductKind, Structure, MAX_AMOUNT, MAX_IDLE_DAYS, MAX_NAME_CHARS,
    MAX_PRODUCTS, MAX_RATE, MAX_TERM_MONTHS, MIN_PRODUCTS,
};
use crate::dates::Date;
use crate::error::InputError;
use rust_decimal::Decimal;

/// A product whose every field is in range, with its dates resolved.
#[derive(Debug, Clone, PartialEq)]
pub(crate) struct Valid {
    pub name: String,
    pub kind: ProductKind,
    pub structure: Option<Structure>,
    pub amount: Decimal,
    pub rate: Decimal,
    pub term: u32,
    pub start: Date,
    pub idle_days: i64,
    pub value: Date,
    pub maturity: Date,
    pub fee_rate: Decimal,
}

/// The common horizon for terminal wealth.
#[derive(Debug, Clone, PartialEq)]
pub(crate) struct Horizon {
    pub date: Date,
    pub rate: Decimal,
}

/// A validated request.
#[derive(Debug, Clone, PartialEq)]
pub(crate) struct ValidRequest {
    pub products: Vec<Valid>,
    pub horizon: Option<Horizon>,
}

/// `date` + `days` (days ≥ 0), `None` beyond the calendar's range.
pub(crate) fn add_days(date: Date, days: i64) -> Option<Date> {
    // Howard Hinnant's civil_from_days.
    let z = date.days().checked_add(days)?.checked_add(719_468)?;
    let era = z.div_euclid(146_097);
    let doe = z - era * 146_097;
    let yoe = (doe - doe / 1460 + doe / 36_524 - doe / 146_096) / 365;
    let doy = doe - (365 * yoe + yoe / 4 - yoe / 100);
    let mp = (5 * doy + 2) / 153;
    let day = doy - (153 * mp + 2) / 5 + 1;
    let month = if mp < 10 { mp + 3 } else { mp - 9 };
    let year = yoe + era * 400 + i64::from(month <= 2);
    Date::new(i32::try_from(year).ok()?, u32::try_from(month).ok()?, u32::try_from(day).ok()?)
}

fn rate(field: &str, value: Decimal) -> Result<Decimal, InputError> {
    if value < Decimal::ZERO || value > MAX_RATE || value.normalize().scale() > 12 {
        return Err(InputError::new(
            field,
            "must be between 0 and 1 (0% to 100% a year) with at most 12 decimals",
        ));
    }
    Ok(value)
}

fn product(i: usize, p: &Product) -> Result<Valid, InputError> {
    let f = |name: &str| format!("products[{i}].{name}");
    let chars = p.name.chars().count();
    if p.name.trim().is_empty() || chars > MAX_NAME_CHARS {
        return Err(InputError::new(f("name"), "must be 1 to 60 characters, not blank"));
    }
    if p.amount <= Decimal::ZERO || p.amount > MAX_AMOUNT || p.amount.normalize().scale() > 2 {
        return Err(InputError::new(
            f("amount"),
            "must be between 0.01 and 1000000000.00 CNY with at most 2 decimals",
        ));
    }
    let annual_rate = rate(&f("annual_rate"), p.annual_rate)?;
    if p.term_months == 0 || p.term_months > MAX_TERM_MONTHS {
        return Err(InputError::new(f("term_months"), "must be between 1 and 600 months"));
    }
    let structure = match (p.kind, p.structure) {
        (ProductKind::Loan, None) => {
            return Err(InputError::new(
                f("structure"),
                "is required for kind \"loan\": equal_installment, equal_principal, \
                 interest_only or bullet",
            ))
        }
        (ProductKind::Loan, s) => s,
        (_, Some(_)) => {
            return Err(InputError::new(
                f("structure"),
                "applies to kind \"loan\" only; a time deposit or money-market fund has none",
            ))
        }
        (_, None) => None,
    };
    let start = Date::parse(&p.start_date).map_err(|m| InputError::new(f("start_date"), m))?;
    let idle_days = p.idle_days.unwrap_or(0);
    if !(0..=MAX_IDLE_DAYS).contains(&idle_days) {
        return Err(InputError::new(f("idle_days"), "must be between 0 and 365 days"));
    }
    let fee_rate = p.fee_rate_on_interest.unwrap_or(Decimal::ZERO);
    if p.fee_rate_on_interest.is_some() && p.kind != ProductKind::Loan {
        return Err(InputError::new(
            f("fee_rate_on_interest"),
            "applies to kind \"loan\" only; a reference product has no platform fee",
        ));
    }
    if fee_rate < Decimal::ZERO || fee_rate >= Decimal::ONE || fee_rate.normalize().scale() > 12 {
        return Err(InputError::new(
            f("fee_rate_on_interest"),
            "must be at least 0 and below 1 (0% to below 100% of each interest payment)",
        ));
    }
    let late = || {
        InputError::new(
            f("term_months"),
            format!("the product would mature after {}-12-31", Date::MAX_YEAR),
        )
    };
    let value = add_days(start, idle_days).ok_or_else(late)?;
    let maturity = value.add_months_clamped(p.term_months);
    if maturity.year() > Date::MAX_YEAR {
        return Err(late());
    }
    Ok(Valid {
        name: p.name.clone(),
        kind: p.kind,
        structure,
        amount: p.amount,
        rate: annual_rate,
        term: p.term_months,
        start,
        idle_days,
        value,
        maturity,
        fee_rate,
    })
}

/// Validates a whole request.
pub(crate) fn request(req: &InvestRequest) -> Result<ValidRequest, InputError> {
    if req.products.len() < MIN_PRODUCTS || req.products.len() > MAX_PRODUCTS {
        return Err(InputError::new("products", "must list between 2 and 8 products"));
    }
    let products = req
        .products
        .iter()
        .enumerate()
        .map(|(i, p)| product(i, p))
        .collect::<Result<Vec<_>, _>>()?;
    let horizon = match (&req.horizon_date, req.reinvestment_rate) {
        (None, None) => None,
        (Some(_), None) => return Err(InputError::new(
            "reinvestment_rate",
            "is required with horizon_date: the annual rate cash earns until the horizon, 0 to 1",
        )),
        (None, Some(_)) => {
            return Err(InputError::new(
                "horizon_date",
                "is required with reinvestment_rate: the day at which wealth is compared",
            ))
        }
        (Some(d), Some(r)) => {
            let date = Date::parse(d).map_err(|m| InputError::new("horizon_date", m))?;
            let rate = rate("reinvestment_rate", r)?;
            if let Some((i, p)) = products.iter().enumerate().find(|(_, p)| p.start > date) {
                return Err(InputError::new(
                    "horizon_date",
                    format!("must not be before products[{i}].start_date ({})", p.start),
                ));
            }
            Some(Horizon { date, rate })
        }
    };
    Ok(ValidRequest { products, horizon })
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn add_days_crosses_months_years_and_leap_days() {
        let d = Date::parse("2024-02-27").unwrap();
        assert_eq!(add_days(d, 2).unwrap().to_string(), "2024-02-29");
        assert_eq!(add_days(d, 3).unwrap().to_string(), "2024-03-01");
        assert_eq!(add_days(d, 365).unwrap().to_string(), "2025-02-26");
        let end = Date::parse("2200-12-31").unwrap();
        assert_eq!(add_days(end, 1), None);
    }
}
