//! The loan's inputs: amount (元 or 万元), rate (annual % or a flat monthly fee rate), term in
//! months or years, method with a plain explanation, optional fees and start date.

use crate::callbacks::{on_select, setter};
use crate::components::number_field::NumberField;
use crate::format::money;
use crate::i18n::{method_text, t, Key, Lang};
use crate::state::inputs::{Field, RateKind};
use crate::state::parse::{parse_amount, TermUnit};
use crate::state::{CalcAction, CalcState};
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

/// The loan form, a view function over the calculator state (no state of its own; each Yew
/// component would add its own copy of the component machinery to the bundle).
pub fn loan_form(l: Lang, calc: &UseReducerHandle<CalcState>) -> Html {
    let i = &calc.inputs;
    let flat = i.rate_kind == RateKind::MonthlyFlat;
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
            <div class="field">
                <label for="rate-kind">{ t(l, Key::RateKind) }</label>
                <select id="rate-kind" data-test="rate-kind" onchange={on_rate_kind}>
                    <option value="annual" selected={!flat}>{ t(l, Key::RateKindAnnual) }</option>
                    <option value="monthly_flat" selected={flat}>{ t(l, Key::RateKindMonthlyFlat) }</option>
                </select>
            </div>
            <NumberField lang={l} id="annual-rate"
                label={if flat { Key::MonthlyFlatRate } else { Key::AnnualRate }}
                help={flat.then(|| AttrValue::from(t(l, Key::MonthlyFlatHelp)))}
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
            if let Some(other) = &calc.errors.other {
                <p class="error" role="alert" data-test="engine-error">{ t(l, Key::ErrOther) }{ other.clone() }</p>
            }
            <p class="note">{ t(l, Key::Privacy) }</p>
        </form>
    }
}
