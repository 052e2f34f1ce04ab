//! The one JSON schema (v1): request and response types shared by the CLI, the server's
//! `/api/v1/*` endpoints, the SPA and (later) the browser SDK.
//!
//! Rules: decimals travel as JSON strings (`"1000000.00"`, `"0.049"`), never as JSON numbers, so
//! no value passes through a float; unknown fields are rejected; money in responses always has
//! exactly two decimals; rates are fractions (`"0.049"` = 4.9%).

use crate::error::InputError;
use rust_decimal::Decimal;
use serde::{Deserialize, Serialize};

/// The schema version carried in every response.
pub const SCHEMA_VERSION: u32 = 1;

/// Repayment method. The JSON ids are the ones used throughout the product.
#[derive(Debug, Clone, Copy, PartialEq, Eq, Hash, Serialize, Deserialize)]
#[serde(rename_all = "snake_case")]
pub enum Method {
    /// 等额本息: equal total payment every month.
    EqualInstallment,
    /// 等额本金: equal principal part every month, interest on the falling balance.
    EqualPrincipal,
    /// 先息后本: interest every month, all principal in the last month.
    InterestOnly,
    /// 到期一次还本付息: principal and simple interest in one payment at maturity.
    Bullet,
    /// 等本等息: equal principal, interest on the ORIGINAL principal every month.
    FlatRate,
}

impl Method {
    /// Every method, in the order the product lists them.
    pub const ALL: [Method; 5] = [
        Method::EqualInstallment,
        Method::EqualPrincipal,
        Method::InterestOnly,
        Method::Bullet,
        Method::FlatRate,
    ];

    /// The JSON id, e.g. `"equal_installment"`.
    ///
    /// ```
    /// assert_eq!(loanlens_core::schema::Method::Bullet.id(), "bullet");
    /// ```
    pub fn id(self) -> &'static str {
        match self {
            Method::EqualInstallment => "equal_installment",
            Method::EqualPrincipal => "equal_principal",
            Method::InterestOnly => "interest_only",
            Method::Bullet => "bullet",
            Method::FlatRate => "flat_rate",
        }
    }

    /// Parses a JSON id.
    ///
    /// ```
    /// use loanlens_core::schema::Method;
    /// assert_eq!(Method::from_id("flat_rate"), Some(Method::FlatRate));
    /// assert_eq!(Method::from_id("nope"), None);
    /// ```
    pub fn from_id(id: &str) -> Option<Method> {
        Method::ALL.into_iter().find(|m| m.id() == id)
    }
}

/// A request for a repayment schedule.
///
/// Minimal form: `{"principal":"1000000.00","annual_rate":"0.049","term_months":360,
/// "method":"equal_installment"}`.
#[derive(Debug, Clone, PartialEq, Serialize, Deserialize)]
#[serde(deny_unknown_fields)]
pub struct ScheduleRequest {
    /// Amount borrowed, CNY, 0.01 to 1,000,000,000,000.00, at most 2 decimals.
    #[serde(with = "dec_str")]
    pub principal: Decimal,
    /// Nominal annual interest rate as a fraction (0.049 = 4.9%), 0 to 10 (1000%).
    #[serde(with = "dec_str")]
    pub annual_rate: Decimal,
    /// Number of monthly periods, 1 to 600.
    pub term_months: u32,
    /// Repayment method.
    pub method: Method,
    /// Fee taken from the disbursement at t=0, CNY (the borrower receives principal − fee).
    #[serde(default, with = "opt_dec_str", skip_serializing_if = "Option::is_none")]
    pub upfront_fee: Option<Decimal>,
    /// Upfront fee as a fraction of the principal (0.01 = 1%), 0 to 0.5; an alternative to
    /// `upfront_fee` (give at most one).
    #[serde(default, with = "opt_dec_str", skip_serializing_if = "Option::is_none")]
    pub upfront_fee_rate: Option<Decimal>,
    /// Monthly fee as a fraction of the original principal, added to every payment as `fee`.
    #[serde(default, with = "opt_dec_str", skip_serializing_if = "Option::is_none")]
    pub monthly_fee_rate: Option<Decimal>,
    /// The one-year LPR used for the 4 × LPR flag, as a fraction; defaults to [`DEFAULT_LPR_1Y`].
    #[serde(default, with = "opt_dec_str", skip_serializing_if = "Option::is_none")]
    pub lpr_1y: Option<Decimal>,
    /// Monthly (default) or quarterly payments; quarterly needs `term_months` divisible by 3.
    #[serde(default, skip_serializing_if = "Option::is_none")]
    pub payment_frequency: Option<Frequency>,
    /// Interest-only months at the start, before amortising (amortising methods only), 0 to
    /// `term_months − 1`; a multiple of 3 when quarterly.
    #[serde(default, skip_serializing_if = "Option::is_none")]
    pub grace_months: Option<u32>,
    /// The day the money is paid out, `"YYYY-MM-DD"`.
    #[serde(default, skip_serializing_if = "Option::is_none")]
    pub disbursement_date: Option<String>,
    /// The first payment's date, `"YYYY-MM-DD"`; later payments fall on the same day of month
    /// (clamped to month end). Defaults to one period after `disbursement_date`.
    #[serde(default, skip_serializing_if = "Option::is_none")]
    pub first_payment_date: Option<String>,
    /// Day count for an odd first period: `"act_360"` (default, 日利率 = 年利率/360) or `"act_365"`.
    #[serde(default, skip_serializing_if = "Option::is_none")]
    pub day_count: Option<DayCount>,
    /// Partial prepayments, each made right after the regular payment of its period.
    #[serde(default, skip_serializing_if = "Vec::is_empty")]
    pub prepayments: Vec<Prepayment>,
    /// Full early settlement right after the regular payment of a period.
    #[serde(default, skip_serializing_if = "Option::is_none")]
    pub settlement: Option<Settlement>,
    /// Rate resets (e.g. LPR repricing), in increasing `from_period` order.
    #[serde(default, skip_serializing_if = "Vec::is_empty")]
    pub rate_changes: Vec<RateChange>,
}

impl ScheduleRequest {
    /// A request with only the required fields.
    ///
    /// ```
    /// use loanlens_core::schema::{Method, ScheduleRequest};
    /// let r = ScheduleRequest::new(1000.into(), 0.into(), 12, Method::Bullet);
    /// assert!(r.prepayments.is_empty());
    /// ```
    pub fn new(principal: Decimal, annual_rate: Decimal, term_months: u32, method: Method) -> Self {
        Self {
            principal,
            annual_rate,
            term_months,
            method,
            upfront_fee: None,
            upfront_fee_rate: None,
            monthly_fee_rate: None,
            lpr_1y: None,
            payment_frequency: None,
            grace_months: None,
            disbursement_date: None,
            first_payment_date: None,
            day_count: None,
            prepayments: Vec::new(),
            settlement: None,
            rate_changes: Vec::new(),
        }
    }
}

/// How often a payment falls due.
#[derive(Debug, Clone, Copy, Default, PartialEq, Eq, Hash, Serialize, Deserialize)]
#[serde(rename_all = "snake_case")]
pub enum Frequency {
    /// Every month (the default).
    #[default]
    Monthly,
    /// Every three months (按季); interest per period is balance × annual_rate / 4.
    Quarterly,
}

impl Frequency {
    /// Months per payment period.
    ///
    /// ```
    /// assert_eq!(loanlens_core::schema::Frequency::Quarterly.months(), 3);
    /// ```
    pub fn months(self) -> u32 {
        match self {
            Frequency::Monthly => 1,
            Frequency::Quarterly => 3,
        }
    }
}

/// Day count for the odd first period.
#[derive(Debug, Clone, Copy, Default, PartialEq, Eq, Hash, Serialize, Deserialize)]
pub enum DayCount {
    /// Actual days × annual_rate / 360 (the Chinese bank day rate), the default.
    #[default]
    #[serde(rename = "act_360")]
    Act360,
    /// Actual days × annual_rate / 365.
    #[serde(rename = "act_365")]
    Act365,
}

/// What a partial prepayment does to the rest of the loan.
#[derive(Debug, Clone, Copy, PartialEq, Eq, Hash, Serialize, Deserialize)]
#[serde(rename_all = "snake_case")]
pub enum PrepaymentMode {
    /// 缩短年限: keep the payment, finish earlier.
    ShortenTerm,
    /// 减少月供: keep the end date, pay less each period.
    ReducePayment,
}

/// A partial prepayment of principal, made right after the regular payment of `period`.
#[derive(Debug, Clone, PartialEq, Serialize, Deserialize)]
#[serde(deny_unknown_fields)]
pub struct Prepayment {
    /// Payment period (1-based) after whose payment the money is prepaid; 1 to periods − 1.
    pub period: u32,
    /// Principal prepaid, CNY, 0.01 up to the balance after that period's payment.
    #[serde(with = "dec_str")]
    pub amount: Decimal,
    /// What happens to the remaining schedule.
    pub mode: PrepaymentMode,
    /// Penalty as a fraction of the prepaid principal (0 to 0.1), reported as `fee`.
    #[serde(default, with = "opt_dec_str", skip_serializing_if = "Option::is_none")]
    pub penalty_rate: Option<Decimal>,
}

/// Full early settlement (提前结清) right after the regular payment of `period`.
#[derive(Debug, Clone, PartialEq, Serialize, Deserialize)]
#[serde(deny_unknown_fields)]
pub struct Settlement {
    /// Payment period (1-based), 1 to periods − 1.
    pub period: u32,
    /// Penalty as a fraction of the principal settled (0 to 0.1), reported as `fee`.
    #[serde(default, with = "opt_dec_str", skip_serializing_if = "Option::is_none")]
    pub penalty_rate: Option<Decimal>,
}

/// A new annual rate from a period on (e.g. an LPR reset).
#[derive(Debug, Clone, PartialEq, Serialize, Deserialize)]
#[serde(deny_unknown_fields)]
pub struct RateChange {
    /// First payment period (1-based) whose interest uses the new rate.
    pub from_period: u32,
    /// The new nominal annual rate, a fraction, 0 to 10.
    #[serde(with = "dec_str")]
    pub annual_rate: Decimal,
}

/// The one-year Loan Prime Rate used when a request gives none: 3.00%, published by the
/// National Interbank Funding Center on 2025-05-20 (see [`DEFAULT_LPR_DATE`]).
pub const DEFAULT_LPR_1Y: Decimal = Decimal::from_parts(300, 0, 0, false, 4);
/// The publication date of [`DEFAULT_LPR_1Y`].
pub const DEFAULT_LPR_DATE: &str = "2025-05-20";

/// One row of a repayment schedule (还款计划表).
#[derive(Debug, Clone, PartialEq, Serialize, Deserialize)]
#[serde(deny_unknown_fields)]
pub struct Row {
    /// Period number, 1-based.
    pub period: u32,
    /// Payment date (ISO 8601), when the request gave dates.
    #[serde(default, skip_serializing_if = "Option::is_none")]
    pub date: Option<String>,
    /// Total paid this period: principal + interest + fee.
    #[serde(with = "dec_str")]
    pub payment: Decimal,
    /// Principal part.
    #[serde(with = "dec_str")]
    pub principal: Decimal,
    /// Interest part.
    #[serde(with = "dec_str")]
    pub interest: Decimal,
    /// Fee part (never mixed into interest).
    #[serde(with = "dec_str")]
    pub fee: Decimal,
    /// Balance outstanding after this payment.
    #[serde(with = "dec_str")]
    pub balance: Decimal,
    /// Principal prepaid or settled early in this period (already included in `principal` and
    /// `payment`); absent when none.
    #[serde(default, with = "opt_dec_str", skip_serializing_if = "Option::is_none")]
    pub prepaid: Option<Decimal>,
}

/// The annualised cost (PBOC announcement 〔2021〕 No. 3): the IRR of the borrower's real cash
/// flows with every fee included.
#[derive(Debug, Clone, PartialEq, Serialize, Deserialize)]
#[serde(deny_unknown_fields)]
pub struct Apr {
    /// Periodic (monthly) IRR x, a fraction, 8 decimals.
    #[serde(with = "dec_str")]
    pub monthly: Decimal,
    /// 年化利率 (IRR method): 12·x, a fraction, 6 decimals.
    #[serde(with = "dec_str")]
    pub nominal: Decimal,
    /// Effective annual rate (1+x)¹² − 1, a fraction, 6 decimals.
    #[serde(with = "dec_str")]
    pub effective: Decimal,
}

/// Cost flags raised by the engine.
#[derive(Debug, Clone, PartialEq, Serialize, Deserialize)]
#[serde(deny_unknown_fields)]
pub struct Flags {
    /// Nominal APR above 24%, commonly treated as the high-cost line.
    pub apr_above_24: bool,
    /// Nominal APR above 4 × the one-year LPR (the court protection cap for private lending).
    pub apr_above_4x_lpr: bool,
    /// The one-year LPR the flag used.
    #[serde(with = "dec_str")]
    pub lpr_1y: Decimal,
    /// The LPR's date when it is the built-in default; absent when the request supplied it.
    #[serde(default, skip_serializing_if = "Option::is_none")]
    pub lpr_date: Option<String>,
}

/// The conventions a schedule was computed by, so a user can see why a figure differs from
/// another site's.
#[derive(Debug, Clone, PartialEq, Serialize, Deserialize)]
#[serde(deny_unknown_fields)]
pub struct Conventions {
    /// Always `"half_up_0.01"`.
    pub rounding: String,
    /// How a period's interest is computed, e.g. `"balance × annual_rate / 12, rounded per period"`.
    pub interest: String,
    /// Where rounding residue goes.
    pub residue: String,
    /// How the APR is defined.
    pub apr: String,
    /// Payment frequency and the per-period rate, e.g. `"monthly: annual_rate / 12"`.
    pub frequency: String,
    /// How an odd first period accrues, when dates make one.
    #[serde(default, skip_serializing_if = "Option::is_none")]
    pub first_period: Option<String>,
    /// The grace rule, when there are grace months.
    #[serde(default, skip_serializing_if = "Option::is_none")]
    pub grace: Option<String>,
    /// How prepayments, settlement and rate changes were applied, when there were any.
    #[serde(default, skip_serializing_if = "Option::is_none")]
    pub events: Option<String>,
}

/// What prepayments or an early settlement changed, against the same loan without them.
#[derive(Debug, Clone, PartialEq, Serialize, Deserialize)]
#[serde(deny_unknown_fields)]
pub struct PrepaymentSummary {
    /// Periods of the loan without prepayments.
    pub original_periods: u32,
    /// Σ interest without prepayments.
    #[serde(with = "dec_str")]
    pub original_total_interest: Decimal,
    /// Σ payments without prepayments.
    #[serde(with = "dec_str")]
    pub original_total_payment: Decimal,
    /// Periods actually paid.
    pub periods: u32,
    /// Σ principal prepaid or settled early.
    #[serde(with = "dec_str")]
    pub total_prepaid: Decimal,
    /// Σ prepayment and settlement penalties (included in `total_fees`).
    #[serde(with = "dec_str")]
    pub total_penalties: Decimal,
    /// original_total_interest − total_interest.
    #[serde(with = "dec_str")]
    pub interest_saved: Decimal,
    /// interest_saved − total_penalties: what the borrower is better off, before time value.
    #[serde(with = "dec_str")]
    pub net_saving: Decimal,
}

/// A computed repayment schedule: the response of `schedule`.
#[derive(Debug, Clone, PartialEq, Serialize, Deserialize)]
#[serde(deny_unknown_fields)]
pub struct Schedule {
    /// Always [`SCHEMA_VERSION`].
    pub schema_version: u32,
    /// The method used.
    pub method: Method,
    /// The payment frequency used.
    pub payment_frequency: Frequency,
    /// One row per period.
    pub rows: Vec<Row>,
    /// Amount the borrower actually receives at t=0 (principal − upfront fee).
    #[serde(with = "dec_str")]
    pub amount_received: Decimal,
    /// Payment of period 1.
    #[serde(with = "dec_str")]
    pub first_payment: Decimal,
    /// Payment of the last period.
    #[serde(with = "dec_str")]
    pub last_payment: Decimal,
    /// Σ interest.
    #[serde(with = "dec_str")]
    pub total_interest: Decimal,
    /// Σ fees, the upfront fee included.
    #[serde(with = "dec_str")]
    pub total_fees: Decimal,
    /// Σ payments (principal + interest + periodic fees; the upfront fee is not a payment).
    #[serde(with = "dec_str")]
    pub total_payment: Decimal,
    /// The annualised cost.
    pub apr: Apr,
    /// Cost flags.
    pub flags: Flags,
    /// The conventions used.
    pub conventions: Conventions,
    /// Present when the request had prepayments or a settlement.
    #[serde(default, skip_serializing_if = "Option::is_none")]
    pub prepayment: Option<PrepaymentSummary>,
}

/// `POST /api/v1/compare`: the same loan under several methods (all five by default).
///
/// Every field means what it means in [`ScheduleRequest`]; `methods` replaces `method`.
#[derive(Debug, Clone, PartialEq, Serialize, Deserialize)]
#[serde(deny_unknown_fields)]
pub struct CompareRequest {
    /// Amount borrowed, CNY.
    #[serde(with = "dec_str")]
    pub principal: Decimal,
    /// Nominal annual rate, a fraction.
    #[serde(with = "dec_str")]
    pub annual_rate: Decimal,
    /// Number of months, 1 to 600.
    pub term_months: u32,
    /// Methods to compare, in the order wanted; defaults to [`Method::ALL`].
    #[serde(default, skip_serializing_if = "Option::is_none")]
    pub methods: Option<Vec<Method>>,
    /// As in [`ScheduleRequest::upfront_fee`].
    #[serde(default, with = "opt_dec_str", skip_serializing_if = "Option::is_none")]
    pub upfront_fee: Option<Decimal>,
    /// As in [`ScheduleRequest::upfront_fee_rate`].
    #[serde(default, with = "opt_dec_str", skip_serializing_if = "Option::is_none")]
    pub upfront_fee_rate: Option<Decimal>,
    /// As in [`ScheduleRequest::monthly_fee_rate`].
    #[serde(default, with = "opt_dec_str", skip_serializing_if = "Option::is_none")]
    pub monthly_fee_rate: Option<Decimal>,
    /// As in [`ScheduleRequest::lpr_1y`].
    #[serde(default, with = "opt_dec_str", skip_serializing_if = "Option::is_none")]
    pub lpr_1y: Option<Decimal>,
    /// As in [`ScheduleRequest::payment_frequency`].
    #[serde(default, skip_serializing_if = "Option::is_none")]
    pub payment_frequency: Option<Frequency>,
    /// As in [`ScheduleRequest::grace_months`].
    #[serde(default, skip_serializing_if = "Option::is_none")]
    pub grace_months: Option<u32>,
    /// As in [`ScheduleRequest::disbursement_date`].
    #[serde(default, skip_serializing_if = "Option::is_none")]
    pub disbursement_date: Option<String>,
    /// As in [`ScheduleRequest::first_payment_date`].
    #[serde(default, skip_serializing_if = "Option::is_none")]
    pub first_payment_date: Option<String>,
    /// As in [`ScheduleRequest::day_count`].
    #[serde(default, skip_serializing_if = "Option::is_none")]
    pub day_count: Option<DayCount>,
    /// As in [`ScheduleRequest::prepayments`].
    #[serde(default, skip_serializing_if = "Vec::is_empty")]
    pub prepayments: Vec<Prepayment>,
    /// As in [`ScheduleRequest::settlement`].
    #[serde(default, skip_serializing_if = "Option::is_none")]
    pub settlement: Option<Settlement>,
    /// As in [`ScheduleRequest::rate_changes`].
    #[serde(default, skip_serializing_if = "Vec::is_empty")]
    pub rate_changes: Vec<RateChange>,
}

impl CompareRequest {
    /// The schedule request for one method.
    ///
    /// ```
    /// use loanlens_core::schema::{CompareRequest, from_json, Method};
    /// let c: CompareRequest = from_json(r#"{"principal":"1000","annual_rate":"0.05","term_months":12}"#).unwrap();
    /// assert_eq!(c.schedule_request(Method::Bullet).method, Method::Bullet);
    /// ```
    pub fn schedule_request(&self, method: Method) -> ScheduleRequest {
        ScheduleRequest {
            principal: self.principal,
            annual_rate: self.annual_rate,
            term_months: self.term_months,
            method,
            upfront_fee: self.upfront_fee,
            upfront_fee_rate: self.upfront_fee_rate,
            monthly_fee_rate: self.monthly_fee_rate,
            lpr_1y: self.lpr_1y,
            payment_frequency: self.payment_frequency,
            grace_months: self.grace_months,
            disbursement_date: self.disbursement_date.clone(),
            first_payment_date: self.first_payment_date.clone(),
            day_count: self.day_count,
            prepayments: self.prepayments.clone(),
            settlement: self.settlement.clone(),
            rate_changes: self.rate_changes.clone(),
        }
    }
}

/// One method's figures in a comparison.
#[derive(Debug, Clone, PartialEq, Serialize, Deserialize)]
#[serde(deny_unknown_fields)]
pub struct CompareItem {
    /// The method.
    pub method: Method,
    /// Number of payment periods (rows).
    pub periods: u32,
    /// Payment of period 1.
    #[serde(with = "dec_str")]
    pub first_payment: Decimal,
    /// Payment of the last period.
    #[serde(with = "dec_str")]
    pub last_payment: Decimal,
    /// Smallest payment of any period (0.00 for a bullet loan's waiting months).
    #[serde(with = "dec_str")]
    pub min_payment: Decimal,
    /// Largest payment of any period.
    #[serde(with = "dec_str")]
    pub max_payment: Decimal,
    /// Σ interest.
    #[serde(with = "dec_str")]
    pub total_interest: Decimal,
    /// Σ fees, the upfront fee included.
    #[serde(with = "dec_str")]
    pub total_fees: Decimal,
    /// Σ payments.
    #[serde(with = "dec_str")]
    pub total_payment: Decimal,
    /// The annualised cost.
    pub apr: Apr,
    /// Cost flags.
    pub flags: Flags,
}

/// The response of `compare`.
#[derive(Debug, Clone, PartialEq, Serialize, Deserialize)]
#[serde(deny_unknown_fields)]
pub struct CompareResponse {
    /// Always [`SCHEMA_VERSION`].
    pub schema_version: u32,
    /// One item per requested method, in request order.
    pub results: Vec<CompareItem>,
    /// The method with the smallest total interest (the first one on a tie).
    pub least_interest: Method,
    /// The method with the lowest nominal APR (the first one on a tie).
    pub lowest_apr: Method,
}

/// What a solve request asks for.
#[derive(Debug, Clone, Copy, PartialEq, Eq, Hash, Serialize, Deserialize)]
#[serde(rename_all = "snake_case")]
pub enum SolveKind {
    /// The largest principal whose regular payment fits `payment` (a budget per period).
    MaxPrincipal,
    /// The shortest term (months) whose regular payment fits `payment`.
    MinTerm,
    /// The annual rate at which `principal` over `term_months` has the regular payment `payment`.
    ImpliedRate,
}

/// `POST /api/v1/solve`. The JSON is tagged by `"solve"`; each kind needs exactly the fields
/// it does not solve for:
///
/// | solve | required | solved |
/// |---|---|---|
/// | `max_principal` | `annual_rate`, `term_months`, `payment` | `principal` |
/// | `min_term` | `principal`, `annual_rate`, `payment` | `term_months` |
/// | `implied_rate` | `principal`, `term_months`, `payment` | `annual_rate` |
///
/// `method` defaults to `equal_installment`; fees, `payment_frequency` and `lpr_1y` are optional.
/// The solved field must be absent. The *regular payment* of a schedule is its largest payment
/// before the last one (the last only adds the rounding residue, or is an interest-only
/// loan's balloon), or the single final payment of a bullet or one-period loan.
///
/// ```
/// use loanlens_core::schema::{from_json, SolveKind, SolveRequest};
/// let r: SolveRequest = from_json(
///     r#"{"solve":"implied_rate","principal":"10000","payment":"950","term_months":12}"#,
/// ).unwrap();
/// assert_eq!(r.solve, SolveKind::ImpliedRate);
/// ```
#[derive(Debug, Clone, PartialEq, Serialize, Deserialize)]
#[serde(deny_unknown_fields)]
pub struct SolveRequest {
    /// What to solve for.
    pub solve: SolveKind,
    /// Amount borrowed, CNY (absent for `max_principal`).
    #[serde(default, with = "opt_dec_str", skip_serializing_if = "Option::is_none")]
    pub principal: Option<Decimal>,
    /// Nominal annual rate, a fraction (absent for `implied_rate`).
    #[serde(default, with = "opt_dec_str", skip_serializing_if = "Option::is_none")]
    pub annual_rate: Option<Decimal>,
    /// Term in months (absent for `min_term`).
    #[serde(default, skip_serializing_if = "Option::is_none")]
    pub term_months: Option<u32>,
    /// The regular payment per period: a budget for `max_principal`/`min_term` (regular
    /// payment ≤ it), the offered regular payment for `implied_rate` (regular payment = it).
    #[serde(with = "dec_str")]
    pub payment: Decimal,
    /// Repayment method, default `equal_installment`.
    #[serde(default, skip_serializing_if = "Option::is_none")]
    pub method: Option<Method>,
    /// As in [`ScheduleRequest::upfront_fee`].
    #[serde(default, with = "opt_dec_str", skip_serializing_if = "Option::is_none")]
    pub upfront_fee: Option<Decimal>,
    /// As in [`ScheduleRequest::upfront_fee_rate`].
    #[serde(default, with = "opt_dec_str", skip_serializing_if = "Option::is_none")]
    pub upfront_fee_rate: Option<Decimal>,
    /// As in [`ScheduleRequest::monthly_fee_rate`].
    #[serde(default, with = "opt_dec_str", skip_serializing_if = "Option::is_none")]
    pub monthly_fee_rate: Option<Decimal>,
    /// As in [`ScheduleRequest::lpr_1y`].
    #[serde(default, with = "opt_dec_str", skip_serializing_if = "Option::is_none")]
    pub lpr_1y: Option<Decimal>,
    /// As in [`ScheduleRequest::payment_frequency`].
    #[serde(default, skip_serializing_if = "Option::is_none")]
    pub payment_frequency: Option<Frequency>,
}

/// The response of `solve`: the solved value, the other inputs, and the schedule that proves
/// it (recomputed from the answer by `schedule`).
#[derive(Debug, Clone, PartialEq, Serialize, Deserialize)]
#[serde(deny_unknown_fields)]
pub struct SolveResponse {
    /// Always [`SCHEMA_VERSION`].
    pub schema_version: u32,
    /// What was solved for.
    pub solve: SolveKind,
    /// The principal (solved for `max_principal`).
    #[serde(with = "dec_str")]
    pub principal: Decimal,
    /// The annual rate (solved for `implied_rate`).
    #[serde(with = "dec_str")]
    pub annual_rate: Decimal,
    /// The term in months (solved for `min_term`).
    pub term_months: u32,
    /// The regular payment of the verifying schedule.
    #[serde(with = "dec_str")]
    pub payment: Decimal,
    /// The verifying schedule.
    pub schedule: Schedule,
}

/// One dated cash flow for XIRR; negative = money paid out.
#[derive(Debug, Clone, PartialEq, Serialize, Deserialize)]
#[serde(deny_unknown_fields)]
pub struct Flow {
    /// `"YYYY-MM-DD"`.
    pub date: String,
    /// Amount, any sign, at most 1,000,000,000,000 in size and 6 decimals.
    #[serde(with = "dec_str")]
    pub amount: Decimal,
}

/// `loanlens xirr` input: dated cash flows in any order.
///
/// ```
/// use loanlens_core::schema::{from_json, XirrRequest};
/// let r: XirrRequest = from_json(r#"{"flows":[{"date":"2025-01-15","amount":"-10000.00"}]}"#).unwrap();
/// assert_eq!(r.flows.len(), 1);
/// ```
#[derive(Debug, Clone, PartialEq, Serialize, Deserialize)]
#[serde(deny_unknown_fields)]
pub struct XirrRequest {
    /// 2 to 10,000 flows with at least one positive and one negative amount.
    pub flows: Vec<Flow>,
}

/// The annual rate x with Σ amount·(1+x)^(−days/365) = 0.
#[derive(Debug, Clone, PartialEq, Serialize, Deserialize)]
#[serde(deny_unknown_fields)]
pub struct XirrResponse {
    /// Always [`SCHEMA_VERSION`].
    pub schema_version: u32,
    /// The rate as a fraction, 10 decimals (0.1051630000 = 10.5163%).
    #[serde(with = "dec_str")]
    pub xirr: Decimal,
}

/// An error body as every LoanLens surface reports it: `{"error":{"field":…,"message":…}}`.
#[derive(Debug, Clone, PartialEq, Serialize)]
pub struct ErrorBody {
    /// The error.
    pub error: InputError,
}

/// Parses a JSON request with an error that names the offending field.
///
/// ```
/// use loanlens_core::schema::{from_json, ScheduleRequest};
/// let err = from_json::<ScheduleRequest>(
///     r#"{"principal":100,"annual_rate":"0.05","term_months":12,"method":"bullet"}"#,
/// ).unwrap_err();
/// assert_eq!(err.field, "principal");
/// ```
pub fn from_json<T: serde::de::DeserializeOwned>(json: &str) -> Result<T, InputError> {
    let de = &mut serde_json::Deserializer::from_str(json);
    let value = serde_path_to_error::deserialize(de).map_err(|e| {
        let path = e.path().to_string();
        let inner = e.into_inner();
        let message = clean_serde_message(&inner.to_string());
        if inner.is_syntax() || inner.is_eof() {
            return InputError::new("body", format!("is not valid JSON: {message}"));
        }
        let field = if path == "." || path == "?" { "body".to_string() } else { path };
        InputError::new(field, message)
    })?;
    Ok(value)
}

/// serde_json appends " at line 1 column 17"; a person wants the field and the rule.
fn clean_serde_message(msg: &str) -> String {
    match msg.rfind(" at line ") {
        Some(i) => msg[..i].to_string(),
        None => msg.to_string(),
    }
}

/// Decimal ⇄ JSON string. Deserialising accepts only a string holding a plain decimal
/// (`"1000000.00"`, `"-3"`, `"0.049"`): JSON numbers, exponents and blanks are refused.
pub mod dec_str {
    use rust_decimal::Decimal;
    use serde::{de, Deserialize, Deserializer, Serializer};
    use std::str::FromStr;

    /// Serialises as a string.
    pub fn serialize<S: Serializer>(d: &Decimal, s: S) -> Result<S::Ok, S::Error> {
        s.collect_str(d)
    }

    /// Deserialises from a string.
    pub fn deserialize<'de, D: Deserializer<'de>>(d: D) -> Result<Decimal, D::Error> {
        #[derive(Deserialize)]
        #[serde(untagged)]
        enum Raw {
            S(String),
            Other(serde_json::Value),
        }
        match Raw::deserialize(d)? {
            Raw::S(s) => parse(&s).map_err(de::Error::custom),
            Raw::Other(v) => Err(de::Error::custom(format!(
                "expected a decimal written as a JSON string such as \"1000.00\", found {v}"
            ))),
        }
    }

    /// Parses a plain decimal string.
    pub fn parse(s: &str) -> Result<Decimal, String> {
        let plain = !s.is_empty()
            && s.len() <= 40
            && s.bytes().all(|b| b.is_ascii_digit() || b == b'.' || b == b'-')
            && s.bytes().any(|b| b.is_ascii_digit());
        if !plain {
            return Err(format!("\"{}\" is not a plain decimal number", truncate(s)));
        }
        Decimal::from_str_exact(s)
            .or_else(|_| Decimal::from_str(s))
            .map_err(|_| format!("\"{}\" is not a decimal number in range", truncate(s)))
    }

    fn truncate(s: &str) -> String {
        s.chars().take(40).collect()
    }
}

/// `Option<Decimal>` ⇄ optional JSON string.
pub mod opt_dec_str {
    use rust_decimal::Decimal;
    use serde::{Deserializer, Serializer};

    /// Serialises `Some` as a string (`None` is skipped by the field attribute).
    pub fn serialize<S: Serializer>(d: &Option<Decimal>, s: S) -> Result<S::Ok, S::Error> {
        match d {
            Some(d) => s.collect_str(d),
            None => s.serialize_none(),
        }
    }

    /// Deserialises a present field; an absent one is `None` through `#[serde(default)]`.
    pub fn deserialize<'de, D: Deserializer<'de>>(d: D) -> Result<Option<Decimal>, D::Error> {
        super::dec_str::deserialize(d).map(Some)
    }
}
