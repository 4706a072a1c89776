//! `--format rdjson`: reviewdog's Diagnostic JSON (the `DiagnosticResult`
//! of reviewdog's `proto/rdf`), one diagnostic per active finding with its
//! message (and an expired acceptance's note), location, severity and code (value and documentation URL). Columns count
//! UTF-8 bytes from 1, as reviewdog's format defines. A finding with a safe
//! fix carries `suggestions` holding the fix's edits, which reviewdog posts
//! as suggested changes.

use super::pretty::write_nested;
use super::{EmitContext, Emitter, Summary};
use crate::diagnostics::{Applicability, Severity};
use crate::FileReport;
use serde::Serialize;
use std::io::{self, Write};

/// The reviewdog report, written as it goes: each file's diagnostics when
/// the file comes (a file with millions of findings is not held twice).
#[derive(Default)]
pub struct Rdjson {
    diagnostics: usize,
}

/// Where reviewdog's lines begin: a line ends at `\n` only (as in git's
/// diffs). The file's line index says the same unless a `\r` stands alone
/// (it ends a line there, as editors count), and then the `\n`s are
/// indexed for this report.
enum Lines<'r> {
    Index(&'r FileReport),
    Newlines(Vec<u32>),
}

impl<'r> Lines<'r> {
    fn of(r: &'r FileReport) -> Self {
        let bytes = r.text.as_bytes();
        let lone_cr = memchr::memchr_iter(b'\r', bytes).any(|i| bytes.get(i + 1) != Some(&b'\n'));
        if !lone_cr {
            return Lines::Index(r);
        }
        // Offsets are u32 (a file is under 4 GiB).
        Lines::Newlines(memchr::memchr_iter(b'\n', bytes).map(|i| i as u32).collect())
    }

    /// The 1-based line of byte `offset` and the offset its line begins at.
    fn line(&self, offset: usize) -> (usize, usize) {
        match self {
            Lines::Index(r) => {
                let line = r.lines().line_of(offset);
                (line + 1, r.lines().line_start(line).unwrap_or(0))
            }
            Lines::Newlines(newlines) => {
                let before = newlines.partition_point(|&n| (n as usize) < offset);
                let start = before.checked_sub(1).map_or(0, |i| newlines[i] as usize + 1);
                (before + 1, start)
            }
        }
    }
}

/// A byte offset as reviewdog's position: line from 1, column in UTF-8
/// bytes from 1 (no scan of the text before it).
/// reviewdog's `Position`.
#[derive(Serialize, Debug, PartialEq)]
struct Position {
    line: usize,
    column: usize,
}

#[derive(Serialize)]
struct Range {
    start: Position,
    end: Position,
}

#[derive(Serialize)]
struct Source {
    name: &'static str,
    #[serde(skip_serializing_if = "Option::is_none")]
    url: Option<&'static str>,
}

#[derive(Serialize)]
struct Location<'a> {
    path: &'a str,
    range: Range,
}

#[derive(Serialize)]
struct Code {
    value: &'static str,
    url: String,
}

#[derive(Serialize)]
struct Suggestion<'a> {
    range: Range,
    text: &'a str,
}

/// reviewdog's `Diagnostic`.
#[derive(Serialize)]
struct Diagnostic<'a> {
    message: String,
    location: Location<'a>,
    severity: &'static str,
    source: Source,
    code: Code,
    #[serde(skip_serializing_if = "Vec::is_empty")]
    suggestions: Vec<Suggestion<'a>>,
}

fn position(r: &FileReport, lines: &Lines, offset: u32) -> Position {
    let offset = (offset as usize).min(r.text.len());
    let (line, line_start) = lines.line(offset);
    // The byte order mark is no column (docs/json-report.md, positions).
    let line_start = match line_start {
        0 if r.text.starts_with('\u{feff}') => 3.min(offset),
        start => start,
    };
    Position {
        line,
        column: offset - line_start + 1,
    }
}

fn range(r: &FileReport, lines: &Lines, span: crate::span::Span) -> Range {
    Range {
        start: position(r, lines, span.start),
        end: position(r, lines, span.end),
    }
}

impl Emitter for Rdjson {
    fn begin(&mut self, w: &mut dyn Write, _cx: &EmitContext) -> io::Result<()> {
        self.diagnostics = 0;
        let source = Source {
            name: "procore-manifest",
            url: Some(env!("CARGO_PKG_REPOSITORY")),
        };
        write!(w, "{{\n  \"source\": ")?;
        write_nested(w, &source, 1)?;
        write!(w, ",\n  \"diagnostics\": [")
    }

    fn file(&mut self, w: &mut dyn Write, r: &FileReport, _cx: &EmitContext) -> io::Result<()> {
        let lines = Lines::of(r);
        for d in r.diagnostics.iter().filter(|d| d.is_active()) {
            let suggestions = d
                .fix
                .iter()
                .filter(|f| f.applicability == Applicability::Safe)
                .flat_map(|f| &f.edits)
                .map(|e| Suggestion {
                    range: range(r, &lines, e.span),
                    text: &e.content,
                })
                .collect();
            let diag = Diagnostic {
                message: crate::text::sanitize_inline(&d.message_with_expiry()),
                location: Location {
                    path: &r.path,
                    range: range(r, &lines, d.span),
                },
                severity: match d.severity {
                    Severity::Error => "ERROR",
                    Severity::Warning => "WARNING",
                    Severity::Info => "INFO",
                },
                source: Source {
                    name: "procore-manifest",
                    url: None,
                },
                code: Code {
                    value: d.rule.code,
                    url: d.rule.docs_url(),
                },
                suggestions,
            };
            w.write_all(if self.diagnostics == 0 { b"\n    " } else { b",\n    " })?;
            self.diagnostics += 1;
            write_nested(w, &diag, 2)?;
        }
        Ok(())
    }

    fn end(&mut self, w: &mut dyn Write, summary: &Summary, _cx: &EmitContext) -> io::Result<()> {
        // What could not be checked: an error on the file, without a range.
        for f in &summary.failed {
            let mut diag = serde_json::json!({
                "message": format!("could not be checked: {}", crate::text::sanitize_inline(&f.message())),
                "severity": "ERROR",
                "source": { "name": "procore-manifest" },
                "code": { "value": "unreadable" },
            });
            if let Some(p) = &f.path {
                diag["location"] = serde_json::json!({ "path": p });
            }
            w.write_all(if self.diagnostics == 0 { b"\n    " } else { b",\n    " })?;
            self.diagnostics += 1;
            write_nested(w, &diag, 2)?;
        }
        let close = if self.diagnostics == 0 { "]" } else { "\n  ]" };
        writeln!(w, "{close}\n}}")
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    /// Positions are reviewdog's: line from 1 (lines end at `\n` only),
    /// column in UTF-8 bytes from 1 counted from the line's first byte (a
    /// byte order mark is no column), at every character of texts with
    /// CRLF, a lone CR, multi-byte characters and empty lines.
    #[test]
    fn positions_count_bytes_from_the_line_start() {
        for text in [
            "\u{feff}{\"a\":\r\n \"é€😀\",\n\n\"b\"}\n",
            "{\"a\":1,\r\"a\":2,\r\n\"é\":\r3}",
        ] {
            let r = FileReport::other_file("m.json".into(), text.into(), Vec::new());
            let lines = Lines::of(&r);
            for (offset, _) in text.char_indices().chain([(text.len(), ' ')]) {
                let bom = if text.starts_with('\u{feff}') { 3 } else { 0 };
                let line_start = text[..offset].rfind('\n').map_or(bom.min(offset), |i| i + 1);
                let line = text[..offset].matches('\n').count() + 1;
                let expected = Position {
                    line,
                    column: offset - line_start + 1,
                };
                assert_eq!(position(&r, &lines, offset as u32), expected, "{text:?} at {offset}");
            }
        }
    }
}
