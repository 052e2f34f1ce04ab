//! The form: the loan being applied for, the four fields with their inline errors, the two
//! consents with their texts (opened in place), and the submit button with its progress, its
//! reason when disabled and what went wrong.

use super::i18n::{t, tn, Lang, A};
use super::state::{Action, ApplyState, Field, FieldError, Notice, Phase, FIELDS};
use crate::format::money;
use crate::view::stat;
use loanlens_core::application::CONSENTS;
use loanlens_core::scorecard::Decision;
use web_sys::HtmlInputElement;
use yew::prelude::*;

/// The words for a decision.
pub fn decision_text(l: Lang, d: Decision) -> &'static str {
    t(
        l,
        match d {
            Decision::Pass => A::Pass,
            Decision::Refer => A::Refer,
            Decision::Decline => A::Decline,
        },
    )
}

/// The id of a decision (`data-decision`).
pub fn decision_id(d: Decision) -> &'static str {
    match d {
        Decision::Pass => "pass",
        Decision::Refer => "refer",
        Decision::Decline => "decline",
    }
}

fn label(f: Field) -> A {
    match f {
        Field::Name => A::Name,
        Field::Phone => A::Phone,
        Field::IdNumber => A::IdNumber,
        Field::City => A::City,
    }
}

fn help(f: Field) -> A {
    match f {
        Field::Name => A::NameHelp,
        Field::Phone => A::PhoneHelp,
        Field::IdNumber => A::IdHelp,
        Field::City => A::CityHelp,
    }
}

/// The message of a field error, naming the field.
fn error_text(l: Lang, f: Field, e: &FieldError) -> String {
    let what = match e {
        FieldError::Required => t(l, A::ErrRequired).to_string(),
        FieldError::Name(n) => tn(l, A::ErrName, n),
        FieldError::City(n) => tn(l, A::ErrCity, n),
        FieldError::Phone => t(l, A::ErrPhone).to_string(),
        FieldError::IdShape => t(l, A::ErrIdShape).to_string(),
        FieldError::IdChecksum => t(l, A::ErrIdChecksum).to_string(),
        FieldError::IdDate => t(l, A::ErrIdDate).to_string(),
        FieldError::IdAge(age) => tn(l, A::ErrIdAge, age),
        FieldError::Server => t(l, A::ErrServerField).to_string(),
    };
    let sep = if l == Lang::Zh { "：" } else { ": " };
    format!("{}{sep}{what}", t(l, label(f)))
}

fn field(l: Lang, state: &UseReducerHandle<ApplyState>, f: Field, i: usize) -> Html {
    let err = state.errors[i].as_ref();
    let id = f.id();
    let oninput = {
        let state = state.clone();
        Callback::from(move |e: InputEvent| {
            state.dispatch(Action::Set(f, e.target_unchecked_into::<HtmlInputElement>().value()))
        })
    };
    let onblur = {
        let state = state.clone();
        Callback::from(move |_: FocusEvent| state.dispatch(Action::Blur(f)))
    };
    let (kind, mode, auto) = match f {
        Field::Name => ("text", "text", "name"),
        Field::Phone => ("tel", "tel", "tel"),
        Field::IdNumber => ("text", "text", "off"),
        Field::City => ("text", "text", "address-level2"),
    };
    let err_id = format!("{id}-error");
    html! {
        <div class={classes!("field", err.is_some().then_some("invalid"))}>
            <label for={id}>{ t(l, label(f)) }</label>
            <input id={id} data-test={id} type={kind} inputmode={mode} autocomplete={auto}
                value={state.values[i].clone()} {oninput} {onblur} disabled={!state.editable()}
                aria-invalid={err.is_some().to_string()}
                aria-describedby={err.is_some().then(|| err_id.clone())} />
            <p class="help">{ t(l, help(f)) }</p>
            if let Some(e) = err {
                <p class="error" id={err_id.clone()} data-test={err_id} role="alert">{ error_text(l, f, e) }</p>
            }
        </div>
    }
}

fn consents(l: Lang, state: &UseReducerHandle<ApplyState>) -> Html {
    let zh = l == Lang::Zh;
    html! {
        <fieldset class="consents">
            <legend>{ t(l, A::ConsentsTitle) }</legend>
            { for CONSENTS.iter().enumerate().map(|(i, c)| {
                let id = c.kind.id();
                let onchange = {
                    let state = state.clone();
                    Callback::from(move |e: Event| {
                        let on = e.target_unchecked_into::<HtmlInputElement>().checked();
                        state.dispatch(Action::Consent(i, on))
                    })
                };
                let title = if zh { format!("《{}》", c.title_zh) } else { format!("“{}”", c.title_en) };
                let input_id = format!("consent-{id}");
                html! {
                    <div class={classes!("consent", state.consent_errors[i].then_some("invalid"))}>
                        <div class="check">
                            <input type="checkbox" id={input_id.clone()} data-test={input_id.clone()}
                                checked={state.consents[i]} {onchange} disabled={!state.editable()} />
                            <label for={input_id.clone()}>{ format!("{} {title}", t(l, A::ConsentAgree)) }</label>
                        </div>
                        <details data-test={format!("consent-text-{id}")}>
                            <summary>{ format!("{} · {} {}", t(l, A::ReadText), t(l, A::Version), c.version) }</summary>
                            <p class="consent-text" data-version={c.version}>{ if zh { c.text_zh } else { c.text_en } }</p>
                        </details>
                        if state.consent_errors[i] {
                            <p class="error" data-test={format!("{input_id}-error")} role="alert">
                                { format!("{title}{}{}", if zh { "：" } else { ": " }, t(l, A::ErrConsent)) }
                            </p>
                        }
                    </div>
                }
            }) }
        </fieldset>
    }
}

/// The note after the card changed (409) and the page re-scored.
fn notice(l: Lang, state: &ApplyState) -> Html {
    let h = state.handoff.as_ref();
    match (&state.notice, &state.phase) {
        (_, Phase::StaleDeclined) => html! {
            <div class="flag" data-test="stale" data-decision="decline" role="alert">
                <p>{ t(l, A::Stale) }</p><p>{ t(l, A::StaleDeclined) }</p>
                <a class="button secondary" href="/precheck">{ t(l, A::ToPrecheck) }</a>
            </div>
        },
        (Some(Notice::Rescored), _) => html! {
            <div class="flag" data-test="stale" data-decision={h.map(|h| decision_id(h.decision))} role="status">
                <p>{ t(l, A::Stale) }</p><p>{ t(l, A::StaleStillOk) }</p>
            </div>
        },
        (Some(Notice::RescoreFailed), _) => html! {
            <p class="flag" data-test="stale-failed" role="alert">{ t(l, A::StaleFailed) }</p>
        },
        _ => Html::default(),
    }
}

/// What went wrong with the last attempt.
fn problem(l: Lang, state: &ApplyState) -> Html {
    let msg = match &state.phase {
        Phase::NetworkFailed => (A::NetworkFailed, "network-failed"),
        Phase::Busy => (A::ServerBusy, "busy"),
        Phase::ServerError => (A::ServerError, "server-error"),
        Phase::Declined(reasons) => {
            return html! {
                <div class="decision decline" data-test="declined" role="alert">
                    <p class="headline">{ t(l, A::Declined) }</p>
                    if !reasons.is_empty() {
                        <p>{ t(l, A::DeclinedReasons) }</p>
                        <ul>{ for reasons.iter().map(|r| html! { <li data-test="declined-reason">{ r.clone() }</li> }) }</ul>
                    }
                </div>
            }
        }
        _ if state.errors.iter().any(Option::is_some) || state.consent_errors.contains(&true) => {
            (A::FixBelow, "fix-below")
        }
        _ => return Html::default(),
    };
    html! { <p class="error banner" data-test={msg.1} role="alert">{ t(l, msg.0) }</p> }
}

/// The loan being applied for and what the pre-check said.
fn loan(l: Lang, state: &ApplyState) -> Html {
    let Some(h) = &state.handoff else { return Html::default() };
    let Some(loan) = &h.profile.loan else { return Html::default() };
    html! {
        <section class="panel loan" aria-label={t(l, A::YourLoan)}>
            <h2>{ t(l, A::YourLoan) }</h2>
            <dl class="outcome">
                { stat(t(l, A::Amount), "loan-amount", money(loan.principal)) }
                { stat(t(l, A::Term), "loan-term", format!("{} {}", loan.term_months, t(l, A::Months))) }
                { stat(t(l, A::PrecheckSaid), "precheck-decision", decision_text(l, h.decision).to_string()) }
                { stat(t(l, A::Score), "precheck-score", h.score.clone()) }
            </dl>
        </section>
    }
}

/// The whole form (or the way back to the pre-check when there is nothing to apply with).
pub fn form_view(
    l: Lang,
    state: &UseReducerHandle<ApplyState>,
    onsubmit: Callback<SubmitEvent>,
) -> Html {
    if state.handoff.is_none() {
        return html! {
            <section class="panel" data-test="no-handoff">
                <p>{ t(l, A::NoHandoff) }</p>
                <a class="button" data-test="to-precheck" href="/precheck">{ t(l, A::ToPrecheck) }</a>
            </section>
        };
    }
    let sending = state.phase == Phase::Sending;
    let disabled_reason = match state.phase {
        Phase::Sending => Some(t(l, A::SendingReason)),
        Phase::Declined(_) => Some(t(l, A::Declined)),
        Phase::StaleDeclined => Some(t(l, A::StaleDeclined)),
        _ => None,
    };
    let button = match state.phase {
        Phase::Sending => A::Sending,
        Phase::NetworkFailed | Phase::ServerError | Phase::Busy => A::Retry,
        _ => A::Submit,
    };
    html! {
        <>
            <p class="tagline">{ t(l, A::Intro) }</p>
            { notice(l, state) }
            { loan(l, state) }
            <form class="inputs" data-test="apply-form" novalidate=true {onsubmit} aria-busy={sending.to_string()}>
                <p class="private" data-test="private-note">{ t(l, A::Private) }</p>
                { for FIELDS.iter().enumerate().map(|(i, f)| field(l, state, *f, i)) }
                { consents(l, state) }
                { problem(l, state) }
                if sending {
                    <div class="progress-bar busy" role="progressbar" data-test="progress"
                        aria-label={t(l, A::Sending)}><div></div></div>
                }
                <button type="submit" data-test="submit" disabled={disabled_reason.is_some()}
                    aria-describedby={disabled_reason.map(|_| "submit-reason")}>{ t(l, button) }</button>
                if let Some(reason) = disabled_reason {
                    <p class="note" id="submit-reason" data-test="submit-reason">{ reason }</p>
                }
            </form>
        </>
    }
}
