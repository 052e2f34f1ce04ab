//! The headline figures: payment (for 等额本金 the first, the last and the monthly decrease),
//! totals, the all-in cost, APR as the PBOC rule defines it, and the engine's flags in plain
//! words.

use crate::format::{money, percent, wan};
use crate::i18n::{t, Key, Lang};
use crate::view::{headline, odd_days, row_when, stat, stat_class};
use loanlens_core::schema::{Method, Schedule, ScheduleRequest};
use rust_decimal::Decimal;
use yew::prelude::*;

/// The summary of `s`, computed from `req` (its odd first period, if any); `stale` greys it, and `note` says it is the result of the last valid
/// input (not said under a link's notice, which tells what the figures are). A view function
/// (no state of its own): each Yew component adds its own copy of the component machinery to
/// the bundle, and the bundle has a budget.
pub fn summary(
    lang: Lang,
    s: &Schedule,
    req: Option<&ScheduleRequest>,
    stale: bool,
    note: bool,
) -> Html {
    // The headline is what this method's borrower pays (`view::headline`); the last payment is
    // shown too where it differs (and is not already the headline).
    let days = req.and_then(odd_days);
    let (first_label, head) = headline(s, days.is_some());
    let varies = head != s.last_payment && first_label != Key::PayAtMaturity;
    // An odd first period: its payment beside the regular one, with its days.
    let odd = days.filter(|_| head != s.first_payment).map(|d| {
        let days = format!("{}{d}{}", t(lang, Key::OddDays), t(lang, Key::OddDaysEnd));
        format!("{}{days}", money(s.first_payment))
    });
    // 等额本金's monthly decrease, between full periods.
    let n = usize::from(days.is_some());
    let decrease = (s.method == Method::EqualPrincipal && s.rows.len() >= n + 2)
        .then(|| s.rows[n].payment - s.rows[n + 1].payment)
        .filter(|d| *d > Decimal::ZERO);
    let upfront = s.amount_received < s.rows.iter().map(|r| r.principal).sum::<Decimal>();
    let payoff = s.rows.last().map(|r| row_when(lang, r));
    let lpr = format!(
        "{}{}{}",
        t(lang, Key::LprBasis),
        percent(s.flags.lpr_1y),
        s.flags.lpr_date.as_deref().map(|d| format!(" ({d})")).unwrap_or_default()
    );
    let sep = t(lang, Key::ListSep);
    let live = format!(
        "{} {}{sep}{} {}{sep}{} {}",
        t(lang, first_label),
        money(head),
        t(lang, Key::TotalInterest),
        money(s.total_interest),
        t(lang, Key::AprNominal),
        percent(s.apr.nominal)
    );
    let live = if stale { t(lang, Key::Stale).to_string() } else { live };
    html! {
        <section class={classes!("summary", stale.then_some("stale"))} data-test="summary" aria-labelledby="results-title">
            <h2 id="results-title" class="sr-only">{ t(lang, Key::Results) }</h2>
            // One short sentence for screen readers, not the whole list on every keystroke.
            <p class="sr-only" aria-live="polite" data-test="live">{ live }</p>
            if stale && note {
                <p class="stale-note" data-test="stale">{ t(lang, Key::Stale) }</p>
            }
            <dl>
                { stat_class(t(lang, first_label), "first-payment", money(head), Some("big")) }
                if let Some(o) = odd { { stat(t(lang, Key::OddFirst), "odd-first", o) } }
                if varies { { stat(t(lang, Key::LastPayment), "last-payment", money(s.last_payment)) } }
                if let Some(d) = decrease { { stat(t(lang, Key::MonthlyDecrease), "monthly-decrease", money(d)) } }
                { stat(t(lang, Key::TotalInterest), "total-interest", money(s.total_interest)) }
                { stat(t(lang, Key::TotalPayment), "total-payment", money(s.total_payment)) }
                if s.total_fees > Decimal::ZERO { { stat(t(lang, Key::TotalFees), "total-fees", money(s.total_fees)) } }
                { stat(t(lang, Key::TotalCost), "total-cost", money(s.total_interest + s.total_fees)) }
                if upfront { { stat(t(lang, Key::AmountReceived), "amount-received", money(s.amount_received)) } }
                { stat(t(lang, Key::AprNominal), "apr-nominal", percent(s.apr.nominal)) }
                { stat(t(lang, Key::AprEffective), "apr-effective", percent(s.apr.effective)) }
                { stat(t(lang, Key::PeriodsCount), "periods", s.rows.len().to_string()) }
                if let Some(p) = payoff { { stat(t(lang, Key::Payoff), "payoff", p) } }
            </dl>
            // Large sums also in 万元, as Chinese bank calculators print them (利息 91.06万).
            if lang == Lang::Zh {
                if let (Some(i), Some(p)) = (wan(s.total_interest), wan(s.total_payment)) {
                    <p class="note" data-test="wan-line">
                        { format!("{} {i} · {} {p}", t(lang, Key::TotalInterest), t(lang, Key::TotalPayment)) }
                    </p>
                }
            }
            <p class="note">{ t(lang, Key::AprNote) }</p>
            if s.flags.apr_above_24 {
                <p class="flag" data-test="flag-24" role="note">{ t(lang, Key::FlagHighCost) }</p>
            }
            if s.flags.apr_above_4x_lpr {
                <p class="flag" data-test="flag-lpr" role="note">{ t(lang, Key::FlagLpr) }</p>
            }
            if !s.flags.apr_above_24 && !s.flags.apr_above_4x_lpr {
                <p class="ok-note" data-test="no-flags">{ t(lang, Key::NoFlags) }</p>
            }
            <p class="note">{ lpr }</p>
        </section>
    }
}
