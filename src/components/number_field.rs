//! A labelled text input with its inline error message.

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
}

#[component]
pub fn NumberField(props: &NumberFieldProps) -> Html {
    let oninput = {
        let cb = props.oninput.clone();
        Callback::from(move |e: InputEvent| {
            cb.emit(e.target_unchecked_into::<HtmlInputElement>().value())
        })
    };
    let err_id = format!("{}-error", props.id);
    html! {
        <div class={classes!("field", props.error.is_some().then_some("invalid"))}>
            <label for={props.id.clone()}>{ t(props.lang, props.label) }</label>
            <input
                id={props.id.clone()}
                data-test={props.id.clone()}
                type="text"
                inputmode={props.inputmode.clone()}
                autocomplete="off"
                value={props.value.clone()}
                aria-invalid={props.error.is_some().to_string()}
                aria-describedby={props.error.map(|_| err_id.clone())}
                {oninput}
            />
            if let Some(err) = props.error {
                <p class="error" id={err_id} data-test={format!("{}-error", props.id)} role="alert">
                    { t(props.lang, err) }
                </p>
            }
        </div>
    }
}
