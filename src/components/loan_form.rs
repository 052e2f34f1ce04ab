//! The loan's inputs: amount (元 or 万元), rate (annual % or a flat monthly fee rate), term in
//! months or years, method with a plain explanation, optional fees and start date.

use crate::callbacks::{on_select, setter};
use crate::components::number_field::NumberField;
use crate::format::{money, percent};
use crate::i18n::{method_text, t, Key, Lang};
use crate::state::inputs::{Field, RateKind};
use crate::state::parse::{parse_amount, TermUnit};
use crate::state::payday::MAX_PAY_DAY;
use crate::state::request::parse_rate;
use crate::state::{CalcAction, CalcState};
use crate::view::list;
use loanlens_core::schema::Method;
use yew::prelude::*;

/// The help line of an amount field: how an amount with a unit was understood ("100万" →
/// "即 ¥1,000,000.00"), else the field's usual help.
fn understood(l: Lang, raw: &str, help: Key) -> String {
    match parse_amount(raw) {
        Ok(p) if raw.trim() != p.to_string() => format!("{} {}", t(l, Key::Means), money(p)),
        _ => t(l, help).to_string(),
    }
}

/// The help line of a 日利率: its simple annual rate by the ×365 rule used, the banks' ×360
/// figure beside it, and that the APR (IRR) decides (docs/calculator.md).
pub fn daily_help(l: Lang, raw: &str) -> Option<AttrValue> {
    let annual = parse_rate(RateKind::Daily, raw).ok()?;
    let bank = annual * rust_decimal::Decimal::from(360) / rust_decimal::Decimal::from(365);
    let (simple, tail) = (t(l, Key::DailySimple), t(l, Key::DailyNote));
    let text =
        format!("{simple}{}{}{}{tail}", percent(annual), t(l, Key::DailyBank), percent(bank));
    Some(text.into())
}

/// The rate-kind select (年利率, 月费率, 日利率): the loan's (`id` `rate-kind`) and each offer's.
pub fn rate_kind_select(l: Lang, id: String, kind: RateKind, onchange: Callback<Event>) -> Html {
    let mut options = Vec::with_capacity(3);
    for (k, key) in [
        (RateKind::Annual, Key::RateKindAnnual),
        (RateKind::MonthlyFlat, Key::RateKindMonthlyFlat),
        (RateKind::Daily, Key::RateKindDaily),
    ] {
        options.push(html! { <option value={k.id()} selected={k == kind}>{ t(l, key) }</option> });
    }
    html! {
        <div class="field">
            <label for={id.clone()}>{ t(l, Key::RateKind) }</label>
            <select id={id.clone()} data-test={id} {onchange}>{ list(options) }</select>
        </div>
    }
}

/// The rate field's label and help line for `kind` (`annual`: the label of a yearly rate).
pub fn rate_label(l: Lang, kind: RateKind, raw: &str, annual: Key) -> (Key, Option<AttrValue>) {
    match kind {
        RateKind::Annual => (annual, None),
        RateKind::MonthlyFlat => (Key::MonthlyFlatRate, Some(t(l, Key::MonthlyFlatHelp).into())),
        RateKind::Daily => (Key::DailyRate, daily_help(l, raw)),
    }
}

/// The pay-day select (每月还款日, `payday`), shown once a disbursement date is given, with
/// the first payment date the rule gives.
fn pay_day(l: Lang, calc: &UseReducerHandle<CalcState>) -> Html {
    let current = calc.inputs.pay_day.clone();
    let first = calc.request.as_ref().and_then(|r| r.first_payment_date.clone());
    let on_day = {
        let calc = calc.clone();
        Callback::from(move |e: Event| {
            let v = e.target_unchecked_into::<web_sys::HtmlSelectElement>().value();
            calc.dispatch(CalcAction::SetPayDay(v))
        })
    };
    let mut options = Vec::with_capacity(MAX_PAY_DAY as usize + 1);
    for d in 0..=MAX_PAY_DAY {
        let v = if d == 0 { String::new() } else { d.to_string() };
        let text = if d == 0 { t(l, Key::PayDaySame).to_string() } else { v.clone() };
        let selected = current == v;
        options.push(html! { <option {selected} value={v}>{ text }</option> });
    }
    html! {
        <div class="field">
            <label for="pay-day">{ t(l, Key::PayDay) }</label>
            <select id="pay-day" data-test="pay-day" onchange={on_day} aria-describedby="pay-day-help">
                { list(options) }
            </select>
            if let Some(f) = first.filter(|_| !current.is_empty()) {
                <p class="help" id="pay-day-help" data-test="pay-day-help">
                    { format!("{}{f}{}", t(l, Key::PayDayFirst), t(l, Key::PayDayRule)) }
                </p>
            }
        </div>
    }
}

/// The loan form, a view function over the calculator state (no state of its own; each Yew
/// component would add its own copy of the component machinery to the bundle).
pub fn loan_form(l: Lang, calc: &UseReducerHandle<CalcState>) -> Html {
    let i = &calc.inputs;
    let flat = i.rate_kind == RateKind::MonthlyFlat;
    let (rate_key, rate_help) = rate_label(l, i.rate_kind, &i.annual_rate, Key::AnnualRate);
    let method = i.effective_method();
    let (_, method_help) = method_text(l, method);

    let amount_help = understood(l, &i.principal, Key::AmountHelp);
    let fee_help = understood(l, &i.upfront_fee, Key::UpfrontFeeHelp);

    let on_rate_kind = on_select(calc, RateKind::from_id, CalcAction::SetRateKind);
    let on_term_unit = on_select(calc, TermUnit::from_id, CalcAction::SetTermUnit);
    let on_method = on_select(calc, Method::from_id, CalcAction::SetMethod);

    html! {
        <form class="inputs" onsubmit={Callback::from(|e: SubmitEvent| e.prevent_default())}
            aria-label={t(l, Key::AppTitle)}>
            <NumberField lang={l} id="principal" label={Key::Principal} help={amount_help}
                value={i.principal.clone()} error={calc.error(Field::Principal)}
                oninput={setter(calc, Field::Principal)} />
            { rate_kind_select(l, "rate-kind".into(), i.rate_kind, on_rate_kind) }
            <NumberField lang={l} id="annual-rate" label={rate_key} help={rate_help}
                value={i.annual_rate.clone()} error={calc.error(Field::AnnualRate)}
                oninput={setter(calc, Field::AnnualRate)} />
            <div class="row2">
                <NumberField lang={l} id="term-months"
                    label={if i.term_unit == TermUnit::Years { Key::TermYears } else { Key::TermMonths }}
                    inputmode="decimal" value={i.term.clone()} error={calc.error(Field::Term)}
                    oninput={setter(calc, Field::Term)} />
                <div class="field unit">
                    <label for="term-unit">{ t(l, Key::TermUnit) }</label>
                    <select id="term-unit" data-test="term-unit" onchange={on_term_unit}>
                        <option value="months" selected={i.term_unit == TermUnit::Months}>{ t(l, Key::Months) }</option>
                        <option value="years" selected={i.term_unit == TermUnit::Years}>{ t(l, Key::Years) }</option>
                    </select>
                </div>
            </div>
            <div class="field">
                <label for="method">{ t(l, Key::Method) }</label>
                <select id="method" data-test="method" onchange={on_method} aria-describedby="method-help"
                    disabled={flat}>
                    { for Method::ALL.iter().map(|m| html! {
                        <option value={m.id()} selected={*m == method}>{ method_text(l, *m).0 }</option>
                    }) }
                </select>
                <p class="help" id="method-help" data-test="method-help">{ method_help }</p>
            </div>
            // inputmode "text": the fee may be typed as "1%", which a decimal keypad cannot.
            <NumberField lang={l} id="upfront-fee" label={Key::UpfrontFee} help={fee_help} inputmode="text"
                value={i.upfront_fee.clone()} error={calc.error(Field::UpfrontFee)}
                oninput={setter(calc, Field::UpfrontFee)} />
            <NumberField lang={l} id="monthly-fee" label={Key::MonthlyFee}
                help={AttrValue::from(t(l, Key::MonthlyFeeHelp))}
                value={i.monthly_fee.clone()} error={calc.error(Field::MonthlyFee)}
                oninput={setter(calc, Field::MonthlyFee)} />
            <NumberField lang={l} id="start-date" label={Key::StartDate} kind="date" inputmode="numeric"
                help={AttrValue::from(t(l, Key::StartDateHelp))} placeholder="2025-01-15"
                value={i.start_date.clone()} error={calc.error(Field::StartDate)}
                oninput={setter(calc, Field::StartDate)} />
            if !i.start_date.is_empty() { { pay_day(l, calc) } }
            if let Some(other) = &calc.errors.other {
                <p class="error" role="alert" data-test="engine-error">{ t(l, Key::ErrOther) }{ other.clone() }</p>
            }
            <p class="note">{ t(l, Key::Privacy) }</p>
        </form>
    }
}
