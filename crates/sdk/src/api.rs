//! The SDK's entry points as text in, text out: a v1 request as JSON text, the v1 response (or
//! the v1 error object) as JSON text. The wasm exports and the parity test call these.
//!
//! Each function mirrors one server handler (crates/server/src/lib.rs, precheck.rs, invest.rs,
//! mortgage.rs):
//! the body goes through the core's `from_json` (what the server's `V1Json` extractor calls),
//! the core function computes, and `serde_json` writes the answer (what axum's `Json` does).
//! Each function is behind its capability's feature (`loans`, `precheck`, `invest`,
//! `mortgage`; Cargo.toml), as are its wasm exports.

#[cfg(feature = "invest")]
use loanlens_core::invest::InvestRequest;
#[cfg(feature = "mortgage")]
use loanlens_core::mortgage::MortgageRequest;
use loanlens_core::schema::{from_json, ErrorBody};
#[cfg(feature = "loans")]
use loanlens_core::schema::{CompareRequest, ScheduleRequest, SolveRequest, XirrRequest};
#[cfg(feature = "precheck")]
use loanlens_core::scorecard::{self, CardError, Profile, ValidScorecard};
use loanlens_core::InputError;
use serde::de::DeserializeOwned;
use serde::Serialize;
#[cfg(feature = "precheck")]
use std::sync::OnceLock;

/// `POST /api/v1/schedule`: a repayment schedule with totals, APR and flags.
#[cfg(feature = "loans")]
pub fn schedule(request: &str) -> String {
    answer(request, |r: &ScheduleRequest| loanlens_core::schedule(r))
}

/// A schedule's table as whole cents, one column per figure, for callers that want numbers
/// rather than the v1 response: `schedule`'s rows (same engine, same rounding), the APR, and no
/// JSON on the way out. Cents are exact in an `f64` (every amount is below 2^53 cents).
#[cfg(feature = "loans")]
#[derive(Debug, Clone, PartialEq)]
pub struct Table {
    /// The columns of [`COLUMNS`] one after another, each [`Table::rows`] long: one buffer, so
    /// the JavaScript side copies it once and views each column.
    pub cells: Vec<f64>,
    /// The number of rows (periods).
    pub rows: usize,
    /// The APR as the v1 response gives it (`monthly`, `nominal`, `effective`); `None` for the
    /// rows alone.
    pub apr: Option<loanlens_core::schema::Apr>,
}

/// The table's columns in [`Table::cells`] order: each row's payment, principal, interest, fee
/// and balance after it, in cents.
#[cfg(feature = "loans")]
pub const COLUMNS: [&str; 5] = ["payment", "principal", "interest", "fee", "balance"];

#[cfg(feature = "loans")]
impl Table {
    /// Column `i` of [`COLUMNS`].
    pub fn column(&self, i: usize) -> &[f64] {
        &self.cells[i * self.rows..(i + 1) * self.rows]
    }
}

/// [`schedule`] as a [`Table`] (the core's `schedule::cents_table`), with the APR solved when
/// `with_apr` is set (the rows alone are refused exactly where `schedule` refuses them); a bad
/// request, or a figure beyond 2^53 cents (¥90 trillion, where an `f64` stops being exact),
/// answers the v1 error object as JSON text.
#[cfg(feature = "loans")]
pub fn schedule_table(request: &str, with_apr: bool) -> Result<Table, String> {
    let t = from_json::<ScheduleRequest>(request)
        .and_then(|r| loanlens_core::schedule::cents_table(&r, with_apr))
        .map_err(error)?;
    let rows = t.payment.len();
    let mut cells = vec![0f64; COLUMNS.len() * rows];
    let columns = [&t.payment, &t.principal, &t.interest, &t.fee, &t.balance];
    for (cells, column) in cells.chunks_exact_mut(rows.max(1)).zip(columns) {
        for (cell, &x) in cells.iter_mut().zip(column.iter()) {
            *cell = x as f64;
        }
    }
    // An i64 at or beyond 2^53 converts to a float at or beyond 2^53 (2^53 itself is exact).
    if cells.iter().any(|x| x.abs() >= 9_007_199_254_740_992.0) {
        return Err(error(InputError::new(
            "principal",
            "gives figures beyond 2^53 cents, which a JavaScript number cannot hold exactly: use \
             schedule() for exact decimals",
        )));
    }
    Ok(Table { cells, rows, apr: t.apr })
}

/// `POST /api/v1/compare`: the same loan under several methods.
#[cfg(feature = "loans")]
pub fn compare(request: &str) -> String {
    answer(request, |r: &CompareRequest| loanlens_core::compare(r))
}

/// `POST /api/v1/solve`: the largest principal, the shortest term or the implied rate.
#[cfg(feature = "loans")]
pub fn solve(request: &str) -> String {
    answer(request, |r: &SolveRequest| loanlens_core::solve(r))
}

/// `POST /api/v1/xirr`: the annual rate of dated cash flows.
#[cfg(feature = "loans")]
pub fn xirr(request: &str) -> String {
    answer(request, |r: &XirrRequest| loanlens_core::xirr(r))
}

/// `POST /api/v1/invest/compare`: 2 to 8 investment products side by side.
#[cfg(feature = "invest")]
pub fn invest(request: &str) -> String {
    answer(request, |r: &InvestRequest| loanlens_core::invest::compare(r))
}

/// `POST /api/v1/mortgage`: a housing loan (commercial, housing fund or both) with each part's
/// schedule and the combined one.
#[cfg(feature = "mortgage")]
pub fn mortgage(request: &str) -> String {
    answer(request, |r: &MortgageRequest| loanlens_core::mortgage::compute(r))
}

/// `POST /api/v1/precheck`: a profile scored with `card` (a scorecard document as JSON text),
/// or with the default card the server ships when `card` is `None`. A card that is not valid
/// answers the error object for its first problem, the field prefixed with `card.` (`card`
/// alone when the problem is the whole document).
#[cfg(feature = "precheck")]
pub fn precheck(profile: &str, card: Option<&str>) -> String {
    static DEFAULT: OnceLock<ValidScorecard> = OnceLock::new();
    let custom;
    let card = match card {
        None => DEFAULT.get_or_init(scorecard::default_scorecard),
        Some(text) => match scorecard::from_json(text) {
            Ok(c) => {
                custom = c;
                &custom
            }
            Err(errors) => return error(card_error(errors)),
        },
    };
    answer(profile, |p: &Profile| scorecard::evaluate(card, p))
}

/// `GET /api/v1/scorecard`: the default card's document. It is the shipped JSON itself
/// (`DEFAULT_SCORECARD_JSON`), which the parity test holds equal, field for field, to what the
/// server renders from the checked card; rendering it here would take every serialiser of the
/// card's types into the WebAssembly for nothing (1.4 KB gzip).
#[cfg(feature = "precheck")]
pub fn default_scorecard() -> String {
    scorecard::DEFAULT_SCORECARD_JSON.to_string()
}

#[cfg(feature = "precheck")]
fn card_error(errors: Vec<CardError>) -> InputError {
    let Some(first) = errors.into_iter().next() else {
        return InputError::new("card", "is not a valid scorecard");
    };
    let field = match first.place.as_str() {
        "" | "body" => "card".to_string(),
        place => format!("card.{place}"),
    };
    InputError::new(field, first.message)
}

fn answer<Req: DeserializeOwned, Resp: Serialize>(
    request: &str,
    compute: impl FnOnce(&Req) -> Result<Resp, InputError>,
) -> String {
    match from_json::<Req>(request).and_then(|r| compute(&r)) {
        Ok(response) => json(&response),
        Err(e) => error(e),
    }
}

/// The v1 error object, as the server's `ApiError::Input` writes it.
pub fn error(e: InputError) -> String {
    json(&ErrorBody { error: e })
}

fn json<T: Serialize>(value: &T) -> String {
    // The core's response types always serialise (strings, integers and decimals as strings);
    // should one ever not, the caller still gets an error object rather than a panic.
    serde_json::to_string(value).unwrap_or_else(|_| {
        r#"{"error":{"field":"response","message":"could not be encoded"}}"#.to_string()
    })
}

#[cfg(all(test, feature = "loans"))]
mod tests {
    use super::*;
    use rust_decimal::Decimal;

    /// The table holds `schedule`'s own figures, to the cent, row for row.
    #[test]
    fn the_table_is_the_schedule_in_cents() {
        for req in [
            r#"{"principal":"1000000.00","annual_rate":"0.049","term_months":360,"method":"equal_installment"}"#,
            r#"{"principal":"12345.67","annual_rate":"0.18","term_months":24,"method":"equal_principal","monthly_fee_rate":"0.003","upfront_fee":"100"}"#,
            r#"{"principal":"300000","annual_rate":"0.039","term_months":120,"method":"equal_installment","payment_frequency":"quarterly","prepayments":[{"period":4,"amount":"50000","mode":"reduce_payment"}]}"#,
        ] {
            let full: serde_json::Value = serde_json::from_str(&schedule(req)).unwrap();
            let t = schedule_table(req, true).unwrap();
            let alone = schedule_table(req, false).unwrap();
            assert_eq!((&alone.cells, alone.rows, alone.apr), (&t.cells, t.rows, None));
            let rows = full["rows"].as_array().unwrap();
            assert_eq!(t.rows, rows.len());
            for (i, row) in rows.iter().enumerate() {
                for (c, name) in COLUMNS.iter().enumerate() {
                    let col = t.column(c);
                    let want: Decimal = row[*name].as_str().unwrap().parse().unwrap();
                    assert_eq!(
                        Decimal::from(col[i] as i64),
                        want * Decimal::ONE_HUNDRED,
                        "{name} {i}"
                    );
                }
            }
            assert_eq!(serde_json::to_value(t.apr.unwrap()).unwrap(), full["apr"]);
        }
        assert_eq!(t_payment_first(), 530727.0);
        let e = schedule_table(
            r#"{"principal":"0","annual_rate":"0.05","term_months":12,"method":"bullet"}"#,
            false,
        );
        assert!(e.unwrap_err().starts_with(r#"{"error":{"field":"principal""#));
        // The rows alone keep the APR limit: a fee that puts the APR beyond 1,000,000% a year
        // is refused with the schedule's own error.
        let fee = r#"{"principal":"1000","annual_rate":"0.05","term_months":1,"method":"bullet","upfront_fee":"990"}"#;
        let refused: serde_json::Value = serde_json::from_str(&schedule(fee)).unwrap();
        assert_eq!(refused["error"]["field"], "upfront_fee", "{refused}");
        assert_eq!(schedule_table(fee, false).unwrap_err(), refused.to_string());
    }

    fn t_payment_first() -> f64 {
        schedule_table(r#"{"principal":"1000000.00","annual_rate":"0.049","term_months":360,"method":"equal_installment"}"#, true)
            .unwrap()
            .column(0)[0]
    }
}
