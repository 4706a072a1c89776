//! C015 `builtin-variable-outside-query`.

use super::url::UrlFacts;
use crate::declare_rule;
use crate::diagnostics::Diagnostic;
use crate::rules::interpolation::Placeholder;
use crate::syntax::Ptr;
use crate::vocab::is_builtin_placeholder;

declare_rule! {
    /// ## What it checks
    /// A `{{procore.…}}` built-in used in the host or the path of a URL.
    ///
    /// ## Why
    /// The documentation presents built-ins for query parameters; values are
    /// URI-encoded, so a name with spaces or `/` changes the path.
    ///
    /// ## Example
    /// ```json
    /// { "source_url": "https://app.acme.io/{{procore.company.id}}/panel" }
    /// ```
    /// ## Fixed
    /// ```json
    /// { "source_url": "https://app.acme.io/panel?company={{procore.company.id}}" }
    /// ```
    ///
    /// ## Evidence
    /// - URL Parameter Interpolation (Procore developer documentation as of February 2026):
    ///   https://github.com/procore/documentation/blob/c755a366a7bf69bda46cd57ef66677275eddcc21/_includes/url_parameter_interpolation.md
    pub static C015 = ("C015", "builtin-variable-outside-query", Info, None, "a procore.* built-in used in the host or path");
}

/// Which part of URL `s` bytes `range` (before the query) stand in: the
/// user info, host or port of its authority, or its path.
fn part(s: &str, range: &std::ops::Range<usize>) -> &'static str {
    match super::url::authority(s) {
        Some((start, end)) if range.start >= start && range.start < end => {
            let auth = &s[start..end];
            let at = range.start - start;
            // The user info ends at the authority's last `@`; the port
            // starts at a `:` after the host (an IPv6 host's are inside `[]`).
            let host_from = auth.rfind('@').map_or(0, |i| i + 1);
            if at < host_from {
                return "user info";
            }
            let host = &auth[host_from..];
            let after_v6 = host.rfind(']').map_or(0, |i| i + 1);
            match host[after_v6..].find(':') {
                Some(colon) if at - host_from >= after_v6 + colon => "port",
                _ => "host",
            }
        }
        _ => "path",
    }
}

/// A built-in placeholder before the query of a URL that parses.
pub fn check(p: &Placeholder, pointer: &Ptr, facts: &UrlFacts, out: &mut Vec<Diagnostic>) {
    if !is_builtin_placeholder(&p.name) {
        return;
    }
    let Ok((_, query_start)) = &facts.parsed else { return };
    if p.range.start < *query_start {
        out.push(
            Diagnostic::new(
                &C015,
                p.span,
                pointer.written(),
                format!(
                    "built-in {} in the URL's {}: the documentation presents built-ins for query parameters",
                    crate::rules::interpolation::shown(&p.name),
                    part(facts.text, &p.range)
                ),
            )
            .with_help(format!(
                "pass it as a query parameter, e.g. {}",
                crate::text::code_span(&format!("?id={{{{{}}}}}", p.name))
            )),
        );
    }
}
