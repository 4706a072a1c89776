//! Which files to check ("Which files are manifests" and "Directory
//! walk").

use super::config::Config;
use crate::Parsed;
use std::path::Path;
#[cfg(feature = "native")]
use std::path::PathBuf;

/// Procore evidence ("Which files are manifests"): at the top level
/// of an object, a `schema_version` of the 3.x / 4.x form (string or
/// number); `app_manifest`, `post_installation_instruction`, `fullscreen`
/// or `sidepanel` holding an object; `components` holding an object with
/// `oauth` or `iframe`; `permissions` holding an object with `company` or
/// `project`. Members other formats share (`components` of OpenAPI,
/// `permissions` of a Teams manifest, `manifest_version`) are no evidence.
pub fn has_procore_evidence(root: &crate::syntax::Node) -> bool {
    use crate::syntax::NodeKind;
    let is_object = |k: &str| root.get(k).is_some_and(|v| v.as_object().is_some());
    let holds = |k: &str, inner: &[&str]| {
        root.get(k)
            .is_some_and(|v| v.as_object().is_some() && inner.iter().any(|i| v.get(i).is_some()))
    };
    let version = root.get("schema_version").is_some_and(|v| match &v.kind {
        NodeKind::String(s) => crate::model::is_version_form(s),
        NodeKind::Number(s) => crate::model::is_version_form(s),
        _ => false,
    });
    version
        || crate::vocab::own_objects().any(is_object)
        || holds("components", &["oauth", "iframe"])
        || holds("permissions", &["company", "project"])
}

/// The skip test (`--skip-non-manifests`, the walk): a file that parses
/// but shows no Procore evidence is not ours.
pub fn is_foreign(parsed: &Parsed) -> bool {
    match parsed.tree() {
        Ok(root) => !has_procore_evidence(root),
        Err(_) => false,
    }
}

/// Does the config's `include` match `path` (None: the config has no
/// `include`, the file name decides)?
pub fn include_matched(config: Option<&Config>, path: &Path) -> Option<bool> {
    let config = config?;
    let include = config.include.as_ref()?;
    Some(config.relative(path).is_some_and(|r| include.is_match(r)))
}

/// Does `path` end in `.json` (any case)? The only files a walk takes,
/// and so the only documents on disk the language server lints.
pub fn is_json_name(path: &Path) -> bool {
    path.extension().is_some_and(|x| x.eq_ignore_ascii_case("json"))
}

/// Is a walked file left out by the config's `exclude`?
pub fn excluded(config: Option<&Config>, path: &Path) -> bool {
    config.is_some_and(|c| {
        c.exclude
            .as_ref()
            .is_some_and(|g| c.relative(path).is_some_and(|r| g.is_match(&r)))
    })
}

/// The test "Which files are manifests", on a file's name (not the
/// folders above it): the config's `include` globs decide when it has some
/// (`include_matched`); otherwise a file that parses must show Procore
/// evidence, and one that does not parse must be named `*manifest*` (so a
/// broken manifest still gets S001). `typing` (hover and completion in the
/// language server, on half-typed text): a document that does not parse
/// also counts when a Procore member name appears in it.
pub fn is_manifest(name: &str, parsed: &Parsed, include_matched: Option<bool>, typing: bool) -> bool {
    if let Some(matched) = include_matched {
        return matched;
    }
    match parsed.tree() {
        Ok(root) => has_procore_evidence(root),
        Err(_) => {
            name.to_lowercase().contains("manifest")
                || typing
                    && crate::vocab::top_level_names()
                        .filter(|k| !matches!(*k, "app_manifest" | "post_installation_instruction"))
                        .any(|k| parsed.text().contains(&format!("\"{k}\"")))
        }
    }
}

/// A file the run could not read, or a walked folder it could not list (a
/// link that loops): the other files are still reported, and every report
/// says which one failed.
#[derive(Debug, Clone, PartialEq, Eq, PartialOrd, Ord, serde::Serialize)]
pub struct Failure {
    /// The path as reports show it, when the problem has one.
    pub path: Option<String>,
    /// What went wrong (without the path).
    pub error: String,
}

impl Failure {
    /// `PATH: error`, or the error alone.
    pub fn message(&self) -> String {
        match &self.path {
            Some(p) => format!("{p}: {}", self.error),
            None => self.error.clone(),
        }
    }
}

/// A walk problem: a [`Failure`].
pub type WalkError = Failure;

/// Folders of installed dependencies and build output, skipped by a walk
/// like hidden ones whether or not a `.gitignore` lists them (a folder
/// named on the command line is still walked).
pub const SKIPPED_DIRS: &[&str] = &["node_modules", ".venv", "venv", "__pypackages__", ".tox", "target"];

/// Every `*.json` file under `dir`: .gitignore respected, hidden
/// directories and [`SKIPPED_DIRS`] skipped (hidden files are not),
/// symlinks not followed. Sorted by path bytes.
///
/// On one thread: `ignore`'s parallel walker cost more than it saved at
/// every size measured (a directory of one file 5.5 ms against 4.3 ms for
/// the whole run, 1,000 files 19.2 against 17.2, 10,000 files the same),
/// reading the directories being most of a walk's time.
#[cfg(feature = "native")]
pub fn walk(dir: &Path) -> (Vec<PathBuf>, Vec<WalkError>) {
    let mut builder = ignore::WalkBuilder::new(dir);
    builder
        .hidden(false)
        .filter_entry(|e| {
            let name = e.file_name().as_encoded_bytes();
            let skipped_dir = e.file_type().is_some_and(|t| t.is_dir())
                && (name.first() == Some(&b'.') || SKIPPED_DIRS.iter().any(|d| d.as_bytes() == name));
            e.depth() == 0 || !skipped_dir
        })
        .git_ignore(true)
        .git_exclude(true)
        .git_global(false)
        .require_git(false)
        .ignore(false)
        .parents(true)
        .follow_links(false);
    let (mut files, mut errors) = (Vec::new(), Vec::new());
    for entry in builder.build() {
        match visit(entry) {
            Some(Ok(file)) => files.push(file),
            Some(Err(e)) => errors.push(e),
            None => {}
        }
    }
    files.sort_by(|a, b| a.as_os_str().as_encoded_bytes().cmp(b.as_os_str().as_encoded_bytes()));
    // In a stable order too (the walk's order is the file system's).
    errors.sort();
    (files, errors)
}

/// What one entry of a walk gives: a `*.json` file, a problem to report,
/// or nothing.
#[cfg(feature = "native")]
fn visit(entry: Result<ignore::DirEntry, ignore::Error>) -> Option<Result<PathBuf, WalkError>> {
    match entry {
        Ok(e) => {
            // Symlinks are not followed; one that loops cannot be
            // resolved at all: reported, like an unreadable file.
            if e.path_is_symlink() {
                return match std::fs::metadata(e.path()) {
                    Err(err) if is_symlink_loop(&err) => Some(Err(WalkError {
                        path: Some(super::paths::display_path(e.path())),
                        error: "symbolic link loop (too many levels of symbolic links)".into(),
                    })),
                    _ => None,
                };
            }
            let is_file = e.file_type().is_some_and(|t| t.is_file());
            let is_json = is_json_name(e.path());
            (is_file && is_json).then(|| Ok(e.into_path()))
        }
        Err(err) => Some(Err(walk_error(&err))),
    }
}

/// A walk's error with its path apart, when it has one.
#[cfg(feature = "native")]
fn walk_error(err: &ignore::Error) -> WalkError {
    let text = |e: &dyn std::fmt::Display| crate::text::sanitize_inline(&e.to_string());
    match err {
        ignore::Error::WithPath { path, err } => WalkError {
            path: Some(super::paths::display_path(path)),
            error: text(err),
        },
        ignore::Error::WithDepth { err, .. } | ignore::Error::WithLineNumber { err, .. } => walk_error(err),
        ignore::Error::Loop { child, .. } => WalkError {
            path: Some(super::paths::display_path(child)),
            error: text(err),
        },
        _ => WalkError {
            path: None,
            error: text(err),
        },
    }
}

/// Is this the error of resolving a symlink that loops (ELOOP)? Its
/// `ErrorKind` (FilesystemLoop) is not stable: the OS error number.
#[cfg(feature = "native")]
fn is_symlink_loop(e: &std::io::Error) -> bool {
    let eloop = if cfg!(any(target_os = "linux", target_os = "android")) {
        Some(40)
    } else if cfg!(any(
        target_os = "macos",
        target_os = "ios",
        target_os = "freebsd",
        target_os = "netbsd",
        target_os = "openbsd",
        target_os = "dragonfly"
    )) {
        Some(62)
    } else if cfg!(windows) {
        Some(1921) // ERROR_CANT_RESOLVE_FILENAME
    } else {
        None
    };
    eloop.is_some() && e.raw_os_error() == eloop
}
