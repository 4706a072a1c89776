//! `--format rdjson`: reviewdog's Diagnostic JSON (the `DiagnosticResult`
//! of reviewdog's `proto/rdf`), one diagnostic per active finding with its
//! location, severity and code (value and documentation URL). Columns count
//! UTF-8 bytes from 1, as reviewdog's format defines. A finding with a safe
//! fix carries `suggestions` holding the fix's edits, which reviewdog posts
//! as suggested changes.

use super::pretty::write_nested;
use super::{EmitContext, Emitter, Summary};
use crate::diagnostics::{Applicability, Severity};
use crate::FileReport;
use serde_json::{json, Value};
use std::io::{self, Write};

/// Where a rule's documentation lives.
fn docs_url(code: &str) -> String {
    format!(
        "{}/blob/main/docs/rules.md#{}",
        env!("CARGO_PKG_REPOSITORY"),
        code.to_ascii_lowercase()
    )
}

/// The reviewdog report, written as it goes: each file's diagnostics when
/// the file comes (a file with millions of findings is not held twice).
#[derive(Default)]
pub struct Rdjson {
    diagnostics: usize,
}

/// A byte offset as reviewdog's position: line from 1, column in UTF-8
/// bytes from 1 (from the line index: no scan of the text before it).
fn position(r: &FileReport, offset: u32) -> Value {
    let offset = (offset as usize).min(r.text.len());
    let line = r.lines().position(&r.text, offset).line as usize;
    let line_start = r.lines().line_start(line - 1).unwrap_or(0);
    json!({ "line": line, "column": offset - line_start + 1 })
}

/// Bytes gathered before they are handed to the report's writer.
const CHUNK: usize = 64 * 1024;

impl Emitter for Rdjson {
    fn begin(&mut self, w: &mut dyn Write, _cx: &EmitContext) -> io::Result<()> {
        self.diagnostics = 0;
        let source = json!({ "name": "procore-manifest", "url": env!("CARGO_PKG_REPOSITORY") });
        write!(w, "{{\n  \"source\": ")?;
        write_nested(w, &source, 1)?;
        write!(w, ",\n  \"diagnostics\": [")
    }

    fn file(&mut self, w: &mut dyn Write, r: &FileReport, _cx: &EmitContext) -> io::Result<()> {
        let mut out = Vec::new();
        for d in r.diagnostics.iter().filter(|d| d.is_active()) {
            let range = json!({ "start": position(r, d.span.start), "end": position(r, d.span.end) });
            let mut diag = json!({
                "message": crate::text::sanitize_inline(&d.message),
                "location": { "path": r.path, "range": range },
                "severity": match d.severity {
                    Severity::Error => "ERROR",
                    Severity::Warning => "WARNING",
                    Severity::Info => "INFO",
                },
                "source": { "name": "procore-manifest" },
                "code": { "value": d.rule.code, "url": docs_url(d.rule.code) },
            });
            if let Some(fix) = d.fix.as_ref().filter(|f| f.applicability == Applicability::Safe) {
                let suggestions: Vec<Value> = fix
                    .edits
                    .iter()
                    .map(|e| {
                        json!({
                            "range": { "start": position(r, e.span.start), "end": position(r, e.span.end) },
                            "text": e.content,
                        })
                    })
                    .collect();
                diag["suggestions"] = Value::Array(suggestions);
            }
            out.extend_from_slice(if self.diagnostics == 0 { b"\n    " } else { b",\n    " });
            self.diagnostics += 1;
            write_nested(&mut out, &diag, 2)?;
            if out.len() >= CHUNK {
                w.write_all(&out)?;
                out.clear();
            }
        }
        w.write_all(&out)
    }

    fn end(&mut self, w: &mut dyn Write, _summary: &Summary, _cx: &EmitContext) -> io::Result<()> {
        let close = if self.diagnostics == 0 { "]" } else { "\n  ]" };
        writeln!(w, "{close}\n}}")
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    /// Positions from the line index are reviewdog's: line from 1, column
    /// in UTF-8 bytes from 1 counted from the line's first byte (a byte
    /// order mark included), at every character of a text with CRLF,
    /// multi-byte characters and empty lines.
    #[test]
    fn positions_count_bytes_from_the_line_start() {
        let text = "\u{feff}{\"a\":\r\n \"é€😀\",\n\n\"b\"}\n";
        let r = FileReport::other_file("m.json".into(), text.into(), Vec::new());
        for (offset, _) in text.char_indices().chain([(text.len(), ' ')]) {
            let line_start = text[..offset].rfind('\n').map_or(0, |i| i + 1);
            let line = text[..offset].matches('\n').count() + 1;
            let expected = json!({ "line": line, "column": offset - line_start + 1 });
            assert_eq!(position(&r, offset as u32), expected, "at {offset}");
        }
    }
}
