//! Validation: a [`ScheduleRequest`] becomes a [`Loan`] whose every field is inside its
//! documented range (docs/money.md, "Ranges"), so computing its schedule cannot overflow.
//! Every rejection is an [`InputError`] naming the JSON path and the allowed range.

use crate::dates::Date;
use crate::error::InputError;
use crate::money::{money, round_money, to_cents, to_rate_units, RATE_ONE};
use crate::schema::{DayCount, Frequency, Method, PrepaymentMode, ScheduleRequest};
use rust_decimal::Decimal;

/// Largest principal accepted, CNY.
pub const MAX_PRINCIPAL: Decimal =
    Decimal::from_parts(1_000_000_000_000u64 as u32, 232, 0, false, 0);
/// Largest annual rate accepted, as a fraction (10 = 1000%).
pub const MAX_ANNUAL_RATE: Decimal = Decimal::TEN;
/// Longest term accepted, in months (50 years).
pub const MAX_TERM_MONTHS: u32 = 600;
/// Largest monthly fee rate accepted, as a fraction of the principal (0.1 = 10% a month).
pub const MAX_MONTHLY_FEE_RATE: Decimal = Decimal::from_parts(1, 0, 0, false, 1);
/// Largest upfront fee as a fraction of the principal (0.5 = half), whether the request gives
/// it as `upfront_fee` (an amount, rounded down to the cent) or as `upfront_fee_rate`.
pub const MAX_UPFRONT_FEE_RATE: Decimal = Decimal::from_parts(5, 0, 0, false, 1);
/// Largest prepayment or settlement penalty rate accepted (0.1 = 10% of the principal prepaid).
pub const MAX_PENALTY_RATE: Decimal = Decimal::from_parts(1, 0, 0, false, 1);

fn check_range(
    field: &str,
    value: Decimal,
    min: Decimal,
    max: Decimal,
    rule: &str,
) -> Result<(), InputError> {
    if value < min || value > max {
        return Err(InputError::new(field, rule));
    }
    Ok(())
}

fn check_scale(field: &str, value: Decimal, dp: u32) -> Result<(), InputError> {
    if value.normalize().scale() > dp {
        let what = if dp == 2 {
            "2 decimal places (whole cents)".to_string()
        } else {
            format!("{dp} decimal places")
        };
        return Err(InputError::new(field, format!("must have at most {what}")));
    }
    Ok(())
}

fn check_rate(field: &str, value: Decimal, max: Decimal, rule: &str) -> Result<i128, InputError> {
    check_range(field, value, Decimal::ZERO, max, rule)?;
    check_scale(field, value, 12)?;
    Ok(to_rate_units(value))
}

fn check_money(field: &str, value: Decimal, min: Decimal, rule: &str) -> Result<i128, InputError> {
    check_range(field, value, min, MAX_PRINCIPAL, rule)?;
    check_scale(field, value, 2)?;
    Ok(to_cents(value))
}

/// A validated partial prepayment.
#[derive(Debug, Clone, PartialEq)]
pub(crate) struct PrepaymentEvent {
    /// Its index in the request, for error paths.
    pub index: usize,
    pub period: u32,
    /// Cents prepaid.
    pub amount: i128,
    pub mode: PrepaymentMode,
    /// Penalty rate, units of 10⁻¹².
    pub penalty: i128,
}

/// A validated full early settlement.
#[derive(Debug, Clone, Copy, PartialEq)]
pub(crate) struct SettlementEvent {
    pub period: u32,
    /// Penalty rate, units of 10⁻¹².
    pub penalty: i128,
}

/// A validated rate reset.
#[derive(Debug, Clone, Copy, PartialEq)]
pub(crate) struct RateReset {
    pub from_period: u32,
    /// The new annual rate, units of 10⁻¹².
    pub rate: i128,
}

/// Dates of a loan: payment k falls on `anchor + (k − 1 + offset) × months`.
#[derive(Debug, Clone, PartialEq)]
pub(crate) struct Dates {
    pub anchor: Date,
    /// 0 when the anchor is the first payment date, 1 when it is the disbursement date.
    pub offset: u32,
    /// Days of an odd first period, when the first period is not one regular period.
    pub odd_days: Option<i64>,
}

/// A validated loan: every field is inside its documented range, so computing its schedule
/// cannot overflow. Build it with [`Loan::from_request`].
#[derive(Debug, Clone, PartialEq)]
pub struct Loan {
    pub(crate) principal: Decimal,
    pub(crate) p_cents: i128,
    pub(crate) annual_rate: Decimal,
    pub(crate) rate: i128,
    pub(crate) freq: Frequency,
    pub(crate) periods: u32,
    pub(crate) grace: u32,
    pub(crate) method: Method,
    pub(crate) upfront_fee: i128,
    /// Which field gave the upfront fee (`upfront_fee` or `upfront_fee_rate`), for errors.
    pub(crate) fee_field: &'static str,
    pub(crate) fee_per_period: i128,
    pub(crate) lpr_1y: Option<Decimal>,
    pub(crate) dates: Option<Dates>,
    pub(crate) day_count: DayCount,
    pub(crate) prepayments: Vec<PrepaymentEvent>,
    pub(crate) settlement: Option<SettlementEvent>,
    pub(crate) rate_changes: Vec<RateReset>,
}

impl Loan {
    /// Validates a request. The error names the first offending field (as a JSON path) and its
    /// allowed range.
    ///
    /// ```
    /// use loanlens_core::schedule::Loan;
    /// use loanlens_core::schema::{Method, ScheduleRequest};
    /// use rust_decimal::Decimal;
    /// let req = ScheduleRequest::new(Decimal::from(1000), Decimal::new(5, 2), 0, Method::Bullet);
    /// assert_eq!(Loan::from_request(&req).unwrap_err().field, "term_months");
    /// ```
    pub fn from_request(req: &ScheduleRequest) -> Result<Loan, InputError> {
        let p_cents = check_money(
            "principal",
            req.principal,
            Decimal::new(1, 2),
            "must be between 0.01 and 1000000000000.00 CNY",
        )?;
        let rate = check_rate(
            "annual_rate",
            req.annual_rate,
            MAX_ANNUAL_RATE,
            "must be between 0 and 10 (0% to 1000% a year)",
        )?;
        if req.term_months == 0 || req.term_months > MAX_TERM_MONTHS {
            return Err(InputError::new("term_months", "must be between 1 and 600 months"));
        }
        let freq = req.payment_frequency.unwrap_or_default();
        let months = freq.months();
        if !req.term_months.is_multiple_of(months) {
            return Err(InputError::new(
                "term_months",
                "must be a multiple of 3 (3 to 600 months) when payment_frequency is quarterly",
            ));
        }
        let periods = req.term_months / months;
        let grace_months = req.grace_months.unwrap_or(0);
        if grace_months >= req.term_months || !grace_months.is_multiple_of(months) {
            return Err(InputError::new(
                "grace_months",
                format!(
                    "must be between 0 and {} months (less than term_months{})",
                    req.term_months - months,
                    if months == 3 { ", a multiple of 3 when quarterly" } else { "" }
                ),
            ));
        }
        let (upfront_fee, fee_field) = Self::upfront_fee(req, p_cents)?;
        let monthly_fee_rate = req.monthly_fee_rate.unwrap_or(Decimal::ZERO);
        check_rate(
            "monthly_fee_rate",
            monthly_fee_rate,
            MAX_MONTHLY_FEE_RATE,
            "must be between 0 and 0.1 (0% to 10% of the principal a month)",
        )?;
        let fee_per_period =
            to_cents(round_money(req.principal * monthly_fee_rate * Decimal::from(months)));
        if let Some(lpr) = req.lpr_1y {
            check_range(
                "lpr_1y",
                lpr,
                Decimal::new(1, 4),
                Decimal::new(2, 1),
                "must be between 0.0001 and 0.2 (0.01% to 20%)",
            )?;
        }
        let dates = Self::dates(req, months)?;
        let prepayments = Self::prepayments(req, periods)?;
        let settlement = Self::settlement(req, periods, &prepayments)?;
        let rate_changes = Self::rate_changes(req, periods)?;
        Ok(Loan {
            principal: req.principal,
            p_cents,
            annual_rate: req.annual_rate,
            rate,
            freq,
            periods,
            grace: grace_months / months,
            method: req.method,
            upfront_fee,
            fee_field,
            fee_per_period,
            lpr_1y: req.lpr_1y,
            dates,
            day_count: req.day_count.unwrap_or_default(),
            prepayments,
            settlement,
            rate_changes,
        })
    }

    /// The upfront fee in cents and the field that gave it. One rule, whichever field gives
    /// the fee: at most half the principal (`MAX_UPFRONT_FEE_RATE`), in whole cents.
    fn upfront_fee(
        req: &ScheduleRequest,
        p_cents: i128,
    ) -> Result<(i128, &'static str), InputError> {
        let max_cents = p_cents * to_rate_units(MAX_UPFRONT_FEE_RATE) / RATE_ONE;
        let half = || format!("{} (half the principal)", money(max_cents));
        match (req.upfront_fee, req.upfront_fee_rate) {
            (Some(_), Some(_)) => Err(InputError::new(
                "upfront_fee_rate",
                "give either upfront_fee or upfront_fee_rate, not both",
            )),
            (Some(fee), None) => {
                let rule = || format!("must be between 0.00 and {}", half());
                let fee_cents = check_money("upfront_fee", fee, Decimal::ZERO, &rule())?;
                if fee_cents > max_cents {
                    return Err(InputError::new("upfront_fee", rule()));
                }
                Ok((fee_cents, "upfront_fee"))
            }
            (None, Some(r)) => {
                check_rate(
                    "upfront_fee_rate",
                    r,
                    MAX_UPFRONT_FEE_RATE,
                    "must be between 0 and 0.5 (0% to 50% of the principal)",
                )?;
                let fee_cents = to_cents(round_money(req.principal * r));
                if fee_cents > max_cents {
                    return Err(InputError::new(
                        "upfront_fee_rate",
                        format!("must make a fee of at most {}", half()),
                    ));
                }
                Ok((fee_cents, "upfront_fee_rate"))
            }
            (None, None) => Ok((0, "upfront_fee")),
        }
    }

    fn dates(req: &ScheduleRequest, months: u32) -> Result<Option<Dates>, InputError> {
        let parse = |field: &str, s: &Option<String>| -> Result<Option<Date>, InputError> {
            s.as_deref().map(|s| Date::parse(s).map_err(|m| InputError::new(field, m))).transpose()
        };
        let disbursed = parse("disbursement_date", &req.disbursement_date)?;
        let first = parse("first_payment_date", &req.first_payment_date)?;
        Ok(match (disbursed, first) {
            (None, None) => None,
            (Some(d), None) => Some(Dates { anchor: d, offset: 1, odd_days: None }),
            (None, Some(f)) => Some(Dates { anchor: f, offset: 0, odd_days: None }),
            (Some(d), Some(f)) => {
                let days = d.days_until(f);
                let regular = d.add_months_clamped(months);
                let latest = d.add_months_clamped(2 * months);
                if days < 1 || f > latest {
                    return Err(InputError::new(
                        "first_payment_date",
                        format!(
                            "must be after disbursement_date and at most {} months later (by {latest})",
                            2 * months
                        ),
                    ));
                }
                Some(Dates { anchor: f, offset: 0, odd_days: (f != regular).then_some(days) })
            }
        })
    }

    /// Validated prepayments, sorted by period.
    fn prepayments(
        req: &ScheduleRequest,
        periods: u32,
    ) -> Result<Vec<PrepaymentEvent>, InputError> {
        let last_event_period = periods.saturating_sub(1);
        if req.prepayments.len() > MAX_TERM_MONTHS as usize {
            return Err(InputError::new("prepayments", "must have at most 600 entries"));
        }
        let mut prepayments = Vec::with_capacity(req.prepayments.len());
        for (i, pp) in req.prepayments.iter().enumerate() {
            if pp.period == 0 || pp.period > last_event_period {
                return Err(InputError::new(
                    format!("prepayments[{i}].period"),
                    format!("must be between 1 and {last_event_period} (a period before the last)"),
                ));
            }
            let amount = check_money(
                &format!("prepayments[{i}].amount"),
                pp.amount,
                Decimal::new(1, 2),
                "must be between 0.01 and the balance after that period's payment",
            )?;
            let penalty = check_rate(
                &format!("prepayments[{i}].penalty_rate"),
                pp.penalty_rate.unwrap_or(Decimal::ZERO),
                MAX_PENALTY_RATE,
                "must be between 0 and 0.1 (0% to 10% of the amount prepaid)",
            )?;
            prepayments.push(PrepaymentEvent {
                index: i,
                period: pp.period,
                amount,
                mode: pp.mode,
                penalty,
            });
        }
        prepayments.sort_by_key(|e| e.period);
        Ok(prepayments)
    }

    fn settlement(
        req: &ScheduleRequest,
        periods: u32,
        prepayments: &[PrepaymentEvent],
    ) -> Result<Option<SettlementEvent>, InputError> {
        let Some(s) = &req.settlement else { return Ok(None) };
        let last_event_period = periods.saturating_sub(1);
        if s.period == 0 || s.period > last_event_period {
            return Err(InputError::new(
                "settlement.period",
                format!("must be between 1 and {last_event_period} (a period before the last)"),
            ));
        }
        if let Some(e) = prepayments.iter().find(|e| e.period > s.period) {
            return Err(InputError::new(
                format!("prepayments[{}].period", e.index),
                format!("must not be after settlement.period ({})", s.period),
            ));
        }
        let penalty = check_rate(
            "settlement.penalty_rate",
            s.penalty_rate.unwrap_or(Decimal::ZERO),
            MAX_PENALTY_RATE,
            "must be between 0 and 0.1 (0% to 10% of the principal settled)",
        )?;
        Ok(Some(SettlementEvent { period: s.period, penalty }))
    }

    fn rate_changes(req: &ScheduleRequest, periods: u32) -> Result<Vec<RateReset>, InputError> {
        let mut rate_changes = Vec::with_capacity(req.rate_changes.len());
        let mut previous = 0;
        for (i, rc) in req.rate_changes.iter().enumerate() {
            if rc.from_period == 0 || rc.from_period > periods {
                return Err(InputError::new(
                    format!("rate_changes[{i}].from_period"),
                    format!("must be between 1 and {periods} (a payment period of the loan)"),
                ));
            }
            if rc.from_period <= previous {
                return Err(InputError::new(
                    format!("rate_changes[{i}].from_period"),
                    format!("must be greater than the previous change's from_period ({previous})"),
                ));
            }
            previous = rc.from_period;
            let rate = check_rate(
                &format!("rate_changes[{i}].annual_rate"),
                rc.annual_rate,
                MAX_ANNUAL_RATE,
                "must be between 0 and 10 (0% to 1000% a year)",
            )?;
            rate_changes.push(RateReset { from_period: rc.from_period, rate });
        }
        Ok(rate_changes)
    }

    /// Number of payment periods before any prepayment.
    ///
    /// ```
    /// use loanlens_core::schedule::Loan;
    /// use loanlens_core::schema::{Method, ScheduleRequest};
    /// let req = ScheduleRequest::new(1000.into(), 0.into(), 24, Method::Bullet);
    /// assert_eq!(Loan::from_request(&req).unwrap().periods(), 24);
    /// ```
    pub fn periods(&self) -> u32 {
        self.periods
    }

    /// The same loan without prepayments and settlement (the baseline of a prepayment summary).
    pub(crate) fn without_events(&self) -> Loan {
        Loan { prepayments: Vec::new(), settlement: None, ..self.clone() }
    }
}
