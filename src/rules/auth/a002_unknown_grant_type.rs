//! A002 `unknown-grant-type`.

use crate::declare_rule;
use crate::diagnostics::Diagnostic;
use crate::syntax::Node;
use crate::text::closest;

declare_rule! {
    /// ## What it checks
    /// `grant_type` is neither `client_credentials` nor `authorization_code`
    /// (e.g. `"implicit"`, `"password"`, `"client-credentials"`); the
    /// message suggests the closest valid value.
    ///
    /// ## Why
    /// The Portal knows only those two grant types; anything else leaves
    /// the app without a working data connection.
    ///
    /// ## Example
    /// ```json
    /// { "uuid": "…", "grant_type": "client-credentials" }
    /// ```
    /// ## Fixed
    /// ```json
    /// { "uuid": "…", "grant_type": "client_credentials" }
    /// ```
    ///
    /// ## Evidence
    /// - Building Data Connection Apps with DMSA (legacy manifest v3.2): `client_credentials` and the permissions inside the oauth instance (Procore developer documentation as of February 2026):
    ///   https://github.com/procore/documentation/blob/c755a366a7bf69bda46cd57ef66677275eddcc21/building_applications/building_data_connection_apps_v3x_legacy.md
    pub static A002 = ("A002", "unknown-grant-type", Error, None,
        "grant_type is not client_credentials nor authorization_code; suggest the closest");
}

const GRANT_TYPES: [&str; 2] = ["client_credentials", "authorization_code"];

/// A grant type that is neither of Procore's two (`other`: its text).
pub fn check(value: &Node, pointer: String, other: &str, out: &mut Vec<Diagnostic>) {
    let d = Diagnostic::new(
        &A002,
        value.span,
        pointer,
        format!(
            "unknown grant type {}: Procore knows \"client_credentials\" and \"authorization_code\"",
            crate::secrets::quote(other)
        ),
    );
    // Two candidates: always name one. A near miss gets a "did you mean";
    // otherwise the data connection's own.
    let help = match closest(&other.replace('-', "_"), GRANT_TYPES) {
        Some(s) => format!("did you mean \"{s}\"?"),
        None => "use \"client_credentials\" for a data connection (a service account); \"authorization_code\" is for an app that acts as its signed-in users".to_string(),
    };
    out.push(d.with_help(help));
}
