//! The full repayment schedule (还款计划表).

use crate::format::money;
use crate::i18n::{t, Key, Lang};
use loanlens_core::schema::Schedule;
use std::rc::Rc;
use yew::prelude::*;

#[derive(Properties, PartialEq)]
pub struct ScheduleTableProps {
    pub lang: Lang,
    pub schedule: Rc<Schedule>,
}

#[component]
pub fn ScheduleTable(props: &ScheduleTableProps) -> Html {
    let lang = props.lang;
    let rows = props.schedule.rows.iter().map(|r| {
        html! {
            <tr key={r.period} data-test="schedule-row">
                <td>{ r.period }</td>
                <td>{ money(r.payment) }</td>
                <td>{ money(r.principal) }</td>
                <td>{ money(r.interest) }</td>
                <td>{ money(r.fee) }</td>
                <td>{ money(r.balance) }</td>
            </tr>
        }
    });
    html! {
        <section class="schedule">
            <h2>{ t(lang, Key::Schedule) }</h2>
            <div class="table-wrap" tabindex="0">
                <table data-test="schedule">
                    <thead><tr>
                        <th scope="col">{ t(lang, Key::Period) }</th>
                        <th scope="col">{ t(lang, Key::Payment) }</th>
                        <th scope="col">{ t(lang, Key::PrincipalPart) }</th>
                        <th scope="col">{ t(lang, Key::Interest) }</th>
                        <th scope="col">{ t(lang, Key::Fee) }</th>
                        <th scope="col">{ t(lang, Key::Balance) }</th>
                    </tr></thead>
                    <tbody>{ for rows }</tbody>
                </table>
            </div>
        </section>
    }
}
