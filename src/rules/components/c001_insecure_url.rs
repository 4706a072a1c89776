//! C001 `insecure-url`.

use super::url::UrlFacts;
use crate::declare_rule;
use crate::diagnostics::Diagnostic;
use crate::syntax::{Node, Ptr};

declare_rule! {
    /// ## What it checks
    /// A URL that is not https: `source_url` (4.1), `iframe_src` (3.x), the
    /// post-install page `url`, and each configuration field's
    /// `support_link.url`.
    ///
    /// ## Why
    /// Procore is served over https; an http iframe is blocked as mixed
    /// content, and review rejects it.
    ///
    /// ## Example
    /// ```json
    /// { "source_url": "http://app.acme.io/procore" }
    /// ```
    /// ## Fixed
    /// ```json
    /// { "source_url": "https://app.acme.io/procore" }
    /// ```
    ///
    /// ## Evidence
    /// - Defining the App Manifest (4.1) (Procore developer documentation as of February 2026):
    ///   https://github.com/procore/documentation/blob/c755a366a7bf69bda46cd57ef66677275eddcc21/building_applications/building_apps_define_manifest_v41.md
    /// - Building Side Panel Applications (Procore developer documentation as of February 2026):
    ///   https://github.com/procore/documentation/blob/c755a366a7bf69bda46cd57ef66677275eddcc21/building_applications/building_side_panel_apps.md
    pub static C001 = ("C001", "insecure-url", Error, None, "a URL (source_url, iframe_src, post-install page url, support_link url) is not https");
}

/// An http URL (or one that does not parse but starts `http://`).
pub fn check(url: &Node, pointer: &Ptr, facts: &UrlFacts, out: &mut Vec<Diagnostic>) {
    let insecure = match &facts.parsed {
        Ok((parsed, _)) => parsed.scheme() != "https",
        Err(_) => {
            let lower = facts.text.trim().to_ascii_lowercase();
            !lower.starts_with("https://") && lower.starts_with("http://")
        }
    };
    if insecure {
        out.push(
            Diagnostic::new(&C001, url.span, pointer.written(), "the URL is not https")
                .with_help("serve the app over https; Procore blocks http content"),
        );
    }
}
