//! U002 `over-grant`.

use crate::declare_rule;

declare_rule! {
    /// ## What it checks
    /// A tool granted above the highest level its calls need: GET and HEAD
    /// need Read-Only; POST, PUT, PATCH and DELETE need Standard; Admin only
    /// where the route map says an endpoint needs it.
    ///
    /// ## Why
    /// Least privilege: Standard or Admin on a tool the app only reads lets
    /// leaked credentials change or delete its data.
    ///
    /// ## Example
    /// ```json
    /// { "project": { "rfi": "admin" } }
    /// ```
    /// (the report has GET calls to RFI routes only)
    /// ## Fixed
    /// ```json
    /// { "project": { "rfi": "readonly" } }
    /// ```
    /// ## Fix safety
    /// Unsafe: lowering a level changes what the app can do.
    ///
    /// ## Evidence
    /// - The API Call Activity Report (the Developer Portal's Metrics tab): a
    ///   CSV of the app's production calls of the last 30 days (Date,
    ///   Response Code, HTTP Method, Normalized Route, Count), Procore
    ///   developer documentation, api_essentials/app_performance_metrics.md:
    ///   https://github.com/procore/documentation/blob/06dad9d/api_essentials/app_performance_metrics.md
    pub static U002 = ("U002", "over-grant", Warning, Unsafe,
        "a tool is granted above the highest level its calls need (unsafe fix: lower it)");
}
