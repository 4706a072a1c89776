//! R007 `secret-in-manifest`.

use crate::declare_rule;
use crate::diagnostics::Diagnostic;
use crate::secrets::Found;

declare_rule! {
    /// ## What it checks
    /// Credentials in the manifest: a member named `client_secret`,
    /// `secret`, `access_token`, `refresh_token`, `password` or `api_key`
    /// (any case, `-` or `_`), or a string that is a JWT (three base64url
    /// segments, the first starting `eyJ`) or starts with `Bearer `. Members
    /// named `uid` and `uuid` are Portal-generated identifiers and never
    /// secrets. The value is never shown in any output.
    ///
    /// ## Why
    /// Procore's shared-responsibility model leaves credential handling
    /// (client_id, client_secret) to the developer: they never belong in a
    /// manifest, which is pasted into the Portal, reviewed by others and
    /// kept in repositories.
    ///
    /// ## Example
    /// ```json
    /// { "app_manifest": { "name": "Sync" }, "client_secret": "…" }
    /// ```
    /// ## Fixed
    /// ```json
    /// { "app_manifest": { "name": "Sync" } }
    /// ```
    /// Rotate the credential: it has been exposed.
    ///
    /// ## Evidence
    /// - Building Data Connection Apps (4.1): the Permission Builder (Procore developer documentation as of February 2026):
    ///   https://github.com/procore/documentation/blob/c755a366a7bf69bda46cd57ef66677275eddcc21/building_applications/building_data_connection_apps_v41.md
    pub static R007 = ("R007", "secret-in-manifest", Error, None,
        "credentials in the manifest (secret-named members, JWTs, Bearer tokens); the secret is never echoed", security_severity = "9.0");
}

/// Every secret the secret room finds in the document.
pub fn check(secrets: &[Found], out: &mut Vec<Diagnostic>) {
    for found in secrets {
        let msg = match &found.name {
            Some(n) => format!(
                "`{}` holds a credential: secrets never belong in a manifest",
                crate::text::sanitize_inline(n)
            ),
            None => {
                "a token-shaped value (a JWT or a Bearer token) is in the manifest: secrets never belong in it".into()
            }
        };
        out.push(
            Diagnostic::new(&R007, found.report_span, found.pointer.clone(), msg).with_help(
                "remove it and rotate the credential; keep client_id and client_secret in your app's secret store",
            ),
        );
    }
}
