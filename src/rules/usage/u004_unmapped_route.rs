//! U004 `unmapped-route`.

use super::analysis::Analysis;
use crate::declare_rule;
use crate::diagnostics::Diagnostic;
use crate::rules::Checker;
use crate::span::Span;

declare_rule! {
    /// ## What it checks
    /// A route of the API Call Activity Report that the route map does not
    /// know: listed with its calls, never guessed.
    ///
    /// ## Why
    /// The map ties an endpoint to a tool only where Procore's material
    /// does; an unmapped route's tool is unknown, so its calls count toward
    /// no grant. Map it in procore-manifest.toml when you know its tool:
    /// `[usage] routes = { "GET /v1.0/projects/:project_id/my_items" = { scope = "project", tool = "my_tool", level = "readonly" } }`.
    ///
    /// ## Example
    /// ```text
    /// GET /v1.0/projects/:project_id/mystery_items, 120 calls
    /// ```
    /// ## Fixed
    /// ```toml
    /// [usage]
    /// routes = { "GET /v1.0/projects/:project_id/mystery_items" = { scope = "project", tool = "rfi", level = "readonly" } }
    /// ```
    ///
    /// ## Evidence
    /// - The API Call Activity Report (the Developer Portal's Metrics tab): a
    ///   CSV of the app's production calls of the last 30 days (Date,
    ///   Response Code, HTTP Method, Normalized Route, Count), Procore
    ///   developer documentation, api_essentials/app_performance_metrics.md:
    ///   https://github.com/procore/documentation/blob/06dad9d/api_essentials/app_performance_metrics.md
    pub static U004 = ("U004", "unmapped-route", Info, None,
        "a route of the report that the route map does not know (listed with its calls, never guessed)");
}

/// Every route of the report the route map does not know.
pub fn check(cx: &mut Checker, a: &Analysis) {
    for ((method, route), calls) in &a.unmapped {
        cx.report(
            Diagnostic::new(
                &U004,
                Span::new(0, 0),
                "",
                format!(
                    "`{method} {}`: {calls} calls on a route the route map does not know",
                    crate::text::sanitize_inline(route)
                ),
            )
            .with_help("map it in procore-manifest.toml under [usage] routes when you know its tool"),
        );
    }
}
