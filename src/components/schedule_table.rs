//! The repayment schedule (还款计划表): every payment, or yearly subtotals; dates when the loan
//! has a start date. Rows are shown a page at a time beyond [`PAGE_ROWS`] so a 600-payment loan
//! repaints within a frame on every keystroke.

use crate::components::share_bar::share_bar;
use crate::format::money;
use crate::i18n::{t, Key, Lang};
use crate::state::chart::yearly;
use loanlens_core::schema::Schedule;
use rust_decimal::Decimal;
use std::rc::Rc;
use yew::prelude::*;

/// Payments per page in the monthly view.
pub const PAGE_ROWS: usize = 60;

#[derive(Properties, PartialEq)]
pub struct ScheduleTableProps {
    pub lang: Lang,
    pub schedule: Rc<Schedule>,
    /// The page's short code, for the share bar's short link and QR code.
    #[prop_or_default]
    pub short: AttrValue,
}

/// The five money cells of a row.
fn money_cells(values: [Decimal; 5]) -> Html {
    values.into_iter().map(|v| html! { <td>{ money(v) }</td> }).collect()
}

/// The four sums of the 合计 row.
fn money_cells_4(values: [Decimal; 4]) -> Html {
    values.into_iter().map(|v| html! { <td>{ money(v) }</td> }).collect()
}

/// A column header.
fn col(lang: Lang, key: Key) -> Html {
    html! { <th scope="col">{ t(lang, key) }</th> }
}

#[component]
pub fn ScheduleTable(props: &ScheduleTableProps) -> Html {
    let lang = props.lang;
    let s = &props.schedule;
    let yearly_view = use_state(|| false);
    let copied = use_state(|| false);
    let short_open = use_state(|| false);
    let page = use_state(|| 0usize);
    // Printing lays out every payment (the screen shows a page at a time), prints, and returns.
    let printing = use_state(|| false);
    {
        let printing = printing.clone();
        use_effect_with(*printing, move |on| {
            if *on {
                let _ = gloo::utils::window().print();
                printing.set(false);
            }
        });
    }
    let on_print = {
        let printing = printing.clone();
        Callback::from(move |_| printing.set(true))
    };
    let dated = s.rows.first().is_some_and(|r| r.date.is_some());
    let pages = s.rows.len().div_ceil(PAGE_ROWS).max(1);
    let cur = (*page).min(pages - 1);

    let set_view = |y: bool| {
        let v = yearly_view.clone();
        Callback::from(move |_| v.set(y))
    };
    let go = |p: usize| {
        let page = page.clone();
        Callback::from(move |_| page.set(p))
    };

    let head = html! {
        <thead><tr>
            if *yearly_view {
                { col(lang, Key::YearCol) }{ col(lang, Key::PeriodsCol) }
            } else {
                { col(lang, Key::Period) }
                if dated { { col(lang, Key::Date) } }
            }
            // In the yearly view the first money column is the year's sum, not a monthly payment.
            { col(lang, if *yearly_view { Key::YearPaid } else { Key::Payment }) }
            { for [Key::PrincipalPart, Key::Interest, Key::Fee, Key::Balance].map(|k| col(lang, k)) }
        </tr></thead>
    };
    // 合计: the sums of the whole loan under either view (the upfront fee is in the fees).
    let principal: Decimal = s.rows.iter().map(|r| r.principal).sum();
    let foot = html! {
        <tfoot><tr data-test="total-row">
            <th scope="row" colspan={if *yearly_view || dated { "2" } else { "1" }}>{ t(lang, Key::TotalRow) }</th>
            { money_cells_4([s.total_payment, principal, s.total_interest, s.total_fees]) }
            <td></td>
        </tr></tfoot>
    };
    let body = if *yearly_view {
        yearly(&s.rows)
            .into_iter()
            .map(|y| {
                let label = y.calendar_year.clone().unwrap_or_else(|| y.year.to_string());
                html! {
                    <tr key={y.year} data-test="year-row">
                        <th scope="row">{ label }</th>
                        <td>{ format!("{}–{}", y.first_period, y.last_period) }</td>
                        { money_cells([y.payment, y.principal, y.interest, y.fee, y.balance]) }
                    </tr>
                }
            })
            .collect::<Html>()
    } else {
        let (start, end) = if *printing {
            (0, s.rows.len())
        } else {
            (cur * PAGE_ROWS, ((cur + 1) * PAGE_ROWS).min(s.rows.len()))
        };
        s.rows[start..end]
            .iter()
            .map(|r| {
                html! {
                    <tr key={r.period} data-test="schedule-row"
                        class={r.prepaid.is_some().then_some("prepaid")}>
                        <th scope="row">{ r.period }</th>
                        if let Some(d) = &r.date { <td>{ d.clone() }</td> }
                        { money_cells([r.payment, r.principal, r.interest, r.fee, r.balance]) }
                    </tr>
                }
            })
            .collect::<Html>()
    };
    let pager = (!*yearly_view && pages > 1).then(|| {
        let first = cur * PAGE_ROWS + 1;
        let last = ((cur + 1) * PAGE_ROWS).min(s.rows.len());
        html! {
            <nav class="pager" aria-label={t(lang, Key::Schedule)}>
                <button type="button" data-test="page-prev" disabled={cur == 0}
                    onclick={go(cur.saturating_sub(1))}>{ t(lang, Key::PagePrev) }</button>
                <span data-test="page-info">
                    { format!("{} {first}–{last} {} {} {}", t(lang, Key::RowsShown), t(lang, Key::RowsOf),
                        s.rows.len(), t(lang, Key::RowsTotalSuffix)) }
                </span>
                <button type="button" data-test="page-next" disabled={cur + 1 >= pages}
                    onclick={go(cur + 1)}>{ t(lang, Key::PageNext) }</button>
            </nav>
        }
    });
    html! {
        <>
        { share_bar(lang, s, &copied, on_print, &props.short, &short_open) }
        <section class="schedule" aria-labelledby="schedule-title">
            <div class="section-head">
                <h2 id="schedule-title">{ t(lang, Key::Schedule) }</h2>
                <div class="seg" role="group" aria-label={t(lang, Key::Schedule)}>
                    <button type="button" data-test="view-monthly" aria-pressed={(!*yearly_view).to_string()}
                        onclick={set_view(false)}>{ t(lang, Key::ViewMonthly) }</button>
                    <button type="button" data-test="view-yearly" aria-pressed={yearly_view.to_string()}
                        onclick={set_view(true)}>{ t(lang, Key::ViewYearly) }</button>
                </div>
            </div>
            { pager.clone().unwrap_or_default() }
            <div class="table-wrap" tabindex="0" aria-labelledby="schedule-title" role="region">
                <table data-test="schedule">
                    { head }
                    <tbody>{ body }</tbody>
                    { foot }
                </table>
            </div>
            { pager.unwrap_or_default() }
        </section>
        </>
    }
}
