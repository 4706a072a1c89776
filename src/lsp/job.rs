//! A document's lint off the main loop: what it needs (`Job`) and what it
//! gives back (`Done`).

use super::convert;
use crate::source::LineIndex;
use crate::syntax::Node;
use crate::workspace::config::ConfigError;
use crate::workspace::{lint_file, FileInput, Recognize, Resolved};
use crate::FileReport;
use lsp_types as lsp;
use std::path::PathBuf;
use std::sync::atomic::{AtomicBool, Ordering};
use std::sync::Arc;

/// A lint to run off the main loop.
pub(crate) struct Job {
    pub(super) key: String,
    pub(super) uri: lsp::Uri,
    pub(super) version: i32,
    pub(super) text: String,
    pub(super) path: Option<PathBuf>,
    pub(super) name: String,
    pub(super) shown: String,
    pub(super) recognised: bool,
    pub(super) resolved: Resolved,
    pub(super) config_error: Option<ConfigError>,
    pub(super) cancel: Arc<AtomicBool>,
}

/// A finished lint, and its diagnostics converted for the client on the
/// lint's own thread: a document with thousands of findings never holds up
/// the main loop (and so another document's diagnostics) while they are
/// converted.
pub(crate) struct Done {
    pub(super) key: String,
    pub(super) version: i32,
    pub(super) lint: Option<DocLint>,
    pub(super) published: Vec<lsp::Diagnostic>,
    pub(super) cancelled: bool,
}

impl Job {
    /// What a lint that ended without a result (it panicked, or its thread
    /// could not start) gives: no findings for this version, and the
    /// document no longer being linted.
    pub fn nothing(&self) -> Done {
        Done {
            key: self.key.clone(),
            version: self.version,
            lint: None,
            published: Vec::new(),
            cancelled: false,
        }
    }

    /// The lint itself, on any thread: the one per-file pipeline.
    pub fn run(self) -> Done {
        let input = FileInput {
            shown: &self.shown,
            path: self.path.as_deref(),
            parsed: crate::Parsed::from_text(self.text),
            recognize: Recognize::Editor {
                name: &self.name,
                typing: false,
                recognised: self.recognised,
            },
            keep_tree: true,
            cancel: Some(&self.cancel),
        };
        let today = crate::workspace::allows::today();
        let lint = lint_file(input, &self.resolved, None, &today).map(|linted| DocLint {
            version: self.version,
            lines: LineIndex::for_editor(&linted.report.text),
            parsed: linted.parsed,
            report: linted.report,
            resolved: self.resolved,
            config_error: self.config_error,
        });
        let cancelled = self.cancel.load(Ordering::Relaxed);
        let published = match &lint {
            Some(l) if !cancelled => published(l, &self.uri, self.version),
            _ => Vec::new(),
        };
        Done {
            cancelled,
            key: self.key,
            version: self.version,
            lint,
            published,
        }
    }
}

/// A document's lint: what every feature reads.
pub(crate) struct DocLint {
    pub version: i32,
    /// The linted text and its tree.
    pub parsed: Option<crate::Parsed>,
    pub report: FileReport,
    pub lines: LineIndex,
    pub resolved: Resolved,
    pub config_error: Option<ConfigError>,
}

impl DocLint {
    /// The tree of the linted text, when it parsed.
    pub fn tree(&self) -> Option<&Node<'_>> {
        self.parsed.as_ref().and_then(|p| p.tree().as_ref().ok())
    }
}

/// The most diagnostics published for one document. Past it, the errors
/// come first, then warnings, then infos, and one more diagnostic says how
/// many are not shown: a client renders, and the transport writes, a few
/// hundred kilobytes at most, however many findings a pathological text has
/// (`check` reports them all).
pub const MAX_PUBLISHED: usize = 1_000;

/// Everything `check` reports for a document, as LSP diagnostics (at most
/// [`MAX_PUBLISHED`] of them, and the note past it).
pub(crate) fn published(lint: &DocLint, uri: &lsp::Uri, version: i32) -> Vec<lsp::Diagnostic> {
    let report = &lint.report;
    let active: Vec<&crate::Diagnostic> = report.diagnostics.iter().filter(|d| d.is_active()).collect();
    let shown: Vec<&crate::Diagnostic> = if active.len() <= MAX_PUBLISHED {
        active.clone()
    } else {
        let mut by_severity = active.clone();
        // Stable: source order within a severity.
        by_severity.sort_by_key(|d| std::cmp::Reverse(d.severity));
        by_severity.truncate(MAX_PUBLISHED);
        let mut kept = by_severity;
        kept.sort_by_key(|d| (d.span.start, d.span.end));
        kept
    };
    let mut out: Vec<lsp::Diagnostic> = shown
        .iter()
        .map(|d| convert::diagnostic(d, uri, &lint.lines, &report.text))
        .collect();
    if let Some(e) = &lint.config_error {
        let x002 = crate::rules::audit::x002_invalid_config::diagnostic(&report.text, &e.one_line());
        out.insert(0, convert::diagnostic(&x002, uri, &lint.lines, &report.text));
    }
    for d in &mut out {
        if let Some(serde_json::Value::Object(data)) = &mut d.data {
            data.insert("version".into(), version.into());
        }
    }
    if active.len() > shown.len() {
        out.push(lsp::Diagnostic {
            range: lsp::Range::default(),
            severity: Some(lsp::DiagnosticSeverity::INFORMATION),
            source: Some(convert::SOURCE.to_string()),
            message: format!(
                "{} more findings are not shown here (the editor shows the first {MAX_PUBLISHED}, errors first): run `procore-manifest check` on this file for all of them",
                active.len() - shown.len()
            ),
            ..lsp::Diagnostic::default()
        });
    }
    out
}
