//! C002 `invalid-url`.

use super::url::UrlFacts;
use crate::declare_rule;
use crate::diagnostics::Diagnostic;
use crate::syntax::{Node, Ptr};

declare_rule! {
    /// ## What it checks
    /// A URL that does not parse once each `{{placeholder}}` is replaced by a
    /// sample value.
    ///
    /// ## Why
    /// Procore cannot load a component whose URL is malformed.
    ///
    /// ## Example
    /// ```json
    /// { "source_url": "https//app.acme.io" }
    /// ```
    /// ## Fixed
    /// ```json
    /// { "source_url": "https://app.acme.io" }
    /// ```
    ///
    /// ## Evidence
    /// - URL Parameter Interpolation (Procore developer documentation as of February 2026):
    ///   https://github.com/procore/documentation/blob/c755a366a7bf69bda46cd57ef66677275eddcc21/_includes/url_parameter_interpolation.md
    pub static C002 = ("C002", "invalid-url", Error, None, "a URL does not parse, once each {{placeholder}} is replaced by a sample value");
}

pub fn check(url: &Node, pointer: &Ptr, facts: &UrlFacts, out: &mut Vec<Diagnostic>) {
    if let Err(e) = &facts.parsed {
        out.push(
            Diagnostic::new(
                &C002,
                url.span,
                pointer.written(),
                format!("the URL does not parse: {e}"),
            )
            .with_help("write an absolute https URL, e.g. https://app.example-vendor.io/procore"),
        );
    }
}
