//! Three small SVG charts (no JS chart library): remaining balance, principal vs interest per
//! payment (per year beyond 60 payments), cumulative interest. Coordinates are integers in a
//! 600 × 200 viewBox; the figures themselves are in the captions, so the charts stay readable
//! on a 320 px phone and to screen readers.

use crate::format::money;
use crate::i18n::{t, Key, Lang};
use crate::state::chart::{
    cumulative_interest, polyline, principal_interest_bars, yearly, YearRow,
};
use crate::view::row_when;
use loanlens_core::schema::Schedule;
use rust_decimal::Decimal;
use yew::prelude::*;

const W: i64 = 600;
const H: i64 = 200;

/// The x axis: when the first and the last payment fall.
fn axis(s: &Schedule, lang: Lang) -> (String, String) {
    let label = |r| row_when(lang, r);
    (s.rows.first().map(label).unwrap_or_default(), s.rows.last().map(label).unwrap_or_default())
}

/// The x axis of yearly bars: the first and the last year (calendar years when dated).
fn year_axis(s: &Schedule, lang: Lang) -> (String, String) {
    let years = yearly(&s.rows);
    let label = |y: &YearRow| {
        y.calendar_year.clone().unwrap_or_else(|| {
            format!("{}{}{}", t(lang, Key::YearNo), y.year, t(lang, Key::YearSuffix))
        })
    };
    (years.first().map(label).unwrap_or_default(), years.last().map(label).unwrap_or_default())
}

fn line_chart(
    test: &'static str,
    title: String,
    summary: String,
    points: String,
    class: &'static str,
    (from, to): (String, String),
) -> Html {
    let area = format!("{points} {W},{H} 0,{H}");
    html! {
        <figure class="chart" data-test={test}>
            <figcaption><strong>{ title.clone() }</strong>{ " " }<span>{ summary.clone() }</span></figcaption>
            <svg viewBox={format!("0 0 {W} {H}")} preserveAspectRatio="none" role="img"
                aria-label={format!("{title}: {summary}")}>
                <line class="grid" x1="0" y1={H.to_string()} x2={W.to_string()} y2={H.to_string()} />
                <line class="grid" x1="0" y1={(H / 2).to_string()} x2={W.to_string()} y2={(H / 2).to_string()} />
                <polygon class={classes!("area", class)} points={area} />
                <polyline class={classes!("line", class)} points={points} vector-effect="non-scaling-stroke" />
            </svg>
            <div class="axis"><span>{ from }</span><span>{ to }</span></div>
        </figure>
    }
}

/// The three charts of a schedule. A view function, not a component: it has no state, and a
/// component would add its own copy of Yew's component machinery to the bundle.
pub fn charts(lang: Lang, s: &Schedule) -> Html {
    let charts = {
        let principal: Decimal = s.rows.iter().map(|r| r.principal).sum();
        let balances: Vec<Decimal> = s.rows.iter().map(|r| r.balance).collect();
        let cum = cumulative_interest(&s.rows);
        let total_interest = cum.last().copied().unwrap_or_default();
        let (bars, yearly) = principal_interest_bars(s, W, H);
        let balance = line_chart(
            "chart-balance",
            t(lang, Key::ChartBalance).into(),
            money(principal),
            polyline(principal, &balances, principal, W, H),
            "balance",
            axis(s, lang),
        );
        let interest = line_chart(
            "chart-cumulative-interest",
            t(lang, Key::ChartCumInterest).into(),
            money(total_interest),
            polyline(Decimal::ZERO, &cum, total_interest, W, H),
            "interest",
            axis(s, lang),
        );
        let bar_axis = if yearly { year_axis(s, lang) } else { axis(s, lang) };
        let bar_title = t(
            lang,
            if yearly { Key::ChartPrincipalInterestYearly } else { Key::ChartPrincipalInterest },
        );
        let bars_svg = html! {
            <figure class="chart" data-test="chart-principal-interest">
                <figcaption>
                    <strong>{ bar_title }</strong>{ " " }
                    <span class="key principal">{ t(lang, Key::PrincipalPart) }</span>
                    <span class="key interest">{ t(lang, Key::Interest) }</span>
                </figcaption>
                <svg viewBox={format!("0 0 {W} {H}")} preserveAspectRatio="none" role="img"
                    aria-label={format!("{bar_title}: {} {}, {} {}", t(lang, Key::PrincipalPart), money(principal),
                        t(lang, Key::Interest), money(total_interest))}>
                    { for bars.iter().map(|b| html! {
                        <g>
                            <rect class="interest" x={b.x.to_string()} y={(H - b.interest_h).to_string()}
                                width={b.w.to_string()} height={b.interest_h.to_string()} />
                            <rect class="principal" x={b.x.to_string()}
                                y={(H - b.interest_h - b.principal_h).to_string()}
                                width={b.w.to_string()} height={b.principal_h.to_string()} />
                        </g>
                    }) }
                </svg>
                <div class="axis"><span>{ bar_axis.0 }</span><span>{ bar_axis.1 }</span></div>
            </figure>
        };
        html! { <>{ balance }{ bars_svg }{ interest }</> }
    };
    html! {
        <section class="charts" aria-label={t(lang, Key::Charts)}>
            <h2>{ t(lang, Key::Charts) }</h2>
            <div class="chart-grid">{ charts }</div>
        </section>
    }
}
