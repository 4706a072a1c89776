//! `--format concise`: one line per active finding,
//! `path:line:col: severity[CODE] message`, then the summary line of the
//! human report. Suppressed and baselined findings are left out (the summary
//! counts them).

use super::{sanitize_inline, EmitContext, Emitter, Summary, Tally};
use crate::FileReport;
use std::io::{self, Write};

/// The concise report; `quiet` leaves out the summary line.
pub struct Concise {
    quiet: bool,
    tally: Tally,
}

impl Concise {
    pub fn new(quiet: bool) -> Self {
        Concise {
            quiet,
            tally: Tally::default(),
        }
    }
}

impl Emitter for Concise {
    fn begin(&mut self, _w: &mut dyn Write, _cx: &EmitContext) -> io::Result<()> {
        self.tally = Tally::default();
        Ok(())
    }

    fn file(&mut self, w: &mut dyn Write, r: &FileReport, _cx: &EmitContext) -> io::Result<()> {
        self.tally.observe(r);
        let mut out = String::new();
        let path = sanitize_inline(&r.path);
        for d in r.diagnostics.iter().filter(|d| d.is_active()) {
            let pos = r.lines().position(&r.text, d.span.start as usize);
            out.push_str(&format!(
                "{path}:{}:{}: {}[{}] {}\n",
                pos.line,
                pos.column,
                d.severity.as_str(),
                d.rule.code,
                sanitize_inline(&d.message)
            ));
        }
        w.write_all(out.as_bytes())
    }

    fn end(&mut self, w: &mut dyn Write, summary: &Summary, _cx: &EmitContext) -> io::Result<()> {
        if self.quiet || summary.files == 0 {
            return Ok(());
        }
        writeln!(w, "{}", self.tally.summary_line(summary))
    }
}
