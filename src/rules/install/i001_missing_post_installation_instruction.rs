//! I001 `missing-post-installation-instruction`.

use crate::declare_rule;
use crate::diagnostics::Diagnostic;
use crate::rules::Checker;

declare_rule! {
    /// ## What it checks
    /// No `post_installation_instruction`.
    ///
    /// ## Why
    /// The installing company admin sees these notes and the setup page at
    /// install time and later in App Management; without them the admin has
    /// no guidance on finishing the setup.
    ///
    /// ## Example
    /// ```json
    /// { "schema_version": "4.1", "permissions": { "project": { "rfi": "readonly" } } }
    /// ```
    /// ## Fixed
    /// ```json
    /// { "schema_version": "4.1", "post_installation_instruction": { "notes": "Connect your Acme account.", "page": { "url": "https://help.acme.io/setup", "label": "Setup guide" } }, "permissions": { "project": { "rfi": "readonly" } } }
    /// ```
    ///
    /// ## Evidence
    /// - Defining the App Manifest (4.1) (Procore developer documentation as of February 2026):
    ///   https://github.com/procore/documentation/blob/c755a366a7bf69bda46cd57ef66677275eddcc21/building_applications/building_apps_define_manifest_v41.md
    pub static I001 = ("I001", "missing-post-installation-instruction", Warning, None,
        "no post_installation_instruction: the installing admin gets no setup guidance");
}

/// No `post_installation_instruction` at all.
pub fn check(cx: &Checker, out: &mut Vec<Diagnostic>) {
    out.push(
        Diagnostic::new(
            &I001,
            cx.missing_span(cx.root),
            "",
            "no `post_installation_instruction`: the installing admin gets no setup guidance",
        )
        .with_help("add `post_installation_instruction` with `notes` and a `page` (url and label)"),
    );
}
