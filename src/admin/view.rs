//! The staff page's parts as view functions: sign-in, the filter bar with export, the list
//! with paging, and one application with its actions.

use super::api::{Detail, Query};
use super::i18n::{t, word, M};
use super::{Handles, TOKEN_KEY};
use crate::net;
use loanlens_core::application::Status;
use web_sys::{HtmlInputElement, HtmlSelectElement};
use yew::prelude::*;

/// The token form.
pub fn sign_in(h: &Handles) -> Html {
    let l = h.lang;
    let onsubmit = {
        let h = h.clone();
        Callback::from(move |e: SubmitEvent| {
            e.prevent_default();
            let input = gloo::utils::document()
                .get_element_by_id("admin-token")
                .and_then(|el| wasm_bindgen::JsCast::dyn_into::<HtmlInputElement>(el).ok());
            let token = input.map(|i| i.value().trim().to_string()).unwrap_or_default();
            if !token.is_empty() {
                net::session_set(TOKEN_KEY, &token);
                h.message.set(None);
                h.token.set(Some(token));
            }
        })
    };
    html! {
        <form class="inputs" data-test="sign-in" {onsubmit}>
            <div class="field">
                <label for="admin-token">{ t(l, M::Token) }</label>
                <input id="admin-token" data-test="token" type="password" autocomplete="off" />
                <p class="help">{ t(l, M::TokenHelp) }</p>
            </div>
            <button type="submit" data-test="sign-in-submit">{ t(l, M::SignIn) }</button>
        </form>
    }
}

fn select(
    h: &Handles,
    id: &'static str,
    label: M,
    options: &[&'static str],
    current: &str,
) -> Html {
    let l = h.lang;
    let onchange = {
        let h = h.clone();
        Callback::from(move |e: Event| {
            let v = e.target_unchecked_into::<HtmlSelectElement>().value();
            let mut q: Query = (*h.query).clone();
            if id == "filter-status" {
                q.status = v;
            } else {
                q.decision = v;
            }
            q.cursor = None;
            h.back.set(Vec::new());
            h.query.set(q);
        })
    };
    html! {
        <div class="field">
            <label for={id}>{ t(l, label) }</label>
            <select id={id} data-test={id} {onchange}>
                <option value="" selected={current.is_empty()}>{ t(l, M::Any) }</option>
                { for options.iter().map(|o| html! {
                    <option value={*o} selected={current == *o}>{ word(l, o) }</option>
                }) }
            </select>
        </div>
    }
}

/// Filters, export and sign-out.
pub fn toolbar(h: &Handles) -> Html {
    let l = h.lang;
    let statuses: Vec<&'static str> = Status::ALL.iter().map(|s| s.id()).collect();
    let export = {
        let h = h.clone();
        Callback::from(move |_| h.export())
    };
    let sign_out = {
        let h = h.clone();
        Callback::from(move |_| {
            net::session_remove(TOKEN_KEY);
            h.token.set(None);
            h.page.set(None);
            h.detail.set(None);
        })
    };
    html! {
        <section class="panel toolbar" aria-label={t(l, M::Filters)}>
            { select(h, "filter-status", M::Status, &statuses, &h.query.status) }
            { select(h, "filter-decision", M::Decision, &["pass", "refer"], &h.query.decision) }
            <div class="actions">
                <button type="button" data-test="export" onclick={export}>{ t(l, M::Export) }</button>
                <button type="button" class="secondary" data-test="sign-out" onclick={sign_out}>{ t(l, M::SignOut) }</button>
            </div>
        </section>
    }
}

/// The list with paging.
pub fn list(h: &Handles) -> Html {
    let l = h.lang;
    let Some(page) = &*h.page else { return html! { <p>{ t(l, M::Loading) }</p> } };
    let prev = {
        let h = h.clone();
        Callback::from(move |_| {
            let mut back = (*h.back).clone();
            let cursor = back.pop().flatten();
            h.back.set(back);
            h.query.set(Query { cursor, ..(*h.query).clone() });
        })
    };
    let next = {
        let h = h.clone();
        let cursor = page.next_cursor.clone();
        Callback::from(move |_| {
            let mut back = (*h.back).clone();
            back.push(h.query.cursor.clone());
            h.back.set(back);
            h.query.set(Query { cursor: cursor.clone(), ..(*h.query).clone() });
        })
    };
    html! {
        <section class="panel list" data-test="list">
            if page.items.is_empty() {
                <p data-test="empty">{ t(l, M::Empty) }</p>
            } else {
                <div class="table-wrap"><table>
                    <thead><tr>
                        <th>{ t(l, M::Reference) }</th><th>{ t(l, M::Created) }</th>
                        <th>{ t(l, M::Status) }</th><th>{ t(l, M::Decision) }</th>
                        <th>{ t(l, M::Score) }</th><th>{ t(l, M::Amount) }</th><th></th>
                    </tr></thead>
                    <tbody>
                        { for page.items.iter().map(|it| {
                            let open = {
                                let h = h.clone();
                                let id = it.id.clone();
                                Callback::from(move |_| h.open(id.clone()))
                            };
                            html! {
                                <tr data-test="row" data-id={it.id.clone()} data-reference={it.reference.clone()}
                                    data-status={it.status.clone()} data-erased={it.erased.to_string()}>
                                    <td>{ it.reference.clone() }
                                        if it.erased { <small class="erased">{ " · " }{ t(l, M::Erased) }</small> }</td>
                                    <td>{ crate::format::when(&it.created_at) }</td>
                                    <td>{ word(l, &it.status) }</td>
                                    <td>{ word(l, &it.decision) }</td>
                                    <td>{ it.score.clone().unwrap_or_default() }</td>
                                    <td>{ it.principal.clone().unwrap_or_default() }
                                        { it.term_months.map(|m| format!(" / {m}")).unwrap_or_default() }</td>
                                    <td><button type="button" class="secondary" data-test="open" onclick={open}>{ t(l, M::Open) }</button></td>
                                </tr>
                            }
                        }) }
                    </tbody>
                </table></div>
            }
            <div class="nav">
                <button type="button" class="secondary" data-test="prev" disabled={h.back.is_empty()} onclick={prev}>{ t(l, M::Prev) }</button>
                <button type="button" class="secondary" data-test="next" disabled={page.next_cursor.is_none()} onclick={next}>{ t(l, M::Next) }</button>
            </div>
        </section>
    }
}

fn row(label: &str, test: &str, value: String) -> Html {
    html! { <div><dt>{ label.to_string() }</dt><dd data-test={test.to_string()}>{ value }</dd></div> }
}

fn actions(h: &Handles, d: &Detail) -> Html {
    let l = h.lang;
    let next = Status::from_id(&d.item.status).map(Status::next).unwrap_or(&[]);
    let erase_ask = {
        let h = h.clone();
        Callback::from(move |_| h.confirm_erase.set(true))
    };
    let erase_yes = {
        let (h, id) = (h.clone(), d.item.id.clone());
        Callback::from(move |_| {
            h.confirm_erase.set(false);
            h.change(id.clone(), None)
        })
    };
    let cancel = {
        let h = h.clone();
        Callback::from(move |_| h.confirm_erase.set(false))
    };
    html! {
        <div class="actions-block">
            <p class="note">{ t(l, M::MoveTo) }</p>
            <div class="actions">
                if next.is_empty() { <span class="note" data-test="no-moves">{ t(l, M::NoMoves) }</span> }
                { for next.iter().map(|s| {
                    let (h, id, to) = (h.clone(), d.item.id.clone(), s.id());
                    let onclick = Callback::from(move |_| h.change(id.clone(), Some(to)));
                    html! { <button type="button" data-test={format!("move-{to}")} {onclick}>{ word(l, to) }</button> }
                }) }
            </div>
            if d.applicant.is_some() {
                if *h.confirm_erase {
                    <div class="flag" data-test="erase-confirm" role="alertdialog">
                        <p>{ t(l, M::EraseConfirm) }</p>
                        <div class="actions">
                            <button type="button" class="danger" data-test="erase-yes" onclick={erase_yes}>{ t(l, M::EraseYes) }</button>
                            <button type="button" class="secondary" data-test="erase-cancel" onclick={cancel}>{ t(l, M::Cancel) }</button>
                        </div>
                    </div>
                } else {
                    <button type="button" class="secondary danger" data-test="erase" onclick={erase_ask}>{ t(l, M::Erase) }</button>
                }
            }
        </div>
    }
}

/// One application in full, with its actions.
pub fn detail(h: &Handles) -> Html {
    let l = h.lang;
    let Some(d) = &*h.detail else { return Html::default() };
    let close = {
        let h = h.clone();
        Callback::from(move |_| h.detail.set(None))
    };
    let it = &d.item;
    html! {
        <section class="panel detail" data-test="detail" data-id={it.id.clone()} data-status={it.status.clone()}>
            <h2>{ format!("{} · {}", it.reference, word(l, &it.status)) }</h2>
            <h3>{ t(l, M::Applicant) }</h3>
            if let Some(p) = &d.applicant {
                <dl class="outcome" data-test="applicant">
                    { row(t(l, M::Name), "applicant-name", p.name.clone()) }
                    { row(t(l, M::Phone), "applicant-phone", p.phone.clone()) }
                    { row(t(l, M::IdNumber), "applicant-id-number", p.id_number.clone()) }
                    { row(t(l, M::City), "applicant-city", p.city.clone()) }
                </dl>
            } else {
                <p class="note" data-test="applicant-erased">{ t(l, M::NoApplicant) }</p>
            }
            <dl class="outcome">
                { row(t(l, M::Decision), "detail-decision", word(l, &it.decision)) }
                { row(t(l, M::Score), "detail-score", it.score.clone().unwrap_or_default()) }
                { row(t(l, M::Amount), "detail-principal", it.principal.clone().unwrap_or_default()) }
                { row(t(l, M::Term), "detail-term", it.term_months.map(|m| m.to_string()).unwrap_or_default()) }
                { row(t(l, M::Partner), "detail-partner", it.partner.clone().unwrap_or_else(|| "–".into())) }
                if let Some(e) = &d.evaluation {
                    { row(t(l, M::Grade), "detail-grade", e.grade.clone().unwrap_or_else(|| "–".into())) }
                    { row(t(l, M::Pd), "detail-pd", e.pd.clone().unwrap_or_default()) }
                    { row(t(l, M::Card), "detail-card", e.scorecard_version.clone().unwrap_or_default()) }
                    { row(t(l, M::Reasons), "detail-reasons", e.reasons.iter().map(|r| r.code.as_str()).collect::<Vec<_>>().join(", ")) }
                }
            </dl>
            <h3>{ t(l, M::Consents) }</h3>
            <ul data-test="consents">{ for d.consents.iter().map(|c| html! {
                <li>{ format!("{} {} · {}", c.kind, c.version, crate::format::when(&c.accepted_at)) }</li>
            }) }</ul>
            <h3>{ t(l, M::History) }</h3>
            <ul data-test="history">{ for d.history.iter().map(|c| html! {
                <li>{ format!("{} {} → {} · {}", crate::format::when(&c.at),
                    c.from.as_deref().map(|f| word(l, f)).unwrap_or_default(), word(l, &c.to), c.actor) }</li>
            }) }</ul>
            { actions(h, d) }
            <button type="button" class="secondary" data-test="close" onclick={close}>{ t(l, M::Close) }</button>
        </section>
    }
}
