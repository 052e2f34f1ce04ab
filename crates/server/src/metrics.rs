//! Prometheus text metrics at `/metrics`: requests and their latency by route, method and
//! status, applications stored, and input errors by field.
//!
//! Invariants:
//! - Label values come from a bounded set: routes are route patterns (never raw paths), methods
//!   the standard ones, fields are normalised (`rows[3].x` → `rows[].x`, at most 64 characters
//!   of `[A-Za-z0-9_.[]-]`) and at most [`MAX_FIELDS`] distinct ones are kept, so no client can
//!   grow the registry without bound.
//! - `/metrics` answers only clients on a loopback address unless `LOANLENS_METRICS_PUBLIC=1`;
//!   others get the API's 404, as if it did not exist. Behind a reverse proxy on the same host
//!   every client looks local: block `/metrics` at the proxy.

use crate::error::{ApiError, ErrorField};
use axum::extract::{ConnectInfo, MatchedPath, Request, State};
use axum::http::{header, Method};
use axum::middleware::Next;
use axum::response::{IntoResponse, Response};
use std::collections::BTreeMap;
use std::fmt::Write;
use std::net::SocketAddr;
use std::sync::{Arc, Mutex};
use std::time::Instant;

/// Upper bounds of the latency histogram buckets, in seconds.
pub const BUCKETS: [f64; 14] =
    [0.0005, 0.001, 0.0025, 0.005, 0.01, 0.025, 0.05, 0.1, 0.25, 0.5, 1.0, 2.5, 5.0, 10.0];

/// Most distinct `field` labels kept; later ones count under `other`.
pub const MAX_FIELDS: usize = 256;

/// Where the route label of a request is kept (an outer layer sees the nested router's route
/// only through this).
#[derive(Debug, Clone)]
struct RouteLabel(String);

#[derive(Debug, Default, Clone)]
struct Series {
    count: u64,
    sum: f64,
    buckets: [u64; BUCKETS.len()],
}

#[derive(Debug, Default)]
struct Registry {
    requests: BTreeMap<(String, &'static str, u16), Series>,
    input_errors: BTreeMap<String, u64>,
    applications_stored: u64,
}

/// The metrics of one server.
#[derive(Debug, Default)]
pub struct Metrics {
    public: bool,
    registry: Mutex<Registry>,
}

impl Metrics {
    /// A registry; `public` lets every client read `/metrics` (`LOANLENS_METRICS_PUBLIC=1`).
    pub fn new(public: bool) -> Self {
        Metrics { public, registry: Mutex::default() }
    }

    fn record(&self, route: String, method: &'static str, status: u16, secs: f64, stored: bool) {
        let mut r = self.registry.lock().unwrap_or_else(|e| e.into_inner());
        let s = r.requests.entry((route.clone(), method, status)).or_default();
        s.count += 1;
        s.sum += secs;
        for (b, le) in s.buckets.iter_mut().zip(BUCKETS) {
            if secs <= le {
                *b += 1;
            }
        }
        if stored {
            r.applications_stored += 1;
        }
    }

    fn record_input_error(&self, field: &str) {
        let label = normalise_field(field);
        let mut r = self.registry.lock().unwrap_or_else(|e| e.into_inner());
        let n = r.input_errors.len();
        let key = if r.input_errors.contains_key(&label) || n < MAX_FIELDS {
            label
        } else {
            "other".to_string()
        };
        *r.input_errors.entry(key).or_default() += 1;
    }

    /// The registry in Prometheus text format 0.0.4.
    pub fn render(&self) -> String {
        let r = self.registry.lock().unwrap_or_else(|e| e.into_inner());
        let mut o = String::new();
        o.push_str(
            "# HELP loanlens_http_requests_total HTTP requests answered.\n\
             # TYPE loanlens_http_requests_total counter\n",
        );
        for ((route, method, status), s) in &r.requests {
            let _ = writeln!(
                o,
                "loanlens_http_requests_total{{route=\"{route}\",method=\"{method}\",\
                 status=\"{status}\"}} {}",
                s.count
            );
        }
        o.push_str(
            "# HELP loanlens_http_request_duration_seconds Time to answer a request.\n\
             # TYPE loanlens_http_request_duration_seconds histogram\n",
        );
        for ((route, method, status), s) in &r.requests {
            let labels = format!("route=\"{route}\",method=\"{method}\",status=\"{status}\"");
            let name = "loanlens_http_request_duration_seconds";
            for (n, le) in s.buckets.iter().zip(BUCKETS) {
                let _ = writeln!(o, "{name}_bucket{{{labels},le=\"{le}\"}} {n}");
            }
            let _ = writeln!(o, "{name}_bucket{{{labels},le=\"+Inf\"}} {}", s.count);
            let _ = writeln!(o, "{name}_sum{{{labels}}} {}", s.sum);
            let _ = writeln!(o, "{name}_count{{{labels}}} {}", s.count);
        }
        let _ = write!(
            o,
            "# HELP loanlens_applications_stored_total Applications stored since the start.\n\
             # TYPE loanlens_applications_stored_total counter\n\
             loanlens_applications_stored_total {}\n",
            r.applications_stored
        );
        o.push_str(
            "# HELP loanlens_input_errors_total Requests refused for invalid input (the body \
             or the engine's rules), by field.\n\
             # TYPE loanlens_input_errors_total counter\n",
        );
        for (field, n) in &r.input_errors {
            let _ = writeln!(o, "loanlens_input_errors_total{{field=\"{field}\"}} {n}");
        }
        o
    }
}

/// A field path as a bounded label: array indices dropped, unexpected characters replaced.
fn normalise_field(field: &str) -> String {
    let mut out = String::new();
    let mut in_index = false;
    for c in field.chars() {
        match c {
            '[' => {
                in_index = true;
                out.push('[');
            }
            ']' => {
                in_index = false;
                out.push(']');
            }
            _ if in_index && c.is_ascii_digit() => {}
            c if c.is_ascii_alphanumeric() || matches!(c, '_' | '.' | '-') => out.push(c),
            _ => out.push('_'),
        }
        if out.len() >= 64 {
            break;
        }
    }
    out
}

fn method_label(m: &Method) -> &'static str {
    match *m {
        Method::GET => "GET",
        Method::POST => "POST",
        Method::HEAD => "HEAD",
        Method::PUT => "PUT",
        Method::DELETE => "DELETE",
        Method::OPTIONS => "OPTIONS",
        Method::PATCH => "PATCH",
        _ => "other",
    }
}

/// Keeps the matched route of a (possibly nested) router for [`middleware`]. Apply it with
/// `route_layer` on the router whose routes should be named.
pub async fn remember_route(req: Request, next: Next) -> Response {
    let route = req.extensions().get::<MatchedPath>().map(|m| m.as_str().to_owned());
    let mut resp = next.run(req).await;
    if let Some(r) = route {
        resp.extensions_mut().insert(RouteLabel(r));
    }
    resp
}

/// Counts and times every request.
pub async fn middleware(State(m): State<Arc<Metrics>>, req: Request, next: Next) -> Response {
    let start = Instant::now();
    let method = method_label(req.method());
    let matched = req.extensions().get::<MatchedPath>().map(|p| p.as_str().to_owned());
    let api = req.uri().path().starts_with("/api/");
    let resp = next.run(req).await;
    let route = match (resp.extensions().get::<RouteLabel>(), matched) {
        (Some(RouteLabel(r)), _) => r.clone(),
        (None, Some(r)) if !r.contains('*') => r,
        _ if api => "/api/unmatched".to_string(),
        _ => "static".to_string(),
    };
    if let Some(ErrorField(field)) = resp.extensions().get::<ErrorField>() {
        m.record_input_error(field);
    }
    let stored = resp.extensions().get::<Stored>().is_some();
    m.record(route, method, resp.status().as_u16(), start.elapsed().as_secs_f64(), stored);
    resp
}

/// Marks the answer that stored a new application (a retry's repeated 201 does not count).
#[derive(Debug, Clone, Copy)]
pub struct Stored;

/// `GET /metrics`: the registry, to loopback clients (or everyone when configured).
pub async fn scrape(State(m): State<Arc<Metrics>>, req: Request) -> Response {
    let peer = req.extensions().get::<ConnectInfo<SocketAddr>>().map(|c| c.0.ip());
    if !(m.public || peer.is_some_and(|ip| ip.is_loopback())) {
        return ApiError::NotFound.into_response();
    }
    ([(header::CONTENT_TYPE, "text/plain; version=0.0.4; charset=utf-8")], m.render())
        .into_response()
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn field_labels_are_bounded() {
        assert_eq!(normalise_field("prepayments[12].amount"), "prepayments[].amount");
        assert_eq!(normalise_field("a\"b\n{c}"), "a_b__c_");
        assert_eq!(normalise_field(&"x".repeat(500)).len(), 64);
        let m = Metrics::new(false);
        for i in 0..(MAX_FIELDS + 50) {
            m.record_input_error(&format!("f{i}"));
        }
        let r = m.registry.lock().unwrap();
        assert_eq!(r.input_errors.len(), MAX_FIELDS + 1);
        assert_eq!(r.input_errors["other"], 50);
    }

    #[test]
    fn histogram_buckets_are_cumulative() {
        let m = Metrics::new(false);
        m.record("/r".into(), "GET", 200, 0.003, false);
        m.record("/r".into(), "GET", 200, 0.2, false);
        let text = m.render();
        let line = |le: &str| {
            let key = format!(
                "loanlens_http_request_duration_seconds_bucket{{route=\"/r\",method=\"GET\",\
                 status=\"200\",le=\"{le}\"}} "
            );
            text.lines().find_map(|l| l.strip_prefix(&key)).unwrap().to_string()
        };
        assert_eq!(line("0.001"), "0");
        assert_eq!(line("0.005"), "1");
        assert_eq!(line("0.25"), "2");
        assert_eq!(line("+Inf"), "2");
    }
}
