//! `--format markdown`: a report for a pull request comment or a GitHub job
//! summary. Per file, one line of totals and its risk rating, then a table
//! of its findings (line, severity, code, message); the run's totals last.
//! Every piece of manifest text is escaped so it renders literally on
//! GitHub and GitLab (see [`super::md`]).

use super::md;
use super::{counts, EmitContext, Emitter, Summary};
use crate::diagnostics::Severity;
use crate::FileReport;
use std::io::{self, Write};

/// The Markdown report.
#[derive(Default)]
pub struct Markdown {
    files: usize,
    /// The most bytes to write (a GitHub job summary holds at most 1 MiB:
    /// past it GitHub drops all of it), room for the totals kept.
    budget: Option<usize>,
    written: usize,
    /// Findings left out to stay within the budget.
    left_out: usize,
}

/// GitHub's limit for one step's job summary, less room for the totals.
const JOB_SUMMARY_BUDGET: usize = 1024 * 1024 - 16 * 1024;

impl Markdown {
    /// The report as a GitHub job summary: within GitHub's 1 MiB.
    pub fn job_summary() -> Markdown {
        Markdown {
            budget: Some(JOB_SUMMARY_BUDGET),
            ..Markdown::default()
        }
    }

    /// Write `piece` if it fits the budget (always without one).
    fn put(&mut self, w: &mut dyn Write, piece: &str) -> io::Result<bool> {
        if self.budget.is_some_and(|b| self.written + piece.len() > b) {
            return Ok(false);
        }
        self.written += piece.len();
        w.write_all(piece.as_bytes()).map(|()| true)
    }
}

impl Emitter for Markdown {
    fn begin(&mut self, w: &mut dyn Write, _cx: &EmitContext) -> io::Result<()> {
        self.files = 0;
        self.put(w, "## procore-manifest\n").map(drop)
    }

    fn file(&mut self, w: &mut dyn Write, r: &FileReport, _cx: &EmitContext) -> io::Result<()> {
        self.files += 1;
        let risk = match (r.is_config, r.risk) {
            (true, _) => String::new(),
            (false, Some(k)) => format!(" · risk: **{}**", k.as_str()),
            (false, None) => " · risk: unknown (not parseable)".into(),
        };
        // Row by row into the report's buffered writer.
        let head = format!(
            "\n### {}\n\n{}{risk}\n",
            md::heading_code(&r.path),
            counts(
                r.count(Severity::Error),
                r.count(Severity::Warning),
                r.count(Severity::Info)
            )
        );
        let mut active = r.diagnostics.iter().filter(|d| d.is_active()).peekable();
        let table = "\n| Line | Severity | Code | Message |\n|---:|---|---|---|\n";
        if !self.put(w, &head)? || (active.peek().is_some() && !self.put(w, table)?) {
            self.left_out += active.count();
            return Ok(());
        }
        if active.peek().is_some() {
            for d in active {
                let pos = r.lines().position(&r.text, d.span.start as usize);
                let help = d
                    .help
                    .as_deref()
                    .map(|h| format!(" — {}", md::message(h)))
                    .unwrap_or_default();
                let row = format!(
                    "| {} | {} | {} | {}{}{help} |\n",
                    pos.line,
                    d.severity.as_str(),
                    d.rule.code,
                    md::message(&d.message),
                    // The acceptance's reason is config text: text, never markup.
                    d.expired()
                        .map(|e| md::text(&format!(" {}", e.note())))
                        .unwrap_or_default()
                );
                if !self.put(w, &row)? {
                    self.left_out += 1;
                }
            }
        }
        Ok(())
    }

    fn end(&mut self, w: &mut dyn Write, summary: &Summary, _cx: &EmitContext) -> io::Result<()> {
        let mut line = format!(
            "\n**Checked {} file{}: {}**",
            summary.files,
            if summary.files == 1 { "" } else { "s" },
            counts(summary.errors, summary.warnings, summary.infos)
        );
        if summary.suppressed + summary.baselined > 0 {
            line.push_str(&format!(
                " ({} accepted risks, {} baselined)",
                summary.suppressed, summary.baselined
            ));
        }
        writeln!(w, "{line}")?;
        if self.left_out > 0 {
            writeln!(
                w,
                "\n**{} more finding{} not listed: a job summary holds at most 1 MiB; the annotations and a JSON or SARIF report have them all.**",
                self.left_out,
                if self.left_out == 1 { " is" } else { "s are" }
            )?;
        }
        if !summary.failed.is_empty() {
            writeln!(w, "\n**Could not be checked (the run failed):**\n")?;
            for f in &summary.failed {
                let what = match &f.path {
                    Some(p) => format!("{}: {}", super::md::code(p), super::md::text(&f.error)),
                    None => super::md::text(&f.error),
                };
                writeln!(w, "- {what}")?;
            }
        }
        Ok(())
    }
}
