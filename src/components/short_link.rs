//! The QR view of the share bar: the page's short link (`/c/<code>`, see `state::short`; the
//! share bar's copy button copies it) and its QR code for WeChat and phone cameras.
//!
//! The QR encoder is not in this bundle. The first open adds the module script `/qr/load.js`
//! (crates/qr, built into `dist/qr/` by `./x build`), which starts its own small wasm and
//! draws the code of every element's `data-qr-text` into it, again whenever the text changes,
//! marking the element `data-state="ready"` (or `"failed"`). The calculator's first load does
//! not grow by the encoder; the script is same-origin, so the page's CSP (`script-src 'self'`)
//! already allows it.

use crate::i18n::{t, Key, Lang};
use crate::state::short::PATH_PREFIX;
use yew::prelude::*;

/// The loader of the QR module, under the calculator's origin.
const LOADER: &str = "/qr/load.js";

/// Adds the loader script once.
fn load_module() {
    let doc = gloo::utils::document();
    if doc.get_element_by_id("qr-loader").is_some() {
        return;
    }
    let Ok(script) = doc.create_element("script") else { return };
    script.set_id("qr-loader");
    let _ = script.set_attribute("type", "module");
    let _ = script.set_attribute("src", LOADER);
    if let Some(body) = doc.body() {
        let _ = body.append_child(&script);
    }
}

/// The page's short link: this origin, [`PATH_PREFIX`] and `code`.
pub fn short_url(code: &str) -> String {
    let origin = gloo::utils::window().location().origin().unwrap_or_default();
    format!("{origin}{PATH_PREFIX}{code}")
}

/// The button that opens the view and, when `open`, the view: the link (selectable) and its
/// QR code.
pub fn short_view(lang: Lang, url: &str, open: &UseStateHandle<bool>) -> Html {
    let toggle = {
        let open = open.clone();
        Callback::from(move |_| {
            if !*open {
                load_module();
            }
            open.set(!*open);
        })
    };
    html! {
        <>
        <button type="button" class="secondary" data-test="share-short" aria-expanded={open.to_string()}
            onclick={toggle}>{ t(lang, Key::ShortOpen) }</button>
        if **open {
            <div class="short-link" data-test="short-view">
                <input type="text" readonly=true value={url.to_string()} data-test="short-link"
                    aria-label={t(lang, Key::CopyLink)} />
                <div class="qr" data-test="qr" data-qr-text={url.to_string()} role="img"
                    aria-label={t(lang, Key::ShortOpen)}></div>
                <p class="note qr-failed" data-test="qr-failed">{ t(lang, Key::QrFailed) }</p>
            </div>
        }
        </>
    }
}
