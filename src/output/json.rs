//! `--format json`: the versioned report, byte-identical across runs.

use super::json_writer::Pretty;
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
    /// The writer's buffer, kept from file to file.
    buf: Vec<u8>,
}

#[derive(Serialize)]
struct Tool {
    name: &'static str,
    version: &'static str,
}

/// One finding, the way the report writes it (`usage` writes its findings
/// the same way, through [`diag_value`]).
fn write_diag(p: &mut Pretty, lines: &LineIndex, text: &str, d: &Diagnostic) {
    p.open(b'{');
    p.field_str("code", d.rule.code);
    p.field_str("name", d.rule.name);
    p.field_str("severity", d.severity.as_str());
    p.field_str("message", &d.message);
    p.field_str("pointer", &d.pointer);
    p.key("span");
    write_span(p, lines, text, d.span);
    if let Some(help) = &d.help {
        p.field_str("help", help);
    }
    if let Some(fix) = &d.fix {
        p.key("fix");
        p.open(b'{');
        p.field_str("applicability", fix.applicability.as_str());
        p.key("edits");
        p.open(b'[');
        for e in &fix.edits {
            p.item();
            p.open(b'{');
            p.field_u32("offset", e.span.start);
            p.field_u32("length", e.span.end - e.span.start);
            p.field_str("content", &e.content);
            p.close(b'}');
        }
        p.close(b']');
        p.close(b'}');
    }
    if let Some(s) = d.suppressed.as_deref() {
        p.key("suppressed");
        p.open(b'{');
        match s {
            Suppression::Allow { reason } => {
                p.field_str("kind", "allow");
                p.field_str("reason", reason);
            }
            Suppression::Baseline => p.field_str("kind", "baseline"),
        }
        p.close(b'}');
    }
    if !d.related.is_empty() {
        p.key("related");
        p.open(b'[');
        for rel in d.related.iter() {
            p.item();
            p.open(b'{');
            p.field_str("message", &rel.message);
            p.key("span");
            write_span(p, lines, text, rel.span);
            p.close(b'}');
        }
        p.close(b']');
    }
    p.close(b'}');
}

/// A span: where it starts and ends (line and column) and its bytes.
fn write_span(p: &mut Pretty, lines: &LineIndex, text: &str, span: Span) {
    let (s, e) = lines.span_positions(text, span);
    p.open(b'{');
    for (key, at) in [("start", s), ("end", e)] {
        p.key(key);
        p.open(b'{');
        p.field_u32("line", at.line);
        p.field_u32("column", at.column);
        p.close(b'}');
    }
    p.field_u32("offset", span.start);
    p.field_u32("length", span.end - span.start);
    p.close(b'}');
}

/// One finding as a JSON value, with the members and order of the report
/// (for `usage`'s report); `lines` is `text`'s line index.
pub(crate) fn diag_value(lines: &LineIndex, text: &str, d: &Diagnostic) -> serde_json::Value {
    let (mut bytes, mut buf) = (Vec::new(), Vec::new());
    let mut p = Pretty::new(&mut bytes, &mut buf, 0);
    write_diag(&mut p, lines, text, d);
    // Writing to a vector cannot fail, and the writer's output is JSON.
    let _ = p.finish();
    serde_json::from_slice(&bytes).unwrap_or_default()
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
        let sep = if self.files == 0 { "\n    " } else { ",\n    " };
        self.files += 1;
        w.write_all(sep.as_bytes())?;
        let mut p = Pretty::new(w, &mut self.buf, 2);
        p.open(b'{');
        p.field_str("path", &r.path);
        p.key("schema_version");
        match &r.schema_version {
            Some(v) => p.str(v),
            None => p.null(),
        }
        p.key("risk");
        match r.risk {
            Some(k) => p.str(k.as_str()),
            None => p.null(),
        }
        p.key("diagnostics");
        p.open(b'[');
        if !r.diagnostics.is_empty() {
            let (lines, text) = (r.lines(), r.text.as_str());
            for d in &r.diagnostics {
                p.item();
                write_diag(&mut p, lines, text, d);
                p.spill()?;
            }
        }
        p.close(b']');
        p.close(b'}');
        p.finish()
    }

    fn end(&mut self, w: &mut dyn Write, summary: &Summary, _cx: &EmitContext) -> io::Result<()> {
        let close = if self.files == 0 { "]" } else { "\n  ]" };
        write!(w, "{close},\n  \"summary\": ")?;
        write_nested(w, summary, 1)?;
        w.write_all(b"\n}\n")
    }
}
