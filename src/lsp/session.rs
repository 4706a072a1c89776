//! The session's state: open documents, the workspace resolver, and each
//! document's last lint (kept so hover, completion and code actions reuse
//! the tree and report instead of parsing again).

use super::convert;
use crate::source::LineIndex;
use crate::syntax::Node;
use crate::workspace::config::ConfigError;
use crate::workspace::{lint_file, FileInput, Recognize, Resolved, Resolver};
use crate::FileReport;
use lsp_types as lsp;
use std::collections::{BTreeSet, HashMap};
use std::path::{Path, PathBuf};
use std::sync::atomic::{AtomicBool, Ordering};
use std::sync::Arc;

/// An open document.
pub(crate) struct Doc {
    pub uri: lsp::Uri,
    pub text: String,
    pub version: i32,
    pub path: Option<PathBuf>,
    /// Once recognised as a manifest, a document stays one while it is
    /// open, even while its JSON is half typed.
    pub recognised: bool,
    /// The version of the last finished lint (manifest or not).
    pub checked: Option<i32>,
    /// The lint of `text` at `checked`, when it is a manifest.
    pub linted: Option<Arc<DocLint>>,
    /// A lint running in the background: its version and its cancel flag.
    pub in_flight: Option<(i32, Arc<AtomicBool>)>,
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

/// The most lints that run at once, each on a thread of its own.
const MAX_LINTS: usize = 16;

/// A lint to run off the main loop.
pub(crate) struct Job {
    key: String,
    uri: lsp::Uri,
    version: i32,
    text: String,
    path: Option<PathBuf>,
    name: String,
    shown: String,
    recognised: bool,
    resolved: Resolved,
    config_error: Option<ConfigError>,
    cancel: Arc<AtomicBool>,
}

/// A finished lint, and its diagnostics converted for the client on the
/// lint's own thread: a document with thousands of findings never holds up
/// the main loop (and so another document's diagnostics) while they are
/// converted.
pub(crate) struct Done {
    key: String,
    version: i32,
    lint: Option<DocLint>,
    published: Vec<lsp::Diagnostic>,
    cancelled: bool,
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

#[derive(Default)]
pub(crate) struct Session {
    pub docs: HashMap<String, Doc>,
    pub dirty: BTreeSet<String>,
    pub resolver: Resolver,
    /// The client applies workspace edits that create files
    /// (`documentChanges` with the `create` resource operation).
    pub create_files: bool,
}

/// The name the manifest test reads: the file name, or for an `untitled:`
/// URI its last segment.
fn doc_name(doc: &Doc) -> String {
    match doc.path.as_deref().and_then(Path::file_name) {
        Some(n) => n.to_string_lossy().into_owned(),
        None => doc
            .uri
            .as_str()
            .rsplit(['/', ':'])
            .next()
            .unwrap_or_default()
            .to_string(),
    }
}

impl Session {
    pub fn new() -> Session {
        Session {
            resolver: Resolver::for_editor(),
            ..Session::default()
        }
    }

    /// Start tracking a document (`didOpen`).
    pub fn open(&mut self, uri: lsp::Uri, text: String, version: i32) {
        let key = uri.as_str().to_string();
        let doc = Doc {
            path: convert::file_path(&uri),
            uri,
            text,
            version,
            recognised: false,
            checked: None,
            linted: None,
            in_flight: None,
        };
        self.docs.insert(key.clone(), doc);
        self.dirty.insert(key);
    }

    /// A new text for a document (`didChange`): a lint of an older text is
    /// cancelled.
    pub fn change(&mut self, key: &str, text: String, version: i32) {
        if let Some(doc) = self.docs.get_mut(key) {
            doc.text = text;
            doc.version = version;
            if let Some((_, cancel)) = &doc.in_flight {
                cancel.store(true, Ordering::Relaxed);
            }
            self.dirty.insert(key.to_string());
        }
    }

    /// Lint a document again although its text did not change.
    pub fn relint(&mut self, key: &str) {
        if let Some(doc) = self.docs.get_mut(key) {
            doc.checked = None;
            self.dirty.insert(key.to_string());
        }
    }

    /// A config file changed: forget every cached config, re-lint every
    /// open document.
    pub fn configs_changed(&mut self) {
        self.resolver.invalidate();
        let keys: Vec<String> = self.docs.keys().cloned().collect();
        for key in keys {
            self.relint(&key);
        }
    }

    /// Is the last finished lint of the document the lint of its text?
    pub fn is_current(&self, key: &str) -> bool {
        self.docs
            .get(key)
            .is_none_or(|d| d.checked == Some(d.version) && !self.dirty.contains(key))
    }

    /// Is a lint of some document running?
    pub fn busy(&self) -> bool {
        self.docs.values().any(|d| d.in_flight.is_some())
    }

    /// Stop every running lint at its next check (shutdown).
    pub fn cancel_all(&self) {
        for (_, cancel) in self.docs.values().filter_map(|d| d.in_flight.as_ref()) {
            cancel.store(true, Ordering::Relaxed);
        }
    }

    /// The lints to start now: every edited document without one running
    /// (a document whose lint is running waits for it to end).
    pub fn jobs(&mut self) -> Vec<Job> {
        // At most MAX_LINTS at once (a thread each): the others wait in `dirty`.
        let running = self.docs.values().filter(|d| d.in_flight.is_some()).count();
        let ready: Vec<String> = self
            .dirty
            .iter()
            .filter(|k| self.docs.get(*k).is_some_and(|d| d.in_flight.is_none()))
            .take(MAX_LINTS.saturating_sub(running))
            .cloned()
            .collect();
        let mut jobs = Vec::new();
        for key in ready {
            self.dirty.remove(&key);
            let Some(path) = self.docs.get(&key).map(|d| d.path.clone()) else {
                continue;
            };
            let (resolved, config_error) = match path.as_deref() {
                None => (self.resolver.resolve(Path::new("untitled.json")).ok(), None),
                Some(p) => match self.resolver.resolve(p) {
                    Ok(r) => (Some(r), None),
                    Err(e) => (None, Some(e)),
                },
            };
            // A bad config: lint with the defaults, X002 on top.
            let resolved = resolved.or_else(|| {
                Resolver::new(crate::workspace::ConfigSource::None, Default::default())
                    .resolve(Path::new("."))
                    .ok()
            });
            let (Some(resolved), Some(doc)) = (resolved, self.docs.get_mut(&key)) else {
                continue;
            };
            let cancel = Arc::new(AtomicBool::new(false));
            doc.in_flight = Some((doc.version, cancel.clone()));
            jobs.push(Job {
                uri: doc.uri.clone(),
                name: doc_name(doc),
                shown: doc
                    .path
                    .as_deref()
                    .map_or_else(|| doc.uri.as_str().to_string(), crate::workspace::paths::display_path),
                key,
                version: doc.version,
                text: doc.text.clone(),
                path,
                recognised: doc.recognised,
                resolved,
                config_error,
                cancel,
            });
        }
        jobs
    }

    /// Take a finished lint; the document's URI, version and diagnostics
    /// to publish when it is the lint of the current text.
    pub fn finish(&mut self, done: Done) -> Option<(lsp::Uri, i32, Vec<lsp::Diagnostic>)> {
        let doc = self.docs.get_mut(&done.key)?;
        doc.in_flight = None;
        if done.cancelled || done.version != doc.version || self.dirty.contains(&done.key) {
            // A newer text came meanwhile: it is linted next.
            self.dirty.insert(done.key);
            return None;
        }
        doc.checked = Some(done.version);
        doc.linted = done.lint.map(Arc::new);
        if doc.linted.is_some() {
            doc.recognised = true;
        }
        Some((doc.uri.clone(), doc.version, done.published))
    }

    /// The current lint of a document, when it is a manifest.
    pub fn lint(&self, key: &str) -> Option<Arc<DocLint>> {
        let doc = self.docs.get(key)?;
        doc.linted.clone().filter(|l| Some(l.version) == doc.checked)
    }

    /// The settings for a file (the defaults when its config is bad).
    pub fn settings_for(&mut self, path: Option<&Path>) -> Arc<crate::Settings> {
        path.and_then(|p| self.resolver.resolve(p).ok())
            .map_or_else(|| Arc::new(crate::Settings::default()), |r| r.settings)
    }

    /// Is the document a manifest for hover and completion, whose text may
    /// be half typed?
    pub fn is_manifest_while_typing(&mut self, key: &str) -> bool {
        if self.lint(key).is_some() {
            return true;
        }
        let Some(doc) = self.docs.get(key) else { return false };
        let name = doc_name(doc);
        let config = doc
            .path
            .as_deref()
            .and_then(|p| self.resolver.resolve(p).ok())
            .and_then(|r| r.config);
        let input = FileInput {
            shown: "",
            path: doc.path.as_deref(),
            parsed: crate::Parsed::from_text(doc.text.clone()),
            recognize: Recognize::Editor {
                name: &name,
                typing: true,
                recognised: doc.recognised,
            },
            keep_tree: false,
            cancel: None,
        };
        crate::workspace::is_manifest(&input, config.as_deref())
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
fn published(lint: &DocLint, uri: &lsp::Uri, version: i32) -> Vec<lsp::Diagnostic> {
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
