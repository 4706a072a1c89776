//! P: permissions, checked against what the Permission Builder can produce
//! (the catalog in `data/tools.json`). One walk over every permission entry
//! calls each rule's check when the rule is on.

pub mod p001_invalid_permission_level;
pub mod p002_unknown_tool;
pub mod p003_tool_in_wrong_scope;
pub mod p004_level_not_offered;
pub mod p005_unknown_permission_scope;
pub mod p006_redundant_none_grant;
pub mod p007_legacy_tool_key;

pub use p001_invalid_permission_level::P001;
pub use p002_unknown_tool::P002;
pub use p003_tool_in_wrong_scope::P003;
pub use p004_level_not_offered::P004;
pub use p005_unknown_permission_scope::P005;
pub use p006_redundant_none_grant::P006;
pub use p007_legacy_tool_key::P007;

use super::Checker;
use crate::catalog::{Catalog, Confidence, Scope};
use crate::diagnostics::Diagnostic;
use crate::model::view;
use crate::model::Level;

pub fn check(cx: &mut Checker) {
    let catalog = Catalog::new(&cx.settings.catalog);
    // Pushed onto the file's findings in place (no copy of millions of them).
    let mut out = std::mem::take(&mut cx.diagnostics);
    for view::Granted { block, entries } in cx.granted() {
        if cx.enabled(&P005) {
            for scope in block.scopes() {
                p005_unknown_permission_scope::check(block, scope, &mut out);
            }
        }
        for entry in entries {
            if let Some(scope) = Scope::parse(entry.scope) {
                check_entry(cx, &catalog, scope, entry, &mut out);
            }
        }
    }
    cx.diagnostics = out;
}

fn check_entry(cx: &Checker, catalog: &Catalog, scope: Scope, entry: &view::Entry, out: &mut Vec<Diagnostic>) {
    let level = p001_invalid_permission_level::level(entry, cx.enabled(&P001).then_some(&mut *out));
    match catalog.tool(scope, entry.key()) {
        None => {
            let other = catalog
                .tool(scope.other(), entry.key())
                .filter(|t| t.confidence >= Confidence::Medium);
            match other {
                Some(t) if cx.enabled(&P003) => p003_tool_in_wrong_scope::check(scope, t, entry, out),
                None if cx.enabled(&P002) => p002_unknown_tool::check(catalog, scope, entry, out),
                _ => {}
            }
        }
        Some(tool) => {
            if cx.enabled(&P007) {
                p007_legacy_tool_key::check(cx, tool, entry, out);
            }
            if let (Some(l), true) = (level, cx.enabled(&P004)) {
                p004_level_not_offered::check(scope, tool, l, entry, out);
            }
        }
    }
    if level == Some(Level::None) && cx.enabled(&P006) {
        p006_redundant_none_grant::check(cx, entry, out);
    }
}
