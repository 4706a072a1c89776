//! P006 `redundant-none-grant`.

use crate::declare_rule;
use crate::diagnostics::{Diagnostic, Fix};
use crate::model::view::Entry;
use crate::rules::edits::remove_entry;
use crate::rules::Checker;

declare_rule! {
    /// ## What it checks
    /// An explicit `"none"`. The builder leaves tools at None out of the
    /// manifest; whether the Portal accepts an explicit `"none"` is not
    /// documented.
    ///
    /// ## Why
    /// It grants nothing and may not be accepted; removing it changes no
    /// access.
    ///
    /// ## Example
    /// ```json
    /// { "project": { "rfi": "readonly", "photos": "none" } }
    /// ```
    /// ## Fixed
    /// ```json
    /// { "project": { "rfi": "readonly" } }
    /// ```
    /// ## Fix safety
    /// Safe: removing a None grant changes no access.
    ///
    /// ## Evidence
    /// - Building Data Connection Apps (4.1): the Permission Builder (Procore developer documentation as of February 2026):
    ///   https://github.com/procore/documentation/blob/c755a366a7bf69bda46cd57ef66677275eddcc21/building_applications/building_data_connection_apps_v41.md
    pub static P006 = ("P006", "redundant-none-grant", Info, Safe,
        "an explicit \"none\"; the builder omits such tools");
}

/// An entry written `"none"`: the safe fix removes it.
pub fn check(cx: &Checker, entry: &Entry, out: &mut Vec<Diagnostic>) {
    if entry.value().as_str() != Some("none") {
        return;
    }
    let fix = remove_entry(cx.root, entry);
    let mut d = Diagnostic::new(
        &P006,
        entry.member.span(),
        entry.pointer(),
        format!(
            "{} is granted \"none\": the Permission Builder leaves such tools out",
            crate::text::code_span(entry.key())
        ),
    )
    .with_help("remove the entry; it grants nothing");
    d.unnecessary = true;
    if let Some(edit) = fix {
        d = d.with_fix(Fix::safe("remove the \"none\" entry", vec![edit]));
    }
    out.push(d);
}
