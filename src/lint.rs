//! The lint of one file's content: parse, every enabled rule, the S003
//! de-duplication, selection and severities, the risk rating. Pure: no I/O,
//! no config lookup (the workspace floor resolves settings and calls this).

use crate::diagnostics::Diagnostic;
use crate::model::SchemaFamily;
use crate::rules::engine;
use crate::settings::Settings;
use crate::source::LineIndex;
use crate::span::Span;
use crate::syntax::{Arena, Node, SyntaxError};
use crate::{risk, secrets, syntax, Severity};

/// The tree of a file's text: strings borrow the text.
type Tree<'t> = Result<Node<'t>, SyntaxError>;

self_cell::self_cell!(
    /// A file's content decoded and parsed once, so that file discovery
    /// (which must look inside a file to know whether it is a manifest) and
    /// the lint share the work. It owns the text and the tree that borrows
    /// from it (only strings with escapes are copied).
    pub struct Parsed {
        owner: Source,
        #[covariant]
        dependent: Tree,
    }
    impl {Debug}
);

/// A file's text and the arena its tree lives in.
#[derive(Debug)]
pub struct Source {
    text: String,
    arena: Arena,
    /// The text is a lossy copy of bytes that are not UTF-8: its offsets
    /// match the file's only before the first bad byte.
    lossy: bool,
}

impl Source {
    fn new(text: String) -> Source {
        // Room for about the tree of a typical manifest before the arena
        // grows (a tree takes about as many bytes as its text). A big text
        // starts small: its tree may be far smaller (folded containers) or
        // none at all (not JSON), and a chunk sized like the text was as
        // much memory again.
        let arena = Arena::with_capacity(text.len().min(256 * 1024));
        Source {
            text,
            arena,
            lossy: false,
        }
    }
}

impl Parsed {
    pub fn from_bytes(bytes: &[u8]) -> Parsed {
        match syntax::decode(bytes) {
            Ok(text) => Parsed::from_text(text.to_string()),
            Err(e) => Parsed::not_utf8(bytes, e),
        }
    }

    /// From owned bytes: a UTF-8 file becomes the text without a copy (a
    /// big manifest is held once, not twice).
    pub fn from_vec(bytes: Vec<u8>) -> Parsed {
        if let Err(e) = syntax::not_utf16(&bytes) {
            return Parsed::not_utf8(&bytes, e);
        }
        // Validated once, by the conversion that keeps the buffer.
        match String::from_utf8(bytes) {
            Ok(text) => Parsed::from_text(text),
            Err(e) => {
                let error = syntax::not_utf8(e.as_bytes(), e.utf8_error());
                Parsed::not_utf8(e.as_bytes(), error)
            }
        }
    }

    pub fn from_text(text: String) -> Parsed {
        Parsed::new(Source::new(text), |s| syntax::parse(&s.text, &s.arena))
    }

    /// A file that is not UTF-8: a copy of its text (a UTF-16 file
    /// decoded, any other with each invalid sequence one U+FFFD), to show
    /// where it fails and to scan for secrets, and the decoding error.
    fn not_utf8(bytes: &[u8], e: SyntaxError) -> Parsed {
        let text = syntax::utf16_text(bytes).unwrap_or_else(|| String::from_utf8_lossy(bytes).into_owned());
        let mut source = Source::new(text);
        source.lossy = true;
        Parsed::new(source, |_| Err(e))
    }

    /// The text: exact for UTF-8 files; for a file that is not UTF-8 a lossy
    /// copy.
    pub fn text(&self) -> &str {
        &self.borrow_owner().text
    }

    pub fn tree(&self) -> &Result<Node<'_>, SyntaxError> {
        self.borrow_dependent()
    }

    /// Is the text a lossy copy of bytes that are not UTF-8?
    pub fn is_lossy(&self) -> bool {
        self.borrow_owner().lossy
    }

    /// The text back, the tree dropped.
    pub fn into_text(self) -> String {
        self.into_owner().text
    }
}

/// Everything a check found in one file.
#[derive(Debug, Clone)]
pub struct FileReport {
    /// The path as shown in reports (forward slashes).
    pub path: String,
    pub text: String,
    /// Built on first use: files without findings never need it.
    lines: std::sync::OnceLock<LineIndex>,
    /// The declared `schema_version` when it is "4.1" or a 3.x form.
    pub schema_version: Option<String>,
    pub family: Option<SchemaFamily>,
    /// The overall rating; `None` only when the file cannot be parsed.
    pub risk: Option<risk::Risk>,
    /// Spans of secret values: masked in every snippet.
    pub secret_spans: Vec<Span>,
    /// Findings whose risk acceptance has expired.
    pub expired_allows: usize,
    /// A report on the config file (X001), not on a manifest.
    pub is_config: bool,
    /// Fixes applied to this file (`--fix`).
    pub fixed: usize,
    /// With an activity report (`usage`): the tool table and unmapped routes.
    pub usage: Option<Box<crate::usage::Facts>>,
    pub diagnostics: Vec<Diagnostic>,
}

impl FileReport {
    /// A report on `path` with nothing in it yet.
    fn empty(path: &str) -> FileReport {
        FileReport {
            path: path.to_string(),
            text: String::new(),
            lines: Default::default(),
            schema_version: None,
            family: None,
            risk: None,
            secret_spans: Vec::new(),
            expired_allows: 0,
            is_config: false,
            fixed: 0,
            usage: None,
            diagnostics: Vec::new(),
        }
    }

    /// A report on a file that is not a manifest (the config file of X001).
    pub fn other_file(path: String, text: String, diagnostics: Vec<Diagnostic>) -> FileReport {
        FileReport {
            text,
            is_config: true,
            diagnostics,
            ..FileReport::empty(&path)
        }
    }

    /// The line index of `text`.
    pub fn lines(&self) -> &LineIndex {
        self.lines.get_or_init(|| LineIndex::new(&self.text))
    }

    /// Drop the text of a file without findings: reports need it only to
    /// show where findings are. Keeps a run over many files small.
    pub fn compact(&mut self) {
        if self.diagnostics.is_empty() {
            self.text = String::new();
            self.lines = std::sync::OnceLock::new();
            self.secret_spans = Vec::new();
        }
    }

    /// The hash of a finding's offending value (baseline entries, CI
    /// fingerprints): see [`secrets::value_hash`].
    pub fn value_hash(&self, d: &Diagnostic) -> String {
        secrets::value_hash(
            &self.text,
            &self.secret_spans,
            crate::rules::is_secret_finding(d),
            &d.pointer,
            d.span,
        )
    }

    pub fn count(&self, severity: Severity) -> usize {
        self.diagnostics
            .iter()
            .filter(|d| d.is_active() && d.severity == severity)
            .count()
    }
}

/// Lint a file's bytes.
pub fn lint_bytes(path: &str, bytes: &[u8], settings: &Settings) -> FileReport {
    lint_parsed(path, Parsed::from_bytes(bytes), settings)
}

/// Lint text already decoded.
pub fn lint_source(path: &str, text: &str, settings: &Settings) -> FileReport {
    lint_parsed(path, Parsed::from_text(text.to_string()), settings)
}

/// Lint a parsed file, giving up its text to the report.
pub fn lint_parsed(path: &str, parsed: Parsed, settings: &Settings) -> FileReport {
    let mut report = lint_tree(path, parsed.text(), parsed.tree(), parsed.is_lossy(), settings, None);
    report.text = parsed.into_text();
    report
}

/// Lint a parsed file and give the parsed file back (the language server
/// keeps its tree for hover and completion; the report then holds a copy of
/// the text). `cancel`: when it turns true, the remaining rule groups are
/// skipped (the language server has a newer text; the caller drops this
/// report).
pub fn lint_keeping_tree(
    path: &str,
    parsed: Parsed,
    settings: &Settings,
    cancel: Option<&std::sync::atomic::AtomicBool>,
) -> (FileReport, Parsed) {
    let mut report = lint_tree(path, parsed.text(), parsed.tree(), parsed.is_lossy(), settings, cancel);
    report.text = parsed.text().to_string();
    (report, parsed)
}

/// The report on `text` and its tree, but for the text itself (left empty
/// for the caller to fill).
fn lint_tree(
    path: &str,
    text: &str,
    tree: &Result<Node<'_>, SyntaxError>,
    lossy: bool,
    settings: &Settings,
    cancel: Option<&std::sync::atomic::AtomicBool>,
) -> FileReport {
    let root = match tree {
        Err(e) => {
            let found = secrets::scan_lexical(text);
            let secret_spans: Vec<Span> = found.iter().map(|l| l.span).collect();
            // Every secret is reported, in a file that is not UTF-8 too.
            // A copy's offsets are not the file's: no quote fix there (a
            // file that is not UTF-8 cannot become JSON by one anyway).
            // Past the first bad byte of a file that is not UTF-8 the
            // copy's offsets are not the file's: a secret there is reported
            // where S001 points (masked in the copy all the same).
            let placed: Vec<secrets::Lexical> = found
                .iter()
                .map(|l| secrets::Lexical {
                    span: if lossy && l.span.end > e.span.start {
                        e.span
                    } else {
                        l.span
                    },
                    ..l.clone()
                })
                .collect();
            let all = engine::unparsable(e.clone(), if lossy { "" } else { text }, &placed);
            let redactor = secrets::Redactor::new(found.into_iter().flat_map(|l| l.texts));
            let mut secret_spans = secret_spans;
            secret_spans.extend(redactor.occurrences(text));
            let diagnostics = redact(select(all, settings), &redactor);
            return FileReport {
                secret_spans,
                diagnostics,
                ..FileReport::empty(path)
            };
        }
        Ok(root) => root,
    };
    let ran = engine::run(root, text, settings, cancel);
    let mut secret_spans: Vec<Span> = ran.secrets.iter().map(|f| f.value_span).collect();
    let redactor = secrets::Redactor::new(ran.secrets.into_iter().flat_map(|f| f.texts));
    // A secret's text quoted again elsewhere in the file is masked there too.
    secret_spans.extend(redactor.occurrences(text));
    let diagnostics = redact(select(ran.diagnostics, settings), &redactor);
    let schema_version = ran
        .declared
        .then(|| root.get("schema_version").and_then(Node::as_str).map(str::to_string))
        .flatten();
    FileReport {
        schema_version,
        family: Some(ran.family),
        risk: Some(ran.risk),
        secret_spans,
        usage: ran.usage,
        diagnostics,
        ..FileReport::empty(path)
    }
}

/// The secret room's last pass over a file's findings: no message, help,
/// note, fix title or pointer carries a secret of the file.
fn redact(mut all: Vec<Diagnostic>, redactor: &secrets::Redactor) -> Vec<Diagnostic> {
    if redactor.is_empty() && !all.iter().any(|d| d.pointer.split('/').any(secrets::is_secret_value)) {
        return all;
    }
    let text = |s: &mut String| {
        if let std::borrow::Cow::Owned(r) = redactor.text(s) {
            *s = r;
        }
    };
    for d in &mut all {
        text(&mut d.message);
        if let Some(h) = &mut d.help {
            if let std::borrow::Cow::Owned(r) = redactor.text(h) {
                *h = r.into();
            }
        }
        for r in &mut d.related {
            text(&mut r.message);
        }
        if let Some(f) = &mut d.fix {
            text(&mut f.title);
        }
        d.pointer = redactor.pointer(&d.pointer);
    }
    all
}

/// Selection, severity overrides and the report order.
fn select(mut all: Vec<Diagnostic>, settings: &Settings) -> Vec<Diagnostic> {
    all.retain(|d| settings.is_enabled(d.rule));
    for d in &mut all {
        if let Some(s) = settings.severity_override(d.rule) {
            d.severity = d.ceiling().map_or(s, |c| s.min(c));
        }
    }
    // Unstable: no buffer of half the findings (a file can have millions);
    // the pointer breaks most ties the old stable sort kept in rule order.
    all.sort_unstable_by(|a, b| {
        (a.span.start, a.rule.code, a.span.end)
            .cmp(&(b.span.start, b.rule.code, b.span.end))
            .then_with(|| (a.rank(), &a.message, &a.pointer).cmp(&(b.rank(), &b.message, &b.pointer)))
    });
    all
}

/// The span of a whole file (for findings about the file itself).
pub fn whole_file(text: &str) -> Span {
    Span::new(0, text.len())
}

#[cfg(test)]
mod tests {
    use super::Parsed;

    /// Owned bytes and borrowed bytes give the same text and the same
    /// error: `from_vec` validates once, `from_bytes` through `decode`.
    #[test]
    fn from_vec_says_what_from_bytes_says() {
        let cases: [&[u8]; 8] = [
            b"{\"a\": 1}",
            b"",
            b"{\"a\": \"\xff\"}",
            b"{\"a\": \"\xe2\x82\"}",
            b"\xff\xfe{\x00}\x00",
            b"{\x00\"\x00a\x00\"\x00:\x001\x00}\x00",
            b"\x00{\x00\"\x00a\x00\"\x00:\x001\x00}",
            "{\"é\": \"😀\"}".as_bytes(),
        ];
        for bytes in cases {
            let (owned, borrowed) = (Parsed::from_vec(bytes.to_vec()), Parsed::from_bytes(bytes));
            assert_eq!(owned.text(), borrowed.text(), "{bytes:?}");
            assert_eq!(owned.is_lossy(), borrowed.is_lossy(), "{bytes:?}");
            let error = |p: &Parsed| p.tree().as_ref().err().map(|e| (e.span, e.message.clone()));
            assert_eq!(error(&owned), error(&borrowed), "{bytes:?}");
        }
    }
}
