//! `--format gitlab`: a GitLab Code Quality report, a JSON array with one
//! issue per active finding: `description` (the code and message, and an
//! expired acceptance's note), `check_name`, `fingerprint`
//! (the SARIF fingerprint: no line numbers, stable across edits elsewhere),
//! `severity` and `location` (path relative to the work tree's top level,
//! `lines.begin`). Suppressed and baselined findings are left out.

use super::pretty::write_nested;
use super::sarif::fingerprints;
use super::{sanitize_inline, EmitContext, Emitter, Summary};
use crate::diagnostics::Severity;
use crate::rules::RuleMeta;
use crate::workspace::paths::SourceRoot;
use crate::FileReport;
use serde::Serialize;
use std::io::{self, Write};

/// The Code Quality report.
#[derive(Default)]
pub struct Gitlab {
    /// Found in `begin` unless given.
    root: Option<SourceRoot>,
    issues: usize,
}

impl Gitlab {
    pub fn new() -> Self {
        Gitlab::default()
    }

    /// Paths relative to a given root.
    pub fn with_root(root: SourceRoot) -> Self {
        Gitlab {
            root: Some(root),
            issues: 0,
        }
    }
}

#[derive(Serialize)]
struct Issue<'a> {
    description: String,
    check_name: &'static str,
    fingerprint: &'a str,
    severity: &'static str,
    location: Location<'a>,
}

#[derive(Serialize)]
struct Location<'a> {
    path: &'a str,
    lines: Lines,
}

#[derive(Serialize)]
struct Lines {
    begin: u32,
}

/// Code Quality severity: the risk rules that mean full control of the
/// company (or a leaked credential) are critical.
fn severity(rule: &RuleMeta, s: Severity) -> &'static str {
    match s {
        Severity::Error if rule.is_critical() => "critical",
        Severity::Error => "major",
        Severity::Warning => "minor",
        Severity::Info => "info",
    }
}

impl Emitter for Gitlab {
    fn begin(&mut self, w: &mut dyn Write, _cx: &EmitContext) -> io::Result<()> {
        self.issues = 0;
        self.root.get_or_insert_with(SourceRoot::discover);
        w.write_all(b"[")
    }

    fn file(&mut self, w: &mut dyn Write, r: &FileReport, _cx: &EmitContext) -> io::Result<()> {
        if !r.diagnostics.iter().any(|d| d.is_active()) {
            return Ok(());
        }
        let root = self.root.get_or_insert_with(SourceRoot::discover);
        let path = root.locate(&r.path).path;
        let fps = fingerprints(r, &path);
        for (d, fp) in r.diagnostics.iter().zip(&fps).filter(|(d, _)| d.is_active()) {
            let issue = Issue {
                description: format!("{} {}", d.rule.code, sanitize_inline(&d.message_with_expiry())),
                check_name: d.rule.code,
                fingerprint: fp,
                severity: severity(d.rule, d.severity),
                location: Location {
                    path: &path,
                    lines: Lines {
                        begin: r.lines().position(&r.text, d.span.start as usize).line,
                    },
                },
            };
            let sep = if self.issues == 0 { "\n  " } else { ",\n  " };
            self.issues += 1;
            // Each into the report's buffered writer as it comes (a file's
            // findings are not held again as text), as SARIF does.
            w.write_all(sep.as_bytes())?;
            write_nested(w, &issue, 1)?;
        }
        Ok(())
    }

    fn end(&mut self, w: &mut dyn Write, summary: &Summary, _cx: &EmitContext) -> io::Result<()> {
        // What could not be checked: a blocker issue each, on the file.
        for f in &summary.failed {
            let root = self.root.get_or_insert_with(SourceRoot::discover);
            let path = f
                .path
                .as_deref()
                .map_or_else(|| ".".to_string(), |p| root.locate(p).path);
            let fingerprint = crate::hash::fnv1a64(&[b"unreadable", f.message().as_bytes()]);
            let issue = Issue {
                description: format!("could not be checked: {}", sanitize_inline(&f.message())),
                check_name: "unreadable",
                fingerprint: &fingerprint,
                severity: "blocker",
                location: Location {
                    path: &path,
                    lines: Lines { begin: 1 },
                },
            };
            let sep = if self.issues == 0 { "\n  " } else { ",\n  " };
            self.issues += 1;
            w.write_all(sep.as_bytes())?;
            write_nested(w, &issue, 1)?;
        }
        let close = if self.issues == 0 { "]" } else { "\n]" };
        writeln!(w, "{close}")
    }
}
