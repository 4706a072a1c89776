//! Reports: one emitter per format over the same file reports.

pub mod concise;
pub mod diff;
pub mod formats;
pub mod github;
pub mod gitlab;
pub mod human;
pub mod json;
mod json_writer;
pub mod junit;
pub mod markdown;
pub mod md;
pub mod permissions;
mod pretty;
pub mod rdjson;
pub mod rules;
pub mod sarif;
pub mod statistics;
pub mod usage;

use crate::{FileReport, Severity};
use std::io::{self, Write};

/// Totals of a run, as every format reports them.
#[derive(Debug, Clone, Default, serde::Serialize)]
pub struct Summary {
    pub files: usize,
    pub errors: usize,
    pub warnings: usize,
    pub infos: usize,
    pub suppressed: usize,
    pub baselined: usize,
    pub fixed: usize,
    pub stale_baseline: Vec<StaleEntry>,
    pub expired_allows: usize,
    /// What the run could not check (the run exits 2): every report names
    /// it. Left out of the JSON summary when empty.
    #[serde(skip_serializing_if = "Vec::is_empty")]
    pub failed: Vec<Failure>,
}

pub use crate::workspace::discover::Failure;

pub use crate::workspace::baseline::StaleEntry;

impl Summary {
    pub fn of(reports: &[FileReport]) -> Summary {
        // A config's own report (X001) is not a checked manifest.
        let mut s = Summary {
            files: reports.iter().filter(|r| !r.is_config).count(),
            ..Summary::default()
        };
        for r in reports {
            s.expired_allows += r.expired_allows;
            s.fixed += r.fixed;
            for d in &r.diagnostics {
                match (d.suppressed.as_deref(), d.severity) {
                    (Some(crate::diagnostics::Suppression::Baseline), _) => s.baselined += 1,
                    (Some(_), _) => s.suppressed += 1,
                    (None, Severity::Error) => s.errors += 1,
                    (None, Severity::Warning) => s.warnings += 1,
                    (None, Severity::Info) => s.infos += 1,
                }
            }
        }
        s
    }
}

impl Summary {
    /// Add one file's counts (for streaming runs).
    pub fn add(&mut self, r: &FileReport) {
        let one = Summary::of(std::slice::from_ref(r));
        self.files += one.files;
        self.errors += one.errors;
        self.warnings += one.warnings;
        self.infos += one.infos;
        self.suppressed += one.suppressed;
        self.baselined += one.baselined;
        self.expired_allows += one.expired_allows;
        self.fixed += one.fixed;
    }
}

/// What the summary line of the human and concise reports needs beyond the
/// totals: how many files, and the highest risk seen and where.
#[derive(Debug, Default)]
pub struct Tally {
    files: usize,
    worst: Option<(crate::risk::Risk, String)>,
}

impl Tally {
    pub fn observe(&mut self, r: &FileReport) {
        if r.is_config {
            return;
        }
        self.files += 1;
        if let Some(k) = r.risk {
            if self.worst.as_ref().is_none_or(|(w, _)| k > *w) {
                self.worst = Some((k, r.path.clone()));
            }
        }
    }

    /// `Checked 2 files: 1 error, 0 warnings, 0 infos (1 suppressed) · highest risk: …`
    pub fn summary_line(&self, s: &Summary) -> String {
        let mut line = format!(
            "Checked {}: {}",
            plural(s.files, "file"),
            counts(s.errors, s.warnings, s.infos)
        );
        // Each count and what it counts: a participle, or a noun (plural).
        let extra: Vec<String> = [
            (s.suppressed, "suppressed", false),
            (s.baselined, "baselined", false),
            (s.fixed, "fixed", false),
            (s.expired_allows, "expired acceptance", true),
        ]
        .into_iter()
        .filter(|(n, _, _)| *n > 0)
        .map(|(n, what, noun)| if noun { plural(n, what) } else { format!("{n} {what}") })
        .collect();
        if !extra.is_empty() {
            line.push_str(&format!(" ({})", extra.join(", ")));
        }
        match (self.files, &self.worst) {
            (1, Some((k, _))) => line.push_str(&format!(" · risk: {}", k.as_str())),
            (_, Some((k, path))) => {
                line.push_str(&format!(" · highest risk: {} ({})", k.as_str(), sanitize_inline(path)))
            }
            _ => {}
        }
        line
    }
}

pub(crate) fn plural(n: usize, word: &str) -> String {
    if n == 1 {
        format!("{n} {word}")
    } else {
        format!("{n} {word}s")
    }
}

/// "2 errors, 1 warning, 0 infos" for a file or a run.
pub(crate) fn counts(errors: usize, warnings: usize, infos: usize) -> String {
    format!(
        "{}, {}, {}",
        plural(errors, "error"),
        plural(warnings, "warning"),
        plural(infos, "info")
    )
}

/// What an emitter needs besides the reports.
#[derive(Debug, Clone, Default)]
pub struct EmitContext {
    pub color: bool,
    /// Terminal width for the human format.
    pub width: usize,
}

/// One output format. Reports stream: `begin`, then `file` for each file in
/// path order, then `end` with the run's totals, so a run over thousands of
/// files holds one file's report at a time.
pub trait Emitter {
    fn begin(&mut self, _w: &mut dyn Write, _cx: &EmitContext) -> io::Result<()> {
        Ok(())
    }
    fn file(&mut self, w: &mut dyn Write, report: &FileReport, cx: &EmitContext) -> io::Result<()>;
    fn end(&mut self, w: &mut dyn Write, summary: &Summary, cx: &EmitContext) -> io::Result<()>;

    /// A whole report at once.
    fn emit(&mut self, w: &mut dyn Write, reports: &[FileReport], cx: &EmitContext) -> io::Result<()> {
        self.begin(w, cx)?;
        let mut summary = Summary::default();
        for r in reports {
            self.file(w, r, cx)?;
            summary.add(r);
        }
        self.end(w, &summary, cx)
    }
}

/// A plain-text table into `out`: the header line, then one line per row;
/// each cell padded to its column's widest (in characters), preceded by a
/// space and followed by `after`, the line starting with one more space
/// and trimmed at its end.
pub(crate) fn text_table<R: AsRef<[String]>>(out: &mut String, head: &[&str], rows: &[R], after: &str) {
    let mut widths: Vec<usize> = head.iter().map(|h| h.chars().count()).collect();
    for row in rows {
        for (i, c) in row.as_ref().iter().enumerate() {
            widths[i] = widths[i].max(c.chars().count());
        }
    }
    let mut line = |cells: &mut dyn Iterator<Item = &str>| {
        let mut s = String::from(" ");
        for (i, c) in cells.enumerate() {
            s.push(' ');
            s.push_str(c);
            s.push_str(&" ".repeat(widths[i] - c.chars().count()));
            s.push_str(after);
        }
        out.push_str(s.trim_end());
        out.push('\n');
    };
    line(&mut head.iter().copied());
    for row in rows {
        line(&mut row.as_ref().iter().map(String::as_str));
    }
}

pub use crate::text::{sanitize_inline, sanitize_source};
