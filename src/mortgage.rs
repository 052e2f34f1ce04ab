//! The 房贷计算器 page (`/mortgage`, issue 14): commercial, housing-fund and combination loans,
//! the loan from the house price and the down payment, the commercial rate as LPR + 加点 with a
//! repricing date and cycle (and an assumed future LPR), the repayment day; the headline
//! totals (also in 万元), each part's terms, the combined schedule with both parts' columns;
//! a shareable URL.
//!
//! It is its own entry point (`src/bin/mortgage.rs`, `mortgage.html`, built into
//! `dist/mortgage/`): its bundle holds this module, the core's `mortgage` and `schedule`, and the
//! shared parsing and formatting, none of the calculator's components (ARCHITECTURE.md, "Pages").
//!
//! Invariants: nothing typed leaves the browser (no request at all: every figure is
//! `loanlens_core::mortgage::compute`'s, run here in WebAssembly).
//!
//! Submodules: `state` (the pure reducer), `query` (inputs ⇄ URL), `i18n` (the page's strings),
//! `form` and `results` (view functions).

pub mod form;
pub mod i18n;
pub mod query;
pub mod results;
pub mod state;

use crate::precheck::stored_lang;
use i18n::{t, M};
use loanlens_core::dates::Date;
use state::{Inputs, MortgageState};
use yew::prelude::*;

/// Today in the browser's time zone, `YYYY-MM-DD`.
fn today() -> String {
    let now = js_sys::Date::new_0();
    let year = i32::try_from(now.get_full_year()).unwrap_or(2026);
    Date::new(year, now.get_month() + 1, now.get_date())
        .map_or_else(|| "2026-01-15".into(), |d| d.to_string())
}

/// The state the URL describes, else the first visit from today.
fn initial() -> MortgageState {
    let search = gloo::utils::window().location().search().unwrap_or_default();
    let base = Inputs::first_visit(&today());
    MortgageState::new(query::from_query(&search, &base).unwrap_or(base))
}

/// The copy-link button.
fn share(
    l: i18n::Lang,
    state: &UseReducerHandle<MortgageState>,
    copied: &UseStateHandle<bool>,
) -> Html {
    let on_copy = {
        let copied = copied.clone();
        let state = state.clone();
        Callback::from(move |_| {
            let href = crate::view::page_link(&query::to_query(&state.inputs));
            crate::view::copy_to_clipboard(&href, copied.clone());
        })
    };
    html! {
        <div class="share-bar">
            <button type="button" class="secondary" data-test="copy-link" onclick={on_copy}>{ t(l, M::CopyLink) }</button>
            if **copied { <span class="note" role="status" data-test="copied">{ t(l, M::Copied) }</span> }
        </div>
    }
}

/// The mortgage page.
#[component]
pub fn MortgageApp() -> Html {
    let lang = use_state(stored_lang);
    let state = use_reducer_eq(initial);
    let copied = use_state(|| false);
    let page = use_state(|| 0usize);
    let both = use_state(|| false);
    {
        let lang = *lang;
        use_effect_with(lang, move |lang| {
            if let Some(doc) = gloo::utils::document().document_element() {
                let _ = doc.set_attribute("lang", lang.tag());
            }
            gloo::utils::document().set_title(t(*lang, M::Title));
        });
    }
    // The URL reproduces the page (crate::view::use_query_in_url).
    crate::view::use_query_in_url(query::to_query(&state.inputs), copied.clone());
    let toggle = crate::view::lang_toggle(&lang);
    let go = {
        let page = page.clone();
        Callback::from(move |p: usize| page.set(p))
    };
    let flip = {
        let both = both.clone();
        Callback::from(move |()| both.set(!*both))
    };
    let l = *lang;
    html! {
        <div class="page mortgage">
            <header>
                <h1>{ t(l, M::Title) }</h1>
                <button type="button" class="lang" data-test="lang-toggle" onclick={toggle}
                    lang={l.other().tag()}>{ t(l, M::LangToggle) }</button>
            </header>
            <p class="tagline">{ t(l, M::Tagline) }</p>
            <p class="back"><a href="/calculator" data-test="calculator-link">{ t(l, M::BackToCalc) }</a></p>
            if let Some(r) = &state.result {
                { results::bar(l, r) }
            }
            <main>
                { form::form(l, &state, &state.dispatcher()) }
                <div class="results" data-test="results" aria-live="polite">
                    <h2>{ t(l, M::Results) }</h2>
                    if state.stale {
                        <p class="flag" data-test="stale" role="status">{ t(l, M::Stale) }</p>
                    }
                    if let Some(r) = &state.result {
                        <div class={classes!("figures", state.stale.then_some("stale"))}>
                            { results::summary(l, r) }
                            { share(l, &state, &copied) }
                            { results::parts(l, r) }
                            { results::table(l, r, *page, *both, go, flip) }
                        </div>
                    }
                    <p class="help conventions">{ t(l, M::Conventions) }</p>
                </div>
            </main>
        </div>
    }
}

#[cfg(test)]
mod state_tests;
