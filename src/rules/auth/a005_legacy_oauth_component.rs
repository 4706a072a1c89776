//! A005 `legacy-oauth-component`.

use crate::declare_rule;
use crate::diagnostics::{Diagnostic, Fix};
use crate::rules::edits::remove_member;
use crate::syntax::Node;

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
    /// Removing the block is safe when it holds no permissions (an empty
    /// block, or one of `none`s, grants nothing); when it does, the fix is
    /// unsafe: move them to the top-level `permissions` first.
    ///
    /// ## Evidence
    /// - Defining the App Manifest (4.1) (Procore developer documentation as of February 2026):
    ///   https://github.com/procore/documentation/blob/c755a366a7bf69bda46cd57ef66677275eddcc21/building_applications/building_apps_define_manifest_v41.md
    /// - Building Data Connection Apps (4.1): the Permission Builder (Procore developer documentation as of February 2026):
    ///   https://github.com/procore/documentation/blob/c755a366a7bf69bda46cd57ef66677275eddcc21/building_applications/building_data_connection_apps_v41.md
    pub static A005 = ("A005", "legacy-oauth-component", Warning, Sometimes,
        "a 4.1 manifest still carries components.oauth; 4.1 no longer declares grant types");
}

/// A `components.oauth` block left in a 4.1 manifest: removed by a safe
/// fix, or an unsafe one when permissions would go with it.
pub fn check(root: &Node, out: &mut Vec<Diagnostic>) {
    let Some(components) = root.get("components") else {
        return;
    };
    let Some(members) = components.as_object() else { return };
    let Some(oauth_index) = members.iter().rposition(|m| m.key == "oauth") else {
        return;
    };
    let oauth = &members[oauth_index];
    // Permissions anywhere in the block, however spelled (`Permissions`,
    // `permisions`, a bare `company` or `project` object): the removal
    // would take grants with it, so it is no safe fix.
    let holds_permissions = holds_grants(&oauth.value);
    // `oauth` written twice: no removal (the other would come back, or go
    // with it unseen).
    let twice = crate::rules::edits::written_twice(components, "oauth");
    let only_oauth = members.len() == 1;
    // A key written twice (`components` or `oauth`): no removal, which
    // would bring the earlier one back (see `remove_member`).
    let (pointer, span, edit) = if only_oauth {
        let top = root.as_object().unwrap_or_default();
        let idx = top.iter().rposition(|m| m.key == "components");
        let member = root.member("components");
        (
            "/components".to_string(),
            member.map_or(components.span, |m| m.key_span),
            idx.and_then(|i| remove_member(root, i)),
        )
    } else {
        (
            "/components/oauth".to_string(),
            oauth.key_span,
            remove_member(components, oauth_index),
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
    if let Some(edit) = edit.filter(|_| !twice) {
        let fix = if holds_permissions {
            Fix::unsafe_("remove the legacy oauth block (its permissions go with it)", vec![edit])
        } else {
            Fix::safe("remove the legacy oauth block", vec![edit])
        };
        d = d.with_fix(fix);
    }
    d.unnecessary = true;
    out.push(d);
}

/// Does `node` hold, at any depth, a member named like `permissions` (any
/// case, a near-typo) or a `company`/`project` object, that grants
/// something ([`grants_something`]), or a level under any name? An empty block, or one of `none`s,
/// goes with the oauth block and changes no access.
fn holds_grants(node: &Node) -> bool {
    match &node.kind {
        crate::syntax::NodeKind::Object(members) => members.each().any(|m| {
            let named = crate::text::closest(m.key, ["permissions"]).is_some()
                || (["company", "project"].iter().any(|k| m.key.eq_ignore_ascii_case(k))
                    && m.value.as_object().is_some());
            (named && grants_something(&m.value)) || holds_grants(&m.value)
        }),
        crate::syntax::NodeKind::Array(items) => items.each().any(|i| holds_grants(&i)),
        // A level anywhere is a grant under another name
        // (`"company_permissions": {"directory": "admin"}`, `"scopes": ["admin"]`).
        _ => node
            .as_str()
            .and_then(crate::model::Level::normalize)
            .is_some_and(|l| l > crate::model::Level::None),
    }
}

/// Does a value hold anything but `none`s and nulls (a level, or anything
/// that is no level: counted as a grant, never assumed harmless)?
fn grants_something(node: &Node) -> bool {
    use crate::syntax::NodeKind;
    match &node.kind {
        NodeKind::Null => false,
        NodeKind::Object(members) => members.each().any(|m| grants_something(&m.value)),
        NodeKind::Array(items) => items.each().any(|i| grants_something(&i)),
        _ => node.as_str().and_then(crate::model::Level::normalize) != Some(crate::model::Level::None),
    }
}
