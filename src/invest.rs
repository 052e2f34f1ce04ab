//! The investor page (`/invest`, issue 10): 2 to 8 product cards compared side by side — total
//! interest, fees, net interest, XIRR, average capital, terminal wealth, ranks, one sentence per
//! product on why total interest and XIRR differ, a chart of cumulative cash received and bars
//! of terminal wealth; a shareable URL and a CSV for Excel.
//!
//! It is its own entry point (`src/bin/invest.rs`, `invest.html`, built into `dist/invest/`):
//! its bundle holds this module, the core's investment comparison and the shared parsing and
//! formatting, and none of the calculator's components (ARCHITECTURE.md, "Pages").
//!
//! Invariants: nothing typed leaves the browser (no request at all: every figure is
//! `loanlens_core::invest::compare`'s, run here in WebAssembly); the page states that figures
//! are calculations on assumptions, not a promise, that past returns do not predict future
//! ones and that principal can be lost, and never speaks of an "expected return".
//!
//! Submodules: `card` (a card's text → the core's product, presets, field errors), `state`
//! (the pure reducer), `query` (state ⇄ URL), `csv`, `chart` (integer SVG geometry),
//! `i18n` (the page's strings), `cards` and `results` (view functions).

pub mod card;
pub mod cards;
pub mod chart;
pub mod csv;
pub mod i18n;
pub mod query;
pub mod results;
pub mod state;

use crate::precheck::stored_lang;
use i18n::{preset, t, Lang, I};
use loanlens_core::dates::Date;
use state::InvestState;
use yew::prelude::*;

/// Today in the browser's time zone, `YYYY-MM-DD`, and the same day a year later.
fn today_and_next_year() -> (String, String) {
    let now = js_sys::Date::new_0();
    let year = i32::try_from(now.get_full_year()).unwrap_or(2025);
    match Date::new(year, now.get_month() + 1, now.get_date()) {
        Some(d) => (d.to_string(), d.add_months_clamped(12).to_string()),
        None => ("2025-01-15".into(), "2026-01-15".into()),
    }
}

/// The state the URL describes, else the first-visit comparison from today.
fn initial(lang: Lang) -> InvestState {
    let search = gloo::utils::window().location().search().unwrap_or_default();
    let (today, next) = today_and_next_year();
    let blank = card::Preset::Installment.card("", &today);
    query::from_query(&search, &blank).unwrap_or_else(|| {
        let names = [card::Preset::Installment, card::Preset::InterestOnly, card::Preset::Bullet]
            .map(|p| preset(lang, p));
        InvestState::first_visit(names, &today, &next)
    })
}

/// The compliance notes, shown above the results.
fn compliance(l: Lang) -> Html {
    html! {
        <aside class="compliance" data-test="compliance" aria-label={t(l, I::Compliance)}>
            <p>{ t(l, I::NoPromise) }</p>
            <p>{ t(l, I::PastReturns) }</p>
            <p>{ t(l, I::PrincipalLoss) }</p>
        </aside>
    }
}

/// The share and CSV buttons.
fn share(l: Lang, state: &UseReducerHandle<InvestState>, copied: &UseStateHandle<bool>) -> Html {
    let on_csv = {
        let state = state.clone();
        Callback::from(move |_| {
            if let Some(r) = &state.result {
                let text = csv::invest_csv(l, r);
                crate::components::share_bar::download(
                    "loanlens-invest.csv",
                    "text/csv;charset=utf-8",
                    &text,
                );
            }
        })
    };
    let on_copy = {
        let copied = copied.clone();
        let state = state.clone();
        Callback::from(move |_| {
            let href = crate::view::page_link(&query::to_query(&state));
            crate::view::copy_to_clipboard(&href, copied.clone());
        })
    };
    html! {
        <div class="share-bar">
            <button type="button" class="secondary" data-test="copy-link" onclick={on_copy}>{ t(l, I::Share) }</button>
            <button type="button" class="secondary" data-test="download-csv" onclick={on_csv}>{ t(l, I::Csv) }</button>
            if **copied { <span class="note" role="status" data-test="copied">{ t(l, I::Copied) }</span> }
        </div>
    }
}

/// The investor page.
#[component]
pub fn InvestApp() -> Html {
    let lang = use_state(stored_lang);
    let state = use_reducer_eq({
        let l = *lang;
        move || initial(l)
    });
    let copied = use_state(|| false);
    {
        let lang = *lang;
        use_effect_with(lang, move |lang| {
            if let Some(doc) = gloo::utils::document().document_element() {
                let _ = doc.set_attribute("lang", lang.tag());
            }
            gloo::utils::document().set_title(t(*lang, I::Title));
        });
    }
    // The URL reproduces the page. Written 300 ms after the last change: Chromium's
    // The URL reproduces the page (crate::view::use_query_in_url).
    crate::view::use_query_in_url(query::to_query(&state), copied.clone());
    let toggle = crate::view::lang_toggle(&lang);
    let l = *lang;
    html! {
        <div class="page invest">
            <header>
                <h1>{ t(l, I::Title) }</h1>
                <button type="button" class="lang" data-test="lang-toggle" onclick={toggle}
                    lang={l.other().tag()}>{ t(l, I::LangToggle) }</button>
            </header>
            <p class="tagline">{ t(l, I::Tagline) }</p>
            <p class="private" data-test="private-note">{ t(l, I::Private) }</p>
            { compliance(l) }
            <main>
                <form class="inputs-form" data-test="invest-form" novalidate=true
                    onsubmit={Callback::from(|e: SubmitEvent| e.prevent_default())}>
                    <h2>{ t(l, I::Products) }</h2>
                    { cards::inputs(l, &state) }
                </form>
                <div class="results" data-test="results" aria-live="polite">
                    <h2>{ t(l, I::Results) }</h2>
                    if state.stale {
                        <p class="flag" data-test="stale" role="status">{ t(l, I::Stale) }</p>
                    }
                    if let Some(r) = &state.result {
                        <div class={classes!("figures", state.stale.then_some("stale"))}>
                            { results::table(l, r) }
                            { share(l, &state, &copied) }
                            { results::sentences(l, r) }
                            <div class="charts">
                                { results::cash_chart(l, r) }
                                { results::wealth_chart(l, r) }
                            </div>
                        </div>
                    }
                    <p class="help conventions">{ t(l, I::Conventions) }</p>
                </div>
            </main>
        </div>
    }
}

#[cfg(test)]
mod state_tests;
