//! The workspace floor (ruff's `ruff_workspace` is the model): what lies
//! between files on disk and the pure lint.
//!
//! - [`config`]: `procore-manifest.toml`, its types and validation;
//! - [`resolver`]: the one resolver (walk-up discovery, one cache, the
//!   command line's overrides, invalidation for the language server);
//! - [`discover`]: the directory walk and the manifest test;
//! - [`allows`] and [`baseline`]: suppression;
//! - [`paths`]: display paths and the CI reports' source root;
//! - [`selection`]: the rule options of the command line, checked;
//! - [`lint_file`]: the one per-file pipeline every front end calls.

pub mod allows;
pub mod baseline;
pub mod config;
pub mod discover;
mod lint_file;
pub mod paths;
pub mod resolver;
pub mod selection;

pub use lint_file::{is_manifest, lint_file, FileInput, Fixed, Linted, Recognize};
pub use resolver::{ConfigSource, Resolved, Resolver};
