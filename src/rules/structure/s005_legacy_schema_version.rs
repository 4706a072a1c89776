//! S005 `legacy-schema-version`.

use crate::declare_rule;
use crate::diagnostics::Diagnostic;
use crate::model::SchemaFamily;
use crate::rules::Checker;

declare_rule! {
    /// ## What it checks
    /// The manifest uses the legacy 3.x format.
    ///
    /// ## Why
    /// Procore documents a migration to 4.1, the current format: in 4.1 the
    /// tool permissions move from `components.oauth.instances[i].permissions`
    /// to a top-level `permissions` block, the grant type is no longer
    /// declared (one set of credentials serves every grant type), and
    /// `components.iframe.instances[]` become the `fullscreen` and
    /// `sidepanel` members (`iframe_src` becomes `source_url`,
    /// `configuration` becomes `user_configuration`).
    ///
    /// ## Example
    /// ```json
    /// { "schema_version": "3.2", "components": { "oauth": { "instances": [] } } }
    /// ```
    /// ## Fixed
    /// ```json
    /// { "schema_version": "4.1", "permissions": { "company": {}, "project": {} } }
    /// ```
    ///
    /// ## Evidence
    /// - Defining the App Manifest (4.1) (Procore developer documentation as of February 2026):
    ///   https://github.com/procore/documentation/blob/c755a366a7bf69bda46cd57ef66677275eddcc21/building_applications/building_apps_define_manifest_v41.md
    /// - Legacy v3.x manifest format (Procore developer documentation as of February 2026):
    ///   https://github.com/procore/documentation/blob/c755a366a7bf69bda46cd57ef66677275eddcc21/building_applications/building_apps_legacy_v3x_manifest_format.md
    pub static S005 = ("S005", "legacy-schema-version", Warning, None,
        "3.x manifest: legacy format; help says what moves where in 4.1");
}

/// A declared 3.x `schema_version`.
pub fn check(cx: &Checker, declared: bool, out: &mut Vec<Diagnostic>) {
    let Some(m) = cx.root.member("schema_version") else {
        return;
    };
    if !declared || cx.family != SchemaFamily::V3 {
        return;
    }
    out.push(
        Diagnostic::new(
            &S005,
            m.value.span,
            "/schema_version",
            "legacy 3.x manifest: Procore's current format is 4.1",
        )
        .with_help(
            "in 4.1, `components.oauth.instances[i].permissions` moves to a top-level `permissions` block \
             and the grant type is no longer declared; `components.iframe.instances[]` become `fullscreen` \
             and `sidepanel` (`iframe_src` → `source_url`, `configuration` → `user_configuration`); \
             then set \"schema_version\": \"4.1\"",
        ),
    );
}
