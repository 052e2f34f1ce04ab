//! Investor returns: what a product really earns, compared side by side (issue 10).
//!
//! A lending product (`kind: "loan"`) is the repayment engine's dated schedule for the same loan
//! seen from the lender's side: the investor pays `amount` on `start_date`, the schedule runs
//! from the value date (`start_date` + `idle_days`, payments on the same day of month, clamped
//! to month end) and every row's payment comes back, less the platform's cut of the interest
//! (`fee_rate_on_interest`, rounded half-up to the cent per payment). Two references sit in the
//! same request: a bank time deposit (simple interest at maturity) and a money-market fund at a
//! 7-day annualised yield, compounded daily (Actual/365, so its XIRR is the yield).
//!
//! Invariants: Σ flows = `net_interest` exactly (the principal comes back to the cent);
//! `net_interest = total_interest − total_fees`; no input panics (every sum is checked, every
//! range validated first); figures are calculations on stated assumptions, never a promise.
//! Conventions and the JSON shape: `docs/invest.md`.

mod cache;
mod explain;
mod flows;
mod validate;

pub use cache::{compare_cached, Cache};

use crate::error::InputError;
use crate::schema::{dec_str, opt_dec_str, Flow};
use rust_decimal::Decimal;
use serde::{Deserialize, Serialize};

/// Fewest products a comparison takes.
pub const MIN_PRODUCTS: usize = 2;
/// Most products a comparison takes.
pub const MAX_PRODUCTS: usize = 8;
/// Largest amount invested in one product, CNY.
pub const MAX_AMOUNT: Decimal = Decimal::from_parts(1_000_000_000, 0, 0, false, 0);
/// Largest quoted rate, yield or reinvestment rate, as a fraction (1 = 100% a year).
pub const MAX_RATE: Decimal = Decimal::ONE;
/// Most idle days between paying in and the value date.
pub const MAX_IDLE_DAYS: i64 = 365;
/// Longest term, in months.
pub const MAX_TERM_MONTHS: u32 = 600;
/// Longest product name, in characters.
pub const MAX_NAME_CHARS: usize = 60;

/// What a product is. JSON ids: `"loan"` (the default), `"time_deposit"`, `"money_market"`.
///
/// ```
/// use loanlens_core::invest::ProductKind;
/// assert_eq!(ProductKind::default(), ProductKind::Loan);
/// assert_eq!(serde_json::to_string(&ProductKind::MoneyMarket).unwrap(), r#""money_market""#);
/// ```
#[derive(Debug, Clone, Copy, Default, PartialEq, Eq, Hash, Serialize, Deserialize)]
#[cfg_attr(feature = "schema", derive(schemars::JsonSchema))]
#[serde(rename_all = "snake_case")]
pub enum ProductKind {
    /// A lending product (P2P, 定期理财 backed by loans): the lender's side of a repayment
    /// schedule with `structure`. The default.
    #[default]
    Loan,
    /// A bank time deposit (整存整取): simple interest round(amount × rate × months / 12),
    /// paid with the principal at maturity.
    TimeDeposit,
    /// A money-market fund (货币基金) held for `term_months` at `annual_rate` = its 7-day
    /// annualised yield (七日年化), compounded daily: value = amount × (1 + y)^(days/365).
    MoneyMarket,
}

/// How a lending product pays the investor back (the borrower's repayment method). JSON ids
/// as [`crate::schema::Method`]'s; `flat_rate` is not an investment structure.
///
/// ```
/// use loanlens_core::invest::Structure;
/// let s: Structure = serde_json::from_str(r#""equal_principal""#).unwrap();
/// assert_eq!(s, Structure::EqualPrincipal);
/// assert!(serde_json::from_str::<Structure>(r#""flat_rate""#).is_err());
/// ```
#[derive(Debug, Clone, Copy, PartialEq, Eq, Hash, Serialize, Deserialize)]
#[cfg_attr(feature = "schema", derive(schemars::JsonSchema))]
#[serde(rename_all = "snake_case")]
pub enum Structure {
    /// 等额本息: equal monthly payments; capital comes back every month.
    EqualInstallment,
    /// 等额本金: equal principal parts; capital comes back every month.
    EqualPrincipal,
    /// 先息后本 / 按月付息到期还本: interest monthly, all capital at maturity.
    InterestOnly,
    /// 到期还本付息: capital and simple interest in one payment at maturity.
    Bullet,
}

impl Structure {
    /// The repayment engine's method for this structure.
    ///
    /// ```
    /// use loanlens_core::invest::Structure;
    /// use loanlens_core::schema::Method;
    /// assert_eq!(Structure::InterestOnly.method(), Method::InterestOnly);
    /// ```
    pub fn method(self) -> crate::schema::Method {
        use crate::schema::Method;
        match self {
            Structure::EqualInstallment => Method::EqualInstallment,
            Structure::EqualPrincipal => Method::EqualPrincipal,
            Structure::InterestOnly => Method::InterestOnly,
            Structure::Bullet => Method::Bullet,
        }
    }
}

/// One product to compare. `structure` is required for `kind: "loan"` and refused for the
/// references; `fee_rate_on_interest` is for `loan` only.
///
/// ```
/// use loanlens_core::invest::{Product, ProductKind};
/// use loanlens_core::schema::from_json;
/// let p: Product = from_json(r#"{"name":"Deposit","kind":"time_deposit","amount":"10000",
///   "annual_rate":"0.02","term_months":12,"start_date":"2025-01-15"}"#).unwrap();
/// assert_eq!(p.kind, ProductKind::TimeDeposit);
/// ```
#[derive(Debug, Clone, PartialEq, Serialize, Deserialize)]
#[cfg_attr(feature = "schema", derive(schemars::JsonSchema))]
#[serde(deny_unknown_fields)]
pub struct Product {
    /// A label shown with the results, 1 to 60 characters.
    pub name: String,
    /// What the product is; defaults to `loan`.
    #[serde(default)]
    pub kind: ProductKind,
    /// Money paid in on `start_date`, CNY, 0.01 to 1,000,000,000.00.
    #[serde(with = "dec_str")]
    #[cfg_attr(feature = "schema", schemars(with = "crate::schema::DecStr"))]
    pub amount: Decimal,
    /// The quoted annual rate (for `money_market`, the 7-day annualised yield), 0 to 1.
    #[serde(with = "dec_str")]
    #[cfg_attr(feature = "schema", schemars(with = "crate::schema::DecStr"))]
    pub annual_rate: Decimal,
    /// Term in months, 1 to 600.
    pub term_months: u32,
    /// Repayment structure (`loan` only).
    #[serde(default, skip_serializing_if = "Option::is_none")]
    pub structure: Option<Structure>,
    /// The day the money is paid in, `"YYYY-MM-DD"`.
    pub start_date: String,
    /// Days between paying in and the value date (资金站岗), 0 to 365; default 0.
    #[serde(default, skip_serializing_if = "Option::is_none")]
    pub idle_days: Option<i64>,
    /// Fraction of each interest payment the platform keeps, 0 to below 1 (`loan` only).
    #[serde(default, with = "opt_dec_str", skip_serializing_if = "Option::is_none")]
    #[cfg_attr(feature = "schema", schemars(with = "crate::schema::DecStr"))]
    pub fee_rate_on_interest: Option<Decimal>,
}

/// `loanlens invest` / `POST /api/v1/invest/compare`: 2 to 8 products, and optionally a
/// common horizon at which to compare terminal wealth.
///
/// ```
/// use loanlens_core::invest::InvestRequest;
/// use loanlens_core::schema::from_json;
/// let err = from_json::<InvestRequest>(r#"{"products":[{"name":"A","amount":"100",
///   "annual_rate":"0.1","term_months":12,"start_date":"2025-01-15","idle_days":"3"}]}"#)
///   .unwrap_err();
/// assert_eq!(err.field, "products[0].idle_days");
/// ```
#[derive(Debug, Clone, PartialEq, Serialize, Deserialize)]
#[cfg_attr(feature = "schema", derive(schemars::JsonSchema))]
#[serde(deny_unknown_fields)]
pub struct InvestRequest {
    /// The products, 2 to 8.
    pub products: Vec<Product>,
    /// The common horizon for terminal wealth, `"YYYY-MM-DD"`, not before any `start_date`;
    /// give it together with `reinvestment_rate`.
    #[serde(default, skip_serializing_if = "Option::is_none")]
    pub horizon_date: Option<String>,
    /// The annual rate cash earns between its receipt and the horizon, compounded Actual/365,
    /// 0 to 1; give it together with `horizon_date`.
    #[serde(default, with = "opt_dec_str", skip_serializing_if = "Option::is_none")]
    #[cfg_attr(feature = "schema", schemars(with = "crate::schema::DecStr"))]
    pub reinvestment_rate: Option<Decimal>,
}

/// One sentence in each language.
#[derive(Debug, Clone, PartialEq, Eq, Serialize, Deserialize)]
#[cfg_attr(feature = "schema", derive(schemars::JsonSchema))]
#[serde(deny_unknown_fields)]
pub struct Explanation {
    /// 简体中文.
    pub zh: String,
    /// English.
    pub en: String,
}

/// One product's figures.
///
/// ```
/// use loanlens_core::invest::{compare, InvestRequest};
/// let req: InvestRequest = loanlens_core::schema::from_json(r#"{"products":[
///   {"name":"A","amount":"5000","annual_rate":"0.06","term_months":6,
///    "structure":"equal_principal","start_date":"2025-03-31","fee_rate_on_interest":"0.2"},
///   {"name":"B","kind":"time_deposit","amount":"5000","annual_rate":"0.015",
///    "term_months":6,"start_date":"2025-03-31"}]}"#).unwrap();
/// let a = &compare(&req).unwrap().products[0];
/// let sum: rust_decimal::Decimal = a.flows.iter().map(|f| f.amount).sum();
/// assert_eq!(sum, a.net_interest);
/// assert_eq!(a.flows[2].date, "2025-05-31"); // month-end anchor kept after 30 April
/// ```
#[derive(Debug, Clone, PartialEq, Serialize, Deserialize)]
#[cfg_attr(feature = "schema", derive(schemars::JsonSchema))]
#[serde(deny_unknown_fields)]
pub struct ProductResult {
    /// The product's name, as given.
    pub name: String,
    /// The product's kind.
    pub kind: ProductKind,
    /// The structure, for `loan`.
    #[serde(default, skip_serializing_if = "Option::is_none")]
    pub structure: Option<Structure>,
    /// `start_date` + `idle_days`: the day interest starts.
    pub value_date: String,
    /// The last flow's date.
    pub maturity_date: String,
    /// The investor's dated cash flows: −amount on `start_date`, then what comes back (net of
    /// fees), one flow per date with a non-zero amount, in date order.
    pub flows: Vec<Flow>,
    /// Σ interest before fees.
    #[serde(with = "dec_str")]
    #[cfg_attr(feature = "schema", schemars(with = "crate::schema::DecStr"))]
    pub total_interest: Decimal,
    /// Σ fees the platform keeps.
    #[serde(with = "dec_str")]
    #[cfg_attr(feature = "schema", schemars(with = "crate::schema::DecStr"))]
    pub total_fees: Decimal,
    /// total_interest − total_fees = Σ flows.
    #[serde(with = "dec_str")]
    #[cfg_attr(feature = "schema", schemars(with = "crate::schema::DecStr"))]
    pub net_interest: Decimal,
    /// XIRR of `flows` (Actual/365, Excel-compatible), a fraction, 10 decimals.
    #[serde(with = "dec_str")]
    #[cfg_attr(feature = "schema", schemars(with = "crate::schema::DecStr"))]
    pub xirr: Decimal,
    /// Days from `start_date` to `maturity_date`.
    pub holding_days: i64,
    /// Outstanding principal averaged over every day from `start_date` (idle days included)
    /// to `maturity_date`, CNY.
    #[serde(with = "dec_str")]
    #[cfg_attr(feature = "schema", schemars(with = "crate::schema::DecStr"))]
    pub average_capital: Decimal,
    /// net_interest / average_capital over the whole holding (not annualised), 6 decimals.
    #[serde(with = "dec_str")]
    #[cfg_attr(feature = "schema", schemars(with = "crate::schema::DecStr"))]
    pub return_on_average_capital: Decimal,
    /// return_on_average_capital × 365 / holding_days: a simple (单利) annual figure, 6
    /// decimals.
    #[serde(with = "dec_str")]
    #[cfg_attr(feature = "schema", schemars(with = "crate::schema::DecStr"))]
    pub annual_return_on_average_capital: Decimal,
    /// Wealth at `horizon_date` from this product's flows, when a horizon was given.
    #[serde(default, with = "opt_dec_str", skip_serializing_if = "Option::is_none")]
    #[cfg_attr(feature = "schema", schemars(with = "crate::schema::DecStr"))]
    pub terminal_wealth: Option<Decimal>,
    /// 1 = highest XIRR.
    pub rank_by_xirr: u32,
    /// 1 = highest terminal wealth, when a horizon was given.
    #[serde(default, skip_serializing_if = "Option::is_none")]
    pub rank_by_terminal_wealth: Option<u32>,
    /// Why total interest and XIRR tell different stories for this product.
    pub explanation: Explanation,
}

/// The response of [`compare`]; it parses back with [`crate::schema::from_json`].
///
/// ```
/// use loanlens_core::invest::InvestResponse;
/// let bad = loanlens_core::schema::from_json::<InvestResponse>(r#"{"schema_version":1}"#);
/// assert_eq!(bad.unwrap_err().field, "products");
/// ```
#[derive(Debug, Clone, PartialEq, Serialize, Deserialize)]
#[cfg_attr(feature = "schema", derive(schemars::JsonSchema))]
#[serde(deny_unknown_fields)]
pub struct InvestResponse {
    /// Always [`crate::schema::SCHEMA_VERSION`].
    pub schema_version: u32,
    /// One result per product, in request order.
    pub products: Vec<ProductResult>,
    /// Product indexes (0-based, request order) from the highest XIRR down; ties keep request
    /// order.
    pub by_xirr: Vec<usize>,
    /// Product indexes from the highest terminal wealth down, when a horizon was given.
    #[serde(default, skip_serializing_if = "Option::is_none")]
    pub by_terminal_wealth: Option<Vec<usize>>,
    /// The horizon used, when given.
    #[serde(default, skip_serializing_if = "Option::is_none")]
    pub horizon_date: Option<String>,
    /// The reinvestment rate used, when given.
    #[serde(default, with = "opt_dec_str", skip_serializing_if = "Option::is_none")]
    #[cfg_attr(feature = "schema", schemars(with = "crate::schema::DecStr"))]
    pub reinvestment_rate: Option<Decimal>,
    /// The conventions the figures follow, in words.
    pub conventions: Vec<String>,
}

/// The conventions every response states (see docs/invest.md).
pub const CONVENTIONS: [&str; 6] = [
    "money half-up to 0.01; the platform fee is rounded per interest payment",
    "xirr: Σ amount·(1+x)^(−days/365) = 0, Actual/365, Excel-compatible",
    "average_capital: outstanding principal averaged over every day from start_date (idle days \
     included) to the last flow",
    "terminal_wealth: each flow grows (or, after the horizon, is discounted) at \
     (1+reinvestment_rate)^(days/365) to horizon_date",
    "money_market: amount·(1+7-day yield)^(days/365), compounded daily, paid at maturity",
    "figures are calculations on the stated assumptions, not a promise; principal can be lost",
];

/// Compares 2 to 8 products: flows, totals, XIRR, capital employed, terminal wealth, ranks and
/// one explanation sentence each.
///
/// ```
/// use loanlens_core::invest::{compare, InvestRequest};
/// use loanlens_core::schema::from_json;
/// let req: InvestRequest = from_json(r#"{"products":[
///   {"name":"等额本息","amount":"10000","annual_rate":"0.10","term_months":12,
///    "structure":"equal_installment","start_date":"2025-01-15"},
///   {"name":"先息后本","amount":"10000","annual_rate":"0.10","term_months":12,
///    "structure":"interest_only","start_date":"2025-01-15"}]}"#).unwrap();
/// let r = compare(&req).unwrap();
/// assert_eq!(r.products[0].total_interest.to_string(), "549.89");
/// assert_eq!(r.products[1].total_interest.to_string(), "999.96");
/// // Less interest in total, yet a higher XIRR: capital came back every month.
/// assert_eq!(r.products[0].xirr.to_string(), "0.1051632297");
/// assert_eq!(r.products[1].xirr.to_string(), "0.1047325584");
/// assert_eq!(r.by_xirr, vec![0, 1]);
/// ```
pub fn compare(req: &InvestRequest) -> Result<InvestResponse, InputError> {
    compare_cached(req, &mut Cache::default())
}

/// Indexes ordered by value, highest first; equal values keep request order.
fn ranking(values: &[Decimal]) -> Vec<usize> {
    let mut order: Vec<usize> = (0..values.len()).collect();
    order.sort_by(|&a, &b| values[b].cmp(&values[a]));
    order
}
