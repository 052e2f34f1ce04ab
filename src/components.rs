//! UI components, one per file, props right above each component.

pub mod apply_form;
pub mod number_field;
pub mod schedule_table;
pub mod summary;
