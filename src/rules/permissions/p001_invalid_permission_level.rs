//! P001 `invalid-permission-level`.

use crate::declare_rule;
use crate::diagnostics::{Diagnostic, Edit, Fix};
use crate::model::view::Entry;
use crate::model::Level;
use crate::secrets::quote_member;
use crate::text::json_string;

declare_rule! {
    /// ## What it checks
    /// A permission level that is not `none`, `readonly`, `standard` or
    /// `admin`. Known spellings (`"read_only"`, `"Read Only"`,
    /// `"read-only"`, `"Standard"`, `"ADMIN"`, …) get a fix to the
    /// canonical token; other values (`"full"`, a number) get none.
    ///
    /// ## Why
    /// The Permission Builder writes exactly these tokens; the Portal
    /// rejects anything else, or reads it as no access.
    ///
    /// ## Example
    /// ```json
    /// { "project": { "rfi": "Read Only" } }
    /// ```
    /// ## Fixed
    /// ```json
    /// { "project": { "rfi": "readonly" } }
    /// ```
    /// ## Fix safety
    /// Safe: the fix writes the token the spelling already means.
    ///
    /// ## Evidence
    /// - Building Data Connection Apps (4.1): the Permission Builder (Procore developer documentation as of February 2026):
    ///   https://github.com/procore/documentation/blob/c755a366a7bf69bda46cd57ef66677275eddcc21/building_applications/building_data_connection_apps_v41.md
    pub static P001 = ("P001", "invalid-permission-level", Error, Safe,
        "value is not none/readonly/standard/admin; known spellings get a safe fix to the canonical token");
}

/// The entry's level as the other rules read it (a known misspelling
/// counts as what it means); with `out`, P001 on a value that is not a
/// canonical level.
pub fn level(entry: &Entry, out: Option<&mut Vec<Diagnostic>>) -> Option<Level> {
    let value = entry.value();
    let Some(raw) = value.as_str() else {
        if let Some(out) = out {
            out.push(
                Diagnostic::new(
                    &P001,
                    value.span,
                    entry.pointer(),
                    format!(
                        "the level of {} must be a string (\"none\", \"readonly\", \"standard\" or \"admin\"), found {}",
                        crate::text::code_span(entry.key()),
                        value.type_name()
                    ),
                )
                .with_help("write the level as one of the four strings the Permission Builder uses"),
            );
        }
        return None;
    };
    if let Some(l) = Level::from_canonical(raw) {
        return Some(l);
    }
    let normalized = Level::normalize(raw);
    if let Some(out) = out {
        let d = Diagnostic::new(
            &P001,
            value.span,
            entry.pointer(),
            format!(
                "invalid permission level {} for {}: use \"none\", \"readonly\", \"standard\" or \"admin\"",
                quote_member(entry.key(), raw),
                crate::text::code_span(entry.key())
            ),
        );
        out.push(match normalized {
            Some(l) => d
                .with_help(format!("the Permission Builder writes \"{}\"", l.as_str()))
                .with_fix(Fix::safe(
                    format!("replace with \"{}\"", l.as_str()),
                    vec![Edit::replace(value.span, json_string(l.as_str()))],
                )),
            None => d.with_help(
                "choose the lowest level that works: \"readonly\" to read data, \"standard\" to create and edit",
            ),
        });
    }
    normalized
}
