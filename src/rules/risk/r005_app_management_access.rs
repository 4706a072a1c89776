//! R005 `app-management-access`.

use crate::declare_rule;
use crate::diagnostics::Diagnostic;
use crate::model::view::Entry;
use crate::model::Level;

declare_rule! {
    /// ## What it checks
    /// Any access (Read-Only or more) to the company App Management tool.
    ///
    /// One tool is one finding: a tool granted any access under two keys (its
    /// legacy key) or in several permissions blocks (two 3.x instances) is
    /// reported at its first grant, the others as related locations.
    ///
    /// ## Why
    /// App Management shows and changes the installed apps and the
    /// permissions they hold: an app with access can see other apps'
    /// configuration or change what they may do. Integrations do not need it.
    ///
    /// ## Example
    /// ```json
    /// { "company": { "app_management": "readonly" } }
    /// ```
    /// ## Fixed
    /// ```json
    /// { "company": {} }
    /// ```
    ///
    /// ## Evidence
    /// - Developer Managed Service Accounts: best practices (Procore developer documentation as of February 2026):
    ///   https://github.com/procore/documentation/blob/c755a366a7bf69bda46cd57ef66677275eddcc21/building_applications/developer_managed_service_accounts.md
    pub static R005 = ("R005", "app-management-access", Warning, None,
        "any access to the company App Management tool: the app can see or change installed apps and their permissions", security_severity = "7.0");
}

/// Any access (above none) to company App Management.
pub fn check(entry: &Entry, level: Level, out: &mut Vec<Diagnostic>) {
    out.push(
        Diagnostic::new(
            &R005,
            entry.value().span,
            entry.pointer(),
            format!(
                "{} access to company App Management: the app could see or change the installed apps and the permissions they hold",
                level.title()
            ),
        )
        .with_help("remove this grant; integrations do not need App Management (lowering access is never an automatic fix)"),
    );
}
