//! U002 `over-grant`.

use super::analysis::Analysis;
use crate::catalog::Confidence;
use crate::declare_rule;
use crate::diagnostics::{Diagnostic, Edit, Fix, Severity};
use crate::rules::Checker;

declare_rule! {
    /// ## What it checks
    /// A tool granted above the highest level its calls need: GET and HEAD
    /// need Read-Only; POST, PUT, PATCH and DELETE need Standard; Admin
    /// where Procore documents it (recycle bins, Admin-only deletes,
    /// Directory user management, commitment writes...: the route map's
    /// `level_sources`); always a level the tool offers (the company Admin
    /// tool: Admin). A warning only when the level is sure (a read, or a
    /// write whose level Procore documents) and the route mapping is not of
    /// low confidence; otherwise an info saying why it cannot be sure.
    ///
    /// ## Why
    /// Least privilege: Standard or Admin on a tool the app only reads lets
    /// leaked credentials change or delete its data.
    ///
    /// ## Example
    /// ```json
    /// { "project": { "rfi": "admin" } }
    /// ```
    /// (the report has GET calls to RFI routes only)
    /// ## Fixed
    /// ```json
    /// { "project": { "rfi": "readonly" } }
    /// ```
    /// ## Fix safety
    /// Unsafe: lowering a level changes what the app can do.
    ///
    /// ## Evidence
    /// - The API Call Activity Report (the Developer Portal's Metrics tab): a
    ///   CSV of the app's production calls of the last 30 days (Date,
    ///   Response Code, HTTP Method, Normalized Route, Count), Procore
    ///   developer documentation, api_essentials/app_performance_metrics.md:
    ///   https://github.com/procore/documentation/blob/06dad9d/api_essentials/app_performance_metrics.md
    pub static U002 = ("U002", "over-grant", Warning, Unsafe,
        "a tool is granted above the highest level its calls need (unsafe fix: lower it)");
}

/// Every grant above the highest level its calls need.
pub fn check(cx: &mut Checker, a: &Analysis) {
    for ((scope, tool), (level, entry)) in &a.granted {
        let t = a.used(*scope, tool);
        let Some(needed) = t.and_then(|t| t.needed) else {
            continue;
        };
        // Calls under a method the map does not list for the tool's paths
        // need a level nobody knows: "lower it" could break them.
        if needed >= *level || t.is_some_and(|t| t.other_methods > 0) {
            continue;
        }
        let low = t.and_then(|t| t.confidence) == Some(Confidence::Low);
        // "Lower it" is only as sure as the level the calls need: a write
        // whose level Procore does not document may need more (many
        // matrices make writes Admin-only).
        let level_sure = t.and_then(|t| t.needed_confidence) == Some(Confidence::High);
        let why = match (low, level_sure) {
            (true, _) => " (by low-confidence route mappings)",
            (false, false) => {
                " (not sure: for some of these calls Procore does not document the level a write needs, and its \
                 permission matrices make many writes Admin-only; check the tool's matrix before lowering)"
            }
            (false, true) => "",
        };
        let edit = Edit::replace(entry.value().span, crate::text::json_string(needed.as_str()));
        let mut d = Diagnostic::new(
            &U002,
            entry.value().span,
            entry.pointer(),
            format!(
                "{} {} is granted {}, but its calls need only {}{why}",
                scope.as_str(),
                crate::text::code_span(&crate::secrets::key(tool)),
                level.title(),
                needed.title(),
            ),
        )
        .with_help(format!("lower it to \"{}\"", needed.as_str()))
        .with_fix(Fix::unsafe_(format!("lower to \"{}\"", needed.as_str()), vec![edit]));
        d.severity = if level_sure && !low {
            Severity::Warning
        } else {
            Severity::Info
        };
        // Resting on a low-confidence mapping or on a level Procore does
        // not document: at most a warning, whatever a severity asks.
        if low || !level_sure {
            d = d.at_most(Severity::Warning);
        }
        cx.report(d);
    }
}
