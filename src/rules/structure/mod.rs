//! S: structure. S001 comes from the parser, S002 from a walk over every
//! object, S003 from the JSON Schema (`crate::schema::validate`), S004 and
//! S005 from the version check; this module also decides the layout a
//! document is checked as.

pub mod s001_invalid_json;
pub mod s002_duplicate_key;
pub mod s003_schema_violation;
pub mod s004_unsupported_schema_version;
pub mod s005_legacy_schema_version;
pub mod s006_unknown_member;

pub use s001_invalid_json::S001;
pub use s002_duplicate_key::S002;
pub use s003_schema_violation::S003;
pub use s004_unsupported_schema_version::S004;
pub use s005_legacy_schema_version::S005;
pub use s006_unknown_member::S006;

use super::Checker;
use crate::model::SchemaFamily;
use crate::syntax::Node;

/// The layout a document uses, and whether its `schema_version` declared it.
pub fn detect_family(root: &Node) -> (SchemaFamily, bool) {
    match root
        .get("schema_version")
        .and_then(Node::as_str)
        .and_then(SchemaFamily::of_version)
    {
        Some(family) => (family, true),
        None => (infer_family(root), false),
    }
}

fn infer_family(root: &Node) -> SchemaFamily {
    use crate::vocab::{only_in, TOP_LEVEL_3, TOP_LEVEL_4_1};
    if only_in(TOP_LEVEL_4_1, TOP_LEVEL_3).any(|k| root.get(k).is_some()) {
        SchemaFamily::V4_1
    } else if only_in(TOP_LEVEL_3, TOP_LEVEL_4_1).any(|k| root.get(k).is_some()) {
        SchemaFamily::V3
    } else {
        SchemaFamily::V4_1
    }
}

/// S004 and S005.
pub fn schema_version(cx: &mut Checker, declared: bool) {
    if cx.root.as_object().is_none() {
        return; // S003 says the manifest must be an object
    }
    // Pushed onto the file's findings in place (no copy of millions of them).
    let mut out = std::mem::take(&mut cx.diagnostics);
    if cx.enabled(&S004) {
        s004_unsupported_schema_version::check(cx, declared, &mut out);
    }
    if cx.enabled(&S005) {
        s005_legacy_schema_version::check(cx, declared, &mut out);
    }
    cx.diagnostics = out;
}

/// A pointer in readable form: `sidepanel.views[1]`, or "the manifest".
pub fn readable(pointer: &str) -> String {
    if pointer.is_empty() {
        return "the manifest".into();
    }
    let mut out = String::new();
    for raw in pointer.trim_start_matches('/').split('/') {
        let seg = raw.replace("~1", "/").replace("~0", "~");
        if !out.is_empty() && !seg.is_empty() && seg.bytes().all(|b| b.is_ascii_digit()) {
            out.push_str(&format!("[{seg}]"));
        } else {
            if !out.is_empty() {
                out.push('.');
            }
            out.push_str(&crate::text::sanitize_inline(&seg));
        }
    }
    crate::text::code_span(&out)
}
