//! P002 `unknown-tool`.

use crate::catalog::{Catalog, Scope};
use crate::declare_rule;
use crate::diagnostics::Diagnostic;
use crate::model::view::Entry;

declare_rule! {
    /// ## What it checks
    /// A tool key that is not a known tool of its scope, with a
    /// did-you-mean from the catalog. The catalog is known to be incomplete,
    /// so this is a warning; declare tools it lacks in `procore-manifest.toml`
    /// (`[catalog] company-tools` / `project-tools`).
    ///
    /// ## Why
    /// A misspelt key grants nothing: the app fails at run time with a
    /// permission error the admin cannot explain.
    ///
    /// ## Example
    /// ```json
    /// { "project": { "daily_logs": "readonly" } }
    /// ```
    /// ## Fixed
    /// ```json
    /// { "project": { "daily_log": "readonly" } }
    /// ```
    ///
    /// ## Evidence
    /// - Building Data Connection Apps (4.1): the Permission Builder (Procore developer documentation as of February 2026):
    ///   https://github.com/procore/documentation/blob/c755a366a7bf69bda46cd57ef66677275eddcc21/building_applications/building_data_connection_apps_v41.md
    pub static P002 = ("P002", "unknown-tool", Warning, None,
        "key is not a known tool of that scope; did-you-mean from the catalog");
}

/// A key the catalog does not know in either scope.
pub fn check(catalog: &Catalog, scope: Scope, entry: &Entry, out: &mut Vec<Diagnostic>) {
    let key = entry.key();
    let d = Diagnostic::new(
        &P002,
        entry.key_span(),
        entry.pointer(),
        format!(
            "unknown {} tool `{}`",
            scope.as_str(),
            crate::text::sanitize_inline(key)
        ),
    );
    out.push(match catalog.suggest_tool(scope, key) {
        Some(s) => d.with_help(format!(
            "did you mean `{s}`? (if the tool is real, declare it in procore-manifest.toml under [catalog] {}-tools)",
            scope.as_str()
        )),
        None => d.with_help(format!(
            "the catalog is incomplete: declare the tool in procore-manifest.toml under [catalog] {}-tools",
            scope.as_str()
        )),
    });
}
