//! The one per-file pipeline: content → settings → manifest test → lint or
//! fix → risk acceptances. `check`, `permissions`, `diff` and the language
//! server all call [`lint_file`], so they find the same things in the same
//! file under the same config.

use super::allows::{accepts, apply_allows, AllowUse};
use super::config::{Config, FILE_NAME};
use super::discover;
use super::resolver::Resolved;
use crate::diagnostics::Applicability;
use crate::lint::lint_keeping_tree;
use crate::{lint_parsed, FileReport, Parsed};
use std::path::Path;

/// How a file came to be checked, which decides whether it is a manifest
/// ("Which files are manifests").
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub enum Recognize<'a> {
    /// Found by the directory walk: the config's `include`, else the test
    /// on the file's name and content.
    Walked,
    /// Named on the command line or read from standard input: always
    /// linted; under `--skip-non-manifests`, by the walk's test.
    Named { skip_non_manifests: bool },
    /// An editor document, by the walk's test on `name` (its file name, or
    /// the last segment of an `untitled:` URI), never the config file.
    /// `typing`: half-typed text counts when a Procore member name appears.
    /// `recognised`: it was a manifest earlier in the session, and stays one
    /// while it is open.
    Editor {
        name: &'a str,
        typing: bool,
        recognised: bool,
    },
}

/// One file to lint.
pub struct FileInput<'a> {
    /// The path as reports show it.
    pub shown: &'a str,
    /// Where it is on disk (for standard input, where it stands in for),
    /// for the config's globs and `[[allow]]` entries.
    pub path: Option<&'a Path>,
    pub parsed: Parsed,
    pub recognize: Recognize<'a>,
    /// Give the parsed tree back in [`Linted::parsed`].
    pub keep_tree: bool,
    /// Stop early when this turns true (a newer text superseded this one).
    pub cancel: Option<&'a std::sync::atomic::AtomicBool>,
}

/// What `--fix` / `--diff` did to a file.
#[derive(Debug, Clone)]
pub struct Fixed {
    pub original: String,
    pub text: String,
    pub applied: usize,
    /// Fixes that were dropped, with the reason.
    pub dropped: Vec<String>,
}

/// What one file produced.
#[derive(Debug)]
pub struct Linted {
    pub report: FileReport,
    pub fixed: Option<Fixed>,
    /// Which of its config's `[[allow]]` entries covered it and matched
    /// (for X001 over a whole run).
    pub allow_use: AllowUse,
    /// The linted text and its tree, when asked for (`keep_tree`).
    pub parsed: Option<crate::Parsed>,
}

/// Is `input` a manifest, under `config`?
pub fn is_manifest(input: &FileInput, config: Option<&Config>) -> bool {
    let include = || input.path.and_then(|p| discover::include_matched(config, p));
    match input.recognize {
        Recognize::Named {
            skip_non_manifests: false,
        } => true,
        // `--skip-non-manifests` applies the walk's test.
        Recognize::Named { .. } | Recognize::Walked => {
            let name = input
                .path
                .and_then(Path::file_name)
                .map(|n| n.to_string_lossy())
                .unwrap_or_default();
            discover::is_manifest(&name, &input.parsed, include(), false)
        }
        Recognize::Editor {
            name,
            typing,
            recognised,
        } => {
            // The config's `exclude` holds for open documents as for `check
            // --force-exclude`: an excluded document gets no diagnostics.
            let excluded = input.path.is_some_and(|p| discover::excluded(config, p));
            // The walk takes `*.json` files only: a document on disk whose
            // name has another extension or none (`site.webmanifest`,
            // `AndroidManifest.xml`, `manifest`) is no manifest, whatever
            // `include` says; an untitled one is judged by its content.
            name != FILE_NAME
                && !excluded
                && (discover::is_json_name(Path::new(name)) || input.path.is_none())
                && (recognised || discover::is_manifest(name, &input.parsed, include(), typing))
        }
    }
}

/// Lint (or, with `fix`, fix at that applicability and lint the result) one
/// file under what governs it; `None` when it is not a manifest. `today`
/// (`YYYY-MM-DD`) decides which risk acceptances have expired.
pub fn lint_file(input: FileInput, resolved: &Resolved, fix: Option<Applicability>, today: &str) -> Option<Linted> {
    let config = resolved.config.as_deref();
    if !is_manifest(&input, config) {
        return None;
    }
    let settings = &resolved.settings;
    let keep_tree = input.keep_tree;
    let rel = config.and_then(|c| input.path.and_then(|p| c.relative(p)));
    let (mut report, fixed, kept) = match fix {
        // A file that does not parse is fixed only by S001's own fix (and
        // never a lossy copy of one that is not UTF-8).
        Some(min) if input.parsed.tree().is_ok() || !input.parsed.is_lossy() => {
            let accepted = |d: &crate::Diagnostic| config.is_some_and(|c| accepts(c, rel.as_deref(), today, d));
            let out = crate::fix::fix_source_except(input.shown, input.parsed.text(), settings, min, &accepted);
            let fixed = Fixed {
                original: input.parsed.into_text(),
                text: out.text,
                applied: out.applied,
                dropped: out.dropped,
            };
            (out.report, Some(fixed), None)
        }
        _ if keep_tree => {
            let (report, parsed) = lint_keeping_tree(input.shown, input.parsed, settings, input.cancel);
            (report, None, Some(parsed))
        }
        _ => (lint_parsed(input.shown, input.parsed, settings), None, None),
    };
    if let Some(f) = &fixed {
        report.fixed = f.applied;
    }
    let mut allow_use = AllowUse::default();
    if let Some(c) = config {
        apply_allows(&mut report, c, rel.as_deref(), today, &mut allow_use);
    }
    Some(Linted {
        report,
        fixed,
        allow_use,
        parsed: kept,
    })
}
