//! `procore-manifest`: a validator for Procore App manifests.
//!
//! The floors, bottom to top (ARCHITECTURE.md; `tests/layering.rs` keeps
//! imports pointing down):
//!
//! - leaves: `span`, `source`, `text`, `vocab`, `hash`;
//! - `syntax`: text → span tree;
//! - the core (pure, no I/O): `model`, `secrets`, `catalog`, `diagnostics`,
//!   `settings`, `schema`, `rules`, `risk`, `fix`, `diff`, `usage`, `lint`
//!   ([`lint_bytes`] / [`lint_source`] → [`FileReport`]);
//! - `workspace`: config, one resolver, file discovery and the manifest
//!   test, suppression, display paths, and [`workspace::lint_file`], the one
//!   per-file pipeline every front end calls;
//! - `output`: one emitter per format;
//! - front ends: `cli` and `lsp`, which never import each other.

pub mod calendar;
pub mod hash;
pub mod source;
pub mod span;
pub mod text;
pub mod vocab;

pub mod syntax;

pub mod catalog;
pub mod diagnostics;
pub mod diff;
pub mod fix;
pub mod lint;
pub mod model;
pub mod risk;
pub mod rule;
pub mod rules;
pub mod schema;
pub mod secrets;
pub mod settings;
pub mod usage;

pub mod workspace;

pub mod output;

#[cfg(feature = "native")]
pub mod cli;
#[cfg(feature = "native")]
pub mod lsp;
pub mod playground;

pub use diagnostics::{Diagnostic, Severity};
pub use lint::{lint_bytes, lint_parsed, lint_source, whole_file, FileReport, Parsed};
pub use settings::Settings;
