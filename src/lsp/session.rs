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
use std::sync::Arc;

/// An open document.
pub(crate) struct Doc {
    pub uri: lsp::Uri,
    pub text: String,
    pub version: i32,
    pub path: Option<PathBuf>,
    /// Once recognised as a manifest, a document stays one while it is open
    /// (CLI.md), even while its JSON is half typed.
    pub recognised: bool,
    /// The lint of `text` at `version`, when it is a manifest.
    pub linted: Option<Arc<DocLint>>,
}

/// A document's lint: what every feature reads.
pub(crate) struct DocLint {
    pub version: i32,
    pub tree: Option<Node>,
    pub report: FileReport,
    pub lines: LineIndex,
    pub resolved: Resolved,
    pub config_error: Option<ConfigError>,
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

pub(crate) fn file_path(uri: &lsp::Uri) -> Option<PathBuf> {
    url::Url::parse(uri.as_str()).ok()?.to_file_path().ok()
}

pub(crate) fn uri_of(path: &Path) -> Option<lsp::Uri> {
    url::Url::from_file_path(path).ok()?.as_str().parse().ok()
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

    /// A config file changed: forget every cached config, re-lint every
    /// open document.
    pub fn configs_changed(&mut self) {
        self.resolver.invalidate();
        for (key, doc) in &mut self.docs {
            doc.linted = None;
            self.dirty.insert(key.clone());
        }
    }

    /// The lint of an open document's current text (computed now if the
    /// text changed since); `None` when it is not a manifest.
    pub fn lint(&mut self, key: &str) -> Option<Arc<DocLint>> {
        let doc = self.docs.get(key)?;
        if let Some(l) = doc.linted.as_ref().filter(|l| l.version == doc.version) {
            return Some(l.clone());
        }
        let (resolved, config_error) = match doc.path.as_deref() {
            None => (self.resolver.resolve(Path::new("untitled.json")).ok(), None),
            Some(p) => match self.resolver.resolve(p) {
                Ok(r) => (Some(r), None),
                Err(e) => (None, Some(e)),
            },
        };
        let resolved = match resolved {
            Some(r) => r,
            // A bad config: lint with the defaults, X002 on top.
            None => Resolver::new(crate::workspace::ConfigSource::None, Default::default())
                .resolve(Path::new("."))
                .ok()?,
        };
        let doc = self.docs.get_mut(key)?;
        let name = doc_name(doc);
        let shown = doc
            .path
            .as_deref()
            .map_or_else(|| doc.uri.as_str().to_string(), crate::workspace::paths::display_path);
        let input = FileInput {
            shown: &shown,
            path: doc.path.as_deref(),
            parsed: crate::Parsed::from_text(doc.text.clone()),
            recognize: Recognize::Editor {
                name: &name,
                typing: false,
                recognised: doc.recognised,
            },
            keep_tree: true,
        };
        let today = crate::workspace::allows::today();
        let linted = lint_file(input, &resolved, None, &today)?;
        doc.recognised = true;
        let lint = Arc::new(DocLint {
            version: doc.version,
            lines: linted.report.lines().clone(),
            tree: linted.tree,
            report: linted.report,
            resolved,
            config_error,
        });
        doc.linted = Some(lint.clone());
        Some(lint)
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
                recognised: false,
            },
            keep_tree: false,
        };
        crate::workspace::is_manifest(&input, config.as_deref())
    }

    /// Everything `check` reports for a document, as LSP diagnostics.
    pub fn diagnostics(&mut self, key: &str) -> Vec<lsp::Diagnostic> {
        let Some(lint) = self.lint(key) else {
            return Vec::new();
        };
        let Some(doc) = self.docs.get(key) else {
            return Vec::new();
        };
        let report = &lint.report;
        let mut out: Vec<lsp::Diagnostic> = report
            .diagnostics
            .iter()
            .filter(|d| d.is_active())
            .map(|d| convert::diagnostic(d, &doc.uri, &lint.lines, &report.text))
            .collect();
        if let Some(e) = &lint.config_error {
            out.insert(0, config_diagnostic(e));
        }
        for d in &mut out {
            if let Some(serde_json::Value::Object(data)) = &mut d.data {
                data.insert("version".into(), doc.version.into());
            }
        }
        out
    }
}

/// X002: a bad config, shown at the top of the manifest it governs.
fn config_diagnostic(e: &ConfigError) -> lsp::Diagnostic {
    let rule = &crate::rules::audit::X002;
    lsp::Diagnostic {
        range: lsp::Range::new(lsp::Position::new(0, 0), lsp::Position::new(0, 1)),
        severity: Some(lsp::DiagnosticSeverity::ERROR),
        code: Some(lsp::NumberOrString::String(rule.code.into())),
        code_description: convert::docs_url(rule.code)
            .parse()
            .ok()
            .map(|href| lsp::CodeDescription { href }),
        source: Some(convert::SOURCE.into()),
        message: format!("invalid config: {}", e.one_line()),
        related_information: None,
        tags: None,
        data: None,
    }
}
