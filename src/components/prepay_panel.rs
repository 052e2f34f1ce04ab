//! The prepayment simulator (partial or full, shorten the term or reduce the payment, penalty)
//! and the rate-change (LPR reset) simulator. Both feed the main schedule; this panel shows
//! what changed: interest saved, the penalty, and the new payoff against the original one.

use crate::callbacks::{on_select, setter};
use crate::components::number_field::NumberField;
use crate::format::money;
use crate::i18n::{t, Key, Lang};
use crate::state::inputs::{prepay_mode_from_id, Field, PrepayKind};
use crate::state::{CalcAction, CalcState};
use crate::view::{period_no, range_text, stat};
use loanlens_core::dates::Date;
use loanlens_core::schema::{PrepaymentMode, Schedule};
use yew::prelude::*;

/// "2055-01-31" when dated, else "第 360 期".
fn payoff_label(lang: Lang, s: &Schedule, periods: u32) -> String {
    let first = s.rows.first().and_then(|r| r.date.as_deref()).and_then(|d| Date::parse(d).ok());
    match first {
        Some(d) => d.add_months_clamped(periods.saturating_sub(1)).to_string(),
        None => period_no(lang, periods),
    }
}

/// "2年3个月", "2 yr 3 mo".
fn years_months(l: Lang, months: u32) -> String {
    let (y, m) = (months / 12, months % 12);
    let mut out = String::new();
    if y > 0 {
        out.push_str(&format!("{y}{}", t(l, Key::YearsShort)));
    }
    if m > 0 || y == 0 {
        out.push_str(&format!("{m}{}", t(l, Key::MonthsShort)));
    }
    out.trim().to_string()
}

/// The simulator panel, a view function over the calculator state (see `summary` for why not a
/// component).
pub fn prepay_panel(l: Lang, calc: &UseReducerHandle<CalcState>) -> Html {
    let i = &calc.inputs;
    let on_kind = on_select(calc, PrepayKind::from_id, CalcAction::SetPrepayKind);
    let on_mode = on_select(calc, prepay_mode_from_id, CalcAction::SetPrepayMode);
    let kind = i.prepay_kind;

    let outcome = calc.result.as_ref().filter(|_| !calc.stale).and_then(|s| {
        let pp = s.prepayment.as_ref()?;
        // What each mode changes, said in its own terms (issue 14, defect 8): the payment after
        // the prepayment, or how much sooner the loan ends.
        let at = calc.request.as_ref()?.prepayments.first().map(|p| p.period as usize);
        let new_payment = at
            .filter(|_| i.prepay_mode_used() == PrepaymentMode::ReducePayment)
            .and_then(|k| s.rows.get(k))
            .map(|r| r.payment);
        let saved = pp.original_periods.saturating_sub(pp.periods);
        Some(html! {
            <dl class="outcome" data-test="prepay-outcome">
                if let Some(p) = new_payment { { stat(t(l, Key::NewPayment), "new-payment", money(p)) } }
                if saved > 0 { { stat(t(l, Key::TermSaved), "term-saved", years_months(l, saved)) } }
                { stat(t(l, Key::InterestSaved), "interest-saved", money(pp.interest_saved)) }
                if pp.total_penalties > rust_decimal::Decimal::ZERO {
                    { stat(t(l, Key::Penalties), "penalties", money(pp.total_penalties)) }
                    { stat(t(l, Key::NetSaving), "net-saving", money(pp.net_saving)) }
                }
                { stat(t(l, Key::NewPayoff), "new-payoff", payoff_label(l, s, pp.periods)) }
                { stat(t(l, Key::OldPayoff), "original-payoff", payoff_label(l, s, pp.original_periods)) }
            </dl>
        })
    });
    let after_reset = calc.result.as_ref().filter(|_| !calc.stale).and_then(|s| {
        let from = calc.request.as_ref()?.rate_changes.first()?.from_period;
        let row = s.rows.get(from as usize - 1)?;
        Some(html! {
            <dl class="outcome"><div>
                <dt>{ format!("{} {}", period_no(l, from), t(l, Key::Payment)) }</dt>
                <dd data-test="payment-after-reset">{ money(row.payment) }</dd>
            </div></dl>
        })
    });

    html! {
        <section class="panel" aria-labelledby="prepay-title">
            <h2 id="prepay-title">{ t(l, Key::PrepayTitle) }</h2>
            <div class="field">
                <label for="prepay-kind">{ t(l, Key::PrepayKind) }</label>
                <select id="prepay-kind" data-test="prepay-kind" onchange={on_kind}>
                    { for [(PrepayKind::None, Key::PrepayNone), (PrepayKind::Partial, Key::PrepayPartial),
                        (PrepayKind::Full, Key::PrepayFull)].into_iter().map(|(k, key)| html! {
                        <option value={k.id()} selected={k == kind}>{ t(l, key) }</option>
                    }) }
                </select>
            </div>
            if kind != PrepayKind::None {
                <div class="grid2">
                    <NumberField lang={l} id="prepay-period" label={Key::PrepayPeriod} inputmode="numeric"
                        value={i.prepay_period.clone()} error={calc.error(Field::PrepayPeriod)}
                        oninput={setter(calc, Field::PrepayPeriod)} />
                    if kind == PrepayKind::Partial {
                        <NumberField lang={l} id="prepay-amount" label={Key::PrepayAmount}
                            value={i.prepay_amount.clone()} error={calc.error(Field::PrepayAmount)}
                            detail={range_text(l, calc.errors.range(Field::PrepayAmount))}
                            oninput={setter(calc, Field::PrepayAmount)} />
                    }
                    <NumberField lang={l} id="prepay-penalty" label={Key::PrepayPenalty}
                        value={i.prepay_penalty.clone()} error={calc.error(Field::PrepayPenalty)}
                        oninput={setter(calc, Field::PrepayPenalty)} />
                </div>
                if kind == PrepayKind::Partial && i.can_shorten() {
                    <fieldset class="radios">
                        <legend>{ t(l, Key::PrepayMode) }</legend>
                        <select id="prepay-mode" data-test="prepay-mode" onchange={on_mode}
                            aria-label={t(l, Key::PrepayMode)}>
                            <option value="shorten_term" selected={i.prepay_mode == PrepaymentMode::ShortenTerm}>
                                { t(l, Key::ModeShorten) }</option>
                            <option value="reduce_payment" selected={i.prepay_mode == PrepaymentMode::ReducePayment}>
                                { t(l, Key::ModeReduce) }</option>
                        </select>
                    </fieldset>
                }
                { outcome.unwrap_or_default() }
            }
            <h3>{ t(l, Key::RateChangeTitle) }</h3>
            <p class="help">{ t(l, Key::RcHelp) }</p>
            <div class="grid2">
                <NumberField lang={l} id="rc-period" label={Key::RcPeriod} inputmode="numeric"
                    value={i.rc_period.clone()} error={calc.error(Field::RateChangePeriod)}
                    oninput={setter(calc, Field::RateChangePeriod)} />
                <NumberField lang={l} id="rc-rate" label={Key::RcRate}
                    value={i.rc_rate.clone()} error={calc.error(Field::RateChangeRate)}
                    oninput={setter(calc, Field::RateChangeRate)} />
            </div>
            { after_reset.unwrap_or_default() }
        </section>
    }
}
