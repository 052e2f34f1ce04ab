//! Prints the v1 JSON Schema as one document for npm `json-schema-to-typescript` (`json2ts`),
//! which writes the SDK's TypeScript types from it (`./x build`, docs/sdk.md). The schemas are
//! the core's [`v1_schemas`] (the same ones the server's OpenAPI document carries), so a renamed
//! or retyped field changes the `.d.ts`, and `./x test` compiles an example against it with
//! `tsc --strict`: the build breaks, not a partner's page.
//!
//! The document is an object whose properties name every type (json2ts declares each type a
//! `$ref` reaches, under its own name); references are rewritten from the OpenAPI
//! components path to `#/$defs/`.

use loanlens_core::schema::jsonschema::{v1_schemas, DEFINITIONS_PATH};
use serde_json::{json, Map, Value};

fn main() {
    let defs = v1_schemas();
    let from = format!("#{DEFINITIONS_PATH}/");
    let properties: Map<String, Value> = defs
        .keys()
        .map(|name| (name.clone(), json!({ "$ref": format!("{from}{name}") })))
        .collect();
    let mut doc = json!({
        "$schema": "https://json-schema.org/draft/2020-12/schema",
        "title": "LoanLensV1",
        "description": "Every type of the LoanLens v1 JSON schema.",
        "type": "object",
        "properties": properties,
        "additionalProperties": false,
        "$defs": defs,
    });
    rewrite_refs(&mut doc, &from);
    println!("{doc:#}");
}

/// Points every `$ref` at `#/$defs/<Name>` instead of `<from><Name>`, and drops the keywords
/// beside it.
fn rewrite_refs(v: &mut Value, from: &str) {
    match v {
        Value::Object(m) => {
            // A `$ref` with sibling keywords (a field's description) makes json2ts declare a
            // second copy of the type (`Apr1`); the type's own docs stay on its declaration.
            if m.contains_key("$ref") {
                m.retain(|k, _| k == "$ref");
            }
            for (k, c) in m.iter_mut() {
                match c {
                    Value::String(s) if k == "$ref" => {
                        if let Some(name) = s.strip_prefix(from) {
                            *s = format!("#/$defs/{name}");
                        }
                    }
                    _ => rewrite_refs(c, from),
                }
            }
        }
        Value::Array(a) => a.iter_mut().for_each(|c| rewrite_refs(c, from)),
        _ => {}
    }
}
