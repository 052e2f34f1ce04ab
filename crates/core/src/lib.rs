//! LoanLens core: every number the product shows is computed here.
//!
//! The crate is pure: it does no IO, spawns nothing, and depends on no web, async or database
//! crate, so it compiles unchanged to `wasm32-unknown-unknown` (the browser) and to the host
//! (server, CLI) and gives the same answers on both.
//!
//! Money conventions follow `docs/money.md` (a copy of the product's money spec plus every
//! further choice): all money is [`rust_decimal::Decimal`], rounded half-up to the cent at the
//! single place [`money::round_money`], with exact intermediates.
//!
//! ```
//! use loanlens_core::schema::ScheduleRequest;
//! let req: ScheduleRequest = loanlens_core::schema::from_json(
//!     r#"{"principal":"1000000.00","annual_rate":"0.049","term_months":360,"method":"equal_installment"}"#,
//! ).unwrap();
//! let schedule = loanlens_core::schedule(&req).unwrap();
//! assert_eq!(schedule.first_payment.to_string(), "5307.27");
//! ```

pub mod application;
pub mod apr;
pub mod compare;
pub mod dates;
pub mod error;
pub mod invest;
pub mod money;
pub mod mortgage;
pub mod schedule;
pub mod schema;
pub mod scorecard;
pub mod solve;
pub mod xirr;

pub use compare::compare;
pub use error::InputError;
pub use schedule::schedule;
pub use solve::solve;
pub use xirr::xirr;
