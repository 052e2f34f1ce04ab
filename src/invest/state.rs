//! The investor page's state as a pure reducer: the cards as typed, the horizon, every inline
//! error and the last comparison. No DOM here, so all of it is tested on the host.
//!
//! Invariants: the figures shown are `loanlens_core::invest::compare`'s for the cards as typed
//! (through [`compare_cached`], which equals `compare` whatever its cache holds: only the
//! product that changed is computed again); while any field is refused the last figures stay,
//! marked stale; there are always 2 to 8 cards.

use super::card::{field_of, parse_rate, problem_of, Card, Field, Preset, Problem};
use loanlens_core::invest::{
    compare, compare_cached, Cache, InvestRequest, InvestResponse, MAX_PRODUCTS, MIN_PRODUCTS,
};
use std::cell::RefCell;
use std::rc::Rc;
use yew::Reducible;

/// The page's state.
#[derive(Clone)]
pub struct InvestState {
    /// The product cards, 2 to 8.
    pub cards: Vec<Card>,
    /// The horizon date as typed (blank: no terminal wealth).
    pub horizon: String,
    /// The reinvestment rate in % as typed.
    pub reinvest: String,
    /// Each card's field errors.
    pub errors: Vec<Vec<(Field, Problem)>>,
    /// Each card's own error (its figures cannot be computed).
    pub card_errors: Vec<Option<Problem>>,
    /// The horizon's error, the reinvestment rate's error.
    pub horizon_error: Option<Problem>,
    pub reinvest_error: Option<Problem>,
    /// The last comparison (of the cards as typed, unless `stale`).
    pub result: Option<Rc<InvestResponse>>,
    /// Whether `result` is from earlier input (something typed now is refused).
    pub stale: bool,
    /// The core's per-product cache, shared by the states a reducer produces.
    cache: Rc<RefCell<Cache>>,
    /// Compute every product on every change (`?cache=0`, the benchmark's reference).
    pub uncached: bool,
}

impl PartialEq for InvestState {
    fn eq(&self, o: &Self) -> bool {
        self.cards == o.cards
            && self.horizon == o.horizon
            && self.reinvest == o.reinvest
            && self.errors == o.errors
            && self.card_errors == o.card_errors
            && self.horizon_error == o.horizon_error
            && self.reinvest_error == o.reinvest_error
            && self.result == o.result
            && self.stale == o.stale
    }
}

/// What a person does.
#[derive(Debug, Clone, PartialEq)]
pub enum Action {
    /// A card's field changed.
    Set(usize, Field, String),
    /// The horizon date changed.
    Horizon(String),
    /// The reinvestment rate changed.
    Reinvest(String),
    /// Add a card from a preset, named `name` (the page's translated label).
    Add(Preset, String),
    /// Duplicate a card (placed after it, named with `suffix`).
    Duplicate(usize, String),
    /// Remove a card.
    Remove(usize),
}

impl InvestState {
    /// A state over these cards and horizon, computed.
    pub fn new(cards: Vec<Card>, horizon: String, reinvest: String, uncached: bool) -> Self {
        let n = cards.len();
        let mut s = InvestState {
            cards,
            horizon,
            reinvest,
            errors: vec![Vec::new(); n],
            card_errors: vec![None; n],
            horizon_error: None,
            reinvest_error: None,
            result: None,
            stale: false,
            cache: Rc::default(),
            uncached,
        };
        s.recompute();
        s
    }

    /// The page a first visit sees: one 10,000 at 10% for 12 months in each of the three
    /// structures investors meet most, from `start`, compared one year later reinvesting at 2%.
    pub fn first_visit(names: [&str; 3], start: &str, horizon: &str) -> Self {
        let mut cards: Vec<Card> = [Preset::Installment, Preset::InterestOnly, Preset::Bullet]
            .iter()
            .zip(names)
            .map(|(p, n)| p.card(n, start))
            .collect();
        for c in &mut cards {
            c.rate = "10".into();
        }
        InvestState::new(cards, horizon.into(), "2".into(), false)
    }

    /// The error shown at card `i`'s field `f`.
    pub fn error(&self, i: usize, f: Field) -> Option<Problem> {
        self.errors.get(i)?.iter().find(|(g, _)| *g == f).map(|(_, p)| *p)
    }

    /// Whether anything typed is refused.
    pub fn has_errors(&self) -> bool {
        self.errors.iter().any(|e| !e.is_empty())
            || self.card_errors.iter().any(Option::is_some)
            || self.horizon_error.is_some()
            || self.reinvest_error.is_some()
    }

    /// The core's request for the cards as typed, or `None` after recording every problem.
    fn request(&mut self) -> Option<InvestRequest> {
        let n = self.cards.len();
        self.errors = vec![Vec::new(); n];
        self.card_errors = vec![None; n];
        self.horizon_error = None;
        self.reinvest_error = None;
        let mut products = Vec::with_capacity(n);
        for (i, c) in self.cards.iter().enumerate() {
            match c.product() {
                Ok(p) => products.push(p),
                Err(e) => self.errors[i] = e,
            }
        }
        let horizon = self.horizon.trim();
        let reinvest = self.reinvest.trim();
        let (horizon_date, reinvestment_rate) = match (horizon.is_empty(), reinvest.is_empty()) {
            (true, true) => (None, None),
            (false, true) => {
                self.reinvest_error = Some(Problem::Pair);
                (None, None)
            }
            (true, false) => {
                self.horizon_error = Some(Problem::Pair);
                (None, None)
            }
            (false, false) => {
                let d = crate::state::parse::parse_date(horizon).map_err(|_| Problem::Date);
                // Checked here too (the core checks it again) so that it shows while another
                // field is being fixed: dates as YYYY-MM-DD compare as text.
                let start = |c: &Card| crate::state::parse::parse_date(&c.start).ok();
                let early = |d: &String| self.cards.iter().filter_map(start).any(|s| s > *d);
                let d = d.and_then(|d| if early(&d) { Err(Problem::Horizon) } else { Ok(d) });
                let r = parse_rate(reinvest);
                self.horizon_error = d.as_ref().err().copied();
                self.reinvest_error = r.as_ref().err().copied();
                (d.ok(), r.ok())
            }
        };
        if self.has_errors() {
            return None;
        }
        Some(InvestRequest { products, horizon_date, reinvestment_rate })
    }

    /// Validates what is typed and compares the products (only the changed one is computed).
    fn recompute(&mut self) {
        let Some(req) = self.request() else {
            self.stale = self.result.is_some();
            return;
        };
        let out = if self.uncached {
            compare(&req)
        } else {
            compare_cached(&req, &mut self.cache.borrow_mut())
        };
        match out {
            Ok(r) => {
                self.result = Some(Rc::new(r));
                self.stale = false;
            }
            Err(e) => {
                match (e.field.as_str(), field_of(&e.field)) {
                    ("horizon_date", _) => self.horizon_error = Some(Problem::Horizon),
                    ("reinvestment_rate", _) => self.reinvest_error = Some(Problem::Rate),
                    (_, (Some(i), Some(f))) if i < self.cards.len() => {
                        self.errors[i].push((f, problem_of(Some(f))));
                    }
                    (_, (Some(i), None)) if i < self.cards.len() => {
                        self.card_errors[i] = Some(Problem::Product);
                    }
                    // `products` (the count): the page keeps 2 to 8 cards, so this cannot show;
                    // mark the first card rather than lose the error.
                    _ => self.card_errors[0] = Some(Problem::Product),
                }
                self.stale = self.result.is_some();
            }
        }
    }
}

impl Reducible for InvestState {
    type Action = Action;

    fn reduce(self: Rc<Self>, action: Action) -> Rc<Self> {
        let mut s = (*self).clone();
        let n = s.cards.len();
        match action {
            Action::Set(i, f, v) if i < n => s.cards[i].set(f, v),
            Action::Horizon(v) => s.horizon = v,
            Action::Reinvest(v) => s.reinvest = v,
            Action::Add(p, name) if n < MAX_PRODUCTS => {
                let start = s.cards.last().map(|c| c.start.clone()).unwrap_or_default();
                s.cards.push(p.card(&name, &start));
            }
            Action::Duplicate(i, suffix) if i < n && n < MAX_PRODUCTS => {
                let mut c = s.cards[i].clone();
                let max = loanlens_core::invest::MAX_NAME_CHARS - suffix.chars().count();
                c.name = c.name.chars().take(max).collect::<String>() + &suffix;
                s.cards.insert(i + 1, c);
            }
            Action::Remove(i) if i < n && n > MIN_PRODUCTS => {
                s.cards.remove(i);
            }
            _ => return self,
        }
        s.recompute();
        Rc::new(s)
    }
}
