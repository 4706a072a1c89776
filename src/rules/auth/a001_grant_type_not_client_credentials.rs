//! A001 `grant-type-not-client-credentials`.

use crate::declare_rule;
use crate::diagnostics::Diagnostic;
use crate::settings::ExpectedAuth;
use crate::span::Span;

declare_rule! {
    /// ## What it checks
    /// A 3.x oauth instance whose `grant_type` is `authorization_code` in an
    /// app with no `client_credentials` instance beside it: the app gets no
    /// Developer Managed Service Account. Governed by the config's
    /// `expected-auth`: `"both"` (the default) requires one
    /// client_credentials instance and allows authorization_code beside it;
    /// `"service-account"` (a strict policy) wants every instance
    /// client_credentials; `"user"` turns the rule off for apps that act as
    /// the signed-in user.
    ///
    /// ## Why
    /// Only the client_credentials grant gives the app a DMSA: with
    /// `authorization_code` alone the app acts as whoever signs in, the
    /// permissions the admin approves are not the app's, and a data sync
    /// breaks when that user leaves.
    ///
    /// ## Which `expected-auth`
    /// Procore's Data Connector model puts Service Account Authentication on
    /// top of User Level Authentication: "User Level Authentication … Every
    /// Data Connector app starts here." and "Service Account Authentication
    /// … It is added on top of User Level Authentication and cannot be used
    /// alone." (App types, procore/documentation `054b1fe`,
    /// plan_your_app/building_apps_app_types.md:
    /// https://github.com/procore/documentation/blob/054b1fe/plan_your_app/building_apps_app_types.md);
    /// the data connection guide says "Select Service Account
    /// Authentication and User Level Authentication" (`ff93936`,
    /// https://github.com/procore/documentation/blob/ff93936/building_applications/building_data_connection_apps.md).
    /// So a client_credentials instance with an authorization_code instance
    /// beside it is the normal shape, and the default (`"both"`) accepts it.
    /// - `expected-auth = "service-account"`: a strict policy, every
    ///   instance client_credentials;
    /// - `expected-auth = "user"`: the app acts as the signed-in user only;
    /// - `expected-auth = "both"` (default).
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
            "no client_credentials instance beside this authorization_code one: the app gets no Developer Managed Service Account",
            "add an oauth instance with \"grant_type\": \"client_credentials\" (Procore's Service Account Authentication, added on top of User Level Authentication); for an app that only acts as its users set `expected-auth = \"user\"` in procore-manifest.toml",
        ),
    };
    for (span, pointer) in authorization_code {
        out.push(Diagnostic::new(&A001, *span, pointer.clone(), message).with_help(help));
    }
}
