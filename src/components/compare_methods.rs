//! The same loan under all five methods, side by side, with a bar chart of total interest.
//! Computed only while the panel is open (five schedules per keystroke otherwise).

use crate::format::{money, percent};
use crate::i18n::{method_text, t, Key, Lang};
use crate::state::chart::scale;
use crate::state::request::compare_methods;
use loanlens_core::schema::ScheduleRequest;
use web_sys::HtmlDetailsElement;
use yew::prelude::*;

#[derive(Properties, PartialEq)]
pub struct CompareMethodsProps {
    pub lang: Lang,
    pub request: Option<ScheduleRequest>,
}

#[component]
pub fn CompareMethods(props: &CompareMethodsProps) -> Html {
    let l = props.lang;
    let open = use_state(|| false);
    let ontoggle = {
        let open = open.clone();
        Callback::from(move |e: Event| {
            open.set(e.target_unchecked_into::<HtmlDetailsElement>().open())
        })
    };
    let req = if *open { props.request.clone() } else { None };
    let cmp = use_memo(req, |r| r.as_ref().and_then(|r| compare_methods(r).ok()));
    let body = match &*cmp {
        Some(c) => {
            let max = c.results.iter().map(|r| r.total_interest).max().unwrap_or_default();
            // Each method's name on its own line above its bar, so the names can be large
            // enough to read when the 600-unit chart is drawn 320 px wide on a phone.
            let row_h = 58i64;
            let h = row_h * c.results.len() as i64;
            html! {
                <>
                <div class="table-wrap" tabindex="0" role="region" aria-label={t(l, Key::CompareMethods)}>
                    <table data-test="compare-methods">
                        <thead><tr>
                            { for [Key::Method, Key::FirstPayment, Key::LastPayment, Key::TotalInterest,
                                Key::TotalPayment, Key::AprNominal].map(|k| html! { <th scope="col">{ t(l, k) }</th> }) }
                        </tr></thead>
                        <tbody>
                        { for c.results.iter().map(|r| html! {
                            <tr data-test="compare-method-row" class={(r.method == c.least_interest).then_some("best")}>
                                <th scope="row">{ method_text(l, r.method).0 }
                                    if r.method == c.least_interest { <span class="badge">{ t(l, Key::LeastInterest) }</span> }
                                </th>
                                { for [money(r.first_payment), money(r.last_payment), money(r.total_interest),
                                    money(r.total_payment), percent(r.apr.nominal)].map(|v| html! { <td>{ v }</td> }) }
                            </tr>
                        }) }
                        </tbody>
                    </table>
                </div>
                <figure class="chart" data-test="chart-methods">
                    <figcaption><strong>{ t(l, Key::ChartInterestByMethod) }</strong></figcaption>
                    <svg viewBox={format!("0 0 600 {h}")} role="img" aria-label={t(l, Key::ChartInterestByMethod)}>
                        { for c.results.iter().enumerate().map(|(k, r)| {
                            let y = k as i64 * row_h;
                            let w = scale(r.total_interest, max, 400).max(1);
                            html! { <g>
                                <text x="0" y={(y + 22).to_string()} class="bar-label">{ method_text(l, r.method).0 }</text>
                                <rect x="0" y={(y + 30).to_string()} width={w.to_string()} height="22"
                                    class={if r.method == c.least_interest { "bar best" } else { "bar" }} />
                                <text x={(8 + w).to_string()} y={(y + 48).to_string()} class="bar-value">{ money(r.total_interest) }</text>
                            </g> }
                        }) }
                    </svg>
                </figure>
                </>
            }
        }
        None => html! {},
    };
    html! {
        <details class="panel" data-test="compare-methods-panel" {ontoggle}>
            <summary><h2>{ t(l, Key::CompareMethods) }</h2></summary>
            { body }
        </details>
    }
}
