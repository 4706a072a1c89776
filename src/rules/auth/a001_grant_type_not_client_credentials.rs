//! A001 `grant-type-not-client-credentials`.

use crate::declare_rule;
use crate::diagnostics::Diagnostic;
use crate::settings::ExpectedAuth;
use crate::span::Span;

declare_rule! {
    /// ## What it checks
    /// A 3.x oauth instance whose `grant_type` is not `client_credentials`,
    /// in an app that needs a Developer Managed Service Account (config
    /// `expected-auth`, default `"service-account"`; `"user"` turns the rule
    /// off for apps that act as the signed-in user; `"both"` requires one
    /// client_credentials instance and allows authorization_code beside it).
    ///
    /// ## Why
    /// Only the client_credentials grant gives the app a DMSA: with
    /// `authorization_code` the app acts as whoever signs in, the
    /// permissions the admin approves are not the app's, and a data sync
    /// breaks when that user leaves.
    ///
    /// ## Which `expected-auth`
    /// Procore's Developer Portal builds a data connection app with
    /// "Service Account Authentication", "User Level Authentication", or
    /// both ("Select **Service Account Authentication** and **User Level
    /// Authentication**", Building Data Connection Applications,
    /// https://github.com/procore/documentation/blob/c755a366a7bf69bda46cd57ef66677275eddcc21/building_applications/building_data_connection_apps.md).
    /// Pick the config value that matches the app:
    /// - Service Account Authentication only: `expected-auth =
    ///   "service-account"` (the default): every instance must be
    ///   client_credentials;
    /// - User Level Authentication only (the app acts as the signed-in
    ///   user, OAuth 2.0 authorization code): `expected-auth = "user"`;
    /// - both: `expected-auth = "both"`: one client_credentials instance is
    ///   required, authorization_code is allowed beside it.
    ///
    /// ## Example
    /// ```json
    /// { "uuid": "…", "grant_type": "authorization_code" }
    /// ```
    /// ## Fixed
    /// ```json
    /// { "uuid": "…", "grant_type": "client_credentials" }
    /// ```
    pub static A001 = ("A001", "grant-type-not-client-credentials", Error, None,
        "a 3.x oauth instance uses a grant type other than client_credentials, so the app gets no Developer Managed Service Account");
}

/// Each authorization_code instance (its grant type's span and pointer),
/// by what the config expects; `has_cc`: some instance is client_credentials.
pub fn check(expected: ExpectedAuth, has_cc: bool, authorization_code: &[(Span, String)], out: &mut Vec<Diagnostic>) {
    let (message, help) = match expected {
        ExpectedAuth::User => return,
        ExpectedAuth::Both if has_cc => return,
        ExpectedAuth::ServiceAccount => (
            "grant type \"authorization_code\": the app acts as the signed-in user and gets no Developer Managed Service Account",
            "a data connection app uses \"client_credentials\"; for an app that acts as its users set `expected-auth = \"user\"` (or \"both\") in procore-manifest.toml",
        ),
        ExpectedAuth::Both => (
            "no client_credentials instance beside this authorization_code one: `expected-auth = \"both\"` needs a service account connection too",
            "add an oauth instance with \"grant_type\": \"client_credentials\"",
        ),
    };
    for (span, pointer) in authorization_code {
        out.push(Diagnostic::new(&A001, *span, pointer.clone(), message).with_help(help));
    }
}
