//! U001 `unused-grant`.

use super::analysis::Analysis;
use crate::declare_rule;
use crate::diagnostics::{Diagnostic, Fix};
use crate::model::Level;
use crate::rules::Checker;

declare_rule! {
    /// ## What it checks
    /// A tool the manifest grants above none, with no call of the API Call
    /// Activity Report mapped to it (through the route map,
    /// `data/routes.json`, and the config's `[usage] routes`). Only tools
    /// the route map knows routes of are judged: for the others the report
    /// cannot tell.
    ///
    /// ## Why
    /// Least privilege: a grant the app does not use is access the
    /// installing admin approves for nothing, and a risk if the app's
    /// credentials leak. The report covers 30 days: a tool used less often
    /// (a yearly export) looks unused; check before removing.
    ///
    /// ## Example
    /// ```json
    /// { "project": { "rfi": "readonly", "daily_log": "standard" } }
    /// ```
    /// (the report has calls to RFI routes only)
    /// ## Fixed
    /// ```json
    /// { "project": { "rfi": "readonly" } }
    /// ```
    /// ## Fix safety
    /// Unsafe: removing a grant changes what the app can do.
    ///
    /// ## Evidence
    /// - The API Call Activity Report (the Developer Portal's Metrics tab): a
    ///   CSV of the app's production calls of the last 30 days (Date,
    ///   Response Code, HTTP Method, Normalized Route, Count), Procore
    ///   developer documentation, api_essentials/app_performance_metrics.md:
    ///   https://github.com/procore/documentation/blob/06dad9d/api_essentials/app_performance_metrics.md
    pub static U001 = ("U001", "unused-grant", Warning, Unsafe,
        "a tool granted above none has no call mapped to it in the API Call Activity Report (unsafe fix: remove the grant)");
}

/// Every grant above none of a tool the route map knows, with no call.
pub fn check(cx: &mut Checker, a: &Analysis) {
    let unmapped = a.calls.unmapped_calls > 0;
    for ((scope, tool), (level, entry)) in &a.granted {
        // Used: calls mapped to it, or calls on its paths under a method
        // the map does not list (U004 names those).
        let used = a
            .used(*scope, tool)
            .is_some_and(|t| t.needed.is_some() || t.other_methods > 0);
        if *level == Level::None || used {
            continue;
        }
        if !a.map.knows(*scope, tool) {
            continue;
        }
        let mut d = Diagnostic::new(
            &U001,
            entry.key_span(),
            entry.pointer(),
            format!(
                "{} tool {} is granted {} but no call of the report used it ({})",
                scope.as_str(),
                crate::text::code_span(&crate::secrets::key(tool)),
                level.title(),
                match a.activity.days {
                    0 => "its rows name no date".to_string(),
                    n => format!("{} of activity", super::count(n as u64, "day")),
                }
            ),
        )
        .with_help(if unmapped {
            "remove the grant if the app does not use the tool (the report covers 30 days; some of its routes are unmapped, see U004)"
        } else {
            "remove the grant if the app does not use the tool (the report covers 30 days)"
        });
        if let Some(edit) = crate::rules::edits::remove_entry(cx.root, entry) {
            d = d.with_fix(Fix::unsafe_("remove the unused grant", vec![edit]));
        }
        cx.report(d);
    }
}
