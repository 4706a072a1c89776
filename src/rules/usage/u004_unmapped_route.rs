//! U004 `unmapped-route`.

use super::analysis::Analysis;
use crate::declare_rule;
use crate::diagnostics::Diagnostic;
use crate::rules::Checker;

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

/// How many unmapped routes get a finding each (most calls first); the
/// rest are one finding (the JSON report's `unmapped` lists them all).
pub const SHOWN: usize = 20;

/// The routes of the report the route map does not know: the [`SHOWN`]
/// with the most calls one finding each, the others one finding together.
pub fn check(cx: &mut Checker, a: &Analysis) {
    // At the manifest's opening brace, as every finding about the whole
    // manifest (after a BOM, not at byte 0).
    let at = cx.missing_span(cx.root);
    // Ranked: the report keeps them most calls first, not by message.
    let finding = |rank: usize, message: String, help: &str| {
        Diagnostic::new(&U004, at, "", message)
            .with_help(help)
            .ranked(u32::try_from(rank).unwrap_or(u32::MAX))
    };
    let all = a.calls.unmapped_by_calls();
    for (rank, u) in all.iter().take(SHOWN).enumerate() {
        // Cut at 200 characters: a report's route is any text.
        let route = crate::text::code_span(&crate::text::echo(&format!("{} {}", u.method, u.route)));
        let calls = super::count(u.calls, "call");
        let message = match &u.listed {
            Some(listed) => {
                let (scope, tool, methods) = &**listed;
                format!(
                    "{route}: {calls} with a method the route map does not list for this path (it lists {methods}, for the {} tool {}): counted as the tool's use, at no known level",
                    scope.as_str(),
                    crate::text::code_span(&crate::secrets::key(tool)),
                )
            }
            None => format!("{route}: {calls} on a route the route map does not know"),
        };
        let help = match u.listed {
            Some(_) => "map the method in procore-manifest.toml under [usage] routes with the level it needs",
            None => "map it in procore-manifest.toml under [usage] routes when you know its tool",
        };
        cx.report(finding(rank, message, help));
    }
    if all.len() > SHOWN {
        let rest = &all[SHOWN..];
        let calls = rest.iter().fold(0u64, |t, u| t.saturating_add(u.calls));
        cx.report(finding(
            SHOWN,
            format!(
                "{} more routes the route map does not know, with {calls} calls",
                rest.len()
            ),
            "the JSON report (`--format json`) lists every unmapped route under `unmapped`",
        ));
    }
}
