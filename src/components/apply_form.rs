//! The application form. Name and phone live only in this component's state until the person
//! ticks consent and submits; then they go to the server once.

use crate::api::submit_application;
use crate::i18n::{t, Key, Lang};
use loanlens_core::application::{is_cn_mobile, is_valid_name, Applicant, ApplicationRequest};
use loanlens_core::schema::ScheduleRequest;
use web_sys::HtmlInputElement;
use yew::prelude::*;

#[derive(Properties, PartialEq)]
pub struct ApplyFormProps {
    pub lang: Lang,
    /// The loan currently on screen; `None` while the calculator input is invalid.
    pub loan: Option<ScheduleRequest>,
}

#[derive(Clone, PartialEq)]
enum Status {
    Idle,
    Sending,
    Done(String),
    Failed(String),
}

#[component]
pub fn ApplyForm(props: &ApplyFormProps) -> Html {
    let lang = props.lang;
    let name = use_state(String::new);
    let phone = use_state(String::new);
    let consent = use_state(|| false);
    let status = use_state(|| Status::Idle);
    let tried = use_state(|| false);

    let name_err = (*tried && !is_valid_name(&name)).then_some(Key::ErrName);
    let phone_err = (*tried && !is_cn_mobile(phone.trim())).then_some(Key::ErrPhone);
    let consent_err = (*tried && !*consent).then_some(Key::ErrConsent);

    let on_name = {
        let name = name.clone();
        Callback::from(move |e: InputEvent| {
            name.set(e.target_unchecked_into::<HtmlInputElement>().value())
        })
    };
    let on_phone = {
        let phone = phone.clone();
        Callback::from(move |e: InputEvent| {
            phone.set(e.target_unchecked_into::<HtmlInputElement>().value())
        })
    };
    let on_consent = {
        let consent = consent.clone();
        Callback::from(move |e: Event| {
            consent.set(e.target_unchecked_into::<HtmlInputElement>().checked())
        })
    };
    let onsubmit = {
        let (name, phone, consent, status, tried) =
            (name.clone(), phone.clone(), consent.clone(), status.clone(), tried.clone());
        let loan = props.loan.clone();
        Callback::from(move |e: SubmitEvent| {
            e.prevent_default();
            tried.set(true);
            let n = name.trim().to_string();
            let p = phone.trim().to_string();
            let valid = is_valid_name(&n) && is_cn_mobile(&p) && *consent;
            let Some(loan) = loan.clone() else { return };
            if !valid || *status == Status::Sending {
                return;
            }
            let req = ApplicationRequest {
                loan,
                applicant: Applicant { name: n, phone: p },
                consent: true,
            };
            let status = status.clone();
            status.set(Status::Sending);
            wasm_bindgen_futures::spawn_local(async move {
                match submit_application(&req).await {
                    Ok(id) => status.set(Status::Done(id)),
                    Err(e) => status.set(Status::Failed(e.0)),
                }
            });
        })
    };

    html! {
        <section class="apply">
            <h2>{ t(lang, Key::ApplyTitle) }</h2>
            <p class="note">{ t(lang, Key::ApplyIntro) }</p>
            <form {onsubmit} novalidate=true data-test="apply-form">
                <div class={classes!("field", name_err.is_some().then_some("invalid"))}>
                    <label for="applicant-name">{ t(lang, Key::Name) }</label>
                    <input id="applicant-name" data-test="applicant-name" type="text" autocomplete="name"
                        value={(*name).clone()} oninput={on_name} aria-invalid={name_err.is_some().to_string()} />
                    if let Some(k) = name_err { <p class="error" role="alert">{ t(lang, k) }</p> }
                </div>
                <div class={classes!("field", phone_err.is_some().then_some("invalid"))}>
                    <label for="applicant-phone">{ t(lang, Key::Phone) }</label>
                    <input id="applicant-phone" data-test="applicant-phone" type="tel" inputmode="numeric"
                        autocomplete="tel" value={(*phone).clone()} oninput={on_phone}
                        aria-invalid={phone_err.is_some().to_string()} />
                    if let Some(k) = phone_err { <p class="error" role="alert">{ t(lang, k) }</p> }
                </div>
                <div class="field checkbox">
                    <input id="consent" data-test="consent" type="checkbox" checked={*consent} onchange={on_consent} />
                    <label for="consent">{ t(lang, Key::Consent) }</label>
                    if let Some(k) = consent_err { <p class="error" role="alert">{ t(lang, k) }</p> }
                </div>
                <button type="submit" data-test="submit-application"
                    disabled={props.loan.is_none() || *status == Status::Sending}>
                    { if *status == Status::Sending { t(lang, Key::Submitting) } else { t(lang, Key::Submit) } }
                </button>
            </form>
            <div aria-live="polite">
                { match &*status {
                    Status::Done(id) => html! {
                        <p class="ok">{ t(lang, Key::Submitted) }{" "}<code data-test="application-id">{ id.clone() }</code></p>
                    },
                    Status::Failed(msg) => html! {
                        <p class="error" data-test="application-error">{ t(lang, Key::SubmitFailed) }{" "}{ msg.clone() }</p>
                    },
                    _ => html! {},
                } }
            </div>
        </section>
    }
}
