//! What a `check` run reads: named paths, walked directories and standard
//! input, each with what governs it, in byte order of the shown paths.

use super::super::check::CheckArgs;
use super::super::error;
use super::super::files::io_reason;
use crate::workspace::config::ConfigError;
use crate::workspace::discover;
use crate::workspace::paths::display_path;
use crate::workspace::{Resolved, Resolver};
use std::collections::HashSet;
use std::io::Read;
use std::path::{Path, PathBuf};

/// One thing to check, found before any file is read.
pub(super) enum Source {
    File { path: PathBuf, walked: bool },
    Stdin(Vec<u8>),
}

pub(super) struct Input {
    pub shown: String,
    pub source: Source,
    /// Where the file is (standard input: the path it stands in for).
    pub anchor: PathBuf,
    pub resolved: Resolved,
}

/// Config lookups for a run: each bad config is reported once, and the
/// files it governs are not checked.
pub(super) struct Configs {
    pub resolver: Resolver,
    reported: HashSet<PathBuf>,
    /// Configs whose selection leaves `check` rules to run.
    verified: HashSet<PathBuf>,
    pub failed: bool,
    /// Each bad config as the reports name it (its path, line and column).
    pub failures: Vec<discover::Failure>,
}

/// A bad config as every report names it: its path, and where in it.
fn config_failure(e: &ConfigError) -> discover::Failure {
    let at = e
        .span
        .map(|s| crate::source::LineIndex::new(&e.text).position(&e.text, s.start as usize));
    discover::Failure {
        path: Some(display_path(&e.path)),
        error: match at {
            Some(p) => format!("invalid config (line {}, column {}): {}", p.line, p.column, e.message),
            None => format!("invalid config: {}", e.message),
        },
    }
}

impl Configs {
    pub fn new(resolver: Resolver) -> Configs {
        Configs {
            resolver,
            reported: HashSet::new(),
            verified: HashSet::new(),
            failed: false,
            failures: Vec::new(),
        }
    }

    pub fn resolve(&mut self, path: &Path) -> Option<Resolved> {
        match self.resolver.resolve(path) {
            Ok(r) => {
                // A config whose selection leaves `check` no rule (`select =
                // ["U"]`, the rules of `usage`): its files would pass
                // unchecked. Asked once per config.
                if let Some(c) = r.config.as_deref().filter(|c| !self.verified.contains(&c.path)) {
                    if !crate::rules::registry::checks_manifests(&r.settings) {
                        self.report(&ConfigError::checks_nothing(c));
                        return None;
                    }
                    self.verified.insert(c.path.clone());
                }
                Some(r)
            }
            Err(e) => {
                self.report(&e);
                None
            }
        }
    }

    /// The run's fatal problem when a config is bad: the first one, named.
    pub fn fatal(&self) -> Option<String> {
        self.failed.then(|| {
            self.failures
                .first()
                .map_or_else(|| "a config file is invalid".to_string(), discover::Failure::message)
        })
    }

    pub fn report(&mut self, e: &ConfigError) {
        if self.reported.insert(e.path.clone()) {
            eprint!("{}", crate::output::human::render_config_error(e, false));
            self.failures.push(config_failure(e));
        }
        self.failed = true;
    }
}

/// What a run checks.
pub(super) struct Collected {
    /// Named paths and walked directories, in byte order of the shown paths.
    pub inputs: Vec<Input>,
    /// A named path (or standard input) that cannot be checked: the run
    /// fails before linting (said on stderr already).
    pub fatal: Option<String>,
    /// What a walk could not list (an unreadable directory, a looping
    /// link; said on stderr): exit 2, the other files still reported, and
    /// every report names these.
    pub failures: Vec<discover::Failure>,
    /// Standard input excluded by `--force-exclude`: `--fix -` prints it
    /// back unchanged (an editor replaces its buffer with stdout).
    pub excluded_stdin: Option<Vec<u8>>,
}

/// Named paths and walked directories; what failed on the way.
pub(super) fn collect(args: &CheckArgs, configs: &mut Configs) -> Collected {
    let mut failures = Vec::new();
    let mut fatal: Option<String> = None;
    let mut excluded_stdin = None;
    // A named path that cannot be checked: said now, named in every
    // report (each one, with its path), and the run fails.
    let mut named = Vec::new();
    let mut fail = |path: Option<String>, why: String| {
        let failure = discover::Failure { path, error: why };
        error(failure.message());
        fatal.get_or_insert(failure.message());
        named.push(failure);
    };
    let mut inputs = Vec::new();
    // No path and `--stdin-filename`: standard input (as ruff reads it);
    // no path at all: the current directory.
    let paths = match (args.paths.is_empty(), args.stdin_filename.is_some()) {
        (true, true) => vec![PathBuf::from("-")],
        (true, false) => vec![PathBuf::from(".")],
        (false, _) => args.paths.clone(),
    };
    if args.stdin_filename.is_some() && !paths.iter().any(|p| p.as_os_str() == "-") {
        eprintln!("procore-manifest: warning: --stdin-filename names standard input, which is read only when `-` is among the paths: ignored");
    }
    let mut stdin_read = false;
    for path in &paths {
        if path.as_os_str() == "-" {
            // Standard input is one input, however often `-` is named
            // (a second read would find it empty).
            if std::mem::replace(&mut stdin_read, true) {
                continue;
            }
            let mut bytes = Vec::new();
            if let Err(e) = std::io::stdin().read_to_end(&mut bytes) {
                fail(None, format!("cannot read standard input: {e}"));
                continue;
            }
            // Shown as a file's name is: one line, escaped one-to-one.
            let shown = args
                .stdin_filename
                .as_ref()
                .map_or_else(|| "-".into(), |n| crate::workspace::paths::escaped(n.as_bytes()));
            let anchor = args
                .stdin_filename
                .as_ref()
                .map_or_else(|| PathBuf::from("stdin.json"), PathBuf::from);
            if let Some(resolved) = configs.resolve(&anchor) {
                if args.force_exclude
                    && args.stdin_filename.is_some()
                    && discover::excluded(resolved.config.as_deref(), &anchor)
                {
                    excluded_stdin = Some(bytes);
                    continue;
                }
                inputs.push(Input {
                    shown,
                    source: Source::Stdin(bytes),
                    anchor,
                    resolved,
                });
            }
            continue;
        }
        // `metadata` follows symlinks but never opens the file: a FIFO or a
        // device is refused before anything could block on it.
        match std::fs::metadata(path) {
            Err(e) => fail(Some(display_path(path)), io_reason(&e)),
            Ok(meta) if meta.is_dir() => {
                let (files, errors) = discover::walk(path);
                for e in errors {
                    error(e.message());
                    failures.push(e);
                }
                for f in files {
                    let Some(resolved) = configs.resolve(&f) else { continue };
                    if discover::excluded(resolved.config.as_deref(), &f) {
                        continue;
                    }
                    inputs.push(Input {
                        shown: display_path(&f),
                        anchor: f.clone(),
                        source: Source::File { path: f, walked: true },
                        resolved,
                    });
                }
            }
            Ok(meta) if meta.is_file() => {
                let Some(resolved) = configs.resolve(path) else {
                    continue;
                };
                if args.force_exclude && discover::excluded(resolved.config.as_deref(), path) {
                    continue;
                }
                inputs.push(Input {
                    shown: display_path(path),
                    anchor: path.clone(),
                    source: Source::File {
                        path: path.clone(),
                        walked: false,
                    },
                    resolved,
                });
            }
            Ok(_) => fail(
                Some(display_path(path)),
                "not a regular file (a FIFO, socket or device is never opened)".into(),
            ),
        }
    }
    failures.extend(named);
    let stdin = |i: &Input| matches!(i.source, Source::Stdin(_));
    inputs.sort_by(|a, b| (a.shown.as_bytes(), stdin(a)).cmp(&(b.shown.as_bytes(), stdin(b))));
    // A path named twice is checked once; standard input is never the
    // same input as a file, even under that file's name (`--stdin-filename
    // m.json - m.json`: both are checked).
    inputs.dedup_by(|a, b| a.shown == b.shown && !stdin(a) && !stdin(b));
    // Several paths named: one file reached through two of them (a
    // symlinked folder, a symlink) is checked once, under the first name
    // (its findings would be reported twice, with the same fingerprints).
    // One walk follows no symlink, so a single path needs no such test.
    if paths.len() > 1 {
        let mut seen = HashSet::new();
        inputs.retain(|i| match &i.source {
            Source::File { path, .. } => file_identity(path).is_none_or(|id| seen.insert(id)),
            Source::Stdin(_) => true,
        });
    }
    Collected {
        inputs,
        fatal,
        failures,
        excluded_stdin,
    }
}

/// What makes two paths one input: the file's canonical path (symlinks
/// followed). Two hard links are two names a repository tracks apart, and
/// a walk reports both: so does a run that names both.
fn file_identity(path: &Path) -> Option<PathBuf> {
    std::fs::canonicalize(path).ok()
}

/// `std::fs::read` without its size query for the common small file: one
/// read into a 16 KB buffer, and a second that finds the end. A bigger
/// file is sized once it shows (one buffer of its exact size, not a
/// doubling one: a 50 MB manifest never holds 64 MB plus the copy).
pub(super) fn read_file(path: &Path) -> std::io::Result<Vec<u8>> {
    const FIRST: u64 = 16 * 1024;
    let mut file = std::fs::File::open(path)?;
    let mut buf = Vec::with_capacity(FIRST as usize);
    // Through `Take`s: `File::read_to_end` would ask for the size first.
    (&mut file).take(FIRST).read_to_end(&mut buf)?;
    if buf.len() as u64 == FIRST {
        let size = file.metadata().map_or(0, |m| m.len());
        buf.reserve_exact(usize::try_from(size.saturating_sub(FIRST)).unwrap_or(0));
        file.take(u64::MAX).read_to_end(&mut buf)?;
    }
    Ok(buf)
}

#[cfg(test)]
mod tests {
    /// Every size around the first read's 16 KB comes back whole.
    #[test]
    fn read_file_reads_every_size_whole() {
        let dir = std::env::temp_dir().join(format!("pm-read-{}", std::process::id()));
        std::fs::create_dir_all(&dir).unwrap();
        for size in [0, 1, 16 * 1024 - 1, 16 * 1024, 16 * 1024 + 1, 100_003] {
            let path = dir.join(format!("{size}.json"));
            let bytes: Vec<u8> = (0..size).map(|i| (i % 251) as u8).collect();
            std::fs::write(&path, &bytes).unwrap();
            let read = super::read_file(&path).unwrap();
            assert_eq!(read.len(), size);
            assert!(read == bytes, "size {size}");
        }
        std::fs::remove_dir_all(&dir).unwrap();
    }
}
