//! C014 `duplicate-uuid`.

use crate::declare_rule;
use crate::diagnostics::Diagnostic;
use crate::rules::Checker;
use crate::secrets::quote;
use crate::syntax::{Node, Ptr};

declare_rule! {
    /// ## What it checks
    /// Two components with the same uuid (fullscreen, sidepanel, and every
    /// 3.x oauth or iframe instance).
    ///
    /// ## Why
    /// The Portal tells components apart by uuid; a copied one makes one of
    /// them disappear or overwrite the other.
    ///
    /// ## Example
    /// ```json
    /// { "fullscreen": { "uuid": "0f8fad5b-…" }, "sidepanel": { "uuid": "0f8fad5b-…" } }
    /// ```
    /// ## Fixed
    /// ```json
    /// { "fullscreen": { "uuid": "0f8fad5b-…" }, "sidepanel": { "uuid": "7c9e6679-…" } }
    /// ```
    ///
    /// ## Evidence
    /// - Defining the App Manifest (4.1) (Procore developer documentation as of February 2026):
    ///   https://github.com/procore/documentation/blob/c755a366a7bf69bda46cd57ef66677275eddcc21/building_applications/building_apps_define_manifest_v41.md
    pub static C014 = ("C014", "duplicate-uuid", Error, None, "two components share a uuid");
}

/// `node` repeats the uuid of `first` (compared without case).
pub fn check(cx: &Checker, node: &Node, s: &str, pointer: &Ptr, first: &Node, out: &mut Vec<Diagnostic>) {
    let line = cx.line_of(first.span.start);
    out.push(
        Diagnostic::new(
            &C014,
            node.span,
            pointer.written(),
            format!("uuid {} is also used by the component on line {line}", quote(s)),
        )
        .with_help("give each component its own uuid")
        .with_related("first used here", first.span),
    );
}
