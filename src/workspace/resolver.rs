//! One config resolver for every front end: walk-up discovery, one cache,
//! the command line's rule selection applied on top of each config (a
//! transformer), invalidated by the language server when a config changes.

use super::config::{Config, ConfigError, FILE_NAME};
use super::paths::absolute;
use crate::settings::{Selection, Settings};
use std::collections::HashMap;
use std::path::{Path, PathBuf};
use std::sync::Arc;

/// The nearest config file for a path: walk up from its directory. Any
/// entry of that name counts, readable or not (a dangling symlink, a FIFO,
/// a directory, one the user may not read): loading it then says what is
/// wrong (exit 2) instead of the parent's config governing in silence.
pub fn discover(start: &Path) -> Option<PathBuf> {
    let abs = absolute(start);
    let mut dir = if abs.is_dir() {
        Some(abs.as_path())
    } else {
        abs.parent()
    };
    while let Some(d) = dir {
        let candidate = d.join(FILE_NAME);
        let absent = |e: std::io::Error| {
            matches!(
                e.kind(),
                std::io::ErrorKind::NotFound | std::io::ErrorKind::NotADirectory
            )
        };
        if std::fs::symlink_metadata(&candidate).map_or_else(|e| !absent(e), |_| true) {
            return Some(candidate);
        }
        dir = d.parent();
    }
    None
}

/// What governs one file: its config (if any) and the settings to lint with.
#[derive(Debug, Clone)]
pub struct Resolved {
    pub config: Option<Arc<Config>>,
    pub settings: Arc<Settings>,
}

/// Where configs come from.
#[derive(Debug, Clone, Default)]
pub enum ConfigSource {
    /// The nearest `procore-manifest.toml` above each file.
    #[default]
    Discover,
    /// One file for every input (`--config`).
    Fixed(PathBuf),
    /// None (`--no-config`).
    None,
}

impl ConfigSource {
    /// From the command line's `--config FILE` and `--no-config`.
    pub fn from_flags(config: Option<&std::path::Path>, no_config: bool) -> Self {
        match (config, no_config) {
            (Some(p), _) => ConfigSource::Fixed(p.to_path_buf()),
            (None, true) => ConfigSource::None,
            (None, false) => ConfigSource::Discover,
        }
    }
}

struct Loaded {
    mtime: Option<std::time::SystemTime>,
    result: Result<Resolved, ConfigError>,
}

/// Configs by directory and by file, with the settings built from each.
#[derive(Default)]
pub struct Resolver {
    source: ConfigSource,
    /// The command line's selection, which beats every config's.
    overrides: Selection,
    /// Re-read a config whose modification time changed (a long-lived
    /// language server; a `check` run reads each config once).
    revalidate: bool,
    by_dir: HashMap<PathBuf, Option<PathBuf>>,
    loaded: HashMap<PathBuf, Loaded>,
    no_config: Option<Resolved>,
}

fn mtime(p: &Path) -> Option<std::time::SystemTime> {
    std::fs::metadata(p).and_then(|m| m.modified()).ok()
}

impl Resolver {
    pub fn new(source: ConfigSource, overrides: Selection) -> Resolver {
        Resolver {
            source,
            overrides,
            ..Resolver::default()
        }
    }

    /// A resolver for an editor session: configs are discovered and re-read
    /// when they change on disk.
    pub fn for_editor() -> Resolver {
        Resolver {
            revalidate: true,
            ..Resolver::default()
        }
    }

    /// [`Resolver::for_editor`] with the editor's settings: a config file
    /// (else discovered) and a selection that beats every config's.
    pub fn for_editor_with(source: ConfigSource, overrides: Selection) -> Resolver {
        Resolver {
            source,
            overrides,
            revalidate: true,
            ..Resolver::default()
        }
    }

    /// Forget every cached lookup and config (a config was saved, created
    /// or deleted).
    pub fn invalidate(&mut self) {
        self.by_dir.clear();
        self.loaded.clear();
    }

    fn apply(&self, config: Option<Arc<Config>>) -> Resolved {
        let base = config.as_ref().map_or_else(Settings::default, |c| c.settings.clone());
        Resolved {
            settings: Arc::new(Settings {
                cli: self.overrides.clone(),
                ..base
            }),
            config,
        }
    }

    /// The config file that governs `file`, if any (no file is read).
    pub fn config_path(&mut self, file: &Path) -> Option<PathBuf> {
        match &self.source {
            ConfigSource::None => None,
            ConfigSource::Fixed(p) => Some(p.clone()),
            ConfigSource::Discover => {
                let abs = absolute(file);
                let dir = abs.parent().map(Path::to_path_buf).unwrap_or_default();
                if self.revalidate {
                    return discover(&dir);
                }
                self.by_dir.entry(dir).or_insert_with_key(|d| discover(d)).clone()
            }
        }
    }

    /// What governs `file`: a config that does not load is an error (the
    /// caller reports it once: [`ConfigError::path`] names the file).
    pub fn resolve(&mut self, file: &Path) -> Result<Resolved, ConfigError> {
        let Some(path) = self.config_path(file) else {
            if self.no_config.is_none() {
                self.no_config = Some(self.apply(None));
            }
            return Ok(self.no_config.clone().unwrap_or_else(|| self.apply(None)));
        };
        self.load(&path)
    }

    /// Every config file read so far (loaded or refused).
    pub fn loaded_paths(&self) -> impl Iterator<Item = PathBuf> + '_ {
        self.loaded.keys().cloned()
    }

    /// Load a config file once (again when it changed, for an editor).
    pub fn load(&mut self, path: &Path) -> Result<Resolved, ConfigError> {
        let now = if self.revalidate { mtime(path) } else { None };
        let fresh = self.loaded.get(path).is_some_and(|l| l.mtime == now);
        if !fresh {
            let result = Config::load(path).map(|c| self.apply(Some(Arc::new(c))));
            self.loaded.insert(path.to_path_buf(), Loaded { mtime: now, result });
        }
        match self.loaded.get(path) {
            Some(l) => l.result.clone(),
            None => Config::load(path).map(|c| self.apply(Some(Arc::new(c)))),
        }
    }
}
