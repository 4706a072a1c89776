//! C008 `unknown-sidepanel-view`.

use crate::catalog::Catalog;
use crate::declare_rule;
use crate::diagnostics::Diagnostic;
use crate::secrets::quote;
use crate::syntax::{Node, Ptr};

declare_rule! {
    /// ## What it checks
    /// A side panel view key that is not among the documented keys
    /// (`data/sidepanel-views.json`, from Procore's Side Panel View Key
    /// Reference). `X.all` is accepted when documented keys start with
    /// `X.`. Keys that were documented once (e.g. `specifications.*`) and
    /// keys that appear only in documentation examples get their own
    /// message; others a did-you-mean. Declare keys the catalog lacks in
    /// `procore-manifest.toml` (`[catalog] views`).
    ///
    /// ## Why
    /// The side panel never opens on a page whose key Procore does not know.
    ///
    /// ## Example
    /// ```json
    /// { "views": ["rfis.detail"] }
    /// ```
    /// ## Fixed
    /// ```json
    /// { "views": ["rfi.detail"] }
    /// ```
    ///
    /// ## Evidence
    /// - Side Panel View Key Reference (Procore developer documentation as of February 2026):
    ///   https://github.com/procore/documentation/blob/c755a366a7bf69bda46cd57ef66677275eddcc21/building_applications/side_panel_view_keys.md
    pub static C008 = ("C008", "unknown-sidepanel-view", Warning, None, "a view key not among the documented keys of sidepanel-views.json");
}

/// A view key the catalog does not document (`<tool>.all` counts when the
/// catalog has views of that tool).
pub fn check(catalog: &Catalog, item: &Node, key: &str, pointer: &Ptr, out: &mut Vec<Diagnostic>) {
    if catalog.is_documented_view(key) {
        return;
    }
    if let Some(prefix) = key.strip_suffix(".all") {
        if catalog.views().any(|v| v.starts_with(&format!("{prefix}."))) {
            return;
        }
    }
    let msg = if let Some(note) = catalog.formerly_documented_view(key) {
        format!("view {} was documented once but no longer is ({note})", quote(key))
    } else if let Some(note) = catalog.example_only_view(key) {
        format!("view {} appears only in a documentation example ({note})", quote(key))
    } else {
        format!("unknown side panel view {}", quote(key))
    };
    let d = Diagnostic::new(&C008, item.span, pointer.written(), msg);
    out.push(match catalog.suggest_view(key) {
        Some(s) => d.with_help(format!("did you mean \"{s}\"? (declare keys the catalog lacks in procore-manifest.toml under [catalog] views)")),
        None => d.with_help("see Procore's Side Panel View Key Reference; declare keys the catalog lacks in procore-manifest.toml under [catalog] views"),
    });
}
