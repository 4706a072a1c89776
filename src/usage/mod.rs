//! `usage`: least privilege from real traffic. The grants of a manifest
//! against the calls of Procore's API Call Activity Report, through the
//! route map: unused grants (U001), grants above what the calls need
//! (U002), 403s on tools not granted at the needed level (U003), routes the
//! map does not know (U004). Pure: the report is read by [`activity`] from
//! any reader, the manifest comes parsed.

pub mod activity;
pub mod routes;

use crate::catalog::{Catalog, Confidence, Scope};
use crate::diagnostics::{Diagnostic, Edit, Fix};
use crate::model::Level;
use crate::risk::Risk;
use crate::rules::usage::{U001, U002, U003, U004};
use crate::settings::Settings;
use crate::span::Span;
use crate::syntax::Node;
use activity::Activity;
use routes::RouteMap;
use std::collections::BTreeMap;

/// One tool of the analysis: what is granted, what the calls need.
#[derive(Debug, Clone, serde::Serialize)]
pub struct ToolUse {
    pub scope: &'static str,
    pub key: String,
    /// The level granted (`None`: not granted).
    pub granted: Option<&'static str>,
    /// The highest level the calls need (`None`: no call mapped).
    pub needed: Option<&'static str>,
    pub calls_ok: u64,
    pub calls_403: u64,
    /// The lowest confidence of the route mappings its calls rest on.
    pub confidence: Option<&'static str>,
}

/// A route the map does not know.
#[derive(Debug, Clone, serde::Serialize)]
pub struct Unmapped {
    pub method: String,
    pub route: String,
    pub calls: u64,
}

/// The result of `usage` on one manifest.
#[derive(Debug)]
pub struct UsageReport {
    pub path: String,
    pub text: String,
    pub findings: Vec<Diagnostic>,
    pub tools: Vec<ToolUse>,
    pub unmapped: Vec<Unmapped>,
    pub rows: u64,
    pub days: usize,
    pub calls: u64,
    pub risk_before: Risk,
    /// After the unsafe fixes of U001 and U002.
    pub risk_after: Risk,
}

#[derive(Default)]
struct Tally {
    needed: Option<Level>,
    needed_403: Option<Level>,
    ok: u64,
    forbidden: u64,
    confidence: Option<Confidence>,
}

/// Compare a manifest's grants with a report's calls.
pub fn analyze(path: &str, text: &str, root: &Node, activity: &Activity, settings: &Settings) -> UsageReport {
    let catalog = Catalog::new(settings);
    let map = RouteMap::new(&settings.extra_routes);
    // Calls per (scope, tool), and routes the map does not know.
    let mut used: BTreeMap<(Scope, String), Tally> = BTreeMap::new();
    let mut unmapped: BTreeMap<(String, String), u64> = BTreeMap::new();
    for ((method, route, status), calls) in &activity.totals {
        let Some(r) = map.find(method, route) else {
            *unmapped.entry((method.clone(), route.clone())).or_insert(0) += calls;
            continue;
        };
        let tool = catalog.canonical_key(r.scope, &r.tool).to_string();
        let t = used.entry((r.scope, tool)).or_default();
        let need = r.needed(method);
        t.needed = t.needed.max(Some(need));
        t.confidence = Some(t.confidence.map_or(r.confidence, |c| c.min(r.confidence)));
        match status {
            200..=399 => t.ok += calls,
            403 => {
                t.forbidden += calls;
                t.needed_403 = t.needed_403.max(Some(need));
            }
            _ => {}
        }
    }
    // Grants, one per (scope, tool): the highest level, the first entry. A
    // legacy key (`budget`) already stands for its successor (`budgeting`),
    // the key the route map uses: `risk::grants` resolves it.
    let mut granted: BTreeMap<(Scope, String), (Level, crate::model::view::Entry)> = BTreeMap::new();
    for (entry, g) in crate::risk::grants(root, &catalog) {
        let key = (g.scope, g.tool.to_string());
        match granted.get(&key) {
            Some((l, _)) if *l >= g.level => {}
            _ => {
                granted.insert(key, (g.level, entry));
            }
        }
    }
    let mut findings = Vec::new();
    let mut fixes: Vec<Edit> = Vec::new();
    let unmapped_calls: u64 = unmapped.values().sum();
    for ((scope, tool), (level, entry)) in &granted {
        if *level == Level::None {
            continue;
        }
        let t = used.get(&(*scope, tool.clone()));
        match t.and_then(|t| t.needed) {
            None if map.knows(*scope, tool) => {
                let fix = crate::rules::edits::remove_entry(root, entry);
                let mut d = Diagnostic::new(
                    &U001,
                    entry.key_span(),
                    entry.pointer(),
                    format!(
                        "{} tool `{}` is granted {} but no call of the report used it ({} days of activity)",
                        scope.as_str(),
                        crate::secrets::key(tool),
                        level.title(),
                        activity.days
                    ),
                )
                .with_help(if unmapped_calls > 0 {
                    "remove the grant if the app does not use the tool (the report covers 30 days; some of its routes are unmapped, see U004)".to_string()
                } else {
                    "remove the grant if the app does not use the tool (the report covers 30 days)".to_string()
                });
                if let Some(edit) = fix {
                    fixes.push(edit.clone());
                    d = d.with_fix(Fix::unsafe_("remove the unused grant", vec![edit]));
                }
                findings.push(d);
            }
            Some(needed) if needed < *level => {
                let low = t.and_then(|t| t.confidence) == Some(Confidence::Low);
                let edit = Edit::replace(entry.value().span, crate::text::json_string(needed.as_str()));
                fixes.push(edit.clone());
                let mut d = Diagnostic::new(
                    &U002,
                    entry.value().span,
                    entry.pointer(),
                    format!(
                        "{} `{}` is granted {}, but its calls need only {}{}",
                        scope.as_str(),
                        crate::secrets::key(tool),
                        level.title(),
                        needed.title(),
                        if low { " (by low-confidence route mappings)" } else { "" }
                    ),
                )
                .with_help(format!("lower it to \"{}\"", needed.as_str()))
                .with_fix(Fix::unsafe_(format!("lower to \"{}\"", needed.as_str()), vec![edit]));
                d.severity = crate::diagnostics::Severity::Warning;
                findings.push(d);
            }
            _ => {}
        }
    }
    for ((scope, tool), t) in &used {
        let Some(need) = t.needed_403 else { continue };
        let have = granted.get(&(*scope, tool.clone())).map(|(l, _)| *l);
        if have.is_some_and(|h| h >= need) {
            continue; // granted: the 403 has another cause
        }
        let low = t.confidence == Some(Confidence::Low);
        let (span, pointer) = match granted.get(&(*scope, tool.clone())) {
            Some((_, e)) => (e.value().span, e.pointer()),
            None => scope_place(root, *scope),
        };
        let mut d = Diagnostic::new(
            &U003,
            span,
            pointer,
            format!(
                "{} calls to {} `{}` routes were answered 403 and the manifest grants {}{}",
                t.forbidden,
                scope.as_str(),
                crate::secrets::key(tool),
                have.map_or("nothing".to_string(), |h| h.title().to_string()),
                if low { " (by low-confidence route mappings)" } else { "" }
            ),
        )
        .with_help(format!(
            "grant `\"{}\": \"{}\"` under `permissions.{}` (a 403 can also mean the app is not installed in that company, the tool is disabled in the project, or the resource is outside the service account's projects)",
            tool,
            need.as_str(),
            scope.as_str()
        ));
        if low {
            d.severity = crate::diagnostics::Severity::Warning;
        }
        findings.push(d);
    }
    for ((method, route), calls) in &unmapped {
        findings.push(
            Diagnostic::new(
                &U004,
                Span::new(0, 0),
                "",
                format!(
                    "`{method} {}`: {calls} calls on a route the route map does not know",
                    crate::text::sanitize_inline(route)
                ),
            )
            .with_help("map it in procore-manifest.toml under [usage] routes when you know its tool"),
        );
    }
    let findings = crate::lint::select(findings, settings);
    let has_secret = !crate::secrets::find(root).is_empty();
    let risk_before = crate::risk::rate(root, &catalog, has_secret);
    let risk_after = crate::diagnostics::apply_edits(text, &non_overlapping(fixes))
        .ok()
        .and_then(|t| {
            let arena = crate::syntax::Arena::default();
            crate::syntax::parse(&t, &arena)
                .ok()
                .map(|r| crate::risk::rate(&r, &catalog, has_secret))
        })
        .unwrap_or(risk_before);
    let tools = tool_table(&granted, &used);
    UsageReport {
        path: path.to_string(),
        text: text.to_string(),
        findings,
        tools,
        unmapped: unmapped
            .into_iter()
            .map(|((method, route), calls)| Unmapped { method, route, calls })
            .collect(),
        rows: activity.rows,
        days: activity.days,
        calls: activity.calls,
        risk_before,
        risk_after,
    }
}

/// Edits that do not overlap (a removal and a lowering never touch the
/// same grant, but keep the first of any pair that would).
fn non_overlapping(mut edits: Vec<Edit>) -> Vec<Edit> {
    edits.sort_by_key(|e| (e.span.start, e.span.end));
    let mut out: Vec<Edit> = Vec::new();
    for e in edits {
        if out.last().is_none_or(|p| p.span.end <= e.span.start) {
            out.push(e);
        }
    }
    out
}

/// Where a missing grant of `scope` belongs: the scope object of the first
/// permissions block, or that block, or the root.
fn scope_place(root: &Node, scope: Scope) -> (Span, String) {
    let blocks = crate::model::view::permission_blocks(root);
    if let Some(b) = blocks.first() {
        if let Some(m) = b.node().member(scope.as_str()) {
            return (m.key_span, format!("{}/{}", b.pointer, scope.as_str()));
        }
        return (b.member.key_span, b.pointer.clone());
    }
    (Span::new(0, 0), String::new())
}

fn tool_table(
    granted: &BTreeMap<(Scope, String), (Level, crate::model::view::Entry)>,
    used: &BTreeMap<(Scope, String), Tally>,
) -> Vec<ToolUse> {
    let mut keys: Vec<&(Scope, String)> = granted.keys().chain(used.keys()).collect();
    keys.sort();
    keys.dedup();
    keys.into_iter()
        .map(|k| {
            let t = used.get(k);
            ToolUse {
                scope: k.0.as_str(),
                key: crate::secrets::key(&k.1),
                granted: granted.get(k).map(|(l, _)| l.as_str()),
                needed: t.and_then(|t| t.needed).map(Level::as_str),
                calls_ok: t.map_or(0, |t| t.ok),
                calls_403: t.map_or(0, |t| t.forbidden),
                confidence: t.and_then(|t| t.confidence).map(Confidence::as_str),
            }
        })
        .collect()
}
