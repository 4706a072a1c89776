//! `permissions FILE`: the matrix an installing admin is asked to approve,
//! per scope: tool × None / Read-Only / Standard / Admin, risky cells flagged.

use crate::catalog::{Catalog, Scope};
use crate::diagnostics::Index;
use crate::model::view;
use crate::model::Level;
use crate::syntax::Node;
use crate::{FileReport, Settings};
use serde::Serialize;
use std::fmt::Write as _;

/// One grant as the matrix shows it.
#[derive(Debug, Clone, Serialize)]
pub struct GrantRow {
    pub scope: String,
    pub key: String,
    /// Friendly name from the catalog; `None` for an unknown tool.
    pub name: Option<String>,
    /// Canonical level, normalised from known spellings; `None` when the
    /// value is no level at all.
    pub level: Option<&'static str>,
    /// The value as written (secrets masked).
    pub raw: String,
    pub known: bool,
    /// JSON pointer of the grant.
    pub source: String,
    /// Codes of the findings at this grant.
    pub rules: Vec<&'static str>,
    /// Does the app's service account receive this grant? `false` for a
    /// misplaced block (a 3.x top-level one, one in an authorization_code
    /// instance, a 4.1 leftover oauth block: A007, A005), which the Portal
    /// ignores or rejects; and under a scope that is neither `company` nor
    /// `project` (P005), which the Portal grants nothing of.
    pub received: bool,
    /// In a misplaced block (the table's section, apart from `received`).
    #[serde(skip)]
    pub misplaced: bool,
}

#[derive(Debug, Serialize)]
pub struct Matrix {
    pub version: u32,
    pub path: String,
    pub schema_version: Option<String>,
    pub risk: Option<&'static str>,
    pub grants: Vec<GrantRow>,
}

/// The level as written, never a secret (a member named like a credential
/// under `permissions` holds one whatever its shape).
fn raw_of(key: &str, v: &Node, text: &str) -> String {
    // An object or an array is no level whatever it holds: its shape is
    // shown, never its members (`{"password": "…"}` would print one).
    if v.as_object().is_some() {
        return "{…}".into();
    }
    if v.as_array().is_some() {
        return "[…]".into();
    }
    let raw = v.as_str().unwrap_or_else(|| text.get(v.span.range()).unwrap_or(""));
    crate::secrets::shown(Some(key), raw)
}

/// The data connection findings (A) at a block or around it: the block,
/// its instance, the oauth component.
fn about_block(findings: &Index, block: &str) -> Vec<&'static str> {
    let mut out = Vec::new();
    let mut at = block;
    loop {
        out.extend(findings.at(at).filter(|c| c.starts_with('A')));
        match at.rfind('/') {
            Some(i) if i > 0 => at = &at[..i],
            _ => break,
        }
    }
    out
}

/// Build the matrix from a parsed manifest and its report.
pub fn matrix(root: &Node, report: &FileReport, settings: &Settings) -> Matrix {
    let catalog = Catalog::new(&settings.catalog);
    let findings = Index::new(&report.diagnostics, |_| true);
    let report = (report, &findings);
    let (family, _) = crate::rules::structure::detect_family(root);
    let received: Vec<String> = view::service_account_blocks(root, family)
        .into_iter()
        .map(|b| b.pointer)
        .collect();
    // A004 stands for every misplaced block (one finding, on the first).
    let a004 = report.0.diagnostics.iter().any(|d| d.rule.code == "A004");
    let mut grants = Vec::new();
    for block in view::permission_blocks(root) {
        let block_received = received.contains(&block.pointer);
        for scope in block.scopes() {
            // An unknown scope is shown as such, not dropped.
            let sc = Scope::parse(scope.key);
            for m in scope.value.effective_members() {
                let mut r = row(&catalog, sc, scope.key, m, &block.pointer, report);
                if !block_received {
                    // Why it grants nothing: the block's own findings
                    // (A007 at the block, A005 at the oauth component).
                    r.received = false;
                    r.misplaced = true;
                    let around = about_block(&findings, &block.pointer);
                    if around.is_empty() && a004 {
                        r.rules.push("A004");
                    }
                    r.rules.extend(around);
                    r.rules.sort_unstable();
                    r.rules.dedup();
                }
                grants.push(r);
            }
        }
    }
    let report = report.0;
    Matrix {
        version: 1,
        path: report.path.clone(),
        schema_version: report.schema_version.clone(),
        risk: report.risk.map(|r| r.as_str()),
        grants,
    }
}

fn row(
    catalog: &Catalog,
    scope: Option<Scope>,
    scope_key: &str,
    m: &crate::syntax::Member,
    block_pointer: &str,
    (report, findings): (&FileReport, &Index),
) -> GrantRow {
    let source = crate::secrets::pointer(&format!(
        "{block_pointer}/{}/{}",
        crate::syntax::escape_pointer_segment(scope_key),
        crate::syntax::escape_pointer_segment(m.key)
    ));
    let tool = scope.and_then(|s| catalog.tool(s, m.key));
    // A grant of a scope that is none also shows the findings on its scope
    // (P005): that is why it grants nothing.
    let scope_pointer = scope.is_none().then(|| {
        crate::secrets::pointer(&format!(
            "{block_pointer}/{}",
            crate::syntax::escape_pointer_segment(scope_key)
        ))
    });
    let member = crate::span::Span {
        start: m.key_span.start,
        end: m.value.span.end,
    };
    let mut rules = findings.covering(&source, member, m.value.span);
    if let Some(p) = &scope_pointer {
        rules.extend(findings.at(p));
    }
    rules.sort_unstable();
    rules.dedup();
    GrantRow {
        scope: crate::secrets::key(scope_key),
        key: crate::secrets::key(m.key),
        name: tool.map(|t| t.name.clone()),
        level: m.value.as_str().and_then(Level::normalize).map(Level::as_str),
        raw: raw_of(m.key, &m.value, &report.text),
        known: tool.is_some(),
        source,
        rules,
        // A scope that is none grants nothing wherever its block is.
        received: scope.is_some(),
        misplaced: false,
    }
}

/// The four level columns.
const COLUMNS: [Level; 4] = [Level::None, Level::Readonly, Level::Standard, Level::Admin];

fn cell(g: &GrantRow, l: Level) -> String {
    if g.level != Some(l.as_str()) {
        return String::new();
    }
    let risky: Vec<&str> = g.rules.iter().copied().filter(|c| c.starts_with('R')).collect();
    if risky.is_empty() {
        "●".into()
    } else {
        format!("● {}", risky.join(" "))
    }
}

fn tool_label(g: &GrantRow) -> String {
    match &g.name {
        Some(n) => n.clone(),
        None => "(unknown tool)".into(),
    }
}

fn level_note(g: &GrantRow) -> String {
    match g.level {
        Some(l) if l == g.raw => String::new(),
        Some(_) => format!("written \"{}\"", crate::text::echo(&g.raw)),
        None => format!("invalid level: {}", crate::text::echo(&g.raw)),
    }
}

/// The findings column: rule codes, then how the level was written.
fn findings(g: &GrantRow, sep: &str) -> String {
    let codes = g.rules.join(sep);
    match (codes.is_empty(), level_note(g)) {
        (_, note) if note.is_empty() => codes,
        (true, note) => note,
        (false, note) => format!("{codes} ({note})"),
    }
}

/// The sections, (scope, received) with their rows, in the order of their
/// first rows: one pass (a manifest may hold thousands of scopes).
fn sections(m: &Matrix) -> Vec<((&str, bool), Vec<&GrantRow>)> {
    let mut at: std::collections::HashMap<(&str, bool), usize> = std::collections::HashMap::new();
    let mut out: Vec<((&str, bool), Vec<&GrantRow>)> = Vec::new();
    for g in &m.grants {
        let key = (g.scope.as_str(), !g.misplaced);
        let i = *at.entry(key).or_insert_with(|| {
            out.push((key, Vec::new()));
            out.len() - 1
        });
        out[i].1.push(g);
    }
    out
}

/// A report: its title, then one section per scope (and per scope of
/// misplaced blocks) with its rows, or a line saying nothing is requested.
/// `section` gets the section's title, its code spans made by `code`.
fn render(
    m: &Matrix,
    title: String,
    code: impl Fn(&str) -> String,
    section: impl Fn(&mut String, &str, &[&GrantRow]),
) -> String {
    let mut out = title;
    if m.grants.is_empty() {
        out.push_str("\nNo tool permissions requested.\n");
        return out;
    }
    for ((scope, received), rows) in sections(m) {
        let mut title = section_title(scope, &code);
        if !received {
            title.push_str(" in a misplaced permissions block (the service account receives none of these)");
        }
        section(&mut out, &title, &rows);
    }
    out
}

/// Plain-text table.
pub fn table(m: &Matrix) -> String {
    let title = format!(
        "{} (schema {}) · risk: {}\n",
        crate::text::line_start_path(&m.path),
        m.schema_version.as_deref().unwrap_or("unknown"),
        m.risk.unwrap_or("unknown")
    );
    let code = |s: &str| format!("`{}`", crate::text::echo(s));
    render(m, title, code, |out, title, rows| {
        let _ = writeln!(out, "\n{}", crate::text::sanitize_inline(title));
        let headers = ["Tool", "Key", "None", "Read-Only", "Standard", "Admin", "Findings"];
        let body: Vec<[String; 7]> = rows
            .iter()
            .map(|g| {
                [
                    tool_label(g),
                    // Cut at 200 characters, as every text from outside.
                    crate::text::echo(&g.key),
                    cell(g, COLUMNS[0]),
                    cell(g, COLUMNS[1]),
                    cell(g, COLUMNS[2]),
                    cell(g, COLUMNS[3]),
                    findings(g, " "),
                ]
            })
            .collect();
        super::text_table(out, &headers, &body, "  ");
    })
}

/// A section's title: "Company tools", "Project tools", or, for a scope
/// that is neither (`Project`, `companies`: P005), that scope as written,
/// never a second "Project tools".
fn section_title(scope: &str, code: &impl Fn(&str) -> String) -> String {
    match scope {
        "company" => "Company tools".into(),
        "project" => "Project tools".into(),
        other => format!(
            "Scope {} (not `company` or `project`: the Portal grants none of these)",
            code(other)
        ),
    }
}

/// Markdown for a pull request or security review.
pub fn markdown(m: &Matrix) -> String {
    let title = format!(
        "### Permissions requested by {}\n\nSchema {} · overall risk: **{}**\n",
        super::md::heading_code(&m.path),
        m.schema_version
            .as_deref()
            .map_or_else(|| "unknown".into(), super::md::code),
        m.risk.unwrap_or("unknown")
    );
    render(m, title, super::md::heading_code, |out, section, rows| {
        let _ = writeln!(out, "\n#### {section}\n");
        let _ = writeln!(out, "| Tool | Key | None | Read-Only | Standard | Admin | Findings |");
        let _ = writeln!(out, "|---|---|:-:|:-:|:-:|:-:|---|");
        for g in rows {
            let _ = writeln!(
                out,
                "| {} | {} | {} | {} | {} | {} | {} |",
                super::md::text(&tool_label(g)),
                super::md::code(&crate::text::echo(&g.key)),
                cell(g, COLUMNS[0]),
                cell(g, COLUMNS[1]),
                cell(g, COLUMNS[2]),
                cell(g, COLUMNS[3]),
                super::md::text(&findings(g, ", "))
            );
        }
    })
}

fn csv_field(s: &str) -> String {
    // Neutralise spreadsheet formulas and quote as RFC 4180 requires.
    let s = if s.starts_with(['=', '+', '-', '@']) {
        format!("'{s}")
    } else {
        s.to_string()
    };
    if s.contains([',', '"', '\n', '\r']) {
        format!("\"{}\"", s.replace('"', "\"\""))
    } else {
        s
    }
}

/// CSV: scope,key,name,level,raw,known,rules.
pub fn csv(m: &Matrix) -> String {
    let mut out = String::from("scope,key,name,level,raw,known,rules\n");
    for g in &m.grants {
        let _ = writeln!(
            out,
            "{},{},{},{},{},{},{}",
            csv_field(&g.scope),
            csv_field(&g.key),
            csv_field(g.name.as_deref().unwrap_or("")),
            g.level.unwrap_or(""),
            csv_field(&g.raw),
            g.known,
            csv_field(&g.rules.join(" "))
        );
    }
    out
}

pub fn json(m: &Matrix) -> String {
    super::pretty::document(m)
}
