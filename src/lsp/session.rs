//! The session's state: open documents, the workspace resolver, and each
//! document's last lint (kept so hover, completion and code actions reuse
//! the tree and report instead of parsing again).

use super::convert;
pub(crate) use super::job::{DocLint, Done, Job};
use crate::workspace::{FileInput, Recognize, Resolver};
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

/// The most lints of documents over [`SMALL`] bytes that run at once, each
/// on a thread of its own; a small document's lint always starts (it ends
/// in milliseconds).
const MAX_LINTS: usize = 16;
const SMALL: usize = 256 * 1024;

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
        // At most MAX_LINTS big documents at once (a thread each; the others
        // wait in `dirty`); a small one never waits behind them.
        let big = |d: &Doc| d.text.len() > SMALL;
        let mut room = MAX_LINTS.saturating_sub(self.docs.values().filter(|d| d.in_flight.is_some() && big(d)).count());
        let ready: Vec<String> = self
            .dirty
            .iter()
            .filter(|k| {
                self.docs.get(*k).is_some_and(|d| {
                    let start = d.in_flight.is_none() && (!big(d) || room > 0);
                    room -= usize::from(start && big(d));
                    start
                })
            })
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
                    // A config that leaves no rule to check a manifest (as
                    // `check` refuses it): X002, and the defaults meanwhile.
                    Ok(r) if !crate::rules::registry::checks_manifests(&r.settings) => {
                        let e = r
                            .config
                            .as_deref()
                            .map(crate::workspace::config::ConfigError::checks_nothing);
                        (e.is_none().then_some(r), e)
                    }
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

#[cfg(test)]
mod tests {
    use super::Session;

    /// At most 16 big documents are linted at once; a small one never
    /// waits behind them.
    #[test]
    fn a_small_document_never_waits_behind_big_ones() {
        let mut s = Session::new();
        let big = format!("{{\"x\": \"{}\"}}", "a".repeat(300 * 1024));
        for i in 0..20 {
            let uri = format!("file:///tmp/big{i}.json").parse().expect("uri");
            s.open(uri, big.clone(), 1);
        }
        assert_eq!(s.jobs().len(), 16);
        let small = "file:///tmp/small.json".parse().expect("uri");
        s.open(small, "{}".into(), 1);
        let started = s.jobs();
        assert_eq!(started.len(), 1, "only the small one starts while 16 big ones run");
        assert!(s.jobs().is_empty());
    }
}
