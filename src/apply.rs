//! The application page (`/apply/`, issue 9): reached from the pre-check's pass or refer, it
//! takes name, mobile, 身份证 number and city, the two consents (texts and versions from the
//! core's `application::CONSENTS`), submits once, and shows the reference and a status link.
//! `/apply/status#id=…&token=…` shows an application's status (`status.rs`).
//!
//! It is its own entry point (`src/bin/apply.rs`, `apply.html`, built into `dist/apply/`), so
//! the pre-check's first load carries none of this (ARCHITECTURE.md, "Pages").
//!
//! Invariants: the profile arrives in `sessionStorage` (`crate::handoff`), never in the URL;
//! nothing is sent before the person submits; one filled form has one Idempotency-Key (kept
//! in `sessionStorage`, tied to the body's fingerprint), so a retry after a network failure
//! can never create a second application; personal data is never written to storage. A 409
//! (the site's card changed) is answered by the site's current assessment of the profile
//! (`POST /api/v1/precheck`) and the person decides again; a 422 decline shows its reasons.
//!
//! Submodules: `state` (the pure reducer), `fields` (the fields and their messages), `form` and `done` (view functions), `status` (the
//! status view), `i18n` (the page's strings).

pub mod done;
pub mod fields;
pub mod form;
pub mod i18n;
pub mod state;
pub mod status;

use crate::app::LANG_KEY;
use crate::handoff::{Handoff, KEY};
use crate::net;
use i18n::{t, Lang, A};
use loanlens_core::application::{ApplicationCreated, ApplicationRequest};
use loanlens_core::dates::Date;
use loanlens_core::scorecard::Decision;
use state::{Action, Answer, ApplyState, Phase, Rescore};
use std::rc::Rc;
use yew::prelude::*;

/// `sessionStorage` key of the Idempotency-Key (`fingerprint:key`).
pub const IDEMPOTENCY_KEY: &str = "loanlens.apply.key";
/// `sessionStorage` key of the last answer (reference, status link), so a reload shows it
/// instead of an empty form.
pub const DONE_KEY: &str = "loanlens.apply.done";

/// The language chosen on any page (a JSON string in localStorage).
fn stored_lang() -> Lang {
    let raw = gloo::utils::window()
        .local_storage()
        .ok()
        .flatten()
        .and_then(|s| s.get_item(LANG_KEY).ok().flatten())
        .unwrap_or_default();
    Lang::from_tag(raw.trim_matches('"')).unwrap_or_default()
}

/// The browser's date today (local calendar; the core allows a year either side anyway).
fn today() -> Option<Date> {
    let d = js_sys::Date::new_0();
    Date::new(d.get_full_year() as i32, d.get_month() + 1, d.get_date())
}

/// The state a visit starts with: the form for a hand-off (a success removes it, so one is
/// always a new pre-check), else this tab's last answer (a reload after submitting), else the
/// way to the pre-check.
fn initial() -> ApplyState {
    let handoff = net::session_get(KEY).and_then(|j| Handoff::from_json(&j));
    let fresh = handoff.is_some();
    let mut s = ApplyState::new(handoff, today());
    let done = net::session_get(DONE_KEY).and_then(|j| serde_json::from_str(&j).ok());
    if let (false, Some(done)) = (fresh, done) {
        s.phase = Phase::Done(Rc::new(done));
    }
    s
}

/// The site's current assessment of `h`'s profile: `POST /api/v1/precheck`, the core's
/// `scorecard::evaluate` with the card the server scores with. (Scoring in the page would
/// need the card reader and the engine in this bundle: ~62 KB gzip over the 180 KB budget.
/// Sending the profile again reveals nothing new: it was just sent with the application.)
async fn rescore(h: &Handoff, lang: Lang) -> Option<Rescore> {
    let body = serde_json::to_string(&h.profile).ok()?;
    let headers = [("content-type", "application/json")];
    let resp = net::send("POST", "/api/v1/precheck", &headers, Some(&body)).await?;
    if resp.status() != 200 {
        return None;
    }
    let v = net::parse(&net::text(&resp).await?);
    let decision = match net::get_str(&v, &["decision"])?.as_str() {
        "pass" => Decision::Pass,
        "refer" => Decision::Refer,
        "decline" => Decision::Decline,
        _ => return None,
    };
    let text = if lang == Lang::Zh { "text_zh" } else { "text_en" };
    let texts = |list: &str| -> Vec<(String, String)> {
        let a = net::get(&v, &[list]);
        if !js_sys::Array::is_array(&a) {
            return Vec::new();
        }
        js_sys::Array::from(&a)
            .iter()
            .filter_map(|x| {
                Some((net::get_str(&x, &["code"]).unwrap_or_default(), net::get_str(&x, &[text])?))
            })
            .collect()
    };
    Some(Rescore {
        scorecard_version: net::get_str(&v, &["scorecard_version"])?,
        score: net::get_str(&v, &["score"])?,
        decision,
        knockouts: texts("knockouts").into_iter().map(|(_, t)| t).collect(),
        reasons: texts("reasons"),
    })
}

/// The texts of a decline: the knockouts and the reasons the server named, in the site
/// card's words (the codes themselves when the assessment cannot be fetched).
async fn decline_texts(h: &Handoff, lang: Lang, codes: Vec<String>) -> Vec<String> {
    let Some(r) = rescore(h, lang).await else { return codes };
    let mut out = r.knockouts;
    for code in codes {
        let text = r.reasons.iter().find(|(c, _)| *c == code);
        out.push(text.map_or(code, |(_, t)| t.clone()));
    }
    out
}

/// Sends the application (reusing the filled form's Idempotency-Key) and reads the answer.
async fn submit(req: ApplicationRequest, lang: Lang) -> Answer {
    let Ok(body) = serde_json::to_string(&req) else { return Answer::Server };
    let stored = net::session_get(IDEMPOTENCY_KEY);
    let Some(fresh) = net::random_hex() else { return Answer::Server };
    let (key, entry) = state::key_for(&body, stored.as_deref(), || fresh);
    net::session_set(IDEMPOTENCY_KEY, &entry);
    let headers = [("content-type", "application/json"), ("idempotency-key", key.as_str())];
    let Some(resp) = net::send("POST", "/api/v1/applications", &headers, Some(&body)).await else {
        return Answer::Network;
    };
    let status = resp.status();
    let Some(text) = net::text(&resp).await else { return Answer::Network };
    let handoff = || Handoff {
        scorecard_version: req.scorecard_version.clone(),
        profile: req.profile.clone(),
        score: String::new(),
        decision: Decision::Pass,
    };
    match status {
        200 | 201 => match serde_json::from_str::<ApplicationCreated>(&text) {
            Ok(created) => {
                net::session_set(DONE_KEY, &text);
                net::session_remove(KEY);
                net::session_remove(IDEMPOTENCY_KEY);
                Answer::Created(Rc::new(created))
            }
            Err(_) => Answer::Server,
        },
        400 => Answer::Refused(
            net::get_str(&net::parse(&text), &["error", "field"]).unwrap_or_default(),
        ),
        409 => Answer::Rescored(rescore(&handoff(), lang).await),
        422 => {
            let v = net::parse(&text);
            if net::get_str(&v, &["decision"]).as_deref() == Some("decline") {
                Answer::Declined(
                    decline_texts(&handoff(), lang, net::get_strs(&v, &["reasons"])).await,
                )
            } else {
                Answer::Refused(net::get_str(&v, &["error", "field"]).unwrap_or_default())
            }
        }
        429 => Answer::Busy,
        _ => Answer::Server,
    }
}

/// The application page (and, under `/apply/status`, the status view).
#[component]
pub fn ApplyApp() -> Html {
    let lang = use_state(stored_lang);
    let on_status = gloo::utils::window()
        .location()
        .pathname()
        .is_ok_and(|p| p.trim_end_matches('/').ends_with("/status"));
    {
        let lang = *lang;
        use_effect_with(lang, move |lang| {
            if let Some(doc) = gloo::utils::document().document_element() {
                let _ = doc.set_attribute("lang", lang.tag());
            }
            let title = if on_status { A::StatusTitle } else { A::Title };
            gloo::utils::document().set_title(t(*lang, title));
        });
    }
    let toggle = {
        let lang = lang.clone();
        Callback::from(move |_| {
            let next = lang.other();
            if let Ok(Some(s)) = gloo::utils::window().local_storage() {
                let _ = s.set_item(LANG_KEY, &format!("\"{}\"", next.tag()));
            }
            lang.set(next);
        })
    };
    let l = *lang;
    html! {
        <div class="page apply-page">
            <header>
                <h1>{ t(l, if on_status { A::StatusTitle } else { A::Title }) }</h1>
                <button type="button" class="lang" data-test="lang-toggle" onclick={toggle}
                    lang={l.other().tag()}>{ t(l, A::LangToggle) }</button>
            </header>
            <main id="apply-main">
                if on_status { <status::StatusView lang={l} /> } else { <ApplyForm lang={l} /> }
            </main>
        </div>
    }
}

/// The form's props.
#[derive(Properties, PartialEq)]
pub struct ApplyFormProps {
    pub lang: Lang,
}

/// The form, its submission and its outcome.
#[component]
pub fn ApplyForm(props: &ApplyFormProps) -> Html {
    let l = props.lang;
    let state = use_reducer(initial);
    // A second click before the page repaints must not send a second request.
    let in_flight = use_mut_ref(|| false);
    {
        // A re-scored hand-off is kept for a reload, like the pre-check's.
        let h = state.handoff.clone();
        use_effect_with(h, |h| {
            if let Some(h) = h {
                net::session_set(KEY, &h.to_json());
            }
        });
    }
    let onsubmit = {
        let state = state.clone();
        Callback::from(move |e: SubmitEvent| {
            e.prevent_default();
            if *in_flight.borrow() {
                return;
            }
            let Some(req) = state.request() else {
                state.dispatch(Action::ShowErrors);
                return;
            };
            *in_flight.borrow_mut() = true;
            state.dispatch(Action::Sending);
            let (state, in_flight) = (state.clone(), in_flight.clone());
            wasm_bindgen_futures::spawn_local(async move {
                let answer = submit(req, l).await;
                *in_flight.borrow_mut() = false;
                state.dispatch(Action::Answered(answer));
            });
        })
    };
    if let Phase::Done(created) = &state.phase {
        return done::done_view(l, created);
    }
    form::form_view(l, &state, onsubmit)
}

#[cfg(test)]
mod state_tests;
