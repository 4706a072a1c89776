//! U003 `missing-grant`.

use crate::declare_rule;

declare_rule! {
    /// ## What it checks
    /// Calls answered 403 on routes mapped to a tool the manifest does not
    /// grant at the level they need (not at all, or lower). The help names
    /// the minimal grant. A 403 on a tool granted at the needed level is no
    /// finding: Procore names other causes (the app not installed in that
    /// company, the tool disabled in the project, a resource outside the
    /// service account's projects).
    ///
    /// ## Why
    /// Procore's integration health page: 403s are "the highest-volume
    /// issue in the ecosystem and frequently signal a permissions or
    /// installation gap rather than a code bug".
    ///
    /// ## Example
    /// ```json
    /// { "project": { "rfi": "readonly" } }
    /// ```
    /// (the report has POST calls to RFI routes answered 403)
    /// ## Fixed
    /// ```json
    /// { "project": { "rfi": "standard" } }
    /// ```
    ///
    /// ## Evidence
    /// - The API Call Activity Report (the Developer Portal's Metrics tab): a
    ///   CSV of the app's production calls of the last 30 days (Date,
    ///   Response Code, HTTP Method, Normalized Route, Count), Procore
    ///   developer documentation, api_essentials/app_performance_metrics.md:
    ///   https://github.com/procore/documentation/blob/06dad9d/api_essentials/app_performance_metrics.md
    /// - Integration health, "403 Forbidden Responses":
    ///   https://github.com/procore/documentation/blob/06dad9d/api_essentials/integration_health.md
    pub static U003 = ("U003", "missing-grant", Error, None,
        "calls answered 403 on routes mapped to a tool the manifest does not grant at the level they need");
}
