//! LoanLens single-page app (Yew → WebAssembly).
//!
//! Code map: `app` (route and language), `state` (pure reducers, testable on the host),
//! `format` (how numbers are shown), `i18n` (every user-visible string, zh-CN and en),
//! `components` (one component per file), `api` (the only HTTP calls). `precheck` is the
//! pre-check page, its own entry point (`src/bin/precheck.rs`).

pub mod api;
pub mod app;
pub mod components;
pub mod format;
pub mod i18n;
pub mod precheck;
pub mod state;
pub mod view;
