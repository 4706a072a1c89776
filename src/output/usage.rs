//! The `usage` report: human (findings, then a table per scope), JSON and
//! Markdown.

use super::md;
use crate::risk::Risk;
use crate::usage::{Facts, ToolUse, Unmapped};
use crate::{Diagnostic, FileReport};
use std::fmt::Write as _;

/// What the usage renderers show: a manifest's report from a run with an
/// activity report (its active U findings and the usage facts), and the
/// risk once the suggestions are applied.
pub struct UsageReport<'a> {
    pub path: &'a str,
    pub text: &'a str,
    pub findings: Vec<&'a Diagnostic>,
    /// Every finding, suppressed ones too (an `[[allow]]` for U001 on a
    /// grant kept on purpose): the JSON report lists them marked, as
    /// `check`'s does; the others count them.
    pub all: Vec<&'a Diagnostic>,
    pub tools: &'a [ToolUse],
    pub unmapped: &'a [Unmapped],
    pub rows: u64,
    pub days: usize,
    pub calls: u64,
    pub risk_before: Risk,
    pub risk_after: Risk,
}

impl<'a> UsageReport<'a> {
    pub fn new(report: &'a FileReport, facts: &'a Facts, risk_after: Risk) -> UsageReport<'a> {
        UsageReport {
            path: &report.path,
            text: &report.text,
            findings: report.diagnostics.iter().filter(|d| d.is_active()).collect(),
            all: report.diagnostics.iter().collect(),
            tools: &facts.tools,
            unmapped: &facts.unmapped,
            rows: facts.rows,
            days: facts.days,
            calls: facts.calls,
            risk_before: report.risk.unwrap_or(Risk::None),
            risk_after,
        }
    }
}

use crate::source::LineIndex;

/// A finding's line and column (`lines`: the manifest's index, built once
/// per report).
fn position(lines: &LineIndex, r: &UsageReport, d: &Diagnostic) -> (u32, u32) {
    let p = lines.position(r.text, d.span.start as usize);
    (p.line, p.column)
}

fn calls(ok: u64, forbidden: u64) -> String {
    format!("{ok} / {forbidden}")
}

/// How many unmapped routes the human and Markdown reports list.
const UNMAPPED_SHOWN: usize = 20;

/// The unmapped routes with the most calls (ties in route order).
fn top_unmapped<'r>(r: &UsageReport<'r>) -> Vec<&'r Unmapped> {
    let mut all: Vec<&Unmapped> = r.unmapped.iter().collect();
    all.sort_by(|a, b| {
        b.calls
            .cmp(&a.calls)
            .then_with(|| (&a.method, &a.route).cmp(&(&b.method, &b.route)))
    });
    all.truncate(UNMAPPED_SHOWN);
    all
}

fn summary_line(r: &UsageReport) -> String {
    let suppressed = r.all.len() - r.findings.len();
    format!(
        "{}, {}, {} · risk {} → {} after the suggestions{}",
        super::plural(r.rows as usize, "row"),
        super::plural(r.days, "day"),
        super::plural(r.calls as usize, "call"),
        r.risk_before.as_str(),
        r.risk_after.as_str(),
        match suppressed {
            0 => String::new(),
            1 => " · 1 finding suppressed".to_string(),
            n => format!(" · {n} findings suppressed"),
        }
    )
}

/// Plain text: one line per finding, a table per scope, the unmapped routes.
pub fn human(r: &UsageReport) -> String {
    let mut out = String::new();
    let path = crate::text::line_start_path(r.path);
    let lines = LineIndex::new(r.text);
    for d in &r.findings {
        let (line, col) = position(&lines, r, d);
        let _ = writeln!(
            out,
            "{path}:{line}:{col}: {}[{}] {}",
            d.severity.as_str(),
            d.rule.code,
            crate::text::sanitize_inline(&d.message)
        );
        if let Some(h) = &d.help {
            let _ = writeln!(out, "  help: {}", crate::text::sanitize_inline(h));
        }
    }
    for scope in ["company", "project"] {
        let rows: Vec<_> = r.tools.iter().filter(|t| t.scope == scope).collect();
        if rows.is_empty() {
            continue;
        }
        let _ = writeln!(out, "\n{scope} tools");
        let table: Vec<[String; 6]> = rows
            .iter()
            .map(|t| {
                [
                    crate::text::echo(&t.key),
                    t.granted.unwrap_or("-").to_string(),
                    t.needed.unwrap_or("-").to_string(),
                    calls(t.calls_ok, t.calls_403),
                    t.confidence.unwrap_or("-").to_string(),
                    t.verdict.to_string(),
                ]
            })
            .collect();
        let head = ["tool", "granted", "needed", "calls 2xx / 403", "mapping", "verdict"];
        super::text_table(&mut out, &head, &table, " ");
    }
    if !r.unmapped.is_empty() {
        let _ = writeln!(out, "\nunmapped routes (counted toward no tool's level)");
        for u in top_unmapped(r) {
            let _ = writeln!(
                out,
                "  {:>8}  {} {}",
                u.calls,
                crate::text::echo(&u.method),
                crate::text::echo(&u.route)
            );
        }
        if r.unmapped.len() > UNMAPPED_SHOWN {
            let _ = writeln!(
                out,
                "  … and {} more (`--format json` lists them all)",
                r.unmapped.len() - UNMAPPED_SHOWN
            );
        }
    }
    let _ = writeln!(out, "\n{}: {}", path, summary_line(r));
    out
}

/// The JSON report ("usage"): findings in the shape of `check`'s.
pub fn json(r: &UsageReport) -> String {
    let mut out = Vec::new();
    // Writing to memory fails only on a serializer error, which these
    // types never give; the text is JSON, so UTF-8.
    let _ = write_json(r, &mut out);
    String::from_utf8(out).unwrap_or_default()
}

/// [`json`] written as it is made.
pub fn write_json(r: &UsageReport, w: &mut dyn std::io::Write) -> std::io::Result<()> {
    let lines = LineIndex::new(r.text);
    let findings: Vec<_> = r
        .all
        .iter()
        .map(|d| super::json::diag_value(&lines, r.text, d))
        .collect();
    // Serialized from the report's own rows, never through a JSON value:
    // a report of a million unmapped routes would hold them twice more.
    #[derive(serde::Serialize)]
    struct Activity {
        rows: u64,
        days: usize,
        calls: u64,
    }
    #[derive(serde::Serialize)]
    struct Risks {
        before: &'static str,
        after: &'static str,
    }
    #[derive(serde::Serialize)]
    struct Report<'r> {
        version: u32,
        path: &'r str,
        activity: Activity,
        risk: Risks,
        findings: Vec<serde_json::Value>,
        tools: &'r [ToolUse],
        unmapped: &'r [Unmapped],
    }
    super::pretty::write_nested(
        w,
        &Report {
            version: 1,
            path: r.path,
            activity: Activity {
                rows: r.rows,
                days: r.days,
                calls: r.calls,
            },
            risk: Risks {
                before: r.risk_before.as_str(),
                after: r.risk_after.as_str(),
            },
            findings,
            tools: r.tools,
            unmapped: r.unmapped,
        },
        0,
    )?;
    w.write_all(b"\n")
}

/// Markdown for a review: the findings, a table per scope.
pub fn markdown(r: &UsageReport) -> String {
    let mut out = format!(
        "### Least privilege for {}\n\n{}\n",
        md::heading_code(r.path),
        md::text(&summary_line(r))
    );
    if !r.findings.is_empty() {
        out.push_str("\n| Line | Severity | Code | Finding |\n|---:|---|---|---|\n");
        let lines = LineIndex::new(r.text);
        for d in &r.findings {
            let (line, _) = position(&lines, r, d);
            let help = d
                .help
                .as_deref()
                .map(|h| format!(" ({})", md::text(h)))
                .unwrap_or_default();
            let _ = writeln!(
                out,
                "| {line} | {} | {} | {}{help} |",
                d.severity.as_str(),
                d.rule.code,
                md::text(&d.message)
            );
        }
    }
    for scope in ["company", "project"] {
        let rows: Vec<_> = r.tools.iter().filter(|t| t.scope == scope).collect();
        if rows.is_empty() {
            continue;
        }
        let _ = writeln!(out, "\n#### {scope} tools\n\n| Tool | Granted | Needed | Calls 2xx / 403 | Mapping | Verdict |\n|---|---|---|---:|---|---|");
        for t in rows {
            let _ = writeln!(
                out,
                "| {} | {} | {} | {} | {} | {} |",
                md::code(&t.key),
                t.granted.unwrap_or("-"),
                t.needed.unwrap_or("-"),
                calls(t.calls_ok, t.calls_403),
                t.confidence.unwrap_or("-"),
                t.verdict
            );
        }
    }
    if !r.unmapped.is_empty() {
        out.push_str(
            "\n#### Unmapped routes (counted toward no tool's level)\n\n| Calls | Method | Route |\n|---:|---|---|\n",
        );
        for u in top_unmapped(r) {
            let _ = writeln!(
                out,
                "| {} | {} | {} |",
                u.calls,
                md::code(&crate::text::echo(&u.method)),
                md::code(&crate::text::echo(&u.route))
            );
        }
        if r.unmapped.len() > UNMAPPED_SHOWN {
            let _ = writeln!(
                out,
                "\n{} more unmapped routes (`--format json` lists them all).",
                r.unmapped.len() - UNMAPPED_SHOWN
            );
        }
    }
    out
}
