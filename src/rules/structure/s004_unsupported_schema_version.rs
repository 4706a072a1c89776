//! S004 `unsupported-schema-version`.

use crate::declare_rule;
use crate::diagnostics::Diagnostic;
use crate::model::SchemaFamily;
use crate::rules::Checker;
use crate::syntax::NodeKind;

declare_rule! {
    /// ## What it checks
    /// `schema_version` is missing, not a string, or neither `"4.1"` nor a
    /// 3.x form (`"3"`, `"3.2"`, `"3.0.1"`: `^3(\.[0-9]+)*$`). The number
    /// `4.1` is not the string `"4.1"`.
    ///
    /// The other rules still run, on the layout the document looks like
    /// (`fullscreen`, `sidepanel` or a top-level `permissions`: 4.1;
    /// otherwise `components`: 3.x; neither: 4.1); the message says which,
    /// and the help names the version of that layout: `"4.1"`, or `"3.2"`
    /// for a 3.x layout with the migration to 4.1 as a second step, also
    /// when the value is a number that reads as another version (`4.1` or
    /// `3.1` over `components`).
    ///
    /// ## Why
    /// The Portal picks the format by this member; without a version it
    /// knows, the manifest is rejected.
    ///
    /// ## Example
    /// ```json
    /// { "schema_version": 4.1, "permissions": {} }
    /// ```
    /// ## Fixed
    /// ```json
    /// { "schema_version": "4.1", "permissions": {} }
    /// ```
    ///
    /// ## Evidence
    /// - Defining the App Manifest (4.1) (Procore developer documentation as of February 2026):
    ///   https://github.com/procore/documentation/blob/c755a366a7bf69bda46cd57ef66677275eddcc21/building_applications/building_apps_define_manifest_v41.md
    /// - Legacy v3.x manifest format (Procore developer documentation as of February 2026):
    ///   https://github.com/procore/documentation/blob/c755a366a7bf69bda46cd57ef66677275eddcc21/building_applications/building_apps_legacy_v3x_manifest_format.md
    pub static S004 = ("S004", "unsupported-schema-version", Error, None,
        "schema_version missing, not a string, or not \"4.1\" nor a 3.x form");
}

/// `schema_version` missing or not a known version (`declared`: it named
/// a layout). The message and help name the layout the file was checked as.
pub fn check(cx: &Checker, declared: bool, out: &mut Vec<Diagnostic>) {
    let root = cx.root;
    let assumed = match cx.family {
        SchemaFamily::V4_1 => "checked as a 4.1 manifest (the layout it looks like)",
        SchemaFamily::V3 => "checked as a 3.x manifest (it has `components`)",
    };
    // The help names the version of the layout the file was checked as:
    // declaring another would turn its members into schema errors.
    let declare = match cx.family {
        SchemaFamily::V4_1 => "add \"schema_version\": \"4.1\" (the layout this file uses)",
        SchemaFamily::V3 => {
            "add \"schema_version\": \"3.2\" (the 3.x layout this file uses); migrating to 4.1 is a second step (see S005)"
        }
    };
    match root.member("schema_version") {
        None => {
            let span = cx.missing_span(root);
            out.push(
                Diagnostic::new(&S004, span, "", format!("`schema_version` is missing; {assumed}")).with_help(declare),
            );
        }
        Some(m) if !declared => {
            let what = match m.value.as_str() {
                Some(_) => "is neither \"4.1\" nor a 3.x form such as \"3.2\"".to_string(),
                None => format!("must be a string, found {}", m.value.type_name()),
            };
            // A number that reads as a version (`4.1`, `3.1`) is most
            // likely meant as one, but the string to write is still the
            // version of the layout the file was checked as: the number's
            // own could name the other layout (`4.1` over `components`) or
            // a 3.x version a 3.x rule rejects (`3.1` with a side panel,
            // C017).
            let help = match (&m.value.kind, cx.family) {
                (NodeKind::Number(n), family) if SchemaFamily::of_version(n).is_some() => match family {
                    SchemaFamily::V4_1 => "write it as a string: \"4.1\"".to_string(),
                    SchemaFamily::V3 => "write it as a string: \"3.2\" (the 3.x layout this file uses); migrating to 4.1 is a second step (see S005)".to_string(),
                },
                _ => declare.replacen("add", "write", 1),
            };
            out.push(
                Diagnostic::new(
                    &S004,
                    m.value.span,
                    "/schema_version",
                    format!("`schema_version` {what}; {assumed}"),
                )
                .with_help(help),
            );
        }
        Some(_) => {}
    }
}
