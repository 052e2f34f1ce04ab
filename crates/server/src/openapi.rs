//! The OpenAPI 3.1 document of `/api/v1` (`GET /api/v1/openapi.json`) and its reference page
//! (`GET /api/v1/reference`), generated at start from the same Rust types the handlers parse
//! and print (the core's JSON Schema, feature `schema`): a renamed field changes the document.
//!
//! The operations are listed once, in [`operations`]; a test sends each documented operation to
//! the router and checks it is routed, so the document cannot name an endpoint that is not served.

use axum::http::header::CONTENT_TYPE;
use axum::response::{Html, IntoResponse, Response};
use loanlens_core::invest::{InvestRequest, InvestResponse};
use loanlens_core::mortgage::{MortgageRequest, MortgageResult};
use loanlens_core::schema::jsonschema::schemars::{JsonSchema, SchemaGenerator};
use loanlens_core::schema::jsonschema::{generator, reference};
use loanlens_core::schema::*;
use loanlens_core::scorecard::{PrecheckResult, Profile, Scorecard};
use serde_json::{json, Map, Value};
use std::sync::OnceLock;

/// One documented operation.
pub struct Operation {
    /// `get` or `post`.
    pub method: &'static str,
    /// The path under the server's root, e.g. `/api/v1/schedule`.
    pub path: &'static str,
    /// The OpenAPI `operationId`.
    pub id: &'static str,
    /// One line for the reference page.
    pub summary: &'static str,
    /// The request body's schema reference, if the operation takes one.
    pub request: Option<Value>,
    /// The success status and its body's schema reference.
    pub ok: (u16, Value),
    /// The error statuses besides those every operation may answer (408, 429, 500, 503).
    pub errors: &'static [u16],
    /// A valid request body (the reference page shows it; the contract fuzzer starts from it).
    pub example: Option<Value>,
    /// Header and path parameters (OpenAPI parameter objects).
    pub params: Vec<Value>,
    /// Another success status with the same body (200 for an earlier duplicate application).
    pub also_ok: Option<u16>,
    /// Whether the operation takes a bearer token (the status token).
    pub bearer: bool,
}

/// The error statuses a JSON body endpoint answers: bad field, too large, not JSON.
const BODY_ERRORS: &[u16] = &[400, 413, 415];

fn op<Req: JsonSchema, Resp: JsonSchema>(
    gen: &mut SchemaGenerator,
    (method, path, id, summary): Route,
    ok: u16,
    errors: &'static [u16],
) -> Operation {
    let request = (method == "post").then(|| reference::<Req>(gen));
    let ok = (ok, reference::<Resp>(gen));
    Operation {
        method,
        path,
        id,
        summary,
        request,
        ok,
        errors,
        example: None,
        params: Vec::new(),
        also_ok: None,
        bearer: false,
    }
}

impl Operation {
    fn with_example(mut self, example: Value) -> Self {
        self.example = Some(example);
        self
    }
}

fn loan() -> Value {
    json!({"principal": "1000000.00", "annual_rate": "0.049", "term_months": 360,
           "method": "equal_installment"})
}

/// Every `/api/v1` operation, each with the Rust types it reads and writes.
pub fn operations(gen: &mut SchemaGenerator) -> Vec<Operation> {
    use loanlens_core::application::{
        ApplicationCreated, ApplicationRequest, ApplicationStatusView,
    };
    let b = BODY_ERRORS;
    vec![
        op::<(), Health>(gen, GET_HEALTH, 200, &[]),
        op::<ScheduleRequest, Schedule>(gen, SCHEDULE, 200, b).with_example(loan()),
        op::<CompareRequest, CompareResponse>(gen, COMPARE, 200, b).with_example(json!({
            "principal": "1000000.00", "annual_rate": "0.049", "term_months": 360,
            "methods": ["equal_installment", "equal_principal"]
        })),
        op::<SolveRequest, SolveResponse>(gen, SOLVE, 200, b).with_example(json!({
            "solve": "max_principal", "payment": "5000.00", "annual_rate": "0.049",
            "term_months": 360, "method": "equal_installment"
        })),
        op::<XirrRequest, XirrResponse>(gen, XIRR, 200, b).with_example(json!({
            "flows": [{"date": "2026-01-01", "amount": "-10000.00"},
                      {"date": "2027-01-01", "amount": "11000.00"}]
        })),
        op::<InvestRequest, InvestResponse>(gen, INVEST, 200, b).with_example(json!({
            "products": [
                {"name": "A", "amount": "10000.00", "annual_rate": "0.10", "term_months": 12,
                 "structure": "equal_installment", "start_date": "2026-01-01"},
                {"name": "B", "amount": "10000.00", "annual_rate": "0.10", "term_months": 12,
                 "structure": "bullet", "start_date": "2026-01-01"}
            ]
        })),
        op::<MortgageRequest, MortgageResult>(gen, MORTGAGE, 200, b).with_example(json!({
            "loan_type": "combination", "house_price": "3000000.00", "down_payment_rate": "0.3",
            "term_months": 360, "disbursement_date": "2026-01-15", "repayment_day": 20,
            "housing_fund": {"amount": "1000000.00"},
            "commercial": {"spread_bp": -30, "assumed_lpr": {"from_date": "2027-01-01", "lpr": "0.033"}}
        })),
        op::<(), Scorecard>(gen, GET_SCORECARD, 200, &[]),
        op::<Profile, PrecheckResult>(gen, PRECHECK, 200, b).with_example(json!({
            "age": 32, "monthly_income": "15000.00", "employment": "salaried",
            "months_in_job": 36, "housing": "rent", "monthly_debt_payments": "2000.00"
        })),
        {
            let mut o = op::<ApplicationRequest, ApplicationCreated>(gen, APPLY, 201, APPLY_ERRORS);
            o.also_ok = Some(200);
            o.params.push(json!({
                "name": "Idempotency-Key", "in": "header", "required": true,
                "description": "One key per filled form: a retry with the same key and body gets the first answer again.",
                "schema": {"type": "string", "pattern": "^[A-Za-z0-9_-]{8,64}$"}
            }));
            o
        },
        {
            let mut o = op::<(), ApplicationStatusView>(gen, STATUS, 200, &[]);
            o.params.push(json!({"name": "id", "in": "path", "required": true,
                                 "schema": {"type": "string"}}));
            o.bearer = true;
            o
        },
    ]
}

/// `POST /api/v1/applications`: bad field, stale scorecard (409, with `current_version`),
/// declined or a reused key with another body (422, with `reasons` when declined), too large,
/// not JSON.
const APPLY_ERRORS: &[u16] = &[400, 409, 413, 415, 422];

type Route = (&'static str, &'static str, &'static str, &'static str);
const GET_HEALTH: Route =
    ("get", "/api/v1/health", "health", "Whether the server and its store answer.");
const SCHEDULE: Route =
    ("post", "/api/v1/schedule", "schedule", "A loan's repayment schedule, totals and APR.");
const COMPARE: Route =
    ("post", "/api/v1/compare", "compare", "The same loan under several repayment methods.");
const SOLVE: Route =
    ("post", "/api/v1/solve", "solve", "Maximum principal, minimum term or implied rate.");
const XIRR: Route = ("post", "/api/v1/xirr", "xirr", "Excel-compatible XIRR of dated flows.");
const INVEST: Route =
    ("post", "/api/v1/invest/compare", "investCompare", "Investment products side by side.");
const MORTGAGE: Route = (
    "post",
    "/api/v1/mortgage",
    "mortgage",
    "A housing loan (commercial, housing fund or both): each part's schedule, the combined one, APR.",
);
const GET_SCORECARD: Route =
    ("get", "/api/v1/scorecard", "scorecard", "The scorecard pre-checks are evaluated with.");
const PRECHECK: Route =
    ("post", "/api/v1/precheck", "precheck", "Score a profile: decision, grade, reasons.");
const APPLY: Route = (
    "post",
    "/api/v1/applications",
    "createApplication",
    "Submit a qualified application: re-scored by the server, stored once, personal data sealed.",
);
const STATUS: Route = (
    "get",
    "/api/v1/applications/{id}",
    "applicationStatus",
    "An application's status, with its status token as the bearer token (404 otherwise).",
);

/// `GET /api/v1/health`'s body.
#[derive(serde::Serialize, JsonSchema)]
#[schemars(crate = "loanlens_core::schema::jsonschema::schemars")]
#[allow(dead_code)] // Only its schema is used; the handler writes the same two fields.
pub struct Health {
    /// Always `"ok"` when the answer is 200.
    status: String,
    /// The v1 schema's version number.
    schema_version: u32,
}

/// The reason phrase the document gives each status.
fn status_text(code: u16) -> &'static str {
    match code {
        200 => "OK",
        201 => "Created",
        400 => "A field is missing, malformed or out of range; `error.field` names it",
        404 => "No such endpoint or resource",
        405 => "Method not allowed on this path",
        408 => "The request was not sent and answered in time",
        409 => "Conflict with the current state",
        413 => "Body too large",
        415 => "Body is not application/json",
        422 => "Understood but refused",
        429 => "Too many requests from this client; see Retry-After",
        500 => "Internal error (details are logged, never shown)",
        503 => "Overloaded; retry shortly",
        _ => "Error",
    }
}

/// The whole document, built once.
pub fn document() -> &'static Value {
    static DOC: OnceLock<Value> = OnceLock::new();
    DOC.get_or_init(build)
}

fn build() -> Value {
    let mut gen = generator();
    let error = reference::<ErrorBody>(&mut gen);
    let ops = operations(&mut gen);
    let mut paths = Map::new();
    for o in &ops {
        let mut responses = Map::new();
        for code in std::iter::once(o.ok.0).chain(o.also_ok) {
            responses.insert(
                code.to_string(),
                json!({"description": status_text(code),
                       "content": {"application/json": {"schema": o.ok.1}}}),
            );
        }
        for code in o.errors.iter().chain(&[404, 405, 408, 429, 500, 503]) {
            responses.insert(
                code.to_string(),
                json!({"description": status_text(*code),
                       "content": {"application/json": {"schema": error}}}),
            );
        }
        let mut operation = json!({
            "operationId": o.id,
            "summary": o.summary,
            "responses": responses,
        });
        if !o.params.is_empty() {
            operation["parameters"] = Value::Array(o.params.clone());
        }
        if o.bearer {
            operation["security"] = json!([{"statusToken": []}]);
        }
        if let Some(req) = &o.request {
            let mut media = json!({"schema": req});
            if let Some(ex) = &o.example {
                media["example"] = ex.clone();
            }
            operation["requestBody"] =
                json!({"required": true, "content": {"application/json": media}});
        }
        let item = paths.entry(o.path.to_string()).or_insert_with(|| json!({}));
        item[o.method] = operation;
    }
    json!({
        "openapi": "3.1.0",
        "jsonSchemaDialect": "https://json-schema.org/draft/2020-12/schema",
        "info": {
            "title": "LoanLens API",
            "version": format!("v{}", SCHEMA_VERSION),
            "description": "Loan schedules, APR (PBOC 2021: every fee included), solvers, XIRR, \
                investment returns, housing loans, the risk pre-check and applications. Decimals \
                travel as JSON strings; money has two decimals; rates are fractions (\"0.049\" = \
                4.9%). Every \
                error is {\"error\":{\"field\",\"message\"}} naming the field and the allowed range.",
        },
        "paths": paths,
        "components": {
            "schemas": gen.take_definitions(true),
            "securitySchemes": {"statusToken": {"type": "http", "scheme": "bearer",
                "description": "The status_token returned when the application was created."}},
        },
    })
}

/// `GET /api/v1/openapi.json`.
pub async fn openapi_json() -> Response {
    ([(CONTENT_TYPE, "application/json")], document().to_string()).into_response()
}

/// `GET /api/v1/reference`: the document as a plain HTML page (no script, no style: it works
/// under the strictest CSP and on any device).
pub async fn reference_page() -> Html<String> {
    Html(crate::openapi_html::render(document()))
}
