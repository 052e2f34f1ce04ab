//! The app shell: language, the calculator page (served for `/` and `/calculator`), and keeping
//! the inputs in the URL (a shared link reproduces the page) and in localStorage, written 300 ms
//! after typing stops.

use crate::components::apply_link::apply_link;
use crate::components::charts::charts;
use crate::components::compare_methods::CompareMethods;
use crate::components::compare_offers::CompareOffers;
use crate::components::loan_form::loan_form;
use crate::components::prepay_panel::prepay_panel;
use crate::components::schedule_table::ScheduleTable;
use crate::components::solver::Solver;
use crate::components::summary::summary;
use crate::format::money;
use crate::i18n::{t, Key, Lang};
use crate::state::query::{from_query, to_query};
use crate::state::short;
use crate::state::CalcState;
use crate::view::{headline, odd_days, print_terms};
use yew::prelude::*;

/// localStorage key of the language (shared by the calculator and the pre-check).
pub const LANG_KEY: &str = "loanlens.lang";
/// localStorage key of the last inputs, in the URL-query format.
pub const INPUTS_KEY: &str = "loanlens.inputs";

/// localStorage, read and written directly (gloo's storage would pull serde_json's
/// deserializer into the bundle). Values are JSON strings (`"en"`), as gloo stored them.
fn storage() -> Option<web_sys::Storage> {
    web_sys::window()?.local_storage().ok().flatten()
}

/// The string stored under `key`, if any.
pub fn load(key: &str) -> Option<String> {
    let raw = storage()?.get_item(key).ok().flatten()?;
    Some(match raw.strip_prefix('"').and_then(|r| r.strip_suffix('"')) {
        Some(inner) => inner.replace("\\\"", "\"").replace("\\\\", "\\"),
        None => raw,
    })
}

/// Keeps `value` under `key` (quietly does nothing when storage is unavailable or full).
pub fn save(key: &str, value: &str) {
    if let Some(s) = storage() {
        let json = format!("\"{}\"", value.replace('\\', "\\\\").replace('"', "\\\""));
        let _ = s.set_item(key, &json);
    }
}

/// The page's inputs: a short link's (`/c/<code>`, a damaged one with a notice), else the
/// URL's query when it has any, else the last inputs kept in localStorage, else the default
/// mortgage.
fn initial_state() -> CalcState {
    let path = web_sys::window().and_then(|w| w.location().pathname().ok()).unwrap_or_default();
    if let Some(code) = short::code_of_path(&path) {
        let d = short::decode(code);
        let mut s = CalcState::from_inputs(d.inputs);
        if d.damaged && s.notice.is_none() {
            s.notice = Some(Key::ShortLinkDamaged);
        }
        return s;
    }
    let search = web_sys::window().and_then(|w| w.location().search().ok()).unwrap_or_default();
    let inputs = from_query(&search).or_else(|| load(INPUTS_KEY).and_then(|q| from_query(&q)));
    inputs.map(CalcState::from_inputs).unwrap_or_default()
}

/// Writes the inputs' query `q` to the address bar and localStorage.
/// Writes the inputs not yet written, if any.
fn flush_inputs(unsaved: &std::cell::RefCell<Option<String>>) {
    if let Some(q) = unsaved.borrow_mut().take() {
        keep_inputs(&q);
    }
}

fn keep_inputs(q: &str) {
    let window = gloo::utils::window();
    let path = window.location().pathname().unwrap_or_else(|_| "/calculator".into());
    // A short link opens the calculator: from then on the address is its long form.
    let path = if short::code_of_path(&path).is_some() { "/calculator".into() } else { path };
    if let Ok(history) = window.history() {
        let _ = history.replace_state_with_url(
            &wasm_bindgen::JsValue::NULL,
            "",
            Some(&format!("{path}?{q}")),
        );
    }
    save(INPUTS_KEY, q);
}

fn stored_lang() -> Lang {
    load(LANG_KEY).and_then(|t| Lang::from_tag(&t)).unwrap_or_default()
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
    // Every change is written back to the address bar (replaceState: no history spam) and kept,
    // 300 ms after the last one: `history.replaceState` cost ~6 ms a call in Chromium, as much
    // as the rest of a keystroke's repaint (docs/benchmarks.md). Nothing reads the address
    // back: the share bar builds its link from the inputs. Leaving the page within the 300 ms
    // (closing the tab, following a link) writes them at once (`pagehide`), so none are lost.
    let unsaved = use_mut_ref(|| None::<String>);
    let pending = use_mut_ref(|| None::<gloo::timers::callback::Timeout>);
    {
        let unsaved = unsaved.clone();
        use_effect_with(calc.inputs.clone(), move |inputs| {
            *unsaved.borrow_mut() = Some(to_query(inputs));
            *pending.borrow_mut() =
                Some(gloo::timers::callback::Timeout::new(300, move || flush_inputs(&unsaved)));
        });
    }
    use_effect_with((), move |_| {
        let window = gloo::utils::window();
        let leave = gloo::events::EventListener::new(&window, "pagehide", move |_| {
            flush_inputs(&unsaved);
        });
        move || drop(leave)
    });

    let toggle = {
        let lang = lang.clone();
        Callback::from(move |_| {
            let next = lang.other();
            save(LANG_KEY, next.tag());
            lang.set(next);
        })
    };
    let l = *lang;
    let odd = calc.request.as_ref().and_then(odd_days).is_some();
    let head = calc.result.as_ref().map(|r| headline(r, odd));

    html! {
        <div class="page">
            <a class="skip" href="#results">{ t(l, Key::Skip) }</a>
            <header>
                <h1>{ t(l, Key::AppTitle) }</h1>
                <button type="button" class="lang" data-test="lang-toggle" onclick={toggle}
                    lang={l.other().tag()}>{ t(l, Key::LangToggle) }</button>
            </header>
            <p class="tagline">{ t(l, Key::Tagline) }{ " " }<a href="/mortgage" data-test="mortgage-link">{ t(l, Key::MortgageLink) }</a></p>
            // On a phone the form comes first: the headline stays in view while it is edited.
            if let Some((k, v)) = head {
                <p class="result-bar" data-test="result-bar" aria-hidden="true">
                    { t(l, k) }{ " " }<strong>{ money(v) }</strong>
                </p>
            }
            if let Some(n) = calc.notice {
                <p class="stale-note" data-test="link-notice" role="status">{ t(l, n) }</p>
            }
            <main>
                { loan_form(l, &calc) }
                <div class="results" id="results" tabindex="-1">
                    if let Some(req) = &calc.request {
                        <p class="print-only" data-test="print-terms">{ print_terms(l, req) }</p>
                    }
                    if let Some(result) = &calc.result {
                        { summary(l, result, calc.request.as_ref(), calc.stale, calc.notice.is_none()) }
                        <ScheduleTable lang={l} schedule={result.clone()}
                            short={AttrValue::from(short::encode(&calc.inputs))} />
                        { charts(l, result) }
                    }
                    { prepay_panel(l, &calc) }
                    <Solver lang={l} calc={calc.clone()} />
                    <CompareMethods lang={l} request={calc.request.clone()} />
                    <CompareOffers lang={l} calc={calc.clone()} />
                    { apply_link(l, (!calc.stale).then_some(calc.request.as_ref()).flatten()) }
                </div>
            </main>
        </div>
    }
}
