//! Small view helpers shared by components. Each is a plain function (not a component) so the
//! markup is generated once in the bundle instead of at every call site.

use crate::format::money;
use crate::i18n::{t, Key, Lang};
use loanlens_core::dates::Date;
use loanlens_core::schema::{Method, Row, Schedule, ScheduleRequest};
use rust_decimal::Decimal;
use yew::prelude::*;

/// Children built by plain loops as one node: cheaper in the bundle than `{ for … }`, which
/// adds a copy of `Vec::extend` for every iterator type it is given.
/// Writes `text` to the clipboard and sets `copied` once the browser confirms it (the share
/// bars of the calculator, the investor page and the mortgage page).
pub fn copy_to_clipboard(text: &str, copied: UseStateHandle<bool>) {
    let promise = gloo::utils::window().navigator().clipboard().write_text(text);
    wasm_bindgen_futures::spawn_local(async move {
        if wasm_bindgen_futures::JsFuture::from(promise).await.is_ok() {
            copied.set(true);
        }
    });
}

/// This page's address with `query`: built from the state, not read from the address bar,
/// which is written 300 ms after typing stops.
pub fn page_link(query: &str) -> String {
    let loc = gloo::utils::window().location();
    let (origin, path) = (loc.origin().unwrap_or_default(), loc.pathname().unwrap_or_default());
    format!("{origin}{path}?{query}")
}

/// Keeps the address bar's query equal to `q`, written 300 ms after the last change
/// (`history.replaceState` costs ~8 ms a call, half a keystroke's 16 ms budget; typing adds no
/// history entries), and clears `copied`, a copied link being out of date (investor and
/// mortgage pages).
#[hook]
pub fn use_query_in_url(q: String, copied: UseStateHandle<bool>) {
    let timer = use_mut_ref(|| None::<gloo::timers::callback::Timeout>);
    use_effect_with(q, move |q| {
        let url = format!("?{q}");
        *timer.borrow_mut() = Some(gloo::timers::callback::Timeout::new(300, move || {
            if let Ok(h) = gloo::utils::window().history() {
                let _ = h.replace_state_with_url(&wasm_bindgen::JsValue::NULL, "", Some(&url));
            }
        }));
        copied.set(false);
    });
}

/// The language button's callback: the other language, kept in localStorage.
pub fn lang_toggle(lang: &UseStateHandle<Lang>) -> Callback<MouseEvent> {
    let lang = lang.clone();
    Callback::from(move |_| {
        let next = lang.other();
        if let Some(s) = crate::precheck::storage() {
            let _ = s.set_item(crate::app::LANG_KEY, &format!("\"{}\"", next.tag()));
        }
        lang.set(next);
    })
}

pub fn list(children: Vec<Html>) -> Html {
    Html::VList(std::rc::Rc::new(yew::virtual_dom::VList::with_children(children, None)))
}

/// A payment number in words: "第12期", "payment 12".
pub fn period_no(lang: Lang, n: u32) -> String {
    format!("{}{}{}", t(lang, Key::PeriodNo), n, t(lang, Key::PeriodSuffix))
}

/// When a row falls due: its date when the loan has dates, else its payment number.
pub fn row_when(lang: Lang, r: &Row) -> String {
    r.date.clone().unwrap_or_else(|| period_no(lang, r.period))
}

/// One figure of a definition list: `<div><dt>label</dt><dd data-test=…>value</dd></div>`.
pub fn stat(label: &str, test: &str, value: String) -> Html {
    stat_class(label, test, value, None)
}

/// A figure with a class on its wrapper (`big` for the headline).
pub fn stat_class(label: &str, test: &str, value: String, class: Option<&'static str>) -> Html {
    let test = (!test.is_empty()).then(|| AttrValue::from(test.to_string()));
    html! {
        <div class={class}><dt>{ label.to_string() }</dt><dd data-test={test}>{ value }</dd></div>
    }
}

/// The engine's allowed range for a field, in words after its error: "at least ¥4,471.09",
/// "between ¥833.33 and ¥9,999.00" (issue 14: say the limit the engine knows).
pub fn range_text(
    lang: Lang,
    range: Option<(Option<Decimal>, Option<Decimal>)>,
) -> Option<AttrValue> {
    let text = match range? {
        (Some(lo), Some(hi)) => {
            format!(
                "{}{}{}{}",
                t(lang, Key::RangeBetween),
                money(lo),
                t(lang, Key::RangeAnd),
                money(hi)
            )
        }
        (Some(lo), None) => format!("{}{}", t(lang, Key::RangeAtLeast), money(lo)),
        (None, Some(hi)) => format!("{}{}", t(lang, Key::RangeAtMost), money(hi)),
        (None, None) => return None,
    };
    Some(text.into())
}

/// The days of `r`'s odd first period: a first payment date (from a 每月还款日) other than a
/// month after disbursement, the engine's rule; `None` without one.
pub fn odd_days(r: &ScheduleRequest) -> Option<u32> {
    let date = |d: &Option<String>| Date::parse(d.as_deref()?).ok();
    let (d, f) = (date(&r.disbursement_date)?, date(&r.first_payment_date)?);
    (f != d.add_months_clamped(1)).then(|| u32::try_from(d.days_until(f)).ok()).flatten()
}

/// What a loan's borrower pays, as the headline says it (issue 14, defect 10): the level
/// payment where every payment is equal (等额本息, 等本等息 without a grace period), the first
/// of a falling series (等额本金), the monthly interest of 先息后本, and the one payment at
/// maturity of 到期一次还本付息 (whose "first payment" would be ¥0.00). With an odd first
/// period the level payment and the monthly interest are those of the first full period
/// (row 2), as banks headline them (`odd`: [`odd_days`] is some); the summary shows the first
/// payment beside it.
pub fn headline(s: &Schedule, odd: bool) -> (Key, Decimal) {
    let pay = |n: usize| s.rows.get(n).map(|r| r.payment);
    let regular = if odd { pay(1) } else { None };
    let level = s.rows.len() < 2 || pay(0) == pay(1) || regular.is_some();
    let regular = regular.unwrap_or(s.first_payment);
    match s.method {
        Method::Bullet => (Key::PayAtMaturity, s.last_payment),
        Method::InterestOnly => (Key::MonthlyInterestOnly, regular),
        Method::EqualInstallment | Method::FlatRate if level => (Key::MonthlyPayment, regular),
        _ => (Key::FirstPayment, s.first_payment),
    }
}

/// The loan's terms in one line, for the printout (the form itself is not printed).
pub fn print_terms(lang: Lang, r: &ScheduleRequest) -> String {
    // Labels without their input hints: "贷款金额（元）" → "贷款金额".
    let label = |k: Key| t(lang, k).split(['（', '(']).next().unwrap_or_default().trim();
    format!(
        "{} {} · {} {} · {} {} · {}",
        label(Key::Principal),
        money(r.principal),
        label(Key::AnnualRate),
        crate::format::percent(r.annual_rate),
        label(Key::TermMonths),
        r.term_months,
        crate::i18n::method_text(lang, r.method).0,
    )
}

#[cfg(test)]
mod tests {
    use super::*;
    use loanlens_core::schema::ScheduleRequest;

    fn head(method: Method) -> (Key, String) {
        let req = ScheduleRequest::new(Decimal::from(100_000), Decimal::new(6, 2), 12, method);
        let (k, v) = headline(&loanlens_core::schedule(&req).unwrap(), false);
        (k, v.to_string())
    }

    #[test]
    fn each_method_headlines_what_its_borrower_pays() {
        // 100,000 at 6% for 12 months. Bullet: 100,000 + 100,000 × 0.06 = 106,000.00 at the end.
        assert_eq!(head(Method::Bullet), (Key::PayAtMaturity, "106000.00".into()));
        // Interest-only: 100,000 × 0.5% = 500.00 each month.
        assert_eq!(head(Method::InterestOnly), (Key::MonthlyInterestOnly, "500.00".into()));
        // Flat: (100,000 + 6,000) / 12 = 8,833.33 every month.
        assert_eq!(head(Method::FlatRate), (Key::MonthlyPayment, "8833.33".into()));
        assert_eq!(head(Method::EqualInstallment).0, Key::MonthlyPayment);
        // Equal principal: 8,333.33 + 500.00 first, falling after.
        assert_eq!(head(Method::EqualPrincipal), (Key::FirstPayment, "8833.33".into()));
    }
}
