//! C011 `views-on-fullscreen`.

use crate::declare_rule;
use crate::diagnostics::Diagnostic;
use crate::model::view::Component;
use crate::syntax::Member;

declare_rule! {
    /// ## What it checks
    /// `views` on a fullscreen component.
    ///
    /// ## Why
    /// Full-screen components open from the app menu; views are ignored
    /// there (and 4.1's schema has no such member). Perhaps a side panel
    /// was meant.
    ///
    /// ## Example
    /// ```json
    /// { "fullscreen": { "uuid": "…", "source_url": "https://app.acme.io", "views": ["rfi.detail"] } }
    /// ```
    /// ## Fixed
    /// ```json
    /// { "fullscreen": { "uuid": "…", "source_url": "https://app.acme.io" } }
    /// ```
    ///
    /// ## Evidence
    /// - Building Side Panel Applications (Procore developer documentation as of February 2026):
    ///   https://github.com/procore/documentation/blob/c755a366a7bf69bda46cd57ef66677275eddcc21/building_applications/building_side_panel_apps.md
    pub static C011 = ("C011", "views-on-fullscreen", Warning, None, "views on a fullscreen component, where they are ignored");
}

pub fn check(c: &Component, views: &Member, out: &mut Vec<Diagnostic>) {
    let mut d = Diagnostic::new(
        &C011,
        views.key_span,
        format!("{}/views", c.pointer),
        "`views` on a fullscreen component: full-screen components ignore them",
    )
    .with_help("remove `views`, or make this a side panel component if it should open beside Procore pages");
    d.unnecessary = true;
    out.push(d);
}
