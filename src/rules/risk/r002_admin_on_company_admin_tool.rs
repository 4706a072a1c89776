//! R002 `admin-on-company-admin-tool`.

use crate::declare_rule;
use crate::diagnostics::Diagnostic;
use crate::model::view::Entry;

declare_rule! {
    /// ## What it checks
    /// Admin on the company-level Admin tool.
    ///
    /// One tool is one finding: a tool granted Admin under two keys (its
    /// legacy key) or in several permissions blocks (two 3.x instances) is
    /// reported at its first grant, the others as related locations.
    ///
    /// ## Why
    /// The company Admin tool controls the company account itself: company
    /// settings, tool configuration, permission templates, and the
    /// installed apps. Granted to a service account, it is full control of
    /// the company; almost no integration needs it.
    ///
    /// ## Example
    /// ```json
    /// { "company": { "admin": "admin" } }
    /// ```
    /// ## Fixed
    /// ```json
    /// { "company": { "documents": "readonly" } }
    /// ```
    /// Ask for the specific tools the app uses instead; there is no
    /// automatic fix because it changes what the app can do.
    ///
    /// ## Evidence
    /// - Developer Managed Service Accounts: best practices (Procore developer documentation as of February 2026):
    ///   https://github.com/procore/documentation/blob/c755a366a7bf69bda46cd57ef66677275eddcc21/building_applications/developer_managed_service_accounts.md
    pub static R002 = ("R002", "admin-on-company-admin-tool", Error, None,
        "Admin on the company-level Admin tool: full control of the company account", security_severity = "9.0");
}

const MESSAGE: &str = "Admin on the company Admin tool: full control of the company account, its settings, permission templates and installed apps";
const HELP: &str = "ask for the specific tools the app uses instead";

/// An Admin grant of this rule's tool.
pub fn check(entry: &Entry, out: &mut Vec<Diagnostic>) {
    out.push(super::admin_finding(&R002, entry, MESSAGE.to_string(), HELP));
}
