//! P004 `level-not-offered`.

use crate::catalog::{Confidence, Scope, Tool};
use crate::declare_rule;
use crate::diagnostics::Diagnostic;
use crate::model::view::Entry;
use crate::model::Level;

declare_rule! {
    /// ## What it checks
    /// A level the Permission Builder does not offer for that tool and scope,
    /// e.g. Read-Only on the company Admin tool (it offers only None or
    /// Admin). An error for tools whose catalog confidence is high or
    /// medium, a warning for low-confidence ones (e.g. company `concierge`,
    /// which has no Read-Only cell in recent builders).
    ///
    /// ## Why
    /// The builder cannot produce the grant, so the Portal will not accept
    /// it, or will grant something else.
    ///
    /// ## Example
    /// ```json
    /// { "company": { "admin": "readonly" } }
    /// ```
    /// ## Fixed
    /// ```json
    /// { "company": {} }
    /// ```
    ///
    /// ## Evidence
    /// - Building Data Connection Apps (4.1): the Permission Builder (Procore developer documentation as of February 2026):
    ///   https://github.com/procore/documentation/blob/c755a366a7bf69bda46cd57ef66677275eddcc21/building_applications/building_data_connection_apps_v41.md
    pub static P004 = ("P004", "level-not-offered", Error, None,
        "the Permission Builder does not offer that level for that tool and scope");
}

/// A level the tool does not offer (a warning when the catalog is unsure
/// of the tool).
pub fn check(scope: Scope, tool: &Tool, level: Level, entry: &Entry, out: &mut Vec<Diagnostic>) {
    if level == Level::None || tool.offers(level) {
        return;
    }
    let offered: Vec<&str> = tool.levels.iter().map(|l| l.title()).collect();
    let mut d = Diagnostic::new(
        &P004,
        entry.value().span,
        entry.pointer(),
        format!(
            "the Permission Builder does not offer {} for the {} {} tool (it offers {})",
            level.title(),
            scope.as_str(),
            tool.name,
            offered.join(", ")
        ),
    );
    if tool.confidence == Confidence::Low {
        // A warning by default; `--severity P004=error` still decides.
        d.severity = crate::diagnostics::Severity::Warning;
        d = d.with_help("the catalog is not sure of this tool (low confidence): check the builder");
    } else {
        d = d.with_help("pick one of the levels it offers; ask for the lowest that works");
    }
    out.push(d);
}
