//! Share and keep: copy the short link that reproduces the page (`/c/<code>`; the address bar
//! keeps the long form), show it with its QR code (`short_link`), download the schedule as CSV
//! for Excel, print. A view function rendered by the schedule table (which owns the "copied" state):
//! every Yew component costs the bundle its own copy of the component machinery.

use crate::components::short_link::{short_url, short_view};
use crate::i18n::{t, Key, Lang};
use crate::state::csv::schedule_csv;
use loanlens_core::schema::Schedule;
use std::rc::Rc;
use wasm_bindgen::JsCast;
use yew::prelude::*;

/// Offers `text` as a file download; `false` when the browser refused.
pub fn download(name: &str, mime: &str, text: &str) -> bool {
    let run = || -> Option<()> {
        let parts = js_sys::Array::of1(&wasm_bindgen::JsValue::from_str(text));
        let opts = web_sys::BlobPropertyBag::new();
        opts.set_type(mime);
        let blob = web_sys::Blob::new_with_str_sequence_and_options(&parts, &opts).ok()?;
        let url = web_sys::Url::create_object_url_with_blob(&blob).ok()?;
        let doc = gloo::utils::document();
        let a: web_sys::HtmlAnchorElement = doc.create_element("a").ok()?.dyn_into().ok()?;
        a.set_href(&url);
        a.set_download(name);
        doc.body()?.append_child(&a).ok()?;
        a.click();
        a.remove();
        web_sys::Url::revoke_object_url(&url).ok()
    };
    run().is_some()
}

/// The share bar; `copied` says whether the link was copied; `on_print` asks the schedule table
/// to lay out every row and then print (it only shows a page of rows on screen); `short` is the
/// page's short code and `short_open` whether its view is open.
pub fn share_bar(
    lang: Lang,
    schedule: &Rc<Schedule>,
    copied: &UseStateHandle<bool>,
    on_print: Callback<MouseEvent>,
    short: &AttrValue,
    short_open: &UseStateHandle<bool>,
) -> Html {
    let on_csv = {
        let s = schedule.clone();
        Callback::from(move |_| {
            download("loanlens-schedule.csv", "text/csv;charset=utf-8", &schedule_csv(lang, &s));
        })
    };
    let url = short_url(short);
    let on_copy = {
        let copied = copied.clone();
        let url = url.clone();
        Callback::from(move |_| crate::view::copy_to_clipboard(&url, copied.clone()))
    };
    html! {
        <div class="share-bar">
            <button type="button" class="secondary" data-test="copy-link" onclick={on_copy}>{ t(lang, Key::CopyLink) }</button>
            <button type="button" class="secondary" data-test="download-csv" onclick={on_csv}>{ t(lang, Key::DownloadCsv) }</button>
            <button type="button" class="secondary" data-test="print" onclick={on_print}>{ t(lang, Key::Print) }</button>
            { short_view(lang, &url, short_open) }
            <p class="note" aria-live="polite" data-test="copied">
                if **copied { { t(lang, Key::LinkCopied) } }
            </p>
        </div>
    }
}
