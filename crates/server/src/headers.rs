//! Response headers every answer carries: the content security policy, framing, sniffing and
//! referrer policies, and caching by kind of resource.
//!
//! Invariants:
//! - No HTML answer runs a script the build did not write: `script-src` allows this origin,
//!   `'wasm-unsafe-eval'` (compiling the app's WebAssembly) and the SHA-256 hashes of the
//!   inline scripts found in the build's HTML files when the server starts ([`Policy::scan`]).
//!   Trunk writes one inline module script per page (it imports the wasm-bindgen glue and
//!   starts the app); its hash changes with every build, so the server reads it from the build
//!   it serves rather than from a constant. After a rebuild, restart the server.
//! - No page can be framed by another origin (`frame-ancestors 'none'`, `X-Frame-Options:
//!   DENY`); no answer is MIME-sniffed (`nosniff`); referrers leave the origin only as the
//!   origin (`strict-origin-when-cross-origin`).
//! - Caching (see `assets.rs`): hashed build files are `immutable` for a year, HTML and other
//!   static files `no-cache`, API answers `no-store`. A handler that sets `Cache-Control`
//!   itself keeps its own.

use crate::assets::is_hashed_name;
use axum::extract::{Request, State};
use axum::http::header::{self, HeaderName, HeaderValue};
use axum::http::StatusCode;
use axum::middleware::Next;
use axum::response::Response;
use base64::Engine;
use sha2::{Digest, Sha256};
use std::path::Path;
use std::sync::Arc;

/// The policies computed once at start.
#[derive(Debug, Clone)]
pub struct Policy {
    html_csp: HeaderValue,
}

/// The policy for answers that are not HTML (JSON, scripts, images): they load nothing.
const OTHER_CSP: &str = "default-src 'none'; frame-ancestors 'none'";

impl Policy {
    /// The policy for pages whose inline scripts have the given `sha256-…` sources.
    pub fn with_script_hashes(hashes: &[String]) -> Self {
        let mut script = String::from("'self' 'wasm-unsafe-eval'");
        for h in hashes {
            script.push_str(&format!(" '{h}'"));
        }
        let csp = format!(
            "default-src 'self'; script-src {script}; style-src 'self'; img-src 'self' data:; \
             font-src 'self'; connect-src 'self'; object-src 'none'; base-uri 'none'; \
             form-action 'self'; frame-ancestors 'none'"
        );
        // Every part is ASCII (base64 hashes, fixed text), so this cannot fail.
        let html_csp = HeaderValue::from_str(&csp).unwrap_or(HeaderValue::from_static(OTHER_CSP));
        Policy { html_csp }
    }

    /// The policy for the HTML files under `dir` (recursively): every inline script they hold
    /// is allowed by its hash. A missing or unreadable directory gives a policy with no hashes.
    pub fn scan(dir: &Path) -> Self {
        let mut hashes = Vec::new();
        let mut stack = vec![dir.to_path_buf()];
        while let Some(d) = stack.pop() {
            let Ok(entries) = std::fs::read_dir(&d) else { continue };
            for entry in entries.flatten() {
                let path = entry.path();
                if path.is_dir() {
                    stack.push(path);
                } else if path.extension().is_some_and(|e| e == "html") {
                    if let Ok(html) = std::fs::read_to_string(&path) {
                        hashes.extend(inline_script_hashes(&html));
                    }
                }
            }
        }
        hashes.sort();
        hashes.dedup();
        Self::with_script_hashes(&hashes)
    }

    /// The `Content-Security-Policy` of HTML answers.
    pub fn html_csp(&self) -> &HeaderValue {
        &self.html_csp
    }
}

/// `sha256-<base64>` of the text of each inline `<script>` (one without a `src` attribute).
///
/// ```
/// let h = loanlens_server::headers::inline_script_hashes(
///     "<p><script type=\"module\">go()</script><script src=\"/a.js\"></script>",
/// );
/// assert_eq!(h, ["sha256-5KYv+PUboo5h+0+YAtGRPbwv5d/QxzHslP4YGnUaxRw="]);
/// ```
pub fn inline_script_hashes(html: &str) -> Vec<String> {
    let lower = html.to_ascii_lowercase();
    let mut out = Vec::new();
    let mut at = 0;
    while let Some(i) = lower[at..].find("<script") {
        let open = at + i;
        let Some(tag_end) = lower[open..].find('>').map(|j| open + j) else { break };
        let Some(close) = lower[tag_end..].find("</script").map(|j| tag_end + j) else { break };
        let tag = &lower[open..tag_end];
        let has_src = tag.split(|c: char| c.is_ascii_whitespace()).any(|a| a.starts_with("src="));
        if !has_src && !tag.ends_with('/') {
            let digest = Sha256::digest(&html.as_bytes()[tag_end + 1..close]);
            out.push(format!(
                "sha256-{}",
                base64::engine::general_purpose::STANDARD.encode(digest)
            ));
        }
        at = close;
    }
    out
}

fn set_if_absent(resp: &mut Response, name: HeaderName, value: HeaderValue) {
    resp.headers_mut().entry(name).or_insert(value);
}

/// Adds the security and caching headers to every answer.
pub async fn middleware(State(policy): State<Arc<Policy>>, req: Request, next: Next) -> Response {
    let path = req.uri().path().to_owned();
    let mut resp = next.run(req).await;
    let is_html = resp
        .headers()
        .get(header::CONTENT_TYPE)
        .and_then(|v| v.to_str().ok())
        .is_some_and(|v| v.starts_with("text/html"));
    // A 304 carries no content type, and its headers replace the cached answer's: it gets no
    // CSP and no Cache-Control, so the cached page keeps its own.
    let not_modified = resp.status() == StatusCode::NOT_MODIFIED;
    let csp = if is_html { policy.html_csp.clone() } else { HeaderValue::from_static(OTHER_CSP) };
    if !not_modified {
        set_if_absent(&mut resp, header::CONTENT_SECURITY_POLICY, csp);
    }
    set_if_absent(&mut resp, header::X_CONTENT_TYPE_OPTIONS, HeaderValue::from_static("nosniff"));
    set_if_absent(&mut resp, header::X_FRAME_OPTIONS, HeaderValue::from_static("DENY"));
    set_if_absent(
        &mut resp,
        header::REFERRER_POLICY,
        HeaderValue::from_static("strict-origin-when-cross-origin"),
    );
    let api = path.starts_with("/api/") || path == "/metrics";
    let file_name = path.rsplit('/').next().unwrap_or("");
    let cache = if api {
        "no-store"
    } else if !is_html && resp.status().is_success() && is_hashed_name(file_name) {
        "public, max-age=31536000, immutable"
    } else {
        "no-cache"
    };
    if !not_modified {
        set_if_absent(&mut resp, header::CACHE_CONTROL, HeaderValue::from_static(cache));
    }
    if !api {
        // Static files are served as brotli, gzip or identity by Accept-Encoding.
        set_if_absent(&mut resp, header::VARY, HeaderValue::from_static("accept-encoding"));
    }
    resp
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn only_inline_scripts_are_hashed_over_their_exact_text() {
        let html = "<SCRIPT type=module>\nimport init from '/a.js';\n</SCRIPT>\
                    <script src=\"/b.js\"></script><script defer src='/c.js'></script>";
        let hashes = inline_script_hashes(html);
        let expected = Sha256::digest(b"\nimport init from '/a.js';\n");
        let b64 = base64::engine::general_purpose::STANDARD.encode(expected);
        assert_eq!(hashes, [format!("sha256-{b64}")]);
        assert!(inline_script_hashes("<script>unterminated").is_empty());
    }

    #[test]
    fn the_html_policy_allows_wasm_and_the_hashes_and_forbids_framing() {
        let p = Policy::with_script_hashes(&["sha256-abc=".into()]);
        let csp = p.html_csp().to_str().unwrap();
        assert!(csp.contains("script-src 'self' 'wasm-unsafe-eval' 'sha256-abc='"), "{csp}");
        assert!(csp.contains("frame-ancestors 'none'") && !csp.contains("unsafe-inline"), "{csp}");
    }
}
