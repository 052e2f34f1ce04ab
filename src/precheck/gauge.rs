//! The score gauge: a half circle from the card's lowest to its highest possible score, coloured
//! by the cutoffs (decline, refer, pass), with a needle at the score. Geometry in thousandths of
//! the arc (`pathLength=1000`) and degrees, so no trigonometry runs in the page.

use super::i18n::{t, Lang, P};
use super::state::{per_mille, score_range};
use loanlens_core::scorecard::{PrecheckResult, Scorecard};
use yew::prelude::*;

/// The half circle: centre (100, 100), radius 80, drawn left to right.
const ARC: &str = "M20 100 A80 80 0 0 1 180 100";

/// A coloured stretch of the arc from `from` to `to` thousandths.
fn band(from: u32, to: u32, class: &'static str) -> Html {
    let len = to.saturating_sub(from);
    html! {
        <path class={class} d={ARC} pathLength="1000" fill="none"
            stroke-dasharray={format!("{len} 1000")} stroke-dashoffset={format!("-{from}")} />
    }
}

/// The gauge for result `r` of card `card`.
pub fn gauge(l: Lang, card: &Scorecard, r: &PrecheckResult) -> Html {
    let (lo, hi) = score_range(card);
    let at = per_mille(r.score, lo, hi);
    let (refer, pass) =
        card.cutoffs.map_or((0, 0), |c| (per_mille(c.refer, lo, hi), per_mille(c.pass, lo, hi)));
    // The needle points left at 0 and right at 1000: 0.18° per thousandth.
    let angle = format!("rotate({}.{:02} 100 100)", at * 18 / 100, at * 18 % 100);
    let score = r.score.normalize().to_string();
    let label = format!("{}: {score} ({} – {})", t(l, P::Gauge), lo.normalize(), hi.normalize());
    html! {
        <svg class="gauge" viewBox="0 0 200 118" role="img" aria-label={label} data-test="gauge"
            data-per-mille={at.to_string()}>
            <path class="track" d={ARC} fill="none" />
            if card.cutoffs.is_some() {
                { band(0, refer, "decline") }
                { band(refer, pass, "refer") }
                { band(pass, 1000, "pass") }
            }
            <g transform={angle}>
                <line class="needle" x1="100" y1="100" x2="34" y2="100" />
            </g>
            <circle class="hub" cx="100" cy="100" r="5" />
            <text class="lo" x="20" y="116" text-anchor="middle">{ lo.normalize().to_string() }</text>
            <text class="hi" x="180" y="116" text-anchor="middle">{ hi.normalize().to_string() }</text>
        </svg>
    }
}
