//! A: the data connection. 3.x: every oauth instance's grant type (the
//! DMSA needs client_credentials) and where permissions sit; 4.1: no
//! leftover oauth blocks, a permissions block that grants something.

pub mod a001_grant_type_not_client_credentials;
pub mod a002_unknown_grant_type;
pub mod a003_missing_grant_type;
pub mod a004_permissions_without_data_connection;
pub mod a005_legacy_oauth_component;
pub mod a006_data_connection_without_permissions;
pub mod a007_misplaced_permissions;

pub use a001_grant_type_not_client_credentials::A001;
pub use a002_unknown_grant_type::A002;
pub use a003_missing_grant_type::A003;
pub use a004_permissions_without_data_connection::A004;
pub use a005_legacy_oauth_component::A005;
pub use a006_data_connection_without_permissions::A006;
pub use a007_misplaced_permissions::A007;

use super::Checker;
use crate::model::view;
use crate::model::{Level, SchemaFamily};
use crate::syntax::Node;

/// Does a block grant at least one tool (a level other than "none")?
fn grants_something(block: &Node) -> bool {
    block.effective_members().iter().any(|scope| {
        scope
            .value
            .effective_members()
            .iter()
            .any(|e| e.value.as_str().and_then(Level::normalize) != Some(Level::None))
    })
}

pub fn check(cx: &mut Checker) {
    // Pushed onto the file's findings in place (no copy of millions of them).
    let mut out = std::mem::take(&mut cx.diagnostics);
    match cx.family {
        SchemaFamily::V4_1 => {
            if cx.enabled(&A006) {
                a006_data_connection_without_permissions::check_top_level(cx.root, &mut out);
            }
            if cx.enabled(&A005) {
                a005_legacy_oauth_component::check(cx.root, &mut out);
            }
        }
        SchemaFamily::V3 => check_v3(cx, &mut out),
    }
    cx.diagnostics = out;
}

fn check_v3(cx: &Checker, out: &mut Vec<crate::diagnostics::Diagnostic>) {
    let mut has_cc = false;
    let mut authorization_code = Vec::new();
    let mut misplaced = Vec::new();
    for (_, inst, pointer) in &view::oauth_instances(cx.root) {
        if inst.as_object().is_none() {
            continue;
        }
        match inst.member("grant_type") {
            None if cx.enabled(&A003) => a003_missing_grant_type::check(cx, inst, pointer, out),
            None => {}
            Some(m) => match m.value.as_str() {
                Some("client_credentials") => has_cc = true,
                Some("authorization_code") => authorization_code.push((m.value.span, format!("{pointer}/grant_type"))),
                Some(other) if cx.enabled(&A002) => {
                    a002_unknown_grant_type::check(&m.value, format!("{pointer}/grant_type"), other, out)
                }
                _ => {} // not a string: S003
            },
        }
        if cx.enabled(&A007) {
            a007_misplaced_permissions::check_instance(inst, pointer, &mut misplaced);
        }
        if cx.enabled(&A006) {
            a006_data_connection_without_permissions::check_instance(cx, inst, pointer, out);
        }
    }
    if cx.enabled(&A001) {
        a001_grant_type_not_client_credentials::check(cx.settings.expected_auth, has_cc, &authorization_code, out);
    }
    if cx.enabled(&A007) {
        a007_misplaced_permissions::check_top_level(cx.root, &mut misplaced);
    }
    // One cause, one finding: without a client_credentials instance the
    // cause is that no service account exists (A004), not where the
    // permissions sit; A007 ("move them to the client_credentials
    // instance") speaks when there is one to move them to, or when A004
    // is off.
    let no_service_account = !has_cc && cx.enabled(&A004);
    if no_service_account {
        a004_permissions_without_data_connection::check(cx.root, out);
    }
    if !no_service_account || !out.iter().any(|d| d.rule == &A004) {
        out.append(&mut misplaced);
    }
}
