//! Serving like production: compressed and cached assets, security headers, load shedding,
//! metrics and request ids, as a browser or an operator sees them.

use axum::body::Body;
use axum::extract::ConnectInfo;
use axum::http::{HeaderMap, Request, StatusCode};
use http_body_util::BodyExt;
use loanlens_server::assets::{brotli_bytes, precompress_dir};
use loanlens_server::crypto::DataKey;
use loanlens_server::store::sqlite::SqliteStore;
use loanlens_server::{app, AppState};
use serde_json::{json, Value};
use std::net::SocketAddr;
use std::path::Path;
use std::sync::Arc;
use tower::ServiceExt;

const INLINE: &str = "\nimport init from '/loanlens-web-0123456789abcdef.js';\nawait init();\n";
const JS: &str = "loanlens-web-0123456789abcdef.js";
const WASM: &str = "loanlens-web-0123456789abcdef_bg.wasm";

/// A build like Trunk's: an index with one inline module script, hashed js and wasm.
fn build(dir: &Path) -> Vec<u8> {
    let index = format!(
        "<!doctype html><html><head><link rel=\"modulepreload\" href=\"/{JS}\">\
         <script type=\"module\">{INLINE}</script></head><body></body></html>"
    );
    std::fs::write(dir.join("index.html"), index).unwrap();
    std::fs::write(dir.join(JS), "export default async function init() {}\n".repeat(200)).unwrap();
    // Wasm-like bytes: repetitive sections with some variety, like real code.
    let wasm: Vec<u8> = (0..300_000u32).map(|i| ((i % 251) ^ (i / 4096)) as u8).collect();
    std::fs::write(dir.join(WASM), &wasm).unwrap();
    precompress_dir(dir).unwrap();
    wasm
}

async fn state(dir: &Path) -> AppState {
    let store = Arc::new(SqliteStore::open(&dir.join("db/test.db")).await.unwrap());
    AppState::new(store, &DataKey::generate(), dir.to_path_buf())
}

async fn get(
    router: &axum::Router,
    uri: &str,
    headers: &[(&str, &str)],
) -> (StatusCode, HeaderMap, Vec<u8>) {
    let mut b = Request::builder().uri(uri);
    for (k, v) in headers {
        b = b.header(*k, *v);
    }
    let req = b.body(Body::empty()).unwrap();
    let resp = router.clone().oneshot(req).await.unwrap();
    let (parts, body) = resp.into_parts();
    (parts.status, parts.headers, body.collect().await.unwrap().to_bytes().to_vec())
}

fn h<'a>(headers: &'a HeaderMap, name: &str) -> &'a str {
    headers.get(name).map(|v| v.to_str().unwrap()).unwrap_or("")
}

fn unbrotli(bytes: &[u8]) -> Vec<u8> {
    let mut out = Vec::new();
    brotli::BrotliDecompress(&mut &bytes[..], &mut out).unwrap();
    out
}

#[tokio::test]
async fn build_files_go_out_precompressed_and_cached_forever_html_is_revalidated() {
    let dir = tempfile::tempdir().unwrap();
    let wasm = build(dir.path());
    let router = app(state(dir.path()).await);

    let (status, hd, body) =
        get(&router, &format!("/{WASM}"), &[("accept-encoding", "gzip, deflate, br")]).await;
    assert_eq!(status, StatusCode::OK);
    assert_eq!(h(&hd, "content-encoding"), "br");
    assert_eq!(h(&hd, "content-type"), "application/wasm");
    assert_eq!(h(&hd, "cache-control"), "public, max-age=31536000, immutable");
    assert!(h(&hd, "vary").contains("accept-encoding"));
    assert_eq!(unbrotli(&body), wasm);
    // The transfer is the best brotli of the file (within 2%), not a quick on-the-fly one.
    let best = brotli_bytes(&wasm).unwrap().len() as f64;
    assert!((body.len() as f64) <= best * 1.02, "{} vs {best}", body.len());
    assert!(body.len() * 4 < wasm.len(), "{} of {}", body.len(), wasm.len());

    let (_, hd, body) = get(&router, &format!("/{JS}"), &[("accept-encoding", "gzip")]).await;
    assert_eq!(h(&hd, "content-encoding"), "gzip");
    let mut js = String::new();
    std::io::Read::read_to_string(&mut flate2::read::GzDecoder::new(&body[..]), &mut js).unwrap();
    assert!(js.starts_with("export default async function init"));

    let (_, hd, body) = get(&router, &format!("/{WASM}"), &[]).await;
    assert_eq!(h(&hd, "content-encoding"), "");
    assert_eq!(body, wasm);

    // The index and every deep link that returns it: HTML, revalidated on each visit.
    for path in ["/", "/index.html", "/calculator", "/calculator/deep?x=1"] {
        let (status, hd, body) = get(&router, path, &[("accept-encoding", "br")]).await;
        assert_eq!(status, StatusCode::OK, "{path}");
        assert!(h(&hd, "content-type").starts_with("text/html"), "{path}");
        assert_eq!(h(&hd, "cache-control"), "no-cache", "{path}");
        let html = if h(&hd, "content-encoding") == "br" { unbrotli(&body) } else { body };
        assert!(String::from_utf8(html).unwrap().contains("modulepreload"), "{path}");
    }
    // Revalidating the index (a second visit): the 304 must not replace the cached page's
    // CSP or Cache-Control (a JSON-style `default-src 'none'` would block the app).
    let (_, hd, _) = get(&router, "/calculator", &[]).await;
    let since = h(&hd, "last-modified").to_string();
    let (status, hd, _) = get(&router, "/calculator", &[("if-modified-since", &since)]).await;
    assert_eq!(status, StatusCode::NOT_MODIFIED);
    assert_eq!(h(&hd, "content-security-policy"), "");
    assert_eq!(h(&hd, "cache-control"), "");
    // A hashed name that does not exist gets the index, which must not be cached forever.
    let (_, hd, _) = get(&router, "/app-fedcba9876543210.css", &[]).await;
    assert_eq!(h(&hd, "cache-control"), "no-cache");
}

#[tokio::test]
async fn large_api_answers_are_compressed_small_ones_are_not() {
    let dir = tempfile::tempdir().unwrap();
    build(dir.path());
    let router = app(state(dir.path()).await);
    let loan = json!({"principal":"1000000.00","annual_rate":"0.049","term_months":360,
        "method":"equal_installment"});
    let req = Request::post("/api/v1/schedule")
        .header("content-type", "application/json")
        .header("accept-encoding", "br")
        .body(Body::from(loan.to_string()))
        .unwrap();
    let resp = router.clone().oneshot(req).await.unwrap();
    assert_eq!(resp.status(), StatusCode::OK);
    assert_eq!(h(resp.headers(), "content-encoding"), "br");
    assert_eq!(h(resp.headers(), "cache-control"), "no-store");
    let body = resp.into_body().collect().await.unwrap().to_bytes();
    let plain = unbrotli(&body);
    let v: Value = serde_json::from_slice(&plain).unwrap();
    assert_eq!(v["first_payment"], "5307.27");
    assert!(body.len() * 5 < plain.len(), "{} of {}", body.len(), plain.len());

    let (status, hd, body) = get(&router, "/api/v1/health", &[("accept-encoding", "br")]).await;
    assert_eq!(status, StatusCode::OK);
    assert_eq!(h(&hd, "content-encoding"), "", "{} bytes", body.len());
}

#[tokio::test]
async fn every_answer_carries_the_security_headers_and_html_a_strict_csp() {
    let dir = tempfile::tempdir().unwrap();
    build(dir.path());
    let router = app(state(dir.path()).await);
    let (_, hd, _) = get(&router, "/calculator", &[]).await;
    let csp = h(&hd, "content-security-policy");
    use base64::Engine;
    use sha2::Digest;
    let hash = base64::engine::general_purpose::STANDARD.encode(sha2::Sha256::digest(INLINE));
    assert!(
        csp.contains(&format!("script-src 'self' 'wasm-unsafe-eval' 'sha256-{hash}';")),
        "{csp}"
    );
    for part in ["default-src 'self'", "frame-ancestors 'none'", "object-src 'none'"] {
        assert!(csp.contains(part), "{part} missing: {csp}");
    }
    assert!(!csp.contains("unsafe-inline") && !csp.contains("'unsafe-eval'"), "{csp}");
    for path in ["/calculator", "/api/v1/health", &format!("/{JS}"), "/api/v1/nothing"] {
        let (_, hd, _) = get(&router, path, &[]).await;
        assert_eq!(h(&hd, "x-content-type-options"), "nosniff", "{path}");
        assert_eq!(h(&hd, "x-frame-options"), "DENY", "{path}");
        assert_eq!(h(&hd, "referrer-policy"), "strict-origin-when-cross-origin", "{path}");
        assert!(h(&hd, "content-security-policy").contains("frame-ancestors 'none'"), "{path}");
    }
}

#[tokio::test]
async fn every_answer_has_a_request_id_the_clients_when_it_is_safe() {
    let dir = tempfile::tempdir().unwrap();
    let router = app(state(dir.path()).await);
    let (_, hd, _) = get(&router, "/api/v1/health", &[]).await;
    let generated = h(&hd, "x-request-id");
    assert_eq!(generated.len(), 32, "{generated}");
    let (_, hd2, _) = get(&router, "/api/v1/health", &[]).await;
    assert_ne!(h(&hd2, "x-request-id"), generated, "ids are unique");
    let (_, hd, _) = get(&router, "/nope", &[("x-request-id", "abc-123.x_y")]).await;
    assert_eq!(h(&hd, "x-request-id"), "abc-123.x_y");
    for bad in ["has space", "quote\"", &"a".repeat(65)] {
        let (_, hd, _) = get(&router, "/api/v1/health", &[("x-request-id", bad)]).await;
        let id = h(&hd, "x-request-id");
        assert!(id.len() == 32 && id != bad, "{bad:?} → {id}");
    }
}

/// Every log line of a request carries its id; with the JSON format each line is one object.
#[tokio::test]
async fn json_log_lines_carry_the_request_id() {
    #[derive(Clone, Default)]
    struct Buf(Arc<std::sync::Mutex<Vec<u8>>>);
    impl std::io::Write for Buf {
        fn write(&mut self, b: &[u8]) -> std::io::Result<usize> {
            self.0.lock().unwrap().extend_from_slice(b);
            Ok(b.len())
        }
        fn flush(&mut self) -> std::io::Result<()> {
            Ok(())
        }
    }
    let buf = Buf::default();
    let writer = buf.clone();
    let _guard =
        tracing::subscriber::set_default(loanlens_server::telemetry::json_subscriber(move || {
            writer.clone()
        }));
    let dir = tempfile::tempdir().unwrap();
    let router = app(state(dir.path()).await);
    let body = support::application_with(1);
    let req = Request::post("/api/v1/applications")
        .header("content-type", "application/json")
        .header("idempotency-key", "serving-log-1")
        .header("x-request-id", "req-42")
        .body(Body::from(body.to_string()))
        .unwrap();
    assert_eq!(router.oneshot(req).await.unwrap().status(), StatusCode::CREATED);
    let text = String::from_utf8(buf.0.lock().unwrap().clone()).unwrap();
    let lines: Vec<Value> = text.lines().map(|l| serde_json::from_str(l).unwrap()).collect();
    let stored = lines
        .iter()
        .find(|l| l["fields"]["message"] == "application stored")
        .unwrap_or_else(|| panic!("no stored line in {text}"));
    assert_eq!(stored["span"]["request_id"], "req-42", "{stored}");
    assert_eq!(stored["level"], "INFO");
    assert!(!text.contains("13800138000") && !text.contains("张三"), "{text}");
}

fn from(ip: [u8; 4]) -> ConnectInfo<SocketAddr> {
    ConnectInfo(SocketAddr::from((ip, 40000)))
}

async fn scrape(router: &axum::Router, peer: Option<ConnectInfo<SocketAddr>>) -> (u16, String) {
    let mut req = Request::get("/metrics").body(Body::empty()).unwrap();
    if let Some(p) = peer {
        req.extensions_mut().insert(p);
    }
    let resp = router.clone().oneshot(req).await.unwrap();
    let status = resp.status().as_u16();
    let body = resp.into_body().collect().await.unwrap().to_bytes();
    (status, String::from_utf8(body.to_vec()).unwrap())
}

#[tokio::test]
async fn metrics_count_requests_applications_and_errors_for_local_clients_only() {
    let dir = tempfile::tempdir().unwrap();
    build(dir.path());
    let router = app(state(dir.path()).await);
    let post = |uri: &'static str, body: Value| {
        let router = router.clone();
        async move {
            let req = Request::post(uri)
                .header("content-type", "application/json")
                .header("idempotency-key", uuid::Uuid::new_v4().simple().to_string())
                .body(Body::from(body.to_string()))
                .unwrap();
            router.oneshot(req).await.unwrap().status().as_u16()
        }
    };
    let loan =
        json!({"principal":"1000.00","annual_rate":"0.06","term_months":12,"method":"bullet"});
    assert_eq!(post("/api/v1/applications", support::application_with(1)).await, 201);
    assert_eq!(post("/api/v1/applications", support::application_with(2)).await, 201);
    assert_eq!(post("/api/v1/schedule", loan.clone()).await, 200);
    let mut bad = loan.clone();
    bad["term_months"] = json!(0);
    assert_eq!(post("/api/v1/schedule", bad).await, 400);
    get(&router, "/calculator", &[]).await;

    let (status, text) = scrape(&router, Some(from([127, 0, 0, 1]))).await;
    assert_eq!(status, 200, "{text}");
    let line = |prefix: &str| {
        text.lines()
            .find_map(|l| l.strip_prefix(prefix).map(|n| n.trim().to_string()))
            .unwrap_or_else(|| panic!("{prefix} missing in\n{text}"))
    };
    let r = |route: &str, status: u16| {
        format!(
            "loanlens_http_requests_total{{route=\"{route}\",method=\"POST\",status=\"{status}\"}}"
        )
    };
    assert_eq!(line(&r("/api/v1/applications", 201)), "2");
    assert_eq!(line(&r("/api/v1/schedule", 200)), "1");
    assert_eq!(line(&r("/api/v1/schedule", 400)), "1");
    assert_eq!(line("loanlens_applications_stored_total "), "2");
    assert_eq!(line("loanlens_input_errors_total{field=\"term_months\"}"), "1");
    assert_eq!(
        line("loanlens_http_requests_total{route=\"static\",method=\"GET\",status=\"200\"}"),
        "1"
    );
    assert_eq!(
        line(
            "loanlens_http_request_duration_seconds_count{route=\"/api/v1/schedule\",\
             method=\"POST\",status=\"200\"}"
        ),
        "1"
    );
    assert!(text.contains("# TYPE loanlens_http_request_duration_seconds histogram"));

    // Not for clients elsewhere, nor when the peer is unknown; unless configured.
    assert_eq!(scrape(&router, Some(from([203, 0, 113, 9]))).await.0, 404);
    assert_eq!(scrape(&router, None).await.0, 404);
    let public = app(state(dir.path()).await.with_public_metrics(true));
    assert_eq!(scrape(&public, Some(from([203, 0, 113, 9]))).await.0, 200);
}

/// Past the in-flight limit the server answers 503 at once (v1 error shape) instead of
/// queueing; the request holding the slot still completes, and capacity comes back.
#[tokio::test]
async fn requests_past_the_limit_are_shed_with_503() {
    use tokio::io::{AsyncReadExt, AsyncWriteExt};
    let dir = tempfile::tempdir().unwrap();
    let router = app(state(dir.path()).await);
    let listener = tokio::net::TcpListener::bind("127.0.0.1:0").await.unwrap();
    let addr = listener.local_addr().unwrap();
    let limits = loanlens_server::serve::Limits {
        max_in_flight: 1,
        ..loanlens_server::serve::Limits::default()
    };
    let (stop, stopped) = tokio::sync::oneshot::channel::<()>();
    let server = tokio::spawn(loanlens_server::serve::serve(listener, router, limits, async {
        let _ = stopped.await;
    }));
    async fn request(addr: SocketAddr, path: &str) -> String {
        let mut s = tokio::net::TcpStream::connect(addr).await.unwrap();
        let head = format!("GET {path} HTTP/1.1\r\nHost: x\r\nConnection: close\r\n\r\n");
        s.write_all(head.as_bytes()).await.unwrap();
        let mut out = String::new();
        s.read_to_string(&mut out).await.unwrap();
        out
    }
    let loan = r#"{"principal":"1000.00","annual_rate":"0.06","term_months":12,"method":"bullet"}"#;
    let mut slow = tokio::net::TcpStream::connect(addr).await.unwrap();
    let head = format!(
        "POST /api/v1/schedule HTTP/1.1\r\nHost: x\r\nContent-Type: application/json\r\n\
         Content-Length: {}\r\nConnection: close\r\n\r\n{}",
        loan.len(),
        &loan[..10]
    );
    slow.write_all(head.as_bytes()).await.unwrap();
    tokio::time::sleep(std::time::Duration::from_millis(200)).await;

    let shed = request(addr, "/api/v1/health").await;
    assert!(shed.starts_with("HTTP/1.1 503"), "{shed}");
    let body: Value = serde_json::from_str(shed.split_once("\r\n\r\n").unwrap().1).unwrap();
    assert_eq!(body["error"]["field"], "server", "{body}");
    assert!(body["error"]["message"].as_str().unwrap().contains("retry"), "{body}");

    slow.write_all(&loan.as_bytes()[10..]).await.unwrap();
    let mut done = String::new();
    slow.read_to_string(&mut done).await.unwrap();
    assert!(done.starts_with("HTTP/1.1 200"), "{done}");
    assert!(request(addr, "/api/v1/health").await.starts_with("HTTP/1.1 200"));
    stop.send(()).unwrap();
    server.await.unwrap();
}

#[path = "support/application.rs"]
mod support;
