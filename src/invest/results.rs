//! The results: the table (ranks, totals, XIRR, average capital, terminal wealth), one sentence
//! per product on why total interest and XIRR differ, the cumulative-cash chart, the
//! terminal-wealth bars, and the share / CSV buttons. Every cell has a `data-test` hook
//! `r{i}-{column}` and a `data-value` holding the core's figure exactly as the CLI prints it.

use super::chart::{cash_lines, wealth_bars, H, W};
use super::i18n::{t, Lang, I};
use crate::format::money;
use loanlens_core::invest::{InvestResponse, ProductResult};
use loanlens_core::money::round_rate;
use rust_decimal::Decimal;
use yew::prelude::*;

/// XIRR as a percentage with 4 decimals (`0.1051632297` → `10.5163%`): products quoted at the
/// same rate differ in the second decimal.
pub fn xirr_pct(x: Decimal) -> String {
    format!("{}%", round_rate(x * Decimal::ONE_HUNDRED, 4))
}

/// A result cell: shown text, the exact figure in `data-value`.
fn td(i: usize, col: &str, shown: String, value: String) -> Html {
    html! { <td data-test={format!("r{i}-{col}")} data-value={value}>{ shown }</td> }
}

/// One row of the table.
fn row(i: usize, p: &ProductResult) -> Html {
    let opt = |v: Option<String>| v.unwrap_or_default();
    let best = p.rank_by_xirr == 1;
    html! {
        <tr class={classes!(format!("s{i}"), best.then_some("best"))} data-test={format!("r{i}")}>
            <th scope="row" data-test={format!("r{i}-name")}><span class="swatch"></span>{ p.name.clone() }</th>
            { td(i, "xirr", xirr_pct(p.xirr), p.xirr.to_string()) }
            { td(i, "total-interest", money(p.total_interest), p.total_interest.to_string()) }
            { td(i, "net-interest", money(p.net_interest), p.net_interest.to_string()) }
            { td(i, "wealth", p.terminal_wealth.map_or_else(|| "—".into(), money),
                opt(p.terminal_wealth.map(|w| w.to_string()))) }
            { td(i, "rank-xirr", p.rank_by_xirr.to_string(), p.rank_by_xirr.to_string()) }
            { td(i, "rank-wealth", p.rank_by_terminal_wealth.map_or_else(|| "—".into(), |n| n.to_string()),
                opt(p.rank_by_terminal_wealth.map(|n| n.to_string()))) }
            { td(i, "fees", money(p.total_fees), p.total_fees.to_string()) }
            { td(i, "average-capital", money(p.average_capital), p.average_capital.to_string()) }
        </tr>
    }
}

/// The results table.
pub fn table(l: Lang, r: &InvestResponse) -> Html {
    // The figures an investor compares first come first: a phone shows the name, XIRR and total
    // interest, and scrolls the table sideways for the rest.
    let head = [
        I::Xirr,
        I::TotalInterest,
        I::NetInterest,
        I::Wealth,
        I::RankXirr,
        I::RankWealth,
        I::Fees,
        I::AverageCapital,
    ];
    html! {
        <div class="table-wrap" tabindex="0">
            <table class="results-table" data-test="results-table">
                <thead><tr>
                    <th scope="col">{ t(l, I::Product) }</th>
                    { for head.iter().map(|k| html! { <th scope="col">{ t(l, *k) }</th> }) }
                </tr></thead>
                <tbody>{ for r.products.iter().enumerate().map(|(i, p)| row(i, p)) }</tbody>
            </table>
        </div>
    }
}

/// One sentence per product, best XIRR first.
pub fn sentences(l: Lang, r: &InvestResponse) -> Html {
    html! {
        <section class="panel why">
            <h2>{ t(l, I::Why) }</h2>
            <ol>
                { for r.by_xirr.iter().filter_map(|&i| r.products.get(i).map(|p| (i, p))).map(|(i, p)| html! {
                    <li class={format!("s{i}")} data-test={format!("r{i}-why")}>
                        <strong><span class="swatch"></span>{ p.name.clone() }{ if l == Lang::Zh { "：" } else { ": " } }</strong>
                        { if l == Lang::Zh { p.explanation.zh.clone() } else { p.explanation.en.clone() } }
                    </li>
                }) }
            </ol>
        </section>
    }
}

/// The cumulative-cash chart with its legend.
pub fn cash_chart(l: Lang, r: &InvestResponse) -> Html {
    let (lines, span, max) = cash_lines(r);
    let Some((first, last)) = span else { return Html::default() };
    let label = format!("{}: {} – {}, 0 – {}", t(l, I::CashChart), first, last, money(max));
    html! {
        <section class="panel chart">
            <h2>{ t(l, I::CashChart) }</h2>
            <p class="help">{ t(l, I::CashChartNote) }</p>
            <svg viewBox={format!("-2 -4 {} {}", W + 4, H + 8)} role="img" aria-label={label}
                data-test="cash-chart" preserveAspectRatio="none">
                <line class="axis" x1="0" y1={H.to_string()} x2={W.to_string()} y2={H.to_string()} />
                <line class="grid" x1="0" y1="0" x2={W.to_string()} y2="0" />
                <line class="grid" x1="0" y1={(H / 2).to_string()} x2={W.to_string()} y2={(H / 2).to_string()} />
                { for lines.iter().enumerate().map(|(i, line)| html! {
                    <path class={format!("s{i}")} data-test={format!("cash-line-{i}")}
                        d={line.path.clone()} fill="none" vector-effect="non-scaling-stroke" />
                }) }
            </svg>
            <div class="axis-labels"><span>{ first.to_string() }</span><span>{ last.to_string() }</span></div>
            <ul class="legend">
                { for r.products.iter().zip(&lines).enumerate().map(|(i, (p, line))| html! {
                    <li class={format!("s{i}")}><span class="swatch"></span>{ p.name.clone() }
                        { " " }<span class="num">{ money(line.total) }</span></li>
                }) }
            </ul>
        </section>
    }
}

/// The terminal-wealth bars (or a note without a horizon).
pub fn wealth_chart(l: Lang, r: &InvestResponse) -> Html {
    let Some(h) = &r.horizon_date else {
        return html! { <section class="panel chart"><p class="help">{ t(l, I::NoHorizon) }</p></section> };
    };
    let bars = wealth_bars(r);
    let rate = r
        .reinvestment_rate
        .map(|x| format!("{}%", round_rate(x * Decimal::ONE_HUNDRED, 4).normalize()));
    html! {
        <section class="panel chart">
            <h2>{ format!("{} {h}", t(l, I::WealthChart)) }</h2>
            <p class="help">{ format!("{} {}", t(l, I::Reinvest), rate.unwrap_or_default()) }</p>
            <ul class="bars" data-test="wealth-chart">
                { for r.products.iter().zip(&bars).enumerate().map(|(i, (p, len))| html! {
                    <li class={format!("s{i}")}>
                        <span class="bar-label"><span class="swatch"></span>{ p.name.clone() }</span>
                        <svg viewBox="0 0 1000 20" preserveAspectRatio="none" aria-hidden="true">
                            <rect x="0" y="0" width={len.to_string()} height="20" data-test={format!("wealth-bar-{i}")} />
                        </svg>
                        <span class="num">{ p.terminal_wealth.map_or_else(|| "—".into(), money) }</span>
                    </li>
                }) }
            </ul>
        </section>
    }
}
