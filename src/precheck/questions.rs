//! The pre-check's questions: one table (JSON name, step, kind, label, why) that the form, the
//! reducer and the tests all read, and the translation of an answer into the core's
//! [`Profile`]. Allowed ranges are the core's: a number is checked by
//! [`Profile::validate`] (and the loan by the schedule's limits), never by a copy here.

use super::i18n::P;
use loanlens_core::schedule::{MAX_PRINCIPAL, MAX_TERM_MONTHS};
use loanlens_core::schema::Method;
use loanlens_core::scorecard::{
    field_range, Employment, Housing, LoanAsk, Profile, Purpose, Segment,
};
use rust_decimal::prelude::ToPrimitive;
use rust_decimal::Decimal;

/// What kind of answer a question takes.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub enum Kind {
    /// A whole number (years, months, counts).
    Count,
    /// A monthly amount in CNY (0 allowed; `1.2万` understood).
    Money,
    /// One of a list of ids (a `<select>`).
    Choice(&'static [&'static str]),
}

/// One question of the form.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub struct Question {
    /// The profile's JSON name (`loan_amount`, `term_months`, `method` for the loan); the
    /// field's `data-test` hook is the same name with dashes.
    pub id: &'static str,
    /// The step (0-based) it is asked on.
    pub step: usize,
    /// The kind of answer.
    pub kind: Kind,
    /// Its label.
    pub label: P,
    /// One line on why it is asked.
    pub why: P,
    /// Whether an answer is needed to go on (the rest go to the card's `missing` bins).
    pub required: bool,
}

/// The ids of a yes/no answer.
pub const YES_NO: &[&str] = &["false", "true"];

/// The repayment methods offered (the calculator's ids).
pub const METHODS: &[&str] = &["equal_installment", "equal_principal"];

const fn q(
    id: &'static str,
    step: usize,
    kind: Kind,
    label: P,
    why: P,
    required: bool,
) -> Question {
    Question { id, step, kind, label, why, required }
}

/// Every question, in the order asked.
pub const QUESTIONS: &[Question] = &[
    q("age", 0, Kind::Count, P::Age, P::AgeWhy, true),
    q("employment", 0, Kind::Choice(Employment::IDS), P::Employment, P::EmploymentWhy, true),
    q("months_in_job", 0, Kind::Count, P::MonthsInJob, P::MonthsInJobWhy, false),
    q("social_insurance_months", 0, Kind::Count, P::SocialInsurance, P::SocialInsuranceWhy, false),
    q("housing", 0, Kind::Choice(Housing::IDS), P::Housing, P::HousingWhy, false),
    q("monthly_income", 1, Kind::Money, P::Income, P::IncomeWhy, true),
    q("monthly_debt_payments", 1, Kind::Money, P::Debts, P::DebtsWhy, false),
    q("overdue_count_24m", 2, Kind::Count, P::Overdue24m, P::Overdue24mWhy, false),
    q(
        "currently_overdue",
        2,
        Kind::Choice(YES_NO),
        P::CurrentlyOverdue,
        P::CurrentlyOverdueWhy,
        false,
    ),
    q("credit_inquiries_6m", 2, Kind::Count, P::Inquiries, P::InquiriesWhy, false),
    q("loan_amount", 3, Kind::Money, P::Amount, P::AmountWhy, true),
    q("term_months", 3, Kind::Count, P::Term, P::TermWhy, true),
    q("method", 3, Kind::Choice(METHODS), P::Method, P::MethodWhy, true),
    q("purpose", 3, Kind::Choice(Purpose::IDS), P::Purpose, P::PurposeWhy, false),
    q("segment", 3, Kind::Choice(Segment::IDS), P::Segment, P::SegmentWhy, false),
];

/// The number of form steps (the result comes after them).
pub const STEPS: usize = 4;

/// The titles of the steps.
pub const STEP_TITLES: [P; STEPS] = [P::Step1, P::Step2, P::Step3, P::Step4];

/// The index of the question with JSON name `id`.
pub fn index_of(id: &str) -> Option<usize> {
    QUESTIONS.iter().position(|q| q.id == id)
}

/// Why an answer is not accepted, ready to show next to the field.
#[derive(Debug, Clone, PartialEq, Eq)]
pub enum AnswerError {
    /// A required answer is blank.
    Empty,
    /// A count with decimals.
    Whole,
    /// Not a number.
    Number,
    /// Outside the allowed range: its two ends, from the core's one definition.
    Range { lo: String, hi: String },
    /// The scorecard cannot score without this answer.
    Needed,
}

/// The range error for field `id`, with the ends the core allows: the schedule's limits for
/// the loan, `scorecard::field_range` for the profile (the core's English messages are not in
/// the browser build, so the page never reads numbers out of them).
pub fn out_of_range(id: &str) -> AnswerError {
    let (lo, hi) = match id {
        "loan_amount" => ("0.01".to_string(), MAX_PRINCIPAL.to_string()),
        "term_months" => ("1".to_string(), MAX_TERM_MONTHS.to_string()),
        _ => match field_range(id) {
            Some((lo, hi)) => (lo.to_string(), hi.to_string()),
            None => return AnswerError::Number,
        },
    };
    AnswerError::Range { lo, hi }
}

/// A parsed answer.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
enum Value {
    Count(u32),
    Money(Decimal),
    Choice(&'static str),
}

/// Puts one parsed answer into the profile (the loan's parts into `loan`).
fn put(p: &mut Profile, loan: &mut LoanParts, id: &str, v: Value) -> Option<()> {
    match (id, v) {
        ("age", Value::Count(n)) => p.age = Some(n),
        ("months_in_job", Value::Count(n)) => p.months_in_job = Some(n),
        ("social_insurance_months", Value::Count(n)) => p.social_insurance_months = Some(n),
        ("overdue_count_24m", Value::Count(n)) => p.overdue_count_24m = Some(n),
        ("credit_inquiries_6m", Value::Count(n)) => p.credit_inquiries_6m = Some(n),
        ("monthly_income", Value::Money(d)) => p.monthly_income = Some(d),
        ("monthly_debt_payments", Value::Money(d)) => p.monthly_debt_payments = Some(d),
        ("employment", Value::Choice(c)) => p.employment = Some(Employment::from_id(c)?),
        ("housing", Value::Choice(c)) => p.housing = Some(Housing::from_id(c)?),
        ("purpose", Value::Choice(c)) => p.purpose = Some(Purpose::from_id(c)?),
        ("segment", Value::Choice(c)) => p.segment = Some(Segment::from_id(c)?),
        ("currently_overdue", Value::Choice(c)) => p.currently_overdue = Some(c == "true"),
        ("loan_amount", Value::Money(d)) => loan.get_or_insert_with(Default::default).0 = Some(d),
        ("term_months", Value::Count(n)) => loan.get_or_insert_with(Default::default).1 = Some(n),
        ("method", Value::Choice(c)) => {
            loan.get_or_insert_with(Default::default).2 = Some(Method::from_id(c)?)
        }
        _ => return None,
    }
    Some(())
}

/// The loan's amount, term and method as answered so far.
type LoanParts = Option<(Option<Decimal>, Option<u32>, Option<Method>)>;

/// Parses the text of answer `q`: `Ok(None)` when blank.
fn parse(q: &Question, raw: &str) -> Result<Option<Value>, AnswerError> {
    let raw = raw.trim();
    if raw.is_empty() {
        return Ok(None);
    }
    match q.kind {
        Kind::Choice(ids) => ids
            .iter()
            .find(|i| **i == raw)
            .map(|i| Some(Value::Choice(i)))
            .ok_or(AnswerError::Number),
        Kind::Count => {
            let d = number(raw).ok_or(AnswerError::Number)?;
            if !d.fract().is_zero() {
                return Err(AnswerError::Whole);
            }
            // A negative or huge count is out of the core's range; say which range.
            d.to_u32().map(|n| Some(Value::Count(n))).ok_or_else(|| out_of_range(q.id))
        }
        Kind::Money => {
            // `0` is a fine monthly debt; `1.2万` a fine income (the calculator's amount parser).
            let d = number(raw).ok_or(AnswerError::Number)?;
            Ok(Some(Value::Money(d)))
        }
    }
}

/// A number as people type it here: `12000`, `12,000`, `¥12000`, `1.2万` (万 = 10,000), with
/// the digits read by the core's own decimal parser. (The calculator's `state::parse` reads
/// more forms — full-width digits, 亿 — at ~1 KB gzip this page's budget cannot spare.)
fn number(raw: &str) -> Option<Decimal> {
    let s: String = raw.chars().filter(|c| !matches!(c, ',' | '，' | ' ' | '¥' | '￥')).collect();
    let s = s.strip_suffix('元').unwrap_or(&s);
    let (digits, factor) = match s.strip_suffix('万') {
        Some(d) => (d, Decimal::from(10_000)),
        None => (s, Decimal::ONE),
    };
    loanlens_core::schema::dec_str::parse(digits).ok()?.checked_mul(factor)
}

/// Checks one answer on its own: `None` when it is acceptable (blank optional answers are).
pub fn check(q: &Question, raw: &str) -> Option<AnswerError> {
    let v = match parse(q, raw) {
        Err(e) => return Some(e),
        Ok(None) => return q.required.then_some(AnswerError::Empty),
        Ok(Some(v)) => v,
    };
    match (q.id, v) {
        ("loan_amount", Value::Money(d)) => {
            let ok = d > Decimal::ZERO && d <= MAX_PRINCIPAL && d.normalize().scale() <= 2;
            (!ok).then(|| out_of_range(q.id))
        }
        ("term_months", Value::Count(n)) => {
            (!(1..=MAX_TERM_MONTHS).contains(&n)).then(|| out_of_range(q.id))
        }
        _ => {
            let mut p = Profile::default();
            put(&mut p, &mut None, q.id, v)?;
            p.validate().err().map(|_| out_of_range(q.id))
        }
    }
}

/// The profile the answers describe, or the index and error of every answer not accepted.
pub fn profile(answers: &[String]) -> Result<Profile, Vec<(usize, AnswerError)>> {
    let errors: Vec<(usize, AnswerError)> = QUESTIONS
        .iter()
        .zip(answers)
        .enumerate()
        .filter_map(|(i, (q, raw))| check(q, raw).map(|e| (i, e)))
        .collect();
    if !errors.is_empty() {
        return Err(errors);
    }
    let mut p = Profile::default();
    let mut loan: LoanParts = None;
    for (q, raw) in QUESTIONS.iter().zip(answers) {
        if let Ok(Some(v)) = parse(q, raw) {
            put(&mut p, &mut loan, q.id, v);
        }
    }
    if let Some((Some(principal), Some(term_months), method)) = loan {
        p.loan = Some(LoanAsk {
            principal,
            term_months,
            method: method.unwrap_or(Method::EqualInstallment),
            upfront_fee: None,
            monthly_fee_rate: None,
        });
    }
    Ok(p)
}
