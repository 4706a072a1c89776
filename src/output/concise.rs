//! `--format concise`: one line per active finding,
//! `path:line:col: severity[CODE] message`, and nothing else, so
//! that every line is a finding for grep, editors' error formats and line
//! counts. Suppressed and baselined findings are left out.

use super::{sanitize_inline, EmitContext, Emitter, Summary};
use crate::FileReport;
use std::io::{self, Write};

/// The concise report.
#[derive(Default)]
pub struct Concise;

impl Emitter for Concise {
    fn file(&mut self, w: &mut dyn Write, r: &FileReport, _cx: &EmitContext) -> io::Result<()> {
        // Line by line into the report's buffered writer: a file's findings
        // are not held again as text.
        let path = crate::text::line_start_path(&r.path);
        for d in r.diagnostics.iter().filter(|d| d.is_active()) {
            let pos = r.lines().position(&r.text, d.span.start as usize);
            // The did-you-mean stays on the line (CI logs show nothing else).
            let hint = d
                .did_you_mean()
                .map(|h| format!("; {}", sanitize_inline(h)))
                .unwrap_or_default();
            let expired = d
                .expired()
                .map(|e| format!(" {}", sanitize_inline(&e.note())))
                .unwrap_or_default();
            writeln!(
                w,
                "{path}:{}:{}: {}[{}] {}{expired}{hint}",
                pos.line,
                pos.column,
                d.severity.as_str(),
                d.rule.code,
                sanitize_inline(&d.message)
            )?;
        }
        Ok(())
    }

    fn end(&mut self, w: &mut dyn Write, summary: &Summary, _cx: &EmitContext) -> io::Result<()> {
        for f in &summary.failed {
            match &f.path {
                Some(p) => writeln!(
                    w,
                    "{}: error: {}",
                    crate::text::line_start_path(p),
                    crate::text::sanitize_inline(&f.error)
                )?,
                None => writeln!(w, "error: {}", crate::text::sanitize_inline(&f.error))?,
            }
        }
        Ok(())
    }
}
