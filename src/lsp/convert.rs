//! Diagnostics to LSP, in one place: ranges in UTF-16 code units, code and
//! its documentation link, related information, tags, fixes in `data`.

use crate::diagnostics::{Diagnostic, Severity};
use crate::source::LineIndex;
use crate::span::Span;
use lsp_types as lsp;
use serde::{Deserialize, Serialize};

pub const SOURCE: &str = "procore-manifest";

pub fn range(lines: &LineIndex, text: &str, span: Span) -> lsp::Range {
    let (s, e) = lines.span_positions(text, span);
    lsp::Range {
        start: lsp::Position {
            line: s.line - 1,
            character: s.utf16_column,
        },
        end: lsp::Position {
            line: e.line - 1,
            character: e.utf16_column,
        },
    }
}

/// The fix carried in `data`, read back by code actions (no second lint).
#[derive(Debug, Clone, Serialize, Deserialize)]
pub struct FixData {
    pub title: String,
    pub safe: bool,
    pub edits: Vec<(lsp::Range, String)>,
    pub code: String,
    pub pointer: String,
    /// The document version the edits were computed for (set when the
    /// diagnostics are published): a code action on a newer text offers no
    /// stale edits.
    #[serde(default)]
    pub version: Option<i32>,
}

pub fn diagnostic(d: &Diagnostic, uri: &lsp::Uri, lines: &LineIndex, text: &str) -> lsp::Diagnostic {
    let severity = match d.severity {
        Severity::Error => lsp::DiagnosticSeverity::ERROR,
        Severity::Warning => lsp::DiagnosticSeverity::WARNING,
        Severity::Info => lsp::DiagnosticSeverity::INFORMATION,
    };
    let related: Vec<lsp::DiagnosticRelatedInformation> = d
        .related
        .iter()
        .map(|r| lsp::DiagnosticRelatedInformation {
            location: lsp::Location {
                uri: uri.clone(),
                range: range(lines, text, r.span),
            },
            message: r.message.clone(),
        })
        .collect();
    let data = FixData {
        title: d.fix.as_ref().map(|f| f.title.clone()).unwrap_or_default(),
        safe: d
            .fix
            .as_ref()
            .is_some_and(|f| f.applicability == crate::diagnostics::Applicability::Safe),
        edits: d
            .fix
            .iter()
            .flat_map(|f| &f.edits)
            .map(|e| (range(lines, text, e.span), e.content.clone()))
            .collect(),
        code: d.rule.code.to_string(),
        pointer: d.pointer.clone(),
        version: None,
    };
    let message = match &d.help {
        Some(h) => format!("{}\nhelp: {h}", d.message),
        None => d.message.clone(),
    };
    lsp::Diagnostic {
        range: range(lines, text, d.span),
        severity: Some(severity),
        code: Some(lsp::NumberOrString::String(d.rule.code.to_string())),
        code_description: d.rule.docs_url().parse().ok().map(|href| lsp::CodeDescription { href }),
        source: Some(SOURCE.to_string()),
        message,
        related_information: (!related.is_empty()).then_some(related),
        tags: d.unnecessary.then(|| vec![lsp::DiagnosticTag::UNNECESSARY]),
        data: serde_json::to_value(data).ok(),
    }
}

/// May `c` stand in a URI as the client library parses one (RFC 3986's
/// unreserved, reserved and `%`)? `[`, `]`, `^`, `|`, spaces and non-ASCII
/// may not, though editors send them and the `url` crate writes them.
pub(crate) fn uri_char(c: char) -> bool {
    c.is_ascii_alphanumeric() || "-._~!$&'()*+,;=:@/?#%".contains(c)
}

/// `u` with every character [`uri_char`] refuses percent-encoded.
pub(crate) fn strict_uri(u: &str) -> String {
    let mut out = String::with_capacity(u.len() + 8);
    for c in u.chars() {
        if uri_char(c) {
            out.push(c);
        } else {
            let mut buf = [0; 4];
            for b in c.encode_utf8(&mut buf).bytes() {
                out.push_str(&format!("%{b:02X}"));
            }
        }
    }
    out
}

/// The path a `file:` URI names.
pub(crate) fn file_path(uri: &lsp::Uri) -> Option<std::path::PathBuf> {
    url::Url::parse(uri.as_str()).ok()?.to_file_path().ok()
}

/// The `file:` URI of `path`, as the client library parses one ([`strict_uri`]).
pub(crate) fn uri_of(path: &std::path::Path) -> Option<lsp::Uri> {
    strict_uri(url::Url::from_file_path(path).ok()?.as_str()).parse().ok()
}

/// Percent-encode, in every `uri` member of `params`, the characters
/// RFC 3986 does not allow there. Some clients (Helix and Zed, through the
/// `url` crate) send `[`, `]`, `^` or `|` unencoded, which lsp-types' strict
/// URI type rejects: the document would be dropped silently. The encoded
/// form names the same file; `sent` remembers what the client wrote for
/// each, so what the server sends back names it the client's way
/// ([`restore_uris`]: a client matching URIs as strings would show no
/// diagnostics otherwise).
pub(crate) fn encode_uris(params: &mut serde_json::Value, sent: &mut std::collections::HashMap<String, String>) {
    match params {
        serde_json::Value::Object(m) => {
            for (k, v) in m.iter_mut() {
                match v {
                    serde_json::Value::String(u) if k == "uri" && !u.chars().all(uri_char) => {
                        let strict = strict_uri(u);
                        sent.insert(strict.clone(), std::mem::replace(u, strict));
                    }
                    _ => encode_uris(v, sent),
                }
            }
        }
        serde_json::Value::Array(items) => items.iter_mut().for_each(|v| encode_uris(v, sent)),
        _ => {}
    }
}

/// Every URI [`encode_uris`] changed, in `value` (an outgoing message's
/// params or result: `uri` members and the keys of a workspace edit's
/// `changes`), back as the client wrote it.
pub(crate) fn restore_uris(value: &mut serde_json::Value, sent: &std::collections::HashMap<String, String>) {
    match value {
        serde_json::Value::Object(m) => {
            if let Some(serde_json::Value::Object(changes)) = m.get_mut("changes") {
                let renamed: Vec<(String, serde_json::Value)> = std::mem::take(changes)
                    .into_iter()
                    .map(|(k, v)| (sent.get(&k).cloned().unwrap_or(k), v))
                    .collect();
                changes.extend(renamed);
            }
            for (k, v) in m.iter_mut() {
                match v {
                    serde_json::Value::String(u) if k == "uri" => {
                        if let Some(original) = sent.get(u.as_str()) {
                            *u = original.clone();
                        }
                    }
                    _ => restore_uris(v, sent),
                }
            }
        }
        serde_json::Value::Array(items) => items.iter_mut().for_each(|v| restore_uris(v, sent)),
        _ => {}
    }
}

/// [`restore_uris`] over what a message carries.
pub(crate) fn restore_message(msg: &mut lsp_server::Message, sent: &std::collections::HashMap<String, String>) {
    if sent.is_empty() {
        return;
    }
    match msg {
        lsp_server::Message::Request(r) => restore_uris(&mut r.params, sent),
        lsp_server::Message::Notification(n) => restore_uris(&mut n.params, sent),
        lsp_server::Message::Response(r) => {
            if let Some(v) = &mut r.result {
                restore_uris(v, sent);
            }
        }
    }
}
