//! Solver modes: how much can I borrow for ¥X a month, how long to repay at ¥X a month, and
//! what an offer really costs (the rate implied by amount, payment and term).

use crate::callbacks::{on_select, setter};
use crate::components::number_field::NumberField;
use crate::format::{money, percent};
use crate::i18n::{t, Key, Lang};
use crate::state::inputs::{solve_kind_from_id, solve_kind_id, Field, RateKind};
use crate::state::parse::TermUnit;
use crate::state::request::{parse_rate, run_solver, solve_request};
use crate::state::{CalcAction, CalcState};
use crate::view::{range_text, stat, stat_class};
use loanlens_core::schema::{Method, SolveKind};
use rust_decimal::Decimal;
use yew::prelude::*;

#[derive(Properties, PartialEq)]
pub struct SolverProps {
    pub lang: Lang,
    pub calc: UseReducerHandle<CalcState>,
}

#[component]
pub fn Solver(props: &SolverProps) -> Html {
    let l = props.lang;
    let calc = &props.calc;
    let i = &calc.inputs;
    let kind = i.solve_kind;
    let on_kind = on_select(calc, solve_kind_from_id, CalcAction::SetSolveKind);
    // Solve only when the question changes, not on every unrelated keystroke.
    let req = solve_request(i);
    let answer = use_memo(req, run_solver);
    let (pay_error, pay_range) = match &*answer {
        Some(Err(e)) => (e.get(Field::SolvePayment), range_text(l, e.range(Field::SolvePayment))),
        _ => (None, None),
    };
    // Errors in the loan fields above are shown there; say here that the answer waits for them.
    let uses = match kind {
        SolveKind::MaxPrincipal => Key::SolveUsesMaxPrincipal,
        SolveKind::MinTerm => Key::SolveUsesMinTerm,
        SolveKind::ImpliedRate => Key::SolveUsesImpliedRate,
    };
    // Compared only with the rate advertised for this offer, never with the form's rate.
    let quoted_raw = i.solve_quoted.trim();
    let quoted = (!quoted_raw.is_empty()).then(|| parse_rate(RateKind::Annual, quoted_raw));
    let quoted_error = quoted.and_then(Result::err);
    let quoted = quoted.and_then(Result::ok).filter(|r| *r > Decimal::ZERO);

    let result = match &*answer {
        Some(Ok(s)) => {
            // What "use above" puts into the form.
            let (label, value, actions) = match kind {
                SolveKind::MaxPrincipal => (
                    Key::SolvedPrincipal,
                    money(s.principal),
                    vec![CalcAction::Set(Field::Principal, s.principal.to_string())],
                ),
                SolveKind::MinTerm => (
                    Key::SolvedTerm,
                    format!("{}{}", s.term_months, t(l, Key::MonthsUnit)),
                    vec![
                        CalcAction::SetTermUnit(TermUnit::Months),
                        CalcAction::Set(Field::Term, s.term_months.to_string()),
                    ],
                ),
                SolveKind::ImpliedRate => {
                    let pct =
                        loanlens_core::money::round_rate(s.annual_rate * Decimal::ONE_HUNDRED, 4);
                    // The headline is the all-in APR (IRR with every fee, PBOC 2021); the
                    // contract rate without fees is listed below it and is what "use" sets.
                    (
                        Key::SolvedRate,
                        percent(s.schedule.apr.nominal),
                        vec![
                            CalcAction::SetRateKind(RateKind::Annual),
                            CalcAction::SetMethod(Method::EqualInstallment),
                            CalcAction::Set(Field::AnnualRate, pct.normalize().to_string()),
                        ],
                    )
                }
            };
            let apply = {
                let calc = calc.clone();
                Callback::from(move |_: MouseEvent| {
                    for a in actions.iter().cloned() {
                        calc.dispatch(a);
                    }
                })
            };
            let ratio = (kind == SolveKind::ImpliedRate)
                .then_some(quoted)
                .flatten()
                .map(|q| loanlens_core::money::round_rate(s.schedule.apr.nominal / q, 1));
            html! {
                <div class="outcome" data-test="solve-result" aria-live="polite">
                    <dl>
                        { stat_class(t(l, label), "solve-value", value, Some("big")) }
                        { stat(t(l, Key::MonthlyPayment), "", money(s.payment)) }
                        if kind == SolveKind::ImpliedRate {
                            { stat(t(l, Key::ContractRate), "solve-contract-rate", percent(s.annual_rate)) }
                        }
                        { stat(t(l, Key::AprNominal), "solve-apr", percent(s.schedule.apr.nominal)) }
                        { stat(t(l, Key::AprEffective), "solve-apr-effective", percent(s.schedule.apr.effective)) }
                        { stat(t(l, Key::TotalInterest), "", money(s.schedule.total_interest)) }
                    </dl>
                    if let Some(r) = ratio {
                        <p class="flag" data-test="solve-ratio">
                            { t(l, Key::TimesQuoted) }<strong>{ r.to_string() }</strong>{ t(l, Key::TimesSuffix) }
                            { format!("（{} {}）", t(l, Key::SolveQuoted), percent(quoted.unwrap_or_default())) }
                        </p>
                    }
                    <button type="button" class="secondary" data-test="solve-apply" onclick={apply}>{ t(l, Key::Apply) }</button>
                </div>
            }
        }
        _ => html! {},
    };

    html! {
        <section class="panel" aria-labelledby="solver-title">
            <h2 id="solver-title">{ t(l, Key::SolverTitle) }</h2>
            <div class="field">
                <label for="solve-kind">{ t(l, Key::SolveKind) }</label>
                <select id="solve-kind" data-test="solve-kind" onchange={on_kind} aria-describedby="solve-uses">
                    { for [(SolveKind::MaxPrincipal, Key::SolveMaxPrincipal), (SolveKind::MinTerm, Key::SolveMinTerm),
                        (SolveKind::ImpliedRate, Key::SolveImpliedRate)].into_iter().map(|(k, key)| html! {
                        <option value={solve_kind_id(k)} selected={k == kind}>{ t(l, key) }</option>
                    }) }
                </select>
                <p class="help" id="solve-uses">{ t(l, uses) }</p>
            </div>
            <NumberField lang={l} id="solve-payment" label={Key::SolvePayment}
                value={i.solve_payment.clone()} error={pay_error} detail={pay_range}
                oninput={setter(calc, Field::SolvePayment)} />
            if kind == SolveKind::ImpliedRate {
                <NumberField lang={l} id="solve-quoted" label={Key::SolveQuoted}
                    value={i.solve_quoted.clone()} error={quoted_error}
                    oninput={setter(calc, Field::SolveQuoted)} />
            }
            { result }
        </section>
    }
}
