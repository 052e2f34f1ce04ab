//! v1 request types: what the CLI, the server and the SPA send to the core.

use super::{dec_str, opt_dec_str};
use rust_decimal::Decimal;
use serde::{Deserialize, Serialize};

/// Repayment method. The JSON ids are the ones used throughout the product.
#[derive(Debug, Clone, Copy, PartialEq, Eq, Hash, Serialize, Deserialize)]
#[cfg_attr(feature = "schema", derive(schemars::JsonSchema))]
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

v1_struct! {
    /// A request for a repayment schedule.
    ///
    /// Minimal form: `{"principal":"1000000.00","annual_rate":"0.049","term_months":360,
    /// "method":"equal_installment"}`.
    pub struct ScheduleRequest {
        @terms,
        /// Repayment method.
        pub method: Method,
        @fees,
        @events,
    }
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
        loan_fields!(@literal ScheduleRequest {
            principal, annual_rate, term_months, method,
        } [fees events])
    }
}

/// How often a payment falls due.
#[derive(Debug, Clone, Copy, Default, PartialEq, Eq, Hash, Serialize, Deserialize)]
#[cfg_attr(feature = "schema", derive(schemars::JsonSchema))]
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
#[cfg_attr(feature = "schema", derive(schemars::JsonSchema))]
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
#[cfg_attr(feature = "schema", derive(schemars::JsonSchema))]
#[serde(rename_all = "snake_case")]
pub enum PrepaymentMode {
    /// 缩短年限: keep the payment, finish earlier.
    ShortenTerm,
    /// 减少月供: keep the end date, pay less each period.
    ReducePayment,
}

v1_struct! {
    /// A partial prepayment of principal, made right after the regular payment of `period`.
    pub struct Prepayment {
        /// Payment period (1-based) after whose payment the money is prepaid; 1 to periods − 1.
        pub period: u32,
        /// Principal prepaid, CNY, 0.01 up to the balance after that period's payment.
        pub amount: Decimal,
        /// What happens to the remaining schedule.
        pub mode: PrepaymentMode,
        /// Penalty as a fraction of the prepaid principal (0 to 0.1), reported as `fee`.
        pub penalty_rate: Option<Decimal>,
    }
}

v1_struct! {
    /// Full early settlement (提前结清) right after the regular payment of `period`.
    pub struct Settlement {
        /// Payment period (1-based), 1 to periods − 1.
        pub period: u32,
        /// Penalty as a fraction of the principal settled (0 to 0.1), reported as `fee`.
        pub penalty_rate: Option<Decimal>,
    }
}

v1_struct! {
    /// A new annual rate from a period on (e.g. an LPR reset).
    pub struct RateChange {
        /// First payment period (1-based) whose interest uses the new rate.
        pub from_period: u32,
        /// The new nominal annual rate, a fraction, 0 to 10.
        pub annual_rate: Decimal,
    }
}

/// The one-year Loan Prime Rate used when a request gives none: 3.00%, published by the
/// National Interbank Funding Center on 2025-05-20 (see [`DEFAULT_LPR_DATE`]).
pub const DEFAULT_LPR_1Y: Decimal = Decimal::from_parts(300, 0, 0, false, 4);
/// The five-year-and-over Loan Prime Rate used when a mortgage request gives none (the base of
/// a commercial housing loan longer than five years): 3.50%, published on 2025-05-20 with
/// [`DEFAULT_LPR_1Y`] (see [`DEFAULT_LPR_DATE`]).
pub const DEFAULT_LPR_5Y: Decimal = Decimal::from_parts(350, 0, 0, false, 4);
/// The publication date of [`DEFAULT_LPR_1Y`] and [`DEFAULT_LPR_5Y`].
pub const DEFAULT_LPR_DATE: &str = "2025-05-20";

v1_struct! {
    /// `POST /api/v1/compare`: the same loan under several methods (all five by default).
    ///
    /// Every field means what it means in [`ScheduleRequest`]; `methods` replaces `method`.
    pub struct CompareRequest {
        @terms,
        /// Methods to compare, in the order wanted; defaults to [`Method::ALL`].
        pub methods: Option<Vec<Method>>,
        @fees,
        @events,
    }
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
        loan_fields!(@literal ScheduleRequest { method, } [copy(self) terms fees events])
    }

    /// The same loan as `req`, under every method. (It takes `req` by value: moving the fields
    /// costs the browser bundle less than cloning them.)
    ///
    /// ```
    /// use loanlens_core::schema::{CompareRequest, Method, ScheduleRequest};
    /// let r = ScheduleRequest::new(1000.into(), 0.into(), 12, Method::Bullet);
    /// let c = CompareRequest::from_schedule(r.clone());
    /// assert_eq!((c.principal, c.methods), (r.principal, None));
    /// ```
    pub fn from_schedule(req: ScheduleRequest) -> Self {
        loan_fields!(@literal CompareRequest { methods: None, } [move(req) terms fees events])
    }
}

/// What a solve request asks for.
#[derive(Debug, Clone, Copy, PartialEq, Eq, Hash, Serialize, Deserialize)]
#[cfg_attr(feature = "schema", derive(schemars::JsonSchema))]
#[serde(rename_all = "snake_case")]
pub enum SolveKind {
    /// The largest principal whose regular payment fits `payment` (a budget per period).
    MaxPrincipal,
    /// The shortest term (months) whose regular payment fits `payment`.
    MinTerm,
    /// The annual rate at which `principal` over `term_months` has the regular payment `payment`.
    ImpliedRate,
}

v1_struct! {
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
    pub struct SolveRequest {
        /// What to solve for.
        pub solve: SolveKind,
        /// Amount borrowed, CNY (absent for `max_principal`).
        pub principal: Option<Decimal>,
        /// Nominal annual rate, a fraction (absent for `implied_rate`).
        pub annual_rate: Option<Decimal>,
        /// Term in months (absent for `min_term`).
        pub term_months: Option<u32>,
        /// The regular payment per period: a budget for `max_principal`/`min_term` (regular
        /// payment ≤ it), the offered regular payment for `implied_rate` (regular payment = it).
        pub payment: Decimal,
        /// Repayment method, default `equal_installment`.
        pub method: Option<Method>,
        @fees,
    }
}

impl SolveRequest {
    /// A request for `solve` with the budget or offered `payment` and every other field absent.
    ///
    /// ```
    /// use loanlens_core::schema::{SolveKind, SolveRequest};
    /// let mut r = SolveRequest::new(SolveKind::MinTerm, "950.00".parse().unwrap());
    /// (r.principal, r.annual_rate) = (Some(10_000.into()), Some("0.05".parse().unwrap()));
    /// assert_eq!(loanlens_core::solve(&r).unwrap().term_months, 11);
    /// ```
    pub fn new(solve: SolveKind, payment: Decimal) -> Self {
        loan_fields!(@literal SolveRequest {
            solve, payment, principal: None, annual_rate: None, term_months: None, method: None,
        } [fees])
    }
}

v1_struct! {
    /// One dated cash flow for XIRR; negative = money paid out.
    pub struct Flow {
        /// `"YYYY-MM-DD"`.
        pub date: String,
        /// Amount, any sign, at most 1,000,000,000,000 in size and 6 decimals.
        pub amount: Decimal,
    }
}

v1_struct! {
    /// `loanlens xirr` input: dated cash flows in any order.
    ///
    /// ```
    /// use loanlens_core::schema::{from_json, XirrRequest};
    /// let r: XirrRequest = from_json(r#"{"flows":[{"date":"2025-01-15","amount":"-10000.00"}]}"#).unwrap();
    /// assert_eq!(r.flows.len(), 1);
    /// ```
    pub struct XirrRequest {
        /// 2 to 10,000 flows with at least one positive and one negative amount.
        pub flows: Vec<Flow>,
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    /// A compare request with every shared field set becomes a schedule request with the same
    /// fields: `schedule_request` (the `@copy_*` arms) covers every field of its groups.
    #[test]
    fn schedule_request_copies_every_shared_field() {
        let json = r#"{"principal":"1000.00","annual_rate":"0.05","term_months":12,
            "upfront_fee_rate":"0.01","monthly_fee_rate":"0.001","lpr_1y":"0.031",
            "payment_frequency":"quarterly","grace_months":3,"disbursement_date":"2025-01-15",
            "first_payment_date":"2025-04-20","day_count":"act_365",
            "prepayments":[{"period":1,"amount":"10","mode":"shorten_term"}],
            "settlement":{"period":2},"rate_changes":[{"from_period":2,"annual_rate":"0.04"}]}"#;
        let compare: CompareRequest = super::super::from_json(json).unwrap();
        let schedule = compare.schedule_request(Method::Bullet);
        let mut a = serde_json::to_value(&compare).unwrap();
        let b = serde_json::to_value(&schedule).unwrap();
        a["method"] = "bullet".into();
        assert_eq!(a, b);
        // upfront_fee is the other member of the pair.
        let mut c = compare.clone();
        (c.upfront_fee, c.upfront_fee_rate) = (Some(Decimal::ONE), None);
        assert_eq!(c.schedule_request(Method::Bullet).upfront_fee, Some(Decimal::ONE));
    }
}
