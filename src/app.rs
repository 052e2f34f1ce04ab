//! The app shell: language, and the calculator page (served for `/` and `/calculator`).

use crate::components::apply_form::ApplyForm;
use crate::components::number_field::NumberField;
use crate::components::schedule_table::ScheduleTable;
use crate::components::summary::Summary;
use crate::i18n::{method_text, t, Key, Lang};
use crate::state::{CalcAction, CalcState, Field};
use gloo::storage::Storage;
use loanlens_core::schema::Method;
use web_sys::HtmlSelectElement;
use yew::prelude::*;

const LANG_KEY: &str = "loanlens.lang";

/// Reads `?principal=&rate=&term=&method=` so a shared link reproduces the page.
fn initial_state() -> CalcState {
    let mut s = CalcState::default();
    let search = web_sys::window().and_then(|w| w.location().search().ok()).unwrap_or_default();
    let q = search.trim_start_matches('?');
    if q.is_empty() {
        return s;
    }
    let (mut p, mut r, mut n, mut m) =
        (s.principal.clone(), s.annual_rate.clone(), s.term_months.clone(), s.method);
    for pair in q.split('&') {
        let (k, v) = pair.split_once('=').unwrap_or((pair, ""));
        let v = decode_query_value(v);
        match k {
            "principal" => p = v,
            "rate" => r = v,
            "term" => n = v,
            "method" => m = Method::from_id(&v).unwrap_or(m),
            _ => {}
        }
    }
    s = CalcState::new(&p, &r, &n, m);
    s
}

/// Percent-decodes a query value (`+` is a space); malformed escapes are kept as typed.
pub fn decode_query_value(v: &str) -> String {
    let bytes = v.as_bytes();
    let mut out = Vec::with_capacity(bytes.len());
    let mut i = 0;
    while i < bytes.len() {
        let escaped = (bytes[i] == b'%')
            .then(|| bytes.get(i + 1..i + 3))
            .flatten()
            .and_then(|h| std::str::from_utf8(h).ok())
            .and_then(|h| u8::from_str_radix(h, 16).ok());
        match (bytes[i], escaped) {
            (_, Some(b)) => {
                out.push(b);
                i += 3;
            }
            (b'+', None) => {
                out.push(b' ');
                i += 1;
            }
            (b, None) => {
                out.push(b);
                i += 1;
            }
        }
    }
    String::from_utf8_lossy(&out).into_owned()
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

    let toggle = {
        let lang = lang.clone();
        Callback::from(move |_| {
            let next = lang.other();
            let _ = gloo::storage::LocalStorage::set(LANG_KEY, next.tag());
            lang.set(next);
        })
    };
    let set = |field: Field| {
        let calc = calc.clone();
        Callback::from(move |v: String| calc.dispatch(CalcAction::Set(field, v)))
    };
    let on_method = {
        let calc = calc.clone();
        Callback::from(move |e: Event| {
            let v = e.target_unchecked_into::<HtmlSelectElement>().value();
            if let Some(m) = Method::from_id(&v) {
                calc.dispatch(CalcAction::SetMethod(m));
            }
        })
    };
    let l = *lang;
    let (_, method_help) = method_text(l, calc.method);

    html! {
        <div class="page">
            <header>
                <h1>{ t(l, Key::AppTitle) }</h1>
                <button class="lang" data-test="lang-toggle" onclick={toggle}>{ t(l, Key::LangToggle) }</button>
            </header>
            <p class="tagline">{ t(l, Key::Tagline) }</p>
            <main>
                <form class="inputs" onsubmit={Callback::from(|e: SubmitEvent| e.prevent_default())}>
                    <NumberField lang={l} id="principal" label={Key::Principal}
                        value={calc.principal.clone()} error={calc.errors.principal} oninput={set(Field::Principal)} />
                    <NumberField lang={l} id="annual-rate" label={Key::AnnualRate}
                        value={calc.annual_rate.clone()} error={calc.errors.annual_rate} oninput={set(Field::AnnualRate)} />
                    <NumberField lang={l} id="term-months" label={Key::TermMonths} inputmode="numeric"
                        value={calc.term_months.clone()} error={calc.errors.term_months} oninput={set(Field::TermMonths)} />
                    <div class="field">
                        <label for="method">{ t(l, Key::Method) }</label>
                        <select id="method" data-test="method" onchange={on_method} aria-describedby="method-help">
                            { for Method::ALL.iter().map(|m| html! {
                                <option value={m.id()} selected={*m == calc.method}>{ method_text(l, *m).0 }</option>
                            }) }
                        </select>
                        <p class="help" id="method-help">{ method_help }</p>
                    </div>
                    if let Some(other) = &calc.errors.other {
                        <p class="error" role="alert">{ other.clone() }</p>
                    }
                    <p class="note">{ t(l, Key::Privacy) }</p>
                </form>
                if let Some(result) = &calc.result {
                    <Summary lang={l} schedule={result.clone()} stale={calc.stale} />
                    <ScheduleTable lang={l} schedule={result.clone()} />
                }
                <ApplyForm lang={l} loan={(!calc.stale).then(|| calc.request.clone()).flatten()} />
            </main>
        </div>
    }
}

#[cfg(test)]
mod tests {
    use super::decode_query_value;

    #[test]
    fn query_values_are_percent_decoded() {
        assert_eq!(decode_query_value("100%E4%B8%87"), "100万");
        assert_eq!(decode_query_value("4.9"), "4.9");
        assert_eq!(decode_query_value("a+b"), "a b");
        assert_eq!(decode_query_value("%zz%"), "%zz%");
    }
}
