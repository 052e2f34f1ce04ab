//! The product cards (every field with its label, help and inline error; duplicate and remove),
//! the presets menu and the horizon. View functions over the state; every control has a
//! `data-test` hook: `p{i}-{field}`, `p{i}-{field}-error`, `p{i}-duplicate`, `p{i}-remove`,
//! `add-preset`, `horizon`, `reinvest`.

use super::card::{Card, Field, Preset, Problem, STRUCTURES};
use super::i18n::{error_text, kind, preset, structure, t, Lang, I};
use super::state::{Action, InvestState};
use loanlens_core::invest::{ProductKind, MAX_PRODUCTS, MIN_PRODUCTS};
use web_sys::{HtmlInputElement, HtmlSelectElement};
use yew::prelude::*;

/// The reducer handle the views dispatch to.
pub type Handle = UseReducerHandle<InvestState>;
/// What a card dispatches through (equal across renders, so an unchanged card is not rendered
/// again).
pub type Dispatch = UseReducerDispatcher<InvestState>;

/// A text input's `oninput` that dispatches `make(value)`.
fn on_text(d: &Dispatch, make: impl Fn(String) -> Action + 'static) -> Callback<InputEvent> {
    let d = d.clone();
    Callback::from(move |e: InputEvent| {
        d.dispatch(make(e.target_unchecked_into::<HtmlInputElement>().value()))
    })
}

/// A `<select>`'s `onchange` that dispatches `make(value)`.
fn on_select(d: &Dispatch, make: impl Fn(String) -> Action + 'static) -> Callback<Event> {
    let d = d.clone();
    Callback::from(move |e: Event| {
        d.dispatch(make(e.target_unchecked_into::<HtmlSelectElement>().value()))
    })
}

/// A card's properties: everything it shows.
#[derive(Properties, PartialEq)]
pub struct CardProps {
    pub lang: Lang,
    pub index: usize,
    /// How many cards there are (for the duplicate and remove buttons).
    pub count: usize,
    pub card: Card,
    pub errors: Vec<(Field, Problem)>,
    pub card_error: Option<Problem>,
    pub dispatch: Dispatch,
}

/// One product card, a component so that typing in one card renders only that card.
#[component]
pub fn CardView(p: &CardProps) -> Html {
    card(p)
}

/// A labelled field with its help and error; `control` gets the id, hook and described-by.
fn field(
    l: Lang,
    id: &str,
    label: &str,
    help: Option<I>,
    error: Option<Problem>,
    control: impl FnOnce(String, String) -> Html,
) -> Html {
    let err_id = format!("{id}-error");
    let help_id = format!("{id}-help");
    let described = match (error.is_some(), help.is_some()) {
        (true, true) => format!("{err_id} {help_id}"),
        (true, false) => err_id.clone(),
        (false, true) => help_id.clone(),
        (false, false) => String::new(),
    };
    html! {
        <div class={classes!("field", error.is_some().then_some("invalid"))}>
            <label for={id.to_string()}>{ label.to_string() }</label>
            { control(id.to_string(), described) }
            if let Some(e) = error {
                <p class="error" id={err_id.clone()} data-test={err_id} role="alert">
                    { error_text(l, e) }
                </p>
            }
            if let Some(h) = help {
                <p class="help" id={help_id}>{ t(l, h) }</p>
            }
        </div>
    }
}

/// The error at field `f` of a card.
fn error_at(p: &CardProps, f: Field) -> Option<Problem> {
    p.errors.iter().find(|(g, _)| *g == f).map(|(_, e)| *e)
}

/// A text input for the card's field `f`.
fn text_field(p: &CardProps, f: Field, label: I, help: Option<I>) -> Html {
    let (l, i) = (p.lang, p.index);
    let mode = if matches!(f, Field::Name | Field::Start) { "text" } else { "decimal" };
    let oninput = on_text(&p.dispatch, move |v| Action::Set(i, f, v));
    let value = p.card.get(f).to_string();
    let error = error_at(p, f);
    let invalid = error.is_some();
    let id = format!("p{i}-{}", f.id());
    let kind = if f == Field::Start { "date" } else { "text" };
    field(l, &id, t(l, label), help, error, move |id, described| {
        html! {
            <input id={id.clone()} data-test={id} type={kind} inputmode={mode} autocomplete="off"
                {value} {oninput} aria-invalid={invalid.to_string()} aria-describedby={described} />
        }
    })
}

/// One product card.
fn card(p: &CardProps) -> Html {
    let (l, i, n, c) = (p.lang, p.index, p.count, &p.card);
    let on_kind = on_select(&p.dispatch, move |v| Action::Set(i, Field::Kind, v));
    let on_structure = on_select(&p.dispatch, move |v| Action::Set(i, Field::Structure, v));
    let dup = {
        let d = p.dispatch.clone();
        Callback::from(move |_| d.dispatch(Action::Duplicate(i, t(l, I::CopySuffix).into())))
    };
    let remove = {
        let d = p.dispatch.clone();
        Callback::from(move |_| d.dispatch(Action::Remove(i)))
    };
    let rate_label = if c.kind == ProductKind::MoneyMarket { I::Yield } else { I::Rate };
    let kinds = [ProductKind::Loan, ProductKind::TimeDeposit, ProductKind::MoneyMarket];
    let card_error = p.card_error;
    html! {
        <section class={format!("card s{i}")} data-test={format!("p{i}")}>
            <h3><span class="swatch"></span>{ format!("{} {}", t(l, I::Product), i + 1) }</h3>
            if let Some(e) = card_error {
                <p class="error" data-test={format!("p{i}-error")} role="alert">{ error_text(l, e) }</p>
            }
            { text_field(p, Field::Name, I::Name, None) }
            { field(l, &format!("p{i}-kind"), t(l, I::Kind), None, None, |id, _| html! {
                <select id={id.clone()} data-test={id} onchange={on_kind}>
                    { for kinds.iter().map(|k| html! {
                        <option value={super::card::kind_id(*k)} selected={c.kind == *k}>{ kind(l, *k) }</option>
                    }) }
                </select>
            }) }
            if c.has(Field::Structure) {
                { field(l, &format!("p{i}-structure"), t(l, I::Structure), None, error_at(p, Field::Structure), |id, _| html! {
                    <select id={id.clone()} data-test={id} onchange={on_structure}>
                        { for STRUCTURES.iter().map(|s| html! {
                            <option value={super::card::structure_id(*s)} selected={c.structure == *s}>
                                { structure(l, *s) }
                            </option>
                        }) }
                    </select>
                }) }
            }
            <div class="row">
                { text_field(p, Field::Amount, I::Amount, Some(I::AmountHelp)) }
                { text_field(p, Field::Rate, rate_label, None) }
            </div>
            <div class="row">
                { text_field(p, Field::Term, I::Term, Some(I::TermHelp)) }
                { text_field(p, Field::Start, I::Start, None) }
            </div>
            <div class="row">
                { text_field(p, Field::Idle, I::Idle, Some(I::IdleHelp)) }
                if c.has(Field::Fee) {
                    { text_field(p, Field::Fee, I::Fee, Some(I::FeeHelp)) }
                }
            </div>
            <div class="card-actions">
                <button type="button" class="secondary" data-test={format!("p{i}-duplicate")}
                    onclick={dup} disabled={n >= MAX_PRODUCTS}>{ t(l, I::Duplicate) }</button>
                <button type="button" class="secondary" data-test={format!("p{i}-remove")}
                    onclick={remove} disabled={n <= MIN_PRODUCTS}>{ t(l, I::Remove) }</button>
            </div>
        </section>
    }
}

/// Every card, the presets menu and the horizon.
pub fn inputs(l: Lang, state: &Handle) -> Html {
    let full = state.cards.len() >= MAX_PRODUCTS;
    let on_preset = {
        let state = state.clone();
        Callback::from(move |e: Event| {
            let sel = e.target_unchecked_into::<HtmlSelectElement>();
            if let Some(p) = Preset::from_id(&sel.value()) {
                state.dispatch(Action::Add(p, preset(l, p).into()));
            }
            sel.set_value("");
        })
    };
    let horizon_in = on_text(&state.dispatcher(), Action::Horizon);
    let reinvest_in = on_text(&state.dispatcher(), Action::Reinvest);
    html! {
        <div class="inputs">
            <div class="cards">
                { for state.cards.iter().enumerate().map(|(i, c)| html! {
                    <CardView lang={l} index={i} count={state.cards.len()} card={c.clone()}
                        errors={state.errors.get(i).cloned().unwrap_or_default()}
                        card_error={state.card_errors.get(i).copied().flatten()}
                        dispatch={state.dispatcher()} />
                }) }
            </div>
            <div class="field add">
                <label for="add-preset">{ t(l, I::Add) }</label>
                <select id="add-preset" data-test="add-preset" onchange={on_preset} disabled={full}>
                    <option value="" selected=true>{ t(l, I::Choose) }</option>
                    { for Preset::ALL.iter().map(|p| html! {
                        <option value={p.id()}>{ preset(l, *p) }</option>
                    }) }
                </select>
            </div>
            <section class="panel horizon">
                <div class="row">
                    { field(l, "horizon", t(l, I::Horizon), Some(I::HorizonHelp), state.horizon_error, |id, d| html! {
                        <input id={id.clone()} data-test={id} type="date" value={state.horizon.clone()}
                            oninput={horizon_in} aria-describedby={d}
                            aria-invalid={state.horizon_error.is_some().to_string()} />
                    }) }
                    { field(l, "reinvest", t(l, I::Reinvest), Some(I::ReinvestHelp), state.reinvest_error, |id, d| html! {
                        <input id={id.clone()} data-test={id} type="text" inputmode="decimal"
                            value={state.reinvest.clone()} oninput={reinvest_in} aria-describedby={d}
                            aria-invalid={state.reinvest_error.is_some().to_string()} />
                    }) }
                </div>
            </section>
        </div>
    }
}
