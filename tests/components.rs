//! Components in a real browser (wasm-bindgen-test in headless Chromium): the app renders the
//! engine's figures and reacts to typing like a person would.
#![cfg(target_arch = "wasm32")]

use loanlens_web::app::App;
use wasm_bindgen::JsCast;
use wasm_bindgen_test::*;
use web_sys::{Element, Event, EventInit, HtmlInputElement};

wasm_bindgen_test_configure!(run_in_browser);

async fn tick() {
    gloo::timers::future::TimeoutFuture::new(30).await;
}

fn mount() -> Element {
    let doc = gloo::utils::document();
    let root = doc.create_element("div").unwrap();
    doc.body().unwrap().append_child(&root).unwrap();
    yew::Renderer::<App>::with_root(root.clone()).render();
    root
}

fn text(root: &Element, test_id: &str) -> String {
    root.query_selector(&format!("[data-test='{test_id}']"))
        .unwrap()
        .map(|e| e.text_content().unwrap_or_default())
        .unwrap_or_else(|| format!("<no {test_id}>"))
}

fn count(root: &Element, test_id: &str) -> u32 {
    root.query_selector_all(&format!("[data-test='{test_id}']")).unwrap().length()
}

fn type_into(root: &Element, test_id: &str, value: &str) {
    let input: HtmlInputElement = root
        .query_selector(&format!("[data-test='{test_id}']"))
        .unwrap()
        .unwrap()
        .dyn_into()
        .unwrap();
    input.set_value(value);
    let init = EventInit::new();
    init.set_bubbles(true);
    input.dispatch_event(&Event::new_with_event_init_dict("input", &init).unwrap()).unwrap();
}

#[wasm_bindgen_test]
async fn renders_the_default_mortgage_and_recomputes_on_input() {
    let root = mount();
    tick().await;
    assert_eq!(text(&root, "first-payment"), "¥5,307.27");
    assert_eq!(count(&root, "schedule-row"), 360);

    type_into(&root, "term-months", "120");
    tick().await;
    assert_eq!(count(&root, "schedule-row"), 120);
    assert_eq!(text(&root, "first-payment"), "¥10,557.74");

    type_into(&root, "annual-rate", "abc");
    tick().await;
    assert_eq!(count(&root, "annual-rate-error"), 1);
    assert_eq!(count(&root, "stale"), 1);
    assert_eq!(text(&root, "first-payment"), "¥10,557.74");
    assert!(!root.text_content().unwrap_or_default().contains("NaN"));
    root.remove();
}
