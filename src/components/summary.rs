//! The headline figures: payment (for 等额本金 the first, the last and the monthly decrease),
//! totals, the all-in cost, APR as the PBOC rule defines it, and the engine's flags in plain
//! words.

use crate::format::{money, percent};
use crate::i18n::{t, Key, Lang};
use loanlens_core::schema::{Method, Schedule};
use rust_decimal::Decimal;
use std::rc::Rc;
use yew::prelude::*;

#[derive(Properties, PartialEq)]
pub struct SummaryProps {
    pub lang: Lang,
    pub schedule: Rc<Schedule>,
    pub stale: bool,
}

#[component]
pub fn Summary(props: &SummaryProps) -> Html {
    let s = &props.schedule;
    let lang = props.lang;
    // 等额本息 pays the same every month (the last period absorbs the cent residue); every other
    // method's payment changes, so its first and last payments are both shown.
    let first_label =
        if s.method == Method::EqualInstallment { Key::MonthlyPayment } else { Key::FirstPayment };
    let varies = s.first_payment != s.last_payment;
    let decrease = (s.method == Method::EqualPrincipal && s.rows.len() >= 2)
        .then(|| s.rows[0].payment - s.rows[1].payment)
        .filter(|d| *d > Decimal::ZERO);
    let upfront = s.amount_received < s.rows.iter().map(|r| r.principal).sum::<Decimal>();
    let payoff = s.rows.last().map(|r| {
        r.date.clone().unwrap_or_else(|| {
            format!("{}{}{}", t(lang, Key::PeriodNo), r.period, t(lang, Key::PeriodSuffix))
        })
    });
    let lpr = format!(
        "{}{}{}",
        t(lang, Key::LprBasis),
        percent(s.flags.lpr_1y),
        s.flags.lpr_date.as_deref().map(|d| format!(" ({d})")).unwrap_or_default()
    );
    let live = format!(
        "{} {}，{} {}，{} {}",
        t(lang, first_label),
        money(s.first_payment),
        t(lang, Key::TotalInterest),
        money(s.total_interest),
        t(lang, Key::AprNominal),
        percent(s.apr.nominal)
    );
    let live = if props.stale { t(lang, Key::Stale).to_string() } else { live };
    html! {
        <section class={classes!("summary", props.stale.then_some("stale"))} data-test="summary" aria-labelledby="results-title">
            <h2 id="results-title" class="sr-only">{ t(lang, Key::Results) }</h2>
            // One short sentence for screen readers, not the whole list on every keystroke.
            <p class="sr-only" aria-live="polite" data-test="live">{ live }</p>
            if props.stale {
                <p class="stale-note" data-test="stale">{ t(lang, Key::Stale) }</p>
            }
            <dl>
                <div class="big"><dt>{ t(lang, first_label) }</dt>
                    <dd data-test="first-payment">{ money(s.first_payment) }</dd></div>
                if varies {
                    <div><dt>{ t(lang, Key::LastPayment) }</dt>
                        <dd data-test="last-payment">{ money(s.last_payment) }</dd></div>
                }
                if let Some(d) = decrease {
                    <div><dt>{ t(lang, Key::MonthlyDecrease) }</dt>
                        <dd data-test="monthly-decrease">{ money(d) }</dd></div>
                }
                <div><dt>{ t(lang, Key::TotalInterest) }</dt>
                    <dd data-test="total-interest">{ money(s.total_interest) }</dd></div>
                <div><dt>{ t(lang, Key::TotalPayment) }</dt>
                    <dd data-test="total-payment">{ money(s.total_payment) }</dd></div>
                if s.total_fees > Decimal::ZERO {
                    <div><dt>{ t(lang, Key::TotalFees) }</dt>
                        <dd data-test="total-fees">{ money(s.total_fees) }</dd></div>
                }
                <div><dt>{ t(lang, Key::TotalCost) }</dt>
                    <dd data-test="total-cost">{ money(s.total_interest + s.total_fees) }</dd></div>
                if upfront {
                    <div><dt>{ t(lang, Key::AmountReceived) }</dt>
                        <dd data-test="amount-received">{ money(s.amount_received) }</dd></div>
                }
                <div><dt>{ t(lang, Key::AprNominal) }</dt>
                    <dd data-test="apr-nominal">{ percent(s.apr.nominal) }</dd></div>
                <div><dt>{ t(lang, Key::AprEffective) }</dt>
                    <dd data-test="apr-effective">{ percent(s.apr.effective) }</dd></div>
                <div><dt>{ t(lang, Key::PeriodsCount) }</dt>
                    <dd data-test="periods">{ s.rows.len() }</dd></div>
                if let Some(p) = payoff {
                    <div><dt>{ t(lang, Key::Payoff) }</dt><dd data-test="payoff">{ p }</dd></div>
                }
            </dl>
            <p class="note">{ t(lang, Key::AprNote) }</p>
            if s.flags.apr_above_24 {
                <p class="flag" data-test="flag-24" role="note">{ t(lang, Key::FlagHighCost) }</p>
            }
            if s.flags.apr_above_4x_lpr {
                <p class="flag" data-test="flag-lpr" role="note">{ t(lang, Key::FlagLpr) }</p>
            }
            if !s.flags.apr_above_24 && !s.flags.apr_above_4x_lpr {
                <p class="ok-note" data-test="no-flags">{ t(lang, Key::NoFlags) }</p>
            }
            <p class="note">{ lpr }</p>
        </section>
    }
}
