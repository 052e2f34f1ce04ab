//! The prepayment simulator (partial or full, shorten the term or reduce the payment, penalty)
//! and the rate-change (LPR reset) simulator. Both feed the main schedule; this panel shows
//! what changed: interest saved, the penalty, and the new payoff against the original one.
//! Partial prepayments come in up to five rows (`state::prepays`), and where the method can
//! shorten the loan both modes are shown side by side, the chosen one driving the schedule.

use crate::callbacks::{on_select, setter};
use crate::components::number_field::NumberField;
use crate::format::money;
use crate::i18n::{t, Key, Lang};
use crate::state::inputs::{prepay_mode_from_id, prepay_mode_id, Field, PrepayKind};
use crate::state::prepays::{self, ModeOutcome, MAX_PREPAYS};
use crate::state::{CalcAction, CalcState};
use crate::view::{list, period_no, range_text, stat};
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

/// The mode select of prepayment row `n` (row 0 keeps its historical `prepay-mode` hook).
fn mode_select(
    l: Lang,
    calc: &UseReducerHandle<CalcState>,
    n: usize,
    mode: PrepaymentMode,
) -> Html {
    let on_mode = if n == 0 {
        on_select(calc, prepay_mode_from_id, CalcAction::SetPrepayMode)
    } else {
        on_select(calc, prepay_mode_from_id, move |m| CalcAction::SetPrepayRowMode(Some(n), m))
    };
    let test = if n == 0 { "prepay-mode".to_string() } else { format!("prepay-mode-{n}") };
    let mut options = Vec::with_capacity(2);
    for (m, k) in [
        (PrepaymentMode::ShortenTerm, Key::ModeShorten),
        (PrepaymentMode::ReducePayment, Key::ModeReduce),
    ] {
        options.push(
            html! { <option value={prepay_mode_id(m)} selected={m == mode}>{ t(l, k) }</option> },
        );
    }
    html! {
        <select id={test.clone()} data-test={test} onchange={on_mode} aria-label={t(l, Key::PrepayMode)}>
            { list(options) }
        </select>
    }
}

/// Prepayment row `n`: its period and, for a partial prepayment, amount and mode, each error
/// under its own field inside the row's numbered group (a settlement has only the period).
fn prepay_row(l: Lang, calc: &UseReducerHandle<CalcState>, n: usize) -> Html {
    let i = &calc.inputs;
    let Some((period, amount, mode)) = prepays::row(i, n) else { return Html::default() };
    let partial = i.prepay_kind == PrepayKind::Partial;
    let (pf, af) = (prepays::period_field(n), prepays::amount_field(n));
    let id = |base: &str| if n == 0 { base.to_string() } else { format!("{base}-{n}") };
    // The last period allowed, said after a range error: "至多 第359期".
    let (period_err, last) = calc.error(pf).map(|k| prepays::period_error(i, n, k)).unzip();
    let range = last
        .flatten()
        .map(|last| AttrValue::from(format!("{}{}", t(l, Key::RangeAtMost), period_no(l, last))));
    let remove = {
        let calc = calc.clone();
        Callback::from(move |_| calc.dispatch(CalcAction::RemovePrepay(n)))
    };
    html! {
        <fieldset class="pp-row" data-test={id("prepay-row")}>
            if partial { <legend>{ format!("{}{}", t(l, Key::PrepayRowNo), n + 1) }</legend> }
            <div class="grid2">
                <NumberField lang={l} id={id("prepay-period")} label={Key::PrepayPeriod} inputmode="numeric"
                    value={period.to_string()} error={period_err} detail={range}
                    oninput={setter(calc, pf)} />
                if partial {
                    <NumberField lang={l} id={id("prepay-amount")} label={Key::PrepayAmount}
                        value={amount.to_string()} error={calc.error(af)}
                        detail={range_text(l, calc.errors.range(af))}
                        oninput={setter(calc, af)} />
                }
            </div>
            if partial && i.can_shorten() { { mode_select(l, calc, n, mode) } }
            if partial && prepays::count(i) > 1 {
                <button type="button" class="secondary" data-test={id("prepay-remove")} onclick={remove}>
                    { t(l, Key::Remove) }</button>
            }
        </fieldset>
    }
}

/// 减少月供 and 缩短年限 side by side (every row in that mode), the one the rows use marked;
/// a mode the engine refuses is left out with a note saying why.
fn both_modes(l: Lang, used: &[PrepaymentMode], both: &[Option<ModeOutcome>; 2]) -> Html {
    let mut items = Vec::with_capacity(2);
    for o in both.iter().flatten() {
        let reduce = o.mode == PrepaymentMode::ReducePayment;
        let (label, first) = if reduce {
            let p = o.new_payment.map_or_else(|| t(l, Key::PaidOff).into(), money);
            (Key::ModeReduce, format!("{} {p}", t(l, Key::NewPayment)))
        } else {
            (
                Key::ModeShorten,
                format!("{} {}", t(l, Key::TermSaved), years_months(l, o.months_saved)),
            )
        };
        let chosen = if used.iter().all(|m| *m == o.mode) { t(l, Key::ChosenMode) } else { "" };
        let saved = money(o.interest_saved);
        let text = format!("{first} · {} {saved}{chosen}", t(l, Key::InterestSaved));
        items.push(stat(t(l, label), &format!("both-{}", prepay_mode_id(o.mode)), text));
    }
    html! {
        <><h3>{ t(l, Key::BothModes) }</h3><dl class="outcome" data-test="both-modes">{ list(items) }</dl>
        if both.iter().any(Option::is_none) {
            <p class="note" data-test="other-mode-none">{ t(l, Key::OtherModeNone) }</p>
        }</>
    }
}

/// The simulator panel, a view function over the calculator state (see `summary` for why not a
/// component).
pub fn prepay_panel(l: Lang, calc: &UseReducerHandle<CalcState>) -> Html {
    let i = &calc.inputs;
    let on_kind = on_select(calc, PrepayKind::from_id, CalcAction::SetPrepayKind);
    let kind = i.prepay_kind;
    let fresh = calc.result.as_ref().filter(|_| !calc.stale);
    let partial = kind == PrepayKind::Partial;
    let both = fresh.and(calc.request.as_ref()).filter(|_| partial).and_then(prepays::both_modes);
    let used: Vec<PrepaymentMode> =
        calc.request.iter().flat_map(|r| r.prepayments.iter().map(|p| p.mode)).collect();

    let outcome = fresh.and_then(|s| {
        let pp = s.prepayment.as_ref()?;
        // Where both modes are not side by side (先息后本, 到期一次: only the payment can fall),
        // the payment after the last prepayment (issue 14, defect 8).
        let last = calc.request.as_ref()?.prepayments.iter().map(|p| p.period).max();
        let new_payment = last
            .filter(|_| both.is_none())
            .and_then(|k| s.rows.get(k as usize))
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
    let after_reset = fresh.and_then(|s| {
        let from = calc.request.as_ref()?.rate_changes.first()?.from_period;
        let row = s.rows.get(from as usize - 1)?;
        Some(html! {
            <dl class="outcome"><div>
                <dt>{ format!("{} {}", period_no(l, from), t(l, Key::Payment)) }</dt>
                <dd data-test="payment-after-reset">{ money(row.payment) }</dd>
            </div></dl>
        })
    });
    let add = {
        let calc = calc.clone();
        Callback::from(move |_| calc.dispatch(CalcAction::AddPrepay))
    };
    let mut rows = Vec::new();
    for n in 0..if partial { prepays::count(i) } else { 1 } {
        rows.push(prepay_row(l, calc, n));
    }
    let rows = list(rows);

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
                { rows }
                if partial && prepays::count(i) < MAX_PREPAYS {
                    <button type="button" class="secondary" data-test="add-prepay" onclick={add}>
                        { t(l, Key::AddPrepay) }</button>
                }
                <NumberField lang={l} id="prepay-penalty" label={Key::PrepayPenalty}
                    value={i.prepay_penalty.clone()} error={calc.error(Field::PrepayPenalty)}
                    oninput={setter(calc, Field::PrepayPenalty)} />
                if let Some(b) = &both { { both_modes(l, &used, b) } }
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
