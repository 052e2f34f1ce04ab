//! The status view (`/apply/status#id=…&token=…`): `GET /api/v1/applications/{id}` with the
//! token as a bearer credential; shows the reference, the status in words and the dates. The
//! server answers with no personal data, and this view shows nothing else.

use super::done::status_text;
use super::form::{decision_id, decision_text};
use super::i18n::{t, Lang, A};
use crate::format::when;
use crate::net;
use crate::view::stat;
use loanlens_core::application::ApplicationStatusView;
use yew::prelude::*;

/// The id and token of a status link's fragment (`#id=…&token=…`, either order).
///
/// ```
/// use loanlens_web::apply::status::parse_fragment;
/// assert_eq!(parse_fragment("#id=a1&token=t-_9"), Some(("a1".into(), "t-_9".into())));
/// assert_eq!(parse_fragment("#token=t&id=a"), Some(("a".into(), "t".into())));
/// assert_eq!(parse_fragment("#id=a"), None);
/// assert_eq!(parse_fragment("#id=a/b&token=t"), None);
/// ```
pub fn parse_fragment(hash: &str) -> Option<(String, String)> {
    let (mut id, mut token) = (None, None);
    for pair in hash.trim_start_matches('#').split('&') {
        match pair.split_once('=') {
            Some(("id", v)) => id = Some(v),
            Some(("token", v)) => token = Some(v),
            _ => {}
        }
    }
    let ok = |s: &str| {
        (1..=200).contains(&s.len())
            && s.chars().all(|c| c.is_ascii_alphanumeric() || matches!(c, '-' | '_'))
    };
    match (id, token) {
        (Some(i), Some(t)) if ok(i) && ok(t) => Some((i.to_string(), t.to_string())),
        _ => None,
    }
}

/// What the view shows.
#[derive(Debug, Clone, PartialEq)]
enum View {
    Loading,
    BadLink,
    NotFound,
    Failed,
    Found(ApplicationStatusView),
}

async fn load(id: String, token: String) -> View {
    let auth = format!("Bearer {token}");
    let url = format!("/api/v1/applications/{id}");
    let Some(resp) = net::send("GET", &url, &[("authorization", &auth)], None).await else {
        return View::Failed;
    };
    match resp.status() {
        200 => match net::text(&resp).await.map(|t| serde_json::from_str(&t)) {
            Some(Ok(v)) => View::Found(v),
            _ => View::Failed,
        },
        404 => View::NotFound,
        _ => View::Failed,
    }
}

/// The status view's props.
#[derive(Properties, PartialEq)]
pub struct StatusProps {
    pub lang: Lang,
}

/// The status of one application.
#[component]
pub fn StatusView(props: &StatusProps) -> Html {
    let l = props.lang;
    let view = use_state(|| View::Loading);
    {
        let view = view.clone();
        use_effect_with((), move |_| {
            let hash = gloo::utils::window().location().hash().unwrap_or_default();
            match parse_fragment(&hash) {
                None => view.set(View::BadLink),
                Some((id, token)) => wasm_bindgen_futures::spawn_local(async move {
                    view.set(load(id, token).await);
                }),
            }
        });
    }
    let body = match &*view {
        View::Loading => html! { <p data-test="status-loading">{ t(l, A::StatusLoading) }</p> },
        View::BadLink => {
            html! { <p class="flag" data-test="status-bad-link">{ t(l, A::StatusBadLink) }</p> }
        }
        View::NotFound => {
            html! { <p class="flag" data-test="status-not-found">{ t(l, A::StatusNotFound) }</p> }
        }
        View::Failed => {
            html! { <p class="flag" data-test="status-failed">{ t(l, A::ServerError) }</p> }
        }
        View::Found(v) => html! {
            <dl class="outcome">
                { stat(t(l, A::Reference), "reference", v.reference.clone()) }
                <div><dt>{ t(l, A::Status) }</dt>
                    <dd data-test="status" data-status={v.status.id()}>{ status_text(l, v.status) }</dd></div>
                <div><dt>{ t(l, A::Decision) }</dt>
                    <dd data-test="decision" data-decision={decision_id(v.decision)}>{ decision_text(l, v.decision) }</dd></div>
                { stat(t(l, A::CreatedAt), "created-at", when(&v.created_at)) }
                { stat(t(l, A::UpdatedAt), "updated-at", when(&v.updated_at)) }
            </dl>
        },
    };
    html! { <section class="panel status" data-test="status-view" aria-live="polite">{ body }</section> }
}
