//! Callbacks shared by the components that edit the calculator: each turns a DOM event into
//! one [`CalcAction`] dispatched to the reducer. Plain functions, so each closure's code is in
//! the bundle once however many fields use it.

use crate::state::inputs::Field;
use crate::state::{CalcAction, CalcState};
use web_sys::HtmlSelectElement;
use yew::prelude::*;

/// A callback that dispatches the value of a `<select>` mapped through `f` (an unknown value is
/// ignored).
pub fn on_select<T: 'static>(
    calc: &UseReducerHandle<CalcState>,
    f: impl Fn(&str) -> Option<T> + 'static,
    action: impl Fn(T) -> CalcAction + 'static,
) -> Callback<Event> {
    let calc = calc.clone();
    Callback::from(move |e: Event| {
        let v = e.target_unchecked_into::<HtmlSelectElement>().value();
        if let Some(x) = f(&v) {
            calc.dispatch(action(x));
        }
    })
}

/// A callback that sets `field` to the typed text.
pub fn setter(calc: &UseReducerHandle<CalcState>, field: Field) -> Callback<String> {
    let calc = calc.clone();
    Callback::from(move |v: String| calc.dispatch(CalcAction::Set(field, v)))
}
