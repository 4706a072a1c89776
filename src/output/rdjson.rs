//! `--format rdjson`: reviewdog's Diagnostic JSON (the `DiagnosticResult`
//! of reviewdog's `proto/rdf`), one diagnostic per active finding with its
//! location, severity and code (value and documentation URL). Columns count
//! UTF-8 bytes from 1, as reviewdog's format defines. A finding with a safe
//! fix carries `suggestions` holding the fix's edits, which reviewdog posts
//! as suggested changes.

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

/// The reviewdog report: collected, written whole at the end.
#[derive(Default)]
pub struct Rdjson {
    diagnostics: Vec<Value>,
}

/// A byte offset as reviewdog's position: line from 1, column in UTF-8
/// bytes from 1.
fn position(r: &FileReport, offset: u32) -> Value {
    let offset = (offset as usize).min(r.text.len());
    let line_start = r.text[..offset].rfind('\n').map_or(0, |i| i + 1);
    let line = r.text[..offset].matches('\n').count() + 1;
    json!({ "line": line, "column": offset - line_start + 1 })
}

impl Emitter for Rdjson {
    fn begin(&mut self, _w: &mut dyn Write, _cx: &EmitContext) -> io::Result<()> {
        self.diagnostics.clear();
        Ok(())
    }

    fn file(&mut self, _w: &mut dyn Write, r: &FileReport, _cx: &EmitContext) -> io::Result<()> {
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
            self.diagnostics.push(diag);
        }
        Ok(())
    }

    fn end(&mut self, w: &mut dyn Write, _summary: &Summary, _cx: &EmitContext) -> io::Result<()> {
        let report = json!({
            "source": { "name": "procore-manifest", "url": env!("CARGO_PKG_REPOSITORY") },
            "diagnostics": std::mem::take(&mut self.diagnostics),
        });
        let text = serde_json::to_string_pretty(&report).map_err(io::Error::other)?;
        writeln!(w, "{text}")
    }
}
