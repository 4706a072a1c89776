//! A006 `data-connection-without-permissions`.

use super::grants_something;
use crate::declare_rule;
use crate::diagnostics::Diagnostic;
use crate::rules::Checker;
use crate::syntax::Node;

declare_rule! {
    /// ## What it checks
    /// A client_credentials data connection (3.x) or a 4.1 `permissions`
    /// block that grants no tool at all (no block, empty scopes, or only
    /// `"none"`). A `permissions` value that is not an object is a wrong
    /// type (S003), in both layouts.
    ///
    /// ## Why
    /// The service account can reach nothing: every API call of the app will
    /// be refused. Usually the permissions were forgotten or put elsewhere.
    ///
    /// ## Example
    /// ```json
    /// { "schema_version": "4.1", "permissions": { "company": {}, "project": {} } }
    /// ```
    /// ## Fixed
    /// ```json
    /// { "schema_version": "4.1", "permissions": { "project": { "rfi": "readonly" } } }
    /// ```
    ///
    /// ## Evidence
    /// - Building Data Connection Apps (4.1): the Permission Builder (Procore developer documentation as of February 2026):
    ///   https://github.com/procore/documentation/blob/c755a366a7bf69bda46cd57ef66677275eddcc21/building_applications/building_data_connection_apps_v41.md
    /// - Building Data Connection Apps with DMSA (legacy manifest v3.2): `client_credentials` and the permissions inside the oauth instance (Procore developer documentation as of February 2026):
    ///   https://github.com/procore/documentation/blob/c755a366a7bf69bda46cd57ef66677275eddcc21/building_applications/building_data_connection_apps_v3x_legacy.md
    pub static A006 = ("A006", "data-connection-without-permissions", Warning, None,
        "a client_credentials data connection (3.x) or a 4.1 permissions block grants no tool at all");
}

/// 4.1: a top-level permissions object that grants no tool.
pub fn check_top_level(root: &Node, out: &mut Vec<Diagnostic>) {
    let Some(perms) = root.member("permissions") else {
        return;
    };
    if perms.value.as_object().is_some() && !grants_something(&perms.value) {
        out.push(
            Diagnostic::new(
                &A006,
                perms.key_span,
                "/permissions",
                "the permissions block grants no tool: the service account will be refused every API call",
            )
            .with_help("add the tools the app needs, at the lowest level that works (Read-Only to read data)"),
        );
    }
}

/// 3.x: a client_credentials instance that grants nothing: no
/// `permissions`, or an object that grants no tool. A `permissions` that is
/// no object (an array, null, a string, a number) is a wrong type, S003's
/// error, as the top-level block of 4.1 is: a finding here would stand in
/// for it at the same pointer.
pub fn check_instance(cx: &Checker, inst: &Node, pointer: &str, out: &mut Vec<Diagnostic>) {
    if inst.get("grant_type").and_then(Node::as_str) != Some("client_credentials")
        || inst
            .get("permissions")
            .is_some_and(|p| p.as_object().is_none() || grants_something(p))
    {
        return;
    }
    let (span, ptr) = match inst.member("permissions") {
        Some(p) => (p.key_span, format!("{pointer}/permissions")),
        None => (cx.missing_span(inst), pointer.to_string()),
    };
    out.push(
        Diagnostic::new(
            &A006,
            span,
            ptr,
            "this client_credentials data connection grants no tool: the service account will be refused every API call",
        )
        .with_help("add `permissions` with the tools the app needs, at the lowest level that works"),
    );
}
