//! v1 response types: every figure the core reports.

use super::{dec_str, opt_dec_str, Frequency, Method, SolveKind};
use rust_decimal::Decimal;
use serde::{Deserialize, Serialize};

v1_struct! {
    /// One row of a repayment schedule (还款计划表).
    pub struct Row {
        /// Period number, 1-based.
        pub period: u32,
        /// Payment date (ISO 8601), when the request gave dates.
        pub date: Option<String>,
        /// Total paid this period: principal + interest + fee.
        pub payment: Decimal,
        /// Principal part.
        pub principal: Decimal,
        /// Interest part.
        pub interest: Decimal,
        /// Fee part (never mixed into interest).
        pub fee: Decimal,
        /// Balance outstanding after this payment.
        pub balance: Decimal,
        /// Principal prepaid or settled early in this period (already included in `principal` and
        /// `payment`); absent when none.
        pub prepaid: Option<Decimal>,
    }
}

v1_struct! {
    /// The annualised cost (PBOC announcement 〔2021〕 No. 3): the IRR of the borrower's real cash
    /// flows with every fee included.
    pub struct Apr {
        /// Periodic (monthly) IRR x, a fraction, 8 decimals.
        pub monthly: Decimal,
        /// 年化利率 (IRR method): 12·x, a fraction, 6 decimals.
        pub nominal: Decimal,
        /// Effective annual rate (1+x)¹² − 1, a fraction, 6 decimals.
        pub effective: Decimal,
    }
}

v1_struct! {
    /// Cost flags raised by the engine.
    pub struct Flags {
        /// Nominal APR above 24%, commonly treated as the high-cost line.
        pub apr_above_24: bool,
        /// Nominal APR above 4 × the one-year LPR (the court protection cap for private lending).
        pub apr_above_4x_lpr: bool,
        /// The one-year LPR the flag used.
        pub lpr_1y: Decimal,
        /// The LPR's date when it is the built-in default; absent when the request supplied it.
        pub lpr_date: Option<String>,
    }
}

v1_struct! {
    /// The conventions a schedule was computed by, so a user can see why a figure differs from
    /// another site's.
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
        pub first_period: Option<String>,
        /// The grace rule, when there are grace months.
        pub grace: Option<String>,
        /// How prepayments, settlement and rate changes were applied, when there were any.
        pub events: Option<String>,
    }
}

v1_struct! {
    /// What prepayments or an early settlement changed, against the same loan without them.
    pub struct PrepaymentSummary {
        /// Periods of the loan without prepayments.
        pub original_periods: u32,
        /// Σ interest without prepayments.
        pub original_total_interest: Decimal,
        /// Σ payments without prepayments.
        pub original_total_payment: Decimal,
        /// Periods actually paid.
        pub periods: u32,
        /// Σ principal prepaid or settled early.
        pub total_prepaid: Decimal,
        /// Σ prepayment and settlement penalties (included in `total_fees`).
        pub total_penalties: Decimal,
        /// original_total_interest − total_interest.
        pub interest_saved: Decimal,
        /// interest_saved − total_penalties: what the borrower is better off, before time value.
        pub net_saving: Decimal,
    }
}

v1_struct! {
    /// A computed repayment schedule: the response of `schedule`.
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
        pub amount_received: Decimal,
        /// Payment of period 1.
        pub first_payment: Decimal,
        /// Payment of the last period.
        pub last_payment: Decimal,
        /// Σ interest.
        pub total_interest: Decimal,
        /// Σ fees, the upfront fee included.
        pub total_fees: Decimal,
        /// Σ payments (principal + interest + periodic fees; the upfront fee is not a payment).
        pub total_payment: Decimal,
        /// The annualised cost.
        pub apr: Apr,
        /// Cost flags.
        pub flags: Flags,
        /// The conventions used.
        pub conventions: Conventions,
        /// Present when the request had prepayments or a settlement.
        pub prepayment: Option<PrepaymentSummary>,
    }
}

v1_struct! {
    /// One method's figures in a comparison.
    pub struct CompareItem {
        /// The method.
        pub method: Method,
        /// Number of payment periods (rows).
        pub periods: u32,
        /// Payment of period 1.
        pub first_payment: Decimal,
        /// Payment of the last period.
        pub last_payment: Decimal,
        /// Smallest payment of any period (0.00 for a bullet loan's waiting months).
        pub min_payment: Decimal,
        /// Largest payment of any period.
        pub max_payment: Decimal,
        /// Σ interest.
        pub total_interest: Decimal,
        /// Σ fees, the upfront fee included.
        pub total_fees: Decimal,
        /// Σ payments.
        pub total_payment: Decimal,
        /// The annualised cost.
        pub apr: Apr,
        /// Cost flags.
        pub flags: Flags,
    }
}

v1_struct! {
    /// The response of `compare`.
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
}

v1_struct! {
    /// The response of `solve`: the solved value, the other inputs, and the schedule that proves
    /// it (recomputed from the answer by `schedule`).
    pub struct SolveResponse {
        /// Always [`SCHEMA_VERSION`].
        pub schema_version: u32,
        /// What was solved for.
        pub solve: SolveKind,
        /// The principal (solved for `max_principal`).
        pub principal: Decimal,
        /// The annual rate (solved for `implied_rate`).
        pub annual_rate: Decimal,
        /// The term in months (solved for `min_term`).
        pub term_months: u32,
        /// The regular payment of the verifying schedule.
        pub payment: Decimal,
        /// The verifying schedule.
        pub schedule: Schedule,
    }
}

v1_struct! {
    /// The annual rate x with Σ amount·(1+x)^(−days/365) = 0.
    pub struct XirrResponse {
        /// Always [`SCHEMA_VERSION`].
        pub schema_version: u32,
        /// The rate as a fraction, 10 decimals (0.1051630000 = 10.5163%).
        pub xirr: Decimal,
    }
}
