//! R004 `admin-on-project-directory`.

use crate::declare_rule;
use crate::diagnostics::Diagnostic;
use crate::model::view::Entry;

declare_rule! {
    /// ## What it checks
    /// Admin on the project-level Directory tool.
    ///
    /// One tool is one finding: a tool granted Admin under two keys (its
    /// legacy key) or in several permissions blocks (two 3.x instances) is
    /// reported at its first grant, the others as related locations.
    ///
    /// ## Why
    /// Project Directory Admin can add and remove project users and change
    /// their permissions in every project the app is enabled on. To look up
    /// people and companies, Read-Only is enough.
    ///
    /// ## Example
    /// ```json
    /// { "project": { "directory": "admin" } }
    /// ```
    /// ## Fixed
    /// ```json
    /// { "project": { "directory": "readonly" } }
    /// ```
    ///
    /// ## Evidence
    /// - Developer Managed Service Accounts: best practices (Procore developer documentation as of February 2026):
    ///   https://github.com/procore/documentation/blob/c755a366a7bf69bda46cd57ef66677275eddcc21/building_applications/developer_managed_service_accounts.md
    pub static R004 = ("R004", "admin-on-project-directory", Warning, None,
        "Admin on the project-level Directory tool: can add and remove project users and change their permissions", security_severity = "7.0");
}

const MESSAGE: &str = "Admin on the project Directory: the app could add and remove project users and change their permissions in every project it is enabled on";
const HELP: &str = "ask for Read-Only to look people and companies up";

/// An Admin grant of this rule's tool.
pub fn check(entry: &Entry, out: &mut Vec<Diagnostic>) {
    out.push(super::admin_finding(&R004, entry, MESSAGE.to_string(), HELP));
}
