//! A007 `misplaced-permissions`.

use crate::declare_rule;
use crate::diagnostics::Diagnostic;
use crate::syntax::Node;

declare_rule! {
    /// ## What it checks
    /// Permissions where the Permission Builder does not write them: a
    /// top-level `permissions` block in a 3.x manifest (3.x keeps them inside
    /// the client_credentials oauth instance), or permissions inside an
    /// oauth instance whose grant type is not client_credentials.
    ///
    /// When the manifest has no client_credentials instance at all, A004
    /// reports instead (there is nothing to move the permissions to): one
    /// cause, one finding. With A004 turned off, A007 reports them.
    ///
    /// ## Why
    /// The Portal reads permissions only where the builder puts them; a
    /// misplaced block is ignored or rejected, and the admin approves
    /// something other than what you reviewed.
    ///
    /// ## Example
    /// ```json
    /// { "schema_version": "3.2", "permissions": { "project": { "rfi": "readonly" } },
    ///   "components": { "oauth": { "instances": [ { "grant_type": "client_credentials" } ] } } }
    /// ```
    /// ## Fixed
    /// ```json
    /// { "schema_version": "3.2", "components": { "oauth": { "instances": [
    ///   { "grant_type": "client_credentials", "permissions": { "project": { "rfi": "readonly" } } } ] } } }
    /// ```
    ///
    /// ## Evidence
    /// - Building Data Connection Apps with DMSA (legacy manifest v3.2): `client_credentials` and the permissions inside the oauth instance (Procore developer documentation as of February 2026):
    ///   https://github.com/procore/documentation/blob/c755a366a7bf69bda46cd57ef66677275eddcc21/building_applications/building_data_connection_apps_v3x_legacy.md
    pub static A007 = ("A007", "misplaced-permissions", Warning, None,
        "permissions where the Permission Builder does not write them");
}

/// 3.x: permissions inside an instance whose grant type is not
/// client_credentials (whatever else it is, or missing). A value that is
/// no object is S003's wrong type (the schema defines `permissions` there
/// as an object): a finding here would stand in for that error.
pub fn check_instance(inst: &Node, pointer: &str, out: &mut Vec<Diagnostic>) {
    let Some(p) = inst.member("permissions") else { return };
    if crate::model::view::is_client_credentials(inst) || p.value.as_object().is_none() {
        return;
    }
    out.push(
        Diagnostic::new(
            &A007,
            p.key_span,
            format!("{pointer}/permissions"),
            "permissions inside an oauth instance that is not client_credentials: only a client_credentials data connection has a service account to receive them",
        )
        .with_help("set this instance's grant_type to \"client_credentials\", or move the permissions to the client_credentials instance"),
    );
}

/// 3.x: a top-level permissions block.
pub fn check_top_level(root: &Node, out: &mut Vec<Diagnostic>) {
    let Some(p) = root.member("permissions") else { return };
    out.push(
        Diagnostic::new(
            &A007,
            p.key_span,
            "/permissions",
            "top-level `permissions` in a 3.x manifest: 3.x keeps them inside the client_credentials oauth instance",
        )
        .with_help("move this block to `components.oauth.instances[i].permissions` of the client_credentials instance, or migrate the manifest to 4.1"),
    );
}
