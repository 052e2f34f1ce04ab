//! The headline figures: payment, totals, APR and flags.

use crate::format::{money, percent};
use crate::i18n::{t, Key, Lang};
use loanlens_core::schema::{Method, Schedule};
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
    html! {
        <section class={classes!("summary", props.stale.then_some("stale"))} aria-live="polite" data-test="summary">
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
                <div><dt>{ t(lang, Key::TotalInterest) }</dt>
                    <dd data-test="total-interest">{ money(s.total_interest) }</dd></div>
                <div><dt>{ t(lang, Key::TotalPayment) }</dt>
                    <dd data-test="total-payment">{ money(s.total_payment) }</dd></div>
                <div><dt>{ t(lang, Key::AprNominal) }</dt>
                    <dd data-test="apr-nominal">{ percent(s.apr.nominal) }</dd></div>
                <div><dt>{ t(lang, Key::AprEffective) }</dt>
                    <dd data-test="apr-effective">{ percent(s.apr.effective) }</dd></div>
            </dl>
            <p class="note">{ t(lang, Key::AprNote) }</p>
            if s.flags.apr_above_24 {
                <p class="flag" data-test="flag-24">{ t(lang, Key::FlagHighCost) }</p>
            }
            if s.flags.apr_above_4x_lpr {
                <p class="flag" data-test="flag-lpr">{ t(lang, Key::FlagLpr) }</p>
            }
        </section>
    }
}
