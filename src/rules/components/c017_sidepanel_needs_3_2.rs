//! C017 `sidepanel-needs-3.2`.

use crate::declare_rule;
use crate::diagnostics::{Diagnostic, Edit, Fix};
use crate::model::view::Component;
use crate::syntax::Node;

declare_rule! {
    /// ## What it checks
    /// A 3.x iframe instance of type `sidepanel` in a manifest whose
    /// `schema_version` is a 3.x form below 3.2 (`"3"`, `"3.0"`, `"3.1"`).
    ///
    /// ## Why
    /// Procore's side panel guide: "A valid side panel app manifest
    /// requires … Manifest version number must be '3.2'"
    /// (procore/documentation, building_applications/building_side_panel_apps.md
    /// at commit 081dd26, https://github.com/procore/documentation/blob/081dd2625460027c50d7bd43a2b0fba7762df9fe/building_applications/building_side_panel_apps.md).
    /// An older version does not give the side panel.
    ///
    /// ## Example
    /// ```json
    /// { "schema_version": "3.1", "components": { "iframe": { "instances": [ { "type": "sidepanel", "uuid": "…", "iframe_src": "https://app.acme.io/panel", "views": ["rfi.detail"] } ] } } }
    /// ```
    /// ## Fixed
    /// ```json
    /// { "schema_version": "3.2", "components": { "iframe": { "instances": [ { "type": "sidepanel", "uuid": "…", "iframe_src": "https://app.acme.io/panel", "views": ["rfi.detail"] } ] } } }
    /// ```
    /// ## Fix safety
    /// Safe: 3.2 is the 3.x version with side panels; nothing else changes.
    pub static C017 = ("C017", "sidepanel-needs-3.2", Error, Safe,
        "a 3.x side panel iframe in a manifest whose schema_version is below 3.2 (safe fix: set it to \"3.2\")");
}

/// Is a 3.x version form below 3.2?
fn below_3_2(v: &str) -> bool {
    let mut parts = v.split('.');
    parts.next() == Some("3")
        && parts
            .next()
            .map_or(Some(0), |m| m.parse::<u32>().ok())
            .is_some_and(|m| m < 2)
}

/// A side panel instance `c` under a manifest whose version is `version`.
pub fn check(root: &Node, c: &Component, out: &mut Vec<Diagnostic>) {
    let Some(version) = root.get("schema_version") else {
        return;
    };
    let Some(v) = version.as_str().filter(|v| below_3_2(v)) else {
        return;
    };
    let span = c.node.member("type").map_or(c.node.span, |m| m.value.span);
    out.push(
        Diagnostic::new(
            &C017,
            span,
            format!("{}/type", c.pointer),
            format!(
                "a side panel needs schema_version \"3.2\"; this manifest declares {}",
                crate::secrets::quote(v)
            ),
        )
        .with_help("set \"schema_version\": \"3.2\" (then consider migrating to 4.1)")
        .with_related("the version declared here", version.span)
        .with_fix(Fix::safe(
            "set schema_version to \"3.2\"",
            vec![Edit::replace(version.span, "\"3.2\"")],
        )),
    );
}

#[cfg(test)]
mod tests {
    use super::below_3_2;

    #[test]
    fn versions() {
        for v in ["3", "3.0", "3.1", "3.1.5"] {
            assert!(below_3_2(v), "{v}");
        }
        for v in ["3.2", "3.10", "4.1", "3.x"] {
            assert!(!below_3_2(v), "{v}");
        }
    }
}
