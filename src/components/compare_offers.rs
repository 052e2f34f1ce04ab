//! Up to three offers side by side (this loan and two more, same amount), ranked by the true
//! cost: APR and total cost (interest + fees).

use crate::callbacks::{on_select, setter};
use crate::components::loan_form::{rate_kind_select, rate_label};
use crate::components::number_field::NumberField;
use crate::format::{money, percent};
use crate::i18n::{method_text, t, Key, Lang};
use crate::state::inputs::{Field, RateKind, MAX_EXTRA_OFFERS};
use crate::state::request::offer_schedule;
use crate::state::{CalcAction, CalcState};
use crate::view::{headline, odd_days, stat};
use loanlens_core::schema::{Method, Schedule};
use std::rc::Rc;
use yew::prelude::*;

#[derive(Properties, PartialEq)]
pub struct CompareOffersProps {
    pub lang: Lang,
    pub calc: UseReducerHandle<CalcState>,
}

/// Offer `n`'s figures (0 is the current loan, the only one with dates: `odd` is whether its
/// first period is odd, and then its headline is the regular payment, as the summary's).
fn figures(l: Lang, n: usize, s: &Schedule, best: bool, odd: bool) -> Html {
    let (head_key, head) = headline(s, odd);
    html! {
        <dl class={classes!("offer-figures", best.then_some("best"))}>
            if best { <p class="badge" data-test={format!("offer-best-{n}")}>{ t(l, Key::LowestApr) }</p> }
            { stat(t(l, head_key), "", money(head)) }
            { stat(t(l, Key::TotalInterest), "", money(s.total_interest)) }
            { stat(t(l, Key::TotalFees), "", money(s.total_fees)) }
            { stat(t(l, Key::TotalCost), &format!("offer-total-cost-{n}"), money(s.total_interest + s.total_fees)) }
            { stat(t(l, Key::AprNominal), &format!("offer-apr-{n}"), percent(s.apr.nominal)) }
        </dl>
    }
}

#[component]
pub fn CompareOffers(props: &CompareOffersProps) -> Html {
    let l = props.lang;
    let calc = &props.calc;
    let offers = &calc.inputs.offers;
    let outcomes: Vec<_> = (0..offers.len()).map(|n| offer_schedule(&calc.inputs, n)).collect();
    let computed: Vec<Option<Rc<Schedule>>> =
        std::iter::once(calc.result.clone().filter(|_| !calc.stale))
            .chain(outcomes.iter().map(|o| o.as_ref().ok().map(|s| Rc::new(s.clone()))))
            .collect();
    let best = computed
        .iter()
        .enumerate()
        .filter_map(|(k, s)| s.as_ref().map(|s| (s.apr.nominal, k)))
        .min()
        .map(|(_, k)| k)
        .filter(|_| computed.iter().filter(|s| s.is_some()).count() > 1);
    let add = {
        let calc = calc.clone();
        Callback::from(move |_| calc.dispatch(CalcAction::AddOffer))
    };
    let errs: Vec<_> = outcomes.iter().map(|o| o.as_ref().err()).collect();
    html! {
        <section class="panel" aria-labelledby="offers-title">
            <h2 id="offers-title">{ t(l, Key::CompareOffers) }</h2>
            <p class="help">{ t(l, Key::SameAmount) }</p>
            <div class="offers">
                <div class="offer" data-test="offer-0">
                    <h3>{ t(l, Key::CurrentLoan) }</h3>
                    if let Some(s) = &computed[0] { { figures(l, 0, s, best == Some(0), calc.request.as_ref().and_then(odd_days).is_some()) } }
                </div>
                { for offers.iter().enumerate().map(|(n, o)| {
                    let k = n + 1;
                    let err = |f: Field| errs[n].as_ref().and_then(|e| e.get(f));
                    let on_method =
                        on_select(calc, Method::from_id, move |m| CalcAction::SetOfferMethod(n, m));
                    let on_kind = on_select(calc, RateKind::from_id, move |r| {
                        CalcAction::SetOfferRateKind(n, r)
                    });
                    let flat = o.rate_kind == RateKind::MonthlyFlat;
                    let (rate_key, rate_help) = rate_label(l, o.rate_kind, &o.rate, Key::OfferRate);
                    let remove = {
                        let calc = calc.clone();
                        Callback::from(move |_| calc.dispatch(CalcAction::RemoveOffer(n)))
                    };
                    html! {
                        <div class="offer" data-test={format!("offer-{k}")}>
                            <h3>{ format!("{} {}", t(l, Key::Offer), k + 1) }</h3>
                            { rate_kind_select(l, format!("offer-rk-{k}"), o.rate_kind, on_kind) }
                            <NumberField lang={l} id={format!("offer-rate-{k}")} label={rate_key} help={rate_help}
                                value={o.rate.clone()} error={err(Field::OfferRate(n))}
                                oninput={setter(calc, Field::OfferRate(n))} />
                            <NumberField lang={l} id={format!("offer-term-{k}")} label={Key::OfferTerm} inputmode="numeric"
                                value={o.term.clone()} error={err(Field::OfferTerm(n))}
                                oninput={setter(calc, Field::OfferTerm(n))} />
                            if !flat { <div class="field">
                                <label for={format!("offer-method-{k}")}>{ t(l, Key::Method) }</label>
                                <select id={format!("offer-method-{k}")} data-test={format!("offer-method-{k}")} onchange={on_method}>
                                    { for Method::ALL.iter().map(|m| html! {
                                        <option value={m.id()} selected={*m == o.method}>{ method_text(l, *m).0 }</option>
                                    }) }
                                </select>
                            </div> }
                            <NumberField lang={l} id={format!("offer-fee-{k}")} label={Key::OfferFee}
                                value={o.fee.clone()} error={err(Field::OfferFee(n))}
                                oninput={setter(calc, Field::OfferFee(n))} />
                            <NumberField lang={l} id={format!("offer-mfee-{k}")} label={Key::OfferMonthlyFee}
                                value={o.monthly_fee.clone()} error={err(Field::OfferMonthlyFee(n))}
                                oninput={setter(calc, Field::OfferMonthlyFee(n))} />
                            if let Some(s) = &computed[k] { { figures(l, k, s, best == Some(k), false) } }
                            <button type="button" class="secondary" data-test={format!("offer-remove-{k}")}
                                onclick={remove}>{ t(l, Key::Remove) }</button>
                        </div>
                    }
                }) }
            </div>
            if offers.len() < MAX_EXTRA_OFFERS {
                <button type="button" class="secondary" data-test="add-offer" onclick={add}>{ t(l, Key::AddOffer) }</button>
            }
        </section>
    }
}
