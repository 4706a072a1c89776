//! R003 `company-level-admin`.

use crate::declare_rule;
use crate::diagnostics::Diagnostic;
use crate::model::view::Entry;

declare_rule! {
    /// ## What it checks
    /// Admin on any other company-level tool: not the Directory (R001),
    /// the Admin tool (R002) or App Management (R005, which reports any
    /// access to it).
    ///
    /// One tool is one finding: a tool granted Admin under two keys (its
    /// legacy key) or in several permissions blocks (two 3.x instances) is
    /// reported at its first grant, the others as related locations.
    ///
    /// ## Why
    /// Company-level Admin is control of that tool across every project of
    /// the company, including its settings and who may use it. Most
    /// integrations need Read-Only (to read) or Standard (to create and
    /// edit).
    ///
    /// ## Example
    /// ```json
    /// { "company": { "documents": "admin" } }
    /// ```
    /// ## Fixed
    /// ```json
    /// { "company": { "documents": "standard" } }
    /// ```
    ///
    /// ## Evidence
    /// - Developer Managed Service Accounts: best practices (Procore developer documentation as of February 2026):
    ///   https://github.com/procore/documentation/blob/c755a366a7bf69bda46cd57ef66677275eddcc21/building_applications/developer_managed_service_accounts.md
    pub static R003 = ("R003", "company-level-admin", Warning, None,
        "Admin on any other company-level tool: company-wide control of that tool across all projects", security_severity = "7.0");
}

/// Admin on a company tool other than the Directory, the Admin tool and
/// App Management (`name`: the tool's name as shown).
pub fn check(entry: &Entry, name: &str, out: &mut Vec<Diagnostic>) {
    out.push(super::admin_finding(
        &R003,
        entry,
        format!(
            "company-level Admin on {name}: control of the tool and its settings across every project of the company"
        ),
        "ask for Read-Only to read, or Standard to create and edit",
    ));
}
