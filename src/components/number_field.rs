//! A labelled text input with its help line and inline error message.

use crate::i18n::{t, Key, Lang};
use web_sys::HtmlInputElement;
use yew::prelude::*;

#[derive(Properties, PartialEq)]
pub struct NumberFieldProps {
    pub lang: Lang,
    /// The `data-test` hook and the element id.
    pub id: AttrValue,
    pub label: Key,
    pub value: AttrValue,
    pub error: Option<Key>,
    pub oninput: Callback<String>,
    #[prop_or(AttrValue::Static("decimal"))]
    pub inputmode: AttrValue,
    /// The input type (`text`, or `date` for the start date).
    #[prop_or(AttrValue::Static("text"))]
    pub kind: AttrValue,
    /// A help line under the field (e.g. how a typed amount was understood).
    #[prop_or_default]
    pub help: Option<AttrValue>,
    #[prop_or_default]
    pub placeholder: Option<AttrValue>,
    /// Said after the error: the allowed range the engine computed (`view::range_text`).
    #[prop_or_default]
    pub detail: Option<AttrValue>,
}

#[component]
pub fn NumberField(props: &NumberFieldProps) -> Html {
    let oninput = {
        let cb = props.oninput.clone();
        Callback::from(move |e: InputEvent| {
            cb.emit(e.target_unchecked_into::<HtmlInputElement>().value())
        })
    };
    // `<input type=date>` reports through `change` in some browsers.
    let onchange = {
        let cb = props.oninput.clone();
        let is_date = props.kind == "date";
        Callback::from(move |e: Event| {
            if is_date {
                cb.emit(e.target_unchecked_into::<HtmlInputElement>().value())
            }
        })
    };
    let err_id = format!("{}-error", props.id);
    let help_id = format!("{}-help", props.id);
    let described = match (props.error.is_some(), props.help.is_some()) {
        (true, true) => Some(format!("{err_id} {help_id}")),
        (true, false) => Some(err_id.clone()),
        (false, true) => Some(help_id.clone()),
        (false, false) => None,
    };
    html! {
        <div class={classes!("field", props.error.is_some().then_some("invalid"))}>
            <label for={props.id.clone()}>{ t(props.lang, props.label) }</label>
            <input
                id={props.id.clone()}
                data-test={props.id.clone()}
                type={props.kind.clone()}
                inputmode={props.inputmode.clone()}
                autocomplete="off"
                placeholder={props.placeholder.clone()}
                value={props.value.clone()}
                aria-invalid={props.error.is_some().to_string()}
                aria-describedby={described}
                {oninput}
                {onchange}
            />
            if let Some(err) = props.error {
                <p class="error" id={err_id} data-test={format!("{}-error", props.id)} role="alert">
                    { t(props.lang, err) }
                    if let Some(d) = &props.detail {
                        { " " }<span data-test={format!("{}-range", props.id)}>{ d.clone() }</span>
                    }
                </p>
            }
            if let Some(help) = &props.help {
                <p class="help" id={help_id} data-test={format!("{}-help", props.id)}>{ help.clone() }</p>
            }
        </div>
    }
}
