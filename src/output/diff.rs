//! Renderers of `diff`: human (coloured), markdown (a pull-request comment)
//! and json (the documented shape).

use crate::diff::{Change, DiffReport};
use crate::output::sanitize_inline;
use std::fmt::Write as _;

fn sign(kind: &str) -> &'static str {
    match kind {
        "tool-added" | "url-added" | "view-added" => "+",
        "tool-removed" | "url-removed" | "view-removed" => "-",
        "level-raised" => "↑",
        "level-lowered" => "↓",
        "permissions-moved" => "→",
        _ => "~",
    }
}

fn section(kind: &str) -> &'static str {
    match kind {
        "tool-added" | "tool-removed" | "level-raised" | "level-lowered" | "permissions-moved" => "Permissions",
        "grant-type-changed" => "Data connection",
        "url-added" | "url-changed" | "url-removed" => "URLs",
        "view-added" | "view-removed" => "Side panel views",
        _ => "Manifest",
    }
}

const SECTIONS: [&str; 5] = ["Manifest", "Permissions", "Data connection", "URLs", "Side panel views"];

/// The changes grouped by section, in section order, empty sections left out.
fn by_section(r: &DiffReport) -> Vec<(&'static str, Vec<&Change>)> {
    SECTIONS
        .iter()
        .map(|sec| {
            (
                *sec,
                r.changes.iter().filter(|c| section(c.kind) == *sec).collect::<Vec<_>>(),
            )
        })
        .filter(|(_, items)| !items.is_empty())
        .collect()
}

fn describe(c: &Change) -> String {
    // Sanitized and cut at 200 characters, as every echoed value.
    let echo = crate::text::echo;
    let what = match (&c.scope, &c.key) {
        (Some(s), Some(k)) => format!("{s} {}", echo(k)),
        (None, Some(k)) => echo(k),
        _ => echo(&c.pointer),
    };
    let from = c.from.as_deref().map(echo);
    let to = c.to.as_deref().map(echo);
    match (c.kind, from, to) {
        ("permissions-moved", Some(f), Some(t)) => format!("{what}: moved from {f} to {t}"),
        ("schema-version-changed", f, t) => format!(
            "schema_version: {} → {}",
            f.as_deref().unwrap_or("(none)"),
            t.as_deref().unwrap_or("(none)")
        ),
        // An oauth instance added or removed: its grant type from or to none.
        ("grant-type-changed", f, t) => format!(
            "{what}: {} → {}",
            f.as_deref().unwrap_or("(no instance)"),
            t.as_deref().unwrap_or("(no instance)")
        ),
        (_, Some(f), Some(t)) => format!("{what}: {f} → {t}"),
        (_, None, Some(t)) => format!("{what}: {t}"),
        (_, Some(f), None) => format!("{what} (was {f})"),
        _ => what,
    }
}

fn risk_line(r: &DiffReport) -> String {
    format!(
        "{} → {}",
        r.risk.before.unwrap_or("unknown"),
        r.risk.after.unwrap_or("unknown")
    )
}

/// Terminal text; ANSI colour when `color`.
pub fn human(r: &DiffReport, color: bool) -> String {
    let paint = |code: &str, s: &str| {
        if color {
            format!("\u{1b}[{code}m{s}\u{1b}[0m")
        } else {
            s.to_string()
        }
    };
    let mut out = String::new();
    let _ = writeln!(
        out,
        "{} → {}",
        crate::text::line_start_path(&r.old),
        sanitize_inline(&r.new)
    );
    if let Some(status) = r.status {
        let _ = writeln!(out, "file {status}");
    }
    let esc = if r.escalation {
        paint("1;31", "  (raises or adds access)")
    } else {
        String::new()
    };
    let _ = writeln!(out, "risk: {}{esc}", risk_line(r));
    if r.changes.is_empty() {
        let _ = writeln!(out, "\nNo changes in access, URLs or views.");
        return out;
    }
    for (sec, items) in by_section(r) {
        let _ = writeln!(out, "\n{}", paint("1", sec));
        for c in items {
            let mut line = format!("  {} {}", sign(c.kind), describe(c));
            if !c.rules.is_empty() {
                line.push_str(&format!("  [{}]", c.rules.join(" ")));
            }
            let code = match (c.escalation, c.kind) {
                (true, _) => "31",
                (false, "level-lowered" | "tool-removed") => "32",
                _ => "33",
            };
            let _ = writeln!(out, "{}", paint(code, &line));
        }
    }
    out
}

/// A value in a table cell: a code span, or nothing.
fn opt_code(s: Option<&str>) -> String {
    s.filter(|s| !s.is_empty()).map(super::md::code).unwrap_or_default()
}

/// A pull-request comment: a summary line, then one table per section.
pub fn markdown(r: &DiffReport) -> String {
    let mut out = String::new();
    let raised = r.changes.iter().filter(|c| c.escalation).count();
    let headline = if r.escalation {
        format!(
            "**Access escalation**: {raised} change(s) add or raise access; risk {}.",
            risk_line(r)
        )
    } else {
        format!("No access escalation; risk {}.", risk_line(r))
    };
    let _ = writeln!(
        out,
        "### Manifest changes: {} → {}{}\n\n{headline}",
        super::md::heading_code(&r.old),
        super::md::heading_code(&r.new),
        r.status.map(|s| format!(" (file {s})")).unwrap_or_default()
    );
    if r.changes.is_empty() {
        let _ = writeln!(out, "\nNo changes in access, URLs or views.");
        return out;
    }
    for (sec, items) in by_section(r) {
        let _ = writeln!(
            out,
            "\n#### {sec}\n\n| | Change | Scope | Item | From | To | Risk rules |\n|---|---|---|---|---|---|---|"
        );
        for c in items {
            let _ = writeln!(
                out,
                "| {} | {} | {} | {} | {} | {} | {} |",
                if c.escalation { "⚠️" } else { "" },
                c.kind,
                super::md::text(c.scope.as_deref().unwrap_or("")),
                super::md::code(c.key.as_deref().unwrap_or(&c.pointer)),
                opt_code(c.from.as_deref()),
                opt_code(c.to.as_deref()),
                c.rules.join(", ")
            );
        }
    }
    out
}

pub fn json(r: &DiffReport) -> String {
    super::pretty::document(r)
}

/// The JSON of `diff --base REV PATH...`, however many manifests it
/// compared: `{ "version": 1, "escalation", "diffs": [ one `diff OLD NEW`
/// object per manifest ] }`.
pub fn json_many(reports: &[DiffReport]) -> String {
    #[derive(serde::Serialize)]
    struct Many<'r> {
        version: u32,
        escalation: bool,
        diffs: &'r [DiffReport],
    }
    let many = Many {
        version: 1,
        escalation: reports.iter().any(|r| r.escalation),
        diffs: reports,
    };
    super::pretty::document(&many)
}
