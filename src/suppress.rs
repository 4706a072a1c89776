//! Recorded risk acceptances (`[[allow]]`) and the baseline: findings they
//! match stay in the JSON and SARIF reports, marked, and never count toward
//! the exit code. The risk rating ignores both.

use crate::config::Config;
use crate::diagnostics::{Diagnostic, Suppression};
use crate::FileReport;
use serde::{Deserialize, Serialize};
use std::collections::BTreeSet;

/// Which allow entries of a config covered a checked file, and which matched.
#[derive(Debug, Default, Clone)]
pub struct AllowUse {
    pub covered: Vec<bool>,
    pub used: Vec<bool>,
}

/// Apply a config's `[[allow]]` entries to a report. `rel` is the file's
/// path relative to the config's directory (None: not under it).
pub fn apply_allows(report: &mut FileReport, config: &Config, rel: Option<&str>, today: &str, usage: &mut AllowUse) {
    usage.covered.resize(config.allows.len(), false);
    usage.used.resize(config.allows.len(), false);
    for a in &config.allows {
        let covers = match (&a.files, rel) {
            (None, Some(_)) => true,
            (Some(g), Some(r)) => g.is_match(r),
            (_, None) => false,
        };
        if !covers {
            continue;
        }
        usage.covered[a.index] = true;
        for d in report.diagnostics.iter_mut().filter(|d| d.suppressed.is_none()) {
            if d.rule.code != a.rule || a.pointer.as_ref().is_some_and(|p| *p != d.pointer) {
                continue;
            }
            usage.used[a.index] = true;
            match &a.expires {
                Some(e) if today > e.as_str() => {
                    report.expired_allows += 1;
                    let note = format!(
                        "the risk acceptance for this finding expired on {e} (reason was: {})",
                        a.reason
                    );
                    d.help = Some(match d.help.take() {
                        Some(h) => format!("{note}; {h}"),
                        None => note,
                    });
                }
                _ => {
                    d.suppressed = Some(Suppression::Allow {
                        reason: a.reason.clone(),
                    })
                }
            }
        }
    }
}

/// X001 for the entries of a config that covered a checked file and matched
/// nothing: a report on the config file itself.
pub fn unused_allows(config: &Config, usage: &AllowUse, settings: &crate::Settings) -> Option<FileReport> {
    let rule = &crate::rules::audit::X001;
    if !settings.is_enabled(rule) {
        return None;
    }
    let mut diagnostics = Vec::new();
    for a in &config.allows {
        if usage.covered.get(a.index) == Some(&true) && usage.used.get(a.index) != Some(&true) {
            let files = a.files_text.as_deref().unwrap_or("every file");
            let mut d = Diagnostic::new(
                rule,
                a.span,
                format!("/allow/{}", a.index),
                format!(
                    "this [[allow]] for {} ({files}) matched no finding in the files checked",
                    a.rule
                ),
            )
            .with_help("the risk it accepted is gone: remove the entry");
            if let Some(s) = settings.severity_override(rule) {
                d.severity = s;
            }
            d.unnecessary = true;
            diagnostics.push(d);
        }
    }
    if diagnostics.is_empty() {
        return None;
    }
    Some(FileReport::other_file(
        crate::cli::display_path(&config.path),
        config.text.clone(),
        diagnostics,
    ))
}

/// The baseline file (`--write-baseline` / `--baseline`).
#[derive(Debug, Clone, Default, Serialize, Deserialize, PartialEq, Eq)]
pub struct BaselineFile {
    pub version: u32,
    pub entries: Vec<BaselineEntry>,
}

/// One recorded finding: never by line, so edits elsewhere keep it.
#[derive(Debug, Clone, Serialize, Deserialize, PartialEq, Eq, PartialOrd, Ord, Hash)]
pub struct BaselineEntry {
    pub path: String,
    pub code: String,
    pub pointer: String,
    pub value_hash: String,
}

/// The hash of the offending value: its source text (a secret is never
/// hashed into a file that gets committed: R007 uses its pointer only).
pub fn value_hash(report: &FileReport, d: &Diagnostic) -> String {
    if d.rule.code == "R007" {
        return crate::hash::fnv1a64(&[b"secret", d.pointer.as_bytes()]);
    }
    let text = report.text.get(d.span.range()).unwrap_or("");
    crate::hash::fnv1a64(&[text.as_bytes()])
}

pub fn entry_of(report: &FileReport, d: &Diagnostic) -> BaselineEntry {
    BaselineEntry {
        path: report.path.clone(),
        code: d.rule.code.to_string(),
        pointer: d.pointer.clone(),
        value_hash: value_hash(report, d),
    }
}

impl BaselineFile {
    pub fn parse(text: &str) -> Result<BaselineFile, String> {
        let v: serde_json::Value = serde_json::from_str(text)
            .map_err(|e| format!("not a baseline file: line {}, column {}: {e}", e.line(), e.column()))?;
        let version = v.get("version").and_then(serde_json::Value::as_u64).unwrap_or(0);
        if version > 1 {
            return Err(format!(
                "baseline format version {version} is newer than this procore-manifest understands (1); upgrade procore-manifest"
            ));
        }
        serde_json::from_value(v).map_err(|e| format!("not a baseline file: {e}"))
    }
}

/// A loaded baseline and what matched during the run.
#[derive(Debug, Default)]
pub struct Baseline {
    entries: std::collections::HashMap<BaselineEntry, usize>,
    matched: BTreeSet<BaselineEntry>,
    checked_paths: BTreeSet<String>,
}

impl Baseline {
    pub fn new(file: BaselineFile) -> Baseline {
        let mut entries = std::collections::HashMap::new();
        for e in file.entries {
            *entries.entry(e).or_insert(0) += 1;
        }
        Baseline {
            entries,
            ..Baseline::default()
        }
    }

    /// Mark the findings the baseline records.
    pub fn apply(&mut self, report: &mut FileReport) {
        self.checked_paths.insert(report.path.clone());
        for i in 0..report.diagnostics.len() {
            if report.diagnostics[i].suppressed.is_some() {
                continue;
            }
            let e = entry_of(report, &report.diagnostics[i]);
            if self.entries.contains_key(&e) {
                report.diagnostics[i].suppressed = Some(Suppression::Baseline);
                self.matched.insert(e);
            }
        }
    }

    /// Entries for files checked in this run that matched nothing.
    pub fn stale(&self) -> Vec<crate::output::StaleEntry> {
        let mut out: Vec<_> = self
            .entries
            .keys()
            .filter(|e| self.checked_paths.contains(&e.path) && !self.matched.contains(*e))
            .map(|e| crate::output::StaleEntry {
                path: e.path.clone(),
                code: e.code.clone(),
                pointer: e.pointer.clone(),
            })
            .collect();
        out.sort();
        out
    }
}
