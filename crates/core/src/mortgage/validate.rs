//! Validation of a [`MortgageRequest`]: every field checked before any arithmetic, each error
//! naming its JSON path (`commercial.spread_bp`) and the allowed range; defaults resolved (the
//! rates by term, the LPR, the repricing rule), the loan split into its parts.

use super::{
    AssumedLpr, CommercialPart, HousingFundPart, LoanType, MortgageRequest, PartKind,
    RepaymentMethod, Repricing, DEFAULT_FUND_RATE_DATE, DEFAULT_FUND_RATE_OVER_5Y,
    DEFAULT_FUND_RATE_UP_TO_5Y, LAST_DISBURSEMENT_DATE, MAX_RATE, MAX_RESET_CYCLE_MONTHS,
    MAX_SPREAD_BP, MAX_TERM_MONTHS, MONTH_END,
};
use super::{CYCLE_RULE, DAY_RULE, SPREAD_RULE, TERM_RULE};
use crate::dates::{first_payment_date, Date};
use crate::error::InputError;
use crate::money::round_money;
use crate::schedule::MAX_PRINCIPAL;
use crate::schema::{DEFAULT_LPR_1Y, DEFAULT_LPR_5Y, DEFAULT_LPR_DATE};
use rust_decimal::Decimal;

/// The commercial part's LPR terms, resolved.
#[derive(Debug, Clone, PartialEq)]
pub(crate) struct LprTerms {
    pub lpr: Decimal,
    pub spread_bp: i32,
    /// spread_bp / 10,000.
    pub spread: Decimal,
    pub repricing: Repricing,
    pub cycle: u32,
    /// The assumed LPR's date and value.
    pub assumed: Option<(Date, Decimal)>,
}

impl LprTerms {
    /// The LPR in force on `date`.
    pub fn lpr_on(&self, date: Date) -> Decimal {
        match self.assumed {
            Some((from, lpr)) if date >= from => lpr,
            _ => self.lpr,
        }
    }
}

/// One part, resolved.
#[derive(Debug, Clone, PartialEq)]
pub(crate) struct ValidPart {
    pub kind: PartKind,
    pub amount: Decimal,
    pub method: RepaymentMethod,
    pub term_months: u32,
    /// The rate at disbursement.
    pub annual_rate: Decimal,
    /// The date of a built-in default used for the rate.
    pub rate_date: Option<&'static str>,
    /// The commercial part's LPR terms.
    pub lpr: Option<LprTerms>,
}

/// A validated request.
#[derive(Debug, Clone, PartialEq)]
pub(crate) struct Valid {
    pub loan_amount: Decimal,
    pub house_price: Option<Decimal>,
    pub disbursed: Date,
    pub repayment_day: Option<u32>,
    /// Housing-fund part first.
    pub parts: Vec<ValidPart>,
}

impl Valid {
    /// The first payment date when a repayment day is given: the one rule
    /// ([`crate::dates::first_payment_date`], the 15-day rule; 31: the month's last day).
    /// `None`: the engine's default, one month after.
    pub fn first_payment_date(&self) -> Option<Date> {
        first_payment_date(self.disbursed, self.repayment_day?)
    }

    /// Whether payments fall on each month's last day.
    pub fn month_end(&self) -> bool {
        self.repayment_day == Some(MONTH_END)
    }

    /// Payment date of period `k` (1-based); period 0 is the disbursement date. The engine's
    /// rule (the first payment's day of month, clamped), or each month's last day for 月末.
    pub fn payment_date(&self, k: u32) -> Date {
        let Some(first) = self.first_payment_date() else {
            return self.disbursed.add_months_clamped(k);
        };
        if k == 0 {
            return self.disbursed;
        }
        let d = first.add_months_clamped(k - 1);
        if self.month_end() {
            return last_day(d);
        }
        d
    }
}

/// The last day of `d`'s month, for any year the engine's dates reach: the 31 January of the
/// calendar's first year moved on by whole months keeps the month's last day.
fn last_day(d: Date) -> Date {
    let months = (i64::from(d.year()) - i64::from(Date::MIN_YEAR)) * 12 + i64::from(d.month()) - 1;
    match (Date::new(Date::MIN_YEAR, 1, 31), u32::try_from(months)) {
        (Some(base), Ok(m)) => base.add_months_clamped(m),
        _ => d,
    }
}

fn money_field(field: &str, v: Decimal, min: Decimal) -> Result<Decimal, InputError> {
    if v < min || v > MAX_PRINCIPAL || v.normalize().scale() > 2 {
        return Err(InputError::new(
            field,
            format!("must be between {min} and 1000000000000.00 CNY with at most 2 decimals"),
        ));
    }
    // Exactly two decimals, as every amount in a response.
    Ok(round_money(v))
}

fn rate_field(field: &str, v: Decimal, min: Decimal) -> Result<Decimal, InputError> {
    if v < min || v > MAX_RATE || v.normalize().scale() > 12 {
        return Err(InputError::new(
            field,
            format!("must be between {min} and 0.2 (20% a year) with at most 12 decimals"),
        ));
    }
    Ok(v)
}

fn term(field: &str, v: Option<u32>, default: u32) -> Result<u32, InputError> {
    let t = v.unwrap_or(default);
    if t == 0 || t > MAX_TERM_MONTHS {
        return Err(InputError::new(field, format!("must be {TERM_RULE}")));
    }
    Ok(t)
}

/// The loan amount: given, or the price less the down payment.
fn loan_amount(req: &MortgageRequest) -> Result<Decimal, InputError> {
    let cent = Decimal::new(1, 2);
    match (req.loan_amount, req.house_price, req.down_payment_rate) {
        (Some(_), Some(_), _) | (Some(_), _, Some(_)) => Err(InputError::new(
            "loan_amount",
            "give either loan_amount or house_price with down_payment_rate, not both",
        )),
        (Some(a), None, None) => money_field("loan_amount", a, cent),
        (None, None, None) => Err(InputError::new(
            "loan_amount",
            "is required (0.01 to 1000000000000.00 CNY) unless house_price and \
             down_payment_rate are given",
        )),
        (None, None, Some(_)) => Err(InputError::new(
            "house_price",
            "is required with down_payment_rate (0.01 to 1000000000000.00 CNY)",
        )),
        (None, Some(_), None) => Err(InputError::new(
            "down_payment_rate",
            "is required with house_price (0 to below 1, e.g. 0.3 for 30%)",
        )),
        (None, Some(price), Some(rate)) => {
            let price = money_field("house_price", price, cent)?;
            if rate < Decimal::ZERO || rate >= Decimal::ONE || rate.normalize().scale() > 12 {
                return Err(InputError::new(
                    "down_payment_rate",
                    "must be at least 0 and below 1 (0% to below 100% of the price) with at \
                     most 12 decimals",
                ));
            }
            let loan = round_money(price * (Decimal::ONE - rate));
            if loan < cent {
                return Err(InputError::new(
                    "down_payment_rate",
                    "must leave a loan of at least 0.01 CNY",
                ));
            }
            Ok(loan)
        }
    }
}

fn fund_part(
    f: Option<&HousingFundPart>,
    amount: Decimal,
    term_default: u32,
) -> Result<ValidPart, InputError> {
    let empty =
        HousingFundPart { amount: None, annual_rate: None, method: None, term_months: None };
    let f = f.unwrap_or(&empty);
    let term_months = term("housing_fund.term_months", f.term_months, term_default)?;
    let (annual_rate, rate_date) = match f.annual_rate {
        Some(r) => (rate_field("housing_fund.annual_rate", r, Decimal::ZERO)?, None),
        None if term_months > 60 => (DEFAULT_FUND_RATE_OVER_5Y, Some(DEFAULT_FUND_RATE_DATE)),
        None => (DEFAULT_FUND_RATE_UP_TO_5Y, Some(DEFAULT_FUND_RATE_DATE)),
    };
    Ok(ValidPart {
        kind: PartKind::HousingFund,
        amount,
        method: f.method.unwrap_or_default(),
        term_months,
        annual_rate,
        rate_date,
        lpr: None,
    })
}

fn commercial_part(
    c: Option<&CommercialPart>,
    amount: Decimal,
    term_default: u32,
) -> Result<ValidPart, InputError> {
    let empty = CommercialPart {
        method: None,
        term_months: None,
        lpr: None,
        spread_bp: None,
        repricing: None,
        reset_cycle_months: None,
        assumed_lpr: None,
    };
    let c = c.unwrap_or(&empty);
    let term_months = term("commercial.term_months", c.term_months, term_default)?;
    let min_lpr = Decimal::new(1, 4);
    let (lpr, rate_date) = match c.lpr {
        Some(l) => (rate_field("commercial.lpr", l, min_lpr)?, None),
        None if term_months > 60 => (DEFAULT_LPR_5Y, Some(DEFAULT_LPR_DATE)),
        None => (DEFAULT_LPR_1Y, Some(DEFAULT_LPR_DATE)),
    };
    let spread_bp = c.spread_bp.unwrap_or(0);
    if !(-MAX_SPREAD_BP..=MAX_SPREAD_BP).contains(&spread_bp) {
        return Err(InputError::new("commercial.spread_bp", format!("must be {SPREAD_RULE}")));
    }
    let spread = Decimal::new(i64::from(spread_bp), 4);
    if lpr + spread < Decimal::ZERO {
        return Err(InputError::new(
            "commercial.spread_bp",
            "must keep the rate (LPR + spread_bp / 10000) at or above 0",
        ));
    }
    let cycle = c.reset_cycle_months.unwrap_or(12);
    if cycle == 0 || cycle > MAX_RESET_CYCLE_MONTHS {
        return Err(InputError::new(
            "commercial.reset_cycle_months",
            format!("must be {CYCLE_RULE}"),
        ));
    }
    let assumed = match &c.assumed_lpr {
        None => None,
        Some(AssumedLpr { from_date, lpr: a }) => {
            let d = Date::parse(from_date)
                .map_err(|m| InputError::new("commercial.assumed_lpr.from_date", m))?;
            let a = rate_field("commercial.assumed_lpr.lpr", *a, min_lpr)?;
            if a + spread < Decimal::ZERO {
                return Err(InputError::new(
                    "commercial.assumed_lpr.lpr",
                    "must keep the rate (LPR + spread_bp) at or above 0",
                ));
            }
            Some((d, a))
        }
    };
    let terms = LprTerms {
        lpr,
        spread_bp,
        spread,
        repricing: c.repricing.unwrap_or_default(),
        cycle,
        assumed,
    };
    Ok(ValidPart {
        kind: PartKind::Commercial,
        amount,
        method: c.method.unwrap_or_default(),
        term_months,
        annual_rate: Decimal::ZERO,
        rate_date,
        lpr: Some(terms),
    })
}

/// Validates a request.
pub(crate) fn validate(req: &MortgageRequest) -> Result<Valid, InputError> {
    let loan = loan_amount(req)?;
    let term_default = term("term_months", Some(req.term_months), 0)?;
    // One limit, stated once: from the last disbursement date every repayment day's first
    // payment still falls within the calendar (by 2200-12-31).
    let date_rule = || {
        InputError::new(
            "disbursement_date",
            format!(
                "must be a date written YYYY-MM-DD between {}-01-01 and {LAST_DISBURSEMENT_DATE}",
                Date::MIN_YEAR
            ),
        )
    };
    let disbursed = Date::parse(&req.disbursement_date).map_err(|_| date_rule())?;
    if Date::parse(LAST_DISBURSEMENT_DATE).is_ok_and(|last| disbursed > last) {
        return Err(date_rule());
    }
    if let Some(day) = req.repayment_day {
        if day == 0 || (day > 28 && day != MONTH_END) {
            return Err(InputError::new("repayment_day", format!("must be {DAY_RULE}")));
        }
    }
    let absent = |field: &str, t: &str| {
        InputError::new(field, format!("must be absent when loan_type is {t}"))
    };
    let fund = req.housing_fund.as_ref();
    let parts = match req.loan_type {
        LoanType::Commercial => {
            if fund.is_some() {
                return Err(absent("housing_fund", "commercial"));
            }
            vec![commercial_part(req.commercial.as_ref(), loan, term_default)?]
        }
        LoanType::HousingFund => {
            if req.commercial.is_some() {
                return Err(absent("commercial", "housing_fund"));
            }
            if fund.and_then(|f| f.amount).is_some() {
                return Err(InputError::new(
                    "housing_fund.amount",
                    "must be absent unless loan_type is combination (the loan amount is the \
                     housing-fund loan)",
                ));
            }
            vec![fund_part(fund, loan, term_default)?]
        }
        LoanType::Combination => {
            let max = loan - Decimal::new(1, 2);
            let range = format!(
                "0.01 to {max} CNY (the loan amount less 0.01) with at most 2 decimals; the \
                 commercial part is the rest"
            );
            let a = fund.and_then(|f| f.amount).ok_or_else(|| {
                InputError::new(
                    "housing_fund.amount",
                    format!("is required for a combination: {range}"),
                )
            })?;
            if a < Decimal::new(1, 2) || a > max || a.normalize().scale() > 2 {
                return Err(InputError::new(
                    "housing_fund.amount",
                    format!("must be within {range}"),
                ));
            }
            let a = round_money(a);
            vec![
                fund_part(fund, a, term_default)?,
                commercial_part(req.commercial.as_ref(), loan - a, term_default)?,
            ]
        }
    };
    let mut v = Valid {
        loan_amount: loan,
        house_price: req.house_price.filter(|_| req.loan_amount.is_none()).map(round_money),
        disbursed,
        repayment_day: req.repayment_day,
        parts,
    };
    // The commercial rate at disbursement: the LPR then in force + the spread.
    let start = v.disbursed;
    for p in &mut v.parts {
        if let Some(t) = &p.lpr {
            p.annual_rate = t.lpr_on(start) + t.spread;
            if p.annual_rate < Decimal::ZERO {
                return Err(InputError::new(
                    "commercial.spread_bp",
                    "must keep the rate (LPR + spread_bp / 10000) at or above 0",
                ));
            }
        }
    }
    Ok(v)
}
