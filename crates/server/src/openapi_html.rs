//! The API reference page: the OpenAPI document rendered as plain HTML on the server (no
//! script, no style), one section per operation and one table per schema, linked by anchors.

use serde_json::Value;
use std::fmt::Write;

/// Escapes text for HTML element content and attribute values.
fn esc(s: &str) -> String {
    let mut out = String::with_capacity(s.len());
    for c in s.chars() {
        match c {
            '&' => out.push_str("&amp;"),
            '<' => out.push_str("&lt;"),
            '>' => out.push_str("&gt;"),
            '"' => out.push_str("&quot;"),
            '\'' => out.push_str("&#39;"),
            c => out.push(c),
        }
    }
    out
}

/// The component name a `$ref` points to.
fn ref_name(v: &Value) -> Option<&str> {
    v.get("$ref")?.as_str()?.rsplit('/').next()
}

/// A short type description of a schema, with links to named components.
fn type_of(v: &Value) -> String {
    if let Some(name) = ref_name(v) {
        return format!("<a href=\"#schema-{0}\">{0}</a>", esc(name));
    }
    if let Some(any) = v.get("anyOf").or_else(|| v.get("oneOf")).and_then(Value::as_array) {
        return any.iter().map(type_of).collect::<Vec<_>>().join(" | ");
    }
    if let Some(values) = v.get("enum").and_then(Value::as_array) {
        return values.iter().map(|x| esc(&x.to_string())).collect::<Vec<_>>().join(" | ");
    }
    if let Some(c) = v.get("const") {
        return esc(&c.to_string());
    }
    match v.get("type") {
        Some(Value::String(t)) if t == "array" => {
            format!("array of {}", v.get("items").map(type_of).unwrap_or_default())
        }
        Some(Value::String(t)) => esc(t),
        Some(Value::Array(ts)) => {
            let mut parts: Vec<String> =
                ts.iter().filter_map(Value::as_str).filter(|t| *t != "array").map(esc).collect();
            if ts.iter().any(|t| t == "array") {
                parts.push(format!("array of {}", v.get("items").map(type_of).unwrap_or_default()));
            }
            parts.join(" | ")
        }
        _ => "any".into(),
    }
}

/// One schema's table (or its description when it has no properties).
fn schema_section(out: &mut String, name: &str, s: &Value) {
    let _ = write!(out, "<section id=\"schema-{0}\"><h3>{0}</h3>", esc(name));
    if let Some(d) = s.get("description").and_then(Value::as_str) {
        let _ = write!(out, "<p>{}</p>", esc(d));
    }
    let variants = s.get("oneOf").or_else(|| s.get("anyOf")).and_then(Value::as_array);
    if let Some(props) = s.get("properties").and_then(Value::as_object) {
        let required: Vec<&str> = s
            .get("required")
            .and_then(Value::as_array)
            .map(|r| r.iter().filter_map(Value::as_str).collect())
            .unwrap_or_default();
        out.push_str(
            "<table><tr><th>field</th><th>type</th><th>required</th><th>meaning</th></tr>",
        );
        for (field, p) in props {
            let _ = write!(
                out,
                "<tr><td><code>{}</code></td><td>{}</td><td>{}</td><td>{}</td></tr>",
                esc(field),
                type_of(p),
                if required.contains(&field.as_str()) { "yes" } else { "no" },
                esc(p.get("description").and_then(Value::as_str).unwrap_or("")),
            );
        }
        out.push_str("</table>");
        if s.get("additionalProperties") == Some(&Value::Bool(false)) {
            out.push_str("<p>Unknown fields are refused (400).</p>");
        }
    } else if let Some(vs) = variants {
        out.push_str("<ul>");
        for v in vs {
            let d = v.get("description").and_then(Value::as_str).unwrap_or("");
            let _ = write!(out, "<li>{} {}</li>", type_of(v), esc(d));
        }
        out.push_str("</ul>");
    } else {
        let _ = write!(out, "<p>Type: {}</p>", type_of(s));
    }
    out.push_str("</section>");
}

/// The whole page.
pub fn render(doc: &Value) -> String {
    let mut out = String::from(
        "<!doctype html><html lang=\"en\"><head><meta charset=\"utf-8\">\
         <meta name=\"viewport\" content=\"width=device-width, initial-scale=1\">\
         <title>LoanLens API reference</title></head><body>",
    );
    let info = &doc["info"];
    let _ = write!(
        out,
        "<h1>{} {}</h1><p>{}</p><p>Machine-readable: <a href=\"/api/v1/openapi.json\">\
         /api/v1/openapi.json</a> (OpenAPI 3.1).</p><h2>Operations</h2>",
        esc(info["title"].as_str().unwrap_or("")),
        esc(info["version"].as_str().unwrap_or("")),
        esc(info["description"].as_str().unwrap_or("")),
    );
    if let Some(paths) = doc["paths"].as_object() {
        for (path, item) in paths {
            for (method, op) in item.as_object().into_iter().flatten() {
                let _ = write!(
                    out,
                    "<section id=\"op-{id}\"><h3><code>{m} {p}</code></h3><p>{s}</p>",
                    id = esc(op["operationId"].as_str().unwrap_or("")),
                    m = esc(&method.to_uppercase()),
                    p = esc(path),
                    s = esc(op["summary"].as_str().unwrap_or("")),
                );
                if let Some(req) = op["requestBody"]["content"]["application/json"].get("schema") {
                    let _ = write!(out, "<p>Body: {}</p>", type_of(req));
                }
                out.push_str("<ul>");
                for (code, r) in op["responses"].as_object().into_iter().flatten() {
                    let schema = &r["content"]["application/json"]["schema"];
                    let _ = write!(
                        out,
                        "<li><code>{}</code> {}: {}</li>",
                        esc(code),
                        esc(r["description"].as_str().unwrap_or("")),
                        type_of(schema),
                    );
                }
                out.push_str("</ul></section>");
            }
        }
    }
    out.push_str("<h2>Schemas</h2>");
    if let Some(schemas) = doc["components"]["schemas"].as_object() {
        for (name, s) in schemas {
            schema_section(&mut out, name, s);
        }
    }
    out.push_str("</body></html>");
    out
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn text_from_the_document_is_escaped() {
        let doc = serde_json::json!({
            "info": {"title": "<script>x</script>", "version": "v1", "description": "a & b"},
            "paths": {}, "components": {"schemas": {}}
        });
        let html = render(&doc);
        assert!(!html.contains("<script>"), "{html}");
        assert!(html.contains("&lt;script&gt;") && html.contains("a &amp; b"));
    }
}
