//! The outcome of a submission: the reference, the server's assessment, the status, and the
//! private status link (`/apply/status#id=…&token=…`: in the fragment, so the token never
//! reaches a server log or a Referer).

use super::form::{decision_id, decision_text};
use super::i18n::{t, Lang, A};
use crate::format::when;
use crate::view::stat;
use loanlens_core::application::{ApplicationCreated, Status};
use yew::prelude::*;

/// The words for a status (no personal data: the status alone).
pub fn status_text(l: Lang, s: Status) -> &'static str {
    t(
        l,
        match s {
            Status::Submitted => A::Submitted,
            Status::Contacted => A::Contacted,
            Status::Approved => A::Approved,
            Status::Rejected => A::Rejected,
            Status::Withdrawn => A::Withdrawn,
        },
    )
}

/// The status link of an application (path and fragment).
///
/// ```
/// assert_eq!(
///     loanlens_web::apply::done::status_path("abc_-1", "t0K"),
///     "/apply/status#id=abc_-1&token=t0K"
/// );
/// ```
pub fn status_path(id: &str, token: &str) -> String {
    // Ids and tokens are base64url: nothing to escape, and anything else is dropped.
    let safe = |s: &str| -> String {
        s.chars().filter(|c| c.is_ascii_alphanumeric() || matches!(c, '-' | '_')).collect()
    };
    format!("/apply/status#id={}&token={}", safe(id), safe(token))
}

/// The outcome view.
pub fn done_view(l: Lang, c: &ApplicationCreated) -> Html {
    let link = c.status_token.as_ref().map(|tok| status_path(&c.id, tok));
    let origin = gloo::utils::window().location().origin().unwrap_or_default();
    html! {
        <section class="panel done" data-test="outcome" data-duplicate={c.duplicate.to_string()}
            role="status" aria-live="polite">
            <h2>{ t(l, A::DoneTitle) }</h2>
            if c.duplicate { <p class="flag" data-test="duplicate">{ t(l, A::Duplicate) }</p> }
            <dl class="outcome">
                { stat(t(l, A::Reference), "reference", c.reference.clone()) }
                <div><dt>{ t(l, A::Decision) }</dt>
                    <dd data-test="decision" data-decision={decision_id(c.decision)}>{ decision_text(l, c.decision) }</dd></div>
                { stat(t(l, A::Status), "status", status_text(l, c.status).to_string()) }
                { stat(t(l, A::CreatedAt), "created-at", when(&c.created_at)) }
            </dl>
            if let Some(link) = link {
                <p class="note">{ t(l, A::DoneText) }</p>
                <a class="button" data-test="status-link" href={link.clone()}>{ t(l, A::StatusLink) }</a>
                <p class="note link-text"><span>{ t(l, A::StatusLinkKeep) }{ ": " }</span>
                    <code data-test="status-url">{ format!("{origin}{link}") }</code></p>
            }
        </section>
    }
}
