//! `--format github`: GitHub Actions workflow commands, one line per active
//! finding:
//! `::error file=PATH,line=L,col=C,endLine=EL,endColumn=EC,title=CODE name::PATH:L:C: CODE message`
//! (`::warning` for warnings, `::notice` for infos).
//!
//! Manifest text is first made inline (control characters and ANSI escapes
//! become visible escapes, see [`sanitize_inline`]), then escaped the way the
//! Actions runner unescapes: in the message `%`, CR and LF; in property
//! values also `:` and `,`. No manifest content can so break the line or
//! start a command of its own. A range over several lines has no column
//! properties (the runner drops such annotations). `file` is the path
//! relative to the work tree's top level, which the runner resolves against
//! the repository.

use super::{sanitize_inline, EmitContext, Emitter, Summary};
use crate::diagnostics::Severity;
use crate::workspace::paths::SourceRoot;
use crate::FileReport;
use std::io::{self, Write};

/// The workflow-command report.
#[derive(Default)]
pub struct Github {
    /// Found in `begin` unless given.
    root: Option<SourceRoot>,
    /// Annotations written per level (errors, warnings, notices).
    written: [usize; 3],
}

/// How many annotations of each level GitHub shows per step.
pub const SHOWN_PER_STEP: usize = 10;

impl Github {
    pub fn new() -> Self {
        Github::default()
    }

    /// `file=` paths relative to a given root.
    pub fn with_root(root: SourceRoot) -> Self {
        Github {
            root: Some(root),
            ..Github::default()
        }
    }
}

/// A command's message (data): `%`, CR and LF escaped.
pub fn escape_data(s: &str) -> String {
    let mut out = String::with_capacity(s.len());
    for c in s.chars() {
        match c {
            '%' => out.push_str("%25"),
            '\r' => out.push_str("%0D"),
            '\n' => out.push_str("%0A"),
            c => out.push(c),
        }
    }
    out
}

/// A command's property value: as data, and `:` and `,` too.
pub fn escape_property(s: &str) -> String {
    let mut out = String::with_capacity(s.len());
    for c in escape_data(s).chars() {
        match c {
            ':' => out.push_str("%3A"),
            ',' => out.push_str("%2C"),
            c => out.push(c),
        }
    }
    out
}

impl Emitter for Github {
    fn begin(&mut self, _w: &mut dyn Write, _cx: &EmitContext) -> io::Result<()> {
        self.root.get_or_insert_with(SourceRoot::discover);
        self.written = [0; 3];
        Ok(())
    }

    fn file(&mut self, w: &mut dyn Write, r: &FileReport, _cx: &EmitContext) -> io::Result<()> {
        if !r.diagnostics.iter().any(|d| d.is_active()) {
            return Ok(());
        }
        let root = self.root.get_or_insert_with(SourceRoot::discover);
        let file = escape_property(&sanitize_inline(&root.locate(&r.path).path));
        let shown = sanitize_inline(&r.path);
        // Line by line into the report's buffered writer.
        for d in r.diagnostics.iter().filter(|d| d.is_active()) {
            let (command, level) = match d.severity {
                Severity::Error => ("error", 0),
                Severity::Warning => ("warning", 1),
                Severity::Info => ("notice", 2),
            };
            self.written[level] += 1;
            let (s, e) = r.lines().span_positions(&r.text, d.span);
            let range = if s.line == e.line {
                format!(
                    "line={},col={},endLine={},endColumn={}",
                    s.line, s.column, e.line, e.column
                )
            } else {
                format!("line={},endLine={}", s.line, e.line)
            };
            let title = escape_property(&format!("{} {}", d.rule.code, d.rule.name));
            let message = escape_data(&format!(
                "{shown}:{}:{}: {} {}",
                s.line,
                s.column,
                d.rule.code,
                sanitize_inline(&d.message_with_expiry())
            ));
            writeln!(w, "::{command} file={file},{range},title={title}::{message}")?;
        }
        Ok(())
    }

    /// GitHub shows at most 10 annotations of each level per step: when
    /// there are more, one notice says how many are not shown.
    fn end(&mut self, w: &mut dyn Write, summary: &Summary, _cx: &EmitContext) -> io::Result<()> {
        for f in &summary.failed {
            let file = f
                .path
                .as_deref()
                .map(|p| format!("file={},", escape_property(p)))
                .unwrap_or_default();
            writeln!(
                w,
                "::error {file}title=procore-manifest::{}",
                escape_data(&crate::text::sanitize_inline(&f.message()))
            )?;
        }
        let hidden: usize = self.written.iter().map(|n| n.saturating_sub(SHOWN_PER_STEP)).sum();
        if hidden == 0 {
            return Ok(());
        }
        let message = escape_data(&format!(
            "{hidden} finding{} will not be shown as annotations (GitHub shows {SHOWN_PER_STEP} errors, {SHOWN_PER_STEP} warnings and {SHOWN_PER_STEP} notices per step); the job summary lists them (as many as fit GitHub's 1 MiB for a summary)",
            if hidden == 1 { "" } else { "s" }
        ));
        // Itself an annotation of a level with room left: a notice past the
        // tenth would not be shown either.
        let command = [("notice", 2), ("warning", 1), ("error", 0)]
            .into_iter()
            .find(|(_, level)| {
                let failures = if *level == 0 { summary.failed.len() } else { 0 };
                self.written[*level] + failures < SHOWN_PER_STEP
            })
            .map_or("notice", |(c, _)| c);
        writeln!(w, "::{command} title=procore-manifest::{message}")
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn escapes_like_the_runner() {
        assert_eq!(escape_data("a%b\r\nc:d,e"), "a%25b%0D%0Ac:d,e");
        assert_eq!(escape_property("a%b\r\nc:d,e"), "a%25b%0D%0Ac%3Ad%2Ce");
        assert_eq!(escape_data("%0A::error::x"), "%250A::error::x");
    }
}
