//! The secret room: the one answer to "is this secret?" (a member name, a
//! value, a key, a span of a file) and the one redaction and value hash
//! every output uses. Messages quote manifest values through [`quote`] and
//! are redacted once more at the end of the lint ([`Redactor`]); snippets,
//! `--diff` and `diff` mask secret spans with [`mask`]; tables show
//! [`shown`]; the baseline and the SARIF/GitLab fingerprints hash through
//! [`value_hash`]. No rule or emitter decides on its own.

pub mod formats;
mod gate;
mod lexical;
mod names;
mod punct;
mod tree;
mod values;

pub use gate::Memo;
pub use lexical::{scan as scan_lexical, Lexical};
pub use names::{is_key_like, is_secret_name, words};
mod redact;
pub use redact::Redactor;
pub use tree::{find, Finder, Found};
pub use values::{hits, is_secret_value, Hit, Why};

use crate::span::Span;
use std::borrow::Cow;

/// What a message shows instead of a secret value.
pub const REDACTED: &str = "(a secret value, not shown)";

/// What a table, list, pointer or key shows instead of a secret.
pub const SHOWN_SECRET: &str = "(secret)";

/// A manifest value quoted for a message: secrets are never echoed, control
/// characters are escaped, long values are cut.
pub fn quote(value: &str) -> String {
    if is_secret_value(value) {
        return REDACTED.to_string();
    }
    crate::text::quote_plain(value)
}

/// Is the value of member `key` (or of an array item, `None`) secret: named
/// like a credential, token-shaped itself, or a long high-entropy string
/// under a key-like name (R007's tests, every one)?
pub fn is_secret_member(key: Option<&str>, value: &str) -> bool {
    key.is_some_and(|k| is_secret_name(k) || values::is_entropy_secret(k, value)) || is_secret_value(value)
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

/// A value as `diff` shows a change of it: on one line, each secret part
/// (a credential, a URL's secret query parameter or password) replaced by
/// [`SHOWN_SECRET`] and the rest kept, so a changed host or path stays in
/// view (`https://collector.evil.io/panel?token=(secret)`).
pub fn shown_parts(value: &str) -> String {
    let out = without_secrets(value);
    // What is left holds no secret of its own (or it is not shown at all).
    if is_secret_value(&out.replace(SHOWN_SECRET, "")) {
        return SHOWN_SECRET.to_string();
    }
    crate::text::sanitize_inline(&out)
}

/// `text` with each secret part the value tests find ([`hits`]: credential
/// formats, secret URL parts) replaced by [`SHOWN_SECRET`]: for text from
/// outside a manifest (a config value, an argument) that a message echoes.
pub fn without_secrets(text: &str) -> Cow<'_, str> {
    let mut found = hits(text);
    if found.is_empty() {
        return Cow::Borrowed(text);
    }
    found.sort_by_key(|h| (h.start, std::cmp::Reverse(h.end)));
    let mut out = String::with_capacity(text.len());
    let mut last = 0;
    for h in &found {
        if h.start < last {
            continue;
        }
        let Some(plain) = text.get(last..h.start) else { continue };
        out.push_str(plain);
        out.push_str(SHOWN_SECRET);
        last = h.end;
    }
    out.push_str(text.get(last..).unwrap_or_default());
    Cow::Owned(out)
}

/// A member name as every output shows it: on one line, or
/// [`SHOWN_SECRET`] when the name itself is a credential.
pub fn key(name: &str) -> String {
    if is_secret_value(name) {
        SHOWN_SECRET.to_string()
    } else {
        crate::text::sanitize_inline(name)
    }
}

fn overlaps(a: Span, b: Span) -> bool {
    (a.start < b.end && b.start < a.end) || (a.is_empty() && b.start <= a.start && a.start < b.end)
}

/// The hash of a finding's offending value, for the baseline and the CI
/// fingerprints: the source text at `span`, except when the finding is about
/// a secret (`about_secret`, R007) or its span touches a secret: then its
/// (redacted) pointer, so that nothing derived from a secret leaves the tool.
pub fn value_hash(text: &str, secret_spans: &[Span], about_secret: bool, pointer: &str, span: Span) -> String {
    if about_secret || secret_spans.iter().any(|&s| overlaps(span, s)) {
        return crate::hash::fnv1a64(&[b"secret", pointer.as_bytes()]);
    }
    let value = text.get(span.range()).unwrap_or("");
    // A string written with escapes (`"http:\/\/x.io"`, `"\u00e9"`) is the
    // value written without them: re-encoding a file keeps its entries.
    if value.contains('\\') {
        if let Ok(serde_json::Value::String(s)) = serde_json::from_str(value) {
            if let Ok(canonical) = serde_json::to_string(&s) {
                return crate::hash::fnv1a64(&[canonical.as_bytes()]);
            }
        }
    }
    crate::hash::fnv1a64(&[value.as_bytes()])
}

/// The spans of every secret in `text`: from the tree when it parses,
/// else from the lexical scan.
pub fn spans_in(text: &str) -> Vec<Span> {
    let found: Vec<(Span, Vec<String>)> = match crate::syntax::parse(text, &crate::syntax::Arena::default()) {
        Ok(root) => find(&root).into_iter().map(|f| (f.value_span, f.texts)).collect(),
        Err(_) => scan_lexical(text).into_iter().map(|l| (l.span, l.texts)).collect(),
    };
    let (mut spans, texts): (Vec<Span>, Vec<Vec<String>>) = found.into_iter().unzip();
    // A secret's text quoted again elsewhere (in a note, a URL) too.
    spans.extend(Redactor::new(texts.into_iter().flatten()).occurrences(text));
    spans
}

/// `text` with its secrets masked (see [`mask`]).
pub fn masked(text: &str) -> String {
    mask(text, &spans_in(text)).into_owned()
}

/// The text with every secret replaced by `*` (same byte length, so offsets
/// stay valid; quotes and line breaks kept); the text itself, not a copy,
/// when there is none.
pub fn mask<'t>(text: &'t str, spans: &[Span]) -> std::borrow::Cow<'t, str> {
    if spans.is_empty() {
        return std::borrow::Cow::Borrowed(text);
    }
    let mut bytes = text.as_bytes().to_vec();
    for s in spans {
        let (start, end) = (s.start as usize, (s.end as usize).min(bytes.len()));
        for (i, b) in bytes.iter_mut().enumerate().take(end).skip(start) {
            let keep_quote = (i == start || i + 1 == end) && matches!(*b, b'"' | b'\'');
            if !keep_quote && !matches!(*b, b'\n' | b'\r') {
                *b = b'*';
            }
        }
    }
    // Replacing whole characters' bytes with ASCII keeps the text valid UTF-8
    // except when a span cuts a character; fall back to lossy in that case.
    std::borrow::Cow::Owned(
        String::from_utf8(bytes).unwrap_or_else(|e| String::from_utf8_lossy(e.as_bytes()).into_owned()),
    )
}

/// A JSON pointer with each segment that is a credential replaced by
/// [`SHOWN_SECRET`].
pub fn pointer(p: &str) -> String {
    Redactor::default().pointer(p)
}

#[cfg(test)]
mod tests {
    use super::*;

    /// The entropy test reads what a key-like name holds as its values: a
    /// string, the strings of its list, a declared field's literal values;
    /// not an object's members (their own names decide).
    #[test]
    fn entropy_under_key_like_names_in_every_value_position() {
        let arena = crate::syntax::Arena::default();
        let v = "Qm7vT2xLp9sKw3ZrAbCdEf12";
        let text = format!(
            r#"{{"license_keys": ["{v}"], "properties": {{"license_key": {{"type": "string", "default": "{v}1"}}, "api_key": {{"enum": ["{v}2"]}}}}, "auth": {{"name": "{v}3"}}, "names": ["{v}4"]}}"#
        );
        let root = crate::syntax::parse(&text, &arena).unwrap();
        let texts: Vec<String> = find(&root).into_iter().flat_map(|f| f.texts).collect();
        assert_eq!(texts, [v.to_string(), format!("{v}1"), format!("{v}2")]);
    }

    #[test]
    fn uid_is_never_secret() {
        let arena = crate::syntax::Arena::default();
        let root = crate::syntax::parse(
            r#"{"uid": "eyJhbGciOiJIUzI1NiJ9.eyJzdWIiOiIxMjM0NTY3ODkwIn0.c2lnbmF0dXJlLXNpZ25hdHVyZQ", "x": {"password": "hunter2"}, "uuid": {"client_secret": "s3cr3t-value"}}"#,
            &arena,
        )
        .unwrap();
        let f = find(&root);
        let pointers: Vec<&str> = f.iter().map(|f| f.pointer.as_str()).collect();
        assert_eq!(pointers, ["/x/password", "/uuid/client_secret"]);
    }

    /// A configuration field declared with a secret name is a name; the
    /// literal values it declares are secrets; a value object under
    /// `properties` is no declaration.
    #[test]
    fn declared_fields_are_names_and_their_literals_secrets() {
        let arena = crate::syntax::Arena::default();
        let text = r#"{"user_configuration": {"schema": {"type": "object", "properties": {
            "api_token": {"name": "API token", "type": "string", "description": "your token"},
            "pwd": {"type": "string", "default": "hunter2-default"},
            "password": {"value": "s3cr3t-value"}}}}}"#;
        let root = crate::syntax::parse(text, &arena).unwrap();
        let f = find(&root);
        let pointers: Vec<&str> = f.iter().map(|f| f.pointer.as_str()).collect();
        assert_eq!(
            pointers,
            [
                "/user_configuration/schema/properties/pwd/default",
                "/user_configuration/schema/properties/password"
            ]
        );
        assert_eq!(f[0].texts, ["hunter2-default"]);
        // Keys are no secret texts: `value` stays readable in messages.
        assert_eq!(f[1].texts, ["s3cr3t-value"]);
        // Unless a key is a credential itself.
        let pat = format!("ghp_{}", "a1B2".repeat(9));
        let text = format!(r#"{{"client_secret": {{"{pat}": "x-value-1"}}}}"#);
        let root = crate::syntax::parse(&text, &arena).unwrap();
        assert_eq!(find(&root)[0].texts, [pat, "x-value-1".to_string()]);
    }

    #[test]
    fn lexical_scan_of_broken_json() {
        let t = r#"{"client_secret": "s3cr3t", "a": "Bearer 4f9a8b7c6d5e4f3a2b1c0d9e",}"#;
        let spans: Vec<Span> = scan_lexical(t).iter().map(|l| l.span).collect();
        assert_eq!(spans.len(), 2);
        assert!(!mask(t, &spans).contains("s3cr3t"));
    }

    #[test]
    fn a_value_hashes_the_same_however_it_is_escaped() {
        let h = |t: &str| value_hash(t, &[], false, "/x", Span::new(0, t.len()));
        assert_eq!(h(r#""http:\/\/x.io/é""#), h(r#""http://x.io/é""#));
        assert_eq!(h(r#""\u0068ttp://x.io/\u00e9""#), h(r#""http://x.io/é""#));
        assert_eq!(h(r#""a\"b""#), h(r#""a\u0022b""#));
        assert_ne!(h(r#""http://x.io""#), h(r#""http://y.io""#));
    }

    #[test]
    fn shown_parts_keeps_the_host() {
        let url = "https://collector.evil.io/panel?token=abc123def456ghi789";
        let shown = shown_parts(url);
        assert!(
            shown.starts_with("https://collector.evil.io/panel?") && shown.contains(SHOWN_SECRET),
            "{shown}"
        );
        assert!(!shown.contains("abc123def456"), "{shown}");
        assert_eq!(shown_parts("https://app.acme.io/panel"), "https://app.acme.io/panel");
        let pat = format!("ghp_{}", "a1B2".repeat(9));
        assert_eq!(shown_parts(&pat), SHOWN_SECRET);
    }

    #[test]
    fn mask_keeps_length() {
        let t = r#"{"password": "hunter2"}"#;
        let arena = crate::syntax::Arena::default();
        let root = crate::syntax::parse(t, &arena).unwrap();
        let spans: Vec<_> = find(&root).iter().map(|f| f.value_span).collect();
        let m = mask(t, &spans);
        assert_eq!(m.len(), t.len());
        assert!(!m.contains("hunter2"));
        assert!(m.contains(r#""*******""#));
    }
}
