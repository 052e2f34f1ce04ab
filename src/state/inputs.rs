//! Every input of the calculator as typed: the text of each field and the choices of each
//! select, with their URL ids. This is what the URL and localStorage keep (see `query`); nothing
//! here is parsed, so a half-typed value survives a reload exactly as it was.

use super::parse::{parse_term, TermUnit};
pub use super::prepays::PrepayRow;
use loanlens_core::schema::{Method, PrepaymentMode, SolveKind};

/// The most offers compared besides the current loan.
pub const MAX_EXTRA_OFFERS: usize = 2;

/// Longest text kept for one field: a pasted novel must not travel into the URL.
pub const MAX_FIELD_CHARS: usize = 64;

/// An input field of the calculator (each has its own inline error).
#[derive(Debug, Clone, Copy, PartialEq, Eq, Hash)]
pub enum Field {
    Principal,
    AnnualRate,
    Term,
    UpfrontFee,
    MonthlyFee,
    StartDate,
    PrepayPeriod,
    PrepayAmount,
    PrepayPenalty,
    RateChangePeriod,
    RateChangeRate,
    SolvePayment,
    /// The rate the lender advertised for the offer being checked (optional, % a year).
    SolveQuoted,
    OfferRate(usize),
    OfferTerm(usize),
    OfferFee(usize),
    OfferMonthlyFee(usize),
    /// Period of partial prepayment row `n` ≥ 1 (row 0 is [`Field::PrepayPeriod`]).
    PrepayPeriodAt(usize),
    /// Amount of partial prepayment row `n` ≥ 1 (row 0 is [`Field::PrepayAmount`]).
    PrepayAmountAt(usize),
}

/// How the rate field is meant.
#[derive(Debug, Clone, Copy, PartialEq, Eq, Default)]
pub enum RateKind {
    /// 年利率, percent per year.
    #[default]
    Annual,
    /// 月费率 of a flat offer, percent of the original principal per month (等本等息).
    MonthlyFlat,
    /// 日利率 as consumer lenders quote it (万分之五 = 0.05% a day), percent per day; the
    /// annual rate is 日利率 × 365 (`request::DAYS_PER_YEAR`, docs/calculator.md).
    Daily,
}

impl RateKind {
    /// The URL id.
    pub fn id(self) -> &'static str {
        match self {
            RateKind::Annual => "annual",
            RateKind::MonthlyFlat => "monthly_flat",
            RateKind::Daily => "daily",
        }
    }

    /// Parses a URL id.
    pub fn from_id(s: &str) -> Option<RateKind> {
        [RateKind::Annual, RateKind::MonthlyFlat, RateKind::Daily].into_iter().find(|k| k.id() == s)
    }
}

/// Which prepayment is simulated.
#[derive(Debug, Clone, Copy, PartialEq, Eq, Default)]
pub enum PrepayKind {
    /// None.
    #[default]
    None,
    /// 部分提前还款.
    Partial,
    /// 提前结清.
    Full,
}

impl PrepayKind {
    /// The URL id.
    pub fn id(self) -> &'static str {
        match self {
            PrepayKind::None => "none",
            PrepayKind::Partial => "partial",
            PrepayKind::Full => "full",
        }
    }

    /// Parses a URL id.
    pub fn from_id(s: &str) -> Option<PrepayKind> {
        [PrepayKind::None, PrepayKind::Partial, PrepayKind::Full].into_iter().find(|k| k.id() == s)
    }
}

/// URL id of a prepayment mode.
pub fn prepay_mode_id(m: PrepaymentMode) -> &'static str {
    match m {
        PrepaymentMode::ShortenTerm => "shorten_term",
        PrepaymentMode::ReducePayment => "reduce_payment",
    }
}

/// Parses a prepayment mode id.
pub fn prepay_mode_from_id(s: &str) -> Option<PrepaymentMode> {
    [PrepaymentMode::ShortenTerm, PrepaymentMode::ReducePayment]
        .into_iter()
        .find(|m| prepay_mode_id(*m) == s)
}

/// URL id of a solver kind.
pub fn solve_kind_id(k: SolveKind) -> &'static str {
    match k {
        SolveKind::MaxPrincipal => "max_principal",
        SolveKind::MinTerm => "min_term",
        SolveKind::ImpliedRate => "implied_rate",
    }
}

/// Parses a solver kind id.
pub fn solve_kind_from_id(s: &str) -> Option<SolveKind> {
    [SolveKind::MaxPrincipal, SolveKind::MinTerm, SolveKind::ImpliedRate]
        .into_iter()
        .find(|k| solve_kind_id(*k) == s)
}

/// Another offer to compare with the current loan (same amount).
#[derive(Debug, Clone, PartialEq)]
pub struct Offer {
    /// The rate as typed: percent per year, or a flat 月费率 in percent per month (`rate_kind`).
    pub rate: String,
    /// How `rate` is quoted; a 月费率 offer is a flat-rate (等本等息) loan.
    pub rate_kind: RateKind,
    /// Term in months.
    pub term: String,
    pub method: Method,
    /// Upfront fee, 元 or `n%`.
    pub fee: String,
    /// Monthly fee, percent of the principal.
    pub monthly_fee: String,
}

impl Default for Offer {
    fn default() -> Self {
        Offer {
            rate: String::new(),
            rate_kind: RateKind::Annual,
            term: String::new(),
            method: Method::EqualInstallment,
            fee: String::new(),
            monthly_fee: String::new(),
        }
    }
}

/// Every input as typed: what the URL and localStorage keep.
#[derive(Debug, Clone, PartialEq)]
pub struct Inputs {
    pub principal: String,
    pub rate_kind: RateKind,
    /// The rate text: % per year, or % per month for [`RateKind::MonthlyFlat`].
    pub annual_rate: String,
    pub term: String,
    pub term_unit: TermUnit,
    pub method: Method,
    /// Upfront fee (手续费): 元 (`2000`, `0.2万`) or a percent of the principal (`1%`).
    pub upfront_fee: String,
    /// Monthly fee (月管理费), percent of the original principal.
    pub monthly_fee: String,
    /// Disbursement date; empty = no dates.
    pub start_date: String,
    /// 每月还款日, `1`–`28`; empty = the disbursement date's day (`payday`).
    pub pay_day: String,
    pub prepay_kind: PrepayKind,
    pub prepay_period: String,
    pub prepay_amount: String,
    pub prepay_mode: PrepaymentMode,
    pub prepay_penalty: String,
    /// Partial prepayment rows after the first (whose fields are the four above); the
    /// penalty rate is shared by every row (`prepays`).
    pub more_prepays: Vec<PrepayRow>,
    pub rc_period: String,
    pub rc_rate: String,
    pub solve_kind: SolveKind,
    pub solve_payment: String,
    /// What the lender advertised for that offer, % a year (optional): the only rate the
    /// implied APR is compared with.
    pub solve_quoted: String,
    pub offers: Vec<Offer>,
}

impl Default for Inputs {
    fn default() -> Self {
        Inputs {
            principal: "1000000".into(),
            rate_kind: RateKind::Annual,
            annual_rate: "4.9".into(),
            term: "360".into(),
            term_unit: TermUnit::Months,
            method: Method::EqualInstallment,
            upfront_fee: String::new(),
            monthly_fee: String::new(),
            start_date: String::new(),
            pay_day: String::new(),
            prepay_kind: PrepayKind::None,
            prepay_period: String::new(),
            prepay_amount: String::new(),
            prepay_mode: PrepaymentMode::ShortenTerm,
            prepay_penalty: String::new(),
            more_prepays: Vec::new(),
            rc_period: String::new(),
            rc_rate: String::new(),
            solve_kind: SolveKind::MaxPrincipal,
            solve_payment: String::new(),
            solve_quoted: String::new(),
            offers: Vec::new(),
        }
    }
}

impl Inputs {
    /// The method actually used: a monthly flat fee rate always means 等本等息.
    pub fn effective_method(&self) -> Method {
        match self.rate_kind {
            RateKind::MonthlyFlat => Method::FlatRate,
            _ => self.method,
        }
    }

    /// Whether a partial prepayment can shorten the loan: only where the principal amortises
    /// (先息后本 and 到期一次 repay it at the end, so only the payment, i.e. the interest, falls).
    pub fn can_shorten(&self) -> bool {
        !matches!(self.effective_method(), Method::InterestOnly | Method::Bullet)
    }

    /// The prepayment mode sent to the engine: the chosen one where it can apply.
    pub fn prepay_mode_used(&self) -> PrepaymentMode {
        self.mode_used(self.prepay_mode)
    }

    /// `mode` where it can apply, else 减少月供.
    pub fn mode_used(&self, mode: PrepaymentMode) -> PrepaymentMode {
        if self.can_shorten() {
            mode
        } else {
            PrepaymentMode::ReducePayment
        }
    }

    /// Sets the text of a field, cut to [`MAX_FIELD_CHARS`]; a field of an offer that does not
    /// exist is ignored.
    pub fn set(&mut self, f: Field, v: String) {
        if let Some(slot) = self.slot(f) {
            *slot = v.chars().take(MAX_FIELD_CHARS).collect();
        }
    }

    /// Puts a field back to its default text (an offer's field to empty).
    pub fn reset(&mut self, f: Field) {
        // A prepayment row after the first has no default text: without it, the loan's figures
        // are those of the other rows (what a link with a bad row falls back to).
        if let Field::PrepayPeriodAt(n) | Field::PrepayAmountAt(n) = f {
            return super::prepays::remove(self, n);
        }
        let v = Inputs::default().slot(f).map(std::mem::take).unwrap_or_default();
        self.set(f, v);
    }

    fn slot(&mut self, f: Field) -> Option<&mut String> {
        Some(match f {
            Field::Principal => &mut self.principal,
            Field::AnnualRate => &mut self.annual_rate,
            Field::Term => &mut self.term,
            Field::UpfrontFee => &mut self.upfront_fee,
            Field::MonthlyFee => &mut self.monthly_fee,
            Field::StartDate => &mut self.start_date,
            Field::PrepayPeriod => &mut self.prepay_period,
            Field::PrepayAmount => &mut self.prepay_amount,
            Field::PrepayPenalty => &mut self.prepay_penalty,
            Field::RateChangePeriod => &mut self.rc_period,
            Field::RateChangeRate => &mut self.rc_rate,
            Field::SolvePayment => &mut self.solve_payment,
            Field::SolveQuoted => &mut self.solve_quoted,
            Field::OfferRate(i)
            | Field::OfferTerm(i)
            | Field::OfferFee(i)
            | Field::OfferMonthlyFee(i) => {
                let o = self.offers.get_mut(i)?;
                match f {
                    Field::OfferRate(_) => &mut o.rate,
                    Field::OfferTerm(_) => &mut o.term,
                    Field::OfferFee(_) => &mut o.fee,
                    _ => &mut o.monthly_fee,
                }
            }
            Field::PrepayPeriodAt(n) => &mut self.more_prepays.get_mut(n.checked_sub(1)?)?.period,
            Field::PrepayAmountAt(n) => &mut self.more_prepays.get_mut(n.checked_sub(1)?)?.amount,
        })
    }

    /// Adds an offer to compare (at most [`MAX_EXTRA_OFFERS`]), pre-filled with the current
    /// loan's term in months and method.
    pub fn add_offer(&mut self) {
        if self.offers.len() < MAX_EXTRA_OFFERS {
            let term = parse_term(&self.term, self.term_unit).map(|m| m.to_string());
            self.offers.push(Offer {
                term: term.unwrap_or_default(),
                rate_kind: self.rate_kind,
                method: self.effective_method(),
                ..Offer::default()
            });
        }
    }
}
