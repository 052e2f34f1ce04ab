//! LoanLens single-page app (Yew → WebAssembly).
//!
//! Code map: `app` (route and language), `state` (the pure reducer and what feeds it, testable
//! on the host), `callbacks` (DOM events → reducer actions), `components` (one UI part per file:
//! a Yew component where it has state of its own, else a view function), `view` (shared markup),
//! `format` (how numbers are shown), `i18n` (every user-visible string, zh-CN and en). The calculator makes no HTTP call. `precheck` is the pre-check page, its own entry point
//! (`src/bin/precheck.rs`); `invest` the investor page (`src/bin/invest.rs`).

pub mod admin;
pub mod app;
pub mod apply;
pub mod callbacks;
pub mod components;
pub mod format;
pub mod handoff;
pub mod i18n;
pub mod invest;
pub mod mortgage;
pub mod net;
pub mod precheck;
pub mod state;
pub mod view;
