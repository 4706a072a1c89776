//! P005 `unknown-permission-scope`.

use crate::declare_rule;
use crate::diagnostics::Diagnostic;
use crate::model::view::PermBlock;
use crate::syntax::{escape_pointer_segment, Member};
use crate::text::closest;

declare_rule! {
    /// ## What it checks
    /// A key under `permissions` other than `company` and `project`, with a
    /// did-you-mean.
    ///
    /// ## Why
    /// The builder writes only these two scopes; grants under any other key
    /// do not exist.
    ///
    /// ## Example
    /// ```json
    /// { "permissions": { "compnay": { "documents": "readonly" } } }
    /// ```
    /// ## Fixed
    /// ```json
    /// { "permissions": { "company": { "documents": "readonly" } } }
    /// ```
    ///
    /// ## Evidence
    /// - Building Data Connection Apps (4.1): the Permission Builder (Procore developer documentation as of February 2026):
    ///   https://github.com/procore/documentation/blob/c755a366a7bf69bda46cd57ef66677275eddcc21/building_applications/building_data_connection_apps_v41.md
    pub static P005 = ("P005", "unknown-permission-scope", Error, None,
        "a key under permissions other than company/project; did-you-mean");
}

/// The scopes the Permission Builder writes.
pub const SCOPES: [&str; 2] = ["company", "project"];

pub fn check(block: &PermBlock, scope: &Member, out: &mut Vec<Diagnostic>) {
    if SCOPES.contains(&scope.key) {
        return;
    }
    let mut d = Diagnostic::new(
        &P005,
        scope.key_span,
        format!("{}/{}", block.pointer, escape_pointer_segment(scope.key)),
        format!(
            "unknown permission scope {}: the Permission Builder writes only `company` and `project`",
            crate::text::code_span(scope.key)
        ),
    );
    if let Some(s) = closest(scope.key, SCOPES) {
        d = d.with_help(format!("did you mean `{s}`?"));
    }
    out.push(d);
}
