//! S006 `unknown-member`.

use crate::declare_rule;

declare_rule! {
    /// ## What it checks
    /// A member the schema of the manifest's version does not define, that
    /// is no near-typo of a member it does define (a near-typo, such as
    /// `permisions` or `sidePanel`, is S003 with a did-you-mean).
    ///
    /// ## Why
    /// Procore extends the App Manifest: its 2026 documentation announces
    /// AI Agent and External MCP Server components "declared in the
    /// standard Procore App Manifest", shape not yet published. A member
    /// this tool does not know yet may be one Procore added, so it is
    /// reported without failing the run; `--severity S006=error` (or
    /// `severity = { S006 = "error" }` in procore-manifest.toml) makes a
    /// strict policy. Where a more specific rule explains a member (A005,
    /// A007, C011, P002, P005), that rule reports it instead.
    ///
    /// ## Example
    /// ```json
    /// { "schema_version": "4.1", "x-release-notes": "…", "permissions": { "project": { "rfi": "readonly" } } }
    /// ```
    /// ## Fixed
    /// ```json
    /// { "schema_version": "4.1", "permissions": { "project": { "rfi": "readonly" } } }
    /// ```
    pub static S006 = ("S006", "unknown-member", Warning, None,
        "a member the schema of its version does not define, no near-typo of one it does (those are S003)");
}
