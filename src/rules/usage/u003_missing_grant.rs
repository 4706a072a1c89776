//! U003 `missing-grant`.

use super::analysis::{scope_place, Analysis};
use crate::catalog::Confidence;
use crate::declare_rule;
use crate::diagnostics::{Diagnostic, Severity};
use crate::rules::Checker;

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

/// Every tool whose calls were answered 403 and that is not granted at the
/// level they need.
pub fn check(cx: &mut Checker, a: &Analysis) {
    // Several missing tools share a place (their scope): ranked there by
    // their 403s, most first, not by their messages.
    let mut missing: Vec<_> = a.missing().collect();
    missing.sort_by(|x, y| y.tally.forbidden.cmp(&x.tally.forbidden).then_with(|| x.key.cmp(y.key)));
    for (rank, m) in missing.into_iter().enumerate() {
        let ((scope, tool), t, need, grant) = (m.key, m.tally, m.need, m.grant);
        let have = grant.map(|(l, _)| *l);
        let low = t.confidence_403 == Some(Confidence::Low);
        let (span, pointer) = match grant {
            Some((_, e)) => (e.value().span, e.pointer()),
            None => scope_place(cx, *scope),
        };
        let in_instance = pointer.starts_with("/components/oauth/instances/");
        let mut d = Diagnostic::new(
            &U003,
            span,
            pointer,
            format!(
                "{} to {} {} routes {} answered 403 and the manifest grants {}{}",
                super::count(t.forbidden, "call"),
                scope.as_str(),
                crate::text::code_span(&crate::secrets::key(tool)),
                if t.forbidden == 1 { "was" } else { "were" },
                have.map_or("nothing".to_string(), |h| h.title().to_string()),
                if low { " (by low-confidence route mappings)" } else { "" }
            ),
        )
        .with_help(format!(
            "grant {} under `permissions.{}`{}{} (a 403 can also mean the app is not installed in that company, the tool is disabled in the project, or the resource is outside the service account's projects)",
            crate::text::code_span(&format!("\"{tool}\": \"{}\"", need.as_str())),
            scope.as_str(),
            match (cx.family, in_instance) {
                (crate::model::SchemaFamily::V3, true) => " of the client_credentials oauth instance",
                // No such instance yet: the service account needs one.
                (crate::model::SchemaFamily::V3, false) => {
                    " of a client_credentials oauth instance (`components.oauth.instances[]` with `\"grant_type\": \"client_credentials\"`: the manifest has none)"
                }
                _ => "",
            },
            if *scope == crate::catalog::Scope::Company && tool == "directory" && need == crate::model::Level::Admin {
                "; but Admin on the company Directory grants Admin on every company and project tool, and Procore's DMSA best practices advise against it for a service account: do without these calls if you can"
            } else {
                ""
            }
        ));
        if low {
            d = d.at_most(Severity::Warning);
        }
        cx.report(d.ranked(u32::try_from(rank).unwrap_or(u32::MAX)));
    }
}
