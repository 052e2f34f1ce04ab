//! The staff API as the page reads it (issue 9's contract, `/api/v1/admin/*`): the shapes of
//! its answers and the requests, each with the staff token as a bearer credential.

use crate::net;
use serde::Deserialize;

/// One row of the list (no personal data).
#[derive(Debug, Clone, PartialEq, Deserialize)]
pub struct Item {
    pub id: String,
    pub reference: String,
    pub created_at: String,
    pub status: String,
    pub decision: String,
    #[serde(default)]
    pub score: Option<String>,
    #[serde(default)]
    pub partner: Option<String>,
    #[serde(default)]
    pub principal: Option<String>,
    #[serde(default)]
    pub term_months: Option<u32>,
    #[serde(default)]
    pub erased: bool,
}

/// A page of the list.
#[derive(Debug, Clone, PartialEq, Deserialize)]
pub struct Page {
    pub items: Vec<Item>,
    #[serde(default)]
    pub next_cursor: Option<String>,
}

/// The applicant's data (absent after erasure).
#[derive(Debug, Clone, PartialEq, Deserialize)]
pub struct Person {
    pub name: String,
    pub phone: String,
    pub id_number: String,
    pub city: String,
}

/// A consent as recorded.
#[derive(Debug, Clone, PartialEq, Deserialize)]
pub struct ConsentRecord {
    pub kind: String,
    pub version: String,
    pub accepted_at: String,
}

/// A status change.
#[derive(Debug, Clone, PartialEq, Deserialize)]
pub struct Change {
    pub at: String,
    #[serde(default)]
    pub from: Option<String>,
    pub to: String,
    pub actor: String,
}

/// The server's evaluation, the parts the page shows.
#[derive(Debug, Clone, PartialEq, Deserialize)]
pub struct Evaluation {
    #[serde(default)]
    pub grade: Option<String>,
    #[serde(default)]
    pub pd: Option<String>,
    #[serde(default)]
    pub scorecard_version: Option<String>,
    #[serde(default)]
    pub reasons: Vec<Code>,
}

/// A reason code of the evaluation.
#[derive(Debug, Clone, PartialEq, Deserialize)]
pub struct Code {
    pub code: String,
}

/// One application in full.
#[derive(Debug, Clone, PartialEq, Deserialize)]
pub struct Detail {
    #[serde(flatten)]
    pub item: Item,
    #[serde(default)]
    pub applicant: Option<Person>,
    #[serde(default)]
    pub consents: Vec<ConsentRecord>,
    #[serde(default)]
    pub evaluation: Option<Evaluation>,
    #[serde(default)]
    pub history: Vec<Change>,
}

/// Why a request did not give what was asked.
#[derive(Debug, Clone, PartialEq)]
pub enum Failure {
    /// No answer.
    Network,
    /// 401: the token is missing or wrong.
    Unauthorized,
    /// 404 (the admin API is off, or no such application).
    NotFound,
    /// 409 and the like: the field and message the server gave.
    Refused(String),
    /// Anything else (status).
    Other(u16),
}

/// The list's filters and page.
#[derive(Debug, Clone, Default, PartialEq)]
pub struct Query {
    pub status: String,
    pub decision: String,
    pub cursor: Option<String>,
}

/// Percent-encodes a query value.
fn enc(v: &str) -> String {
    js_sys::encode_uri_component(v).as_string().unwrap_or_default()
}

impl Query {
    /// `status=…&decision=…` (the export takes the same), without the cursor.
    pub fn filters(&self) -> String {
        let mut q = Vec::new();
        if !self.status.is_empty() {
            q.push(format!("status={}", enc(&self.status)));
        }
        if !self.decision.is_empty() {
            q.push(format!("decision={}", enc(&self.decision)));
        }
        q.join("&")
    }
}

/// How many rows a page shows.
pub const PAGE_SIZE: u32 = 20;

async fn call(
    token: &str,
    method: &str,
    url: &str,
    body: Option<&str>,
) -> Result<web_sys::Response, Failure> {
    let auth = format!("Bearer {token}");
    let mut headers = vec![("authorization", auth.as_str())];
    if body.is_some() {
        headers.push(("content-type", "application/json"));
    }
    let resp = net::send(method, url, &headers, body).await.ok_or(Failure::Network)?;
    match resp.status() {
        200..=299 => Ok(resp),
        401 => Err(Failure::Unauthorized),
        404 => Err(Failure::NotFound),
        s @ (400 | 409 | 422) => {
            let v = net::parse(&net::text(&resp).await.unwrap_or_default());
            let field = net::get_str(&v, &["error", "field"]).unwrap_or_default();
            let msg = net::get_str(&v, &["error", "message"]).unwrap_or_else(|| s.to_string());
            Err(Failure::Refused(format!("{field}: {msg}")))
        }
        s => Err(Failure::Other(s)),
    }
}

async fn json<T: serde::de::DeserializeOwned>(resp: web_sys::Response) -> Result<T, Failure> {
    let text = net::text(&resp).await.ok_or(Failure::Network)?;
    serde_json::from_str(&text).map_err(|_| Failure::Other(resp.status()))
}

/// One page of the list.
pub async fn list(token: &str, q: &Query) -> Result<Page, Failure> {
    let mut url = format!("/api/v1/admin/applications?limit={PAGE_SIZE}");
    let f = q.filters();
    if !f.is_empty() {
        url.push('&');
        url.push_str(&f);
    }
    if let Some(c) = &q.cursor {
        url.push_str(&format!("&cursor={}", enc(c)));
    }
    json(call(token, "GET", &url, None).await?).await
}

/// One application (the server writes a "view" audit row).
pub async fn detail(token: &str, id: &str) -> Result<Detail, Failure> {
    json(call(token, "GET", &format!("/api/v1/admin/applications/{}", enc(id)), None).await?).await
}

/// Moves an application to `status`.
pub async fn set_status(token: &str, id: &str, status: &str) -> Result<(), Failure> {
    let body = format!(r#"{{"status":"{status}"}}"#);
    let url = format!("/api/v1/admin/applications/{}/status", enc(id));
    call(token, "POST", &url, Some(&body)).await.map(drop)
}

/// Erases an application's personal data.
pub async fn erase(token: &str, id: &str) -> Result<(), Failure> {
    let url = format!("/api/v1/admin/applications/{}/erase", enc(id));
    call(token, "POST", &url, Some("{}")).await.map(drop)
}

/// Downloads the CSV export for the filters (a Blob handed to the browser as a file).
pub async fn export(token: &str, q: &Query) -> Result<(), Failure> {
    use wasm_bindgen::JsCast;
    let url = format!("/api/v1/admin/export.csv?{}", q.filters());
    let resp = call(token, "GET", &url, None).await?;
    let blob = wasm_bindgen_futures::JsFuture::from(resp.blob().map_err(|_| Failure::Network)?)
        .await
        .map_err(|_| Failure::Network)?;
    let blob: web_sys::Blob = blob.dyn_into().map_err(|_| Failure::Network)?;
    let href = web_sys::Url::create_object_url_with_blob(&blob).map_err(|_| Failure::Network)?;
    let doc = gloo::utils::document();
    if let Some(a) =
        doc.create_element("a").ok().and_then(|e| e.dyn_into::<web_sys::HtmlAnchorElement>().ok())
    {
        a.set_href(&href);
        a.set_download("loanlens-applications.csv");
        a.click();
    }
    // The download has started by now; the object URL goes a little later.
    gloo::timers::callback::Timeout::new(30_000, move || {
        let _ = web_sys::Url::revoke_object_url(&href);
    })
    .forget();
    Ok(())
}
