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

/// Waits (up to 2 s) until the element shows `expected`, and returns what it shows then: Yew
/// renders asynchronously, and on a loaded machine one fixed pause is not always enough.
async fn shown(root: &Element, test_id: &str, expected: &str) -> String {
    for _ in 0..100 {
        if text(root, test_id) == expected {
            break;
        }
        gloo::timers::future::TimeoutFuture::new(20).await;
    }
    text(root, test_id)
}

/// Mounts the app on a clean page: no query in the URL, nothing kept in localStorage (the app
/// writes both, and tests share one page).
async fn mount() -> Element {
    let window = gloo::utils::window();
    if let Ok(Some(storage)) = window.local_storage() {
        let _ = storage.clear();
    }
    let path = window.location().pathname().unwrap();
    window
        .history()
        .unwrap()
        .replace_state_with_url(&wasm_bindgen::JsValue::NULL, "", Some(&path))
        .unwrap();
    let doc = gloo::utils::document();
    let root = doc.create_element("div").unwrap();
    doc.body().unwrap().append_child(&root).unwrap();
    yew::Renderer::<App>::with_root(root.clone()).render();
    // Ready once the engine's default figure is on screen.
    assert_eq!(shown(&root, "first-payment", "¥5,307.27").await, "¥5,307.27");
    tick().await;
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

/// The element with `data-test=test_id`, as the DOM type `T`.
fn find<T: JsCast>(root: &Element, test_id: &str) -> T {
    root.query_selector(&format!("[data-test='{test_id}']")).unwrap().unwrap().dyn_into().unwrap()
}

/// Fires a bubbling `kind` event at `target`, as the browser does when a person edits it.
fn fire(target: &web_sys::EventTarget, kind: &str) {
    let init = EventInit::new();
    init.set_bubbles(true);
    target.dispatch_event(&Event::new_with_event_init_dict(kind, &init).unwrap()).unwrap();
}

fn type_into(root: &Element, test_id: &str, value: &str) {
    let input: HtmlInputElement = find(root, test_id);
    input.set_value(value);
    fire(&input, "input");
}

#[wasm_bindgen_test]
async fn renders_the_default_mortgage_and_recomputes_on_input() {
    let root = mount().await;
    tick().await;
    assert_eq!(shown(&root, "first-payment", "¥5,307.27").await, "¥5,307.27");
    // 60 payments a page; the pager states the full count.
    assert_eq!(count(&root, "schedule-row"), 60);
    assert_eq!(
        shown(&root, "page-info", "显示第 1–60 期，共 360 期").await,
        "显示第 1–60 期，共 360 期"
    );

    type_into(&root, "term-months", "120");
    tick().await;
    // The inputs travel into the address bar (300 ms after typing stops), so the link
    // reproduces the page.
    let mut search = String::new();
    for _ in 0..100 {
        search = gloo::utils::window().location().search().unwrap();
        if search.contains("term=120") {
            break;
        }
        gloo::timers::future::TimeoutFuture::new(20).await;
    }
    assert!(search.contains("term=120"), "{search}");
    tick().await;
    assert_eq!(count(&root, "schedule-row"), 60);
    assert_eq!(
        shown(&root, "page-info", "显示第 1–60 期，共 120 期").await,
        "显示第 1–60 期，共 120 期"
    );
    click(&root, "page-next");
    tick().await;
    assert_eq!(count(&root, "schedule-row"), 60);
    let rows = root.query_selector_all("[data-test='schedule-row']").unwrap();
    let last = rows.item(59).unwrap().text_content().unwrap();
    assert!(last.starts_with("120") && last.ends_with("¥0.00"), "{last}");
    assert_eq!(shown(&root, "first-payment", "¥10,557.74").await, "¥10,557.74");

    type_into(&root, "annual-rate", "abc");
    tick().await;
    assert_eq!(count(&root, "annual-rate-error"), 1);
    assert_eq!(count(&root, "stale"), 1);
    assert_eq!(shown(&root, "first-payment", "¥10,557.74").await, "¥10,557.74");
    assert!(!root.text_content().unwrap_or_default().contains("NaN"));
    root.remove();
}

fn click(root: &Element, test_id: &str) {
    find::<web_sys::HtmlElement>(root, test_id).click();
}

fn select(root: &Element, test_id: &str, value: &str) {
    let sel: web_sys::HtmlSelectElement = find(root, test_id);
    sel.set_value(value);
    fire(&sel, "change");
}

#[wasm_bindgen_test]
async fn wan_years_and_equal_principal_show_first_last_and_decrease() {
    let root = mount().await;
    tick().await;
    type_into(&root, "principal", "100万");
    select(&root, "term-unit", "years");
    tick().await;
    assert_eq!(shown(&root, "principal-help", "即 ¥1,000,000.00").await, "即 ¥1,000,000.00");
    assert_eq!(shown(&root, "first-payment", "¥5,307.27").await, "¥5,307.27");
    select(&root, "method", "equal_principal");
    tick().await;
    // 1,000,000 / 360 = 2,777.78 principal; 1,000,000 × 4.9% / 12 = 4,083.33 interest.
    assert_eq!(shown(&root, "first-payment", "¥6,861.11").await, "¥6,861.11");
    // Each month the interest falls by 2,777.78 × 4.9% / 12 ≈ 11.34.
    assert_eq!(shown(&root, "monthly-decrease", "¥11.34").await, "¥11.34");
    assert_eq!(shown(&root, "last-payment", "¥2,788.32").await, "¥2,788.32");
    root.remove();
}

#[wasm_bindgen_test]
async fn the_yearly_view_and_a_start_date() {
    let root = mount().await;
    tick().await;
    type_into(&root, "start-date", "2025-01-31");
    tick().await;
    let first_row = root.query_selector("[data-test='schedule-row']").unwrap().unwrap();
    assert!(first_row.text_content().unwrap().contains("2025-02-28"));
    click(&root, "view-yearly");
    tick().await;
    // Feb–Dec 2025 is 11 payments, then 2026…2054, then January 2055: 31 calendar years.
    assert_eq!(count(&root, "year-row"), 31);
    assert_eq!(count(&root, "schedule-row"), 0);
    root.remove();
}
