//! `--format sarif`: SARIF 2.1.0 as GitHub code scanning accepts it.
//!
//! One run; the driver lists every rule of the registry (documentation,
//! default level, tags, `security-severity` on the risk rules); one result
//! per finding, suppressed ones included with a `suppressions` entry; one
//! artifact per checked file with its risk rating. Artifact URIs are
//! relative to `%SRCROOT%`: the top level of the git work tree holding the
//! current directory, else the current directory. Columns count Unicode
//! scalar values (`columnKind: unicodeCodePoints`).
//!
//! The report streams: `begin` writes everything up to the results array,
//! `file` writes a file's results, `end` closes the array and writes the
//! artifacts (a few fields per file are all that is held).
//!
//! This module also holds the stable finding fingerprints the other CI
//! formats share with SARIF.

mod model;

use super::pretty::{nested_string, write_nested};
use super::{EmitContext, Emitter, Summary};
use crate::diagnostics::{Diagnostic, Severity, Suppression};
use crate::hash::fnv1a64;
use crate::rules::registry::RULES;
use crate::rules::RuleMeta;
use crate::span::Span;
use crate::workspace::paths::{encode_uri_path, Located, SourceRoot};
use crate::FileReport;
use model::{
    Artifact, ArtifactLocation, ArtifactProperties, Configuration, Driver, Fingerprints, Help, Location,
    OriginalUriBaseIds, PhysicalLocation, Region, RelatedLocation, ReportingDescriptor, RuleProperties, SarifResult,
    Text, Tool, Uri,
};
use std::io::{self, Write};
use std::path::Path;

const SCHEMA: &str = "https://json.schemastore.org/sarif-2.1.0.json";
const SRCROOT: &str = "%SRCROOT%";
const INFORMATION_URI: &str = if env!("CARGO_PKG_REPOSITORY").is_empty() {
    "https://crates.io/crates/procore-manifest"
} else {
    env!("CARGO_PKG_REPOSITORY")
};

// ---------------------------------------------------------------------------
// Fingerprints.

/// One fingerprint per diagnostic of `r` (in order): a hash of the file's
/// path, the code, the JSON pointer and the hash of the offending text (the
/// key of a baseline entry). No line numbers, so edits elsewhere in the file
/// keep it. Findings that would
/// share one are told apart by their order.
pub(crate) fn fingerprints(r: &FileReport, path: &str) -> Vec<String> {
    let mut seen = std::collections::HashMap::<String, usize>::new();
    r.diagnostics
        .iter()
        .map(|d| {
            let vh = r.value_hash(d);
            let fp = fnv1a64(&[
                path.as_bytes(),
                d.rule.code.as_bytes(),
                d.pointer.as_bytes(),
                vh.as_bytes(),
            ]);
            let n = seen.entry(fp.clone()).or_insert(0);
            *n += 1;
            if *n == 1 {
                fp
            } else {
                fnv1a64(&[fp.as_bytes(), n.to_string().as_bytes()])
            }
        })
        .collect()
}

// ---------------------------------------------------------------------------
// Rules.

fn level(s: Severity) -> &'static str {
    match s {
        Severity::Error => "error",
        Severity::Warning => "warning",
        Severity::Info => "note",
    }
}

/// The "What it checks" and "Why" sections of a rule's docs as plain text.
fn full_description(rule: &RuleMeta) -> String {
    let docs = rule.docs();
    let mut paragraphs: Vec<String> = Vec::new();
    let mut para = String::new();
    let mut keep = false;
    let mut code = false;
    for line in docs.lines() {
        let t = line.trim();
        if t.starts_with("```") {
            code = !code;
            continue;
        }
        if code {
            continue;
        }
        if let Some(heading) = t.strip_prefix('#') {
            if !para.is_empty() {
                paragraphs.push(std::mem::take(&mut para));
            }
            keep = matches!(heading.trim_start_matches('#').trim(), "What it checks" | "Why");
            continue;
        }
        if !keep {
            continue;
        }
        if t.is_empty() {
            if !para.is_empty() {
                paragraphs.push(std::mem::take(&mut para));
            }
        } else {
            if !para.is_empty() {
                let item = t.starts_with("- ") || t.starts_with("* ") || t.starts_with('|');
                para.push(if item { '\n' } else { ' ' });
            }
            para.push_str(t);
        }
    }
    if !para.is_empty() {
        paragraphs.push(para);
    }
    if paragraphs.is_empty() {
        rule.summary.to_string()
    } else {
        paragraphs.join("\n\n")
    }
}

fn rule_descriptor<'a>(rule: &'static RuleMeta, docs: &'a str, full: &'a str) -> ReportingDescriptor<'a> {
    ReportingDescriptor {
        id: rule.code,
        name: rule.name,
        short_description: Text { text: rule.summary },
        full_description: Text { text: full },
        help: Help {
            text: docs,
            markdown: docs,
        },
        default_configuration: Configuration {
            level: level(rule.severity),
        },
        properties: RuleProperties {
            tags: rule.tags(),
            security_severity: rule.security_severity,
        },
    }
}

// ---------------------------------------------------------------------------
// The emitter.

/// The SARIF report.
#[derive(Default)]
pub struct Sarif {
    /// Found in `begin` unless given.
    root: Option<SourceRoot>,
    results: usize,
    artifacts: Vec<Artifact>,
    /// Artifact index by location: a file named twice (`a.json`,
    /// `x/../a.json`) is one artifact (the schema wants them unique).
    artifact_index: std::collections::HashMap<String, usize>,
}

impl Sarif {
    /// Paths relative to the work tree of the current directory.
    pub fn new() -> Self {
        Sarif::default()
    }

    /// Paths relative to a given root.
    pub fn with_root(root: SourceRoot) -> Self {
        Sarif {
            root: Some(root),
            ..Sarif::default()
        }
    }
}

fn artifact_location(loc: &Located, index: Option<usize>) -> ArtifactLocation {
    let (uri, uri_base_id) = if loc.relative {
        (encode_uri_path(&loc.path), Some(SRCROOT))
    } else if Path::new(&loc.path).is_absolute() {
        let uri = crate::workspace::paths::file_uri(Path::new(&loc.path), false)
            .unwrap_or_else(|| encode_uri_path(&loc.path));
        (uri, None)
    } else {
        (encode_uri_path(&loc.path), None)
    };
    ArtifactLocation {
        uri,
        uri_base_id,
        index,
    }
}

fn region(r: &FileReport, span: Span) -> Region {
    let (s, e) = r.lines().span_positions(&r.text, span);
    Region {
        start_line: s.line,
        start_column: s.column,
        end_line: e.line,
        end_column: e.column,
    }
}

fn result<'a>(
    r: &FileReport,
    d: &'a Diagnostic,
    loc: &Located,
    artifact: usize,
    fingerprint: &'a str,
    text: &'a str,
) -> SarifResult<'a> {
    let physical = |span| PhysicalLocation {
        artifact_location: artifact_location(loc, Some(artifact)),
        region: region(r, span),
    };
    SarifResult {
        rule_id: d.rule.code,
        rule_index: RULES.iter().position(|x| *x == d.rule),
        level: level(d.severity),
        message: Text { text },
        locations: [Location {
            physical_location: physical(d.span),
        }],
        partial_fingerprints: Fingerprints { v1: fingerprint },
        related_locations: d
            .related
            .iter()
            .enumerate()
            .map(|(i, rel)| RelatedLocation {
                id: i + 1,
                physical_location: physical(rel.span),
                message: Text { text: &rel.message },
            })
            .collect(),
        suppressions: d.suppressed.as_deref().map(|s| {
            [model::Suppression {
                kind: "external",
                status: "accepted",
                justification: match s {
                    Suppression::Allow { reason } => reason.as_str(),
                    Suppression::Baseline => "baselined",
                },
            }]
        }),
    }
}

impl Emitter for Sarif {
    fn begin(&mut self, w: &mut dyn Write, _cx: &EmitContext) -> io::Result<()> {
        self.results = 0;
        self.artifacts.clear();
        self.artifact_index.clear();
        let root = self.root.get_or_insert_with(SourceRoot::discover);
        // The tool and its rule descriptors (about 90 KB) are the same in
        // every report: rendered once per process.
        static TOOL: std::sync::OnceLock<String> = std::sync::OnceLock::new();
        let tool = match TOOL.get() {
            Some(t) => t,
            None => {
                let texts: Vec<(String, String)> = RULES.iter().map(|r| (r.docs(), full_description(r))).collect();
                let tool = Tool {
                    driver: Driver {
                        name: "procore-manifest",
                        version: env!("CARGO_PKG_VERSION"),
                        information_uri: INFORMATION_URI,
                        rules: RULES
                            .iter()
                            .zip(&texts)
                            .map(|(r, (docs, full))| rule_descriptor(r, docs, full))
                            .collect(),
                    },
                };
                let text = nested_string(&tool, 3)?;
                TOOL.get_or_init(|| text)
            }
        };
        let mut head = format!("{{\n  \"$schema\": \"{SCHEMA}\",\n  \"version\": \"2.1.0\",\n  \"runs\": [\n    {{");
        head.push_str(&format!("\n      \"tool\": {tool},"));
        if let Some(uri) = root.root_uri() {
            let bases = OriginalUriBaseIds {
                srcroot: Uri { uri: &uri },
            };
            head.push_str(&format!(
                "\n      \"originalUriBaseIds\": {},",
                nested_string(&bases, 3)?
            ));
        }
        head.push_str("\n      \"columnKind\": \"unicodeCodePoints\",");
        head.push_str("\n      \"results\": [");
        w.write_all(head.as_bytes())
    }

    fn file(&mut self, w: &mut dyn Write, r: &FileReport, _cx: &EmitContext) -> io::Result<()> {
        let root = self.root.get_or_insert_with(SourceRoot::discover);
        let loc = root.locate(&r.path);
        let location = artifact_location(&loc, None);
        let next = self.artifacts.len();
        let key = format!("{}\u{0}{}", location.uri, location.uri_base_id.unwrap_or(""));
        let index = *self.artifact_index.entry(key).or_insert(next);
        if index == next {
            self.artifacts.push(Artifact {
                location,
                roles: ["analysisTarget"],
                properties: ArtifactProperties {
                    risk: r.risk.map(|k| k.as_str()),
                },
            });
        }
        if r.diagnostics.is_empty() {
            return Ok(());
        }
        let fps = fingerprints(r, &loc.path);
        for (d, fp) in r.diagnostics.iter().zip(&fps) {
            let sep = if self.results == 0 { "\n        " } else { ",\n        " };
            self.results += 1;
            w.write_all(sep.as_bytes())?;
            let mut text = d.message.clone();
            if let Some(help) = &d.help {
                text.push_str("\nhelp: ");
                text.push_str(help);
            }
            write_nested(w, &result(r, d, &loc, index, fp, &text), 4)?;
        }
        Ok(())
    }

    fn end(&mut self, w: &mut dyn Write, summary: &Summary, _cx: &EmitContext) -> io::Result<()> {
        let close = if self.results == 0 { "]" } else { "\n      ]" };
        self.artifact_index.clear();
        write!(w, "{close},\n      \"artifacts\": ")?;
        write_nested(w, &std::mem::take(&mut self.artifacts), 3)?;
        // What could not be checked (the run did not succeed) and the
        // baseline's stale entries: a notification each, on its file.
        if !summary.failed.is_empty() || !summary.stale_baseline.is_empty() {
            let root = self.root.get_or_insert_with(SourceRoot::discover);
            let notification = |level: &str, id: &str, text: String, path: Option<&str>| {
                let mut n = serde_json::json!({
                    "level": level,
                    "message": { "text": crate::text::sanitize_inline(&text) },
                    "descriptor": { "id": id },
                });
                if let Some(p) = path {
                    let location = artifact_location(&root.locate(p), None);
                    n["locations"] = serde_json::json!([{ "physicalLocation": { "artifactLocation": location } }]);
                }
                n
            };
            let mut notifications: Vec<serde_json::Value> = summary
                .failed
                .iter()
                .map(|f| notification("error", "unreadable", f.message(), f.path.as_deref()))
                .collect();
            notifications.extend(
                summary
                    .stale_baseline
                    .iter()
                    .map(|e| notification("note", "stale-baseline", e.describe(), Some(&e.path))),
            );
            let invocations = serde_json::json!([{
                "executionSuccessful": summary.failed.is_empty(),
                "toolExecutionNotifications": notifications,
            }]);
            write!(w, ",\n      \"invocations\": ")?;
            write_nested(w, &invocations, 3)?;
        }
        w.write_all(b"\n    }\n  ]\n}\n")
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn full_description_is_plain_text() {
        for r in RULES {
            let d = full_description(r);
            assert!(!d.is_empty(), "{}", r.code);
            assert!(!d.contains("```") && !d.contains("## "), "{}: {d}", r.code);
        }
    }
}
