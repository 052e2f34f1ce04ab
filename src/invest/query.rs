//! The page's state ⇄ its URL query, so a link reproduces the comparison:
//! `?p=<card>&p=<card>…&h=2026-01-15&rr=2`, one `p` per card in order, each card its fields'
//! texts percent-encoded and joined by `,` in [`Field::ALL`] order (`name,kind,structure,
//! amount,rate,term,start,idle,fee`). Texts are kept as typed, so a link with a refused value
//! shows it with its inline error. Unknown keys are ignored; fewer than two readable cards give
//! `None` (the first-visit page).

use super::card::{Card, Field};
use super::state::InvestState;
use crate::state::query::{decode_value, encode_value};
use loanlens_core::invest::{MAX_PRODUCTS, MIN_PRODUCTS};

/// Longest text kept from a link for one field (a field is never longer when typed sensibly).
const MAX_FIELD_CHARS: usize = 64;

/// The query (without `?`) that reproduces `s`.
pub fn to_query(s: &InvestState) -> String {
    let mut out = String::new();
    for c in &s.cards {
        let fields: Vec<String> = Field::ALL.iter().map(|f| encode_value(c.get(*f))).collect();
        out.push_str("p=");
        out.push_str(&fields.join(","));
        out.push('&');
    }
    out.push_str(&format!("h={}&rr={}", encode_value(&s.horizon), encode_value(&s.reinvest)));
    if s.uncached {
        out.push_str("&cache=0");
    }
    out
}

/// One card from its `p` value, `None` when it has not every field.
fn card(v: &str, blank: &Card) -> Option<Card> {
    let parts: Vec<&str> = v.split(',').collect();
    if parts.len() != Field::ALL.len() {
        return None;
    }
    let mut c = blank.clone();
    for (f, raw) in Field::ALL.iter().zip(parts) {
        c.set(*f, decode_value(raw).chars().take(MAX_FIELD_CHARS).collect());
    }
    Some(c)
}

/// The state a query describes (`blank` gives the kind and structure a card whose ids are
/// unknown keeps), computed; `None` without at least two cards.
pub fn from_query(q: &str, blank: &Card) -> Option<InvestState> {
    let q = q.strip_prefix('?').unwrap_or(q);
    let mut cards = Vec::new();
    let (mut horizon, mut reinvest, mut uncached) = (String::new(), String::new(), false);
    for pair in q.split('&') {
        let (k, v) = pair.split_once('=').unwrap_or((pair, ""));
        match k {
            "p" if cards.len() < MAX_PRODUCTS => cards.extend(card(v, blank)),
            "h" => horizon = decode_value(v).chars().take(MAX_FIELD_CHARS).collect(),
            "rr" => reinvest = decode_value(v).chars().take(MAX_FIELD_CHARS).collect(),
            "cache" => uncached = v == "0",
            _ => {}
        }
    }
    (cards.len() >= MIN_PRODUCTS).then(|| InvestState::new(cards, horizon, reinvest, uncached))
}
