//! The app shell: language, the calculator page (served for `/` and `/calculator`), and keeping
//! the inputs in the URL (a shared link reproduces the page) and in localStorage.

use crate::components::apply_form::ApplyForm;
use crate::components::charts::Charts;
use crate::components::compare_methods::CompareMethods;
use crate::components::compare_offers::CompareOffers;
use crate::components::loan_form::LoanForm;
use crate::components::prepay_panel::PrepayPanel;
use crate::components::schedule_table::ScheduleTable;
use crate::components::share_bar::ShareBar;
use crate::components::solver::Solver;
use crate::components::summary::Summary;
use crate::i18n::{t, Key, Lang};
use crate::state::query::{from_query, to_query};
use crate::state::CalcState;
use gloo::storage::Storage;
use yew::prelude::*;

const LANG_KEY: &str = "loanlens.lang";
/// localStorage key of the last inputs, in the URL-query format.
pub const INPUTS_KEY: &str = "loanlens.inputs";

pub use crate::state::query::decode_value as decode_query_value;

/// The page's inputs: the URL's query when it has any, else the last inputs kept in
/// localStorage, else the default mortgage.
fn initial_state() -> CalcState {
    let search = web_sys::window().and_then(|w| w.location().search().ok()).unwrap_or_default();
    let inputs = from_query(&search).or_else(|| {
        gloo::storage::LocalStorage::get::<String>(INPUTS_KEY).ok().and_then(|q| from_query(&q))
    });
    inputs.map(CalcState::from_inputs).unwrap_or_default()
}

fn stored_lang() -> Lang {
    gloo::storage::LocalStorage::get::<String>(LANG_KEY)
        .ok()
        .and_then(|t| Lang::from_tag(&t))
        .unwrap_or_default()
}

#[component]
pub fn App() -> Html {
    let lang = use_state(stored_lang);
    let calc = use_reducer(initial_state);

    {
        let lang = *lang;
        use_effect_with(lang, move |lang| {
            if let Some(doc) = gloo::utils::document().document_element() {
                let _ = doc.set_attribute("lang", lang.tag());
            }
            gloo::utils::document().set_title(t(*lang, Key::AppTitle));
        });
    }
    // Every change is written back to the address bar (replaceState: no history spam) and kept.
    use_effect_with(calc.inputs.clone(), |inputs| {
        let q = to_query(inputs);
        let window = gloo::utils::window();
        let path = window.location().pathname().unwrap_or_else(|_| "/calculator".into());
        if let Ok(history) = window.history() {
            let _ = history.replace_state_with_url(
                &wasm_bindgen::JsValue::NULL,
                "",
                Some(&format!("{path}?{q}")),
            );
        }
        let _ = gloo::storage::LocalStorage::set(INPUTS_KEY, q);
    });

    let toggle = {
        let lang = lang.clone();
        Callback::from(move |_| {
            let next = lang.other();
            let _ = gloo::storage::LocalStorage::set(LANG_KEY, next.tag());
            lang.set(next);
        })
    };
    let l = *lang;

    html! {
        <div class="page">
            <a class="skip" href="#results">{ t(l, Key::Skip) }</a>
            <header>
                <h1>{ t(l, Key::AppTitle) }</h1>
                <button type="button" class="lang" data-test="lang-toggle" onclick={toggle}
                    lang={l.other().tag()}>{ t(l, Key::LangToggle) }</button>
            </header>
            <p class="tagline">{ t(l, Key::Tagline) }</p>
            <main>
                <LoanForm lang={l} calc={calc.clone()} />
                <div class="results" id="results" tabindex="-1">
                    if let Some(result) = &calc.result {
                        <Summary lang={l} schedule={result.clone()} stale={calc.stale} />
                        <ShareBar lang={l} schedule={result.clone()} />
                        <ScheduleTable lang={l} schedule={result.clone()} />
                        <Charts lang={l} schedule={result.clone()} />
                    }
                    <PrepayPanel lang={l} calc={calc.clone()} />
                    <Solver lang={l} calc={calc.clone()} />
                    <CompareMethods lang={l} request={calc.request.clone()} />
                    <CompareOffers lang={l} calc={calc.clone()} />
                    <ApplyForm lang={l} loan={(!calc.stale).then(|| calc.request.clone()).flatten()} />
                </div>
            </main>
        </div>
    }
}
