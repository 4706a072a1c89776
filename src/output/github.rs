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
    /// The run writes the job summary too (where hidden annotations are
    /// listed).
    job_summary: bool,
}

/// How many annotations of each level GitHub shows per step.
pub const SHOWN_PER_STEP: usize = 10;

impl Github {
    pub fn new(job_summary: bool) -> Self {
        Github {
            job_summary,
            ..Github::default()
        }
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
        let root = self.root.get_or_insert_with(SourceRoot::discover);
        for f in &summary.failed {
            let file = f
                .path
                .as_deref()
                .map(|p| format!("file={},", escape_property(&sanitize_inline(&root.locate(p).path))))
                .unwrap_or_default();
            writeln!(
                w,
                "::error {file}title=procore-manifest::{}",
                escape_data(&crate::text::sanitize_inline(&f.message()))
            )?;
        }
        // A file that could not be checked is an error annotation too, and
        // the last ones written: past GitHub's ten errors it is among the
        // hidden.
        self.written[0] += summary.failed.len();
        let hidden: usize = self.written.iter().map(|n| n.saturating_sub(SHOWN_PER_STEP)).sum();
        if hidden == 0 {
            return Ok(());
        }
        let failed_hidden = summary.failed.len().min(self.written[0].saturating_sub(SHOWN_PER_STEP));
        let message = escape_data(&format!(
            "{hidden} annotation{} will not be shown (GitHub shows {SHOWN_PER_STEP} errors, {SHOWN_PER_STEP} warnings and {SHOWN_PER_STEP} notices per step){}; {}",
            if hidden == 1 { "" } else { "s" },
            match failed_hidden {
                0 => String::new(),
                1 => ", one of them for a file that could not be checked".to_string(),
                n => format!(", {n} of them for files that could not be checked"),
            },
            if self.job_summary {
                "the job summary lists them (as many as fit GitHub's 1 MiB for a summary)"
            } else {
                "the step's log lists them (this report's lines), as does any other report of the run"
            }
        ));
        // Itself an annotation of a level with room left: a notice past the
        // tenth would not be shown either.
        let command = [("notice", 2), ("warning", 1), ("error", 0)]
            .into_iter()
            .find(|(_, level)| self.written[*level] < SHOWN_PER_STEP)
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

    /// A file that could not be checked is an error annotation: it counts
    /// toward GitHub's ten, its `file=` is located and made inline like a
    /// finding's, and the notice says it is among the hidden.
    #[test]
    fn failures_count_toward_the_limit() {
        let mut g = Github::with_root(SourceRoot::new("/repo", "/repo/sub"));
        g.job_summary = false;
        g.written = [10, 0, 0];
        let summary = Summary {
            failed: vec![crate::output::Failure {
                path: Some("e\u{1b}[31m.manifest.json".into()),
                error: "permission denied".into(),
            }],
            ..Summary::default()
        };
        let mut out = Vec::new();
        g.end(&mut out, &summary, &EmitContext::default()).expect("write");
        let out = String::from_utf8(out).expect("utf-8");
        let mut lines = out.lines();
        let failure = lines.next().expect("the failure");
        assert!(failure.starts_with("::error file=sub/e"), "{failure}");
        assert!(!failure.contains('\u{1b}'), "{failure}");
        let notice = lines.next().expect("the notice");
        assert!(notice.starts_with("::notice "), "{notice}");
        assert!(notice.contains("1 annotation will not be shown"), "{notice}");
        assert!(
            notice.contains("one of them for a file that could not be checked"),
            "{notice}"
        );
        assert!(!notice.contains("job summary"), "{notice}");
    }
}
