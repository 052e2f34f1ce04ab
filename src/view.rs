//! Small view helpers shared by components. Each is a plain function (not a component) so the
//! markup is generated once in the bundle instead of at every call site.

use yew::prelude::*;

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
