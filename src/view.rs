//! Small view helpers shared by components. Each is a plain function (not a component) so the
//! markup is generated once in the bundle instead of at every call site.

use crate::format::money;
use crate::i18n::{t, Key, Lang};
use loanlens_core::schema::Row;
use rust_decimal::Decimal;
use yew::prelude::*;

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
