//! P003 `tool-in-wrong-scope`.

use crate::catalog::{Scope, Tool};
use crate::declare_rule;
use crate::diagnostics::Diagnostic;
use crate::model::view::Entry;

declare_rule! {
    /// ## What it checks
    /// A key that is no tool of this scope but a high- or medium-confidence
    /// tool of the other scope, e.g. `budgeting` (a project tool) under
    /// `company`.
    ///
    /// ## Why
    /// Company and project tools are separate tabs of the Permission
    /// Builder; under the wrong scope the grant does not exist.
    ///
    /// ## Example
    /// ```json
    /// { "company": { "budgeting": "readonly" } }
    /// ```
    /// ## Fixed
    /// ```json
    /// { "project": { "budgeting": "readonly" } }
    /// ```
    ///
    /// ## Evidence
    /// - Building Data Connection Apps (4.1): the Permission Builder (Procore developer documentation as of February 2026):
    ///   https://github.com/procore/documentation/blob/c755a366a7bf69bda46cd57ef66677275eddcc21/building_applications/building_data_connection_apps_v41.md
    pub static P003 = ("P003", "tool-in-wrong-scope", Error, None,
        "the key is no tool of this scope but a high- or medium-confidence tool of the other scope");
}

/// `tool` is a tool of the other scope than `scope`, where it is granted.
pub fn check(scope: Scope, tool: &Tool, entry: &Entry, out: &mut Vec<Diagnostic>) {
    out.push(
        Diagnostic::new(
            &P003,
            entry.key_span(),
            entry.pointer(),
            format!(
                "{} ({}) is a {}-level tool, not a {}-level one",
                crate::text::code_span(entry.key()),
                tool.name,
                scope.other().as_str(),
                scope.as_str()
            ),
        )
        .with_help(format!("move it under `{}`", scope.other().as_str())),
    );
}
