//! A: authentication and data connection. A Developer Managed Service
//! Account exists only behind a client_credentials data connection (3.x) or
//! a 4.1 permissions block; the rules check that the manifest sets one up and
//! that its permissions sit where the Permission Builder writes them.

use super::edits::remove_item;
use super::Checker;
use crate::declare_rule;
use crate::diagnostics::{Diagnostic, Fix};
use crate::model::view::{self, Placement};
use crate::model::SchemaFamily;
use crate::settings::ExpectedAuth;
use crate::syntax::Node;
use crate::text::closest;

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

declare_rule! {
    /// ## What it checks
    /// `grant_type` is neither `client_credentials` nor `authorization_code`
    /// (e.g. `"implicit"`, `"password"`, `"client-credentials"`); the
    /// message suggests the closest valid value.
    ///
    /// ## Why
    /// The Portal knows only those two grant types; anything else leaves
    /// the app without a working data connection.
    ///
    /// ## Example
    /// ```json
    /// { "uuid": "…", "grant_type": "client-credentials" }
    /// ```
    /// ## Fixed
    /// ```json
    /// { "uuid": "…", "grant_type": "client_credentials" }
    /// ```
    pub static A002 = ("A002", "unknown-grant-type", Error, None,
        "grant_type is not client_credentials nor authorization_code; suggest the closest");
}

declare_rule! {
    /// ## What it checks
    /// A 3.x oauth instance without `grant_type`.
    ///
    /// ## Why
    /// Without a grant type the Portal cannot tell a DMSA data connection
    /// from a user login.
    ///
    /// ## Example
    /// ```json
    /// { "uuid": "…", "permissions": { "project": { "rfi": "readonly" } } }
    /// ```
    /// ## Fixed
    /// ```json
    /// { "uuid": "…", "grant_type": "client_credentials", "permissions": { "project": { "rfi": "readonly" } } }
    /// ```
    pub static A003 = ("A003", "missing-grant-type", Error, None,
        "a 3.x oauth instance has no grant_type");
}

declare_rule! {
    /// ## What it checks
    /// A 3.x manifest declares tool permissions but has no oauth instance
    /// with `grant_type: "client_credentials"`.
    ///
    /// ## Why
    /// Permissions are granted to the Developer Managed Service Account,
    /// which only a client_credentials data connection creates: without
    /// one, nothing receives them.
    ///
    /// ## Example
    /// ```json
    /// { "schema_version": "3", "permissions": { "project": { "rfi": "readonly" } } }
    /// ```
    /// ## Fixed
    /// ```json
    /// { "schema_version": "3", "components": { "oauth": { "instances": [
    ///   { "uuid": "…", "grant_type": "client_credentials", "permissions": { "project": { "rfi": "readonly" } } } ] } } }
    /// ```
    pub static A004 = ("A004", "permissions-without-data-connection", Error, None,
        "a 3.x manifest declares tool permissions but no oauth instance with client_credentials");
}

declare_rule! {
    /// ## What it checks
    /// A 4.1 manifest still carries `components.oauth`.
    ///
    /// ## Why
    /// 4.1 no longer declares grant types: one set of credentials serves
    /// every grant type, and the permissions live in the top-level
    /// `permissions` block. The leftover block is rejected as an unknown
    /// member, and permissions inside it are not the ones the Portal reads.
    ///
    /// ## Example
    /// ```json
    /// { "schema_version": "4.1", "components": { "oauth": { "instances": [ { "uuid": "…", "grant_type": "client_credentials" } ] } } }
    /// ```
    /// ## Fixed
    /// ```json
    /// { "schema_version": "4.1" }
    /// ```
    /// ## Fix safety
    /// Removing the block is safe when it holds no permissions; when it does,
    /// the fix is unsafe: move them to the top-level `permissions` first.
    pub static A005 = ("A005", "legacy-oauth-component", Warning, Sometimes,
        "a 4.1 manifest still carries components.oauth; 4.1 no longer declares grant types");
}

declare_rule! {
    /// ## What it checks
    /// A client_credentials data connection (3.x) or a 4.1 `permissions`
    /// block that grants no tool at all (no block, empty scopes, or only
    /// `"none"`).
    ///
    /// ## Why
    /// The service account can reach nothing: every API call of the app will
    /// be refused. Usually the permissions were forgotten or put elsewhere.
    ///
    /// ## Example
    /// ```json
    /// { "schema_version": "4.1", "permissions": { "company": {}, "project": {} } }
    /// ```
    /// ## Fixed
    /// ```json
    /// { "schema_version": "4.1", "permissions": { "project": { "rfi": "readonly" } } }
    /// ```
    pub static A006 = ("A006", "data-connection-without-permissions", Warning, None,
        "a client_credentials data connection (3.x) or a 4.1 permissions block grants no tool at all");
}

declare_rule! {
    /// ## What it checks
    /// Permissions where the Permission Builder does not write them: a
    /// top-level `permissions` block in a 3.x manifest (3.x keeps them inside
    /// the client_credentials oauth instance), or permissions inside an
    /// oauth instance whose grant type is not client_credentials.
    ///
    /// ## Why
    /// The Portal reads permissions only where the builder puts them; a
    /// misplaced block is ignored or rejected, and the admin approves
    /// something other than what you reviewed.
    ///
    /// ## Example
    /// ```json
    /// { "schema_version": "3", "permissions": { "project": { "rfi": "readonly" } }, "components": { … } }
    /// ```
    /// ## Fixed
    /// ```json
    /// { "schema_version": "3", "components": { "oauth": { "instances": [
    ///   { "uuid": "…", "grant_type": "client_credentials", "permissions": { "project": { "rfi": "readonly" } } } ] } } }
    /// ```
    pub static A007 = ("A007", "misplaced-permissions", Warning, None,
        "permissions where the Permission Builder does not write them");
}

const GRANT_TYPES: [&str; 2] = ["client_credentials", "authorization_code"];

/// Does a block grant at least one tool (a level other than "none")?
fn grants_something(block: &Node) -> bool {
    block.effective_members().iter().any(|scope| {
        scope
            .value
            .effective_members()
            .iter()
            .any(|e| e.value.as_str().and_then(crate::model::Level::normalize) != Some(crate::model::Level::None))
    })
}

pub fn check(cx: &mut Checker) {
    match cx.family {
        SchemaFamily::V4_1 => check_v41(cx),
        SchemaFamily::V3 => check_v3(cx),
    }
}

fn check_v41(cx: &mut Checker) {
    let root = cx.root;
    if let Some(perms) = root.member("permissions") {
        if perms.value.as_object().is_some() && !grants_something(&perms.value) {
            cx.report(
                Diagnostic::new(
                    &A006,
                    perms.key_span,
                    "/permissions",
                    "the permissions block grants no tool: the service account will be refused every API call",
                )
                .with_help("add the tools the app needs, at the lowest level that works (Read-Only to read data)"),
            );
        }
    }
    let Some(components) = root.get("components") else {
        return;
    };
    let Some(members) = components.as_object() else { return };
    let Some(oauth_index) = members.iter().rposition(|m| &*m.key == "oauth") else {
        return;
    };
    let oauth = &members[oauth_index];
    let holds_permissions = view::oauth_instances(root)
        .iter()
        .any(|(_, inst, _)| inst.get("permissions").is_some());
    let only_oauth = members.iter().all(|m| &*m.key == "oauth");
    let (pointer, span, edit) = if only_oauth {
        let top = root.as_object().unwrap_or_default();
        let idx = top.iter().rposition(|m| &*m.key == "components");
        let spans: Vec<_> = top.iter().map(|m| m.span()).collect();
        let member = root.member("components");
        (
            "/components".to_string(),
            member.map_or(components.span, |m| m.key_span),
            idx.and_then(|i| remove_item(root.span, &spans, i)),
        )
    } else {
        let spans: Vec<_> = members.iter().map(|m| m.span()).collect();
        (
            "/components/oauth".to_string(),
            oauth.key_span,
            remove_item(components.span, &spans, oauth_index),
        )
    };
    let mut d = Diagnostic::new(
        &A005,
        span,
        pointer,
        "leftover `components.oauth` in a 4.1 manifest: 4.1 no longer declares grant types",
    );
    d = if holds_permissions {
        d.with_help("move the permissions inside it to the top-level `permissions` block, then remove the block")
    } else {
        d.with_help("remove the block; one set of credentials serves every grant type in 4.1")
    };
    if let Some(edit) = edit {
        let fix = if holds_permissions {
            Fix::unsafe_("remove the legacy oauth block (its permissions go with it)", vec![edit])
        } else {
            Fix::safe("remove the legacy oauth block", vec![edit])
        };
        d = d.with_fix(fix);
    }
    d.unnecessary = true;
    cx.report(d);
}

fn check_v3(cx: &mut Checker) {
    let root = cx.root;
    let expected = cx.settings.expected_auth;
    let instances = view::oauth_instances(root);
    let mut has_cc = false;
    let mut authorization_code = Vec::new();
    for (_, inst, pointer) in &instances {
        if inst.as_object().is_none() {
            continue;
        }
        match inst.member("grant_type") {
            None => cx.report(
                Diagnostic::new(
                    &A003,
                    cx.missing_span(inst),
                    pointer.clone(),
                    "this oauth instance has no `grant_type`",
                )
                .with_help("a data connection app needs \"grant_type\": \"client_credentials\""),
            ),
            Some(m) => match m.value.as_str() {
                Some("client_credentials") => has_cc = true,
                Some("authorization_code") => authorization_code.push((m.value.span, format!("{pointer}/grant_type"))),
                Some(other) => {
                    let mut d = Diagnostic::new(
                        &A002,
                        m.value.span,
                        format!("{pointer}/grant_type"),
                        format!(
                            "unknown grant type {}: Procore knows \"client_credentials\" and \"authorization_code\"",
                            crate::secrets::quote(other)
                        ),
                    );
                    // Two candidates: always name one. A near miss gets a
                    // "did you mean"; otherwise the data connection's own.
                    let help = match closest(&other.replace('-', "_"), GRANT_TYPES) {
                        Some(s) => format!("did you mean \"{s}\"?"),
                        None => "use \"client_credentials\" for a data connection (a service account); \"authorization_code\" is for an app that acts as its signed-in users".to_string(),
                    };
                    d = d.with_help(help);
                    cx.report(d);
                }
                None => {} // S003: must be a string
            },
        }
        // A007: permissions inside an instance whose grant type is not
        // client_credentials (whatever else it is, or missing: RULES.md).
        if let Some(p) = inst.member("permissions") {
            let gt = inst.get("grant_type").and_then(Node::as_str);
            if gt != Some("client_credentials") {
                cx.report(
                    Diagnostic::new(
                        &A007,
                        p.key_span,
                        format!("{pointer}/permissions"),
                        "permissions inside an oauth instance that is not client_credentials: only a client_credentials data connection has a service account to receive them",
                    )
                    .with_help("set this instance's grant_type to \"client_credentials\", or move the permissions to the client_credentials instance"),
                );
            }
        }
        // A006: a client_credentials instance that grants nothing.
        if inst.get("grant_type").and_then(Node::as_str) == Some("client_credentials") {
            let grants = inst.get("permissions").is_some_and(grants_something);
            if !grants {
                let (span, ptr) = match inst.member("permissions") {
                    Some(p) => (p.key_span, format!("{pointer}/permissions")),
                    None => (cx.missing_span(inst), pointer.clone()),
                };
                cx.report(
                    Diagnostic::new(
                        &A006,
                        span,
                        ptr,
                        "this client_credentials data connection grants no tool: the service account will be refused every API call",
                    )
                    .with_help("add `permissions` with the tools the app needs, at the lowest level that works"),
                );
            }
        }
    }
    let a001 = match expected {
        ExpectedAuth::User => None,
        ExpectedAuth::Both if has_cc => None,
        ExpectedAuth::ServiceAccount => Some((
            "grant type \"authorization_code\": the app acts as the signed-in user and gets no Developer Managed Service Account",
            "a data connection app uses \"client_credentials\"; for an app that acts as its users set `expected-auth = \"user\"` (or \"both\") in procore-manifest.toml",
        )),
        ExpectedAuth::Both => Some((
            "no client_credentials instance beside this authorization_code one: `expected-auth = \"both\"` needs a service account connection too",
            "add an oauth instance with \"grant_type\": \"client_credentials\"",
        )),
    };
    if let Some((message, help)) = a001 {
        for (span, pointer) in authorization_code {
            cx.report(Diagnostic::new(&A001, span, pointer, message).with_help(help));
        }
    }
    // A007: a top-level permissions block in 3.x.
    if let Some(p) = root.member("permissions") {
        cx.report(
            Diagnostic::new(
                &A007,
                p.key_span,
                "/permissions",
                "top-level `permissions` in a 3.x manifest: 3.x keeps them inside the client_credentials oauth instance",
            )
            .with_help("move this block to `components.oauth.instances[i].permissions` of the client_credentials instance, or migrate the manifest to 4.1"),
        );
    }
    // A004: permissions but no client_credentials instance (a missing or
    // unknown grant type, A003/A002, is no client_credentials either).
    if !has_cc {
        let blocks = view::permission_blocks(root);
        if let Some(first) = blocks
            .iter()
            .find(|b| grants_something(b.node()) || b.placement == Placement::TopLevel)
        {
            cx.report(
                Diagnostic::new(
                    &A004,
                    first.member.key_span,
                    first.pointer.clone(),
                    "tool permissions but no oauth instance with client_credentials: no service account exists to receive them",
                )
                .with_help("add an oauth instance with \"grant_type\": \"client_credentials\" and put the permissions inside it"),
            );
        }
    }
}
