//! C010 `duplicate-view`.

use crate::declare_rule;
use crate::diagnostics::{Diagnostic, Fix};
use crate::rules::edits::remove_item;
use crate::secrets::quote;
use crate::span::Span;
use crate::syntax::{Node, Ptr};

declare_rule! {
    /// ## What it checks
    /// The same view key twice in one component.
    ///
    /// ## Why
    /// The repeat does nothing and hides copy-paste mistakes.
    ///
    /// ## Example
    /// ```json
    /// { "views": ["rfi.detail", "rfi.detail"] }
    /// ```
    /// ## Fixed
    /// ```json
    /// { "views": ["rfi.detail"] }
    /// ```
    /// ## Fix safety
    /// Safe: removing a repeated key changes nothing.
    ///
    /// ## Evidence
    /// - Building Side Panel Applications (Procore developer documentation as of February 2026):
    ///   https://github.com/procore/documentation/blob/c755a366a7bf69bda46cd57ef66677275eddcc21/building_applications/building_side_panel_apps.md
    pub static C010 = ("C010", "duplicate-view", Warning, Safe, "the same view key twice (safe fix: remove the repeat)");
}

/// Item `i` repeats the view first listed at `first`: the safe fix removes it.
pub fn check(
    views: &Node,
    spans: &[Span],
    i: usize,
    first: usize,
    key: &str,
    pointer: &Ptr,
    out: &mut Vec<Diagnostic>,
) {
    let mut d = Diagnostic::new(
        &C010,
        spans[i],
        pointer.written(),
        format!("view {} is listed twice (first at position {first})", quote(key)),
    )
    .with_help("remove the repeat");
    d.unnecessary = true;
    if let Some(edit) = remove_item(views.span, spans, i) {
        d = d.with_fix(Fix::safe("remove the repeated view", vec![edit]));
    }
    out.push(d);
}
