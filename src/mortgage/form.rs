//! The inputs: loan type, amount (price × down payment or the loan), term, each part's terms,
//! dates. View functions over the state; every control has a `data-test` hook named after its
//! field (`price`, `fund-amount`, `spread`…), its error `{name}-error`.

use super::i18n::{error_text, t, Lang, M};
use super::query::text;
use super::state::{Action, Field, MortgageState};
use crate::format::money;
use loanlens_core::mortgage::{LoanType, RepaymentMethod, Repricing};
use web_sys::{HtmlInputElement, HtmlSelectElement};
use yew::prelude::*;

/// What the views dispatch through.
pub type Dispatch = UseReducerDispatcher<MortgageState>;

/// The `data-test` and id of a field.
pub fn name(f: Field) -> &'static str {
    match f {
        Field::Price => "price",
        Field::Down => "down",
        Field::Amount => "amount",
        Field::FundAmount => "fund-amount",
        Field::Years => "years",
        Field::FundYears => "fund-years",
        Field::ComYears => "com-years",
        Field::FundRate => "fund-rate",
        Field::Lpr => "lpr",
        Field::Spread => "spread",
        Field::Cycle => "cycle",
        Field::AssumedLpr => "assumed-lpr",
        Field::AssumedFrom => "assumed-from",
        Field::Start => "start",
        Field::Day => "day",
    }
}

/// A labelled text field with its help and inline error.
fn input(l: Lang, s: &MortgageState, d: &Dispatch, f: Field, label: M, help: Option<M>) -> Html {
    let id = name(f);
    let bad = s.error(f);
    let mode = match f {
        Field::Spread | Field::Start | Field::AssumedFrom => "text",
        Field::Years | Field::FundYears | Field::ComYears | Field::Cycle => "numeric",
        _ => "decimal",
    };
    let oninput = {
        let d = d.clone();
        Callback::from(move |e: InputEvent| {
            d.dispatch(Action::Text(f, e.target_unchecked_into::<HtmlInputElement>().value()))
        })
    };
    html! {
        <div class={classes!("field", bad.then_some("invalid"))}>
            <label for={id}>{ t(l, label) }</label>
            <input id={id} data-test={id} type="text" inputmode={mode} autocomplete="off"
                value={text(&s.inputs, f).to_string()} {oninput}
                aria-invalid={bad.to_string()} />
            if bad {
                <p class="error" data-test={format!("{id}-error")} role="alert">{ error_text(l, f) }</p>
            }
            if let Some(h) = help { <p class="help">{ t(l, h) }</p> }
        </div>
    }
}

/// A row of toggle buttons, one pressed.
fn seg<T: Copy + PartialEq + 'static>(
    l: Lang,
    d: &Dispatch,
    test: &str,
    label: M,
    current: T,
    options: &[(T, M, &'static str)],
    make: fn(T) -> Action,
) -> Html {
    html! {
        <div class="field">
            <span class="label">{ t(l, label) }</span>
            <div class="seg" role="group" aria-label={t(l, label)} data-test={test.to_string()}>
                { for options.iter().map(|&(v, m, id)| {
                    let d = d.clone();
                    html! {
                        <button type="button" data-test={format!("{test}-{id}")}
                            aria-pressed={(v == current).to_string()}
                            onclick={Callback::from(move |_| d.dispatch(make(v)))}>{ t(l, m) }</button>
                    }
                }) }
            </div>
        </div>
    }
}

/// A method `<select>`.
fn method(l: Lang, d: &Dispatch, id: &str, current: RepaymentMethod, fund: bool) -> Html {
    let d = d.clone();
    let onchange = Callback::from(move |e: Event| {
        let v = e.target_unchecked_into::<HtmlSelectElement>().value();
        let m = if v == "ep" {
            RepaymentMethod::EqualPrincipal
        } else {
            RepaymentMethod::EqualInstallment
        };
        d.dispatch(if fund { Action::FundMethod(m) } else { Action::ComMethod(m) })
    });
    let ep = current == RepaymentMethod::EqualPrincipal;
    html! {
        <div class="field">
            <label for={id.to_string()}>{ t(l, M::Method) }</label>
            <select id={id.to_string()} data-test={id.to_string()} {onchange}>
                <option value="ei" selected={!ep}>{ t(l, M::EqualInstallment) }</option>
                <option value="ep" selected={ep}>{ t(l, M::EqualPrincipal) }</option>
            </select>
        </div>
    }
}

/// The repayment-day `<select>`: same day as disbursement, 1–28, month end (31).
fn day(l: Lang, s: &MortgageState, d: &Dispatch) -> Html {
    let d = d.clone();
    let onchange = Callback::from(move |e: Event| {
        d.dispatch(Action::Text(Field::Day, e.target_unchecked_into::<HtmlSelectElement>().value()))
    });
    let cur = s.inputs.day.trim().to_string();
    let bad = s.error(Field::Day);
    // A value no option has (a link with `dy=29`): shown as it is, selected and flagged, so
    // the select does not pretend another choice and picking any offered day is a change.
    let offered = cur.is_empty() || cur == "31" || (1..=28u32).any(|n| cur == n.to_string());
    let other = (!offered).then(|| match l {
        Lang::Zh => format!("{cur}（无效）"),
        Lang::En => format!("{cur} (not offered)"),
    });
    let label = |n: u32| match l {
        Lang::Zh => format!("{n}日"),
        Lang::En => format!("Day {n}"),
    };
    html! {
        <div class={classes!("field", bad.then_some("invalid"))}>
            <label for="day">{ t(l, M::Day) }</label>
            <select id="day" data-test="day" {onchange}>
                <option value="" selected={cur.is_empty()}>{ t(l, M::DaySame) }</option>
                { for (1..=28u32).map(|n| html! {
                    <option value={n.to_string()} selected={cur == n.to_string()}>{ label(n) }</option>
                }) }
                <option value="31" selected={cur == "31"}>{ t(l, M::MonthEnd) }</option>
                if let Some(text) = other {
                    <option value={cur.clone()} selected=true data-test="day-other">{ text }</option>
                }
            </select>
            if bad { <p class="error" data-test="day-error" role="alert">{ error_text(l, Field::Day) }</p> }
            <p class="help">{ t(l, M::DayHelp) }</p>
        </div>
    }
}

/// The whole form.
pub fn form(l: Lang, s: &MortgageState, d: &Dispatch) -> Html {
    let i = &s.inputs;
    let combination = i.loan_type == LoanType::Combination;
    let fund = i.loan_type != LoanType::Commercial;
    let com = i.loan_type != LoanType::HousingFund;
    // The loan the price gives, in 元 and 万元, once computed.
    let loan_note = s.result.as_ref().filter(|_| !s.stale).map(|r| {
        let w = super::results::big(l, r.loan_amount).map(|w| match l {
            Lang::Zh => format!("（{w}）"),
            Lang::En => format!(" ({w})"),
        });
        let w = w.unwrap_or_default();
        format!("{} {}{w}", t(l, M::LoanAmount), money(r.loan_amount))
    });
    html! {
        <form class="panel inputs" data-test="mortgage-form" novalidate=true
            onsubmit={Callback::from(|e: SubmitEvent| e.prevent_default())}>
            { seg(l, d, "type", M::LoanType, i.loan_type, &[
                (LoanType::Commercial, M::Commercial, "commercial"),
                (LoanType::HousingFund, M::HousingFund, "housing_fund"),
                (LoanType::Combination, M::Combination, "combination"),
            ], Action::LoanType) }
            { seg(l, d, "by", M::AmountFrom, i.by_price, &[
                (true, M::ByPrice, "price"), (false, M::ByAmount, "amount"),
            ], Action::ByPrice) }
            <div class="row">
                if i.by_price {
                    { input(l, s, d, Field::Price, M::Price, None) }
                    { input(l, s, d, Field::Down, M::Down, None) }
                } else {
                    { input(l, s, d, Field::Amount, M::Amount, None) }
                }
                { input(l, s, d, Field::Years, M::Years, None) }
            </div>
            if let Some(n) = loan_note.filter(|_| i.by_price) {
                <p class="note" data-test="loan-note">{ n }</p>
            }
            if fund {
                <fieldset class="part">
                    <legend>{ t(l, M::FundPart) }</legend>
                    <div class="row">
                        if combination { { input(l, s, d, Field::FundAmount, M::FundAmount, None) } }
                        { input(l, s, d, Field::FundRate, M::FundRate, Some(M::FundRateHelp)) }
                        { method(l, d, "fund-method", i.fund_method, true) }
                        if combination { { input(l, s, d, Field::FundYears, M::PartYears, None) } }
                    </div>
                </fieldset>
            }
            if com {
                <fieldset class="part">
                    <legend>{ t(l, M::ComPart) }</legend>
                    <div class="row">
                        { input(l, s, d, Field::Lpr, M::Lpr, Some(M::LprHelp)) }
                        { input(l, s, d, Field::Spread, M::Spread, Some(M::SpreadHelp)) }
                        { method(l, d, "com-method", i.com_method, false) }
                        if combination { { input(l, s, d, Field::ComYears, M::PartYears, None) } }
                    </div>
                    { seg(l, d, "repricing", M::Repricing, i.repricing, &[
                        (Repricing::January1, M::January1, "january_1"),
                        (Repricing::Anniversary, M::Anniversary, "anniversary"),
                    ], Action::Repricing) }
                    <div class="row">
                        { input(l, s, d, Field::Cycle, M::Cycle, None) }
                        { input(l, s, d, Field::AssumedLpr, M::AssumedLpr, None) }
                        { input(l, s, d, Field::AssumedFrom, M::AssumedFrom, Some(M::AssumedHelp)) }
                    </div>
                </fieldset>
            }
            <div class="row">
                { input(l, s, d, Field::Start, M::Start, None) }
                { day(l, s, d) }
            </div>
        </form>
    }
}
