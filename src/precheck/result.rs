//! The result step: gauge, score, grade, the decision in plain words (knockouts explained),
//! what would improve the result (the card's reason texts), the affordable amount, the
//! indicative rate and payment, the hand-off to the calculator, and which card scored.

use super::gauge::gauge;
use super::i18n::{t, Lang, P};
use super::state::{calculator_link, Action, CardSource, PrecheckState};
use crate::format::{money, percent};
use crate::view::stat;
use loanlens_core::scorecard::{Decision, KnockoutRule, PrecheckResult};
use yew::prelude::*;

/// The id of a decision (the `data-decision` hook).
fn decision_id(d: Decision) -> &'static str {
    match d {
        Decision::Pass => "pass",
        Decision::Refer => "refer",
        Decision::Decline => "decline",
    }
}

/// The id of a knockout rule (the `data-rule` hook).
fn rule_id(r: KnockoutRule) -> &'static str {
    match r {
        KnockoutRule::Age => "age",
        KnockoutRule::DtiAboveLimit => "dti_above_limit",
        KnockoutRule::CurrentlyOverdue => "currently_overdue",
        KnockoutRule::Student => "student",
    }
}

/// The decision: headline, plain words, and every knockout that fired.
fn decision(l: Lang, r: &PrecheckResult) -> Html {
    let (head, text) = match r.decision {
        Decision::Pass => (P::DecisionPass, P::PassText),
        Decision::Refer => (P::DecisionRefer, P::ReferText),
        Decision::Decline => (P::DecisionDecline, P::DeclineText),
    };
    let id = decision_id(r.decision);
    html! {
        <div class={classes!("decision", id)}>
            <p class="headline" data-test="decision" data-decision={id}>{ t(l, head) }</p>
            <p>{ t(l, text) }</p>
            if !r.knockouts.is_empty() {
                <p class="ko-title">{ t(l, P::KnockoutTitle) }</p>
                <ul class="knockouts">
                    { for r.knockouts.iter().map(|k| html! {
                        <li data-test="knockout" data-rule={rule_id(k.rule)}>
                            { if l == Lang::Zh { k.text_zh.clone() } else { k.text_en.clone() } }
                        </li>
                    }) }
                </ul>
            }
        </div>
    }
}

/// What would improve the result: the reasons, largest shortfall first.
fn improve(l: Lang, r: &PrecheckResult) -> Html {
    html! {
        <section class="panel improve" aria-labelledby="improve-title">
            <h2 id="improve-title">{ t(l, P::Improve) }</h2>
            if r.reasons.is_empty() {
                <p class="ok-note" data-test="no-reasons">{ t(l, P::NothingToImprove) }</p>
            } else {
                <ol class="reasons">
                    { for r.reasons.iter().map(|x| html! {
                        <li data-test="reason" data-code={x.code.clone()} data-variable={x.variable.clone()}>
                            { if l == Lang::Zh { x.text_zh.clone() } else { x.text_en.clone() } }
                        </li>
                    }) }
                </ol>
            }
        </section>
    }
}

/// Hands the profile to the application page through `sessionStorage` (never the URL) and
/// opens it. Without storage (a locked-down browser) the page opens and says where to start.
fn apply(state: &PrecheckState) {
    if let Some(h) = state.handoff() {
        let storage = gloo::utils::window().session_storage().ok().flatten();
        if let Some(s) = storage {
            let _ = s.set_item(crate::handoff::KEY, &h.to_json());
        }
    }
    let _ = gloo::utils::window().location().assign("/apply/");
}

/// The money side: affordable amount, indicative rate and payment, the application and the
/// calculator link.
fn offer(l: Lang, r: &PrecheckResult, state: &UseReducerHandle<PrecheckState>) -> Html {
    let affordable = match r.max_principal {
        Some(p) if p > rust_decimal::Decimal::ZERO => money(p),
        _ => t(l, P::AffordableNone).to_string(),
    };
    let apr = r.apr_range.as_ref().map_or_else(
        || t(l, P::AprNone).to_string(),
        |a| format!("{} – {}", percent(a.min), percent(a.max)),
    );
    let payment = r
        .indicative
        .as_ref()
        .map(|i| format!("{} – {}", money(i.payment_min), money(i.payment_max)));
    html! {
        <section class="panel offer">
            <dl class="outcome">
                { stat(t(l, P::Affordable), "affordable", affordable) }
                { stat(t(l, P::AprRange), "apr-range", apr) }
                if let Some(payment) = payment {
                    { stat(t(l, P::Payment), "payment-range", payment) }
                }
            </dl>
            <div class="actions">
                <button type="button" data-test="apply" onclick={
                    let state = state.clone();
                    Callback::from(move |_| apply(&state))
                }>{ t(l, P::Apply) }</button>
                if let Some(href) = calculator_link(r) {
                    <a class="button secondary" data-test="open-calculator" href={href}>
                        { t(l, P::OpenCalculator) }
                    </a>
                }
            </div>
        </section>
    }
}

/// The whole result step.
pub fn result_view(l: Lang, state: &UseReducerHandle<PrecheckState>) -> Html {
    let Some(r) = state.result.as_ref() else { return Html::default() };
    let edit = {
        let state = state.clone();
        Callback::from(move |_| state.dispatch(Action::Edit))
    };
    let grade = r.grade.clone().unwrap_or_else(|| "–".into());
    html! {
        <div class="results" data-test="result">
            <section class="summary verdict" aria-labelledby="result-title">
                <h2 id="result-title">{ t(l, P::ResultTitle) }</h2>
                if let Some(card) = &state.card { { gauge(l, card.doc(), r) } }
                <dl class="outcome">
                    { stat(t(l, P::Score), "score", r.score.normalize().to_string()) }
                    { stat(t(l, P::Grade), "grade", grade) }
                    { stat(t(l, P::Pd), "pd", percent(r.pd)) }
                </dl>
                { decision(l, r) }
            </section>
            { improve(l, r) }
            // No amount or rate is suggested to someone who would be declined.
            if r.decision != Decision::Decline { { offer(l, r, state) } }
            <div class="nav">
                <button type="button" class="secondary" data-test="edit" onclick={edit}>
                    { t(l, P::EditAnswers) }
                </button>
            </div>
        </div>
    }
}

/// Which scorecard scores (id and version), the note that the default is illustrative, and a
/// served card's errors when it was refused.
pub fn card_note(l: Lang, state: &PrecheckState) -> Html {
    let Some(card) = &state.card else {
        return html! { <p class="flag" data-test="no-card">{ t(l, P::NoCard) }</p> };
    };
    let doc = card.doc();
    let (label, source) = match &state.source {
        CardSource::Served => (P::CardServed, "served"),
        CardSource::BuiltIn | CardSource::Refused(_) => (P::CardBuiltIn, "builtin"),
    };
    html! {
        <footer class="card-note">
            <p class="note" data-test="card-source" data-source={source}>
                { format!("{}: {} {}", t(l, label), doc.id, doc.version) }
            </p>
            if let CardSource::Refused(errs) = &state.source {
                <div class="flag" data-test="card-refused">
                    { t(l, P::CardRefused) }
                    <ul>{ for errs.iter().map(|e| html! { <li>{ e.clone() }</li> }) }</ul>
                </div>
            }
            if state.illustrative() {
                <p class="note" data-test="illustrative">{ t(l, P::Illustrative) }</p>
            }
        </footer>
    }
}
