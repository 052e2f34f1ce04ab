//! A product card's text as typed, the presets, and text → the core's [`Product`]. Each field is
//! parsed with the calculator's parsers (`state::parse`: 元/万, %, months/years, dates) and
//! checked against the core's limits (`loanlens_core::invest::MAX_*`), so the page names the
//! field and its range before the core is asked; the core's own errors are mapped to the same
//! fields ([`field_of`]).

use crate::state::parse::TermUnit;
use crate::state::parse::{parse_amount, parse_date, parse_decimal, parse_percent, parse_term};
use loanlens_core::invest::{
    Product, ProductKind, Structure, MAX_AMOUNT, MAX_IDLE_DAYS, MAX_NAME_CHARS, MAX_RATE,
};
use rust_decimal::Decimal;

/// A field of a product card (its `data-test` hook is `p{i}-{id}`).
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub enum Field {
    Name,
    Kind,
    Structure,
    Amount,
    Rate,
    Term,
    Start,
    Idle,
    Fee,
}

impl Field {
    /// Every field, in card order.
    pub const ALL: [Field; 9] = [
        Field::Name,
        Field::Kind,
        Field::Structure,
        Field::Amount,
        Field::Rate,
        Field::Term,
        Field::Start,
        Field::Idle,
        Field::Fee,
    ];

    /// The field's id in `data-test` hooks and the URL.
    pub fn id(self) -> &'static str {
        match self {
            Field::Name => "name",
            Field::Kind => "kind",
            Field::Structure => "structure",
            Field::Amount => "amount",
            Field::Rate => "rate",
            Field::Term => "term",
            Field::Start => "start",
            Field::Idle => "idle",
            Field::Fee => "fee",
        }
    }
}

/// Why a field (or the whole card, or the horizon) was refused. The page's own texts
/// (`i18n::error_text`): the SPA's core has no message texts.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub enum Problem {
    /// Required and blank.
    Empty,
    /// Not a number.
    NotNumber,
    /// Name: 1 to 60 characters.
    Name,
    /// Amount: 0.01 to 1,000,000,000, at most 2 decimals.
    Amount,
    /// Rate or yield: 0% to 100%.
    Rate,
    /// Term: 1 to 600 months, maturing by 2200-12-31.
    Term,
    /// A date that is not a calendar date (1900 to 2200).
    Date,
    /// Idle days: a whole number from 0 to 365.
    Idle,
    /// Fee on interest: 0% to below 100%.
    Fee,
    /// Horizon before a start date (or too far from the flows).
    Horizon,
    /// Horizon given without a reinvestment rate, or the other way round.
    Pair,
    /// The product's figures cannot be computed (no XIRR, out of range).
    Product,
}

/// One product card as typed.
#[derive(Debug, Clone, PartialEq)]
pub struct Card {
    pub name: String,
    pub kind: ProductKind,
    pub structure: Structure,
    pub amount: String,
    pub rate: String,
    pub term: String,
    pub start: String,
    pub idle: String,
    pub fee: String,
}

/// The presets of "add a product": common products with typical quoted figures (illustrative,
/// not offers).
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub enum Preset {
    /// A P2P-style loan note paid back 等额本息, 10% for 12 months.
    Installment,
    /// 先息后本, 8% for 12 months.
    InterestOnly,
    /// 到期还本付息, 6% for 12 months.
    Bullet,
    /// A bank 1-year time deposit at 1.5%.
    Deposit,
    /// A money-market fund at a 7-day annualised yield of 1.35%, held 12 months.
    MoneyFund,
}

impl Preset {
    /// Every preset, in menu order.
    pub const ALL: [Preset; 5] = [
        Preset::Installment,
        Preset::InterestOnly,
        Preset::Bullet,
        Preset::Deposit,
        Preset::MoneyFund,
    ];

    /// The preset's id (the menu's option values).
    pub fn id(self) -> &'static str {
        match self {
            Preset::Installment => "installment",
            Preset::InterestOnly => "interest_only",
            Preset::Bullet => "bullet",
            Preset::Deposit => "deposit",
            Preset::MoneyFund => "money_fund",
        }
    }

    /// Parses an id.
    pub fn from_id(id: &str) -> Option<Preset> {
        Preset::ALL.into_iter().find(|p| p.id() == id)
    }

    /// A card for this preset: 10,000 paid in on `start`, with `name` as its label.
    pub fn card(self, name: &str, start: &str) -> Card {
        let (kind, structure, rate) = match self {
            Preset::Installment => (ProductKind::Loan, Structure::EqualInstallment, "10"),
            Preset::InterestOnly => (ProductKind::Loan, Structure::InterestOnly, "8"),
            Preset::Bullet => (ProductKind::Loan, Structure::Bullet, "6"),
            Preset::Deposit => (ProductKind::TimeDeposit, Structure::Bullet, "1.5"),
            Preset::MoneyFund => (ProductKind::MoneyMarket, Structure::Bullet, "1.35"),
        };
        Card {
            name: name.to_string(),
            kind,
            structure,
            amount: "10000".into(),
            rate: rate.into(),
            term: "12".into(),
            start: start.into(),
            idle: "0".into(),
            fee: "0".into(),
        }
    }
}

/// A kind's id (as in the JSON schema).
pub fn kind_id(k: ProductKind) -> &'static str {
    match k {
        ProductKind::Loan => "loan",
        ProductKind::TimeDeposit => "time_deposit",
        ProductKind::MoneyMarket => "money_market",
    }
}

/// Parses a kind's id.
pub fn kind_from_id(id: &str) -> Option<ProductKind> {
    [ProductKind::Loan, ProductKind::TimeDeposit, ProductKind::MoneyMarket]
        .into_iter()
        .find(|k| kind_id(*k) == id)
}

/// Every structure, in menu order.
pub const STRUCTURES: [Structure; 4] = [
    Structure::EqualInstallment,
    Structure::EqualPrincipal,
    Structure::InterestOnly,
    Structure::Bullet,
];

/// A structure's id (as in the JSON schema).
pub fn structure_id(s: Structure) -> &'static str {
    s.method().id()
}

/// Parses a structure's id.
pub fn structure_from_id(id: &str) -> Option<Structure> {
    STRUCTURES.into_iter().find(|s| structure_id(*s) == id)
}

/// A whole number of days from 0 to 365.
fn parse_idle(raw: &str) -> Result<i64, Problem> {
    let v = parse_decimal(raw).map_err(|_| Problem::Idle)?;
    if !v.fract().is_zero() || v < Decimal::ZERO || v > Decimal::from(MAX_IDLE_DAYS) {
        return Err(Problem::Idle);
    }
    i64::try_from(v.trunc()).map_err(|_| Problem::Idle)
}

/// A percentage from 0% to 100% as a fraction.
pub fn parse_rate(raw: &str) -> Result<Decimal, Problem> {
    if raw.trim().is_empty() {
        return Err(Problem::Empty);
    }
    parse_percent(raw, MAX_RATE, crate::i18n::Key::ErrRateRange).map_err(|_| Problem::Rate)
}

impl Card {
    /// Whether `f` applies to this card's kind (a reference product has no structure or fee).
    pub fn has(&self, f: Field) -> bool {
        !matches!(f, Field::Structure | Field::Fee) || self.kind == ProductKind::Loan
    }

    /// The text of field `f` (kind and structure as their ids).
    pub fn get(&self, f: Field) -> &str {
        match f {
            Field::Name => &self.name,
            Field::Kind => kind_id(self.kind),
            Field::Structure => structure_id(self.structure),
            Field::Amount => &self.amount,
            Field::Rate => &self.rate,
            Field::Term => &self.term,
            Field::Start => &self.start,
            Field::Idle => &self.idle,
            Field::Fee => &self.fee,
        }
    }

    /// Sets field `f` from its text (an unknown kind or structure id is ignored).
    pub fn set(&mut self, f: Field, v: String) {
        match f {
            Field::Name => self.name = v,
            Field::Kind => self.kind = kind_from_id(&v).unwrap_or(self.kind),
            Field::Structure => self.structure = structure_from_id(&v).unwrap_or(self.structure),
            Field::Amount => self.amount = v,
            Field::Rate => self.rate = v,
            Field::Term => self.term = v,
            Field::Start => self.start = v,
            Field::Idle => self.idle = v,
            Field::Fee => self.fee = v,
        }
    }

    /// The core's product, or every field's problem. A blank idle-days or fee field means none.
    pub fn product(&self) -> Result<Product, Vec<(Field, Problem)>> {
        let mut errs = Vec::new();
        let mut check = |f: Field, r: Result<(), Problem>| {
            if let Err(p) = r {
                errs.push((f, p));
            }
        };
        let name = self.name.trim();
        check(
            Field::Name,
            if name.is_empty() || self.name.chars().count() > MAX_NAME_CHARS {
                Err(Problem::Name)
            } else {
                Ok(())
            },
        );
        let amount = parse_amount(&self.amount).map_err(|k| match k {
            crate::i18n::Key::ErrEmpty => Problem::Empty,
            crate::i18n::Key::ErrNotNumber => Problem::NotNumber,
            _ => Problem::Amount,
        });
        let amount = amount.and_then(|a| if a > MAX_AMOUNT { Err(Problem::Amount) } else { Ok(a) });
        check(Field::Amount, amount.map(drop));
        let rate = parse_rate(&self.rate);
        check(Field::Rate, rate.map(drop));
        let term = if self.term.trim().is_empty() {
            Err(Problem::Empty)
        } else {
            parse_term(&self.term, TermUnit::Months).map_err(|_| Problem::Term)
        };
        check(Field::Term, term.map(drop));
        let start = parse_date(&self.start).map_err(|_| Problem::Date);
        check(Field::Start, start.as_ref().map(drop).map_err(|p| *p));
        let loan = self.kind == ProductKind::Loan;
        let idle = match self.idle.trim() {
            "" => Ok(None),
            s => parse_idle(s).map(Some),
        };
        check(Field::Idle, idle.map(drop));
        let fee = match self.fee.trim() {
            "" => Ok(None),
            _ if !loan => Ok(None),
            s => parse_percent(s, Decimal::ONE, crate::i18n::Key::ErrRateRange)
                .ok()
                .filter(|f| *f < Decimal::ONE)
                .map(Some)
                .ok_or(Problem::Fee),
        };
        check(Field::Fee, fee.map(drop));
        match (amount, rate, term, start, idle, fee) {
            (Ok(amount), Ok(annual_rate), Ok(term_months), Ok(start_date), Ok(idle), Ok(fee))
                if errs.is_empty() =>
            {
                Ok(Product {
                    name: name.to_string(),
                    kind: self.kind,
                    amount,
                    annual_rate,
                    term_months,
                    structure: loan.then_some(self.structure),
                    start_date,
                    idle_days: idle,
                    fee_rate_on_interest: fee,
                })
            }
            _ => Err(errs),
        }
    }
}

/// Where a core `InputError` belongs: `products[2].idle_days` → (Some(2), Some(Idle)),
/// `products[2]` → (Some(2), None), `horizon_date` → (None, None).
pub fn field_of(path: &str) -> (Option<usize>, Option<Field>) {
    let Some(rest) = path.strip_prefix("products[") else { return (None, None) };
    let Some((i, rest)) = rest.split_once(']') else { return (None, None) };
    let field = match rest.strip_prefix('.') {
        Some("name") => Some(Field::Name),
        Some("kind") => Some(Field::Kind),
        Some("structure") => Some(Field::Structure),
        Some("amount") => Some(Field::Amount),
        Some("annual_rate") => Some(Field::Rate),
        Some("term_months") => Some(Field::Term),
        Some("start_date") => Some(Field::Start),
        Some("idle_days") => Some(Field::Idle),
        Some("fee_rate_on_interest") => Some(Field::Fee),
        _ => None,
    };
    (i.parse().ok(), field)
}

/// The problem the core reports for `f`, in the page's terms.
pub fn problem_of(f: Option<Field>) -> Problem {
    match f {
        Some(Field::Name) => Problem::Name,
        Some(Field::Amount) => Problem::Amount,
        Some(Field::Rate) => Problem::Rate,
        Some(Field::Term) => Problem::Term,
        Some(Field::Start) => Problem::Date,
        Some(Field::Idle) => Problem::Idle,
        Some(Field::Fee) => Problem::Fee,
        Some(Field::Kind | Field::Structure) | None => Problem::Product,
    }
}
