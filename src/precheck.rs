//! The risk pre-check page (`/precheck`, issue 8): a four-step form, then the result — score
//! gauge, grade, decision in plain words, what would improve it, the affordable amount, the
//! indicative rate and a hand-off to the calculator.
//!
//! It is its own entry point (`src/bin/precheck.rs`, `precheck.html`, built into
//! `dist/precheck/`): its bundle holds this module, the core's scorecard and the shared
//! formatting, and none of the calculator's components (ARCHITECTURE.md, "Pages").
//!
//! Invariant: nothing a person types leaves the browser. The one request is
//! `GET /api/v1/scorecard` at load (optional: without it the core's built-in card scores);
//! the answers are scored in WebAssembly by `loanlens_core::scorecard::evaluate` and not stored.
//!
//! Submodules: `questions` (the one table of questions, answer → profile), `state` (the pure
//! reducer), `i18n` (the page's strings), `form` and `result` (view functions), `gauge` (SVG).

pub mod form;
pub mod gauge;
pub mod i18n;
pub mod questions;
pub mod result;
pub mod state;

use crate::app::LANG_KEY;
use i18n::{t, Lang, P};
use questions::STEPS;
use state::{Action, PrecheckState};
use std::rc::Rc;
use yew::prelude::*;

/// Fetches the scorecard the site uses. A missing endpoint (or any network failure) leaves the
/// built-in card in place; a served card that fails the core's checks is refused, listed.
/// (The browser's `fetch` directly: gloo-net's request builder costs bundle bytes for nothing.)
async fn fetch_card(state: UseReducerHandle<PrecheckState>) {
    use wasm_bindgen::JsCast;
    use wasm_bindgen_futures::JsFuture;
    let fetched = JsFuture::from(gloo::utils::window().fetch_with_str("/api/v1/scorecard")).await;
    let Some(resp) = fetched.ok().and_then(|r| r.dyn_into::<web_sys::Response>().ok()) else {
        return;
    };
    if resp.status() != 200 {
        return;
    }
    let Some(text) = resp.text().ok().map(JsFuture::from) else { return };
    let Some(text) = text.await.ok().and_then(|t| t.as_string()) else { return };
    match state::read_card(&text) {
        Ok(card) => state.dispatch(Action::CardServed(Rc::new(card))),
        Err(errs) => state.dispatch(Action::CardRefused(errs)),
    }
}

/// localStorage, where the calculator keeps the language as a JSON string (`"en"`).
fn storage() -> Option<web_sys::Storage> {
    gloo::utils::window().local_storage().ok().flatten()
}

/// The language chosen on either page (a tag needs none of `app::load`'s unescaping).
fn stored_lang() -> Lang {
    let raw = storage().and_then(|s| s.get_item(LANG_KEY).ok().flatten()).unwrap_or_default();
    Lang::from_tag(raw.trim_matches('"')).unwrap_or_default()
}

/// The pre-check page.
#[component]
pub fn PrecheckApp() -> Html {
    let lang = use_state(stored_lang);
    // A link may carry the loan (the calculator's "apply" link does).
    let state = use_reducer(|| {
        let query = gloo::utils::window().location().search().unwrap_or_default();
        PrecheckState::with_loan_query(&query)
    });

    {
        let state = state.clone();
        use_effect_with((), move |_| {
            wasm_bindgen_futures::spawn_local(fetch_card(state));
        });
    }
    {
        let lang = *lang;
        use_effect_with(lang, move |lang| {
            if let Some(doc) = gloo::utils::document().document_element() {
                let _ = doc.set_attribute("lang", lang.tag());
            }
            gloo::utils::document().set_title(t(*lang, P::Title));
        });
    }
    // A new step or the result starts at the top (a phone shows one screen of it).
    use_effect_with(state.step, |_| gloo::utils::window().scroll_to_with_x_and_y(0.0, 0.0));

    let toggle = {
        let lang = lang.clone();
        Callback::from(move |_| {
            let next = lang.other();
            if let Some(s) = storage() {
                let _ = s.set_item(LANG_KEY, &format!("\"{}\"", next.tag()));
            }
            lang.set(next);
        })
    };
    let l = *lang;
    let showing_result = state.step >= STEPS && state.result.is_some();

    html! {
        <div class="page precheck">
            <header>
                <h1>{ t(l, P::Title) }</h1>
                <button type="button" class="lang" data-test="lang-toggle" onclick={toggle}
                    lang={l.other().tag()}>{ t(l, P::LangToggle) }</button>
            </header>
            <p class="tagline">{ t(l, P::Tagline) }</p>
            <p class="private" data-test="private-note">{ t(l, P::Private) }</p>
            <main id="precheck-main" tabindex="-1">
                if showing_result {
                    { result::result_view(l, &state) }
                } else {
                    { form::form_view(l, &state) }
                }
            </main>
            { result::card_note(l, &state) }
        </div>
    }
}

#[cfg(test)]
mod state_tests;
