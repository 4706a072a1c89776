//! A003 `missing-grant-type`.

use crate::declare_rule;
use crate::diagnostics::Diagnostic;
use crate::rules::Checker;
use crate::syntax::Node;

declare_rule! {
    /// ## What it checks
    /// A 3.x oauth instance without `grant_type`.
    ///
    /// ## Why
    /// Without a grant type the Portal cannot tell a DMSA data connection
    /// from a user login.
    ///
    /// ## Example
    /// ```json
    /// { "uuid": "…", "permissions": { "project": { "rfi": "readonly" } } }
    /// ```
    /// ## Fixed
    /// ```json
    /// { "uuid": "…", "grant_type": "client_credentials", "permissions": { "project": { "rfi": "readonly" } } }
    /// ```
    ///
    /// ## Evidence
    /// - Building Data Connection Apps with DMSA (legacy manifest v3.2): `client_credentials` and the permissions inside the oauth instance (Procore developer documentation as of February 2026):
    ///   https://github.com/procore/documentation/blob/c755a366a7bf69bda46cd57ef66677275eddcc21/building_applications/building_data_connection_apps_v3x_legacy.md
    pub static A003 = ("A003", "missing-grant-type", Error, None,
        "a 3.x oauth instance has no grant_type");
}

/// An oauth instance without `grant_type`.
pub fn check(cx: &Checker, inst: &Node, pointer: &str, out: &mut Vec<Diagnostic>) {
    out.push(
        Diagnostic::new(
            &A003,
            cx.missing_span(inst),
            pointer.to_string(),
            "this oauth instance has no `grant_type`",
        )
        .with_help("a data connection app needs \"grant_type\": \"client_credentials\""),
    );
}
