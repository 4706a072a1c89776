//! A004 `permissions-without-data-connection`.

use super::grants_something;
use crate::declare_rule;
use crate::diagnostics::Diagnostic;
use crate::model::view;
use crate::syntax::Node;

declare_rule! {
    /// ## What it checks
    /// A 3.x manifest declares tool permissions but has no oauth instance
    /// with `grant_type: "client_credentials"`.
    ///
    /// It stands for every misplaced permissions block of such a manifest
    /// (A007 then stays silent: one cause, one finding).
    ///
    /// ## Why
    /// Permissions are granted to the Developer Managed Service Account,
    /// which only a client_credentials data connection creates: without
    /// one, nothing receives them.
    ///
    /// ## Example
    /// ```json
    /// { "schema_version": "3", "permissions": { "project": { "rfi": "readonly" } } }
    /// ```
    /// ## Fixed
    /// ```json
    /// { "schema_version": "3", "components": { "oauth": { "instances": [
    ///   { "uuid": "…", "grant_type": "client_credentials", "permissions": { "project": { "rfi": "readonly" } } } ] } } }
    /// ```
    ///
    /// ## Evidence
    /// - Building Data Connection Apps with DMSA (legacy manifest v3.2): `client_credentials` and the permissions inside the oauth instance (Procore developer documentation as of February 2026):
    ///   https://github.com/procore/documentation/blob/c755a366a7bf69bda46cd57ef66677275eddcc21/building_applications/building_data_connection_apps_v3x_legacy.md
    pub static A004 = ("A004", "permissions-without-data-connection", Error, None,
        "a 3.x manifest declares tool permissions but no oauth instance with client_credentials");
}

/// Called when no instance is client_credentials (a missing or unknown
/// grant type, A003/A002, is none either): the first block that grants
/// something, wherever it sits. Blocks that grant nothing (`{}`, `null`,
/// only `none`) declare no tool permissions: A007 says where they sit.
pub fn check(root: &Node, out: &mut Vec<Diagnostic>) {
    let blocks = view::permission_blocks(root);
    let Some(first) = blocks.iter().find(|b| grants_something(b.node())) else {
        return;
    };
    out.push(
        Diagnostic::new(
            &A004,
            first.member.key_span,
            first.pointer.clone(),
            "tool permissions but no oauth instance with client_credentials: no service account exists to receive them",
        )
        .with_help(
            "add an oauth instance with \"grant_type\": \"client_credentials\" and put the permissions inside it",
        ),
    );
}
