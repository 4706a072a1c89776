//! R007 `secret-in-manifest`.

use crate::declare_rule;
use crate::diagnostics::Diagnostic;
use crate::secrets::Found;

declare_rule! {
    /// ## What it checks
    /// Credentials anywhere in the manifest, by three tests:
    /// 1. a member named like a credential, by the words of its name
    ///    (`client_secret`, `webhook_secret`, `DB_PASSWORD`, `Client Secret`,
    ///    `privateKey`, `x-api-key`, `authToken`, `connectionString`,
    ///    `token`; not `token_url`, `token_type`, `client_id` or
    ///    `password_hint`), holding a literal (not empty, not a
    ///    `{{placeholder}}`) of any type;
    /// 2. a published credential format in any string or key: 112 formats
    ///    (GitHub, GitLab, Slack, Stripe, AWS, Google, Twilio, SendGrid, npm,
    ///    PyPI, OpenAI, Anthropic, Azure, Shopify, JWTs, PEM private keys,
    ///    `Bearer` and `Basic` credentials in a sentence, ...), each with
    ///    its source in `data/credential-formats.json`; a distinctive vendor
    ///    prefix followed by 8 or more token characters counts too;
    /// 3. the secret parts of a URL: a userinfo password, a token alone as
    ///    userinfo, secret query and fragment parameters (`access_token`,
    ///    `sig`, `key`, `code`, and secret-named ones).
    ///
    /// Also a long high-entropy string (20 characters or more, 4.0 bits per
    /// character; never a UUID or a view key) under a key-like name: its
    /// string, the strings of its list, a declared field's literal values. A
    /// token whose random part is one or two repeated characters (a
    /// vendor's prefix, then `xxxx…`) is a placeholder, and a PEM header with
    /// no key body after it (in a sentence, or right before its END line)
    /// holds no key. A
    /// `uid` or `uuid` member's own value is an identifier; members below
    /// it are scanned. A file that does not parse is scanned too (comments,
    /// unquoted tokens, a value past a raw line break). The message names
    /// the test and, for a format, the vendor's kind of credential; the
    /// value is never shown in any output.
    ///
    /// Measured on a labelled corpus of 287 planted credentials and 446
    /// look-alikes (`tests/secret_corpus.rs`): recall 100%, precision 100%.
    /// Not detected: a credential of no published format under a name that
    /// is neither secret-named nor key-like, or one split across strings.
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
                "{} is named like a credential and holds a literal value: secrets never belong in a manifest",
                crate::text::code_span(&crate::secrets::key(n))
            ),
            (Some(n), crate::secrets::Why::Entropy) => format!(
                "{} holds a high-entropy string under a key-like name: secrets never belong in a manifest",
                crate::text::code_span(&crate::secrets::key(n))
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
