//! JSON Schema (draft 2020-12) of the v1 types, derived from the same Rust types that parse and
//! print them (feature `schema`). The server's OpenAPI 3.1 document and the SDK's TypeScript
//! types are both generated from [`v1_schemas`], so a renamed field changes all three at once.
//!
//! Each type's schema follows its serde form: unknown fields refused (`additionalProperties:
//! false`), optional fields not required, enums as their snake_case names, and every decimal as
//! a JSON string ([`DecStr`]), never a number.

use schemars::generate::{Contract, SchemaGenerator, SchemaSettings};
use schemars::{json_schema, JsonSchema, Schema};
use serde_json::{Map, Value};
use std::borrow::Cow;

pub use schemars;

/// The schema of a decimal as the v1 schema writes it: a plain decimal in a JSON string
/// (`"1000000.00"`, `"0.049"`, `"-3"`), at most 40 characters; see
/// [`dec_str`](crate::schema::dec_str). Ranges are each field's own and named in its docs.
#[derive(Debug, Clone, Copy)]
pub struct DecStr;

impl JsonSchema for DecStr {
    fn schema_name() -> Cow<'static, str> {
        "Decimal".into()
    }

    fn json_schema(_: &mut SchemaGenerator) -> Schema {
        json_schema!({
            "type": "string",
            "pattern": "^-?([0-9]+(\\.[0-9]*)?|\\.[0-9]+)$",
            "maxLength": 40,
            "description": "A decimal written as a JSON string, e.g. \"1000000.00\" or \"0.049\"."
        })
    }
}

/// Where schemas point to each other: an OpenAPI document's components, so the map that
/// [`v1_schemas`] returns drops straight into `components.schemas`.
pub const DEFINITIONS_PATH: &str = "/components/schemas";

/// A generator for the v1 types: draft 2020-12 with references into [`DEFINITIONS_PATH`], and
/// the deserialising contract (what the types accept; what they print is a subset of it).
pub fn generator() -> SchemaGenerator {
    let mut settings = SchemaSettings::draft2020_12();
    settings.definitions_path = DEFINITIONS_PATH.into();
    settings.contract = Contract::Deserialize;
    settings.into_generator()
}

/// Adds `T` (and every type it uses) to `gen`'s definitions and returns a reference to it.
pub fn reference<T: JsonSchema>(gen: &mut SchemaGenerator) -> Value {
    gen.subschema_for::<T>().to_value()
}

/// Every type of the v1 schema by name: the request and response of each endpoint, the error
/// body, the scorecard document and the pre-check's profile and result.
///
/// ```
/// let all = loanlens_core::schema::jsonschema::v1_schemas();
/// let req = &all["ScheduleRequest"];
/// assert_eq!(req["additionalProperties"], false);
/// assert_eq!(req["properties"]["principal"]["$ref"], "#/components/schemas/Decimal");
/// assert_eq!(all["Decimal"]["type"], "string");
/// ```
pub fn v1_schemas() -> Map<String, Value> {
    use crate::invest::{InvestRequest, InvestResponse};
    use crate::schema::*;
    use crate::scorecard::{PrecheckResult, Profile, Scorecard};
    let mut gen = generator();
    reference::<ErrorBody>(&mut gen);
    reference::<ScheduleRequest>(&mut gen);
    reference::<Schedule>(&mut gen);
    reference::<CompareRequest>(&mut gen);
    reference::<CompareResponse>(&mut gen);
    reference::<SolveRequest>(&mut gen);
    reference::<SolveResponse>(&mut gen);
    reference::<XirrRequest>(&mut gen);
    reference::<XirrResponse>(&mut gen);
    reference::<InvestRequest>(&mut gen);
    reference::<InvestResponse>(&mut gen);
    reference::<crate::mortgage::MortgageRequest>(&mut gen);
    reference::<crate::mortgage::MortgageResult>(&mut gen);
    reference::<Scorecard>(&mut gen);
    reference::<Profile>(&mut gen);
    reference::<PrecheckResult>(&mut gen);
    reference::<crate::application::ApplicationRequest>(&mut gen);
    reference::<crate::application::ApplicationCreated>(&mut gen);
    gen.take_definitions(true)
}
