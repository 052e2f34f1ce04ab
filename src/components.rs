//! The UI, one part per file: a Yew `#[component]` (props right above it) where the part keeps
//! state of its own, otherwise a plain view function, which costs the bundle less.

pub mod apply_link;
pub mod charts;
pub mod compare_methods;
pub mod compare_offers;
pub mod loan_form;
pub mod number_field;
pub mod prepay_panel;
pub mod schedule_table;
pub mod share_bar;
pub mod short_link;
pub mod solver;
pub mod summary;
