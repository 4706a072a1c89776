//! `--format concise`: one line per active finding,
//! `path:line:col: severity[CODE] message`, then the summary line of the
//! human report. Suppressed and baselined findings are left out (the summary
//! counts them).

use super::{sanitize_inline, EmitContext, Emitter, Summary};
use crate::risk::Risk;
use crate::FileReport;
use std::io::{self, Write};

/// The concise report; `quiet` leaves out the summary line.
pub struct Concise {
    quiet: bool,
    files: usize,
    /// The highest risk seen so far, and where.
    worst: Option<(Risk, String)>,
}

impl Concise {
    pub fn new(quiet: bool) -> Self {
        Concise {
            quiet,
            files: 0,
            worst: None,
        }
    }
}

impl Emitter for Concise {
    fn begin(&mut self, _w: &mut dyn Write, _cx: &EmitContext) -> io::Result<()> {
        self.files = 0;
        self.worst = None;
        Ok(())
    }

    fn file(&mut self, w: &mut dyn Write, r: &FileReport, _cx: &EmitContext) -> io::Result<()> {
        self.files += 1;
        if let Some(k) = r.risk {
            if self.worst.as_ref().is_none_or(|(w, _)| k > *w) {
                self.worst = Some((k, r.path.clone()));
            }
        }
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
        writeln!(w, "{}", summary_line(self.files, self.worst.as_ref(), summary))
    }
}

fn plural(n: usize, word: &str) -> String {
    if n == 1 {
        format!("{n} {word}")
    } else {
        format!("{n} {word}s")
    }
}

/// The human report's summary line.
fn summary_line(files: usize, worst: Option<&(Risk, String)>, s: &Summary) -> String {
    let mut line = format!(
        "Checked {}: {}, {}, {}",
        plural(s.files, "file"),
        plural(s.errors, "error"),
        plural(s.warnings, "warning"),
        plural(s.infos, "info")
    );
    let mut extra = Vec::new();
    if s.suppressed > 0 {
        extra.push(format!("{} suppressed", s.suppressed));
    }
    if s.baselined > 0 {
        extra.push(format!("{} baselined", s.baselined));
    }
    if s.fixed > 0 {
        extra.push(format!("{} fixed", s.fixed));
    }
    if s.expired_allows > 0 {
        extra.push(format!("{} expired acceptances", s.expired_allows));
    }
    if !extra.is_empty() {
        line.push_str(&format!(" ({})", extra.join(", ")));
    }
    match (files, worst) {
        (1, Some((k, _))) => line.push_str(&format!(" · risk: {}", k.as_str())),
        (_, Some((k, path))) => line.push_str(&format!(" · highest risk: {} ({})", k.as_str(), sanitize_inline(path))),
        _ => {}
    }
    line
}
