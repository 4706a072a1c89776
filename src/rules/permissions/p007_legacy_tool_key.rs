//! P007 `legacy-tool-key`.

use crate::catalog::Tool;
use crate::declare_rule;
use crate::diagnostics::{Diagnostic, Edit, Fix};
use crate::model::view::Entry;
use crate::rules::Checker;
use crate::text::json_string;

declare_rule! {
    /// ## What it checks
    /// A key that only old builders wrote: `portfolio` (company) for `home`,
    /// `budget` (project) for `budgeting` (2021 screenshots; the 2023 ones
    /// use the new keys).
    ///
    /// ## Why
    /// Current builders write the new keys; an old key may not be read.
    ///
    /// ## Example
    /// ```json
    /// { "company": { "portfolio": "standard" }, "project": { "budget": "readonly" } }
    /// ```
    /// ## Fixed
    /// ```json
    /// { "company": { "home": "standard" }, "project": { "budgeting": "readonly" } }
    /// ```
    /// ## Fix safety
    /// Unsafe: whether the Portal still reads the old key is not
    /// documented, so the rename is yours to confirm.
    ///
    /// ## Evidence
    /// - Building Data Connection Apps with DMSA (legacy manifest v3.2): `client_credentials` and the permissions inside the oauth instance (Procore developer documentation as of February 2026):
    ///   https://github.com/procore/documentation/blob/c755a366a7bf69bda46cd57ef66677275eddcc21/building_applications/building_data_connection_apps_v3x_legacy.md
    pub static P007 = ("P007", "legacy-tool-key", Warning, Unsafe,
        "a key that only old builders wrote (portfolio for home, budget for budgeting); unsafe fix: rename");
}

/// A legacy key of `tool`: the unsafe fix renames it, unless its successor
/// is already granted beside it.
pub fn check(cx: &Checker, tool: &Tool, entry: &Entry, out: &mut Vec<Diagnostic>) {
    let Some(new_key) = tool.legacy_of.as_deref() else {
        return;
    };
    let shown_key = crate::text::code_span(entry.key());
    let block_scope = cx.root.pointer(&entry.scope_pointer).map(|r| r.node);
    let successor_present = block_scope.is_some_and(|s| s.get(new_key).is_some());
    let d = Diagnostic::new(
        &P007,
        entry.key_span(),
        entry.pointer(),
        format!("legacy tool key {shown_key}: current Permission Builders write `{new_key}`"),
    );
    // Renaming one of two entries of the key would make the other live.
    let twice = block_scope.is_some_and(|s| crate::rules::edits::written_twice(s, entry.key()));
    out.push(if successor_present {
        d.with_help(format!("`{new_key}` is already granted here; remove {shown_key}"))
    } else if twice {
        d.with_help(format!(
            "{shown_key} is written twice here (S002): keep one, then rename it to `{new_key}`"
        ))
    } else {
        d.with_help(format!("rename {shown_key} to `{new_key}`"))
            .with_fix(Fix::unsafe_(
                format!("rename to `{new_key}`"),
                vec![Edit::replace(entry.key_span(), json_string(new_key))],
            ))
    });
}
