//! R006 `excessive-admin`.

use crate::declare_rule;
use crate::diagnostics::Diagnostic;
use crate::span::Span;

declare_rule! {
    /// ## What it checks
    /// Admin on more tools than the configured maximum (`max-admin-grants`
    /// in procore-manifest.toml, default 3), across both scopes and every
    /// permissions block. A tool counts once per scope: a legacy key counts
    /// as the tool it stands for (`portfolio` is `home`), and the same tool
    /// granted Admin in two blocks (two 3.x oauth instances) is one tool.
    ///
    /// ## Why
    /// Each Admin grant is a tool the app fully controls; many of them
    /// usually mean the permissions were copied rather than chosen. Company
    /// admins are asked to approve all of it at install.
    ///
    /// ## Example
    /// ```json
    /// { "project": { "rfi": "admin", "daily_log": "admin", "commitments": "admin", "budgeting": "admin" } }
    /// ```
    /// ## Fixed
    /// ```json
    /// { "project": { "rfi": "standard", "daily_log": "standard", "commitments": "readonly", "budgeting": "readonly" } }
    /// ```
    ///
    /// ## Evidence
    /// - Developer Managed Service Accounts: best practices (Procore developer documentation as of February 2026):
    ///   https://github.com/procore/documentation/blob/c755a366a7bf69bda46cd57ef66677275eddcc21/building_applications/developer_managed_service_accounts.md
    pub static R006 = ("R006", "excessive-admin", Warning, None,
        "Admin on more tools than the configured maximum (default 3) across both scopes", security_severity = "5.0");
}

/// One tool granted Admin: the pointer and level span of its first grant,
/// "scope tool" (the canonical tool: legacy keys resolved). The caller
/// keeps one per (scope, tool), so the count is of distinct tools.
pub struct AdminGrant {
    pub pointer: String,
    pub span: Span,
    pub tool: String,
}

/// The most tools R006's message names.
const LISTED: usize = 20;

/// Admin on more distinct tools than `max`: reported at the first grant of
/// the first tool over.
pub fn check(grants: &[AdminGrant], max: usize, out: &mut Vec<Diagnostic>) {
    let Some(over) = grants.get(max) else { return };
    // Each key as every output shows one (a credential masked), cut like
    // any text from the manifest.
    // At most [`LISTED`] of them: the message stays a line however many
    // there are (`permissions` lists every grant).
    let mut tools: Vec<String> = grants
        .iter()
        .take(LISTED)
        .map(|g| crate::text::echo(&crate::secrets::key(&g.tool)))
        .collect();
    if grants.len() > LISTED {
        tools.push(format!("and {} more", grants.len() - LISTED));
    }
    out.push(
        Diagnostic::new(
            &R006,
            over.span,
            over.pointer.clone(),
            format!(
                "Admin on {} tools ({}), more than the maximum of {max}",
                grants.len(),
                tools.join(", ")
            ),
        )
        .with_help("ask for the lowest level each tool needs; raise `max-admin-grants` in procore-manifest.toml only after review"),
    );
}
