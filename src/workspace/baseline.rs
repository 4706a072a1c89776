//! The baseline (`--write-baseline` / `--baseline`): recorded findings are
//! marked in the reports and never count toward the exit code. Entries are
//! keyed by path, code, pointer and the value hash of the secret room (a
//! finding on a secret hashes its pointer, never the secret).

use crate::diagnostics::{Diagnostic, Suppression};
use crate::workspace::paths::SourceRoot;
use crate::FileReport;
use serde::{Deserialize, Serialize};

/// A baseline entry that matched nothing.
#[derive(Debug, Clone, serde::Serialize, PartialEq, Eq, PartialOrd, Ord)]
pub struct StaleEntry {
    pub path: String,
    pub code: String,
    pub pointer: String,
}

impl StaleEntry {
    /// "stale baseline entry PATH: CODE at POINTER no longer matches".
    pub fn describe(&self) -> String {
        format!(
            "stale baseline entry {}: {} at {} no longer matches",
            self.path,
            self.code,
            if self.pointer.is_empty() {
                "(the root)"
            } else {
                &self.pointer
            }
        )
    }
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

impl BaselineEntry {
    /// The entry of a finding, keyed by the report's path as shown; see
    /// [`Baseline::entry`] for the key a baseline file holds.
    pub fn of(report: &FileReport, d: &Diagnostic) -> BaselineEntry {
        BaselineEntry {
            path: report.path.clone(),
            code: d.rule.code.to_string(),
            pointer: d.pointer.clone(),
            value_hash: report.value_hash(d),
        }
    }
}

impl BaselineFile {
    /// A baseline file's bytes: UTF-8, a byte order mark allowed.
    pub fn parse_bytes(bytes: &[u8]) -> Result<BaselineFile, String> {
        let bytes = bytes.strip_prefix(b"\xEF\xBB\xBF").unwrap_or(bytes);
        let text = std::str::from_utf8(bytes).map_err(|e| {
            format!(
                "not a baseline file: not valid UTF-8 (at byte offset {})",
                e.valid_up_to()
            )
        })?;
        BaselineFile::parse(text)
    }

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
#[derive(Debug)]
pub struct Baseline {
    /// Each entry and how many times it is recorded: one recorded finding
    /// marks one finding, so a second finding of the same key (a second
    /// credential written as a key under one parent: both pointers read
    /// `…/(secret)`) is new.
    entries: std::collections::HashMap<BaselineEntry, usize>,
    /// How many findings each entry marked in this run.
    matched: std::collections::HashMap<BaselineEntry, usize>,
    /// The files checked in this run: each one's key and its path as shown.
    checked_paths: std::collections::BTreeMap<String, String>,
    root: SourceRoot,
}

/// Where a baseline's paths are relative to: the top level of the git work
/// tree (else the current directory), whichever folder the run starts
/// from (a baseline written in a subfolder matches a run from the top).
pub fn key_root() -> SourceRoot {
    SourceRoot::discover()
}

impl Baseline {
    pub fn new(file: BaselineFile) -> Baseline {
        let mut entries = std::collections::HashMap::new();
        for e in file.entries {
            *entries.entry(e).or_insert(0) += 1;
        }
        Baseline {
            entries,
            matched: Default::default(),
            checked_paths: Default::default(),
            root: key_root(),
        }
    }

    /// A finding's entry as a baseline file records it: its file's path
    /// relative to [`key_root`].
    pub fn entry(root: &SourceRoot, report: &FileReport, d: &Diagnostic) -> BaselineEntry {
        BaselineEntry {
            path: root.locate(&report.path).path,
            ..BaselineEntry::of(report, d)
        }
    }

    /// Mark the findings the baseline records.
    pub fn apply(&mut self, report: &mut FileReport) {
        let key = self.root.locate(&report.path).path;
        self.checked_paths.insert(key.clone(), report.path.clone());
        for i in 0..report.diagnostics.len() {
            if report.diagnostics[i].suppressed.is_some() {
                continue;
            }
            let e = BaselineEntry {
                path: key.clone(),
                ..BaselineEntry::of(report, &report.diagnostics[i])
            };
            let recorded = self.entries.get(&e).copied().unwrap_or(0);
            let used = self.matched.entry(e).or_insert(0);
            if *used < recorded {
                *used += 1;
                report.diagnostics[i].suppressed = Some(Box::new(Suppression::Baseline));
            }
        }
    }

    /// The entries of files this run did not check, each as often as it is
    /// recorded: a baseline written by a run over some of the files keeps
    /// them (only a checked file's entries can be judged stale).
    pub fn unchecked(&self) -> Vec<BaselineEntry> {
        self.entries
            .iter()
            .filter(|(e, _)| !self.checked_paths.contains_key(&e.path))
            .flat_map(|(e, &n)| std::iter::repeat_n(e.clone(), n))
            .collect()
    }

    /// Entries for files checked in this run that matched nothing.
    pub fn stale(&self) -> Vec<StaleEntry> {
        let mut out: Vec<_> = self
            .entries
            .iter()
            .filter_map(|(e, recorded)| Some((e, recorded, self.checked_paths.get(&e.path)?)))
            .flat_map(|(e, &recorded, shown)| {
                let left = recorded.saturating_sub(self.matched.get(e).copied().unwrap_or(0));
                std::iter::repeat_n(
                    StaleEntry {
                        path: shown.clone(),
                        code: e.code.clone(),
                        pointer: e.pointer.clone(),
                    },
                    left,
                )
            })
            .collect();
        out.sort();
        out
    }
}
