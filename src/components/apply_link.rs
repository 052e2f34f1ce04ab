//! The way from the calculator to an application: a link to the pre-check (`/precheck`), which
//! scores the person in their own browser and, on a pass or refer, leads to the application
//! page. The loan on screen travels in the link's query (`principal`, `term`, `method`, the
//! calculator's names), so the pre-check opens with it filled in. The calculator itself sends
//! nothing and holds no personal data.

use crate::i18n::{t, Key, Lang};
use crate::state::query::encode_value;
use loanlens_core::schema::{Method, ScheduleRequest};
use yew::prelude::*;

/// The pre-check link for the loan on screen (`None` while the input is invalid: the pre-check
/// then opens blank). Only the methods the pre-check offers are carried.
///
/// ```
/// use loanlens_core::schema::{Method, ScheduleRequest};
/// use loanlens_web::components::apply_link::precheck_link;
/// let r = ScheduleRequest::new("200000.00".parse().unwrap(), 6.into(), 24, Method::EqualInstallment);
/// assert_eq!(
///     precheck_link(Some(&r)),
///     "/precheck?principal=200000&term=24&method=equal_installment"
/// );
/// let bullet = ScheduleRequest::new(5000.into(), 0.into(), 6, Method::Bullet);
/// assert_eq!(precheck_link(Some(&bullet)), "/precheck?principal=5000&term=6");
/// assert_eq!(precheck_link(None), "/precheck");
/// ```
pub fn precheck_link(loan: Option<&ScheduleRequest>) -> String {
    let Some(r) = loan else { return "/precheck".into() };
    let mut link = format!(
        "/precheck?principal={}&term={}",
        encode_value(&r.principal.normalize().to_string()),
        r.term_months
    );
    if matches!(r.method, Method::EqualInstallment | Method::EqualPrincipal) {
        link.push_str("&method=");
        link.push_str(r.method.id());
    }
    link
}

/// The "apply" panel at the end of the calculator.
pub fn apply_link(l: Lang, loan: Option<&ScheduleRequest>) -> Html {
    html! {
        <section class="apply" data-test="apply-panel">
            <h2>{ t(l, Key::ApplyTitle) }</h2>
            <p class="note">{ t(l, Key::ApplyIntro) }</p>
            <a class="button" data-test="apply-precheck" href={precheck_link(loan)}>
                { t(l, Key::ApplyStart) }
            </a>
        </section>
    }
}
