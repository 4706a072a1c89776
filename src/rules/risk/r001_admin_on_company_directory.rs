//! R001 `admin-on-company-directory`.

use crate::declare_rule;
use crate::diagnostics::Diagnostic;
use crate::model::view::Entry;

declare_rule! {
    /// ## What it checks
    /// Admin on the company-level Directory tool.
    ///
    /// One tool is one finding: a tool granted Admin under two keys (its
    /// legacy key) or in several permissions blocks (two 3.x instances) is
    /// reported at its first grant, the others as related locations.
    ///
    /// ## Why
    /// Company Directory Admin lets the app add and remove users, change
    /// their permissions and permission templates, and change project
    /// membership across the whole company. Procore's DMSA best practices
    /// say it plainly: "Limit DMSA Access to Company-Level Directory Tool -
    /// Avoid granting admin-level access to the Company-level Directory tool
    /// for the DMSA user" (Developer Managed Service Accounts,
    /// https://github.com/procore/documentation/blob/c755a366a7bf69bda46cd57ef66677275eddcc21/building_applications/developer_managed_service_accounts.md).
    /// An app that looks users up needs Read-Only; one that keeps a user
    /// list in sync needs Standard.
    ///
    /// ## Example
    /// ```json
    /// { "company": { "directory": "admin" } }
    /// ```
    /// ## Fixed
    /// ```json
    /// { "company": { "directory": "readonly" } }
    /// ```
    /// Lowering access changes what the app can do, so there is no automatic
    /// fix. If the app truly provisions users, record the decision as a risk
    /// acceptance (`[[allow]]` with a reason) in procore-manifest.toml.
    pub static R001 = ("R001", "admin-on-company-directory", Error, None,
        "Admin on the company-level Directory tool: the app can change users, permissions and project membership company-wide", security_severity = "9.0");
}

const MESSAGE: &str = "Admin on the company Directory: the app could add and remove users, change their permissions and project membership across the whole company";
const HELP: &str = "ask for Read-Only to look users up, or Standard to keep a user list in sync; Procore's DMSA best practices advise against Directory Admin";

/// An Admin grant of this rule's tool.
pub fn check(entry: &Entry, out: &mut Vec<Diagnostic>) {
    out.push(super::admin_finding(&R001, entry, MESSAGE.to_string(), HELP));
}
