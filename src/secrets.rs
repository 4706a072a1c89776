//! The secret room: the one answer to "is this secret?" (a member name, a
//! value, a span of a file) and the one redaction and value hash every
//! output uses. Messages quote manifest values through [`quote`]; snippets,
//! `--diff` and `diff` mask secret spans with [`mask`]; the baseline and the
//! SARIF/GitLab fingerprints hash through [`value_hash`]. No rule or emitter
//! decides on its own.

use crate::span::Span;
use crate::syntax::{pointer_of, Node, NodeKind, Seg};

/// Member names that hold credentials (any case; `-` and `_` alike).
const SECRET_NAMES: &[&str] = &[
    "clientsecret",
    "secret",
    "accesstoken",
    "refreshtoken",
    "password",
    "apikey",
];

/// Is a member named like a credential? `uid` and `uuid` never are.
pub fn is_secret_name(key: &str) -> bool {
    // Compare without allocating: this runs on every key of every file.
    let folded = || {
        key.bytes()
            .filter(|b| !matches!(b, b'-' | b'_'))
            .map(|b| b.to_ascii_lowercase())
    };
    key.len() <= 32 && SECRET_NAMES.iter().any(|name| folded().eq(name.bytes()))
}

fn is_base64url_segment(s: &str) -> bool {
    !s.is_empty() && s.bytes().all(|b| b.is_ascii_alphanumeric() || b == b'-' || b == b'_')
}

/// Is a string value token-shaped: a JWT (three base64url segments, the
/// first starting `eyJ`) or a `Bearer ` credential?
pub fn is_secret_value(s: &str) -> bool {
    let t = s.trim();
    if t.starts_with("Bearer ") {
        return true;
    }
    // This runs on every string of every file: rule out the common case
    // before splitting.
    if !t.starts_with("eyJ") {
        return false;
    }
    let mut parts = t.split('.');
    match (parts.next(), parts.next(), parts.next(), parts.next()) {
        (Some(a), Some(b), Some(c), None) => {
            a.starts_with("eyJ") && is_base64url_segment(a) && is_base64url_segment(b) && is_base64url_segment(c)
        }
        _ => false,
    }
}

/// What a message shows instead of a secret value.
pub const REDACTED: &str = "(a secret value, not shown)";

/// A manifest value quoted for a message: secrets are never echoed, control
/// characters are escaped, long values are cut.
pub fn quote(value: &str) -> String {
    if is_secret_value(value) {
        return REDACTED.to_string();
    }
    crate::text::quote_plain(value)
}

/// What a table or list shows instead of a secret value.
pub const SHOWN_SECRET: &str = "(secret)";

/// Is the value of member `key` (or of an array item, `None`) secret: named
/// like a credential, or token-shaped itself?
pub fn is_secret_member(key: Option<&str>, value: &str) -> bool {
    key.is_some_and(is_secret_name) || is_secret_value(value)
}

/// A manifest value quoted for a message, knowing the member that holds it.
pub fn quote_member(key: &str, value: &str) -> String {
    if is_secret_member(Some(key), value) {
        return REDACTED.to_string();
    }
    crate::text::quote_plain(value)
}

/// A manifest value as a table, list or diff shows it: on one line, or
/// [`SHOWN_SECRET`].
pub fn shown(key: Option<&str>, value: &str) -> String {
    if is_secret_member(key, value) {
        SHOWN_SECRET.to_string()
    } else {
        crate::text::sanitize_inline(value)
    }
}

fn overlaps(a: Span, b: Span) -> bool {
    (a.start < b.end && b.start < a.end) || (a.is_empty() && b.start <= a.start && a.start < b.end)
}

/// The hash of a finding's offending value, for the baseline and the CI
/// fingerprints: the source text at `span`, except when the finding is about
/// a secret (`about_secret`, R007) or its span touches a secret value: then
/// its pointer, so that nothing derived from a secret leaves the tool.
pub fn value_hash(text: &str, secret_spans: &[Span], about_secret: bool, pointer: &str, span: Span) -> String {
    if about_secret || secret_spans.iter().any(|&s| overlaps(span, s)) {
        return crate::hash::fnv1a64(&[b"secret", pointer.as_bytes()]);
    }
    let value = text.get(span.range()).unwrap_or("");
    crate::hash::fnv1a64(&[value.as_bytes()])
}

/// A secret found in the tree: the member (if any) and the value's span.
#[derive(Debug, Clone)]
pub struct Found {
    pub pointer: String,
    /// The span to report: the member's key for a secret-named member, the
    /// value for a token-shaped value.
    pub report_span: Span,
    /// The value's span, masked in every snippet.
    pub value_span: Span,
    pub by_name: bool,
    pub name: Option<String>,
}

/// Every secret in the document, in source order.
pub fn find(root: &Node) -> Vec<Found> {
    let mut out = Vec::new();
    walk(root, &mut Vec::new(), &mut out);
    out
}

fn walk<'a>(node: &'a Node, path: &mut Vec<Seg<'a>>, out: &mut Vec<Found>) {
    match &node.kind {
        NodeKind::Object(members) => {
            for m in members {
                let is_id = m.key.eq_ignore_ascii_case("uid") || m.key.eq_ignore_ascii_case("uuid");
                if is_id {
                    continue;
                }
                path.push(Seg::Key(&m.key));
                if is_secret_name(&m.key) && has_content(&m.value) {
                    out.push(Found {
                        pointer: pointer_of(path),
                        report_span: m.key_span,
                        value_span: m.value.span,
                        by_name: true,
                        name: Some(m.key.to_string()),
                    });
                } else {
                    walk(&m.value, path, out);
                }
                path.pop();
            }
        }
        NodeKind::Array(items) => {
            for (i, item) in items.iter().enumerate() {
                path.push(Seg::Index(i));
                walk(item, path, out);
                path.pop();
            }
        }
        NodeKind::String(s) if is_secret_value(s) => out.push(Found {
            pointer: pointer_of(path),
            report_span: node.span,
            value_span: node.span,
            by_name: false,
            name: None,
        }),
        _ => {}
    }
}

/// A secret-named member only counts when it holds something: an empty
/// string, null, or an empty container holds no credential.
fn has_content(v: &Node) -> bool {
    match &v.kind {
        NodeKind::Null => false,
        NodeKind::String(s) => !s.trim().is_empty(),
        NodeKind::Array(a) => !a.is_empty(),
        NodeKind::Object(o) => !o.is_empty(),
        _ => true,
    }
}

/// Secret values in text that does not parse (S001): a lexical scan of the
/// string tokens, so that a snippet of a broken file masks them too. A
/// string is a secret when it is token-shaped or is the value right after a
/// secret-named key (`"password": "..."`).
pub fn find_lexical(text: &str) -> Vec<Span> {
    let bytes = text.as_bytes();
    let mut out = Vec::new();
    let mut prev_secret_key_end: Option<usize> = None;
    let mut i = 0;
    while i < bytes.len() {
        if bytes[i] != b'"' {
            i += 1;
            continue;
        }
        let start = i;
        i += 1;
        while i < bytes.len() && bytes[i] != b'"' {
            if bytes[i] == b'\\' {
                i += 1;
            }
            i += 1;
        }
        let end = (i + 1).min(bytes.len());
        i = end;
        let raw = text.get(start + 1..end.saturating_sub(1).max(start + 1)).unwrap_or("");
        let after_secret_key =
            prev_secret_key_end.is_some_and(|k| text.get(k..start).is_some_and(|between| between.trim() == ":"));
        if after_secret_key || is_secret_value(raw) {
            out.push(Span::new(start, end));
            prev_secret_key_end = None;
        } else if is_secret_name(raw) {
            prev_secret_key_end = Some(end);
        } else {
            prev_secret_key_end = None;
        }
    }
    out
}

/// The spans of every secret value in `text`: from the tree when it parses
/// (members named like secrets, whatever their value's type), else from the
/// lexical scan.
pub fn spans_in(text: &str) -> Vec<Span> {
    match crate::syntax::parse(text) {
        Ok(root) => find(&root).iter().map(|f| f.value_span).collect(),
        Err(_) => find_lexical(text),
    }
}

/// `text` with its secret values masked (see [`mask`]).
pub fn masked(text: &str) -> String {
    mask(text, &spans_in(text))
}

/// The text with every secret value replaced by `*` (same byte length, so
/// offsets stay valid; quotes kept).
pub fn mask(text: &str, spans: &[Span]) -> String {
    let mut bytes = text.as_bytes().to_vec();
    for s in spans {
        let (start, end) = (s.start as usize, (s.end as usize).min(bytes.len()));
        for (i, b) in bytes.iter_mut().enumerate().take(end).skip(start) {
            let keep_quote = (i == start || i + 1 == end) && *b == b'"';
            if !keep_quote && !matches!(*b, b'\n' | b'\r') {
                *b = b'*';
            }
        }
    }
    // Replacing whole characters' bytes with ASCII keeps the text valid UTF-8
    // except when a span cuts a character; fall back to lossy in that case.
    String::from_utf8(bytes).unwrap_or_else(|e| String::from_utf8_lossy(e.as_bytes()).into_owned())
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn names() {
        for n in [
            "client_secret",
            "Client-Secret",
            "API_KEY",
            "apiKey",
            "password",
            "refresh_token",
        ] {
            assert!(is_secret_name(n), "{n}");
        }
        for n in ["uid", "uuid", "secretariat", "token_url"] {
            assert!(!is_secret_name(n), "{n}");
        }
    }

    #[test]
    fn values() {
        assert!(is_secret_value("eyJhbGciOiJIUzI1NiJ9.eyJzdWIiOiIxIn0.sig_-x"));
        assert!(is_secret_value("Bearer abc"));
        assert!(!is_secret_value("eyJ.only-two"));
        assert!(!is_secret_value("https://example.com/a.b.c"));
    }

    #[test]
    fn uid_is_never_secret() {
        let root = crate::syntax::parse(r#"{"uid": "eyJa.b.c", "x": {"password": "hunter2"}}"#).unwrap();
        let f = find(&root);
        assert_eq!(f.len(), 1);
        assert_eq!(f[0].pointer, "/x/password");
    }

    #[test]
    fn lexical_scan_of_broken_json() {
        let t = r#"{"client_secret": "s3cr3t", "a": "Bearer xyz",}"#;
        let spans = find_lexical(t);
        assert_eq!(spans.len(), 2);
        assert!(!mask(t, &spans).contains("s3cr3t"));
    }

    #[test]
    fn mask_keeps_length() {
        let t = r#"{"password": "hunter2"}"#;
        let root = crate::syntax::parse(t).unwrap();
        let spans: Vec<_> = find(&root).iter().map(|f| f.value_span).collect();
        let m = mask(t, &spans);
        assert_eq!(m.len(), t.len());
        assert!(!m.contains("hunter2"));
        assert!(m.contains(r#""*******""#));
    }
}
