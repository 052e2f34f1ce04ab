//! The pre-check form: the progress bar and the current step's questions, each with its label,
//! why it is asked, and its inline error naming the allowed range. View functions over the
//! state (no component state of their own).

use super::i18n::{choice, t, Lang, P};
use super::questions::{AnswerError, Kind, Question, QUESTIONS, STEPS, STEP_TITLES};
use super::state::{Action, PrecheckState};
use web_sys::{HtmlInputElement, HtmlSelectElement};
use yew::prelude::*;

/// The text of an answer error.
pub fn error_text(l: Lang, e: &AnswerError) -> String {
    match e {
        AnswerError::Empty => t(l, P::ErrEmpty).into(),
        AnswerError::Whole => t(l, P::ErrWhole).into(),
        AnswerError::Number => t(l, P::ErrNumber).into(),
        AnswerError::Needed => t(l, P::ErrNeeded).into(),
        AnswerError::Range { lo, hi } => match l {
            Lang::En => format!("{}must be between {lo} and {hi}", t(l, P::ErrRange)),
            Lang::Zh => format!("{}须在 {lo} 到 {hi} 之间", t(l, P::ErrRange)),
        },
    }
}

/// The `data-test` hook of a question (`monthly_income` → `monthly-income`).
pub fn hook(q: &Question) -> String {
    q.id.replace('_', "-")
}

/// One question: label, control, why it is asked, error.
fn question(l: Lang, state: &UseReducerHandle<PrecheckState>, i: usize) -> Html {
    let q = &QUESTIONS[i];
    let hook = hook(q);
    let value = state.answers[i].clone();
    let error = state.errors[i].as_ref();
    let why_id = format!("{hook}-why");
    let err_id = format!("{hook}-error");
    let described = if error.is_some() { format!("{err_id} {why_id}") } else { why_id.clone() };
    let control = match q.kind {
        Kind::Choice(ids) => {
            let onchange = {
                let state = state.clone();
                Callback::from(move |e: Event| {
                    let v = e.target_unchecked_into::<HtmlSelectElement>().value();
                    state.dispatch(Action::Set(i, v));
                })
            };
            html! {
                <select id={hook.clone()} data-test={hook.clone()} {onchange}
                    aria-invalid={error.is_some().to_string()} aria-describedby={described}>
                    if !q.required {
                        <option value="" selected={value.is_empty()}>{ t(l, P::Choose) }</option>
                    } else if value.is_empty() {
                        <option value="" selected=true disabled=true>{ t(l, P::Choose) }</option>
                    }
                    { for ids.iter().map(|id| html! {
                        <option value={*id} selected={value == *id}>{ choice(l, id) }</option>
                    }) }
                </select>
            }
        }
        Kind::Count | Kind::Money => {
            let oninput = {
                let state = state.clone();
                Callback::from(move |e: InputEvent| {
                    let v = e.target_unchecked_into::<HtmlInputElement>().value();
                    state.dispatch(Action::Set(i, v));
                })
            };
            let mode = if q.kind == Kind::Count { "numeric" } else { "decimal" };
            html! {
                <input id={hook.clone()} data-test={hook.clone()} type="text" inputmode={mode}
                    autocomplete="off" value={value.clone()} {oninput}
                    aria-invalid={error.is_some().to_string()} aria-describedby={described} />
            }
        }
    };
    html! {
        <div class={classes!("field", error.is_some().then_some("invalid"))}>
            <label for={hook.clone()}>
                { t(l, q.label) }
                if !q.required { <span class="optional">{ t(l, P::Optional) }</span> }
            </label>
            { control }
            if let Some(e) = error {
                <p class="error" id={err_id} data-test={format!("{hook}-error")} role="alert">
                    { error_text(l, e) }
                </p>
            }
            <p class="help why" id={why_id}>{ t(l, q.why) }</p>
        </div>
    }
}

/// The progress: "step n of 4" and a bar (the step's title is the heading below it). The bar
/// is a `<progress>` element: an inline `style` width would be blocked by the page's CSP
/// (`style-src 'self'`).
fn progress(l: Lang, step: usize) -> Html {
    let label =
        t(l, P::StepOf).replace("{n}", &(step + 1).to_string()).replace("{m}", &STEPS.to_string());
    html! {
        <div class="progress" data-test="progress" data-step={(step + 1).to_string()}>
            <p class="step-of">{ label.clone() }</p>
            <progress class="progress-bar" max={STEPS.to_string()} value={(step + 1).to_string()}
                aria-label={label}></progress>
        </div>
    }
}

/// The form at the current step.
pub fn form_view(l: Lang, state: &UseReducerHandle<PrecheckState>) -> Html {
    let step = state.step.min(STEPS - 1);
    let last = step == STEPS - 1;
    let onsubmit = {
        let state = state.clone();
        Callback::from(move |e: SubmitEvent| {
            e.prevent_default();
            state.dispatch(if last { Action::Submit } else { Action::Next });
        })
    };
    let back = {
        let state = state.clone();
        Callback::from(move |_| state.dispatch(Action::Back))
    };
    html! {
        <form class="inputs precheck-form" data-test="precheck-form" {onsubmit} novalidate=true>
            { progress(l, step) }
            <h2>{ t(l, STEP_TITLES[step]) }</h2>
            { for (0..QUESTIONS.len()).filter(|i| QUESTIONS[*i].step == step).map(|i| question(l, state, i)) }
            <div class="nav">
                if step > 0 {
                    <button type="button" class="secondary" data-test="back" onclick={back}>
                        { t(l, P::Back) }
                    </button>
                }
                if last {
                    <button type="submit" data-test="submit">{ t(l, P::SeeResult) }</button>
                } else {
                    <button type="submit" data-test="next">{ t(l, P::Next) }</button>
                }
            </div>
        </form>
    }
}
