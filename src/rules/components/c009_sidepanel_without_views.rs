//! C009 `sidepanel-without-views`.

use crate::declare_rule;
use crate::diagnostics::Diagnostic;
use crate::model::view::Component;
use crate::rules::Checker;
use crate::syntax::{Member, Node};

declare_rule! {
    /// ## What it checks
    /// A side panel component (or 3.x iframe of type sidepanel) that lists
    /// no views.
    ///
    /// ## Why
    /// The views say where the panel may open; with none it never appears.
    ///
    /// ## Example
    /// ```json
    /// { "sidepanel": { "uuid": "…", "source_url": "https://app.acme.io/panel" } }
    /// ```
    /// ## Fixed
    /// ```json
    /// { "sidepanel": { "uuid": "…", "source_url": "https://app.acme.io/panel", "views": ["rfi.detail"] } }
    /// ```
    ///
    /// ## Evidence
    /// - Building Side Panel Applications (Procore developer documentation as of February 2026):
    ///   https://github.com/procore/documentation/blob/c755a366a7bf69bda46cd57ef66677275eddcc21/building_applications/building_side_panel_apps.md
    pub static C009 = ("C009", "sidepanel-without-views", Error, None, "a side panel component (or 3.x iframe of type sidepanel) lists no views");
}

/// A side panel whose `views` is missing or empty.
pub fn check(cx: &Checker, c: &Component, views: Option<&Member>, out: &mut Vec<Diagnostic>) {
    let items = views.and_then(|v| v.value.as_array());
    if views.is_some() && !items.is_some_and(<[Node]>::is_empty) {
        return;
    }
    let (span, ptr) = match views {
        Some(v) => (v.value.span, format!("{}/views", c.pointer)),
        None => (cx.missing_span(c.node), c.pointer.clone()),
    };
    out.push(
        Diagnostic::new(&C009, span, ptr, "this side panel lists no views: it will never open")
            .with_help("add the view keys of the Procore pages where it should open, e.g. \"rfi.detail\""),
    );
}
