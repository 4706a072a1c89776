//! `--format json`: the versioned report, byte-identical across runs.

use super::pretty::write_nested;
use super::{EmitContext, Emitter, Summary};
use crate::diagnostics::{Diagnostic, Suppression};
use crate::source::LineIndex;
use crate::span::Span;
use crate::FileReport;
use serde::Serialize;
use std::io::{self, Write};

/// The JSON report; counts the files written so far.
#[derive(Default)]
pub struct Json {
    files: usize,
}

#[derive(Serialize)]
struct Tool {
    name: &'static str,
    version: &'static str,
}

#[derive(Serialize)]
struct File<'a> {
    path: &'a str,
    schema_version: Option<&'a str>,
    risk: Option<&'static str>,
    diagnostics: Diags<'a>,
}

/// A file's findings, serialized one by one as they are converted: a file
/// with a million findings never holds a million converted copies.
struct Diags<'a>(&'a FileReport);

impl Serialize for Diags<'_> {
    fn serialize<S: serde::Serializer>(&self, s: S) -> Result<S::Ok, S::Error> {
        let r = self.0;
        s.collect_seq(r.diagnostics.iter().map(|d| diag(r.lines(), &r.text, d)))
    }
}

#[derive(Serialize)]
pub(crate) struct Diag<'a> {
    code: &'static str,
    name: &'static str,
    severity: &'static str,
    message: &'a str,
    pointer: &'a str,
    span: JsonSpan,
    #[serde(skip_serializing_if = "Option::is_none")]
    help: Option<&'a str>,
    #[serde(skip_serializing_if = "Option::is_none")]
    fix: Option<JsonFix<'a>>,
    #[serde(skip_serializing_if = "Option::is_none")]
    suppressed: Option<JsonSuppressed<'a>>,
    #[serde(skip_serializing_if = "Vec::is_empty")]
    related: Vec<JsonRelated<'a>>,
}

#[derive(Serialize)]
struct JsonSpan {
    start: Pos,
    end: Pos,
    offset: u32,
    length: u32,
}

#[derive(Serialize)]
struct Pos {
    line: u32,
    column: u32,
}

#[derive(Serialize)]
struct JsonFix<'a> {
    applicability: &'static str,
    edits: Vec<JsonEdit<'a>>,
}

#[derive(Serialize)]
struct JsonEdit<'a> {
    offset: u32,
    length: u32,
    content: &'a str,
}

#[derive(Serialize)]
struct JsonSuppressed<'a> {
    kind: &'static str,
    #[serde(skip_serializing_if = "Option::is_none")]
    reason: Option<&'a str>,
}

#[derive(Serialize)]
struct JsonRelated<'a> {
    message: &'a str,
    span: JsonSpan,
}

fn json_span(lines: &LineIndex, text: &str, span: Span) -> JsonSpan {
    let (s, e) = lines.span_positions(text, span);
    JsonSpan {
        start: Pos {
            line: s.line,
            column: s.column,
        },
        end: Pos {
            line: e.line,
            column: e.column,
        },
        offset: span.start,
        length: span.end - span.start,
    }
}

/// One finding as the JSON report writes it (`usage` writes its findings
/// the same way); `lines` is `text`'s line index.
pub(crate) fn diag<'a>(lines: &LineIndex, text: &str, d: &'a Diagnostic) -> Diag<'a> {
    Diag {
        code: d.rule.code,
        name: d.rule.name,
        severity: d.severity.as_str(),
        message: &d.message,
        pointer: &d.pointer,
        span: json_span(lines, text, d.span),
        help: d.help.as_deref(),
        fix: d.fix.as_ref().map(|f| JsonFix {
            applicability: f.applicability.as_str(),
            edits: f
                .edits
                .iter()
                .map(|e| JsonEdit {
                    offset: e.span.start,
                    length: e.span.end - e.span.start,
                    content: &e.content,
                })
                .collect(),
        }),
        suppressed: d.suppressed.as_deref().map(|s| match s {
            Suppression::Allow { reason } => JsonSuppressed {
                kind: "allow",
                reason: Some(reason),
            },
            Suppression::Baseline => JsonSuppressed {
                kind: "baseline",
                reason: None,
            },
        }),
        related: d
            .related
            .iter()
            .map(|rel| JsonRelated {
                message: &rel.message,
                span: json_span(lines, text, rel.span),
            })
            .collect(),
    }
}

impl Emitter for Json {
    fn begin(&mut self, w: &mut dyn Write, _cx: &EmitContext) -> io::Result<()> {
        self.files = 0;
        let tool = Tool {
            name: "procore-manifest",
            version: env!("CARGO_PKG_VERSION"),
        };
        w.write_all(b"{\n  \"version\": 1,\n  \"tool\": ")?;
        write_nested(w, &tool, 1)?;
        w.write_all(b",\n  \"files\": [")
    }

    fn file(&mut self, w: &mut dyn Write, r: &FileReport, _cx: &EmitContext) -> io::Result<()> {
        let file = File {
            path: &r.path,
            schema_version: r.schema_version.as_deref(),
            risk: r.risk.map(|k| k.as_str()),
            diagnostics: Diags(r),
        };
        let sep = if self.files == 0 { "\n    " } else { ",\n    " };
        self.files += 1;
        w.write_all(sep.as_bytes())?;
        write_nested(w, &file, 2)
    }

    fn end(&mut self, w: &mut dyn Write, summary: &Summary, _cx: &EmitContext) -> io::Result<()> {
        let close = if self.files == 0 { "]" } else { "\n  ]" };
        write!(w, "{close},\n  \"summary\": ")?;
        write_nested(w, summary, 1)?;
        w.write_all(b"\n}\n")
    }
}
