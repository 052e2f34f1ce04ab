//! The figures: the headline totals (also in 万元), each part's terms and rate changes, and the
//! combined schedule a page of [`PAGE_ROWS`] at a time with a 合计 row. Every figure has a
//! `data-test` hook and its exact value in `data-value`, so a test can compare it with the CLI.

use super::i18n::{t, Lang, M};
use super::state::headline;
use crate::format::{group_thousands, money, percent, wan};
use loanlens_core::mortgage::{
    MortgagePart, MortgageResult, MortgageRow, PartKind, RepaymentMethod,
};
use rust_decimal::Decimal;
use yew::prelude::*;

/// Payments per page of the schedule.
pub const PAGE_ROWS: usize = 60;

/// A rate as a percentage, exact (no rounding): 0.0320 → `3.20%`, 0.03125 → `3.125%`.
pub fn rate(fraction: Decimal) -> String {
    let mut p = (fraction * Decimal::ONE_HUNDRED).normalize();
    if p.scale() < 2 {
        p.rescale(2);
    }
    format!("{p}%")
}

/// A large amount as each language's readers size it: `210.00万` in Chinese (from 1万 on),
/// `2.10 million` in English (from a million on; 万 means nothing to an English reader).
pub fn big(l: Lang, v: Decimal) -> Option<String> {
    match l {
        Lang::Zh => wan(v),
        Lang::En => {
            let m = loanlens_core::money::round_money(v / Decimal::from(1_000_000));
            (v.abs() >= Decimal::from(1_000_000))
                .then(|| format!("{} million", group_thousands(&m.to_string())))
        }
    }
}

/// One headline figure: label, ¥ amount, 万元 (or millions) beside it when large.
fn figure(l: Lang, label: M, test: &str, v: Decimal) -> Html {
    html! {
        <div class="figure">
            <dt>{ t(l, label) }</dt>
            <dd data-test={test.to_string()} data-value={v.to_string()}>{ money(v) }
                if let Some(w) = big(l, v) { <span class="wan" data-test={format!("{test}-wan")}>{ w }</span> }
            </dd>
        </div>
    }
}

/// The monthly payment: with an odd first period the first full period's, headlined, with the
/// first period's amount and days beside it (`state::headline`); else the first payment.
/// `prefix` is `""` for the loan or `r-fund-`/`r-com-` for a part.
fn monthly(
    l: Lang,
    prefix: &str,
    disbursed: &str,
    first: &str,
    payments: &[Decimal],
    ei: bool,
) -> Html {
    let h = headline(disbursed, first, payments);
    let Some((days, amount)) = h.odd_first else {
        return figure(l, M::FirstPayment, &format!("{prefix}first-payment"), h.monthly);
    };
    let label = monthly_label(true, ei);
    let beside = match l {
        Lang::Zh => format!("首期 {days} 天："),
        Lang::En => format!("First period, {days} days: "),
    };
    html! {
        <div class="figure">
            { figure(l, label, &format!("{prefix}regular-payment"), h.monthly) }
            <p class="odd-first">{ beside }
                <span data-test={format!("{prefix}first-payment")} data-value={amount.to_string()}>{ money(amount) }</span>
            </p>
        </div>
    }
}

/// The label of a headline payment: the first payment, or with an odd first period the monthly
/// one (等额本息) or the first full month's (等额本金).
fn monthly_label(odd: bool, ei: bool) -> M {
    match (odd, ei) {
        (false, _) => M::FirstPayment,
        (true, true) => M::MonthlyPayment,
        (true, false) => M::FirstFullPayment,
    }
}

/// The compact bar that stays in view on a phone: the headline payment.
pub fn bar(l: Lang, r: &MortgageResult) -> Html {
    let payments: Vec<Decimal> = r.rows.iter().map(|x| x.payment).collect();
    let h = headline(&r.disbursement_date, &r.first_payment_date, &payments);
    let label = monthly_label(h.odd_first.is_some(), all_equal_installments(r));
    html! {
        <p class="result-bar" aria-hidden="true">
            { t(l, label) }{ " " }<strong>{ money(h.monthly) }</strong>
        </p>
    }
}

/// Whether every part pays 等额本息 (equal monthly payments).
fn all_equal_installments(r: &MortgageResult) -> bool {
    r.parts.iter().all(|p| p.method == RepaymentMethod::EqualInstallment)
}

/// The headline totals.
pub fn summary(l: Lang, r: &MortgageResult) -> Html {
    let payments: Vec<Decimal> = r.rows.iter().map(|x| x.payment).collect();
    let ei = all_equal_installments(r);
    html! {
        <dl class="panel summary" data-test="summary">
            { monthly(l, "", &r.disbursement_date, &r.first_payment_date, &payments, ei) }
            { figure(l, M::LastPayment, "last-payment", r.last_payment) }
            { figure(l, M::LoanAmount, "loan-amount", r.loan_amount) }
            if let Some(dp) = r.down_payment { { figure(l, M::DownPayment, "down-payment", dp) } }
            { figure(l, M::TotalInterest, "total-interest", r.total_interest) }
            { figure(l, M::TotalPayment, "total-payment", r.total_payment) }
            <div class="figure">
                <dt>{ t(l, M::Apr) }</dt>
                <dd data-test="apr" data-value={r.apr.nominal.to_string()}>{ percent(r.apr.nominal) }</dd>
            </div>
            <div class="figure">
                <dt>{ t(l, M::FirstDate) }</dt>
                <dd data-test="first-date">{ r.first_payment_date.clone() }</dd>
            </div>
        </dl>
    }
}

/// One part's card: amount, rate, method, monthly (and odd first) payment, interest, rate
/// changes.
fn part(l: Lang, r: &MortgageResult, p: &MortgagePart) -> Html {
    let (title, k) = match p.kind {
        PartKind::HousingFund => (M::FundPart, "fund"),
        PartKind::Commercial => (M::ComPart, "com"),
    };
    let cell = |label: M, key: &str, v: Decimal, text: String| {
        html! {
            <div class="figure">
                <dt>{ t(l, label) }</dt>
                <dd data-test={format!("r-{k}-{key}")} data-value={v.to_string()}>{ text }</dd>
            </div>
        }
    };
    let s = &p.schedule;
    let method = match p.method {
        RepaymentMethod::EqualInstallment => M::EqualInstallment,
        RepaymentMethod::EqualPrincipal => M::EqualPrincipal,
    };
    let changes = p.rate_changes.iter().enumerate().map(|(i, c)| {
        let text = match l {
            Lang::Zh => format!(
                "{} 重定价：LPR {} → 利率 {}，自第 {} 期起",
                c.date,
                rate(c.lpr),
                rate(c.annual_rate),
                c.from_period
            ),
            Lang::En => format!(
                "{} repricing: LPR {} → rate {}, from payment {}",
                c.date,
                rate(c.lpr),
                rate(c.annual_rate),
                c.from_period
            ),
        };
        html! { <li data-test={format!("{k}-change-{i}")} data-period={c.from_period.to_string()}
        data-value={c.annual_rate.to_string()}>{ text }</li> }
    });
    html! {
        <section class="panel part-result" data-test={format!("{k}-part")}>
            <h3>{ t(l, title) }{ " · " }{ t(l, method) }{ " · " }{ format!("{}", p.term_months / 12) }
                { if l == Lang::Zh { "年" } else { " years" } }</h3>
            <dl>
                { cell(M::PartAmount, "amount", p.amount, money(p.amount)) }
                { cell(M::Rate, "rate", p.annual_rate, rate(p.annual_rate)) }
                { monthly(l, &format!("r-{k}-"), &r.disbursement_date, &r.first_payment_date,
                    &s.rows.iter().map(|x| x.payment).collect::<Vec<_>>(),
                    p.method == RepaymentMethod::EqualInstallment) }
                { cell(M::TotalInterest, "total-interest", s.total_interest, money(s.total_interest)) }
            </dl>
            if p.kind == PartKind::Commercial {
                <p class="label">{ t(l, M::RateChanges) }</p>
                if p.rate_changes.is_empty() {
                    <p class="note" data-test="com-no-change">{ t(l, M::NoRateChange) }</p>
                } else {
                    <ul class="changes">{ for changes }</ul>
                }
            }
        </section>
    }
}

/// Both parts' cards.
pub fn parts(l: Lang, r: &MortgageResult) -> Html {
    html! { <div class="parts">{ for r.parts.iter().map(|p| part(l, r, p)) }</div> }
}

/// A table cell's amount: `¥` in its own span, which a phone hides to fit the columns (the
/// text stays whole for copying and for tests).
fn amount(v: Decimal) -> Html {
    let m = money(v);
    let rest = m.strip_prefix('¥').unwrap_or(&m).to_string();
    html! { <><span class="cur">{ "¥" }</span>{ rest }</> }
}

/// The money cells of a row: combined, then each part's payment and interest when shown.
fn cells(r: &MortgageRow, both: bool) -> Html {
    let td = |key: &'static str, v: Decimal| {
        html! { <td data-test={key} data-value={v.to_string()}>{ amount(v) }</td> }
    };
    let opt = |key: &'static str, v: Option<Decimal>| td(key, v.unwrap_or_default());
    html! {
        <>
            { td("c-payment", r.payment) }{ td("c-principal", r.principal) }
            { td("c-interest", r.interest) }{ td("c-balance", r.balance) }
            if both {
                { opt("c-fund-payment", r.fund_payment) }{ opt("c-fund-interest", r.fund_interest) }
                { opt("c-com-payment", r.commercial_payment) }{ opt("c-com-interest", r.commercial_interest) }
            }
        </>
    }
}

/// The combined schedule, page `page` (0-based), with each part's columns when `both`.
pub fn table(
    l: Lang,
    r: &MortgageResult,
    page: usize,
    both: bool,
    go: Callback<usize>,
    toggle: Callback<()>,
) -> Html {
    let pages = r.rows.len().div_ceil(PAGE_ROWS).max(1);
    let cur = page.min(pages - 1);
    let (start, end) = (cur * PAGE_ROWS, ((cur + 1) * PAGE_ROWS).min(r.rows.len()));
    let split = r.parts.len() > 1;
    let both = both && split;
    let th = |m: M| html! { <th scope="col">{ t(l, m) }</th> };
    let gap = if l == Lang::Zh { "" } else { " " };
    let part_th = |a: M, b: M| html! { <th scope="col">{ t(l, a) }{ gap }{ t(l, b) }</th> };
    let sum = |f: fn(&MortgageRow) -> Decimal| r.rows.iter().map(f).sum::<Decimal>();
    let foot_cell = |key: &'static str, v: Decimal| {
        html! { <td data-test={key} data-value={v.to_string()}>{ amount(v) }</td> }
    };
    let nav = |at: &str| {
        let (prev, next) = (go.clone(), go.clone());
        html! {
            <nav class="pager" aria-label={t(l, M::Schedule)} data-test={format!("pager-{at}")}>
                <button type="button" class="secondary" data-test="page-prev" disabled={cur == 0}
                    onclick={Callback::from(move |_| prev.emit(cur.saturating_sub(1)))}>{ t(l, M::PagePrev) }</button>
                <span data-test="page-info">{ format!("{}–{} / {}", start + 1, end, r.rows.len()) }</span>
                <button type="button" class="secondary" data-test="page-next" disabled={cur + 1 >= pages}
                    onclick={Callback::from(move |_| next.emit(cur + 1))}>{ t(l, M::PageNext) }</button>
            </nav>
        }
    };
    html! {
        <section class="schedule" aria-labelledby="schedule-title">
            <div class="section-head">
                <h2 id="schedule-title">{ t(l, M::Schedule) }</h2>
                if split {
                    <label class="check">
                        <input type="checkbox" data-test="show-parts" checked={both}
                            onchange={Callback::from(move |_| toggle.emit(()))} />
                        { t(l, M::ShowParts) }
                    </label>
                }
            </div>
            if pages > 1 { { nav("top") } }
            <div class="table-wrap" tabindex="0" role="region" aria-labelledby="schedule-title">
                <table data-test="schedule" class={classes!(both.then_some("wide"))}>
                    <thead><tr>
                        { th(M::Period) }{ th(M::Date) }{ th(M::Payment) }{ th(M::Principal) }
                        { th(M::Interest) }{ th(M::Balance) }
                        if both {
                            { part_th(M::FundShort, M::Payment) }{ part_th(M::FundShort, M::Interest) }
                            { part_th(M::ComShort, M::Payment) }{ part_th(M::ComShort, M::Interest) }
                        }
                    </tr></thead>
                    <tbody>
                        { for r.rows[start..end].iter().map(|row| html! {
                            <tr key={row.period} data-test="row">
                                <th scope="row" data-test="c-period" data-date={row.date.clone()}>{ row.period }</th>
                                <td data-test="c-date">{ row.date.clone() }</td>
                                { cells(row, both) }
                            </tr>
                        }) }
                    </tbody>
                    <tfoot><tr data-test="total-row">
                        <th scope="row" colspan="2">{ t(l, M::TotalRow) }</th>
                        { foot_cell("t-payment", r.total_payment) }
                        { foot_cell("t-principal", r.total_principal) }
                        { foot_cell("t-interest", r.total_interest) }
                        <td></td>
                        if both {
                            { foot_cell("t-fund-payment", sum(|x| x.fund_payment.unwrap_or_default())) }
                            { foot_cell("t-fund-interest", sum(|x| x.fund_interest.unwrap_or_default())) }
                            { foot_cell("t-com-payment", sum(|x| x.commercial_payment.unwrap_or_default())) }
                            { foot_cell("t-com-interest", sum(|x| x.commercial_interest.unwrap_or_default())) }
                        }
                    </tr></tfoot>
                </table>
            </div>
            if pages > 1 { { nav("bottom") } }
        </section>
    }
}
