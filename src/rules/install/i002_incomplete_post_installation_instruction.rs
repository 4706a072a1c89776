//! I002 `incomplete-post-installation-instruction`.

use crate::declare_rule;
use crate::diagnostics::Diagnostic;
use crate::rules::Checker;
use crate::syntax::Node;

declare_rule! {
    /// ## What it checks
    /// Empty `notes`, or a `page` without both `url` and `label` (missing,
    /// or empty: only whitespace counts as empty). A missing member is
    /// reported at `page`, an empty one at its value.
    ///
    /// ## Why
    /// An empty note or a link without text (or without a target) is shown
    /// to the admin as is.
    ///
    /// ## Example
    /// ```json
    /// { "post_installation_instruction": { "notes": "", "page": { "url": "https://help.acme.io/setup" } } }
    /// ```
    /// ## Fixed
    /// ```json
    /// { "post_installation_instruction": { "notes": "Connect your Acme account.", "page": { "url": "https://help.acme.io/setup", "label": "Setup guide" } } }
    /// ```
    ///
    /// ## Evidence
    /// - Defining the App Manifest (4.1) (Procore developer documentation as of February 2026):
    ///   https://github.com/procore/documentation/blob/c755a366a7bf69bda46cd57ef66677275eddcc21/building_applications/building_apps_define_manifest_v41.md
    pub static I002 = ("I002", "incomplete-post-installation-instruction", Warning, None,
        "empty notes, or a page without both url and label");
}

/// A string with nothing but whitespace.
fn blank(s: &str) -> bool {
    s.trim().is_empty()
}

/// Empty notes, neither notes nor a page, a page without url or label.
pub fn check(cx: &Checker, pii: &Node, out: &mut Vec<Diagnostic>) {
    match pii.member("notes") {
        Some(n) if n.value.as_str().is_some_and(blank) => out.push(
            Diagnostic::new(
                &I002,
                n.value.span,
                "/post_installation_instruction/notes",
                "the setup notes are empty",
            )
            .with_help("tell the admin what to do after installing"),
        ),
        None if pii.get("page").is_none() => out.push(
            Diagnostic::new(
                &I002,
                cx.missing_span(pii),
                "/post_installation_instruction",
                "the post-installation instruction has neither notes nor a page",
            )
            .with_help("add `notes`, a `page` with `url` and `label`, or both"),
        ),
        _ => {}
    }
    if let Some(page) = pii.get("page").filter(|p| p.as_object().is_some()) {
        check_page(cx, page, out);
    }
}

/// A page without url or label (reported at the page: a missing member),
/// or with one that is empty or only whitespace (reported at that value).
/// A value that is no string is S003's wrong type, not an empty one.
fn check_page(cx: &Checker, page: &Node, out: &mut Vec<Diagnostic>) {
    let mut missing = Vec::new();
    for key in ["url", "label"] {
        match page.member(key) {
            None => missing.push(key),
            Some(m) if m.value.as_str().is_some_and(blank) => out.push(
                Diagnostic::new(
                    &I002,
                    m.value.span,
                    format!("/post_installation_instruction/page/{key}"),
                    format!("the setup page's {key} is empty"),
                )
                .with_help("give the page both a `url` and a `label`"),
            ),
            Some(_) => {}
        }
    }
    if !missing.is_empty() {
        out.push(
            Diagnostic::new(
                &I002,
                page.span.first_char(cx.text),
                "/post_installation_instruction/page",
                format!("the setup page has no {}", missing.join(" and no ")),
            )
            .with_help("give the page both a `url` and a `label`"),
        );
    }
}
