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
        "a credential in the manifest: a secret-named member, a published credential format (which vendor's), a secret part of a URL, or a high-entropy string under a key-like name; never echoed", security_severity = "9.0");
}

/// Every secret the secret room finds in the document.
pub fn check(secrets: &[Found], out: &mut Vec<Diagnostic>) {
    for found in secrets {
        let msg = match (&found.name, found.why) {
            (Some(n), crate::secrets::Why::Name) => format!(
                "`{}` is named like a credential and holds a literal value: secrets never belong in a manifest",
                crate::text::sanitize_inline(&crate::secrets::key(n))
            ),
            (Some(n), crate::secrets::Why::Entropy) => format!(
                "`{}` holds a high-entropy string under a key-like name: secrets never belong in a manifest",
                crate::text::sanitize_inline(&crate::secrets::key(n))
            ),
            (_, why) => format!("{} is in the manifest: secrets never belong in it", why.describe()),
        };
        out.push(
            Diagnostic::new(&R007, found.report_span, found.pointer.clone(), msg).with_help(
                "remove it and rotate the credential; keep client_id and client_secret in your app's secret store",
            ),
        );
    }
}

/// R007 in a file that does not parse: every secret the lexical scan found.
pub fn check_unparsable(found: &[crate::secrets::Lexical]) -> Vec<Diagnostic> {
    found
        .iter()
        .map(|l| {
            Diagnostic::new(
                &R007,
                l.span,
                "",
                format!(
                    "{} is in the file (found in text that does not parse): secrets never belong in a manifest",
                    l.why.describe()
                ),
            )
            .with_help(
                "remove it and rotate the credential; keep client_id and client_secret in your app's secret store",
            )
        })
        .collect()
}
